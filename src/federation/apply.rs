//! `tcs fed apply` and `tcs fed status`: plan with the engine over the registry's clusters and
//! the recorded placements, server-side apply each member's objects (field manager `tcs-fed`),
//! prune what a member no longer gets, and record each resource's placement as a Karmada
//! ResourceBinding (kept in a ConfigMap in the global cluster's `tcs-fleet` namespace), which
//! the next plan reads back so scaling keeps a steady assignment.

use super::registry::{Connector, clusters, connect_member};
use super::{FED_FIELD_MANAGER, FLEET_NAMESPACE, FedError};
use crate::fed::{self, Inputs};
use crate::kube::{Applier, ApplyEvent, Manifest, ObjectRef, install_rank};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// Label on every binding record.
const BINDING_LABEL: &str = "fed.tcs.io/binding";
/// Annotation on member objects: the resource template they come from.
pub const TEMPLATE_ANNOTATION: &str = "fed.tcs.io/template";
/// Annotation on member objects: the policy that placed them.
pub const POLICY_ANNOTATION: &str = "fed.tcs.io/policy";
/// Annotation on a binding: members an object still has to be deleted from.
const PENDING_PRUNE: &str = "fed.tcs.io/pending-prune";

/// What happened to one resource in one member.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceOutcome {
    /// `Kind namespace/name`.
    pub resource: String,
    /// Member.
    pub cluster: String,
    /// applied, pruned, failed, unreachable.
    pub action: String,
    /// Replicas placed there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
    /// Error or reason.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The result of `tcs fed apply`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FedApplyReport {
    /// Per resource and member.
    pub outcomes: Vec<ResourceOutcome>,
    /// Members that could not be reached (retried by the next apply).
    pub unreachable: Vec<String>,
    /// Resources the engine could not plan.
    pub plan_errors: Vec<String>,
    /// What the plan warned about (a namespace missing where resources in it go, ...), beyond
    /// the warnings of reading the files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_warnings: Vec<String>,
}

impl FedApplyReport {
    /// True when everything was applied and pruned.
    pub fn complete(&self) -> bool {
        self.unreachable.is_empty()
            && self.plan_errors.is_empty()
            && self
                .outcomes
                .iter()
                .all(|o| o.action == "applied" || o.action == "pruned")
    }
}

fn template_key(api_version: &str, kind: &str, namespace: &str, name: &str) -> String {
    format!("{api_version}/{kind}/{namespace}/{name}")
}

fn record_name(key: &str) -> String {
    // DNS-safe and stable: the first 16 hex digits of the key's sha256.
    format!("binding-{}", &crate::steps::sha256_hex(key)[..16])
}

fn describe(kind: &str, namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        format!("{kind} {name}")
    } else {
        format!("{kind} {namespace}/{name}")
    }
}

/// The member object a binding's `spec.resource` names.
fn resource_of(r: &Value) -> ObjectRef {
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    let ns = s("namespace");
    ObjectRef {
        api_version: s("apiVersion"),
        kind: s("kind"),
        namespace: (!ns.is_empty()).then_some(ns),
        name: s("name"),
    }
}

/// The recorded placements (Karmada ResourceBindings), as the engine reads them.
pub async fn binding_inputs(global: &Applier) -> Result<Vec<Value>, FedError> {
    let refs = global
        .list_labelled("v1", "ConfigMap", &format!("{BINDING_LABEL}=true"))
        .await?;
    let mut out = Vec::new();
    for r in refs {
        if let Some(cm) = global.get(&r).await?
            && let Some(text) = cm.pointer("/data/binding").and_then(Value::as_str)
            && let Ok(mut b) = serde_json::from_str::<Value>(text)
        {
            if let Some(p) = cm.pointer(&format!(
                "/metadata/annotations/{}",
                PENDING_PRUNE.replace('/', "~1")
            )) {
                b["metadata"]["annotations"][PENDING_PRUNE] = p.clone();
            }
            out.push(b);
        }
    }
    Ok(out)
}

async fn write_binding(
    global: &Applier,
    key: &str,
    binding: &Value,
    pending: &[String],
) -> Result<(), FedError> {
    let mut annotations = serde_json::Map::new();
    if !pending.is_empty() {
        annotations.insert(PENDING_PRUNE.into(), json!(pending.join(",")));
    }
    let m = Manifest {
        value: json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": record_name(key), "namespace": FLEET_NAMESPACE,
                "labels": {BINDING_LABEL: "true", "app.kubernetes.io/managed-by": "tcs-fed"},
                "annotations": annotations},
            "data": {"template": key, "binding": binding.to_string()}}),
        origin: format!("binding of {key}"),
    };
    global
        .apply_one(&m, Instant::now() + Duration::from_secs(30), &|_| {})
        .await?;
    Ok(())
}

