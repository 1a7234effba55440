//! The shared test-host harness: real OpenSSH servers (systemd as PID 1) in Docker containers
//! built from Debian packages by `scripts/testhosts/build-image`.
//!
//! `TestHosts::start` creates a private Docker network and N containers, installs a fresh key
//! pair for `root` and `tester` (whose sudo needs the password `tester-password`), waits for
//! sshd, and records every host key in a known_hosts file of its own. Dropping it (also while a
//! test panics) removes the containers and the network; containers left by a killed test run
//! are removed by the next one.
#![allow(dead_code)]

pub mod apiserver;

use std::net::{IpAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Password of the non-root `tester` user in the image.
pub const TESTER_PASSWORD: &str = "tester-password";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The image name, built (or found cached) once per test process; `None` without Docker.
pub fn image() -> Option<&'static str> {
    static IMAGE: OnceLock<Option<String>> = OnceLock::new();
    IMAGE
        .get_or_init(|| {
            if !docker_ok() {
                return None;
            }
            sweep_stale();
            raise_inotify_limit();
            let script =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/testhosts/build-image");
            let out = Command::new(script)
                .stderr(Stdio::inherit())
                .output()
                .ok()?;
            assert!(
                out.status.success(),
                "scripts/testhosts/build-image failed; run it by hand to see why"
            );
            Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
        })
        .as_deref()
}

/// systemd takes several inotify instances per container; the kernel default of 128 per user
/// stops the 25th test host from booting. Raise it when we may (root), as CI runs.
fn raise_inotify_limit() {
    let path = "/proc/sys/fs/inotify/max_user_instances";
    let current: u64 = std::fs::read_to_string(path)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    if current < 1024 && std::fs::write(path, "1024").is_err() {
        eprintln!(
            "note: fs.inotify.max_user_instances is {current}; more than ~24 test hosts need 1024 (sysctl -w fs.inotify.max_user_instances=1024)"
        );
    }
}

fn docker_ok() -> bool {
    Command::new("docker")
        .args(["info", "--format", "{{.ServerVersion}}"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Removes containers and networks of test processes that no longer exist.
fn sweep_stale() {
    let out = docker(&[
        "ps",
        "-a",
        "--filter",
        "label=tcs.test.pid",
        "--format",
        "{{.ID}} {{.Label \"tcs.test.pid\"}}",
    ]);
    for line in out.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(id), Some(pid)) = (parts.next(), parts.next())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = docker_status(&["rm", "-f", "-v", id]);
        }
    }
    let nets = docker(&[
        "network",
        "ls",
        "--filter",
        "label=tcs.test.pid",
        "--format",
        "{{.Name}} {{.Label \"tcs.test.pid\"}}",
    ]);
    for line in nets.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(name), Some(pid)) = (parts.next(), parts.next())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = docker_status(&["network", "rm", name]);
        }
    }
}

/// Whether a skip is forbidden: under CI (`CI` set and not `false`/`0`) or when `scripts/test`
/// says so (`TCS_REQUIRE_DOCKER=true`), a test that needs test hosts fails instead of skipping.
pub fn skips_forbidden() -> bool {
    let set =
        |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    set("CI") || set("TCS_REQUIRE_DOCKER")
}

/// Skips the calling test, loudly, when no Docker engine is reachable; fails it instead under
/// CI, where nothing may skip.
#[macro_export]
macro_rules! require_docker {
    () => {
        if common::image().is_none() {
            assert!(
                !common::skips_forbidden(),
                "{}: no Docker engine reachable, and under CI the test hosts must run (scripts/test starts one with scripts/testhosts/docker-engine)",
                module_path!()
            );
            eprintln!(
                "\n*** SKIPPED {}: no Docker engine reachable; the test hosts need one ***\n",
                module_path!()
            );
            return;
        }
    };
}

