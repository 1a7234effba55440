//! `tcs plan` and `tcs install` on real test hosts: what a plan shows, an install that changes
//! hosts, a re-run that changes nothing, resume after `kill -9`, and a host that dies mid-phase.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{Options, TestHosts};
use serde_json::Value;
use tcs::plan::journal::{Entry, Journal, Outcome};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_INVENTORY");
    cmd
}

fn journal(state: &Path) -> Vec<Entry> {
    Journal::read_all(&state.join("journal.jsonl"))
}

fn plan_json(inv: &Path, state: &Path) -> Vec<Value> {
    let out = tcs()
        .args(["plan", "--until", "prepare", "-o", "json", "--state-dir"])
        .arg(state)
        .arg("-f")
        .arg(inv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn step_state(plans: &[Value], host: &str, step: &str) -> String {
    let p = plans.iter().find(|p| p["host"] == host).unwrap();
    let s = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == step)
        .unwrap();
    s["check"]["Ok"]["state"]
        .as_str()
        .unwrap_or("error")
        .to_string()
}

#[test]
fn plan_install_rerun() {
    require_docker!();
    // prep1 starts with the wrong hostname.
    let hosts = TestHosts::start_with(
        "prep",
        3,
        Options {
            hostnames: vec![(0, "wrongname".into())],
            ..Options::default()
        },
    );
    let inv = hosts.inventory("prep", "");
    let state = hosts.dir.path().join("state");

    // A fresh set of hosts: the plan names what install would change, and why.
    let plans = plan_json(&inv, &state);
    let saved = hosts.dir.path().join("plan.json");
    let out = tcs()
        .args(["plan", "--until", "prepare", "--out"])
        .arg(&saved)
        .arg("--state-dir")
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(out.status.success() && saved.exists());
    assert_eq!(step_state(&plans, "prep1", "hostname"), "needed");
    assert_eq!(step_state(&plans, "prep2", "hostname"), "done");
    for h in ["prep1", "prep2", "prep3"] {
        assert_eq!(step_state(&plans, h, "etc-hosts"), "needed");
        assert_eq!(step_state(&plans, h, "kernel-modules"), "needed");
        assert_eq!(step_state(&plans, h, "swap"), "done");
    }

    // Install with JSON events: one object per line, then the summary.
    let out = tcs()
        .args(["install", "--until", "prepare", "-o", "json", "--plan-file"])
        .arg(&saved)
        .arg("--state-dir")
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
    let events: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events[0]["event"], "phase-started");
    assert!(events.iter().any(|e| e["event"] == "step-finished"
        && e["host"] == "prep1"
        && e["step"] == "hostname"
        && e["status"] == "changed"));
    let summary = &events.last().unwrap()["summary"];
    assert_eq!(summary["failed"], 0);
    assert_eq!(
        summary["hosts"]["prep1"]["changed"], 4,
        "hostname, etc-hosts, kernel-modules, sysctl"
    );

    // The hosts really changed.
    let h1 = hosts.host("prep1");
    assert_eq!(h1.sh_ok("hostname; cat /etc/hostname"), "prep1\nprep1\n");
    let etc_hosts = h1.sh_ok("cat /etc/hosts");
    for h in &hosts.hosts {
        assert!(
            etc_hosts.contains(&format!("{} {}", h.ip, h.name)),
            "{etc_hosts}"
        );
    }
    assert_eq!(
        h1.sh_ok("cat /etc/modules-load.d/tcs-kubernetes.conf"),
        "overlay\nbr_netfilter\n"
    );
    assert!(
        h1.sh_ok("cat /etc/sysctl.d/99-tcs-kubernetes.conf")
            .contains("net.ipv4.ip_forward = 1")
    );

    // A second run changes nothing and says so; the plan agrees.
    let before = journal(&state).len();
    let out = tcs()
        .args(["install", "--until", "prepare", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("nothing to change"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let rerun = &journal(&state)[before..];
    assert_eq!(rerun.len(), 18, "3 hosts x 6 steps");
    assert!(
        rerun.iter().all(|e| e.outcome == Outcome::Unchanged),
        "{rerun:?}"
    );
    let plans = plan_json(&inv, &state);
    assert!(plans.iter().all(|p| {
        p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["check"]["Ok"]["state"] == "done")
    }));
}

/// Starts `tcs install --until prepare` in the background.
fn spawn_install(state: &Path, inv: &Path, stdio: fn() -> Stdio) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("tcs"))
        .args(["install", "--until", "prepare", "--state-dir"])
        .arg(state)
        .arg("-f")
        .arg(inv)
        .env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .stdout(stdio())
        .stderr(stdio())
        .spawn()
        .unwrap()
}

