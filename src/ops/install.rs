//! Install and plan: host selection, bundle verification, host contexts, saved-plan
//! comparison, the run, then the clusters' addons and the business clusters' fleet joins.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::addon::{EnableRow, Sources, Values};
use super::{Connect, Workspace};
use crate::bundle::Bundle;
use crate::bundle::distribute::{Copies, Distributor, Peer};
use crate::facts;
use crate::inventory::{ClusterRole, Host};
use crate::kube::ApplyEvent;
use crate::plan::journal::Journal;
use crate::plan::{self, Check, EventSink, HostCtx, HostSummary, Phase, PlannedStep};
use crate::ssh::Session;
use crate::steps::{all_phases, needs_bundle};

/// What `tcs install` (and `tcs node add`) asks for.
#[derive(Debug, Clone, Default)]
pub struct InstallOptions {
    /// Stop after this phase.
    pub until: Option<String>,
    /// Continue the last, interrupted run (its finished steps are not checked again).
    pub resume: bool,
    /// Only this cluster.
    pub only_cluster: Option<String>,
    /// Install only this host into its running cluster (`tcs node add`).
    pub node: Option<String>,
    /// Send every bundle file from this machine instead of letting hosts copy from each other.
    pub no_relay: bool,
    /// Run only if the hosts are exactly as this saved plan found them.
    pub plan_file: Option<PathBuf>,
    /// Do not enable the inventory's addons after the network phase.
    pub skip_addons: bool,
    /// Do not join the business clusters to the global cluster's fleet.
    pub skip_join: bool,
    /// Report where the run's time went, per cluster and phase, from the journal.
    pub timings: bool,
    /// How to connect.
    pub connect: Connect,
}

/// Runs `run` until it ends; Ctrl-C meanwhile tells `observer` and sets `cancel`, which the
/// engine checks between steps (so the steps in flight finish and the rest are journaled as
/// skipped).
pub(super) async fn until_done_or_interrupted<T>(
    observer: &dyn InstallObserver,
    cancel: &AtomicBool,
    run: impl std::future::Future<Output = T>,
) -> T {
    let interrupted = async {
        if tokio::signal::ctrl_c().await.is_ok() {
            observer.interrupting();
            cancel.store(true, Ordering::SeqCst);
        }
        std::future::pending::<()>().await
    };
    tokio::select! {
        r = run => r,
        _ = interrupted => unreachable!("the interrupt watcher never finishes"),
    }
}

/// What an install reports while it runs. Every method but `events` has a default that
/// ignores the news.
pub trait InstallObserver: Sync {
    /// Where the engine's step events go (one per phase, step and host).
    fn events(&self) -> EventSink;
    /// Ctrl-C was pressed: the steps in flight finish, then the run stops.
    fn interrupting(&self) {}
    /// The hosts are done: the summary.
    fn summary(&self, _report: &InstallReport) {}
    /// An addon's apply event, `prefix` being `cluster/addon`.
    fn addon_event(&self, _prefix: &str, _event: &ApplyEvent) {}
    /// The clusters' addons are enabled (or the first failure stopped a cluster's list).
    fn addons(&self, _rows: &[EnableRow]) {}
    /// A business cluster joined the fleet, or failed to.
    fn joined(&self, _join: &FleetJoin) {}
}

/// Everything an install did.
#[derive(Debug)]
pub struct InstallOutcome {
    /// The hosts' summary.
    pub report: InstallReport,
    /// The addons enabled afterwards.
    pub addons: Vec<EnableRow>,
    /// The fleet joins afterwards.
    pub joins: Vec<FleetJoin>,
    /// Where the run's time went (with `InstallOptions::timings`).
    pub timings: Option<crate::plan::timings::Timings>,
}

impl InstallOutcome {
    /// Whether everything succeeded.
    pub fn success(&self) -> bool {
        self.report.failed == 0
            && !self.report.interrupted
            && self.addons.iter().all(|r| r.error.is_none())
            && self.joins.iter().all(|j| j.error.is_none())
    }
}

/// A business cluster joining the global cluster's fleet after its install.
#[derive(Debug, Clone, Serialize)]
pub struct FleetJoin {
    /// The business cluster.
    pub cluster: String,
    /// The global cluster.
    pub global: String,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl std::fmt::Display for FleetJoin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.error {
            None => writeln!(f, "{}: joined the fleet of {}", self.cluster, self.global),
            Some(e) => writeln!(
                f,
                "{}: FAILED to join the fleet of {}: {e}",
                self.cluster, self.global
            ),
        }
    }
}

