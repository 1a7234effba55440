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
/// on that host only (the first control plane makes the join token; an etcd member adds it to
/// etcd), then waits until the node is Ready as the first control plane sees it.
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
    let first = crate::steps::kubernetes::first_control_plane(cluster)
        .and_then(|n| inv.host(n))
        .context("the cluster has no control plane")?;
    let q = crate::ssh::shell_quote(host);
    ws.on_hosts(&[first], connect, async |fleet| match fleet.session(&first.name) {
            Some(Ok(s)) => s
                .check_output(
                    &format!("kubectl --kubeconfig /etc/kubernetes/admin.conf wait --for=condition=Ready node/{q} --timeout=600s"),
                    &crate::ssh::ExecOptions {
                        as_root: true,
                        timeout: Some(Duration::from_secs(660)),
                        ..Default::default()
                    },
                )
                .await
                .map_err(|e| anyhow::anyhow!("{host} did not become Ready: {e}")),
            _ => Err(anyhow::anyhow!(
                "cannot reach {} to check that {host} is Ready",
                first.name
            )),
    })?;
    Ok(Added {
        install,
        host: host.to_string(),
        cluster: cluster.name.clone(),
        ready: true,
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
