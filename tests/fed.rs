//! Federation engine: Karmada's rules, one table of cases each, plus the example set and the
//! `tcs fed plan` command. Each case names where its expectation comes from.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};
use tcs::fed::{Inputs, Plan, load_str, plan};

fn inputs(yaml: &str) -> Inputs {
    let mut inputs = Inputs::default();
    load_str(yaml, Path::new("test.yaml"), &mut inputs).unwrap();
    inputs
}

fn clusters3() -> &'static str {
    r#"
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: member1, labels: {env: prod}}
spec: {region: sh, provider: p1}
---
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: member2, labels: {env: prod}}
spec: {region: sh, provider: p1}
---
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: member3, labels: {env: dev}}
spec: {region: bj, provider: p2}
"#
}

fn deployment(replicas: i64) -> String {
    format!(
        r#"
apiVersion: apps/v1
kind: Deployment
metadata: {{name: nginx, namespace: default, labels: {{app: nginx}}}}
spec:
  replicas: {replicas}
  template:
    spec:
      containers: [{{name: nginx, image: nginx:1.25}}]
"#
    )
}

fn placement(p: &Plan, name: &str) -> Vec<(String, Option<i64>)> {
    p.placements
        .iter()
        .find(|pl| pl.resource.name == name)
        .unwrap_or_else(|| panic!("no placement for {name}"))
        .clusters
        .iter()
        .map(|c| (c.name.clone(), c.replicas))
        .collect()
}

fn policy_name(p: &Plan, name: &str) -> Option<String> {
    p.placements
        .iter()
        .find(|pl| pl.resource.name == name)
        .unwrap()
        .policy
        .as_ref()
        .map(|p| format!("{}/{}", p.kind, p.name))
}

fn pp(name: &str, priority: i64, selector: Value, placement: Value) -> String {
    serde_json::to_string(&json!({
        "apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"priority": priority, "resourceSelectors": [selector], "placement": placement}
    }))
    .unwrap()
}

fn docs(parts: &[&str]) -> String {
    parts.join("\n---\n")
}

// ---- Which policy claims a resource: karmada pkg/detector/compare.go and policy.go
// (research brief §1.2), and the "Resource Propagating" priority section of Karmada's docs.

#[test]
fn propagation_policy_beats_cluster_propagation_policy_whatever_the_priority() {
    let cpp = serde_json::to_string(&json!({
        "apiVersion": "policy.karmada.io/v1alpha1", "kind": "ClusterPropagationPolicy",
        "metadata": {"name": "a-cpp"},
        "spec": {"priority": 100, "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "nginx"}], "placement": {}}
    }))
    .unwrap();
    let input = docs(&[
        clusters3(),
        &deployment(1),
        &cpp,
        &pp(
            "z-pp",
            -5,
            json!({"apiVersion": "apps/v1", "kind": "Deployment"}),
            json!({}),
        ),
    ]);
    let p = plan(&inputs(&input));
    assert_eq!(policy_name(&p, "nginx").unwrap(), "PropagationPolicy/z-pp");
}

#[test]
fn explicit_priority_then_implicit_priority_then_name() {
    let kind_only = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let by_label = json!({"apiVersion": "apps/v1", "kind": "Deployment", "labelSelector": {"matchLabels": {"app": "nginx"}}});
    let by_name = json!({"apiVersion": "apps/v1", "kind": "Deployment", "name": "nginx"});
    let cases = [
        // (policies, winner, source)
        (
            vec![
                pp("a", 2, by_label.clone(), json!({})),
                pp("b", 1, by_name.clone(), json!({})),
            ],
            "a",
            "explicit priority beats specificity",
        ),
        (
            vec![
                pp("a", 0, kind_only.clone(), json!({})),
                pp("b", 0, by_label.clone(), json!({})),
            ],
            "b",
            "label match (2) beats kind match (1)",
        ),
        (
            vec![
                pp("a", 0, by_label.clone(), json!({})),
                pp("b", 0, by_name.clone(), json!({})),
            ],
            "b",
            "name match (3) beats label match",
        ),
        (
            vec![
                pp("b", 0, kind_only.clone(), json!({})),
                pp("a", 0, kind_only.clone(), json!({})),
            ],
            "a",
            "tie: the smaller name",
        ),
        (
            vec![
                pp("a", -1, by_name.clone(), json!({})),
                pp("b", 0, by_label.clone(), json!({})),
            ],
            "b",
            "a negative priority loses to 0",
        ),
    ];
    for (policies, winner, why) in cases {
        let mut parts = vec![clusters3().to_string(), deployment(1)];
        parts.extend(policies);
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let p = plan(&inputs(&docs(&refs)));
        assert_eq!(
            policy_name(&p, "nginx").unwrap(),
            format!("PropagationPolicy/{winner}"),
            "{why}"
        );
    }
}

#[test]
fn unclaimed_resources_have_no_policy_and_no_clusters() {
    let p = plan(&inputs(&docs(&[clusters3(), &deployment(2)])));
    assert_eq!(p.placements[0].policy, None);
    assert!(p.placements[0].clusters.is_empty());
    assert!(p.clusters.is_empty());
    assert!(p.errors.is_empty());
}

#[test]
fn existing_claim_is_kept_while_it_still_matches() {
    // karmada pkg/detector/policy.go: a claimed template re-applies its policy, even when a
    // higher-priority policy appears later (preemption is off by default).
    let claimed = deployment(1).replace(
        "labels: {app: nginx}}",
        "labels: {app: nginx}, annotations: {propagationpolicy.karmada.io/namespace: default, propagationpolicy.karmada.io/name: old}}",
    );
    let kind_only = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let input = docs(&[
        clusters3(),
        &claimed,
        &pp("old", 0, kind_only.clone(), json!({})),
        &pp("new", 10, kind_only, json!({})),
    ]);
    assert_eq!(
        policy_name(&plan(&inputs(&input)), "nginx").unwrap(),
        "PropagationPolicy/old"
    );
}

// ---- Which clusters qualify: karmada pkg/util/selector.go ClusterMatches, plugins (brief §1.4-1.6).

#[test]
fn affinity_tolerations_and_affinity_groups() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let tainted = clusters3().replace(
        "spec: {region: bj, provider: p2}",
        "spec: {region: bj, provider: p2, taints: [{key: maintenance, effect: NoSchedule}]}",
    );
    let cases = [
        (
            json!({"clusterAffinity": {"labelSelector": {"matchLabels": {"env": "prod"}}}}),
            vec!["member1", "member2"],
            "label selector",
        ),
        (
            json!({"clusterAffinity": {"fieldSelector": {"matchExpressions": [{"key": "region", "operator": "NotIn", "values": ["sh"]}]}}}),
            vec![],
            "bj is tainted",
        ),
        (
            json!({"clusterAffinity": {"clusterNames": ["member1", "member3"]}, "clusterTolerations": [{"key": "maintenance", "operator": "Exists"}]}),
            vec!["member1", "member3"],
            "toleration",
        ),
        (
            json!({"clusterAffinity": {"clusterNames": ["member1", "member2"], "exclude": ["member2"]}}),
            vec!["member1"],
            "exclude wins",
        ),
        (
            json!({}),
            vec!["member1", "member2"],
            "no affinity: every untainted cluster",
        ),
        // clusterAffinities: the first group that schedules wins (brief §1.5).
        (
            json!({"clusterAffinities": [
                {"affinityName": "dc", "clusterNames": ["member9"]},
                {"affinityName": "cloud", "clusterNames": ["member2"]}
            ]}),
            vec!["member2"],
            "the first group with a fit",
        ),
    ];
    for (placement, want, why) in cases {
        let p = plan(&inputs(&docs(&[
            &tainted,
            &deployment(2),
            &pp("p", 0, all.clone(), placement),
        ])));
        let got: Vec<String> = placement_names(&p);
        assert_eq!(got, want, "{why}");
    }
}

