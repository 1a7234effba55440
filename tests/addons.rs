//! The addon catalog through the CLI: every addon renders for every cluster of every example
//! inventory; every rendered object validates against the Kubernetes OpenAPI schema of the
//! cluster's version (PyPI `kubernetes-validate --strict`, installed by scripts/test) and every
//! custom resource against its CRD's openAPIV3Schema (made strict: unknown fields fail); the
//! images the render runs are the ones addon.yaml declares; bad values fail before anything is
//! applied, naming the key, the addon and who set it. Upstream files come from the pinned
//! folder (`../shared/upstream` or `TCS_UPSTREAM_DIR`) served as a file mirror, or else the same
//! files taken from the repositories' Go modules by `scripts/testhosts/build-components`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;

const ADDONS: &[&str] = &[
    "colocation",
    "federation",
    "karmada",
    "lb",
    "logging",
    "monitoring",
    "vgpu",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Env {
    dir: tempfile::TempDir,
    mirror: PathBuf,
    /// Whether the mirror holds the pinned upstream files (addons with `sources` need them).
    upstream: bool,
}

/// An environment with the pinned upstream files as a mirror, or `None` (said loudly).
fn env() -> Option<Env> {
    let e = env_any();
    if !e.upstream {
        eprintln!("\n*** SKIPPED: ../shared/upstream not found (set TCS_UPSTREAM_DIR) ***\n");
        return None;
    }
    Some(e)
}

/// An environment whether or not the upstream files are here: addons without pinned sources
/// (and every check that fails before a file is read) need none.
fn env_any() -> Env {
    let dir = tempfile::tempdir().unwrap();
    match common::upstream_dir() {
        Some(upstream) => {
            let mirror = common::upstream_mirror(&upstream, &dir.path().join("mirror"));
            Env {
                dir,
                mirror,
                upstream: true,
            }
        }
        // The same pinned files from the repositories' Go modules (build-components checks
        // each against its pin), where this machine builds the components.
        None if common::go_available() && common::image().is_some() => Env {
            mirror: common::components().mirror(),
            dir,
            upstream: true,
        },
        None => {
            let mirror = dir.path().join("empty-mirror");
            std::fs::create_dir_all(&mirror).unwrap();
            Env {
                dir,
                mirror,
                upstream: false,
            }
        }
    }
}

impl Env {
    fn tcs(&self) -> Command {
        let mut cmd = Command::cargo_bin("tcs").unwrap();
        cmd.env_remove("TCS_INVENTORY")
            .env_remove("TCS_ADDONS_DIR")
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .env("TCS_STATE_DIR", self.dir.path().join("state"))
            .arg("-q");
        cmd
    }

    fn render(&self, inventory: &Path, cluster: &str, addon: &str, extra: &[&str]) -> String {
        let out = self
            .tcs()
            .args(["addon", "render", addon, "--cluster", cluster, "-f"])
            .arg(inventory)
            .arg("--mirror")
            .arg(&self.mirror)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "render {addon} for {cluster} of {}: {}",
            inventory.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn inventories() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("inventories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// (cluster name, Kubernetes minor) of each cluster of an inventory.
fn clusters(inventory: &Path) -> Vec<(String, String)> {
    let doc: Value = serde_saphyr::from_str(&std::fs::read_to_string(inventory).unwrap()).unwrap();
    doc["spec"]["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let v = c["kubernetes"]["version"]
                .as_str()
                .unwrap_or("1.36.4")
                .trim_start_matches('v');
            let minor = v.split('.').take(2).collect::<Vec<_>>().join(".");
            (c["name"].as_str().unwrap().to_string(), minor)
        })
        .collect()
}

fn docs(yaml: &str) -> Vec<Value> {
    serde_saphyr::from_multiple::<Value>(yaml)
        .unwrap()
        .into_iter()
        .filter(|d| !d.is_null())
        .collect()
}

fn kubernetes_validate() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TCS_KUBERNETES_VALIDATE") {
        return Some(PathBuf::from(p));
    }
    let venv =
        PathBuf::from(std::env::var_os("HOME")?).join(".cache/tcs/venv/bin/kubernetes-validate");
    if venv.exists() {
        return Some(venv);
    }
    StdCommand::new("kubernetes-validate")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("kubernetes-validate"))
}

