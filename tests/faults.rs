//! Faults operators meet, on real test hosts: a disk that is full or fills during an upload,
//! and an SSH server that stops answering in the middle of a command.

mod common;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{TestHosts, big_file, short_keepalive};
use tcs::ssh::{Session, UploadOutcome};

#[test]
fn full_disk_uploads_fail_clearly_leave_nothing_and_succeed_once_freed() {
    require_docker!();
    let hosts = TestHosts::start("disk", 1);
    let h = hosts.host("disk1");
    // A small filesystem of its own (the hosts may mount: CAP_SYS_ADMIN).
    h.sh_ok("mkdir -p /srv/small && mount -t tmpfs -o size=256m tmpfs /srv/small");
    let file = big_file(hosts.dir.path(), "bundle.bin", 160);
    let hash = tcs::ssh::sha256_file(&file).unwrap();
    let dest = "/srv/small/bundle.bin";
    common::runtime().block_on(async {
        let s = Session::connect(&hosts.target("disk1")).await.unwrap();

        // Full before a byte is sent: refused with the numbers, nothing sent.
        h.sh_ok("fallocate -l 160m /srv/small/filler");
        let err = s
            .upload(&file, dest, 0o644, None)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("disk1")
                && err.contains(
                    "no space left on device: /srv/small has 96 MiB free, bundle.bin needs 160 MiB"
                )
                && err.contains("free space on the host and run again"),
            "{err}"
        );
        assert_eq!(h.sh_ok("ls -A /srv/small"), "filler\n");

        // Fills on the way: another writer takes the space while the upload runs.
        h.sh_ok("rm /srv/small/filler");
        let t = hosts.target("disk1");
        let (f, d) = (file.clone(), dest.to_string());
        let upload = tokio::spawn(async move {
            let s = Session::connect(&t).await.unwrap();
            s.upload(&f, &d, 0o644, None).await
        });
        let mut filled = false;
        for _ in 0..400 {
            let partial =
                h.sh_ok("stat -c %s /srv/small/.bundle.bin.tcs-partial-* 2>/dev/null || echo 0");
            if partial.trim().parse::<u64>().unwrap_or(0) > 8 << 20 {
                // Whatever is left, however far the upload got: written until ENOSPC.
                h.sh_ok("dd if=/dev/zero of=/srv/small/filler bs=1M 2>/dev/null || true");
                filled = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(filled, "the upload never started writing");
        let err = upload.await.unwrap().unwrap_err().to_string();
        assert!(
            err.contains("disk1")
                && err.contains("no space left on device: /srv/small has")
                && err.contains("the upload stopped"),
            "{err}"
        );
        assert_eq!(
            h.sh_ok("ls -A /srv/small"),
            "filler\n",
            "no partial file is left"
        );

        // Space freed: the next run succeeds, verified.
        h.sh_ok("rm /srv/small/filler");
        assert_eq!(
            s.upload(&file, dest, 0o644, None).await.unwrap(),
            UploadOutcome::Uploaded
        );
        assert_eq!(
            h.sh_ok("sha256sum /srv/small/bundle.bin | cut -d' ' -f1")
                .trim(),
            hash
        );
    });
}

#[test]
fn a_stalled_ssh_server_fails_its_host_alone_and_nothing_hangs() {
    require_docker!();
    let hosts = TestHosts::start("stall", 2);
    let inv = hosts.inventory("stall", "");
    short_keepalive(&inv);
    let state = hosts.dir.path().join("state");
    let child = common::spawn_exec_json(&state, &inv, "sleep 8; echo done");
    std::thread::sleep(Duration::from_secs(3));
    // Frozen, not gone: the kernel keeps the TCP connection up, sshd answers nothing.
    let frozen = hosts.host("stall2").container.clone();
    assert!(common::docker_status(&["pause", &frozen]));
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    let waited = started.elapsed();
    assert!(common::docker_status(&["unpause", &frozen]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["host"], "stall1");
    assert_eq!(results[0]["stdout"], "done\n", "the other host finishes");
    let error = results[1]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("stall2: connection lost: no answer for 3 s"),
        "{error}"
    );
    assert!(
        waited < Duration::from_secs(20),
        "reported within the keepalive window: {waited:?}"
    );

    // Thawed, the host works again.
    let again = Command::cargo_bin("tcs")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .args(["exec", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .args(["--hosts", "stall2", "--", "echo back"])
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn passwords_and_passphrases_never_leave_memory() {
    require_docker!();
    let hosts = TestHosts::start("sec", 2);
    let passphrase = "s3cret-Passphrase-4711";
    let key = hosts.dir.path().join("encrypted");
    common::keygen(&key, "ed25519", passphrase);
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    hosts.authorize(hosts.host("sec2"), &public);
    // sec1: password login as tester; sec2: tester with an encrypted key. sudo takes the
    // password on both.
    let inv = hosts.dir.path().join("sec.yaml");
    std::fs::write(
        &inv,
        format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: sec}}\nspec:\n  ssh: {{user: tester, knownHosts: {kh}, passwordEnv: TCS_TEST_PASSWORD}}\n  hosts:\n    - {{name: sec1, address: {a1}}}\n    - {{name: sec2, address: {a2}, ssh: {{identityFile: {key}, passphraseEnv: TCS_TEST_PASSPHRASE}}}}\n  clusters:\n    - name: sec\n      role: global\n      kubernetes: {{podCIDR: 10.244.0.0/16, serviceCIDR: 10.96.0.0/16}}\n      controlPlane: {{hosts: [sec1]}}\n      workers: {{hosts: [sec2]}}\n",
            kh = hosts.known_hosts.display(),
            a1 = hosts.host("sec1").ip,
            a2 = hosts.host("sec2").ip,
            key = key.display(),
        ),
    )
    .unwrap();
    let state = hosts.dir.path().join("state");
    let mut printed = String::new();
    let commands: [&[&str]; 4] = [
        &["check"],
        &["exec", "--", "sudo -n true 2>/dev/null; id -un"],
        &["plan", "--until", "prepare", "-o", "json"],
        &["install", "--until", "prepare"],
    ];
    for args in commands {
        // At trace level on stderr: every library's log too.
        let out = Command::cargo_bin("tcs")
            .unwrap()
            .env("NO_COLOR", "1")
            .env("TCS_LOG", "trace")
            .env("TCS_TEST_PASSWORD", common::TESTER_PASSWORD)
            .env("TCS_TEST_PASSPHRASE", passphrase)
            .env_remove("SSH_AUTH_SOCK")
            .args(["-vvv", "--state-dir"])
            .arg(&state)
            .arg(args[0])
            .arg("-f")
            .arg(&inv)
            .args(&args[1..])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if args[0] != "check" {
            assert!(out.status.success(), "{args:?}\n{stdout}\n{stderr}");
        }
        printed.push_str(&stdout);
        printed.push_str(&stderr);
    }
    // It worked as tester, becoming root with the password.
    assert!(printed.contains("tester"), "{printed}");
    assert!(
        hosts
            .host("sec1")
            .sh_ok("cat /etc/hosts")
            .contains("BEGIN tcs managed hosts")
    );
    let files = common::files_under(&state);
    assert!(files.len() >= 5, "logs, journal: {files:?}");
    use std::os::unix::fs::PermissionsExt;
    let state_mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
    assert_eq!(state_mode, 0o700);
    for secret in [common::TESTER_PASSWORD, passphrase] {
        assert!(!printed.contains(secret), "printed: {secret}");
        for (path, text, mode) in &files {
            assert!(!text.contains(secret), "{} holds {secret}", path.display());
            // What records the runs (logs, journal) is private too.
            let record = path.components().any(|c| c.as_os_str() == "logs")
                || path.ends_with("journal.jsonl");
            if record {
                assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
            }
        }
    }
    let searched: usize = files.iter().map(|(_, text, _)| text.len()).sum();
    eprintln!(
        "searched {} files ({searched} bytes) and {} bytes of output for 2 secrets",
        files.len(),
        printed.len()
    );
}

#[test]
fn a_host_cut_off_mid_phase_fails_alone_and_resume_finishes_once_it_is_back() {
    require_docker!();
    let hosts = TestHosts::start("net", 3);
    // The sysctl step is slow on every host (a wrapper in front of the real sysctl), and has
    // something to change.
    for h in &hosts.hosts {
        h.sh_ok("mv /usr/sbin/sysctl /usr/sbin/sysctl.real && printf '#!/bin/sh\\ncase \"$*\" in *ip_forward*) sleep 3;; esac\\nexec /usr/sbin/sysctl.real \"$@\"\\n' > /usr/sbin/sysctl && chmod +x /usr/sbin/sysctl");
        h.sh_ok("mkdir -p /etc/sysctl.d && echo stale > /etc/sysctl.d/99-tcs-kubernetes.conf");
    }
    let inv = hosts.inventory("net", "");
    short_keepalive(&inv);
    let state = hosts.dir.path().join("state");
    let install = |resume: bool| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("tcs"));
        cmd.env("NO_COLOR", "1")
            .env_remove("SSH_AUTH_SOCK")
            .args(["install", "--until", "prepare", "--state-dir"])
            .arg(&state)
            .arg("-f")
            .arg(&inv)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if resume {
            cmd.arg("--resume");
        }
        cmd.spawn().unwrap()
    };
    let journal = || tcs::plan::journal::Journal::read_all(&state.join("journal.jsonl"));
    let child = install(false);
    // Cut net3's link once it is in the slow sysctl step.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !journal()
        .iter()
        .any(|e| e.host == "net3" && e.step == "kernel-modules")
    {
        assert!(
            Instant::now() < deadline,
            "the install never reached sysctl"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let net3 = hosts.host("net3");
    net3.sh_ok("ip link set eth0 down");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("FAILED net3: prepare/sysctl:") && stdout.contains("connection lost"),
        "{stdout}"
    );
    let first = journal();
    for h in ["net1", "net2"] {
        assert!(
            first.iter().any(|e| e.host == h && e.step == "clock"),
            "{h} finished the phase"
        );
    }

    // Back on the network: --resume finishes net3 alone.
    net3.sh_ok("ip link set eth0 up");
    let out = install(true).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let second = &journal()[first.len()..];
    let sysctl = second
        .iter()
        .find(|e| e.host == "net3" && e.step == "sysctl")
        .unwrap();
    assert_eq!(sysctl.outcome, tcs::plan::journal::Outcome::Changed);
    assert!(
        second
            .iter()
            .filter(|e| e.host != "net3")
            .all(|e| e.resumed),
        "the other hosts were not checked again"
    );
}
