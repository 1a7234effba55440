//! Addons on a cluster of the inventory: where they and their upstream files come from, their
//! values, rendering, enable, disable and status.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;

use super::Workspace;
use crate::addon::{
    AddonDef, AddonStatus, Catalog, ClusterFacts, Lifecycle, RenderRequest, Rendered,
    UpstreamFiles, ValueLayer, parse_set, render,
};
use crate::inventory::Cluster;
use crate::kube::{ApplyEvent, WaitOptions};

/// Where addons and their upstream files come from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// A directory of addons instead of the built-in catalog.
    pub addons_dir: Option<PathBuf>,
    /// Offline bundle holding upstream files (default: the inventory's spec.bundle).
    pub bundle: Option<PathBuf>,
    /// Where to download what the bundle lacks: a directory or URL laid out as <host>/<path>.
    pub mirror: Option<String>,
}

/// Values beyond the addon's defaults and the inventory's.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// YAML files of values (later files win).
    pub files: Vec<PathBuf>,
    /// KEY=VALUE with dotted keys (win over the files).
    pub set: Vec<String>,
}

/// The catalog: `dir`, or the built-in one.
pub fn catalog(dir: Option<&Path>) -> anyhow::Result<Catalog> {
    Ok(match dir {
        Some(d) => Catalog::from_dir(d)?,
        None => Catalog::builtin()?,
    })
}

/// Renders addon `name` for `cluster`.
pub fn render_addon(
    ws: &Workspace,
    cluster: &str,
    name: &str,
    values: &Values,
    sources: &Sources,
) -> anyhow::Result<Rendered> {
    let catalog = catalog(sources.addons_dir.as_deref())?;
    let def = catalog.get(name)?;
    let cluster = ws.cluster(cluster)?;
    let upstream = upstream_files(ws, sources)?;
    render_for(ws, cluster, def, values, &upstream)
}

/// The kubeconfig to reach `cluster`: `explicit`, else the one tcs keeps for it.
pub fn kubeconfig_for(
    ws: &Workspace,
    cluster: &str,
    explicit: Option<&Path>,
) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let p = ws.kubeconfig_path(cluster);
    if !p.exists() {
        bail!(
            "cluster {cluster} has no kubeconfig at {} (is it installed? `tcs install -f {}`), or pass --kubeconfig FILE",
            p.display(),
            ws.path().display()
        );
    }
    Ok(p)
}

/// How to enable addons.
#[derive(Debug, Clone)]
pub struct EnableOptions {
    /// Values (with several addons, they apply to each).
    pub values: Values,
    /// Sources.
    pub sources: Sources,
    /// Kubeconfig of the cluster (default: the one tcs keeps for it).
    pub kubeconfig: Option<PathBuf>,
    /// How long to wait for each group of objects and each health check.
    pub timeout: Duration,
}

