//! The federation controller: the same plan-apply-prune-record logic as `tcs fed apply`, run
//! as a reconciler over what is stored in the global cluster (Karmada policy objects, resource
//! templates kept wrapped in ConfigMaps so they do not run in the global cluster itself, and
//! the fleet registry), triggered by watch events and a periodic resync, with backoff on
//! failure and a Lease so that only one replica reconciles at a time.

use super::FedError;
use super::apply::{FedApplyReport, apply_plan};
use super::registry::{Connector, clusters, connect_member, refresh_status};
use crate::fed::Inputs;
use crate::kube::{Applier, ApplyEvent, Manifest};
use ::kube::api::{Api, DynamicObject, GroupVersionKind, Patch, PatchParams, PostParams};
use ::kube::discovery::ApiResource;
use futures::{Stream, StreamExt};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

/// Namespace holding resource templates (one ConfigMap each, key `object.json`).
pub const TEMPLATE_NAMESPACE: &str = "tcs-fed-templates";
/// Label on template ConfigMaps.
pub const TEMPLATE_LABEL: &str = "fed.tcs.io/template";
/// The Karmada policy kinds the controller reads from the global cluster.
pub const POLICY_KINDS: &[(&str, &str, bool)] = &[
    ("PropagationPolicy", "propagationpolicies", true),
    (
        "ClusterPropagationPolicy",
        "clusterpropagationpolicies",
        false,
    ),
    ("OverridePolicy", "overridepolicies", true),
    ("ClusterOverridePolicy", "clusteroverridepolicies", false),
];

fn policy_resource(kind: &str, plural: &str) -> ApiResource {
    ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk("policy.karmada.io", "v1alpha1", kind),
        plural,
    )
}

/// Stores policies and resource templates in the global cluster for the controller: Karmada
/// policy objects as they are (their CRDs must be installed: `tcs addon enable federation`),
/// every other object wrapped in a ConfigMap in `tcs-fed-templates`. Returns how many of each.
pub async fn store(
    global: &Applier,
    objects: &[Value],
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<(usize, usize), FedError> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let ns = Manifest {
        value: json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": TEMPLATE_NAMESPACE}}),
        origin: "template namespace".into(),
    };
    global.apply_one(&ns, deadline, on).await?;
    let (mut policies, mut templates) = (0, 0);
    for o in objects {
        let m = Manifest {
            value: o.clone(),
            origin: "stored input".into(),
        };
        let r = m.object_ref();
        if r.api_version == "policy.karmada.io/v1alpha1" {
            global.apply_one(&m, deadline, on).await?;
            policies += 1;
            continue;
        }
        let key = format!(
            "{}/{}/{}/{}",
            r.api_version,
            r.kind,
            r.namespace.as_deref().unwrap_or(""),
            r.name
        );
        let wrapped = Manifest {
            value: json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": format!("tmpl-{}", &crate::steps::sha256_hex(&key)[..16]), "namespace": TEMPLATE_NAMESPACE,
                    "labels": {TEMPLATE_LABEL: "true", "app.kubernetes.io/managed-by": "tcs"},
                    "annotations": {TEMPLATE_LABEL: key}},
                "data": {"object.json": o.to_string()}}),
            origin: format!("template {key}"),
        };
        global.apply_one(&wrapped, deadline, on).await?;
        templates += 1;
    }
    Ok((policies, templates))
}

/// Reads the stored policies and templates into engine inputs (clusters and bindings are added
/// by the apply).
pub async fn stored_inputs(global: &Applier) -> Result<Inputs, FedError> {
    let mut text = String::new();
    for (kind, _, _) in POLICY_KINDS {
        for r in global
            .list_labelled("policy.karmada.io/v1alpha1", kind, "")
            .await?
        {
            if let Some(mut v) = global.get(&r).await? {
                if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                    meta.remove("managedFields");
                }
                text.push_str("---\n");
                text.push_str(&v.to_string());
                text.push('\n');
            }
        }
    }
    for r in global
        .list_labelled("v1", "ConfigMap", &format!("{TEMPLATE_LABEL}=true"))
        .await?
    {
        if r.namespace.as_deref() != Some(TEMPLATE_NAMESPACE) {
            continue;
        }
        if let Some(cm) = global.get(&r).await?
            && let Some(obj) = cm.pointer("/data/object.json").and_then(Value::as_str)
        {
            text.push_str("---\n");
            text.push_str(obj);
            text.push('\n');
        }
    }
    let mut inputs = Inputs::default();
    crate::fed::load_str(&text, Path::new("global cluster"), &mut inputs)
        .map_err(|e| FedError::Other(e.to_string()))?;
    Ok(inputs)
}

