//! `tcs exec` and `tcs check` on real test hosts: partial failure, grouping, JSON, and a
//! preflight table with a deliberately broken host.

mod common;

use assert_cmd::Command;
use common::{Options, TestHosts};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_INVENTORY");
    cmd
}

#[test]
fn exec_one_unreachable_host_fails_alone() {
    require_docker!();
    let hosts = TestHosts::start("ex", 3);
    // An address on the test network that nobody holds.
    let ghost_ip = {
        let ip = hosts.hosts[0].ip.to_string();
        let (prefix, _) = ip.rsplit_once('.').unwrap();
        format!("{prefix}.250")
    };
    let inv = hosts.inventory_with("ex", &[("ghost", &ghost_ip)], "");
    let state = hosts.dir.path().join("state");

    let out = tcs()
        .args(["exec", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .args(["--", "hostname; echo to-stderr >&2"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), 4);
    for (i, r) in results.iter().take(3).enumerate() {
        assert_eq!(r["host"], format!("ex{}", i + 1));
        assert_eq!(r["exit_status"], 0);
        assert_eq!(r["stdout"], format!("ex{}\n", i + 1));
        assert_eq!(r["stderr"], "to-stderr\n");
    }
    let ghost = &results[3];
    assert_eq!(ghost["host"], "ghost");
    assert!(ghost["exit_status"].is_null());
    let error = ghost["error"].as_str().unwrap();
    assert!(
        error.contains("ghost") && error.contains("cannot connect"),
        "{error}"
    );
    // At default verbosity stderr has tcs's own words only: no tracing line repeating it.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("WARN") && !stderr.contains("host=ghost"),
        "{stderr}"
    );

    // tcs check says it once too, and the run log keeps the details.
    let out = tcs()
        .args(["check", "--no-mesh", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("WARN") && !stderr.contains("host=ghost"),
        "{stderr}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("4 hosts: ") && text.contains("ghost"),
        "{text}"
    );
    let logged: String = std::fs::read_dir(state.join("logs"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(logged.contains("cannot connect"), "the run log has it");

    // Identical outputs are folded into one group; a run log lands in the state directory.
    let out = tcs()
        .args(["exec", "--hosts", "ex*", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .args(["--", "echo same"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("== ex1, ex2, ex3 (exit 0)\nsame\n"), "{text}");
    assert!(text.contains("3 hosts: 3 ok, 0 failed"), "{text}");
    let logs: Vec<_> = std::fs::read_dir(state.join("logs")).unwrap().collect();
    assert!(!logs.is_empty());
    use std::os::unix::fs::PermissionsExt;
    let log = logs[0].as_ref().unwrap().path();
    assert_eq!(
        std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_host_whose_network_is_cut_mid_command_is_reported_lost_and_the_other_finishes() {
    require_docker!();
    let hosts = TestHosts::start("cut", 2);
    let inv = hosts.inventory("cut", "");
    common::short_keepalive(&inv);
    let state = hosts.dir.path().join("state");
    let child = common::spawn_exec_json(&state, &inv, "sleep 8; echo done");
    std::thread::sleep(std::time::Duration::from_secs(3));
    let cut = hosts.host("cut2").container.clone();
    assert!(common::docker_status(&[
        "network",
        "disconnect",
        &hosts.network,
        &cut
    ]));
    let started = std::time::Instant::now();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["host"], "cut1");
    assert_eq!(results[0]["stdout"], "done\n", "the other host finishes");
    let error = results[1]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("cut2: connection lost: no answer for 3 s"),
        "{error}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "reported within the keepalive window, not after TCP gives up"
    );
}

#[test]
fn check_reports_every_problem_of_a_broken_host() {
    require_docker!();
    // chk1 (the control plane) is broken: its hostname duplicates chk2's, port 6443 is taken,
    // and the inventory asks control planes for far more memory than exists.
    let hosts = TestHosts::start_with(
        "chk",
        3,
        Options {
            hostnames: vec![(0, "chk2".into())],
            ..Options::default()
        },
    );
    let broken = hosts.host("chk1");
    broken.sh_ok("nohup python3 -c 'import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"0.0.0.0\", 6443)); s.listen(5); time.sleep(600)' >/dev/null 2>&1 &");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let inv = hosts.inventory(
        "chk",
        "  preflight:\n    controlPlane: {cpus: 1, memoryMiB: 100000000, diskGiB: 1}\n    worker: {cpus: 1, memoryMiB: 256, diskGiB: 1}\n",
    );
    let state = hosts.dir.path().join("state");
    let out = tcs()
        .args(["check", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |host: &str, check: &str| -> String {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["host"] == host && r["check"] == check)
            .map(|r| r["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {check} result for {host}"))
    };
    let message = |host: &str, check: &str| -> String {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["host"] == host && r["check"] == check)
            .map(|r| r["message"].as_str().unwrap().to_string())
            .unwrap()
    };
    // The broken host fails exactly where it is broken.
    assert_eq!(status("chk1", "ports"), "fail");
    assert!(
        message("chk1", "ports").contains("6443"),
        "{}",
        message("chk1", "ports")
    );
    assert_eq!(status("chk1", "memory"), "fail");
    assert_eq!(status("chk1", "hostname"), "fail");
    assert!(message("chk1", "hostname").contains("chk2"));
    // Its duplicate is named on the other side too; otherwise chk2 is healthy.
    assert_eq!(status("chk2", "hostname"), "fail");
    assert_eq!(status("chk2", "memory"), "ok");
    assert_eq!(status("chk2", "ports"), "ok");
    // A healthy host passes every hard check.
    for check in [
        "connect",
        "sudo",
        "os",
        "arch",
        "cpu",
        "memory",
        "disk",
        "ports",
        "clock",
        "hostname",
        "machine-id",
        "address",
        "init",
        "mesh",
    ] {
        assert_eq!(
            status("chk3", check),
            "ok",
            "chk3 {check}: {}",
            message("chk3", check)
        );
    }
    // The mesh really probed the peers (control plane <-> workers).
    assert!(
        message("chk1", "mesh").contains("probes ok"),
        "{}",
        message("chk1", "mesh")
    );
    assert_eq!(report["facts"]["chk3"]["os_id"], "debian");
    assert_eq!(report["summary"]["fail"].as_u64().unwrap(), 4);

    // The table names host x check, and every failure with its fix.
    let out = tcs()
        .args(["check", "--no-mesh", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("HOST") && header.contains("memory") && header.contains("machine-id"),
        "{text}"
    );
    assert!(!header.contains("mesh"), "{text}");
    assert!(
        text.contains("FAIL chk1 ports: in use: 6443 (kube-apiserver)"),
        "{text}"
    );
    assert!(
        text.contains("fix: add memory or lower spec.preflight minimums"),
        "{text}"
    );
}