fn is_builtin_group(api_version: &str) -> bool {
    match api_version.rsplit_once('/') {
        None => true,
        Some((g, _)) => !g.contains('.') || g.ends_with(".k8s.io"),
    }
}

/// A CRD version schema made strict the way `kubectl --validate=strict` treats unknown
/// fields: every object schema with properties and no preserve-unknown-fields rejects others.
fn strict(schema: &mut Value) {
    match schema {
        Value::Object(m) => {
            let preserve =
                m.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true));
            if m.contains_key("properties") && !m.contains_key("additionalProperties") && !preserve
            {
                m.insert("additionalProperties".into(), Value::Bool(false));
            }
            for v in m.values_mut() {
                strict(v);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strict),
        _ => {}
    }
}

#[test]
fn every_addon_renders_for_every_example_inventory_and_validates() {
    let env = env_any();
    let catalog = tcs::addon::Catalog::builtin().unwrap();
    let addons: Vec<&str> = ADDONS
        .iter()
        .copied()
        .filter(|a| env.upstream || catalog.get(a).unwrap().meta.sources.is_empty())
        .collect();
    if !env.upstream {
        eprintln!(
            "\n*** SKIPPED for the addons with pinned upstream files (../shared/upstream not found; set TCS_UPSTREAM_DIR): checking {addons:?} only ***\n"
        );
    }
    let out = env.dir.path().join("rendered");
    std::fs::create_dir_all(&out).unwrap();
    let mut by_minor: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut all: Vec<(String, Value)> = Vec::new();
    let mut renders = 0;
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for inv in inventories() {
        for (cluster, minor) in clusters(&inv) {
            for addon in &addons {
                let mut variants: Vec<Vec<&str>> = vec![vec![]];
                if *addon == "lb" {
                    // The BGP half of the schema too.
                    variants.push(vec![
                        "--set",
                        "addressPools=[{name: bgp, mode: bgp, addresses: [10.99.0.0/28], aggregationLength: 32, localPref: 100, peers: [tor]}]",
                        "--set",
                        "bgpPeers=[{name: tor, peerAddress: 10.99.1.1, peerASN: 64512, myASN: 64513, holdTime: 90s, passwordSecret: bgp-auth}]",
                    ]);
                }
                if *addon == "monitoring" {
                    variants.push(vec![
                        "--set",
                        "networkPolicies=true",
                        "--set",
                        "blackboxExporter=true",
                        "--set",
                        "prometheus.storageSize=50Gi",
                    ]);
                }
                if *addon == "logging" {
                    variants.push(vec![
                        "--set",
                        "storageSize=20Gi",
                        "--set",
                        "storageClassName=local",
                    ]);
                }
                for (i, extra) in variants.iter().enumerate() {
                    let yaml = env.render(&inv, &cluster, addon, extra);
                    renders += 1;
                    let stem = inv.file_stem().unwrap().to_string_lossy().to_string();
                    // One JSON document per object: PyYAML (YAML 1.1) reads JSON the same way
                    // the API server does.
                    let objects = docs(&yaml);
                    assert!(
                        !objects.is_empty(),
                        "{addon} for {cluster}: nothing rendered"
                    );
                    let mut text = String::new();
                    for o in &objects {
                        let json = serde_json::to_string(o).unwrap();
                        // The same object (a CRD, a dashboard) rendered for another cluster of
                        // the same minor is validated once.
                        if seen.insert((minor.clone(), json.clone())) {
                            text.push_str("---\n");
                            text.push_str(&json);
                            text.push('\n');
                        }
                        let origin = format!("{stem}/{cluster}/{addon}#{i}");
                        all.push((origin, o.clone()));
                    }
                    let file = out.join(format!("{stem}-{cluster}-{addon}-{i}.yaml"));
                    std::fs::write(&file, text).unwrap();
                    by_minor.entry(minor.clone()).or_default().push(file);
                }
            }
        }
    }
    assert!(renders >= 4 * addons.len(), "{renders} renders");

    // Custom resources against their CRDs' schemas (strict).
    let mut crds: BTreeMap<(String, String, String), Value> = BTreeMap::new();
    for (_, o) in &all {
        if o["kind"] == "CustomResourceDefinition" {
            let group = o["spec"]["group"].as_str().unwrap().to_string();
            let kind = o["spec"]["names"]["kind"].as_str().unwrap().to_string();
            for v in o["spec"]["versions"].as_array().unwrap() {
                let mut schema = v["schema"]["openAPIV3Schema"].clone();
                strict(&mut schema);
                crds.insert(
                    (
                        group.clone(),
                        v["name"].as_str().unwrap().to_string(),
                        kind.clone(),
                    ),
                    schema,
                );
            }
        }
    }
    let mut custom_kinds = BTreeSet::new();
    let mut checked = 0;
    let mut validators: BTreeMap<(String, String, String), jsonschema::Validator> = BTreeMap::new();
    for (origin, o) in &all {
        let api_version = o["apiVersion"].as_str().unwrap();
        if is_builtin_group(api_version) {
            continue;
        }
        let (group, version) = api_version.split_once('/').unwrap();
        let kind = o["kind"].as_str().unwrap();
        custom_kinds.insert(kind.to_string());
        let key = (group.to_string(), version.to_string(), kind.to_string());
        let schema = crds.get(&key).unwrap_or_else(|| {
            panic!("{origin}: no CRD in the render serves {kind} {api_version}")
        });
        let validator = validators
            .entry(key)
            .or_insert_with(|| jsonschema::validator_for(schema).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(o)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{origin}: {kind} {}: {errors:#?}",
            o["metadata"]["name"]
        );
        checked += 1;
    }
    let expected_kinds: &[&str] = if env.upstream {
        &[
            "IPAddressPool",
            "L2Advertisement",
            "BGPAdvertisement",
            "BGPPeer",
            "ClusterColocationProfile",
            "Prometheus",
            "Alertmanager",
            "PrometheusRule",
            "ServiceMonitor",
        ]
    } else {
        &[]
    };
    for k in expected_kinds {
        assert!(
            custom_kinds.contains(*k),
            "no {k} was rendered: {custom_kinds:?}"
        );
    }
    eprintln!("{checked} custom resources valid against their CRDs");

    // Everything against the Kubernetes OpenAPI schema of the cluster's version.
    let Some(kv) = kubernetes_validate() else {
        eprintln!(
            "\n*** SKIPPED: kubernetes-validate not installed (scripts/test installs it) ***\n"
        );
        return;
    };
    for (minor, files) in &by_minor {
        let out = StdCommand::new(&kv)
            .args(["--strict", "-k", &format!("{minor}.0")])
            .args(files)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        let errors: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("INFO") && !l.starts_with("WARN"))
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(
            out.status.success() && errors.is_empty(),
            "kubernetes-validate -k {minor}: {errors:#?}"
        );
        // Only custom resources (checked above against their CRDs) lack a built-in schema.
        for l in text.lines().filter(|l| l.starts_with("WARN")) {
            let kind = l
                .split("for kind ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or("");
            assert!(custom_kinds.contains(kind), "unexpected warning: {l}");
        }
        eprintln!(
            "kubernetes-validate --strict -k {minor}.0: {} files valid",
            files.len()
        );
    }
}

/// `docker.io/library/` spelled out, as the OCI reference grammar normalizes it.
fn normalize(image: &str) -> String {
    let first = image.split('/').next().unwrap();
    let has_registry =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    match (has_registry, image.contains('/')) {
        (true, _) => image.to_string(),
        (false, true) => format!("docker.io/{image}"),
        (false, false) => format!("docker.io/library/{image}"),
    }
}

#[test]
fn the_images_a_render_runs_are_the_ones_addon_yaml_declares() {
    let Some(env) = env() else { return };
    let inv = repo().join("inventories/ha.yaml");
    let core: BTreeSet<String> = tcs::bundle::sources::kubernetes_images(
        &tcs::bundle::sources::Versions::for_kubernetes("1.36.4"),
    )
    .into_iter()
    .map(|i| normalize(&i.reference))
    .collect();
    let catalog = tcs::addon::Catalog::builtin().unwrap();
    for addon in ADDONS {
        let (cluster, _) = clusters(&inv).remove(0);
        let text = env.render(&inv, &cluster, addon, &["--images"]);
        let rendered: BTreeSet<String> = text
            .lines()
            .map(normalize)
            .filter(|i| !core.contains(i))
            .collect();
        let declared: BTreeSet<String> = catalog
            .get(addon)
            .unwrap()
            .meta
            .images
            .iter()
            .map(|i| normalize(i))
            .collect();
        assert_eq!(
            rendered, declared,
            "{addon}: images in addon.yaml differ from what the render runs"
        );
    }
}

#[test]
fn an_image_registry_rewrites_every_image() {
    let Some(env) = env() else { return };
    let text = std::fs::read_to_string(repo().join("inventories/ha.yaml")).unwrap();
    let inv = env.dir.path().join("ha.yaml");
    std::fs::write(
        &inv,
        text.replacen(
            "spec:\n",
            "spec:\n  imageRegistry: registry.global.lan:5000/mirror\n",
            1,
        ),
    )
    .unwrap();
    let (cluster, _) = clusters(&inv).remove(0);
    for addon in ["monitoring", "vgpu"] {
        let images = env.render(&inv, &cluster, addon, &["--images"]);
        assert!(images.lines().count() > 1);
        for i in images.lines() {
            assert!(
                i.starts_with("registry.global.lan:5000/mirror/"),
                "{addon}: {i}"
            );
        }
    }
    let yaml = env.render(&inv, &cluster, "monitoring", &[]);
    assert!(yaml.contains("--prometheus-config-reloader=registry.global.lan:5000/mirror/quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0"));
    assert!(
        yaml.contains(
            "image: registry.global.lan:5000/mirror/quay.io/prometheus/prometheus:v3.12.0"
        )
    );
}

#[test]
fn bad_values_fail_before_anything_is_applied_naming_key_addon_and_origin() {
    // Values are checked before any upstream file is read: no upstream folder needed.
    let env = env_any();
    let inv = repo().join("inventories/global-and-business.yaml");
    let enable = |sets: &[&str]| {
        let mut cmd = env.tcs();
        cmd.args(["addon", "enable", "lb", "--cluster", "biz-sh", "-f"])
            .arg(&inv)
            .arg("--mirror")
            .arg(&env.mirror)
            // A kubeconfig that does not exist: the values must fail before it is read.
            .args(["--kubeconfig", "/nonexistent/kubeconfig"]);
        for s in sets {
            cmd.args(["--set", s]);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!err.contains("kubeconfig"), "{err}");
        err
    };
    let err = enable(&["addressPools=[{name: p, addresses: [10.0.0.0/33]}]"]);
    assert!(err.contains("addon lb: invalid values"), "{err}");
    assert!(
        err.contains(
            "addressPools[0].addresses[0]: \"10.0.0.0/33\" is not a CIDR or an address range"
        ),
        "{err}"
    );
    assert!(err.contains("(set by --set addressPools="), "{err}");
    let err = enable(&["adressPools=[]"]);
    assert!(
        err.contains("adressPools: unknown key (set by --set adressPools=[])"),
        "{err}"
    );
    let err = enable(&["addressPools=[{name: p, addresses: 10.0.0.0/24}]"]);
    assert!(
        err.contains("addressPools[0].addresses: expected array, found \"10.0.0.0/24\""),
        "{err}"
    );
    let err = enable(&["bgpPeers=[{name: tor, peerAddress: not-an-ip, peerASN: 1, myASN: 2}]"]);
    assert!(
        err.contains("bgpPeers[0].peerAddress: \"not-an-ip\" is not an IP address"),
        "{err}"
    );

    // A bad value in the inventory is located there.
    let text = std::fs::read_to_string(&inv)
        .unwrap()
        .replace("10.20.0.200-10.20.0.220", "10.20.0.220-10.20.0.200");
    let bad = env.dir.path().join("inv.yaml");
    std::fs::write(&bad, text).unwrap();
    let out = env
        .tcs()
        .args(["addon", "render", "lb", "--cluster", "biz-sh", "-f"])
        .arg(&bad)
        .arg("--mirror")
        .arg(&env.mirror)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("\"10.20.0.220-10.20.0.200\" is not a CIDR or an address range"),
        "{err}"
    );
    assert!(
        err.contains("inv.yaml (clusters[biz-sh].addons.lb.values)"),
        "{err}"
    );
}

