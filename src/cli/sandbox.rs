//! `tcs sandbox up|down|list`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use crate::ops::sandbox::{BundleSource, Shape, UpOptions};
use crate::ui::progress::InstallPrinter;
use crate::ui::{OutputFormat, confirm, exit, print, print_event, print_or, write_stdout};

/// Sandbox commands.
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Start container hosts on this machine and install a global and business clusters on them.
    #[command(
        after_help = "Needs a Docker engine; the host image (tcs-testhost:bookworm, from Debian packages) is built when \
missing, which needs root. Writes an ordinary inventory for the hosts (fresh SSH key, their host keys), installs as \
tcs install does and joins the business clusters (labelled env=prod, region sandbox) to the global cluster's fleet. \
`up` again continues the same sandbox; another shape is refused until `down`.\n\nExamples:\n  \
tcs sandbox up --bundle ./tcs-bundle\n  tcs sandbox up lab --business 2 --workers 1 --bundle ./tcs-bundle\n  \
tcs sandbox up lab --hosts-only     # then tcs check / plan / install -f <inventory>\n  \
scripts/sandbox                     # a bundle built from source offline, then up"
    )]
    Up(UpArgs),
    /// Remove a sandbox: its containers, network, inventory, key and state.
    #[command(after_help = "Examples:\n  tcs sandbox down demo --yes")]
    Down(DownArgs),
    /// The sandboxes on this machine: hosts and cluster health.
    #[command(after_help = "Examples:\n  tcs sandbox list\n  tcs sandbox list -o json")]
    List,
}

/// `tcs sandbox up`.
#[derive(Debug, Args)]
pub struct UpArgs {
    /// Sandbox name.
    #[arg(value_name = "NAME", default_value = "demo")]
    pub name: String,
    /// Business clusters.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub business: usize,
    /// Control planes per cluster (several: behind a VIP on the sandbox network).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub control_planes: usize,
    /// Workers per business cluster.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub workers: usize,
    /// Kubernetes version (default: the bundle's).
    #[arg(long, value_name = "VERSION")]
    pub kubernetes: Option<String>,
    /// Offline bundle to install from (default: one built from --mirror/--registry-mirror or
    /// upstream).
    #[arg(long, value_name = "DIR")]
    pub bundle: Option<PathBuf>,
    /// Where a bundle built for the sandbox downloads files from.
    #[arg(
        long,
        env = "TCS_MIRROR",
        value_name = "URL",
        conflicts_with = "bundle"
    )]
    pub mirror: Option<String>,
    /// Where a bundle built for the sandbox pulls images from.
    #[arg(
        long,
        env = "TCS_REGISTRY_MIRROR",
        value_name = "URL",
        conflicts_with = "bundle"
    )]
    pub registry_mirror: Option<String>,
    /// Addons every cluster enables, comma separated.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub addons: Vec<String>,
    /// Stop once the hosts run and the inventory is written.
    #[arg(long)]
    pub hosts_only: bool,
}

/// `tcs sandbox down`.
#[derive(Debug, Args)]
pub struct DownArgs {
    /// Sandbox name.
    #[arg(value_name = "NAME", default_value = "demo")]
    pub name: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

/// Runs a sandbox command.
pub fn run(cmd: SandboxCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        SandboxCommand::Up(a) => up(a, global),
        SandboxCommand::Down(a) => {
            confirm(
                a.yes,
                &format!("Remove sandbox {} with its clusters?", a.name),
            )?;
            print(global.output, &crate::ops::sandbox::down(&a.name)?)?;
            Ok(ExitCode::SUCCESS)
        }
        SandboxCommand::List => {
            let list = crate::ops::sandbox::list()?;
            print_or(global.output, &list, || {
                crate::ops::sandbox::render_list(&list)
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn up(a: UpArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let opts = UpOptions {
        name: a.name,
        shape: Shape {
            business: a.business,
            control_planes: a.control_planes,
            workers: a.workers,
            kubernetes: a.kubernetes,
            addons: a.addons,
        },
        source: BundleSource {
            bundle: a.bundle,
            mirror: a.mirror,
            registry_mirror: a.registry_mirror,
        },
        hosts_only: a.hosts_only,
    };
    let up = crate::ops::sandbox::up(&opts, &InstallPrinter::new(global.ui()))?;
    match global.output {
        OutputFormat::Table => write_stdout(&format!("\n{up}"))?,
        format => print_event(format, "sandbox", &up)?,
    }
    Ok(exit(up.success()))
}
