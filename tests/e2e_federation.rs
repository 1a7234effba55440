//! Federation on real clusters: runs only when `TCS_E2E_KUBECONFIG` (the global cluster) and
//! `TCS_E2E_MEMBER_KUBECONFIG` (a member) point at clusters. Joins the member (its own
//! ServiceAccount token is stored, not the kubeconfig), propagates a namespace, a ConfigMap and
//! a Deployment with a PropagationPolicy and an OverridePolicy, checks the member's objects,
//! moves the Deployment off the member (pruned there), and unjoins with --prune.

use std::path::Path;

use assert_cmd::Command;

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env_remove("TCS_INVENTORY").env("NO_COLOR", "1");
    cmd
}

fn kubectl_json(kubeconfig: &Path, args: &[&str]) -> Option<serde_json::Value> {
    let out = std::process::Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .args(["-o", "json"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| serde_json::from_slice(&out.stdout).ok())
        .flatten()
}

const SET: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: tcs-e2e}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: tcs-e2e}
data: {mode: e2e}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: tcs-e2e, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: registry.k8s.io/pause:3.10.1}]}
---
apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata: {name: tcs-e2e}
spec:
  resourceSelectors:
    - {apiVersion: v1, kind: Namespace, name: tcs-e2e}
    - {apiVersion: v1, kind: ConfigMap, namespace: tcs-e2e}
  placement:
    clusterAffinity: {labelSelector: {matchLabels: {tcs-e2e: "yes"}}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: tcs-e2e}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    clusterAffinity: {clusterNames: [@TARGET@]}
---
apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata: {name: web, namespace: tcs-e2e}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  overrideRules:
    - overriders:
        labelsOverrider: [{operator: add, value: {federated: "true"}}]
"#;

#[test]
fn join_propagate_prune_and_unjoin_on_real_clusters() {
    let (Some(global), Some(member)) = (
        std::env::var_os("TCS_E2E_KUBECONFIG"),
        std::env::var_os("TCS_E2E_MEMBER_KUBECONFIG"),
    ) else {
        eprintln!(
            "\n*** SKIPPED: set TCS_E2E_KUBECONFIG and TCS_E2E_MEMBER_KUBECONFIG to run federation end to end ***\n"
        );
        return;
    };
    let (global, member) = (Path::new(&global), Path::new(&member));
    let dir = tempfile::tempdir().unwrap();
    let g = ["--global-kubeconfig", global.to_str().unwrap()];
    let out = tcs()
        .args(["cluster", "join", "tcs-e2e-member", "--kubeconfig"])
        .arg(member)
        .args(["--labels", "tcs-e2e=yes", "--region", "e2e"])
        .args(g)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "join: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let apply = |target: &str| {
        let file = dir.path().join("set.yaml");
        std::fs::write(&file, SET.replace("@TARGET@", target)).unwrap();
        let out = tcs()
            .args(["fed", "apply", "-f"])
            .arg(&file)
            .args(g)
            .args(["-o", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "fed apply: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    apply("tcs-e2e-member");
    let web = kubectl_json(member, &["-n", "tcs-e2e", "get", "deployment", "web"])
        .expect("the Deployment reached the member");
    assert_eq!(
        web["metadata"]["labels"]["federated"], "true",
        "the OverridePolicy applied"
    );
    assert_eq!(
        web["metadata"]["annotations"]["fed.tcs.io/template"],
        "apps/v1/Deployment/tcs-e2e/web"
    );
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "configmap", "settings"]).is_some());
    let out = tcs()
        .args(["fed", "status", "tcs-e2e/web", "-o", "json"])
        .args(g)
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["cluster"], "tcs-e2e-member");
    assert_eq!(rows[0]["applied"], true);

    // The Deployment's policy now names no member: it is pruned from this one.
    let report = apply("nowhere");
    assert!(
        report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["action"] == "pruned"),
        "{report}"
    );
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "deployment", "web"]).is_none());

    let out = tcs()
        .args(["cluster", "unjoin", "tcs-e2e-member", "--prune", "--yes"])
        .args(g)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "unjoin: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "configmap", "settings"]).is_none());
}
