//! `tcs addon list|render|enable|disable|status`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalOpts;
use super::hosts;
use super::output::{print_data, write_stdout};
use crate::addon::{
    AddonDef, Catalog, ClusterFacts, Lifecycle, RenderRequest, Rendered, UpstreamFiles, ValueLayer,
    parse_set, render,
};
use crate::inventory::{Cluster, LoadedInventory};
use crate::kube::{ApplyEvent, WaitOptions};

/// Addon commands.
#[derive(Debug, Subcommand)]
pub enum AddonCommand {
    /// The addon catalog, and which clusters of an inventory enable what.
    #[command(
        after_help = "Examples:\n  tcs addon list\n  tcs addon list -f inventory.yaml\n  tcs addon list -o yaml   # everything: sources, images, values, schema, health checks"
    )]
    List(ListArgs),
    /// Render an addon for a cluster: YAML on stdout, for review and GitOps.
    #[command(
        after_help = "Values are merged in this order, later wins: the addon's defaults, the inventory's\nclusters[].addons.<name>.values, each --values file, each --set. Every key is checked\nagainst the addon's schema before anything is rendered.\n\nPinned upstream files (CRDs, upstream manifests) come from the inventory's bundle, the\ndownload cache, or --mirror / the upstream URL, each checked against its sha256.\n\nExamples:\n  tcs addon render lb --cluster biz-sh -f inventory.yaml\n  tcs addon render monitoring --cluster global -f inventory.yaml --set prometheus.retention=30d > monitoring.yaml\n  tcs addon render lb --cluster biz-sh -f inventory.yaml --images"
    )]
    Render(RenderArgs),
    /// Install or upgrade addons in a cluster (server-side apply, prune, health checks).
    #[command(
        after_help = "Objects are applied with server-side apply (field manager tcs): namespaces and CRDs first,\nthen the built-in kinds, then custom resources once the workloads are ready. Objects an\nearlier version owned and this one does not are deleted (CRDs are kept). The addon's health\nchecks must pass. What the addon owns is recorded in kube-system/tcs-addon-<name>.\n\nExamples:\n  tcs addon enable lb --cluster biz-sh -f inventory.yaml\n  tcs addon enable monitoring logging --cluster global -f inventory.yaml --timeout 600\n  tcs addon enable lb --cluster biz-sh -f inventory.yaml --set 'addressPools=[{name: pool, addresses: [10.20.0.200-10.20.0.220]}]'"
    )]
    Enable(EnableArgs),
    /// Remove an addon from a cluster (its CRDs stay unless --purge-crds).
    #[command(
        after_help = "Examples:\n  tcs addon disable logging --cluster global -f inventory.yaml --yes\n  tcs addon disable lb --cluster biz-sh -f inventory.yaml --purge-crds --yes"
    )]
    Disable(DisableArgs),
    /// Enabled addons of a cluster: version, objects, health.
    #[command(
        after_help = "Exit status 1 when an addon is unhealthy.\n\nExamples:\n  tcs addon status --cluster global -f inventory.yaml\n  tcs addon status monitoring --cluster global -f inventory.yaml -o json"
    )]
    Status(StatusArgs),
}

/// Where addons and their upstream files come from.
#[derive(Debug, Args, Clone)]
pub struct SourceArgs {
    /// A directory of addons to use instead of the built-in catalog.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
    /// Offline bundle (directory or tar) holding the addons' upstream files (default: the
    /// inventory's spec.bundle).
    #[arg(long, value_name = "PATH")]
    pub bundle: Option<PathBuf>,
    /// Where to download upstream files the bundle does not have: a directory or URL laid out
    /// as <host>/<path> (default: the upstream URLs).
    #[arg(long, value_name = "URL")]
    pub mirror: Option<String>,
}

/// Values on the command line.
#[derive(Debug, Args, Clone)]
pub struct ValueArgs {
    /// A YAML file of values (repeatable; later files win).
    #[arg(long = "values", value_name = "FILE")]
    pub values: Vec<PathBuf>,
    /// One value, KEY=VALUE with a dotted key (repeatable; wins over --values).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// `tcs addon list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Inventory file (adds which clusters enable each addon).
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Catalog source.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
}

