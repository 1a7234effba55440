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
        let line = match &e {
            ApplyEvent::Applied(r) => format!("applied {r}"),
            ApplyEvent::Retrying(r, why) => format!("retrying {r}: {why}"),
            ApplyEvent::Waiting(r, why) => format!("waiting for {r}: {why}"),
            ApplyEvent::Ready(r) => format!("ready {r}"),
            ApplyEvent::Deleted(r) => format!("deleted {r}"),
        };
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
            "cluster {} joined the fleet: {} , {}\n",
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
    #[arg(short = 'f', long = "file", value_name = "PATH", required = true)]
    pub files: Vec<PathBuf>,
    /// The global cluster.
    #[command(flatten)]
    pub target: FedTargetArgs,
}

/// Runs `tcs fed apply`.
pub fn apply(args: ApplyArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let gk = global_kubeconfig(global, &args.target.target(), "fed-apply")?;
    let files = super::fed::expand(&args.files)?;
    let inputs = crate::fed::load_files(&files)?;
    if !inputs.clusters.is_empty() {
        bail!(
            "the files hold Cluster objects: with fed apply the fleet's clusters come from the global cluster (tcs cluster join); remove them"
        );
    }
    let rt = hosts::runtime()?;
    let connector = federation::token_connector();
    let report = rt.block_on(async {
        let applier = Applier::new(crate::kube::client_from_kubeconfig(&gk).await?, "tcs");
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
