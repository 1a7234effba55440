//! The install engine: phases of steps run across hosts, a journal, resume, and progress events.
//!
//! A step has an id, inputs (hashed into the journal), a read-only `check` and an `apply`. A
//! phase runs one step at a time on all its hosts at once; a host that fails stops only its own
//! later steps. A step whose check says "done" is never applied, so a re-run of a finished
//! install changes nothing and says so.

pub mod journal;
pub mod timings;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use futures::future::BoxFuture;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::facts::HostFacts;
use crate::inventory::{Cluster, Host, Inventory};
use crate::ssh::{Session, SshError};
use journal::{Entry, Journal, Outcome};

/// What a step's check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "lowercase")]
pub enum Check {
    /// Already as wanted.
    Done,
    /// Needs applying, and why (missing, outdated, config differs).
    Needed(String),
}

impl Check {
    /// `Done` when there is no problem, else `Needed` with it.
    pub fn from_problem(problem: Option<String>) -> Check {
        problem.map_or(Check::Done, Check::Needed)
    }
}

/// Why a step failed on a host.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StepError {
    /// The SSH layer failed.
    #[error(transparent)]
    Ssh(Box<SshError>),
    /// The step ran but the host is not as it should be.
    #[error("{0}")]
    Failed(String),
}

impl From<SshError> for StepError {
    fn from(e: SshError) -> Self {
        StepError::Ssh(Box::new(e))
    }
}

/// Everything a step may read about one host.
pub struct HostCtx {
    /// The session to the host.
    pub session: Arc<Session>,
    /// The inventory host.
    pub host: Host,
    /// Its cluster.
    pub cluster: Cluster,
    /// The whole inventory.
    pub inventory: Arc<Inventory>,
    /// Facts gathered before the run.
    pub facts: HostFacts,
    /// The verified offline bundle, when the inventory names one.
    pub bundle: Option<Arc<crate::bundle::Bundle>>,
    /// Shared by every host of the run: copies bundle files host to host.
    pub distributor: Arc<crate::bundle::distribute::Distributor>,
    /// The inventory's state directory (PKI, kubeconfigs, journal).
    pub state_dir: std::path::PathBuf,
    /// What the hosts of one run share: every reachable host's session, join tokens.
    pub shared: Arc<RunShared>,
}

/// State shared by the hosts of one run.
pub struct RunShared {
    /// Sessions of every reachable host, by name (steps that act on another host, such as a
    /// join that needs a token from the first control plane).
    pub sessions: BTreeMap<String, Arc<Session>>,
    /// Bootstrap tokens made during this run, by cluster (secrets: never journaled).
    pub tokens: tokio::sync::Mutex<BTreeMap<String, String>>,
    /// Hosts joining an existing etcd cluster in this run (`tcs node add`).
    pub joining: std::collections::BTreeSet<String>,
    /// Hosts selected for this run, reachable or not (helpers excluded). Quorum is judged
    /// over the etcd members among them; members outside the run are not its concern.
    pub selected: std::collections::BTreeSet<String>,
    /// Facts of every reachable host, by name (cluster-wide settings such as kube-proxy's
    /// depend on what all of a cluster's hosts are).
    pub facts: BTreeMap<String, crate::facts::HostFacts>,
}

impl RunShared {
    /// Shared state over these sessions.
    pub fn new(sessions: BTreeMap<String, Arc<Session>>) -> RunShared {
        RunShared {
            sessions,
            tokens: tokio::sync::Mutex::new(BTreeMap::new()),
            facts: BTreeMap::new(),
            joining: Default::default(),
            selected: Default::default(),
        }
    }
}

/// A unit of host work.
pub trait Step: Send + Sync {
    /// Stable id, as recorded in the journal.
    fn id(&self) -> &'static str;
    /// What it does, for `--list-phases` and plans.
    fn describe(&self) -> &'static str;
    /// The inputs that determine the wanted state on this host (hashed into the journal).
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value;
    /// Whether the host is already as wanted. Must not change the host.
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>>;
    /// Brings the host to the wanted state.
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>>;
    /// Whether the step concerns this host at all (etcd steps only run on etcd members).
    fn applies(&self, _ctx: &HostCtx) -> bool {
        true
    }
}

