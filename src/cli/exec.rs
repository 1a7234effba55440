//! `tcs exec`: run one command on many hosts.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::GlobalOpts;
use super::hosts::HostsArgs;
use crate::ssh::ExecOptions;
use crate::ui::{exit, print_or};

/// Arguments of `tcs exec`.
#[derive(Debug, Args)]
#[command(
    after_help = "Hosts with identical output are shown once, with their names. Exit status: \
0 when the command exited 0 everywhere, 1 otherwise.\n\nExamples:\n  tcs exec -f inventory.yaml -- uptime\n  tcs exec -f inventory.yaml --role control-plane --sudo -- systemctl is-active containerd\n  tcs exec -f inventory.yaml --hosts 'w*' -o json -- df -h /var/lib"
)]
pub struct ExecArgs {
    /// Inventory, host selection and connection options.
    #[command(flatten)]
    pub hosts: HostsArgs,
    /// Run as root (sudo or doas when the login user is not root).
    #[arg(long)]
    pub sudo: bool,
    /// Kill the command after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// The command (a shell command line).
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// Runs `tcs exec`.
pub fn run(args: ExecArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let ws = args.hosts.inventory.start(global, "exec")?;
    let selected = args.hosts.select.filter().select(&ws.loaded.inventory)?;
    let options = ExecOptions {
        as_root: args.sudo,
        timeout: args.timeout.map(Duration::from_secs),
        ..ExecOptions::default()
    };
    let outputs = crate::ops::exec::exec(
        &ws,
        &selected,
        &args.hosts.inventory.connect(),
        &args.command.join(" "),
        &options,
    )?;
    print_or(global.output, &outputs, || {
        crate::ops::exec::render(&outputs)
    })?;
    Ok(exit(outputs.iter().all(|o| o.exit_status == Some(0))))
}
