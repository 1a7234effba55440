//! Karmada as the federation backend, end to end on real clusters: `tcs install` puts a global
//! cluster and two business clusters (sh-1 and bj-1, the members the example federation set
//! names) on test hosts that run containerd and a kubelet (as tests/kubernetes.rs does), from a
//! bundle that carries the karmada addon (Karmada's control plane and agent built from its Go
//! module by `scripts/testhosts/build-components`). The install joins both to tcs's own engine,
//! which propagates the example set first. Then:
//!
//! - `tcs addon enable karmada` installs Karmada's control plane into the global cluster;
//!   `tcs addon status` finds karmada-apiserver answering and every component ready;
//! - `tcs cluster join --backend karmada`: sh-1 in push mode, bj-1 in pull mode (karmada-agent);
//!   `tcs cluster list` shows both backends;
//! - migration from tcs's engine: the set, with `conflictResolution: Overwrite`, applied through
//!   Karmada adopts the objects tcs made (same UIDs), and every member object is what `tcs fed
//!   plan` predicts; `tcs fed status --backend karmada` reads the replicas per member;
//! - a policy change moves replicas; unjoining sh-1 takes its objects away;
//! - migration back: with `preserveResourcesOnDeletion`, tcs's engine takes bj-1 over and
//!   unjoining it from Karmada (its agent removed through its kubeconfig) leaves its objects.
//!
//! One test, so the clusters are built once; each step prints its time
//! (`cargo test --test karmada -- --nocapture`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Proc, Output};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{TestHosts, components, succeeded, wait_for as wait};
use serde_json::Value;

/// Inventory names of the test hosts: the global cluster's control plane, then one control
/// plane for each business cluster.
const NAMES: [&str; 3] = ["g1", "s1", "b1"];

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

struct Fleet {
    dir: PathBuf,
    inventory: PathBuf,
    state: PathBuf,
    kubectl: PathBuf,
    started: Instant,
}

impl Fleet {
    fn lap(&mut self, what: &str) {
        eprintln!(
            "[karmada e2e] {what}: {:.1} s",
            self.started.elapsed().as_secs_f64()
        );
        self.started = Instant::now();
    }

    /// tcs with the inventory (`tcs fed` takes it as --inventory: its -f are policy files).
    fn tcs(&self, args: &[&str]) -> Output {
        let inventory = if args.first() == Some(&"fed") {
            "--inventory"
        } else {
            "-f"
        };
        Command::cargo_bin("tcs")
            .unwrap()
            .env("NO_COLOR", "1")
            .env_remove("SSH_AUTH_SOCK")
            .env_remove("KUBECONFIG")
            .args(args)
            .arg("--state-dir")
            .arg(&self.state)
            .arg(inventory)
            .arg(&self.inventory)
            .output()
            .unwrap()
    }

    fn tcs_ok(&self, args: &[&str]) -> String {
        succeeded(self.tcs(args), &format!("tcs {args:?}"))
    }

    /// kubectl with a kubeconfig tcs keeps (`<state>/kubeconfig/<name>.conf`).
    fn kubectl(&self, kubeconfig: &str, args: &[&str]) -> Output {
        Proc::new(&self.kubectl)
            .arg("--kubeconfig")
            .arg(self.state.join(format!("kubeconfig/{kubeconfig}.conf")))
            .args(["--request-timeout", "20s"])
            .args(args)
            .output()
            .unwrap()
    }

    fn kubectl_json(&self, kubeconfig: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        let out = succeeded(
            self.kubectl(kubeconfig, &all),
            &format!("kubectl {args:?} with {kubeconfig}"),
        );
        serde_json::from_str(&out).unwrap()
    }
}

fn inventory(hosts: &TestHosts, bundle: &Path, k8s: &str) -> String {
    let mut text = hosts.inventory_head("karmada-e2e", bundle);
    for (name, h) in NAMES.iter().zip(&hosts.hosts) {
        text.push_str(&format!("    - {{name: {name}, address: {}}}\n", h.ip));
    }
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
        "sh-1",
        "business",
        k8s,
        1,
        "{hosts: [s1]}",
        &["federation: {provider: private, region: sh, zones: [sh-az1], labels: {env: prod, tier: edge}}"],
    ));
    text.push_str(&TestHosts::cluster_yaml(
        "bj-1",
        "business",
        k8s,
        2,
        "{hosts: [b1]}",
        &["federation: {provider: private, region: bj, zones: [bj-az1], labels: {env: prod}}"],
    ));
    text
}