fn placement_names(p: &Plan) -> Vec<String> {
    p.placements[0]
        .clusters
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

// ---- Replicas: brief §1.8 (webstermethod.go, assignment.go, division_algorithm.go).

#[test]
fn default_replica_scheduling() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let only12 = json!({"clusterNames": ["member1", "member2"]});
    // Absent replicaScheduling: Duplicated.
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &deployment(3),
        &pp("p", 0, all.clone(), json!({"clusterAffinity": only12})),
    ])));
    assert_eq!(
        placement(&p, "nginx"),
        vec![("member1".into(), Some(3)), ("member2".into(), Some(3))]
    );
    // An empty strategy: the CRD and webhook default to Divided + Weighted, equal weights.
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &deployment(3),
        &pp(
            "p",
            0,
            all,
            json!({"clusterAffinity": only12, "replicaScheduling": {}}),
        ),
    ])));
    assert_eq!(
        placement(&p, "nginx"),
        vec![("member1".into(), Some(2)), ("member2".into(), Some(1))]
    );
}

#[test]
fn static_weights_take_the_max_matching_entry_and_divide_fresh() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let placement_spec = json!({
        "clusterAffinity": {"clusterNames": ["member1", "member2", "member3"]},
        "clusterTolerations": [{"operator": "Exists"}],
        "replicaScheduling": {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted",
            "weightPreference": {"staticWeightList": [
                {"targetCluster": {"clusterNames": ["member1"]}, "weight": 3},
                {"targetCluster": {"labelSelector": {"matchLabels": {"env": "prod"}}}, "weight": 2},
                {"targetCluster": {"clusterNames": ["member3"]}, "weight": 1}
            ]}}
    });
    // Weights 3 (max of 3 and 2), 2, 1; Webster gives 6/4/2 for 12 and 7/4/2 for 13.
    for (replicas, want) in [(12, [6, 4, 2]), (13, [7, 4, 2]), (14, [7, 5, 2])] {
        let p = plan(&inputs(&docs(&[
            clusters3(),
            &deployment(replicas),
            &pp("p", 0, all.clone(), placement_spec.clone()),
        ])));
        let got: Vec<i64> = placement(&p, "nginx")
            .iter()
            .map(|(_, r)| r.unwrap())
            .collect();
        assert_eq!(got, want, "{replicas} replicas");
    }
}

fn capacity_clusters() -> &'static str {
    r#"
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: big}
status: {resourceSummary: {allocatable: {cpu: "10", pods: "100"}}}
---
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: small}
status: {resourceSummary: {allocatable: {cpu: "2", pods: "100"}}}
"#
}

fn worker(replicas: i64) -> String {
    format!(
        r#"
apiVersion: apps/v1
kind: Deployment
metadata: {{name: worker, namespace: default, uid: ""}}
spec:
  replicas: {replicas}
  template:
    spec:
      containers: [{{name: w, image: w:1, resources: {{requests: {{cpu: "1"}}}}}}]
"#
    )
}

#[test]
fn dynamic_weights_follow_capacity_and_keep_a_steady_assignment() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let dynamic = json!({"replicaScheduling": {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted", "weightPreference": {"dynamicWeight": "AvailableReplicas"}}});
    // Fresh: 6 replicas by free capacity 10:2.
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(6),
        &pp("p", 0, all.clone(), dynamic.clone()),
    ])));
    assert_eq!(
        placement(&p, "worker"),
        vec![("big".into(), Some(5)), ("small".into(), Some(1))]
    );
    // With a previous binding big=3 small=3, scaling to 8 divides only the 2 new replicas
    // (brief §1.8 "Steady": the delta, weighted by free capacity) and keeps the old ones.
    let binding = r#"
