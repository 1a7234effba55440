//! An addon's life in a cluster: enable (apply, prune what the new render dropped, health
//! checks), disable, status. What an addon owns is recorded in a ConfigMap
//! (`kube-system/tcs-addon-<name>`) written *before* anything is applied, holding every
//! object of the previous and the new render, so a failed or interrupted run can always be
//! finished or undone.

use super::catalog::{AddonMeta, HealthCheck};
use super::{AddonError, FIELD_MANAGER, Rendered};
use crate::kube::{
    Applier, ApplyEvent, Health, Manifest, ObjectRef, WaitOptions, condition_health, health_of,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Namespace of the records.
pub const RECORD_NAMESPACE: &str = "kube-system";

/// Name of the record ConfigMap for `addon`.
pub fn record_name(addon: &str) -> String {
    format!("tcs-addon-{addon}")
}

/// What the cluster holds about one enabled addon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddonRecord {
    /// Addon name.
    pub addon: String,
    /// Version applied (or being applied).
    pub version: String,
    /// `Applying`, `Ready` or `Failed`.
    pub phase: String,
    /// sha256 of the merged values (the values themselves may hold secrets).
    pub values_sha256: String,
    /// Every object the addon owns.
    pub objects: Vec<ObjectRef>,
    /// When this record was written (RFC 3339).
    pub updated: String,
    /// The last error, if the phase is Failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// One health check's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    /// The check, e.g. `Deployment metallb-system/controller rolled out`.
    pub check: String,
    /// Whether it passed.
    pub ok: bool,
    /// Why not (or what was seen).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// `tcs addon status` for one addon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddonStatus {
    /// Addon name.
    pub addon: String,
    /// Version in the cluster.
    pub version: String,
    /// Phase from the record.
    pub phase: String,
    /// Objects recorded.
    pub objects: usize,
    /// Objects recorded but missing from the cluster.
    pub missing: Vec<String>,
    /// Health checks.
    pub checks: Vec<CheckResult>,
    /// All checks pass and nothing is missing.
    pub healthy: bool,
}

/// Addon operations on one cluster.
pub struct Lifecycle {
    applier: Applier,
    cluster: String,
    wait: WaitOptions,
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn check_label(c: &HealthCheck) -> String {
    match c {
        HealthCheck::Rollout {
            kind,
            namespace,
            name,
        } => format!("{kind} {namespace}/{name} rolled out"),
        HealthCheck::Condition {
            kind,
            namespace,
            name,
            condition,
            status,
            ..
        } => {
            let at = match namespace.as_str() {
                "" => name.clone(),
                ns => format!("{ns}/{name}"),
            };
            format!("{kind} {at} {condition}={status}")
        }
        HealthCheck::LoadBalancerProbe { namespace, .. } => {
            format!("a LoadBalancer Service in {namespace} gets an address")
        }
    }
}

fn check_ref(c: &HealthCheck) -> Option<ObjectRef> {
    match c {
        HealthCheck::Rollout {
            kind,
            namespace,
            name,
        } => Some(ObjectRef {
            api_version: "apps/v1".into(),
            kind: kind.clone(),
            namespace: Some(namespace.clone()),
            name: name.clone(),
        }),
        HealthCheck::Condition {
            api_version,
            kind,
            namespace,
            name,
            ..
        } => Some(ObjectRef {
            api_version: api_version.clone(),
            kind: kind.clone(),
            namespace: (!namespace.is_empty()).then(|| namespace.clone()),
            name: name.clone(),
        }),
        HealthCheck::LoadBalancerProbe { .. } => None,
    }
}

fn judge(c: &HealthCheck, v: &Value) -> Health {
    match c {
        HealthCheck::Condition {
            condition, status, ..
        } => condition_health(v, condition, status),
        _ => health_of(v),
    }
}

const PROBE: &str = "tcs-lb-probe";

/// Whether a check's `when` expression holds for the values.
fn applies(addon: &str, check: &HealthCheck, values: &Value) -> Result<bool, AddonError> {
    let HealthCheck::LoadBalancerProbe {
        when: Some(expr), ..
    } = check
    else {
        return Ok(true);
    };
    let env = minijinja::Environment::new();
    let fail = |e: minijinja::Error| AddonError::Definition {
        addon: addon.to_string(),
        file: "addon.yaml".into(),
        message: format!("health check `when: {expr}`: {e}"),
    };
    let compiled = env.compile_expression(expr).map_err(fail)?;
    let v = compiled
        .eval(minijinja::context! { values => minijinja::Value::from(minijinja::value::Serde(values)) })
        .map_err(fail)?;
    Ok(v.is_true())
}

impl Lifecycle {
    /// Operations on `cluster` through `client`.
    pub fn new(client: ::kube::Client, cluster: &str, wait: WaitOptions) -> Lifecycle {
        Lifecycle {
            applier: Applier::new(client, FIELD_MANAGER),
            cluster: cluster.to_string(),
            wait,
        }
    }

