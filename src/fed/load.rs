//! Reading federation inputs: multi-document YAML files holding clusters, policies, bindings
//! and resources in any order. Policies are validated as Karmada's webhook would, and defaults
//! it sets are applied (a PropagationPolicy's or OverridePolicy's selectors default to its
//! namespace). Namespaced objects written without `metadata.namespace` (as files for `kubectl
//! apply` are) get the default namespace, as kubectl gives them its current one; cluster-scoped
//! kinds (built in, or custom with a CustomResourceDefinition among the inputs that says
//! `scope: Cluster`) stay cluster-scoped. Errors name the file, the document (from 1) and the
//! field.

use std::path::{Path, PathBuf};

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Template;
use super::types::{
    Cluster, ClusterAffinity, OverridePolicy, Overriders, PropagationPolicy, ResourceBinding,
    ResourceSelector,
};

/// Everything the engine plans with.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Member clusters.
    pub clusters: Vec<Cluster>,
    /// PropagationPolicies.
    pub propagation_policies: Vec<PropagationPolicy>,
    /// ClusterPropagationPolicies.
    pub cluster_propagation_policies: Vec<PropagationPolicy>,
    /// OverridePolicies.
    pub override_policies: Vec<OverridePolicy>,
    /// ClusterOverridePolicies.
    pub cluster_override_policies: Vec<OverridePolicy>,
    /// Previous placements.
    pub bindings: Vec<ResourceBinding>,
    /// Everything else: the resources to propagate.
    pub resources: Vec<Template>,
    /// What the reader assumed and the user should know (a custom kind's scope it could not
    /// tell), once each.
    pub warnings: Vec<String>,
}

/// Malformed input, with its place.
#[derive(Debug, thiserror::Error)]
#[error("{}: document {document}{}{}: {message}", file.display(), what.as_ref().map(|w| format!(" ({w})")).unwrap_or_default(), field.as_ref().map(|f| format!(", field {f}")).unwrap_or_default())]
pub struct LoadError {
    /// File.
    pub file: PathBuf,
    /// Document number in the file, from 1 (0: the file as a whole).
    pub document: usize,
    /// `Kind/name` of the document, when known.
    pub what: Option<String>,
    /// Field path, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Reads every file into one set of inputs; objects without a namespace get `default`.
pub fn load_files(files: &[PathBuf]) -> Result<Inputs, LoadError> {
    load_files_in(files, DEFAULT_NAMESPACE)
}

/// The namespace of namespaced objects that name none (kubectl's default).
pub const DEFAULT_NAMESPACE: &str = "default";

/// Reads every file into one set of inputs; objects without a namespace get `namespace` (as
/// `kubectl apply -n`). Scopes are judged over all files at once, so a CRD may come in any file.
pub fn load_files_in(files: &[PathBuf], namespace: &str) -> Result<Inputs, LoadError> {
    // Files are read and parsed on all cores; the first error in file order is the one told.
    let read = |file: &PathBuf| {
        let text = std::fs::read_to_string(file).map_err(|e| LoadError {
            file: file.clone(),
            document: 0,
            what: None,
            field: None,
            message: format!("cannot read: {e}"),
        })?;
        documents(&text, file)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parsed: Vec<(usize, Result<Vec<Document>, LoadError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, read) = (&next, &read);
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break mine };
                        mine.push((i, read(file)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    parsed.sort_unstable_by_key(|(i, _)| *i);
    let mut docs = Vec::new();
    for (_, file_docs) in parsed {
        docs.extend(file_docs?);
    }
    let mut inputs = Inputs {
        warnings: default_namespaces(docs.iter_mut().map(|d| &mut d.value), namespace),
        ..Inputs::default()
    };
    for d in docs {
        add(&mut inputs, d)?;
    }
    Ok(inputs)
}

/// Reads one file's text into `inputs` (objects without a namespace get `default`).
pub fn load_str(text: &str, file: &Path, inputs: &mut Inputs) -> Result<(), LoadError> {
    let mut docs = documents(text, file)?;
    let warnings = default_namespaces(docs.iter_mut().map(|d| &mut d.value), DEFAULT_NAMESPACE);
    inputs.warnings.extend(warnings);
    for d in docs {
        add(inputs, d)?;
    }
    Ok(())
}

/// One object of the input and where it came from.
struct Document {
    file: PathBuf,
    /// Document number in the file, from 1.
    number: usize,
    value: Value,
}

/// The objects of one file, `kind: List` items included. Any number of documents (what `helm
/// template` or `kustomize build` emit for a big application); each document is bounded on its
/// own (depth, nodes, aliases: serde-saphyr's budget, per document when streaming).
fn documents(text: &str, file: &Path) -> Result<Vec<Document>, LoadError> {
    let docs: Vec<Value> = crate::kube::yaml_documents(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!(" at line {}, column {}", l.line(), l.column()))
            .unwrap_or_default();
        LoadError {
            file: file.to_path_buf(),
            document: 0,
            what: None,
            field: None,
            message: format!(
                "invalid YAML{at}: {}",
                e.without_snippet().to_string().lines().next().unwrap_or("")
            ),
        }
    })?;
    let mut out = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        if doc.is_null() {
            continue;
        }
        let items: Vec<Value> = if doc.get("kind").and_then(Value::as_str) == Some("List") {
            doc.get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        } else {
            vec![doc]
        };
        out.extend(items.into_iter().map(|value| Document {
            file: file.to_path_buf(),
            number: i + 1,
            value,
        }));
    }
    Ok(out)
}

