//! Real Kubernetes, end to end: `tcs bundle build` makes an offline bundle from components
//! built from their Go modules (`scripts/testhosts/build-components`: Kubernetes, etcd,
//! containerd, runc, CNI plugins, crictl, CoreDNS, kube-vip, flannel; images under their
//! upstream names in a local registry), then `tcs check` and `tcs install` put a global cluster
//! (one control plane) and a business cluster (two control planes behind a kube-vip VIP, one
//! worker, a three-member external etcd) on test hosts that run containerd and a kubelet inside
//! containers (see `NODE_FLAGS` in tests/common). On the running clusters: a workload answers
//! through a Service by its DNS name across nodes, the VIP moves when its host stops, a second
//! install changes nothing, `tcs cluster list`, `tcs node add` of a worker while the first
//! control plane is stopped, `tcs node remove` of it, `tcs certs renew` while every request through the VIP is answered, and an etcd
//! backup and restore after which the cluster works on the restored data.
//!
//! One test, so the clusters are built once and every step uses them in order; each step
//! prints its time (`cargo test --test kubernetes -- --nocapture` shows them).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Proc, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{TestHosts, components, succeeded};
use serde_json::Value;

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_MIRROR")
        .env_remove("TCS_REGISTRY_MIRROR")
        .env_remove("KUBECONFIG");
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Prints a step's time (the figures the README's time budget comes from).
struct Clock(Instant);

impl Clock {
    fn lap(&mut self, what: &str) {
        eprintln!(
            "[kubernetes e2e] {what}: {:.1} s",
            self.0.elapsed().as_secs_f64()
        );
        self.0 = Instant::now();
    }
}

/// The fleet under test: hosts, inventory, state, and kubectl for each cluster.
struct Fleet {
    hosts: TestHosts,
    inventory: PathBuf,
    state: PathBuf,
    kubectl: PathBuf,
}

impl Fleet {
    fn tcs(&self, args: &[&str]) -> Output {
        tcs()
            .args(args)
            .arg("--state-dir")
            .arg(&self.state)
            .arg("-f")
            .arg(&self.inventory)
            .output()
            .unwrap()
    }

    fn kubeconfig(&self, cluster: &str) -> PathBuf {
        self.state.join(format!("kubeconfig/{cluster}.conf"))
    }

    /// kubectl on this machine with the admin kubeconfig tcs saved (server: the endpoint).
    fn kubectl(&self, cluster: &str, args: &[&str]) -> Output {
        Proc::new(&self.kubectl)
            .arg("--kubeconfig")
            .arg(self.kubeconfig(cluster))
            .args(["--request-timeout", "20s"])
            .args(args)
            .output()
            .unwrap()
    }

    fn kubectl_ok(&self, cluster: &str, args: &[&str]) -> String {
        succeeded(
            self.kubectl(cluster, args),
            &format!("kubectl {args:?} on {cluster}"),
        )
    }

    fn kubectl_json(&self, cluster: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        serde_json::from_str(&self.kubectl_ok(cluster, &all)).unwrap()
    }

    /// The test host that is inventory host `name`.
    fn host(&self, name: &str) -> &common::TestHost {
        let i = NAMES.iter().position(|n| *n == name).unwrap();
        &self.hosts.hosts[i]
    }

    /// `common::wait_for`.
    fn wait<T>(&self, secs: u64, what: &str, f: impl FnMut() -> Result<T, String>) -> T {
        common::wait_for(secs, what, f)
    }

    /// Nodes of `cluster` that are Ready.
    fn ready_nodes(&self, cluster: &str) -> Vec<String> {
        let out = self.kubectl(cluster, &["get", "nodes", "-o", "json"]);
        if !out.status.success() {
            return vec![];
        }
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        v["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| {
                n["status"]["conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["type"] == "Ready" && c["status"] == "True")
            })
            .map(|n| n["metadata"]["name"].as_str().unwrap_or("").to_string())
            .collect()
    }

