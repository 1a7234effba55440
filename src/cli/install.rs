//! `tcs install` and `tcs plan`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, bail};
use clap::Args;
use serde::Serialize;

use super::GlobalOpts;
use super::hosts::{self, ConnectArgs};
use super::output::{print_data, write_stdout};
use super::progress::Progress;
use crate::bundle::Bundle;
use crate::bundle::distribute::{Distributor, Peer};
use crate::facts;
use crate::inventory::{Host, LoadedInventory};
use crate::plan::journal::Journal;
use crate::plan::{self, Check, HostCtx, HostSummary, Phase, PlannedStep};
use crate::ssh::Session;
use crate::steps::{all_phases, needs_bundle};

/// Opens and verifies the inventory's bundle when `phases` need it, before any host is touched.
fn verified_bundle(
    loaded: &LoadedInventory,
    state: &std::path::Path,
    phases: &[Phase],
) -> anyhow::Result<Option<Arc<Bundle>>> {
    let Some(path) = &loaded.inventory.spec.bundle else {
        if needs_bundle(phases) {
            bail!(
                "the runtime phase installs from an offline bundle: set spec.bundle in {} (or stop earlier with --until prepare)",
                loaded.path.display()
            );
        }
        return Ok(None);
    };
    let base = loaded
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let path = crate::inventory::validate::resolve_path(path, base);
    if !needs_bundle(phases) && !path.exists() {
        return Ok(None);
    }
    let bundle = Bundle::open_verified(&path, &crate::state::StateDir::at(state).cache())?;
    Ok(Some(Arc::new(bundle)))
}

/// Arguments of `tcs install`.
#[derive(Debug, Args)]
#[command(
    after_help = "Every step checks the host first and changes only what differs; each \
step's outcome is recorded in <state dir>/journal.jsonl. A re-run of a finished install changes \
nothing. Ctrl-C stops between steps and records where it stopped.\n\nExamples:\n  \
tcs install -f inventory.yaml\n  tcs install -f inventory.yaml --until prepare\n  \
tcs install -f inventory.yaml --resume\n  tcs install --list-phases"
)]
pub struct InstallArgs {
    /// Inventory file.
    #[arg(
        short = 'f',
        long = "file",
        env = "TCS_INVENTORY",
        value_name = "FILE",
        required_unless_present = "list_phases"
    )]
    pub file: Option<PathBuf>,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Continue the last, interrupted run: the steps it finished with the same inputs are not
    /// checked again (faster on big fleets); everything else runs as usual. Without it every
    /// step is checked on every host, so any run also converges what an interrupted one left.
    #[arg(long)]
    pub resume: bool,
    /// Stop after this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
    /// Only this cluster.
    #[arg(long, value_name = "NAME")]
    pub only_cluster: Option<String>,
    /// Print the phases and their steps, then exit.
    #[arg(long)]
    pub list_phases: bool,
    /// Send every bundle file from this machine instead of letting hosts copy from each other.
    #[arg(long)]
    pub no_relay: bool,
    /// Run only if the hosts are exactly as this saved plan (`tcs plan --out`) found them.
    #[arg(long, value_name = "FILE")]
    pub plan_file: Option<PathBuf>,
    /// Do not enable the inventory's addons after the network phase.
    #[arg(long)]
    pub skip_addons: bool,
    /// Do not join the business clusters to the global cluster's fleet.
    #[arg(long)]
    pub skip_join: bool,
    /// Set by `tcs node add`: install only this host (its cluster's other hosts help: the
    /// first control plane makes the join token, an etcd member adds it to etcd).
    #[arg(skip)]
    pub node: Option<String>,
}

/// Arguments of `tcs plan`.
#[derive(Debug, Args)]
#[command(
    after_help = "Connects, gathers facts and runs every step's read-only check: nothing \
on the hosts changes.\n\nExamples:\n  tcs plan -f inventory.yaml\n  tcs plan -f inventory.yaml --only-cluster biz-sh -o json"
)]
pub struct PlanArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: PathBuf,
    /// How to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Only this cluster.
    #[arg(long, value_name = "NAME")]
    pub only_cluster: Option<String>,
    /// Plan up to this phase.
    #[arg(long, value_name = "PHASE")]
    pub until: Option<String>,
    /// Also write the plan to FILE, for `tcs install --plan-file FILE`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// A plan saved for a later install: the install refuses to run if anything differs.
