//! Kubernetes objects read from multi-document YAML, and the order they are applied in.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One object to apply, with where it came from (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The object as JSON.
    pub value: Value,
    /// Where it came from: `file` or `file#3` (the document's position, from 1).
    pub origin: String,
}

/// A problem with a manifest, located by its origin.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ManifestError {
    /// File and document.
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

/// Identifies one object in a cluster.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    /// `group/version` or `v1`.
    pub api_version: String,
    /// Kind.
    pub kind: String,
    /// Namespace (`None` for cluster-scoped objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
}

impl ObjectRef {
    /// The API group ("" for the core group).
    pub fn group(&self) -> &str {
        self.api_version
            .rsplit_once('/')
            .map(|(g, _)| g)
            .unwrap_or("")
    }

    /// The version part of the apiVersion.
    pub fn version(&self) -> &str {
        self.api_version
            .rsplit_once('/')
            .map(|(_, v)| v)
            .unwrap_or(&self.api_version)
    }

    /// True for kinds Kubernetes itself serves (not a custom resource).
    pub fn is_builtin(&self) -> bool {
        let g = self.group();
        g.is_empty() || !g.contains('.') || g.ends_with(".k8s.io")
    }
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{} {}/{}", self.kind, ns, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

impl Manifest {
    /// The object's reference (apiVersion, kind, namespace, name).
    pub fn object_ref(&self) -> ObjectRef {
        let s = |p: &str| {
            self.value
                .pointer(p)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        ObjectRef {
            api_version: s("/apiVersion").unwrap_or_default(),
            kind: s("/kind").unwrap_or_default(),
            namespace: s("/metadata/namespace"),
            name: s("/metadata/name").unwrap_or_default(),
        }
    }

    /// Adds labels to the object (and, for workloads, not to their pod templates: selectors
    /// stay as upstream wrote them).
    pub fn add_labels(&mut self, labels: &std::collections::BTreeMap<String, String>) {
        let meta = self.value.as_object_mut().map(|o| {
            o.entry("metadata")
                .or_insert_with(|| Value::Object(Default::default()))
        });
        if let Some(Value::Object(meta)) = meta {
            let entry = meta
                .entry("labels")
                .or_insert_with(|| Value::Object(Default::default()));
            if !entry.is_object() {
                *entry = Value::Object(Default::default());
            }
            if let Value::Object(map) = entry {
                for (k, v) in labels {
                    map.insert(k.clone(), Value::String(v.clone()));
                }
            }
        }
    }
}

/// The documents of a YAML stream, any number of them, each within serde-saphyr's budget (depth,
/// nodes, aliases, scalar bytes) on its own, so a big rendered application reads and a hostile
/// document is still refused. Empty documents are left out.
pub fn yaml_documents(text: &str) -> Result<Vec<Value>, serde_saphyr::Error> {
    let mut bytes = text.as_bytes();
    serde_saphyr::read::<_, Value>(&mut bytes).collect()
}

/// Parses a multi-document YAML stream into objects. Empty documents are skipped; a document
/// that is not a mapping with apiVersion, kind and metadata.name is an error naming it. A
/// `List` kind is flattened into its items.
pub fn parse_documents(text: &str, origin: &str) -> Result<Vec<Manifest>, ManifestError> {
    let docs: Vec<Value> = yaml_documents(text).map_err(|e| ManifestError {
        origin: origin.to_string(),
        message: format!("not valid YAML: {e}"),
    })?;
    let mut out = Vec::new();
    let mut n = 0;
    for doc in docs {
        if doc.is_null() {
            continue;
        }
        n += 1;
        let here = format!("{origin}#{n}");
        let err = |message: String| ManifestError {
            origin: here.clone(),
            message,
        };
        if !doc.is_object() {
            return Err(err(
                "a document must be a mapping (a Kubernetes object)".into()
            ));
        }
        if doc
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| k.ends_with("List"))
            && let Some(items) = doc.get("items").and_then(Value::as_array)
        {
            for (i, item) in items.iter().enumerate() {
                let m = Manifest {
                    value: item.clone(),
                    origin: format!("{here}.items[{i}]"),
                };
                check(&m)?;
                out.push(m);
            }
            continue;
        }
        let m = Manifest {
            value: doc,
            origin: here.clone(),
        };
        check(&m)?;
        out.push(m);
    }
    Ok(out)
}

fn check(m: &Manifest) -> Result<(), ManifestError> {
    let r = m.object_ref();
    let missing = if r.api_version.is_empty() {
        Some("apiVersion")
    } else if r.kind.is_empty() {
        Some("kind")
    } else if r.name.is_empty() {
        Some("metadata.name")
    } else {
        None
    };
    match missing {
        Some(field) => Err(ManifestError {
            origin: m.origin.clone(),
            message: format!("{field} is missing"),
        }),
        None => Ok(()),
    }
}

/// Helm's install order by kind (`pkg/releaseutil/kind_sorter.go`); unknown kinds (custom
/// resources) come after every known one.
const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "RuntimeClass",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Where a kind goes in the install order (lower first).
pub fn install_rank(kind: &str) -> usize {
    INSTALL_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(INSTALL_ORDER.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_skip_empty_and_flatten_lists() {
        let text = "---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n---\n\
                    apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n";
        let docs = parse_documents(text, "f.yaml").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].origin, "f.yaml#1");
        assert_eq!(docs[1].origin, "f.yaml#2.items[0]");
        assert_eq!(docs[1].object_ref().kind, "Secret");
    }

    #[test]
    fn a_document_without_a_name_is_located() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {}\n";
        let e = parse_documents(text, "x.yaml").unwrap_err();
        assert_eq!(e.to_string(), "x.yaml#2: metadata.name is missing");
    }

    #[test]
    fn helm_order_with_custom_resources_last() {
        let mut kinds = [
            "IPAddressPool",
            "Deployment",
            "Namespace",
            "CustomResourceDefinition",
            "ServiceAccount",
        ];
        kinds.sort_by_key(|k| install_rank(k));
        assert_eq!(
            kinds,
            [
                "Namespace",
                "ServiceAccount",
                "CustomResourceDefinition",
                "Deployment",
                "IPAddressPool"
            ]
        );
    }

    #[test]
    fn builtin_groups() {
        let r = |api_version: &str| ObjectRef {
            api_version: api_version.into(),
            kind: "K".into(),
            namespace: None,
            name: "n".into(),
        };
        assert!(r("v1").is_builtin());
        assert!(r("apps/v1").is_builtin());
        assert!(r("rbac.authorization.k8s.io/v1").is_builtin());
        assert!(!r("metallb.io/v1beta1").is_builtin());
        assert!(!r("monitoring.coreos.com/v1").is_builtin());
    }
}
