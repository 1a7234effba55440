//! Operations: the flows commands run, as library functions (cargo's `ops` is the model).
//!
//! Each operation takes a [`Workspace`] (the inventory and its state directory) and an options
//! struct, and returns a result struct; none prints. Progress reaches the caller through
//! callbacks or an [`crate::plan::EventSink`], so the command line, the sandbox and the
//! controller drive the same flows and render them as they like. The engines below (`plan`,
//! `steps`, `addon`, `federation`, `kube`, `ssh`) know nothing of operations.

pub mod addon;
pub mod bundle;
pub mod certs;
pub mod check;
pub mod cluster;
pub mod etcd;
pub mod exec;
pub mod fed_plan;
pub mod fleet;
pub mod install;
pub mod node;
pub mod sandbox;
pub mod upgrade;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::fleet::{DEFAULT_CONCURRENCY, Fleet};
use crate::inventory::{Cluster, ClusterRole, Host, HostKeyPolicy, LoadError, LoadedInventory};
use crate::ssh::{SshTarget, TargetResolver};

/// How to connect to hosts.
#[derive(Debug, Clone)]
pub struct Connect {
    /// Hosts worked on at once.
    pub concurrency: usize,
    /// Trust unknown host keys on first use and record them (a changed key is still refused).
    pub accept_new_host_keys: bool,
}

impl Default for Connect {
    fn default() -> Self {
        Connect {
            concurrency: DEFAULT_CONCURRENCY,
            accept_new_host_keys: false,
        }
    }
}

/// A loaded inventory and the state directory tcs keeps for it.
#[derive(Debug)]
pub struct Workspace {
    /// The inventory, validated.
    pub loaded: LoadedInventory,
    /// The state directory (created by [`Workspace::open`]).
    pub state: PathBuf,
    /// What the user must know about the state directory: files of it tracked by git.
    pub state_warning: Option<String>,
}

impl Workspace {
    /// Loads and validates `file`; the state directory is `state`, else
    /// `.tcs/<inventory name>/` beside the inventory. Creates it (0700, with a `.gitignore`).
    pub fn open(file: &Path, state: Option<&Path>) -> Result<Workspace, OpenError> {
        let loaded = LoadedInventory::load(file).map_err(OpenError::Invalid)?;
        let state = state
            .map(Path::to_path_buf)
            .unwrap_or_else(|| default_state_dir(&loaded));
        let dir = crate::state::StateDir::at(&state);
        dir.create()
            .with_context(|| format!("cannot create the state directory {}", state.display()))
            .map_err(OpenError::Other)?;
        let state_warning = dir.tracked_by_git();
        Ok(Workspace {
            loaded,
            state,
            state_warning,
        })
    }

    /// The inventory file's path.
    pub fn path(&self) -> &Path {
        &self.loaded.path
    }

    /// The state directory's layout.
    pub fn state_dir(&self) -> crate::state::StateDir {
        crate::state::StateDir::at(&self.state)
    }

    /// The directory relative paths in the inventory are read from.
    pub fn base_dir(&self) -> &Path {
        parent_or_dot(&self.loaded.path)
    }

    /// The cluster called `name`; the error lists the clusters there are.
    pub fn cluster(&self, name: &str) -> anyhow::Result<&Cluster> {
        let clusters = &self.loaded.inventory.spec.clusters;
        clusters.iter().find(|c| c.name == name).with_context(|| {
            let names: Vec<&str> = clusters.iter().map(|c| c.name.as_str()).collect();
            format!(
                "no cluster '{name}' in {} (it has: {})",
                self.path().display(),
                names.join(", ")
            )
        })
    }

    /// The global cluster, when the inventory has one.
    pub fn global_cluster(&self) -> Option<&Cluster> {
        self.loaded
            .inventory
            .spec
            .clusters
            .iter()
            .find(|c| c.role == ClusterRole::Global)
    }

    /// Where tcs keeps `cluster`'s admin kubeconfig (it may not exist yet).
    pub fn kubeconfig_path(&self, cluster: &str) -> PathBuf {
        crate::steps::kubernetes::kubeconfig_path(&self.state, cluster)
    }

    /// The hosts of `cluster`, in the cluster's order.
    pub fn cluster_hosts(&self, cluster: &Cluster) -> Vec<&Host> {
        let inv = &self.loaded.inventory;
        cluster
            .all_hosts()
            .into_iter()
            .filter_map(|h| inv.host(h))
            .collect()
    }

