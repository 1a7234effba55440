//! Is an object ready? Read from its status, kind by kind, with the reason when it is not.

use serde_json::Value;

/// An object's readiness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Ready (rolled out, available, established).
    Ready,
    /// Not yet, and why.
    Waiting(String),
    /// Nothing to wait for (ConfigMaps, RBAC, Services, ...).
    NotApplicable,
}

fn int(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer).and_then(Value::as_i64).unwrap_or(0)
}

/// The status of condition `kind` (`"True"`, `"False"`, `"Unknown"`) with its reason and
/// message, if the object has it.
pub fn condition(v: &Value, kind: &str) -> Option<(String, String)> {
    v.pointer("/status/conditions")?
        .as_array()?
        .iter()
        .find(|c| c.get("type").and_then(Value::as_str) == Some(kind))
        .map(|c| {
            let s = |k: &str| {
                c.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let why = [s("reason"), s("message")]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(": ");
            (s("status"), why)
        })
}

fn generation_seen(v: &Value) -> Option<Health> {
    let generation = int(v, "/metadata/generation");
    let observed = int(v, "/status/observedGeneration");
    (generation > 0 && observed < generation).then(|| {
        Health::Waiting(format!(
            "the controller has not seen generation {generation} yet (observed {observed})"
        ))
    })
}

/// The readiness of a workload, CRD or LoadBalancer Service from its live state.
pub fn health_of(v: &Value) -> Health {
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or_default();
    match kind {
        "Deployment" | "StatefulSet" => {
            if let Some(h) = generation_seen(v) {
                return h;
            }
            let want = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let updated = int(v, "/status/updatedReplicas");
            let ready = if kind == "Deployment" {
                int(v, "/status/availableReplicas")
            } else {
                int(v, "/status/readyReplicas")
            };
            if updated >= want && ready >= want {
                return Health::Ready;
            }
            let mut why = format!(
                "{ready}/{want} {}, {updated}/{want} updated",
                if kind == "Deployment" {
                    "available"
                } else {
                    "ready"
                }
            );
            for c in ["Available", "Progressing", "ReplicaFailure"] {
                if let Some((status, reason)) = condition(v, c) {
                    let bad = if c == "ReplicaFailure" {
                        status == "True"
                    } else {
                        status != "True"
                    };
                    if bad {
                        let sep = if reason.is_empty() { "" } else { ": " };
                        why.push_str(&format!(" ({c}={status}{sep}{reason})"));
                    }
                }
            }
            Health::Waiting(why)
        }
        "DaemonSet" => {
            if let Some(h) = generation_seen(v) {
                return h;
            }
            let desired = int(v, "/status/desiredNumberScheduled");
            let updated = int(v, "/status/updatedNumberScheduled");
            let available = int(v, "/status/numberAvailable");
            if updated >= desired && available >= desired {
                Health::Ready
            } else {
                Health::Waiting(format!(
                    "{available}/{desired} nodes available, {updated}/{desired} updated"
                ))
            }
        }
        "CustomResourceDefinition" => match condition(v, "Established") {
            Some((s, _)) if s == "True" => Health::Ready,
            Some((s, why)) => Health::Waiting(format!("Established={s} {why}").trim().to_string()),
            None => Health::Waiting("not Established yet".into()),
        },
        "Service" if v.pointer("/spec/type").and_then(Value::as_str) == Some("LoadBalancer") => {
            let has = v
                .pointer("/status/loadBalancer/ingress")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty());
            if has {
                Health::Ready
            } else {
                Health::Waiting("no load-balancer address assigned".into())
            }
        }
        _ => Health::NotApplicable,
    }
}

/// Readiness by a named condition (for custom resources): `Ready` when condition `kind` has
/// status `want`.
pub fn condition_health(v: &Value, kind: &str, want: &str) -> Health {
    match condition(v, kind) {
        Some((s, _)) if s == want => Health::Ready,
        Some((s, why)) => Health::Waiting(format!("{kind}={s} {why}").trim().to_string()),
        None => Health::Waiting(format!("no {kind} condition yet")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployment_needs_available_updated_replicas_and_current_generation() {
        let mut d = json!({"kind": "Deployment", "metadata": {"generation": 2},
            "spec": {"replicas": 2},
            "status": {"observedGeneration": 1, "updatedReplicas": 2, "availableReplicas": 2}});
        assert!(matches!(health_of(&d), Health::Waiting(w) if w.contains("generation 2")));
        d["status"]["observedGeneration"] = json!(2);
        assert_eq!(health_of(&d), Health::Ready);
        d["status"]["availableReplicas"] = json!(1);
        d["status"]["conditions"] = json!([{"type": "Available", "status": "False",
            "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability."}]);
        let Health::Waiting(why) = health_of(&d) else {
            panic!()
        };
        assert_eq!(
            why,
            "1/2 available, 2/2 updated (Available=False: MinimumReplicasUnavailable: Deployment does not have minimum availability.)"
        );
    }

    #[test]
    fn daemonset_statefulset_crd_and_lb_service() {
        let ds = json!({"kind": "DaemonSet", "metadata": {"generation": 1}, "status": {"observedGeneration": 1,
            "desiredNumberScheduled": 3, "updatedNumberScheduled": 3, "numberAvailable": 2}});
        assert_eq!(
            health_of(&ds),
            Health::Waiting("2/3 nodes available, 3/3 updated".into())
        );
        let sts = json!({"kind": "StatefulSet", "spec": {"replicas": 1}, "status": {"readyReplicas": 1, "updatedReplicas": 1}});
        assert_eq!(health_of(&sts), Health::Ready);
        let crd = json!({"kind": "CustomResourceDefinition", "status": {"conditions": [{"type": "Established", "status": "True"}]}});
        assert_eq!(health_of(&crd), Health::Ready);
        let svc = json!({"kind": "Service", "spec": {"type": "LoadBalancer"}, "status": {"loadBalancer": {}}});
        assert!(matches!(health_of(&svc), Health::Waiting(_)));
        let cm = json!({"kind": "ConfigMap"});
        assert_eq!(health_of(&cm), Health::NotApplicable);
    }

    #[test]
    fn custom_conditions() {
        let p = json!({"status": {"conditions": [{"type": "Available", "status": "False", "reason": "NoPodReady"}]}});
        assert_eq!(
            condition_health(&p, "Available", "True"),
            Health::Waiting("Available=False NoPodReady".into())
        );
        assert_eq!(
            condition_health(&json!({}), "Reconciled", "True"),
            Health::Waiting("no Reconciled condition yet".into())
        );
    }
}
