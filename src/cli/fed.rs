//! `tcs fed plan|apply|status|controller`: what each member cluster gets from Karmada policy
//! files, offline or applied to the fleet.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts;
use crate::ops::fleet::FleetTarget;
use crate::ops::fleet::{ControllerOptions, FedFiles};
use crate::ui::{OutputFormat, exit, json_line, print, print_or, write_stdout};

/// Federation commands.
#[derive(Debug, Subcommand)]
pub enum FedCommand {
    /// Plan propagation with Karmada's PropagationPolicy/OverridePolicy semantics, offline.
    #[command(
        after_help = "Reads multi-document YAML: Karmada Clusters (cluster.karmada.io/v1alpha1), \
(Cluster)PropagationPolicies and (Cluster)OverridePolicies (policy.karmada.io/v1alpha1), \
ResourceBindings (work.karmada.io/v1alpha2) as the previous placement, and any other objects as \
resources to propagate, in any order and any number of files. Namespaced objects without \
metadata.namespace (resources and policies alike, as files for kubectl apply are written) go to \
-n NAMESPACE, default \"default\"; cluster-scoped kinds stay cluster-scoped (a custom kind by its \
CRD among the inputs). Exit status 1 when some resource or cluster could not be planned (see \
\"errors\"); the rest is still planned.\n\nExamples:\n  \
tcs fed plan -f examples/federation/\n  tcs fed plan -f karmada-samples/ -n team-a\n  tcs fed plan -f clusters.yaml -f policies.yaml -f app.yaml -o json\n  \
tcs fed plan -f examples/federation/ --output-dir gitops/"
    )]
    Plan(PlanArgs),
    /// Propagate to the fleet: plan, server-side apply each member's objects, prune, record.
    #[command(
        after_help = "Clusters come from the fleet registry in the global cluster (tcs cluster join); the files hold \
Karmada PropagationPolicies/OverridePolicies and the resources to propagate. Each member's objects are \
server-side applied as field manager tcs-fed and annotated with their resource template; objects a member no \
longer gets are deleted there; each resource's placement is recorded as a Karmada ResourceBinding in the \
global cluster (namespace tcs-fleet), which the next apply reads so that scaling keeps a steady assignment. \
An unreachable member is reported and caught up by the next apply; the others proceed. Exit status 1 when \
anything was not applied.\n\nExamples:\n  tcs fed apply -f examples/federation/policies.yaml -f examples/federation/resources.yaml --inventory inventory.yaml\n  \
tcs fed apply -f app/ --global-kubeconfig global.conf -o json"
    )]
    Apply(ApplyArgs),
    /// Per resource and member: desired, applied and ready replicas, and the last error.
    #[command(
        after_help = "Exit status 1 when something is not applied.\n\nExamples:\n  tcs fed status --inventory inventory.yaml\n  tcs fed status shop/web --global-kubeconfig global.conf -o json"
    )]
    Status(StatusArgs),
    /// Run the federation reconciler: watch the global cluster, plan and apply continuously.
    #[command(
        after_help = "Reads what `tcs fed apply --store` keeps in the global cluster (Karmada policy objects, resource \
templates wrapped in ConfigMaps in namespace tcs-fed-templates so they do not run there) and the fleet registry; \
reconciles after every change (debounced), every --resync seconds, and after failures with exponential backoff. \
Replicas elect a leader through Lease tcs-fleet/tcs-fed-controller, so two or more can run safely. \
`tcs addon enable federation` runs it in the global cluster.\n\nExamples:\n  \
tcs fed controller --inventory inventory.yaml\n  tcs fed controller            # in a Pod: the in-cluster ServiceAccount"
    )]
    Controller(ControllerArgs),
}

/// Arguments of `tcs fed plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Input files or directories (every *.yaml / *.yml inside, sorted).
    #[arg(short = 'f', long = "file", value_name = "PATH", required = true)]
    pub files: Vec<PathBuf>,
    /// Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The namespace of namespaced objects (resources and policies) that name none, as
    /// `kubectl apply -n`.
    #[arg(short = 'n', long, value_name = "NAMESPACE", default_value = crate::fed::DEFAULT_NAMESPACE)]
    pub namespace: String,
}

