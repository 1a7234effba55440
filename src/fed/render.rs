//! What a member cluster receives (`pkg/controllers/binding/common.go ensureWork`,
//! `ctrlutil/work.go`, `resourceinterpreter/default/native/prune`): the template with its claim,
//! replicas revised, overrides applied, binding and work bookkeeping added with Karmada's keys,
//! and server-owned fields pruned.

use serde_json::{Map, Value, json};

use super::Template;
use super::divide::fnv32a;

/// The policy that claimed a template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PolicyRef {
    /// PropagationPolicy or ClusterPropagationPolicy.
    pub kind: &'static str,
    /// Namespace (absent for a ClusterPropagationPolicy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// The policy's permanent id.
    #[serde(skip)]
    pub permanent_id: String,
}

/// A stable UUID-shaped id derived from `seed` (Karmada assigns random ones; a plan must be
/// reproducible, so tcs derives them unless the object already carries one).
pub fn stable_id(seed: &str) -> String {
    use sha2::{Digest, Sha256};
    let h = hex::encode(Sha256::digest(seed.as_bytes()));
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `k8s.io/apimachinery/pkg/util/rand.SafeEncodeString`.
fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes()
        .map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char)
        .collect()
}

/// Karmada's binding name: `lower(name-kind)` with ':' replaced by '.'.
pub fn binding_name(name: &str, kind: &str) -> String {
    format!("{}-{}", name.replace(':', "."), kind).to_lowercase()
}

/// Karmada's Work name for a template.
pub fn work_name(namespace: &str, name: &str, kind: &str) -> String {
    let key = if namespace.is_empty() {
        format!("{name}-{kind}")
    } else {
        format!("{namespace}-{name}-{kind}")
    }
    .to_lowercase();
    format!(
        "{}-{}",
        name.to_lowercase(),
        safe_encode(&fnv32a(key.as_bytes()).to_string())
    )
}

fn meta_map<'a>(obj: &'a mut Value, field: &str) -> &'a mut Map<String, Value> {
    let meta = obj
        .as_object_mut()
        .expect("templates are objects")
        .entry("metadata")
        .or_insert_with(|| json!({}));
    if !meta.is_object() {
        *meta = json!({});
    }
    let map = meta
        .as_object_mut()
        .expect("set above")
        .entry(field)
        .or_insert_with(|| json!({}));
    if !map.is_object() {
        *map = json!({});
    }
    map.as_object_mut().expect("set above")
}

/// The template with the policy's claim (what Karmada writes back to the template).
pub fn claimed(t: &Template, policy: &PolicyRef) -> Value {
    let mut obj = t.value.clone();
    match policy.kind {
        "PropagationPolicy" => {
            meta_map(&mut obj, "labels").insert(
                "propagationpolicy.karmada.io/permanent-id".into(),
                json!(policy.permanent_id),
            );
            let a = meta_map(&mut obj, "annotations");
            a.insert(
                "propagationpolicy.karmada.io/namespace".into(),
                json!(policy.namespace.clone().unwrap_or_default()),
            );
            a.insert(
                "propagationpolicy.karmada.io/name".into(),
                json!(policy.name),
            );
        }
        _ => {
            meta_map(&mut obj, "labels").insert(
                "clusterpropagationpolicy.karmada.io/permanent-id".into(),
                json!(policy.permanent_id),
            );
            meta_map(&mut obj, "annotations").insert(
                "clusterpropagationpolicy.karmada.io/name".into(),
                json!(policy.name),
            );
        }
    }
    obj
}

/// Writes the cluster's replica count where the kind keeps it, only if the field exists.
pub fn revise_replicas(obj: &mut Value, kind: &str, replicas: i64) {
    let field = match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" => "replicas",
        "Job" => "parallelism",
        _ => return,
    };
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut)
        && spec.contains_key(field)
    {
        spec.insert(field.into(), json!(replicas));
    }
}