/// One addon's outcome.
#[derive(Debug, Serialize)]
pub struct EnableRow {
    /// Cluster.
    pub cluster: String,
    /// Addon.
    pub addon: String,
    /// Version.
    pub version: String,
    /// Objects applied.
    pub objects: usize,
    /// Objects pruned.
    pub pruned: Vec<String>,
    /// The error, if it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Renders and enables `names` (in dependency order) in `cluster`; stops at the first failure.
/// Every addon is rendered, and so its values checked, before the cluster is touched.
/// `on_event` gets each apply event with `cluster/addon`.
pub fn enable(
    ws: &Workspace,
    cluster: &Cluster,
    names: &[String],
    opts: &EnableOptions,
    on_event: &(dyn Fn(&str, &ApplyEvent) + Sync),
) -> anyhow::Result<Vec<EnableRow>> {
    let catalog = catalog(opts.sources.addons_dir.as_deref())?;
    let kubeconfig = kubeconfig_for(ws, &cluster.name, opts.kubeconfig.as_deref())?;
    let upstream = upstream_files(ws, &opts.sources)?;
    for n in names {
        catalog.get(n)?;
    }
    let ordered: Vec<String> = catalog
        .in_dependency_order(names)?
        .into_iter()
        .filter(|n| names.contains(n))
        .collect();
    let mut renders = Vec::new();
    for n in &ordered {
        let def = catalog.get(n)?;
        renders.push((def, render_for(ws, cluster, def, &opts.values, &upstream)?));
    }
    let rt = super::runtime()?;
    let client = rt.block_on(crate::kube::client_from_kubeconfig(&kubeconfig))?;
    let life = Lifecycle::new(
        client,
        &cluster.name,
        WaitOptions {
            timeout: opts.timeout,
            interval: Duration::from_secs(2),
        },
    );
    let mut rows = Vec::new();
    for (def, rendered) in renders {
        let prefix = format!("{}/{}", cluster.name, def.meta.name);
        let on = |e: ApplyEvent| on_event(&prefix, &e);
        // An addon that runs an API server gets its objects there between the apply and the
        // health checks (its controllers need them to become ready).
        let facts = ClusterFacts::of(&ws.loaded.inventory, cluster);
        let inner = crate::addon::api_server::enable(
            &ws.state,
            &facts,
            &def.meta,
            &rendered,
            WaitOptions {
                timeout: opts.timeout,
                interval: Duration::from_secs(2),
            },
            &on,
        );
        let result = rt.block_on(life.enable_then(&def.meta, &rendered, &on, inner));
        let failed = result.is_err();
        rows.push(EnableRow {
            cluster: cluster.name.clone(),
            addon: def.meta.name.clone(),
            version: rendered.version.clone(),
            objects: rendered.objects.len(),
            pruned: result
                .as_ref()
                .map(|p| p.iter().map(|r| r.to_string()).collect())
                .unwrap_or_default(),
            error: result.err().map(|e| e.to_string()),
        });
        if failed {
            break;
        }
    }
    Ok(rows)
}

/// An addon disabled.
#[derive(Debug, Serialize)]
pub struct Disabled {
    /// Cluster.
    pub cluster: String,
    /// Addon.
    pub addon: String,
    /// Objects deleted.
    pub deleted: usize,
    /// Its CRDs went too.
    #[serde(skip)]
    pub purged_crds: bool,
}

impl std::fmt::Display for Disabled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = "; its CRDs are kept: --purge-crds removes them";
        writeln!(
            f,
            "{}: addon {} disabled ({} deleted{})",
            self.cluster,
            self.addon,
            crate::text::count(self.deleted, "object"),
            if self.purged_crds { "" } else { kept }
        )
    }
}

/// The addons of one running cluster, for disable and status.
pub struct ClusterAddons {
    rt: tokio::runtime::Runtime,
    life: Lifecycle,
    catalog: Catalog,
    cluster: String,
    state: PathBuf,
}

impl ClusterAddons {
    /// Connects to `cluster` (through `kubeconfig`, else the one tcs keeps).
    pub fn open(
        ws: &Workspace,
        cluster: &str,
        kubeconfig: Option<&Path>,
        addons_dir: Option<&Path>,
    ) -> anyhow::Result<ClusterAddons> {
        let catalog = catalog(addons_dir)?;
        let cluster = ws.cluster(cluster)?.name.clone();
        let kubeconfig = kubeconfig_for(ws, &cluster, kubeconfig)?;
        let rt = super::runtime()?;
        let client = rt.block_on(crate::kube::client_from_kubeconfig(&kubeconfig))?;
        let life = Lifecycle::new(client, &cluster, WaitOptions::default());
        Ok(ClusterAddons {
            rt,
            life,
            catalog,
            cluster,
            state: ws.state.clone(),
        })
    }

    /// The cluster's name.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// Refuses while an enabled addon needs `name`.
    pub fn check_disable(&self, name: &str) -> anyhow::Result<()> {
        for other in &self.rt.block_on(self.life.enabled())? {
            if let Ok(def) = self.catalog.get(other)
                && def.meta.needs.iter().any(|n| n == name)
            {
                bail!(
                    "addon {other} needs {name} in cluster {}: disable {other} first",
                    self.cluster
                );
            }
        }
        Ok(())
    }

