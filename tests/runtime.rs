//! The container-runtime phase on real test hosts, from a bundle made of Debian packages
//! (containerd, runc) and an OCI image archive the test builds.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::TestHosts;

use common::{IMAGE, build_test_bundle as build_bundle};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_INVENTORY");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

#[test]
fn runtime_from_a_bundle() {
    require_docker!();
    let hosts = TestHosts::start("rt", 3);
    let bundle = hosts.dir.path().join("bundle");
    let digest = build_bundle(&bundle);
    let runtime = "      containerd: {snapshotter: native}\n";
    let with_bundle = |name: &str, path: &PathBuf| -> PathBuf {
        let inv = hosts.inventory(name, &format!("  bundle: {}\n", path.display()));
        // The containerd settings belong to the cluster.
        let text = std::fs::read_to_string(&inv).unwrap().replace(
            "      controlPlane:",
            &format!("{runtime}      controlPlane:"),
        );
        std::fs::write(&inv, text).unwrap();
        inv
    };
    let state = hosts.dir.path().join("state");

    // A corrupted bundle is refused before anything reaches a host.
    let broken = hosts.dir.path().join("broken");
    copy_dir(&bundle, &broken);
    let runc = broken.join("bin/amd64/runc");
    let mut bytes = std::fs::read(&runc).unwrap();
    bytes[1000] ^= 0xff;
    std::fs::write(&runc, bytes).unwrap();
    let inv = with_bundle("rt", &broken);
    let out = tcs()
        .args(["install", "--until", "runtime", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bin/amd64/runc: sha256") && stderr.contains("nothing was uploaded"),
        "{stderr}"
    );
    for h in &hosts.hosts {
        assert!(
            !h.sh("test -e /usr/local/bin/runc").status.success(),
            "{} got a file",
            h.name
        );
    }

    // The bundle commands see the same.
    let out = tcs()
        .args(["bundle", "verify"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = tcs()
        .args(["bundle", "verify"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tcs()
        .args(["bundle", "inspect"])
        .arg(&bundle)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("containerd") && text.contains(IMAGE),
        "{text}"
    );

    // The real bundle installs containerd on every host.
    let inv = with_bundle("rt", &bundle);
    let out = tcs()
        .args(["install", "--until", "runtime", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Bundle files reached the hosts through the relay: 3 hosts x (8 binaries + 1 image), each
    // file sent from here once (the uplink carries it once), the other copies host to host.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let copies = stdout
        .lines()
        .find(|l| l.starts_with("bundle files:"))
        .unwrap_or_else(|| panic!("no copy summary in:\n{stdout}"));
    let numbers: Vec<usize> = copies
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(numbers[0] + numbers[1], 27, "{copies}");
    assert_eq!(numbers[0], 9, "each file crossed the uplink once: {copies}");
    for h in &hosts.hosts {
        assert!(
            !h.sh("pgrep -f '[p]ython3 -m http.server'").status.success(),
            "{}: the relay server was stopped",
            h.name
        );
    }
    for h in &hosts.hosts {
        assert_eq!(
            h.sh_ok("systemctl is-active containerd").trim(),
            "active",
            "{}",
            h.name
        );
        let listed = h.sh_ok(&format!("ctr -n k8s.io images ls name=={IMAGE}"));
        assert!(listed.contains(&digest), "{}: {listed}", h.name);
        let config = h.sh_ok("cat /etc/containerd/config.toml");
        assert!(
            config.contains("SystemdCgroup = true")
                && config.contains(&format!("sandbox_image = \"{IMAGE}\"")),
            "{config}"
        );
        assert!(
            config.contains("version = 2"),
            "containerd 1.6 gets a version 2 config"
        );
    }

    // A second run changes nothing.
    let out = tcs()
        .args(["install", "--until", "runtime", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host}: {s}");
        assert_eq!(s["unchanged"], 10, "{host}: 6 prepare + 4 runtime steps");
    }
}
