//! `tcs sandbox`: container hosts on this machine, an ordinary inventory for them, and the real
//! install path onto them. The bundle is the one `tcs bundle build` makes from the components
//! built from source (tests/components), as in tests/kubernetes.rs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::prelude::*;
use common::{components, docker, succeeded};
use serde_json::Value;

fn tcs(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env("TCS_SANDBOX_HOME", home)
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_MIRROR")
        .env_remove("TCS_REGISTRY_MIRROR")
        .env_remove("TCS_INVENTORY")
        .env_remove("KUBECONFIG");
    cmd
}

fn json(out: std::process::Output, what: &str) -> Value {
    serde_json::from_str(&succeeded(out, what)).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Takes the sandboxes down however the test ends.
struct Down<'a>(&'a Path, Vec<String>);

impl Drop for Down<'_> {
    fn drop(&mut self) {
        if std::env::var_os("TCS_TEST_KEEP").is_some() {
            return;
        }
        for name in &self.1 {
            let _ = tcs(self.0)
                .args(["sandbox", "down", name, "--yes"])
                .output();
        }
    }
}

/// What is left of sandbox `name` in Docker: containers and networks.
fn leftovers(name: &str) -> String {
    let filter = format!("label=tcs.sandbox={name}");
    docker(&["ps", "-aq", "--filter", &filter])
        + &docker(&["network", "ls", "-q", "--filter", &filter])
}

#[test]
fn without_a_docker_engine_up_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let out = tcs(home.path())
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .args(["sandbox", "up", "nodocker"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a reachable Docker engine"), "{err}");
    assert!(err.contains("start Docker"), "{err}");
    assert!(!home.path().join("nodocker").exists(), "nothing is made");
}

#[test]
fn a_sandbox_goes_up_joins_its_fleet_and_comes_down_without_a_trace() {
    require_docker!();
    require_components!();
    let c = components();
    let home = tempfile::tempdir().unwrap();
    let (hosts_only, name) = (
        format!("sbh{}", std::process::id()),
        format!("sbx{}", std::process::id()),
    );
    let _down = Down(home.path(), vec![hosts_only.clone(), name.clone()]);

    // --hosts-only: container hosts and an ordinary inventory every command takes.
    succeeded(
        tcs(home.path())
            .args(["sandbox", "up", &hosts_only, "--hosts-only"])
            .output()
            .unwrap(),
        "sandbox up --hosts-only",
    );
    let inv = home.path().join(&hosts_only).join("inventory.yaml");
    let check = json(
        tcs(home.path())
            .arg("check")
            .arg("-f")
            .arg(&inv)
            .args(["-o", "json"])
            .output()
            .unwrap(),
        "tcs check on the sandbox hosts",
    );
    assert_eq!(check["summary"]["fail"], 0, "{:#}", check["results"]);
    assert_eq!(check["hosts"].as_array().unwrap().len(), 2);
    // Keys: the private key 0600, password logins off.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(home.path().join(&hosts_only).join("id_ed25519"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    succeeded(
        tcs(home.path())
            .args(["sandbox", "down", &hosts_only, "--yes"])
            .output()
            .unwrap(),
        "sandbox down",
    );
    assert_eq!(leftovers(&hosts_only).trim(), "");
    assert!(!home.path().join(&hosts_only).exists());

    // The bundle, as a user builds one offline: files from the mirror, images from a registry.
    let bundle = home.path().join("bundle");
    common::build_components_bundle(
        assert_cmd::Command::from_std(tcs(home.path())),
        c.get("KUBERNETES"),
        &bundle,
        home.path(),
        &[],
    );

    // up: a global and a business cluster, installed and joined.
    let up = succeeded(
        tcs(home.path())
            .args(["sandbox", "up", &name, "--bundle"])
            .arg(&bundle)
            .output()
            .unwrap(),
        "sandbox up",
    );
    assert!(up.contains("biz1: joined the fleet of global"), "{up}");
    let dir = home.path().join(&name);
    let inv: PathBuf = dir.join("inventory.yaml");
    assert!(up.contains(&inv.display().to_string()), "{up}");
    assert!(up.contains("tcs cluster list -f"), "{up}");
    let list = json(
        tcs(home.path())
            .args(["cluster", "list", "-o", "json", "-f"])
            .arg(&inv)
            .output()
            .unwrap(),
        "cluster list",
    );
    let row = |n: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("{n} missing: {list:#}"))
    };
    assert_eq!(row("global")["health"], "ready", "{list:#}");
    assert_eq!(row("biz1")["health"], "ready", "{list:#}");
    let fleet = row("biz1")["fleet"].as_str().unwrap_or("").to_string();
    assert!(fleet.starts_with("member, ready"), "{fleet}");

    // The example policies place the shared configuration on the member (it is labelled
    // env=prod); the example Deployment names clusters the sandbox does not have, and says so.
    let applied = tcs(home.path())
        .args(["fed", "apply", "-f"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/federation/policies.yaml"))
        .arg("-f")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/federation/resources.yaml"))
        .arg("--inventory")
        .arg(&inv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&applied.stdout).to_string();
    assert!(
        text.lines().any(|l| l.starts_with("applied")
            && l.contains(" biz1 ")
            && l.ends_with("ConfigMap shop/web-conf")),
        "{text}"
    );
    assert!(text.contains("not planned: Deployment shop/web"), "{text}");
    let member = dir.join(format!(".tcs/{name}/kubeconfig/biz1.conf"));
    let got = Command::new(c.kubectl())
        .arg("--kubeconfig")
        .arg(&member)
        .args(["get", "configmap", "web-conf", "-n", "shop", "-o", "name"])
        .output()
        .unwrap();
    assert_eq!(
        succeeded(got, "kubectl get on the member").trim(),
        "configmap/web-conf"
    );

    // A second up of the same sandbox continues it: here, nothing left to change.
    let again = succeeded(
        tcs(home.path())
            .args(["sandbox", "up", &name])
            .output()
            .unwrap(),
        "second sandbox up",
    );
    assert!(again.contains("nothing to change"), "{again}");
    // Another shape is refused, and nothing changes.
    let other = tcs(home.path())
        .args(["sandbox", "up", &name, "--business", "2"])
        .output()
        .unwrap();
    assert!(!other.status.success());
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("exists with another shape"),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
    let listed = json(
        tcs(home.path())
            .args(["sandbox", "list", "-o", "json"])
            .output()
            .unwrap(),
        "sandbox list",
    );
    assert_eq!(listed[0]["name"], name.as_str(), "{listed:#}");
    assert_eq!(listed[0]["hosts"].as_array().unwrap().len(), 2);

    succeeded(
        tcs(home.path())
            .args(["sandbox", "down", &name, "--yes"])
            .output()
            .unwrap(),
        "sandbox down",
    );
    assert_eq!(leftovers(&name).trim(), "");
    assert!(!dir.exists());
}