    /// Deletes every object of addon `name` (its CRDs only with `purge_crds`).
    pub fn disable(
        &self,
        name: &str,
        purge_crds: bool,
        on_event: &(dyn Fn(&ApplyEvent) + Sync),
    ) -> anyhow::Result<Disabled> {
        let deleted = self
            .rt
            .block_on(self.life.disable(name, purge_crds, &|e| on_event(&e)))?;
        Ok(Disabled {
            cluster: self.cluster.clone(),
            addon: name.to_string(),
            deleted: deleted.len(),
            purged_crds: purge_crds,
        })
    }

    /// The status of addon `name`, or of every enabled addon.
    pub fn status(&self, name: Option<&str>) -> anyhow::Result<Vec<AddonStatus>> {
        let names = match name {
            Some(n) => vec![n.to_string()],
            None => self.rt.block_on(self.life.enabled())?,
        };
        let mut rows = Vec::new();
        for n in &names {
            let def = self.catalog.get(n)?;
            let mut row = self.rt.block_on(self.life.status(&def.meta))?;
            if let Some(api) = &def.meta.api_server {
                let checks = self.rt.block_on(crate::addon::api_server::status(
                    &self.state,
                    &self.cluster,
                    &def.meta,
                    api,
                ));
                row.healthy &= checks.iter().all(|c| c.ok);
                row.checks.extend(checks);
            }
            rows.push(row);
        }
        Ok(rows)
    }
}

/// Where upstream files come from for this inventory.
fn upstream_files(ws: &Workspace, sources: &Sources) -> anyhow::Result<UpstreamFiles> {
    let bundle = match (&sources.bundle, &ws.loaded.inventory.spec.bundle) {
        (Some(b), _) => Some(b.clone()),
        (None, Some(b)) => Some(crate::inventory::validate::resolve_path(b, ws.base_dir())),
        (None, None) => None,
    };
    let bundle = match bundle {
        Some(b) if b.is_dir() => Some(b),
        Some(b) if b.is_file() => Some(
            crate::bundle::Bundle::open_verified(&b, &ws.state_dir().cache())
                .with_context(|| format!("bundle {}", b.display()))?
                .root,
        ),
        _ => None,
    };
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| ws.state_dir().cache())
        .join("tcs");
    Ok(UpstreamFiles {
        bundle,
        cache,
        mirror: sources
            .mirror
            .as_deref()
            .map(crate::bundle::sources::Mirror::parse)
            .unwrap_or(crate::bundle::sources::Mirror::Upstream),
    })
}

/// The value layers for `addon` in `cluster`: inventory, files, --set.
fn layers(
    ws: &Workspace,
    cluster: &Cluster,
    addon: &str,
    values: &Values,
) -> anyhow::Result<Vec<ValueLayer>> {
    let mut out = Vec::new();
    if let Some(spec) = cluster.addons.get(addon)
        && !spec.values.is_empty()
    {
        out.push(ValueLayer {
            origin: format!(
                "{} (clusters[{}].addons.{addon}.values)",
                ws.path().display(),
                cluster.name
            ),
            value: serde_json::Value::Object(spec.values.clone()),
        });
    }
    for f in &values.files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading values file {}", f.display()))?;
        let origin = format!("--values {}", f.display());
        out.push(ValueLayer::from_file_text(origin, &text).map_err(anyhow::Error::msg)?);
    }
    for s in &values.set {
        out.push(parse_set(s).map_err(anyhow::Error::msg)?);
    }
    Ok(out)
}

/// Renders `def` for `cluster`.
fn render_for(
    ws: &Workspace,
    cluster: &Cluster,
    def: &AddonDef,
    values: &Values,
    upstream: &UpstreamFiles,
) -> anyhow::Result<Rendered> {
    if !def.meta.kubernetes.contains(&cluster.kubernetes.version) {
        return Err(crate::addon::AddonError::Unsupported {
            addon: def.meta.name.clone(),
            version: def.meta.version.clone(),
            range: def.meta.kubernetes.to_string(),
            cluster: cluster.name.clone(),
            kubernetes: cluster.kubernetes.version.clone(),
        }
        .into());
    }
    let registry = ws
        .loaded
        .inventory
        .spec
        .image_registry
        .as_deref()
        .map(crate::bundle::images::RegistryMirror::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("spec.imageRegistry: {e}"))?;
    Ok(render(&RenderRequest {
        def,
        cluster: ClusterFacts::of(&ws.loaded.inventory, cluster),
        layers: layers(ws, cluster, &def.meta.name, values)?,
        registry,
        upstream,
        pki: Some(crate::pki::ClusterPki::new(&ws.state, &cluster.name)),
    })?)
}

