//! `tcs cluster list|kubeconfig|reset|join|unjoin`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts;
use crate::federation::JoinRequest;
use crate::ops::fleet::FleetTarget;
use crate::ui::progress::{InstallPrinter, fleet_reporter};
use crate::ui::{confirm, exit, print, print_event, print_or, write_stdout};

/// Cluster commands.
#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// The inventory's clusters with their endpoint and live health.
    #[command(
        after_help = "Health asks each API server's /readyz with the admin kubeconfig tcs keeps in the state\ndirectory (<state dir>/kubeconfig/<cluster>.conf): ready, not ready (with the reason),\nunreachable, or not installed (no kubeconfig yet). Exit status 0 even when a cluster is down.\n\nExamples:\n  tcs cluster list -f inventory.yaml\n  tcs cluster list -f inventory.yaml -o json | jq '.[] | select(.health != \"ready\")'"
    )]
    List(ListArgs),
    /// Print a cluster's admin kubeconfig, or merge it into your kubeconfig.
    #[command(
        after_help = "The kubeconfig's entries are named <cluster>, <cluster>-admin and <cluster>-admin@<cluster>, so\nseveral clusters merge side by side. --merge writes $KUBECONFIG (its first path) or\n~/.kube/config, 0600, replacing entries of the same name; the current context changes only\nwith --use or when none is set.\n\nExamples:\n  tcs cluster kubeconfig prod -f inventory.yaml > prod.conf\n  tcs cluster kubeconfig prod -f inventory.yaml --merge --use && kubectl get nodes"
    )]
    Kubeconfig(KubeconfigArgs),
    /// Tear a cluster down: every host back to a prepared machine (containerd stays).
    #[command(
        after_help = "Runs `kubeadm reset`, stops and disables the kubelet and etcd, moves etcd data aside to
/var/lib/etcd.removed-<time>, and removes /etc/kubernetes, /var/lib/kubelet, /etc/etcd and the
CNI configuration on every host of the cluster; then forgets the local kubeconfig. The PKI in
the state directory is kept (a reinstall reuses it). Asks first, or --yes.

Examples:
  tcs cluster reset biz-sh -f inventory.yaml
  tcs cluster reset biz-sh -f inventory.yaml --yes"
    )]
    Reset(ResetArgs),
    /// Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too).
    #[command(
        after_help = "Checks that the member answers and that its kubeconfig may create tcs's identity there, then\ncreates namespace tcs-fleet with ServiceAccount tcs-fleet-agent (bound to cluster-admin) and its\ntoken, and registers the member in the global cluster: a Cluster (clusters.fleet.tcs.io, shaped\nlike Karmada's) and a Secret with that token. The given kubeconfig is not stored. Business\nclusters that tcs install creates are joined automatically.\n\nExamples:\n  tcs cluster join biz-gz --kubeconfig gz.conf -f inventory.yaml --labels env=prod --region gz --zones gz-1,gz-2\n  tcs cluster join eks-1 --kubeconfig ~/.kube/config --context eks-1 --global-kubeconfig global.conf --provider aws"
    )]
    Join(JoinArgs),
    /// Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node.
    #[command(after_help = UPGRADE_HELP)]
    Upgrade(UpgradeArgs),
    /// Remove a cluster from the fleet.
    #[command(
        after_help = "Examples:\n  tcs cluster unjoin biz-gz -f inventory.yaml --yes\n  tcs cluster unjoin biz-gz -f inventory.yaml --prune --yes   # also delete what was propagated to it"
    )]
    Unjoin(UnjoinArgs),
}

