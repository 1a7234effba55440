//! `tcs cluster upgrade` for real: a business cluster (two control planes behind a kube-vip VIP,
//! one worker, a three-member external etcd) installed at the Kubernetes release before the
//! current one (`tests/components/kubernetes-previous`), a Deployment with a
//! PodDisruptionBudget serving a NodePort Service to a client on this machine that asks every
//! 200 ms throughout; then the refusals (a two-minor jump, a bundle without the target, `tcs
//! plan` of an inventory that is newer than the cluster), the upgrade killed midway and finished
//! with `--resume`, a second run that changes nothing, and `tcs plan` with nothing to do once the
//! inventory says the new release. Prints the upgrade's time and the failed requests.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command as Proc, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{TestHosts, components, succeeded};
use serde_json::Value;

const NAMES: [&str; 3] = ["u1", "u2", "u3"];
const NODE_PORT: u16 = 30080;

fn tcs(state: &Path, inventory: &Path, args: &[&str]) -> Proc {
    let mut cmd = Proc::new(env!("CARGO_BIN_EXE_tcs"));
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("KUBECONFIG")
        .args(args)
        .arg("--state-dir")
        .arg(state)
        .arg("-f")
        .arg(inventory);
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn inventory(hosts: &TestHosts, bundle: &Path, vip: &str, k8s: &str) -> String {
    let mut text = hosts.inventory_head("upgrade", bundle);
    text.push_str("    - {name: g1, address: 192.0.2.10}\n");
    for (name, h) in NAMES.iter().zip(&hosts.hosts) {
        text.push_str(&format!("    - {{name: {name}, address: {}}}\n", h.ip));
    }
    // The global cluster is never installed here (the test installs and upgrades only biz);
    // the inventory needs one.
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
        &format!("{{hosts: [u1, u2], endpoint: {{vip: {vip}, port: 6443}}}}"),
        &["etcd: {hosts: [u1, u2, u3]}", "workers: {hosts: [u3]}"],
    ));
    text
}

/// Three replicas spread over the nodes (control planes tolerated), a budget that lets one go
/// at a time, a preStop pause so that endpoints move before a pod stops serving.
const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      terminationGracePeriodSeconds: 20
      containers:
        - name: httpd
          image: IMAGE
          imagePullPolicy: Never
          command: [sh, -c, 'mkdir -p /www && echo \"hello from $(hostname)\" > /www/index.html && exec httpd -f -p 8080 -h /www']
          ports: [{containerPort: 8080}]
          readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
          lifecycle: {preStop: {exec: {command: [sleep, '5']}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: default}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
";

/// One GET through a node's NodePort: whether a 200 came back within 3 s.
fn get(addr: SocketAddr) -> Result<(), String> {
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_secs(3)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(3))).ok();
    s.write_all(b"GET / HTTP/1.0\r\nHost: web\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut body = String::new();
    s.read_to_string(&mut body).map_err(|e| e.to_string())?;
    if body.starts_with("HTTP/1.0 200") || body.starts_with("HTTP/1.1 200") {
        Ok(())
    } else {
        Err(body.lines().next().unwrap_or("empty answer").to_string())
    }
}

struct Cluster {
    state: PathBuf,
    inventory: PathBuf,
    kubectl: PathBuf,
}