/// An addon of the catalog with the clusters of an inventory that enable it.
#[derive(Debug, Serialize)]
pub struct CatalogEntry<'a> {
    /// What the addon says of itself.
    #[serde(flatten)]
    pub meta: &'a crate::addon::AddonMeta,
    /// Its templates.
    pub templates: Vec<&'a String>,
    /// Clusters of the inventory that enable it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
}

/// The catalog's addons, with the clusters of `ws` that enable each.
pub fn catalog_entries<'a>(catalog: &'a Catalog, ws: Option<&Workspace>) -> Vec<CatalogEntry<'a>> {
    let enabled_in = |name: &str| -> Vec<String> {
        ws.iter()
            .flat_map(|w| w.loaded.inventory.spec.clusters.iter())
            .filter(|c| c.addons.get(name).is_some_and(|a| a.enabled))
            .map(|c| c.name.clone())
            .collect()
    };
    catalog
        .addons
        .values()
        .map(|d| CatalogEntry {
            meta: &d.meta,
            templates: d.templates.keys().collect(),
            clusters: enabled_in(&d.meta.name),
        })
        .collect()
}

/// The catalog for people: with an inventory, where each addon is enabled instead of what it
/// is.
pub fn render_catalog(entries: &[CatalogEntry], with_inventory: bool) -> String {
    use crate::text::or_dash;
    let last = if with_inventory {
        "ENABLED IN"
    } else {
        "DESCRIPTION"
    };
    let header = ["NAME", "VERSION", "UPSTREAM", "KUBERNETES", "NEEDS", last];
    let rows = entries.iter().map(|e| {
        let m = e.meta;
        vec![
            m.name.clone(),
            m.version.clone(),
            format!("{} {}", m.upstream.project, m.upstream.version),
            m.kubernetes.to_string(),
            or_dash(m.needs.join(",")),
            if with_inventory {
                or_dash(e.clusters.join(", "))
            } else {
                m.description.clone()
            },
        ]
    });
    crate::text::table(&header, rows)
}

/// Enable results for people, one line per addon.
pub fn render_enabled(rows: &[EnableRow]) -> String {
    let mut text = String::new();
    for r in rows {
        text.push_str(&match &r.error {
            None => format!(
                "{}: addon {} {} enabled ({}{})\n",
                r.cluster,
                r.addon,
                r.version,
                crate::text::count(r.objects, "object"),
                if r.pruned.is_empty() {
                    String::new()
                } else {
                    format!(", pruned: {}", r.pruned.join(", "))
                }
            ),
            Some(e) => format!("{}: FAILED: {e}\n", r.cluster),
        });
    }
    text
}

/// Addon status for people: version, phase, objects and health, then what is missing and
/// every health check.
pub fn render_status(cluster: &str, rows: &[AddonStatus]) -> String {
    let mut text = String::new();
    if rows.is_empty() {
        text.push_str(&format!("{cluster}: no addons enabled\n"));
    }
    for r in rows {
        text.push_str(&format!(
            "{} {} {} ({}) {}\n",
            r.addon,
            r.version,
            r.phase,
            crate::text::count(r.objects, "object"),
            if r.healthy { "healthy" } else { "UNHEALTHY" }
        ));
        for m in &r.missing {
            text.push_str(&format!("  missing: {m}\n"));
        }
        for c in &r.checks {
            let mark = if c.ok { "ok  " } else { "FAIL" };
            let detail = if c.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", c.detail)
            };
            text.push_str(&format!("  {mark} {}{detail}\n", c.check));
        }
    }
    text
}
