//! `tcs node add|remove`.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts::{self};
use crate::ui::progress::InstallPrinter;
use crate::ui::{confirm, exit, print, write_stdout};

/// Node commands.
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Install a host the inventory adds to a running cluster (worker, control plane or etcd).
    #[command(
        after_help = "Add the host to the inventory first (spec.hosts and the cluster's workers, controlPlane or\netcd hosts). Every install phase runs on that host only; the first control plane makes the\njoin token and, for a new etcd member, a running member adds it to etcd before it starts (its\nunit then says --initial-cluster-state=existing). Then waits until the node is Ready.\nThe other members learn the new member list at the next `tcs install`.\n\nExamples:\n  tcs node add -f inventory.yaml w4\n  tcs node add -f inventory.yaml cp3 -o json"
    )]
    Add(AddArgs),
    /// Take a host out of its cluster: drain, delete, leave etcd, reset the host.
    #[command(
        after_help = "The host must still be listed in the inventory; remove it from there afterwards. tcs refuses\nto remove the only control plane, the only etcd member, or an etcd member whose removal would\nleave the remaining members without quorum. An unreachable host (a dead machine) is removed\nfrom Kubernetes and etcd all the same, and reported as not reset. Every change is journaled;\netcd data is moved aside, not deleted.\n\nExamples:\n  tcs node remove -f inventory.yaml w3\n  tcs node remove -f inventory.yaml cp2 --yes"
    )]
    Remove(RemoveArgs),
}

/// `tcs node add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Host name (as in the inventory).
    #[arg(value_name = "HOST")]
    pub host: String,
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Stop after this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
}

/// `tcs node remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Host name (as in the inventory).
    #[arg(value_name = "HOST")]
    pub host: String,
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// Runs a node command.
pub fn run(cmd: NodeCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        NodeCommand::Add(args) => add(args, global),
        NodeCommand::Remove(args) => remove(args, global),
    }
}

fn add(args: AddArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "node-add")?;
    let added = crate::ops::node::add(
        &ws,
        &args.host,
        args.until.as_deref(),
        &args.inventory.connect(),
        &InstallPrinter::new(global.ui()),
    )?;
    write_stdout(&added.to_string())?;
    Ok(exit(added.install.success()))
}

fn remove(args: RemoveArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "node-remove")?;
    let cluster = crate::ops::node::removal_cluster(&ws, &args.host)?
        .name
        .clone();
    confirm(
        args.yes,
        &format!(
            "Remove {} from cluster {cluster} (drain, delete, leave etcd, reset the host)?",
            args.host
        ),
    )?;
    print(
        global.output,
        &crate::ops::node::remove(&ws, &args.host, &args.inventory.connect())?,
    )?;
    Ok(ExitCode::SUCCESS)
}