    fn record_ref(addon: &str) -> ObjectRef {
        ObjectRef {
            api_version: "v1".into(),
            kind: "ConfigMap".into(),
            namespace: Some(RECORD_NAMESPACE.into()),
            name: record_name(addon),
        }
    }

    fn apply_err(&self, addon: &str) -> impl Fn(crate::kube::ApplyError) -> AddonError + '_ {
        let addon = addon.to_string();
        move |source| AddonError::Apply {
            addon: addon.clone(),
            source: Box::new(source),
        }
    }

    /// The record of `addon`, if it is enabled.
    pub async fn record(&self, addon: &str) -> Result<Option<AddonRecord>, AddonError> {
        let Some(cm) = self
            .applier
            .get(&Self::record_ref(addon))
            .await
            .map_err(self.apply_err(addon))?
        else {
            return Ok(None);
        };
        let data = |k: &str| {
            cm.pointer(&format!("/data/{k}"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        Ok(Some(AddonRecord {
            addon: data("addon"),
            version: data("version"),
            phase: data("phase"),
            values_sha256: data("valuesSha256"),
            objects: serde_json::from_str(&data("objects")).unwrap_or_default(),
            updated: data("updated"),
            message: data("message"),
        }))
    }

    async fn write_record(&self, r: &AddonRecord) -> Result<(), AddonError> {
        let m = Manifest {
            value: json!({
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": record_name(&r.addon), "namespace": RECORD_NAMESPACE,
                    "labels": {"app.kubernetes.io/managed-by": "tcs", "addons.tcs.io/record": "true"}},
                "data": {"addon": r.addon, "version": r.version, "phase": r.phase,
                    "valuesSha256": r.values_sha256,
                    "objects": serde_json::to_string(&r.objects).unwrap_or_default(),
                    "updated": r.updated, "message": r.message},
            }),
            origin: "addon record".into(),
        };
        self.applier
            .apply_one(&m, std::time::Instant::now() + self.wait.timeout, &|_| {})
            .await
            .map(|_| ())
            .map_err(self.apply_err(&r.addon))
    }

    /// Names of every addon enabled in the cluster (from the records).
    pub async fn enabled(&self) -> Result<Vec<String>, AddonError> {
        let refs = self
            .applier
            .list_labelled("v1", "ConfigMap", "addons.tcs.io/record=true")
            .await
            .map_err(self.apply_err("*"))?;
        let mut names: Vec<String> = refs
            .into_iter()
            .filter(|r| r.namespace.as_deref() == Some(RECORD_NAMESPACE))
            .filter_map(|r| r.name.strip_prefix("tcs-addon-").map(str::to_string))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Enables (or upgrades) an addon from its render: checks what it needs, records, applies,
    /// prunes what the previous render had and this one does not (never CRDs), runs the
    /// health checks and records the outcome. Returns the objects pruned.
    pub async fn enable(
        &self,
        meta: &AddonMeta,
        rendered: &Rendered,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<Vec<ObjectRef>, AddonError> {
        self.enable_then(meta, rendered, on, std::future::ready(Ok(())))
            .await
    }

    /// Like [`Lifecycle::enable`], running `between` beside the apply, before the health
    /// checks: an addon's own API server gets its objects there as soon as it answers, which
    /// the addon's controllers need before the apply's wait for them can end.
    pub async fn enable_then(
        &self,
        meta: &AddonMeta,
        rendered: &Rendered,
        on: &(dyn Fn(ApplyEvent) + Sync),
        between: impl std::future::Future<Output = Result<(), AddonError>>,
    ) -> Result<Vec<ObjectRef>, AddonError> {
        let addon = &meta.name;
        for need in &meta.needs {
            if self.record(need).await?.is_none() {
                return Err(AddonError::Needs {
                    addon: addon.clone(),
                    needed: need.clone(),
                    cluster: self.cluster.clone(),
                });
            }
        }
        let previous = self.record(addon).await?;
        let current: Vec<ObjectRef> = rendered.objects.iter().map(Manifest::object_ref).collect();
        let values_sha256 = crate::steps::sha256_hex(&rendered.values.to_string());
        let mut union = current.clone();
        for r in previous.iter().flat_map(|p| p.objects.iter()) {
            if !union.contains(r) {
                union.push(r.clone());
            }
        }
        let mut record = AddonRecord {
            addon: addon.clone(),
            version: rendered.version.clone(),
            phase: "Applying".into(),
            values_sha256,
            objects: union,
            updated: now(),
            message: String::new(),
        };
        self.write_record(&record).await?;
        let outcome = self
            .apply_and_check(meta, rendered, previous.as_ref(), &current, on, between)
            .await;
        match outcome {
            Ok((applied, pruned)) => {
                record.phase = "Ready".into();
                record.objects = applied;
                record.updated = now();
                self.write_record(&record).await?;
                Ok(pruned)
            }
            Err(e) => {
                record.phase = "Failed".into();
                record.message = e.to_string();
                record.updated = now();
                let _ = self.write_record(&record).await;
                Err(e)
            }
        }
    }

    async fn apply_and_check(
        &self,
        meta: &AddonMeta,
        rendered: &Rendered,
        previous: Option<&AddonRecord>,
        current: &[ObjectRef],
        on: &(dyn Fn(ApplyEvent) + Sync),
        between: impl std::future::Future<Output = Result<(), AddonError>>,
    ) -> Result<(Vec<ObjectRef>, Vec<ObjectRef>), AddonError> {
        let addon = &meta.name;
        let apply = async {
            self.applier
                .apply_all(&rendered.objects, &self.wait, on)
                .await
                .map_err(self.apply_err(addon))
        };
        let (mut applied, ()) = futures::future::try_join(apply, between).await?;
        // Prune: what the previous render owned and this one does not. CRDs stay (deleting one
        // deletes every object of its kind in the cluster); they remain recorded.
        let stale: Vec<ObjectRef> = previous
            .map(|p| {
                p.objects
                    .iter()
                    .filter(|r| !current.contains(r))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let (kept, prune): (Vec<ObjectRef>, Vec<ObjectRef>) = stale
            .into_iter()
            .partition(|r| r.kind == "CustomResourceDefinition");
        self.applier
            .delete_all(&prune, on)
            .await
            .map_err(self.apply_err(addon))?;
        applied.extend(kept);
        for check in &meta.health {
            if applies(addon, check, &rendered.values)? {
                self.run_check(addon, check, true, on).await?;
            }
        }
        Ok((applied, prune))
    }

    async fn run_check(
        &self,
        addon: &str,
        check: &HealthCheck,
        wait: bool,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<CheckResult, AddonError> {
        let label = check_label(check);
        let fail = |detail: String| AddonError::Unhealthy {
            addon: addon.to_string(),
            message: format!("{label}: {detail}"),
        };
        let opts = if wait {
            self.wait
        } else {
            WaitOptions {
                timeout: std::time::Duration::ZERO,
                ..self.wait
            }
        };
        if let HealthCheck::LoadBalancerProbe { namespace, .. } = check {
            if !wait {
                return Ok(CheckResult {
                    check: label,
                    ok: true,
                    detail: "probed by enable".into(),
                });
            }
            let probe = Manifest {
                value: json!({"apiVersion": "v1", "kind": "Service",
                    "metadata": {"name": PROBE, "namespace": namespace,
                        "labels": {"app.kubernetes.io/managed-by": "tcs"}},
                    "spec": {"type": "LoadBalancer", "ports": [{"name": "probe", "port": 9, "protocol": "TCP"}]}}),
                origin: "load-balancer probe".into(),
            };
            let r = self
                .applier
                .apply_one(&probe, std::time::Instant::now() + opts.timeout, on)
                .await
                .map_err(|e| fail(e.to_string()))?;
            let result = self
                .applier
                .wait_ready(std::slice::from_ref(&r), &opts, on, &health_of)
                .await;
            let address = self.applier.get(&r).await.ok().flatten().and_then(|v| {
                v.pointer("/status/loadBalancer/ingress/0/ip")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
            self.applier
                .delete(&r, on)
                .await
                .map_err(|e| fail(e.to_string()))?;
            result.map_err(|e| fail(e.to_string()))?;
            return Ok(CheckResult {
                check: label,
                ok: true,
                detail: address.map(|a| format!("got {a}")).unwrap_or_default(),
            });
        }
        let Some(r) = check_ref(check) else {
            return Ok(CheckResult {
                check: label,
                ok: true,
                detail: String::new(),
            });
        };
        let judge_fn = |v: &Value| judge(check, v);
        match self
            .applier
            .wait_ready(std::slice::from_ref(&r), &opts, on, &judge_fn)
            .await
        {
            Ok(()) => Ok(CheckResult {
                check: label,
                ok: true,
                detail: String::new(),
            }),
            Err(crate::kube::ApplyError::NotReady { why, .. }) if !wait => Ok(CheckResult {
                check: label,
                ok: false,
                detail: why,
            }),
            Err(crate::kube::ApplyError::NotReady { why, .. }) => Err(fail(why)),
            Err(e) => Err(fail(e.to_string())),
        }
    }

    /// Disables an addon: deletes every object it owns (custom resources first, namespaces
    /// last; CRDs only with `purge_crds`), then its record. Returns the objects deleted.
    pub async fn disable(
        &self,
        addon: &str,
        purge_crds: bool,
        on: &(dyn Fn(ApplyEvent) + Sync),
    ) -> Result<Vec<ObjectRef>, AddonError> {
        let Some(record) = self.record(addon).await? else {
            return Err(AddonError::NotEnabled {
                addon: addon.to_string(),
                cluster: self.cluster.clone(),
            });
        };
        let targets: Vec<ObjectRef> = record
            .objects
            .iter()
            .filter(|r| purge_crds || r.kind != "CustomResourceDefinition")
            .cloned()
            .collect();
        self.applier
            .delete_all(&targets, on)
            .await
            .map_err(self.apply_err(addon))?;
        self.applier
            .delete(&Self::record_ref(addon), &|_| {})
            .await
            .map_err(self.apply_err(addon))?;
        Ok(targets)
    }

    /// The status of an enabled addon: its record, missing objects and health checks (looked
    /// at once, without waiting).
    pub async fn status(&self, meta: &AddonMeta) -> Result<AddonStatus, AddonError> {
        let addon = &meta.name;
        let Some(record) = self.record(addon).await? else {
            return Err(AddonError::NotEnabled {
                addon: addon.clone(),
                cluster: self.cluster.clone(),
            });
        };
        let mut missing = Vec::new();
        for r in &record.objects {
            if self
                .applier
                .get(r)
                .await
                .map_err(self.apply_err(addon))?
                .is_none()
            {
                missing.push(r.to_string());
            }
        }
        let mut checks = Vec::new();
        for c in &meta.health {
            checks.push(self.run_check(addon, c, false, &|_| {}).await?);
        }
        let healthy = missing.is_empty() && checks.iter().all(|c| c.ok) && record.phase == "Ready";
        Ok(AddonStatus {
            addon: addon.clone(),
            version: record.version,
            phase: record.phase,
            objects: record.objects.len(),
            missing,
            checks,
            healthy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::{Catalog, ClusterFacts, RenderRequest, UpstreamFiles, parse_set, render};
    use crate::kube::fake::FakeApi;
    use std::time::Duration;

    const META: &str = r#"
name: demo
version: 1.0.0-tcs.1
description: test addon
upstream: {project: Demo, version: v1.0.0, url: https://example.com}
kubernetes: {min: "1.33", max: "1.37"}
namespace: demo
needs: [base]
values: {extra: true, replicas: 1}
schema:
  type: object
  additionalProperties: false
  properties:
    extra: {type: boolean}
    replicas: {type: integer}
health:
  - {type: rollout, kind: Deployment, namespace: demo, name: web}
  - {type: condition, apiVersion: example.com/v1, kind: Widget, namespace: demo, name: w, condition: Ready}
"#;
    const TEMPLATE: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: demo}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec: {replicas: {{ values.replicas }}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: demo}
{% if values.extra %}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: extra, namespace: demo}
{% endif %}
"#;
    const BASE: &str = "name: base\nversion: 1.0.0\ndescription: b\nupstream: {project: B, version: v1.0.0, url: u}\nkubernetes: {min: '1.33', max: '1.37'}\nnamespace: kube-system\nschema: {type: object}\n";

    fn catalog(dir: &std::path::Path) -> Catalog {
        std::fs::create_dir_all(dir.join("demo")).unwrap();
        std::fs::create_dir_all(dir.join("base")).unwrap();
        std::fs::write(dir.join("demo/addon.yaml"), META).unwrap();
        std::fs::write(dir.join("demo/10-all.yaml.j2"), TEMPLATE).unwrap();
        std::fs::write(dir.join("base/addon.yaml"), BASE).unwrap();
        std::fs::write(
            dir.join("base/cm.yaml.j2"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: base, namespace: kube-system}\n",
        )
        .unwrap();
        Catalog::from_dir(dir).unwrap()
    }

    fn facts() -> ClusterFacts {
        ClusterFacts {
            name: "c1".into(),
            role: "business".into(),
            kubernetes_version: "1.36.4".into(),
            kubernetes_minor: "1.36".into(),
            pod_cidr: "10.244.0.0/16".into(),
            service_cidr: "10.96.0.0/12".into(),
            endpoint: "192.0.2.1".into(),
            addresses: vec!["192.0.2.1".into()],
            control_plane: vec!["n1".into()],
        }
    }

    fn rendered(c: &Catalog, name: &str, sets: &[&str], dir: &std::path::Path) -> Rendered {
        let upstream = UpstreamFiles {
            bundle: None,
            cache: dir.join("cache"),
            mirror: crate::bundle::sources::Mirror::Dir(dir.join("none")),
        };
        render(&RenderRequest {
            def: c.get(name).unwrap(),
            cluster: facts(),
            layers: sets.iter().map(|s| parse_set(s).unwrap()).collect(),
            registry: None,
            upstream: &upstream,
            pki: None,
        })
        .unwrap()
    }

    async fn enable_base(life: &Lifecycle, c: &Catalog, dir: &std::path::Path) {
        life.enable(
            &c.get("base").unwrap().meta,
            &rendered(c, "base", &[], dir),
            &|_| {},
        )
        .await
        .unwrap();
    }

    fn wait() -> WaitOptions {
        WaitOptions {
            timeout: Duration::from_millis(300),
            interval: Duration::from_millis(10),
        }
    }

    #[tokio::test]
    async fn enable_upgrade_prune_status_disable() {
        let dir = tempfile::tempdir().unwrap();
        let c = catalog(dir.path());
        let fake = FakeApi::new();
        let life = Lifecycle::new(fake.client(), "c1", wait());
        let demo = &c.get("demo").unwrap().meta;

        // Needs first.
        let r1 = rendered(&c, "demo", &[], dir.path());
        let e = life.enable(demo, &r1, &|_| {}).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "addon demo needs base, which is not enabled in cluster c1: run `tcs addon enable base --cluster c1` first"
        );
        assert!(
            fake.names().is_empty(),
            "nothing applied: {:?}",
            fake.names()
        );
        enable_base(&life, &c, dir.path()).await;

        // The custom condition is not there yet: enable fails naming the check, recorded as Failed.
        let e = life.enable(demo, &r1, &|_| {}).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "addon demo: health check failed: Widget demo/w Ready=True: no Ready condition yet"
        );
        let rec = life.record("demo").await.unwrap().unwrap();
        assert_eq!(rec.phase, "Failed");
        assert_eq!(rec.objects.len(), 5);
        fake.set_status(
            "Widget",
            "w",
            serde_json::json!({"conditions": [{"type": "Ready", "status": "True"}]}),
        );
        let pruned = life.enable(demo, &r1, &|_| {}).await.unwrap();
        assert!(pruned.is_empty());
        let rec = life.record("demo").await.unwrap().unwrap();
        assert_eq!(
            (rec.phase.as_str(), rec.version.as_str(), rec.objects.len()),
            ("Ready", "1.0.0-tcs.1", 5)
        );
        let web = fake.object("Deployment", "web").unwrap();
        assert_eq!(web["metadata"]["labels"]["addons.tcs.io/name"], "demo");
        assert_eq!(
            web["metadata"]["labels"]["addons.tcs.io/version"],
            "1.0.0-tcs.1"
        );
        assert_eq!(
            web["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "tcs"
        );
        assert_eq!(life.enabled().await.unwrap(), ["base", "demo"]);

        // Upgrade without the ConfigMap: it is pruned, the rest stays.
        let r2 = rendered(&c, "demo", &["extra=false", "replicas=3"], dir.path());
        fake.clear_requests();
        let pruned = life.enable(demo, &r2, &|_| {}).await.unwrap();
        assert_eq!(
            pruned.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            ["ConfigMap demo/extra"]
        );
        assert!(fake.object("ConfigMap", "extra").is_none());
        assert_eq!(
            fake.object("Deployment", "web").unwrap()["spec"]["replicas"],
            3
        );
        let deletes: Vec<String> = fake
            .requests()
            .iter()
            .filter(|r| r.method == "DELETE")
            .map(|r| r.path.clone())
            .collect();
        assert_eq!(deletes, ["/api/v1/namespaces/demo/configmaps/extra"]);

        // Status: healthy; then a missing object and a failing condition are reported.
        let st = life.status(demo).await.unwrap();
        assert!(st.healthy, "{st:?}");
        assert_eq!(st.objects, 4);
        fake.set_status("Widget", "w", serde_json::json!({"conditions": [{"type": "Ready", "status": "False", "reason": "Broken"}]}));
        let st = life.status(demo).await.unwrap();
        assert!(!st.healthy);
        assert_eq!(st.checks[1].detail, "Ready=False Broken");

        // Disable: everything but the CRD, then the record.
        let deleted = life.disable("demo", false, &|_| {}).await.unwrap();
        assert_eq!(deleted.len(), 3);
        assert_eq!(
            fake.names(),
            [
                "ConfigMap/base",
                "ConfigMap/tcs-addon-base",
                "CustomResourceDefinition/widgets.example.com"
            ]
        );
        assert!(life.record("demo").await.unwrap().is_none());
        assert_eq!(
            life.disable("demo", false, &|_| {})
                .await
                .unwrap_err()
                .to_string(),
            "addon demo is not enabled in cluster c1"
        );
    }

    #[tokio::test]
    async fn a_failed_apply_leaves_a_record_that_disable_can_finish() {
        let dir = tempfile::tempdir().unwrap();
        let c = catalog(dir.path());
        let fake = FakeApi::new();
        let life = Lifecycle::new(fake.client(), "c1", wait());
        enable_base(&life, &c, dir.path()).await;
        fake.fail("w", 422, "Widget.example.com \"w\" is invalid", 1);
        let demo = &c.get("demo").unwrap().meta;
        let e = life
            .enable(demo, &rendered(&c, "demo", &[], dir.path()), &|_| {})
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains(
                "applying Widget demo/w (10-all.yaml.j2#4): Widget.example.com \"w\" is invalid"
            ),
            "{e}"
        );
        let rec = life.record("demo").await.unwrap().unwrap();
        assert_eq!(rec.phase, "Failed");
        assert!(rec.message.contains("is invalid"));
        life.disable("demo", true, &|_| {}).await.unwrap();
        assert_eq!(fake.names(), ["ConfigMap/base", "ConfigMap/tcs-addon-base"]);
    }
}