const UPGRADE_HELP: &str = "Preconditions first, and nothing changes when one fails: Kubernetes' skew policy (one minor
at a time, never down), every node Ready, etcd healthy with a member to spare, the bundle carries
the target's binaries and images, enabled addons support it, no certificate expires within 30
days. Then, as kubeadm documents: the target's images and kubeadm on every node; etcd one member
at a time when the bundle's differs; `kubeadm upgrade apply` on the first control plane, `kubeadm
upgrade node` on the others one by one and on the workers in batches of --max-unavailable, each
node drained (PodDisruptionBudgets honoured), its runtime, kubelet and kubectl swapped, restarted,
Ready, uncordoned; then the network's manifest and the system pods. Journaled: --resume continues
after a failure or Ctrl-C; a re-run on an upgraded cluster changes nothing. --to defaults to the
inventory's version and --bundle to its spec.bundle; afterwards the inventory should say the new
version. --all upgrades the business clusters in waves of --wave-size, then the global cluster,
and stops after the first wave with a failure. `tcs plan --upgrade CLUSTER` shows it all first.

Examples:
  tcs plan --upgrade biz-sh -f inventory.yaml --to 1.36.4 --bundle tcs-1.36.4.tar
  tcs cluster upgrade biz-sh -f inventory.yaml --to 1.36.4 --bundle tcs-1.36.4.tar --yes
  tcs cluster upgrade biz-sh -f inventory.yaml --to 1.36.4 --bundle tcs-1.36.4.tar --resume --yes
  tcs cluster upgrade --all -f inventory.yaml --to 1.36.4 --bundle tcs-1.36.4.tar --wave-size 3 --yes";

/// `tcs cluster upgrade`.
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// Cluster name.
    #[arg(
        value_name = "CLUSTER",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub name: Option<String>,
    /// Every cluster of the inventory: business clusters in waves, then the global cluster.
    #[arg(long)]
    pub all: bool,
    /// The target release (default: the inventory's version of the cluster).
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// The target release's bundle (default: the inventory's spec.bundle).
    #[arg(long, value_name = "BUNDLE")]
    pub bundle: Option<PathBuf>,
    /// Workers upgraded at once.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub max_unavailable: usize,
    /// With --all: business clusters upgraded at once.
    #[arg(long, default_value_t = 1, value_name = "N", requires = "all")]
    pub wave_size: usize,
    /// Seconds a node's drain may take before the upgrade stops and names what blocks.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub drain_timeout: u64,
    /// Continue the last, interrupted run.
    #[arg(long)]
    pub resume: bool,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
}

/// `tcs cluster reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Cluster name.
    #[arg(value_name = "CLUSTER")]
    pub name: String,
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// `tcs cluster list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Seconds to wait for each API server.
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub timeout: u64,
}

/// `tcs cluster kubeconfig`.
#[derive(Debug, Args)]
pub struct KubeconfigArgs {
    /// Cluster name.
    #[arg(value_name = "CLUSTER")]
    pub name: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Merge into $KUBECONFIG or ~/.kube/config instead of printing.
    #[arg(long)]
    pub merge: bool,
    /// With --merge: make it the current context.
    #[arg(long = "use", requires = "merge")]
    pub use_context: bool,
}

/// `tcs cluster join`.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// Name of the member in the fleet.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The member's kubeconfig (any user allowed to create a namespace, a ServiceAccount, a
    /// Secret and a ClusterRoleBinding there; it is used once and not stored).
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: PathBuf,
    /// Context of that kubeconfig (default: its current context).
    #[arg(long, value_name = "CONTEXT")]
    pub context: Option<String>,
    /// Labels of the fleet entry, k=v,... (PropagationPolicies select on them).
    #[arg(long, value_delimiter = ',', value_name = "K=V", value_parser = label)]
    pub labels: Vec<(String, String)>,
    /// Provider.
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<String>,
    /// Region.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Zones, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ZONE")]
    pub zones: Vec<String>,
    /// With the karmada backend: push (Karmada reaches the member) or pull (karmada-agent in
    /// the member reaches Karmada; for members that only dial out).
    #[arg(long, value_enum, default_value_t)]
    pub mode: crate::ops::fleet::JoinMode,
    /// With --mode pull: karmada-agent's image (default: the karmada addon's pin).
    #[arg(long, value_name = "IMAGE")]
    pub agent_image: Option<String>,
    /// The global cluster.
    #[command(flatten)]
    pub target: hosts::GlobalClusterArgs,
}

/// `tcs cluster unjoin`.
#[derive(Debug, Args)]
pub struct UnjoinArgs {
    /// Name of the member.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Also delete what federation propagated to the member.
    #[arg(long)]
    pub prune: bool,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// The member's kubeconfig: with the karmada backend, a pull-mode member's karmada-agent
    /// is removed through it.
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// The global cluster.
    #[command(flatten)]
    pub target: hosts::GlobalClusterArgs,
}

/// Runs a cluster command.
pub fn run(cmd: ClusterCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        ClusterCommand::List(args) => list(args, global),
        ClusterCommand::Kubeconfig(args) => kubeconfig(args, global),
        ClusterCommand::Reset(args) => reset(args, global),
        ClusterCommand::Join(args) => join(args, global),
        ClusterCommand::Unjoin(args) => unjoin(args, global),
        ClusterCommand::Upgrade(args) => upgrade(args, global),
    }
}

