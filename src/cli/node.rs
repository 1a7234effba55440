//! `tcs node add|remove`.

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
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Stop after this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
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
    match cmd {
        NodeCommand::Add(args) => add(args, global),
        NodeCommand::Remove(args) => remove(args, global),
    }
}

fn add(args: AddArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let code = super::install::run(
        super::install::InstallArgs {
            file: Some(args.file.clone()),
            connect: args.connect.clone(),
            resume: false,
            until: args.until.clone(),
            only_cluster: None,
            list_phases: false,
            no_relay: false,
            plan_file: None,
            skip_addons: true,
            skip_join: true,
            node: Some(args.host.clone()),
        },
        global,
    )?;
    if code != ExitCode::SUCCESS {
        return Ok(code);
    }
    let reaches_kubernetes = args
        .until
        .as_deref()
        .is_none_or(|u| matches!(u, "control-plane" | "workers" | "network"));
    if !reaches_kubernetes {
        return Ok(code);
    }
    // The node is Ready, as the first control plane sees it.
    let loaded = hosts::start(global, &args.file, "node-add")?;
    let inv = &loaded.inventory;
    let cluster = inv.cluster_of(&args.host).context("host without cluster")?;
    let first = crate::steps::kubernetes::first_control_plane(cluster)
        .and_then(|n| inv.host(n))
        .context("the cluster has no control plane")?;
    let q = crate::ssh::shell_quote(&args.host);
    hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &[first], &args.connect).await?;
        let r = match fleet.session(&first.name) {
            Some(Ok(s)) => s
                .check_output(
                    &format!("kubectl --kubeconfig /etc/kubernetes/admin.conf wait --for=condition=Ready node/{q} --timeout=600s"),
                    &crate::ssh::ExecOptions {
                        as_root: true,
                        timeout: Some(std::time::Duration::from_secs(660)),
                        ..Default::default()
                    },
                )
                .await
                .map_err(|e| anyhow::anyhow!("{} did not become Ready: {e}", args.host)),
            _ => Err(anyhow::anyhow!(
                "cannot reach {} to check that {} is Ready",
                first.name,
                args.host
            )),
        };
        fleet.close().await;
        r
    })?;
    write_stdout(&format!(
        "{} is Ready in cluster {}\n",
        args.host, cluster.name
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(args: RemoveArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
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
