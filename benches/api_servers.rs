//! Against real API servers (tests/common/apiserver.rs): `tcs fed apply` of 1,000 resources
//! (900 ConfigMaps, 100 Deployments divided by static weights) to 10 member control planes,
//! first run and a second that changes nothing, with the requests each member's API server
//! counted (its `apiserver_request_total`); then `tcs addon enable monitoring` end to end on
//! the global cluster (the Prometheus operator running, kwok nodes). Prints figures; asserts
//! nothing. Run with `scripts/bench-api [--members=N] [--resources=N]`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::Instant;

use common::apiserver::ControlPlane;

fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .find_map(|a| {
            a.strip_prefix(&format!("--{name}="))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(default)
}

/// The API server's request count so far (every verb, resource and code).
fn requests(cp: &ControlPlane) -> f64 {
    let metrics = cp.kubectl_ok(&["get", "--raw", "/metrics"]);
    metrics
        .lines()
        .filter(|l| l.starts_with("apiserver_request_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

fn resources(n: usize, members: &[String]) -> String {
    let deployments = n / 10;
    let mut s = String::from("apiVersion: v1\nkind: Namespace\nmetadata: {name: bench}\n");
    for i in 0..n - deployments {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm-{i}, namespace: bench, labels: {{bench: \"yes\"}}}}\ndata: {{index: \"{i}\", payload: \"{}\"}}\n",
            "x".repeat(256)
        ));
    }
    for i in 0..deployments {
        s.push_str(&format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web-{i}, namespace: bench}}\nspec:\n  replicas: {}\n  selector: {{matchLabels: {{app: web-{i}}}}}\n  template:\n    metadata: {{labels: {{app: web-{i}}}}}\n    spec: {{containers: [{{name: web, image: registry.k8s.io/pause:3.10.2}}]}}\n",
            members.len() * 2
        ));
    }
    let weights: Vec<String> = members
        .iter()
        .map(|m| format!("          - {{targetCluster: {{clusterNames: [{m}]}}, weight: 1}}"))
        .collect();
    s.push_str(&format!(
        "---\napiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {{name: bench}}\nspec:\n  resourceSelectors:\n    - {{apiVersion: v1, kind: Namespace, name: bench}}\n    - {{apiVersion: v1, kind: ConfigMap, namespace: bench}}\n  placement: {{clusterAffinity: {{labelSelector: {{matchLabels: {{bench: \"yes\"}}}}}}}}\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {{name: web, namespace: bench}}\nspec:\n  resourceSelectors: [{{apiVersion: apps/v1, kind: Deployment}}]\n  placement:\n    clusterAffinity: {{labelSelector: {{matchLabels: {{bench: \"yes\"}}}}}}\n    replicaScheduling:\n      replicaSchedulingType: Divided\n      replicaDivisionPreference: Weighted\n      weightPreference:\n        staticWeightList:\n{}\n",
        weights.join("\n")
    ));
    s
}

fn fed_apply(global: &ControlPlane, file: &Path, members: &[ControlPlane], label: &str) {
    let before: Vec<f64> = members.iter().map(requests).collect();
    let started = Instant::now();
    let out = common::succeeded(
        global
            .tcs_global()
            .args(["fed", "apply", "-o", "json", "-f"])
            .arg(file)
            .output()
            .unwrap(),
        "tcs fed apply",
    );
    let secs = started.elapsed().as_secs_f64();
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outcomes = report["outcomes"].as_array().map(Vec::len).unwrap_or(0);
    let counts: Vec<f64> = members
        .iter()
        .zip(&before)
        .map(|(m, b)| requests(m) - b)
        .collect();
    let (min, max) = counts
        .iter()
        .fold((f64::MAX, 0f64), |(lo, hi), c| (lo.min(*c), hi.max(*c)));
    println!(
        "fed apply ({label}): {secs:.1} s, {outcomes} member objects, requests per member {min:.0}..{max:.0} (mean {:.0})",
        counts.iter().sum::<f64>() / counts.len() as f64
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("API-server benchmark: run it with scripts/bench-api");
        return;
    }
    if !common::go_available() || common::image().is_none() {
        eprintln!("needs Go and a Docker engine (the components are built with them)");
        std::process::exit(2);
    }
    let n_members = arg("members", 10);
    let n_resources = arg("resources", 1000);
    let started = Instant::now();
    let mut global = ControlPlane::start("global");
    let names: Vec<String> = (1..=n_members).map(|i| format!("m{i}")).collect();
    // Each member with a Ready node: a member without one is NotReady, and tainted.
    let members: Vec<ControlPlane> = names
        .iter()
        .map(|n| {
            let m = ControlPlane::start(n);
            m.add_node(&format!("{n}-node"), "64", "256Gi", 500);
            m
        })
        .collect();
    println!(
        "{} control planes up: {:.1} s",
        n_members + 1,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    for (name, m) in names.iter().zip(&members) {
        common::succeeded(
            global
                .tcs_global()
                .args(["cluster", "join", name, "--kubeconfig"])
                .arg(&m.kubeconfig)
                .args(["--labels", "bench=yes"])
                .output()
                .unwrap(),
            "tcs cluster join",
        );
    }
    println!(
        "tcs cluster join x{n_members}: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("set.yaml");
    std::fs::write(&file, resources(n_resources, &names)).unwrap();
    println!("{n_resources} resources to {n_members} members:");
    fed_apply(&global, &file, &members, "first");
    fed_apply(&global, &file, &members, "again, nothing to change");
    drop(members);

    // tcs addon enable monitoring, end to end, on the global cluster.
    global.start_prometheus_operator();
    for n in ["n1", "n2", "n3"] {
        global.add_node(n, "16", "64Gi", 250);
    }
    let inv = dir.path().join("inventory.yaml");
    std::fs::write(
        &inv,
        format!(
            "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: bench}}\nspec:\n  hosts:\n    - {{name: h1, address: 192.0.2.10}}\n  clusters:\n    - name: global\n      role: global\n      kubernetes: {{version: \"{}\"}}\n      controlPlane: {{hosts: [h1]}}\n",
            common::components().get("KUBERNETES")
        ),
    )
    .unwrap();
    let mirror = format!("file://{}", common::components().mirror().display());
    let started = Instant::now();
    let out = common::succeeded(
        global
            .tcs_global()
            .args(["addon", "enable", "monitoring", "--cluster", "global", "-f"])
            .arg(&inv)
            .arg("--state-dir")
            .arg(dir.path().join("state"))
            .arg("--kubeconfig")
            .arg(&global.kubeconfig)
            .args(["--mirror", &mirror, "--timeout", "600", "-o", "json"])
            .output()
            .unwrap(),
        "tcs addon enable monitoring",
    );
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    println!(
        "tcs addon enable monitoring: {:.1} s, {} objects, healthy",
        started.elapsed().as_secs_f64(),
        rows[0]["objects"]
    );
}
