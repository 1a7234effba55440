//! Federation engine with Karmada's policy API and semantics: which policy claims a resource,
//! which clusters get it with how many replicas, what overrides change, and the exact object each
//! member cluster receives. Pure and offline; `tcs fed plan` renders it.
//!
//! The rules follow Karmada's implementation; see `shared/research/karmada-semantics.md` and the
//! comments naming Karmada's source files in each module.

pub mod divide;
pub mod image;
pub mod load;
pub mod matching;
pub mod overrides;
pub mod render;
pub mod schedule;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

pub use load::{
    DEFAULT_NAMESPACE, Inputs, LoadError, default_namespaces, load_files, load_files_in, load_str,
};
use matching::{ImplicitPriority, selectors_priority};
use render::PolicyRef;
use types::PropagationPolicy;

/// A resource template: any Kubernetes object, with the fields the engine reads pulled out.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The object as written.
    pub value: Value,
    /// apiVersion.
    pub api_version: String,
    /// Kind.
    pub kind: String,
    /// Namespace (empty when cluster-scoped).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Labels.
    pub labels: BTreeMap<String, String>,
    /// Annotations.
    pub annotations: BTreeMap<String, String>,
    /// metadata.uid.
    pub uid: String,
    /// metadata.generation.
    pub generation: i64,
    /// Replicas, for kinds that have them (Deployment, ReplicaSet, StatefulSet: spec.replicas;
    /// Job: spec.parallelism, at most spec.completions; Pod: 1).
    pub replicas: Option<i64>,
    /// Per-replica resource requests in milli-units, when the pod template requests any.
    pub requests: Option<BTreeMap<String, i128>>,
}

impl Template {
    /// Reads the fields the engine needs from an object.
    pub fn from_value(value: Value) -> Result<Template, String> {
        let s = |p: &str| {
            value
                .pointer(p)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let map = |p: &str| -> BTreeMap<String, String> {
            value
                .pointer(p)
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (api_version, kind, name) = (s("/apiVersion"), s("/kind"), s("/metadata/name"));
        if api_version.is_empty() || kind.is_empty() || name.is_empty() {
            return Err("a resource needs apiVersion, kind and metadata.name".into());
        }
        let (replicas, pod_spec) = match kind.as_str() {
            "Deployment" | "ReplicaSet" | "StatefulSet" => (
                Some(
                    value
                        .pointer("/spec/replicas")
                        .and_then(Value::as_i64)
                        .unwrap_or(0),
                ),
                value.pointer("/spec/template/spec"),
            ),
            // A Job never runs more pods at once than it has completions left (native
            // replica.go jobReplica): min(parallelism, completions).
            "Job" => {
                let parallelism = value
                    .pointer("/spec/parallelism")
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
                let completions = value.pointer("/spec/completions").and_then(Value::as_i64);
                (
                    Some(completions.map_or(parallelism, |c| c.min(parallelism))),
                    value.pointer("/spec/template/spec"),
                )
            }
            "Pod" => (Some(1), value.pointer("/spec")),
            _ => (None, None),
        };
        let requests = pod_spec.and_then(pod_requests);
        Ok(Template {
            api_version,
            kind,
            namespace: s("/metadata/namespace"),
            name,
            labels: map("/metadata/labels"),
            annotations: map("/metadata/annotations"),
            uid: s("/metadata/uid"),
            generation: value
                .pointer("/metadata/generation")
                .and_then(Value::as_i64)
                .unwrap_or(0),
            replicas,
            requests,
            value,
        })
    }

    /// Karmada schedules replicas only for workloads: replicas > 0 or resource requirements.
    pub fn is_workload(&self) -> bool {
        self.replicas.unwrap_or(0) > 0 || self.requests.is_some()
    }

    /// The reference printed in plans.
    pub fn reference(&self) -> ResourceRef {
        ResourceRef {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            namespace: (!self.namespace.is_empty()).then(|| self.namespace.clone()),
            name: self.name.clone(),
        }
    }
}

/// A container's resource requests in milli-units.
fn container_requests(c: &Value) -> impl Iterator<Item = (String, i128)> + '_ {
    c.pointer("/resources/requests")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(r, q)| divide::parse_quantity_milli(q).map(|v| (r.clone(), v)))
}

