//! The fleet registry: join (connectivity and permission checks, a dedicated ServiceAccount
//! token in the member, its Secret and a Cluster in the global cluster), unjoin, status.

use super::{CLUSTER_API_VERSION, CLUSTER_CRD, FED_FIELD_MANAGER, FLEET_NAMESPACE, FedError};
use crate::kube::{Applier, ApplyEvent, Manifest, ObjectRef, WaitOptions, parse_documents};
use ::kube::api::{Api, DynamicObject, ListParams, PostParams};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How tcs reaches a member: from its registry entry and Secret.
#[derive(Clone)]
pub struct MemberAccess {
    /// Cluster name.
    pub name: String,
    /// API server URL.
    pub endpoint: String,
    /// ServiceAccount token (never logged).
    pub token: String,
    /// CA certificate (PEM).
    pub ca_pem: String,
    /// Skip TLS verification (only when the registry entry says so).
    pub insecure: bool,
}

impl std::fmt::Debug for MemberAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemberAccess")
            .field("name", &self.name)
            .field("endpoint", &self.endpoint)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// Makes a client for a member (tests substitute in-memory API servers).
pub type Connector = Arc<dyn Fn(&MemberAccess) -> Result<::kube::Client, String> + Send + Sync>;

/// The real connector: HTTPS to the endpoint with the token, verifying the member's CA.
pub fn token_connector() -> Connector {
    Arc::new(|a: &MemberAccess| {
        crate::tls::install_crypto_provider();
        let uri: http::Uri = a
            .endpoint
            .parse()
            .map_err(|e| format!("endpoint {:?}: {e}", a.endpoint))?;
        let mut config = ::kube::Config::new(uri);
        let ders: Vec<Vec<u8>> = rustls_pki_types_pem(&a.ca_pem);
        if !ders.is_empty() {
            config.root_cert = Some(ders);
        }
        config.accept_invalid_certs = a.insecure;
        config.auth_info.token = Some(a.token.clone().into());
        config.connect_timeout = Some(Duration::from_secs(10));
        config.read_timeout = Some(Duration::from_secs(30));
        ::kube::Client::try_from(config).map_err(|e| e.to_string())
    })
}

/// The DER certificates in a PEM bundle.
fn rustls_pki_types_pem(pem: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    let mut out = Vec::new();
    let mut body = String::new();
    let mut inside = false;
    for line in pem.lines() {
        if line.starts_with("-----BEGIN CERTIFICATE") {
            inside = true;
            body.clear();
        } else if line.starts_with("-----END CERTIFICATE") {
            inside = false;
            if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(body.trim()) {
                out.push(der);
            }
        } else if inside {
            body.push_str(line.trim());
        }
    }
    out
}

/// What `tcs cluster join` registers.
#[derive(Debug, Clone, Default)]
pub struct JoinRequest {
    /// Member name in the fleet.
    pub name: String,
    /// The member's API server URL (from its kubeconfig).
    pub endpoint: String,
    /// Labels on the registry entry (PropagationPolicies select on them).
    pub labels: BTreeMap<String, String>,
    /// Provider.
    pub provider: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Zones.
    pub zones: Vec<String>,
}

const AGENT: &str = "tcs-fleet-agent";

fn member_objects() -> Vec<Manifest> {
    let text = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {FLEET_NAMESPACE}}}\n---\n\
apiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: {AGENT}, namespace: {FLEET_NAMESPACE}}}\n---\n\
apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {{name: {AGENT}}}\n\
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}}\n\
subjects: [{{kind: ServiceAccount, name: {AGENT}, namespace: {FLEET_NAMESPACE}}}]\n---\n\
apiVersion: v1\nkind: Secret\nmetadata:\n  name: {AGENT}-token\n  namespace: {FLEET_NAMESPACE}\n  annotations: {{kubernetes.io/service-account.name: {AGENT}}}\n\
type: kubernetes.io/service-account-token\n"
    );
    let mut objs = parse_documents(&text, "member identity").unwrap_or_default();
    let labels = [(
        "app.kubernetes.io/managed-by".to_string(),
        "tcs".to_string(),
    )]
    .into_iter()
    .collect();
    for m in &mut objs {
        m.add_labels(&labels);
    }
    objs
}

