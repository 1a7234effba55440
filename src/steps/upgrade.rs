//! `tcs cluster upgrade`: the steps that move a running cluster to the next Kubernetes release,
//! in the order kubeadm documents (`kubeadm upgrade apply` on the first control plane, `kubeadm
//! upgrade node` on every other node; per node: drain, swap the kubelet, restart, uncordon), and
//! the read-only preconditions checked before any of them runs.
//!
//! Steps read the target from `ctx.cluster.kubernetes.version` and the target's files from
//! `ctx.bundle`: the operation (`ops::upgrade`) hands them the cluster as it will be. Every check
//! reads the host or the API as it is, so a re-run, or `--resume` after a kill, continues where
//! the cluster is rather than where a record says it was.

use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{Value, json};

use super::kubernetes::{KUBECTL, is_control_plane, is_first, is_node};
use super::{read_file, run_root, write_file};
use crate::plan::{Check, HostCtx, Phase, Step, StepError};
use crate::ssh::shell_quote;

/// Written on a node once `kubeadm upgrade apply|node` finished there for a version.
pub const UPGRADED_MARKER: &str = "/etc/kubernetes/tcs-upgraded-to";
/// Set on a node that tcs cordoned for the upgrade (so it never uncordons one an operator
/// cordoned).
pub const CORDONED_ANNOTATION: &str = "upgrade.tcs.io/cordoned";
const STATIC_PODS: &[&str] = &[
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
];

fn fail(e: impl std::fmt::Display) -> StepError {
    StepError::Failed(e.to_string())
}

fn target(ctx: &HostCtx) -> String {
    format!(
        "v{}",
        ctx.cluster.kubernetes.version.trim_start_matches('v')
    )
}

/// Runs `kubectl` with the admin kubeconfig on this host when it is a control plane, else on
/// the first reachable control plane of the cluster.
pub async fn kubectl(
    ctx: &HostCtx,
    args: &str,
    secs: u64,
) -> Result<crate::ssh::ExecOutput, StepError> {
    let session = if is_control_plane(ctx) {
        ctx.session.clone()
    } else {
        ctx.cluster
            .control_plane
            .hosts
            .iter()
            .find_map(|h| ctx.shared.sessions.get(h))
            .cloned()
            .ok_or_else(|| {
                fail(format!(
                    "no control plane of {} is reachable to run kubectl",
                    ctx.cluster.name
                ))
            })?
    };
    Ok(session
        .exec(&format!("{KUBECTL} {args}"), &super::as_root(secs))
        .await?)
}

async fn kubectl_json(ctx: &HostCtx, args: &str) -> Result<Value, StepError> {
    let out = kubectl(ctx, &format!("{args} -o json"), 60).await?;
    if !out.success() {
        return Err(fail(format!(
            "kubectl {args}: {}",
            out.stderr.trim().lines().last().unwrap_or("failed")
        )));
    }
    serde_json::from_str(&out.stdout).map_err(|e| fail(format!("kubectl {args}: {e}")))
}

/// The version of the API server on this control plane itself (not through the endpoint: an
/// upgrade runs mixed versions behind it).
pub async fn local_api_version(ctx: &HostCtx) -> Result<Release, String> {
    // A static pod restarting (after a kubelet restart, or an interrupted upgrade) answers
    // again within a minute.
    let mut last = String::new();
    for attempt in 0..30 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        match api_version_once(ctx).await {
            Ok(r) => return Ok(r),
            Err(e) => last = e,
        }
    }
    Err(last)
}

async fn api_version_once(ctx: &HostCtx) -> Result<Release, String> {
    let out = ctx
        .session
        .exec(
            &format!(
                "{KUBECTL} --server https://127.0.0.1:6443 get --raw /version --request-timeout=10s"
            ),
            &super::as_root(30),
        )
        .await
        .map_err(|e| e.to_string())?;
    if !out.success() {
        return Err(format!(
            "the API server on {} does not answer: {}",
            ctx.host.name,
            out.stderr.trim().lines().last().unwrap_or("")
        ));
    }
    serde_json::from_str::<Value>(&out.stdout)
        .ok()
        .and_then(|v| v["gitVersion"].as_str().and_then(Release::parse))
        .ok_or_else(|| {
            format!(
                "{}: /version has no release: {}",
                ctx.host.name,
                out.stdout.trim()
            )
        })
}