/// Waits until the journal records `step` (at most a minute).
fn wait_for_step(state: &Path, step: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !journal(state).iter().any(|e| e.step == step) {
        assert!(
            Instant::now() < deadline,
            "the install never reached {step}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Makes every read of net.ipv4.ip_forward on a host take `seconds`, so the sysctl step is
/// slow (a wrapper in front of the real sysctl).
fn slow_sysctl(host: &common::TestHost, seconds: u32) {
    host.sh_ok(&format!(
        "mv /usr/sbin/sysctl /usr/sbin/sysctl.real && printf '#!/bin/sh\\ncase \"$*\" in *ip_forward*) sleep {seconds};; esac\\nexec /usr/sbin/sysctl.real \"$@\"\\n' > /usr/sbin/sysctl && chmod +x /usr/sbin/sysctl"
    ));
}

#[test]
fn resume_after_kill_and_a_host_dying_mid_phase() {
    require_docker!();
    let hosts = TestHosts::start("res", 3);
    // Every host needs a sysctl change, and checking it is slow.
    for h in &hosts.hosts {
        slow_sysctl(h, 3);
    }
    let inv = hosts.inventory("res", "");
    let state = hosts.dir.path().join("state");
    // The sysctl step must change something: the boot-time file holds other content.
    for h in &hosts.hosts {
        h.sh_ok("mkdir -p /etc/sysctl.d && echo stale > /etc/sysctl.d/99-tcs-kubernetes.conf");
    }

    // kill -9 while the sysctl step is in flight.
    let mut child = spawn_install(&state, &inv, Stdio::null);
    wait_for_step(&state, "kernel-modules");
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let first = journal(&state);
    assert!(
        !first.iter().any(|e| e.step == "sysctl"),
        "killed before sysctl finished: {first:?}"
    );
    let done_before: Vec<(String, String)> = first
        .iter()
        .filter(|e| e.outcome == Outcome::Changed)
        .map(|e| (e.host.clone(), e.step.clone()))
        .collect();
    assert!(!done_before.is_empty());

    // One host dies during the resumed run's slow sysctl step.
    let dying = hosts.host("res3").container.clone();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2));
        common::docker_status(&["kill", &dying]);
    });
    let out = tcs()
        .args(["install", "--until", "prepare", "--resume", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    killer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAILED res3: prepare/sysctl:"), "{text}");

    let second = &journal(&state)[first.len()..];
    // Nothing finished before the kill was applied again.
    for (host, step) in &done_before {
        let again = second
            .iter()
            .find(|e| &e.host == host && &e.step == step)
            .unwrap();
        assert_eq!(
            again.outcome,
            Outcome::Unchanged,
            "{host}/{step} was repeated"
        );
        // --resume continues the same run, and does not even check what it finished.
        assert!(again.resumed, "{host}/{step} was checked again: {again:?}");
        assert_eq!(again.run, first[0].run, "the resumed run keeps its id");
    }
    // The other hosts finished; the dead one failed at its step, alone.
    for h in ["res1", "res2"] {
        let sysctl = second
            .iter()
            .find(|e| e.host == h && e.step == "sysctl")
            .unwrap();
        assert_eq!(sysctl.outcome, Outcome::Changed, "{h}");
        assert!(
            second
                .iter()
                .any(|e| e.host == h && e.step == "clock" && e.outcome == Outcome::Unchanged)
        );
    }
    let dead = second
        .iter()
        .find(|e| e.host == "res3" && e.step == "sysctl")
        .unwrap();
    assert_eq!(dead.outcome, Outcome::Failed);
    assert!(
        !second.iter().any(|e| e.host == "res3" && e.step == "clock"),
        "no later steps on a failed host"
    );

    // The dead host comes back: a reboot (its container started again, with a new PID 1 and
    // the /etc/hosts Docker writes at every start). The resumed run trusts the journal for the
    // hosts that did not boot, and checks again everything on the one that did, so it repairs
    // what the reboot undid.
    let res3 = hosts.host("res3");
    assert!(common::docker_status(&["start", &res3.container]));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !res3
        .sh("systemctl is-system-running --wait >/dev/null 2>&1; ss -ltn | grep -q ':22 '")
        .status
        .success()
    {
        assert!(Instant::now() < deadline, "res3 did not come back");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        !res3
            .sh_ok("cat /etc/hosts")
            .contains("BEGIN tcs managed hosts"),
        "the reboot undid the /etc/hosts block"
    );
    let before_third = journal(&state).len();
    let out = tcs()
        .args(["install", "--until", "prepare", "--resume", "--state-dir"])
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
    let third = &journal(&state)[before_third..];
    for e in third {
        match e.host.as_str() {
            "res3" => assert!(!e.resumed, "res3 booted since: {e:?} was not checked again"),
            _ => assert!(
                e.resumed,
                "{e:?} was checked again on a host that did not boot"
            ),
        }
    }
    let hosts_step = third
        .iter()
        .find(|e| e.host == "res3" && e.step == "etc-hosts")
        .unwrap();
    assert_eq!(hosts_step.outcome, Outcome::Changed, "repaired");
    assert!(
        res3.sh_ok("cat /etc/hosts")
            .contains("BEGIN tcs managed hosts")
    );
}

#[test]
fn ctrl_c_stops_between_steps_and_resume_finishes() {
    require_docker!();
    let hosts = TestHosts::start("int", 1);
    let h = hosts.host("int1");
    slow_sysctl(h, 3);
    h.sh_ok("mkdir -p /etc/sysctl.d && echo stale > /etc/sysctl.d/99-tcs-kubernetes.conf");
    let inv = hosts.inventory("int", "");
    let state = hosts.dir.path().join("state");
    let child = spawn_install(&state, &inv, Stdio::piped);
    wait_for_step(&state, "kernel-modules");
    // Ctrl-C while the slow sysctl step runs.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("interrupted; run again with --resume"));
    let first = journal(&state);
    // The step in flight finished; the next one was recorded as skipped, not run.
    assert_eq!(
        first.iter().find(|e| e.step == "sysctl").map(|e| e.outcome),
        Some(Outcome::Changed)
    );
    let clock = first.iter().find(|e| e.step == "clock").unwrap();
    assert_eq!(clock.outcome, Outcome::Skipped);
    assert_eq!(clock.error.as_deref(), Some("interrupted"));

    let out = tcs()
        .args(["install", "--until", "prepare", "--resume", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let second = &journal(&state)[first.len()..];
    assert!(
        second.iter().all(|e| e.outcome == Outcome::Unchanged),
        "{second:?}"
    );
    // What finished before Ctrl-C is not checked again; the step that was skipped is.
    let resumed = |step: &str| second.iter().find(|e| e.step == step).unwrap().resumed;
    assert!(resumed("sysctl"));
    assert!(!resumed("clock"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not checked again"));

    // Without --resume a run is a new one and checks every step.
    let out = tcs()
        .args(["install", "--until", "prepare", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = journal(&state);
    let third = &all[first.len() + second.len()..];
    assert!(
        third
            .iter()
            .all(|e| !e.resumed && e.outcome == Outcome::Unchanged)
    );
    assert_ne!(third[0].run, second[0].run);
}