    /// Which control plane of the business cluster holds the VIP.
    fn vip_holder(&self, vip: &str) -> Option<&'static str> {
        ["b1", "b2"].into_iter().find(|n| {
            self.host(n)
                .sh("ip -o addr show")
                .stdout
                .windows(vip.len() + 2)
                .any(|w| w == format!(" {vip}/").as_bytes())
        })
    }
}

/// Inventory names of the five test hosts, in order: the global cluster's control plane, the
/// business cluster's two control planes and worker, and a spare for `tcs node add`.
const NAMES: [&str; 5] = ["g1", "b1", "b2", "b3", "b4"];

fn inventory(hosts: &TestHosts, bundle: &Path, vip: &str, k8s: &str, with_b4: bool) -> String {
    let mut text = hosts.inventory_head("e2e", bundle);
    for (name, h) in NAMES.iter().zip(&hosts.hosts) {
        if *name != "b4" || with_b4 {
            text.push_str(&format!("    - {{name: {name}, address: {}}}\n", h.ip));
        }
    }
    let workers = if with_b4 { "b3, b4" } else { "b3" };
    text.push_str("  clusters:\n");
    text.push_str(&TestHosts::cluster_yaml(
        "global",
        "global",
        k8s,
        0,
        "{hosts: [g1]}",
        &[],
    ));
    text.push_str(&TestHosts::cluster_yaml(
        "biz",
        "business",
        k8s,
        1,
        &format!("{{hosts: [b1, b2], endpoint: {{vip: {vip}, port: 6443}}}}"),
        &[
            "etcd: {hosts: [b1, b2, b3]}",
            &format!("workers: {{hosts: [{workers}]}}"),
            "federation: {region: e2e}",
        ],
    ));
    text
}

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {kubernetes.io/hostname: b3}
      containers:
        - name: httpd
          image: IMAGE
          imagePullPolicy: Never
          command: [sh, -c, 'mkdir -p /www && echo \"hello from $(hostname)\" > /www/index.html && exec httpd -f -p 8080 -h /www']
          ports: [{containerPort: 8080}]
          readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
";

/// A pod on `node` that fetches the web Service by its DNS name and exits.
fn client_pod(name: &str, node: &str, image: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: default}}
spec:
  nodeName: {node}
  restartPolicy: Never
  tolerations: [{{operator: Exists}}]
  containers:
    - name: fetch
      image: {image}
      imagePullPolicy: Never
      command: [sh, -c, 'for i in $(seq 1 30); do timeout 5 wget -qO- http://web.default.svc.cluster.local/ && exit 0; sleep 1; done; exit 1']
"
    )
}

fn apply(fleet: &Fleet, cluster: &str, yaml: &str) {
    let file = fleet
        .hosts
        .dir
        .path()
        .join(format!("apply-{}.yaml", common::unique_name()));
    std::fs::write(&file, yaml).unwrap();
    fleet.kubectl_ok(cluster, &["apply", "-f", file.to_str().unwrap()]);
}

/// Runs a client pod on `node` and returns what it fetched.
fn fetch_web(fleet: &Fleet, node: &str, image: &str) -> String {
    let name = format!("client-{}", common::unique_name());
    apply(fleet, "biz", &client_pod(&name, node, image));
    let phase = fleet.wait(120, &format!("pod {name} finishing"), || {
        let p = fleet.kubectl_json("biz", &["get", "pod", &name]);
        match p["status"]["phase"].as_str() {
            Some(ph @ ("Succeeded" | "Failed")) => Ok(ph.to_string()),
            other => Err(format!("{other:?}")),
        }
    });
    let logs = fleet.kubectl_ok("biz", &["logs", &name]);
    assert_eq!(phase, "Succeeded", "{name} on {node}: {logs}");
    fleet.kubectl_ok("biz", &["delete", "pod", &name, "--wait=false"]);
    // The pod retries while a just-made Service reaches DNS and every node's rules; what it
    // fetched in the end is its last line.
    if logs.lines().count() > 1 {
        eprintln!("[kubernetes e2e] {name} on {node} needed retries: {logs:?}");
    }
    logs.lines().last().unwrap_or("").to_string()
}

