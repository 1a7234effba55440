//! `tcs install` and `tcs plan`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::GlobalOpts;
use super::hosts::{self, ConnectArgs};
use crate::ops::install::{InstallOptions, PlanOptions};
use crate::ui::progress::InstallPrinter;
use crate::ui::{exit, print, print_event, print_or, write_stdout};

/// Arguments of `tcs install`.
#[derive(Debug, Args)]
#[command(
    after_help = "Every step checks the host first and changes only what differs; each \
step's outcome is recorded in <state dir>/journal.jsonl. A re-run of a finished install changes \
nothing. Ctrl-C stops between steps and records where it stopped. Once the last phase ran, each \
cluster's addons are enabled and the business clusters join the global cluster's fleet.\n\n\
Examples:\n  tcs install -f inventory.yaml\n  tcs install -f inventory.yaml --until prepare\n  \
tcs install -f inventory.yaml --resume\n  tcs install --list-phases"
)]
pub struct InstallArgs {
    /// Inventory file.
    #[arg(
        short = 'f',
        long = "file",
        env = "TCS_INVENTORY",
        value_name = "FILE",
        required_unless_present = "list_phases"
    )]
    pub file: Option<PathBuf>,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Continue the last, interrupted run: the steps it finished with the same inputs are not
    /// checked again (faster on big fleets); everything else runs as usual. Without it every
    /// step is checked on every host, so any run also converges what an interrupted one left.
    #[arg(long)]
    pub resume: bool,
    /// Stop after this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
    /// Only this cluster.
    #[arg(long, value_name = "NAME")]
    pub only_cluster: Option<String>,
    /// Print the phases and their steps, then exit.
    #[arg(long)]
    pub list_phases: bool,
    /// Send every bundle file from this machine instead of letting hosts copy from each other.
    #[arg(long)]
    pub no_relay: bool,
    /// Run only if the hosts are exactly as this saved plan (`tcs plan --out`) found them.
    #[arg(long, value_name = "FILE")]
    pub plan_file: Option<PathBuf>,
    /// Do not enable the inventory's addons after the network phase.
    #[arg(long)]
    pub skip_addons: bool,
    /// Do not join the business clusters to the global cluster's fleet.
    #[arg(long)]
    pub skip_join: bool,
    /// After the summary, where the time went: per cluster and phase, and the slowest steps.
    #[arg(long)]
    pub timings: bool,
}

/// Arguments of `tcs plan`.
#[derive(Debug, Args)]
#[command(
    after_help = "Connects, gathers facts and runs every step's read-only check: nothing \
on the hosts changes.\n\nExamples:\n  tcs plan -f inventory.yaml\n  tcs plan -f inventory.yaml --only-cluster biz-sh -o json"
)]
pub struct PlanArgs {
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Only this cluster.
    #[arg(long, value_name = "NAME")]
    pub only_cluster: Option<String>,
    /// Plan up to this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
    /// Also write the plan to FILE, for `tcs install --plan-file FILE`.
    #[arg(long, value_name = "FILE", conflicts_with = "upgrade")]
    pub out: Option<PathBuf>,
    /// Plan `tcs cluster upgrade CLUSTER` instead: its preconditions and every host's steps.
    #[arg(long, value_name = "CLUSTER", conflicts_with_all = ["until", "only_cluster"])]
    pub upgrade: Option<String>,
    /// With --upgrade: the target release (default: the inventory's version).
    #[arg(long, value_name = "VERSION", requires = "upgrade")]
    pub to: Option<String>,
    /// With --upgrade: the target's bundle (default: the inventory's spec.bundle).
    #[arg(long, value_name = "BUNDLE", requires = "upgrade")]
    pub bundle: Option<PathBuf>,
}

/// Runs `tcs install`.
pub fn run(args: InstallArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    if args.list_phases {
        write_stdout(&crate::ops::install::render_phases(args.until.as_deref())?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let file = args.file.clone().unwrap_or_default();
    let ws = hosts::start(global, &file, "install")?;
    let opts = InstallOptions {
        until: args.until,
        resume: args.resume,
        only_cluster: args.only_cluster,
        node: None,
        no_relay: args.no_relay,
        plan_file: args.plan_file,
        skip_addons: args.skip_addons,
        skip_join: args.skip_join,
        timings: args.timings,
        connect: args.connect.options(),
    };
    let outcome = crate::ops::install::install(&ws, &opts, &InstallPrinter::new(global.ui()))?;
    if let Some(t) = &outcome.timings {
        print_event(global.output, "timings", t)?;
    }
    Ok(exit(outcome.success()))
}

/// Runs `tcs plan`.
pub fn run_plan(args: PlanArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "plan")?;
    if let Some(cluster) = args.upgrade {
        let opts = crate::ops::upgrade::UpgradeOptions {
            cluster,
            to: args.to,
            bundle: args.bundle,
            connect: args.inventory.connect(),
            ..Default::default()
        };
        let plan = crate::ops::upgrade::plan(&ws, &opts)?;
        print(global.output, &plan)?;
        return Ok(exit(plan.preconditions.checks.iter().all(|c| c.ok)));
    }
    let opts = PlanOptions {
        only_cluster: args.only_cluster,
        until: args.until,
        connect: args.inventory.connect(),
    };
    let plan = crate::ops::install::plan(&ws, &opts)?;
    if let Some(out) = &args.out {
        plan.write(out)?;
        eprintln!(
            "plan written to {}; run it with: tcs install -f {} --plan-file {}",
            out.display(),
            ws.path().display(),
            out.display()
        );
    }
    print_or(global.output, &plan.hosts, || plan.to_string())?;
    Ok(exit(!plan.has_errors()))
}
