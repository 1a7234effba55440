//! The fleet and live federation against real API servers: a global and two member control
//! planes on loopback (tests/common/apiserver.rs: etcd, kube-apiserver, controller manager,
//! scheduler, kwok nodes). What the in-memory API server of the unit tests cannot tell: real
//! RBAC refusing a join, the real token controller filling the member's token Secret, real
//! server-side apply and garbage collection on the members, Deployments whose pods really
//! become Ready, a member whose API server is really gone.

mod common;

use std::path::Path;

use common::apiserver::ControlPlane;
use common::succeeded;
use serde_json::Value;

fn json(cp: &ControlPlane, args: &[&str]) -> Option<Value> {
    let mut all = args.to_vec();
    all.extend(["-o", "json", "--show-managed-fields"]);
    let out = cp.kubectl(&all);
    if !out.status.success() {
        eprintln!(
            "[fleet_api] {}: kubectl {args:?}: {}",
            cp.name,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    out.status
        .success()
        .then(|| serde_json::from_slice(&out.stdout).unwrap())
}

const SET: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {mode: live}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: registry.k8s.io/pause:3.10.2
          resources: {requests: {cpu: 100m}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: shop}
spec:
  resourceSelectors:
    - {apiVersion: v1, kind: Namespace, name: shop}
    - {apiVersion: v1, kind: ConfigMap, namespace: shop}
  placement:
    clusterAffinity: {labelSelector: {matchLabels: {fleet: live}}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: shop}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    clusterAffinity: {clusterNames: [sh, bj]}
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
          - {targetCluster: {clusterNames: [sh]}, weight: 1}
          - {targetCluster: {clusterNames: [bj]}, weight: 1}
"#;

fn fed_apply(global: &ControlPlane, files: &[&Path]) -> (bool, Value) {
    let mut cmd = global.tcs_global();
    cmd.args(["fed", "apply", "-o", "json"]);
    for f in files {
        cmd.arg("-f").arg(f);
    }
    let out = cmd.output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "fed apply -o json: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), report)
}

#[test]
fn join_propagate_survive_a_member_outage_and_unjoin_on_real_api_servers() {
    require_docker!();
    require_components!();
    let global = ControlPlane::start("global");
    let sh = ControlPlane::start("sh");
    let mut bj = ControlPlane::start("bj");
    sh.add_node("sh-1", "4", "8Gi", 110);
    bj.add_node("bj-1", "4", "8Gi", 110);
    let dir = tempfile::tempdir().unwrap();

    // A kubeconfig whose user may not create tcs's identity in the member is refused by the
    // member's real RBAC, naming what is missing, and nothing is created on either side.
    let limited = sh.user_kubeconfig("limited", &[]);
    let out = global
        .tcs_global()
        .args(["cluster", "join", "sh", "--kubeconfig"])
        .arg(&limited)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("clusterrolebindings"), "{err}");
    assert!(json(&sh, &["get", "namespace", "tcs-fleet"]).is_none());
    assert!(json(&global, &["get", "namespace", "tcs-fleet"]).is_none());

    for (name, member) in [("sh", &sh), ("bj", &bj)] {
        succeeded(
            global
                .tcs_global()
                .args(["cluster", "join", name, "--kubeconfig"])
                .arg(&member.kubeconfig)
                .args(["--labels", "fleet=live", "--region", name])
                .output()
                .unwrap(),
            "cluster join",
        );
    }
    // The real token controller filled the member's token Secret; the global cluster keeps
    // that token (not the admin kubeconfig), and it works against the member.
    let secret = json(&global, &["-n", "tcs-fleet", "get", "secret", "sh"]).unwrap();
    let token = secret["data"]["token"].as_str().expect("a token is stored");
    use base64::Engine;
    let token = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(token)
            .unwrap(),
    )
    .unwrap();
    assert!(secret["data"].get("client-key-data").is_none());
    let out = std::process::Command::new(common::components().kubectl())
        .args([
            "--server",
            &sh.url,
            "--insecure-skip-tls-verify",
            "--token",
            &token,
        ])
        .args(["auth", "can-i", "create", "deployments", "--all-namespaces"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "yes");
    let registered = json(&global, &["get", "clusters.fleet.tcs.io", "sh"]).unwrap();
    assert_eq!(registered["status"]["nodeSummary"]["readyNum"], 1);

    // Propagate: the namespace and ConfigMap everywhere, the Deployment divided 2/2; kwok runs
    // the member's pods, so fed status sees them Ready.
    let set = dir.path().join("set.yaml");
    std::fs::write(&set, SET).unwrap();
    let (complete, report) = fed_apply(&global, &[&set]);
    assert!(complete, "{report:#}");
    for (member, name) in [(&sh, "sh"), (&bj, "bj")] {
        let web = json(member, &["-n", "shop", "get", "deployment", "web"])
            .unwrap_or_else(|| panic!("web reached {name}"));
        assert_eq!(web["spec"]["replicas"], 2, "{name}");
        let managers: Vec<&str> = web["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["operation"] == "Apply")
            .map(|m| m["manager"].as_str().unwrap())
            .collect();
        assert_eq!(
            managers,
            ["tcs-fed"],
            "{name}: server-side apply as tcs-fed"
        );
        assert!(json(member, &["-n", "shop", "get", "configmap", "settings"]).is_some());
        member.wait(60, "web's pods Ready", |m| {
            let d = json(m, &["-n", "shop", "get", "deployment", "web"])?;
            (d["status"]["readyReplicas"] == 2).then_some(())
        });
    }
    let status: Value = serde_json::from_str(&succeeded(
        global
            .tcs_global()
            .args(["fed", "status", "shop/web", "-o", "json"])
            .output()
            .unwrap(),
        "fed status",
    ))
    .unwrap();
    for row in status.as_array().unwrap() {
        assert_eq!(row["applied"], true, "{row}");
        assert_eq!(row["ready"], 2, "{row}");
    }

    // bj's API server goes away: it is reported, marked unreachable with Karmada's taint, and a
    // new resource goes only to sh; sh is updated meanwhile.
    bj.stop_apiserver();
    let late = dir.path().join("late.yaml");
    std::fs::write(
        &late,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late, namespace: shop}\ndata: {k: v}\n",
    )
    .unwrap();
    let (complete, report) = fed_apply(&global, &[&set, &late]);
    assert!(
        !complete,
        "an unreachable member makes the apply incomplete"
    );
    let unreachable = report["unreachable"].as_array().unwrap();
    assert_eq!(unreachable.len(), 1, "{report:#}");
    let why = unreachable[0].as_str().unwrap();
    assert!(
        why.starts_with("bj: ") && why.contains("Connection refused"),
        "{why}"
    );
    let entry = json(&global, &["get", "clusters.fleet.tcs.io", "bj"]).unwrap();
    let taints: Vec<&str> = entry["spec"]["taints"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(taints, ["cluster.karmada.io/unreachable"], "{entry:#}");
    assert!(json(&sh, &["-n", "shop", "get", "configmap", "late"]).is_some());

    // Back: the taint goes, bj is caught up, every member complete.
    bj.start_apiserver();
    let (complete, report) = fed_apply(&global, &[&set, &late]);
    assert!(complete, "{report:#}");
    let entry = json(&global, &["get", "clusters.fleet.tcs.io", "bj"]).unwrap();
    assert!(
        entry["spec"]["taints"]
            .as_array()
            .is_none_or(|t| t.is_empty()),
        "{entry:#}"
    );
    assert!(json(&bj, &["-n", "shop", "get", "deployment", "web"]).is_some());

    // Unjoin with --prune: bj's federated objects, its identity and its entry are gone; the
    // real garbage collector removes the Deployment's ReplicaSets and pods.
    succeeded(
        global
            .tcs_global()
            .args(["cluster", "unjoin", "bj", "--prune", "--yes"])
            .output()
            .unwrap(),
        "cluster unjoin",
    );
    assert!(json(&bj, &["-n", "shop", "get", "deployment", "web"]).is_none());
    assert!(
        json(&bj, &["get", "namespace", "tcs-fleet"])
            .is_none_or(|ns| { ns["status"]["phase"] == "Terminating" })
    );
    assert!(json(&global, &["get", "clusters.fleet.tcs.io", "bj"]).is_none());
    // The identity's binding depended on its namespace: the garbage collector removed it.
    bj.wait(
        60,
        "the garbage collector to remove tcs's ClusterRoleBinding",
        |m| {
            json(m, &["get", "clusterrolebinding", "tcs-fleet-agent"])
                .is_none()
                .then_some(())
        },
    );
    bj.wait(
        60,
        "the garbage collector to remove web's ReplicaSets",
        |m| {
            let rs = json(m, &["-n", "shop", "get", "replicasets", "-l", "app=web"])?;
            rs["items"].as_array()?.is_empty().then_some(())
        },
    );
}

/// A `tcs fed controller` process, killed on drop.
struct Controller(std::process::Child);

impl Drop for Controller {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn controller(global: &ControlPlane, identity: &str, log: &Path) -> Controller {
    let file = std::fs::File::create(log).unwrap();
    Controller(
        global
            .tcs_global()
            .args(["fed", "controller", "--identity", identity])
            .args(["--lease-duration", "6", "--resync", "3"])
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap(),
    )
}

fn stored_configmap(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}, namespace: default}}\ndata: {{by: controller}}\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {{name: {name}, namespace: default}}\nspec:\n  resourceSelectors: [{{apiVersion: v1, kind: ConfigMap, name: {name}}}]\n  placement: {{clusterAffinity: {{clusterNames: [member]}}}}\n"
    )
}

