//! A real Kubernetes control plane on this machine's loopback, from the components built from
//! their Go modules (`scripts/testhosts/build-components`): etcd, kube-apiserver with
//! certificates from tcs's own PKI code, the controller manager (ServiceAccount tokens, garbage
//! collection, Deployments to ReplicaSets to Pods), the scheduler, and kwok, which makes fake
//! nodes and the pods bound to them Running and Ready. No containers, no kubelet: it starts in
//! a few seconds. `ControlPlane::start` gives each test its own; dropping it (also when a test
//! panics) kills the processes and removes the files, unless `TCS_TEST_KEEP` is set.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tcs::pki::{ClusterPki, LeafSpec, Usage};

/// One control plane.
pub struct ControlPlane {
    /// Its name (cluster name in its kubeconfigs).
    pub name: String,
    /// Files: PKI, kubeconfigs, etcd data, process logs.
    pub dir: tempfile::TempDir,
    /// `https://127.0.0.1:<port>`.
    pub url: String,
    /// The admin kubeconfig (a system:masters client certificate).
    pub kubeconfig: PathBuf,
    bin: PathBuf,
    etcd_url: String,
    apiserver_port: u16,
    children: Vec<(String, Child)>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Kills `child`'s process group (it leads one: `spawn_command`) and reaps it.
fn terminate(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

impl ControlPlane {
    /// Starts a control plane named `name` and waits until it serves, its controllers and
    /// scheduler run, and ServiceAccount tokens are issued.
    pub fn start(name: &str) -> ControlPlane {
        let c = super::components();
        let bin = c.dir.join("bin");
        let dir = tempfile::tempdir().unwrap();
        let pki = ClusterPki::new(dir.path(), name);
        pki.ensure_cas().unwrap();
        let leaf = |stem: &str, cn: &str, orgs: &[&str], usage: Usage| {
            pki.ensure_leaf(
                "ca",
                stem,
                &LeafSpec {
                    common_name: cn.into(),
                    organizations: orgs.iter().map(|o| o.to_string()).collect(),
                    dns: if usage == Usage::Server {
                        vec![
                            "localhost".into(),
                            "kubernetes".into(),
                            "kubernetes.default".into(),
                            "kubernetes.default.svc".into(),
                        ]
                    } else {
                        vec![]
                    },
                    ips: if usage == Usage::Server {
                        vec!["127.0.0.1".parse().unwrap(), "10.96.0.1".parse().unwrap()]
                    } else {
                        vec![]
                    },
                    usage,
                },
            )
            .unwrap();
        };
        leaf("apiserver", "kube-apiserver", &[], Usage::Server);
        leaf("admin", "admin", &["system:masters"], Usage::Client);
        leaf(
            "controller-manager",
            "system:kube-controller-manager",
            &[],
            Usage::Client,
        );
        leaf("scheduler", "system:kube-scheduler", &[], Usage::Client);
        let apiserver_port = free_port();
        let mut cp = ControlPlane {
            name: name.to_string(),
            url: format!("https://127.0.0.1:{apiserver_port}"),
            kubeconfig: dir.path().join("admin.conf"),
            etcd_url: String::new(),
            apiserver_port,
            bin,
            children: Vec::new(),
            dir,
        };
        for (user, stem) in [
            ("admin", "admin"),
            ("controller-manager", "controller-manager"),
            ("scheduler", "scheduler"),
        ] {
            cp.write_kubeconfig(&cp.dir.path().join(format!("{user}.conf")), stem);
        }
        let (client, peer) = (free_port(), free_port());
        cp.etcd_url = format!("http://127.0.0.1:{client}");
        let data = cp.dir.path().join("etcd");
        cp.spawn(
            "etcd",
            &[
                "--name=cp",
                &format!("--data-dir={}", data.display()),
                &format!("--listen-client-urls={}", cp.etcd_url),
                &format!("--advertise-client-urls={}", cp.etcd_url),
                &format!("--listen-peer-urls=http://127.0.0.1:{peer}"),
                &format!("--initial-advertise-peer-urls=http://127.0.0.1:{peer}"),
                &format!("--initial-cluster=cp=http://127.0.0.1:{peer}"),
                "--unsafe-no-fsync",
                "--log-level=error",
            ],
        );
        cp.start_apiserver();
        let kcm = cp.dir.path().join("controller-manager.conf");
        cp.spawn(
            "kube-controller-manager",
            &[
                &format!("--kubeconfig={}", kcm.display()),
                &format!(
                    "--service-account-private-key-file={}",
                    cp.pki_file("sa.key")
                ),
                &format!("--root-ca-file={}", cp.pki_file("ca.crt")),
                "--use-service-account-credentials=true",
                "--leader-elect=false",
                "--secure-port=0",
            ],
        );
        let sched = cp.dir.path().join("scheduler.conf");
        cp.spawn(
            "kube-scheduler",
            &[
                &format!("--kubeconfig={}", sched.display()),
                "--leader-elect=false",
                "--secure-port=0",
            ],
        );
        let admin = cp.kubeconfig.clone();
        cp.spawn(
            "kwok",
            &[
                &format!("--kubeconfig={}", admin.display()),
                &format!("--config={}", cp.bin.join("kwok.yaml").display()),
                "--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--node-ip=127.0.0.1",
                "--cidr=10.0.0.1/24",
                "--node-lease-duration-seconds=40",
            ],
        );
        // The token controller has run when the default ServiceAccount's namespace has one.
        cp.wait(
            60,
            "the controller manager to create ServiceAccounts",
            |cp| {
                let out = cp.kubectl(&["get", "serviceaccount", "default", "-o", "name"]);
                out.status.success().then_some(())
            },
        );
        cp
    }

    /// A file of this control plane's PKI (`ca.crt`, `sa.key`, `admin.crt`, ...), as a flag value.
    fn pki_file(&self, name: &str) -> String {
        let dir = self.dir.path().join("pki").join(&self.name);
        dir.join(name).display().to_string()
    }

    fn write_kubeconfig(&self, path: &Path, stem: &str) {
        let pki = ClusterPki::new(self.dir.path(), &self.name);
        let ca = pki.read("ca").unwrap();
        let pair = pki.read(stem).unwrap();
        std::fs::write(
            path,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: {n}\n  cluster:\n    server: {url}\n    certificate-authority-data: {ca}\nusers:\n- name: {stem}@{n}\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}\ncontexts:\n- name: {stem}@{n}\n  context: {{cluster: {n}, user: {stem}@{n}}}\ncurrent-context: {stem}@{n}\n",
                n = self.name,
                url = self.url,
                ca = b64(&ca.cert),
                cert = b64(&pair.cert),
                key = b64(&pair.key),
            ),
        )
        .unwrap();
    }

