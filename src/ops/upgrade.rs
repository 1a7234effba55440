//! `tcs cluster upgrade` and `tcs plan --upgrade`: a running cluster to the next Kubernetes
//! release, preconditions first (nothing changes when one fails), then in kubeadm's order: the
//! target's images and kubeadm on every node, etcd one member at a time (when the bundle's etcd
//! differs), the first control plane (`kubeadm upgrade apply`), the other control planes one by
//! one and the workers in batches (`kubeadm upgrade node`, drain, runtime, kubelet, restart,
//! uncordon), then the network's manifest and the system pods. Every step is journaled; a re-run
//! or `--resume` continues from what the hosts and the API say.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, bail};
use serde::Serialize;
use serde_json::Value;

use super::install::{
    InstallObserver, InstallReport, Selection, contexts, until_done_or_interrupted,
};
use super::{Connect, Workspace};
use crate::bundle::distribute::Distributor;
use crate::bundle::{Bundle, FileKind};
use crate::inventory::{Cluster, ClusterRole};
use crate::plan::journal::Journal;
use crate::plan::{self, HostCtx, Phase, PlannedStep};
use crate::steps::upgrade::{self as steps, Release};

/// What `tcs cluster upgrade` asks for.
#[derive(Debug, Clone)]
pub struct UpgradeOptions {
    /// The cluster.
    pub cluster: String,
    /// The target release (default: the inventory's version for the cluster).
    pub to: Option<String>,
    /// The target's bundle (default: the inventory's `spec.bundle`).
    pub bundle: Option<PathBuf>,
    /// Workers upgraded at once.
    pub max_unavailable: usize,
    /// Seconds a node's drain may take.
    pub drain_timeout: u64,
    /// Continue the last, interrupted run.
    pub resume: bool,
    /// How to connect.
    pub connect: Connect,
}

impl Default for UpgradeOptions {
    fn default() -> Self {
        UpgradeOptions {
            cluster: String::new(),
            to: None,
            bundle: None,
            max_unavailable: 1,
            drain_timeout: 300,
            resume: false,
            connect: Connect::default(),
        }
    }
}

/// One precondition and what was found.
#[derive(Debug, Clone, Serialize)]
pub struct Precondition {
    /// What is checked (`version-skew`, `nodes-ready`, `etcd-quorum`, `bundle`, `addons`,
    /// `certificates`, `hosts-reachable`).
    pub check: &'static str,
    /// Whether it holds.
    pub ok: bool,
    /// What was found, or what to do.
    pub detail: String,
}

/// The preconditions of an upgrade, in the order they were checked.
#[derive(Debug, Clone, Serialize)]
pub struct Preconditions {
    /// The cluster.
    pub cluster: String,
    /// The API server's version now.
    pub from: String,
    /// The target.
    pub to: String,
    /// Every check.
    pub checks: Vec<Precondition>,
}

impl Preconditions {
    fn failed(&self) -> Vec<&Precondition> {
        self.checks.iter().filter(|c| !c.ok).collect()
    }
}

impl std::fmt::Display for Preconditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "cluster {}: {} -> {}",
            self.cluster,
            if self.from.is_empty() {
                "unknown"
            } else {
                &self.from
            },
            self.to
        )?;
        for c in &self.checks {
            let mark = if c.ok {
                console::style("ok").green().to_string()
            } else {
                console::style("FAILED").red().bold().to_string()
            };
            writeln!(f, "  {mark} {}: {}", c.check, c.detail)?;
        }
        Ok(())
    }
}

/// What an upgrade did.
#[derive(Debug, Serialize)]
pub struct Upgraded {
    /// Preconditions as found.
    pub preconditions: Preconditions,
    /// Per host.
    pub report: InstallReport,
    /// Seconds from the first change to the last.
    pub seconds: f64,
    /// The inventory, to say what to edit.
    #[serde(skip)]
    pub inventory: PathBuf,
    /// Whether the inventory already says the target.
    #[serde(skip)]
    pub inventory_current: bool,
}

impl Upgraded {
    /// Whether every host finished.
    pub fn success(&self) -> bool {
        self.report.failed == 0 && !self.report.interrupted
    }
}