/// The end-of-run summary.
#[derive(Debug, Serialize)]
pub struct InstallReport {
    /// Per host.
    pub hosts: BTreeMap<String, HostSummary>,
    /// Hosts that failed.
    pub failed: usize,
    /// Ctrl-C stopped the run.
    pub interrupted: bool,
    /// Bundle file copies: from this machine, between hosts, already in place.
    pub copies: Copies,
}

impl InstallReport {
    pub(super) fn new(
        mut hosts: BTreeMap<String, HostSummary>,
        unreachable: BTreeMap<String, String>,
        interrupted: bool,
        copies: Copies,
    ) -> Self {
        for (host, error) in unreachable {
            hosts.insert(
                host,
                HostSummary {
                    failed: 1,
                    error: Some(error),
                    ..HostSummary::default()
                },
            );
        }
        let failed = hosts.values().filter(|s| s.failed > 0).count();
        InstallReport {
            hosts,
            failed,
            interrupted,
            copies,
        }
    }
}

/// The end-of-run summary for people.
impl std::fmt::Display for InstallReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let report = self;
        let header = [
            "HOST",
            "CLUSTER",
            "UNCHANGED",
            "CHANGED",
            "FAILED",
            "SKIPPED",
            "TIME",
        ];
        let rows = report.hosts.iter().map(|(host, s)| {
            vec![
                host.clone(),
                s.cluster.clone(),
                s.unchanged.to_string(),
                s.changed.to_string(),
                s.failed.to_string(),
                s.skipped.to_string(),
                format!("{:.1}s", s.duration_ms as f64 / 1000.0),
            ]
        });
        let mut text = format!("\n{}", crate::text::table(&header, rows));
        for (host, s) in &report.hosts {
            if let Some(e) = &s.error {
                let failed = console::style("FAILED").red().bold();
                text.push_str(&format!("{failed} {host}: {e}\n"));
            }
        }
        let c = report.copies;
        if c.direct + c.peer > 0 {
            text.push_str(&format!(
                "bundle files: {} sent from here, {} copied between hosts, {} already in place\n",
                c.direct, c.peer, c.unchanged
            ));
        }
        let changed: usize = report.hosts.values().map(|s| s.changed).sum();
        let resumed: usize = report.hosts.values().map(|s| s.resumed).sum();
        if resumed > 0 {
            text.push_str(&format!(
                "resumed: {} finished before the interruption, not checked again\n",
                crate::text::count(resumed, "step")
            ));
        }
        if report.interrupted {
            text.push_str("interrupted; run again with --resume to continue\n");
        } else if report.failed == 0 && changed == 0 {
            text.push_str("nothing to change: every step was already done\n");
        }
        f.write_str(&text)
    }
}

/// A plan saved for a later install: the install refuses to run if anything differs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanFile {
    /// sha256 of the inventory file the plan was made from.
    pub inventory_sha256: String,
    /// Phases planned.
    pub phases: Vec<String>,
    /// Per host, every step's check.
    pub hosts: Vec<HostPlan>,
}

impl PlanFile {
    /// Writes the plan as JSON.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Whether a check failed or a host could not be planned.
    pub fn has_errors(&self) -> bool {
        self.hosts
            .iter()
            .any(|p| p.error.is_some() || p.steps.iter().any(|s| s.check.is_err()))
    }
}

/// The plan for people: per host, what each step would do.
impl std::fmt::Display for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plan = self;
        let mut text = String::new();
        for p in &plan.hosts {
            text.push_str(&format!("{}\n", console::style(&p.host).bold()));
            if let Some(e) = &p.error {
                text.push_str(&format!("  {} {e}\n", console::style("unreachable:").red()));
            }
            for s in &p.steps {
                let (phase, step) = (&s.phase, &s.step);
                text.push_str(&match &s.check {
                    Ok(Check::Done) => format!("  ok           {phase}/{step}\n"),
                    Ok(Check::Needed(why)) => {
                        let will = console::style("will change ").yellow();
                        format!("  {will} {phase}/{step}: {why}\n")
                    }
                    Err(e) => {
                        let cannot = console::style("cannot check").red();
                        format!("  {cannot} {phase}/{step}: {e}\n")
                    }
                });
            }
        }
        let changes = plan
            .hosts
            .iter()
            .flat_map(|p| &p.steps)
            .filter(|s| matches!(s.check, Ok(Check::Needed(_))))
            .count();
        text.push_str(&format!(
            "{}, {} would change\n",
            crate::text::count(plan.hosts.len(), "host"),
            crate::text::count(changes, "step")
        ));
        f.write_str(&text)
    }
}

