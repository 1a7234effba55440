//! The federation engine against Karmada's own code: random inputs from a seed, planned by
//! `tcs::fed` and by the oracle built on Karmada v1.18.2's packages (tests/karmada-oracle,
//! built by scripts/testhosts/build-karmada-oracle), compared on policy, placement, replicas per
//! cluster, member objects and errors.
//!
//! `TCS_FED_ORACLE_CASES` sets how many cases (default 2,000), `TCS_FED_ORACLE_SEED` the first
//! seed (default 1). A disagreement prints its seed and writes the case, minimised (documents
//! dropped while the disagreement stays), under `target/fed-oracle/`.
//!
//! Deliberate differences, excluded by rule (the generator does not produce them):
//! - tcs reads a Cluster without `status.apiEnablements` as serving every API (clusters written
//!   by hand or by `tcs cluster join` before its first status); Karmada as serving none. Every
//!   generated Cluster lists its APIs.
//! - A binding that fails to schedule: Karmada clears `spec.clusters` on a fit error and keeps
//!   the previous ones on any other error; tcs's plan shows the error and no clusters either
//!   way. The oracle reports no clusters too, so errors compare by resource and cluster.
//! - Error texts differ; errors compare by (resource, cluster), invalid inputs by refusal.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// Cluster names, labels and topology the generator draws from.
const REGIONS: &[&str] = &["r1", "r2", "r3"];
const PROVIDERS: &[&str] = &["p1", "p2"];
const NAMESPACES: &[&str] = &["app", "web"];

/// A case's documents.
struct Case {
    seed: u64,
    docs: Vec<Value>,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.usize(..xs.len())]
}

fn some(rng: &mut fastrand::Rng, percent: u8) -> bool {
    rng.u8(..100) < percent
}

fn cluster(rng: &mut fastrand::Rng, i: usize) -> Value {
    let mut labels = serde_json::Map::new();
    labels.insert("env".into(), json!(pick(rng, &["prod", "dev"])));
    if some(rng, 40) {
        labels.insert("tier".into(), json!(pick(rng, &["edge", "core"])));
    }
    if some(rng, 20) {
        labels.insert("gpu".into(), json!("true"));
    }
    let region = *pick(rng, REGIONS);
    let mut spec = json!({"provider": pick(rng, PROVIDERS), "region": region,
        "zones": [format!("{region}-{}", pick(rng, &["a", "b"]))]});
    if some(rng, 20) {
        spec["taints"] = json!([{"key": "dedicated", "value": pick(rng, &["gpu", "infra"]),
            "effect": pick(rng, &["NoSchedule", "NoExecute"])}]);
    }
    let cpu = rng.i64(1..=64);
    let pods = rng.i64(10..=110);
    let mut kinds = [
        ("apps/v1", vec!["Deployment", "StatefulSet"]),
        ("v1", vec!["ConfigMap", "Service", "Namespace"]),
        ("batch/v1", vec!["Job"]),
    ];
    if some(rng, 10) {
        let g = rng.usize(..kinds.len());
        kinds[g].1.remove(0);
    }
    let enablements: Vec<Value> = kinds
        .iter()
        .map(|(gv, ks)| {
            json!({"groupVersion": gv, "resources": ks.iter().map(|k| json!({
                "name": format!("{}s", k.to_lowercase()), "kind": k})).collect::<Vec<_>>()})
        })
        .collect();
    let mut status = json!({"apiEnablements": enablements});
    if some(rng, 85) {
        status["resourceSummary"] = json!({
            "allocatable": {"cpu": cpu.to_string(), "memory": format!("{}Gi", cpu * 4), "pods": pods.to_string()},
            "allocated": {"cpu": rng.i64(0..=cpu).to_string(), "memory": format!("{}Gi", rng.i64(0..=cpu * 4)),
                "pods": rng.i64(0..=pods).to_string()},
        });
    }
    json!({"apiVersion": "cluster.karmada.io/v1alpha1", "kind": "Cluster",
        "metadata": {"name": format!("c{i}"), "labels": labels}, "spec": spec, "status": status})
}

