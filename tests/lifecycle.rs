//! Taking hosts out: `tcs node remove` of an etcd member on real hosts (membership removed
//! through the v3 API, the host reset, the rest of the cluster healthy), the refusals that keep
//! a cluster alive (only control plane, lost quorum, no confirmation), and `tcs cluster reset`
//! followed by a fresh install.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{TestHosts, build_test_bundle};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("SSH_AUTH_SOCK");
    cmd
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run(args: &[&str], inv: &Path, state: &Path) -> std::process::Output {
    tcs()
        .args(args)
        .arg("--state-dir")
        .arg(state)
        .arg("-f")
        .arg(inv)
        .output()
        .unwrap()
}

const CTL: &str = "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key";

#[test]
fn remove_a_member_refuse_what_breaks_the_cluster_and_reset() {
    require_docker!();
    let hosts = TestHosts::start("life", 3);
    let dir = hosts.dir.path();
    let bundle = dir.join("bundle");
    build_test_bundle(&bundle);
    let names: Vec<String> = hosts.hosts.iter().map(|h| h.name.clone()).collect();
    let inv = hosts.inventory("lc", &format!("  bundle: {}\n", bundle.display()));
    let base = std::fs::read_to_string(&inv).unwrap();
    let with_etcd = |members: &[String]| {
        base.replace(
            "      controlPlane:",
            &format!(
                "      containerd: {{snapshotter: native}}\n      etcd: {{hosts: [{}]}}\n      controlPlane:",
                members.join(", ")
            ),
        )
    };
    std::fs::write(&inv, with_etcd(&names)).unwrap();
    let state = dir.join("state");
    let out = run(&["install", "--until", "node"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));

    // Refusals first: nothing changes.
    let out = run(&["node", "remove", &names[2]], &inv, &state);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("Confirm with --yes"), "{}", text(&out));
    let out = run(&["node", "remove", &names[0], "--yes"], &inv, &state);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("is the only control plane"),
        "{}",
        text(&out)
    );

    // Remove the third member.
    let out = run(
        &["node", "remove", &names[2], "--yes", "-o", "json"],
        &inv,
        &state,
    );
    assert!(out.status.success(), "{}", text(&out));
    let removal: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions = removal["actions"].to_string();
    assert!(
        actions.contains(&format!("removed etcd member {}", names[2])),
        "{actions}"
    );
    assert!(actions.contains("nothing to drain"), "{actions}");
    assert!(
        actions.contains(&format!("reset {}", names[2])),
        "{actions}"
    );
    let h0 = &hosts.hosts[0];
    let members = h0.sh_ok(&format!("{CTL} member list"));
    assert!(
        !members.contains(&names[2]) && members.lines().count() == 2,
        "{members}"
    );
    let gone = &hosts.hosts[2];
    assert!(!gone.sh("systemctl is-active etcd").status.success());
    assert!(
        gone.sh("ls -d /var/lib/etcd.removed-*").status.success(),
        "data moved aside"
    );
    assert!(!gone.sh("test -e /etc/etcd").status.success());
    let journal = std::fs::read_to_string(state.join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("\"phase\":\"node-remove\",\"step\":\"etcd-member-remove\""),
        "{journal}"
    );
    assert!(journal.contains("\"phase\":\"node-remove\",\"step\":\"reset\""));

    // The inventory without it: the remaining cluster is healthy and install agrees.
    std::fs::write(&inv, with_etcd(&names[..2])).unwrap();
    let out = run(&["install", "--until", "etcd"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));

    // With the other member's etcd down, removing the second would leave no quorum: refused.
    h0.sh_ok("systemctl stop etcd");
    let out = run(&["node", "remove", &names[1], "--yes"], &inv, &state);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("without quorum") && text(&out).contains("nothing was changed"),
        "{}",
        text(&out)
    );
    h0.sh_ok("systemctl start etcd");
    assert!(
        hosts.hosts[1]
            .sh_ok(&format!("{CTL} member list"))
            .contains(&names[1])
    );

    // Tear the cluster down, then build it again from scratch.
    let out = run(&["cluster", "reset", "lc"], &inv, &state);
    assert_eq!(out.status.code(), Some(1), "no confirmation, no reset");
    assert!(
        hosts.hosts[1]
            .sh("systemctl is-active etcd")
            .status
            .success()
    );
    let out = run(&["cluster", "reset", "lc", "--yes"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("is torn down"), "{}", text(&out));
    for h in &hosts.hosts[..2] {
        assert!(
            !h.sh("systemctl is-active etcd").status.success(),
            "{}",
            h.name
        );
        assert!(
            !h.sh("test -e /etc/etcd/pki").status.success(),
            "{}",
            h.name
        );
        assert!(
            h.sh("systemctl is-active containerd").status.success(),
            "containerd stays"
        );
    }
    let out = run(&["install", "--until", "etcd"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));
    let members = h0.sh_ok(&format!("{CTL} member list"));
    assert_eq!(members.lines().count(), 2, "{members}");

    // Add the third host back as an etcd member of the running cluster.
    std::fs::write(&inv, with_etcd(&names)).unwrap();
    let out = run(&["node", "add", &names[2], "--until", "etcd"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));
    let members = h0.sh_ok(&format!("{CTL} member list"));
    assert_eq!(members.lines().count(), 3, "{members}");
    assert!(
        members.contains(&format!(", started, {}, https://", names[2])),
        "{members}"
    );
    let unit = gone.sh_ok("cat /etc/systemd/system/etcd.service");
    assert!(unit.contains("--initial-cluster-state=existing"), "{unit}");
    h0.sh_ok(&format!("{CTL} put /tcs/after-add yes"));
    let got = gone.sh_ok(&format!("{CTL} get --print-value-only /tcs/after-add"));
    assert_eq!(got.trim(), "yes", "the new member has the data");
    // The others learn the new member list at the next install; then nothing changes.
    let out = run(&["install", "--until", "etcd"], &inv, &state);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&["install", "--until", "etcd", "-o", "json"], &inv, &state);
    for (host, s) in &common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host}: {s}");
    }
}
