//! The fleet from the command line: `tcs cluster join|unjoin`, `tcs fed apply|status`, and the
//! global cluster these talk to.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use serde::Serialize;

use super::GlobalOpts;
use super::hosts;
use super::output::{print_data, write_stdout};
use crate::federation::{self, JoinRequest};
use crate::kube::{Applier, ApplyEvent};

/// Where the global cluster is.
#[derive(Debug, Args, Clone)]
pub struct GlobalClusterArgs {
    /// Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Kubeconfig of the global cluster, instead of the inventory's.
    #[arg(long, env = "TCS_GLOBAL_KUBECONFIG", value_name = "FILE")]
    pub global_kubeconfig: Option<PathBuf>,
}

/// The global cluster's kubeconfig: `--global-kubeconfig`, else the inventory's global cluster.
pub fn global_kubeconfig(
    global: &GlobalOpts,
    args: &GlobalClusterArgs,
    command: &str,
) -> anyhow::Result<PathBuf> {
    if let Some(p) = &args.global_kubeconfig {
        super::logging::init(global, None);
        return Ok(p.clone());
    }
    let Some(file) = &args.file else {
        bail!(
            "say where the global cluster is: -f INVENTORY (its global cluster) or --global-kubeconfig FILE"
        );
    };
    let loaded = hosts::start(global, file, command)?;
    let cluster = loaded
        .inventory
        .spec
        .clusters
        .iter()
        .find(|c| c.role == crate::inventory::ClusterRole::Global)
        .context("the inventory has no global cluster")?;
    let path = crate::steps::kubernetes::kubeconfig_path(
        &hosts::state_dir(global, &loaded),
        &cluster.name,
    );
    if !path.exists() {
        bail!(
            "the global cluster {} has no kubeconfig at {} (is it installed?); or pass --global-kubeconfig FILE",
            cluster.name,
            path.display()
        );
    }
    Ok(path)
}

fn reporter(global: &GlobalOpts) -> impl Fn(ApplyEvent) + Sync + '_ {
    move |e: ApplyEvent| {
        let line = e.to_string();
        tracing::info!("{line}");
        if global.verbose > 0 && !global.quiet {
            eprintln!("{line}");
        }
    }
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
    #[arg(long, value_delimiter = ',', value_name = "K=V")]
    pub labels: Vec<String>,
    /// Provider.
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<String>,
    /// Region.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Zones, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ZONE")]
    pub zones: Vec<String>,
    /// The global cluster.
    #[command(flatten)]
    pub target: GlobalClusterArgs,
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
    /// The global cluster.
    #[command(flatten)]
    pub target: GlobalClusterArgs,
}

fn parse_labels(labels: &[String]) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    labels
        .iter()
        .map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .with_context(|| format!("--labels {l:?}: expected KEY=VALUE"))
        })
        .collect()
}

async fn member_client(
    kubeconfig: &Path,
    context: Option<&str>,
) -> anyhow::Result<(::kube::Client, String)> {
    crate::tls::install_crypto_provider();
    let kc = ::kube::config::Kubeconfig::read_from(kubeconfig)
        .with_context(|| format!("reading kubeconfig {}", kubeconfig.display()))?;
    let opts = ::kube::config::KubeConfigOptions {
        context: context.map(str::to_string),
        ..Default::default()
    };
    let config = ::kube::Config::from_custom_kubeconfig(kc, &opts)
        .await
        .with_context(|| format!("kubeconfig {}", kubeconfig.display()))?;
    let endpoint = config
        .cluster_url
        .to_string()
        .trim_end_matches('/')
        .to_string();
    Ok((::kube::Client::try_from(config)?, endpoint))
}

