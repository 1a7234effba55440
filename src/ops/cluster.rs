//! The inventory's clusters: health and fleet membership, admin kubeconfigs, tear-down.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;

use super::{Connect, Workspace};
use crate::steps::kubernetes::api_endpoint;

/// One row of `tcs cluster list`.
#[derive(Debug, Serialize)]
pub struct ClusterRow {
    /// Name.
    pub name: String,
    /// global or business (imported: a fleet member not in the inventory).
    pub role: String,
    /// Kubernetes version (from the inventory).
    pub version: String,
    /// Hosts in the inventory.
    pub nodes: usize,
    /// Control-plane hosts.
    pub control_planes: usize,
    /// API endpoint.
    pub endpoint: String,
    /// Local admin kubeconfig, when installed.
    pub kubeconfig: Option<PathBuf>,
    /// ready, not ready, unreachable, not installed.
    pub health: String,
    /// Why, when not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Fleet membership as the global cluster's registry reports it (Ready, nodes), and as
    /// Karmada does when the fleet has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleet: Option<String>,
    /// The federation backends the cluster is a member through: `tcs`, `karmada/push`,
    /// `karmada/pull`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub backends: Vec<String>,
}

/// Every cluster of the inventory with its live health (each API server's /readyz, waiting
/// `timeout` at most), and the fleet's members as the global cluster's registry lists them.
pub fn list(ws: &Workspace, timeout: Duration) -> Vec<ClusterRow> {
    let inv = &ws.loaded.inventory;
    let mut rows: Vec<ClusterRow> = std::thread::scope(|s| {
        let handles: Vec<_> = inv
            .spec
            .clusters
            .iter()
            .map(|c| {
                s.spawn(move || {
                    let e = api_endpoint(c, inv);
                    let path = ws.kubeconfig_path(&c.name);
                    let (kubeconfig, health, reason) = match std::fs::read_to_string(&path) {
                        Err(_) => (None, "not installed".to_string(), None),
                        Ok(text) => {
                            let result = crate::kubeconfig::access(&text)
                                .and_then(|a| crate::kubeconfig::readyz(&a, timeout));
                            match result {
                                Ok(_) => (Some(path), "ready".to_string(), None),
                                Err(e) if e.starts_with("HTTP ") => {
                                    (Some(path), "not ready".to_string(), Some(e))
                                }
                                Err(e) => (Some(path), "unreachable".to_string(), Some(e)),
                            }
                        }
                    };
                    ClusterRow {
                        fleet: None,
                        backends: Vec::new(),
                        name: c.name.clone(),
                        role: format!("{:?}", c.role).to_lowercase(),
                        version: c.kubernetes.version.clone(),
                        nodes: c.all_hosts().len(),
                        control_planes: c.control_plane.hosts.len(),
                        endpoint: format!("{}:{}", e.host, e.port),
                        kubeconfig,
                        health,
                        reason,
                    }
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let Some(entries) = fleet_entries(ws) else {
        return rows;
    };
    // An entry is an inventory cluster's when it has its name or its API endpoint (a member
    // may join under another name).
    let endpoint_of = |r: &ClusterRow| format!("https://{}", r.endpoint);
    let is_row = |r: &ClusterRow, e: &serde_json::Value| {
        e["metadata"]["name"] == r.name.as_str() || e["spec"]["apiEndpoint"] == endpoint_of(r)
    };
    for r in rows.iter_mut().filter(|r| r.role == "business") {
        let mine: Vec<&(String, serde_json::Value)> =
            entries.iter().filter(|(_, e)| is_row(r, e)).collect();
        r.backends = mine.iter().map(|(b, _)| b.clone()).collect();
        r.fleet = Some(if mine.is_empty() {
            "not joined".into()
        } else {
            mine.iter()
                .map(|(b, e)| labelled(b, e))
                .collect::<Vec<_>>()
                .join("; ")
        });
    }
    for (backend, e) in &entries {
        let name = e["metadata"]["name"].as_str().unwrap_or("").to_string();
        if rows.iter().any(|r| r.role != "imported" && is_row(r, e))
            || rows.iter().any(|r| r.name == name)
        {
            continue;
        }
        let ready = labelled(backend, e);
        let text = |p: &str| e.pointer(p).and_then(|v| v.as_str()).map(str::to_string);
        rows.push(ClusterRow {
            name,
            role: "imported".into(),
            version: text("/status/kubernetesVersion").unwrap_or_else(|| "?".into()),
            nodes: e
                .pointer("/status/nodeSummary/totalNum")
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as usize,
            control_planes: 0,
            endpoint: text("/spec/apiEndpoint").unwrap_or_default(),
            kubeconfig: None,
            health: if ready.contains("member, ready") {
                "ready".into()
            } else {
                "not ready".into()
            },
            reason: None,
            fleet: Some(ready),
            backends: vec![backend.clone()],
        });
    }
    rows
}

/// The clusters for people: one line each, health with fleet membership and reason.
pub fn render(rows: &[ClusterRow]) -> String {
    let header = [
        "NAME", "ROLE", "VERSION", "NODES", "CP", "ENDPOINT", "HEALTH",
    ];
    let lines = rows.iter().map(|r| {
        let fleet = r.fleet.as_ref().map(|f| format!(" [{f}]"));
        let reason = r.reason.as_ref().map(|x| format!(" ({x})"));
        vec![
            r.name.clone(),
            r.role.clone(),
            r.version.clone(),
            r.nodes.to_string(),
            r.control_planes.to_string(),
            r.endpoint.clone(),
            format!(
                "{}{}{}",
                r.health,
                fleet.unwrap_or_default(),
                reason.unwrap_or_default()
            ),
        ]
    });
    crate::text::table(&header, lines)
}

/// The fleet's members with their backend: the global cluster's registry entries, when it
/// answers, and Karmada's Clusters, when the fleet has Karmada and it answers.
fn fleet_entries(ws: &Workspace) -> Option<Vec<(String, serde_json::Value)>> {
    let path = ws.kubeconfig_path(&ws.global_cluster()?.name);
    if !path.exists() {
        return None;
    }
    let karmada = ws.karmada_kubeconfig().ok();
    super::runtime().ok()?.block_on(async {
        let limit = Duration::from_secs(10);
        let connect = |p: PathBuf| async move {
            let client = crate::kube::client_from_kubeconfig(&p).await.ok()?;
            Some(crate::kube::Applier::new(client, "tcs"))
        };
        let mut out = Vec::new();
        if let Some(applier) = connect(path).await
            && let Ok(Ok(entries)) =
                tokio::time::timeout(limit, crate::federation::clusters(&applier)).await
        {
            out.extend(entries.into_iter().map(|e| ("tcs".to_string(), e)));
        }
        if let Some(k) = karmada
            && let Some(applier) = connect(k).await
            && let Ok(Ok(entries)) =
                tokio::time::timeout(limit, crate::federation::karmada::clusters(&applier)).await
        {
            out.extend(entries.into_iter().map(|e| {
                let mode = e["spec"]["syncMode"]
                    .as_str()
                    .unwrap_or("Push")
                    .to_lowercase();
                (format!("karmada/{mode}"), e)
            }));
        }
        Some(out)
    })
}

/// A registry entry's readiness, with its backend when that is Karmada.
fn labelled(backend: &str, entry: &serde_json::Value) -> String {
    let summary = fleet_summary(entry);
    if backend == "tcs" {
        summary
    } else {
        let name = entry["metadata"]["name"].as_str().unwrap_or("");
        format!("{backend} {name}: {summary}")
    }
}

fn fleet_summary(entry: &serde_json::Value) -> String {
    let ready = entry
        .pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .map(|c| {
            (
                c["status"] == "True",
                c["message"].as_str().unwrap_or("").to_string(),
            )
        });
    match ready {
        Some((true, m)) => format!("member, ready ({m})"),
        Some((false, m)) => format!("member, NOT READY ({m})"),
        None => "member, status unknown".into(),
    }
}

/// `cluster`'s admin kubeconfig, as tcs keeps it.
pub fn kubeconfig(ws: &Workspace, cluster: &str) -> anyhow::Result<String> {
    ws.cluster(cluster)?;
    let path = ws.kubeconfig_path(cluster);
    std::fs::read_to_string(&path).with_context(|| {
        format!(
            "no kubeconfig for {cluster} at {}: install the cluster first (tcs install -f {})",
            path.display(),
            ws.path().display()
        )
    })
}

/// Where a merged kubeconfig went.
#[derive(Debug, Clone, Serialize)]
pub struct Merged {
    /// The cluster.
    pub cluster: String,
    /// It is now the current context.
    pub current: bool,
    /// The kubeconfig file written.
    pub file: PathBuf,
    /// The cluster's API server.
    pub server: String,
    /// The context added.
    pub context: String,
}

/// Merges `cluster`'s admin kubeconfig into $KUBECONFIG (its first path) or ~/.kube/config
/// (0600), replacing entries of the same name; `use_context` makes it current.
pub fn merge_kubeconfig(
    ws: &Workspace,
    cluster: &str,
    use_context: bool,
) -> anyhow::Result<Merged> {
    let text = kubeconfig(ws, cluster)?;
    let target = user_kubeconfig()?;
    let existing = std::fs::read_to_string(&target).unwrap_or_default();
    let merged = crate::kubeconfig::merge(&existing, &text, use_context)
        .map_err(|e| anyhow::anyhow!("{}: {e}", target.display()))?;
    crate::state::write_private(&target, merged.as_bytes())
        .with_context(|| format!("cannot write {}", target.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(Merged {
        cluster: cluster.to_string(),
        current: use_context,
        file: target,
        server: crate::kubeconfig::access(&text)
            .map(|a| a.server)
            .unwrap_or_default(),
        context: format!("{cluster}-admin@{cluster}"),
    })
}

impl std::fmt::Display for Merged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "merged {} ({}) into {} as context {}{}",
            self.cluster,
            self.server,
            self.file.display(),
            self.context,
            if self.current { ", now current" } else { "" }
        )
    }
}

fn user_kubeconfig() -> anyhow::Result<PathBuf> {
    if let Some(k) = std::env::var_os("KUBECONFIG")
        && let Some(first) = std::env::split_paths(&k).next()
        && !first.as_os_str().is_empty()
    {
        return Ok(first);
    }
    let home = std::env::var_os("HOME").context("HOME is not set; set KUBECONFIG")?;
    Ok(PathBuf::from(home).join(".kube/config"))
}

/// What a reset did.
#[derive(Debug, Serialize)]
pub struct Reset {
    /// The cluster.
    pub cluster: String,
    /// The inventory (to install it again).
    pub inventory: PathBuf,
    /// Per host: what was done, or why not.
    pub hosts: Vec<HostReset>,
}

/// One host's reset.
#[derive(Debug, Serialize)]
pub struct HostReset {
    /// The host.
    pub host: String,
    /// What was done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
    /// Why it could not be reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Reset {
    /// Hosts not reset.
    pub fn failed(&self) -> usize {
        self.hosts.iter().filter(|h| h.error.is_some()).count()
    }
}

impl std::fmt::Display for Reset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for h in &self.hosts {
            match (&h.done, &h.error) {
                (_, Some(e)) => writeln!(f, "{}: FAILED: {e}", h.host)?,
                (done, None) => writeln!(
                    f,
                    "{}: {}",
                    h.host,
                    done.as_deref().unwrap_or("").replace('\n', "; ")
                )?,
            }
        }
        match self.failed() {
            0 => writeln!(
                f,
                "cluster {} is torn down; `tcs install -f {}` builds it again",
                self.cluster,
                self.inventory.display()
            ),
            n => writeln!(
                f,
                "{} could not be reset; run the command again when {} reachable",
                crate::text::count(n, "host"),
                if n == 1 { "it is" } else { "they are" }
            ),
        }
    }
}

/// Tears `cluster` down on every host (kubeadm reset, etcd stopped and its data moved aside),
/// journaled; forgets the local kubeconfig when every host was reset.
pub fn reset(ws: &Workspace, cluster: &str, connect: &Connect) -> anyhow::Result<Reset> {
    let cluster = ws.cluster(cluster)?;
    let hosts = ws.cluster_hosts(cluster);
    let journal = Arc::new(ws.journal()?);
    let name = cluster.name.clone();
    let results = ws.on_hosts(&hosts, connect, async |fleet| {
        Ok(fleet
            .run(move |s: Arc<crate::ssh::Session>| {
                let name = name.clone();
                let journal = journal.clone();
                async move {
                    let host = s.target().host.clone();
                    Ok(crate::steps::lifecycle::reset_host(
                        &s,
                        &name,
                        &host,
                        "cluster-reset",
                        &journal,
                    )
                    .await)
                }
            })
            .await)
    })?;
    let hosts: Vec<HostReset> = results
        .into_iter()
        .map(|r| {
            let outcome = r.result.map_err(|e| e.to_string()).and_then(|inner| inner);
            HostReset {
                host: r.host,
                error: outcome.as_ref().err().cloned(),
                done: outcome.ok(),
            }
        })
        .collect();
    let reset = Reset {
        cluster: cluster.name.clone(),
        inventory: ws.path().to_path_buf(),
        hosts,
    };
    if reset.failed() == 0 {
        let _ = std::fs::remove_file(ws.kubeconfig_path(&cluster.name));
    }
    Ok(reset)
}
