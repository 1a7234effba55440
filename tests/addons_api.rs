//! Addons against a real API server (tests/common/apiserver.rs: etcd, kube-apiserver,
//! controller manager, scheduler, kwok nodes), with their pinned upstream files from the
//! components mirror. The real server validates every object (built-in kinds, CRDs with their
//! structural schemas, custom resources against them), server-side apply records tcs as the
//! field manager, Deployments, DaemonSets and StatefulSets roll out (kwok runs their pods), and
//! namespaces and CRDs are deleted for real. The Prometheus operator runs beside the API server
//! (built from its Go module at kube-prometheus's pin), so monitoring's Prometheus and
//! Alertmanager become Available for real. What stays unproved here: pods that do anything
//! (kwok only reports them Running), MetalLB handing out addresses, and the addons' admission
//! webhooks, whose servers run in those pods (they fail open: `failurePolicy: Ignore`).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::apiserver::ControlPlane;
use serde_json::Value;

struct Setup {
    cp: ControlPlane,
    inventory: PathBuf,
    state: PathBuf,
    dir: tempfile::TempDir,
}

impl Setup {
    fn tcs(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("tcs")
            .unwrap()
            .env("NO_COLOR", "1")
            .env_remove("TCS_INVENTORY")
            .args(args)
            .arg("--cluster")
            .arg("apitest")
            .arg("-f")
            .arg(&self.inventory)
            .arg("--state-dir")
            .arg(&self.state)
            .arg("--kubeconfig")
            .arg(&self.cp.kubeconfig)
            .output()
            .unwrap()
    }

