//! The etcd phase for real on 3 test hosts: etcd and etcdctl from Debian packages in the test
//! bundle, TLS for clients and peers from the PKI tcs keeps in the state directory, health and
//! membership through the v3 API, a re-run that changes nothing, a dead member reported as a
//! degraded cluster, and a lost quorum stopping the phase.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{TestHosts, build_test_bundle, docker_status};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("SSH_AUTH_SOCK");
    cmd
}

fn install(inv: &Path, state: &Path, json: bool) -> std::process::Output {
    let mut cmd = tcs();
    cmd.args(["install", "--until", "etcd", "--state-dir"])
        .arg(state)
        .arg("-f")
        .arg(inv);
    if json {
        cmd.args(["-o", "json"]);
    }
    cmd.output().unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn openssl(args: &[&str], input: &Path) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn etcd_cluster_with_tls_health_and_quorum() {
    require_docker!();
    let hosts = TestHosts::start("etcd", 3);
    let dir = hosts.dir.path();
    let bundle = dir.join("bundle");
    build_test_bundle(&bundle);
    let inv: PathBuf = hosts.inventory("ec", &format!("  bundle: {}\n", bundle.display()));
    let names: Vec<&str> = hosts.hosts.iter().map(|h| h.name.as_str()).collect();
    let with_etcd = std::fs::read_to_string(&inv).unwrap().replace(
        "      controlPlane:",
        &format!(
            "      containerd: {{snapshotter: native}}\n      etcd: {{hosts: [{}]}}\n      controlPlane:",
            names.join(", ")
        ),
    );
    std::fs::write(&inv, with_etcd).unwrap();
    let state = dir.join("state");

    let out = install(&inv, &state, false);
    assert!(out.status.success(), "{}", text(&out));

    // The PKI on this machine: CA and keys private, leaves chained to the etcd CA.
    let pki = state.join("pki/ec");
    use std::os::unix::fs::PermissionsExt;
    for key in [
        "ca.key",
        "etcd/ca.key",
        "front-proxy-ca.key",
        "sa.key",
        "etcd/healthcheck-client.key",
    ] {
        let mode = std::fs::metadata(pki.join(key))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{key}");
    }
    for h in &hosts.hosts {
        assert_eq!(
            h.sh_ok("systemctl is-active etcd").trim(),
            "active",
            "{}",
            h.name
        );
        assert_eq!(h.sh_ok("stat -c %a /etc/etcd/pki/server.key /etc/etcd/pki/peer.key /etc/etcd/pki/client.key").split_whitespace().collect::<Vec<_>>(), ["600", "600", "600"]);
        // The certificate the host serves, checked with openssl against the CA tcs keeps.
        let served = dir.join(format!("{}-server.crt", h.name));
        std::fs::write(&served, h.sh_ok("cat /etc/etcd/pki/server.crt")).unwrap();
        let ca = pki.join("etcd/ca.crt");
        let verify = openssl(&["verify", "-CAfile", ca.to_str().unwrap()], &served);
        assert!(verify.trim().ends_with("OK"), "{verify}");
        let sans = openssl(
            &["x509", "-noout", "-ext", "subjectAltName", "-in"],
            &served,
        );
        assert!(
            sans.contains(&format!("IP Address:{}", h.ip))
                && sans.contains(&format!("DNS:{}", h.name))
                && sans.contains("IP Address:127.0.0.1"),
            "{sans}"
        );
        let dates = openssl(&["x509", "-noout", "-enddate", "-in"], &served);
        assert!(dates.starts_with("notAfter="), "{dates}");
    }
    // A plain-HTTP client is refused; with the client certificate, writes replicate.
    let h0 = &hosts.hosts[0];
    let ctl = "ETCDCTL_API=3 etcdctl --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key";
    assert!(
        !h0.sh(
            "ETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 --command-timeout=3s get x"
        )
        .status
        .success()
    );
    h0.sh_ok(&format!(
        "{ctl} --endpoints=https://127.0.0.1:2379 put /tcs/test replicated"
    ));
    let got = hosts.hosts[2].sh_ok(&format!(
        "{ctl} --endpoints=https://127.0.0.1:2379 get --print-value-only /tcs/test"
    ));
    assert_eq!(got.trim(), "replicated");
    let members = h0.sh_ok(&format!(
        "{ctl} --endpoints=https://127.0.0.1:2379 member list"
    ));
    for n in &names {
        assert!(members.contains(&format!(", {n}, https://")), "{members}");
    }

    // A second run changes nothing; workers are not touched by the etcd steps.
    let out = install(&inv, &state, true);
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host}: {s}");
        assert_eq!(
            s["unchanged"], 15,
            "{host}: 6 prepare + 4 runtime + 5 etcd steps"
        );
        assert_eq!(s["skipped"], 0, "{host}: {s}");
    }
    let plan = tcs()
        .args(["plan", "--until", "etcd", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(plan.status.success(), "{}", text(&plan));
    let plan_text = String::from_utf8_lossy(&plan.stdout);
    assert!(
        plan_text.contains("etcd-health") && !plan_text.contains("needed"),
        "{plan_text}"
    );

    // Every certificate on every host, with its expiry.
    let certs = tcs()
        .args(["certs", "check", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(certs.status.success(), "{}", text(&certs));
    let report: serde_json::Value = serde_json::from_slice(&certs.stdout).unwrap();
    let list = report["certificates"].as_array().unwrap();
    assert_eq!(
        list.len(),
        12,
        "3 hosts x (ca, server, peer, client): {report}"
    );
    for c in list {
        assert_eq!(c["status"], "ok", "{c}");
        let days = c["days_left"].as_i64().unwrap();
        if c["path"] == "/etc/etcd/pki/ca.crt" {
            assert_eq!(c["subject"], "etcd-ca");
            assert!(days > 3600, "{c}");
        } else {
            assert_eq!(c["issuer"], "etcd-ca");
            assert!((360..=365).contains(&days), "{c}");
        }
    }

    // Renewal with a rolling restart: new serials everywhere, the data and health intact,
    // and install agrees with the result.
    let before: Vec<String> = hosts.hosts.iter().map(|h| h.sh_ok("sha256sum /etc/etcd/pki/server.crt /etc/etcd/pki/peer.crt /etc/etcd/pki/client.crt")).collect();
    let renew = tcs()
        .args(["certs", "renew", "--cluster", "ec", "--yes", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(renew.status.success(), "{}", text(&renew));
    let t = text(&renew);
    assert_eq!(
        t.matches("member restarted, cluster healthy").count(),
        3,
        "{t}"
    );
    assert!(t.contains("Kubernetes is not installed here yet"), "{t}");
    for (h, old) in hosts.hosts.iter().zip(&before) {
        let now = h.sh_ok(
            "sha256sum /etc/etcd/pki/server.crt /etc/etcd/pki/peer.crt /etc/etcd/pki/client.crt",
        );
        for (a, b) in old.lines().zip(now.lines()) {
            assert_ne!(a, b, "{}: every certificate replaced", h.name);
        }
        let served = dir.join(format!("{}-renewed.crt", h.name));
        std::fs::write(&served, h.sh_ok("cat /etc/etcd/pki/server.crt")).unwrap();
        let verify = openssl(
            &[
                "verify",
                "-CAfile",
                pki.join("etcd/ca.crt").to_str().unwrap(),
            ],
            &served,
        );
        assert!(verify.trim().ends_with("OK"), "{verify}");
    }
    let got = hosts.hosts[1].sh_ok(&format!(
        "{ctl} --endpoints=https://127.0.0.1:2379 get --print-value-only /tcs/test"
    ));
    assert_eq!(got.trim(), "replicated");
    let journal = std::fs::read_to_string(state.join("journal.jsonl")).unwrap();
    assert_eq!(
        journal
            .matches("\"phase\":\"certs-renew\",\"step\":\"etcd-member\"")
            .count(),
        3
    );
    let out = install(&inv, &state, true);
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(
            s["changed"], 0,
            "{host}: install after renew changes nothing: {s}"
        );
    }

    // Backup, a later write, restore: the cluster is back at the snapshot.
    let backup = tcs()
        .args([
            "etcd",
            "backup",
            "--cluster",
            "ec",
            "-o",
            "json",
            "--state-dir",
        ])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(backup.status.success(), "{}", text(&backup));
    let snap: serde_json::Value = serde_json::from_slice(&backup.stdout).unwrap();
    let snap_path = PathBuf::from(snap["path"].as_str().unwrap());
    assert!(snap_path.starts_with(state.join("backups/ec")), "{snap}");
    let mode = std::fs::metadata(&snap_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let sum = std::fs::read_to_string(format!("{}.sha256", snap_path.display())).unwrap();
    assert!(sum.starts_with(snap["sha256"].as_str().unwrap()));
    assert!(snap["revision"].as_u64().unwrap() > 0, "{snap}");
    h0.sh_ok(&format!(
        "{ctl} --endpoints=https://127.0.0.1:2379 put /tcs/test after-backup"
    ));
    // Without --yes and without a terminal, nothing happens.
    let refused = tcs()
        .args(["etcd", "restore", "--cluster", "ec", "--state-dir"])
        .arg(&state)
        .arg("--snapshot")
        .arg(&snap_path)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("confirm with --yes"),
        "{}",
        text(&refused)
    );
    // A damaged snapshot is refused before any host is touched.
    let damaged = dir.join("damaged.db");
    let mut bytes = std::fs::read(&snap_path).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    std::fs::write(format!("{}.sha256", damaged.display()), &sum).unwrap();
    let out = tcs()
        .args(["etcd", "restore", "--cluster", "ec", "--yes", "--state-dir"])
        .arg(&state)
        .arg("--snapshot")
        .arg(&damaged)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("the snapshot is damaged"),
        "{}",
        text(&out)
    );
    let restore = tcs()
        .args(["etcd", "restore", "--cluster", "ec", "--yes", "--state-dir"])
        .arg(&state)
        .arg("--snapshot")
        .arg(&snap_path)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(restore.status.success(), "{}", text(&restore));
    for h in &hosts.hosts {
        let got = h.sh_ok(&format!(
            "{ctl} --endpoints=https://127.0.0.1:2379 get --print-value-only /tcs/test"
        ));
        assert_eq!(
            got.trim(),
            "replicated",
            "{}: the value from before the backup",
            h.name
        );
        assert!(
            h.sh("ls -d /var/lib/etcd.pre-restore-*").status.success(),
            "{}: old data kept",
            h.name
        );
    }
    let journal = std::fs::read_to_string(state.join("journal.jsonl")).unwrap();
    assert_eq!(
        journal.matches("\"phase\":\"etcd-restore\"").count(),
        9,
        "3 steps x 3 members"
    );
    // The restored cluster is what install expects: nothing to change.
    let out = install(&inv, &state, true);
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host}: {s}");
    }

    // The node phase: host tools present, Kubernetes binaries from the bundle, the kubelet unit
    // enabled; a second run changes nothing.
    let node = |json: bool| {
        let mut cmd = tcs();
        cmd.args(["install", "--until", "node", "--state-dir"])
            .arg(&state)
            .arg("-f")
            .arg(&inv);
        if json {
            cmd.args(["-o", "json"]);
        }
        cmd.output().unwrap()
    };
    let out = node(false);
    assert!(out.status.success(), "{}", text(&out));
    for h in &hosts.hosts {
        assert!(
            h.sh_ok("kubeadm").contains("kubeadm stand-in"),
            "{}",
            h.name
        );
        assert_eq!(h.sh_ok("systemctl is-enabled kubelet").trim(), "enabled");
        assert!(
            h.sh_ok("cat /etc/systemd/system/kubelet.service.d/10-kubeadm.conf")
                .contains("--bootstrap-kubeconfig")
        );
    }
    let out = node(true);
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host}: {s}");
    }
    // What the control plane would do, from read-only checks: the first control plane gets
    // tcs's CAs and kubeadm init, the others join.
    let plan = tcs()
        .args(["plan", "--until", "workers", "-o", "json", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(plan.status.success(), "{}", text(&plan));
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let steps_of = |host: &str| -> Vec<(String, String)> {
        plan.as_array()
            .or_else(|| plan["hosts"].as_array())
            .unwrap()
            .iter()
            .find(|h| h["host"] == host)
            .unwrap()["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["step"].as_str().unwrap().to_string(),
                    s["check"].to_string(),
                )
            })
            .collect()
    };
    let first = steps_of(names[0]);
    let needed = |steps: &[(String, String)], id: &str| {
        steps
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| panic!("{id} not planned: {steps:?}"))
    };
    assert!(
        needed(&first, "kube-pki").contains("missing or different"), // renew issued the etcd client cert
        "{first:?}"
    );
    assert!(
        needed(&first, "kubeadm-init").contains("not initialised"),
        "{first:?}"
    );
    assert!(
        !first.iter().any(|(s, _)| s == "kubeadm-join"),
        "the first control plane does not join"
    );
    let worker = steps_of(names[1]);
    assert!(
        needed(&worker, "kubeadm-join").contains("not joined"),
        "{worker:?}"
    );
    assert!(
        !worker
            .iter()
            .any(|(s, _)| s == "kubeadm-init" || s == "kube-pki"),
        "{worker:?}"
    );

    // One member down: the phase reports a degraded cluster naming it.
    let dead = &hosts.hosts[2];
    assert!(docker_status(&["stop", "-t", "1", &dead.container]));
    let out = install(&inv, &state, false);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("degraded") && t.contains("2/3 members healthy") && t.contains(&dead.name),
        "{t}"
    );

    // Two down: no quorum, the phase stops for the cluster and says so.
    assert!(docker_status(&[
        "stop",
        "-t",
        "1",
        &hosts.hosts[1].container
    ]));
    let out = install(&inv, &state, false);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("etcd quorum lost in cluster ec: 1 of 3 members left"),
        "{t}"
    );
    let journal = std::fs::read_to_string(state.join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("etcd quorum lost"),
        "the journal records why"
    );
}
