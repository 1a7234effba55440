//! `tcs etcd backup|restore`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts::{self};
use crate::ui::{confirm, print};

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
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Cluster whose etcd to snapshot.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// Directory for the snapshot (default: <state dir>/backups/<cluster>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `tcs etcd restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// Cluster whose etcd to restore.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// The snapshot file.
    #[arg(long, value_name = "FILE")]
    pub snapshot: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// Runs an etcd command.
pub fn run(cmd: EtcdCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        EtcdCommand::Backup(args) => backup(args, global),
        EtcdCommand::Restore(args) => restore(args, global),
    }
}

fn backup(args: BackupArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "etcd-backup")?;
    let (out, connect) = (args.out.as_deref(), args.inventory.connect());
    let snapshot = crate::ops::etcd::backup(&ws, &args.cluster, out, &connect)?;
    print(global.output, &snapshot)?;
    Ok(ExitCode::SUCCESS)
}

fn restore(args: RestoreArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "etcd-restore")?;
    let cluster = ws.cluster(&args.cluster)?.name.clone();
    let names = crate::ops::names(&crate::ops::etcd::restore_hosts(&ws, &cluster)?);
    let snapshot = crate::ops::etcd::verify_snapshot(&args.snapshot)?;
    if !args.yes && !std::io::stdin().is_terminal() {
        bail!("restoring replaces all of {cluster}'s etcd data; confirm with --yes");
    }
    confirm(
        args.yes,
        &format!(
            "Stop the API servers and etcd on {} and replace the data of cluster {cluster} with {}?",
            names,
            args.snapshot.display()
        ),
    )?;
    let connect = args.inventory.connect();
    let restored = crate::ops::etcd::restore(&ws, &cluster, &snapshot, &connect)?;
    print(global.output, &restored)?;
    Ok(ExitCode::SUCCESS)
}
