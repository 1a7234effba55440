//! Join, apply, prune, steady scaling, status and unjoin against in-memory API servers (one
//! global cluster, two members) behind kube-rs's client.

use super::*;
use crate::kube::Applier;
use crate::kube::fake::FakeApi;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

struct Fleet {
    global: FakeApi,
    members: BTreeMap<String, FakeApi>,
    applier: Applier,
    connector: Connector,
}

fn node(name: &str, cpu: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": name},
        "status": {"allocatable": {"cpu": cpu, "memory": "32Gi", "pods": "110"},
                   "conditions": [{"type": "Ready", "status": "True"}]}})
}

fn fleet(members: &[(&str, &str)]) -> Fleet {
    let global = FakeApi::new();
    let mut map = BTreeMap::new();
    for (name, cpu) in members {
        let m = FakeApi::new();
        m.insert(node(&format!("{name}-n1"), cpu));
        m.insert(node(&format!("{name}-n2"), cpu));
        m.insert(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}]},
            "status": {"phase": "Running"}}));
        map.insert(name.to_string(), m);
    }
    let clients: BTreeMap<String, FakeApi> = map.clone();
    let connector: Connector = Arc::new(move |a: &MemberAccess| {
        assert!(
            a.token.starts_with("token-of-"),
            "the member's own ServiceAccount token is used"
        );
        clients
            .get(&a.name)
            .map(FakeApi::client)
            .ok_or_else(|| "no such member".to_string())
    });
    Fleet {
        applier: Applier::new(global.client(), "tcs"),
        global,
        members: map,
        connector,
    }
}

async fn join_all(f: &Fleet, labels: &[(&str, &str, &str)]) {
    for (name, region, env) in labels {
        let req = JoinRequest {
            name: name.to_string(),
            endpoint: format!("https://{name}.example:6443"),
            labels: [("env".to_string(), env.to_string())].into_iter().collect(),
            provider: Some("private".into()),
            region: Some(region.to_string()),
            zones: vec![format!("{region}-az1")],
        };
        join(&f.applier, f.members[*name].client(), &req, &|_| {})
            .await
            .unwrap();
    }
}

impl Fleet {
    /// `apply_plan` of these input texts over the fleet.
    async fn apply(&self, texts: &[&str]) -> FedApplyReport {
        apply_plan(&self.applier, inputs(texts), &self.connector, &|_| {})
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn join_checks_reachability_and_permissions_then_registers_a_dedicated_identity() {
    let f = fleet(&[("sh", "8"), ("bj", "4")]);
    let req = JoinRequest {
        name: "sh".into(),
        endpoint: "https://sh.example:6443".into(),
        ..Default::default()
    };

    f.members["sh"].set_down(true);
    let e = join(&f.applier, f.members["sh"].client(), &req, &|_| {})
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cluster sh: cannot reach its API server (https://sh.example:6443)"),
        "{e}"
    );
    f.members["sh"].set_down(false);

    f.members["sh"].deny("create", "clusterrolebindings");
    let e = join(&f.applier, f.members["sh"].client(), &req, &|_| {})
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("may not create clusterrolebindings"),
        "{e}"
    );
    assert!(
        f.members["sh"]
            .requests()
            .iter()
            .all(|r| r.method != "PATCH"),
        "nothing created in the member"
    );
    assert!(f.global.names().is_empty(), "nothing registered");

    join_all(&f, &[("bj", "bj", "prod")]).await;
    let entry = f.global.object("Cluster", "bj").unwrap();
    assert_eq!(entry["spec"]["apiEndpoint"], "https://bj.example:6443");
    assert_eq!(
        entry["spec"]["secretRef"],
        json!({"namespace": "tcs-fleet", "name": "bj"})
    );
    assert_eq!(entry["spec"]["region"], "bj");
    assert_eq!(entry["spec"]["zones"], json!(["bj-az1"]));
    assert_eq!(entry["metadata"]["labels"]["env"], "prod");
    let st = &entry["status"];
    assert_eq!(st["kubernetesVersion"], "v1.36.4");
    assert_eq!(st["nodeSummary"], json!({"totalNum": 2, "readyNum": 2}));
    assert_eq!(st["resourceSummary"]["allocatable"]["cpu"], "8");
    assert_eq!(st["resourceSummary"]["allocated"]["cpu"], "500m");
    assert_eq!(st["resourceSummary"]["allocated"]["pods"], "1");
    assert_eq!(st["conditions"][0]["status"], "True");
    // The credentials are the member's ServiceAccount token, not the admin kubeconfig.
    let secret = f.global.object("Secret", "bj").unwrap();
    assert!(secret["data"]["token"].is_string());
    assert!(
        f.members["bj"]
            .object("ClusterRoleBinding", "tcs-fleet-agent")
            .is_some()
    );
    assert!(
        f.members["bj"]
            .object("ServiceAccount", "tcs-fleet-agent")
            .is_some()
    );
    // The registry CRD was installed in the global cluster.
    assert!(
        f.global
            .object("CustomResourceDefinition", "clusters.fleet.tcs.io")
            .is_some()
    );
    let clusters = clusters(&f.applier).await.unwrap();
    let parsed: crate::fed::types::Cluster = serde_json::from_value(clusters[0].clone()).unwrap();
    assert_eq!(parsed.spec.region.as_deref(), Some("bj"));
}

const APP: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.29, resources: {requests: {cpu: "1"}}}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {mode: prod}
"#;

