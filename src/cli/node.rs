//! `tcs node remove`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts::{self, ConnectArgs};
use super::output::{print_data, write_stdout};
use crate::plan::journal::Journal;

/// Node commands.
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Take a host out of its cluster: drain, delete, leave etcd, reset the host.
    #[command(
        after_help = "The host must still be listed in the inventory; remove it from there afterwards. tcs refuses\nto remove the only control plane, the only etcd member, or an etcd member whose removal would\nleave the remaining members without quorum. An unreachable host (a dead machine) is removed\nfrom Kubernetes and etcd all the same, and reported as not reset. Every change is journaled;\netcd data is moved aside, not deleted.\n\nExamples:\n  tcs node remove -f inventory.yaml w3\n  tcs node remove -f inventory.yaml cp2 --yes"
    )]
    Remove(RemoveArgs),
}

/// `tcs node remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Host name (as in the inventory).
    #[arg(value_name = "HOST")]
    pub host: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// Asks on a terminal; without one, `--yes` is required.
pub fn confirm(yes: bool, question: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!("{question} Confirm with --yes");
    }
    if dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?
    {
        Ok(())
    } else {
        bail!("not confirmed; nothing was changed")
    }
}

/// Runs a node command.
pub fn run(cmd: NodeCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let NodeCommand::Remove(args) = cmd;
    let loaded = hosts::start(global, &args.file, "node-remove")?;
    let state = hosts::state_dir(global, &loaded);
    let inv = &loaded.inventory;
    let cluster = inv
        .cluster_of(&args.host)
        .with_context(|| {
            format!(
                "no host '{}' in a cluster of {}",
                args.host,
                loaded.path.display()
            )
        })?
        .clone();
    confirm(
        args.yes,
        &format!(
            "Remove {} from cluster {} (drain, delete, leave etcd, reset the host)?",
            args.host, cluster.name
        ),
    )?;
    let journal = Journal::open(&state)
        .with_context(|| format!("cannot open the journal in {}", state.display()))?;
    let hosts: Vec<_> = cluster
        .all_hosts()
        .into_iter()
        .filter_map(|h| inv.host(h))
        .collect();
    let removal = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &hosts, &args.connect).await?;
        let sessions: BTreeMap<String, Arc<crate::ssh::Session>> = hosts
            .iter()
            .filter_map(|h| match fleet.session(&h.name) {
                Some(Ok(s)) => Some((h.name.clone(), s.clone())),
                _ => None,
            })
            .collect();
        let r =
            crate::steps::lifecycle::remove_node(&args.host, &cluster, inv, &sessions, &journal)
                .await
                .map_err(anyhow::Error::msg);
        fleet.close().await;
        r
    })?;
    if !print_data(global.output, &removal)? {
        let mut text = String::new();
        for a in &removal.actions {
            text.push_str(&format!("- {a}\n"));
        }
        text.push_str(&format!(
            "{} is out of cluster {}: remove it from {} now\n",
            args.host,
            cluster.name,
            loaded.path.display()
        ));
        write_stdout(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}