impl std::fmt::Display for Upgraded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The per-host summary went out as the run ended (`InstallObserver::summary`).
        let p = &self.preconditions;
        if self.success() {
            writeln!(
                f,
                "cluster {} runs {} ({:.0} s)",
                p.cluster, p.to, self.seconds
            )?;
            if !self.inventory_current {
                writeln!(
                    f,
                    "now set the cluster's kubernetes.version to \"{}\" (and spec.bundle to the bundle used) in {}: the inventory is the desired state",
                    p.to.trim_start_matches('v'),
                    self.inventory.display()
                )?;
            }
        } else if !self.report.interrupted {
            writeln!(
                f,
                "the upgrade of {} stopped; fix what failed, then run it again with --resume",
                p.cluster
            )?;
        }
        Ok(())
    }
}

/// What would change, per host, before anything does.
#[derive(Debug, Serialize)]
pub struct UpgradePlan {
    /// Preconditions as found.
    pub preconditions: Preconditions,
    /// Per host, in inventory order: every step with its check.
    pub hosts: Vec<super::install::HostPlan>,
}

impl std::fmt::Display for UpgradePlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.preconditions)?;
        for h in &self.hosts {
            let needed: Vec<&PlannedStep> = h
                .steps
                .iter()
                .filter(|s| !matches!(s.check, Ok(plan::Check::Done)))
                .collect();
            if let Some(e) = &h.error {
                writeln!(f, "{}: unreachable: {e}", h.host)?;
            } else if needed.is_empty() {
                writeln!(f, "{}: nothing to change", h.host)?;
            } else {
                writeln!(f, "{}:", h.host)?;
                for s in needed {
                    let why = match &s.check {
                        Ok(plan::Check::Needed(why)) => why.clone(),
                        Err(e) => format!("cannot check: {e}"),
                        Ok(plan::Check::Done) => String::new(),
                    };
                    writeln!(f, "  {}/{}: {why}", s.phase, s.step)?;
                }
            }
        }
        Ok(())
    }
}

/// The phases of an upgrade of `cluster`, in order: staging, etcd members one by one, control
/// planes one by one (the first one first), workers in batches, the finish.
pub fn phases(cluster: &Cluster, max_unavailable: usize, drain_timeout: u64) -> Vec<Phase> {
    let mut out = vec![steps::stage_phase()];
    for m in cluster.etcd_hosts() {
        out.push(steps::etcd_wave(m.clone()));
    }
    for cp in &cluster.control_plane.hosts {
        out.push(steps::node_wave(
            "upgrade-control-plane",
            "Control plane node",
            vec![cp.clone()],
            drain_timeout,
        ));
    }
    let workers: Vec<String> = crate::steps::kubernetes::node_names(cluster)
        .into_iter()
        .filter(|n| !cluster.control_plane.hosts.contains(n))
        .collect();
    for batch in workers.chunks(max_unavailable.max(1)) {
        out.push(steps::node_wave(
            "upgrade-workers",
            "Workers",
            batch.to_vec(),
            drain_timeout,
        ));
    }
    out.push(steps::finish_phase());
    out
}

/// The target release and the cluster as it will be.
fn target(ws: &Workspace, opts: &UpgradeOptions) -> anyhow::Result<(Release, Cluster)> {
    let cluster = ws.cluster(&opts.cluster)?;
    let to = opts
        .to
        .clone()
        .unwrap_or_else(|| cluster.kubernetes.version.clone());
    let release = Release::parse(&to)
        .with_context(|| format!("--to {to:?}: expected a Kubernetes release such as 1.36.4"))?;
    let mut upgraded = cluster.clone();
    upgraded.kubernetes.version = to.trim_start_matches('v').to_string();
    Ok((release, upgraded))
}