/// Joins one member (used by `tcs cluster join` and by `tcs install` for business clusters).
pub fn join_member(
    global: &GlobalOpts,
    global_kubeconfig: &Path,
    req: JoinRequest,
    member_kubeconfig: &Path,
    context: Option<&str>,
) -> anyhow::Result<serde_json::Value> {
    let rt = hosts::runtime()?;
    rt.block_on(async {
        let (member, endpoint) = member_client(member_kubeconfig, context).await?;
        let req = JoinRequest { endpoint, ..req };
        let applier = Applier::new(
            crate::kube::client_from_kubeconfig(global_kubeconfig).await?,
            "tcs",
        );
        Ok(federation::join(&applier, member, &req, &reporter(global)).await?)
    })
}

/// Runs `tcs cluster join`.
pub fn join(args: JoinArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let gk = global_kubeconfig(global, &args.target, "cluster-join")?;
    let req = JoinRequest {
        name: args.name.clone(),
        endpoint: String::new(),
        labels: parse_labels(&args.labels)?,
        provider: args.provider.clone(),
        region: args.region.clone(),
        zones: args.zones.clone(),
    };
    let status = join_member(global, &gk, req, &args.kubeconfig, args.context.as_deref())?;
    #[derive(Serialize)]
    struct Out<'a> {
        name: &'a str,
        status: &'a serde_json::Value,
    }
    if !print_data(
        global.output,
        &Out {
            name: &args.name,
            status: &status,
        },
    )? {
        write_stdout(&format!(
            "cluster {} joined the fleet ({}, {})\n",
            args.name,
            status["kubernetesVersion"].as_str().unwrap_or("?"),
            status["conditions"][0]["message"].as_str().unwrap_or("")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `tcs cluster unjoin`.
pub fn unjoin(args: UnjoinArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let gk = global_kubeconfig(global, &args.target, "cluster-unjoin")?;
    super::node::confirm(
        args.yes,
        &format!(
            "Remove cluster {} from the fleet{}?",
            args.name,
            if args.prune {
                " and delete everything federation propagated to it"
            } else {
                ""
            }
        ),
    )?;
    let rt = hosts::runtime()?;
    let connector = federation::token_connector();
    let (cleaned, pruned) = rt.block_on(async {
        let applier = Applier::new(crate::kube::client_from_kubeconfig(&gk).await?, "tcs");
        let member = federation::connect_member(&applier, &args.name, &connector).await;
        let mut pruned = 0;
        if args.prune {
            let member = member
                .as_ref()
                .map_err(|e| anyhow::anyhow!("--prune needs the member: {e}"))?;
            pruned =
                federation::prune_member(&applier, &args.name, member.clone(), &reporter(global))
                    .await?;
        }
        let cleaned =
            federation::unjoin(&applier, &args.name, member.ok(), &reporter(global)).await?;
        anyhow::Ok((cleaned, pruned))
    })?;
    write_stdout(&format!(
        "cluster {} left the fleet{}{}\n",
        args.name,
        if args.prune {
            format!("; {pruned} propagated objects deleted")
        } else {
            String::new()
        },
        if cleaned {
            ""
        } else {
            "; the member was unreachable: delete namespace tcs-fleet and ClusterRoleBinding tcs-fleet-agent there yourself"
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Where the global cluster is, for `tcs fed` (whose -f are policy files).
#[derive(Debug, Args, Clone)]
pub struct FedTargetArgs {
    /// Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet.
    #[arg(long = "inventory", env = "TCS_INVENTORY", value_name = "FILE")]
    pub inventory: Option<PathBuf>,
    /// Kubeconfig of the global cluster, instead of the inventory's.
    #[arg(long, env = "TCS_GLOBAL_KUBECONFIG", value_name = "FILE")]
    pub global_kubeconfig: Option<PathBuf>,
}

impl FedTargetArgs {
    fn target(&self) -> GlobalClusterArgs {
        GlobalClusterArgs {
            file: self.inventory.clone(),
            global_kubeconfig: self.global_kubeconfig.clone(),
        }
    }
}

/// `tcs fed apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Policy and resource files or directories (every *.yaml / *.yml inside).
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        required_unless_present = "from_cluster"
    )]
    pub files: Vec<PathBuf>,
    /// The namespace of namespaced objects (resources and policies) that name none, as
    /// `kubectl apply -n`.
    #[arg(short = 'n', long, value_name = "NAMESPACE", default_value = crate::fed::DEFAULT_NAMESPACE)]
    pub namespace: String,
    /// Store the files' policies and resource templates in the global cluster for the
    /// federation controller instead of applying them from here.
    #[arg(long, conflicts_with = "from_cluster")]
    pub store: bool,
    /// Plan from the policies and templates stored in the global cluster (plus any -f files).
    #[arg(long)]
    pub from_cluster: bool,
    /// The global cluster.
    #[command(flatten)]
    pub target: FedTargetArgs,
}

/// Runs `tcs fed apply`.
pub fn apply(args: ApplyArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let gk = global_kubeconfig(global, &args.target.target(), "fed-apply")?;
    let files = super::fed::expand(&args.files)?;
    let inputs = crate::fed::load_files_in(&files, &args.namespace)?;
    for w in &inputs.warnings {
        eprintln!("warning: {w}");
    }
    if !inputs.clusters.is_empty() {
        bail!(
            "the files hold Cluster objects: with fed apply the fleet's clusters come from the global cluster (tcs cluster join); remove them"
        );
    }
    let rt = hosts::runtime()?;
    if args.store {
        let mut objects = Vec::new();
        for f in &files {
            let text =
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            for m in crate::kube::parse_documents(&text, &f.display().to_string())? {
                objects.push(m.value);
            }
        }
        // Stored as planned: with the namespace they default to.
        crate::fed::default_namespaces(objects.iter_mut(), &args.namespace);
        let (policies, templates) = rt.block_on(async {
            let applier = Applier::new(crate::kube::client_from_kubeconfig(&gk).await?, "tcs");
            anyhow::Ok(federation::controller::store(&applier, &objects, &reporter(global)).await?)
        })?;
        write_stdout(&format!(
            "stored {} and {} in the global cluster; the federation controller applies them\n",
            crate::text::count(policies, "policy"),
            crate::text::count(templates, "resource template")
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let connector = federation::token_connector();
    let report = rt.block_on(async {
        let applier = Applier::new(crate::kube::client_from_kubeconfig(&gk).await?, "tcs");
        let mut inputs = inputs;
        // Capacity-based division reads the members' resource summaries: bring them up to date.
        federation::controller::refresh_all(&applier, &connector).await?;
        if args.from_cluster {
            let stored = federation::controller::stored_inputs(&applier).await?;
            inputs
                .propagation_policies
                .extend(stored.propagation_policies);
            inputs
                .cluster_propagation_policies
                .extend(stored.cluster_propagation_policies);
            inputs.override_policies.extend(stored.override_policies);
            inputs
                .cluster_override_policies
                .extend(stored.cluster_override_policies);
            inputs.resources.extend(stored.resources);
        }
        anyhow::Ok(federation::apply_plan(&applier, inputs, &connector, &reporter(global)).await?)
    })?;
    if !print_data(global.output, &report)? {
        let mut text = String::new();
        for o in &report.outcomes {
            text.push_str(&format!(
                "{:<11} {:<12} {}{}{}\n",
                o.action,
                o.cluster,
                o.resource,
                o.replicas
                    .map(|r| format!(" ({r} replicas)"))
                    .unwrap_or_default(),
                if o.message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", o.message)
                }
            ));
        }
        for u in &report.unreachable {
            text.push_str(&format!("unreachable: {u} (retried by the next apply)\n"));
        }
        for e in &report.plan_errors {
            text.push_str(&format!("not planned: {e}\n"));
        }
        write_stdout(&text)?;
    }
    Ok(if report.complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `tcs fed status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only resources whose `Kind namespace/name` contains this.
    #[arg(value_name = "RESOURCE")]
    pub resource: Option<String>,
    /// The global cluster.
    #[command(flatten)]
    pub target: FedTargetArgs,
}

/// Runs `tcs fed status`.
pub fn status(args: StatusArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let gk = global_kubeconfig(global, &args.target.target(), "fed-status")?;
    let rt = hosts::runtime()?;
    let connector = federation::token_connector();
    let rows = rt.block_on(async {
        let applier = Applier::new(crate::kube::client_from_kubeconfig(&gk).await?, "tcs");
        anyhow::Ok(federation::fed_status(&applier, &connector, args.resource.as_deref()).await?)
    })?;
    let bad = rows.iter().any(|r| !r.applied || !r.error.is_empty());
    if !print_data(global.output, &rows)? {
        let mut text = format!(
            "{:<36} {:<12} {:>7} {:>7} {:>5}  {}\n",
            "RESOURCE", "CLUSTER", "DESIRED", "APPLIED", "READY", "ERROR"
        );
        for r in &rows {
            text.push_str(&format!(
                "{:<36} {:<12} {:>7} {:>7} {:>5}  {}\n",
                r.resource,
                r.cluster,
                r.desired
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                if r.applied { "yes" } else { "no" },
                r.ready.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                r.error
            ));
        }
        write_stdout(&text)?;
    }
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `tcs fed controller`.
#[derive(Debug, Args)]
pub struct ControllerArgs {
    /// The global cluster (default: the in-cluster ServiceAccount, as when deployed by the
    /// federation addon).
    #[command(flatten)]
    pub target: FedTargetArgs,
    /// This replica's name in the Lease (default: $POD_NAME, else the host name).
    #[arg(long, value_name = "ID")]
    pub identity: Option<String>,
    /// Lease duration in seconds (the holder renews every third of it).
    #[arg(long, default_value_t = 15, value_name = "SECONDS")]
    pub lease_duration: u64,
    /// Reconcile at least this often, in seconds.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub resync: u64,
    /// Run without leader election (one replica only).
    #[arg(long)]
    pub no_leader_election: bool,
}

async fn terminated() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match term.as_mut() {
                Some(t) => { t.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}

/// Runs `tcs fed controller` until SIGTERM or Ctrl-C.
pub fn controller(args: ControllerArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    use federation::controller::{Elector, LoopEvent, LoopOptions, run, watch_triggers};
    let target = args.target.target();
    let kubeconfig = if target.file.is_some() || target.global_kubeconfig.is_some() {
        Some(global_kubeconfig(global, &target, "fed-controller")?)
    } else {
        super::logging::init(global, None);
        None
    };
    let identity = args
        .identity
        .clone()
        .or_else(|| std::env::var("POD_NAME").ok())
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "tcs-fed-controller".into());
    let rt = hosts::runtime()?;
    rt.block_on(async {
        crate::tls::install_crypto_provider();
        let client = match &kubeconfig {
            Some(p) => crate::kube::client_from_kubeconfig(p).await?,
            None => ::kube::Client::try_default()
                .await
                .context("no kubeconfig given and not running in a cluster: pass --inventory or --global-kubeconfig")?,
        };
        let applier = Applier::new(client.clone(), "tcs");
        let elector = (!args.no_leader_election).then(|| {
            Elector::new(
                client.clone(),
                federation::FLEET_NAMESPACE,
                "tcs-fed-controller",
                &identity,
                std::time::Duration::from_secs(args.lease_duration.max(3)),
            )
        });
        let options = LoopOptions { resync: std::time::Duration::from_secs(args.resync.max(5)), ..Default::default() };
        let report = |e: LoopEvent| {
            match &e {
                LoopEvent::Leading => tracing::info!(identity = %identity, "leading: reconciling the fleet"),
                LoopEvent::Standby => tracing::info!(identity = %identity, "standby: another replica holds the lease"),
                LoopEvent::Reconciled { complete } => tracing::info!(complete, "reconciled"),
                LoopEvent::Failed { message, retry_in } => tracing::error!(error = %message, retry_in = ?retry_in, "reconcile failed"),
            }
            if !global.quiet {
                eprintln!("{e:?}");
            }
        };
        let connector = federation::token_connector();
        run(&applier, &connector, elector.as_ref(), watch_triggers(client), options, terminated(), &report).await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