#[derive(Debug, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanFile {
    /// sha256 of the inventory file the plan was made from.
    pub inventory_sha256: String,
    /// Phases planned.
    pub phases: Vec<String>,
    /// Per host, every step's check.
    pub hosts: Vec<HostPlan>,
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

fn phases_until(until: Option<&str>) -> anyhow::Result<Vec<Phase>> {
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

/// The hosts of the selected clusters, global cluster first.
fn cluster_hosts<'a>(
    loaded: &'a LoadedInventory,
    only: Option<&str>,
) -> anyhow::Result<Vec<&'a Host>> {
    let inv = &loaded.inventory;
    if let Some(c) = only
        && !inv.spec.clusters.iter().any(|cl| cl.name == c)
    {
        bail!("no cluster '{c}' in {}", loaded.path.display());
    }
    let mut clusters: Vec<_> = inv
        .spec
        .clusters
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.name))
        .collect();
    clusters.sort_by_key(|c| c.role != crate::inventory::ClusterRole::Global);
    Ok(clusters
        .iter()
        .flat_map(|c| c.all_hosts())
        .filter_map(|name| inv.host(name))
        .collect())
}

/// The hosts a run installs, the hosts that only lend their sessions, and the hosts joining
/// a running etcd cluster.
struct Selection<'a> {
    hosts: Vec<&'a Host>,
    helpers: Vec<&'a Host>,
    joining: std::collections::BTreeSet<String>,
}

