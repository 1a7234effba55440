//! Karmada's matchers: resource selectors with their implicit priority
//! (`pkg/util/selector.go ResourceSelectorPriority`), cluster affinity (`ClusterMatches`), and
//! taint tolerations (`plugins/tainttoleration`).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::Template;
use super::types::{Cluster, ClusterAffinity, FieldSelector, ResourceSelector, Taint, Toleration};

/// How specifically a selector matches a resource (Karmada's ImplicitPriority).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ImplicitPriority {
    /// No match.
    MisMatch = 0,
    /// apiVersion + kind (+ namespace).
    MatchAll = 1,
    /// A label selector matched.
    MatchLabelSelector = 2,
    /// The name matched.
    MatchName = 3,
}

/// Whether `selector` matches `labels` (metav1.LabelSelectorAsSelector semantics: every
/// matchLabels pair and every expression; NotIn and DoesNotExist hold for an absent key); an
/// invalid selector matches nothing. Matched in place: planning asks this for every resource
/// and cluster, so it allocates nothing.
pub fn label_selector_matches(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    if let Some(pairs) = &selector.match_labels
        && !pairs.iter().all(|(k, v)| labels.get(k) == Some(v))
    {
        return false;
    }
    selector.match_expressions.iter().flatten().all(|req| {
        let values = req.values.as_deref().unwrap_or_default();
        let value = labels.get(&req.key);
        // metav1 rejects In/NotIn without values, Exists with values, and an empty key.
        !req.key.is_empty()
            && match req.operator.as_str() {
                "In" => !values.is_empty() && value.is_some_and(|v| values.contains(v)),
                "NotIn" => !values.is_empty() && value.is_none_or(|v| !values.contains(v)),
                "Exists" => values.is_empty() && value.is_some(),
                "DoesNotExist" => values.is_empty() && value.is_none(),
                _ => false,
            }
    })
}

/// The implicit priority with which `rs` matches `t`.
pub fn selector_priority(t: &Template, rs: &ResourceSelector) -> ImplicitPriority {
    if rs.api_version != t.api_version || rs.kind != t.kind {
        return ImplicitPriority::MisMatch;
    }
    if let Some(ns) = rs.namespace.as_deref().filter(|n| !n.is_empty())
        && ns != t.namespace
    {
        return ImplicitPriority::MisMatch;
    }
    if let Some(name) = rs.name.as_deref().filter(|n| !n.is_empty()) {
        return if name == t.name {
            ImplicitPriority::MatchName
        } else {
            ImplicitPriority::MisMatch
        };
    }
    match &rs.label_selector {
        None => ImplicitPriority::MatchAll,
        Some(sel) if label_selector_matches(sel, &t.labels) => ImplicitPriority::MatchLabelSelector,
        Some(_) => ImplicitPriority::MisMatch,
    }
}

/// The best priority over `selectors`.
pub fn selectors_priority(t: &Template, selectors: &[ResourceSelector]) -> ImplicitPriority {
    selectors
        .iter()
        .map(|rs| selector_priority(t, rs))
        .max()
        .unwrap_or(ImplicitPriority::MisMatch)
}

/// Whether `cluster` satisfies `affinity` (every part that is set, ANDed; exclude first).
pub fn cluster_matches(cluster: &Cluster, affinity: &ClusterAffinity) -> bool {
    let name = &cluster.metadata.name;
    if affinity.exclude.as_ref().is_some_and(|e| e.contains(name)) {
        return false;
    }
    if let Some(sel) = &affinity.label_selector
        && !label_selector_matches(sel, &cluster.metadata.labels)
    {
        return false;
    }
    if let Some(fs) = &affinity.field_selector
        && !field_selector_matches(cluster, fs)
    {
        return false;
    }
    if let Some(names) = affinity.cluster_names.as_ref().filter(|n| !n.is_empty())
        && !names.contains(name)
    {
        return false;
    }
    true
}