impl Cluster {
    fn tcs(&self, args: &[&str]) -> Output {
        tcs(&self.state, &self.inventory, args).output().unwrap()
    }
    fn kubectl(&self, args: &[&str]) -> String {
        succeeded(
            Proc::new(&self.kubectl)
                .arg("--kubeconfig")
                .arg(self.state.join("kubeconfig/biz.conf"))
                .args(["--request-timeout", "20s"])
                .args(args)
                .output()
                .unwrap(),
            &format!("kubectl {args:?}"),
        )
    }
    fn nodes(&self) -> Vec<Value> {
        let v: Value =
            serde_json::from_str(&self.kubectl(&["get", "nodes", "-o", "json"])).unwrap();
        v["items"].as_array().unwrap().clone()
    }
    fn journal_lines(&self) -> usize {
        std::fs::read_to_string(self.state.join("journal.jsonl"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }
}

fn changed_steps(out: &Output) -> usize {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["event"] == "step-finished" && e["status"] == "changed")
        .count()
}

#[test]
fn a_business_cluster_upgrades_one_minor_without_downtime() {
    require_docker!();
    require_components!();
    let c = components();
    let (old, new) = (
        c.get("KUBERNETES_PREVIOUS").to_string(),
        c.get("KUBERNETES").to_string(),
    );
    let image = c.get("TEST_IMAGE").to_string();
    let hosts = TestHosts::start_nodes("upg", &NAMES);
    let dir = hosts.dir.path().to_path_buf();
    let bundle_of = |k8s: &str| {
        let out = dir.join(format!("bundle-{k8s}"));
        common::build_components_bundle(
            assert_cmd::Command::from_std(Proc::new(env!("CARGO_BIN_EXE_tcs"))),
            k8s,
            &out,
            &dir,
            &["--image", &image],
        );
        out
    };
    let (bundle_old, bundle_new) = (bundle_of(&old), bundle_of(&new));
    let first = hosts.hosts[0].ip.to_string();
    let vip = format!("{}.250", first.rsplit_once('.').unwrap().0);
    let inv = dir.join("inventory.yaml");
    std::fs::write(&inv, inventory(&hosts, &bundle_old, &vip, &old)).unwrap();
    let cluster = Cluster {
        state: dir.join("state"),
        inventory: inv.clone(),
        kubectl: c.kubectl(),
    };

    let started = Instant::now();
    let out = cluster.tcs(&[
        "install",
        "--only-cluster",
        "biz",
        "--skip-join",
        "-o",
        "json",
    ]);
    assert!(out.status.success(), "install at {old}: {}", text(&out));
    eprintln!(
        "[upgrade e2e] install at {old}: {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let manifest = dir.join("web.yaml");
    std::fs::write(&manifest, WEB.replace("IMAGE", &image)).unwrap();
    cluster.kubectl(&["apply", "-f", manifest.to_str().unwrap()]);
    cluster.kubectl(&["rollout", "status", "deployment/web", "--timeout=180s"]);

    // The client: every 200 ms, through each node's NodePort in turn.
    let targets: Vec<SocketAddr> = hosts
        .hosts
        .iter()
        .map(|h| SocketAddr::new(h.ip, NODE_PORT))
        .collect();
    // kube-proxy programs the NodePort on every node at its own pace: wait until each answers.
    let deadline = Instant::now() + Duration::from_secs(120);
    for t in &targets {
        let mut streak = 0;
        while streak < 5 {
            match get(*t) {
                Ok(()) => streak += 1,
                Err(e) if Instant::now() > deadline => panic!("{t} does not answer: {e}"),
                Err(_) => streak = 0,
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let (sent, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    // Like a load balancer in front of the nodes: a request goes to the next node in turn, and
    // to the others when that one does not answer (a node being upgraded restarts its kubelet,
    // kube-proxy and flannel). A request fails when no node answers it; what one node alone
    // missed is reported too.
    let t0 = Instant::now();
    let client = {
        let (stop, sent, failed) = (stop.clone(), sent.clone(), failed.clone());
        std::thread::spawn(move || {
            let (mut failures, mut missed) = (Vec::new(), Vec::new());
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                i += 1;
                sent.fetch_add(1, Ordering::SeqCst);
                let mut errors = Vec::new();
                for k in 0..targets.len() {
                    let t = targets[(i + k) % targets.len()];
                    match get(t) {
                        Ok(()) => break,
                        Err(e) => errors.push(format!(
                            "{} (+{:.1} s) {t}: {e}",
                            humantime::format_rfc3339_millis(std::time::SystemTime::now()),
                            t0.elapsed().as_secs_f64()
                        )),
                    }
                }
                if errors.len() == targets.len() {
                    failed.fetch_add(1, Ordering::SeqCst);
                    failures.extend(errors);
                } else {
                    missed.extend(errors);
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            (failures, missed)
        })
    };

    // Refusals change nothing: the inventory ahead of the cluster, a two-minor jump, a bundle
    // without the target.
    let lines = cluster.journal_lines();
    let ahead = dir.join("ahead.yaml");
    std::fs::write(&ahead, inventory(&hosts, &bundle_new, &vip, &new)).unwrap();
    let out = tcs(&cluster.state, &ahead, &["plan", "--only-cluster", "biz"])
        .output()
        .unwrap();
    assert!(
        !out.status.success()
            && text(&out).contains(&format!("run `tcs cluster upgrade biz --to {new}`")),
        "tcs plan of an inventory newer than the cluster: {}",
        text(&out)
    );
    let out = tcs(
        &cluster.state,
        &ahead,
        &["install", "--only-cluster", "biz", "--skip-join"],
    )
    .output()
    .unwrap();
    assert!(
        !out.status.success()
            && text(&out).contains("nothing was changed")
            && text(&out).contains("tcs cluster upgrade biz"),
        "tcs install of an inventory newer than the cluster: {}",
        text(&out)
    );
    let minor: u32 = new.split('.').nth(1).unwrap().parse().unwrap();
    let jump = format!("1.{}.0", minor + 1);
    let out = cluster.tcs(&[
        "cluster",
        "upgrade",
        "biz",
        "--to",
        &jump,
        "--bundle",
        bundle_new.to_str().unwrap(),
        "--yes",
    ]);
    assert!(
        !out.status.success()
            && text(&out).contains("one minor version at a time")
            && text(&out).contains("nothing was changed"),
        "a two-minor jump: {}",
        text(&out)
    );
    let out = cluster.tcs(&[
        "cluster",
        "upgrade",
        "biz",
        "--to",
        &new,
        "--bundle",
        bundle_old.to_str().unwrap(),
        "--yes",
    ]);
    assert!(
        !out.status.success()
            && text(&out).contains(&format!("it carries Kubernetes {old}, not {new}")),
        "a bundle without the target: {}",
        text(&out)
    );
    assert_eq!(
        cluster.journal_lines(),
        lines,
        "a refused upgrade wrote to the journal"
    );
    for n in cluster.nodes() {
        assert_eq!(n["status"]["nodeInfo"]["kubeletVersion"], format!("v{old}"));
    }

    // The plan shows the work per host before anything changes.
    let out = cluster.tcs(&[
        "plan",
        "--upgrade",
        "biz",
        "--to",
        &new,
        "--bundle",
        bundle_new.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "tcs plan --upgrade: {}", text(&out));
    let plan = text(&out);
    assert!(
        plan.contains("u1:") && plan.contains("kubeadm-upgrade") && plan.contains("drain"),
        "{plan}"
    );

    // The upgrade, killed once the first control plane is done, then resumed.
    let started = Instant::now();
    let upgrade_args = [
        "cluster",
        "upgrade",
        "biz",
        "--to",
        &new,
        "--bundle",
        bundle_new.to_str().unwrap(),
        "--yes",
        "-o",
        "json",
    ];
    let mut child = tcs(&cluster.state, &inv, &upgrade_args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = cluster.state.join("journal.jsonl");
    let deadline = Instant::now() + Duration::from_secs(900);
    loop {
        let done = std::fs::read_to_string(&journal)
            .unwrap_or_default()
            .lines()
            .any(|l| {
                serde_json::from_str::<Value>(l).is_ok_and(|e| {
                    e["host"] == "u1" && e["step"] == "kubelet-restart" && e["outcome"] == "changed"
                })
            });
        if done {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the upgrade ended ({status}) before it could be killed midway");
        }
        assert!(
            Instant::now() < deadline,
            "u1 was not upgraded within 15 minutes"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    eprintln!(
        "[upgrade e2e] killed after u1 at {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut resume = upgrade_args.to_vec();
    resume.push("--resume");
    let out = cluster.tcs(&resume);
    assert!(out.status.success(), "the resumed upgrade: {}", text(&out));
    let took = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(3));
    stop.store(true, Ordering::SeqCst);
    let (failures, missed) = client.join().unwrap();
    eprintln!(
        "[upgrade e2e] {old} -> {new}: {took:.1} s; {} requests, {} failed (no node answered); {} tries a single node missed{}",
        sent.load(Ordering::SeqCst),
        failed.load(Ordering::SeqCst),
        missed.len(),
        if missed.is_empty() {
            String::new()
        } else {
            format!(": {missed:?}")
        }
    );

    // Every node at the target, schedulable, nothing left of tcs's marks.
    for n in cluster.nodes() {
        let name = n["metadata"]["name"].as_str().unwrap();
        assert_eq!(
            n["status"]["nodeInfo"]["kubeletVersion"],
            format!("v{new}"),
            "{name}"
        );
        assert!(
            n["spec"]["unschedulable"].is_null(),
            "{name} is still cordoned"
        );
        assert!(
            n["metadata"]["annotations"]
                .get("upgrade.tcs.io/cordoned")
                .is_none(),
            "{name}"
        );
    }
    let version: Value =
        serde_json::from_str(&cluster.kubectl(&["get", "--raw", "/version"])).unwrap();
    assert_eq!(version["gitVersion"], format!("v{new}"));
    assert_eq!(
        failures,
        Vec::<String>::new(),
        "the Deployment was not available throughout"
    );

    // Again: nothing changes.
    let out = cluster.tcs(&upgrade_args);
    assert!(out.status.success(), "the second upgrade: {}", text(&out));
    assert_eq!(
        changed_steps(&out),
        0,
        "the second upgrade changed something: {}",
        text(&out)
    );

    // The inventory says the new release: tcs plan has nothing to do.
    std::fs::write(&inv, inventory(&hosts, &bundle_new, &vip, &new)).unwrap();
    let out = cluster.tcs(&["plan", "--only-cluster", "biz", "-o", "json"]);
    assert!(
        out.status.success(),
        "tcs plan after the upgrade: {}",
        text(&out)
    );
    let hosts_plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let needed: Vec<String> = hosts_plan
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| {
            h["steps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["check"] != serde_json::json!({"Ok": {"state": "done"}}))
                .map(move |s| format!("{}: {}", h["host"], s))
        })
        .collect();
    assert!(needed.is_empty(), "tcs plan after the upgrade: {needed:#?}");
}