/// One host's plan, as data.
#[derive(Debug, Serialize, Deserialize)]
pub struct HostPlan {
    /// Host.
    pub host: String,
    /// Steps with their check results.
    pub steps: Vec<PlannedStep>,
    /// Why the host could not be planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What `tcs plan` asks for.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// Only this cluster.
    pub only_cluster: Option<String>,
    /// Plan up to this phase.
    pub until: Option<String>,
    /// How to connect.
    pub connect: Connect,
}

/// The phases up to and including `until` (all without it).
pub fn phases_until(until: Option<&str>) -> anyhow::Result<Vec<Phase>> {
    let mut phases = all_phases();
    if let Some(u) = until {
        let Some(i) = phases.iter().position(|p| p.id == u) else {
            let ids: Vec<&str> = phases.iter().map(|p| p.id).collect();
            bail!("no phase '{u}' (phases: {})", ids.join(", "));
        };
        phases.truncate(i + 1);
    }
    Ok(phases)
}

/// The phases up to `until` and their steps, for people.
pub fn render_phases(until: Option<&str>) -> anyhow::Result<String> {
    let mut text = String::new();
    for p in &phases_until(until)? {
        text.push_str(&format!("{}  {}\n", p.id, p.title));
        for s in &p.steps {
            text.push_str(&format!("    {:<16} {}\n", s.id(), s.describe()));
        }
    }
    Ok(text)
}

/// Connects, gathers facts and runs every step's read-only check: nothing on the hosts changes.
pub fn plan(ws: &Workspace, opts: &PlanOptions) -> anyhow::Result<PlanFile> {
    let selection = Selection::of(cluster_hosts(ws, opts.only_cluster.as_deref())?);
    let phases = phases_until(opts.until.as_deref())?;
    let bundle = verified_bundle(ws, &phases)?;
    let hosts = super::runtime()?.block_on(async {
        let (ctxs, unreachable) = contexts(
            ws,
            &selection,
            &opts.connect,
            bundle,
            Distributor::new(false, 1, 1),
        )
        .await?;
        anyhow::Ok(plan_hosts(&phases, &ctxs, unreachable).await)
    })?;
    Ok(PlanFile {
        inventory_sha256: crate::ssh::sha256_file(ws.path())?,
        phases: phases.iter().map(|p| p.id.to_string()).collect(),
        hosts,
    })
}