pub fn docker(args: &[&str]) -> String {
    let out = Command::new("docker")
        .args(args)
        .output()
        .expect("docker runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn docker_status(args: &[&str]) -> bool {
    Command::new("docker")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn docker_checked(args: &[&str]) -> String {
    let out = Command::new("docker")
        .args(args)
        .output()
        .expect("docker runs");
    assert!(
        out.status.success(),
        "docker {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One test host.
#[derive(Debug, Clone)]
pub struct TestHost {
    /// Name (also its hostname and inventory name).
    pub name: String,
    /// Container name.
    pub container: String,
    /// Address on the test network.
    pub ip: IpAddr,
}

impl TestHost {
    /// Runs a shell command inside the container as root (for setting up and inspecting).
    pub fn sh(&self, script: &str) -> std::process::Output {
        Command::new("docker")
            .args(["exec", &self.container, "sh", "-c", script])
            .output()
            .expect("docker exec runs")
    }

    /// Like `sh`, returning stdout and asserting success.
    pub fn sh_ok(&self, script: &str) -> String {
        let out = self.sh(script);
        assert!(
            out.status.success(),
            "{}: `{script}` failed: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The host's ed25519 public key line (`ssh-ed25519 AAAA...`).
    pub fn host_key(&self) -> String {
        self.sh_ok("cat /etc/ssh/ssh_host_ed25519_key.pub")
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Options for starting test hosts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Hostnames to give containers instead of their names (same index), for duplicates.
    pub hostnames: Vec<(usize, String)>,
    /// Hosts that can run containerd and a kubelet (see `NODE_FLAGS`).
    pub kubernetes: bool,
}

/// `docker create` flags of a host that runs containerd and a kubelet: the product's own, which
/// `tcs sandbox` starts its hosts with (see there why each is needed).
pub use tcs::ops::sandbox::NODE_FLAGS;

/// `docker create` flags of a plain test host (SSH, systemd; no kubelet).
const HOST_FLAGS: &[&str] = &[
    "--tmpfs=/run",
    "--tmpfs=/run/lock",
    "--volume=/sys/fs/cgroup:/sys/fs/cgroup:ro",
    "--cap-add=SYS_ADMIN",
    "--cap-add=NET_ADMIN",
];

/// A set of running test hosts on a private network, removed on drop.
pub struct TestHosts {
    pub network: String,
    pub hosts: Vec<TestHost>,
    pub dir: tempfile::TempDir,
    /// Private key authorised for root and tester.
    pub key: PathBuf,
    /// known_hosts holding every host's key.
    pub known_hosts: PathBuf,
    extra_networks: Vec<String>,
}

impl TestHosts {
    /// Starts `n` hosts named `<prefix>1..n`.
    pub fn start(prefix: &str, n: usize) -> TestHosts {
        Self::start_with(prefix, n, Options::default())
    }

    /// Starts one host per name that runs containerd and a kubelet (see `NODE_FLAGS`), each
    /// with that name as its hostname (the inventory's host names of the real-cluster tests).
    pub fn start_nodes(prefix: &str, names: &[&str]) -> TestHosts {
        TestHosts::start_with(
            prefix,
            names.len(),
            Options {
                hostnames: names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (i, n.to_string()))
                    .collect(),
                kubernetes: true,
            },
        )
    }

    /// The head of an inventory named `name` for these hosts (their key and known_hosts) and
    /// `bundle`, up to `hosts:`; then one `    - {name: N, address: ...}` line per host.
    pub fn inventory_head(&self, name: &str, bundle: &Path) -> String {
        format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: {name}}}\nspec:\n  ssh: {{user: root, identityFile: {}, knownHosts: {}}}\n  bundle: {}\n  hosts:\n",
            self.key.display(),
            self.known_hosts.display(),
            bundle.display()
        )
    }

    /// One cluster of an inventory's `clusters:` list: the `n`th cluster's own pod and service
    /// networks (10.244+n.0.0/16, 10.96+n.0.0/16), flannel, and `extra` lines (`etcd: ...`,
    /// `workers: ...`, `federation: ...`).
    pub fn cluster_yaml(
        name: &str,
        role: &str,
        k8s: &str,
        n: u8,
        control_plane: &str,
        extra: &[&str],
    ) -> String {
        let mut text = format!(
            "    - name: {name}\n      role: {role}\n      kubernetes: {{version: \"{k8s}\", podCIDR: 10.{}.0.0/16, serviceCIDR: 10.{}.0.0/16}}\n      controlPlane: {control_plane}\n      network: {{plugin: flannel}}\n",
            244 + n,
            96 + n
        );
        for line in extra {
            text.push_str(&format!("      {line}\n"));
        }
        text
    }

    /// Starts `n` hosts with options.
    pub fn start_with(prefix: &str, n: usize, options: Options) -> TestHosts {
        let image = image().expect("require_docker! first");
        let id = format!(
            "tcs-test-{}-{}-{prefix}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let pid = std::process::id().to_string();
        docker_checked(&[
            "network",
            "create",
            "--label",
            &format!("tcs.test.pid={pid}"),
            &id,
        ]);
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("id_ed25519");
        keygen(&key, "ed25519", "");
        let mut set = TestHosts {
            network: id.clone(),
            hosts: Vec::new(),
            key: key.clone(),
            known_hosts: dir.path().join("known_hosts"),
            dir,
            extra_networks: Vec::new(),
        };
        for i in 1..=n {
            let name = format!("{prefix}{i}");
            let hostname = options
                .hostnames
                .iter()
                .find(|(j, _)| *j == i - 1)
                .map(|(_, h)| h.clone())
                .unwrap_or_else(|| name.clone());
            let container = format!("{id}-{name}");
            let pid_label = format!("tcs.test.pid={pid}");
            let mut args = vec![
                "create",
                "--name",
                &container,
                "--hostname",
                &hostname,
                "--network",
                &id,
                "--network-alias",
                &name,
                "--label",
                &pid_label,
            ];
            args.extend(if options.kubernetes {
                NODE_FLAGS
            } else {
                HOST_FLAGS
            });
            args.push(image);
            docker_checked(&args);
            // On a VM, systemd would give every container the VM's DMI UUID as machine-id;
            // real hosts have their own, so each container gets one before it boots.
            let id_file = set.dir.path().join(format!("machine-id-{name}"));
            std::fs::write(&id_file, format!("{}\n", unique_hex())).unwrap();
            let dest = format!("{container}:/etc/machine-id");
            docker_checked(&["cp", &id_file.to_string_lossy(), &dest]);
            docker_checked(&["start", &container]);
            std::thread::sleep(Duration::from_millis(100));
            let state = docker(&["inspect", "-f", "{{.State.Running}}", &container]);
            assert!(
                state.trim() == "true",
                "test host {name} exited at boot; with many hosts raise fs.inotify.max_user_instances (systemd needs several per container)"
            );
            let ip: IpAddr = docker_checked(&[
                "inspect",
                "-f",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                &container,
            ])
            .split_whitespace()
            .next()
            .expect("container has an address")
            .parse()
            .unwrap();
            set.hosts.push(TestHost {
                name,
                container,
                ip,
            });
        }
        let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
        for host in &set.hosts {
            set.authorize(host, &public);
            // Docker's embedded DNS server is a loopback address pods cannot use (tcs check
            // refuses it); every host gets the network's gateway, as node hosts' init does.
            host.sh_ok("gw=$(ip route | awk '/^default/ {print $3; exit}'); if grep -q '^nameserver 127\\.' /etc/resolv.conf; then printf 'nameserver %s\\noptions ndots:0\\n' \"$gw\" > /etc/resolv.conf; fi");
        }
        for host in &set.hosts {
            wait_for_ssh(host);
        }
        let mut lines = String::new();
        for host in &set.hosts {
            lines.push_str(&format!("{} {}\n", host.ip, host.host_key()));
        }
        std::fs::write(&set.known_hosts, lines).unwrap();
        set
    }

    /// Adds `public_key` to root's and tester's authorized_keys on `host`.
    pub fn authorize(&self, host: &TestHost, public_key: &str) {
        let script = format!(
            "for d in /root/.ssh /home/tester/.ssh; do printf '%s\\n' '{k}' >> $d/authorized_keys; chmod 600 $d/authorized_keys; done; chown tester:tester /home/tester/.ssh/authorized_keys",
            k = public_key.trim()
        );
        host.sh_ok(&script);
    }

    /// An SSH target for `name` as root, with the harness's key and known_hosts.
    pub fn target(&self, name: &str) -> tcs::ssh::SshTarget {
        let h = self.host(name);
        let mut t = tcs::ssh::SshTarget::new(name, &h.ip.to_string());
        t.auth = tcs::ssh::AuthConfig {
            identity_file: Some(self.key.clone()),
            ..tcs::ssh::AuthConfig::default()
        };
        t.known_hosts = self.known_hosts.clone();
        t
    }

    /// Host by name.
    pub fn host(&self, name: &str) -> &TestHost {
        self.hosts
            .iter()
            .find(|h| h.name == name)
            .expect("known test host")
    }

    /// Creates another network, attaches `host` to it, returns the network name.
    pub fn add_network(&mut self, suffix: &str, internal: bool) -> String {
        let name = format!("{}-{suffix}", self.network);
        let pid = format!("tcs.test.pid={}", std::process::id());
        let mut args = vec!["network", "create", "--label", &pid];
        if internal {
            args.push("--internal");
        }
        args.push(&name);
        docker_checked(&args);
        self.extra_networks.push(name.clone());
        name
    }

    /// Writes an inventory with one global cluster of all hosts (the first as control plane)
    /// plus `extra_spec` lines appended under `spec:`; returns its path.
    pub fn inventory(&self, name: &str, extra_spec: &str) -> PathBuf {
        self.inventory_with(name, &[], extra_spec)
    }

    /// Like `inventory`, with extra (name, address) hosts that are workers of the cluster.
    pub fn inventory_with(
        &self,
        name: &str,
        extra_hosts: &[(&str, &str)],
        extra_spec: &str,
    ) -> PathBuf {
        let mut text = format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: {name}}}\nspec:\n  ssh: {{user: root, identityFile: {}, knownHosts: {}}}\n  hosts:\n",
            self.key.display(),
            self.known_hosts.display()
        );
        for h in &self.hosts {
            text.push_str(&format!("    - {{name: {}, address: {}}}\n", h.name, h.ip));
        }
        for (n, a) in extra_hosts {
            text.push_str(&format!("    - {{name: {n}, address: {a}}}\n"));
        }
        let mut names: Vec<&str> = self.hosts.iter().map(|h| h.name.as_str()).collect();
        names.extend(extra_hosts.iter().map(|(n, _)| *n));
        text.push_str(&format!(
            "  clusters:\n    - name: {name}\n      role: global\n      kubernetes: {{podCIDR: 10.244.0.0/16, serviceCIDR: 10.96.0.0/16}}\n      controlPlane: {{hosts: [{}]}}\n",
            names[0]
        ));
        if names.len() > 1 {
            text.push_str(&format!(
                "      workers: {{hosts: [{}]}}\n",
                names[1..].join(", ")
            ));
        }
        text.push_str(extra_spec);
        let path = self.dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TestHosts {
    fn drop(&mut self) {
        // Debugging aid: TCS_TEST_KEEP=1 leaves the hosts (and their files) for a look inside;
        // the next test run sweeps them once this process is gone.
        if std::env::var_os("TCS_TEST_KEEP").is_some() {
            let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap()).keep();
            eprintln!(
                "TCS_TEST_KEEP: left {} up (network {}); files in {}",
                self.hosts
                    .iter()
                    .map(|h| format!("{} {}", h.container, h.ip))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.network,
                dir.display()
            );
            return;
        }
        for host in &self.hosts {
            let _ = docker_status(&["rm", "-f", "-v", &host.container]);
        }
        for net in self
            .extra_networks
            .iter()
            .chain(std::iter::once(&self.network))
        {
            let _ = docker_status(&["network", "rm", net]);
        }
    }
}

/// 8 hex digits that differ between calls: names for objects a test creates.
/// A command's stdout, asserting it succeeded; otherwise fails naming `what` with both outputs.
pub fn succeeded(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn unique_name() -> String {
    unique_hex()[..8].to_string()
}

/// 32 hex digits that differ between calls and processes.
fn unique_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos(),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Runs `ssh-keygen` for a key of `kind` with `passphrase`.
pub fn keygen(path: &Path, kind: &str, passphrase: &str) {
    let mut cmd = Command::new("ssh-keygen");
    cmd.args(["-q", "-t", kind, "-N", passphrase, "-C", "tcs-test", "-f"])
        .arg(path);
    if kind == "rsa" {
        cmd.args(["-b", "3072"]);
    }
    let status = cmd.stdout(Stdio::null()).status().expect("ssh-keygen runs");
    assert!(status.success());
}

fn wait_for_ssh(host: &TestHost) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(mut s) = TcpStream::connect_timeout(&(host.ip, 22).into(), Duration::from_secs(1))
        {
            use std::io::Read;
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut banner = [0u8; 4];
            if s.read_exact(&mut banner).is_ok() && &banner == b"SSH-" {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{}: sshd did not come up within 60s",
            host.name
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The image reference of the test bundle's image.
pub const IMAGE: &str = "registry.local/tcs/pause:test";

/// A test bundle in `dir`: Debian's containerd, runc, CNI plugins, etcd and etcdctl (staged by
/// `scripts/testhosts/build-test-bundle`), stand-ins for kubeadm, kubelet and kubectl, an OCI
/// image archive of busybox as `IMAGE`, and bundle.yaml; returns the image's manifest digest.
pub fn build_test_bundle(dir: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/testhosts/build-test-bundle");
    let status = std::process::Command::new(script)
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success(), "build-test-bundle failed");
    // kubeadm, kubelet and kubectl cannot be fetched here: stand-ins that only print a version
    // let the node phase install them (what they do is the Vagrant suite's business).
    for name in ["kubeadm", "kubelet", "kubectl"] {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join("bin/amd64").join(name);
        std::fs::write(&p, format!("#!/bin/sh\necho '{name} stand-in v1.36.4'\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::create_dir_all(dir.join("images")).unwrap();
    let digest = tcs::bundle::oci::write_image_archive(
        &tcs::bundle::oci::ImageSpec {
            reference: IMAGE,
            arch: "amd64",
            rootfs: &dir.join("rootfs"),
            cmd: &["/bin/busybox", "sleep", "3600"],
        },
        &dir.join("images/pause.tar"),
    )
    .unwrap();
    let versions: std::collections::BTreeMap<String, String> =
        std::fs::read_to_string(dir.join("versions"))
            .unwrap()
            .lines()
            .filter_map(|l| {
                l.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect();
    let image_digest = digest.clone();
    tcs::bundle::write_manifest(dir, versions, move |rel| {
        let file = |kind, component: &str| tcs::bundle::BundleFile {
            path: String::new(),
            sha256: String::new(),
            size: 0,
            kind,
            arch: Some("amd64".into()),
            component: Some(component.into()),
            image: None,
            digest: None,
        };
        if rel.starts_with("bin/amd64/cni/") {
            Some(file(tcs::bundle::FileKind::Binary, "cni-plugins"))
        } else if let Some(name) = rel.strip_prefix("bin/amd64/") {
            Some(file(
                tcs::bundle::FileKind::Binary,
                match name {
                    "runc" => "runc",
                    "etcd" | "etcdctl" => "etcd",
                    "kubeadm" | "kubelet" | "kubectl" => "kubernetes",
                    _ => "containerd",
                },
            ))
        } else if rel == "images/pause.tar" {
            Some(tcs::bundle::BundleFile {
                image: Some(IMAGE.into()),
                digest: Some(image_digest.clone()),
                ..file(tcs::bundle::FileKind::Image, "pause")
            })
        } else {
            None
        }
    })
    .unwrap();
    digest
}

/// Per-host summaries from the summary event of a `tcs install -o json` run (every line of its
/// output is one JSON object), after checking it succeeded.
pub fn install_summary(out: &std::process::Output) -> serde_json::Map<String, serde_json::Value> {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let events: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect();
    let summary = events
        .iter()
        .find(|e| e["event"] == "summary")
        .expect("a summary event");
    summary["summary"]["hosts"].as_object().unwrap().clone()
}

/// The pinned upstream manifests (`../shared/upstream`, or `TCS_UPSTREAM_DIR`), if present.
pub fn upstream_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TCS_UPSTREAM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/upstream"));
    dir.join("sources.yaml").exists().then_some(dir)
}

/// Lays the upstream folder out as a file mirror (`<root>/<host>/<path>` of each file's URL,
/// from its sources.yaml) and returns `root`. The folder need not hold every file an addon
/// pins (it lacks Karmada's webhook configuration, for one): where this machine builds the
/// components, the files their mirror has and the folder lacks are linked in too, so the
/// result is complete wherever CI runs, with or without the folder.
pub fn upstream_mirror(upstream: &Path, root: &Path) -> PathBuf {
    let text = std::fs::read_to_string(upstream.join("sources.yaml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    for f in doc["files"].as_array().unwrap() {
        let url = f["url"].as_str().unwrap();
        let rel = url.split_once("://").unwrap().1;
        let dest = root.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        if !dest.exists() {
            std::os::unix::fs::symlink(upstream.join(f["file"].as_str().unwrap()), &dest).unwrap();
        }
    }
    if go_available() && image().is_some() {
        link_missing(&components().mirror(), root);
    }
    root.to_path_buf()
}

/// Symlinks into `to` every file under `from` that `to` does not have (same relative path).
fn link_missing(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            link_missing(&entry.path(), &dest);
        } else if !dest.exists() {
            std::os::unix::fs::symlink(entry.path(), &dest).unwrap();
        }
    }
}

/// A real OCI registry (Debian's docker-registry, the CNCF distribution registry) on
/// 127.0.0.1, stopped on drop.
pub struct Registry {
    child: std::process::Child,
    /// `127.0.0.1:<port>`.
    pub host: String,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a registry with its storage in `dir/registry-data`.
pub fn start_registry(dir: &Path) -> Registry {
    start_registry_on(&dir.join("registry-data"), dir)
}

/// Polls `f` every second until it returns Ok, or fails after `secs` naming `what` and the last
/// state `f` reported.
pub fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Result<T, String>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        match f() {
            Ok(v) => return v,
            Err(last) if std::time::Instant::now() > deadline => {
                panic!("{what} did not happen within {secs} s; last: {last}")
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_secs(1)),
        }
    }
}

/// `tcs bundle build` (through `tcs`, a command with the caller's environment) of the built
/// components — Kubernetes `kubernetes` with flannel, kube-vip and etcd at their built versions —
/// from their upstream-style mirror and a registry serving their images (started in `dir` for
/// the build), into `bundle`, with `extra` arguments (`--image`, `--addon`); asserts that it
/// succeeded.
pub fn build_components_bundle(
    mut tcs: assert_cmd::Command,
    kubernetes: &str,
    bundle: &Path,
    dir: &Path,
    extra: &[&str],
) {
    let c = components();
    let registry = start_registry_on(&c.dir.join("registry"), dir);
    let out = tcs
        .args(["bundle", "build", "--kubernetes", kubernetes])
        .args(["--arch", "amd64", "--cni", "flannel", "--out"])
        .arg(bundle)
        .arg("--mirror")
        .arg(format!("file://{}", c.mirror().display()))
        .args(["--registry-mirror", &format!("http://{}", registry.host)])
        .args([
            "--component-version",
            &format!("kube-vip={}", c.get("KUBE_VIP")),
        ])
        .args(["--component-version", &format!("etcd={}", c.get("ETCD"))])
        .args(extra)
        .output()
        .unwrap();
    succeeded(out, &format!("tcs bundle build --kubernetes {kubernetes}"));
}

/// Starts a registry serving `storage` (its configuration goes to `dir`).
pub fn start_registry_on(storage: &Path, dir: &Path) -> Registry {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/testhosts/registry");
    let out = Command::new(script).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bin = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let host = format!("127.0.0.1:{port}");
    let config = dir.join(format!("registry-{port}.yml"));
    std::fs::write(
        &config,
        format!(
            "version: 0.1\nlog: {{level: error}}\nstorage:\n  filesystem: {{rootdirectory: {}}}\nhttp: {{addr: \"{host}\"}}\n",
            storage.display()
        ),
    )
    .unwrap();
    let mut child = Command::new(bin)
        .arg("serve")
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if ureq::get(&format!("http://{host}/v2/")).call().is_ok() {
            return Registry { child, host };
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the registry did not answer on {host}");
}

/// The upstream components tcs installs, built from their Go modules by
/// `scripts/testhosts/build-components` (cached): a mirror laid out like upstream, a registry
/// storage with the images under their upstream names, and the versions.
pub struct Components {
    /// The output directory (`mirror/`, `registry/`, `components.env`).
    pub dir: PathBuf,
    /// `components.env` as a map (KUBERNETES, ETCD, KUBE_VIP, TEST_IMAGE, ...).
    pub versions: std::collections::BTreeMap<String, String>,
}

impl Components {
    /// A version or other value from components.env.
    pub fn get(&self, key: &str) -> &str {
        self.versions
            .get(key)
            .unwrap_or_else(|| panic!("{key} missing from components.env"))
    }

    /// The file mirror (`--mirror file://...`).
    pub fn mirror(&self) -> PathBuf {
        self.dir.join("mirror")
    }

    /// The kubectl built for this machine, executable.
    pub fn kubectl(&self) -> PathBuf {
        let src = self.mirror().join(format!(
            "dl.k8s.io/release/v{}/bin/linux/amd64/kubectl",
            self.get("KUBERNETES")
        ));
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&src, std::fs::Permissions::from_mode(0o755));
        src
    }
}

/// Skips the calling test, loudly, when the upstream components (or the Karmada oracle) cannot be
/// built here (no Go); fails it instead under CI. Use after `require_docker!` where hosts are
/// needed too.
#[macro_export]
macro_rules! require_components {
    () => {
        if !common::go_available() {
            assert!(
                !common::skips_forbidden(),
                "{}: Go is not installed, and under CI what is built from upstream Go modules must be built",
                module_path!()
            );
            eprintln!(
                "\n*** SKIPPED {}: Go is not installed; what it needs is built from upstream Go modules ***\n",
                module_path!()
            );
            return;
        }
    };
}

/// Whether the `go` command runs.
pub fn go_available() -> bool {
    Command::new("go")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `scripts/testhosts/<script>`, which builds what it must (cached) and prints the path of
/// the result, and returns that path.
pub fn built_by(script: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts/testhosts")
        .join(script);
    let out = Command::new(path)
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("scripts/testhosts/{script} does not run: {e}"));
    assert!(
        out.status.success(),
        "scripts/testhosts/{script} failed; run it by hand to see why"
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// Builds (or finds cached) the upstream components; once per test process.
pub fn components() -> &'static Components {
    static C: OnceLock<Components> = OnceLock::new();
    C.get_or_init(|| {
        let dir = built_by("build-components");
        let versions = std::fs::read_to_string(dir.join("components.env"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
            .collect();
        Components { dir, versions }
    })
}

/// A file of `mib` MiB of varied bytes in `dir`.
pub fn big_file(dir: &Path, name: &str, mib: usize) -> PathBuf {
    use std::io::Write;
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    let mut block = vec![0u8; 1 << 20];
    for i in 0..mib {
        for (j, b) in block.iter_mut().enumerate() {
            *b = (i * 31 + j * 7 + j / 251) as u8;
        }
        f.write_all(&block).unwrap();
    }
    path
}

/// Makes the inventory's SSH keepalive window short: 1 s between keepalives, lost after 3
/// unanswered (the default is 60 s).
pub fn short_keepalive(inventory: &Path) {
    let text = std::fs::read_to_string(inventory).unwrap().replacen(
        "}\n  hosts:",
        ", keepaliveInterval: 1, keepaliveCountMax: 3}\n  hosts:",
        1,
    );
    assert!(text.contains("keepaliveCountMax: 3"), "{text}");
    std::fs::write(inventory, text).unwrap();
}

/// Starts `tcs exec -o json -- SCRIPT` on every host of `inventory` in the background, its
/// output piped.
pub fn spawn_exec_json(state: &Path, inventory: &Path, script: &str) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("tcs"))
        .env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .args(["exec", "-o", "json", "--state-dir"])
        .arg(state)
        .arg("-f")
        .arg(inventory)
        .args(["--", script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A multi-threaded tokio runtime for tests that drive the library directly.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Every file under `dir`, with its text and mode.
#[allow(dead_code)]
pub fn files_under(dir: &Path) -> Vec<(PathBuf, String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            out.push((p, text, mode));
        }
    }
    out
}

/// Asserts that no secret of `secrets` (name, value) is in `printed`, and that a file under
/// `dirs` holds one only when it is meant to (`may_hold(path)`) and is private (0600 or
/// tighter). Each value is also searched base64-encoded (as in a Secret's `data`). Returns
/// the files and bytes searched, for the test's log.
#[allow(dead_code)]
pub fn assert_secrets_kept(
    secrets: &[(&str, &str)],
    printed: &str,
    dirs: &[&Path],
    may_hold: impl Fn(&Path) -> bool,
) -> (usize, usize) {
    use base64::Engine as _;
    let files: Vec<_> = dirs.iter().flat_map(|d| files_under(d)).collect();
    for (name, value) in secrets {
        assert!(
            value.len() >= 16,
            "secret {name} is too short to search for"
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(value);
        for form in [*value, encoded.as_str()] {
            assert!(!printed.contains(form), "tcs printed {name}");
            for (path, text, mode) in &files {
                if text.contains(form) {
                    assert!(
                        may_hold(path),
                        "{} holds {name} and should not",
                        path.display()
                    );
                    assert_eq!(
                        mode & 0o077,
                        0,
                        "{} holds {name} and is {mode:o}",
                        path.display()
                    );
                }
            }
        }
    }
    let bytes = files.iter().map(|(_, t, _)| t.len()).sum::<usize>() + printed.len();
    (files.len(), bytes)
}

/// Everything a test's commands printed (stdout and stderr), for the secrets search.
#[derive(Default)]
#[allow(dead_code)]
pub struct Transcript(std::cell::RefCell<String>);

#[allow(dead_code)]
impl Transcript {
    /// Keeps what `out` printed and hands it back.
    pub fn keep(&self, out: std::process::Output) -> std::process::Output {
        let mut all = self.0.borrow_mut();
        all.push_str(&String::from_utf8_lossy(&out.stdout));
        all.push_str(&String::from_utf8_lossy(&out.stderr));
        out
    }

    /// All of it.
    pub fn text(&self) -> std::cell::Ref<'_, String> {
        self.0.borrow()
    }
}

/// A PEM key's body to search for: its longest line of base64.
#[allow(dead_code)]
pub fn pem_body(pem: &str) -> String {
    pem.lines()
        .max_by_key(|l| l.len())
        .unwrap_or_default()
        .to_string()
}
