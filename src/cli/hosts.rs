//! What commands that work on an inventory share: opening it (with its diagnostics and run
//! log), choosing hosts, connecting.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::GlobalOpts;
use crate::fleet::DEFAULT_CONCURRENCY;
use crate::inventory::Role;
use crate::ops::{Connect, HostFilter, OpenError, Workspace};

/// How to connect.
#[derive(Debug, Args, Clone)]
pub struct ConnectArgs {
    /// Hosts worked on at once.
    #[arg(long, default_value_t = DEFAULT_CONCURRENCY, value_name = "N")]
    pub concurrency: usize,
    /// Trust unknown host keys on first use and record them in known_hosts (a changed key is
    /// still refused).
    #[arg(long)]
    pub accept_new_host_keys: bool,
}

impl ConnectArgs {
    /// As the operations take it.
    pub fn options(&self) -> Connect {
        Connect {
            concurrency: self.concurrency,
            accept_new_host_keys: self.accept_new_host_keys,
        }
    }
}

/// The inventory of a command that works on its hosts, and how to reach them.
#[derive(Debug, Args, Clone)]
pub struct InventoryArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

impl InventoryArgs {
    /// Opens the inventory (see [`start`]).
    pub fn start(&self, global: &GlobalOpts, command: &str) -> anyhow::Result<Workspace> {
        start(global, &self.file, command)
    }

    /// How to connect, as the operations take it.
    pub fn connect(&self) -> Connect {
        self.connect.options()
    }
}

/// A host role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Control-plane hosts.
    ControlPlane,
    /// etcd members.
    Etcd,
    /// Workers.
    Worker,
}

/// What every command that works on inventory hosts takes: the inventory, which hosts, how to
/// connect.
#[derive(Debug, Args, Clone)]
pub struct HostsArgs {
    /// The inventory and how to reach its hosts.
    #[command(flatten)]
    pub inventory: InventoryArgs,
    /// Which hosts.
    #[command(flatten)]
    pub select: HostSelection,
}

/// Which hosts a command works on (default: all).
#[derive(Debug, Args, Clone, Default)]
pub struct HostSelection {
    /// Host names or glob patterns, comma separated (e.g. `g*,w1`).
    #[arg(long, value_name = "PATTERNS", value_delimiter = ',')]
    pub hosts: Vec<String>,
    /// Only the hosts of this cluster.
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,
    /// Only hosts with this role.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
}

impl HostSelection {
    /// As the operations take it.
    pub fn filter(&self) -> HostFilter {
        HostFilter {
            patterns: self.hosts.clone(),
            cluster: self.cluster.clone(),
            role: self.role.map(|r| match r {
                RoleArg::ControlPlane => Role::ControlPlane,
                RoleArg::Etcd => Role::Etcd,
                RoleArg::Worker => Role::Worker,
            }),
        }
    }
}

/// Opens the inventory's workspace, prints its diagnostics on stderr, and sends the log to the
/// run log `<state>/logs/<command>-<time>.log` (0600).
pub fn start(global: &GlobalOpts, file: &Path, command: &str) -> anyhow::Result<Workspace> {
    let ws = Workspace::open(file, global.state_dir.as_deref()).map_err(|e| match e {
        OpenError::Invalid(e) => {
            let crate::inventory::LoadError::Invalid(report) = &e;
            for d in &report.diagnostics {
                eprintln!("{d}");
            }
            anyhow::Error::from(e)
        }
        OpenError::Other(e) => e,
    })?;
    // Keys in a repository matter even with --quiet.
    if let Some(w) = &ws.state_warning {
        eprintln!("{w}");
    }
    if !global.quiet {
        ws.warnings_for(command).for_each(|d| eprintln!("{d}"));
    }
    ws.start_run_log(command)?;
    Ok(ws)
}

/// Where the global cluster is.
#[derive(Debug, Args, Clone)]
pub struct GlobalClusterArgs {
    /// Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Kubeconfig of the global cluster, instead of the inventory's.
    #[arg(long, env = "TCS_GLOBAL_KUBECONFIG", value_name = "FILE")]
    pub global_kubeconfig: Option<PathBuf>,
    /// The federation backend.
    #[command(flatten)]
    pub backend: BackendArgs,
}

impl GlobalClusterArgs {
    /// Where a fleet command goes.
    pub fn fleet(
        &self,
        global: &GlobalOpts,
        command: &str,
    ) -> anyhow::Result<crate::ops::fleet::FleetTarget> {
        fleet_target(
            global,
            self.file.as_deref(),
            self.global_kubeconfig.as_deref(),
            &self.backend,
            command,
        )
    }

    /// The global cluster's kubeconfig.
    pub fn kubeconfig(&self, global: &GlobalOpts, command: &str) -> anyhow::Result<PathBuf> {
        global_kubeconfig(
            global,
            self.file.as_deref(),
            self.global_kubeconfig.as_deref(),
            command,
        )
    }
}

/// Which federation engine a fleet command works with.
#[derive(Debug, Args, Clone)]
pub struct BackendArgs {
    /// Federation backend (default: the inventory's global cluster `fleet.backend`, else tcs).
    #[arg(long, value_enum, value_name = "BACKEND")]
    pub backend: Option<crate::inventory::FleetBackend>,
    /// Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend).
    #[arg(long, env = "TCS_KARMADA_KUBECONFIG", value_name = "FILE")]
    pub karmada_kubeconfig: Option<PathBuf>,
}

/// Where a fleet command goes (see `ops::fleet::fleet_target`).
pub fn fleet_target(
    global: &GlobalOpts,
    inventory: Option<&Path>,
    global_kubeconfig: Option<&Path>,
    backend: &BackendArgs,
    command: &str,
) -> anyhow::Result<crate::ops::fleet::FleetTarget> {
    let ws = inventory.map(|f| start(global, f, command)).transpose()?;
    crate::ops::fleet::fleet_target(
        ws.as_ref(),
        backend.backend,
        global_kubeconfig,
        backend.karmada_kubeconfig.as_deref(),
    )
}

/// The global cluster's kubeconfig: `explicit`, else the global cluster's of `inventory` (whose
/// state directory gets a run log).
pub fn global_kubeconfig(
    global: &GlobalOpts,
    inventory: Option<&Path>,
    explicit: Option<&Path>,
    command: &str,
) -> anyhow::Result<PathBuf> {
    match (explicit, inventory) {
        (Some(p), _) => Ok(p.to_path_buf()),
        (None, Some(file)) => start(global, file, command)?.global_kubeconfig(),
        (None, None) => anyhow::bail!(
            "say where the global cluster is: an inventory (its global cluster) or --global-kubeconfig FILE"
        ),
    }
}