/// Installs the inventory's clusters (or one host with `node`): every phase on every selected
/// host, the global cluster first; then, when the last phase ran, each cluster's addons and
/// the business clusters' fleet joins.
pub fn install(
    ws: &Workspace,
    opts: &InstallOptions,
    observer: &dyn InstallObserver,
) -> anyhow::Result<InstallOutcome> {
    let phases = phases_until(opts.until.as_deref())?;
    let state = &ws.state;
    let journal_path = ws.state_dir().journal();
    if opts.resume && Journal::read_all(&journal_path).is_empty() {
        bail!(
            "nothing to resume: {} is empty; run without --resume",
            journal_path.display()
        );
    }
    let journal = Arc::new(
        if opts.resume {
            Journal::resume(state)
        } else {
            Journal::open(state)
        }
        .with_context(|| format!("cannot open the journal in {}", state.display()))?,
    );
    let selection = match &opts.node {
        None => Selection::of(cluster_hosts(ws, opts.only_cluster.as_deref())?),
        Some(name) => node_selection(ws, name)?,
    };
    let bundle = verified_bundle(ws, &phases)?;
    // Cluster-wide certificates are issued here, once, before hosts run in parallel.
    for c in &ws.loaded.inventory.spec.clusters {
        if opts.only_cluster.as_deref().is_some_and(|o| o != c.name) {
            continue;
        }
        let context = || format!("cannot prepare the PKI of cluster {}", c.name);
        if phases.iter().any(|p| p.id == "etcd") {
            crate::steps::etcd::prepare_pki(state, c).with_context(context)?;
        }
        if phases.iter().any(|p| p.id == "control-plane") {
            crate::steps::kubernetes::prepare_pki(state, c).with_context(context)?;
        }
    }
    let saved_plan = match &opts.plan_file {
        None => None,
        Some(p) => Some(read_plan(ws, p, &phases)?),
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let events = observer.events();
    let (summary, unreachable, copies) = super::runtime()?.block_on(async {
        let run = async {
            // At most two uploads from this machine at once; every host holding a file serves
            // two peers.
            let distributor = if opts.no_relay {
                Distributor::new(false, usize::MAX, 1)
            } else {
                Distributor::new(true, 2, 2)
            };
            let (ctxs, unreachable) = contexts(
                ws,
                &selection,
                &opts.connect,
                bundle,
                distributor.clone(),
            )
            .await?;
            // A release other than the one running nodes run is refused before any phase runs
            // (the node phase's own check would come after the runtime and etcd phases).
            if phases.iter().any(|p| p.id == "node") {
                let refusals = version_refusals(&ctxs).await;
                if !refusals.is_empty() {
                    distributor.shutdown().await;
                    bail!(
                        "nothing was changed:\n  {}",
                        refusals.join("\n  ")
                    );
                }
            }
            if let Some(saved) = &saved_plan {
                let now = plan_hosts(&phases, &ctxs, unreachable.clone()).await;
                let diff = plan_differences(&saved.hosts, &now);
                if !diff.is_empty() {
                    bail!(
                        "the hosts changed since the plan was made; nothing was done:\n  {}\nrun `tcs plan --out` again and review it",
                        diff.join("\n  ")
                    );
                }
            }
            // The global cluster first (business clusters are managed from it); then every
            // business cluster at once.
            let (global_ctxs, business): (Vec<_>, Vec<_>) = ctxs
                .into_iter()
                .partition(|c| c.cluster.role == ClusterRole::Global);
            let mut summary = BTreeMap::new();
            for group in [global_ctxs, business] {
                if group.is_empty() || cancel.load(Ordering::SeqCst) {
                    continue;
                }
                summary.extend(
                    plan::run(&phases, group, journal.clone(), events.clone(), cancel.clone())
                        .await,
                );
            }
            distributor.shutdown().await;
            anyhow::Ok((summary, unreachable, distributor.copies()))
        };
        until_done_or_interrupted(observer, &cancel, run).await
    })?;
    let report = InstallReport::new(summary, unreachable, cancel.load(Ordering::SeqCst), copies);
    observer.summary(&report);
    tracing::info!(journal = %journal.path().display(), "run finished");
    let timings = opts.timings.then(|| {
        crate::plan::timings::timings(&Journal::read_all(journal.path()), journal.run_id())
    });
    let mut outcome = InstallOutcome {
        report,
        addons: Vec::new(),
        joins: Vec::new(),
        timings,
    };
    let complete = phases.last().map(|p| p.id) == all_phases().last().map(|p| p.id);
    if outcome.report.failed > 0 || outcome.report.interrupted || !complete || opts.node.is_some() {
        return Ok(outcome);
    }
    // Once a cluster is up (its last phase ran), its addons are enabled, global cluster first.
    if !opts.skip_addons {
        outcome.addons = enable_inventory_addons(ws, opts.only_cluster.as_deref(), observer)?;
        observer.addons(&outcome.addons);
    }
    if !opts.skip_join {
        outcome.joins =
            join_business_clusters(ws, opts.only_cluster.as_deref(), &|j| observer.joined(j))?;
    }
    Ok(outcome)
}

/// Enables the addons each selected cluster's inventory entry enables, global cluster first.
fn enable_inventory_addons(
    ws: &Workspace,
    only: Option<&str>,
    observer: &dyn InstallObserver,
) -> anyhow::Result<Vec<EnableRow>> {
    let mut clusters: Vec<&crate::inventory::Cluster> = ws
        .loaded
        .inventory
        .spec
        .clusters
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.name))
        .collect();
    clusters.sort_by_key(|c| c.role != ClusterRole::Global);
    let mut rows = Vec::new();
    for c in clusters {
        let names: Vec<String> = c
            .addons
            .iter()
            .filter(|(_, a)| a.enabled)
            .map(|(n, _)| n.clone())
            .collect();
        if names.is_empty() {
            continue;
        }
        rows.extend(super::addon::enable(
            ws,
            c,
            &names,
            &super::addon::EnableOptions {
                values: Values::default(),
                sources: Sources::default(),
                kubeconfig: None,
                timeout: Duration::from_secs(600),
            },
            &|prefix, e| observer.addon_event(prefix, e),
        )?);
    }
    Ok(rows)
}