/// What the API says about this host's node.
struct NodeState {
    kubelet: String,
    ready: bool,
    unschedulable: bool,
    cordoned_by_tcs: bool,
}

async fn node_state(ctx: &HostCtx) -> Result<NodeState, StepError> {
    let node = kubectl_json(ctx, &format!("get node {}", shell_quote(&ctx.host.name))).await?;
    let ready = node
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|c| c["type"] == "Ready" && c["status"] == "True");
    Ok(NodeState {
        kubelet: node
            .pointer("/status/nodeInfo/kubeletVersion")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        ready,
        unschedulable: node
            .pointer("/spec/unschedulable")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        cordoned_by_tcs: node
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(CORDONED_ANNOTATION))
            .is_some(),
    })
}

/// The phases of one wave of nodes: `hosts` are upgraded together.
pub fn node_wave(
    id: &'static str,
    title: &'static str,
    hosts: Vec<String>,
    drain_timeout: u64,
) -> Phase {
    let mut steps: Vec<Box<dyn Step>> = vec![
        Box::new(Wave {
            hosts: hosts.clone(),
            step: Box::new(KubeadmUpgrade),
        }),
        Box::new(Wave {
            hosts: hosts.clone(),
            step: Box::new(Drain {
                timeout: drain_timeout,
            }),
        }),
    ];
    // Under the drained node: the runtime (its pause image may change with the release), the
    // kubelet and kubectl, their unit, the restart, kube-vip on control planes.
    let runtime = super::runtime::phase();
    let node = super::kubernetes::node_phase();
    let others: Vec<Box<dyn Step>> = runtime
        .steps
        .into_iter()
        .chain(std::iter::once(Box::new(super::BundleBinaries {
            id: "kubelet-binaries",
            describe: "swap the kubelet and kubectl for the bundle's",
            components: &["kubernetes"],
            required: &["kubelet", "kubectl"],
            hosts: is_node,
            only: Some(&["kubelet", "kubectl"]),
        }) as Box<dyn Step>))
        .chain(node.steps.into_iter().filter(|s| s.id() == "kubelet-unit"))
        .chain(std::iter::once(Box::new(KubeletRestart) as Box<dyn Step>))
        .chain(
            super::kubernetes::control_plane_phase()
                .steps
                .into_iter()
                .filter(|s| s.id() == "kube-vip"),
        )
        .chain(std::iter::once(Box::new(Uncordon) as Box<dyn Step>))
        .collect();
    for step in others {
        steps.push(Box::new(Wave {
            hosts: hosts.clone(),
            step,
        }));
    }
    Phase {
        id,
        title,
        steps,
        quorum: false,
    }
}

/// Every node first receives the release's images and kubeadm, which disturbs nothing.
pub fn stage_phase() -> Phase {
    Phase {
        id: "upgrade-stage",
        title: "Images and kubeadm of the target release on every node",
        steps: vec![
            Box::new(super::runtime::Images),
            Box::new(super::BundleBinaries {
                id: "kubeadm-binary",
                describe: "install the target release's kubeadm",
                components: &["kubernetes"],
                required: &["kubeadm"],
                hosts: is_node,
                only: Some(&["kubeadm"]),
            }),
        ],
        quorum: false,
    }
}

/// One etcd member: the bundle's etcd, restarted, healthy before the next member.
pub fn etcd_wave(host: String) -> Phase {
    let etcd = super::etcd::phase();
    let steps: Vec<Box<dyn Step>> = etcd
        .steps
        .into_iter()
        .filter(|s| s.id() == "etcd-binaries")
        .chain(std::iter::once(Box::new(EtcdRestart) as Box<dyn Step>))
        .map(|step| {
            Box::new(Wave {
                hosts: vec![host.clone()],
                step,
            }) as Box<dyn Step>
        })
        .collect();
    Phase {
        id: "upgrade-etcd",
        title: "etcd, one member at a time",
        steps,
        quorum: true,
    }
}

/// After every node: the network's manifest (when the bundle's differs), every node Ready, the
/// system pods rolled out, the admin kubeconfig.
pub fn finish_phase() -> Phase {
    let mut p = super::kubernetes::network_phase();
    p.id = "upgrade-finish";
    p.title = "Network, nodes Ready, system pods, kubeconfig";
    p
}