fn policy(clusters: &[&str], replica_scheduling: Value) -> String {
    format!(
        r#"
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {{name: web, namespace: shop}}
spec:
  resourceSelectors: [{{apiVersion: apps/v1, kind: Deployment, name: web}}]
  placement:
    clusterAffinity: {{clusterNames: {}}}
    replicaScheduling: {}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {{name: settings, namespace: shop}}
spec:
  resourceSelectors: [{{apiVersion: v1, kind: ConfigMap}}]
  placement:
    clusterAffinity: {{labelSelector: {{matchLabels: {{env: prod}}}}}}
"#,
        serde_json::to_string(clusters).unwrap(),
        replica_scheduling
    )
}

fn inputs(texts: &[&str]) -> crate::fed::Inputs {
    let mut i = crate::fed::Inputs::default();
    for (n, t) in texts.iter().enumerate() {
        crate::fed::load_str(t, std::path::Path::new(&format!("in{n}.yaml")), &mut i).unwrap();
    }
    i
}

fn weighted() -> Value {
    json!({"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted",
        "weightPreference": {"staticWeightList": [{"targetCluster": {"clusterNames": ["sh"]}, "weight": 1},
                                                  {"targetCluster": {"clusterNames": ["bj"]}, "weight": 1}]}})
}

fn replicas(f: &Fleet, member: &str) -> Option<i64> {
    f.members[member]
        .object("Deployment", "web")
        .and_then(|d| d["spec"]["replicas"].as_i64())
}

