//! Karmada as the fleet's backend (the karmada addon of the global cluster): members are
//! registered in karmada-apiserver, policy and resource files are applied there, and status is
//! read from Karmada's ResourceBindings and Works.
//!
//! Push mode registers a member as `karmadactl join` does (`pkg/karmadactl/join`,
//! `util.RegisterClusterInControllerPlane` at v1.18.2): a Secret with the token and CA of an
//! identity in the member (tcs's own, the ServiceAccount `tcs-fleet/tcs-fleet-agent` that
//! tcs's engine uses too), an impersonator Secret, and a `cluster.karmada.io/v1alpha1`
//! Cluster with `syncMode: Push`. Karmada's controllers then reach the member themselves.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::registry::member_identity;
use super::{FedError, JoinRequest, StatusRow};
use crate::kube::{Applier, ApplyEvent, Manifest, ObjectRef};

/// Where Karmada keeps member credentials (`karmadactl join`'s default).
pub const CLUSTER_NAMESPACE: &str = "karmada-cluster";
const CLUSTER_API: &str = "cluster.karmada.io/v1alpha1";
const WORK_API: &str = "work.karmada.io/v1alpha1";
const BINDING_API: &str = "work.karmada.io/v1alpha2";

fn cluster_ref(name: &str) -> ObjectRef {
    ObjectRef {
        api_version: CLUSTER_API.into(),
        kind: "Cluster".into(),
        namespace: None,
        name: name.to_string(),
    }
}

fn secret_ref(name: &str) -> ObjectRef {
    ObjectRef {
        api_version: "v1".into(),
        kind: "Secret".into(),
        namespace: Some(CLUSTER_NAMESPACE.into()),
        name: name.to_string(),
    }
}

/// Registers a member in Karmada in push mode and waits (up to `wait`) until Karmada finds it
/// Ready; returns the Cluster's status.
pub async fn join_push(
    karmada: &Applier,
    member: ::kube::Client,
    req: &JoinRequest,
    wait: Duration,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<Value, FedError> {
    let secret = member_identity(&member, req, on).await?;
    let token = secret.pointer("/data/token").cloned().unwrap_or_default();
    let ca = secret.pointer("/data/ca.crt").cloned().unwrap_or_default();
    // Karmada's cluster id: the member's kube-system namespace UID, as `karmadactl join` sets.
    let ns: ::kube::Api<::k8s_openapi::api::core::v1::Namespace> = ::kube::Api::all(member);
    let id = ns
        .get("kube-system")
        .await
        .ok()
        .and_then(|n| n.metadata.uid)
        .unwrap_or_default();
    let labels = json!({"app.kubernetes.io/managed-by": "tcs", "fleet.tcs.io/cluster": req.name});
    let mut spec = req.placement();
    spec["secretRef"] = json!({"namespace": CLUSTER_NAMESPACE, "name": req.name});
    spec["impersonatorSecretRef"] =
        json!({"namespace": CLUSTER_NAMESPACE, "name": format!("{}-impersonator", req.name)});
    spec["syncMode"] = json!("Push");
    if !id.is_empty() {
        spec["id"] = json!(id);
    }
    let objects = [
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": CLUSTER_NAMESPACE}}),
        json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": req.name, "namespace": CLUSTER_NAMESPACE, "labels": labels},
            "data": {"token": token, "caBundle": ca}}),
        json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": format!("{}-impersonator", req.name), "namespace": CLUSTER_NAMESPACE, "labels": labels},
            "data": {"token": token}}),
        json!({"apiVersion": CLUSTER_API, "kind": "Cluster",
            "metadata": {"name": req.name, "labels": req.all_labels()}, "spec": spec}),
    ];
    let deadline = Instant::now() + Duration::from_secs(60);
    for (i, value) in objects.into_iter().enumerate() {
        let m = Manifest {
            value,
            origin: format!("karmada registration of {} (#{})", req.name, i + 1),
        };
        karmada.apply_one(&m, deadline, on).await?;
    }
    wait_ready(karmada, &req.name, wait).await
}