/// Built-in API groups: a kind of theirs that is not in `CLUSTER_SCOPED` is namespaced.
const BUILTIN_GROUPS: &[&str] = &[
    "",
    "apps",
    "batch",
    "autoscaling",
    "policy",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "scheduling.k8s.io",
    "node.k8s.io",
    "discovery.k8s.io",
    "coordination.k8s.io",
    "certificates.k8s.io",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "resource.k8s.io",
    "events.k8s.io",
    "internal.apiserver.k8s.io",
    "storagemigration.k8s.io",
    "cluster.karmada.io",
    "policy.karmada.io",
    "work.karmada.io",
];

/// Cluster-scoped kinds of the built-in groups (and Karmada's), as (group, kind).
const CLUSTER_SCOPED: &[(&str, &str)] = &[
    ("", "Namespace"),
    ("", "Node"),
    ("", "PersistentVolume"),
    ("", "ComponentStatus"),
    ("rbac.authorization.k8s.io", "ClusterRole"),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    ("storage.k8s.io", "StorageClass"),
    ("storage.k8s.io", "CSIDriver"),
    ("storage.k8s.io", "CSINode"),
    ("storage.k8s.io", "VolumeAttachment"),
    ("storage.k8s.io", "VolumeAttributesClass"),
    ("scheduling.k8s.io", "PriorityClass"),
    ("node.k8s.io", "RuntimeClass"),
    ("networking.k8s.io", "IngressClass"),
    ("networking.k8s.io", "IPAddress"),
    ("networking.k8s.io", "ServiceCIDR"),
    ("certificates.k8s.io", "CertificateSigningRequest"),
    ("certificates.k8s.io", "ClusterTrustBundle"),
    (
        "admissionregistration.k8s.io",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io",
        "MutatingWebhookConfiguration",
    ),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
    (
        "admissionregistration.k8s.io",
        "ValidatingAdmissionPolicyBinding",
    ),
    ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
    (
        "admissionregistration.k8s.io",
        "MutatingAdmissionPolicyBinding",
    ),
    ("apiextensions.k8s.io", "CustomResourceDefinition"),
    ("apiregistration.k8s.io", "APIService"),
    ("flowcontrol.apiserver.k8s.io", "FlowSchema"),
    ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
    ("resource.k8s.io", "DeviceClass"),
    ("resource.k8s.io", "ResourceSlice"),
    ("internal.apiserver.k8s.io", "StorageVersion"),
    ("storagemigration.k8s.io", "StorageVersionMigration"),
    ("cluster.karmada.io", "Cluster"),
    ("policy.karmada.io", "ClusterPropagationPolicy"),
    ("policy.karmada.io", "ClusterOverridePolicy"),
    ("work.karmada.io", "ClusterResourceBinding"),
];

