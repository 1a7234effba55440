//! Federation planning benchmark: 10,000 resources of mixed kinds, half of them matched by
//! override policies, against 100 clusters in 10 regions. Prints the time to plan; asserts
//! nothing. Run with `cargo bench --bench fed_plan`.

use std::time::Instant;

// The same allocator as the tcs binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use serde_json::json;
use tcs::fed::{Inputs, Template, plan};

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("fed_plan benchmark: run it with cargo bench --bench fed_plan");
        return;
    }
    for (scenario, wide) in [
        ("regional: every resource stays in its team's region", false),
        (
            "wide: ConfigMaps and Services go to a third of all clusters",
            true,
        ),
    ] {
        let inputs = build(10_000, 100, wide);
        let policies =
            inputs.propagation_policies.len() + inputs.cluster_propagation_policies.len();
        let overrides = inputs.override_policies.len() + inputs.cluster_override_policies.len();
        // Warm up once, then report the median of five.
        drop(plan(&inputs));
        let mut times = Vec::new();
        let mut objects = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let p = plan(&inputs);
            times.push(started.elapsed());
            objects = p.clusters.values().map(Vec::len).sum::<usize>();
            assert!(
                p.errors.is_empty(),
                "{:?}",
                &p.errors[..p.errors.len().min(3)]
            );
        }
        times.sort();
        println!("fed plan, {scenario}");
        println!(
            "  {} resources, {} clusters, {policies} propagation and {overrides} override policies -> {objects} member objects",
            inputs.resources.len(),
            inputs.clusters.len()
        );
        println!(
            "  median {:.1} ms (min {:.1} ms, max {:.1} ms) over 5 runs; {:.2} us per member object",
            times[2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[4].as_secs_f64() * 1e3,
            times[2].as_secs_f64() * 1e6 / objects.max(1) as f64
        );
    }
}