#[test]
fn list_render_errors_and_unsupported_versions() {
    let env = env_any();
    let inv = repo().join("inventories/global-and-business.yaml");
    let out = env
        .tcs()
        .args(["addon", "list", "-f"])
        .arg(&inv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for (addon, clusters) in [
        ("lb", "biz-sh"),
        ("monitoring", "global"),
        ("logging", "global"),
        ("vgpu", "-"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(addon))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(line.trim_end().ends_with(clusters), "{line}");
    }
    let out = env
        .tcs()
        .args(["addon", "list", "-o", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 7);
    assert_eq!(list[4]["name"], "logging");
    assert_eq!(list[4]["needs"], serde_json::json!(["monitoring"]));

    let out = env
        .tcs()
        .args(["addon", "render", "nope", "--cluster", "global", "-f"])
        .arg(&inv)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "no addon named \"nope\"; the catalog has: colocation, federation, karmada, lb, logging, monitoring, vgpu"
    ));
    let out = env
        .tcs()
        .args(["addon", "render", "lb", "--cluster", "nope", "-f"])
        .arg(&inv)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no cluster 'nope'"));

    // An addon whose supported range leaves the cluster's version out is refused.
    let addons = env.dir.path().join("addons");
    std::fs::create_dir_all(addons.join("lb")).unwrap();
    for f in std::fs::read_dir(repo().join("addons/lb")).unwrap() {
        let f = f.unwrap().path();
        let text = std::fs::read_to_string(&f).unwrap().replace(
            "kubernetes: {min: \"1.33\", max: \"1.37\"}",
            "kubernetes: {min: \"1.37\", max: \"1.37\"}",
        );
        std::fs::write(addons.join("lb").join(f.file_name().unwrap()), text).unwrap();
    }
    let out = env
        .tcs()
        .args(["addon", "render", "lb", "--cluster", "global", "-f"])
        .arg(&inv)
        .arg("--addons-dir")
        .arg(&addons)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "addon lb 0.16.1-tcs.1 supports Kubernetes 1.37–1.37; cluster global runs 1.36.4"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // An upstream file that does not match its pin is refused, naming it.
    let tampered = env.dir.path().join("tampered");
    let rel =
        "raw.githubusercontent.com/metallb/metallb/v0.16.1/config/manifests/metallb-native.yaml";
    std::fs::create_dir_all(tampered.join(rel).parent().unwrap()).unwrap();
    std::fs::write(tampered.join(rel), "kind: Namespace\n").unwrap();
    let out = env
        .tcs()
        .env("XDG_CACHE_HOME", env.dir.path().join("other-cache"))
        .args(["addon", "render", "lb", "--cluster", "global", "-f"])
        .arg(&inv)
        .arg("--mirror")
        .arg(&tampered)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("addon lb: upstream file metallb-native.yaml"),
        "{err}"
    );
    assert!(err.contains("does not match the published bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b"), "{err}");
}