/// Joins the installed business clusters to the fleet of the global cluster (with their
/// federation labels, provider, region and zones).
pub fn join_business_clusters(
    ws: &Workspace,
    only: Option<&str>,
    on_join: &dyn Fn(&FleetJoin),
) -> anyhow::Result<Vec<FleetJoin>> {
    let Some(g) = ws.global_cluster() else {
        return Ok(Vec::new());
    };
    let global_kubeconfig = ws.kubeconfig_path(&g.name);
    if !global_kubeconfig.exists() {
        return Ok(Vec::new());
    }
    // Into the fleet's backend: tcs's registry, or Karmada (which must be enabled).
    let target = super::fleet::fleet_target(Some(ws), None, None, None);
    let mut joins = Vec::new();
    for c in ws
        .loaded
        .inventory
        .spec
        .clusters
        .iter()
        .filter(|c| c.role == ClusterRole::Business)
    {
        if only.is_some_and(|o| o != c.name) {
            continue;
        }
        let member = ws.kubeconfig_path(&c.name);
        if !member.exists() {
            continue;
        }
        let fed = c.federation.clone().unwrap_or_default();
        let req = crate::federation::JoinRequest {
            name: c.name.clone(),
            endpoint: String::new(),
            labels: fed.labels,
            provider: fed.provider,
            region: fed.region,
            zones: fed.zones,
        };
        let log = |e: &crate::kube::ApplyEvent| tracing::info!("{e}");
        let result = match &target {
            Ok(super::fleet::FleetTarget::Tcs(gk)) => {
                super::fleet::join(gk, req, &member, None, &log).map(|_| ())
            }
            Ok(super::fleet::FleetTarget::Karmada(kk)) => super::fleet::default_agent_image()
                .and_then(|image| {
                    let mode = fed.mode.unwrap_or_default();
                    super::fleet::join_karmada(kk, req, &member, None, mode, &image, &log)
                })
                .map(|_| ()),
            Err(e) => Err(anyhow::anyhow!("{e:#}")),
        };
        let join = FleetJoin {
            cluster: c.name.clone(),
            global: g.name.clone(),
            error: result.err().map(|e| format!("{e:#}")),
        };
        on_join(&join);
        joins.push(join);
    }
    Ok(joins)
}

/// Reads a saved plan and checks that it was made for this inventory and these phases.
fn read_plan(ws: &Workspace, path: &Path, phases: &[Phase]) -> anyhow::Result<PlanFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let saved: PlanFile = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a tcs plan file", path.display()))?;
    if saved.inventory_sha256 != crate::ssh::sha256_file(ws.path())? {
        bail!(
            "{} was made from a different version of {}; plan again",
            path.display(),
            ws.path().display()
        );
    }
    let ids: Vec<String> = phases.iter().map(|p| p.id.to_string()).collect();
    if saved.phases != ids {
        bail!(
            "{} plans phases {:?}, this run would run {:?}; use the same --until",
            path.display(),
            saved.phases,
            ids
        );
    }
    Ok(saved)
}

/// Opens and verifies the inventory's bundle when `phases` need it, before any host is touched.
fn verified_bundle(ws: &Workspace, phases: &[Phase]) -> anyhow::Result<Option<Arc<Bundle>>> {
    let Some(path) = &ws.loaded.inventory.spec.bundle else {
        if needs_bundle(phases) {
            bail!(
                "the runtime phase installs from an offline bundle: set spec.bundle in {} (or stop earlier with --until prepare)",
                ws.path().display()
            );
        }
        return Ok(None);
    };
    let path = crate::inventory::validate::resolve_path(path, ws.base_dir());
    if !needs_bundle(phases) && !path.exists() {
        return Ok(None);
    }
    let bundle = Bundle::open_verified(&path, &ws.state_dir().cache())?;
    Ok(Some(Arc::new(bundle)))
}

