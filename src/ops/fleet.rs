//! The fleet held by a global cluster: join and unjoin members, propagate with Karmada's
//! policies, report status, and run the federation controller.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;

use super::Workspace;
use crate::fed::Inputs;
use crate::federation::controller::{Elector, LoopEvent, LoopOptions, watch_triggers};
use crate::federation::{self, FedApplyReport, JoinRequest, StatusRow};
use crate::kube::{Applier, ApplyEvent};

/// Reports an apply event of a fleet operation.
pub type OnEvent<'a> = &'a (dyn Fn(&ApplyEvent) + Sync);

impl Workspace {
    /// The kubeconfig of the inventory's global cluster, which must be installed.
    pub fn global_kubeconfig(&self) -> anyhow::Result<PathBuf> {
        let cluster = self
            .global_cluster()
            .context("the inventory has no global cluster")?;
        let path = self.kubeconfig_path(&cluster.name);
        if !path.exists() {
            bail!(
                "the global cluster {} has no kubeconfig at {} (is it installed?); or pass --global-kubeconfig FILE",
                cluster.name,
                path.display()
            );
        }
        Ok(path)
    }
}

async fn global_applier(global_kubeconfig: &Path) -> anyhow::Result<Applier> {
    Ok(Applier::new(
        crate::kube::client_from_kubeconfig(global_kubeconfig).await?,
        "tcs",
    ))
}

async fn member_client(
    kubeconfig: &Path,
    context: Option<&str>,
) -> anyhow::Result<(::kube::Client, String)> {
    crate::tls::install_crypto_provider();
    let kc = ::kube::config::Kubeconfig::read_from(kubeconfig)
        .with_context(|| format!("reading kubeconfig {}", kubeconfig.display()))?;
    let opts = ::kube::config::KubeConfigOptions {
        context: context.map(str::to_string),
        ..Default::default()
    };
    let config = ::kube::Config::from_custom_kubeconfig(kc, &opts)
        .await
        .with_context(|| format!("kubeconfig {}", kubeconfig.display()))?;
    let endpoint = config
        .cluster_url
        .to_string()
        .trim_end_matches('/')
        .to_string();
    Ok((::kube::Client::try_from(config)?, endpoint))
}

/// A member joined.
#[derive(Debug, Serialize)]
pub struct Joined {
    /// Its name in the fleet.
    pub name: String,
    /// Its status there (Kubernetes version, conditions, nodes).
    pub status: serde_json::Value,
}

impl std::fmt::Display for Joined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "cluster {} joined the fleet ({}, {})",
            self.name,
            self.status["kubernetesVersion"].as_str().unwrap_or("?"),
            self.status["conditions"][0]["message"]
                .as_str()
                .unwrap_or("")
        )
    }
}

/// Joins the cluster `member_kubeconfig` reaches (its `context`, else the current one) to the
/// fleet of the global cluster, as `req` names and labels it.
pub fn join(
    global_kubeconfig: &Path,
    req: JoinRequest,
    member_kubeconfig: &Path,
    context: Option<&str>,
    on_event: OnEvent,
) -> anyhow::Result<Joined> {
    super::runtime()?.block_on(async {
        let (member, endpoint) = member_client(member_kubeconfig, context).await?;
        let req = JoinRequest { endpoint, ..req };
        let applier = global_applier(global_kubeconfig).await?;
        let status = federation::join(&applier, member, &req, &|e| on_event(&e)).await?;
        Ok(Joined {
            name: req.name,
            status,
        })
    })
}

/// What an unjoin did.
#[derive(Debug, Clone, Serialize)]
pub struct Unjoined {
    /// The member.
    pub name: String,
    /// tcs's identity was removed from the member (false: it was unreachable).
    pub cleaned: bool,
    /// Propagated objects deleted from the member (with prune).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pruned: Option<usize>,
}

impl std::fmt::Display for Unjoined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cluster {} left the fleet", self.name)?;
        if let Some(n) = self.pruned {
            write!(f, "; {n} propagated objects deleted")?;
        }
        if !self.cleaned {
            write!(
                f,
                "; the member was unreachable: delete namespace tcs-fleet and ClusterRoleBinding tcs-fleet-agent there yourself"
            )?;
        }
        writeln!(f)
    }
}