fn field_selector_matches(cluster: &Cluster, fs: &FieldSelector) -> bool {
    let field = |key: &str| {
        match key {
            "provider" => cluster.spec.provider.as_deref(),
            "region" => cluster.spec.region.as_deref(),
            _ => None,
        }
        .filter(|v| !v.is_empty())
    };
    for req in &fs.match_expressions {
        if req.key.is_empty() || req.operator.is_empty() {
            return false;
        }
        let ok = if req.key == "zone" {
            let zones = &cluster.spec.zones;
            match req.operator.as_str() {
                "In" => zones.iter().any(|z| req.values.contains(z)),
                "NotIn" => !zones.iter().any(|z| req.values.contains(z)),
                "Exists" => !zones.is_empty(),
                "DoesNotExist" => zones.is_empty(),
                _ => false,
            }
        } else {
            // Node-selector semantics against {provider, region}.
            let value = field(&req.key);
            match req.operator.as_str() {
                "In" => value.is_some_and(|v| req.values.iter().any(|x| x == v)),
                "NotIn" => value.is_none_or(|v| !req.values.iter().any(|x| x == v)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        };
        if !ok {
            return false;
        }
    }
    true
}

fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if let Some(effect) = t.effect.as_deref().filter(|e| !e.is_empty())
        && effect != taint.effect
    {
        return false;
    }
    let key = t.key.as_deref().unwrap_or("");
    if !key.is_empty() && key != taint.key {
        return false;
    }
    // Kubernetes' Toleration.ToleratesTaint.
    match t.operator.as_deref().unwrap_or("") {
        "Exists" => true,
        "Equal" | "" => t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        _ => false,
    }
}

/// Whether every NoSchedule/NoExecute taint of `cluster` is tolerated.
pub fn taints_tolerated(cluster: &Cluster, tolerations: &[Toleration]) -> bool {
    cluster
        .spec
        .taints
        .iter()
        .filter(|taint| taint.effect == "NoSchedule" || taint.effect == "NoExecute")
        .all(|taint| tolerations.iter().any(|t| tolerates(t, taint)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cluster(v: serde_json::Value) -> Cluster {
        serde_json::from_value(v).unwrap()
    }

    fn template(labels: serde_json::Value) -> Template {
        Template::from_value(json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "nginx", "namespace": "default", "labels": labels}
        }))
        .unwrap()
    }

    fn rs(v: serde_json::Value) -> ResourceSelector {
        serde_json::from_value(v).unwrap()
    }

    // Cases from karmada pkg/util/selector_test.go (TestResourceSelectorPriority), paraphrased.
    #[test]
    fn implicit_priorities() {
        let t = template(json!({"app": "nginx"}));
        let base = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
        assert_eq!(
            selector_priority(&t, &rs(base.clone())),
            ImplicitPriority::MatchAll
        );
        let mut by_name = base.clone();
        by_name["name"] = json!("nginx");
        by_name["labelSelector"] = json!({"matchLabels": {"app": "other"}});
        assert_eq!(
            selector_priority(&t, &rs(by_name)),
            ImplicitPriority::MatchName,
            "name wins over a failing label selector"
        );
        let mut by_label = base.clone();
        by_label["labelSelector"] = json!({"matchLabels": {"app": "nginx"}});
        assert_eq!(
            selector_priority(&t, &rs(by_label)),
            ImplicitPriority::MatchLabelSelector
        );
        let mut other_ns = base.clone();
        other_ns["namespace"] = json!("kube-system");
        assert_eq!(
            selector_priority(&t, &rs(other_ns)),
            ImplicitPriority::MisMatch
        );
        let mut old_api = base.clone();
        old_api["apiVersion"] = json!("extensions/v1beta1");
        assert_eq!(
            selector_priority(&t, &rs(old_api)),
            ImplicitPriority::MisMatch
        );
        let mut invalid = base;
        invalid["labelSelector"] = json!({"matchExpressions": [{"key": "", "operator": "Exists"}]});
        assert_eq!(
            selector_priority(&t, &rs(invalid)),
            ImplicitPriority::MisMatch,
            "an invalid selector is a mismatch"
        );
    }

    // Cases from karmada pkg/util/selector_test.go (TestClusterMatches), paraphrased.
    #[test]
    fn affinity_parts_are_anded_and_exclude_wins() {
        let c = cluster(json!({
            "metadata": {"name": "member1", "labels": {"env": "prod"}},
            "spec": {"provider": "huaweicloud", "region": "cn-north", "zones": ["az1", "az2"]}
        }));
        let a = |v: serde_json::Value| -> ClusterAffinity { serde_json::from_value(v).unwrap() };
        assert!(cluster_matches(&c, &a(json!({}))));
        assert!(cluster_matches(
            &c,
            &a(
                json!({"clusterNames": ["member1"], "labelSelector": {"matchLabels": {"env": "prod"}}})
            )
        ));
        assert!(!cluster_matches(
            &c,
            &a(json!({"clusterNames": ["member1"], "exclude": ["member1"]}))
        ));
        assert!(!cluster_matches(
            &c,
            &a(
                json!({"clusterNames": ["member1"], "labelSelector": {"matchLabels": {"env": "dev"}}})
            )
        ));
        let fs = |op: &str, key: &str, values: serde_json::Value| {
            a(
                json!({"fieldSelector": {"matchExpressions": [{"key": key, "operator": op, "values": values}]}}),
            )
        };
        assert!(cluster_matches(
            &c,
            &fs("In", "region", json!(["cn-north"]))
        ));
        assert!(!cluster_matches(
            &c,
            &fs("NotIn", "provider", json!(["huaweicloud"]))
        ));
        assert!(cluster_matches(
            &c,
            &fs("In", "zone", json!(["az2", "az9"]))
        ));
        assert!(!cluster_matches(&c, &fs("NotIn", "zone", json!(["az1"]))));
        assert!(
            !cluster_matches(&c, &fs("In", "team", json!(["x"]))),
            "only provider/region/zone have values"
        );
        let zoneless = cluster(json!({"metadata": {"name": "m2"}}));
        assert!(cluster_matches(
            &zoneless,
            &fs("NotIn", "zone", json!(["az1"]))
        ));
        assert!(!cluster_matches(
            &zoneless,
            &fs("In", "zone", json!(["az1"]))
        ));
    }

    #[test]
    fn tolerations() {
        let c = cluster(json!({"metadata": {"name": "m"}, "spec": {"taints": [
            {"key": "maintenance", "value": "true", "effect": "NoSchedule"},
            {"key": "soft", "effect": "PreferNoSchedule"}
        ]}}));
        let t = |v: serde_json::Value| -> Vec<Toleration> { serde_json::from_value(v).unwrap() };
        assert!(!taints_tolerated(&c, &[]));
        assert!(taints_tolerated(
            &c,
            &t(
                json!([{"key": "maintenance", "operator": "Equal", "value": "true", "effect": "NoSchedule"}])
            )
        ));
        assert!(taints_tolerated(
            &c,
            &t(json!([{"key": "maintenance", "operator": "Exists"}]))
        ));
        assert!(taints_tolerated(&c, &t(json!([{"operator": "Exists"}]))));
        assert!(!taints_tolerated(
            &c,
            &t(json!([{"key": "maintenance", "value": "false"}]))
        ));
    }
}