/// Sum of the containers' requests (each init container runs alone: the max is taken).
fn pod_requests(spec: &Value) -> Option<BTreeMap<String, i128>> {
    let list = |field: &str| {
        spec.get(field)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    };
    let mut total: BTreeMap<String, i128> = BTreeMap::new();
    for (r, v) in list("containers").flat_map(container_requests) {
        *total.entry(r).or_insert(0) += v;
    }
    for (r, v) in list("initContainers").flat_map(container_requests) {
        let e = total.entry(r).or_insert(0);
        *e = (*e).max(v);
    }
    (!total.is_empty()).then_some(total)
}

/// apiVersion, kind, namespace and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRef {
    /// apiVersion.
    pub api_version: String,
    /// Kind.
    pub kind: String,
    /// Namespace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
}

/// Where one resource goes.
#[derive(Debug, Clone, Serialize)]
pub struct Placement {
    /// The resource.
    pub resource: ResourceRef,
    /// The policy that claimed it, or null.
    pub policy: Option<PolicyRef>,
    /// Target clusters.
    pub clusters: Vec<ClusterReplicas>,
}

/// A target cluster and its replicas.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReplicas {
    /// Cluster name.
    pub name: String,
    /// Replicas, for objects that have them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
}

/// A problem planning one resource (in one cluster).
#[derive(Debug, Clone, Serialize)]
pub struct PlanError {
    /// The resource.
    pub resource: ResourceRef,
    /// The cluster, when the problem is specific to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// The policy involved.
    pub policy: Option<PolicyRef>,
    /// What went wrong.
    pub message: String,
}

/// The whole plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Per resource: policy and target clusters.
    pub placements: Vec<Placement>,
    /// Per cluster: the objects exactly as they would be applied, sorted.
    pub clusters: BTreeMap<String, Vec<Value>>,
    /// Problems; the plan is still complete for everything else.
    pub errors: Vec<PlanError>,
    /// What the user most likely wants to know though nothing failed: a custom kind whose
    /// scope was assumed, a resource no policy claims that one in another namespace would.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Namespaces Karmada never propagates from.
fn reserved_namespace(ns: &str) -> bool {
    ns == "karmada-system" || ns == "karmada-cluster" || ns.starts_with("karmada-es-")
}

fn policy_ref(p: &PropagationPolicy, cluster_scoped: bool) -> PolicyRef {
    let kind = if cluster_scoped {
        "ClusterPropagationPolicy"
    } else {
        "PropagationPolicy"
    };
    let label = if cluster_scoped {
        "clusterpropagationpolicy.karmada.io/permanent-id"
    } else {
        "propagationpolicy.karmada.io/permanent-id"
    };
    PolicyRef {
        kind,
        namespace: (!cluster_scoped).then(|| p.metadata.namespace.clone()),
        name: p.metadata.name.clone(),
        permanent_id: p.metadata.labels.get(label).cloned().unwrap_or_else(|| {
            render::stable_id(&format!(
                "{kind}/{}/{}",
                p.metadata.namespace, p.metadata.name
            ))
        }),
    }
}

/// The best of `policies` for `t`: highest spec.priority, then implicit priority, then the
/// smaller name.
fn best<'a>(
    t: &Template,
    policies: impl Iterator<Item = &'a PropagationPolicy>,
) -> Option<&'a PropagationPolicy> {
    let mut best: Option<(i32, ImplicitPriority, &PropagationPolicy)> = None;
    for p in policies {
        if p.metadata.rest.contains_key("deletionTimestamp") {
            continue;
        }
        let implicit = selectors_priority(t, &p.spec.resource_selectors);
        if implicit == ImplicitPriority::MisMatch {
            continue;
        }
        let explicit = p.spec.priority.unwrap_or(0);
        let better = match &best {
            None => true,
            Some((be, bi, bp)) => (explicit, implicit)
                .cmp(&(*be, *bi))
                .then_with(|| bp.metadata.name.cmp(&p.metadata.name))
                .is_gt(),
        };
        if better {
            best = Some((explicit, implicit, p));
        }
    }
    best.map(|(_, _, p)| p)
}