/// Gives every namespaced object without `metadata.namespace` the namespace `namespace`:
/// built-in kinds by Kubernetes' own scopes, custom kinds by a CustomResourceDefinition among
/// `objects`; a custom kind whose scope nothing tells is treated as namespaced, with a warning
/// naming it once. Returns the warnings.
pub fn default_namespaces<'a>(
    objects: impl Iterator<Item = &'a mut Value>,
    namespace: &str,
) -> Vec<String> {
    let objects: Vec<&mut Value> = objects.collect();
    let text = |v: &Value, p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    // Scopes the inputs' CRDs declare: (group, kind) -> cluster-scoped.
    let declared: std::collections::BTreeMap<(String, String), bool> = objects
        .iter()
        .filter(|o| {
            text(o, "/kind") == "CustomResourceDefinition"
                && text(o, "/apiVersion").starts_with("apiextensions.k8s.io/")
        })
        .map(|o| {
            (
                (text(o, "/spec/group"), text(o, "/spec/names/kind")),
                text(o, "/spec/scope") == "Cluster",
            )
        })
        .collect();
    let mut warnings = Vec::new();
    for o in objects {
        if !text(o, "/metadata/namespace").is_empty() {
            continue;
        }
        let api_version = text(o, "/apiVersion");
        let kind = text(o, "/kind");
        let group = api_version
            .rsplit_once('/')
            .map_or("", |(g, _)| g)
            .to_string();
        let cluster_scoped = if let Some(c) = declared.get(&(group.clone(), kind.clone())) {
            *c
        } else if BUILTIN_GROUPS.contains(&group.as_str()) {
            CLUSTER_SCOPED.contains(&(group.as_str(), kind.as_str()))
        } else {
            let w = format!(
                "{kind} ({api_version}): no CustomResourceDefinition among the inputs says its scope; treated as namespaced, in {namespace:?} where it names no namespace (add the CRD to the inputs if it is cluster-scoped)"
            );
            if !warnings.contains(&w) {
                warnings.push(w);
            }
            false
        };
        if cluster_scoped {
            continue;
        }
        if let Some(meta) = o.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.insert("namespace".into(), Value::from(namespace));
        }
    }
    warnings
}