/// Plans `inputs` (resources and policies; clusters and previous bindings come from the
/// global cluster), applies every member's objects, prunes what members no longer get, and
/// records the placements. Unreachable members are reported and retried next time; the others
/// proceed.
pub async fn apply_plan(
    global: &Applier,
    mut inputs: Inputs,
    connector: &Connector,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<FedApplyReport, FedError> {
    for c in clusters(global).await? {
        let cluster: fed::types::Cluster = serde_json::from_value(c)
            .map_err(|e| FedError::Other(format!("registry entry: {e}")))?;
        inputs.clusters.push(cluster);
    }
    let previous = binding_inputs(global).await?;
    if inputs.clusters.is_empty() && previous.is_empty() {
        return Err(FedError::Other(
            "the fleet has no members: join clusters first (tcs cluster join NAME --kubeconfig FILE)".into(),
        ));
    }
    for b in &previous {
        if let Ok(rb) = serde_json::from_value::<fed::types::ResourceBinding>(b.clone()) {
            inputs.bindings.push(rb);
        }
    }
    let plan = fed::plan(&inputs);
    let mut report = FedApplyReport {
        plan_errors: plan
            .errors
            .iter()
            .map(|e| {
                let r = &e.resource;
                format!(
                    "{}{}: {}",
                    describe(&r.kind, r.namespace.as_deref().unwrap_or(""), &r.name),
                    e.cluster
                        .as_ref()
                        .map(|c| format!(" in {c}"))
                        .unwrap_or_default(),
                    e.message
                )
            })
            .collect(),
        plan_warnings: plan.warnings[inputs.warnings.len()..].to_vec(),
        ..Default::default()
    };

    // Where each template was and is going.
    let mut was: BTreeMap<String, (Value, BTreeSet<String>)> = BTreeMap::new();
    for b in &previous {
        let r = &b["spec"]["resource"];
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        let key = template_key(&s("apiVersion"), &s("kind"), &s("namespace"), &s("name"));
        let mut members: BTreeSet<String> = b["spec"]["clusters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["name"].as_str().map(str::to_string))
            .collect();
        if let Some(p) = b
            .pointer(&format!(
                "/metadata/annotations/{}",
                PENDING_PRUNE.replace('/', "~1")
            ))
            .and_then(Value::as_str)
        {
            members.extend(p.split(',').filter(|s| !s.is_empty()).map(str::to_string));
        }
        was.insert(key, (r.clone(), members));
    }
    let mut now: BTreeMap<String, &fed::Placement> = BTreeMap::new();
    for p in &plan.placements {
        let r = &p.resource;
        now.insert(
            template_key(
                &r.api_version,
                &r.kind,
                r.namespace.as_deref().unwrap_or(""),
                &r.name,
            ),
            p,
        );
    }

    let members: BTreeSet<String> = plan
        .clusters
        .keys()
        .cloned()
        .chain(was.values().flat_map(|(_, m)| m.iter().cloned()))
        .collect();
    let mut applied: BTreeMap<(String, String), Result<(), String>> = BTreeMap::new();
    let mut pending: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for member in &members {
        let client = match connect_member(global, member, connector).await {
            Ok(c) => match c.apiserver_version().await {
                Ok(_) => Some(c),
                Err(e) => {
                    report
                        .unreachable
                        .push(format!("{member}: {}", crate::kube::describe_error(&e)));
                    None
                }
            },
            // Left the fleet (unjoined without --prune): what it has stays there, and it
            // drops out of the records below.
            Err(FedError::NotJoined { .. }) => continue,
            Err(e) => {
                report.unreachable.push(e.to_string());
                None
            }
        };
        let objects = plan.clusters.get(member).cloned().unwrap_or_default();
        let Some(client) = client else {
            for o in &objects {
                let r = Manifest {
                    value: o.clone(),
                    origin: String::new(),
                }
                .object_ref();
                report.outcomes.push(ResourceOutcome {
                    resource: describe(&r.kind, r.namespace.as_deref().unwrap_or(""), &r.name),
                    cluster: member.clone(),
                    action: "unreachable".into(),
                    replicas: None,
                    message: "member unreachable; retried by the next apply".into(),
                });
            }
            for (key, (_, m)) in &was {
                if m.contains(member)
                    && !now
                        .get(key)
                        .is_some_and(|p| p.clusters.iter().any(|c| &c.name == member))
                {
                    pending.entry(key.clone()).or_default().push(member.clone());
                }
            }
            continue;
        };
        let applier = Applier::new(client, FED_FIELD_MANAGER);
        let mut manifests: Vec<Manifest> = objects
            .into_iter()
            .map(|mut o| {
                let r = Manifest {
                    value: o.clone(),
                    origin: String::new(),
                }
                .object_ref();
                let key = template_key(
                    &r.api_version,
                    &r.kind,
                    r.namespace.as_deref().unwrap_or(""),
                    &r.name,
                );
                o["metadata"]["labels"]["app.kubernetes.io/managed-by"] = json!("tcs-fed");
                o["metadata"]["annotations"][TEMPLATE_ANNOTATION] = json!(key);
                if let Some(policy) = now.get(&key).and_then(|p| p.policy.as_ref()) {
                    let name = match &policy.namespace {
                        Some(ns) => format!("{} {ns}/{}", policy.kind, policy.name),
                        None => format!("{} {}", policy.kind, policy.name),
                    };
                    o["metadata"]["annotations"][POLICY_ANNOTATION] = json!(name);
                }
                Manifest {
                    value: o,
                    origin: format!("{member}: {key}"),
                }
            })
            .collect();
        manifests.sort_by_key(|m| install_rank(&m.object_ref().kind));
        let deadline = Instant::now() + Duration::from_secs(60);
        for m in &manifests {
            let r = m.object_ref();
            let key = template_key(
                &r.api_version,
                &r.kind,
                r.namespace.as_deref().unwrap_or(""),
                &r.name,
            );
            let replicas = now
                .get(&key)
                .and_then(|p| p.clusters.iter().find(|c| &c.name == member))
                .and_then(|c| c.replicas);
            let result = applier.apply_one(m, deadline, on).await;
            report.outcomes.push(ResourceOutcome {
                resource: describe(&r.kind, r.namespace.as_deref().unwrap_or(""), &r.name),
                cluster: member.clone(),
                action: if result.is_ok() { "applied" } else { "failed" }.into(),
                replicas,
                message: result
                    .as_ref()
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            });
            applied.insert(
                (key, member.clone()),
                result.map(|_| ()).map_err(|e| e.to_string()),
            );
        }
        // Prune: templates this member had and no longer gets.
        for (key, (r, m)) in &was {
            if !m.contains(member)
                || now
                    .get(key)
                    .is_some_and(|p| p.clusters.iter().any(|c| &c.name == member))
            {
                continue;
            }
            let target = resource_of(r);
            let ns = target.namespace.clone().unwrap_or_default();
            match applier.delete(&target, on).await {
                Ok(_) => report.outcomes.push(ResourceOutcome {
                    resource: describe(&target.kind, &ns, &target.name),
                    cluster: member.clone(),
                    action: "pruned".into(),
                    replicas: None,
                    message: String::new(),
                }),
                Err(e) => {
                    pending.entry(key.clone()).or_default().push(member.clone());
                    report.outcomes.push(ResourceOutcome {
                        resource: describe(&target.kind, &ns, &target.name),
                        cluster: member.clone(),
                        action: "failed".into(),
                        replicas: None,
                        message: e.to_string(),
                    });
                }
            }
        }
    }

    // Record the placements (and forget templates that are gone everywhere).
    for (key, p) in &now {
        let r = &p.resource;
        let namespaced = r.namespace.as_deref().is_some_and(|n| !n.is_empty());
        let aggregated: Vec<Value> = p
            .clusters
            .iter()
            .map(|c| match applied.get(&(key.clone(), c.name.clone())) {
                Some(Ok(())) => json!({"clusterName": c.name, "applied": true}),
                Some(Err(e)) => json!({"clusterName": c.name, "applied": false, "appliedMessage": e}),
                None => json!({"clusterName": c.name, "applied": false, "appliedMessage": "member unreachable"}),
            })
            .collect();
        let mut binding = json!({
            "apiVersion": "work.karmada.io/v1alpha2",
            "kind": if namespaced { "ResourceBinding" } else { "ClusterResourceBinding" },
            "metadata": {"name": fed::render::binding_name(&r.name, &r.kind)},
            "spec": {
                "resource": {"apiVersion": r.api_version, "kind": r.kind, "name": r.name},
                "clusters": p.clusters.iter().map(|c| {
                    let mut t = json!({"name": c.name});
                    if let Some(n) = c.replicas { t["replicas"] = json!(n); }
                    t
                }).collect::<Vec<_>>(),
            },
            "status": {"aggregatedStatus": aggregated},
        });
        if let Some(ns) = r.namespace.as_deref().filter(|n| !n.is_empty()) {
            binding["metadata"]["namespace"] = json!(ns);
            binding["spec"]["resource"]["namespace"] = json!(ns);
        }
        if let Some(policy) = &p.policy {
            binding["metadata"]["labels"] =
                json!({"fed.tcs.io/policy": format!("{}.{}", policy.kind, policy.name)});
        }
        write_binding(
            global,
            key,
            &binding,
            pending.get(key).map(Vec::as_slice).unwrap_or_default(),
        )
        .await?;
    }
    for key in was.keys().filter(|k| !now.contains_key(*k)) {
        match pending.get(key) {
            Some(left) => {
                let (r, _) = &was[key];
                let binding = json!({"apiVersion": "work.karmada.io/v1alpha2", "kind": "ResourceBinding",
                    "metadata": {"name": "pending-prune"}, "spec": {"resource": r, "clusters": []}});
                write_binding(global, key, &binding, left).await?;
            }
            None => {
                let record = ObjectRef {
                    api_version: "v1".into(),
                    kind: "ConfigMap".into(),
                    namespace: Some(FLEET_NAMESPACE.into()),
                    name: record_name(key),
                };
                global.delete(&record, on).await?;
            }
        }
    }
    Ok(report)
}

/// One row of `tcs fed status`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRow {
    /// `Kind namespace/name`.
    pub resource: String,
    /// Member.
    pub cluster: String,
    /// Replicas the placement gives the member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired: Option<i64>,
    /// Whether the last apply succeeded there.
    pub applied: bool,
    /// Ready replicas in the member now (workloads), when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready: Option<i64>,
    /// Last error.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
}

/// Per resource and member: desired vs applied vs ready, and the last error. `filter` keeps
/// resources whose `Kind namespace/name` contains it.
pub async fn fed_status(
    global: &Applier,
    connector: &Connector,
    filter: Option<&str>,
) -> Result<Vec<StatusRow>, FedError> {
    let mut rows = Vec::new();
    let mut members: BTreeMap<String, Option<Applier>> = BTreeMap::new();
    for b in binding_inputs(global).await? {
        let r = &b["spec"]["resource"];
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        let resource = describe(&s("kind"), &s("namespace"), &s("name"));
        if filter.is_some_and(|f| !resource.contains(f)) {
            continue;
        }
        let status: BTreeMap<String, Value> = b["status"]["aggregatedStatus"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                a["clusterName"]
                    .as_str()
                    .map(|n| (n.to_string(), a.clone()))
            })
            .collect();
        for c in b["spec"]["clusters"].as_array().into_iter().flatten() {
            let name = c["name"].as_str().unwrap_or("").to_string();
            if !members.contains_key(&name) {
                let applier = connect_member(global, &name, connector)
                    .await
                    .ok()
                    .map(|c| Applier::new(c, FED_FIELD_MANAGER));
                members.insert(name.clone(), applier);
            }
            let target = resource_of(r);
            let live = match members.get(&name).and_then(Option::as_ref) {
                Some(a) => a.get(&target).await.ok().flatten(),
                None => None,
            };
            let ready = live.as_ref().and_then(|v| {
                v.pointer("/status/readyReplicas")
                    .or_else(|| v.pointer("/status/numberReady"))
                    .and_then(Value::as_i64)
                    .or_else(|| v.pointer("/spec/replicas").map(|_| 0))
            });
            let st = status.get(&name);
            rows.push(StatusRow {
                resource: resource.clone(),
                cluster: name.clone(),
                desired: c["replicas"].as_i64(),
                applied: st.and_then(|a| a["applied"].as_bool()).unwrap_or(false),
                ready,
                error: st
                    .and_then(|a| a["appliedMessage"].as_str())
                    .map(str::to_string)
                    .or_else(|| {
                        members
                            .get(&name)
                            .and_then(|m| m.is_none().then(|| "member unreachable".to_string()))
                    })
                    .unwrap_or_default(),
            });
        }
    }
    Ok(rows)
}

/// Deletes everything the recorded placements put on `member` and drops the member from the
/// records (`tcs cluster unjoin --prune`). Returns how many objects existed.
pub async fn prune_member(
    global: &Applier,
    member: &str,
    client: ::kube::Client,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<usize, FedError> {
    let applier = Applier::new(client, FED_FIELD_MANAGER);
    let mut deleted = 0;
    for mut b in binding_inputs(global).await? {
        let placed = b["spec"]["clusters"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["name"] == member));
        if !placed {
            continue;
        }
        let target = resource_of(&b["spec"]["resource"]);
        let ns = target.namespace.clone().unwrap_or_default();
        if applier.delete(&target, on).await? {
            deleted += 1;
        }
        if let Some(cs) = b["spec"]["clusters"].as_array_mut() {
            cs.retain(|c| c["name"] != member);
        }
        let key = template_key(&target.api_version, &target.kind, &ns, &target.name);
        write_binding(global, &key, &b, &[]).await?;
    }
    Ok(deleted)
}