fn upgrade(args: UpgradeArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "cluster-upgrade")?;
    let opts = crate::ops::upgrade::UpgradeOptions {
        cluster: args.name.clone().unwrap_or_default(),
        to: args.to,
        bundle: args.bundle,
        max_unavailable: args.max_unavailable,
        drain_timeout: args.drain_timeout,
        resume: args.resume,
        connect: args.inventory.connect(),
    };
    let what = match &args.name {
        Some(n) => format!("cluster {n}"),
        None => "every cluster of the inventory".into(),
    };
    let to = opts
        .to
        .as_deref()
        .map(|t| format!(" to {t}"))
        .unwrap_or_default();
    confirm(
        args.yes,
        &format!("Upgrade {what}{to}, draining its nodes one batch at a time?"),
    )?;
    let printer = InstallPrinter::new(global.ui());
    if args.all {
        let done = crate::ops::upgrade::upgrade_all(&ws, &opts, args.wave_size, &printer)?;
        print_event(global.output, "fleet-upgrade", &done)?;
        return Ok(exit(done.success()));
    }
    let done = crate::ops::upgrade::upgrade(&ws, &opts, None, &printer)?;
    print_event(global.output, "upgrade", &done)?;
    Ok(exit(done.success()))
}

fn reset(args: ResetArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "cluster-reset")?;
    let names = crate::ops::names(&ws.cluster_hosts(ws.cluster(&args.name)?));
    confirm(
        args.yes,
        &format!(
            "Tear down cluster {} on {} (kubeadm reset, etcd stopped and its data moved aside)?",
            args.name, names
        ),
    )?;
    let reset = crate::ops::cluster::reset(&ws, &args.name, &args.inventory.connect())?;
    print(global.output, &reset)?;
    Ok(exit(reset.failed() == 0))
}

fn list(args: ListArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = hosts::start(global, &args.file, "cluster-list")?;
    let rows = crate::ops::cluster::list(&ws, Duration::from_secs(args.timeout.max(1)));
    print_or(global.output, &rows, || crate::ops::cluster::render(&rows))?;
    Ok(ExitCode::SUCCESS)
}

fn kubeconfig(args: KubeconfigArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = hosts::start(global, &args.file, "cluster-kubeconfig")?;
    if !args.merge {
        write_stdout(&crate::ops::cluster::kubeconfig(&ws, &args.name)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let merged = crate::ops::cluster::merge_kubeconfig(&ws, &args.name, args.use_context)?;
    print(global.output, &merged)?;
    Ok(ExitCode::SUCCESS)
}

fn label(s: &str) -> Result<(String, String), String> {
    let (k, v) = s.split_once('=').ok_or("expected KEY=VALUE")?;
    Ok((k.trim().to_string(), v.trim().to_string()))
}

fn join(args: JoinArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let target = args.target.fleet(global, "cluster-join")?;
    let req = JoinRequest {
        name: args.name.clone(),
        endpoint: String::new(),
        labels: args.labels.iter().cloned().collect(),
        provider: args.provider.clone(),
        region: args.region.clone(),
        zones: args.zones.clone(),
    };
    let reporter = fleet_reporter(global.ui());
    let (member, context) = (&args.kubeconfig, args.context.as_deref());
    let joined = match target {
        FleetTarget::Tcs(gk) => {
            if args.mode == crate::ops::fleet::JoinMode::Pull {
                anyhow::bail!(
                    "--mode pull is Karmada's (karmada-agent in the member): add --backend karmada, or set fleet.backend: karmada on the inventory's global cluster"
                );
            }
            crate::ops::fleet::join(&gk, req, member, context, &reporter)?
        }
        FleetTarget::Karmada(kk) => {
            let image = match args.agent_image {
                Some(i) => i,
                None => crate::ops::fleet::default_agent_image()?,
            };
            crate::ops::fleet::join_karmada(
                &kk, req, member, context, args.mode, &image, &reporter,
            )?
        }
    };
    print(global.output, &joined)?;
    Ok(ExitCode::SUCCESS)
}

fn unjoin(args: UnjoinArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let target = args.target.fleet(global, "cluster-unjoin")?;
    let propagated = " and delete everything federation propagated to it";
    confirm(
        args.yes,
        &format!(
            "Remove cluster {} from the fleet{}?",
            args.name,
            if args.prune { propagated } else { "" }
        ),
    )?;
    let reporter = fleet_reporter(global.ui());
    let done = match target {
        FleetTarget::Tcs(gk) => crate::ops::fleet::unjoin(&gk, &args.name, args.prune, &reporter)?,
        FleetTarget::Karmada(kk) => crate::ops::fleet::unjoin_karmada(
            &kk,
            &args.name,
            args.kubeconfig.as_deref(),
            &reporter,
        )?,
    };
    print(global.output, &done)?;
    Ok(ExitCode::SUCCESS)
}