/// What the node phase's `kubernetes-version` check refuses, on every host at once.
async fn version_refusals(ctxs: &[Arc<HostCtx>]) -> Vec<String> {
    use crate::plan::Step;
    let step = crate::steps::kubernetes::KubernetesVersion;
    futures::future::join_all(ctxs.iter().filter(|c| step.applies(c)).map(|c| {
        let step = &step;
        async move { step.check(c).await.err().map(|e| e.to_string()) }
    }))
    .await
    .into_iter()
    .flatten()
    .collect::<BTreeSet<String>>()
    .into_iter()
    .collect()
}

/// Every host's plan, in inventory order.
async fn plan_hosts(
    phases: &[Phase],
    ctxs: &[Arc<HostCtx>],
    unreachable: BTreeMap<String, String>,
) -> Vec<HostPlan> {
    let mut plans: Vec<HostPlan> = futures::future::join_all(ctxs.iter().map(|ctx| async move {
        HostPlan {
            host: ctx.host.name.clone(),
            steps: plan::plan_host(phases, ctx).await,
            error: None,
        }
    }))
    .await;
    plans.extend(unreachable.into_iter().map(|(host, e)| HostPlan {
        host,
        steps: Vec::new(),
        error: Some(e),
    }));
    plans
}

/// Differences between a saved plan and the hosts now, one line each.
fn plan_differences(saved: &[HostPlan], now: &[HostPlan]) -> Vec<String> {
    let mut out = Vec::new();
    for n in now {
        let Some(s) = saved.iter().find(|s| s.host == n.host) else {
            out.push(format!("{}: not in the plan", n.host));
            continue;
        };
        if s.error != n.error {
            out.push(format!("{}: reachability changed", n.host));
        }
        for step in &n.steps {
            match s
                .steps
                .iter()
                .find(|x| x.phase == step.phase && x.step == step.step)
            {
                Some(old) if old.check == step.check => {}
                Some(old) => out.push(format!(
                    "{} {}/{}: planned {}, now {}",
                    n.host,
                    step.phase,
                    step.step,
                    describe_check(&old.check),
                    describe_check(&step.check)
                )),
                None => out.push(format!(
                    "{} {}/{}: not in the plan",
                    n.host, step.phase, step.step
                )),
            }
        }
    }
    for s in saved {
        if !now.iter().any(|n| n.host == s.host) {
            out.push(format!("{}: planned but not selected now", s.host));
        }
    }
    out
}

fn describe_check(c: &Result<Check, String>) -> String {
    match c {
        Ok(Check::Done) => "done".into(),
        Ok(Check::Needed(why)) => format!("change ({why})"),
        Err(e) => format!("error ({e})"),
    }
}

/// The hosts of the selected clusters, global cluster first.
fn cluster_hosts<'a>(ws: &'a Workspace, only: Option<&str>) -> anyhow::Result<Vec<&'a Host>> {
    let inv = &ws.loaded.inventory;
    if let Some(c) = only
        && !inv.spec.clusters.iter().any(|cl| cl.name == c)
    {
        bail!("no cluster '{c}' in {}", ws.path().display());
    }
    let mut clusters: Vec<_> = inv
        .spec
        .clusters
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.name))
        .collect();
    clusters.sort_by_key(|c| c.role != ClusterRole::Global);
    Ok(clusters
        .iter()
        .flat_map(|c| c.all_hosts())
        .filter_map(|name| inv.host(name))
        .collect())
}

/// The hosts a run installs, the hosts that only lend their sessions, and the hosts joining
/// a running etcd cluster.
pub(super) struct Selection<'a> {
    hosts: Vec<&'a Host>,
    helpers: Vec<&'a Host>,
    joining: BTreeSet<String>,
}