/// One reconcile: refresh every member's status in the registry, then plan, apply, prune and
/// record from what is stored in the global cluster.
pub async fn reconcile_once(
    global: &Applier,
    connector: &Connector,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<FedApplyReport, FedError> {
    refresh_all(global, connector).await?;
    let inputs = stored_inputs(global).await?;
    apply_plan(global, inputs, connector, on).await
}

/// Refreshes every member's status in the registry (version, nodes, resources, Ready). A member
/// that does not answer gets Ready=False with the reason, which keeps it out of capacity-based
/// division until it answers again.
pub async fn refresh_all(global: &Applier, connector: &Connector) -> Result<(), FedError> {
    for c in clusters(global).await? {
        let name = c["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if let Ok(member) = connect_member(global, &name, connector).await {
            let _ = refresh_status(global, &name, &member).await;
        }
    }
    Ok(())
}

/// Leader election over a `coordination.k8s.io/v1` Lease: the holder renews it; another
/// replica takes over only after it expired. Writes carry the Lease's resourceVersion, so two
/// replicas cannot both win.
pub struct Elector {
    api: Api<DynamicObject>,
    name: String,
    identity: String,
    duration: Duration,
}

fn micro_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

impl Elector {
    /// An elector for Lease `namespace/name`, holding it as `identity` for `duration`.
    pub fn new(
        client: ::kube::Client,
        namespace: &str,
        name: &str,
        identity: &str,
        duration: Duration,
    ) -> Elector {
        let ar = ApiResource::from_gvk_with_plural(
            &GroupVersionKind::gvk("coordination.k8s.io", "v1", "Lease"),
            "leases",
        );
        Elector {
            api: Api::namespaced_with(client, namespace, &ar),
            name: name.to_string(),
            identity: identity.to_string(),
            duration,
        }
    }

    /// How often the holder renews.
    pub fn renew_every(&self) -> Duration {
        self.duration / 3
    }

    /// Takes or renews the Lease; `Ok(true)` when this replica holds it now.
    pub async fn try_acquire_or_renew(&self) -> Result<bool, FedError> {
        let now = time::OffsetDateTime::now_utc();
        let spec = |transitions: i64, acquired: String| {
            json!({"holderIdentity": self.identity, "leaseDurationSeconds": self.duration.as_secs(),
                "acquireTime": acquired, "renewTime": micro_time(now), "leaseTransitions": transitions})
        };
        let current = self
            .api
            .get_opt(&self.name)
            .await
            .map_err(|e| FedError::Other(format!("lease {}: {e}", self.name)))?;
        let Some(lease) = current else {
            let obj: DynamicObject = serde_json::from_value(json!({
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": {"name": self.name}, "spec": spec(0, micro_time(now)),
            }))
            .map_err(|e| FedError::Other(e.to_string()))?;
            return match self.api.create(&PostParams::default(), &obj).await {
                Ok(_) => Ok(true),
                Err(::kube::Error::Api(s)) if s.code == 409 => Ok(false),
                Err(e) => Err(FedError::Other(format!("lease {}: {e}", self.name))),
            };
        };
        let s = &lease.data["spec"];
        let holder = s["holderIdentity"].as_str().unwrap_or("");
        let renewed = s["renewTime"].as_str().and_then(|t| {
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        });
        let lasts = Duration::from_secs(s["leaseDurationSeconds"].as_u64().unwrap_or(15));
        let expired = renewed.is_none_or(|r| r + lasts < now);
        if holder != self.identity && !holder.is_empty() && !expired {
            return Ok(false);
        }
        let transitions =
            s["leaseTransitions"].as_i64().unwrap_or(0) + i64::from(holder != self.identity);
        let acquired = if holder == self.identity {
            s["acquireTime"].as_str().unwrap_or_default().to_string()
        } else {
            micro_time(now)
        };
        let patch = json!({
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": self.name, "resourceVersion": lease.metadata.resource_version},
            "spec": spec(transitions, acquired),
        });
        match self
            .api
            .patch(
                &self.name,
                &PatchParams::apply(super::FED_FIELD_MANAGER).force(),
                &Patch::Apply(&patch),
            )
            .await
        {
            Ok(_) => Ok(true),
            Err(::kube::Error::Api(s)) if s.code == 409 => Ok(false),
            Err(e) => Err(FedError::Other(format!("lease {}: {e}", self.name))),
        }
    }

    /// Gives the Lease up (on shutdown), so another replica takes over at once.
    pub async fn release(&self) {
        if let Ok(Some(lease)) = self.api.get_opt(&self.name).await
            && lease.data["spec"]["holderIdentity"] == self.identity.as_str()
        {
            let patch = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": {"name": self.name, "resourceVersion": lease.metadata.resource_version},
                "spec": {"holderIdentity": "", "leaseDurationSeconds": self.duration.as_secs()}});
            let _ = self
                .api
                .patch(
                    &self.name,
                    &PatchParams::apply(super::FED_FIELD_MANAGER).force(),
                    &Patch::Apply(&patch),
                )
                .await;
        }
    }
}

/// Settings of the reconcile loop.
#[derive(Debug, Clone, Copy)]
pub struct LoopOptions {
    /// Reconcile at least this often (member statuses, unreachable members).
    pub resync: Duration,
    /// Wait this long after an event for more before reconciling.
    pub debounce: Duration,
    /// First retry delay after a failure (doubles up to `max_backoff`).
    pub backoff: Duration,
    /// Longest retry delay.
    pub max_backoff: Duration,
}

