//! A cluster's etcd: snapshots and restores.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Connect, Workspace};
use crate::inventory::{Cluster, Host};
use crate::steps::etcd_backup::{self, Snapshot};

/// `cluster` and its etcd members.
fn members<'a>(ws: &'a Workspace, cluster: &str) -> anyhow::Result<(&'a Cluster, Vec<&'a Host>)> {
    let inv = &ws.loaded.inventory;
    let c = ws.cluster(cluster)?;
    let hosts = c.etcd_hosts().iter().filter_map(|h| inv.host(h)).collect();
    Ok((c, hosts))
}

/// Snapshots `cluster`'s etcd on the first member that can, into `dir` (default:
/// `<state>/backups/<cluster>`), with its sha256 beside it.
pub fn backup(
    ws: &Workspace,
    cluster: &str,
    dir: Option<&Path>,
    connect: &Connect,
) -> anyhow::Result<Snapshot> {
    let (cluster, hosts) = members(ws, cluster)?;
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ws.state_dir().backups(&cluster.name));
    ws.on_hosts(&hosts, connect, async |fleet| {
        let mut errors = Vec::new();
        let mut taken = None;
        for h in &hosts {
            match fleet.session(&h.name) {
                Some(Ok(s)) => match etcd_backup::backup(s, &h.name, cluster, &dir).await {
                    Ok(snap) => {
                        taken = Some(snap);
                        break;
                    }
                    Err(e) => errors.push(e),
                },
                Some(Err(e)) => errors.push(format!("{}: {e}", h.name)),
                None => {}
            }
        }
        taken.ok_or_else(|| {
            anyhow::anyhow!(
                "no member of {} could take a snapshot:\n  {}",
                cluster.name,
                errors.join("\n  ")
            )
        })
    })
}

/// The hosts a restore of `cluster` stops: its etcd members, then its control planes (their
/// API servers' caches would outlive the data); all must be reachable.
pub fn restore_hosts<'a>(ws: &'a Workspace, cluster: &str) -> anyhow::Result<Vec<&'a Host>> {
    let (cluster, mut hosts) = members(ws, cluster)?;
    for cp in &cluster.control_plane.hosts {
        if let Some(h) = ws.loaded.inventory.host(cp)
            && !hosts.iter().any(|x| x.name == h.name)
        {
            hosts.push(h);
        }
    }
    Ok(hosts)
}

/// A snapshot checked against its .sha256, which is what a restore takes.
#[derive(Debug, Clone)]
pub struct VerifiedSnapshot(PathBuf);

/// Checks a snapshot against its .sha256, before anything is asked or stopped.
pub fn verify_snapshot(snapshot: &Path) -> anyhow::Result<VerifiedSnapshot> {
    etcd_backup::verify_snapshot(snapshot).map_err(anyhow::Error::msg)?;
    Ok(VerifiedSnapshot(snapshot.to_path_buf()))
}

/// A cluster's etcd restored.
#[derive(Debug, serde::Serialize)]
pub struct Restored {
    /// The cluster.
    pub cluster: String,
    /// The snapshot.
    pub snapshot: PathBuf,
    /// Members restored.
    pub members: usize,
}

impl std::fmt::Display for Restored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "restored {} from {} on {} members; every member is healthy and the API servers answer again",
            self.cluster,
            self.snapshot.display(),
            self.members
        )
    }
}

/// Restores `cluster`'s etcd from `snapshot` on every member (journaled).
pub fn restore(
    ws: &Workspace,
    cluster: &str,
    snapshot: &VerifiedSnapshot,
    connect: &Connect,
) -> anyhow::Result<Restored> {
    let snapshot = snapshot.0.as_path();
    let hosts = restore_hosts(ws, cluster)?;
    let (cluster, members) = members(ws, cluster)?;
    let journal = ws.journal()?;
    ws.on_hosts(&hosts, connect, async |fleet| {
        let mut sessions = Vec::new();
        let mut unreachable = Vec::new();
        for h in &hosts {
            match fleet.session(&h.name) {
                Some(Ok(s)) => sessions.push((h.name.clone(), Arc::clone(s))),
                Some(Err(e)) => unreachable.push(format!("{}: {e}", h.name)),
                None => unreachable.push(format!("{}: not connected", h.name)),
            }
        }
        if !unreachable.is_empty() {
            anyhow::bail!(
                "every etcd member and control plane must be reachable to restore; nothing was changed:\n  {}",
                unreachable.join("\n  ")
            );
        }
        etcd_backup::restore(&sessions, cluster, &ws.loaded.inventory, snapshot, &journal)
            .await
            .map_err(anyhow::Error::msg)
    })?;
    Ok(Restored {
        cluster: cluster.name.clone(),
        snapshot: snapshot.to_path_buf(),
        members: members.len(),
    })
}
