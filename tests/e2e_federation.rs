//! Federation on real API servers: against the clusters `TCS_E2E_KUBECONFIG` (the global
//! cluster) and `TCS_E2E_MEMBER_KUBECONFIG` (a member) point at, or else against two real
//! control planes this test starts on loopback (tests/common/apiserver.rs: etcd,
//! kube-apiserver, controller manager, scheduler, kwok for nodes). Joins the member (its own
//! ServiceAccount token is stored, not the kubeconfig), propagates a namespace, a ConfigMap and
//! a Deployment with a PropagationPolicy and an OverridePolicy, checks the member's objects,
//! takes the Deployment out of the set (pruned from the member), and unjoins with --prune.
//! Every command runs at trace level; afterwards neither the member's token nor the key of the
//! kubeconfig it was joined with is in anything tcs printed or wrote.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::apiserver::ControlPlane;

/// tcs at trace level (every library's log on stderr), its state in `state`.
fn tcs(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env_remove("TCS_INVENTORY")
        .env("NO_COLOR", "1")
        .env("TCS_LOG", "trace")
        .env("TCS_STATE_DIR", state)
        .arg("-vvv");
    cmd
}

/// kubectl on PATH for clusters given from outside, else the one built with the components.
fn kubectl_program() -> PathBuf {
    if std::env::var_os("TCS_E2E_KUBECONFIG").is_some() {
        PathBuf::from("kubectl")
    } else {
        common::components().kubectl()
    }
}

fn kubectl_json(kubeconfig: &Path, args: &[&str]) -> Option<serde_json::Value> {
    let out = std::process::Command::new(kubectl_program())
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
    clusterAffinity: {clusterNames: [tcs-e2e-member]}
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
    let given = (
        std::env::var_os("TCS_E2E_KUBECONFIG").map(PathBuf::from),
        std::env::var_os("TCS_E2E_MEMBER_KUBECONFIG").map(PathBuf::from),
    );
    // Without clusters from outside, two real control planes of our own.
    let mut planes = Vec::new();
    let (global, member) = match given {
        (Some(g), Some(m)) => (g, m),
        _ => {
            require_docker!();
            require_components!();
            let g = ControlPlane::start("global");
            let m = ControlPlane::start("member");
            m.add_node("m-node-1", "8", "16Gi", 110);
            let paths = (g.kubeconfig.clone(), m.kubeconfig.clone());
            planes.push(g);
            planes.push(m);
            paths
        }
    };
    let (global, member) = (global.as_path(), member.as_path());
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let all = common::Transcript::default();
    let g = ["--global-kubeconfig", global.to_str().unwrap()];
    let out = tcs(&state)
        .args(["cluster", "join", "tcs-e2e-member", "--kubeconfig"])
        .arg(member)
        .args(["--labels", "tcs-e2e=yes", "--region", "e2e"])
        .args(g)
        .output()
        .unwrap();
    let out = all.keep(out);
    assert!(
        out.status.success(),
        "join: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The set, with or without the Deployment and the two policies naming it.
    let apply = |with_web: bool| {
        let file = dir.path().join("set.yaml");
        let kept: Vec<&str> = SET
            .split("\n---\n")
            .filter(|d| with_web || !d.contains("name: web"))
            .collect();
        std::fs::write(&file, kept.join("\n---\n")).unwrap();
        let out = tcs(&state)
            .args(["fed", "apply", "-f"])
            .arg(&file)
            .args(g)
            .args(["-o", "json"])
            .output()
            .unwrap();
        let out = all.keep(out);
        assert!(
            out.status.success(),
            "fed apply: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    apply(true);
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
    let out = tcs(&state)
        .args(["fed", "status", "tcs-e2e/web", "-o", "json"])
        .args(g)
        .output()
        .unwrap();
    let out = all.keep(out);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["cluster"], "tcs-e2e-member");
    assert_eq!(rows[0]["applied"], true);

    // A ConfigMap whose namespace the set does not propagate: the plan warns, and the member's
    // API server refuses it (no such namespace there) while everything else applies.
    let file = dir.path().join("absent-namespace.yaml");
    std::fs::write(
        &file,
        format!(
            "{SET}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: lost, namespace: tcs-e2e-absent}}\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {{name: lost, namespace: tcs-e2e-absent}}\nspec:\n  resourceSelectors: [{{apiVersion: v1, kind: ConfigMap}}]\n  placement: {{clusterAffinity: {{clusterNames: [tcs-e2e-member]}}}}\n"
        ),
    )
    .unwrap();
    let out = tcs(&state)
        .args(["fed", "apply", "-o", "json", "-f"])
        .arg(&file)
        .args(g)
        .output()
        .unwrap();
    let out = all.keep(out);
    assert_eq!(out.status.code(), Some(1), "an object was not applied");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warning = report["planWarnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.starts_with(
            "namespace tcs-e2e-absent is missing where resources in it go: tcs-e2e-member gets 1 of them (ConfigMap tcs-e2e-absent/lost)"
        ),
        "{report}"
    );
    let lost = report["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["resource"] == "ConfigMap tcs-e2e-absent/lost")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(lost["action"], "failed", "{report}");
    assert!(
        lost["message"].as_str().unwrap().contains("not found"),
        "{report}"
    );
    assert!(
        report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["resource"] != "ConfigMap tcs-e2e-absent/lost")
            .all(|o| o["action"] == "applied"),
        "{report}"
    );

    // The Deployment leaves the set: it is pruned from the member.
    let report = apply(false);
    assert!(
        report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["action"] == "pruned"),
        "{report}"
    );
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "deployment", "web"]).is_none());
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "configmap", "settings"]).is_some());

    // The member's credentials, for the search below (unjoin deletes the token).
    let token = kubectl_json(
        member,
        &["-n", "tcs-fleet", "get", "secret", "tcs-fleet-agent-token"],
    )
    .expect("the member's token Secret");
    let token = token["data"]["token"]
        .as_str()
        .expect("a token")
        .to_string();
    let token = {
        use base64::Engine as _;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&token)
            .unwrap();
        String::from_utf8(raw).unwrap()
    };
    let out = tcs(&state)
        .args(["cluster", "unjoin", "tcs-e2e-member", "--prune", "--yes"])
        .args(g)
        .output()
        .unwrap();
    let out = all.keep(out);
    assert!(
        out.status.success(),
        "unjoin: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(kubectl_json(member, &["-n", "tcs-e2e", "get", "configmap", "settings"]).is_none());

    // Secrets: the member's token (kept only in the global cluster's Secret) and the private
    // key of the kubeconfig it was joined with (used once, never stored).
    let member_conf: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(member).unwrap()).unwrap();
    let key = member_conf["users"][0]["user"]["client-key-data"]
        .as_str()
        .map(|k| {
            use base64::Engine as _;
            let pem = base64::engine::general_purpose::STANDARD.decode(k).unwrap();
            let pem = String::from_utf8(pem).unwrap();
            common::pem_body(&pem)
        });
    let mut secrets = vec![("the member token", token.as_str())];
    if let Some(k) = &key {
        secrets.push(("the member kubeconfig's key", k.as_str()));
    }
    // The test's directory holds the state directory and the policy files.
    let (files, bytes) =
        common::assert_secrets_kept(&secrets, &all.text(), &[dir.path()], |_| false);
    eprintln!(
        "searched {files} files and the output, {bytes} bytes, for {} secrets",
        secrets.len()
    );
}