fn bundle(ws: &Workspace, opts: &UpgradeOptions) -> anyhow::Result<Arc<Bundle>> {
    let path = match &opts.bundle {
        Some(p) => p.clone(),
        None => {
            let p = ws.loaded.inventory.spec.bundle.as_ref().with_context(|| {
                format!(
                    "an upgrade installs from the target release's offline bundle: pass --bundle or set spec.bundle in {}",
                    ws.path().display()
                )
            })?;
            crate::inventory::validate::resolve_path(p, ws.base_dir())
        }
    };
    Ok(Arc::new(
        Bundle::open_verified(&path, &ws.state_dir().cache())
            .with_context(|| format!("bundle {}", path.display()))?,
    ))
}

/// Host contexts for the cluster as it will be (the target version in its entry).
async fn upgrade_contexts(
    ws: &Workspace,
    cluster: &Cluster,
    bundle: Arc<Bundle>,
    connect: &Connect,
    distributor: Arc<Distributor>,
) -> anyhow::Result<(Vec<Arc<HostCtx>>, BTreeMap<String, String>)> {
    let hosts = ws.cluster_hosts(ws.cluster(&cluster.name)?);
    let (ctxs, unreachable) = contexts(
        ws,
        &Selection::of(hosts),
        connect,
        Some(bundle),
        distributor,
    )
    .await?;
    let mut inventory = ws.loaded.inventory.clone();
    if let Some(c) = inventory
        .spec
        .clusters
        .iter_mut()
        .find(|c| c.name == cluster.name)
    {
        c.kubernetes.version = cluster.kubernetes.version.clone();
    }
    let inventory = Arc::new(inventory);
    let ctxs = ctxs
        .into_iter()
        .map(|c| {
            Arc::new(HostCtx {
                session: c.session.clone(),
                host: c.host.clone(),
                cluster: cluster.clone(),
                inventory: inventory.clone(),
                facts: c.facts.clone(),
                bundle: c.bundle.clone(),
                distributor: c.distributor.clone(),
                state_dir: c.state_dir.clone(),
                shared: c.shared.clone(),
            })
        })
        .collect();
    Ok((ctxs, unreachable))
}

