//! `tcs cluster list|kubeconfig`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalOpts;
use super::hosts;
use super::output::{print_data, write_stdout};
use crate::steps::kubernetes::{api_endpoint, kubeconfig_path};

/// Cluster commands.
#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// The inventory's clusters with their endpoint and live health.
    #[command(
        after_help = "Health asks each API server's /readyz with the admin kubeconfig tcs keeps in the state\ndirectory (<state dir>/kubeconfig/<cluster>.conf): ready, not ready (with the reason),\nunreachable, or not installed (no kubeconfig yet). Exit status 0 even when a cluster is down.\n\nExamples:\n  tcs cluster list -f inventory.yaml\n  tcs cluster list -f inventory.yaml -o json | jq '.[] | select(.health != \"ready\")'"
    )]
    List(ListArgs),
    /// Print a cluster's admin kubeconfig, or merge it into your kubeconfig.
    #[command(
        after_help = "The kubeconfig's entries are named <cluster>, <cluster>-admin and <cluster>-admin@<cluster>, so\nseveral clusters merge side by side. --merge writes $KUBECONFIG (its first path) or\n~/.kube/config, 0600, replacing entries of the same name; the current context changes only\nwith --use or when none is set.\n\nExamples:\n  tcs cluster kubeconfig prod -f inventory.yaml > prod.conf\n  tcs cluster kubeconfig prod -f inventory.yaml --merge --use && kubectl get nodes"
    )]
    Kubeconfig(KubeconfigArgs),
    /// Tear a cluster down: every host back to a prepared machine (containerd stays).
    #[command(
        after_help = "Runs `kubeadm reset`, stops and disables the kubelet and etcd, moves etcd data aside to
/var/lib/etcd.removed-<time>, and removes /etc/kubernetes, /var/lib/kubelet, /etc/etcd and the
CNI configuration on every host of the cluster; then forgets the local kubeconfig. The PKI in
the state directory is kept (a reinstall reuses it). Asks first, or --yes.

Examples:
  tcs cluster reset biz-sh -f inventory.yaml
  tcs cluster reset biz-sh -f inventory.yaml --yes"
    )]
    Reset(ResetArgs),
    /// Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too).
    #[command(
        after_help = "Checks that the member answers and that its kubeconfig may create tcs's identity there, then\ncreates namespace tcs-fleet with ServiceAccount tcs-fleet-agent (bound to cluster-admin) and its\ntoken, and registers the member in the global cluster: a Cluster (clusters.fleet.tcs.io, shaped\nlike Karmada's) and a Secret with that token. The given kubeconfig is not stored. Business\nclusters that tcs install creates are joined automatically.\n\nExamples:\n  tcs cluster join biz-gz --kubeconfig gz.conf -f inventory.yaml --labels env=prod --region gz --zones gz-1,gz-2\n  tcs cluster join eks-1 --kubeconfig ~/.kube/config --context eks-1 --global-kubeconfig global.conf --provider aws"
    )]
    Join(super::fleet::JoinArgs),
    /// Remove a cluster from the fleet.
    #[command(
        after_help = "Examples:\n  tcs cluster unjoin biz-gz -f inventory.yaml --yes\n  tcs cluster unjoin biz-gz -f inventory.yaml --prune --yes   # also delete what was propagated to it"
    )]
    Unjoin(super::fleet::UnjoinArgs),
}

/// `tcs cluster reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Cluster name.
    #[arg(value_name = "CLUSTER")]
    pub name: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// How to connect.
    #[command(flatten)]
    pub connect: super::hosts::ConnectArgs,
}

/// `tcs cluster list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Seconds to wait for each API server.
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub timeout: u64,
}

/// `tcs cluster kubeconfig`.
#[derive(Debug, Args)]
pub struct KubeconfigArgs {
    /// Cluster name.
    #[arg(value_name = "CLUSTER")]
    pub name: String,
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// Merge into $KUBECONFIG or ~/.kube/config instead of printing.
    #[arg(long)]
    pub merge: bool,
    /// With --merge: make it the current context.
    #[arg(long = "use", requires = "merge")]
    pub use_context: bool,
}