apiVersion: work.karmada.io/v1alpha2
kind: ResourceBinding
metadata: {name: worker-deployment, namespace: default}
spec:
  resource: {apiVersion: apps/v1, kind: Deployment, namespace: default, name: worker}
  clusters: [{name: big, replicas: 3}, {name: small, replicas: 3}]
"#;
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(8),
        binding,
        &pp("p", 0, all.clone(), dynamic.clone()),
    ])));
    assert_eq!(
        placement(&p, "worker"),
        vec![("big".into(), Some(5)), ("small".into(), Some(3))]
    );
    // Scaling down to 4: the new total weighted by the current counts 3:3.
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(4),
        binding,
        &pp("p", 0, all.clone(), dynamic.clone()),
    ])));
    assert_eq!(
        placement(&p, "worker"),
        vec![("big".into(), Some(2)), ("small".into(), Some(2))]
    );
    // More than the clusters can hold: an error for this resource, the plan goes on.
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(50),
        &pp("p", 0, all, dynamic),
    ])));
    assert_eq!(p.errors.len(), 1);
    assert!(
        p.errors[0].message.contains("room for 12"),
        "{}",
        p.errors[0].message
    );
}

#[test]
fn aggregated_uses_as_few_clusters_as_fit() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let aggregated = json!({"replicaScheduling": {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Aggregated"}});
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(4),
        &pp("p", 0, all.clone(), aggregated.clone()),
    ])));
    assert_eq!(placement(&p, "worker"), vec![("big".into(), Some(4))]);
    let p = plan(&inputs(&docs(&[
        capacity_clusters(),
        &worker(11),
        &pp("p", 0, all, aggregated),
    ])));
    assert_eq!(
        placement(&p, "worker"),
        vec![("big".into(), Some(9)), ("small".into(), Some(2))]
    );
}

#[test]
fn spread_constraints_limit_groups() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &deployment(2),
        &pp(
            "p",
            0,
            all.clone(),
            json!({"clusterTolerations": [{"operator": "Exists"}], "spreadConstraints": [{"spreadByField": "cluster", "maxGroups": 2, "minGroups": 2}], "replicaScheduling": {"replicaSchedulingType": "Duplicated"}}),
        ),
    ])));
    assert_eq!(
        placement_names(&p),
        ["member1", "member2"],
        "sorted by score, capacity, then name"
    );
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &deployment(2),
        &pp(
            "p",
            0,
            all,
            json!({"clusterAffinity": {"clusterNames": ["member1"]}, "spreadConstraints": [{"spreadByField": "cluster", "minGroups": 2}], "replicaScheduling": {"replicaSchedulingType": "Duplicated"}}),
        ),
    ])));
    assert!(p.errors[0].message.contains("at least 2"), "{:?}", p.errors);
}

// ---- Overrides: pkg/util/overridemanager (brief §2.1): ClusterOverridePolicies first, then
// OverridePolicies; within each, ascending implicit priority then name, so the most specific
// applies last and wins.

#[test]
fn override_order_most_specific_last() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let op = |kind: &str, name: &str, selector: Value, value: &str| {
        let mut v = json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": kind,
            "metadata": {"name": name},
            "spec": {"resourceSelectors": selector, "overrideRules": [{"overriders": {"labelsOverrider": [{"operator": "add", "value": {"winner": value}}]}}]}});
        if kind == "OverridePolicy" {
            v["metadata"]["namespace"] = json!("default");
        }
        serde_json::to_string(&v).unwrap()
    };
    let by_name = json!([{"apiVersion": "apps/v1", "kind": "Deployment", "name": "nginx"}]);
    let input = docs(&[
        clusters3(),
        &deployment(1),
        &pp(
            "p",
            0,
            all.clone(),
            json!({"clusterAffinity": {"clusterNames": ["member1"]}}),
        ),
        &op("OverridePolicy", "a-all", json!([]), "op-all"),
        &op("OverridePolicy", "b-name", by_name.clone(), "op-name"),
        &op("ClusterOverridePolicy", "z-name", by_name, "cop-name"),
    ]);
    let p = plan(&inputs(&input));
    let obj = &p.clusters["member1"][0];
    assert_eq!(
        obj["metadata"]["labels"]["winner"], "op-name",
        "OverridePolicies come after ClusterOverridePolicies; name match last"
    );
}

#[test]
fn failed_override_is_an_error_for_that_cluster_only() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let op = serde_json::to_string(&json!({
        "apiVersion": "policy.karmada.io/v1alpha1", "kind": "ClusterOverridePolicy", "metadata": {"name": "bad"},
        "spec": {"overrideRules": [{"targetCluster": {"clusterNames": ["member2"]},
            "overriders": {"plaintext": [{"path": "/spec/missing/field", "operator": "replace", "value": 1}]}}]}
    }))
    .unwrap();
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &deployment(2),
        &pp(
            "p",
            0,
            all,
            json!({"clusterAffinity": {"clusterNames": ["member1", "member2"]}}),
        ),
        &op,
    ])));
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].cluster.as_deref(), Some("member2"));
    assert!(p.clusters.contains_key("member1"));
    assert!(!p.clusters.contains_key("member2"));
}

// ---- What members receive: brief §3 (ensureWork, prune).

