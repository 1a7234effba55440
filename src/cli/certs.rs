//! `tcs certs check|renew`: every certificate on every host with its expiry; renewal with a
//! rolling restart.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::hosts::{self, HostsArgs};
use crate::ui::{confirm, exit, print};

/// Certificate commands.
#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// List every certificate on every host with its expiry.
    #[command(
        after_help = "Reads the certificates under /etc/etcd/pki and /etc/kubernetes/pki. Status: ok, warn (fewer\nthan 30 days left: tcs install re-issues tcs's own certificates), expired. Exit status 1 when\nany certificate has expired or a host cannot be read.\n\nExamples:\n  tcs certs check -f inventory.yaml\n  tcs certs check -f inventory.yaml --cluster prod -o json | jq '.certificates[] | select(.days_left < 60)'"
    )]
    Check(HostsArgs),
    /// Renew every certificate of a cluster with a rolling restart.
    #[command(
        after_help = "One host at a time, each waiting until the cluster is healthy again: etcd members get new server\nand peer certificates from the cluster PKI (the shared etcd client certificates are replaced\nfirst), control planes run `kubeadm certs renew all` and restart their static pods, and the\nlocal admin kubeconfig is refreshed. The CAs are kept. Every etcd member and control plane must\nbe reachable. Journaled; asks first, or --yes.\n\nExamples:\n  tcs certs renew -f inventory.yaml --cluster prod\n  tcs certs renew -f inventory.yaml --cluster prod --yes -o json"
    )]
    Renew(RenewArgs),
}

/// Arguments of `tcs certs renew`.
#[derive(Debug, Args)]
pub struct RenewArgs {
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: hosts::InventoryArgs,
    /// The cluster.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// Runs a certs command.
pub fn run(cmd: CertsCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        CertsCommand::Check(args) => check(args, global),
        CertsCommand::Renew(args) => renew(args, global),
    }
}

fn renew(args: RenewArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "certs-renew")?;
    let cluster = ws.cluster(&args.cluster)?.name.clone();
    confirm(
        args.yes,
        &format!(
            "Renew the certificates of {cluster} with a rolling restart of etcd and the control planes?"
        ),
    )?;
    let renewed = crate::ops::certs::renew(&ws, &cluster, &args.inventory.connect())?;
    print(global.output, &renewed)?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: HostsArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.inventory.start(global, "certs-check")?;
    let selected = args.select.filter().select(&ws.loaded.inventory)?;
    let report = crate::ops::certs::check(&ws, &selected, &args.inventory.connect())?;
    print(global.output, &report)?;
    Ok(exit(!report.bad()))
}