fn pod_spec(rng: &mut fastrand::Rng) -> Value {
    let mut c = json!({"name": "main", "image": pick(rng, &["nginx:1.25", "registry.k8s.io/pause:3.10",
        "docker.io/library/busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        "harbor.lan:5000/team/app:v2"]), "command": ["/bin/app"], "args": ["--port=80"]});
    if some(rng, 60) {
        c["resources"] = json!({"requests": {"cpu": format!("{}m", rng.i64(100..=2000)),
            "memory": format!("{}Mi", rng.i64(64..=4096))}});
    }
    json!({"containers": [c]})
}

fn template(rng: &mut fastrand::Rng, i: usize) -> Value {
    let kind = *pick(
        rng,
        &[
            "Deployment",
            "Deployment",
            "StatefulSet",
            "Job",
            "ConfigMap",
            "Service",
            "Namespace",
        ],
    );
    let api_version = match kind {
        "Deployment" | "StatefulSet" => "apps/v1",
        "Job" => "batch/v1",
        _ => "v1",
    };
    let name = format!("{}{i}", kind.to_lowercase());
    let mut metadata = json!({"name": name, "labels": {"app": pick(rng, &["a", "b"])}});
    if some(rng, 30) {
        metadata["labels"]["tier"] = json!(pick(rng, &["front", "back"]));
    }
    if kind != "Namespace" {
        metadata["namespace"] = json!(pick(rng, NAMESPACES));
    }
    // Every template in Karmada has a uid (the API server's).
    metadata["uid"] = json!(format!(
        "00000000-0000-0000-0000-{:012x}",
        rng.u64(..1 << 40)
    ));
    if some(rng, 30) {
        metadata["generation"] = json!(rng.i64(1..=5));
    }
    let spec = match kind {
        "Deployment" | "StatefulSet" => json!({"replicas": rng.i64(0..=12),
            "selector": {"matchLabels": {"app": "x"}},
            "template": {"metadata": {"labels": {"app": "x"}}, "spec": pod_spec(rng)}}),
        "Job" => {
            let mut s = json!({"parallelism": rng.i64(1..=6),
                "template": {"spec": pod_spec(rng)}});
            if some(rng, 50) {
                s["completions"] = json!(rng.i64(1..=20));
            }
            s
        }
        "Service" => json!({"ports": [{"port": 80}], "clusterIP": "10.0.0.1"}),
        _ => Value::Null,
    };
    let mut t = json!({"apiVersion": api_version, "kind": kind, "metadata": metadata});
    if !spec.is_null() {
        t["spec"] = spec;
    }
    if kind == "ConfigMap" {
        t["data"] = json!({"config.json": "{\"level\": \"info\"}", "mode": "a"});
    }
    t
}

fn selector(rng: &mut fastrand::Rng, t: &Value, cluster_policy: bool) -> Value {
    let mut s = json!({"apiVersion": t["apiVersion"], "kind": t["kind"]});
    match rng.u8(..4) {
        0 => s["name"] = t["metadata"]["name"].clone(),
        1 => s["labelSelector"] = json!({"matchLabels": {"app": pick(rng, &["a", "b"])}}),
        2 => {
            let op = *pick(rng, &["In", "NotIn", "Exists", "DoesNotExist"]);
            let values = match op {
                "In" | "NotIn" => json!([pick(rng, &["front", "back"])]),
                _ => json!([]),
            };
            s["labelSelector"] =
                json!({"matchExpressions": [{"key": "tier", "operator": op, "values": values}]})
        }
        _ => {}
    }
    if cluster_policy && some(rng, 40) && t["metadata"].get("namespace").is_some() {
        s["namespace"] = t["metadata"]["namespace"].clone();
    }
    s
}

fn cluster_names(rng: &mut fastrand::Rng, n: usize) -> Vec<String> {
    (0..n)
        .filter(|_| some(rng, 50))
        .map(|i| format!("c{i}"))
        .collect()
}

fn affinity(rng: &mut fastrand::Rng, n: usize) -> Value {
    let mut a = json!({});
    if some(rng, 30) {
        a["clusterNames"] = json!(cluster_names(rng, n));
    }
    if some(rng, 15) {
        a["exclude"] = json!(cluster_names(rng, n));
    }
    if some(rng, 30) {
        a["labelSelector"] = json!({"matchLabels": {"env": pick(rng, &["prod", "dev"])}});
    }
    if some(rng, 30) {
        let key = *pick(rng, &["provider", "region", "zone"]);
        // Karmada's admission takes only In and NotIn here; now and then another, to compare
        // refusals.
        let op = match some(rng, 90) {
            true => *pick(rng, &["In", "NotIn"]),
            false => *pick(rng, &["Exists", "DoesNotExist"]),
        };
        let values = match (op, key) {
            ("Exists" | "DoesNotExist", _) => json!([]),
            (_, "provider") => json!([pick(rng, PROVIDERS)]),
            (_, "region") => json!([pick(rng, REGIONS)]),
            _ => json!(["r1-a", "r2-b"]),
        };
        a["fieldSelector"] =
            json!({"matchExpressions": [{"key": key, "operator": op, "values": values}]});
    }
    a
}

fn placement(rng: &mut fastrand::Rng, n: usize) -> Value {
    let mut p = json!({});
    if some(rng, 25) {
        let terms: Vec<Value> = (0..rng.usize(1..=3))
            .map(|i| {
                let mut a = affinity(rng, n);
                a["affinityName"] = json!(format!("term{i}"));
                a
            })
            .collect();
        p["clusterAffinities"] = json!(terms);
    } else if some(rng, 70) {
        p["clusterAffinity"] = affinity(rng, n);
    }
    if some(rng, 25) {
        p["clusterTolerations"] = json!([{"key": "dedicated", "operator": "Equal",
            "value": pick(rng, &["gpu", "infra"]), "effect": pick(rng, &["NoSchedule", "NoExecute"])}]);
    }
    if some(rng, 20) {
        let field = *pick(rng, &["region", "provider", "zone"]);
        let min = rng.i64(1..=2);
        let mut constraints = vec![json!({"spreadByField": field, "minGroups": min,
            "maxGroups": min + rng.i64(0..=1)})];
        if some(rng, 70) {
            let cmin = rng.i64(1..=3);
            constraints.push(json!({"spreadByField": "cluster", "minGroups": cmin,
                "maxGroups": cmin + rng.i64(0..=2)}));
        }
        p["spreadConstraints"] = json!(constraints);
    } else if some(rng, 10) {
        let min = rng.i64(1..=3);
        p["spreadConstraints"] = json!([{"spreadByField": "cluster", "minGroups": min, "maxGroups": min + rng.i64(0..=2)}]);
    }
    match rng.u8(..6) {
        0 => {}
        1 => p["replicaScheduling"] = json!({"replicaSchedulingType": "Duplicated"}),
        2 => {
            let list: Vec<Value> = (0..rng.usize(1..=3))
                .map(|_| {
                    let target = if some(rng, 50) {
                        json!({"clusterNames": cluster_names(rng, n)})
                    } else {
                        json!({"labelSelector": {"matchLabels": {"env": pick(rng, &["prod", "dev"])}}})
                    };
                    json!({"targetCluster": target, "weight": rng.i64(1..=5)})
                })
                .collect();
            p["replicaScheduling"] = json!({"replicaSchedulingType": "Divided",
                "replicaDivisionPreference": "Weighted", "weightPreference": {"staticWeightList": list}});
        }
        3 => {
            p["replicaScheduling"] = json!({"replicaSchedulingType": "Divided",
                "replicaDivisionPreference": "Weighted",
                "weightPreference": {"dynamicWeight": "AvailableReplicas"}})
        }
        4 => {
            p["replicaScheduling"] = json!({"replicaSchedulingType": "Divided",
                "replicaDivisionPreference": "Aggregated"})
        }
        _ => p["replicaScheduling"] = json!({"replicaSchedulingType": "Divided"}),
    }
    p
}

fn overriders(rng: &mut fastrand::Rng) -> Value {
    let mut o = json!({});
    if some(rng, 35) {
        let (op, path, value) = match rng.u8(..5) {
            0 => ("replace", "/metadata/labels/app", json!("over")),
            1 => ("add", "/metadata/annotations/note", json!("x")),
            2 => ("add", "/spec/missing/field", json!(1)),
            3 => ("remove", "/metadata/labels/tier", Value::Null),
            _ => ("replace", "/spec/replicas", json!(7)),
        };
        let mut item = json!({"path": path, "operator": op});
        if !value.is_null() {
            item["value"] = value;
        }
        o["plaintext"] = json!([item]);
    }
    if some(rng, 35) {
        let component = *pick(rng, &["Registry", "Repository", "Tag"]);
        let operator = *pick(rng, &["add", "replace", "remove"]);
        let mut item = json!({"component": component, "operator": operator});
        if operator != "remove" {
            item["value"] = json!(match component {
                "Registry" => "mirror.lan",
                "Repository" => "mirrored/app",
                _ => "v9",
            });
        }
        if some(rng, 30) {
            item["predicate"] = json!({"path": "/spec/template/spec/containers/0/image"});
        }
        o["imageOverrider"] = json!([item]);
    }
    if some(rng, 20) {
        let field = *pick(rng, &["commandOverrider", "argsOverrider"]);
        o[field] = json!([{"containerName": pick(rng, &["main", "other"]),
            "operator": pick(rng, &["add", "remove"]), "value": ["--verbose"]}]);
    }
    if some(rng, 25) {
        let field = *pick(rng, &["labelsOverrider", "annotationsOverrider"]);
        let operator = *pick(rng, &["add", "replace", "remove"]);
        o[field] = json!([{"operator": operator, "value": {"app": "ov", "extra": "1"}}]);
    }
    o
}

fn override_policy(rng: &mut fastrand::Rng, i: usize, n: usize, ts: &[Value]) -> Value {
    let cluster_scoped = some(rng, 35);
    let t = pick(rng, ts);
    let mut spec = json!({});
    if some(rng, 80) {
        spec["resourceSelectors"] = json!([selector(rng, t, cluster_scoped)]);
    }
    let rules: Vec<Value> = (0..rng.usize(1..=2))
        .map(|_| {
            let mut r = json!({"overriders": overriders(rng)});
            if some(rng, 60) {
                r["targetCluster"] = affinity(rng, n);
            }
            r
        })
        .collect();
    if some(rng, 15) {
        spec["targetCluster"] = affinity(rng, n);
        spec["overriders"] = rules[0]["overriders"].clone();
    } else {
        spec["overrideRules"] = json!(rules);
    }
    let mut metadata = json!({"name": format!("op{i}")});
    let kind = if cluster_scoped {
        "ClusterOverridePolicy"
    } else {
        metadata["namespace"] = json!(pick(rng, NAMESPACES));
        "OverridePolicy"
    };
    json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": kind, "metadata": metadata, "spec": spec})
}

fn propagation_policy(rng: &mut fastrand::Rng, i: usize, n: usize, ts: &[Value]) -> Value {
    let cluster_scoped = some(rng, 35);
    let selectors: Vec<Value> = (0..rng.usize(1..=2))
        .map(|_| {
            let t = pick(rng, ts);
            selector(rng, t, cluster_scoped)
        })
        .collect();
    let mut spec = json!({"resourceSelectors": selectors, "placement": placement(rng, n)});
    if some(rng, 40) {
        spec["priority"] = json!(rng.i64(0..=3));
    }
    if some(rng, 10) {
        spec["conflictResolution"] = json!(pick(rng, &["Abort", "Overwrite"]));
    }
    let mut metadata = json!({"name": format!("pp{}", rng.usize(..3) * 10 + i)});
    let kind = if cluster_scoped {
        "ClusterPropagationPolicy"
    } else {
        metadata["namespace"] = json!(pick(rng, NAMESPACES));
        "PropagationPolicy"
    };
    json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": kind, "metadata": metadata, "spec": spec})
}

/// A previous binding for a workload: some of the clusters with some replicas.
fn binding(rng: &mut fastrand::Rng, t: &Value, n: usize) -> Value {
    let clusters: Vec<Value> = cluster_names(rng, n)
        .into_iter()
        .map(|name| json!({"name": name, "replicas": rng.i64(1..=6)}))
        .collect();
    let m = &t["metadata"];
    let kind = t["kind"].as_str().unwrap_or_default();
    let mut resource = json!({"apiVersion": t["apiVersion"], "kind": kind, "namespace": m["namespace"], "name": m["name"]});
    if let Some(uid) = m.get("uid") {
        resource["uid"] = uid.clone();
    }
    json!({"apiVersion": "work.karmada.io/v1alpha2", "kind": "ResourceBinding",
        "metadata": {"name": format!("{}-{}", m["name"].as_str().unwrap_or_default(), kind.to_lowercase()),
            "namespace": m["namespace"]},
        "spec": {"resource": resource, "clusters": clusters}})
}

/// One random case from `seed`.
fn generate(seed: u64) -> Case {
    let mut rng = fastrand::Rng::with_seed(seed);
    let n = rng.usize(1..=6);
    let mut docs: Vec<Value> = (0..n).map(|i| cluster(&mut rng, i)).collect();
    let ts: Vec<Value> = (0..rng.usize(1..=5))
        .map(|i| template(&mut rng, i))
        .collect();
    for i in 0..rng.usize(1..=3) {
        docs.push(propagation_policy(&mut rng, i, n, &ts));
    }
    for i in 0..rng.usize(0..=2) {
        docs.push(override_policy(&mut rng, i, n, &ts));
    }
    for t in &ts {
        let workload = matches!(
            t["kind"].as_str(),
            Some("Deployment" | "StatefulSet" | "Job")
        );
        if workload && some(&mut rng, 30) {
            docs.push(binding(&mut rng, t, n));
        }
    }
    docs.extend(ts);
    Case { seed, docs }
}

fn write_case(path: &Path, docs: &[Value]) {
    let text: Vec<String> = docs
        .iter()
        .map(|d| serde_json::to_string_pretty(d).unwrap())
        .collect();
    std::fs::write(path, text.join("\n---\n") + "\n").unwrap();
}

/// What a planner said about a case, in the form both are compared in.
#[derive(Debug, PartialEq)]
enum Outcome {
    Invalid(String),
    Plan {
        placements: BTreeMap<String, Value>,
        clusters: Value,
        errors: Vec<(String, Option<String>)>,
    },
}

fn resource_key(r: &Value) -> String {
    format!(
        "{} {} {}/{}",
        r["apiVersion"].as_str().unwrap_or_default(),
        r["kind"].as_str().unwrap_or_default(),
        r["namespace"].as_str().unwrap_or_default(),
        r["name"].as_str().unwrap_or_default()
    )
}

fn outcome(plan: &Value) -> Outcome {
    if let Some(msg) = plan.get("invalid").and_then(Value::as_str) {
        return Outcome::Invalid(msg.to_string());
    }
    let placements = plan["placements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut clusters = p["clusters"].as_array().cloned().unwrap_or_default();
            clusters.sort_by_key(|c| c["name"].as_str().unwrap_or_default().to_string());
            let policy = match &p["policy"] {
                Value::Null => Value::Null,
                pol => {
                    json!({"kind": pol["kind"], "namespace": pol["namespace"], "name": pol["name"]})
                }
            };
            (
                resource_key(&p["resource"]),
                json!({"policy": policy, "clusters": clusters}),
            )
        })
        .collect();
    let mut errors: Vec<(String, Option<String>)> = plan["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                resource_key(&e["resource"]),
                e["cluster"].as_str().map(str::to_string),
            )
        })
        .collect();
    errors.sort();
    Outcome::Plan {
        placements,
        clusters: plan["clusters"].clone(),
        errors,
    }
}

fn tcs_outcome(path: &Path) -> Outcome {
    match tcs::fed::load_files(&[path.to_path_buf()]) {
        Err(e) => Outcome::Invalid(e.to_string()),
        Ok(inputs) => outcome(&serde_json::to_value(tcs::fed::plan(&inputs)).unwrap()),
    }
}

fn oracle_outcomes(oracle: &Path, files: &[PathBuf]) -> Vec<Outcome> {
    let out = Command::new(oracle).args(files).output().unwrap();
    assert!(
        out.status.success(),
        "karmada-oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| outcome(&serde_json::from_str(l).unwrap()))
        .collect()
}

/// What an admission refusal is about: its field path, without indices and values.
fn refusal_kind(message: &str) -> String {
    let field = message.split(": ").nth(1).unwrap_or(message);
    field
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '[' && *c != ']')
        .collect()
}

fn same(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Invalid(_), Outcome::Invalid(_)) => true,
        _ => a == b,
    }
}