#[test]
fn member_objects_are_pruned_revised_and_labelled() {
    let all = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
    let live = deployment(4).replace(
        "labels: {app: nginx}}",
        "labels: {app: nginx}, uid: \"1234\", resourceVersion: \"99\", generation: 7, managedFields: [], annotations: {deployment.kubernetes.io/revision: \"3\"}}",
    ) + "status: {replicas: 4}\n";
    let p = plan(&inputs(&docs(&[
        clusters3(),
        &live,
        &pp(
            "p",
            0,
            all,
            json!({"clusterAffinity": {"clusterNames": ["member1", "member2"]}, "replicaScheduling": {}}),
        ),
    ])));
    let obj = &p.clusters["member1"][0];
    let meta = &obj["metadata"];
    for gone in ["uid", "resourceVersion", "generation", "managedFields"] {
        assert!(meta.get(gone).is_none(), "{gone} must be pruned");
    }
    assert!(obj.get("status").is_none());
    assert_eq!(obj["spec"]["replicas"], 2);
    assert!(
        meta["annotations"]
            .get("deployment.kubernetes.io/revision")
            .is_none()
    );
    let labels = &meta["labels"];
    assert_eq!(labels["karmada.io/managed"], "true");
    assert!(
        labels
            .get("propagationpolicy.karmada.io/permanent-id")
            .is_some()
    );
    assert!(
        labels
            .get("resourcebinding.karmada.io/permanent-id")
            .is_some()
    );
    let a = &meta["annotations"];
    assert_eq!(a["propagationpolicy.karmada.io/name"], "p");
    assert_eq!(a["resourcebinding.karmada.io/name"], "nginx-deployment");
    assert_eq!(a["resourcetemplate.karmada.io/uid"], "1234");
    assert_eq!(a["resourcetemplate.karmada.io/generation"], "7");
    assert_eq!(a["work.karmada.io/name"], "nginx-687f7fb96f");
    assert_eq!(a["work.karmada.io/namespace"], "karmada-es-member1");
    assert_eq!(a["work.karmada.io/conflict-resolution"], "abort");
    assert!(
        a["resourcetemplate.karmada.io/managed-labels"]
            .as_str()
            .unwrap()
            .contains("karmada.io/managed")
    );
}

#[test]
fn reserved_namespaces_are_never_propagated() {
    let cpp = serde_json::to_string(&json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": "ClusterPropagationPolicy",
        "metadata": {"name": "all"}, "spec": {"resourceSelectors": [{"apiVersion": "v1", "kind": "ConfigMap"}], "placement": {}}})).unwrap();
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: karmada-system}\n";
    let p = plan(&inputs(&docs(&[clusters3(), cm, &cpp])));
    assert!(p.placements.is_empty());
}

#[test]
fn a_namespace_missing_where_its_resources_go_is_warned() {
    // Karmada's namespace-sync controller (pkg/controllers/namespace) sends every namespace to
    // every member by itself; tcs's engine applies only what the policies select, so a
    // resource planned for a cluster its Namespace is not planned for fails there unless the
    // namespace already exists. The plan says so, once per namespace.
    let cpp = |clusters: &[&str]| {
        serde_json::to_string(&json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": "ClusterPropagationPolicy",
            "metadata": {"name": "shop-ns"}, "spec": {"resourceSelectors": [{"apiVersion": "v1", "kind": "Namespace", "name": "shop"}],
            "placement": {"clusterAffinity": {"clusterNames": clusters}}}})).unwrap()
    };
    let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    let cms = (1..=4)
        .map(|i| {
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}, namespace: shop}}\n")
        })
        .collect::<Vec<_>>();
    let cms_pp = serde_json::to_string(&json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
        "metadata": {"name": "cms", "namespace": "shop"}, "spec": {"resourceSelectors": [{"apiVersion": "v1", "kind": "ConfigMap"}],
        "placement": {"clusterAffinity": {"clusterNames": ["member1", "member2"]}}}})).unwrap();
    let in_default = format!(
        "{}\n---\n{}",
        deployment(1),
        pp(
            "web",
            0,
            json!({"apiVersion": "apps/v1", "kind": "Deployment"}),
            json!({})
        )
    );
    let gaps = |p: &Plan| -> Vec<String> {
        p.warnings
            .iter()
            .filter(|w| w.starts_with("namespace "))
            .cloned()
            .collect()
    };
    let mut parts = vec![clusters3(), &cms_pp, &in_default];
    parts.extend(cms.iter().map(String::as_str));

    // The Namespace goes to member1 only: member2 is named, with three of its four resources.
    let only_member1 = cpp(&["member1"]);
    let with_ns = [parts.clone(), vec![ns, &only_member1]].concat();
    let p = plan(&inputs(&docs(&with_ns)));
    assert_eq!(
        gaps(&p),
        [
            "namespace shop is missing where resources in it go: member2 gets 4 of them (ConfigMap shop/c1, ConfigMap shop/c2, ConfigMap shop/c3, ...), but Namespace shop does not go there; tcs's engine can apply them there only if the namespace already exists (Karmada would propagate it by itself): add Namespace shop to the resources and select it in a ClusterPropagationPolicy for those clusters"
        ],
    );

    // Not among the resources at all: both clusters, said so; a Secret for member1 only makes
    // the counts differ.
    let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\n";
    let secret_pp = serde_json::to_string(&json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
        "metadata": {"name": "secret", "namespace": "shop"}, "spec": {"resourceSelectors": [{"apiVersion": "v1", "kind": "Secret"}],
        "placement": {"clusterAffinity": {"clusterNames": ["member1"]}}}})).unwrap();
    let p = plan(&inputs(&docs(
        &[parts.clone(), vec![secret, &secret_pp]].concat(),
    )));
    let w = gaps(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("member1, member2 get up to 5 of them"),
        "{w:?}"
    );
    let p = plan(&inputs(&docs(&parts)));
    let w = gaps(&p);
    assert!(w[0].contains("member1, member2 get 4 of them"), "{w:?}");
    assert!(
        w[0].contains("but Namespace shop is not among the resources"),
        "{w:?}"
    );

    // Planned wherever its resources go: nothing to say (nor for the Deployment in default).
    let both = cpp(&["member1", "member2"]);
    let fine = [parts.clone(), vec![ns, &both]].concat();
    assert!(gaps(&plan(&inputs(&docs(&fine)))).is_empty());

    // `tcs fed plan` writes the same warnings as it streams the plan.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("set.yaml");
    std::fs::write(&file, docs(&with_ns)).unwrap();
    let got = plan_cli(&[], &file);
    let want = serde_json::to_value(plan(&inputs(&docs(&with_ns)))).unwrap();
    assert_eq!(got["warnings"], want["warnings"]);
    let out = tcs()
        .args(["fed", "plan", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "warning: namespace shop is missing where resources in it go: member2 gets 4"
        ),
        "{text}"
    );
}