#[test]
fn two_controller_processes_elect_a_leader_and_the_other_takes_over() {
    require_docker!();
    require_components!();
    let global = ControlPlane::start("global");
    let member = ControlPlane::start("member");
    member.add_node("m-1", "4", "8Gi", 110);
    let dir = tempfile::tempdir().unwrap();
    // Karmada's policy CRDs (the federation addon's pinned files) in the global cluster.
    let mirror = common::components().mirror();
    let crds = mirror.join(
        "raw.githubusercontent.com/karmada-io/karmada/v1.18.2/charts/karmada/_crds/bases/policy",
    );
    global.kubectl_ok(&["apply", "--server-side", "-f", crds.to_str().unwrap()]);
    succeeded(
        global
            .tcs_global()
            .args(["cluster", "join", "member", "--kubeconfig"])
            .arg(&member.kubeconfig)
            .output()
            .unwrap(),
        "cluster join",
    );

    let mut controllers = vec![
        ("c1", controller(&global, "c1", &dir.path().join("c1.log"))),
        ("c2", controller(&global, "c2", &dir.path().join("c2.log"))),
    ];
    let holder = |global: &ControlPlane| {
        json(
            global,
            &["-n", "tcs-fleet", "get", "lease", "tcs-fed-controller"],
        )
        .and_then(|l| l["spec"]["holderIdentity"].as_str().map(str::to_string))
    };
    let first = global.wait(60, "a controller to hold the Lease", holder);

    // What fed apply --store keeps, the leader propagates.
    let one = dir.path().join("one.yaml");
    std::fs::write(&one, stored_configmap("one")).unwrap();
    succeeded(
        global
            .tcs_global()
            .args(["fed", "apply", "--store", "-f"])
            .arg(&one)
            .output()
            .unwrap(),
        "fed apply --store",
    );
    member.wait(60, "the leader to propagate ConfigMap one", |m| {
        json(m, &["-n", "default", "get", "configmap", "one"])
    });

    // The leader dies (SIGKILL: no release); the other takes over once the Lease expires, and
    // propagates what is stored after that.
    let i = controllers.iter().position(|(id, _)| *id == first).unwrap();
    let (_, dead) = controllers.remove(i);
    drop(dead);
    let started = std::time::Instant::now();
    let second = global.wait(60, "the other controller to take the Lease over", |g| {
        holder(g).filter(|h| *h != first)
    });
    eprintln!(
        "[fleet_api] leader {first} killed; {second} holds the Lease after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let two = dir.path().join("two.yaml");
    std::fs::write(&two, stored_configmap("two")).unwrap();
    succeeded(
        global
            .tcs_global()
            .args(["fed", "apply", "--store", "-f"])
            .arg(&two)
            .output()
            .unwrap(),
        "fed apply --store",
    );
    member.wait(60, "the new leader to propagate ConfigMap two", |m| {
        json(m, &["-n", "default", "get", "configmap", "two"])
    });
}