#[test]
fn global_and_business_clusters_end_to_end() {
    require_docker!();
    require_components!();
    let mut clock = Clock(Instant::now());
    let c = components();
    let k8s = c.get("KUBERNETES").to_string();
    let image = c.get("TEST_IMAGE").to_string();
    clock.lap("components (built or cached)");

    let hosts = TestHosts::start_nodes("k8s", &NAMES);
    clock.lap("5 test hosts started");
    let dir = hosts.dir.path().to_path_buf();

    // The bundle, through the product's own path: files from the mirror, images from the
    // registry, each verified.
    let bundle = dir.join("bundle");
    common::build_components_bundle(tcs(), &k8s, &bundle, &dir, &["--image", &image]);
    clock.lap("tcs bundle build");

    // The VIP: the top of the hosts' /24 (Docker hands out addresses from the bottom).
    let first = hosts.hosts[0].ip.to_string();
    let vip = format!("{}.250", first.rsplit_once('.').unwrap().0);
    let inv = dir.join("inventory.yaml");
    std::fs::write(&inv, inventory(&hosts, &bundle, &vip, &k8s, false)).unwrap();
    let fleet = Fleet {
        inventory: inv,
        state: dir.join("state"),
        kubectl: c.kubectl(),
        hosts,
    };

    // Preflight: every check passes on every host (cgroup v1 hosts only warn).
    let out = fleet.tcs(&["check", "-o", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("tcs check -o json: {e}\n{}", text(&out)));
    let failures: Vec<&Value> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "fail")
        .collect();
    assert!(failures.is_empty(), "tcs check failed: {failures:#?}");
    assert!(out.status.success(), "{}", text(&out));
    clock.lap("tcs check");

    // What a killed write of an earlier tcs leaves behind never ends up in the kubeconfig.
    let leftover = fleet.state.join("kubeconfig/biz.tcs-new");
    std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
    std::fs::write(&leftover, "garbage ".repeat(1000)).unwrap();

    // The install, global cluster first, then the business cluster.
    let started = Instant::now();
    let out = fleet.tcs(&["install", "-o", "json", "--timings"]);
    let summary = common::install_summary(&out);
    // Where the time went (`--timings`): every phase of both clusters, from the journal.
    let timings: Value = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|e| e["event"] == "timings")
        .expect("a timings event");
    for p in timings["phases"].as_array().unwrap() {
        eprintln!(
            "[kubernetes e2e] install {}/{}: {:.1} s (slowest host {} {:.1} s)",
            p["cluster"].as_str().unwrap(),
            p["phase"].as_str().unwrap(),
            p["wall_ms"].as_f64().unwrap() / 1000.0,
            p["slowest_host"].as_str().unwrap(),
            p["slowest_host_ms"].as_f64().unwrap() / 1000.0
        );
    }
    for cluster in ["global", "biz"] {
        assert!(
            timings["phases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["cluster"] == cluster && p["phase"] == "network"),
            "{timings}"
        );
    }
    let took = |cluster: &str| {
        summary
            .values()
            .filter(|h| h["cluster"] == cluster)
            .filter_map(|h| h["duration_ms"].as_f64())
            .fold(0.0, f64::max)
            / 1000.0
    };
    eprintln!(
        "[kubernetes e2e] install: global {:.1} s, biz {:.1} s (slowest host of each), {:.1} s in all",
        took("global"),
        took("biz"),
        started.elapsed().as_secs_f64()
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).lines().any(|l| {
            serde_json::from_str::<Value>(l).is_ok_and(|e| {
                e["event"] == "fleet-join" && e["cluster"] == "biz" && e.get("error").is_none()
            })
        }),
        "biz did not join the fleet of global: {}",
        text(&out)
    );
    clock.lap("tcs install");

    // Every node Ready, kube-proxy, flannel and CoreDNS running: the install waited for them.
    let mut global_nodes = fleet.ready_nodes("global");
    global_nodes.sort();
    assert_eq!(global_nodes, ["g1"]);
    let mut biz_nodes = fleet.ready_nodes("biz");
    biz_nodes.sort();
    assert_eq!(biz_nodes, ["b1", "b2", "b3"]);
    for cluster in ["global", "biz"] {
        let pods = fleet.kubectl_json(cluster, &["get", "pods", "-A"]);
        for app in ["kube-proxy", "kube-dns", "flannel"] {
            let running: Vec<&Value> = pods["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| {
                    p["metadata"]["labels"]["k8s-app"] == app
                        || p["metadata"]["labels"]["app"] == app
                })
                .filter(|p| p["status"]["phase"] == "Running")
                .collect();
            assert!(!running.is_empty(), "{cluster}: no {app} pod running");
        }
    }
    // The saved kubeconfig talks to the VIP, and is private.
    let biz_conf = std::fs::read_to_string(fleet.kubeconfig("biz")).unwrap();
    assert!(
        biz_conf.contains(&format!("server: https://{vip}:6443")),
        "{biz_conf}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(fleet.kubeconfig("biz"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(!biz_conf.contains("garbage"));
    let left: Vec<_> = std::fs::read_dir(fleet.state.join("kubeconfig"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tcs-new"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");

    // A workload from the bundle's image on the worker answers through a ClusterIP Service,
    // by its DNS name, from a pod on a control plane (pod network across nodes, CoreDNS,
    // kube-proxy).
    apply(&fleet, "biz", &WEB.replace("IMAGE", &image));
    fleet.kubectl_ok(
        "biz",
        &["rollout", "status", "deployment/web", "--timeout=120s"],
    );
    let got = fetch_web(&fleet, "b1", &image);
    assert!(got.starts_with("hello from web-"), "{got}");
    clock.lap("workload through a Service across nodes");

    // A second install changes nothing.
    let out = fleet.tcs(&["install", "-o", "json"]);
    for (host, s) in common::install_summary(&out) {
        assert_eq!(s["changed"], 0, "{host} changed on a re-run: {s}");
        assert_eq!(s["failed"], 0, "{host}: {s}");
    }
    clock.lap("second install (nothing to change)");

    // Both clusters listed ready; biz a ready member of the global cluster's fleet.
    let list: Value = serde_json::from_str(&succeeded(
        fleet.tcs(&["cluster", "list", "-o", "json"]),
        "cluster list",
    ))
    .unwrap();
    let rows = list.as_array().expect("a list of clusters");
    for name in ["global", "biz"] {
        let row = rows.iter().find(|r| r["name"] == name).unwrap();
        assert_eq!(row["health"], "ready", "{name}: {row}");
    }
    let biz = rows.iter().find(|r| r["name"] == "biz").unwrap();
    assert!(
        biz["fleet"]
            .as_str()
            .unwrap_or("")
            .starts_with("member, ready"),
        "{biz}"
    );

    // The VIP moves when the host holding it stops, and the API answers through it.
    let holder = fleet
        .vip_holder(&vip)
        .expect("a control plane holds the VIP");
    let other = if holder == "b1" { "b2" } else { "b1" };
    let held = fleet.host(holder).clone();
    let address = held.ip;
    assert!(common::docker_status(&["stop", &held.container]));
    let moved = Instant::now();
    fleet.wait(60, "the API answering through the VIP", || {
        let out = fleet.kubectl(
            "biz",
            &["get", "--raw", "/readyz", "--request-timeout", "3s"],
        );
        out.status.success().then_some(()).ok_or_else(|| text(&out))
    });
    eprintln!(
        "[kubernetes e2e] VIP: {holder} stopped, the API answered through {vip} after {:.1} s",
        moved.elapsed().as_secs_f64()
    );
    assert_eq!(fleet.vip_holder(&vip), Some(other));
    // The host comes back (same address), and so does its node.
    assert!(common::docker_status(&["start", &held.container]));
    let now = common::docker(&[
        "inspect",
        "-f",
        "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
        &held.container,
    ]);
    assert_eq!(
        now.trim(),
        address.to_string(),
        "{holder} came back on another address"
    );
    fleet.wait(180, &format!("{holder} Ready again"), || {
        let ready = fleet.ready_nodes("biz");
        ready
            .iter()
            .any(|n| n == holder)
            .then_some(())
            .ok_or_else(|| format!("{ready:?}"))
    });
    // Docker rewrites a container's /etc/hosts when it starts, which a machine's reboot would
    // not: an install converges the returning host (and only it).
    let out = fleet.tcs(&["install", "-o", "json"]);
    for (host, s) in common::install_summary(&out) {
        assert_eq!(s["failed"], 0, "{host}: {s}");
    }
    // Nothing changed elsewhere, but for the waits on the first control plane (the returning
    // node Ready, its system pods running).
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        if e["event"] == "step-finished" && e["status"] == "changed" && e["host"] != holder {
            assert!(
                e["step"] == "nodes-ready" || e["step"] == "system-pods",
                "{} changed after {holder} came back: {e}",
                e["host"]
            );
        }
    }
    clock.lap("VIP failover and the host's return");

    // node add, then node remove, of a worker on the running business cluster.
    let with_b4 = fleet.hosts.dir.path().join("inventory-b4.yaml");
    std::fs::write(&with_b4, inventory(&fleet.hosts, &bundle, &vip, &k8s, true)).unwrap();
    let grow = |args: &[&str]| {
        tcs()
            .args(args)
            .arg("--state-dir")
            .arg(&fleet.state)
            .arg("-f")
            .arg(&with_b4)
            .output()
            .unwrap()
    };
    // The first control plane (where kubeadm init ran) stops while b4 is being added: the
    // join token comes from b2, the join goes through the VIP, b2 sees b4 Ready.
    let first = fleet.host("b1").clone();
    let mut add = std::process::Command::new(assert_cmd::cargo::cargo_bin("tcs"))
        .env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .args(["node", "add", "b4", "-o", "json", "--state-dir"])
        .arg(&fleet.state)
        .arg("-f")
        .arg(&with_b4)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut events = String::new();
    let mut stopped = false;
    for line in std::io::BufRead::lines(std::io::BufReader::new(add.stdout.take().unwrap())) {
        let line = line.unwrap();
        if !stopped
            && line.contains(r#""event":"phase-started""#)
            && line.contains(r#""phase":"runtime""#)
        {
            assert!(common::docker_status(&["stop", &first.container]));
            stopped = true;
        }
        events.push_str(&line);
        events.push('\n');
    }
    let added = add.wait_with_output().unwrap();
    assert!(
        stopped,
        "node add never reached the runtime phase:\n{events}"
    );
    assert!(
        added.status.success(),
        "node add with b1 stopped:\n{events}\n{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(fleet.ready_nodes("biz").contains(&"b4".to_string()));
    assert!(common::docker_status(&["start", &first.container]));
    fleet.wait(180, "b1 Ready again", || {
        let ready = fleet.ready_nodes("biz");
        ready
            .iter()
            .any(|n| n == "b1")
            .then_some(())
            .ok_or_else(|| format!("{ready:?}"))
    });
    // Its /etc/hosts as Docker rewrote it at the start: an install puts tcs's block back.
    let out = fleet.tcs(&["install", "-o", "json"]);
    for (host, s) in common::install_summary(&out) {
        assert_eq!(s["failed"], 0, "{host}: {s}");
    }
    let got = fetch_web(&fleet, "b4", &image);
    assert!(got.starts_with("hello from web-"), "{got}");
    succeeded(
        grow(&["node", "remove", "b4", "--yes"]),
        "tcs node remove b4",
    );
    let nodes = fleet.kubectl_ok("biz", &["get", "nodes", "-o", "name"]);
    assert!(!nodes.contains("node/b4"), "{nodes}");
    assert_eq!(
        fleet
            .host("b4")
            .sh_ok("systemctl is-active kubelet || true")
            .trim(),
        "inactive"
    );
    clock.lap("node add with the first control plane stopped, and remove");

    // Certificates renewed host by host while every request through the VIP is answered.
    let stop = Arc::new(AtomicBool::new(false));
    let poller = {
        let stop = stop.clone();
        let kubectl = fleet.kubectl.clone();
        let conf = fleet.kubeconfig("biz");
        std::thread::spawn(move || {
            let (mut failures, mut polls, mut slowest) = (Vec::new(), 0, 0.0f64);
            while !stop.load(Ordering::SeqCst) {
                let t = Instant::now();
                let out = Proc::new(&kubectl)
                    .arg("--kubeconfig")
                    .arg(&conf)
                    .args(["get", "--raw", "/readyz", "--request-timeout", "10s"])
                    .output()
                    .unwrap();
                polls += 1;
                slowest = slowest.max(t.elapsed().as_secs_f64());
                if !out.status.success() {
                    failures.push(String::from_utf8_lossy(&out.stderr).trim().to_string());
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            (failures, polls, slowest)
        })
    };
    let before = fleet
        .host("b1")
        .sh_ok("openssl x509 -noout -enddate -in /etc/kubernetes/pki/apiserver.crt");
    succeeded(
        fleet.tcs(&["certs", "renew", "--cluster", "biz", "--yes"]),
        "tcs certs renew",
    );
    stop.store(true, Ordering::SeqCst);
    let (failures, polls, slowest) = poller.join().unwrap();
    eprintln!(
        "[kubernetes e2e] certs renew: {polls} requests through the VIP, slowest {slowest:.1} s, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "requests failed during the renewal: {failures:?}"
    );
    let after = fleet
        .host("b1")
        .sh_ok("openssl x509 -noout -enddate -in /etc/kubernetes/pki/apiserver.crt");
    assert_ne!(before, after, "the API server certificate was not renewed");
    assert!(fleet.ready_nodes("biz").len() >= 3);
    clock.lap("certs renew");

    // etcd backup, a change, restore: the cluster runs on the restored data.
    fleet.kubectl_ok(
        "biz",
        &["create", "configmap", "before-backup", "--from-literal=k=v"],
    );
    let backup: Value = serde_json::from_str(&succeeded(
        fleet.tcs(&["etcd", "backup", "--cluster", "biz", "-o", "json"]),
        "tcs etcd backup",
    ))
    .unwrap();
    let snapshot = backup["path"]
        .as_str()
        .expect("the snapshot's path")
        .to_string();
    fleet.kubectl_ok(
        "biz",
        &["create", "configmap", "after-backup", "--from-literal=k=v"],
    );
    succeeded(
        fleet.tcs(&[
            "etcd",
            "restore",
            "--cluster",
            "biz",
            "--snapshot",
            &snapshot,
            "--yes",
        ]),
        "tcs etcd restore",
    );
    let cms = fleet.kubectl_ok("biz", &["get", "configmaps", "-o", "name"]);
    assert!(cms.contains("configmap/before-backup"), "{cms}");
    assert!(
        !cms.contains("configmap/after-backup"),
        "the API still serves data newer than the snapshot: {cms}"
    );
    fleet.wait(180, "every node Ready after the restore", || {
        let ready = fleet.ready_nodes("biz");
        (ready.len() == 3)
            .then_some(())
            .ok_or_else(|| format!("{ready:?}"))
    });
    fleet.kubectl_ok(
        "biz",
        &["create", "configmap", "after-restore", "--from-literal=k=v"],
    );
    let got = fetch_web(&fleet, "b2", &image);
    assert!(got.starts_with("hello from web-"), "{got}");
    clock.lap("etcd backup and restore");
}