    /// Opens the journal (every host change is recorded there).
    pub fn journal(&self) -> anyhow::Result<crate::plan::journal::Journal> {
        crate::plan::journal::Journal::open(&self.state)
            .with_context(|| format!("cannot open the journal in {}", self.state.display()))
    }

    /// Creates the run log `<state>/logs/<command>-<time>.log` (0600).
    pub fn run_log(&self, command: &str) -> anyhow::Result<std::fs::File> {
        let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
        let log = self
            .state_dir()
            .logs()
            .join(format!("{command}-{}.log", stamp.replace(':', "")));
        crate::state::open_append_private(&log)
            .with_context(|| format!("cannot create the run log {}", log.display()))
    }

    /// Sends this process's log to a new run log `<state>/logs/<command>-<time>.log` (0600).
    pub fn start_run_log(&self, command: &str) -> anyhow::Result<()> {
        crate::logging::log_to(self.run_log(command)?);
        tracing::info!(command, inventory = %self.path().display(), "run started");
        Ok(())
    }

    /// The inventory's warnings that matter to `command`: a bundle that does not exist yet
    /// matters only to the commands that install from it.
    pub fn warnings_for(
        &self,
        command: &str,
    ) -> impl Iterator<Item = &crate::inventory::Diagnostic> {
        let installs = matches!(command, "install" | "plan" | "node-add");
        let warnings = self.loaded.warnings.iter();
        warnings.filter(move |d| installs || d.kind.name() != "bundle-missing")
    }

    /// Resolves the SSH targets of `hosts`.
    pub fn targets(&self, hosts: &[&Host], connect: &Connect) -> anyhow::Result<Vec<SshTarget>> {
        let policy = connect
            .accept_new_host_keys
            .then_some(HostKeyPolicy::AcceptNew);
        let mut resolver = TargetResolver::new(&self.loaded.inventory, &self.loaded.path, policy);
        hosts
            .iter()
            .map(|h| resolver.resolve(h).map_err(anyhow::Error::from))
            .collect()
    }

    /// Connects to `hosts`; unreachable hosts stay in the fleet with their error.
    pub async fn connect(&self, hosts: &[&Host], connect: &Connect) -> anyhow::Result<Fleet> {
        let targets = self.targets(hosts, connect)?;
        Ok(Fleet::connect(targets, connect.concurrency).await)
    }

    /// Connects to `hosts`, runs `op` on the fleet, and closes every session whatever `op`
    /// returned: what each operation on hosts does, on a runtime of its own.
    pub fn on_hosts<T>(
        &self,
        hosts: &[&Host],
        connect: &Connect,
        op: impl AsyncFnOnce(&Fleet) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        runtime()?.block_on(async {
            let fleet = self.connect(hosts, connect).await?;
            let r = op(&fleet).await;
            fleet.close().await;
            r
        })
    }
}

/// Why a workspace could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The inventory is invalid (its report has every diagnostic).
    #[error(transparent)]
    Invalid(LoadError),
    /// Anything else.
    #[error(transparent)]
    Other(anyhow::Error),
}

/// `.tcs/<inventory name>/` beside the inventory.
pub fn default_state_dir(loaded: &LoadedInventory) -> PathBuf {
    parent_or_dot(&loaded.path)
        .join(".tcs")
        .join(&loaded.inventory.metadata.name)
}

fn parent_or_dot(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The hosts' names, comma separated, for messages and prompts.
pub fn names(hosts: &[&Host]) -> String {
    let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
    names.join(", ")
}

/// A tokio runtime for one operation.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Which hosts of the inventory an operation works on (default: all).
#[derive(Debug, Clone, Default)]
pub struct HostFilter {
    /// Host names or glob patterns (`g*`); blank ones are ignored.
    pub patterns: Vec<String>,
    /// Only the hosts of this cluster.
    pub cluster: Option<String>,
    /// Only hosts with this role.
    pub role: Option<crate::inventory::Role>,
}

impl HostFilter {
    /// The selected hosts, in inventory order; an empty selection is an error.
    pub fn select<'a>(
        &self,
        inventory: &'a crate::inventory::Inventory,
    ) -> anyhow::Result<Vec<&'a Host>> {
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
            .patterns
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
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
                self.role
                    .is_none_or(|r| inventory.roles_of(&h.name).contains(&r))
            })
            .collect();
        if selected.is_empty() {
            bail!("no host matches the selection (--hosts/--cluster/--role)");
        }
        Ok(selected)
    }
}
