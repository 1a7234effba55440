//! `tcs check`: every preflight check on every host, one table.

use std::process::ExitCode;

use clap::Args;

use super::GlobalOpts;
use super::hosts::HostsArgs;
use crate::ui::{exit, print};

/// Arguments of `tcs check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Checks: connect, sudo, os, arch, cpu, memory, disk, swap, ports, clock, \
hostname, machine-id, address, vip, init, cgroup, selinux, firewall, runtime, mesh. Thresholds and \
skipped checks come from spec.preflight in the inventory. Exit status: 1 when any check fails.\n\n\
Examples:\n  tcs check -f inventory.yaml\n  tcs check -f inventory.yaml --cluster biz-sh -o json | jq '.results[] | select(.status != \"ok\")'\n  tcs check -f inventory.yaml --no-mesh --accept-new-host-keys"
)]
pub struct CheckArgs {
    /// Inventory, host selection and connection options.
    #[command(flatten)]
    pub hosts: HostsArgs,
    /// Skip the cross-host port mesh (it opens temporary listeners on the hosts).
    #[arg(long)]
    pub no_mesh: bool,
}

/// Runs `tcs check`.
pub fn run(args: CheckArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.hosts.inventory.start(global, "check")?;
    let selected = args.hosts.select.filter().select(&ws.loaded.inventory)?;
    let (connect, mesh) = (args.hosts.inventory.connect(), !args.no_mesh);
    let report = crate::ops::check::check(&ws, &selected, &connect, mesh)?;
    print(global.output, &report)?;
    Ok(exit(report.summary.fail == 0))
}