/// Asks the member whether its kubeconfig's user may do what join needs.
async fn check_permissions(member: &::kube::Client, cluster: &str) -> Result<(), FedError> {
    let api: Api<DynamicObject> = Api::all_with(
        member.clone(),
        &::kube::discovery::ApiResource::from_gvk_with_plural(
            &::kube::api::GroupVersionKind::gvk(
                "authorization.k8s.io",
                "v1",
                "SelfSubjectAccessReview",
            ),
            "selfsubjectaccessreviews",
        ),
    );
    let wanted = [
        ("create", "", "namespaces", ""),
        ("create", "", "serviceaccounts", FLEET_NAMESPACE),
        ("create", "", "secrets", FLEET_NAMESPACE),
        ("get", "", "secrets", FLEET_NAMESPACE),
        (
            "create",
            "rbac.authorization.k8s.io",
            "clusterrolebindings",
            "",
        ),
    ];
    let mut missing = Vec::new();
    for (verb, group, resource, namespace) in wanted {
        let review: DynamicObject = serde_json::from_value(json!({
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "metadata": {},
            "spec": {"resourceAttributes": {"verb": verb, "group": group, "resource": resource, "namespace": namespace}},
        }))
        .map_err(|e| FedError::Other(e.to_string()))?;
        let answer = api
            .create(&PostParams::default(), &review)
            .await
            .map_err(|e| FedError::Other(format!("cluster {cluster}: access review: {e}")))?;
        let allowed = answer
            .data
            .pointer("/status/allowed")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if !allowed {
            missing.push(format!("{verb} {resource}"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(FedError::Forbidden {
            cluster: cluster.to_string(),
            missing: missing.join(", "),
        })
    }
}

fn b64decode(v: Option<&Value>) -> String {
    use base64::Engine;
    v.and_then(Value::as_str)
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Makes sure the global cluster serves the registry CRD.
async fn ensure_registry(global: &Applier) -> Result<(), FedError> {
    let mut objs = parse_documents(
        &format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: {FLEET_NAMESPACE}}}\n"),
        "fleet namespace",
    )
    .map_err(|e| FedError::Other(e.to_string()))?;
    objs.extend(
        parse_documents(CLUSTER_CRD, "clusters.fleet.tcs.io")
            .map_err(|e| FedError::Other(e.to_string()))?,
    );
    global
        .apply_all(
            &objs,
            &WaitOptions {
                timeout: Duration::from_secs(60),
                interval: Duration::from_millis(500),
            },
            &|_| {},
        )
        .await?;
    Ok(())
}

/// Joins a member: checks it answers and that its kubeconfig may create tcs's identity there,
/// creates a ServiceAccount bound to cluster-admin with a token Secret, waits for the token,
/// and registers the member (Secret + Cluster) in the global cluster, then fills its status.
pub async fn join(
    global: &Applier,
    member: ::kube::Client,
    req: &JoinRequest,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<Value, FedError> {
    let secret = member_identity(&member, req, on).await?;
    ensure_registry(global).await?;
    let mut data = serde_json::Map::new();
    for k in ["token", "ca.crt"] {
        if let Some(v) = secret.pointer(&format!("/data/{k}")) {
            data.insert(k.to_string(), v.clone());
        }
    }
    let registry_secret = Manifest {
        value: json!({
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": req.name, "namespace": FLEET_NAMESPACE,
                "labels": {"app.kubernetes.io/managed-by": "tcs", "fleet.tcs.io/cluster": req.name}},
            "data": data,
        }),
        origin: format!("credentials of {}", req.name),
    };
    let cluster = Manifest {
        value: json!({"apiVersion": CLUSTER_API_VERSION, "kind": "Cluster",
            "metadata": {"name": req.name, "labels": req.all_labels()}, "spec": req.placement()}),
        origin: format!("fleet entry {}", req.name),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    global.apply_one(&registry_secret, deadline, on).await?;
    global.apply_one(&cluster, deadline, on).await?;
    refresh_status(global, &req.name, &member).await
}

impl JoinRequest {
    /// The Cluster's spec as both registries have it: endpoint, provider, region, zones.
    pub(crate) fn placement(&self) -> Value {
        let mut spec = json!({
            "apiEndpoint": self.endpoint,
            "secretRef": {"namespace": FLEET_NAMESPACE, "name": self.name},
        });
        if let Some(p) = &self.provider {
            spec["provider"] = json!(p);
        }
        if let Some(r) = &self.region {
            spec["region"] = json!(r);
        }
        if !self.zones.is_empty() {
            spec["zones"] = json!(self.zones);
        }
        spec
    }

    /// The entry's labels, with tcs's managed-by.
    pub(crate) fn all_labels(&self) -> BTreeMap<String, String> {
        let mut labels = self.labels.clone();
        labels.insert("app.kubernetes.io/managed-by".into(), "tcs".into());
        labels
    }
}

/// The member `req` names answers (its version), or why not.
pub(crate) async fn answers(member: &::kube::Client, req: &JoinRequest) -> Result<(), FedError> {
    member
        .apiserver_version()
        .await
        .map(|_| ())
        .map_err(|e| FedError::Unreachable {
            cluster: req.name.clone(),
            endpoint: req.endpoint.clone(),
            message: e.to_string(),
        })
}

/// tcs's identity in a member: checks the member answers and that its kubeconfig may create
/// it, creates a ServiceAccount bound to cluster-admin with a token Secret, and returns that
/// Secret once the token controller has filled it.
pub(crate) async fn member_identity(
    member: &::kube::Client,
    req: &JoinRequest,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<Value, FedError> {
    answers(member, req).await?;
    check_permissions(member, &req.name).await?;
    let member_applier = Applier::new(member.clone(), FED_FIELD_MANAGER);
    let deadline = Instant::now() + Duration::from_secs(60);
    for m in member_objects() {
        member_applier.apply_one(&m, deadline, on).await?;
    }
    bind_to_namespace(&member_applier, deadline, on).await?;
    let token_ref = ObjectRef {
        api_version: "v1".into(),
        kind: "Secret".into(),
        namespace: Some(FLEET_NAMESPACE.into()),
        name: format!("{AGENT}-token"),
    };
    let secret = loop {
        match member_applier.get(&token_ref).await? {
            Some(s) if s.pointer("/data/token").is_some() => break s,
            _ if Instant::now() > deadline => {
                return Err(FedError::Other(format!(
                    "cluster {}: the token controller did not fill Secret {FLEET_NAMESPACE}/{AGENT}-token within a minute",
                    req.name
                )));
            }
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    Ok(secret)
}

fn fleet_namespace() -> ObjectRef {
    ObjectRef {
        api_version: "v1".into(),
        kind: "Namespace".into(),
        namespace: None,
        name: FLEET_NAMESPACE.into(),
    }
}

/// Makes the member's ClusterRoleBinding a dependent of namespace `tcs-fleet` (an owner
/// reference), so that deleting the namespace — `unjoin`, or someone by hand — removes the
/// binding too: the garbage collector does, after the namespace's ServiceAccount is gone.
/// False when the namespace does not exist (nothing of tcs's is left there).
async fn bind_to_namespace(
    member: &Applier,
    deadline: Instant,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<bool, FedError> {
    let Some(ns) = member.get(&fleet_namespace()).await? else {
        return Ok(false);
    };
    let uid = ns
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(mut binding) = member_objects()
        .into_iter()
        .find(|m| m.object_ref().kind == "ClusterRoleBinding")
    else {
        return Ok(true);
    };
    binding.value["metadata"]["ownerReferences"] =
        json!([{"apiVersion": "v1", "kind": "Namespace", "name": FLEET_NAMESPACE, "uid": uid}]);
    member.apply_one(&binding, deadline, on).await?;
    Ok(true)
}

fn cluster_ref(name: &str) -> ObjectRef {
    ObjectRef {
        api_version: CLUSTER_API_VERSION.into(),
        kind: "Cluster".into(),
        namespace: None,
        name: name.to_string(),
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or(time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn render_quantity(milli: i128) -> Value {
    if milli % 1000 == 0 {
        json!((milli / 1000).to_string())
    } else {
        json!(format!("{milli}m"))
    }
}

/// A member's status as tcs reports it: Kubernetes version, node counts, allocatable and
/// allocated resources (sum of the requests of pods that are not finished), Ready condition.
pub async fn member_status(member: &::kube::Client) -> Value {
    let version = match member.apiserver_version().await {
        Ok(v) => v.git_version,
        Err(e) => {
            // Karmada's convention: Unknown when the member cannot be reached.
            return json!({"conditions": [{"type": "Ready", "status": "Unknown", "reason": "Unreachable",
                "message": e.to_string(), "lastTransitionTime": now()}], "lastSyncTime": now()});
        }
    };
    let list = |kind: &str, plural: &str| {
        Api::<DynamicObject>::all_with(
            member.clone(),
            &::kube::discovery::ApiResource::from_gvk_with_plural(
                &::kube::api::GroupVersionKind::gvk("", "v1", kind),
                plural,
            ),
        )
    };
    let nodes = list("Node", "nodes")
        .list(&ListParams::default())
        .await
        .map(|l| l.items)
        .unwrap_or_default();
    let pods = list("Pod", "pods")
        .list(&ListParams::default())
        .await
        .map(|l| l.items)
        .unwrap_or_default();
    let mut allocatable: BTreeMap<String, i128> = BTreeMap::new();
    let mut ready = 0;
    for n in &nodes {
        let is_ready = n
            .data
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter()
                    .any(|c| c["type"] == "Ready" && c["status"] == "True")
            });
        if is_ready {
            ready += 1;
        }
        if let Some(Value::Object(a)) = n.data.pointer("/status/allocatable") {
            for (k, v) in a {
                if let Some(m) = crate::fed::divide::parse_quantity_milli(v) {
                    *allocatable.entry(k.clone()).or_default() += m;
                }
            }
        }
    }
    let mut allocated: BTreeMap<String, i128> = BTreeMap::new();
    for p in &pods {
        let phase = p
            .data
            .pointer("/status/phase")
            .and_then(Value::as_str)
            .unwrap_or("");
        if phase == "Succeeded" || phase == "Failed" {
            continue;
        }
        *allocated.entry("pods".into()).or_default() += 1000;
        for c in p
            .data
            .pointer("/spec/containers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(Value::Object(r)) = c.pointer("/resources/requests") {
                for (k, v) in r {
                    if let Some(m) = crate::fed::divide::parse_quantity_milli(v) {
                        *allocated.entry(k.clone()).or_default() += m;
                    }
                }
            }
        }
    }
    let total = nodes.len();
    let (status, reason, message) = if total > 0 && ready == total {
        (
            "True",
            "ClusterReady",
            format!("{ready}/{total} nodes ready"),
        )
    } else if ready > 0 {
        (
            "True",
            "NodesNotReady",
            format!("{ready}/{total} nodes ready"),
        )
    } else {
        (
            "False",
            "NoReadyNodes",
            format!("{ready}/{total} nodes ready"),
        )
    };
    json!({
        "kubernetesVersion": version,
        "nodeSummary": {"totalNum": total, "readyNum": ready},
        "resourceSummary": {
            "allocatable": allocatable.iter().map(|(k, v)| (k.clone(), render_quantity(*v))).collect::<serde_json::Map<_, _>>(),
            "allocated": allocated.iter().map(|(k, v)| (k.clone(), render_quantity(*v))).collect::<serde_json::Map<_, _>>(),
        },
        "conditions": [{"type": "Ready", "status": status, "reason": reason, "message": message, "lastTransitionTime": now()}],
        "lastSyncTime": now(),
    })
}

/// Reads the member's state and writes it into its registry entry's status.
pub async fn refresh_status(
    global: &Applier,
    name: &str,
    member: &::kube::Client,
) -> Result<Value, FedError> {
    let status = member_status(member).await;
    let api: Api<DynamicObject> = Api::all_with(
        global.client().clone(),
        &::kube::discovery::ApiResource::from_gvk_with_plural(
            &::kube::api::GroupVersionKind::gvk("fleet.tcs.io", "v1alpha1", "Cluster"),
            "clusters",
        ),
    );
    let patch = json!({"apiVersion": CLUSTER_API_VERSION, "kind": "Cluster", "metadata": {"name": name}, "status": status});
    api.patch_status(
        name,
        &::kube::api::PatchParams::apply(FED_FIELD_MANAGER).force(),
        &::kube::api::Patch::Apply(&patch),
    )
    .await
    .map_err(|e| FedError::Other(format!("cluster {name}: writing its status: {e}")))?;
    sync_taints(&api, name, &status).await?;
    Ok(status)
}

/// Karmada's taint keys for a member's health (cluster.karmada.io/v1alpha1 well-known
/// constants): Ready=False -> not-ready, Ready=Unknown -> unreachable, both NoSchedule, removed
/// when Ready=True. NoSchedule keeps new placements away; existing ones stay.
const TAINT_NOT_READY: &str = "cluster.karmada.io/not-ready";
const TAINT_UNREACHABLE: &str = "cluster.karmada.io/unreachable";

async fn sync_taints(api: &Api<DynamicObject>, name: &str, status: &Value) -> Result<(), FedError> {
    let ready = status
        .pointer("/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .and_then(|c| c["status"].as_str())
        .unwrap_or("Unknown");
    let wanted = match ready {
        "True" => None,
        "False" => Some(TAINT_NOT_READY),
        _ => Some(TAINT_UNREACHABLE),
    };
    let current = api
        .get(name)
        .await
        .map_err(|e| FedError::Other(format!("cluster {name}: {e}")))?;
    let taints: Vec<Value> = current
        .data
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut next: Vec<Value> = taints
        .iter()
        .filter(|t| t["key"] != TAINT_NOT_READY && t["key"] != TAINT_UNREACHABLE)
        .cloned()
        .collect();
    if let Some(key) = wanted {
        let kept = taints.iter().find(|t| t["key"] == key).cloned();
        next.push(
            kept.unwrap_or_else(|| json!({"key": key, "effect": "NoSchedule", "timeAdded": now()})),
        );
    }
    if next != taints {
        api.patch(
            name,
            &::kube::api::PatchParams::default(),
            &::kube::api::Patch::Merge(json!({"spec": {"taints": next}})),
        )
        .await
        .map_err(|e| FedError::Other(format!("cluster {name}: updating its taints: {e}")))?;
    }
    Ok(())
}

/// Every registry entry, as Karmada Clusters for the engine.
pub async fn clusters(global: &Applier) -> Result<Vec<Value>, FedError> {
    let refs = global
        .list_labelled(CLUSTER_API_VERSION, "Cluster", "")
        .await?;
    let mut out = Vec::new();
    for r in refs {
        if let Some(v) = global.get(&r).await? {
            out.push(v);
        }
    }
    Ok(out)
}

/// A client for registered member `name`, from its entry and Secret.
pub async fn connect_member(
    global: &Applier,
    name: &str,
    connector: &Connector,
) -> Result<::kube::Client, FedError> {
    let cluster = global
        .get(&cluster_ref(name))
        .await?
        .ok_or_else(|| FedError::NotJoined {
            cluster: name.to_string(),
        })?;
    let s = |p: &str| {
        cluster
            .pointer(p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let secret_ref = ObjectRef {
        api_version: "v1".into(),
        kind: "Secret".into(),
        namespace: Some(s("/spec/secretRef/namespace")),
        name: s("/spec/secretRef/name"),
    };
    let secret = global.get(&secret_ref).await?.ok_or_else(|| {
        FedError::Other(format!(
            "cluster {name}: its credentials Secret {secret_ref} is missing; join it again"
        ))
    })?;
    let access = MemberAccess {
        name: name.to_string(),
        endpoint: s("/spec/apiEndpoint"),
        token: b64decode(secret.pointer("/data/token")),
        ca_pem: b64decode(secret.pointer("/data/ca.crt")),
        insecure: cluster
            .pointer("/spec/insecureSkipTLSVerification")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    };
    connector(&access).map_err(|message| FedError::Unreachable {
        cluster: name.to_string(),
        endpoint: access.endpoint.clone(),
        message,
    })
}

/// Removes a member from the fleet: its identity in the member (when reachable) and its
/// registry entry and Secret. Returns whether the member itself was cleaned up.
pub async fn unjoin(
    global: &Applier,
    name: &str,
    member: Option<::kube::Client>,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<bool, FedError> {
    if global.get(&cluster_ref(name)).await?.is_none() {
        return Err(FedError::NotJoined {
            cluster: name.to_string(),
        });
    }
    let mut cleaned = false;
    if let Some(m) = member
        && m.apiserver_version().await.is_ok()
    {
        // With its own token, the identity cannot delete its binding and then anything else,
        // nor its ServiceAccount and then its binding: the binding becomes the namespace's
        // dependent (members joined before this have none yet), and the namespace goes.
        let member_applier = Applier::new(m, FED_FIELD_MANAGER);
        let deadline = Instant::now() + Duration::from_secs(60);
        if bind_to_namespace(&member_applier, deadline, on).await? {
            member_applier.delete(&fleet_namespace(), on).await?;
        }
        cleaned = true;
    }
    let secret = ObjectRef {
        api_version: "v1".into(),
        kind: "Secret".into(),
        namespace: Some(FLEET_NAMESPACE.into()),
        name: name.to_string(),
    };
    global.delete(&cluster_ref(name), on).await?;
    global.delete(&secret, on).await?;
    Ok(cleaned)
}