    fn enable(&self, addon: &str, extra: &[&str]) -> (bool, Vec<Value>, String) {
        let mirror = format!("file://{}", common::components().mirror().display());
        let mut args = vec!["addon", "enable", addon, "--mirror", &mirror, "-o", "json"];
        args.extend(extra);
        if !extra.contains(&"--timeout") {
            args.extend(["--timeout", "240"]);
        }
        let out = self.tcs(&args);
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
        (
            out.status.success(),
            rows,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn exists(&self, args: &[&str]) -> bool {
        self.cp.kubectl(args).status.success()
    }
}

fn inventory(dir: &Path, version: &str) -> PathBuf {
    let path = dir.join("inventory.yaml");
    std::fs::write(
        &path,
        format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: apitest}}\nspec:\n  hosts:\n    - {{name: h1, address: 192.0.2.10}}\n  clusters:\n    - name: apitest\n      role: global\n      kubernetes: {{version: \"{version}\", podCIDR: 10.244.0.0/16, serviceCIDR: 10.96.0.0/16}}\n      controlPlane: {{hosts: [h1]}}\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn addons_enable_reenable_upgrade_and_disable_on_a_real_api_server() {
    require_docker!();
    require_components!();
    let mut cp = ControlPlane::start("addons");
    cp.start_prometheus_operator();
    for n in ["n1", "n2"] {
        cp.add_node(n, "16", "64Gi", 250);
    }
    let dir = tempfile::tempdir().unwrap();
    let s = Setup {
        inventory: inventory(dir.path(), common::components().get("KUBERNETES")),
        state: dir.path().join("state"),
        cp,
        dir,
    };

    // Enabled, healthy, and a second enable changes nothing (prunes nothing).
    for addon in [
        "lb",
        "colocation",
        "vgpu",
        "federation",
        "monitoring",
        "logging",
    ] {
        let (ok, rows, err) = s.enable(addon, &[]);
        assert!(
            ok,
            "enable {addon}: {rows:#?}\n{err}\n--- prometheus-operator\n{}",
            s.cp.log_tail("prometheus-operator", 30)
        );
        assert!(rows[0]["objects"].as_u64().unwrap() > 0, "{rows:#?}");
        let status = s.tcs(&["addon", "status", addon]);
        assert!(
            status.status.success(),
            "status {addon}: {}",
            String::from_utf8_lossy(&status.stdout)
        );
        let (ok, rows, err) = s.enable(addon, &[]);
        assert!(ok, "re-enable {addon}: {err}");
        assert_eq!(
            rows[0]["pruned"],
            serde_json::json!([]),
            "{addon}: {rows:#?}"
        );
    }
    // What the server did with them: CRDs established, objects owned by field manager tcs.
    let crd = s.cp.kubectl_ok(&[
        "get",
        "crd",
        "propagationpolicies.policy.karmada.io",
        "-o",
        "json",
    ]);
    let crd: Value = serde_json::from_str(&crd).unwrap();
    assert!(
        crd["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["type"] == "Established" && c["status"] == "True")
    );
    let controller = s.cp.kubectl_ok(&[
        "-n",
        "metallb-system",
        "get",
        "deployment",
        "controller",
        "-o",
        "json",
        "--show-managed-fields",
    ]);
    let controller: Value = serde_json::from_str(&controller).unwrap();
    assert!(
        controller["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["manager"] == "tcs" && m["operation"] == "Apply")
    );
    assert_eq!(controller["metadata"]["labels"]["addons.tcs.io/name"], "lb");

    // An upgrade that drops objects prunes exactly those (the real garbage collector takes
    // the Deployment's ReplicaSets and pods with it): colocation without its descheduler,
    // then with it again.
    let descheduler = [
        "-n",
        "koordinator-system",
        "get",
        "deployment",
        "koord-descheduler",
    ];
    assert!(s.exists(&descheduler));
    let (ok, rows, err) = s.enable("colocation", &["--set", "deschedulerReplicas=0"]);
    assert!(ok, "{err}");
    let pruned: Vec<String> = rows[0]["pruned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    assert!(
        !pruned.is_empty() && pruned.iter().all(|p| p.contains("descheduler")),
        "{pruned:?}"
    );
    assert!(!s.exists(&descheduler));
    s.cp.wait(60, "the descheduler's pods to be collected", |cp| {
        let out = cp.kubectl_ok(&[
            "-n",
            "koordinator-system",
            "get",
            "pods",
            "-l",
            "koord-app=koord-descheduler",
            "-o",
            "name",
        ]);
        out.trim().is_empty().then_some(())
    });
    let (ok, rows, err) = s.enable("colocation", &[]);
    assert!(ok, "{err}");
    assert_eq!(rows[0]["pruned"], serde_json::json!([]));
    assert!(s.exists(&descheduler));

    // MetalLB validates its pools in a webhook served by its controller pod, which kwok only
    // pretends to run: the server refuses the pool, tcs retries until its timeout and then
    // names the webhook. (On a real cluster the pool is accepted: the real-VM suite.)
    let values = s.dir.path().join("pool.yaml");
    std::fs::write(
        &values,
        "addressPools: [{name: lab, addresses: [198.51.100.10-198.51.100.20], autoAssign: false}]\n",
    )
    .unwrap();
    let (ok, rows, err) = s.enable(
        "lb",
        &["--values", values.to_str().unwrap(), "--timeout", "15"],
    );
    assert!(!ok);
    let error = rows
        .first()
        .and_then(|r| r["error"].as_str())
        .map(str::to_string)
        .unwrap_or(err);
    assert!(
        error.contains("IPAddressPool metallb-system/lab")
            && error.contains("ipaddresspoolvalidationwebhook.metallb.io"),
        "{error}"
    );

    // Disable in reverse order of dependencies: namespaces gone, CRDs kept unless purged.
    for addon in [
        "logging",
        "monitoring",
        "federation",
        "vgpu",
        "colocation",
        "lb",
    ] {
        let mut args = vec!["addon", "disable", addon, "--yes"];
        if addon == "lb" {
            args.push("--purge-crds");
        }
        let out = s.tcs(&args);
        assert!(
            out.status.success(),
            "disable {addon}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    s.cp.wait(180, "the addons' namespaces to be deleted", |cp| {
        [
            "koordinator-system",
            "monitoring",
            "logging",
            "metallb-system",
        ]
        .iter()
        .all(|ns| !cp.kubectl(&["get", "namespace", ns]).status.success())
        .then_some(())
    });
    assert!(s.exists(&["get", "crd", "reservations.scheduling.koordinator.sh"]));
    assert!(s.exists(&["get", "crd", "prometheuses.monitoring.coreos.com"]));
    assert!(
        !s.exists(&["get", "crd", "ipaddresspools.metallb.io"]),
        "purged"
    );
}
