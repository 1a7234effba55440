//! Command-line interface: clap types, one module per command group, each calling `crate::ops`
//! and printing through `crate::ui`, where what commands print alike lives.

pub mod addon;
pub mod bundle;
pub mod certs;
pub mod check;
pub mod cluster;
pub mod completions;
pub mod etcd;
pub mod exec;
pub mod fed;
pub mod hosts;
pub mod init;
pub mod install;
pub mod inventory;
pub mod node;
pub mod sandbox;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use crate::ui::OutputFormat;

/// tcs installs and runs fleets of Kubernetes clusters on your own machines, offline.
#[derive(Debug, Parser)]
#[command(
    name = "tcs",
    version,
    about = "Install and manage fleets of Kubernetes clusters on private machines, offline",
    long_about = "tcs reads an inventory of hosts and clusters, installs a global (management) \
cluster and any number of business clusters on them over SSH from an offline bundle, and \
manages the fleet afterwards.",
    after_help = "Examples:\n  tcs init --name demo --hosts g1=10.0.0.11 --user root --identity-file ~/.ssh/id_ed25519\n  tcs inventory validate -f inventories/ha.yaml\n  tcs check -f inventories/ha.yaml\n  tcs exec -f inventories/ha.yaml --role worker -- uptime\n  tcs completions bash > /etc/bash_completion.d/tcs",
    propagate_version = true,
    mut_subcommands(group_examples)
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalOpts {
    /// Output format for results.
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
    /// More log output on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// State directory (default: `.tcs/<inventory name>/` beside the inventory).
    #[arg(long, global = true, env = "TCS_STATE_DIR", value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// No colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
}

impl GlobalOpts {
    /// What the printers need.
    pub fn ui(&self) -> crate::ui::Ui {
        crate::ui::Ui {
            output: self.output,
            quiet: self.quiet,
            verbose: self.verbose,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new inventory, asking on a terminal or from flags.
    Init(init::InitArgs),
    /// Run a shell command on many hosts.
    Exec(exec::ExecArgs),
    /// Run every preflight check on every host: one table for all.
    Check(check::CheckArgs),
    /// Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks.
    Plan(install::PlanArgs),
    /// Install the inventory's clusters (phases: see --list-phases).
    Install(install::InstallArgs),
    /// Build, verify and inspect offline bundles.
    #[command(subcommand)]
    Bundle(bundle::BundleCommand),
    /// The fleet's clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down.
    #[command(subcommand)]
    Cluster(cluster::ClusterCommand),
    /// Add hosts to running clusters, or take them out.
    #[command(subcommand)]
    Node(node::NodeCommand),
    /// Certificates on the hosts: expiry and issuers, renewal.
    #[command(subcommand)]
    Certs(certs::CertsCommand),
    /// Back up and restore a cluster's etcd.
    #[command(subcommand)]
    Etcd(etcd::EtcdCommand),
    /// Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status.
    #[command(subcommand)]
    Addon(addon::AddonCommand),
    /// Federate clusters with Karmada's policy API.
    #[command(subcommand)]
    Fed(fed::FedCommand),
    /// A global and business clusters on this machine, on container hosts: up, down, list.
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
    /// Check inventories and print their schema.
    #[command(subcommand)]
    Inventory(inventory::InventoryCommand),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), or write one per command into a directory.
    Man(completions::ManArgs),
}

/// A command group's examples: the first example of each of its commands, so they cannot drift.
fn group_examples(group: clap::Command) -> clap::Command {
    if !group.has_subcommands() || group.get_after_help().is_some() {
        return group;
    }
    let mut text = String::from("Examples:");
    for sub in group.get_subcommands() {
        let help = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let first = help
            .split("Examples:")
            .nth(1)
            .and_then(|e| e.lines().find(|l| !l.trim().is_empty()));
        if let Some(line) = first {
            text.push_str(&format!("\n{line}"));
        }
    }
    group.after_help(text)
}

/// Whether colours are wanted: not with `--no-color`, not when NO_COLOR is set.
pub fn colors_wanted(no_color_flag: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !(no_color_flag || no_color_env)
}

/// Parses the command line, runs the command and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if !colors_wanted(cli.global.no_color) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let causes: String = e
                .chain()
                .skip(1)
                .map(|c| format!("\n  caused by: {c}"))
                .collect();
            eprintln!("{} {e}{causes}", console::style("error:").red().bold());
            ExitCode::from(1)
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = &cli.global;
    let level = match (global.quiet, global.verbose) {
        (true, _) | (false, 0) => "error",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let ansi =
        colors_wanted(global.no_color) && console::Term::stderr().features().colors_supported();
    crate::logging::init(level, ansi);
    match cli.command {
        Command::Exec(args) => exec::run(args, global),
        Command::Check(args) => check::run(args, global),
        Command::Plan(args) => install::run_plan(args, global),
        Command::Install(args) => install::run(args, global),
        Command::Init(args) => init::run(args, global),
        Command::Addon(cmd) => addon::run(cmd, global),
        Command::Fed(cmd) => fed::run(cmd, global),
        Command::Bundle(cmd) => bundle::run(cmd, global),
        Command::Certs(cmd) => certs::run(cmd, global),
        Command::Cluster(cmd) => cluster::run(cmd, global),
        Command::Node(cmd) => node::run(cmd, global),
        Command::Etcd(cmd) => etcd::run(cmd, global),
        Command::Inventory(cmd) => inventory::run(cmd, global),
        Command::Sandbox(cmd) => sandbox::run(cmd, global),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::run_man(args),
    }
}