/// Which policy claims `t`: an existing claim that still matches, else the best
/// PropagationPolicy of its namespace, else the best ClusterPropagationPolicy.
pub fn claim<'a>(t: &Template, inputs: &'a Inputs) -> Option<(&'a PropagationPolicy, PolicyRef)> {
    let matches = |p: &PropagationPolicy| {
        selectors_priority(t, &p.spec.resource_selectors) != ImplicitPriority::MisMatch
    };
    let claimed_pp = t
        .annotations
        .get("propagationpolicy.karmada.io/name")
        .and_then(|name| {
            let ns = t
                .annotations
                .get("propagationpolicy.karmada.io/namespace")
                .cloned()
                .unwrap_or_default();
            inputs
                .propagation_policies
                .iter()
                .find(|p| &p.metadata.name == name && p.metadata.namespace == ns && matches(p))
        });
    if let Some(p) = claimed_pp {
        return Some((p, policy_ref(p, false)));
    }
    let claimed_cpp = t
        .annotations
        .get("clusterpropagationpolicy.karmada.io/name")
        .and_then(|name| {
            inputs
                .cluster_propagation_policies
                .iter()
                .find(|p| &p.metadata.name == name && matches(p))
        });
    if let Some(p) = claimed_cpp {
        return Some((p, policy_ref(p, true)));
    }
    if !t.namespace.is_empty()
        && let Some(p) = best(
            t,
            inputs
                .propagation_policies
                .iter()
                .filter(|p| p.metadata.namespace == t.namespace),
        )
    {
        return Some((p, policy_ref(p, false)));
    }
    best(t, inputs.cluster_propagation_policies.iter()).map(|p| (p, policy_ref(p, true)))
}

/// The plan for one resource: its placement, its member objects by cluster, its errors.
#[derive(Debug)]
pub struct ResourcePlan {
    /// Policy and target clusters.
    pub placement: Placement,
    /// Each member object with its cluster, in the placement's cluster order.
    pub objects: Vec<(String, Value)>,
    /// Problems planning it.
    pub errors: Vec<PlanError>,
    /// An override changed an object's apiVersion, kind, namespace or name (so the clusters'
    /// lists are no longer in template order).
    pub renamed: bool,
    /// A warning about this resource.
    pub warning: Option<String>,
}

/// For a resource no policy claims: the PropagationPolicy of another namespace that would claim
/// it there, said as a warning (resources written without a namespace land in the default one,
/// policies often name their own).
fn elsewhere(t: &Template, inputs: &Inputs) -> Option<String> {
    if t.namespace.is_empty() {
        return None;
    }
    inputs
        .propagation_policies
        .iter()
        .filter(|p| p.metadata.namespace != t.namespace)
        .find(|p| {
            let mut moved = t.clone();
            moved.namespace = p.metadata.namespace.clone();
            selectors_priority(&moved, &p.spec.resource_selectors) != ImplicitPriority::MisMatch
        })
        .map(|p| {
            format!(
                "{} {}/{}: no policy claims it in namespace {}, but PropagationPolicy {}/{} would in namespace {} (objects without metadata.namespace go to the default namespace: give them one, or plan with -n {})",
                t.kind,
                t.namespace,
                t.name,
                t.namespace,
                p.metadata.namespace,
                p.metadata.name,
                p.metadata.namespace,
                p.metadata.namespace
            )
        })
}

/// Lookups shared by every resource of a plan.
struct Context<'a> {
    inputs: &'a Inputs,
    previous: BTreeMap<(&'a str, &'a str, &'a str, &'a str), &'a types::ResourceBinding>,
    clusters: BTreeMap<&'a str, &'a types::Cluster>,
}