#[test]
fn karmada_backend_end_to_end() {
    require_docker!();
    require_components!();
    let c = components();
    let k8s = c.get("KUBERNETES").to_string();
    let started = Instant::now();
    let hosts = TestHosts::start_nodes("karmada", &NAMES);
    let dir = hosts.dir.path().to_path_buf();
    let mut fleet = Fleet {
        dir: dir.clone(),
        inventory: dir.join("inventory.yaml"),
        state: dir.join("state"),
        kubectl: c.kubectl(),
        started,
    };
    fleet.lap("test hosts started");

    // The bundle carries the karmada addon: its pinned files and its images.
    let bundle = dir.join("bundle");
    common::build_components_bundle(
        Command::cargo_bin("tcs").unwrap(),
        &k8s,
        &bundle,
        &dir,
        &["--addon", "karmada"],
    );
    fleet.lap("tcs bundle build");

    std::fs::write(&fleet.inventory, inventory(&hosts, &bundle, &k8s)).unwrap();
    fleet.tcs_ok(&["install"]);
    fleet.lap("tcs install (3 clusters; sh-1 and bj-1 join tcs's engine)");

    // The example federation set, first through tcs's own engine.
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/federation");
    let set = fleet.dir.join("set");
    std::fs::create_dir_all(&set).unwrap();
    for f in ["policies.yaml", "resources.yaml"] {
        std::fs::copy(examples.join(f), set.join(f)).unwrap();
    }
    let set_arg = set.to_str().unwrap().to_string();
    fleet.tcs_ok(&["fed", "apply", "-f", &set_arg, "--backend", "tcs"]);
    let uid = |fleet: &Fleet, cluster: &str| -> String {
        let web = fleet.kubectl_json(cluster, &["get", "deployment", "web", "-n", "shop"]);
        web["metadata"]["uid"].as_str().unwrap().to_string()
    };
    let uids = [uid(&fleet, "sh-1"), uid(&fleet, "bj-1")];
    fleet.lap("tcs fed apply (tcs's engine)");

    // Karmada's control plane in the global cluster.
    let out = fleet.tcs(&[
        "addon",
        "enable",
        "karmada",
        "--cluster",
        "global",
        "--timeout",
        "600",
    ]);
    if !out.status.success() {
        let pods = fleet.kubectl(
            "global",
            &["get", "pods", "-n", "karmada-system", "-o", "wide"],
        );
        panic!(
            "tcs addon enable karmada: {}\npods:\n{}",
            text(&out),
            text(&pods)
        );
    }
    fleet.lap("tcs addon enable karmada");
    let status: Value = serde_json::from_str(&fleet.tcs_ok(&[
        "addon",
        "status",
        "karmada",
        "--cluster",
        "global",
        "-o",
        "json",
    ]))
    .unwrap();
    let row = &status
        .as_array()
        .map(|a| a[0].clone())
        .unwrap_or(status.clone());
    assert_eq!(row["healthy"], true, "{status:#}");
    let checks: Vec<&str> = row["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert!(
        checks.contains(&"karmada-apiserver answers")
            && checks
                .iter()
                .any(|c| c.contains("APIService v1alpha1.cluster.karmada.io")),
        "{checks:?}"
    );
    // The kubeconfig tcs keeps for karmada-apiserver is private and reaches Karmada's API.
    let conf = fleet.state.join("kubeconfig/global.karmada-apiserver.conf");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&conf).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let clusters = fleet.kubectl_json(
        "global.karmada-apiserver",
        &["get", "clusters.cluster.karmada.io"],
    );
    assert_eq!(clusters["items"], serde_json::json!([]), "{clusters:#}");
    fleet.lap("tcs addon status karmada");

    // Both business clusters join Karmada under the same names: sh-1 pushed to, bj-1 pulling
    // through karmada-agent.
    let members = [
        ("sh-1", "sh", "sh-az1", "env=prod,tier=edge", "push"),
        ("bj-1", "bj", "bj-az1", "env=prod", "pull"),
    ];
    for (name, region, zone, labels, mode) in members {
        let kubeconfig = fleet.state.join(format!("kubeconfig/{name}.conf"));
        let out = fleet.tcs_ok(&[
            "cluster",
            "join",
            name,
            "--backend",
            "karmada",
            "--kubeconfig",
            kubeconfig.to_str().unwrap(),
            "--region",
            region,
            "--zones",
            zone,
            "--labels",
            labels,
            "--provider",
            "private",
            "--mode",
            mode,
            "-o",
            "json",
        ]);
        let joined: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(joined["name"], name, "{out}");
    }
    let clusters = fleet.kubectl_json(
        "global.karmada-apiserver",
        &["get", "clusters.cluster.karmada.io"],
    );
    let karmada_view: Vec<(&str, &str, bool)> = clusters["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["metadata"]["name"].as_str().unwrap(),
                c["spec"]["syncMode"].as_str().unwrap(),
                c["status"]["conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["type"] == "Ready" && c["status"] == "True"),
            )
        })
        .collect();
    assert_eq!(
        karmada_view,
        [("bj-1", "Pull", true), ("sh-1", "Push", true)],
        "{clusters:#}"
    );
    let list: Value =
        serde_json::from_str(&fleet.tcs_ok(&["cluster", "list", "-o", "json"])).unwrap();
    for (name, backend) in [("sh-1", "karmada/push"), ("bj-1", "karmada/pull")] {
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap();
        assert_eq!(
            row["backends"],
            serde_json::json!(["tcs", backend]),
            "{row:#}"
        );
        assert!(
            row["fleet"]
                .as_str()
                .unwrap()
                .contains(&format!("{backend} {name}: member, ready")),
            "{row:#}"
        );
    }
    fleet.lap("tcs cluster join --backend karmada (sh-1 push, bj-1 pull)");

    // `scripts/bench-federation` sets this: time to propagate N ConfigMaps to both members,
    // through each engine (printed; not a timed test).
    if let Some(n) = std::env::var("TCS_BENCH_FEDERATION")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        bench(&fleet, n, &set_arg);
    }

    // Migration from tcs's engine: Karmada adopts what tcs made (Karmada's Abort would refuse
    // objects it did not create), and each member's objects are what `tcs fed plan` predicts.
    let policies = set.join("policies.yaml");
    let edit_propagation = |text: &str, field: &str| -> String {
        text.split("\n---\n")
            .map(|doc| {
                if doc.contains("kind: PropagationPolicy")
                    || doc.contains("kind: ClusterPropagationPolicy")
                {
                    doc.replacen("spec:\n", &format!("spec:\n  {field}\n"), 1)
                } else {
                    doc.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n---\n")
    };
    let text0 = std::fs::read_to_string(&policies).unwrap();
    std::fs::write(
        &policies,
        edit_propagation(&text0, "conflictResolution: Overwrite"),
    )
    .unwrap();
    let members_file = fleet.dir.join("members.yaml");
    let example_clusters = std::fs::read_to_string(examples.join("clusters.yaml")).unwrap();
    let kept: Vec<&str> = example_clusters
        .split("\n---\n")
        .filter(|d| !d.contains("name: sh-2"))
        .collect();
    std::fs::write(&members_file, kept.join("\n---\n")).unwrap();
    let apply_and_compare = |fleet: &Fleet, what: &str| {
        fleet.tcs_ok(&["fed", "apply", "--backend", "karmada", "-f", &set_arg]);
        let plan_dir = fleet.dir.join(format!("plan-{}", common::unique_name()));
        succeeded(
            Command::cargo_bin("tcs")
                .unwrap()
                .args(["fed", "plan", "-f", members_file.to_str().unwrap()])
                .args(["-f", &set_arg])
                .arg("--output-dir")
                .arg(&plan_dir)
                .output()
                .unwrap(),
            "tcs fed plan",
        );
        let mut compared = 0;
        for (name, ..) in members {
            for entry in std::fs::read_dir(plan_dir.join(name)).unwrap() {
                let path = entry.unwrap().path();
                let want: Value =
                    serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let kind = want["kind"].as_str().unwrap().to_string();
                let obj = want["metadata"]["name"].as_str().unwrap().to_string();
                let mut args = vec!["get".to_string(), kind.clone(), obj.clone()];
                if let Some(ns) = want["metadata"]["namespace"].as_str() {
                    args.extend(["-n".to_string(), ns.to_string()]);
                }
                args.extend(["-o".to_string(), "json".to_string()]);
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                wait(
                    120,
                    &format!("{what}: {kind} {obj} in {name} as planned"),
                    || {
                        let out = fleet.kubectl(name, &args);
                        if !out.status.success() {
                            return Err(text(&out));
                        }
                        let live: Value = serde_json::from_slice(&out.stdout).unwrap();
                        let same = |k: &str| want.get(k).is_none_or(|w| subset(w, &live[k]));
                        if same("spec") && same("data") {
                            // Bookkeeping metadata differs by engine; say how, once per kind.
                            for part in ["labels", "annotations"] {
                                let keys = |v: &Value| -> Vec<String> {
                                    v["metadata"][part]
                                        .as_object()
                                        .map(|m| m.keys().cloned().collect())
                                        .unwrap_or_default()
                                };
                                let (planned, got) = (keys(&want), keys(&live));
                                let only_plan: Vec<&String> =
                                    planned.iter().filter(|k| !got.contains(k)).collect();
                                if !only_plan.is_empty() {
                                    eprintln!(
                                        "[karmada e2e] {what}: {kind} {obj} in {name}: {part} planned but not set by Karmada: {only_plan:?}"
                                    );
                                }
                            }
                            Ok(())
                        } else {
                            Err(format!("live {live:#}\nplanned {want:#}"))
                        }
                    },
                );
                compared += 1;
            }
        }
        eprintln!("[karmada e2e] {what}: {compared} member objects as planned");
    };
    apply_and_compare(&fleet, "adopted from tcs's engine");
    assert_eq!(
        [uid(&fleet, "sh-1"), uid(&fleet, "bj-1")],
        uids,
        "Karmada replaced the objects tcs made instead of adopting them"
    );
    fleet.lap("tcs fed apply --backend karmada: adopted, members as planned");

    // Status from Karmada's bindings and Works: web's replicas per member, applied.
    let rows: Value = serde_json::from_str(&fleet.tcs_ok(&[
        "fed",
        "status",
        "--backend",
        "karmada",
        "Deployment shop/web",
        "-o",
        "json",
    ]))
    .unwrap();
    let desired: Vec<(String, i64, bool)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["cluster"].as_str().unwrap().to_string(),
                r["desired"].as_i64().unwrap_or(-1),
                r["applied"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        desired,
        [("bj-1".to_string(), 2, true), ("sh-1".to_string(), 4, true)],
        "{rows:#}"
    );

    // A policy change moves replicas: weights 2:1 become 1:2.
    let before = std::fs::read_to_string(&policies).unwrap();
    let changed = before
        .replacen("weight: 2", "weight: 9", 1)
        .replacen("weight: 1", "weight: 2", 1)
        .replacen("weight: 9", "weight: 1", 1);
    assert_ne!(changed, before);
    std::fs::write(&policies, changed).unwrap();
    apply_and_compare(&fleet, "after the policy change");
    assert_eq!((web(&fleet, "sh-1"), web(&fleet, "bj-1")), (2, 4));
    fleet.lap("policy change: replicas moved");

    // Unjoin of the push-mode member: Karmada takes back what it propagated there.
    fleet.tcs_ok(&["cluster", "unjoin", "sh-1", "--backend", "karmada", "--yes"]);
    wait(180, "web gone from sh-1 after unjoin", || {
        let out = fleet.kubectl("sh-1", &["get", "deployment", "web", "-n", "shop"]);
        if out.status.success() {
            Err("still there".into())
        } else {
            Ok(())
        }
    });
    assert_eq!(web(&fleet, "bj-1"), 6, "bj-1 gets every replica now");
    fleet.lap("tcs cluster unjoin sh-1 --backend karmada: its objects gone");

    // Migration back to tcs's engine without deleting: Karmada preserves what it propagated
    // when a member leaves; tcs's engine takes bj-1's objects over.
    let current = std::fs::read_to_string(&policies).unwrap();
    std::fs::write(
        &policies,
        edit_propagation(&current, "preserveResourcesOnDeletion: true"),
    )
    .unwrap();
    fleet.tcs_ok(&["fed", "apply", "--backend", "karmada", "-f", &set_arg]);
    // A pull-mode member is refused without its kubeconfig (its agent would register it
    // again); with it, its agent goes first.
    let out = fleet.tcs(&["cluster", "unjoin", "bj-1", "--backend", "karmada", "--yes"]);
    assert!(
        !out.status.success() && text(&out).contains("pass the member's --kubeconfig"),
        "{}",
        text(&out)
    );
    let bj_uid = uid(&fleet, "bj-1");
    let bj_conf = fleet.state.join("kubeconfig/bj-1.conf");
    fleet.tcs_ok(&[
        "cluster",
        "unjoin",
        "bj-1",
        "--backend",
        "karmada",
        "--yes",
        "--kubeconfig",
        bj_conf.to_str().unwrap(),
    ]);
    fleet.tcs_ok(&["fed", "apply", "-f", &set_arg, "--backend", "tcs"]);
    std::thread::sleep(Duration::from_secs(15));
    assert_eq!(uid(&fleet, "bj-1"), bj_uid, "bj-1's web was replaced");
    let agent = fleet.kubectl(
        "bj-1",
        &["get", "deployment", "karmada-agent", "-n", "karmada-system"],
    );
    assert!(!agent.status.success(), "karmada-agent is still in bj-1");
    let karmada_left = fleet.kubectl_json(
        "global.karmada-apiserver",
        &["get", "clusters.cluster.karmada.io"],
    );
    assert_eq!(karmada_left["items"], serde_json::json!([]));
    fleet.lap("back to tcs's engine: bj-1 kept its objects");
}

/// Propagates `n` ConfigMaps (and their namespace) to both members through tcs's engine and
/// through Karmada, and prints how long each took until every member held all of them. tcs's
/// engine gets the example set too (`set`): what it is not given any more, it prunes.
fn bench(fleet: &Fleet, n: usize, set: &str) {
    let members = ["sh-1", "bj-1"];
    let count = |cluster: &str, ns: &str| -> usize {
        let out = fleet.kubectl(
            cluster,
            &[
                "get",
                "configmaps",
                "-n",
                ns,
                "-l",
                "bench=tcs",
                "-o",
                "name",
            ],
        );
        String::from_utf8_lossy(&out.stdout).lines().count()
    };
    for (backend, ns) in [("tcs", "bench-tcs"), ("karmada", "bench-karmada")] {
        let dir = fleet.dir.join(format!("bench-{backend}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = format!(
            "apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {{name: {ns}}}\nspec:\n  resourceSelectors:\n    - {{apiVersion: v1, kind: Namespace, name: {ns}}}\n    - {{apiVersion: v1, kind: ConfigMap, namespace: {ns}}}\n  placement:\n    clusterAffinity: {{clusterNames: [sh-1, bj-1]}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n"
        );
        for i in 0..n {
            text.push_str(&format!(
                "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm-{i:05}, namespace: {ns}, labels: {{bench: tcs}}}}\ndata: {{index: \"{i}\"}}\n"
            ));
        }
        std::fs::write(dir.join("bench.yaml"), text).unwrap();
        let started = Instant::now();
        let mut args = vec![
            "fed",
            "apply",
            "--backend",
            backend,
            "-f",
            dir.to_str().unwrap(),
        ];
        if backend == "tcs" {
            args.extend(["-f", set]);
        }
        fleet.tcs_ok(&args);
        let applied = started.elapsed().as_secs_f64();
        wait(
            1800,
            &format!("{n} ConfigMaps in both members through {backend}"),
            || {
                let have: Vec<usize> = members.iter().map(|m| count(m, ns)).collect();
                if have.iter().all(|h| *h == n) {
                    Ok(())
                } else {
                    Err(format!("{have:?}"))
                }
            },
        );
        eprintln!(
            "[karmada e2e] bench: {n} ConfigMaps to 2 members through {backend}: {:.1} s until every member had all ({applied:.1} s for tcs fed apply to return)",
            started.elapsed().as_secs_f64()
        );
    }
}

/// The replicas of Deployment shop/web in `cluster`.
fn web(fleet: &Fleet, cluster: &str) -> i64 {
    fleet.kubectl_json(cluster, &["get", "deployment", "web", "-n", "shop"])["spec"]["replicas"]
        .as_i64()
        .unwrap()
}

/// Whether every field of `want` is in `live` with the same value (lists element by element).
fn subset(want: &Value, live: &Value) -> bool {
    match (want, live) {
        (Value::Object(w), Value::Object(l)) => w
            .iter()
            .all(|(k, v)| l.get(k).is_some_and(|lv| subset(v, lv))),
        (Value::Array(w), Value::Array(l)) => {
            w.len() == l.len() && w.iter().zip(l).all(|(a, b)| subset(a, b))
        }
        (w, l) => w == l,
    }
}