// ---- Malformed input names file, document and field.

#[test]
fn malformed_inputs_are_located() {
    let cases = [
        (
            "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicie\nmetadata: {name: x}\nspec: {}\n",
            "kind",
            "unknown kind of policy",
        ),
        (
            "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: x}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, labelSelector: {matchExpressions: [{key: a, operator: Has}]}}]\n",
            "spec.resourceSelectors[0].labelSelector.matchExpressions[0].operator",
            "invalid label selector operator",
        ),
        (
            "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: x}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement: {replicaScheduling: {replicaSchedulingTyp: Divided}}\n",
            "spec.placement.replicaScheduling",
            "unknown field",
        ),
        (
            "apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: x, namespace: a}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, namespace: b}]\n",
            "spec.resourceSelectors[0].namespace",
            "policy's namespace",
        ),
    ];
    for (yaml, field, message) in cases {
        let text = format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: ok}}\n---\n{yaml}");
        let mut i = Inputs::default();
        let err = load_str(&text, Path::new("bad.yaml"), &mut i).unwrap_err();
        assert_eq!(err.document, 2, "{err}");
        assert_eq!(
            err.field.as_deref().map(|f| f.starts_with(field)),
            Some(true),
            "{err}"
        );
        assert!(
            err.to_string().contains(message)
                && err.to_string().starts_with("bad.yaml: document 2"),
            "{err}"
        );
    }
}

// ---- The example set and the command.

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/federation")
}

fn tcs() -> Command {
    let mut c = Command::cargo_bin("tcs").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// `tcs fed plan -o json ARGS... -f PATH`, which must succeed, as JSON.
fn plan_cli(args: &[&str], path: &Path) -> Value {
    let out = tcs()
        .args(["fed", "plan", "-o", "json"])
        .args(args)
        .arg("-f")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn example_federation_plan_matches_the_expected_plan() {
    let got = plan_cli(&[], &example_dir());
    let expected_path = example_dir().join("expected-plan.json");
    if std::env::var_os("TCS_UPDATE_EXPECTED").is_some() {
        std::fs::write(
            &expected_path,
            serde_json::to_string_pretty(&got).unwrap() + "\n",
        )
        .unwrap();
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
    assert_eq!(
        got, expected,
        "regenerate with TCS_UPDATE_EXPECTED=1 after reviewing the change"
    );
    // What the example is about, independent of the snapshot:
    let web = got["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["resource"]["name"] == "web")
        .unwrap();
    assert_eq!(
        web["clusters"],
        json!([{"name": "bj-1", "replicas": 2}, {"name": "sh-1", "replicas": 4}])
    );
    let image = |c: &str| {
        got["clusters"][c]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == "Deployment")
            .unwrap()["spec"]["template"]["spec"]["containers"][0]["image"]
            .clone()
    };
    assert_eq!(image("sh-1"), "registry.sh.example.com/library/nginx:1.27");
    assert_eq!(image("bj-1"), "registry.bj.example.com/library/nginx:1.27");
    for c in ["sh-1", "sh-2", "bj-1"] {
        assert!(
            got["clusters"][c]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["kind"] == "ConfigMap"),
            "ConfigMap in {c}"
        );
    }
}

#[test]
fn plan_writes_a_gitops_tree_and_exits_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = tcs()
        .args(["fed", "plan", "-f"])
        .arg(example_dir())
        .arg("--output-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "apps/v1 Deployment shop/web  <- PropagationPolicy shop/web  -> bj-1(2) sh-1(4)"
        ),
        "{text}"
    );
    let file = dir.path().join("sh-1/Deployment_shop_web.yaml");
    let obj: Value = serde_saphyr::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(obj["spec"]["replicas"], 4);
    assert!(dir.path().join("bj-1/Namespace__shop.yaml").exists());

    // An override that cannot apply: exit 1, the error in "errors", other clusters planned.
    let bad = dir.path().join("bad-override.yaml");
    std::fs::write(&bad, "apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterOverridePolicy\nmetadata: {name: broken}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  overrideRules:\n    - targetCluster: {clusterNames: [bj-1]}\n      overriders: {plaintext: [{path: /data/absent/x, operator: replace, value: y}]}\n").unwrap();
    let out = tcs()
        .args(["fed", "plan", "-o", "json", "-f"])
        .arg(example_dir())
        .arg("-f")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["errors"][0]["cluster"], "bj-1");
    assert_eq!(got["errors"][0]["policy"]["name"], "shop-config");
    assert!(
        got["clusters"]["sh-1"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "ConfigMap")
    );
}