/// What a difference is about (its text up to the first colon), so that minimising keeps the
/// disagreement it started from.
fn topic(difference: &str) -> &str {
    difference.split(':').next().unwrap_or(difference)
}

/// Drops documents one at a time while the two planners still disagree about the same thing.
fn minimise(oracle: &Path, case: &Case, dir: &Path, first: &str) -> Vec<Value> {
    let mut docs = case.docs.clone();
    let probe = dir.join(format!("probe-{}.yaml", case.seed));
    let mut i = 0;
    while i < docs.len() {
        let mut fewer = docs.clone();
        fewer.remove(i);
        write_case(&probe, &fewer);
        let theirs = oracle_outcomes(oracle, std::slice::from_ref(&probe)).remove(0);
        let ours = tcs_outcome(&probe);
        if !same(&ours, &theirs) && topic(&difference(&ours, &theirs)) == topic(first) {
            docs = fewer;
        } else {
            i += 1;
        }
    }
    let _ = std::fs::remove_file(probe);
    docs
}

/// The first difference between two outcomes, for the failure message.
fn difference(ours: &Outcome, theirs: &Outcome) -> String {
    match (ours, theirs) {
        (Outcome::Invalid(m), Outcome::Plan { .. }) => format!("tcs refuses ({m}); Karmada plans"),
        (Outcome::Plan { .. }, Outcome::Invalid(m)) => format!("Karmada refuses ({m}); tcs plans"),
        (
            Outcome::Plan {
                placements: p1,
                clusters: c1,
                errors: e1,
            },
            Outcome::Plan {
                placements: p2,
                clusters: c2,
                errors: e2,
            },
        ) => {
            for (k, v) in p1 {
                if p2.get(k) != Some(v) {
                    return format!("placement of {k}: tcs {v}, Karmada {:?}", p2.get(k));
                }
            }
            if e1 != e2 {
                return format!("errors: tcs {e1:?}, Karmada {e2:?}");
            }
            let (o1, o2) = (c1.as_object().unwrap(), c2.as_object().unwrap());
            for name in o1.keys().chain(o2.keys()) {
                if o1.get(name) != o2.get(name) {
                    return format!(
                        "objects in {name}:\n  tcs     {}\n  Karmada {}",
                        o1.get(name).map(Value::to_string).unwrap_or_default(),
                        o2.get(name).map(Value::to_string).unwrap_or_default()
                    );
                }
            }
            "placements differ in number".into()
        }
        _ => unreachable!(),
    }
}