/// Reads the cluster's state through its first reachable control plane and checks every
/// precondition. Changes nothing.
async fn preconditions(
    ctxs: &[Arc<HostCtx>],
    unreachable: &BTreeMap<String, String>,
    cluster: &Cluster,
    target: Release,
    bundle: &Bundle,
    certs: Result<Vec<String>, String>,
    catalog: &crate::addon::Catalog,
) -> Preconditions {
    let mut out = Preconditions {
        cluster: cluster.name.clone(),
        from: String::new(),
        to: target.to_string(),
        checks: Vec::new(),
    };
    let mut push = |check, ok, detail: String| out.checks.push(Precondition { check, ok, detail });
    push(
        "hosts-reachable",
        unreachable.is_empty(),
        if unreachable.is_empty() {
            format!("{} hosts answer over SSH", ctxs.len())
        } else {
            unreachable
                .iter()
                .map(|(h, e)| format!("{h}: {e}"))
                .collect::<Vec<_>>()
                .join("; ")
        },
    );
    // The bundle carries the target: its binaries for every host's architecture, its images.
    let mut missing: Vec<String> = Vec::new();
    let carried = bundle
        .manifest
        .versions
        .get("kubernetes")
        .map(|v| v.trim_start_matches('v').to_string())
        .unwrap_or_default();
    let want = target.to_string().trim_start_matches('v').to_string();
    if carried != want {
        missing.push(format!(
            "it carries Kubernetes {}, not {want}: build one with `tcs bundle build --kubernetes {want}`",
            if carried.is_empty() { "nothing" } else { &carried }
        ));
    } else {
        let arches: std::collections::BTreeSet<&str> =
            ctxs.iter().map(|c| crate::steps::host_arch(c)).collect();
        for arch in arches {
            for b in ["kubeadm", "kubelet", "kubectl"] {
                if !bundle
                    .files(FileKind::Binary, arch)
                    .any(|f| f.path.ends_with(&format!("/{b}")))
                {
                    missing.push(format!("{b} for {arch}"));
                }
            }
        }
        let images: Vec<&str> = bundle
            .manifest
            .files
            .iter()
            .filter_map(|f| f.image.as_deref())
            .collect();
        let mut wanted: Vec<String> = [
            "kube-apiserver",
            "kube-controller-manager",
            "kube-scheduler",
            "kube-proxy",
        ]
        .iter()
        .map(|c| format!("registry.k8s.io/{c}:{target}"))
        .collect();
        if let Some(p) = bundle.manifest.versions.get("pause") {
            wanted.push(format!("registry.k8s.io/pause:{p}"));
        }
        if let Some(d) = bundle.manifest.versions.get("coredns") {
            wanted.push(format!(
                "registry.k8s.io/coredns/coredns:v{}",
                d.trim_start_matches('v')
            ));
        }
        for w in wanted {
            if !images.iter().any(|i| i.ends_with(&w) || *i == w) {
                missing.push(format!("image {w}"));
            }
        }
    }
    push(
        "bundle",
        missing.is_empty(),
        if missing.is_empty() {
            format!("carries Kubernetes {want}, its binaries and images")
        } else {
            format!("the bundle lacks {}", missing.join(", "))
        },
    );
    let Some(cp) = ctxs
        .iter()
        .find(|c| {
            crate::steps::kubernetes::first_control_plane(cluster) == Some(c.host.name.as_str())
        })
        .or_else(|| {
            ctxs.iter()
                .find(|c| cluster.control_plane.hosts.contains(&c.host.name))
        })
    else {
        push(
            "version-skew",
            false,
            "no control plane is reachable to read the cluster's versions".into(),
        );
        return out;
    };
    // Versions: every control plane's own API server and every kubelet.
    let mut apis: Vec<(String, Release)> = Vec::new();
    let mut api_errors: Vec<String> = Vec::new();
    for c in ctxs
        .iter()
        .filter(|c| cluster.control_plane.hosts.contains(&c.host.name))
    {
        match steps::local_api_version(c).await {
            Ok(r) => apis.push((c.host.name.clone(), r)),
            Err(e) => api_errors.push(e),
        }
    }
    let nodes = steps::kubectl(cp, "get nodes -o json", 60).await;
    let nodes_json = nodes
        .as_ref()
        .ok()
        .filter(|o| o.success())
        .map(|o| o.stdout.clone());
    let kubelets: Vec<(String, Release)> = nodes_json
        .as_deref()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|v| v["items"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|n| {
            Some((
                n["metadata"]["name"].as_str()?.to_string(),
                Release::parse(n["status"]["nodeInfo"]["kubeletVersion"].as_str()?)?,
            ))
        })
        .collect();
    if !api_errors.is_empty() {
        push("version-skew", false, api_errors.join("; "));
    } else {
        out.from = apis
            .iter()
            .map(|(_, r)| *r)
            .min()
            .map(|r| r.to_string())
            .unwrap_or_default();
        let list = |v: &[(String, Release)]| {
            let mut by: BTreeMap<Release, Vec<&str>> = BTreeMap::new();
            for (h, r) in v {
                by.entry(*r).or_default().push(h);
            }
            by.iter()
                .map(|(r, hs)| format!("{r} ({})", hs.join(", ")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match steps::version_skew(&apis, &kubelets, target) {
            Ok(needed) => push(
                "version-skew",
                true,
                format!(
                    "API servers {}; kubelets {}{}",
                    list(&apis),
                    list(&kubelets),
                    if needed {
                        ""
                    } else {
                        "; already at the target"
                    }
                ),
            ),
            Err(e) => push("version-skew", false, e),
        }
    }
    // Every node Ready.
    let wanted = crate::steps::kubernetes::node_names(cluster);
    match &nodes_json {
        Some(text) => {
            let (ready, not_ready, absent) =
                crate::steps::kubernetes::node_readiness(text, &wanted);
            let mut problems: Vec<String> = not_ready
                .iter()
                .map(|(n, why)| format!("{n} is not Ready ({why})"))
                .collect();
            if !absent.is_empty() {
                problems.push(format!("not registered: {}", absent.join(", ")));
            }
            push(
                "nodes-ready",
                problems.is_empty(),
                if problems.is_empty() {
                    format!("{} nodes Ready", ready.len())
                } else {
                    problems.join("; ")
                },
            );
        }
        None => push(
            "nodes-ready",
            false,
            "cannot list the nodes through the first control plane".into(),
        ),
    }
    // etcd with quorum to spare.
    let members = cluster.etcd_hosts();
    match ctxs.iter().find(|c| members.contains(&c.host.name)) {
        None => push("etcd-quorum", false, "no etcd member is reachable".into()),
        Some(m) => match crate::steps::etcd::cluster_health(m).await {
            Ok(h) => {
                let ok = steps::quorum_to_spare(h.healthy.len(), members.len())
                    && h.unexpected.is_empty();
                let mut detail =
                    format!("{} of {} members healthy", h.healthy.len(), members.len());
                if !ok {
                    detail.push_str(
                        "; an upgrade restarts members one at a time and needs every other one answering: fix or replace the unhealthy ones first",
                    );
                }
                if !h.unexpected.is_empty() {
                    detail.push_str(&format!(
                        "; members not in the inventory: {}",
                        h.unexpected.join(", ")
                    ));
                }
                push("etcd-quorum", ok, detail);
            }
            Err(e) => push(
                "etcd-quorum",
                false,
                format!("through {}: {e}", m.host.name),
            ),
        },
    }
    // Addons enabled on the cluster support the target.
    let records = steps::kubectl(
        cp,
        "get configmaps -n kube-system -l addons.tcs.io/record=true -o 'jsonpath={.items[*].metadata.name}'",
        60,
    )
    .await;
    match records {
        Ok(o) if o.success() => {
            let mut enabled = Vec::new();
            let mut unsupported = Vec::new();
            for name in o
                .stdout
                .split_whitespace()
                .filter_map(|n| n.strip_prefix("tcs-addon-"))
            {
                enabled.push(name.to_string());
                if let Some(def) = catalog.addons.get(name)
                    && !def.meta.kubernetes.contains(&target.to_string())
                {
                    unsupported.push(format!(
                        "{name} {} supports Kubernetes {}",
                        def.meta.version, def.meta.kubernetes
                    ));
                }
            }
            push(
                "addons",
                unsupported.is_empty(),
                if unsupported.is_empty() {
                    if enabled.is_empty() {
                        "none enabled".into()
                    } else {
                        format!("{} support {target}", enabled.join(", "))
                    }
                } else {
                    format!(
                        "{}: disable them or use a catalog whose versions support {target}",
                        unsupported.join("; ")
                    )
                },
            );
        }
        Ok(o) => push(
            "addons",
            false,
            format!("cannot list the addon records: {}", o.stderr.trim()),
        ),
        Err(e) => push(
            "addons",
            false,
            format!("cannot list the addon records: {e}"),
        ),
    }
    // Certificates with time left (kubeadm renews its own during the upgrade; tcs's etcd and
    // the CAs are not renewed by it).
    match certs {
        Ok(expiring) if expiring.is_empty() => push(
            "certificates",
            true,
            format!("none expires within {} days", crate::pki::RENEW_BEFORE_DAYS),
        ),
        Ok(expiring) => push(
            "certificates",
            false,
            format!(
                "{}: run `tcs certs renew {}` first",
                expiring.join(", "),
                cluster.name
            ),
        ),
        Err(e) => push("certificates", false, e),
    }
    out
}

/// Certificates of the cluster's hosts that expire soon or cannot be read, as `host:path (N
/// days)`.
fn expiring_certificates(
    ws: &Workspace,
    cluster: &Cluster,
    connect: &Connect,
) -> Result<Vec<String>, String> {
    let hosts = ws.cluster_hosts(cluster);
    let report = super::certs::check(ws, &hosts, connect).map_err(|e| e.to_string())?;
    Ok(report
        .certificates
        .iter()
        .filter(|c| c.status != "ok")
        .map(|c| match &c.info {
            Some(i) => format!("{}:{} ({} days left)", c.host, c.path, i.days_left),
            None => format!("{}:{} ({})", c.host, c.path, c.status),
        })
        .collect())
}

/// What an upgrade reads before it connects: the target, the cluster as it will be, the
/// verified bundle, the addon catalog, the certificates that expire soon.
struct Prepared {
    release: Release,
    cluster: Cluster,
    bundle: Arc<Bundle>,
    catalog: crate::addon::Catalog,
    certs: Result<Vec<String>, String>,
}

fn prepare(ws: &Workspace, opts: &UpgradeOptions) -> anyhow::Result<Prepared> {
    let (release, cluster) = target(ws, opts)?;
    Ok(Prepared {
        release,
        bundle: bundle(ws, opts)?,
        catalog: crate::addon::Catalog::builtin()?,
        certs: expiring_certificates(ws, ws.cluster(&opts.cluster)?, &opts.connect),
        cluster,
    })
}

/// Connects to the cluster's hosts and checks the preconditions.
async fn survey(
    ws: &Workspace,
    p: Prepared,
    connect: &Connect,
    distributor: Arc<Distributor>,
) -> anyhow::Result<(Vec<Arc<HostCtx>>, BTreeMap<String, String>, Preconditions)> {
    let (ctxs, unreachable) =
        upgrade_contexts(ws, &p.cluster, p.bundle.clone(), connect, distributor).await?;
    let pre = preconditions(
        &ctxs,
        &unreachable,
        &p.cluster,
        p.release,
        &p.bundle,
        p.certs,
        &p.catalog,
    )
    .await;
    Ok((ctxs, unreachable, pre))
}

/// Preconditions and every host's plan, without changing anything.
pub fn plan(ws: &Workspace, opts: &UpgradeOptions) -> anyhow::Result<UpgradePlan> {
    let prepared = prepare(ws, opts)?;
    let phases = phases(&prepared.cluster, opts.max_unavailable, opts.drain_timeout);
    super::runtime()?.block_on(async {
        let distributor = Distributor::new(true, 2, 2);
        let (ctxs, unreachable, pre) =
            survey(ws, prepared, &opts.connect, distributor.clone()).await?;
        let mut hosts = Vec::new();
        for ctx in &ctxs {
            hosts.push(super::install::HostPlan {
                host: ctx.host.name.clone(),
                steps: plan::plan_host(&phases, ctx).await,
                error: None,
            });
        }
        hosts.extend(
            unreachable
                .into_iter()
                .map(|(host, e)| super::install::HostPlan {
                    host,
                    steps: Vec::new(),
                    error: Some(e),
                }),
        );
        distributor.shutdown().await;
        Ok(UpgradePlan {
            preconditions: pre,
            hosts,
        })
    })
}

/// Why an upgrade did not start: the preconditions that failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("the upgrade of {} to {} was refused; nothing was changed:\n{}", .0.cluster, .0.to, refusal(.0))]
pub struct Refused(pub Preconditions);

fn refusal(p: &Preconditions) -> String {
    p.failed()
        .iter()
        .map(|c| format!("  {}: {}", c.check, c.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Upgrades one cluster. Fails with [`Refused`] when a precondition does not hold.
pub fn upgrade(
    ws: &Workspace,
    opts: &UpgradeOptions,
    journal: Option<Arc<Journal>>,
    observer: &dyn InstallObserver,
) -> anyhow::Result<Upgraded> {
    // Before anything connects: the target is a release, the bundle verifies.
    let prepared = prepare(ws, opts)?;
    let inventory_current = ws
        .cluster(&opts.cluster)?
        .kubernetes
        .version
        .trim_start_matches('v')
        == prepared.cluster.kubernetes.version;
    let cluster = prepared.cluster.clone();
    let journal = match journal {
        Some(j) => j,
        None => Arc::new(open_journal(ws, opts.resume)?),
    };
    let phases = phases(&cluster, opts.max_unavailable, opts.drain_timeout);
    let cancel = Arc::new(AtomicBool::new(false));
    let events = observer.events();
    let started = Instant::now();
    let (pre, summary, unreachable, copies) = super::runtime()?.block_on(async {
        let run = async {
            let distributor = Distributor::new(true, 2, 2);
            let (ctxs, unreachable, pre) =
                survey(ws, prepared, &opts.connect, distributor.clone()).await?;
            if !pre.failed().is_empty() {
                distributor.shutdown().await;
                return Err(anyhow::Error::new(Refused(pre)));
            }
            tracing::info!(cluster = %cluster.name, from = %pre.from, to = %pre.to, "upgrade starts");
            let mut summary: BTreeMap<String, plan::HostSummary> = BTreeMap::new();
            for phase in phases {
                if cancel.load(Ordering::SeqCst) {
                    break;
                }
                let hosts: Vec<Arc<HostCtx>> = ctxs
                    .iter()
                    .filter(|c| phase.steps.iter().any(|s| s.applies(c)))
                    .cloned()
                    .collect();
                let done = plan::run(
                    std::slice::from_ref(&phase),
                    hosts,
                    journal.clone(),
                    events.clone(),
                    cancel.clone(),
                )
                .await;
                let failed = done.values().any(|s| s.failed > 0);
                for (host, s) in done {
                    let t = summary.entry(host).or_insert_with(|| plan::HostSummary {
                        cluster: s.cluster.clone(),
                        ..Default::default()
                    });
                    t.unchanged += s.unchanged;
                    t.changed += s.changed;
                    t.failed += s.failed;
                    t.resumed += s.resumed;
                    t.duration_ms += s.duration_ms;
                    if s.error.is_some() {
                        t.error = s.error;
                    }
                }
                // A failed node stops the upgrade: the next waves would only widen the damage.
                if failed {
                    break;
                }
            }
            distributor.shutdown().await;
            anyhow::Ok((pre, summary, unreachable, distributor.copies()))
        };
        until_done_or_interrupted(observer, &cancel, run).await
    })?;
    let report = InstallReport::new(summary, unreachable, cancel.load(Ordering::SeqCst), copies);
    observer.summary(&report);
    Ok(Upgraded {
        preconditions: pre,
        report,
        seconds: started.elapsed().as_secs_f64(),
        inventory: ws.path().to_path_buf(),
        inventory_current,
    })
}

fn open_journal(ws: &Workspace, resume: bool) -> anyhow::Result<Journal> {
    let path = ws.state_dir().journal();
    if resume && Journal::read_all(&path).is_empty() {
        bail!(
            "nothing to resume: {} is empty; run without --resume",
            path.display()
        );
    }
    if resume {
        Journal::resume(&ws.state)
    } else {
        Journal::open(&ws.state)
    }
    .with_context(|| format!("cannot open the journal in {}", ws.state.display()))
}

/// One cluster of a fleet upgrade.
#[derive(Debug, Serialize)]
pub struct ClusterUpgrade {
    /// The cluster.
    pub cluster: String,
    /// The wave it was in (1-based; the global cluster's is the last).
    pub wave: usize,
    /// What happened: the upgrade, or why it failed or was refused.
    #[serde(flatten)]
    pub result: ClusterResult,
}

/// The outcome of one cluster's upgrade.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum ClusterResult {
    /// Every host finished.
    Upgraded {
        /// From.
        from: String,
        /// Seconds.
        seconds: f64,
        /// Steps applied.
        changed: usize,
    },
    /// Refused or failed.
    Failed {
        /// Why.
        error: String,
    },
    /// Not started: an earlier wave failed.
    Skipped,
}

/// A fleet upgrade, cluster by cluster.
#[derive(Debug, Serialize)]
pub struct FleetUpgrade {
    /// The target.
    pub to: String,
    /// Every cluster, in the order of the waves.
    pub clusters: Vec<ClusterUpgrade>,
}

impl FleetUpgrade {
    /// Whether every cluster was upgraded.
    pub fn success(&self) -> bool {
        self.clusters
            .iter()
            .all(|c| matches!(c.result, ClusterResult::Upgraded { .. }))
    }
}

impl std::fmt::Display for FleetUpgrade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows = self.clusters.iter().map(|c| {
            let (status, detail) = match &c.result {
                ClusterResult::Upgraded {
                    from,
                    seconds,
                    changed,
                } => (
                    "upgraded".to_string(),
                    format!("from {from}, {changed} steps changed, {seconds:.0} s"),
                ),
                ClusterResult::Failed { error } => (
                    console::style("FAILED").red().bold().to_string(),
                    error.lines().next().unwrap_or("").to_string(),
                ),
                ClusterResult::Skipped => {
                    ("skipped".to_string(), "an earlier wave failed".to_string())
                }
            };
            vec![c.cluster.clone(), c.wave.to_string(), status, detail]
        });
        f.write_str(&crate::text::table(
            &["CLUSTER", "WAVE", "STATUS", "DETAIL"],
            rows,
        ))
    }
}

/// The waves of a fleet upgrade: the business clusters in inventory order, `wave_size` at a
/// time, then the global cluster alone, last — a release that breaks something breaks it on a
/// business cluster first, while the cluster that manages the fleet still runs the version
/// that worked.
pub fn fleet_waves(ws: &Workspace, wave_size: usize) -> Vec<Vec<String>> {
    let clusters = &ws.loaded.inventory.spec.clusters;
    let business: Vec<String> = clusters
        .iter()
        .filter(|c| c.role != ClusterRole::Global)
        .map(|c| c.name.clone())
        .collect();
    let mut waves: Vec<Vec<String>> = business
        .chunks(wave_size.max(1))
        .map(|w| w.to_vec())
        .collect();
    if let Some(g) = clusters.iter().find(|c| c.role == ClusterRole::Global) {
        waves.push(vec![g.name.clone()]);
    }
    waves
}

/// Upgrades every cluster of the inventory in waves; stops after the first wave with a failed
/// cluster. `opts.cluster` is ignored.
pub fn upgrade_all(
    ws: &Workspace,
    opts: &UpgradeOptions,
    wave_size: usize,
    observer: &dyn InstallObserver,
) -> anyhow::Result<FleetUpgrade> {
    let to = opts
        .to
        .clone()
        .context("a fleet upgrade needs --to: the clusters of an inventory may differ")?;
    let release = Release::parse(&to)
        .with_context(|| format!("--to {to:?}: expected a Kubernetes release such as 1.36.4"))?;
    let journal = Arc::new(open_journal(ws, opts.resume)?);
    let mut out = FleetUpgrade {
        to: release.to_string(),
        clusters: Vec::new(),
    };
    let mut stop = false;
    for (i, wave) in fleet_waves(ws, wave_size).into_iter().enumerate() {
        if stop {
            out.clusters
                .extend(wave.into_iter().map(|cluster| ClusterUpgrade {
                    cluster,
                    wave: i + 1,
                    result: ClusterResult::Skipped,
                }));
            continue;
        }
        let results: Vec<(String, anyhow::Result<Upgraded>)> = std::thread::scope(|s| {
            let handles: Vec<_> = wave
                .iter()
                .map(|name| {
                    let o = UpgradeOptions {
                        cluster: name.clone(),
                        ..opts.clone()
                    };
                    let journal = journal.clone();
                    (
                        name.clone(),
                        s.spawn(move || upgrade(ws, &o, Some(journal), observer)),
                    )
                })
                .collect();
            handles
                .into_iter()
                .map(|(n, h)| {
                    (
                        n,
                        h.join()
                            .unwrap_or_else(|_| Err(anyhow::anyhow!("the upgrade panicked"))),
                    )
                })
                .collect()
        });
        for (cluster, r) in results {
            let result = match r {
                Ok(u) if u.success() => ClusterResult::Upgraded {
                    from: u.preconditions.from.clone(),
                    seconds: u.seconds,
                    changed: u.report.hosts.values().map(|h| h.changed).sum(),
                },
                Ok(u) => ClusterResult::Failed {
                    error: u
                        .report
                        .hosts
                        .iter()
                        .find_map(|(h, s)| s.error.as_ref().map(|e| format!("{h}: {e}")))
                        .unwrap_or_else(|| "interrupted".into()),
                },
                Err(e) => ClusterResult::Failed {
                    error: format!("{e:#}"),
                },
            };
            stop |= !matches!(result, ClusterResult::Upgraded { .. });
            out.clusters.push(ClusterUpgrade {
                cluster,
                wave: i + 1,
                result,
            });
        }
    }
    Ok(out)
}