/// Runs a federation command.
pub fn run(cmd: FedCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        FedCommand::Plan(args) => plan(args, global),
        FedCommand::Apply(args) => apply(args, global),
        FedCommand::Status(args) => status(args, global),
        FedCommand::Controller(args) => controller(args, global),
    }
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
    /// The federation backend.
    #[command(flatten)]
    pub backend: hosts::BackendArgs,
}

impl FedTargetArgs {
    fn fleet(
        &self,
        global: &GlobalOpts,
        command: &str,
    ) -> anyhow::Result<crate::ops::fleet::FleetTarget> {
        hosts::fleet_target(
            global,
            self.inventory.as_deref(),
            self.global_kubeconfig.as_deref(),
            &self.backend,
            command,
        )
    }

    fn kubeconfig(&self, global: &GlobalOpts, command: &str) -> anyhow::Result<PathBuf> {
        let (inventory, explicit) = (self.inventory.as_deref(), self.global_kubeconfig.as_deref());
        hosts::global_kubeconfig(global, inventory, explicit, command)
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

fn plan(args: PlanArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    use crate::ops::fed_plan::{PlanFormat, plan_files, refused_plan, write_plan, write_tree};
    let dir = args.output_dir.as_deref();
    let format = match global.output {
        OutputFormat::Json => PlanFormat::Json,
        OutputFormat::Table => PlanFormat::Table,
        OutputFormat::Yaml => {
            let plan = plan_files(&args.files, &args.namespace)?;
            dir.map(|d| write_tree(&plan, d)).transpose()?;
            print(global.output, &plan)?;
            return Ok(exit(plan.errors.is_empty()));
        }
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write_plan(&args.files, &args.namespace, format, dir, &mut out) {
        Ok(written) => Ok(exit(written.errors == 0)),
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        // A script reading -o json gets the contract with the error in it, as for any failure.
        Err(e) if format == PlanFormat::Json => {
            drop(out);
            write_stdout(&json_line(&refused_plan(&e)))?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

fn apply(args: ApplyArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let target = args.target.fleet(global, "fed-apply")?;
    let files = FedFiles::load(&args.files, &args.namespace)?;
    for w in &files.inputs.warnings {
        eprintln!("warning: {w}");
    }
    let reporter = crate::ui::progress::fleet_reporter(global.ui());
    let gk = match target {
        FleetTarget::Tcs(gk) => gk,
        FleetTarget::Karmada(kk) => {
            if args.store || args.from_cluster {
                anyhow::bail!(
                    "--store and --from-cluster are for tcs's own engine; Karmada keeps what is applied to it"
                );
            }
            let done = crate::ops::fleet::apply_karmada(&kk, &files, &reporter)?;
            print(global.output, &done)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    if args.store {
        print(
            global.output,
            &crate::ops::fleet::store(&gk, &files, &reporter)?,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = crate::ops::fleet::apply(&gk, files, args.from_cluster, &reporter)?;
    print(global.output, &report)?;
    Ok(exit(report.complete()))
}

fn status(args: StatusArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let rows = match args.target.fleet(global, "fed-status")? {
        FleetTarget::Tcs(gk) => crate::ops::fleet::status(&gk, args.resource.as_deref())?,
        FleetTarget::Karmada(kk) => {
            crate::ops::fleet::status_karmada(&kk, args.resource.as_deref())?
        }
    };
    print_or(global.output, &rows, || {
        crate::ops::fleet::render_status(&rows)
    })?;
    Ok(exit(rows.iter().all(|r| r.applied && r.error.is_empty())))
}

fn controller(args: ControllerArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let t = &args.target;
    let kubeconfig = match t.inventory.is_some() || t.global_kubeconfig.is_some() {
        true => Some(t.kubeconfig(global, "fed-controller")?),
        false => None,
    };
    let opts = ControllerOptions {
        kubeconfig,
        identity: args.identity,
        lease_duration: std::time::Duration::from_secs(args.lease_duration),
        resync: std::time::Duration::from_secs(args.resync),
        leader_election: !args.no_leader_election,
    };
    crate::ops::fleet::controller(&opts, &|e| {
        if !global.quiet {
            eprintln!("{e:?}");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