/// `tcs addon render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Addon name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Cluster of the inventory to render for.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Values.
    #[command(flatten)]
    pub values: ValueArgs,
    /// Sources.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Print the images the render runs instead of the objects.
    #[arg(long)]
    pub images: bool,
}

/// `tcs addon enable`.
#[derive(Debug, Args)]
pub struct EnableArgs {
    /// Addon names (the addons they need must be enabled already, or be named too).
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    /// Cluster of the inventory.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Values (with several addons, they apply to each).
    #[command(flatten)]
    pub values: ValueArgs,
    /// Sources.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Kubeconfig to use instead of the one tcs keeps for the cluster.
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// Seconds to wait for each group of objects and each health check.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub timeout: u64,
}

/// `tcs addon disable`.
#[derive(Debug, Args)]
pub struct DisableArgs {
    /// Addon name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Cluster of the inventory.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Also delete the addon's CRDs, and with them every object of their kinds in the cluster.
    #[arg(long)]
    pub purge_crds: bool,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Catalog source.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
    /// Kubeconfig to use instead of the one tcs keeps for the cluster.
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
}

/// `tcs addon status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this addon.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Cluster of the inventory.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Catalog source.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
    /// Kubeconfig to use instead of the one tcs keeps for the cluster.
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
}

/// Runs an addon command.
pub fn run(cmd: AddonCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        AddonCommand::List(a) => list(a, global),
        AddonCommand::Render(a) => render_cmd(a, global),
        AddonCommand::Enable(a) => enable_cmd(a, global),
        AddonCommand::Disable(a) => disable_cmd(a, global),
        AddonCommand::Status(a) => status_cmd(a, global),
    }
}

/// The catalog: `--addons-dir`, or the built-in one.
pub fn catalog(dir: Option<&Path>) -> anyhow::Result<Catalog> {
    Ok(match dir {
        Some(d) => Catalog::from_dir(d)?,
        None => Catalog::builtin()?,
    })
}

fn find_cluster<'a>(loaded: &'a LoadedInventory, name: &str) -> anyhow::Result<&'a Cluster> {
    loaded
        .inventory
        .spec
        .clusters
        .iter()
        .find(|c| c.name == name)
        .with_context(|| {
            let names: Vec<&str> = loaded
                .inventory
                .spec
                .clusters
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            format!(
                "no cluster '{name}' in {} (it has: {})",
                loaded.path.display(),
                names.join(", ")
            )
        })
}

/// Where upstream files come from for this inventory.
fn upstream_files(
    loaded: &LoadedInventory,
    state: &Path,
    source: &SourceArgs,
) -> anyhow::Result<UpstreamFiles> {
    let base = loaded
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let bundle = match (&source.bundle, &loaded.inventory.spec.bundle) {
        (Some(b), _) => Some(b.clone()),
        (None, Some(b)) => Some(crate::inventory::validate::resolve_path(b, base)),
        (None, None) => None,
    };
    let bundle = match bundle {
        Some(b) if b.is_dir() => Some(b),
        Some(b) if b.is_file() => Some(
            crate::bundle::Bundle::open_verified(&b, &crate::state::StateDir::at(state).cache())
                .with_context(|| format!("bundle {}", b.display()))?
                .root,
        ),
        _ => None,
    };
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| crate::state::StateDir::at(state).cache())
        .join("tcs");
    Ok(UpstreamFiles {
        bundle,
        cache,
        mirror: source
            .mirror
            .as_deref()
            .map(crate::bundle::sources::Mirror::parse)
            .unwrap_or(crate::bundle::sources::Mirror::Upstream),
    })
}

/// The value layers for `addon` in `cluster`: inventory, files, --set.
fn layers(
    loaded: &LoadedInventory,
    cluster: &Cluster,
    addon: &str,
    values: &ValueArgs,
) -> anyhow::Result<Vec<ValueLayer>> {
    let mut out = Vec::new();
    if let Some(spec) = cluster.addons.get(addon)
        && !spec.values.is_empty()
    {
        out.push(ValueLayer {
            origin: format!(
                "{} (clusters[{}].addons.{addon}.values)",
                loaded.path.display(),
                cluster.name
            ),
            value: serde_json::Value::Object(spec.values.clone()),
        });
    }
    for f in &values.values {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading values file {}", f.display()))?;
        let value: serde_json::Value = serde_saphyr::from_str(&text)
            .map_err(|e| anyhow::anyhow!("values file {}: {e}", f.display()))?;
        out.push(ValueLayer {
            origin: format!("--values {}", f.display()),
            value,
        });
    }
    for s in &values.set {
        out.push(parse_set(s).map_err(anyhow::Error::msg)?);
    }
    Ok(out)
}