/// A named sequence of steps.
pub struct Phase {
    /// Id used by `--until`.
    pub id: &'static str,
    /// Title for people.
    pub title: &'static str,
    /// The steps, in order.
    pub steps: Vec<Box<dyn Step>>,
    /// Whether the phase needs a majority of each cluster's etcd members: when fewer remain
    /// (unreachable or failed), the phase stops for that cluster.
    pub quorum: bool,
}

/// Something that happened during a run, for the progress renderer.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A phase starts on these hosts.
    PhaseStarted {
        /// Phase id.
        phase: String,
        /// Number of steps.
        steps: usize,
        /// Hosts.
        hosts: Vec<String>,
    },
    /// A step starts on a host.
    StepStarted {
        /// Phase id.
        phase: String,
        /// Host.
        host: String,
        /// Step id.
        step: String,
    },
    /// A step ended on a host.
    StepFinished {
        /// Phase id.
        phase: String,
        /// Host.
        host: String,
        /// Step id.
        step: String,
        /// How.
        status: Outcome,
        /// Milliseconds.
        duration_ms: u64,
        /// Why it was applied, or the error.
        #[serde(skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// A phase ended.
    PhaseFinished {
        /// Phase id.
        phase: String,
    },
}

/// One line for people and logs: `== phase on N hosts`, `[phase] host step changed (12 ms): why`.
impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::PhaseStarted { phase, hosts, .. } => {
                write!(
                    f,
                    "== {phase} on {}",
                    crate::text::count(hosts.len(), "host")
                )
            }
            Event::StepStarted { phase, host, step } => write!(f, "[{phase}] {host} {step} ..."),
            Event::StepFinished {
                phase,
                host,
                step,
                status,
                duration_ms,
                detail,
            } => {
                let status = match status {
                    Outcome::Unchanged => "ok".to_string(),
                    Outcome::Changed => console::style("changed").yellow().to_string(),
                    Outcome::Failed => console::style("FAILED").red().bold().to_string(),
                    Outcome::Skipped => "skipped".to_string(),
                };
                write!(f, "[{phase}] {host} {step} {status} ({duration_ms} ms)")?;
                match detail {
                    Some(d) => write!(f, ": {d}"),
                    None => Ok(()),
                }
            }
            Event::PhaseFinished { phase } => write!(f, "== {phase} done"),
        }
    }
}

/// Receives events.
pub type EventSink = Arc<dyn Fn(Event) + Send + Sync>;

/// Per host: steps by outcome and time spent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HostSummary {
    /// Cluster.
    pub cluster: String,
    /// Steps already done.
    pub unchanged: usize,
    /// Steps applied.
    pub changed: usize,
    /// Steps that failed.
    pub failed: usize,
    /// Steps not checked again because the run they belong to had finished them before it
    /// was interrupted (`--resume`; counted among the unchanged too).
    pub resumed: usize,
    /// Steps not run.
    pub skipped: usize,
    /// Milliseconds spent in steps.
    pub duration_ms: u64,
    /// The failure, if any: step and message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// sha256 of a step's inputs.
pub fn inputs_hash(inputs: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(inputs.to_string().as_bytes()))
}

fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// Runs `phases` on `hosts`, recording every step in `journal`. A host drops out at its first
/// failure. `cancel` stops the run between steps (Ctrl-C); what did not run is recorded as
/// skipped. Returns the summary per host.
pub async fn run(
    phases: &[Phase],
    hosts: Vec<Arc<HostCtx>>,
    journal: Arc<Journal>,
    events: EventSink,
    cancel: Arc<AtomicBool>,
) -> BTreeMap<String, HostSummary> {
    let mut summary: BTreeMap<String, HostSummary> = hosts
        .iter()
        .map(|h| {
            (
                h.host.name.clone(),
                HostSummary {
                    cluster: h.cluster.name.clone(),
                    ..HostSummary::default()
                },
            )
        })
        .collect();
    let mut active: Vec<Arc<HostCtx>> = hosts;
    let mut not_applicable: BTreeMap<String, usize> = BTreeMap::new();
    for phase in phases {
        events(Event::PhaseStarted {
            phase: phase.id.into(),
            steps: phase.steps.len(),
            hosts: active.iter().map(|h| h.host.name.clone()).collect(),
        });
        for step in &phase.steps {
            let step: &dyn Step = step.as_ref();
            let (run_on, idle): (Vec<Arc<HostCtx>>, Vec<Arc<HostCtx>>) =
                active.iter().cloned().partition(|ctx| step.applies(ctx));
            for ctx in &idle {
                *not_applicable.entry(ctx.host.name.clone()).or_default() += 1;
            }
            let results = futures::future::join_all(run_on.iter().map(|ctx| {
                let (journal, events, cancel) = (journal.clone(), events.clone(), cancel.clone());
                async move {
                    let outcome = run_step(phase.id, step, ctx, &journal, &events, &cancel).await;
                    (ctx.clone(), outcome)
                }
            }))
            .await;
            let mut still = idle;
            for (ctx, (outcome, duration, error, resumed)) in results {
                let s = summary.entry(ctx.host.name.clone()).or_default();
                s.duration_ms += duration.as_millis() as u64;
                s.resumed += usize::from(resumed);
                match outcome {
                    Outcome::Unchanged => s.unchanged += 1,
                    Outcome::Changed => s.changed += 1,
                    Outcome::Skipped => s.skipped += 1,
                    Outcome::Failed => {
                        s.failed += 1;
                        s.error = error.map(|e| format!("{}/{}: {e}", phase.id, step.id()));
                    }
                }
                if matches!(outcome, Outcome::Unchanged | Outcome::Changed) {
                    still.push(ctx);
                }
            }
            active = still;
            if phase.quorum {
                active = enforce_quorum(active, &mut summary, phase, step, &journal);
            }
        }
        events(Event::PhaseFinished {
            phase: phase.id.into(),
        });
    }
    // Hosts that dropped out: their remaining steps count as skipped.
    let total: usize = phases.iter().map(|p| p.steps.len()).sum();
    for (host, s) in summary.iter_mut() {
        let na = not_applicable.get(host).copied().unwrap_or(0);
        s.skipped = total.saturating_sub(na + s.unchanged + s.changed + s.failed);
    }
    summary
}

/// Drops every host of a cluster whose etcd members no longer have a majority among the
/// hosts still running, recording why.
fn enforce_quorum(
    active: Vec<Arc<HostCtx>>,
    summary: &mut BTreeMap<String, HostSummary>,
    phase: &Phase,
    step: &dyn Step,
    journal: &Journal,
) -> Vec<Arc<HostCtx>> {
    let mut lost: BTreeMap<String, String> = BTreeMap::new();
    for ctx in &active {
        let c = &ctx.cluster;
        if lost.contains_key(&c.name) {
            continue;
        }
        let members: Vec<&String> = c
            .etcd_hosts()
            .iter()
            .filter(|m| ctx.shared.selected.is_empty() || ctx.shared.selected.contains(*m))
            .collect();
        let alive: Vec<&String> = members
            .iter()
            .copied()
            .filter(|m| active.iter().any(|a| &a.host.name == *m))
            .collect();
        if !members.is_empty() && alive.len() * 2 <= members.len() {
            let gone: Vec<&str> = members
                .iter()
                .filter(|m| !alive.contains(m))
                .map(|m| m.as_str())
                .collect();
            lost.insert(
                c.name.clone(),
                format!(
                    "etcd quorum lost in cluster {}: {} of {} members left (unreachable or failed: {}); fix or remove them, then --resume",
                    c.name,
                    alive.len(),
                    members.len(),
                    gone.join(", ")
                ),
            );
        }
    }
    if lost.is_empty() {
        return active;
    }
    let mut keep = Vec::new();
    for ctx in active {
        match lost.get(&ctx.cluster.name) {
            Some(why) => {
                let s = summary.entry(ctx.host.name.clone()).or_default();
                if s.error.is_none() {
                    s.error = Some(format!("{}/{}: {why}", phase.id, step.id()));
                }
                let _ = journal.record(Entry {
                    cluster: ctx.cluster.name.clone(),
                    host: ctx.host.name.clone(),
                    phase: phase.id.to_string(),
                    step: step.id().to_string(),
                    inputs: String::new(),
                    outcome: Outcome::Skipped,
                    started: now(),
                    finished: now(),
                    error: Some(why.clone()),
                    run: String::new(),
                    resumed: false,
                    boot: String::new(),
                });
            }
            None => keep.push(ctx),
        }
    }
    keep
}

