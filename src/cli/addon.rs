//! `tcs addon list|render|enable|disable|status`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts;
use crate::ops::addon::{ClusterAddons, EnableOptions, Sources, Values, catalog};
use crate::ui::progress::AddonReporter;
use crate::ui::{
    OutputFormat, confirm, exit, print, print_data, print_enable, print_or, write_stdout,
};

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

impl SourceArgs {
    fn sources(&self) -> Sources {
        Sources {
            addons_dir: self.addons_dir.clone(),
            bundle: self.bundle.clone(),
            mirror: self.mirror.clone(),
        }
    }
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

impl ValueArgs {
    fn values(&self) -> Values {
        Values {
            files: self.values.clone(),
            set: self.set.clone(),
        }
    }
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

/// The cluster an addon command works on.
#[derive(Debug, Args, Clone)]
pub struct ClusterTarget {
    /// Cluster of the inventory.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Kubeconfig to use instead of the one tcs keeps for the cluster.
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
}

/// `tcs addon enable`.
#[derive(Debug, Args)]
pub struct EnableArgs {
    /// Addon names (the addons they need must be enabled already, or be named too).
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    /// The cluster.
    #[command(flatten)]
    pub target: ClusterTarget,
    /// Values (with several addons, they apply to each).
    #[command(flatten)]
    pub values: ValueArgs,
    /// Sources.
    #[command(flatten)]
    pub source: SourceArgs,
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
    /// The cluster.
    #[command(flatten)]
    pub target: ClusterTarget,
    /// Also delete the addon's CRDs, and with them every object of their kinds in the cluster.
    #[arg(long)]
    pub purge_crds: bool,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Catalog source.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
}

/// `tcs addon status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this addon.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// The cluster.
    #[command(flatten)]
    pub target: ClusterTarget,
    /// Catalog source.
    #[arg(long, env = "TCS_ADDONS_DIR", value_name = "DIR")]
    pub addons_dir: Option<PathBuf>,
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

fn list(args: ListArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let catalog = catalog(args.addons_dir.as_deref())?;
    let ws = match &args.file {
        Some(f) => Some(hosts::start(global, f, "addon-list")?),
        None => None,
    };
    let entries = crate::ops::addon::catalog_entries(&catalog, ws.as_ref());
    print_or(global.output, &entries, || {
        crate::ops::addon::render_catalog(&entries, ws.is_some())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn render_cmd(args: RenderArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    catalog(args.source.addons_dir.as_deref())?.get(&args.name)?;
    let ws = hosts::start(global, &args.file, "addon-render")?;
    let rendered = crate::ops::addon::render_addon(
        &ws,
        &args.cluster,
        &args.name,
        &args.values.values(),
        &args.source.sources(),
    )?;
    if args.images {
        print_or(global.output, &rendered.images, || {
            rendered.images.join("\n") + "\n"
        })?;
    } else if global.output == OutputFormat::Json {
        let objs: Vec<&serde_json::Value> = rendered.objects.iter().map(|m| &m.value).collect();
        print_data(global.output, &objs)?;
    } else {
        write_stdout(&rendered.to_yaml())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn enable_cmd(args: EnableArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = hosts::start(global, &args.target.file, "addon-enable")?;
    let cluster = ws.cluster(&args.target.cluster)?;
    let opts = EnableOptions {
        values: args.values.values(),
        sources: args.source.sources(),
        kubeconfig: args.target.kubeconfig,
        timeout: Duration::from_secs(args.timeout),
    };
    let reporter = AddonReporter::new(global.ui(), "enabling");
    let rows = crate::ops::addon::enable(&ws, cluster, &args.names, &opts, &|p, e| {
        reporter.event(p, e)
    });
    reporter.done();
    print_enable(global.output, &rows?)
}

fn disable_cmd(args: DisableArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = hosts::start(global, &args.target.file, "addon-disable")?;
    let addons = ClusterAddons::open(
        &ws,
        &args.target.cluster,
        args.target.kubeconfig.as_deref(),
        args.addons_dir.as_deref(),
    )?;
    let cluster = addons.cluster().to_string();
    addons.check_disable(&args.name)?;
    confirm(
        args.yes,
        &format!(
            "Delete every object of addon {} from cluster {cluster}{}?",
            args.name,
            if args.purge_crds {
                ", its CRDs and every object of their kinds"
            } else {
                ""
            }
        ),
    )?;
    let reporter = AddonReporter::new(global.ui(), "disabling");
    let prefix = format!("{cluster}/{}", args.name);
    let deleted = addons.disable(&args.name, args.purge_crds, &|e| reporter.event(&prefix, e));
    reporter.done();
    print(global.output, &deleted?)?;
    Ok(ExitCode::SUCCESS)
}

fn status_cmd(args: StatusArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = hosts::start(global, &args.target.file, "addon-status")?;
    let addons = ClusterAddons::open(
        &ws,
        &args.target.cluster,
        args.target.kubeconfig.as_deref(),
        args.addons_dir.as_deref(),
    )?;
    let rows = addons.status(args.name.as_deref())?;
    print_or(global.output, &rows, || {
        crate::ops::addon::render_status(addons.cluster(), &rows)
    })?;
    Ok(exit(rows.iter().all(|r| r.healthy)))
}