    /// A kubeconfig for another user (a client certificate with `user` as its name and `groups`
    /// as its organizations), with whatever RBAC gives them.
    pub fn user_kubeconfig(&self, user: &str, groups: &[&str]) -> PathBuf {
        let pki = ClusterPki::new(self.dir.path(), &self.name);
        let stem = format!("user-{user}");
        pki.ensure_leaf(
            "ca",
            &stem,
            &LeafSpec {
                common_name: user.into(),
                organizations: groups.iter().map(|g| g.to_string()).collect(),
                dns: vec![],
                ips: vec![],
                usage: Usage::Client,
            },
        )
        .unwrap();
        let path = self.dir.path().join(format!("{stem}.conf"));
        self.write_kubeconfig(&path, &stem);
        path
    }

    fn spawn(&mut self, program: &str, args: &[&str]) {
        let mut cmd = Command::new(self.bin.join(program));
        cmd.args(args);
        self.spawn_command(program, cmd);
    }

    /// Like `spawn`, but as a kubelet would run it for the workload `kind/name` in `namespace`:
    /// only while that object exists (an operator started before its CRDs are Established
    /// starts fewer controllers), and again whenever it exits.
    fn spawn_as_workload(&mut self, program: &str, args: &[&str], workload: [&str; 3]) {
        let [namespace, kind, name] = workload;
        let exists = format!(
            "'{}' --kubeconfig '{}' -n {namespace} get {kind} {name} >/dev/null 2>&1",
            super::components().kubectl().display(),
            self.kubeconfig.display()
        );
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "while :; do if {exists}; then \"$0\" \"$@\"; fi; sleep 1; done"
            ))
            .arg(self.bin.join(program))
            .args(args);
        self.spawn_command(program, cmd);
    }

    /// Starts `cmd` in a process group of its own (killed as a group: see `terminate`), its
    /// output in `<program>.log`.
    fn spawn_command(&mut self, program: &str, mut cmd: Command) {
        use std::os::unix::process::CommandExt;
        let log = self.dir.path().join(format!("{program}.log"));
        let file = std::fs::File::create(&log).unwrap();
        // A proxy of this machine's would be asked for webhooks and aggregated APIs.
        for v in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
            cmd.env_remove(v);
        }
        let child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        self.children.push((program.to_string(), child));
    }

    /// Starts (again) the API server and waits until it is ready.
    pub fn start_apiserver(&mut self) {
        let f = |name: &str| self.pki_file(name);
        let port = self.apiserver_port;
        let etcd = self.etcd_url.clone();
        let certs = self.dir.path().join("apiserver-certs");
        self.spawn(
            "kube-apiserver",
            &[
                &format!("--etcd-servers={etcd}"),
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                &format!("--secure-port={port}"),
                &format!("--cert-dir={}", certs.display()),
                &format!("--tls-cert-file={}", f("apiserver.crt")),
                &format!("--tls-private-key-file={}", f("apiserver.key")),
                &format!("--client-ca-file={}", f("ca.crt")),
                &format!("--service-account-key-file={}", f("sa.pub")),
                &format!("--service-account-signing-key-file={}", f("sa.key")),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--authorization-mode=Node,RBAC",
                "--service-cluster-ip-range=10.96.0.0/16",
                "--allow-privileged=true",
                "--profiling=false",
            ],
        );
        self.wait(60, "the API server to be ready", |cp| {
            let out = cp.kubectl(&["get", "--raw", "/readyz"]);
            (out.status.success() && out.stdout.starts_with(b"ok")).then_some(())
        });
    }

    /// Runs the Prometheus operator (the monitoring addon's, built with the components) against
    /// this API server, as the admin, while the addon's operator Deployment exists (its pod
    /// only pretends, under kwok): it makes Prometheus and Alertmanager resources into
    /// StatefulSets (whose pods kwok runs) and sets their conditions.
    pub fn start_prometheus_operator(&mut self) {
        let f = |name: &str| self.pki_file(name);
        let url = self.url.clone();
        let web = free_port();
        self.spawn_as_workload(
            "prometheus-operator",
            &[
                &format!("-apiserver={url}"),
                &format!("-ca-file={}", f("ca.crt")),
                &format!("-cert-file={}", f("admin.crt")),
                &format!("-key-file={}", f("admin.key")),
                &format!("-web.listen-address=127.0.0.1:{web}"),
                "-log-level=warn",
            ],
            ["monitoring", "deployment", "prometheus-operator"],
        );
    }

    /// Stops the API server (the member becomes unreachable); `start_apiserver` brings it back.
    pub fn stop_apiserver(&mut self) {
        if let Some(i) = self
            .children
            .iter()
            .position(|(p, _)| p == "kube-apiserver")
        {
            let (_, child) = self.children.remove(i);
            terminate(child);
        }
    }

    /// The `tcs` binary with this control plane as the fleet's global cluster.
    pub fn tcs_global(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tcs"));
        cmd.env_remove("TCS_INVENTORY")
            .env("NO_COLOR", "1")
            .env("TCS_GLOBAL_KUBECONFIG", &self.kubeconfig);
        cmd
    }

    /// kubectl with the admin kubeconfig.
    pub fn kubectl(&self, args: &[&str]) -> Output {
        Command::new(super::components().kubectl())
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .args(["--request-timeout", "20s"])
            .args(args)
            .output()
            .unwrap()
    }

    /// Like `kubectl`, asserting success; returns stdout.
    pub fn kubectl_ok(&self, args: &[&str]) -> String {
        let out = self.kubectl(args);
        assert!(
            out.status.success(),
            "{}: kubectl {args:?}: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Applies `yaml` with kubectl (server-side, as field manager `test`, taking over fields
    /// other managers own).
    pub fn apply(&self, yaml: &str) {
        let file = self
            .dir
            .path()
            .join(format!("apply-{}.yaml", super::unique_name()));
        std::fs::write(&file, yaml).unwrap();
        self.kubectl_ok(&[
            "apply",
            "--server-side",
            "--field-manager=test",
            "--force-conflicts",
            "-f",
            file.to_str().unwrap(),
        ]);
    }

    /// A fake node kwok keeps Ready, with `cpu` cores, `memory` and room for `pods` pods, and
    /// the labels a kubelet gives its node (workloads select `kubernetes.io/os: linux`).
    pub fn add_node(&self, name: &str, cpu: &str, memory: &str, pods: u32) {
        self.apply(&format!(
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  annotations: {{kwok.x-k8s.io/node: fake}}\n  labels: {{kubernetes.io/hostname: {name}, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}}\nstatus:\n  allocatable: {{cpu: \"{cpu}\", memory: {memory}, pods: \"{pods}\"}}\n  capacity: {{cpu: \"{cpu}\", memory: {memory}, pods: \"{pods}\"}}\n"
        ));
        self.wait(60, &format!("node {name} Ready"), |cp| {
            let out = cp.kubectl(&[
                "get",
                "node",
                name,
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}",
            ]);
            (out.stdout == b"True").then_some(())
        });
    }

    /// The last `n` lines of `program`'s log (what it printed on stdout and stderr).
    pub fn log_tail(&self, program: &str, n: usize) -> String {
        let text = std::fs::read_to_string(self.dir.path().join(format!("{program}.log")))
            .unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(n).collect();
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    }

    /// Polls `f` every 200 ms until it returns Some, or fails after `secs` naming `what` and the
    /// last lines of every process log.
    pub fn wait<T>(&self, secs: u64, what: &str, mut f: impl FnMut(&Self) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            if Instant::now() > deadline {
                let mut logs = String::new();
                for (p, _) in &self.children {
                    logs.push_str(&format!("--- {p}\n{}\n", self.log_tail(p, 8)));
                }
                panic!("{}: waited {secs} s for {what}\n{logs}", self.name);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for ControlPlane {
    fn drop(&mut self) {
        if std::env::var_os("TCS_TEST_KEEP").is_some() {
            let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap()).keep();
            eprintln!(
                "[control plane {}] kept running (TCS_TEST_KEEP): {} (kubeconfig admin.conf)",
                self.name,
                dir.display()
            );
            return;
        }
        // Controllers first, etcd last.
        while let Some((_, child)) = self.children.pop() {
            terminate(child);
        }
    }
}