async fn run_step(
    phase: &str,
    step: &dyn Step,
    ctx: &HostCtx,
    journal: &Journal,
    events: &EventSink,
    cancel: &AtomicBool,
) -> (Outcome, Duration, Option<String>, bool) {
    let host = ctx.host.name.clone();
    let started_at = now();
    let started = Instant::now();
    let inputs = inputs_hash(&step.inputs(ctx));
    let record = |outcome: Outcome, error: Option<String>| Entry {
        cluster: ctx.cluster.name.clone(),
        host: host.clone(),
        phase: phase.to_string(),
        step: step.id().to_string(),
        inputs: inputs.clone(),
        outcome,
        started: started_at.clone(),
        finished: now(),
        error,
        run: String::new(),
        resumed: false,
        boot: ctx.facts.boot.clone(),
    };
    if cancel.load(Ordering::SeqCst) {
        let _ = journal.record(record(Outcome::Skipped, Some("interrupted".into())));
        return (
            Outcome::Skipped,
            Duration::ZERO,
            Some("interrupted".into()),
            false,
        );
    }
    // Resuming: what this run finished before it was interrupted, with the same inputs and
    // since the host's last boot, is not checked again (a reboot may have undone it).
    if journal.done_earlier(
        &ctx.cluster.name,
        &host,
        step.id(),
        &inputs,
        &ctx.facts.boot,
    ) {
        let _ = journal.record(Entry {
            resumed: true,
            ..record(Outcome::Unchanged, None)
        });
        events(Event::StepFinished {
            phase: phase.into(),
            host,
            step: step.id().into(),
            status: Outcome::Unchanged,
            duration_ms: 0,
            detail: Some("finished before the interruption; not checked again (--resume)".into()),
        });
        return (Outcome::Unchanged, Duration::ZERO, None, true);
    }
    events(Event::StepStarted {
        phase: phase.into(),
        host: host.clone(),
        step: step.id().into(),
    });
    let result: Result<(Outcome, Option<String>), StepError> = async {
        match step.check(ctx).await? {
            Check::Done => Ok((Outcome::Unchanged, None)),
            Check::Needed(why) => {
                step.apply(ctx).await?;
                match step.check(ctx).await? {
                    Check::Done => Ok((Outcome::Changed, Some(why))),
                    Check::Needed(still) => Err(StepError::Failed(format!(
                        "applied, but the host is still not as wanted: {still}"
                    ))),
                }
            }
        }
    }
    .await;
    let duration = started.elapsed();
    let (outcome, detail) = match result {
        Ok((o, why)) => (o, why),
        Err(e) => (Outcome::Failed, Some(e.to_string())),
    };
    let error = (outcome == Outcome::Failed)
        .then(|| detail.clone())
        .flatten();
    if let Err(e) = journal.record(record(outcome, error.clone())) {
        tracing::error!(host = %host, error = %e, "cannot write the journal");
    }
    events(Event::StepFinished {
        phase: phase.into(),
        host,
        step: step.id().into(),
        status: outcome,
        duration_ms: duration.as_millis() as u64,
        detail,
    });
    (outcome, duration, error, false)
}

/// What a run would do on one host, from read-only checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlannedStep {
    /// Phase id.
    pub phase: String,
    /// Step id.
    pub step: String,
    /// What the step does.
    pub describe: String,
    /// Done already, or why it would be applied.
    pub check: Result<Check, String>,
}

/// Runs every check of `phases` on `ctx` without changing anything.
pub async fn plan_host(phases: &[Phase], ctx: &HostCtx) -> Vec<PlannedStep> {
    let mut out = Vec::new();
    for phase in phases {
        for step in phase.steps.iter().filter(|s| s.applies(ctx)) {
            out.push(PlannedStep {
                phase: phase.id.to_string(),
                step: step.id().to_string(),
                describe: step.describe().to_string(),
                check: step.check(ctx).await.map_err(|e| e.to_string()),
            });
        }
    }
    out
}