/// One row of `tcs cluster list`.
#[derive(Debug, Serialize)]
pub struct ClusterRow {
    /// Name.
    pub name: String,
    /// global or business.
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
    /// Fleet membership as the global cluster's registry reports it (Ready, nodes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleet: Option<String>,
}

/// The global cluster's registry entries, when it answers.
fn fleet_entries(
    state: &std::path::Path,
    inv: &crate::inventory::Inventory,
) -> Option<Vec<serde_json::Value>> {
    let g = inv
        .spec
        .clusters
        .iter()
        .find(|c| c.role == crate::inventory::ClusterRole::Global)?;
    let path = kubeconfig_path(state, &g.name);
    if !path.exists() {
        return None;
    }
    let rt = hosts::runtime().ok()?;
    rt.block_on(async {
        let client = crate::kube::client_from_kubeconfig(&path).await.ok()?;
        let applier = crate::kube::Applier::new(client, "tcs");
        tokio::time::timeout(
            Duration::from_secs(10),
            crate::federation::clusters(&applier),
        )
        .await
        .ok()?
        .ok()
    })
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

/// Runs a cluster command.
pub fn run(cmd: ClusterCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        ClusterCommand::List(args) => list(args, global),
        ClusterCommand::Kubeconfig(args) => kubeconfig(args, global),
        ClusterCommand::Reset(args) => reset(args, global),
        ClusterCommand::Join(args) => super::fleet::join(args, global),
        ClusterCommand::Unjoin(args) => super::fleet::unjoin(args, global),
    }
}