fn build(resources: usize, clusters: usize, wide: bool) -> Inputs {
    let mut inputs = Inputs::default();
    for i in 0..clusters {
        inputs.clusters.push(
            serde_json::from_value(json!({
                "metadata": {"name": format!("member-{i:03}"), "labels": {"env": if i % 5 == 0 { "staging" } else { "prod" }, "tier": format!("t{}", i % 3)}},
                "spec": {"provider": "private", "region": format!("region-{}", i / 10), "zones": [format!("zone-{}", i % 4)]},
                "status": {"resourceSummary": {"allocatable": {"cpu": "64", "memory": "256Gi", "pods": "250"}, "allocated": {"cpu": format!("{}", i % 32), "memory": "32Gi", "pods": "50"}}}
            }))
            .unwrap(),
        );
    }
    let namespaces = 20;
    for n in 0..namespaces {
        let ns = format!("team-{n}");
        let region = format!("region-{}", n % 10);
        // Deployments: divided by static weight over one region's clusters.
        inputs.propagation_policies.push(
            serde_json::from_value(json!({
                "metadata": {"name": "deployments", "namespace": ns},
                "spec": {
                    "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "namespace": ns}],
                    "placement": {
                        "clusterAffinity": {"fieldSelector": {"matchExpressions": [{"key": "region", "operator": "In", "values": [region]}]}},
                        "replicaScheduling": {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted",
                            "weightPreference": {"staticWeightList": [
                                {"targetCluster": {"labelSelector": {"matchLabels": {"tier": "t0"}}}, "weight": 2},
                                {"targetCluster": {"labelSelector": {"matchLabels": {"env": "prod"}}}, "weight": 1}
                            ]}}
                    }
                }
            }))
            .unwrap(),
        );
        // StatefulSets: dynamic weights by available replicas, spread over 3 clusters.
        inputs.propagation_policies.push(
            serde_json::from_value(json!({
                "metadata": {"name": "stateful", "namespace": ns},
                "spec": {
                    "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "namespace": ns}],
                    "placement": {
                        "clusterAffinity": {"labelSelector": {"matchLabels": {"env": "prod"}}},
                        "spreadConstraints": [{"spreadByField": "cluster", "maxGroups": 3, "minGroups": 2}],
                        "replicaScheduling": {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Weighted",
                            "weightPreference": {"dynamicWeight": "AvailableReplicas"}}
                    }
                }
            }))
            .unwrap(),
        );
    }
    // ConfigMaps and Services: duplicated to the tier-1 clusters of all regions (wide) or to
    // every cluster of the team's region (regional).
    for (kind, api) in [("ConfigMap", "v1"), ("Service", "v1")] {
        if wide {
            inputs.cluster_propagation_policies.push(
                serde_json::from_value(json!({
                    "metadata": {"name": format!("{}-everywhere", kind.to_lowercase())},
                    "spec": {
                        "resourceSelectors": [{"apiVersion": api, "kind": kind}],
                        "placement": {"clusterAffinity": {"labelSelector": {"matchLabels": {"tier": "t1"}}}}
                    }
                }))
                .unwrap(),
            );
        } else {
            for n in 0..namespaces {
                let ns = format!("team-{n}");
                inputs.propagation_policies.push(
                    serde_json::from_value(json!({
                        "metadata": {"name": format!("{}-regional", kind.to_lowercase()), "namespace": ns},
                        "spec": {
                            "resourceSelectors": [{"apiVersion": api, "kind": kind, "namespace": ns}],
                            "placement": {"clusterAffinity": {"fieldSelector": {"matchExpressions": [{"key": "region", "operator": "In", "values": [format!("region-{}", n % 10)]}]}}}
                        }
                    }))
                    .unwrap(),
                );
            }
        }
    }
    // Half of the resources carry override=yes and get image, label and plaintext overrides.
    inputs.cluster_override_policies.push(
        serde_json::from_value(json!({
            "metadata": {"name": "regional"},
            "spec": {
                "resourceSelectors": [
                    {"apiVersion": "apps/v1", "kind": "Deployment", "labelSelector": {"matchLabels": {"override": "yes"}}},
                    {"apiVersion": "apps/v1", "kind": "StatefulSet", "labelSelector": {"matchLabels": {"override": "yes"}}},
                    {"apiVersion": "v1", "kind": "ConfigMap", "labelSelector": {"matchLabels": {"override": "yes"}}},
                    {"apiVersion": "v1", "kind": "Service", "labelSelector": {"matchLabels": {"override": "yes"}}}
                ],
                "overrideRules": [
                    {"targetCluster": {"labelSelector": {"matchLabels": {"tier": "t0"}}},
                     "overriders": {"imageOverrider": [{"component": "Registry", "operator": "replace", "value": "mirror.t0.example.com"}]}},
                    {"overriders": {"labelsOverrider": [{"operator": "add", "value": {"federated": "true"}}],
                                    "plaintext": [{"path": "/metadata/annotations", "operator": "add", "value": {"tcs.io/planned": "yes"}}]}}
                ]
            }
        }))
        .unwrap(),
    );
    for i in 0..resources {
        let ns = format!("team-{}", i % namespaces);
        let labels = if i % 2 == 0 {
            json!({"app": format!("app-{i}"), "override": "yes"})
        } else {
            json!({"app": format!("app-{i}")})
        };
        let pod = json!({"metadata": {"labels": {"app": format!("app-{i}")}}, "spec": {"containers": [
            {"name": "app", "image": format!("example/app-{}:v{}", i % 50, i % 7), "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}
        ]}});
        let value = match i % 4 {
            0 => {
                json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": format!("app-{i}"), "namespace": ns, "labels": labels, "uid": format!("uid-{i}")},
                        "spec": {"replicas": 3 + i % 8, "template": pod}})
            }
            1 => {
                json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": format!("db-{i}"), "namespace": ns, "labels": labels},
                        "spec": {"replicas": 2 + i % 3, "template": pod}})
            }
            2 => {
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("conf-{i}"), "namespace": ns, "labels": labels},
                        "data": {"config.yaml": format!("setting: {i}\n")}})
            }
            _ => {
                json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": format!("svc-{i}"), "namespace": ns, "labels": labels},
                        "spec": {"clusterIP": "10.96.0.10", "ports": [{"port": 80}], "selector": {"app": format!("app-{i}")}}})
            }
        };
        inputs.resources.push(Template::from_value(value).unwrap());
    }
    inputs
}