/// Removes member `name` from the fleet; with `prune`, first deletes what federation
/// propagated to it (which needs the member reachable).
pub fn unjoin(
    global_kubeconfig: &Path,
    name: &str,
    prune: bool,
    on_event: OnEvent,
) -> anyhow::Result<Unjoined> {
    let connector = federation::token_connector();
    super::runtime()?.block_on(async {
        let applier = global_applier(global_kubeconfig).await?;
        let member = federation::connect_member(&applier, name, &connector).await;
        let mut pruned = None;
        if prune {
            let member = member
                .as_ref()
                .map_err(|e| anyhow::anyhow!("--prune needs the member: {e}"))?;
            pruned = Some(
                federation::prune_member(&applier, name, member.clone(), &|e| on_event(&e)).await?,
            );
        }
        let cleaned = federation::unjoin(&applier, name, member.ok(), &|e| on_event(&e)).await?;
        Ok(Unjoined {
            name: name.to_string(),
            cleaned,
            pruned,
        })
    })
}

/// Files and directories (every *.yaml / *.yml inside, sorted) as a file list.
pub fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read directory {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Policy and resource files for `fed apply`: loaded, checked, namespaced objects defaulted
/// to `namespace`. Cluster objects are refused: the fleet's clusters come from the registry.
pub struct FedFiles {
    /// The files, expanded from the paths given.
    pub files: Vec<PathBuf>,
    /// What they hold.
    pub inputs: Inputs,
    /// The namespace of namespaced objects that name none.
    pub namespace: String,
}

impl FedFiles {
    /// Loads `paths` (files or directories).
    pub fn load(paths: &[PathBuf], namespace: &str) -> anyhow::Result<FedFiles> {
        let files = expand(paths)?;
        let inputs = crate::fed::load_files_in(&files, namespace)?;
        if !inputs.clusters.is_empty() {
            bail!(
                "the files hold Cluster objects: with fed apply the fleet's clusters come from the global cluster (tcs cluster join); remove them"
            );
        }
        Ok(FedFiles {
            files,
            inputs,
            namespace: namespace.to_string(),
        })
    }
}

/// What `fed apply --store` kept in the global cluster.
#[derive(Debug, Serialize)]
pub struct Stored {
    /// Policies.
    pub policies: usize,
    /// Resource templates.
    pub templates: usize,
}

impl std::fmt::Display for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "stored {} and {} in the global cluster; the federation controller applies them",
            crate::text::count(self.policies, "policy"),
            crate::text::count(self.templates, "resource template")
        )
    }
}

/// Stores the files' policies and resource templates in the global cluster for the
/// federation controller.
pub fn store(
    global_kubeconfig: &Path,
    files: &FedFiles,
    on_event: OnEvent,
) -> anyhow::Result<Stored> {
    let mut objects = Vec::new();
    for f in &files.files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        for m in crate::kube::parse_documents(&text, &f.display().to_string())? {
            objects.push(m.value);
        }
    }
    // Stored as planned: with the namespace they default to.
    crate::fed::default_namespaces(objects.iter_mut(), &files.namespace);
    super::runtime()?.block_on(async {
        let applier = global_applier(global_kubeconfig).await?;
        let (policies, templates) =
            federation::controller::store(&applier, &objects, &|e| on_event(&e)).await?;
        Ok(Stored {
            policies,
            templates,
        })
    })
}

/// Plans the files (and, with `from_cluster`, what is stored in the global cluster) against
/// the fleet and applies each member's objects, pruning what a member no longer gets.
pub fn apply(
    global_kubeconfig: &Path,
    files: FedFiles,
    from_cluster: bool,
    on_event: OnEvent,
) -> anyhow::Result<FedApplyReport> {
    let connector = federation::token_connector();
    super::runtime()?.block_on(async {
        let applier = global_applier(global_kubeconfig).await?;
        let mut inputs = files.inputs;
        // Capacity-based division reads the members' resource summaries: bring them up to date.
        federation::controller::refresh_all(&applier, &connector).await?;
        if from_cluster {
            let stored = federation::controller::stored_inputs(&applier).await?;
            inputs
                .propagation_policies
                .extend(stored.propagation_policies);
            inputs
                .cluster_propagation_policies
                .extend(stored.cluster_propagation_policies);
            inputs.override_policies.extend(stored.override_policies);
            inputs
                .cluster_override_policies
                .extend(stored.cluster_override_policies);
            inputs.resources.extend(stored.resources);
        }
        Ok(federation::apply_plan(&applier, inputs, &connector, &|e| on_event(&e)).await?)
    })
}