impl<'a> Selection<'a> {
    pub(super) fn of(hosts: Vec<&'a Host>) -> Selection<'a> {
        Selection {
            hosts,
            helpers: Vec::new(),
            joining: Default::default(),
        }
    }
}

/// `tcs node add`: the host to install, the hosts that help (first control plane, etcd
/// members), and whether it joins an existing etcd cluster (then recorded in the state
/// directory so its unit keeps saying so).
fn node_selection<'a>(ws: &'a Workspace, name: &str) -> anyhow::Result<Selection<'a>> {
    let inv = &ws.loaded.inventory;
    let host = inv
        .host(name)
        .with_context(|| format!("no host '{name}' in {}", ws.path().display()))?;
    let cluster = inv.cluster_of(name).with_context(|| {
        format!(
            "{name} is in no cluster of {}: add it to a cluster's controlPlane, workers or etcd hosts first",
            ws.path().display()
        )
    })?;
    if crate::steps::kubernetes::first_control_plane(cluster) == Some(name) {
        bail!(
            "{name} is the first control plane of {}: it is installed with `tcs install`, not added",
            cluster.name
        );
    }
    let mut helpers: Vec<&Host> = Vec::new();
    let mut names: Vec<&str> = cluster
        .control_plane
        .hosts
        .iter()
        .map(String::as_str)
        .collect();
    names.extend(cluster.etcd_hosts().iter().map(String::as_str));
    for n in names {
        if n != name
            && let Some(h) = inv.host(n)
            && !helpers.iter().any(|x| x.name == h.name)
        {
            helpers.push(h);
        }
    }
    let mut joining = BTreeSet::new();
    if cluster.etcd_hosts().iter().any(|m| m == name) && cluster.etcd_hosts().len() > 1 {
        crate::steps::etcd::mark_joining(&ws.state, &cluster.name, name)
            .with_context(|| format!("cannot record {name} as joining etcd"))?;
        joining.insert(name.to_string());
    }
    Ok(Selection {
        hosts: vec![host],
        helpers,
        joining,
    })
}

/// Connects and gathers facts; hosts that fail either come back as errors.
pub(super) async fn contexts(
    ws: &Workspace,
    sel: &Selection<'_>,
    connect: &Connect,
    bundle: Option<Arc<Bundle>>,
    distributor: Arc<Distributor>,
) -> anyhow::Result<(Vec<Arc<HostCtx>>, BTreeMap<String, String>)> {
    let hosts = &sel.hosts;
    let mut all: Vec<&Host> = hosts.to_vec();
    for h in &sel.helpers {
        if !all.iter().any(|x| x.name == h.name) {
            all.push(h);
        }
    }
    let fleet = ws.connect(&all, connect).await?;
    let gathered = fleet
        .run(|s: Arc<Session>| async move { facts::gather(&s).await.map(|f| (s, f)) })
        .await;
    let inventory = Arc::new(ws.loaded.inventory.clone());
    let mut reached = Vec::new();
    let mut failed = BTreeMap::new();
    for r in gathered {
        match r.result {
            Ok((session, facts)) => reached.push((r.host, session, facts)),
            Err(e) => {
                failed.insert(r.host, e.to_string());
            }
        }
    }
    let mut shared = crate::plan::RunShared::new(
        reached
            .iter()
            .map(|(h, s, _)| (h.clone(), s.clone()))
            .collect(),
    );
    shared.joining = sel.joining.clone();
    shared.selected = hosts.iter().map(|h| h.name.clone()).collect();
    shared.facts = reached
        .iter()
        .map(|(h, _, f)| (h.clone(), f.clone()))
        .collect();
    let shared = Arc::new(shared);
    // Helpers lend their sessions; only the selected hosts run steps.
    let reached: Vec<_> = reached
        .into_iter()
        .filter(|(name, _, _)| hosts.iter().any(|h| &h.name == name))
        .collect();
    failed.retain(|name, _| hosts.iter().any(|h| &h.name == name));
    let mut ctxs = Vec::new();
    for (name, session, facts) in reached {
        if let Some(h) = inventory.host(&name) {
            distributor
                .add_peer(Peer {
                    host: h.name.clone(),
                    address: h.cluster_address().to_string(),
                    session: session.clone(),
                })
                .await;
        }
        let host = inventory
            .host(&name)
            .cloned()
            .context("host vanished from the inventory")?;
        let cluster = inventory
            .cluster_of(&name)
            .cloned()
            .context("host without cluster")?;
        ctxs.push(Arc::new(HostCtx {
            session,
            host,
            cluster,
            inventory: inventory.clone(),
            facts,
            bundle: bundle.clone(),
            distributor: distributor.clone(),
            state_dir: ws.state.clone(),
            shared: shared.clone(),
        }));
    }
    Ok((ctxs, failed))
}