fn plan_one(t: &Template, ctx: &Context<'_>) -> ResourcePlan {
    let inputs = ctx.inputs;
    let mut out = ResourcePlan {
        placement: Placement {
            resource: t.reference(),
            policy: None,
            clusters: Vec::new(),
        },
        objects: Vec::new(),
        errors: Vec::new(),
        renamed: false,
        warning: None,
    };
    let Some((policy, pref)) = claim(t, inputs) else {
        out.warning = elsewhere(t, inputs);
        return out;
    };
    out.placement.policy = Some(pref.clone());
    let key = (
        t.api_version.as_str(),
        t.kind.as_str(),
        t.namespace.as_str(),
        t.name.as_str(),
    );
    let binding = ctx.previous.get(&key);
    let prev = binding
        .map(|b| b.spec.clusters.as_slice())
        .unwrap_or_default();
    let uid = if !t.uid.is_empty() {
        t.uid.clone()
    } else {
        binding
            .and_then(|b| b.spec.resource.uid.clone())
            .unwrap_or_default()
    };
    let assignments =
        match schedule::schedule(t, &policy.spec.placement, &inputs.clusters, prev, &uid) {
            Ok(a) => a,
            Err(message) => {
                out.errors.push(PlanError {
                    resource: t.reference(),
                    cluster: None,
                    policy: Some(pref),
                    message,
                });
                return out;
            }
        };
    let conflict = match t
        .annotations
        .get("work.karmada.io/conflict-resolution")
        .map(String::as_str)
    {
        Some(v @ ("overwrite" | "abort")) => v.to_string(),
        _ => policy
            .spec
            .conflict_resolution
            .as_deref()
            .unwrap_or("Abort")
            .to_lowercase(),
    };
    let claimed = render::claimed(t, &pref);
    let divided_completions =
        divided_job_completions(t, &policy.spec.placement, &assignments, &uid);
    // Which override policies apply depends on the resource only; rules are per cluster.
    let applicable = overrides::applicable(
        t,
        &inputs.cluster_override_policies,
        &inputs.override_policies,
    );
    let bookkeeping = render::Bookkeeping::new(t, &conflict);
    // The member object where no overrider applies, bookkeeping and pruning done, for every
    // cluster but the two values that name it (overriders could change anything, so objects
    // they touch are made from the start). Replicas and completions are fields bookkeeping and
    // pruning never touch, so they may be set after.
    let mut untouched: Option<Value> = None;
    type MadeOnce = (
        (Vec<*const types::Overriders>, Option<i64>, Option<i64>),
        Result<Value, String>,
    );
    let mut overridden: Vec<MadeOnce> = Vec::new();
    for a in &assignments {
        let Some(cluster) = ctx.clusters.get(a.cluster.as_str()) else {
            continue;
        };
        let overriders: Vec<(&str, Vec<&types::Overriders>)> = applicable
            .iter()
            .map(|(_, op)| {
                (
                    op.metadata.name.as_str(),
                    overrides::overriders_for(op, cluster),
                )
            })
            .filter(|(_, o)| !o.is_empty())
            .collect();
        let revise = |obj: &mut Value| {
            if let Some(r) = a.replicas {
                render::revise_replicas(obj, &t.kind, r);
            }
            if let Some(c) = divided_completions.get(&a.cluster) {
                obj["spec"]["completions"] = Value::from(*c);
            }
        };
        if overriders.is_empty() {
            let base = untouched.get_or_insert_with(|| {
                let mut base = claimed.clone();
                bookkeeping.apply(&mut base, "");
                base
            });
            let mut obj = base.clone();
            bookkeeping.name_cluster(&mut obj, &a.cluster);
            revise(&mut obj);
            out.objects.push((a.cluster.clone(), obj));
            continue;
        }
        // Overriders see the object with its replicas; the same overriders on the same object
        // give the same member object wherever it goes, so each is made once.
        let key = (
            overriders
                .iter()
                .flat_map(|(_, list)| list.iter().map(|o| std::ptr::from_ref(*o)))
                .collect::<Vec<_>>(),
            a.replicas,
            divided_completions.get(&a.cluster).copied(),
        );
        let made = match overridden.iter().position(|(k, _)| *k == key) {
            Some(i) => &overridden[i].1,
            None => {
                let mut obj = claimed.clone();
                revise(&mut obj);
                let made = override_object(&mut obj, &t.kind, &overriders).map(|()| {
                    out.renamed |= object_key(&obj)
                        != (
                            t.api_version.as_str(),
                            t.kind.as_str(),
                            t.namespace.as_str(),
                            t.name.as_str(),
                        );
                    bookkeeping.apply(&mut obj, "");
                    obj
                });
                overridden.push((key, made));
                &overridden[overridden.len() - 1].1
            }
        };
        match made {
            Ok(obj) => {
                let mut obj = obj.clone();
                bookkeeping.name_cluster(&mut obj, &a.cluster);
                out.objects.push((a.cluster.clone(), obj));
            }
            Err(message) => out.errors.push(PlanError {
                resource: t.reference(),
                cluster: Some(a.cluster.clone()),
                policy: Some(pref.clone()),
                message: message.clone(),
            }),
        }
    }
    out.placement.clusters = assignments
        .iter()
        .map(|a| ClusterReplicas {
            name: a.cluster.clone(),
            replicas: a.replicas,
        })
        .collect();
    out
}