/// Per resource and member: desired, applied and ready replicas, and the last error.
pub fn status(global_kubeconfig: &Path, filter: Option<&str>) -> anyhow::Result<Vec<StatusRow>> {
    let connector = federation::token_connector();
    super::runtime()?.block_on(async {
        let applier = global_applier(global_kubeconfig).await?;
        Ok(federation::fed_status(&applier, &connector, filter).await?)
    })
}

/// How the federation controller runs.
#[derive(Debug, Clone)]
pub struct ControllerOptions {
    /// The global cluster's kubeconfig (default: the in-cluster ServiceAccount).
    pub kubeconfig: Option<PathBuf>,
    /// This replica's name in the Lease (default: $POD_NAME, else the host name).
    pub identity: Option<String>,
    /// Lease duration (at least 3 s).
    pub lease_duration: Duration,
    /// Reconcile at least this often (at least 5 s).
    pub resync: Duration,
    /// Elect a leader through the Lease.
    pub leader_election: bool,
}

/// Runs the federation controller until SIGTERM or Ctrl-C.
pub fn controller(
    opts: &ControllerOptions,
    on_event: &(dyn Fn(&LoopEvent) + Sync),
) -> anyhow::Result<()> {
    let identity = opts
        .identity
        .clone()
        .or_else(|| std::env::var("POD_NAME").ok())
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "tcs-fed-controller".into());
    super::runtime()?.block_on(async {
        crate::tls::install_crypto_provider();
        let client = match &opts.kubeconfig {
            Some(p) => crate::kube::client_from_kubeconfig(p).await?,
            None => ::kube::Client::try_default().await.context(
                "no kubeconfig given and not running in a cluster: pass --inventory or --global-kubeconfig",
            )?,
        };
        let applier = Applier::new(client.clone(), "tcs");
        let elector = opts.leader_election.then(|| {
            Elector::new(
                client.clone(),
                federation::FLEET_NAMESPACE,
                "tcs-fed-controller",
                &identity,
                opts.lease_duration.max(Duration::from_secs(3)),
            )
        });
        let options = LoopOptions {
            resync: opts.resync.max(Duration::from_secs(5)),
            ..Default::default()
        };
        let report = |e: LoopEvent| {
            match &e {
                LoopEvent::Leading => {
                    tracing::info!(identity = %identity, "leading: reconciling the fleet")
                }
                LoopEvent::Standby => {
                    tracing::info!(identity = %identity, "standby: another replica holds the lease")
                }
                LoopEvent::Reconciled { complete } => tracing::info!(complete, "reconciled"),
                LoopEvent::Failed { message, retry_in } => {
                    tracing::error!(error = %message, retry_in = ?retry_in, "reconcile failed")
                }
            }
            on_event(&e);
        };
        let connector = federation::token_connector();
        federation::controller::run(
            &applier,
            &connector,
            elector.as_ref(),
            watch_triggers(client),
            options,
            terminated(),
            &report,
        )
        .await;
        anyhow::Ok(())
    })
}

async fn terminated() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match term.as_mut() {
                Some(t) => { t.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}

/// A fed apply for people: per resource and member what was done, then what was not.
impl std::fmt::Display for FedApplyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let report = self;
        let rows = report.outcomes.iter().map(|o| {
            let replicas = o.replicas.map(|r| format!(" ({r} replicas)"));
            let message = (!o.message.is_empty()).then(|| format!(": {}", o.message));
            vec![
                o.action.to_string(),
                o.cluster.clone(),
                format!(
                    "{}{}{}",
                    o.resource,
                    replicas.unwrap_or_default(),
                    message.unwrap_or_default()
                ),
            ]
        });
        let mut text = crate::text::table(&["ACTION", "CLUSTER", "RESOURCE"], rows);
        for u in &report.unreachable {
            text.push_str(&format!("unreachable: {u} (retried by the next apply)\n"));
        }
        for e in &report.plan_errors {
            text.push_str(&format!("not planned: {e}\n"));
        }
        for w in &report.plan_warnings {
            text.push_str(&format!("warning: {w}\n"));
        }
        f.write_str(&text)
    }
}