/// Resources and policies written for `kubectl apply` (no namespace anywhere), in two files:
/// the CRD that tells a custom kind's scope comes after that kind's objects.
const KUBECTL_STYLE_RESOURCES: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 4
  template:
    spec:
      containers: [{name: web, image: nginx:1.25}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec: {rules: [{host: web.example.com}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: team}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
---
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g1}
---
apiVersion: example.io/v1
kind: Thing
metadata: {name: t1}
---
apiVersion: example.io/v1
kind: Thing
metadata: {name: t2}
"#;

const KUBECTL_STYLE_POLICIES: &str = r#"
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: Cluster, names: {kind: Widget, plural: widgets}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec: {group: example.com, scope: Namespaced, names: {kind: Gadget, plural: gadgets}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web}
spec:
  resourceSelectors:
    - {apiVersion: apps/v1, kind: Deployment, name: web}
    - {apiVersion: v1, kind: Service, name: web}
    - {apiVersion: networking.k8s.io/v1, kind: Ingress, name: web}
    - {apiVersion: example.com/v1, kind: Gadget, name: g1}
  placement:
    clusterAffinity: {clusterNames: [member1, member2]}
    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
---
apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata: {name: web}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  overrideRules:
    - targetCluster: {clusterNames: [member1]}
      overriders: {labelsOverrider: [{operator: add, value: {site: one}}]}
"#;

/// Writes the kubectl-style set (plus the clusters) into `dir`, optionally with
/// `namespace: NS` written out on every namespaced object.
fn kubectl_style(dir: &Path, explicit: Option<&str>) -> Vec<PathBuf> {
    let with_ns = |text: &str| match explicit {
        None => text.to_string(),
        Some(ns) => text
            .split("\n---\n")
            .map(|doc| {
                let namespaced = [
                    "Deployment",
                    "Service",
                    "Ingress",
                    "Gadget",
                    "Thing",
                    "PropagationPolicy",
                    "OverridePolicy",
                ]
                .iter()
                .any(|k| doc.contains(&format!("kind: {k}\n")));
                if namespaced {
                    doc.replacen(
                        "metadata: {name: ",
                        &format!("metadata: {{namespace: {ns}, name: "),
                        1,
                    )
                } else {
                    doc.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n---\n"),
    };
    let files = [
        ("a-resources.yaml", with_ns(KUBECTL_STYLE_RESOURCES)),
        ("b-policies.yaml", with_ns(KUBECTL_STYLE_POLICIES)),
        ("c-clusters.yaml", clusters3().to_string()),
    ];
    files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

fn plan_json(files: &[PathBuf], namespace: &str) -> Value {
    let inputs = tcs::fed::load_files_in(files, namespace).unwrap();
    serde_json::to_value(plan(&inputs)).unwrap()
}

#[test]
fn namespaces_default_as_kubectl_gives_its_current_one() {
    // kubectl (and so Karmada) puts objects without metadata.namespace in the current
    // namespace; policies already defaulted, resources did not, so nothing matched (issue 20).
    let dir = tempfile::tempdir().unwrap();
    let implicit = dir.path().join("implicit");
    let explicit = dir.path().join("explicit");
    std::fs::create_dir_all(&implicit).unwrap();
    std::fs::create_dir_all(&explicit).unwrap();
    let mut got = plan_json(&kubectl_style(&implicit, None), "default");
    let mut want = plan_json(&kubectl_style(&explicit, Some("default")), "default");
    assert!(got["errors"].as_array().unwrap().is_empty(), "{got:#}");
    // The one warning: Thing's scope is not told (once, though two Things).
    let warnings = got.as_object_mut().unwrap().remove("warnings").unwrap();
    assert_eq!(warnings.as_array().unwrap().len(), 1, "{warnings}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .starts_with("Thing (example.io/v1)"),
        "{warnings}"
    );
    want.as_object_mut().unwrap().remove("warnings");
    assert_eq!(
        got, want,
        "the kubectl-style files plan as if namespace: default were written"
    );

    // Claimed, divided 2/2, overridden, and every member object carries its namespace.
    let inputs = tcs::fed::load_files_in(&kubectl_style(&implicit, None), "default").unwrap();
    let p = plan(&inputs);
    assert_eq!(policy_name(&p, "web"), Some("PropagationPolicy/web".into()));
    assert_eq!(
        placement(&p, "web"),
        [("member1".into(), Some(2)), ("member2".into(), Some(2))]
    );
    let m1 = &p.clusters["member1"];
    let deploy = m1.iter().find(|o| o["kind"] == "Deployment").unwrap();
    assert_eq!(deploy["metadata"]["namespace"], "default");
    assert_eq!(deploy["metadata"]["labels"]["site"], "one");
    for kind in ["Service", "Ingress", "Gadget"] {
        let o = m1
            .iter()
            .find(|o| o["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind}"));
        assert_eq!(o["metadata"]["namespace"], "default", "{kind}");
    }
    // Cluster-scoped kinds stay so: built in, and a custom kind its CRD says is.
    let ns_of = |kind: &str| {
        inputs
            .resources
            .iter()
            .find(|t| t.kind == kind)
            .map(|t| t.namespace.clone())
            .unwrap()
    };
    for kind in [
        "Namespace",
        "ClusterRole",
        "Widget",
        "CustomResourceDefinition",
    ] {
        assert_eq!(ns_of(kind), "", "{kind} is cluster-scoped");
    }
    assert_eq!(ns_of("Gadget"), "default");
    assert_eq!(ns_of("Thing"), "default");
}

#[test]
fn dash_n_moves_resources_and_policies_together_and_a_likely_mistake_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let files = kubectl_style(dir.path(), None);
    let got = plan_cli(&["-n", "team-a"], dir.path());
    let web = got["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["resource"]["kind"] == "Deployment")
        .unwrap();
    assert_eq!(web["resource"]["namespace"], "team-a");
    assert_eq!(web["policy"]["namespace"], "team-a");
    let deploy = got["clusters"]["member2"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "Deployment")
        .unwrap();
    assert_eq!(deploy["metadata"]["namespace"], "team-a");

    // The policies name their namespace, the resources none: nothing is claimed in default,
    // and the plan says which policy would claim them where.
    let policies = std::fs::read_to_string(&files[1]).unwrap().replace(
        "metadata: {name: web}",
        "metadata: {namespace: team-a, name: web}",
    );
    std::fs::write(&files[1], policies).unwrap();
    let out = tcs()
        .args(["fed", "plan", "-f"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning: Deployment default/web: no policy claims it in namespace default, but PropagationPolicy team-a/web would in namespace team-a"),
        "{text}"
    );
    assert!(text.contains("-n team-a"), "{text}");
}

#[test]
fn counts_read_in_the_right_number() {
    // One of each: "1 resource, 1 member object in 1 cluster, 0 errors", not "1 resources".
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.yaml");
    std::fs::write(
        &file,
        "apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: m1}\n---\n\
apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {k: v}\n---\n\
apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: c, namespace: default}\n\
spec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: c}]\n  placement: {clusterAffinity: {clusterNames: [m1]}}\n",
    )
    .unwrap();
    let out = tcs()
        .args(["fed", "plan", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 resource, 1 member object in 1 cluster, 0 errors"),
        "{text}"
    );
}

/// A file of more documents than serde-saphyr's whole-stream budget allows (1,024), as `helm
/// template` emits for a big application, plans; a hostile document in it is still refused,
/// naming the file.
#[test]
fn files_of_thousands_of_documents_plan_and_a_hostile_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(clusters3());
    text.push_str(
        "\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {name: all}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement: {clusterAffinity: {clusterNames: [member1]}}\n",
    );
    for i in 0..3000 {
        text.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm-{i}, namespace: big}}\ndata: {{k: v}}\n"
        ));
    }
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, &text).unwrap();
    let plan = plan_cli(&[], &file);
    assert_eq!(plan["placements"].as_array().unwrap().len(), 3000);
    assert_eq!(plan["clusters"]["member1"].as_array().unwrap().len(), 3000);

    // 200 levels of nesting in one document: refused by the per-document budget.
    let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
    std::fs::write(&file, text + "---\n" + &deep + "\n").unwrap();
    let out = tcs()
        .args(["fed", "plan", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.yaml") && err.contains("invalid YAML"),
        "{err}"
    );
}

/// A member cluster for the differential-test fixtures: region, free pods and CPU, the APIs it
/// serves.
fn oracle_cluster(name: &str, region: &str, pods: (i64, i64), apis: &str) -> String {
    format!(
        r#"
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {{name: {name}, labels: {{env: prod}}}}
spec: {{provider: p1, region: {region}, zones: [{region}-a]}}
status:
  apiEnablements: [{apis}]
  resourceSummary:
    allocatable: {{cpu: "64", memory: 256Gi, pods: "{}"}}
    allocated: {{cpu: "1", memory: 1Gi, pods: "{}"}}
"#,
        pods.0, pods.1
    )
}

const ALL_APIS: &str = "{groupVersion: apps/v1, resources: [{name: deployments, kind: Deployment}]}, {groupVersion: v1, resources: [{name: configmaps, kind: ConfigMap}]}, {groupVersion: batch/v1, resources: [{name: jobs, kind: Job}]}";
const NO_JOBS: &str = "{groupVersion: apps/v1, resources: [{name: deployments, kind: Deployment}]}, {groupVersion: v1, resources: [{name: configmaps, kind: ConfigMap}]}";

fn oracle_policy(selector: &str, placement: &str) -> String {
    format!(
        "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {{name: p, namespace: default}}\nspec:\n  resourceSelectors: [{selector}]\n  placement: {placement}\n"
    )
}

fn job(parallelism: i64, completions: Option<i64>) -> String {
    let completions = completions.map_or(String::new(), |c| format!(", completions: {c}"));
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j, namespace: default, uid: 00000000-0000-0000-0000-000000000001}}\nspec: {{parallelism: {parallelism}{completions}, template: {{spec: {{containers: [{{name: m, image: busybox}}]}}}}}}\n"
    )
}