/// Namespaced resources planned for clusters their Namespace is not planned for: tcs's engine
/// applies them there only if the namespace already exists, where Karmada would have sent the
/// namespace itself (its namespace-sync controller, `pkg/controllers/namespace`, propagates
/// every namespace but `default`, `kube-*` and Karmada's own to every member). Fed with every
/// placement, then asked for one warning per namespace. Holds a count and a few names per
/// namespace and cluster, not the resources: plans stream.
#[derive(Debug, Default)]
pub struct NamespaceGaps {
    /// Namespace -> the clusters its Namespace object goes to (present when it is an input).
    namespaces: BTreeMap<String, BTreeSet<String>>,
    /// Namespace -> cluster -> how many resources in it go there, and the first few.
    needs: BTreeMap<String, BTreeMap<String, (usize, Vec<String>)>>,
}

/// How many resources and clusters a namespace warning names.
const GAP_EXAMPLES: usize = 3;
const GAP_CLUSTERS: usize = 5;

impl NamespaceGaps {
    /// Takes one resource's placement into account.
    pub fn observe(&mut self, p: &Placement) {
        let r = &p.resource;
        let clusters = p.clusters.iter().map(|c| c.name.clone());
        match r.namespace.as_deref() {
            None if r.api_version == "v1" && r.kind == "Namespace" => self
                .namespaces
                .entry(r.name.clone())
                .or_default()
                .extend(clusters),
            None => {}
            // Every cluster has these.
            Some("default" | "kube-system" | "kube-public" | "kube-node-lease") => {}
            Some(ns) => {
                let needs = self.needs.entry(ns.to_string()).or_default();
                for c in clusters {
                    let (count, examples) = needs.entry(c).or_default();
                    *count += 1;
                    if examples.len() < GAP_EXAMPLES {
                        examples.push(format!("{} {ns}/{}", r.kind, r.name));
                    }
                }
            }
        }
    }

    /// One warning per namespace that some cluster needs and does not get, naming the clusters
    /// and a few of the resources.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (ns, needs) in &self.needs {
            let given = self.namespaces.get(ns);
            let missing: Vec<(&String, &(usize, Vec<String>))> = needs
                .iter()
                .filter(|(c, _)| !given.is_some_and(|g| g.contains(*c)))
                .collect();
            let Some(most) = missing.iter().map(|(_, (n, _))| *n).max() else {
                continue;
            };
            let mut clusters: Vec<&str> = missing
                .iter()
                .take(GAP_CLUSTERS)
                .map(|(c, _)| c.as_str())
                .collect();
            let more_clusters = missing.len() - clusters.len();
            let more_clusters = format!("{more_clusters} more clusters");
            if missing.len() > GAP_CLUSTERS {
                clusters.push(&more_clusters);
            }
            let examples: BTreeSet<&str> = missing
                .iter()
                .flat_map(|(_, (_, e))| e.iter().map(String::as_str))
                .collect();
            let examples: Vec<&str> = examples.into_iter().take(GAP_EXAMPLES).collect();
            let up_to = match missing.iter().all(|(_, (n, _))| *n == most) {
                true => "",
                false => "up to ",
            };
            let why = match given {
                None => format!("Namespace {ns} is not among the resources"),
                Some(_) => format!("Namespace {ns} does not go there"),
            };
            out.push(format!(
                "namespace {ns} is missing where resources in it go: {} {} {up_to}{most} of them ({}{}), but {why}; tcs's engine can apply them there only if the namespace already exists (Karmada would propagate it by itself): add Namespace {ns} to the resources and select it in a ClusterPropagationPolicy for those clusters",
                clusters.join(", "),
                if missing.len() == 1 { "gets" } else { "get" },
                examples.join(", "),
                if most > examples.len() { ", ..." } else { "" },
            ));
        }
        out
    }
}

/// Applies each policy's overriders in order; the first failure names its policy.
fn override_object(
    obj: &mut Value,
    kind: &str,
    overriders: &[(&str, Vec<&types::Overriders>)],
) -> Result<(), String> {
    for (name, list) in overriders {
        for o in list {
            overrides::apply_overriders(obj, kind, o)
                .map_err(|e| format!("override policy {name}: {e}"))?;
        }
    }
    Ok(())
}

