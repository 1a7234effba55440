//! The addon catalog: `addons/<name>/addon.yaml` plus `*.yaml.j2` templates, built into the
//! binary or read from a directory.

use super::AddonError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

static BUILTIN: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/addons");

/// The upstream project an addon follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Upstream {
    /// Project name.
    pub project: String,
    /// The upstream release the addon follows.
    pub version: String,
    /// Project home.
    pub url: String,
}

/// A pinned upstream file the addon's templates read (`upstream("name")`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Source {
    /// File name the templates use.
    pub name: String,
    /// Upstream URL (a tag-pinned raw URL).
    pub url: String,
    /// sha256 of the file's bytes.
    pub sha256: String,
}

/// How `tcs addon status` and `enable` tell that an addon works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum HealthCheck {
    /// A Deployment, DaemonSet or StatefulSet is rolled out (also those that operators create).
    #[serde(rename_all = "camelCase")]
    Rollout {
        /// Kind.
        kind: String,
        /// Namespace.
        namespace: String,
        /// Name.
        name: String,
    },
    /// A custom resource has a condition with the wanted status.
    #[serde(rename_all = "camelCase")]
    Condition {
        /// apiVersion.
        api_version: String,
        /// Kind.
        kind: String,
        /// Namespace (none for a cluster-scoped kind).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        namespace: String,
        /// Name.
        name: String,
        /// Condition type.
        condition: String,
        /// Wanted status (default "True").
        #[serde(default = "true_string")]
        status: String,
    },
    /// A probe `type: LoadBalancer` Service gets an address, then is deleted.
    #[serde(rename_all = "camelCase")]
    LoadBalancerProbe {
        /// Namespace for the probe Service.
        namespace: String,
        /// Run only when this minijinja expression over `values` is true (e.g. only when a
        /// pool assigns addresses automatically).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<String>,
    },
}

fn true_string() -> String {
    "True".into()
}

/// Supported Kubernetes minors, inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KubernetesRange {
    /// Lowest minor, e.g. "1.33".
    pub min: String,
    /// Highest minor, e.g. "1.37".
    pub max: String,
}

fn minor(v: &str) -> Option<(u32, u32)> {
    let mut it = v.trim_start_matches('v').split('.');
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

impl KubernetesRange {
    /// Whether `version` (`1.36.4`, `v1.36`) is in the range.
    pub fn contains(&self, version: &str) -> bool {
        match (minor(version), minor(&self.min), minor(&self.max)) {
            (Some(v), Some(lo), Some(hi)) => lo <= v && v <= hi,
            _ => false,
        }
    }
}

impl std::fmt::Display for KubernetesRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", self.min, self.max)
    }
}

/// An API server the addon runs (Karmada's): tcs reaches it on a NodePort of the cluster with
/// a client certificate from the addon's CA, keeps a kubeconfig for it in the state directory,
/// and applies the objects of `templates` to it rather than to the cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApiServer {
    /// Its name (messages; the kubeconfig `<state>/kubeconfig/<cluster>-<name>.yaml`).
    pub name: String,
    /// A minijinja expression over `values` giving the NodePort it answers on.
    pub node_port: String,
    /// The addon CA (a `tls_ca` name of the templates) that signs its serving certificate and
    /// the client certificates it trusts.
    pub ca: String,
    /// Templates whose objects go to it.
    pub templates: Vec<String>,
    /// Health checks on objects in it (run after its objects are applied, and by `status`).
    #[serde(default)]
    pub health: Vec<HealthCheck>,
}

/// `addon.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AddonMeta {
    /// Name (the directory's name).
    pub name: String,
    /// tcs's version of the addon: the upstream version plus `-tcs.N`.
    pub version: String,
    /// One line.
    pub description: String,
    /// Upstream project and release followed.
    pub upstream: Upstream,
    /// Supported Kubernetes minors.
    pub kubernetes: KubernetesRange,
    /// The namespace the addon lives in.
    pub namespace: String,
    /// Pinned upstream files.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Images the default render runs (checked against the render by the tests).
    #[serde(default)]
    pub images: Vec<String>,
    /// Images the addon runs in other clusters (Karmada's agent in pull-mode members), which
    /// bundles carry with the addon.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_images: Vec<String>,
    /// Addons that must be enabled first.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Default values.
    #[serde(default)]
    pub values: Value,
    /// JSON Schema of the values.
    pub schema: Value,
    /// Health checks run after apply and by `status`.
    #[serde(default)]
    pub health: Vec<HealthCheck>,
    /// An API server the addon runs, and what tcs applies to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_server: Option<ApiServer>,
    /// Notes shown by `tcs addon list -o yaml` and in the docs (choices made, prerequisites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One addon: its metadata and templates.
#[derive(Debug, Clone)]
pub struct AddonDef {
    /// `addon.yaml`.
    pub meta: AddonMeta,
    /// Templates by file name, rendered in name order.
    pub templates: BTreeMap<String, String>,
}

/// Every addon tcs knows.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// By name.
    pub addons: BTreeMap<String, AddonDef>,
}

fn def_err(addon: &str, file: &str, message: impl std::fmt::Display) -> AddonError {
    AddonError::Definition {
        addon: addon.to_string(),
        file: file.to_string(),
        message: message.to_string(),
    }
}