/// A step limited to some hosts (a wave).
struct Wave {
    hosts: Vec<String>,
    step: Box<dyn Step>,
}

impl Step for Wave {
    fn id(&self) -> &'static str {
        self.step.id()
    }
    fn describe(&self) -> &'static str {
        self.step.describe()
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        self.hosts.contains(&ctx.host.name) && self.step.applies(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> Value {
        self.step.inputs(ctx)
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        self.step.check(ctx)
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        self.step.apply(ctx)
    }
}

/// `kubeadm upgrade apply` on the first control plane, `kubeadm upgrade node` elsewhere.
struct KubeadmUpgrade;

impl Step for KubeadmUpgrade {
    fn id(&self) -> &'static str {
        "kubeadm-upgrade"
    }
    fn describe(&self) -> &'static str {
        "kubeadm upgrade apply (first control plane) or kubeadm upgrade node"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> Value {
        json!({"version": target(ctx), "apply": is_first(ctx)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let want = target(ctx);
            if is_control_plane(ctx) {
                for pod in STATIC_PODS {
                    let path = format!("/etc/kubernetes/manifests/{pod}.yaml");
                    let manifest = read_file(ctx, &path).await?.unwrap_or_default();
                    let image = manifest
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("image: "))
                        .unwrap_or("none");
                    if !image.ends_with(&format!(":{want}")) {
                        return Ok(Check::Needed(format!("{pod} runs {image}")));
                    }
                }
            }
            let marker = read_file(ctx, UPGRADED_MARKER).await?;
            if marker.as_deref().map(str::trim) == Some(want.as_str()) {
                return Ok(Check::Done);
            }
            // A node the cluster already runs at the target (installed at it) needs nothing.
            let state = node_state(ctx).await?;
            Ok(if state.kubelet == want {
                Check::Done
            } else {
                Check::Needed(format!(
                    "kubeadm has not upgraded this node to {want} (kubelet {})",
                    state.kubelet
                ))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let want = target(ctx);
            let command = if is_first(ctx) {
                format!(
                    "kubeadm upgrade apply {want} --yes{}",
                    ignore_preflight(ctx)
                )
            } else {
                format!("kubeadm upgrade node{}", ignore_preflight(ctx))
            };
            let out = ctx
                .session
                .exec(
                    &format!("{command} >/var/log/tcs-kubeadm-upgrade.log 2>&1; rc=$?; tail -n 40 /var/log/tcs-kubeadm-upgrade.log; exit $rc"),
                    &super::as_root(1200),
                )
                .await?;
            if !out.success() {
                return Err(fail(format!(
                    "{command} failed (log: /var/log/tcs-kubeadm-upgrade.log):\n{}",
                    out.stdout.trim()
                )));
            }
            write_file(ctx, UPGRADED_MARKER, &format!("{want}\n"), 0o644).await?;
            if is_control_plane(ctx) {
                wait_api(ctx).await?;
            }
            Ok(())
        })
    }
}

/// kubeadm's SystemVerification refuses cgroup v1 hosts for kubelets 1.35+, in `upgrade apply`
/// and `upgrade node` too (tcs sets `failCgroupV1: false`, as at install).
fn ignore_preflight(ctx: &HostCtx) -> &'static str {
    if ctx.facts.cgroup_version == 1 {
        " --ignore-preflight-errors=SystemVerification"
    } else {
        ""
    }
}