/// Plans every resource of `inputs`. Resources are independent, so they are planned on all
/// cores; the result does not depend on how the work was split.
pub fn plan(inputs: &Inputs) -> Plan {
    let mut placements = Vec::with_capacity(inputs.resources.len());
    let mut clusters: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut warnings = inputs.warnings.clone();
    let mut renamed = false;
    let mut gaps = NamespaceGaps::default();
    let planned = plan_each(
        inputs,
        |one| one,
        |one| {
            renamed |= one.renamed;
            warnings.extend(one.warning);
            gaps.observe(&one.placement);
            placements.push(one.placement);
            errors.extend(one.errors);
            for (cluster, obj) in one.objects {
                clusters.entry(cluster).or_default().push(obj);
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(()) = planned;
    warnings.extend(gaps.warnings());
    // Templates were planned in (apiVersion, kind, namespace, name) order, so every cluster's
    // list is already in that order unless an override renamed something.
    if renamed {
        for objects in clusters.values_mut() {
            objects.sort_by(|a, b| object_key(a).cmp(&object_key(b)));
        }
    }
    Plan {
        placements,
        clusters,
        errors,
        warnings,
    }
}

/// Plans every resource of `inputs` on all cores, runs `map` on each resource's plan where it
/// was made (on the planning threads), and hands the results to `each` one by one in template
/// order ((apiVersion, kind, namespace, name)), as they come: what `plan` collects, a writer can
/// stream, so memory holds the resources in flight rather than every member object. The first
/// error of `each` stops the planning and is returned.
pub fn plan_each<T: Send, E>(
    inputs: &Inputs,
    map: impl Fn(ResourcePlan) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let ctx = Context {
        inputs,
        previous: inputs
            .bindings
            .iter()
            .map(|b| {
                let r = &b.spec.resource;
                (
                    (
                        r.api_version.as_str(),
                        r.kind.as_str(),
                        r.namespace.as_deref().unwrap_or(""),
                        r.name.as_str(),
                    ),
                    b,
                )
            })
            .collect(),
        clusters: inputs
            .clusters
            .iter()
            .map(|c| (c.metadata.name.as_str(), c))
            .collect(),
    };
    let mut templates: Vec<&Template> = inputs
        .resources
        .iter()
        .filter(|t| !reserved_namespace(&t.namespace))
        .collect();
    templates.sort_by_cached_key(|t| t.reference());

    // Work is handed out in small chunks (resources differ a lot in how many clusters they go
    // to, and sorted neighbours tend to be alike); finished chunks come back through a bounded
    // channel and are put back in template order.
    const CHUNK: usize = 32;
    let chunks: Vec<&[&Template]> = templates.chunks(CHUNK).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(threads * 4);
        for _ in 0..threads {
            let (ctx, next, chunks, map, tx) = (&ctx, &next, &chunks, &map, tx.clone());
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(chunk) = chunks.get(i) else { break };
                    let part = chunk.iter().map(|t| map(plan_one(t, ctx))).collect();
                    // The receiver is gone when `each` failed: stop.
                    if tx.send((i, part)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut early: BTreeMap<usize, Vec<T>> = BTreeMap::new();
        let mut wanted = 0;
        for (i, part) in rx {
            early.insert(i, part);
            while let Some(part) = early.remove(&wanted) {
                wanted += 1;
                part.into_iter().try_for_each(&mut each)?;
            }
        }
        Ok(())
    })
}

/// The order of objects in a cluster's list: apiVersion, kind, namespace, name.
pub fn object_key(v: &Value) -> (&str, &str, &str, &str) {
    let s = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or("");
    (
        s("/apiVersion"),
        s("/kind"),
        s("/metadata/namespace"),
        s("/metadata/name"),
    )
}

/// For Divided Jobs with `spec.completions`, completions are divided by Webster with the
/// per-cluster parallelism as weights.
fn divided_job_completions(
    t: &Template,
    placement: &types::Placement,
    assignments: &[schedule::Assignment],
    uid: &str,
) -> BTreeMap<String, i64> {
    let divided = placement
        .replica_scheduling
        .as_ref()
        .is_some_and(|r| r.replica_scheduling_type.as_deref().unwrap_or("Divided") == "Divided");
    let completions = t.value.pointer("/spec/completions").and_then(Value::as_i64);
    match (t.kind.as_str(), divided, completions) {
        ("Job", true, Some(total)) => {
            let parties = assignments
                .iter()
                .map(|a| divide::Party {
                    name: a.cluster.clone(),
                    votes: a.replicas.unwrap_or(0),
                    seats: 0,
                })
                .collect();
            divide::webster(total, parties, uid)
                .into_iter()
                .map(|p| (p.name, p.seats))
                .collect()
        }
        _ => BTreeMap::new(),
    }
}