/// Federation status for people: one line per resource and member.
pub fn render_status(rows: &[StatusRow]) -> String {
    let dash = |n: Option<i64>| n.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let header = [
        "RESOURCE", "CLUSTER", "DESIRED", "APPLIED", "READY", "ERROR",
    ];
    let lines = rows.iter().map(|r| {
        vec![
            r.resource.clone(),
            r.cluster.clone(),
            dash(r.desired),
            if r.applied { "yes" } else { "no" }.to_string(),
            dash(r.ready),
            r.error.clone(),
        ]
    });
    crate::text::table(&header, lines)
}

/// Where a fleet operation goes: tcs's registry in the global cluster (its kubeconfig), or
/// Karmada (karmada-apiserver's kubeconfig).
#[derive(Debug, Clone, PartialEq)]
pub enum FleetTarget {
    /// tcs's own engine.
    Tcs(PathBuf),
    /// Karmada's control plane.
    Karmada(PathBuf),
}

impl Workspace {
    /// The fleet's backend as the inventory says: the global cluster's `fleet.backend`.
    pub fn fleet_backend(&self) -> crate::inventory::FleetBackend {
        self.global_cluster()
            .and_then(|c| c.fleet.as_ref())
            .map(|f| f.backend)
            .unwrap_or_default()
    }

    /// The kubeconfig tcs keeps for karmada-apiserver (the karmada addon of the global
    /// cluster), which must have been enabled.
    pub fn karmada_kubeconfig(&self) -> anyhow::Result<PathBuf> {
        let cluster = self
            .global_cluster()
            .context("the inventory has no global cluster")?;
        let path = crate::addon::api_server::kubeconfig_path(
            &self.state,
            &cluster.name,
            KARMADA_API_SERVER,
        );
        if !path.exists() {
            bail!(
                "no kubeconfig for Karmada at {} (enable it: `tcs addon enable karmada --cluster {} -f {}`), or pass --karmada-kubeconfig FILE",
                path.display(),
                cluster.name,
                self.path().display()
            );
        }
        Ok(path)
    }
}

/// The API server of the karmada addon (`apiServer.name` in its addon.yaml).
pub const KARMADA_API_SERVER: &str = "karmada-apiserver";

async fn karmada_applier(kubeconfig: &Path) -> anyhow::Result<Applier> {
    Ok(Applier::new(
        crate::kube::client_from_kubeconfig(kubeconfig).await?,
        "tcs",
    ))
}

pub use crate::inventory::JoinMode;

/// The image of karmada-agent the karmada addon pins (its `memberImages`).
pub fn default_agent_image() -> anyhow::Result<String> {
    let catalog = crate::addon::Catalog::builtin()?;
    catalog
        .get("karmada")?
        .meta
        .member_images
        .iter()
        .find(|i| i.contains("karmada-agent"))
        .cloned()
        .context("the karmada addon names no karmada-agent image")
}

/// Joins a member to Karmada, in push mode (as `karmadactl join`) or pull mode (karmada-agent
/// in the member, as `karmadactl register`; `agent_image` runs there), and waits until Karmada
/// finds it Ready.
pub fn join_karmada(
    karmada_kubeconfig: &Path,
    req: JoinRequest,
    member_kubeconfig: &Path,
    context: Option<&str>,
    mode: JoinMode,
    agent_image: &str,
    on_event: OnEvent,
) -> anyhow::Result<Joined> {
    super::runtime()?.block_on(async {
        let (member, endpoint) = member_client(member_kubeconfig, context).await?;
        let req = JoinRequest { endpoint, ..req };
        let karmada = karmada_applier(karmada_kubeconfig).await?;
        let wait = Duration::from_secs(180);
        let on = |e: ApplyEvent| on_event(&e);
        let status = match mode {
            JoinMode::Push => {
                federation::karmada::join_push(&karmada, member, &req, wait, &on).await?
            }
            JoinMode::Pull => {
                let text = std::fs::read_to_string(karmada_kubeconfig)
                    .with_context(|| format!("reading {}", karmada_kubeconfig.display()))?;
                let access = crate::kubeconfig::access(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", karmada_kubeconfig.display()))?;
                let agent = federation::karmada::Agent {
                    karmada_server: access.server.clone(),
                    karmada_ca: access
                        .ca_pem
                        .map(|c| String::from_utf8_lossy(&c).into_owned())
                        .context("the Karmada kubeconfig names no certificate authority")?,
                    image: agent_image.to_string(),
                };
                federation::karmada::join_pull(&karmada, member, &req, &agent, wait, &on).await?
            }
        };
        Ok(Joined {
            name: req.name,
            status,
        })
    })
}

/// Removes a member from Karmada (a pull-mode member's agent through `member_kubeconfig`).
/// Karmada deletes the member's Works, and with them what it propagated there, whether or not
/// `prune` was asked for; tcs's identity in the member stays (`cleaned` false) — it is the one
/// tcs's own engine would use.
pub fn unjoin_karmada(
    karmada_kubeconfig: &Path,
    name: &str,
    member_kubeconfig: Option<&Path>,
    on_event: OnEvent,
) -> anyhow::Result<Unjoined> {
    super::runtime()?.block_on(async {
        let karmada = karmada_applier(karmada_kubeconfig).await?;
        let member = match member_kubeconfig {
            Some(k) => Some(member_client(k, None).await?.0),
            None => None,
        };
        if !federation::karmada::unjoin(&karmada, name, member, &|e| on_event(&e)).await? {
            bail!("cluster {name} is not a member of Karmada");
        }
        Ok(Unjoined {
            name: name.to_string(),
            cleaned: false,
            pruned: None,
        })
    })
}

/// What `tcs fed apply --backend karmada` did.
#[derive(Debug, Serialize)]
pub struct KarmadaApplied {
    /// Objects applied to karmada-apiserver, `Kind namespace/name`.
    pub applied: Vec<String>,
}

impl std::fmt::Display for KarmadaApplied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for a in &self.applied {
            writeln!(f, "applied {a}")?;
        }
        writeln!(
            f,
            "{} objects applied to Karmada; it places them (`tcs fed status --backend karmada`)",
            self.applied.len()
        )
    }
}