/// Renders `def` for `cluster`.
fn render_for(
    loaded: &LoadedInventory,
    state: &Path,
    cluster: &Cluster,
    def: &AddonDef,
    values: &ValueArgs,
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
    let registry = loaded
        .inventory
        .spec
        .image_registry
        .as_deref()
        .map(crate::bundle::images::RegistryMirror::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("spec.imageRegistry: {e}"))?;
    Ok(render(&RenderRequest {
        def,
        cluster: ClusterFacts::of(cluster),
        layers: layers(loaded, cluster, &def.meta.name, values)?,
        registry,
        upstream,
        pki: Some(crate::pki::ClusterPki::new(state, &cluster.name)),
    })?)
}

#[derive(Serialize)]
struct CatalogRow<'a> {
    name: &'a str,
    version: &'a str,
    upstream: String,
    kubernetes: String,
    needs: &'a [String],
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clusters: Vec<String>,
}

fn list(args: ListArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let catalog = catalog(args.addons_dir.as_deref())?;
    let loaded = match &args.file {
        Some(f) => Some(hosts::start(global, f, "addon-list")?),
        None => None,
    };
    let enabled_in = |name: &str| -> Vec<String> {
        loaded
            .iter()
            .flat_map(|l| l.inventory.spec.clusters.iter())
            .filter(|c| c.addons.get(name).is_some_and(|a| a.enabled))
            .map(|c| c.name.clone())
            .collect()
    };
    if global.output == super::OutputFormat::Yaml || global.output == super::OutputFormat::Json {
        #[derive(Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            meta: &'a crate::addon::AddonMeta,
            templates: Vec<&'a String>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            clusters: Vec<String>,
        }
        let rows: Vec<Full> = catalog
            .addons
            .values()
            .map(|d| Full {
                meta: &d.meta,
                templates: d.templates.keys().collect(),
                clusters: enabled_in(&d.meta.name),
            })
            .collect();
        print_data(global.output, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<CatalogRow> = catalog
        .addons
        .values()
        .map(|d| CatalogRow {
            name: &d.meta.name,
            version: &d.meta.version,
            upstream: format!("{} {}", d.meta.upstream.project, d.meta.upstream.version),
            kubernetes: d.meta.kubernetes.to_string(),
            needs: &d.meta.needs,
            description: &d.meta.description,
            clusters: enabled_in(&d.meta.name),
        })
        .collect();
    let mut text = format!(
        "{:<12} {:<14} {:<22} {:<11} {:<12} {}\n",
        "NAME",
        "VERSION",
        "UPSTREAM",
        "KUBERNETES",
        "NEEDS",
        if loaded.is_some() {
            "ENABLED IN"
        } else {
            "DESCRIPTION"
        }
    );
    for r in &rows {
        text.push_str(&format!(
            "{:<12} {:<14} {:<22} {:<11} {:<12} {}\n",
            r.name,
            r.version,
            r.upstream,
            r.kubernetes,
            if r.needs.is_empty() {
                "-".to_string()
            } else {
                r.needs.join(",")
            },
            if loaded.is_some() {
                if r.clusters.is_empty() {
                    "-".to_string()
                } else {
                    r.clusters.join(", ")
                }
            } else {
                r.description.to_string()
            }
        ));
    }
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn render_cmd(args: RenderArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let catalog = catalog(args.source.addons_dir.as_deref())?;
    let def = catalog.get(&args.name)?;
    let loaded = hosts::start(global, &args.file, "addon-render")?;
    let state = hosts::state_dir(global, &loaded);
    let cluster = find_cluster(&loaded, &args.cluster)?;
    let upstream = upstream_files(&loaded, &state, &args.source)?;
    let rendered = render_for(&loaded, &state, cluster, def, &args.values, &upstream)?;
    if args.images {
        if !print_data(global.output, &rendered.images)? {
            write_stdout(&(rendered.images.join("\n") + "\n"))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match global.output {
        super::OutputFormat::Json => {
            let objs: Vec<&serde_json::Value> = rendered.objects.iter().map(|m| &m.value).collect();
            print_data(global.output, &objs)?;
        }
        _ => write_stdout(&rendered.to_yaml())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Shows apply events: a spinner line on a terminal, plain lines otherwise; always logged.
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl Reporter {
    fn new(global: &GlobalOpts, what: &str) -> Reporter {
        let bar = (std::io::stderr().is_terminal()
            && !global.quiet
            && global.output != super::OutputFormat::Json)
            .then(|| {
                let b = indicatif::ProgressBar::new_spinner();
                b.enable_steady_tick(Duration::from_millis(120));
                b.set_message(what.to_string());
                b
            });
        Reporter {
            bar,
            quiet: global.quiet,
        }
    }

    fn event(&self, prefix: &str, e: &ApplyEvent) {
        let line = e.to_string();
        tracing::info!("{prefix}: {line}");
        match &self.bar {
            Some(b) => b.set_message(format!("{prefix}: {line}")),
            None if !self.quiet && !matches!(e, ApplyEvent::Ready(_)) => {
                eprintln!("{prefix}: {line}")
            }
            None => {}
        }
    }

    fn done(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn kubeconfig_for(
    global: &GlobalOpts,
    loaded: &LoadedInventory,
    cluster: &str,
    explicit: Option<&Path>,
) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let p = crate::steps::kubernetes::kubeconfig_path(&hosts::state_dir(global, loaded), cluster);
    if !p.exists() {
        bail!(
            "cluster {cluster} has no kubeconfig at {} (is it installed? `tcs install -f {}`), or pass --kubeconfig FILE",
            p.display(),
            loaded.path.display()
        );
    }
    Ok(p)
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
#[allow(clippy::too_many_arguments)]
pub fn enable_addons(
    global: &GlobalOpts,
    loaded: &LoadedInventory,
    cluster: &Cluster,
    names: &[String],
    values: &ValueArgs,
    source: &SourceArgs,
    kubeconfig: &Path,
    timeout: Duration,
) -> anyhow::Result<Vec<EnableRow>> {
    let catalog = catalog(source.addons_dir.as_deref())?;
    let state = hosts::state_dir(global, loaded);
    let upstream = upstream_files(loaded, &state, source)?;
    for n in names {
        catalog.get(n)?;
    }
    let ordered: Vec<String> = catalog
        .in_dependency_order(names)?
        .into_iter()
        .filter(|n| names.contains(n))
        .collect();
    // Render (and so check the values of) every addon before touching the cluster.
    let mut renders = Vec::new();
    for n in &ordered {
        let def = catalog.get(n)?;
        renders.push((
            def,
            render_for(loaded, &state, cluster, def, values, &upstream)?,
        ));
    }
    let rt = hosts::runtime()?;
    let client = rt.block_on(crate::kube::client_from_kubeconfig(kubeconfig))?;
    let life = Lifecycle::new(
        client,
        &cluster.name,
        WaitOptions {
            timeout,
            interval: Duration::from_secs(2),
        },
    );
    let reporter = Reporter::new(global, "enabling");
    let mut rows = Vec::new();
    for (def, rendered) in renders {
        let prefix = format!("{}/{}", cluster.name, def.meta.name);
        let result =
            rt.block_on(life.enable(&def.meta, &rendered, &|e| reporter.event(&prefix, &e)));
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
    reporter.done();
    Ok(rows)
}

/// Prints enable results; exit status 1 if one failed.
pub fn print_enable(global: &GlobalOpts, rows: &[EnableRow]) -> anyhow::Result<ExitCode> {
    let failed = rows.iter().any(|r| r.error.is_some());
    if !print_data(global.output, &rows)? {
        let mut text = String::new();
        for r in rows {
            match &r.error {
                None => text.push_str(&format!(
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
                )),
                Some(e) => text.push_str(&format!("{}: FAILED: {e}\n", r.cluster)),
            }
        }
        write_stdout(&text)?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn enable_cmd(args: EnableArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "addon-enable")?;
    let cluster = find_cluster(&loaded, &args.cluster)?;
    let kubeconfig = kubeconfig_for(global, &loaded, &cluster.name, args.kubeconfig.as_deref())?;
    let rows = enable_addons(
        global,
        &loaded,
        cluster,
        &args.names,
        &args.values,
        &args.source,
        &kubeconfig,
        Duration::from_secs(args.timeout),
    )?;
    print_enable(global, &rows)
}

fn disable_cmd(args: DisableArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let catalog = catalog(args.addons_dir.as_deref())?;
    let loaded = hosts::start(global, &args.file, "addon-disable")?;
    let cluster = find_cluster(&loaded, &args.cluster)?;
    let kubeconfig = kubeconfig_for(global, &loaded, &cluster.name, args.kubeconfig.as_deref())?;
    let rt = hosts::runtime()?;
    let client = rt.block_on(crate::kube::client_from_kubeconfig(&kubeconfig))?;
    let life = Lifecycle::new(client, &cluster.name, WaitOptions::default());
    // Refuse while an enabled addon needs this one.
    let enabled = rt.block_on(life.enabled())?;
    for other in &enabled {
        if let Ok(def) = catalog.get(other)
            && def.meta.needs.contains(&args.name)
        {
            bail!(
                "addon {other} needs {} in cluster {}: disable {other} first",
                args.name,
                cluster.name
            );
        }
    }
    super::node::confirm(
        args.yes,
        &format!(
            "Delete every object of addon {} from cluster {}{}?",
            args.name,
            cluster.name,
            if args.purge_crds {
                ", its CRDs and every object of their kinds"
            } else {
                ""
            }
        ),
    )?;
    let reporter = Reporter::new(global, "disabling");
    let prefix = format!("{}/{}", cluster.name, args.name);
    let deleted = rt.block_on(life.disable(&args.name, args.purge_crds, &|e| {
        reporter.event(&prefix, &e)
    }))?;
    reporter.done();
    #[derive(Serialize)]
    struct Out<'a> {
        cluster: &'a str,
        addon: &'a str,
        deleted: usize,
    }
    let out = Out {
        cluster: &cluster.name,
        addon: &args.name,
        deleted: deleted.len(),
    };
    if !print_data(global.output, &out)? {
        write_stdout(&format!(
            "{}: addon {} disabled ({} deleted{})\n",
            cluster.name,
            args.name,
            crate::text::count(deleted.len(), "object"),
            if args.purge_crds {
                ""
            } else {
                "; its CRDs are kept: --purge-crds removes them"
            }
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status_cmd(args: StatusArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let catalog = catalog(args.addons_dir.as_deref())?;
    let loaded = hosts::start(global, &args.file, "addon-status")?;
    let cluster = find_cluster(&loaded, &args.cluster)?;
    let kubeconfig = kubeconfig_for(global, &loaded, &cluster.name, args.kubeconfig.as_deref())?;
    let rt = hosts::runtime()?;
    let client = rt.block_on(crate::kube::client_from_kubeconfig(&kubeconfig))?;
    let life = Lifecycle::new(client, &cluster.name, WaitOptions::default());
    let names = match &args.name {
        Some(n) => vec![n.clone()],
        None => rt.block_on(life.enabled())?,
    };
    let mut rows = Vec::new();
    for n in &names {
        let def = catalog.get(n)?;
        rows.push(rt.block_on(life.status(&def.meta))?);
    }
    let unhealthy = rows.iter().any(|r| !r.healthy);
    if !print_data(global.output, &rows)? {
        let mut text = String::new();
        if rows.is_empty() {
            text.push_str(&format!("{}: no addons enabled\n", cluster.name));
        }
        for r in &rows {
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
                text.push_str(&format!(
                    "  {} {}{}\n",
                    if c.ok { "ok  " } else { "FAIL" },
                    c.check,
                    if c.detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", c.detail)
                    }
                ));
            }
        }
        write_stdout(&text)?;
    }
    Ok(if unhealthy {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
