//! The SSH layer against real OpenSSH servers in test containers: authentication, host keys,
//! bastions, exec, sudo/doas and uploads.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{TESTER_PASSWORD, TestHosts, big_file, keygen};
use tcs::inventory::HostKeyPolicy;
use tcs::ssh::{
    AuthConfig, Become, ExecOptions, Hop, Secret, Session, SshError, SshTarget, Stream,
    UploadOutcome,
};

fn target(hosts: &TestHosts, name: &str) -> SshTarget {
    hosts.target(name)
}

fn rt() -> tokio::runtime::Runtime {
    common::runtime()
}

#[test]
fn authentication_methods_and_exec() {
    require_docker!();
    let hosts = TestHosts::start("auth", 1);
    let h = hosts.host("auth1");
    let dir = hosts.dir.path();
    // Extra keys of every type, one encrypted.
    for (file, kind, pass) in [
        ("rsa", "rsa", ""),
        ("ecdsa", "ecdsa", ""),
        ("enc", "ed25519", "s3cret pass"),
    ] {
        let path = dir.join(file);
        keygen(&path, kind, pass);
        hosts.authorize(
            h,
            &std::fs::read_to_string(path.with_extension("pub")).unwrap(),
        );
    }
    rt().block_on(async {
        // ed25519 key; stdout, stderr and exit status kept apart; environment; line events.
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let s = Session::connect(&target(&hosts, "auth1")).await.unwrap();
        let out = s
            .exec(
                "echo out-$GREETING; echo err >&2; echo second; exit 3",
                &ExecOptions {
                    env: vec![("GREETING".into(), "hello world".into())],
                    on_line: Some(Arc::new(move |l| {
                        sink.lock().unwrap().push((l.stream, l.line))
                    })),
                    ..ExecOptions::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(out.stdout, "out-hello world\nsecond\n");
        assert_eq!(out.stderr, "err\n");
        assert_eq!(out.exit_status, Some(3));
        let got = lines.lock().unwrap().clone();
        assert!(
            got.contains(&(Stream::Stdout, "out-hello world".into())),
            "{got:?}"
        );
        assert!(got.contains(&(Stream::Stderr, "err".into())), "{got:?}");

        // Per-command timeout kills the remote command too.
        let err = s
            .exec(
                "sleep 30",
                &ExecOptions {
                    timeout: Some(Duration::from_secs(1)),
                    ..ExecOptions::default()
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, SshError::Timeout { .. }), "{err}");
        let ps = s
            .exec("pgrep -x sleep || true", &ExecOptions::default())
            .await
            .unwrap();
        assert_eq!(ps.stdout.trim(), "", "the remote sleep was killed");
        // Many channels on one connection, concurrently.
        let outs = futures::future::join_all((0..20).map(|i| {
            let s = &s;
            async move {
                s.exec(&format!("echo {i}"), &ExecOptions::default())
                    .await
                    .unwrap()
            }
        }))
        .await;
        assert!(
            outs.iter()
                .enumerate()
                .all(|(i, o)| o.stdout == format!("{i}\n"))
        );
        s.close().await;

        // RSA and ECDSA keys.
        for file in ["rsa", "ecdsa"] {
            let mut t = target(&hosts, "auth1");
            t.auth.identity_file = Some(dir.join(file));
            let s = Session::connect(&t)
                .await
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(
                s.exec("whoami", &ExecOptions::default())
                    .await
                    .unwrap()
                    .stdout,
                "root\n"
            );
        }

        // Encrypted key: refused without the passphrase, accepted with it.
        let mut t = target(&hosts, "auth1");
        t.auth.identity_file = Some(dir.join("enc"));
        let err = Session::connect(&t).await.unwrap_err();
        assert!(matches!(err, SshError::Key { .. }), "{err}");
        t.auth.passphrase = Some(Secret::new("s3cret pass"));
        Session::connect(&t).await.unwrap();

        // ssh-agent holding the key, no key file configured.
        let sock = dir.join("agent.sock");
        let mut agent = std::process::Command::new("ssh-agent")
            .args(["-D", "-a"])
            .arg(&sock)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..50 {
            if sock.exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let added = std::process::Command::new("ssh-add")
            .arg(&hosts.key)
            .env("SSH_AUTH_SOCK", &sock)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(added.success());
        let mut t = target(&hosts, "auth1");
        t.auth = AuthConfig {
            agent_socket: Some(sock.clone()),
            ..AuthConfig::default()
        };
        let via_agent = Session::connect(&t).await;
        let _ = agent.kill();
        let _ = agent.wait();
        via_agent.unwrap();

        // Nothing that works: a clear error naming what was tried.
        let mut t = target(&hosts, "auth1");
        t.auth = AuthConfig {
            identity_file: Some(dir.join("rsa")),
            ..AuthConfig::default()
        };
        t.user = "nobody".into();
        let err = Session::connect(&t).await.unwrap_err();
        assert!(matches!(err, SshError::Auth { .. }), "{err}");
        assert!(err.to_string().contains("auth1"), "{err}");

        // Password login as a non-root user, then sudo with that password fed on stdin.
        let mut t = target(&hosts, "auth1");
        t.user = "tester".into();
        t.auth = AuthConfig {
            password: Some(Secret::new(TESTER_PASSWORD)),
            ..AuthConfig::default()
        };
        let s = Session::connect(&t).await.unwrap();
        assert!(matches!(s.become_method(), Become::Sudo(Some(_))));
        let plain = s.exec("id -u", &ExecOptions::default()).await.unwrap();
        assert_ne!(plain.stdout.trim(), "0");
        let root = s
            .exec(
                "id -u; cat /etc/shadow >/dev/null && echo can-read-shadow",
                &ExecOptions {
                    as_root: true,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(root.stdout, "0\ncan-read-shadow\n", "{root:?}");
        // The password never shows up in the process list or the output.
        assert!(!root.stdout.contains(TESTER_PASSWORD) && !root.stderr.contains(TESTER_PASSWORD));

        // A wrong sudo password is a clear become error, not a hang.
        let mut t2 = t.clone();
        t2.become_root = Become::Sudo(Some(Secret::new("wrong")));
        let s2 = Session::connect(&t2).await.unwrap();
        let err = s2
            .exec(
                "true",
                &ExecOptions {
                    as_root: true,
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, SshError::Become { .. }), "{err}");
        assert!(err.to_string().contains("passwordEnv"), "{err}");
    });
}

#[test]
fn host_keys_unknown_accept_new_and_changed() {
    require_docker!();
    let hosts = TestHosts::start("hk", 1);
    let h = hosts.host("hk1");
    rt().block_on(async {
        let fresh = hosts.dir.path().join("fresh_known_hosts");
        let mut t = target(&hosts, "hk1");
        t.known_hosts = fresh.clone();

        // Unknown host: refused under the default strict policy, with its fingerprint.
        let err = Session::connect(&t).await.unwrap_err();
        let SshError::HostKeyUnknown { fingerprint, .. } = &err else {
            panic!("expected an unknown host key error, got {err}");
        };
        assert!(fingerprint.starts_with("SHA256:"));
        let expected = h.sh_ok("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub | cut -d' ' -f2");
        assert_eq!(fingerprint, expected.trim());
        assert!(err.to_string().contains("ssh-keyscan"), "{err}");
        assert!(!fresh.exists(), "strict mode writes nothing");

        // accept-new records it; afterwards strict mode trusts it.
        t.host_key_policy = HostKeyPolicy::AcceptNew;
        Session::connect(&t).await.unwrap();
        let recorded = std::fs::read_to_string(&fresh).unwrap();
        assert!(
            recorded.starts_with(&format!("{} ssh-ed25519 ", h.ip)),
            "{recorded}"
        );
        t.host_key_policy = HostKeyPolicy::Strict;
        Session::connect(&t).await.unwrap();

        // A changed key is refused even with accept-new.
        let other = hosts.dir.path().join("other");
        keygen(&other, "ed25519", "");
        let other_pub = std::fs::read_to_string(other.with_extension("pub")).unwrap();
        let wrong = hosts.dir.path().join("wrong_known_hosts");
        std::fs::write(
            &wrong,
            format!(
                "# old\n{} {}\n",
                h.ip,
                other_pub
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        )
        .unwrap();
        t.known_hosts = wrong;
        t.host_key_policy = HostKeyPolicy::AcceptNew;
        let err = Session::connect(&t).await.unwrap_err();
        assert!(
            matches!(err, SshError::HostKeyChanged { line: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("HOST KEY CHANGED"));
    });
}

#[test]
fn target_reached_only_through_a_bastion() {
    require_docker!();
    let mut hosts = TestHosts::start("jump", 2);
    // jump2 moves to an internal network that only jump1 also joins; we address it by a name
    // that only Docker's DNS on that network resolves, so only the bastion can reach it.
    let inner = hosts.add_network("inner", true);
    let (bastion, target_host) = (hosts.host("jump1").clone(), hosts.host("jump2").clone());
    // The harness points every host at the network's gateway for DNS (pods cannot use Docker's
    // loopback resolver); the bastion needs Docker's back to resolve the alias.
    bastion.sh_ok("printf 'nameserver 127.0.0.11\noptions ndots:0\n' >/etc/resolv.conf");
    assert!(common::docker_status(&[
        "network",
        "connect",
        &inner,
        &bastion.container
    ]));
    assert!(common::docker_status(&[
        "network",
        "disconnect",
        &hosts.network,
        &target_host.container
    ]));
    assert!(common::docker_status(&[
        "network",
        "connect",
        "--alias",
        "hidden-target",
        &inner,
        &target_host.container
    ]));
    let kh = hosts.dir.path().join("known_hosts");
    std::fs::write(
        &kh,
        format!(
            "{} {}\nhidden-target {}\n",
            bastion.ip,
            bastion.host_key(),
            target_host.host_key()
        ),
    )
    .unwrap();
    rt().block_on(async {
        let mut t = SshTarget::new("jump2", "hidden-target");
        t.auth.identity_file = Some(hosts.key.clone());
        t.known_hosts = kh.clone();
        t.jumps = vec![Hop {
            address: bastion.ip.to_string(),
            port: 22,
            user: "root".into(),
            auth: AuthConfig {
                identity_file: Some(hosts.key.clone()),
                ..AuthConfig::default()
            },
        }];
        let s = Session::connect(&t).await.unwrap();
        let out = s.exec("hostname", &ExecOptions::default()).await.unwrap();
        assert_eq!(out.stdout.trim(), "jump2");
        // The tunnel carries uploads too.
        let file = hosts.dir.path().join("small");
        std::fs::write(&file, b"through the bastion\n").unwrap();
        assert_eq!(
            s.upload(&file, "/root/small", 0o600, None).await.unwrap(),
            UploadOutcome::Uploaded
        );
        s.close().await;

        // The target's own host key is checked, not only the bastion's.
        std::fs::write(&kh, format!("{} {}\n", bastion.ip, bastion.host_key())).unwrap();
        let err = Session::connect(&t).await.unwrap_err();
        assert!(matches!(err, SshError::HostKeyUnknown { .. }), "{err}");
    });
}

#[test]
fn uploads_are_verified_atomic_and_skipped_when_equal() {
    require_docker!();
    let hosts = TestHosts::start("up", 1);
    let h = hosts.host("up1");
    let large = big_file(hosts.dir.path(), "large.bin", 64);
    let local_hash = tcs::ssh::sha256_file(&large).unwrap();
    rt().block_on(async {
        let s = Session::connect(&target(&hosts, "up1")).await.unwrap();
        let outcome = s.upload(&large, "/var/lib/tcs-test/large.bin", 0o640, Some("root:root")).await.unwrap();
        assert_eq!(outcome, UploadOutcome::Uploaded);
        let remote = h.sh_ok("sha256sum /var/lib/tcs-test/large.bin | cut -d' ' -f1; stat -c %a /var/lib/tcs-test/large.bin");
        assert_eq!(remote, format!("{local_hash}\n640\n"));
        assert_eq!(
            s.upload(&large, "/var/lib/tcs-test/large.bin", 0o640, None).await.unwrap(),
            UploadOutcome::Unchanged
        );

        // Killed midway: the destination never appears, and the next upload cleans up.
        let huge = big_file(hosts.dir.path(), "huge.bin", 256);
        let t = target(&hosts, "up1");
        let killed = tokio::spawn(async move {
            let s = Session::connect(&t).await.unwrap();
            s.upload(&huge, "/var/lib/tcs-test/huge.bin", 0o644, None).await
        });
        // Wait until data is flowing into the partial file, then pull the plug.
        let mut in_flight = false;
        for _ in 0..400 {
            let size = h.sh_ok("stat -c %s /var/lib/tcs-test/.huge.bin.tcs-partial-* 2>/dev/null || echo 0");
            if size.trim().parse::<u64>().unwrap_or(0) > 1 << 20 {
                in_flight = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert!(in_flight, "the upload never started writing");
        killed.abort();
        let _ = killed.await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let exists = h.sh("test -e /var/lib/tcs-test/huge.bin");
        assert!(!exists.status.success(), "an interrupted upload left the destination");
        let small = hosts.dir.path().join("small");
        std::fs::write(&small, b"x").unwrap();
        let s2 = Session::connect(&target(&hosts, "up1")).await.unwrap();
        s2.upload(&small, "/var/lib/tcs-test/huge.bin", 0o644, None).await.unwrap();
        let left = h.sh_ok("ls -a /var/lib/tcs-test/");
        assert!(!left.contains("tcs-partial"), "{left}");
    });
}

#[test]
fn non_root_uploads_through_sudo_and_doas_without_sudo() {
    require_docker!();
    let hosts = TestHosts::start("become", 1);
    let h = hosts.host("become1");
    rt().block_on(async {
        let mut t = target(&hosts, "become1");
        t.user = "tester".into();
        t.auth.password = Some(Secret::new(TESTER_PASSWORD));
        let s = Session::connect(&t).await.unwrap();
        let file = hosts.dir.path().join("conf");
        std::fs::write(&file, b"root-owned\n").unwrap();
        s.upload(&file, "/etc/tcs-test.conf", 0o600, Some("root:root")).await.unwrap();
        assert_eq!(h.sh_ok("stat -c '%U %a' /etc/tcs-test.conf; cat /etc/tcs-test.conf"), "root 600\nroot-owned\n");
        assert_eq!(h.sh_ok("ls /tmp | grep -c tcs-upload || true").trim(), "0");
        s.close().await;

        // Without sudo, doas is used.
        h.sh_ok("rm -f /usr/bin/sudo && echo 'permit nopass tester' > /etc/doas.conf && chmod 600 /etc/doas.conf");
        let s = Session::connect(&t).await.unwrap();
        assert_eq!(s.become_method(), &Become::Doas);
        let out = s.exec("id -u", &ExecOptions { as_root: true, ..Default::default() }).await.unwrap();
        assert_eq!(out.stdout.trim(), "0", "{out:?}");
    });
}