/// Applies the policy and resource files, as they are, to karmada-apiserver (namespaced
/// objects without a namespace get `files.namespace`, as `fed plan` defaults them).
pub fn apply_karmada(
    karmada_kubeconfig: &Path,
    files: &FedFiles,
    on_event: OnEvent,
) -> anyhow::Result<KarmadaApplied> {
    let mut objects = Vec::new();
    for file in &files.files {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        objects.extend(crate::kube::parse_documents(
            &text,
            &file.display().to_string(),
        )?);
    }
    crate::fed::load::default_namespaces(
        objects.iter_mut().map(|m| &mut m.value),
        &files.namespace,
    );
    super::runtime()?.block_on(async {
        let karmada = karmada_applier(karmada_kubeconfig).await?;
        let applied = federation::karmada::apply(&karmada, &objects, &|e| on_event(&e)).await?;
        Ok(KarmadaApplied {
            applied: applied.iter().map(|r| r.to_string()).collect(),
        })
    })
}

/// `tcs fed status` from Karmada's ResourceBindings and Works.
pub fn status_karmada(
    karmada_kubeconfig: &Path,
    filter: Option<&str>,
) -> anyhow::Result<Vec<StatusRow>> {
    super::runtime()?.block_on(async {
        let karmada = karmada_applier(karmada_kubeconfig).await?;
        Ok(federation::karmada::status(&karmada, filter).await?)
    })
}

/// Where a fleet command goes: `backend` as asked, else as the inventory says, else tcs's own;
/// the kubeconfig given, else the one tcs keeps for the inventory's global cluster (tcs) or
/// its karmada addon (Karmada).
pub fn fleet_target(
    ws: Option<&Workspace>,
    backend: Option<crate::inventory::FleetBackend>,
    global_kubeconfig: Option<&Path>,
    karmada_kubeconfig: Option<&Path>,
) -> anyhow::Result<FleetTarget> {
    use crate::inventory::FleetBackend;
    let backend = backend
        .or(ws.map(Workspace::fleet_backend))
        .unwrap_or_default();
    match backend {
        FleetBackend::Tcs => Ok(FleetTarget::Tcs(match (global_kubeconfig, ws) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(ws)) => ws.global_kubeconfig()?,
            (None, None) => bail!(
                "say where the global cluster is: an inventory (its global cluster) or --global-kubeconfig FILE"
            ),
        })),
        FleetBackend::Karmada => Ok(FleetTarget::Karmada(match (karmada_kubeconfig, ws) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(ws)) => ws.karmada_kubeconfig()?,
            (None, None) => bail!(
                "say where Karmada is: an inventory (the karmada addon of its global cluster) or --karmada-kubeconfig FILE"
            ),
        })),
    }
}