#[test]
fn tcs_plans_what_karmada_plans_over_generated_inputs() {
    require_components!();
    let oracle = common::built_by("build-karmada-oracle");
    let count: u64 = std::env::var("TCS_FED_ORACLE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let first: u64 = std::env::var("TCS_FED_ORACLE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<Case> = (first..first + count).map(generate).collect();
    let files: Vec<PathBuf> = cases
        .iter()
        .map(|c| {
            let f = dir.path().join(format!("case-{}.yaml", c.seed));
            write_case(&f, &c.docs);
            f
        })
        .collect();
    let theirs: Vec<Outcome> = files
        .chunks(500)
        .flat_map(|chunk| oracle_outcomes(&oracle, chunk))
        .collect();
    let failures_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fed-oracle");
    let mut failures = Vec::new();
    let (mut planned, mut refused) = (0, 0);
    let mut refusals: BTreeMap<String, usize> = BTreeMap::new();
    for ((case, file), theirs) in cases.iter().zip(&files).zip(&theirs) {
        let ours = tcs_outcome(file);
        match &theirs {
            Outcome::Invalid(why) => {
                refused += 1;
                *refusals.entry(refusal_kind(why)).or_insert(0) += 1;
            }
            Outcome::Plan { .. } => planned += 1,
        }
        if same(&ours, theirs) {
            continue;
        }
        let why = difference(&ours, theirs);
        if failures.len() < 12 {
            std::fs::create_dir_all(&failures_dir).unwrap();
            let min = minimise(&oracle, case, dir.path(), &why);
            let out = failures_dir.join(format!("seed-{}.yaml", case.seed));
            write_case(&out, &min);
            failures.push(format!(
                "seed {} (minimised: {}): {why}",
                case.seed,
                out.display()
            ));
        } else {
            failures.push(format!("seed {}: {why}", case.seed));
        }
    }
    eprintln!(
        "fed oracle: {count} cases from seed {first}: {planned} planned, {refused} refused by Karmada's admission, {} disagreements",
        failures.len()
    );
    eprintln!("refused for: {refusals:#?}");
    std::fs::create_dir_all(&failures_dir).unwrap();
    std::fs::write(failures_dir.join("report.txt"), failures.join("\n") + "\n").unwrap();
    assert!(
        failures.is_empty(),
        "{} of {count} cases disagree with Karmada:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