fn previous_job_binding(clusters: &str) -> String {
    format!(
        "apiVersion: work.karmada.io/v1alpha2\nkind: ResourceBinding\nmetadata: {{name: j-job, namespace: default}}\nspec:\n  resource: {{apiVersion: batch/v1, kind: Job, namespace: default, name: j, uid: 00000000-0000-0000-0000-000000000001}}\n  clusters: [{clusters}]\n"
    )
}

type Expected<'a> = &'a [(&'a str, Option<i64>)];

/// Disagreements the differential test against Karmada's own code found (tests/fed_oracle.rs),
/// minimised; each expectation is what Karmada v1.18.2's packages plan for the same input.
#[test]
fn cases_found_by_the_karmada_oracle() {
    let jobs = r#"{apiVersion: batch/v1, kind: Job}"#;
    let cases: Vec<(&str, String, Expected)> = vec![
        (
            // dynamicScaleDown: Aggregated keeps the fewest previous clusters that hold the
            // new total instead of spreading it.
            "aggregated scale-down",
            docs(&[
                &oracle_cluster("c1", "r1", (110, 10), ALL_APIS),
                &oracle_cluster("c2", "r1", (110, 10), ALL_APIS),
                &oracle_policy(
                    jobs,
                    "{replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}}",
                ),
                &previous_job_binding("{name: c1, replicas: 4}, {name: c2, replicas: 4}"),
                &job(2, None),
            ]),
            &[("c1", Some(2))],
        ),
        (
            // native jobReplica: a Job runs at most its completions at once.
            "job replicas are min(parallelism, completions)",
            docs(&[
                &oracle_cluster("c1", "r1", (110, 10), ALL_APIS),
                &oracle_cluster("c2", "r1", (110, 10), ALL_APIS),
                &oracle_policy(jobs, "{}"),
                &job(6, Some(4)),
            ]),
            &[("c1", Some(4)), ("c2", Some(4))],
        ),
        (
            // general estimator: free pods bound a workload that requests nothing.
            "free pods bound replicas without requests",
            docs(&[
                &oracle_cluster("c3", "r2", (75, 6), ALL_APIS),
                &oracle_cluster("c4", "r1", (32, 8), ALL_APIS),
                &oracle_policy(
                    jobs,
                    "{replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}}",
                ),
                &job(1, None),
            ]),
            &[("c3", Some(1))],
        ),
        (
            // APIEnablement filter: a cluster already in the binding passes even when it no
            // longer lists the API.
            "a scheduled cluster keeps the resource though its API is missing",
            docs(&[
                &oracle_cluster("c1", "r1", (110, 10), NO_JOBS),
                &oracle_cluster("c2", "r1", (110, 10), ALL_APIS),
                &oracle_policy(
                    jobs,
                    "{replicaScheduling: {replicaSchedulingType: Duplicated}}",
                ),
                &previous_job_binding("{name: c1, replicas: 2}"),
                &job(2, None),
            ]),
            &[("c1", Some(2)), ("c2", Some(2))],
        ),
        (
            // selectRegions: the regions whose clusters reach the cluster minGroups, best
            // scored first; one cluster from each, then the best of the rest.
            "regions chosen as Karmada's search chooses them",
            docs(&[
                &oracle_cluster("c0", "r1", (110, 10), ALL_APIS),
                &oracle_cluster("c1", "r1", (77, 59), ALL_APIS),
                &oracle_cluster("c3", "r3", (28, 13), ALL_APIS),
                &oracle_cluster("c4", "r2", (100, 34), ALL_APIS),
                &oracle_policy(
                    "{apiVersion: v1, kind: ConfigMap}",
                    "{replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}, spreadConstraints: [{spreadByField: region, minGroups: 2, maxGroups: 3}, {spreadByField: cluster, minGroups: 3, maxGroups: 3}]}",
                ),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default, uid: 00000000-0000-0000-0000-000000000002}\ndata: {a: b}\n",
            ]),
            &[("c0", None), ("c1", None), ("c4", None)],
        ),
        (
            // removeZeroReplicasCluster: a workload (it requests resources) at 0 replicas goes
            // nowhere, also when Duplicated, and that is no error.
            "zero replicas go nowhere without an error",
            docs(&[
                &oracle_cluster("c1", "r1", (110, 10), ALL_APIS),
                &oracle_policy(
                    "{apiVersion: apps/v1, kind: Deployment}",
                    "{replicaScheduling: {replicaSchedulingType: Duplicated}}",
                ),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: default, uid: 00000000-0000-0000-0000-000000000003}\nspec: {replicas: 0, template: {spec: {containers: [{name: m, image: busybox, resources: {requests: {cpu: 100m}}}]}}}\n",
            ]),
            &[],
        ),
    ];
    for (name, yaml, expected) in cases {
        let p = plan(&inputs(&yaml));
        assert!(p.errors.is_empty(), "{name}: {:?}", p.errors);
        let got: Vec<(String, Option<i64>)> = p.placements[0]
            .clusters
            .iter()
            .map(|c| (c.name.clone(), c.replicas))
            .collect();
        let want: Vec<(String, Option<i64>)> =
            expected.iter().map(|(c, r)| (c.to_string(), *r)).collect();
        assert_eq!(got, want, "{name}");
    }
    // ValidateSpreadConstraint: spreading by region needs a cluster constraint too.
    let refused = docs(&[
        &oracle_cluster("c1", "r1", (110, 10), ALL_APIS),
        &oracle_policy(
            jobs,
            "{spreadConstraints: [{spreadByField: region, minGroups: 1, maxGroups: 2}]}",
        ),
    ]);
    let err = load_str(&refused, Path::new("p.yaml"), &mut Inputs::default()).unwrap_err();
    assert_eq!(
        err.field.as_deref(),
        Some("spec.placement.spreadConstraints"),
        "{err}"
    );
}

/// With `-o json`, input that cannot be read still gets the plan's contract on stdout, the
/// error in `errors` with its file, document and field; exit 1.
#[test]
fn plan_json_keeps_its_contract_when_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: x}\nspec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap, labelSelector: {matchExpressions: [{key: a, operator: Has}]}}]}\n",
    )
    .unwrap();
    let out = tcs()
        .args(["fed", "plan", "-o", "json", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["placements"], json!([]));
    assert_eq!(v["clusters"], json!({}));
    let e = &v["errors"][0];
    assert_eq!(e["document"], 2);
    assert_eq!(e["file"], bad.display().to_string());
    assert_eq!(
        e["field"],
        "spec.resourceSelectors[0].labelSelector.matchExpressions[0].operator"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid label selector operator"));
}
