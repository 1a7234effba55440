//! What commands that work on hosts share: choosing hosts, connecting, the state directory and
//! the run log.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};

use super::GlobalOpts;
use crate::fleet::{DEFAULT_CONCURRENCY, Fleet};
use crate::inventory::{Host, HostKeyPolicy, Inventory, LoadedInventory, Role};
use crate::ssh::{SshTarget, TargetResolver};

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
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// Which hosts.
    #[command(flatten)]
    pub select: HostSelection,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// Which hosts a command works on (default: all).
#[derive(Debug, Args, Clone, Default)]
pub struct HostSelection {
    /// Host names or glob patterns, comma separated (e.g. `g*,w1`).
    #[arg(long, value_name = "PATTERNS")]
    pub hosts: Option<String>,
    /// Only the hosts of this cluster.
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,
    /// Only hosts with this role.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
}

impl HostSelection {
    /// The selected hosts, in inventory order; an empty selection is an error.
    pub fn select<'a>(&self, inventory: &'a Inventory) -> anyhow::Result<Vec<&'a Host>> {
        if let Some(c) = &self.cluster
            && !inventory.spec.clusters.iter().any(|cl| &cl.name == c)
        {
            let names: Vec<&str> = inventory
                .spec
                .clusters
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            bail!(
                "no cluster '{c}' in the inventory (clusters: {})",
                names.join(", ")
            );
        }
        let patterns: Vec<&str> = self
            .hosts
            .as_deref()
            .map(|h| {
                h.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let selected: Vec<&Host> = inventory
            .spec
            .hosts
            .iter()
            .filter(|h| {
                patterns.is_empty()
                    || patterns
                        .iter()
                        .any(|p| wildmatch::WildMatch::new(p).matches(&h.name))
            })
            .filter(|h| {
                self.cluster.as_ref().is_none_or(|c| {
                    inventory
                        .cluster_of(&h.name)
                        .is_some_and(|cl| &cl.name == c)
                })
            })
            .filter(|h| {
                self.role.is_none_or(|r| {
                    let want = match r {
                        RoleArg::ControlPlane => Role::ControlPlane,
                        RoleArg::Etcd => Role::Etcd,
                        RoleArg::Worker => Role::Worker,
                    };
                    inventory.roles_of(&h.name).contains(&want)
                })
            })
            .collect();
        if selected.is_empty() {
            bail!("no host matches the selection (--hosts/--cluster/--role)");
        }
        Ok(selected)
    }
}

/// Resolves SSH targets for `hosts`.
pub fn targets(
    loaded: &LoadedInventory,
    hosts: &[&Host],
    connect: &ConnectArgs,
) -> anyhow::Result<Vec<SshTarget>> {
    let policy = connect
        .accept_new_host_keys
        .then_some(HostKeyPolicy::AcceptNew);
    let mut resolver = TargetResolver::new(&loaded.inventory, &loaded.path, policy);
    hosts
        .iter()
        .map(|h| resolver.resolve(h).map_err(anyhow::Error::from))
        .collect()
}

/// Connects to `hosts`.
pub async fn connect(
    loaded: &LoadedInventory,
    hosts: &[&Host],
    connect: &ConnectArgs,
) -> anyhow::Result<Fleet> {
    let targets = targets(loaded, hosts, connect)?;
    Ok(Fleet::connect(targets, connect.concurrency).await)
}

/// The state directory: `--state-dir`, else `.tcs/<inventory name>/` beside the inventory.
pub fn state_dir(global: &GlobalOpts, loaded: &LoadedInventory) -> PathBuf {
    global.state_dir.clone().unwrap_or_else(|| {
        loaded
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(".tcs")
            .join(&loaded.inventory.metadata.name)
    })
}

/// Loads the inventory, prints its warnings on stderr, and starts logging with a run log
/// `<state>/logs/<command>-<time>.log` (0600).
pub fn start(global: &GlobalOpts, file: &Path, command: &str) -> anyhow::Result<LoadedInventory> {
    let loaded = LoadedInventory::load(file).map_err(|e| {
        let crate::inventory::LoadError::Invalid(report) = &e;
        for d in &report.diagnostics {
            eprintln!("{}", super::inventory::format_diagnostic(d));
        }
        anyhow::Error::from(e)
    })?;
    if !global.quiet {
        for d in &loaded.warnings {
            eprintln!("{}", super::inventory::format_diagnostic(d));
        }
    }
    let state = crate::state::StateDir::at(state_dir(global, &loaded));
    state.create().with_context(|| {
        format!(
            "cannot create the state directory {}",
            state.root().display()
        )
    })?;
    let logs = state.logs();
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let log = logs.join(format!("{command}-{}.log", stamp.replace(':', "")));
    let file = crate::state::open_append_private(&log)
        .with_context(|| format!("cannot create the run log {}", log.display()))?;
    super::logging::init(global, Some(file));
    tracing::info!(command, inventory = %loaded.path.display(), "run started");
    Ok(loaded)
}

/// A tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}
