//! Addons on a real cluster: the one `TCS_E2E_KUBECONFIG` points at (any conformant cluster:
//! kind, a kubeadm cluster, the Vagrant suite's), or else a real control plane this test starts
//! on loopback (tests/common/apiserver.rs: etcd, kube-apiserver, controller manager, scheduler,
//! kwok nodes, and the Prometheus operator), with the pinned upstream files from the components
//! mirror. For each addon in `TCS_E2E_ADDONS` (default: all five, in dependency order):
//! `tcs addon enable` (server-side apply, waits, health checks), `tcs addon status` healthy, a
//! second enable prunes nothing; then `tcs addon disable` in reverse order and the addon is gone.
//! Every command runs at trace level; afterwards no private key tcs issued for the cluster (its
//! CAs, the webhook certificates of the addons) is in anything tcs printed, and only the PKI's
//! own key files, 0600, hold one.
//!
//! With a cluster of yours: `TCS_E2E_KUBERNETES_VERSION` (default 1.36.4) is its version for
//! rendering; `TCS_E2E_LB_POOL` (e.g. 172.18.255.200-172.18.255.250) gives MetalLB a pool, which
//! turns on the LoadBalancer probe; `TCS_UPSTREAM_DIR` serves upstream files offline (otherwise
//! they are downloaded). The cluster must be able to pull the addons' images.

mod common;

use std::path::Path;

use assert_cmd::Command;

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

#[test]
fn addons_enable_status_and_disable_on_a_real_cluster() {
    // Without a cluster from outside, a control plane of our own (kept until the end).
    let mut plane = None;
    let kubeconfig = match std::env::var_os("TCS_E2E_KUBECONFIG") {
        Some(k) => std::path::PathBuf::from(k),
        None => {
            require_docker!();
            require_components!();
            let mut cp = common::apiserver::ControlPlane::start("e2e");
            cp.start_prometheus_operator();
            for n in ["n1", "n2"] {
                cp.add_node(n, "16", "64Gi", 250);
            }
            plane.insert(cp).kubeconfig.clone()
        }
    };
    let version = std::env::var("TCS_E2E_KUBERNETES_VERSION").unwrap_or_else(|_| {
        if plane.is_some() {
            common::components().get("KUBERNETES").to_string()
        } else {
            "1.36.4".into()
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("e2e.yaml");
    std::fs::write(
        &inv,
        format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: e2e}}\nspec:\n  hosts:\n    - {{name: n1, address: 192.0.2.1}}\n  clusters:\n    - name: e2e\n      role: global\n      kubernetes: {{version: \"{version}\"}}\n      controlPlane: {{hosts: [n1]}}\n"
        ),
    )
    .unwrap();
    let state = dir.path().join("state");
    let mut common: Vec<String> = vec![
        "--cluster".into(),
        "e2e".into(),
        "-f".into(),
        inv.display().to_string(),
    ];
    common.extend([
        "--kubeconfig".into(),
        Path::new(&kubeconfig).display().to_string(),
    ]);
    let mut source: Vec<String> = Vec::new();
    if let Some(up) = common::upstream_dir() {
        let mirror = common::upstream_mirror(&up, &dir.path().join("mirror"));
        source = vec!["--mirror".into(), mirror.display().to_string()];
    } else if plane.is_some() {
        let mirror = format!("file://{}", common::components().mirror().display());
        source = vec!["--mirror".into(), mirror];
    }
    let printed = common::Transcript::default();
    let addons: Vec<String> = std::env::var("TCS_E2E_ADDONS")
        .unwrap_or_else(|_| "monitoring,logging,lb,colocation,vgpu".into())
        .split(',')
        .map(str::to_string)
        .collect();
    for addon in &addons {
        let mut sets: Vec<String> = Vec::new();
        if addon == "lb"
            && let Ok(pool) = std::env::var("TCS_E2E_LB_POOL")
        {
            sets = vec![
                "--set".into(),
                format!("addressPools=[{{name: e2e, addresses: [{pool}]}}]"),
            ];
        }
        for round in 0..2 {
            let out = tcs(&state)
                .args([
                    "addon",
                    "enable",
                    addon.as_str(),
                    "--timeout",
                    "900",
                    "-o",
                    "json",
                ])
                .args(&common)
                .args(&source)
                .args(&sets)
                .output()
                .unwrap();
            let out = printed.keep(out);
            assert!(
                out.status.success(),
                "enable {addon}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            if round == 1 {
                assert_eq!(
                    rows[0]["pruned"],
                    serde_json::json!([]),
                    "re-enabling {addon} pruned objects"
                );
            }
        }
        let out = tcs(&state)
            .args(["addon", "status", addon.as_str(), "-o", "json"])
            .args(&common)
            .output()
            .unwrap();
        let out = printed.keep(out);
        assert!(
            out.status.success(),
            "status {addon}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    for addon in addons.iter().rev() {
        let out = tcs(&state)
            .args(["addon", "disable", addon.as_str(), "--yes"])
            .args(&common)
            .output()
            .unwrap();
        let out = printed.keep(out);
        assert!(
            out.status.success(),
            "disable {addon}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = tcs(&state)
            .args(["addon", "status", addon.as_str()])
            .args(&common)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains(&format!("addon {addon} is not enabled in cluster e2e"))
        );
    }
    // Secrets: every private key in the cluster's PKI (the CAs, and the webhook certificates
    // issued while rendering, e.g. vGPU's scheduler webhook), by its key body.
    let pki = state.join("pki");
    let keys: Vec<(String, String)> = common::files_under(&pki)
        .into_iter()
        .filter(|(_, text, _)| text.contains("PRIVATE KEY-----"))
        .map(|(path, text, _)| (path.display().to_string(), common::pem_body(&text)))
        .collect();
    if addons.iter().any(|a| a == "vgpu") {
        assert!(
            keys.iter().any(|(p, _)| p.contains("addon-vgpu")),
            "the vGPU webhook's key: {:?}",
            keys.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
    }
    let secrets: Vec<(&str, &str)> = keys.iter().map(|(p, k)| (p.as_str(), k.as_str())).collect();
    let (files, bytes) =
        common::assert_secrets_kept(&secrets, &printed.text(), &[dir.path()], |p| {
            p.starts_with(&pki) && p.extension().is_some_and(|e| e == "key")
        });
    eprintln!(
        "searched {files} files and the output, {bytes} bytes, for {} private keys",
        secrets.len()
    );
}