/// Karmada's view of a member's readiness: its Ready condition, (status, message).
pub fn readiness(cluster: &Value) -> (String, String) {
    cluster["status"]["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["type"] == "Ready")
        .map(|c| {
            (
                c["status"].as_str().unwrap_or("Unknown").to_string(),
                c["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .unwrap_or_else(|| ("Unknown".into(), "no status from Karmada yet".into()))
}

async fn wait_ready(karmada: &Applier, name: &str, wait: Duration) -> Result<Value, FedError> {
    let deadline = Instant::now() + wait;
    loop {
        let cluster = karmada.get(&cluster_ref(name)).await?.unwrap_or_default();
        let (status, message) = readiness(&cluster);
        if status == "True" {
            return Ok(cluster["status"].clone());
        }
        if Instant::now() >= deadline {
            return Err(FedError::Other(format!(
                "cluster {name}: Karmada does not find it Ready within {} s (Ready={status}: {message}); see `tcs cluster list`",
                wait.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// The members Karmada knows.
pub async fn clusters(karmada: &Applier) -> Result<Vec<Value>, FedError> {
    Ok(karmada.list(CLUSTER_API, "Cluster", "").await?)
}

/// Removes member `name` from Karmada in the order `karmadactl unjoin` / `unregister` do: the
/// member's Works (Karmada deletes what it propagated there, or leaves it where a policy says
/// `preserveResourcesOnDeletion`) and its Cluster, each waited for; then its credentials and
/// its agent's RBAC; last, a pull-mode member's karmada-agent, through `member` (which such a
/// member needs: the agent is what cleans up its Works, and would register it again). False
/// if Karmada did not know it.
pub async fn unjoin(
    karmada: &Applier,
    name: &str,
    member: Option<::kube::Client>,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<bool, FedError> {
    let Some(cluster) = karmada.get(&cluster_ref(name)).await? else {
        return Ok(false);
    };
    let pull = cluster["spec"]["syncMode"] == "Pull";
    if pull && member.is_none() {
        return Err(FedError::Other(format!(
            "cluster {name} is a pull-mode member: its karmada-agent would register it again; pass the member's --kubeconfig so that tcs removes the agent too"
        )));
    }
    let es = format!("karmada-es-{name}");
    let works = |all: Vec<Value>| -> Vec<ObjectRef> {
        all.iter()
            .filter(|w| w["metadata"]["namespace"] == es.as_str())
            .map(|w| ObjectRef {
                api_version: WORK_API.into(),
                kind: "Work".into(),
                namespace: Some(es.clone()),
                name: w["metadata"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect()
    };
    // Karmada deletes Works at its controllers' pace (40 requests a second by default): 1,000
    // of them took about 160 s here. Allow 3 minutes, and a quarter second per Work beyond.
    let doomed = works(karmada.list(WORK_API, "Work", "").await?);
    let limit = Duration::from_secs(180).max(Duration::from_millis(250) * doomed.len() as u32);
    let deadline = Instant::now() + limit;
    karmada.delete_all(&doomed, on).await?;
    loop {
        let left = works(karmada.list(WORK_API, "Work", "").await?);
        if left.is_empty() {
            break;
        }
        if Instant::now() >= deadline {
            return Err(FedError::Other(format!(
                "cluster {name}: {} Works in {es} were not cleaned up within {} s (is the member reachable?)",
                left.len(),
                limit.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    karmada.delete_all(&[cluster_ref(name)], on).await?;
    while karmada.get(&cluster_ref(name)).await?.is_some() {
        if Instant::now() >= deadline {
            return Err(FedError::Other(format!(
                "cluster {name}: Karmada did not finish deleting it within {} s",
                limit.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let mut targets = vec![
        secret_ref(name),
        secret_ref(&format!("{name}-impersonator")),
    ];
    targets.extend(refs_but_namespaces(agent_rbac(name)));
    karmada.delete_all(&targets, on).await?;
    if let (true, Some(member)) = (pull, member) {
        // What join_pull put there (the object names do not depend on the arguments).
        let installed = agent_objects(&JoinRequest::default(), &Agent::default(), "");
        Applier::new(member, "tcs")
            .delete_all(&refs_but_namespaces(installed), on)
            .await?;
    }
    Ok(true)
}

/// Applies policy and resource objects to karmada-apiserver (server-side apply, namespaces
/// first). Nothing is waited for: resource templates never roll out there (Karmada has no
/// workload controllers; the members run them), and Karmada places them as they come.
/// Returns what was applied.
pub async fn apply(
    karmada: &Applier,
    objects: &[Manifest],
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<Vec<ObjectRef>, FedError> {
    let mut sorted: Vec<&Manifest> = objects.iter().collect();
    sorted.sort_by_key(|m| crate::kube::install_rank(&m.object_ref().kind));
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut applied = Vec::new();
    for m in sorted {
        applied.push(karmada.apply_one(m, deadline, on).await?);
    }
    Ok(applied)
}

fn describe(kind: &str, namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        format!("{kind} {name}")
    } else {
        format!("{kind} {namespace}/{name}")
    }
}

/// Per resource and member, from Karmada's ResourceBindings (placement and replicas, the
/// aggregated status the members report) and Works (applied or not, and why): the rows of
/// `tcs fed status`. `filter` keeps resources whose `Kind namespace/name` contains it.
pub async fn status(karmada: &Applier, filter: Option<&str>) -> Result<Vec<StatusRow>, FedError> {
    let mut works: BTreeMap<(String, String), (bool, String)> = BTreeMap::new();
    for w in karmada.list(WORK_API, "Work", "").await? {
        let member = w["metadata"]["namespace"]
            .as_str()
            .and_then(|ns| ns.strip_prefix("karmada-es-"))
            .unwrap_or_default()
            .to_string();
        let a = &w["metadata"]["annotations"];
        let binding = match (
            a["resourcebinding.karmada.io/namespace"].as_str(),
            a["resourcebinding.karmada.io/name"].as_str(),
        ) {
            (Some(ns), Some(name)) => format!("{ns}/{name}"),
            _ => a["clusterresourcebinding.karmada.io/name"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        };
        let applied = w["status"]["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["type"] == "Applied");
        let ok = applied.is_some_and(|c| c["status"] == "True");
        let why = applied
            .filter(|c| c["status"] != "True")
            .and_then(|c| c["message"].as_str())
            .unwrap_or_default()
            .to_string();
        works.insert((binding, member), (ok, why));
    }
    let mut rows = Vec::new();
    for kind in ["ResourceBinding", "ClusterResourceBinding"] {
        for b in karmada.list(BINDING_API, kind, "").await? {
            let name = b["metadata"]["name"].as_str().unwrap_or("");
            let binding = match b["metadata"]["namespace"].as_str() {
                Some(ns) => format!("{ns}/{name}"),
                None => name.to_string(),
            };
            let res = &b["spec"]["resource"];
            let s = |k: &str| res[k].as_str().unwrap_or("").to_string();
            let resource = describe(&s("kind"), &s("namespace"), &s("name"));
            if filter.is_some_and(|f| !resource.contains(f)) {
                continue;
            }
            let aggregated: BTreeMap<String, &Value> = b["status"]["aggregatedStatus"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| Some((a["clusterName"].as_str()?.to_string(), a)))
                .collect();
            let has_replicas = b["spec"]["replicas"].as_i64().is_some();
            for target in b["spec"]["clusters"].as_array().into_iter().flatten() {
                let member = target["name"].as_str().unwrap_or("").to_string();
                let (applied, why) = works
                    .get(&(binding.clone(), member.clone()))
                    .cloned()
                    .unwrap_or((false, "no Work yet".into()));
                let ready = aggregated
                    .get(&member)
                    .and_then(|a| a["status"]["readyReplicas"].as_i64().or(Some(0)))
                    .filter(|_| has_replicas);
                rows.push(StatusRow {
                    resource: resource.clone(),
                    cluster: member,
                    desired: target["replicas"].as_i64().filter(|_| has_replicas),
                    applied,
                    ready,
                    error: why,
                });
            }
        }
    }
    rows.sort_by(|a, b| (&a.resource, &a.cluster).cmp(&(&b.resource, &b.cluster)));
    Ok(rows)
}

/// What a pull-mode member runs: karmada-agent, and how it reaches Karmada.
#[derive(Debug, Clone, Default)]
pub struct Agent {
    /// karmada-apiserver as the member reaches it (`https://host:port`).
    pub karmada_server: String,
    /// The CA karmada-apiserver's certificate is signed by (PEM).
    pub karmada_ca: String,
    /// The agent's image.
    pub image: String,
}

/// The user Karmada's agent RBAC names (`karmadactl register`'s `system:karmada:agent:` prefix
/// and `system:karmada:agents` group).
fn agent_user(name: &str) -> String {
    format!("system:karmada:agent:{name}")
}

/// A client certificate for the agent of member `name`, signed by Karmada itself: a CSR for
/// `kubernetes.io/kube-apiserver-client` that tcs approves and Karmada's kube-controller-manager
/// signs (where `karmadactl register` has its bootstrap token approved by Karmada's
/// agentcsrapproving controller). Returns (certificate, key) PEM.
async fn agent_certificate(karmada: &Applier, name: &str) -> Result<(String, String), FedError> {
    use k8s_openapi::api::certificates::v1::CertificateSigningRequest;
    let other = |e: &dyn std::fmt::Display| FedError::Other(format!("cluster {name}: {e}"));
    let key = rcgen::KeyPair::generate().map_err(|e| other(&e))?;
    let mut params = rcgen::CertificateParams::default();
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, agent_user(name));
    dn.push(rcgen::DnType::OrganizationName, "system:karmada:agents");
    params.distinguished_name = dn;
    let csr = params
        .serialize_request(&key)
        .and_then(|r| r.pem())
        .map_err(|e| other(&e))?;
    let api: ::kube::Api<CertificateSigningRequest> = ::kube::Api::all(karmada.client().clone());
    let csr_name = format!("tcs-agent-{name}-{}", &crate::steps::sha256_hex(&csr)[..8]);
    let object: CertificateSigningRequest = serde_json::from_value(json!({
        "apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest",
        "metadata": {"name": csr_name, "labels": {"app.kubernetes.io/managed-by": "tcs"}},
        "spec": {
            "request": base64(&csr),
            "signerName": "kubernetes.io/kube-apiserver-client",
            "usages": ["digital signature", "key encipherment", "client auth"],
        },
    }))
    .map_err(|e| other(&e))?;
    let pp = ::kube::api::PostParams::default();
    api.create(&pp, &object).await.map_err(|e| {
        other(&format!(
            "creating CertificateSigningRequest {csr_name}: {e}"
        ))
    })?;
    let approval = json!({"status": {"conditions": [{
        "type": "Approved", "status": "True", "reason": "TcsClusterJoin",
        "message": format!("tcs cluster join {name} --mode pull"),
    }]}});
    api.patch_subresource(
        "approval",
        &csr_name,
        &::kube::api::PatchParams::default(),
        &::kube::api::Patch::Merge(&approval),
    )
    .await
    .map_err(|e| {
        other(&format!(
            "approving CertificateSigningRequest {csr_name}: {e}"
        ))
    })?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let cert = loop {
        let got = api.get(&csr_name).await.map_err(|e| other(&e))?;
        if let Some(c) = got.status.and_then(|s| s.certificate) {
            break String::from_utf8_lossy(&c.0).into_owned();
        }
        if Instant::now() >= deadline {
            return Err(other(&format!(
                "Karmada did not sign CertificateSigningRequest {csr_name} within a minute (is karmada-kube-controller-manager running?)"
            )));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    // The request has served its purpose; Karmada's csrcleaner would remove it within the hour.
    let _ = api
        .delete(&csr_name, &::kube::api::DeleteParams::default())
        .await;
    Ok((cert, key.serialize_pem()))
}

fn base64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
}

/// The references of `values` but their namespaces (which may hold what is not tcs's).
fn refs_but_namespaces(values: Vec<Value>) -> Vec<ObjectRef> {
    manifests(values, "")
        .iter()
        .map(Manifest::object_ref)
        .filter(|r| r.kind != "Namespace")
        .collect()
}

fn manifests(values: Vec<Value>, origin: &str) -> Vec<Manifest> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| Manifest {
            value,
            origin: format!("{origin} (#{})", i + 1),
        })
        .collect()
}

/// What the agent of member `name` may do in Karmada (`karmadactl register`'s
/// GenerateRBACResources at v1.18.2): its own Cluster and its status, its Secrets, its Works.
fn agent_rbac(name: &str) -> Vec<Value> {
    let user = agent_user(name);
    let role = format!("system:karmada:{name}:agent");
    let es = format!("karmada-es-{name}");
    let subject = json!([{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user}]);
    let labels = json!({"app.kubernetes.io/managed-by": "tcs", "fleet.tcs.io/cluster": name});
    let rule = |groups: &[&str], resources: &[&str], names: &[&str], verbs: &[&str]| {
        let mut r = json!({"apiGroups": groups, "resources": resources, "verbs": verbs});
        if !names.is_empty() {
            r["resourceNames"] = json!(names);
        }
        r
    };
    let impersonator = format!("{name}-impersonator");
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": CLUSTER_NAMESPACE}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": es, "labels": labels}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": role, "labels": labels},
        "rules": [
            rule(&["cluster.karmada.io"], &["clusters"], &[name], &["get", "delete"]),
            rule(&["cluster.karmada.io"], &["clusters"], &[], &["create", "list", "watch"]),
            rule(&["cluster.karmada.io"], &["clusters/status"], &[name], &["update"]),
            rule(&["config.karmada.io"], &["resourceinterpreterwebhookconfigurations", "resourceinterpretercustomizations"], &[], &["get", "list", "watch"]),
            rule(&[""], &["namespaces"], &[], &["get"]),
            rule(&["coordination.k8s.io"], &["leases"], &[], &["get", "create", "update"]),
            rule(&["certificates.k8s.io"], &["certificatesigningrequests"], &[], &["get", "create"]),
            rule(&[""], &["services"], &[], &["list", "watch"]),
            rule(&[""], &["events"], &[], &["patch", "create", "update"]),
        ]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": role, "labels": labels}, "subjects": subject,
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": format!("{role}-secret"), "namespace": CLUSTER_NAMESPACE, "labels": labels},
        "rules": [
            rule(&[""], &["secrets"], &[name, &impersonator], &["get", "patch"]),
            rule(&[""], &["secrets"], &[], &["create"]),
        ]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": {"name": format!("{role}-secret"), "namespace": CLUSTER_NAMESPACE, "labels": labels},
            "subjects": subject,
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": format!("{role}-secret")}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": format!("{role}-work"), "namespace": es, "labels": labels},
        "rules": [
            rule(&["work.karmada.io"], &["works"], &[], &["get", "create", "list", "watch", "update", "delete"]),
            rule(&["work.karmada.io"], &["works/status"], &[], &["patch", "update"]),
        ]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": {"name": format!("{role}-work"), "namespace": es, "labels": labels},
            "subjects": subject,
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": format!("{role}-work")}}),
    ]
}

/// Where the agent lives in the member.
pub const AGENT_NAMESPACE: &str = "karmada-system";

/// karmada-agent in the member (`artifacts/agent/karmada-agent.yaml` at v1.18.2, without its
/// dev-only feature gates): a ServiceAccount bound to cluster-admin, its kubeconfig for
/// Karmada in a Secret, the Deployment.
fn agent_objects(req: &JoinRequest, agent: &Agent, kubeconfig: &str) -> Vec<Value> {
    let labels = json!({"app.kubernetes.io/managed-by": "tcs", "app": "karmada-agent"});
    let mut args = vec![
        "/bin/karmada-agent".to_string(),
        "--karmada-kubeconfig=/etc/karmada/config/karmada.config".into(),
        format!("--cluster-name={}", req.name),
        format!("--cluster-api-endpoint={}", req.endpoint),
        "--cluster-status-update-frequency=10s".into(),
        "--health-probe-bind-address=0.0.0.0:10357".into(),
        "--metrics-bind-address=:8080".into(),
    ];
    if let Some(p) = &req.provider {
        args.push(format!("--cluster-provider={p}"));
    }
    if let Some(r) = &req.region {
        args.push(format!("--cluster-region={r}"));
    }
    if !req.zones.is_empty() {
        args.push(format!("--cluster-zones={}", req.zones.join(",")));
    }
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": AGENT_NAMESPACE, "labels": {"karmada.io/system": "true"}}}),
        json!({"apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": {"name": "karmada-agent-sa", "namespace": AGENT_NAMESPACE, "labels": labels}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": "karmada-agent", "labels": labels},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
            "subjects": [{"kind": "ServiceAccount", "name": "karmada-agent-sa", "namespace": AGENT_NAMESPACE}]}),
        json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "karmada-agent-config", "namespace": AGENT_NAMESPACE, "labels": labels},
            "stringData": {"karmada.config": kubeconfig}}),
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "karmada-agent", "namespace": AGENT_NAMESPACE, "labels": labels},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "karmada-agent"}},
            "template": {
                "metadata": {"labels": {"app": "karmada-agent"}},
                "spec": {
                    "serviceAccountName": "karmada-agent-sa",
                    "priorityClassName": "system-node-critical",
                    "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}],
                    "containers": [{
                        "name": "karmada-agent",
                        "image": agent.image,
                        "imagePullPolicy": "IfNotPresent",
                        "command": args,
                        "livenessProbe": {"httpGet": {"path": "/healthz", "port": 10357},
                            "initialDelaySeconds": 15, "periodSeconds": 15},
                        "volumeMounts": [{"name": "kubeconfig", "mountPath": "/etc/karmada/config", "readOnly": true}],
                    }],
                    "volumes": [{"name": "kubeconfig",
                        "secret": {"secretName": "karmada-agent-config", "defaultMode": 0o400}}],
                },
            },
        }}),
    ]
}

/// Registers a member in Karmada in pull mode, as `karmadactl register` does: Karmada-side
/// RBAC for the member's agent, a client certificate Karmada signs for it, and karmada-agent
/// in the member, which creates its Cluster (`syncMode: Pull`) and from then on pulls its
/// Works. Waits (up to `wait`) until Karmada finds it Ready, then labels it.
pub async fn join_pull(
    karmada: &Applier,
    member: ::kube::Client,
    req: &JoinRequest,
    agent: &Agent,
    wait: Duration,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<Value, FedError> {
    super::registry::answers(&member, req).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    for m in manifests(
        agent_rbac(&req.name),
        &format!("Karmada RBAC of {}'s agent", req.name),
    ) {
        karmada.apply_one(&m, deadline, on).await?;
    }
    let (cert, key) = agent_certificate(karmada, &req.name).await?;
    let kubeconfig = serde_saphyr::to_string(&json!({
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": "karmada", "cluster": {
            "server": agent.karmada_server, "certificate-authority-data": base64(&agent.karmada_ca)}}],
        "users": [{"name": "karmada-agent", "user": {
            "client-certificate-data": base64(&cert), "client-key-data": base64(&key)}}],
        "contexts": [{"name": "karmada", "context": {"cluster": "karmada", "user": "karmada-agent"}}],
        "current-context": "karmada",
    }))
    .map_err(|e| FedError::Other(e.to_string()))?;
    let member_applier = Applier::new(member, "tcs");
    let objects = manifests(
        agent_objects(req, agent, &kubeconfig),
        &format!("karmada-agent of {}", req.name),
    );
    let waits = crate::kube::WaitOptions {
        timeout: wait,
        interval: Duration::from_secs(2),
    };
    member_applier.apply_all(&objects, &waits, on).await?;
    // The agent creates the Cluster; tcs adds the labels policies select on.
    let until = Instant::now() + wait;
    while karmada.get(&cluster_ref(&req.name)).await?.is_none() {
        if Instant::now() >= until {
            return Err(FedError::Other(format!(
                "cluster {}: karmada-agent did not register it within {} s (see `kubectl -n {AGENT_NAMESPACE} logs deploy/karmada-agent` in the member)",
                req.name,
                wait.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let labelled = Manifest {
        value: json!({"apiVersion": CLUSTER_API, "kind": "Cluster",
            "metadata": {"name": req.name, "labels": req.all_labels()}}),
        origin: format!("labels of {}", req.name),
    };
    karmada
        .apply_one(&labelled, Instant::now() + Duration::from_secs(30), on)
        .await?;
    wait_ready(karmada, &req.name, wait).await
}
