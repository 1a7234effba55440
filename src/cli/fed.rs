//! `tcs fed plan`: what each member cluster gets, offline, from Karmada policy files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::output::{print_data, write_stdout};
use crate::fed::{self, Plan};

/// Federation commands.
#[derive(Debug, Subcommand)]
pub enum FedCommand {
    /// Plan propagation with Karmada's PropagationPolicy/OverridePolicy semantics, offline.
    #[command(
        after_help = "Reads multi-document YAML: Karmada Clusters (cluster.karmada.io/v1alpha1), \
(Cluster)PropagationPolicies and (Cluster)OverridePolicies (policy.karmada.io/v1alpha1), \
ResourceBindings (work.karmada.io/v1alpha2) as the previous placement, and any other objects as \
resources to propagate, in any order and any number of files. Namespaced objects without \
metadata.namespace (resources and policies alike, as files for kubectl apply are written) go to \
-n NAMESPACE, default \"default\"; cluster-scoped kinds stay cluster-scoped (a custom kind by its \
CRD among the inputs). Exit status 1 when some resource or cluster could not be planned (see \
\"errors\"); the rest is still planned.\n\nExamples:\n  \
tcs fed plan -f examples/federation/\n  tcs fed plan -f karmada-samples/ -n team-a\n  tcs fed plan -f clusters.yaml -f policies.yaml -f app.yaml -o json\n  \
tcs fed plan -f examples/federation/ --output-dir gitops/"
    )]
    Plan(PlanArgs),
    /// Propagate to the fleet: plan, server-side apply each member's objects, prune, record.
    #[command(
        after_help = "Clusters come from the fleet registry in the global cluster (tcs cluster join); the files hold \
Karmada PropagationPolicies/OverridePolicies and the resources to propagate. Each member's objects are \
server-side applied as field manager tcs-fed and annotated with their resource template; objects a member no \
longer gets are deleted there; each resource's placement is recorded as a Karmada ResourceBinding in the \
global cluster (namespace tcs-fleet), which the next apply reads so that scaling keeps a steady assignment. \
An unreachable member is reported and caught up by the next apply; the others proceed. Exit status 1 when \
anything was not applied.\n\nExamples:\n  tcs fed apply -f examples/federation/policies.yaml -f examples/federation/resources.yaml --inventory inventory.yaml\n  \
tcs fed apply -f app/ --global-kubeconfig global.conf -o json"
    )]
    Apply(super::fleet::ApplyArgs),
    /// Per resource and member: desired, applied and ready replicas, and the last error.
    #[command(
        after_help = "Exit status 1 when something is not applied.\n\nExamples:\n  tcs fed status --inventory inventory.yaml\n  tcs fed status shop/web --global-kubeconfig global.conf -o json"
    )]
    Status(super::fleet::StatusArgs),
    /// Run the federation reconciler: watch the global cluster, plan and apply continuously.
    #[command(
        after_help = "Reads what `tcs fed apply --store` keeps in the global cluster (Karmada policy objects, resource \
templates wrapped in ConfigMaps in namespace tcs-fed-templates so they do not run there) and the fleet registry; \
reconciles after every change (debounced), every --resync seconds, and after failures with exponential backoff. \
Replicas elect a leader through Lease tcs-fleet/tcs-fed-controller, so two or more can run safely. \
`tcs addon enable federation` runs it in the global cluster.\n\nExamples:\n  \
tcs fed controller --inventory inventory.yaml\n  tcs fed controller            # in a Pod: the in-cluster ServiceAccount"
    )]
    Controller(super::fleet::ControllerArgs),
}

/// Arguments of `tcs fed plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Input files or directories (every *.yaml / *.yml inside, sorted).
    #[arg(short = 'f', long = "file", value_name = "PATH", required = true)]
    pub files: Vec<PathBuf>,
    /// Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The namespace of namespaced objects (resources and policies) that name none, as
    /// `kubectl apply -n`.
    #[arg(short = 'n', long, value_name = "NAMESPACE", default_value = crate::fed::DEFAULT_NAMESPACE)]
    pub namespace: String,
}

/// Runs a federation command.
pub fn run(cmd: FedCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        FedCommand::Plan(args) => plan(args, global),
        FedCommand::Apply(args) => super::fleet::apply(args, global),
        FedCommand::Status(args) => super::fleet::status(args, global),
        FedCommand::Controller(args) => super::fleet::controller(args, global),
    }
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

fn plan(args: PlanArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let files = expand(&args.files)?;
    let inputs = fed::load_files_in(&files, &args.namespace)?;
    let plan = fed::plan(&inputs);
    if let Some(dir) = &args.output_dir {
        write_tree(&plan, dir)?;
    }
    if !print_data(global.output, &plan)? {
        write_stdout(&render(&plan))?;
    }
    Ok(if plan.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_tree(plan: &Plan, dir: &std::path::Path) -> anyhow::Result<()> {
    for (cluster, objects) in &plan.clusters {
        let cdir = dir.join(cluster);
        std::fs::create_dir_all(&cdir)
            .with_context(|| format!("cannot create {}", cdir.display()))?;
        for obj in objects {
            let s = |p: &str| {
                obj.pointer(p)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let file = cdir.join(format!(
                "{}_{}_{}.yaml",
                s("/kind"),
                s("/metadata/namespace"),
                s("/metadata/name")
            ));
            let text = serde_saphyr::to_string(obj).context("cannot render YAML")?;
            std::fs::write(&file, text)
                .with_context(|| format!("cannot write {}", file.display()))?;
        }
    }
    Ok(())
}

/// The plan for people: one line per resource, then problems.
fn render(plan: &Plan) -> String {
    let mut text = String::new();
    for p in &plan.placements {
        let r = &p.resource;
        let name = match &r.namespace {
            Some(ns) => format!("{ns}/{}", r.name),
            None => r.name.clone(),
        };
        let policy = match &p.policy {
            Some(pol) => match &pol.namespace {
                Some(ns) => format!("{} {ns}/{}", pol.kind, pol.name),
                None => format!("{} {}", pol.kind, pol.name),
            },
            None => console::style("no policy").dim().to_string(),
        };
        let targets: Vec<String> = p
            .clusters
            .iter()
            .map(|c| match c.replicas {
                Some(n) => format!("{}({n})", c.name),
                None => c.name.clone(),
            })
            .collect();
        text.push_str(&format!(
            "{} {} {name}  <- {policy}  -> {}\n",
            r.api_version,
            r.kind,
            if targets.is_empty() {
                "-".to_string()
            } else {
                targets.join(" ")
            }
        ));
    }
    for e in &plan.errors {
        let r = &e.resource;
        text.push_str(&format!(
            "{} {} {}{}: {}\n",
            console::style("error:").red().bold(),
            r.kind,
            r.name,
            e.cluster
                .as_ref()
                .map(|c| format!(" in {c}"))
                .unwrap_or_default(),
            e.message
        ));
    }
    for w in &plan.warnings {
        text.push_str(&format!(
            "{} {w}\n",
            console::style("warning:").yellow().bold()
        ));
    }
    let objects: usize = plan.clusters.values().map(Vec::len).sum();
    text.push_str(&format!(
        "{}, {} in {}, {}\n",
        crate::text::count(plan.placements.len(), "resource"),
        crate::text::count(objects, "member object"),
        crate::text::count(plan.clusters.len(), "cluster"),
        crate::text::count(plan.errors.len(), "error")
    ));
    text
}