impl<'a> Selection<'a> {
    fn of(hosts: Vec<&'a Host>) -> Selection<'a> {
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
fn node_selection<'a>(
    loaded: &'a LoadedInventory,
    state: &std::path::Path,
    name: &str,
) -> anyhow::Result<Selection<'a>> {
    let inv = &loaded.inventory;
    let host = inv
        .host(name)
        .with_context(|| format!("no host '{name}' in {}", loaded.path.display()))?;
    let cluster = inv.cluster_of(name).with_context(|| {
        format!(
            "{name} is in no cluster of {}: add it to a cluster's controlPlane, workers or etcd hosts first",
            loaded.path.display()
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
    let mut joining = std::collections::BTreeSet::new();
    if cluster.etcd_hosts().iter().any(|m| m == name) && cluster.etcd_hosts().len() > 1 {
        crate::steps::etcd::mark_joining(state, &cluster.name, name)
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
async fn contexts(
    loaded: &LoadedInventory,
    sel: &Selection<'_>,
    connect: &ConnectArgs,
    bundle: Option<Arc<Bundle>>,
    distributor: Arc<Distributor>,
    state_dir: &std::path::Path,
) -> anyhow::Result<(Vec<Arc<HostCtx>>, BTreeMap<String, String>)> {
    let hosts = &sel.hosts;
    let mut all: Vec<&Host> = hosts.to_vec();
    for h in &sel.helpers {
        if !all.iter().any(|x| x.name == h.name) {
            all.push(h);
        }
    }
    let fleet = hosts::connect(loaded, &all, connect).await?;
    let gathered = fleet
        .run(|s: Arc<Session>| async move { facts::gather(&s).await.map(|f| (s, f)) })
        .await;
    let inventory = Arc::new(loaded.inventory.clone());
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
            state_dir: state_dir.to_path_buf(),
            shared: shared.clone(),
        }));
    }
    Ok((ctxs, failed))
}

/// Runs `tcs install`.
pub fn run(args: InstallArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let phases = phases_until(args.until.as_deref())?;
    if args.list_phases {
        let mut text = String::new();
        for p in &phases {
            text.push_str(&format!("{}  {}\n", p.id, p.title));
            for s in &p.steps {
                text.push_str(&format!("    {:<16} {}\n", s.id(), s.describe()));
            }
        }
        write_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let file = args.file.clone().context("-f is required")?;
    let loaded = hosts::start(global, &file, "install")?;
    let state = hosts::state_dir(global, &loaded);
    if args.resume && Journal::read_all(&crate::state::StateDir::at(&state).journal()).is_empty() {
        bail!(
            "nothing to resume: {} is empty; run without --resume",
            crate::state::StateDir::at(&state).journal().display()
        );
    }
    let journal = Arc::new(
        if args.resume {
            Journal::resume(&state)
        } else {
            Journal::open(&state)
        }
        .with_context(|| format!("cannot open the journal in {}", state.display()))?,
    );
    let selection = match &args.node {
        None => Selection::of(cluster_hosts(&loaded, args.only_cluster.as_deref())?),
        Some(name) => node_selection(&loaded, &state, name)?,
    };
    let bundle = verified_bundle(&loaded, &state, &phases)?;
    // Cluster-wide certificates are issued here, once, before hosts run in parallel.
    for c in &loaded.inventory.spec.clusters {
        if args.only_cluster.as_deref().is_some_and(|o| o != c.name) {
            continue;
        }
        let context = || format!("cannot prepare the PKI of cluster {}", c.name);
        if phases.iter().any(|p| p.id == "etcd") {
            crate::steps::etcd::prepare_pki(&state, c).with_context(context)?;
        }
        if phases.iter().any(|p| p.id == "control-plane") {
            crate::steps::kubernetes::prepare_pki(&state, c).with_context(context)?;
        }
    }
    let saved_plan: Option<PlanFile> = match &args.plan_file {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let saved: PlanFile = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a tcs plan file", p.display()))?;
            if saved.inventory_sha256 != crate::ssh::sha256_file(&loaded.path)? {
                bail!(
                    "{} was made from a different version of {}; plan again",
                    p.display(),
                    loaded.path.display()
                );
            }
            let ids: Vec<String> = phases.iter().map(|p| p.id.to_string()).collect();
            if saved.phases != ids {
                bail!(
                    "{} plans phases {:?}, this run would run {:?}; use the same --until",
                    p.display(),
                    saved.phases,
                    ids
                );
            }
            Some(saved)
        }
    };
    let progress = Progress::new(global.output, global.quiet);
    let cancel = Arc::new(AtomicBool::new(false));
    let (summary, unreachable, copies) = hosts::runtime()?.block_on(async {
        let flag = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("\ninterrupted: finishing the steps in flight, then stopping");
                flag.store(true, Ordering::SeqCst);
            }
        });
        // At most two uploads from this machine at once; every host holding a file serves two peers.
        let distributor = if args.no_relay { Distributor::new(false, usize::MAX, 1) } else { Distributor::new(true, 2, 2) };
        let (ctxs, unreachable) = contexts(&loaded, &selection, &args.connect, bundle, distributor.clone(), &state).await?;
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
        // The global cluster first (business clusters are managed from it); then every business
        // cluster at once.
        let (global_ctxs, business): (Vec<_>, Vec<_>) = ctxs
            .into_iter()
            .partition(|c| c.cluster.role == crate::inventory::ClusterRole::Global);
        let mut summary = BTreeMap::new();
        for group in [global_ctxs, business] {
            if group.is_empty() || cancel.load(Ordering::SeqCst) {
                continue;
            }
            summary.extend(
                plan::run(&phases, group, journal.clone(), progress.sink(), cancel.clone()).await,
            );
        }
        distributor.shutdown().await;
        anyhow::Ok((summary, unreachable, distributor.copies()))
    })?;
    progress.finish();
    let mut report = InstallReport::new(summary, unreachable, cancel.load(Ordering::SeqCst));
    report.copies = copies;
    if global.output == super::OutputFormat::Json {
        write_stdout(
            &(serde_json::to_string(&serde_json::json!({"event": "summary", "summary": &report}))?
                + "\n"),
        )?;
    } else if !print_data(global.output, &report)? {
        write_stdout(&report.render())?;
    }
    tracing::info!(journal = %journal.path().display(), "run finished");
    if report.failed > 0 || report.interrupted {
        return Ok(ExitCode::from(1));
    }
    // Once a cluster is up (its last phase ran), its addons are enabled, global cluster first.
    let complete = phases.last().map(|p| p.id) == all_phases().last().map(|p| p.id);
    if complete && args.node.is_none() {
        let mut clusters: Vec<&crate::inventory::Cluster> = loaded
            .inventory
            .spec
            .clusters
            .iter()
            .filter(|c| args.only_cluster.as_deref().is_none_or(|o| o == c.name))
            .collect();
        clusters.sort_by_key(|c| c.role != crate::inventory::ClusterRole::Global);
        let mut rows = Vec::new();
        for c in clusters {
            let names: Vec<String> = c
                .addons
                .iter()
                .filter(|(_, a)| a.enabled)
                .map(|(n, _)| n.clone())
                .collect();
            if names.is_empty() || args.skip_addons {
                continue;
            }
            let kubeconfig = crate::steps::kubernetes::kubeconfig_path(&state, &c.name);
            let source = super::addon::SourceArgs {
                addons_dir: None,
                bundle: None,
                mirror: None,
            };
            let values = super::addon::ValueArgs {
                values: vec![],
                set: vec![],
            };
            rows.extend(super::addon::enable_addons(
                global,
                &loaded,
                c,
                &names,
                &values,
                &source,
                &kubeconfig,
                std::time::Duration::from_secs(600),
            )?);
        }
        let mut code = ExitCode::SUCCESS;
        if global.output == super::OutputFormat::Json {
            for row in &rows {
                let mut event = serde_json::to_value(row)?;
                event["event"] = "addon-enabled".into();
                write_stdout(&(event.to_string() + "\n"))?;
                if row.error.is_some() {
                    code = ExitCode::FAILURE;
                }
            }
        } else if !rows.is_empty() {
            code = super::addon::print_enable(global, &rows)?;
        }
        if !args.skip_join
            && join_business_clusters(global, &loaded, &state, args.only_cluster.as_deref())? > 0
        {
            code = ExitCode::from(1);
        }
        return Ok(code);
    }
    Ok(ExitCode::SUCCESS)
}