/// Adds one object to the inputs: a typed Karmada object, validated, or a resource template.
fn add(inputs: &mut Inputs, d: Document) -> Result<(), LoadError> {
    let Document {
        file,
        number,
        value: item,
    } = d;
    let err = |what: Option<String>, field: Option<String>, message: String| LoadError {
        file: file.clone(),
        document: number,
        what,
        field,
        message,
    };
    let api_version = item
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let kind = item
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let name = item
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let what = Some(format!("{kind}/{name}"));
    if api_version.is_empty() || kind.is_empty() {
        return Err(err(
            None,
            Some("apiVersion".into()),
            "every document needs apiVersion and kind".into(),
        ));
    }
    let group = api_version.split('/').next().unwrap_or("");
    match (group, kind.as_str()) {
        ("cluster.karmada.io", "Cluster") => inputs.clusters.push(parse(item, &err, &what)?),
        ("policy.karmada.io", "PropagationPolicy") => {
            let mut p: PropagationPolicy = parse(item, &err, &what)?;
            if p.metadata.namespace.is_empty() {
                p.metadata.namespace = DEFAULT_NAMESPACE.into();
            }
            validate_propagation(&mut p, true).map_err(|(f, m)| err(what.clone(), Some(f), m))?;
            inputs.propagation_policies.push(p);
        }
        ("policy.karmada.io", "ClusterPropagationPolicy") => {
            let mut p: PropagationPolicy = parse(item, &err, &what)?;
            validate_propagation(&mut p, false).map_err(|(f, m)| err(what.clone(), Some(f), m))?;
            inputs.cluster_propagation_policies.push(p);
        }
        ("policy.karmada.io", "OverridePolicy") => {
            let mut p: OverridePolicy = parse(item, &err, &what)?;
            if p.metadata.namespace.is_empty() {
                p.metadata.namespace = DEFAULT_NAMESPACE.into();
            }
            validate_override(&mut p, true).map_err(|(f, m)| err(what.clone(), Some(f), m))?;
            inputs.override_policies.push(p);
        }
        ("policy.karmada.io", "ClusterOverridePolicy") => {
            let mut p: OverridePolicy = parse(item, &err, &what)?;
            validate_override(&mut p, false).map_err(|(f, m)| err(what.clone(), Some(f), m))?;
            inputs.cluster_override_policies.push(p);
        }
        ("policy.karmada.io", other) => {
            return Err(err(
                what.clone(),
                Some("kind".into()),
                format!(
                    "unknown kind of policy {other:?}: tcs plans with PropagationPolicy, ClusterPropagationPolicy, OverridePolicy and ClusterOverridePolicy"
                ),
            ));
        }
        ("work.karmada.io", "ResourceBinding" | "ClusterResourceBinding") => {
            inputs.bindings.push(parse(item, &err, &what)?)
        }
        _ => inputs.resources.push(
            Template::from_value(item)
                .map_err(|m| err(what.clone(), Some("metadata.name".into()), m))?,
        ),
    }
    Ok(())
}

fn parse<T: DeserializeOwned>(
    item: Value,
    err: &dyn Fn(Option<String>, Option<String>, String) -> LoadError,
    what: &Option<String>,
) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(item).map_err(|e| {
        let path = e.path().to_string();
        err(
            what.clone(),
            (path != ".").then_some(path),
            e.into_inner().to_string(),
        )
    })
}

type Invalid = (String, String);