/// Binding and work bookkeeping for one template, computed once and applied per cluster.
pub struct Bookkeeping<'a> {
    kind: &'a str,
    labels: Vec<(&'static str, String)>,
    annotations: Vec<(&'static str, String)>,
    work: String,
    conflict_resolution: String,
}

impl<'a> Bookkeeping<'a> {
    /// The bookkeeping for `t` with the given conflict resolution (`abort` or `overwrite`).
    pub fn new(t: &'a Template, conflict_resolution: &str) -> Self {
        let binding = binding_name(&t.name, &t.kind);
        let binding_id = stable_id(&format!("binding/{}/{}", t.namespace, binding));
        let mut labels = Vec::new();
        let mut annotations = Vec::new();
        if t.namespace.is_empty() {
            labels.push(("clusterresourcebinding.karmada.io/permanent-id", binding_id));
            annotations.push(("clusterresourcebinding.karmada.io/name", binding));
        } else {
            labels.push(("resourcebinding.karmada.io/permanent-id", binding_id));
            annotations.push(("resourcebinding.karmada.io/namespace", t.namespace.clone()));
            annotations.push(("resourcebinding.karmada.io/name", binding));
        }
        if t.generation > 0 {
            annotations.push((
                "resourcetemplate.karmada.io/generation",
                t.generation.to_string(),
            ));
        }
        Bookkeeping {
            kind: &t.kind,
            labels,
            annotations,
            work: work_name(&t.namespace, &t.name, &t.kind),
            conflict_resolution: conflict_resolution.to_string(),
        }
        .with_uid(&t.uid)
    }

    fn with_uid(mut self, uid: &str) -> Self {
        if !uid.is_empty() {
            self.annotations
                .push(("resourcetemplate.karmada.io/uid", uid.to_string()));
        }
        self
    }

    /// The Work's namespace in the control plane and its permanent id, for `cluster`.
    fn work_of(&self, cluster: &str) -> (String, String) {
        let namespace = format!("karmada-es-{cluster}");
        let id = stable_id(&format!("work/{namespace}/{}", self.work));
        (namespace, id)
    }

    /// Turns an object `apply` made for one cluster into the same object for `cluster`: only
    /// the Work's namespace and permanent id name the cluster (the managed-key lists stay).
    pub fn name_cluster(&self, obj: &mut Value, cluster: &str) {
        let (namespace, id) = self.work_of(cluster);
        meta_map(obj, "labels").insert("work.karmada.io/permanent-id".into(), json!(id));
        meta_map(obj, "annotations").insert("work.karmada.io/namespace".into(), json!(namespace));
    }

    /// Adds binding and work bookkeeping for `cluster`, prunes server-owned fields, and records
    /// the managed keys.
    pub fn apply(&self, obj: &mut Value, cluster: &str) {
        {
            let labels = meta_map(obj, "labels");
            for (k, v) in &self.labels {
                labels.insert((*k).into(), json!(v));
            }
        }
        {
            let a = meta_map(obj, "annotations");
            for (k, v) in &self.annotations {
                a.insert((*k).into(), json!(v));
            }
        }
        prune(obj, self.kind);
        let (work_namespace, work_id) = self.work_of(cluster);
        {
            let labels = meta_map(obj, "labels");
            labels.insert("karmada.io/managed".into(), json!("true"));
            labels.insert("work.karmada.io/permanent-id".into(), json!(work_id));
        }
        let labels: Vec<String> = meta_map(obj, "labels").keys().cloned().collect();
        let a = meta_map(obj, "annotations");
        a.insert("work.karmada.io/name".into(), json!(self.work));
        a.insert("work.karmada.io/namespace".into(), json!(work_namespace));
        a.insert(
            "work.karmada.io/conflict-resolution".into(),
            json!(self.conflict_resolution),
        );
        a.insert(
            "resourcetemplate.karmada.io/managed-annotations".into(),
            Value::Null,
        );
        a.insert(
            "resourcetemplate.karmada.io/managed-labels".into(),
            Value::Null,
        );
        // serde_json's map is ordered by key, so the key lists come out sorted.
        let annotations: Vec<&str> = a.keys().map(String::as_str).collect();
        let managed_annotations = annotations.join(",");
        a.insert(
            "resourcetemplate.karmada.io/managed-annotations".into(),
            json!(managed_annotations),
        );
        a.insert(
            "resourcetemplate.karmada.io/managed-labels".into(),
            json!(labels.join(",")),
        );
    }
}

/// Karmada's prune: server-owned metadata, status, and per-kind generated fields.
pub fn prune(obj: &mut Value, kind: &str) {
    let Some(map) = obj.as_object_mut() else {
        return;
    };
    map.remove("status");
    if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
        for f in [
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation",
            "managedFields",
            "resourceVersion",
            "selfLink",
            "uid",
            "ownerReferences",
            "finalizers",
        ] {
            meta.remove(f);
        }
    }
    let remove_annotation = |obj: &mut Value, key: &str| {
        if let Some(a) = obj
            .pointer_mut("/metadata/annotations")
            .and_then(Value::as_object_mut)
        {
            a.remove(key);
        }
    };
    match kind {
        "Deployment" => {
            remove_annotation(obj, "deployment.kubernetes.io/revision");
            remove_annotation(obj, "deployment.kubernetes.io/revision-history");
        }
        "Service" => {
            let headless = obj.pointer("/spec/clusterIP").and_then(Value::as_str) == Some("None");
            if !headless && let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                spec.remove("clusterIP");
                spec.remove("clusterIPs");
            }
        }
        "Job" => {
            let manual = obj.pointer("/spec/manualSelector").and_then(Value::as_bool) == Some(true);
            if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                spec.remove("ttlSecondsAfterFinished");
            }
            if !manual {
                let generated = |k: &str| {
                    k == "controller-uid"
                        || k == "job-name"
                        || k.starts_with("batch.kubernetes.io/")
                };
                for path in [
                    "/spec/selector/matchLabels",
                    "/spec/template/metadata/labels",
                ] {
                    if let Some(m) = obj.pointer_mut(path).and_then(Value::as_object_mut) {
                        m.retain(|k, _| !generated(k));
                    }
                }
            }
        }
        "ServiceAccount" => {
            let name = obj
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if let Some(secrets) = obj.pointer_mut("/secrets").and_then(Value::as_array_mut) {
                let prefix = format!("{name}-token-");
                secrets.retain(|s| {
                    !s.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.starts_with(&prefix))
                });
            }
        }
        "Secret"
            if obj.get("type").and_then(Value::as_str)
                == Some("kubernetes.io/service-account-token") =>
        {
            remove_annotation(obj, "kubernetes.io/service-account.uid");
            if let Some(m) = obj.as_object_mut() {
                m.insert("data".into(), Value::Null);
            }
        }
        "PersistentVolumeClaim" => remove_annotation(obj, "volume.kubernetes.io/selected-node"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_karmada() {
        // Karmada's docs: Deployment default/nginx is dispatched as Work nginx-687f7fb96f.
        assert_eq!(
            work_name("default", "nginx", "Deployment"),
            "nginx-687f7fb96f"
        );
        assert_eq!(binding_name("nginx", "Deployment"), "nginx-deployment");
        assert_eq!(
            binding_name("system:admin", "ClusterRole"),
            "system.admin-clusterrole"
        );
    }

    #[test]
    fn prune_removes_server_fields() {
        let mut svc = json!({"kind": "Service", "metadata": {"name": "s", "uid": "u", "resourceVersion": "1", "managedFields": []},
            "spec": {"clusterIP": "10.0.0.1", "clusterIPs": ["10.0.0.1"], "ports": []}, "status": {}});
        prune(&mut svc, "Service");
        assert_eq!(
            svc,
            json!({"kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": []}})
        );
        let mut headless =
            json!({"kind": "Service", "metadata": {"name": "h"}, "spec": {"clusterIP": "None"}});
        prune(&mut headless, "Service");
        assert_eq!(headless["spec"]["clusterIP"], "None");
    }

    #[test]
    fn replicas_only_where_present() {
        let mut d = json!({"spec": {"replicas": 3}});
        revise_replicas(&mut d, "Deployment", 2);
        assert_eq!(d["spec"]["replicas"], 2);
        let mut absent = json!({"spec": {}});
        revise_replicas(&mut absent, "Deployment", 2);
        assert_eq!(absent, json!({"spec": {}}));
        let mut job = json!({"spec": {"parallelism": 4}});
        revise_replicas(&mut job, "Job", 1);
        assert_eq!(job["spec"]["parallelism"], 1);
    }
}