/// Joins the installed business clusters to the fleet of the global cluster (with their
/// federation labels, provider, region and zones). Returns how many could not be joined.
fn join_business_clusters(
    global: &GlobalOpts,
    loaded: &LoadedInventory,
    state: &std::path::Path,
    only: Option<&str>,
) -> anyhow::Result<usize> {
    let inv = &loaded.inventory;
    let Some(g) = inv
        .spec
        .clusters
        .iter()
        .find(|c| c.role == crate::inventory::ClusterRole::Global)
    else {
        return Ok(0);
    };
    let global_kubeconfig = crate::steps::kubernetes::kubeconfig_path(state, &g.name);
    if !global_kubeconfig.exists() {
        return Ok(0);
    }
    let mut failed = 0;
    for c in inv
        .spec
        .clusters
        .iter()
        .filter(|c| c.role == crate::inventory::ClusterRole::Business)
    {
        if only.is_some_and(|o| o != c.name) {
            continue;
        }
        let member = crate::steps::kubernetes::kubeconfig_path(state, &c.name);
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
        let result = super::fleet::join_member(global, &global_kubeconfig, req, &member, None);
        if result.is_err() {
            failed += 1;
        }
        if global.output == super::OutputFormat::Json {
            // One event per line, as the rest of the run's output.
            let mut event =
                serde_json::json!({"event": "fleet-join", "cluster": c.name, "global": g.name});
            if let Err(e) = &result {
                event["error"] = format!("{e:#}").into();
            }
            write_stdout(&(event.to_string() + "\n"))?;
        } else {
            match result {
                Ok(_) => write_stdout(&format!("{}: joined the fleet of {}\n", c.name, g.name))?,
                Err(e) => write_stdout(&format!(
                    "{}: FAILED to join the fleet of {}: {e:#}\n",
                    c.name, g.name
                ))?,
            }
        }
    }
    Ok(failed)
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
    pub copies: crate::bundle::distribute::Copies,
}