/// This host's API server answers (static pods restart at the kubelet's pace).
async fn wait_api(ctx: &HostCtx) -> Result<(), StepError> {
    for _ in 0..150 {
        let out = ctx
            .session
            .exec(
                &format!("{KUBECTL} --server https://127.0.0.1:6443 get --raw=/readyz --request-timeout=5s"),
                &super::as_root(20),
            )
            .await?;
        if out.success() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Err(fail(format!(
        "the API server on {} did not become ready within 5 minutes",
        ctx.host.name
    )))
}

/// Pods `kubectl drain` would have to evict: not DaemonSet pods, not mirror pods, not finished.
fn evictable(pods: &Value) -> Vec<String> {
    pods["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| {
            let owned_by_ds = p["metadata"]["ownerReferences"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|o| o["kind"] == "DaemonSet");
            let mirror = p["metadata"]["annotations"]
                .get("kubernetes.io/config.mirror")
                .is_some();
            let finished = matches!(p["status"]["phase"].as_str(), Some("Succeeded" | "Failed"));
            !owned_by_ds && !mirror && !finished
        })
        .map(|p| {
            format!(
                "{}/{}",
                p["metadata"]["namespace"].as_str().unwrap_or(""),
                p["metadata"]["name"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// What blocked a `kubectl drain`, from its output: pods a PodDisruptionBudget protects, pods
/// without a controller, and anything else it said last.
pub fn drain_blockers(output: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in output.lines() {
        let line = line.trim();
        let pod = line
            .split_once("evicting pod ")
            .or_else(|| line.split_once("evicting pods/"))
            .map(|(_, rest)| {
                rest.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        let why = if line.contains("disruption budget") {
            Some("a PodDisruptionBudget allows no disruption")
        } else {
            None
        };
        match (pod, why) {
            (Some(p), Some(w)) => {
                let p = p.replace(['"', '(', ')'], "").replace(" -n ", " in ");
                let item = format!("{p}: {w}");
                if !out.contains(&item) {
                    out.push(item);
                }
            }
            _ if line.contains("cannot delete") => {
                let item = line.trim_start_matches("error: ").to_string();
                if !out.contains(&item) {
                    out.push(item);
                }
            }
            _ => {}
        }
    }
    if out.is_empty()
        && let Some(last) = output.lines().rev().find(|l| !l.trim().is_empty())
    {
        out.push(last.trim().to_string());
    }
    out
}

/// Cordon and drain, honouring PodDisruptionBudgets, with a deadline.
struct Drain {
    timeout: u64,
}

impl Step for Drain {
    fn id(&self) -> &'static str {
        "drain"
    }
    fn describe(&self) -> &'static str {
        "cordon and drain the node (PodDisruptionBudgets honoured)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> Value {
        json!({"version": target(ctx)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let state = node_state(ctx).await?;
            let kubelet_current = kubelet_runs_bundle(ctx).await?;
            if state.kubelet == target(ctx) && kubelet_current {
                return Ok(Check::Done);
            }
            if !state.unschedulable {
                return Ok(Check::Needed(format!(
                    "the kubelet is {}: the node is drained before it changes",
                    state.kubelet
                )));
            }
            let pods = kubectl_json(
                ctx,
                &format!(
                    "get pods -A --field-selector spec.nodeName={}",
                    shell_quote(&ctx.host.name)
                ),
            )
            .await?;
            let left = evictable(&pods);
            Ok(if left.is_empty() {
                Check::Done
            } else {
                Check::Needed(format!("pods still on the node: {}", left.join(", ")))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let name = shell_quote(&ctx.host.name);
            let state = node_state(ctx).await?;
            if !state.unschedulable {
                let out = kubectl(
                    ctx,
                    &format!("annotate node {name} {CORDONED_ANNOTATION}=true --overwrite"),
                    60,
                )
                .await?;
                if !out.success() {
                    return Err(fail(format!("cannot mark {name}: {}", out.stderr.trim())));
                }
            }
            let out = kubectl(
                ctx,
                &format!(
                    "drain {name} --ignore-daemonsets --delete-emptydir-data --timeout={}s 2>&1",
                    self.timeout
                ),
                self.timeout + 60,
            )
            .await?;
            if out.success() {
                return Ok(());
            }
            Err(fail(format!(
                "the drain of {} did not finish within {} s; blocking: {}. The node stays cordoned: fix what blocks (or raise --drain-timeout), then run the upgrade again with --resume",
                ctx.host.name,
                self.timeout,
                drain_blockers(&out.stdout).join("; ")
            )))
        })
    }
}

/// Whether the running process of `unit` still runs the file its unit starts (a swapped binary
/// shows as "(deleted)" until the restart).
async fn runs_current_binary(ctx: &HostCtx, unit: &str) -> Result<bool, StepError> {
    let out = run_root(
        ctx,
        &format!("pid=$(systemctl show -p MainPID --value {unit}); [ \"$pid\" -gt 0 ] 2>/dev/null && readlink /proc/$pid/exe || echo stopped"),
    )
    .await?;
    let exe = out.trim();
    Ok(exe != "stopped" && !exe.ends_with("(deleted)"))
}

async fn kubelet_runs_bundle(ctx: &HostCtx) -> Result<bool, StepError> {
    let Some(b) = ctx.bundle.as_ref() else {
        return Ok(false);
    };
    let file = b
        .files(crate::bundle::FileKind::Binary, super::host_arch(ctx))
        .find(|f| f.path.ends_with("/kubelet"));
    let Some(file) = file else {
        return Ok(false);
    };
    let path = super::binary_destination(file);
    let hashes = super::remote_hashes(ctx, std::slice::from_ref(&path)).await?;
    Ok(hashes.first() == Some(&file.sha256) && runs_current_binary(ctx, "kubelet").await?)
}

/// The kubelet restarted on its new binary; the node Ready at the target version.
struct KubeletRestart;

impl Step for KubeletRestart {
    fn id(&self) -> &'static str {
        "kubelet-restart"
    }
    fn describe(&self) -> &'static str {
        "restart the kubelet and wait until the node is Ready at the target version"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> Value {
        json!({"version": target(ctx)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            if !runs_current_binary(ctx, "kubelet").await? {
                return Ok(Check::Needed("the kubelet runs a replaced binary".into()));
            }
            let state = node_state(ctx).await?;
            Ok(match (state.kubelet == target(ctx), state.ready) {
                (true, true) => Check::Done,
                (false, _) => Check::Needed(format!("the node reports kubelet {}", state.kubelet)),
                (true, false) => Check::Needed("the node is not Ready".into()),
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            run_root(ctx, "systemctl daemon-reload && systemctl restart kubelet").await?;
            let want = target(ctx);
            let mut last = String::new();
            for _ in 0..150 {
                tokio::time::sleep(Duration::from_secs(2)).await;
                match node_state(ctx).await {
                    // The new kubelet restarts a control plane's static pods (their hash
                    // changed): the node is back when its API server answers again.
                    Ok(s) if s.kubelet == want && s.ready && is_control_plane(ctx) => {
                        return wait_api(ctx).await;
                    }
                    Ok(s) if s.kubelet == want && s.ready => return Ok(()),
                    Ok(s) => last = format!("kubelet {}, Ready {}", s.kubelet, s.ready),
                    Err(e) => last = e.to_string(),
                }
            }
            let journal = run_root(
                ctx,
                "journalctl -u kubelet -n 15 --no-pager 2>/dev/null || true",
            )
            .await
            .unwrap_or_default();
            Err(fail(format!(
                "{} did not come back Ready at {want} within 5 minutes ({last}); the kubelet's last lines:\n{}",
                ctx.host.name,
                journal.trim()
            )))
        })
    }
}

/// Uncordon what the drain cordoned.
struct Uncordon;

impl Step for Uncordon {
    fn id(&self) -> &'static str {
        "uncordon"
    }
    fn describe(&self) -> &'static str {
        "uncordon the node (only when tcs cordoned it)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, _ctx: &HostCtx) -> Value {
        json!({})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let state = node_state(ctx).await?;
            Ok(if state.cordoned_by_tcs {
                Check::Needed("cordoned for the upgrade".into())
            } else {
                Check::Done
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let name = shell_quote(&ctx.host.name);
            for args in [
                format!("uncordon {name}"),
                format!("annotate node {name} {CORDONED_ANNOTATION}-"),
            ] {
                let out = kubectl(ctx, &args, 60).await?;
                if !out.success() {
                    return Err(fail(format!("kubectl {args}: {}", out.stderr.trim())));
                }
            }
            Ok(())
        })
    }
}

/// etcd restarted on its new binary, then every member healthy.
struct EtcdRestart;

impl Step for EtcdRestart {
    fn id(&self) -> &'static str {
        "etcd-restart"
    }
    fn describe(&self) -> &'static str {
        "restart the member on the bundle's etcd and wait until every member is healthy"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        super::etcd::member(ctx)
    }
    fn inputs(&self, _ctx: &HostCtx) -> Value {
        json!({})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            Ok(if runs_current_binary(ctx, "etcd").await? {
                Check::Done
            } else {
                Check::Needed("etcd runs a replaced binary (or is stopped)".into())
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            run_root(ctx, "systemctl restart etcd").await?;
            let mut last = String::new();
            for _ in 0..30 {
                tokio::time::sleep(Duration::from_secs(2)).await;
                let h = super::etcd::cluster_health(ctx).await?;
                let members = ctx.cluster.etcd_hosts().len();
                if h.healthy.len() == members && h.unexpected.is_empty() {
                    return Ok(());
                }
                last = format!("{} of {members} members healthy", h.healthy.len());
            }
            Err(fail(format!(
                "etcd on {} restarted but the cluster is not healthy after 60 s: {last}",
                ctx.host.name
            )))
        })
    }
}

// ---- preconditions ------------------------------------------------------------------------

/// A parsed `v1.36.4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    /// Major.
    pub major: u32,
    /// Minor.
    pub minor: u32,
    /// Patch.
    pub patch: u32,
}

impl Release {
    /// `1.36.4`, `v1.36.4`, `v1.36.4+k3s1`: None when not a release.
    pub fn parse(s: &str) -> Option<Release> {
        let s = s.trim().trim_start_matches('v');
        let core = s.split(['-', '+']).next()?;
        let mut it = core.split('.');
        let r = Release {
            major: it.next()?.parse().ok()?,
            minor: it.next()?.parse().ok()?,
            patch: it.next()?.parse().ok()?,
        };
        it.next().is_none().then_some(r)
    }
}

impl std::fmt::Display for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Kubernetes' version-skew policy for an upgrade to `target` of a cluster whose API servers
/// run `apis` and whose kubelets run `kubelets` (host, version): one minor at a time (from the
/// oldest API server), never down (from the newest), kubelets never newer than the newest API
/// server nor more than three minors behind the target. A half-finished upgrade (API servers at
/// the target and before it) passes, so `--resume` can finish it. `Ok(true)` when there is
/// something to do.
pub fn version_skew(
    apis: &[(String, Release)],
    kubelets: &[(String, Release)],
    target: Release,
) -> Result<bool, String> {
    let (Some(oldest), Some(newest)) = (
        apis.iter().map(|(_, r)| *r).min(),
        apis.iter().map(|(_, r)| *r).max(),
    ) else {
        return Err("no API server version could be read".into());
    };
    let running = |r: Release| {
        apis.iter()
            .filter(|(_, v)| *v == r)
            .map(|(h, _)| h.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if target.major != newest.major {
        return Err(format!(
            "the cluster runs {newest}; {target} is another major version"
        ));
    }
    if target < newest {
        return Err(format!(
            "the API server of {} runs {newest}, newer than {target}: tcs never downgrades",
            running(newest)
        ));
    }
    if target.minor > oldest.minor + 1 {
        return Err(format!(
            "the API server of {} runs {oldest}; Kubernetes upgrades one minor version at a time: upgrade to v{}.{}.x first, then to {target}",
            running(oldest),
            oldest.major,
            oldest.minor + 1
        ));
    }
    for (node, k) in kubelets {
        if *k > newest {
            return Err(format!(
                "the kubelet of {node} runs {k}, newer than every API server ({newest}): the cluster is outside the skew policy"
            ));
        }
        if k.minor + 3 < target.minor {
            return Err(format!(
                "the kubelet of {node} runs {k}: more than three minor versions behind {target}; upgrade its node first"
            ));
        }
    }
    Ok(oldest != target || kubelets.iter().any(|(_, k)| *k != target))
}

/// Whether `healthy` of `members` etcd members leave quorum to spare: one more member may stop
/// (for an etcd restart) and a majority still answers. A single member has nothing to spare
/// and passes when it is healthy.
pub fn quorum_to_spare(healthy: usize, members: usize) -> bool {
    if members <= 1 {
        return healthy == members;
    }
    healthy.saturating_sub(1) > members / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Release {
        Release::parse(s).unwrap()
    }

    #[test]
    fn the_skew_policy_allows_one_minor_at_a_time_and_never_down() {
        let k = |v: &str| vec![("n1".to_string(), r(v))];
        let a = |v: &str| vec![("cp1".to_string(), r(v)), ("cp2".to_string(), r(v))];
        let skew =
            |api: &str, kubelet: &str, target: &str| version_skew(&a(api), &k(kubelet), r(target));
        assert_eq!(skew("1.35.4", "1.35.4", "1.36.4"), Ok(true));
        assert_eq!(skew("1.35.4", "1.35.4", "1.35.6"), Ok(true));
        assert_eq!(skew("1.36.4", "1.36.4", "1.36.4"), Ok(false));
        // Half-finished upgrades: API servers at the target, a kubelet behind; or one API server
        // and its kubelet at the target, the other API server not yet.
        assert_eq!(skew("1.36.4", "1.35.4", "1.36.4"), Ok(true));
        let mixed = vec![
            ("cp1".to_string(), r("1.36.4")),
            ("cp2".to_string(), r("1.35.4")),
        ];
        let kubelets = vec![
            ("cp1".to_string(), r("1.36.4")),
            ("cp2".to_string(), r("1.35.4")),
        ];
        assert_eq!(version_skew(&mixed, &kubelets, r("1.36.4")), Ok(true));
        let two = skew("1.35.4", "1.35.4", "1.37.2").unwrap_err();
        assert!(
            two.contains("cp1, cp2 runs v1.35.4")
                && two.contains("one minor version at a time: upgrade to v1.36.x first"),
            "{two}"
        );
        let two = version_skew(&mixed, &kubelets, r("1.37.0")).unwrap_err();
        assert!(two.contains("of cp2 runs v1.35.4"), "{two}");
        let down = skew("1.36.4", "1.36.4", "1.35.4").unwrap_err();
        assert!(down.contains("never downgrades"), "{down}");
        let newer = skew("1.35.4", "1.36.0", "1.36.4").unwrap_err();
        assert!(newer.contains("newer than every API server"), "{newer}");
        let old = skew("1.36.4", "1.33.1", "1.37.0").unwrap_err();
        assert!(old.contains("more than three minor versions"), "{old}");
        assert!(version_skew(&[], &k("1.36.4"), r("1.36.4")).is_err());
    }

    #[test]
    fn releases_parse_as_kubernetes_prints_them() {
        assert_eq!(r("v1.36.4").to_string(), "v1.36.4");
        assert_eq!(r("1.36.4+k3s1"), r("1.36.4"));
        assert!(Release::parse("1.36").is_none());
        assert!(Release::parse("latest").is_none());
    }

    #[test]
    fn quorum_to_spare_means_one_more_member_may_stop() {
        assert!(quorum_to_spare(3, 3));
        assert!(!quorum_to_spare(2, 3));
        assert!(quorum_to_spare(4, 5));
        assert!(!quorum_to_spare(3, 5));
        assert!(quorum_to_spare(1, 1));
        assert!(!quorum_to_spare(0, 1));
    }

    #[test]
    fn drain_blockers_name_the_pods_and_the_reason() {
        let out = "node/b3 cordoned\nevicting pod default/web-1\nerror when evicting pods/\"web-1\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\nerror when evicting pods/\"web-1\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\nThere are pending pods in node \"b3\" when an error occurred: drain did not complete within 10s\n";
        assert_eq!(
            drain_blockers(out),
            ["web-1 in default: a PodDisruptionBudget allows no disruption"]
        );
        let bare = "error: unable to drain node \"b3\" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/client";
        assert_eq!(drain_blockers(bare).len(), 1);
        assert!(drain_blockers(bare)[0].contains("default/client"));
    }

    #[test]
    fn drains_leave_daemonset_mirror_and_finished_pods() {
        let pods = json!({"items": [
            {"metadata": {"namespace": "default", "name": "web", "ownerReferences": [{"kind": "ReplicaSet"}]}, "status": {"phase": "Running"}},
            {"metadata": {"namespace": "kube-system", "name": "proxy", "ownerReferences": [{"kind": "DaemonSet"}]}, "status": {"phase": "Running"}},
            {"metadata": {"namespace": "kube-system", "name": "kube-vip-b1", "annotations": {"kubernetes.io/config.mirror": "x"}}, "status": {"phase": "Running"}},
            {"metadata": {"namespace": "default", "name": "job-1"}, "status": {"phase": "Succeeded"}}
        ]});
        assert_eq!(evictable(&pods), ["default/web"]);
    }
}
