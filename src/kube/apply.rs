//! Server-side apply of object sets, readiness waits and deletion over kube-rs.

use super::health::{Health, health_of};
use super::manifest::{Manifest, ObjectRef, install_rank};
use ::kube::api::{Api, DeleteParams, DynamicObject, ListParams, Patch, PatchParams};
use ::kube::core::GroupVersionKind;
use ::kube::discovery::{ApiCapabilities, ApiResource, Scope};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long to wait for objects to become ready, and how often to look.
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Time between two looks.
    pub interval: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(300),
            interval: Duration::from_secs(2),
        }
    }
}

/// What the applier is doing, for progress output.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyEvent {
    /// The object was applied.
    Applied(ObjectRef),
    /// A transient failure; the request is retried.
    Retrying(ObjectRef, String),
    /// Waiting for the object to become ready, and why it is not yet.
    Waiting(ObjectRef, String),
    /// The object is ready.
    Ready(ObjectRef),
    /// The object was deleted.
    Deleted(ObjectRef),
}

impl std::fmt::Display for ApplyEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyEvent::Applied(r) => write!(f, "applied {r}"),
            ApplyEvent::Retrying(r, why) => write!(f, "retrying {r}: {why}"),
            ApplyEvent::Waiting(r, why) => write!(f, "waiting for {r}: {why}"),
            ApplyEvent::Ready(r) => write!(f, "ready {r}"),
            ApplyEvent::Deleted(r) => write!(f, "deleted {r}"),
        }
    }
}

/// Why applying, waiting or deleting failed.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The cluster does not serve the object's kind.
    #[error(
        "{origin}: {kind} ({api_version}) is not served by the cluster: install the CRD that defines it first"
    )]
    UnknownKind {
        /// Where the object came from.
        origin: String,
        /// Kind.
        kind: String,
        /// apiVersion.
        api_version: String,
    },
    /// The API server refused the object.
    #[error("applying {object} ({origin}): {message}")]
    Rejected {
        /// The object.
        object: ObjectRef,
        /// Where it came from.
        origin: String,
        /// The server's message.
        message: String,
    },
    /// The object did not become ready in time.
    #[error("{object} is not ready after {secs} s: {why}")]
    NotReady {
        /// The object.
        object: ObjectRef,
        /// How long tcs waited.
        secs: u64,
        /// Why it is not ready (from its status).
        why: String,
    },
    /// Any other API failure.
    #[error("{object}: {message}")]
    Api {
        /// The object.
        object: ObjectRef,
        /// What failed.
        message: String,
    },
}

/// Applies object sets to one cluster with one field manager.
pub struct Applier {
    client: ::kube::Client,
    field_manager: String,
    resolved: Mutex<HashMap<(String, String), (ApiResource, ApiCapabilities)>>,
}

/// Whether a failure is worth retrying: the server is busy, or an admission webhook is not
/// answering yet (its Deployment just started).
fn transient(e: &::kube::Error) -> bool {
    match e {
        ::kube::Error::Api(s) => {
            s.code == 429
                || s.code >= 500
                || s.message.contains("failed calling webhook")
                || s.message.contains("no endpoints available")
        }
        _ => false,
    }
}

fn message(e: &::kube::Error) -> String {
    match e {
        ::kube::Error::Api(s) => {
            if s.reason.is_empty() {
                s.message.clone()
            } else {
                format!("{} ({}, HTTP {})", s.message, s.reason, s.code)
            }
        }
        other => other.to_string(),
    }
}

fn not_found(e: &::kube::Error) -> bool {
    matches!(e, ::kube::Error::Api(s) if s.code == 404)
}

impl Applier {
    /// An applier that sends every change as field manager `field_manager`.
    pub fn new(client: ::kube::Client, field_manager: &str) -> Applier {
        Applier {
            client,
            field_manager: field_manager.to_string(),
            resolved: Mutex::new(HashMap::new()),
        }
    }

    /// The client in use.
    pub fn client(&self) -> &::kube::Client {
        &self.client
    }