fn check_label_selector(sel: &LabelSelector, field: &str) -> Result<(), Invalid> {
    for (i, req) in sel.match_expressions.iter().flatten().enumerate() {
        let f = format!("{field}.matchExpressions[{i}]");
        let has_values = req.values.as_ref().is_some_and(|v| !v.is_empty());
        if req.key.is_empty() {
            return Err((format!("{f}.key"), "key must not be empty".into()));
        }
        match req.operator.as_str() {
            "In" | "NotIn" if !has_values => {
                return Err((
                    format!("{f}.values"),
                    format!("operator {} needs values", req.operator),
                ));
            }
            "Exists" | "DoesNotExist" if has_values => {
                return Err((
                    format!("{f}.values"),
                    format!("operator {} takes no values", req.operator),
                ));
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => {
                return Err((
                    format!("{f}.operator"),
                    format!("invalid label selector operator {other:?}"),
                ));
            }
        }
    }
    Ok(())
}

fn check_affinity(a: &ClusterAffinity, field: &str) -> Result<(), Invalid> {
    if let Some(sel) = &a.label_selector {
        check_label_selector(sel, &format!("{field}.labelSelector"))?;
    }
    if let Some(fs) = &a.field_selector {
        for (i, req) in fs.match_expressions.iter().enumerate() {
            let f = format!("{field}.fieldSelector.matchExpressions[{i}]");
            if !["provider", "region", "zone"].contains(&req.key.as_str()) {
                return Err((
                    format!("{f}.key"),
                    format!(
                        "unsupported key {:?}: use provider, region or zone",
                        req.key
                    ),
                ));
            }
            if !["In", "NotIn"].contains(&req.operator.as_str()) {
                return Err((
                    format!("{f}.operator"),
                    format!("unsupported operator {:?}: use In or NotIn", req.operator),
                ));
            }
        }
    }
    Ok(())
}

fn check_selectors(
    selectors: &mut [ResourceSelector],
    namespace: Option<&str>,
    field: &str,
) -> Result<(), Invalid> {
    for (i, rs) in selectors.iter_mut().enumerate() {
        let f = format!("{field}[{i}]");
        if let Some(ns) = namespace {
            match rs.namespace.as_deref() {
                None | Some("") => rs.namespace = Some(ns.to_string()),
                Some(other) if other != ns => {
                    return Err((
                        format!("{f}.namespace"),
                        format!("must be the policy's namespace {ns:?}, not {other:?}"),
                    ));
                }
                _ => {}
            }
        }
        if let Some(sel) = &rs.label_selector {
            check_label_selector(sel, &format!("{f}.labelSelector"))?;
        }
    }
    Ok(())
}

fn validate_propagation(p: &mut PropagationPolicy, namespaced: bool) -> Result<(), Invalid> {
    let ns = p.metadata.namespace.clone();
    let spec = &mut p.spec;
    if spec.resource_selectors.is_empty() {
        return Err((
            "spec.resourceSelectors".into(),
            "at least one resource selector is required".into(),
        ));
    }
    check_selectors(
        &mut spec.resource_selectors,
        namespaced.then_some(ns.as_str()),
        "spec.resourceSelectors",
    )?;
    let pl = &spec.placement;
    if pl.cluster_affinity.is_some()
        && pl
            .cluster_affinities
            .as_ref()
            .is_some_and(|a| !a.is_empty())
    {
        return Err((
            "spec.placement.clusterAffinities".into(),
            "clusterAffinities cannot be combined with clusterAffinity".into(),
        ));
    }
    if let Some(a) = &pl.cluster_affinity {
        check_affinity(a, "spec.placement.clusterAffinity")?;
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, term) in pl.cluster_affinities.iter().flatten().enumerate() {
        if !names.insert(term.affinity_name.clone()) {
            return Err((
                format!("spec.placement.clusterAffinities[{i}].affinityName"),
                "affinity names must be unique".into(),
            ));
        }
        check_affinity(
            &term.affinity(),
            &format!("spec.placement.clusterAffinities[{i}]"),
        )?;
    }
    for (i, c) in pl.spread_constraints.iter().flatten().enumerate() {
        let f = format!("spec.placement.spreadConstraints[{i}]");
        if c.spread_by_field.as_deref().is_some_and(|s| !s.is_empty())
            && c.spread_by_label.as_deref().is_some_and(|s| !s.is_empty())
        {
            return Err((
                f,
                "spreadByField and spreadByLabel are mutually exclusive".into(),
            ));
        }
        if c.max_groups.is_some_and(|m| m < 0) || c.min_groups.is_some_and(|m| m < 0) {
            return Err((f, "maxGroups and minGroups must not be negative".into()));
        }
        if let (Some(max), Some(min)) = (c.max_groups, c.min_groups)
            && max > 0
            && max < min
        {
            return Err((f, "maxGroups must not be less than minGroups".into()));
        }
    }
    // pkg/util/validation ValidateSpreadConstraint, after the webhook's default (a constraint
    // naming neither field nor label spreads by cluster): one constraint per field, and a
    // cluster constraint whenever any field is used.
    let mut fields = std::collections::BTreeSet::new();
    for (i, c) in pl.spread_constraints.iter().flatten().enumerate() {
        let by_label = c.spread_by_label.as_deref().is_some_and(|s| !s.is_empty());
        let field = match c.spread_by_field.as_deref() {
            Some(f) if !f.is_empty() => f,
            _ if by_label => continue,
            _ => "cluster",
        };
        if !fields.insert(field) {
            return Err((
                format!("spec.placement.spreadConstraints[{i}].spreadByField"),
                format!("a second {field} spread constraint: give each field one constraint"),
            ));
        }
    }
    if !fields.is_empty() && !fields.contains("cluster") {
        return Err((
            "spec.placement.spreadConstraints".into(),
            "spreading by region, zone or provider needs a cluster constraint too (spreadByField: cluster with minGroups/maxGroups): it says how many clusters to pick".into(),
        ));
    }
    for (i, w) in pl
        .replica_scheduling
        .iter()
        .flat_map(|r| r.weight_preference.iter())
        .flat_map(|w| w.static_weight_list.iter().flatten())
        .enumerate()
    {
        check_affinity(
            &w.target_cluster,
            &format!(
                "spec.placement.replicaScheduling.weightPreference.staticWeightList[{i}].targetCluster"
            ),
        )?;
    }
    if let Some(rs) = &pl.replica_scheduling {
        if let Some(t) = rs.replica_scheduling_type.as_deref()
            && !["Duplicated", "Divided"].contains(&t)
        {
            return Err((
                "spec.placement.replicaScheduling.replicaSchedulingType".into(),
                format!("{t:?} is not Duplicated or Divided"),
            ));
        }
        if let Some(d) = rs.replica_division_preference.as_deref()
            && !["Aggregated", "Weighted"].contains(&d)
        {
            return Err((
                "spec.placement.replicaScheduling.replicaDivisionPreference".into(),
                format!("{d:?} is not Aggregated or Weighted"),
            ));
        }
    }
    Ok(())
}

fn check_overriders(o: &Overriders, field: &str) -> Result<(), Invalid> {
    for (i, io) in o.image_overrider.iter().flatten().enumerate() {
        let f = format!("{field}.imageOverrider[{i}]");
        if !["Registry", "Repository", "Tag"].contains(&io.component.as_str()) {
            return Err((
                format!("{f}.component"),
                format!("{:?} is not Registry, Repository or Tag", io.component),
            ));
        }
        if !["add", "remove", "replace"].contains(&io.operator.as_str()) {
            return Err((
                format!("{f}.operator"),
                format!("{:?} is not add, remove or replace", io.operator),
            ));
        }
        if let Some(p) = &io.predicate
            && !p.path.starts_with('/')
        {
            return Err((
                format!("{f}.predicate.path"),
                "must be a JSON pointer starting with '/'".into(),
            ));
        }
    }
    for (list, name) in [
        (&o.command_overrider, "commandOverrider"),
        (&o.args_overrider, "argsOverrider"),
    ] {
        for (i, c) in list.iter().flatten().enumerate() {
            if !["add", "remove"].contains(&c.operator.as_str()) {
                return Err((
                    format!("{field}.{name}[{i}].operator"),
                    format!("{:?} is not add or remove", c.operator),
                ));
            }
        }
    }
    for (i, p) in o.plaintext.iter().flatten().enumerate() {
        if !["add", "remove", "replace"].contains(&p.operator.as_str()) {
            return Err((
                format!("{field}.plaintext[{i}].operator"),
                format!("{:?} is not add, remove or replace", p.operator),
            ));
        }
    }
    Ok(())
}

fn validate_override(p: &mut OverridePolicy, namespaced: bool) -> Result<(), Invalid> {
    let ns = p.metadata.namespace.clone();
    let spec = &mut p.spec;
    if let Some(selectors) = spec.resource_selectors.as_mut() {
        check_selectors(
            selectors,
            namespaced.then_some(ns.as_str()),
            "spec.resourceSelectors",
        )?;
    }
    let has_rules = spec.override_rules.as_ref().is_some_and(|r| !r.is_empty());
    if has_rules && (spec.target_cluster.is_some() || spec.overriders.is_some()) {
        return Err((
            "spec.overrideRules".into(),
            "overrideRules cannot be combined with targetCluster/overriders".into(),
        ));
    }
    for (i, rule) in spec.override_rules.iter().flatten().enumerate() {
        if let Some(a) = &rule.target_cluster {
            check_affinity(a, &format!("spec.overrideRules[{i}].targetCluster"))?;
        }
        check_overriders(
            &rule.overriders,
            &format!("spec.overrideRules[{i}].overriders"),
        )?;
    }
    if let Some(a) = &spec.target_cluster {
        check_affinity(a, "spec.targetCluster")?;
    }
    if let Some(o) = &spec.overriders {
        check_overriders(o, "spec.overriders")?;
    }
    Ok(())
}