#[tokio::test]
async fn apply_server_side_applies_records_placements_and_prunes_removed_ones() {
    let f = fleet(&[("sh", "8"), ("bj", "8")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    for m in f.members.values() {
        m.clear_requests();
    }
    let pol = policy(&["sh", "bj"], weighted());
    let report = f.apply(&[APP, &pol]).await;
    assert!(report.complete(), "{report:?}");
    assert_eq!((replicas(&f, "sh"), replicas(&f, "bj")), (Some(2), Some(2)));
    // The set has no Namespace shop: the report says so (a real member would refuse the
    // objects unless the namespace exists there), and so does the table.
    assert_eq!(report.plan_warnings.len(), 1, "{report:?}");
    assert!(
        report.plan_warnings[0].starts_with(
            "namespace shop is missing where resources in it go: bj, sh get 2 of them"
        ),
        "{report:?}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["planWarnings"][0], report.plan_warnings[0].as_str());
    assert!(
        report
            .to_string()
            .contains("warning: namespace shop is missing where resources in it go")
    );
    for m in f.members.values() {
        let patches: Vec<_> = m
            .requests()
            .into_iter()
            .filter(|r| r.method == "PATCH")
            .collect();
        assert_eq!(patches.len(), 2, "Deployment and ConfigMap");
        for p in patches {
            assert_eq!(p.content_type, "application/apply-patch+yaml");
            assert!(
                p.query.contains("fieldManager=tcs-fed") && p.query.contains("force=true"),
                "{}",
                p.query
            );
        }
        let web = m.object("Deployment", "web").unwrap();
        assert_eq!(
            web["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "tcs-fed"
        );
        assert_eq!(
            web["metadata"]["annotations"]["resourcebinding.karmada.io/name"],
            "web-deployment"
        );
        assert_eq!(
            web["metadata"]["annotations"]["fed.tcs.io/template"],
            "apps/v1/Deployment/shop/web"
        );
        assert_eq!(
            web["metadata"]["annotations"]["fed.tcs.io/policy"],
            "PropagationPolicy shop/web"
        );
    }
    let bindings = binding_inputs(&f.applier).await.unwrap();
    assert_eq!(bindings.len(), 2);
    let web = bindings
        .iter()
        .find(|b| b["spec"]["resource"]["kind"] == "Deployment")
        .unwrap();
    assert_eq!(web["kind"], "ResourceBinding");
    assert_eq!(web["metadata"]["name"], "web-deployment");
    assert_eq!(
        web["spec"]["clusters"],
        json!([{"name": "bj", "replicas": 2}, {"name": "sh", "replicas": 2}])
    );
    assert_eq!(web["status"]["aggregatedStatus"][0]["applied"], true);

    // Status: desired, applied, ready per member.
    let rows = fed_status(&f.applier, &f.connector, Some("Deployment"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r.desired == Some(2) && r.applied && r.ready == Some(2)),
        "{rows:?}"
    );

    // The policy drops bj: the Deployment is pruned there, sh gets all 4.
    let pol = policy(&["sh"], weighted());
    f.members["bj"].clear_requests();
    let report = f.apply(&[APP, &pol]).await;
    assert!(report.complete(), "{report:?}");
    assert_eq!((replicas(&f, "sh"), replicas(&f, "bj")), (Some(4), None));
    assert!(
        report.outcomes.iter().any(|o| o.action == "pruned"
            && o.cluster == "bj"
            && o.resource == "Deployment shop/web")
    );
    let deletes: Vec<String> = f.members["bj"]
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path)
        .collect();
    assert_eq!(deletes, ["/apis/apps/v1/namespaces/shop/deployments/web"]);
    assert!(
        f.members["bj"].object("ConfigMap", "settings").is_some(),
        "the ConfigMap's policy still places it"
    );

    // The ConfigMap template is gone: pruned everywhere, its binding forgotten.
    let only_app = APP.split("---").next().unwrap();
    f.apply(&[only_app, &pol]).await;
    assert!(f.members["sh"].object("ConfigMap", "settings").is_none());
    assert!(f.members["bj"].object("ConfigMap", "settings").is_none());
    assert_eq!(binding_inputs(&f.applier).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_member_is_reported_and_caught_up_while_others_proceed() {
    let f = fleet(&[("sh", "8"), ("bj", "8")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    let pol = policy(&["sh", "bj"], weighted());
    f.apply(&[APP, &pol]).await;

    // bj goes away; the policy drops it: sh is updated now, bj's prune waits.
    f.members["bj"].set_down(true);
    let pol_sh = policy(&["sh"], weighted());
    let report = f.apply(&[APP, &pol_sh]).await;
    assert!(!report.complete());
    assert_eq!(report.unreachable.len(), 1, "{report:?}");
    assert!(report.unreachable[0].starts_with("bj: "), "{report:?}");
    assert_eq!(replicas(&f, "sh"), Some(4));
    assert!(
        report
            .outcomes
            .iter()
            .any(|o| o.cluster == "bj" && o.action == "unreachable")
    );
    let rows = fed_status(&f.applier, &f.connector, None).await.unwrap();
    assert!(
        rows.iter()
            .any(|r| r.cluster == "bj" && !r.applied && r.error == "member unreachable"),
        "{rows:?}"
    );

    // bj is back: the next apply prunes what it no longer gets.
    f.members["bj"].set_down(false);
    let report = f.apply(&[APP, &pol_sh]).await;
    assert!(report.complete(), "{report:?}");
    assert_eq!(replicas(&f, "bj"), None);
}

#[tokio::test]
async fn scaling_keeps_a_steady_assignment_from_the_recorded_binding() {
    // Dynamic weights by available replicas: sh has 2x8 CPUs, bj 2x4.
    let f = fleet(&[("sh", "8"), ("bj", "4")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    let dynamic = json!({"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted",
        "weightPreference": {"dynamicWeight": "AvailableReplicas"}});
    let pol = policy(&["sh", "bj"], dynamic);
    f.apply(&[&APP.replace("replicas: 4", "replicas: 6"), &pol])
        .await;
    let first = (replicas(&f, "sh").unwrap(), replicas(&f, "bj").unwrap());
    assert_eq!(first.0 + first.1, 6);
    assert!(
        first.0 > first.1,
        "more where there is more room: {first:?}"
    );

    // bj grows to 2x32 CPUs. Scaling 6 -> 9 keeps the first assignment and divides only the 3
    // new replicas by the new room (Karmada's scale-up); a fresh division would move replicas.
    for n in ["bj-n1", "bj-n2"] {
        f.members["bj"].insert(node(n, "32"));
    }
    refresh_status(&f.applier, "bj", &f.members["bj"].client())
        .await
        .unwrap();
    f.apply(&[&APP.replace("replicas: 4", "replicas: 9"), &pol])
        .await;
    let second = (replicas(&f, "sh").unwrap(), replicas(&f, "bj").unwrap());
    assert_eq!(second.0 + second.1, 9);
    assert!(
        second.0 >= first.0 && second.1 >= first.1,
        "no member lost replicas: {first:?} -> {second:?}"
    );

    // Without the recorded binding the same inputs divide afresh, differently.
    let mut fresh = inputs(&[&APP.replace("replicas: 4", "replicas: 9"), &pol]);
    for c in clusters(&f.applier).await.unwrap() {
        fresh.clusters.push(serde_json::from_value(c).unwrap());
    }
    let plan = crate::fed::plan(&fresh);
    let fresh_sh = plan
        .placements
        .iter()
        .find(|p| p.resource.kind == "Deployment")
        .unwrap()
        .clusters
        .iter()
        .find(|c| c.name == "sh")
        .unwrap()
        .replicas
        .unwrap();
    assert!(
        fresh_sh < first.0,
        "a fresh division would take replicas from sh ({fresh_sh} < {})",
        first.0
    );
}

#[tokio::test]
async fn an_unreachable_member_is_tainted_as_karmada_does_and_gets_no_new_placements() {
    let f = fleet(&[("sh", "8"), ("bj", "8")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    f.members["bj"].set_down(true);
    let bj = connect_member(&f.applier, "bj", &f.connector)
        .await
        .unwrap();
    let status = refresh_status(&f.applier, "bj", &bj).await.unwrap();
    assert_eq!(status["conditions"][0]["status"], "Unknown");
    let entry = f.global.object("Cluster", "bj").unwrap();
    assert_eq!(
        entry["spec"]["taints"][0]["key"],
        "cluster.karmada.io/unreachable"
    );
    assert_eq!(entry["spec"]["taints"][0]["effect"], "NoSchedule");
    assert_eq!(
        entry["spec"]["apiEndpoint"], "https://bj.example:6443",
        "the rest of the spec is kept"
    );
    // A new resource is placed only where it can run.
    let pol = policy(&["sh", "bj"], weighted());
    let report = f.apply(&[APP, &pol]).await;
    assert_eq!(replicas(&f, "sh"), Some(4), "{report:?}");
    assert!(
        !report.outcomes.iter().any(|o| o.cluster == "bj"),
        "{report:?}"
    );
    // Back: the taint goes.
    f.members["bj"].set_down(false);
    refresh_status(&f.applier, "bj", &bj).await.unwrap();
    let entry = f.global.object("Cluster", "bj").unwrap();
    assert_eq!(entry["spec"]["taints"], json!([]));
}

#[tokio::test]
async fn a_member_unjoined_without_prune_keeps_its_objects_and_leaves_the_records() {
    let f = fleet(&[("sh", "8"), ("bj", "8")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    let pol = policy(&["sh", "bj"], weighted());
    f.apply(&[APP, &pol]).await;
    unjoin(&f.applier, "bj", None, &|_| {}).await.unwrap();
    let report = f.apply(&[APP, &pol]).await;
    assert!(report.complete(), "{report:?}");
    assert_eq!(replicas(&f, "sh"), Some(4));
    assert_eq!(replicas(&f, "bj"), Some(2), "left as it was");
    for b in binding_inputs(&f.applier).await.unwrap() {
        assert!(
            b["spec"]["clusters"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["name"] != "bj"),
            "{b}"
        );
    }
}

#[tokio::test]
async fn apply_without_members_says_to_join_first() {
    let f = fleet(&[]);
    let e = apply_plan(&f.applier, inputs(&[APP]), &f.connector, &|_| {})
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the fleet has no members: join clusters first (tcs cluster join NAME --kubeconfig FILE)"
    );
}

#[tokio::test]
async fn unjoin_removes_the_identity_and_the_entry() {
    let f = fleet(&[("sh", "8")]);
    join_all(&f, &[("sh", "sh", "prod")]).await;
    let member = connect_member(&f.applier, "sh", &f.connector)
        .await
        .unwrap();
    assert!(
        unjoin(&f.applier, "sh", Some(member), &|_| {})
            .await
            .unwrap()
    );
    assert!(f.global.object("Cluster", "sh").is_none());
    assert!(f.global.object("Secret", "sh").is_none());
    assert!(f.members["sh"].object("Namespace", "tcs-fleet").is_none());
    // The binding is the namespace's dependent; the real garbage collector removes it
    // (tests/fleet_api.rs), which this fake does not imitate.
    let binding = f.members["sh"]
        .object("ClusterRoleBinding", "tcs-fleet-agent")
        .unwrap();
    assert_eq!(
        binding["metadata"]["ownerReferences"][0]["name"],
        "tcs-fleet"
    );
    let e = unjoin(&f.applier, "sh", None, &|_| {}).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "cluster sh is not in the fleet (tcs cluster join sh --kubeconfig FILE)"
    );
}

#[tokio::test]
async fn unjoin_with_prune_deletes_what_was_propagated_and_updates_the_records() {
    let f = fleet(&[("sh", "8"), ("bj", "8")]);
    join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
    let pol = policy(&["sh", "bj"], weighted());
    f.apply(&[APP, &pol]).await;
    let bj = connect_member(&f.applier, "bj", &f.connector)
        .await
        .unwrap();
    assert_eq!(
        prune_member(&f.applier, "bj", bj.clone(), &|_| {})
            .await
            .unwrap(),
        2
    );
    assert!(f.members["bj"].object("Deployment", "web").is_none());
    assert!(f.members["bj"].object("ConfigMap", "settings").is_none());
    assert!(f.members["sh"].object("Deployment", "web").is_some());
    for b in binding_inputs(&f.applier).await.unwrap() {
        assert!(
            b["spec"]["clusters"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["name"] != "bj"),
            "{b}"
        );
    }
    unjoin(&f.applier, "bj", Some(bj), &|_| {}).await.unwrap();
    assert_eq!(clusters(&f.applier).await.unwrap().len(), 1);
}

mod controller_tests {
    use super::*;
    use crate::federation::controller::{
        Elector, LoopEvent, LoopOptions, run, store, stored_inputs,
    };
    use std::sync::Mutex;
    use std::time::Duration;

    fn karmada_crds() -> Vec<Value> {
        // Minimal CRDs so the in-memory server serves Karmada's policy kinds.
        crate::federation::controller::POLICY_KINDS
            .iter()
            .map(|(kind, plural, namespaced)| {
                json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                    "metadata": {"name": format!("{plural}.policy.karmada.io")},
                    "spec": {"group": "policy.karmada.io", "names": {"kind": kind, "plural": plural},
                        "scope": if *namespaced { "Namespaced" } else { "Cluster" },
                        "versions": [{"name": "v1alpha1", "served": true, "storage": true}]}})
            })
            .collect()
    }

    async fn stored_fleet() -> Fleet {
        let f = fleet(&[("sh", "8"), ("bj", "8")]);
        join_all(&f, &[("sh", "sh", "prod"), ("bj", "bj", "prod")]).await;
        let crds: Vec<crate::kube::Manifest> = karmada_crds()
            .into_iter()
            .map(|v| crate::kube::Manifest {
                value: v,
                origin: "crd".into(),
            })
            .collect();
        f.applier
            .apply_all(
                &crds,
                &crate::kube::WaitOptions {
                    timeout: Duration::from_secs(5),
                    interval: Duration::from_millis(10),
                },
                &|_| {},
            )
            .await
            .unwrap();
        f
    }

    fn objects(texts: &[&str]) -> Vec<Value> {
        texts
            .iter()
            .flat_map(|t| serde_saphyr::from_multiple::<Value>(t).unwrap())
            .filter(|v| !v.is_null())
            .collect()
    }

    #[tokio::test]
    async fn only_one_replica_holds_the_lease_and_another_takes_over_when_it_expires_or_is_released()
     {
        let global = FakeApi::new();
        let a = Elector::new(
            global.client(),
            "tcs-fleet",
            "tcs-fed-controller",
            "replica-a",
            Duration::from_secs(15),
        );
        let b = Elector::new(
            global.client(),
            "tcs-fleet",
            "tcs-fed-controller",
            "replica-b",
            Duration::from_secs(15),
        );
        assert!(a.try_acquire_or_renew().await.unwrap());
        assert!(!b.try_acquire_or_renew().await.unwrap());
        assert!(a.try_acquire_or_renew().await.unwrap(), "the holder renews");
        assert!(!b.try_acquire_or_renew().await.unwrap());
        // a stops renewing: its lease expires.
        let mut lease = global.object("Lease", "tcs-fed-controller").unwrap();
        lease["spec"]["renewTime"] = json!("2026-01-01T00:00:00.000000Z");
        global.insert(lease);
        assert!(
            b.try_acquire_or_renew().await.unwrap(),
            "an expired lease is taken over"
        );
        let lease = global.object("Lease", "tcs-fed-controller").unwrap();
        assert_eq!(lease["spec"]["holderIdentity"], "replica-b");
        assert_eq!(lease["spec"]["leaseTransitions"], 1);
        assert!(
            !a.try_acquire_or_renew().await.unwrap(),
            "the old holder is now standby"
        );
        b.release().await;
        assert!(
            a.try_acquire_or_renew().await.unwrap(),
            "a released lease is taken at once"
        );
    }

    #[tokio::test]
    async fn a_stale_write_loses_the_race() {
        let global = FakeApi::new();
        let a = Elector::new(
            global.client(),
            "tcs-fleet",
            "l",
            "a",
            Duration::from_secs(15),
        );
        assert!(a.try_acquire_or_renew().await.unwrap());
        // Both replicas read the expired lease; the first write wins, the second conflicts.
        let mut lease = global.object("Lease", "l").unwrap();
        lease["spec"]["renewTime"] = json!("2026-01-01T00:00:00.000000Z");
        global.insert(lease);
        global.fail("l", 409, "the object has been modified", 1);
        let b = Elector::new(
            global.client(),
            "tcs-fleet",
            "l",
            "b",
            Duration::from_secs(15),
        );
        assert!(!b.try_acquire_or_renew().await.unwrap());
    }

    #[tokio::test]
    async fn events_trigger_plan_and_apply_and_a_failing_member_does_not_stop_the_others() {
        let f = stored_fleet().await;
        let pol = policy(&["sh", "bj"], weighted());
        let (p, t) = store(&f.applier, &objects(&[APP, &pol]), &|_| {})
            .await
            .unwrap();
        assert_eq!((p, t), (2, 2));
        assert!(
            f.members["sh"].object("Deployment", "web").is_none(),
            "templates do not run in the global cluster"
        );
        assert!(f.global.object("Deployment", "web").is_none());
        assert_eq!(stored_inputs(&f.applier).await.unwrap().resources.len(), 2);

        let (tx, rx) = futures::channel::mpsc::unbounded::<()>();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let events = Mutex::new(Vec::new());
        let options = LoopOptions {
            resync: Duration::from_secs(3600),
            debounce: Duration::from_millis(10),
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(40),
        };
        let members = f.members.clone();
        let driver = async {
            async fn wait_for(what: impl Fn() -> bool) {
                let start = std::time::Instant::now();
                while !what() {
                    assert!(start.elapsed() < Duration::from_secs(5), "timed out");
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
            let replicas_of = |m: &str| {
                members[m]
                    .object("Deployment", "web")
                    .and_then(|d| d["spec"]["replicas"].as_i64())
            };
            // The first pass runs at start.
            tokio::time::sleep(Duration::from_millis(50)).await;
            wait_for(|| replicas_of("sh") == Some(2) && replicas_of("bj") == Some(2)).await;
            // A template changes: an event, one reconcile, the members follow.
            store(
                &f.applier,
                &objects(&[&APP.replace("replicas: 4", "replicas: 6")]),
                &|_| {},
            )
            .await
            .unwrap();
            tx.unbounded_send(()).unwrap();
            tx.unbounded_send(()).unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
            wait_for(|| replicas_of("sh") == Some(3) && replicas_of("bj") == Some(3)).await;
            // bj fails; sh still follows the next change.
            members["bj"].set_down(true);
            store(
                &f.applier,
                &objects(&[&APP.replace("replicas: 4", "replicas: 8")]),
                &|_| {},
            )
            .await
            .unwrap();
            tx.unbounded_send(()).unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
            wait_for(|| replicas_of("sh") == Some(4)).await;
            assert_eq!(
                replicas_of("bj"),
                Some(3),
                "bj is untouched while unreachable"
            );
            members["bj"].set_down(false);
            tx.unbounded_send(()).unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
            wait_for(|| replicas_of("bj") == Some(4)).await;
            stop_tx.send(()).unwrap();
        };
        let on_event = |e| events.lock().unwrap().push(e);
        let looping = run(
            &f.applier,
            &f.connector,
            None,
            rx,
            options,
            async {
                stop_rx.await.ok();
            },
            &on_event,
        );
        tokio::join!(looping, driver);
        let events = events.into_inner().unwrap();
        assert!(
            events.contains(&LoopEvent::Reconciled { complete: false }),
            "{events:?}"
        );
        assert!(
            matches!(
                events.last(),
                Some(LoopEvent::Reconciled { complete: true })
            ),
            "{events:?}"
        );
    }

    #[tokio::test]
    async fn failures_back_off_exponentially() {
        let f = stored_fleet().await;
        f.global.set_down(true);
        let events = Mutex::new(Vec::new());
        let options = LoopOptions {
            resync: Duration::from_secs(3600),
            debounce: Duration::from_millis(1),
            backoff: Duration::from_millis(2),
            max_backoff: Duration::from_millis(8),
        };
        let on_event = |e| events.lock().unwrap().push(e);
        run(
            &f.applier,
            &f.connector,
            None,
            futures::stream::pending(),
            options,
            tokio::time::sleep(Duration::from_millis(60)),
            &on_event,
        )
        .await;
        let delays: Vec<Duration> = events
            .into_inner()
            .unwrap()
            .into_iter()
            .filter_map(|e| match e {
                LoopEvent::Failed { retry_in, .. } => Some(retry_in),
                _ => None,
            })
            .collect();
        assert!(delays.len() >= 4, "{delays:?}");
        assert_eq!(
            &delays[..4],
            &[
                Duration::from_millis(2),
                Duration::from_millis(4),
                Duration::from_millis(8),
                Duration::from_millis(8)
            ]
        );
    }
}