impl Default for LoopOptions {
    fn default() -> Self {
        LoopOptions {
            resync: Duration::from_secs(60),
            debounce: Duration::from_secs(1),
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// What one pass of the loop did, for logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopEvent {
    /// This replica holds the Lease.
    Leading,
    /// Another replica holds it; this one waits.
    Standby,
    /// A reconcile finished (`complete`: everything applied).
    Reconciled {
        /// Everything applied and pruned.
        complete: bool,
    },
    /// A reconcile failed; the next is after this delay.
    Failed {
        /// Why.
        message: String,
        /// Retry delay.
        retry_in: Duration,
    },
}

/// Runs the reconciler until `shutdown` resolves: reconciles after events from `triggers`
/// (debounced), at every resync, and after failures with exponential backoff; only while it
/// holds the Lease when an elector is given.
pub async fn run<T, F>(
    global: &Applier,
    connector: &Connector,
    elector: Option<&Elector>,
    mut triggers: T,
    options: LoopOptions,
    shutdown: F,
    report: &(dyn Fn(LoopEvent) + Sync),
) where
    T: Stream<Item = ()> + Unpin,
    F: std::future::Future<Output = ()>,
{
    tokio::pin!(shutdown);
    let mut ended = false;
    let mut leading = elector.is_none();
    let mut backoff = options.backoff;
    let mut next_reconcile = Instant::now();
    let mut next_renew = Instant::now();
    loop {
        if let Some(e) = elector
            && Instant::now() >= next_renew
        {
            let now_leading = e.try_acquire_or_renew().await.unwrap_or(false);
            if now_leading != leading {
                report(if now_leading {
                    LoopEvent::Leading
                } else {
                    LoopEvent::Standby
                });
                if now_leading {
                    next_reconcile = Instant::now();
                }
            }
            leading = now_leading;
            next_renew = Instant::now() + e.renew_every();
        }
        if leading && Instant::now() >= next_reconcile {
            match reconcile_once(global, connector, &|_| {}).await {
                Ok(r) => {
                    backoff = options.backoff;
                    report(LoopEvent::Reconciled {
                        complete: r.complete(),
                    });
                    next_reconcile = Instant::now()
                        + if r.complete() {
                            options.resync
                        } else {
                            options
                                .resync
                                .min(options.max_backoff)
                                .min(Duration::from_secs(30))
                        };
                }
                Err(e) => {
                    report(LoopEvent::Failed {
                        message: e.to_string(),
                        retry_in: backoff,
                    });
                    next_reconcile = Instant::now() + backoff;
                    backoff = (backoff * 2).min(options.max_backoff);
                }
            }
        }
        let wake = if elector.is_some() {
            next_reconcile.min(next_renew)
        } else {
            next_reconcile
        };
        tokio::select! {
            _ = &mut shutdown => break,
            t = triggers.next(), if !ended => {
                match t {
                    // No more events: keep resyncing.
                    None => ended = true,
                    Some(()) => {
                        // Debounce: a burst of events makes one reconcile.
                        let soon = Instant::now() + options.debounce;
                        if soon < next_reconcile {
                            next_reconcile = soon;
                        }
                    }
                }
            }
            _ = tokio::time::sleep_until(wake.into()) => {}
        }
    }
    if let Some(e) = elector {
        e.release().await;
    }
}

/// The controller's triggers in a real cluster: watch events on the registry's Clusters, the
/// Karmada policies and the template ConfigMaps (watch errors are retried with backoff and do
/// not trigger).
pub fn watch_triggers(client: ::kube::Client) -> impl Stream<Item = ()> + Send + Unpin {
    use ::kube::runtime::{WatchStreamExt, watcher};
    let cluster_ar = ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk("fleet.tcs.io", "v1alpha1", "Cluster"),
        "clusters",
    );
    let mut streams: Vec<std::pin::Pin<Box<dyn Stream<Item = ()> + Send>>> = Vec::new();
    let watch = |api: Api<DynamicObject>, config: watcher::Config| {
        watcher(api, config)
            .default_backoff()
            .filter_map(|e| async move { e.ok().map(|_| ()) })
            .boxed()
    };
    streams.push(watch(
        Api::all_with(client.clone(), &cluster_ar),
        watcher::Config::default(),
    ));
    for (kind, plural, _) in POLICY_KINDS {
        streams.push(watch(
            Api::all_with(client.clone(), &policy_resource(kind, plural)),
            watcher::Config::default(),
        ));
    }
    let cm = ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk("", "v1", "ConfigMap"),
        "configmaps",
    );
    streams.push(watch(
        Api::namespaced_with(client.clone(), TEMPLATE_NAMESPACE, &cm),
        watcher::Config::default().labels(&format!("{TEMPLATE_LABEL}=true")),
    ));
    // Member status changes (nodes, capacity) are picked up by the periodic resync.
    futures::stream::select_all(streams)
}
