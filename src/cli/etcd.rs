//! `tcs etcd backup|restore`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts::{self, ConnectArgs};
use super::output::{print_data, write_stdout};
use crate::plan::journal::Journal;
use crate::steps::etcd_backup;

/// etcd commands.
#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Snapshot a cluster's etcd into the state directory (with its sha256).
    #[command(
        after_help = "The snapshot is taken on the first healthy member, downloaded to\n<state dir>/backups/<cluster>/etcd-<cluster>-<time>.db (0600) with a .sha256 file beside it.\n\nExamples:\n  tcs etcd backup -f inventory.yaml --cluster prod\n  tcs etcd backup -f inventory.yaml --cluster prod --out /srv/backups -o json"
    )]
    Backup(BackupArgs),
    /// Restore a cluster's etcd from a snapshot made by `tcs etcd backup`.
    #[command(
        after_help = "Every member must be reachable. The snapshot is checked against its .sha256 and uploaded to\nevery member before anything stops; then etcd stops on all members, each data directory is moved\naside to /var/lib/etcd.pre-restore-<time>, rebuilt from the snapshot with the inventory's\nmembership, and the members start together. Every host change is recorded in the journal.\n\nExamples:\n  tcs etcd restore -f inventory.yaml --cluster prod --snapshot .tcs/prod/backups/prod/etcd-prod-20261123T101500Z.db"
    )]
    Restore(RestoreArgs),
}

/// `tcs etcd backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Cluster whose etcd to snapshot.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// Directory for the snapshot (default: <state dir>/backups/<cluster>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// `tcs etcd restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Cluster whose etcd to restore.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// The snapshot file.
    #[arg(long, value_name = "FILE")]
    pub snapshot: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// Runs an etcd command.
pub fn run(cmd: EtcdCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        EtcdCommand::Backup(args) => backup(args, global),
        EtcdCommand::Restore(args) => restore(args, global),
    }
}

fn members<'a>(
    loaded: &'a crate::inventory::LoadedInventory,
    cluster: &str,
) -> anyhow::Result<(
    &'a crate::inventory::Cluster,
    Vec<&'a crate::inventory::Host>,
)> {
    let inv = &loaded.inventory;
    let c = inv
        .spec
        .clusters
        .iter()
        .find(|c| c.name == cluster)
        .with_context(|| format!("no cluster '{cluster}' in {}", loaded.path.display()))?;
    let hosts = c.etcd_hosts().iter().filter_map(|h| inv.host(h)).collect();
    Ok((c, hosts))
}

fn backup(args: BackupArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "etcd-backup")?;
    let state = hosts::state_dir(global, &loaded);
    let (cluster, hosts) = members(&loaded, &args.cluster)?;
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| crate::state::StateDir::at(&state).backups(&cluster.name));
    let snapshot = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &hosts, &args.connect).await?;
        let mut errors = Vec::new();
        let mut taken = None;
        for h in &hosts {
            match fleet.session(&h.name) {
                Some(Ok(s)) => match etcd_backup::backup(s, &h.name, cluster, &dir).await {
                    Ok(snap) => {
                        taken = Some(snap);
                        break;
                    }
                    Err(e) => errors.push(e),
                },
                Some(Err(e)) => errors.push(format!("{}: {e}", h.name)),
                None => {}
            }
        }
        fleet.close().await;
        taken.ok_or_else(|| {
            anyhow::anyhow!(
                "no member of {} could take a snapshot:\n  {}",
                cluster.name,
                errors.join("\n  ")
            )
        })
    })?;
    if !print_data(global.output, &snapshot)? {
        write_stdout(&format!(
            "snapshot of {} from {}: {} ({:.1} MiB, revision {}, {} keys)\nsha256 {}\n",
            cluster.name,
            snapshot.member,
            snapshot.path.display(),
            snapshot.size as f64 / 1048576.0,
            snapshot.revision.map_or("?".into(), |r| r.to_string()),
            snapshot.total_keys.map_or("?".into(), |r| r.to_string()),
            snapshot.sha256
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn restore(args: RestoreArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "etcd-restore")?;
    let state = hosts::state_dir(global, &loaded);
    let (cluster, mut hosts) = members(&loaded, &args.cluster)?;
    let member_count = hosts.len();
    // The control planes' API servers stop while etcd is replaced (their caches would outlive
    // the data), so they must be reachable too.
    for cp in &cluster.control_plane.hosts {
        if let Some(h) = loaded.inventory.host(cp)
            && !hosts.iter().any(|x| x.name == h.name)
        {
            hosts.push(h);
        }
    }
    etcd_backup::verify_snapshot(&args.snapshot).map_err(anyhow::Error::msg)?;
    if !args.yes {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            bail!(
                "restoring replaces all of {}'s etcd data; confirm with --yes",
                cluster.name
            );
        }
        let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Stop the API servers and etcd on {} and replace the data of cluster {} with {}?",
                names.join(", "),
                cluster.name,
                args.snapshot.display()
            ))
            .default(false)
            .interact()?;
        if !ok {
            bail!("not confirmed; nothing was changed");
        }
    }
    let journal = Journal::open(&state)
        .with_context(|| format!("cannot open the journal in {}", state.display()))?;
    hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &hosts, &args.connect).await?;
        let mut sessions = Vec::new();
        let mut unreachable = Vec::new();
        for h in &hosts {
            match fleet.session(&h.name) {
                Some(Ok(s)) => sessions.push((h.name.clone(), Arc::clone(s))),
                Some(Err(e)) => unreachable.push(format!("{}: {e}", h.name)),
                None => unreachable.push(format!("{}: not connected", h.name)),
            }
        }
        let result = if unreachable.is_empty() {
            etcd_backup::restore(
                &sessions,
                cluster,
                &loaded.inventory,
                &args.snapshot,
                &journal,
            )
            .await
            .map_err(anyhow::Error::msg)
        } else {
            Err(anyhow::anyhow!(
                "every etcd member and control plane must be reachable to restore; nothing was changed:\n  {}",
                unreachable.join("\n  ")
            ))
        };
        fleet.close().await;
        result
    })?;
    write_stdout(&format!(
        "restored {} from {} on {} members; every member is healthy and the API servers answer again\n",
        cluster.name,
        args.snapshot.display(),
        member_count
    ))?;
    Ok(ExitCode::SUCCESS)
}