impl InstallReport {
    fn new(
        mut hosts: BTreeMap<String, HostSummary>,
        unreachable: BTreeMap<String, String>,
        interrupted: bool,
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
            copies: Default::default(),
        }
    }

    fn render(&self) -> String {
        let mut text = format!(
            "\n{:<16} {:<12} {:>9} {:>7} {:>6} {:>7} {:>8}\n",
            "HOST", "CLUSTER", "unchanged", "changed", "failed", "skipped", "time"
        );
        for (host, s) in &self.hosts {
            text.push_str(&format!(
                "{host:<16} {:<12} {:>9} {:>7} {:>6} {:>7} {:>7.1}s\n",
                s.cluster,
                s.unchanged,
                s.changed,
                s.failed,
                s.skipped,
                s.duration_ms as f64 / 1000.0
            ));
        }
        for (host, s) in &self.hosts {
            if let Some(e) = &s.error {
                text.push_str(&format!(
                    "{} {host}: {e}\n",
                    console::style("FAILED").red().bold()
                ));
            }
        }
        let c = self.copies;
        if c.direct + c.peer > 0 {
            text.push_str(&format!(
                "bundle files: {} sent from here, {} copied between hosts, {} already in place\n",
                c.direct, c.peer, c.unchanged
            ));
        }
        let changed: usize = self.hosts.values().map(|s| s.changed).sum();
        let resumed: usize = self.hosts.values().map(|s| s.resumed).sum();
        if resumed > 0 {
            text.push_str(&format!(
                "resumed: {resumed} step{} finished before the interruption, not checked again\n",
                if resumed == 1 { "" } else { "s" }
            ));
        }
        if self.interrupted {
            text.push_str("interrupted; run again with --resume to continue\n");
        } else if self.failed == 0 && changed == 0 {
            text.push_str("nothing to change: every step was already done\n");
        }
        text
    }
}

/// One host's plan, as data.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct HostPlan {
    /// Host.
    pub host: String,
    /// Steps with their check results.
    pub steps: Vec<PlannedStep>,
    /// Why the host could not be planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Runs `tcs plan`.
pub fn run_plan(args: PlanArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.file, "plan")?;
    let selection = Selection::of(cluster_hosts(&loaded, args.only_cluster.as_deref())?);
    let phases = phases_until(args.until.as_deref())?;
    let bundle = verified_bundle(&loaded, &hosts::state_dir(global, &loaded), &phases)?;
    let plans = hosts::runtime()?.block_on(async {
        let (ctxs, unreachable) = contexts(
            &loaded,
            &selection,
            &args.connect,
            bundle,
            Distributor::new(false, 1, 1),
            &hosts::state_dir(global, &loaded),
        )
        .await?;
        anyhow::Ok(plan_hosts(&phases, &ctxs, unreachable).await)
    })?;
    if let Some(out) = &args.out {
        let file = PlanFile {
            inventory_sha256: crate::ssh::sha256_file(&loaded.path)?,
            phases: phases.iter().map(|p| p.id.to_string()).collect(),
            hosts: plans,
        };
        std::fs::write(out, serde_json::to_string_pretty(&file)? + "\n")
            .with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!(
            "plan written to {}; run it with: tcs install -f {} --plan-file {}",
            out.display(),
            loaded.path.display(),
            out.display()
        );
        return finish_plan(file.hosts, global);
    }
    finish_plan(plans, global)
}

fn finish_plan(plans: Vec<HostPlan>, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let failed = plans
        .iter()
        .any(|p| p.error.is_some() || p.steps.iter().any(|s| s.check.is_err()));
    if !print_data(global.output, &plans)? {
        let mut text = String::new();
        for p in &plans {
            text.push_str(&format!("{}\n", console::style(&p.host).bold()));
            if let Some(e) = &p.error {
                text.push_str(&format!("  {} {e}\n", console::style("unreachable:").red()));
            }
            for s in &p.steps {
                let line = match &s.check {
                    Ok(Check::Done) => format!("  ok           {}/{}", s.phase, s.step),
                    Ok(Check::Needed(why)) => format!(
                        "  {} {}/{}: {why}",
                        console::style("will change ").yellow(),
                        s.phase,
                        s.step
                    ),
                    Err(e) => format!(
                        "  {} {}/{}: {e}",
                        console::style("cannot check").red(),
                        s.phase,
                        s.step
                    ),
                };
                text.push_str(&line);
                text.push('\n');
            }
        }
        let changes: usize = plans
            .iter()
            .flat_map(|p| &p.steps)
            .filter(|s| matches!(s.check, Ok(Check::Needed(_))))
            .count();
        text.push_str(&format!(
            "{}, {} would change\n",
            crate::text::count(plans.len(), "host"),
            crate::text::count(changes, "step")
        ));
        write_stdout(&text)?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