#[test]
fn bundle_build_carries_the_addons_pinned_files_and_rendered_images() {
    let Some(env) = env() else { return };
    let cache = env.dir.path().join("bundle-cache");
    let mirror = tcs::bundle::sources::Mirror::Dir(env.mirror.clone());
    let (files, images) =
        tcs::addon::bundle_payload(&["lb".into(), "logging".into()], "1.36.4", &mirror, &cache)
            .unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["addons/lb/metallb-native.yaml"]);
    assert_eq!(
        files[0].pinned.as_deref(),
        Some("bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b")
    );
    assert_eq!(
        images,
        [
            "quay.io/metallb/controller:v0.16.1",
            "quay.io/metallb/speaker:v0.16.1",
            "docker.io/grafana/alloy:v1.18.1",
            "docker.io/grafana/loki:3.7.6",
        ]
    );
    let (files, images) =
        tcs::addon::bundle_payload(&["all".into()], "1.36.4", &mirror, &cache).unwrap();
    let catalog = tcs::addon::Catalog::builtin().unwrap();
    let pinned: usize = catalog.addons.values().map(|d| d.meta.sources.len()).sum();
    assert_eq!(files.len(), pinned);
    assert!(
        images.contains(&"registry.k8s.io/kube-scheduler:v1.36.4".to_string()),
        "HAMi's scheduler follows the cluster version"
    );
    for d in catalog.addons.values() {
        for i in d
            .meta
            .images
            .iter()
            .filter(|i| !i.starts_with(tcs::addon::LOCAL_REGISTRY))
        {
            assert!(
                images.iter().any(|r| normalize(r) == normalize(i)),
                "{i} missing from the bundle's images"
            );
        }
    }
}