    /// Resolves an object's kind through discovery (cached; a kind that is not served yet is
    /// looked up again next time, so CRDs applied meanwhile are found).
    async fn resolve(
        &self,
        r: &ObjectRef,
    ) -> Result<Option<(ApiResource, ApiCapabilities)>, ::kube::Error> {
        let key = (r.api_version.clone(), r.kind.clone());
        if let Some(found) = self.resolved.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(Some(found));
        }
        let gvk = GroupVersionKind::gvk(r.group(), r.version(), &r.kind);
        match ::kube::discovery::pinned_kind(&self.client, &gvk).await {
            Ok(found) => {
                if let Ok(mut m) = self.resolved.lock() {
                    m.insert(key, found.clone());
                }
                Ok(Some(found))
            }
            Err(::kube::Error::Discovery(_)) => Ok(None),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn api(
        &self,
        ar: &ApiResource,
        caps: &ApiCapabilities,
        namespace: Option<&str>,
    ) -> Api<DynamicObject> {
        match (&caps.scope, namespace) {
            (Scope::Cluster, _) => Api::all_with(self.client.clone(), ar),
            (Scope::Namespaced, Some(ns)) => Api::namespaced_with(self.client.clone(), ns, ar),
            (Scope::Namespaced, None) => Api::default_namespaced_with(self.client.clone(), ar),
        }
    }

    /// Applies one object (server-side apply, forced), retrying transient failures until
    /// `deadline`. Returns its reference with the namespace the server used.
    pub async fn apply_one(
        &self,
        m: &Manifest,
        deadline: Instant,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<ObjectRef, ApplyError> {
        let mut r = m.object_ref();
        let unknown = || ApplyError::UnknownKind {
            origin: m.origin.clone(),
            kind: r.kind.clone(),
            api_version: r.api_version.clone(),
        };
        let (ar, caps) = self
            .resolve(&r)
            .await
            .map_err(|e| ApplyError::Api {
                object: r.clone(),
                message: format!("discovery: {}", message(&e)),
            })?
            .ok_or_else(unknown)?;
        let mut value = m.value.clone();
        match caps.scope {
            Scope::Cluster => {
                r.namespace = None;
                if let Some(meta) = value.get_mut("metadata").and_then(Value::as_object_mut) {
                    meta.remove("namespace");
                }
            }
            Scope::Namespaced => {
                if r.namespace.is_none() {
                    r.namespace = Some(self.client.default_namespace().to_string());
                }
            }
        }
        let obj: DynamicObject =
            serde_json::from_value(value).map_err(|e| ApplyError::Rejected {
                object: r.clone(),
                origin: m.origin.clone(),
                message: e.to_string(),
            })?;
        let api = self.api(&ar, &caps, r.namespace.as_deref());
        let params = PatchParams::apply(&self.field_manager).force();
        let mut pause = Duration::from_millis(500);
        loop {
            match api.patch(&r.name, &params, &Patch::Apply(&obj)).await {
                Ok(_) => {
                    on(ApplyEvent::Applied(r.clone()));
                    return Ok(r);
                }
                Err(e) if transient(&e) && Instant::now() + pause < deadline => {
                    on(ApplyEvent::Retrying(r.clone(), message(&e)));
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(10));
                }
                Err(e) => {
                    return Err(ApplyError::Rejected {
                        object: r.clone(),
                        origin: m.origin.clone(),
                        message: message(&e),
                    });
                }
            }
        }
    }

    /// Applies a whole set in order: priority classes, namespaces and CRDs (then waits for the
    /// CRDs to be Established), the other built-in kinds in Helm's order (then waits for the
    /// workloads among them), then custom resources. Returns what was applied, in order.
    pub async fn apply_all(
        &self,
        manifests: &[Manifest],
        wait: &WaitOptions,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<Vec<ObjectRef>, ApplyError> {
        let mut sorted: Vec<&Manifest> = manifests.iter().collect();
        sorted.sort_by_key(|m| install_rank(&m.object_ref().kind));
        let first = |m: &&Manifest| {
            let r = m.object_ref();
            r.is_builtin()
                && matches!(
                    r.kind.as_str(),
                    "PriorityClass" | "Namespace" | "CustomResourceDefinition"
                )
        };
        let (head, rest): (Vec<&Manifest>, Vec<&Manifest>) = sorted.into_iter().partition(first);
        let (builtin, custom): (Vec<&Manifest>, Vec<&Manifest>) =
            rest.into_iter().partition(|m| m.object_ref().is_builtin());
        let mut applied = Vec::new();
        for group in [head, builtin, custom] {
            let deadline = Instant::now() + wait.timeout;
            let mut batch = Vec::new();
            for m in group {
                batch.push(self.apply_one(m, deadline, on).await?);
            }
            let waits: Vec<ObjectRef> = batch
                .iter()
                .filter(|r| {
                    matches!(
                        r.kind.as_str(),
                        "CustomResourceDefinition" | "Deployment" | "DaemonSet" | "StatefulSet"
                    ) && r.is_builtin()
                })
                .cloned()
                .collect();
            self.wait_ready(&waits, wait, on, &health_of).await?;
            applied.extend(batch);
        }
        Ok(applied)
    }

    /// The live object, or `None` if it (or its kind) does not exist.
    pub async fn get(&self, r: &ObjectRef) -> Result<Option<Value>, ApplyError> {
        let api_err = |e: ::kube::Error| ApplyError::Api {
            object: r.clone(),
            message: message(&e),
        };
        let Some((ar, caps)) = self.resolve(r).await.map_err(api_err)? else {
            return Ok(None);
        };
        match self
            .api(&ar, &caps, r.namespace.as_deref())
            .get_opt(&r.name)
            .await
        {
            Ok(found) => Ok(found.map(|o| serde_json::to_value(o).unwrap_or_default())),
            Err(e) => Err(api_err(e)),
        }
    }

    /// Waits until `check` says every object is ready (or not applicable), looking every
    /// `wait.interval`; fails naming the first object still waiting and why.
    pub async fn wait_ready(
        &self,
        refs: &[ObjectRef],
        wait: &WaitOptions,
        on: &(dyn Fn(ApplyEvent) + Sync),
        check: &(dyn Fn(&Value) -> Health + Sync),
    ) -> Result<(), ApplyError> {
        let start = Instant::now();
        let mut pending: Vec<ObjectRef> = refs.to_vec();
        let mut said: HashMap<ObjectRef, String> = HashMap::new();
        loop {
            let mut still = Vec::new();
            for r in pending {
                let health = match self.get(&r).await? {
                    Some(v) => check(&v),
                    None => Health::Waiting("does not exist".into()),
                };
                match health {
                    Health::Ready | Health::NotApplicable => on(ApplyEvent::Ready(r.clone())),
                    Health::Waiting(why) => {
                        if said.get(&r) != Some(&why) {
                            on(ApplyEvent::Waiting(r.clone(), why.clone()));
                            said.insert(r.clone(), why.clone());
                        }
                        still.push((r, why));
                    }
                }
            }
            if still.is_empty() {
                return Ok(());
            }
            if start.elapsed() >= wait.timeout {
                let (object, why) = still.swap_remove(0);
                return Err(ApplyError::NotReady {
                    object,
                    secs: wait.timeout.as_secs(),
                    why,
                });
            }
            pending = still.into_iter().map(|(r, _)| r).collect();
            tokio::time::sleep(wait.interval).await;
        }
    }

    /// Deletes an object (background propagation). `Ok(false)` if it was already gone.
    pub async fn delete(
        &self,
        r: &ObjectRef,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<bool, ApplyError> {
        let api_err = |e: ::kube::Error| ApplyError::Api {
            object: r.clone(),
            message: message(&e),
        };
        let Some((ar, caps)) = self.resolve(r).await.map_err(api_err)? else {
            return Ok(false);
        };
        match self
            .api(&ar, &caps, r.namespace.as_deref())
            .delete(&r.name, &DeleteParams::background())
            .await
        {
            Ok(_) => {
                on(ApplyEvent::Deleted(r.clone()));
                Ok(true)
            }
            Err(e) if not_found(&e) => Ok(false),
            Err(e) => Err(api_err(e)),
        }
    }

    /// Deletes objects in reverse install order (custom resources first, namespaces and CRDs
    /// last). Returns how many existed.
    pub async fn delete_all(
        &self,
        refs: &[ObjectRef],
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<usize, ApplyError> {
        let mut sorted: Vec<&ObjectRef> = refs.iter().collect();
        sorted.sort_by_key(|r| {
            let tier = if !r.is_builtin() {
                0
            } else if matches!(
                r.kind.as_str(),
                "Namespace" | "CustomResourceDefinition" | "PriorityClass"
            ) {
                2
            } else {
                1
            };
            (tier, std::cmp::Reverse(install_rank(&r.kind)))
        });
        let mut n = 0;
        for r in sorted {
            if self.delete(r, on).await? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Objects of `api_version`/`kind` (in every namespace) carrying the labels in `selector`
    /// (`k=v,k2=v2`). A kind the cluster does not serve has none.
    pub async fn list_labelled(
        &self,
        api_version: &str,
        kind: &str,
        selector: &str,
    ) -> Result<Vec<ObjectRef>, ApplyError> {
        Ok(self
            .list(api_version, kind, selector)
            .await?
            .iter()
            .map(|o| ObjectRef {
                api_version: api_version.to_string(),
                kind: kind.to_string(),
                namespace: o
                    .pointer("/metadata/namespace")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                name: o
                    .pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect())
    }

    /// The objects of a kind in every namespace with labels matching `selector` (empty: all);
    /// none when the cluster does not serve the kind.
    pub async fn list(
        &self,
        api_version: &str,
        kind: &str,
        selector: &str,
    ) -> Result<Vec<Value>, ApplyError> {
        let probe = ObjectRef {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            namespace: None,
            name: String::new(),
        };
        let api_err = |e: ::kube::Error| ApplyError::Api {
            object: probe.clone(),
            message: message(&e),
        };
        let Some((ar, _)) = self.resolve(&probe).await.map_err(api_err)? else {
            return Ok(Vec::new());
        };
        let api: Api<DynamicObject> = Api::all_with(self.client.clone(), &ar);
        let list = api
            .list(&ListParams::default().labels(selector))
            .await
            .map_err(api_err)?;
        let mut out = Vec::with_capacity(list.items.len());
        for o in list.items {
            match serde_json::to_value(o) {
                Ok(v) => out.push(v),
                Err(e) => return Err(api_err(::kube::Error::SerdeError(e))),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::fake::FakeApi;
    use crate::kube::parse_documents;

    const SET: &str = r#"
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: pool, namespace: metallb-system}
spec: {addresses: [10.0.0.0/28]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: controller, namespace: metallb-system}
spec: {replicas: 1}
---
apiVersion: v1
kind: Namespace
metadata: {name: metallb-system}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ipaddresspools.metallb.io}
spec:
  group: metallb.io
  names: {kind: IPAddressPool, plural: ipaddresspools}
  scope: Namespaced
  versions: [{name: v1beta1, served: true, storage: true}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: controller, namespace: metallb-system}
"#;

    fn fast() -> WaitOptions {
        WaitOptions {
            timeout: Duration::from_millis(300),
            interval: Duration::from_millis(10),
        }
    }

    fn patches(fake: &FakeApi) -> Vec<crate::kube::fake::Recorded> {
        fake.requests()
            .into_iter()
            .filter(|r| r.method == "PATCH")
            .collect()
    }

    #[tokio::test]
    async fn applies_in_order_with_ssa_content_type_and_field_manager() {
        let fake = FakeApi::new();
        let applier = Applier::new(fake.client(), "tcs");
        let set = parse_documents(SET, "lb.yaml").unwrap();
        let events = Mutex::new(Vec::new());
        let done = applier
            .apply_all(&set, &fast(), &|e| events.lock().unwrap().push(e))
            .await
            .unwrap();
        let kinds: Vec<&str> = done.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "Namespace",
                "CustomResourceDefinition",
                "ServiceAccount",
                "Deployment",
                "IPAddressPool"
            ]
        );
        let p = patches(&fake);
        let paths: Vec<&str> = p.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/api/v1/namespaces/metallb-system",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/ipaddresspools.metallb.io",
                "/api/v1/namespaces/metallb-system/serviceaccounts/controller",
                "/apis/apps/v1/namespaces/metallb-system/deployments/controller",
                "/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/pool",
            ]
        );
        for r in &p {
            assert_eq!(r.content_type, "application/apply-patch+yaml", "{}", r.path);
            assert!(r.query.contains("fieldManager=tcs"), "{}", r.query);
            assert!(r.query.contains("force=true"), "{}", r.query);
        }
        // The custom kind was discovered only after its CRD was applied and Established,
        // and the Deployment was read back (waited for) before the pool went out.
        let all = fake.requests();
        let pos =
            |f: &dyn Fn(&crate::kube::fake::Recorded) -> bool| all.iter().position(f).unwrap();
        let crd = pos(&|r| r.method == "PATCH" && r.path.contains("customresourcedefinitions"));
        let crd_get = pos(&|r| {
            r.method == "GET"
                && r.path
                    .ends_with("customresourcedefinitions/ipaddresspools.metallb.io")
        });
        let disc = pos(&|r| r.method == "GET" && r.path == "/apis/metallb.io/v1beta1");
        let deploy_get = pos(&|r| r.method == "GET" && r.path.ends_with("deployments/controller"));
        let pool = pos(&|r| r.method == "PATCH" && r.path.ends_with("ipaddresspools/pool"));
        assert!(
            crd < crd_get && crd_get < disc && deploy_get < pool,
            "{all:?}"
        );
        let events = events.into_inner().unwrap();
        assert!(
            events
                .iter()
                .any(|e| matches!(e, ApplyEvent::Ready(r) if r.kind == "Deployment"))
        );
        // Applying again sends the same five patches and changes nothing else.
        fake.clear_requests();
        applier.apply_all(&set, &fast(), &|_| {}).await.unwrap();
        assert_eq!(patches(&fake).len(), 5);
    }

    #[tokio::test]
    async fn a_workload_that_never_gets_ready_fails_by_name_and_blocks_custom_resources() {
        let fake = FakeApi::new();
        fake.hold("controller");
        let applier = Applier::new(fake.client(), "tcs");
        let set = parse_documents(SET, "lb.yaml").unwrap();
        let e = applier.apply_all(&set, &fast(), &|_| {}).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "Deployment metallb-system/controller is not ready after 0 s: the controller has not seen generation 1 yet (observed 0)"
        );
        assert!(fake.object("IPAddressPool", "pool").is_none());
        // Released while waiting: the wait ends and the pool goes out.
        let f2 = fake.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            f2.release("controller");
        });
        let wait = WaitOptions {
            timeout: Duration::from_secs(5),
            interval: Duration::from_millis(10),
        };
        applier.apply_all(&set, &wait, &|_| {}).await.unwrap();
        assert!(fake.object("IPAddressPool", "pool").is_some());
    }

    #[tokio::test]
    async fn unknown_kinds_and_rejections_are_located() {
        let fake = FakeApi::new();
        let applier = Applier::new(fake.client(), "tcs");
        let set = parse_documents(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: x}\n",
            "w.yaml",
        )
        .unwrap();
        let e = applier.apply_all(&set, &fast(), &|_| {}).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "w.yaml#2: Widget (example.com/v1) is not served by the cluster: install the CRD that defines it first"
        );
        fake.fail(
            "x",
            422,
            "Namespace \"x\" is invalid: metadata.labels: Invalid value",
            1,
        );
        let e = applier
            .apply_all(&set[..1], &fast(), &|_| {})
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("applying Namespace x (w.yaml#1): Namespace \"x\" is invalid"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn webhook_failures_are_retried_until_the_webhook_answers() {
        let fake = FakeApi::new();
        let applier = Applier::new(fake.client(), "tcs");
        let set = parse_documents(SET, "lb.yaml").unwrap();
        fake.fail(
            "pool",
            500,
            "Internal error occurred: failed calling webhook \"ipaddresspoolvalidationwebhook.metallb.io\": connection refused",
            2,
        );
        let events = Mutex::new(Vec::new());
        let wait = WaitOptions {
            timeout: Duration::from_secs(10),
            interval: Duration::from_millis(10),
        };
        applier
            .apply_all(&set, &wait, &|e| events.lock().unwrap().push(e))
            .await
            .unwrap();
        let retries = events
            .into_inner()
            .unwrap()
            .into_iter()
            .filter(|e| matches!(e, ApplyEvent::Retrying(r, m) if r.name == "pool" && m.contains("failed calling webhook")))
            .count();
        assert_eq!(retries, 2);
        assert!(fake.object("IPAddressPool", "pool").is_some());
    }
}