fn reset(args: ResetArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "cluster-reset")?;
    let state = hosts::state_dir(global, &loaded);
    let inv = &loaded.inventory;
    let cluster = inv
        .spec
        .clusters
        .iter()
        .find(|c| c.name == args.name)
        .with_context(|| format!("no cluster '{}' in {}", args.name, loaded.path.display()))?;
    let hosts: Vec<_> = cluster
        .all_hosts()
        .into_iter()
        .filter_map(|h| inv.host(h))
        .collect();
    let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
    super::node::confirm(
        args.yes,
        &format!(
            "Tear down cluster {} on {} (kubeadm reset, etcd stopped and its data moved aside)?",
            cluster.name,
            names.join(", ")
        ),
    )?;
    let journal = std::sync::Arc::new(
        crate::plan::journal::Journal::open(&state)
            .with_context(|| format!("cannot open the journal in {}", state.display()))?,
    );
    let results = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &hosts, &args.connect).await?;
        let name = cluster.name.clone();
        let journal = journal.clone();
        let r = fleet
            .run(move |s: std::sync::Arc<crate::ssh::Session>| {
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
            .await;
        fleet.close().await;
        anyhow::Ok(r)
    })?;
    let mut failed = 0;
    let mut text = String::new();
    for r in &results {
        let outcome = match &r.result {
            Ok(inner) => inner.clone(),
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(out) => text.push_str(&format!("{}: {}\n", r.host, out.replace('\n', "; "))),
            Err(e) => {
                failed += 1;
                text.push_str(&format!("{}: FAILED: {e}\n", r.host));
            }
        }
    }
    if failed == 0 {
        let _ = std::fs::remove_file(kubeconfig_path(&state, &cluster.name));
        text.push_str(&format!(
            "cluster {} is torn down; `tcs install -f {}` builds it again\n",
            cluster.name,
            loaded.path.display()
        ));
    } else {
        text.push_str(&format!(
            "{} could not be reset; run the command again when {} reachable\n",
            crate::text::count(failed, "host"),
            if failed == 1 { "it is" } else { "they are" }
        ));
    }
    write_stdout(&text)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn list(args: ListArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "cluster-list")?;
    let state = hosts::state_dir(global, &loaded);
    let inv = &loaded.inventory;
    let timeout = Duration::from_secs(args.timeout.max(1));
    let rows: Vec<ClusterRow> = std::thread::scope(|s| {
        let handles: Vec<_> = inv
            .spec
            .clusters
            .iter()
            .map(|c| {
                let state = &state;
                s.spawn(move || {
                    let e = api_endpoint(c, inv);
                    let path = kubeconfig_path(state, &c.name);
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
    let mut rows = rows;
    if let Some(entries) = fleet_entries(&state, inv) {
        for r in rows.iter_mut().filter(|r| r.role == "business") {
            r.fleet = Some(
                entries
                    .iter()
                    .find(|e| e["metadata"]["name"] == r.name.as_str())
                    .map(fleet_summary)
                    .unwrap_or_else(|| "not joined".into()),
            );
        }
        for e in &entries {
            let name = e["metadata"]["name"].as_str().unwrap_or("").to_string();
            if rows.iter().any(|r| r.name == name) {
                continue;
            }
            let ready = fleet_summary(e);
            rows.push(ClusterRow {
                name,
                role: "imported".into(),
                version: e
                    .pointer("/status/kubernetesVersion")
                    .and_then(|v| v.as_str())
                    .unwrap_or("?")
                    .to_string(),
                nodes: e
                    .pointer("/status/nodeSummary/totalNum")
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0) as usize,
                control_planes: 0,
                endpoint: e
                    .pointer("/spec/apiEndpoint")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string(),
                kubeconfig: None,
                health: if ready.contains("member, ready") {
                    "ready".into()
                } else {
                    "not ready".into()
                },
                reason: None,
                fleet: Some(ready),
            });
        }
    }
    if !print_data(global.output, &rows)? {
        let mut text = format!(
            "{:<14} {:<9} {:<8} {:>5} {:>3} {:<22} {}\n",
            "NAME", "ROLE", "VERSION", "NODES", "CP", "ENDPOINT", "HEALTH"
        );
        for r in &rows {
            text.push_str(&format!(
                "{:<14} {:<9} {:<8} {:>5} {:>3} {:<22} {}{}\n",
                r.name,
                r.role,
                r.version,
                r.nodes,
                r.control_planes,
                r.endpoint,
                r.health,
                r.fleet
                    .as_ref()
                    .map(|f| format!(" [{f}]"))
                    .unwrap_or_default()
                    + &r.reason
                        .as_ref()
                        .map(|x| format!(" ({x})"))
                        .unwrap_or_default()
            ));
        }
        write_stdout(&text)?;
    }
    Ok(ExitCode::SUCCESS)
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

fn kubeconfig(args: KubeconfigArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "cluster-kubeconfig")?;
    if !loaded
        .inventory
        .spec
        .clusters
        .iter()
        .any(|c| c.name == args.name)
    {
        bail!("no cluster '{}' in {}", args.name, loaded.path.display());
    }
    let state = hosts::state_dir(global, &loaded);
    let path = kubeconfig_path(&state, &args.name);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "no kubeconfig for {} at {}: install the cluster first (tcs install -f {})",
            args.name,
            path.display(),
            loaded.path.display()
        )
    })?;
    if !args.merge {
        write_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let target = user_kubeconfig()?;
    let existing = std::fs::read_to_string(&target).unwrap_or_default();
    let merged = crate::kubeconfig::merge(&existing, &text, args.use_context)
        .map_err(|e| anyhow::anyhow!("{}: {e}", target.display()))?;
    crate::state::write_private(&target, merged.as_bytes())
        .with_context(|| format!("cannot write {}", target.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))?;
    }
    let context = crate::kubeconfig::access(&text)
        .map(|a| a.server)
        .unwrap_or_default();
    write_stdout(&format!(
        "merged {} ({context}) into {} as context {}-admin@{}{}\n",
        args.name,
        target.display(),
        args.name,
        args.name,
        if args.use_context {
            ", now current"
        } else {
            ""
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}