impl Catalog {
    /// The addons built into this binary.
    pub fn builtin() -> Result<Catalog, AddonError> {
        let mut files: Vec<(String, String, String)> = Vec::new();
        for dir in BUILTIN.dirs() {
            let name = dir.path().to_string_lossy().to_string();
            for f in dir.files() {
                let file = f
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                let text = f.contents_utf8().unwrap_or_default().to_string();
                files.push((name.clone(), file, text));
            }
        }
        Catalog::from_files(files)
    }

    /// The addons in `dir` (one sub-directory each).
    pub fn from_dir(dir: &Path) -> Result<Catalog, AddonError> {
        let mut files = Vec::new();
        let entries =
            std::fs::read_dir(dir).map_err(|e| def_err("*", &dir.display().to_string(), e))?;
        for entry in entries.flatten() {
            if !entry.path().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_string();
            for f in std::fs::read_dir(entry.path())
                .map_err(|e| def_err(&name, "", e))?
                .flatten()
            {
                let file = f.file_name().to_string_lossy().to_string();
                let text =
                    std::fs::read_to_string(f.path()).map_err(|e| def_err(&name, &file, e))?;
                files.push((name.clone(), file, text));
            }
        }
        Catalog::from_files(files)
    }

    fn from_files(files: Vec<(String, String, String)>) -> Result<Catalog, AddonError> {
        let mut metas: BTreeMap<String, AddonMeta> = BTreeMap::new();
        let mut templates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (addon, file, text) in files {
            if file == "addon.yaml" {
                let meta: AddonMeta =
                    serde_saphyr::from_str(&text).map_err(|e| def_err(&addon, &file, e))?;
                if meta.name != addon {
                    return Err(def_err(
                        &addon,
                        &file,
                        format!("name {:?} differs from the directory", meta.name),
                    ));
                }
                jsonschema::validator_for(&meta.schema)
                    .map_err(|e| def_err(&addon, &file, format!("schema: {e}")))?;
                metas.insert(addon, meta);
            } else if file.ends_with(".yaml.j2") {
                templates.entry(addon).or_default().insert(file, text);
            }
        }
        let mut addons = BTreeMap::new();
        for (name, meta) in metas {
            let t = templates.remove(&name).unwrap_or_default();
            for file in meta.api_server.iter().flat_map(|a| &a.templates) {
                if !t.contains_key(file) {
                    return Err(def_err(
                        &name,
                        "addon.yaml",
                        format!("apiServer.templates: there is no template {file}"),
                    ));
                }
            }
            addons.insert(name, AddonDef { meta, templates: t });
        }
        if let Some(orphan) = templates.keys().next() {
            return Err(def_err(orphan, "addon.yaml", "missing"));
        }
        Ok(Catalog { addons })
    }

    /// The addon called `name`.
    pub fn get(&self, name: &str) -> Result<&AddonDef, AddonError> {
        self.addons.get(name).ok_or_else(|| AddonError::Unknown {
            name: name.to_string(),
            known: self.addons.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }

    /// `names` with the addons they need first (each once), or an error for an unknown name
    /// or a cycle.
    pub fn in_dependency_order(&self, names: &[String]) -> Result<Vec<String>, AddonError> {
        fn visit(
            c: &Catalog,
            n: &str,
            out: &mut Vec<String>,
            stack: &mut Vec<String>,
        ) -> Result<(), AddonError> {
            if out.iter().any(|o| o == n) {
                return Ok(());
            }
            if stack.iter().any(|s| s == n) {
                return Err(def_err(
                    n,
                    "addon.yaml",
                    format!("needs form a cycle: {} -> {n}", stack.join(" -> ")),
                ));
            }
            stack.push(n.to_string());
            for need in &c.get(n)?.meta.needs {
                visit(c, need, out, stack)?;
            }
            stack.pop();
            out.push(n.to_string());
            Ok(())
        }
        let mut out = Vec::new();
        for n in names {
            visit(self, n, &mut out, &mut Vec::new())?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_range() {
        let r = KubernetesRange {
            min: "1.33".into(),
            max: "1.37".into(),
        };
        assert!(r.contains("1.36.4"));
        assert!(r.contains("v1.33.0"));
        assert!(!r.contains("1.32.9"));
        assert!(!r.contains("1.38.0"));
    }

    #[test]
    fn builtin_catalog_loads_with_every_addon_in_order() {
        let c = Catalog::builtin().unwrap();
        let names: Vec<&str> = c.addons.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "colocation",
                "federation",
                "karmada",
                "lb",
                "logging",
                "monitoring",
                "vgpu"
            ]
        );
        for (name, def) in &c.addons {
            assert!(!def.templates.is_empty(), "{name} has no templates");
            assert!(
                def.meta
                    .version
                    .starts_with(def.meta.upstream.version.trim_start_matches('v')),
                "{name}"
            );
        }
        let order = c
            .in_dependency_order(&["logging".into(), "lb".into()])
            .unwrap();
        assert_eq!(order, ["monitoring", "logging", "lb"]);
        assert!(
            c.get("nope")
                .unwrap_err()
                .to_string()
                .contains("the catalog has: colocation, federation, karmada, lb")
        );
    }
}
