//! Growing and shrinking clusters: `tcs node add|remove`.

use std::time::Duration;

use anyhow::Context;

use super::install::{InstallObserver, InstallOptions, InstallOutcome};
use super::{Connect, Workspace};
use crate::steps::lifecycle::Removal;

/// What adding a host did.
#[derive(Debug)]
pub struct Added {
    /// The install of the host.
    pub install: InstallOutcome,
    /// The host.
    pub host: String,
    /// The cluster it joined.
    pub cluster: String,
    /// The node was seen Ready (false when the install stopped before Kubernetes, or failed).
    pub ready: bool,
}

impl std::fmt::Display for Added {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ready {
            true => writeln!(f, "{} is Ready in cluster {}", self.host, self.cluster),
            false => Ok(()),
        }
    }
}

/// Installs `host`, which the inventory adds to a running cluster: every phase up to `until`
/// on that host only (a control plane that answers makes the join token; an etcd member adds it
/// to etcd), then waits until the node is Ready as a control plane sees it.
pub fn add(
    ws: &Workspace,
    host: &str,
    until: Option<&str>,
    connect: &Connect,
    observer: &dyn InstallObserver,
) -> anyhow::Result<Added> {
    let install = super::install::install(
        ws,
        &InstallOptions {
            until: until.map(str::to_string),
            node: Some(host.to_string()),
            skip_addons: true,
            skip_join: true,
            connect: connect.clone(),
            ..Default::default()
        },
        observer,
    )?;
    let inv = &ws.loaded.inventory;
    let cluster = inv.cluster_of(host).context("host without cluster")?;
    let reaches_kubernetes =
        until.is_none_or(|u| matches!(u, "control-plane" | "workers" | "network"));
    if !install.success() || !reaches_kubernetes {
        return Ok(Added {
            install,
            host: host.to_string(),
            cluster: cluster.name.clone(),
            ready: false,
        });
    }
    wait_ready(ws, cluster, host, connect)?;
    Ok(Added {
        install,
        host: host.to_string(),
        cluster: cluster.name.clone(),
        ready: true,
    })
}

/// Waits until `host` is a Ready node, as the first control plane that answers sees it (in the
/// inventory's order: one of an HA cluster may be down).
fn wait_ready(
    ws: &Workspace,
    cluster: &crate::inventory::Cluster,
    host: &str,
    connect: &Connect,
) -> anyhow::Result<()> {
    let inv = &ws.loaded.inventory;
    let planes: Vec<&crate::inventory::Host> = cluster
        .control_plane
        .hosts
        .iter()
        .filter(|n| *n != host)
        .filter_map(|n| inv.host(n))
        .collect();
    anyhow::ensure!(
        !planes.is_empty(),
        "cluster {} has no other control plane",
        cluster.name
    );
    let q = crate::ssh::shell_quote(host);
    let wait = format!(
        "kubectl --kubeconfig /etc/kubernetes/admin.conf wait --for=condition=Ready node/{q} --timeout=600s"
    );
    let options = crate::ssh::ExecOptions {
        as_root: true,
        timeout: Some(Duration::from_secs(660)),
        ..Default::default()
    };
    ws.on_hosts(&planes, connect, async |fleet| {
        let mut tried = Vec::new();
        for cp in &planes {
            let out = match fleet.session(&cp.name) {
                Some(Ok(s)) => s.exec(&wait, &options).await,
                Some(Err(e)) => {
                    tried.push(e.to_string());
                    continue;
                }
                None => continue,
            };
            match out {
                Ok(o) if o.success() => return Ok(()),
                // kubectl waited its time: the node is there and not Ready.
                Ok(o) if o.stderr.contains("timed out waiting") => {
                    anyhow::bail!(
                        "{host} did not become Ready within 10 minutes (as {} sees it)",
                        cp.name
                    )
                }
                Ok(o) => tried.push(format!("{}: {}", cp.name, o.stderr.trim())),
                Err(e) => tried.push(e.to_string()),
            }
        }
        anyhow::bail!(
            "cannot check that {host} is Ready: no control plane of {} answered ({})",
            cluster.name,
            tried.join("; ")
        )
    })
}

/// A host taken out of its cluster.
#[derive(Debug, serde::Serialize)]
pub struct Removed {
    /// One line per action taken or skipped, with why.
    pub actions: Vec<String>,
    /// The host.
    #[serde(skip)]
    pub host: String,
    /// Its cluster.
    #[serde(skip)]
    pub cluster: String,
    /// The inventory to take it out of now.
    #[serde(skip)]
    pub inventory: std::path::PathBuf,
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for a in &self.actions {
            writeln!(f, "- {a}")?;
        }
        writeln!(
            f,
            "{} is out of cluster {}: remove it from {} now",
            self.host,
            self.cluster,
            self.inventory.display()
        )
    }
}

/// Takes `host` out of its cluster: drain, delete, leave etcd, reset the host; journaled.
/// An unreachable host is removed from Kubernetes and etcd all the same.
pub fn remove(ws: &Workspace, host: &str, connect: &Connect) -> anyhow::Result<Removed> {
    let cluster = removal_cluster(ws, host)?;
    let journal = ws.journal()?;
    let hosts = ws.cluster_hosts(cluster);
    let Removal { actions } = ws.on_hosts(&hosts, connect, async |fleet| {
        let (inv, sessions) = (&ws.loaded.inventory, fleet.connected());
        crate::steps::lifecycle::remove_node(host, cluster, inv, &sessions, &journal)
            .await
            .map_err(anyhow::Error::msg)
    })?;
    Ok(Removed {
        actions,
        host: host.to_string(),
        cluster: cluster.name.clone(),
        inventory: ws.path().to_path_buf(),
    })
}

/// The cluster `host` would be removed from.
pub fn removal_cluster<'a>(
    ws: &'a Workspace,
    host: &str,
) -> anyhow::Result<&'a crate::inventory::Cluster> {
    ws.loaded
        .inventory
        .cluster_of(host)
        .with_context(|| format!("no host '{host}' in a cluster of {}", ws.path().display()))
}
