//! Karmada's API, field for field: `cluster.karmada.io/v1alpha1` Cluster,
//! `policy.karmada.io/v1alpha1` (Cluster)PropagationPolicy and (Cluster)OverridePolicy, and
//! `work.karmada.io/v1alpha2` ResourceBinding. Every field of the upstream types is declared so a
//! user's files parse unchanged and typos are errors; fields tcs does not act on (failover,
//! suspension, ...) are kept as raw JSON.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `metadata` as far as the engine needs it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Namespace (empty for cluster-scoped objects).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// UID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// Everything else in metadata.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

// ----------------------------------------------------------------------------------------------
// cluster.karmada.io/v1alpha1 Cluster

/// A member cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    /// Metadata: name and labels matter.
    pub metadata: ObjectMeta,
    /// Spec.
    #[serde(default)]
    pub spec: ClusterSpec,
    /// Status: the resource summary feeds capacity-based division.
    #[serde(default)]
    pub status: ClusterStatus,
}

/// Cluster spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSpec {
    /// Cloud provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Deprecated single zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Zones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<String>,
    /// Taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    /// Other spec fields (apiEndpoint, syncMode, secretRef, ...).
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// A cluster taint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(default)]
    pub value: Option<String>,
    /// NoSchedule, PreferNoSchedule or NoExecute.
    pub effect: String,
    /// When it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Value>,
}

/// Cluster status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterStatus {
    /// Aggregated resources of the cluster's nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_summary: Option<ResourceSummary>,
    /// APIs the cluster serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_enablements: Option<Vec<ApiEnablement>>,
    /// Other status fields.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// Resources of a cluster, as quantities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceSummary {
    /// Allocatable.
    #[serde(default)]
    pub allocatable: BTreeMap<String, Value>,
    /// Allocating (pods being scheduled).
    #[serde(default)]
    pub allocating: BTreeMap<String, Value>,
    /// Allocated.
    #[serde(default)]
    pub allocated: BTreeMap<String, Value>,
    /// Other fields (allocatableModelings, ...).
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// One group version and its kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiEnablement {
    /// `group/version`.
    pub group_version: String,
    /// Kinds served.
    #[serde(default)]
    pub resources: Vec<ApiResource>,
}

/// One served kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResource {
    /// Plural name.
    #[serde(default)]
    pub name: String,
    /// Kind.
    pub kind: String,
}

// ----------------------------------------------------------------------------------------------
// policy.karmada.io/v1alpha1 PropagationPolicy / ClusterPropagationPolicy

/// A PropagationPolicy or ClusterPropagationPolicy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropagationPolicy {
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: PropagationSpec,
}

/// What a propagation policy says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PropagationSpec {
    /// Which resources the policy claims (ORed; at least one).
    #[serde(default)]
    pub resource_selectors: Vec<ResourceSelector>,
    /// Where they go.
    #[serde(default)]
    pub placement: Placement,
    /// Explicit priority (higher wins).
    #[serde(default)]
    pub priority: Option<i32>,
    /// Propagate ConfigMaps, Secrets, ... that workloads use.
    #[serde(default)]
    pub propagate_deps: Option<bool>,
    /// Always or Never.
    #[serde(default)]
    pub preemption: Option<String>,
    /// OverridePolicies that must exist first.
    #[serde(default)]
    pub dependent_overrides: Option<Vec<String>>,
    /// Scheduler name.
    #[serde(default)]
    pub scheduler_name: Option<String>,
    /// Failover behaviour (not acted on by tcs).
    #[serde(default)]
    pub failover: Option<Value>,
    /// Abort or Overwrite.
    #[serde(default)]
    pub conflict_resolution: Option<String>,
    /// Lazy or empty.
    #[serde(default)]
    pub activation_preference: Option<String>,
    /// Dispatching suspension.
    #[serde(default)]
    pub suspension: Option<Value>,
    /// Keep member objects when the template is deleted.
    #[serde(default)]
    pub preserve_resources_on_deletion: Option<bool>,
    /// Scheduling priority class.
    #[serde(default)]
    pub schedule_priority: Option<Value>,
    /// Deprecated alias of propagateDeps.
    #[serde(default)]
    pub association: Option<bool>,
}

/// Selects resources by apiVersion, kind and optionally namespace, name, labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceSelector {
    /// apiVersion, compared as a string.
    pub api_version: String,
    /// Kind.
    pub kind: String,
    /// Namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Name; when set the label selector is ignored.
    #[serde(default)]
    pub name: Option<String>,
    /// Label selector.
    #[serde(default)]
    pub label_selector: Option<LabelSelector>,
}

/// Placement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Placement {
    /// Which clusters qualify.
    #[serde(default)]
    pub cluster_affinity: Option<ClusterAffinity>,
    /// Ordered groups of clusters, tried in turn.
    #[serde(default)]
    pub cluster_affinities: Option<Vec<ClusterAffinityTerm>>,
    /// Tolerations of cluster taints.
    #[serde(default)]
    pub cluster_tolerations: Option<Vec<Toleration>>,
    /// Spread constraints.
    #[serde(default)]
    pub spread_constraints: Option<Vec<SpreadConstraint>>,
    /// How replicas are scheduled; absent means Duplicated.
    #[serde(default)]
    pub replica_scheduling: Option<ReplicaSchedulingStrategy>,
    /// Workload affinity (alpha, not acted on).
    #[serde(default)]
    pub workload_affinity: Option<Value>,
}

/// Cluster affinity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterAffinity {
    /// Label selector on Cluster labels.
    #[serde(default)]
    pub label_selector: Option<LabelSelector>,
    /// Selector on provider, region and zone.
    #[serde(default)]
    pub field_selector: Option<FieldSelector>,
    /// Cluster names.
    #[serde(default)]
    pub cluster_names: Option<Vec<String>>,
    /// Excluded cluster names.
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
}

/// One term of `clusterAffinities`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterAffinityTerm {
    /// Name of the group.
    pub affinity_name: String,
    /// Label selector.
    #[serde(default)]
    pub label_selector: Option<LabelSelector>,
    /// Field selector.
    #[serde(default)]
    pub field_selector: Option<FieldSelector>,
    /// Cluster names.
    #[serde(default)]
    pub cluster_names: Option<Vec<String>>,
    /// Excluded names.
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
    /// Overflow groups (not acted on).
    #[serde(default)]
    pub overflow_affinities: Option<Value>,
}

impl ClusterAffinityTerm {
    /// The term as a plain affinity.
    pub fn affinity(&self) -> ClusterAffinity {
        ClusterAffinity {
            label_selector: self.label_selector.clone(),
            field_selector: self.field_selector.clone(),
            cluster_names: self.cluster_names.clone(),
            exclude: self.exclude.clone(),
        }
    }
}

/// Field selector on provider, region and zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldSelector {
    /// Requirements (ANDed).
    #[serde(default)]
    pub match_expressions: Vec<FieldRequirement>,
}

/// One field requirement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldRequirement {
    /// provider, region or zone.
    pub key: String,
    /// In, NotIn, Exists, DoesNotExist.
    pub operator: String,
    /// Values.
    #[serde(default)]
    pub values: Vec<String>,
}

/// A toleration of cluster taints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toleration {
    /// Key (empty with Exists tolerates everything).
    #[serde(default)]
    pub key: Option<String>,
    /// Equal (default) or Exists.
    #[serde(default)]
    pub operator: Option<String>,
    /// Value.
    #[serde(default)]
    pub value: Option<String>,
    /// Effect (empty matches all).
    #[serde(default)]
    pub effect: Option<String>,
    /// For NoExecute.
    #[serde(default)]
    pub toleration_seconds: Option<i64>,
}

/// A spread constraint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpreadConstraint {
    /// cluster, region, zone or provider.
    #[serde(default)]
    pub spread_by_field: Option<String>,
    /// A cluster label.
    #[serde(default)]
    pub spread_by_label: Option<String>,
    /// At most this many groups.
    #[serde(default)]
    pub max_groups: Option<i64>,
    /// At least this many groups.
    #[serde(default)]
    pub min_groups: Option<i64>,
}

/// Replica scheduling.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSchedulingStrategy {
    /// Duplicated or Divided (CRD default: Divided).
    #[serde(default)]
    pub replica_scheduling_type: Option<String>,
    /// Aggregated or Weighted (webhook default for Divided: Weighted).
    #[serde(default)]
    pub replica_division_preference: Option<String>,
    /// Weights.
    #[serde(default)]
    pub weight_preference: Option<WeightPreference>,
}

/// Static or dynamic weights.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightPreference {
    /// Static weights by cluster.
    #[serde(default)]
    pub static_weight_list: Option<Vec<StaticWeight>>,
    /// AvailableReplicas.
    #[serde(default)]
    pub dynamic_weight: Option<String>,
}

/// A static weight for the clusters an affinity matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StaticWeight {
    /// Which clusters.
    pub target_cluster: ClusterAffinity,
    /// Weight.
    pub weight: i64,
}

// ----------------------------------------------------------------------------------------------
// policy.karmada.io/v1alpha1 OverridePolicy / ClusterOverridePolicy

/// An OverridePolicy or ClusterOverridePolicy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverridePolicy {
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: OverrideSpec,
}

/// What an override policy says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverrideSpec {
    /// Resources; empty matches all.
    #[serde(default)]
    pub resource_selectors: Option<Vec<ResourceSelector>>,
    /// Rules, applied in order.
    #[serde(default)]
    pub override_rules: Option<Vec<RuleWithCluster>>,
    /// Deprecated: target of `overriders`.
    #[serde(default)]
    pub target_cluster: Option<ClusterAffinity>,
    /// Deprecated: overriders used when overrideRules is empty.
    #[serde(default)]
    pub overriders: Option<Overriders>,
}

/// Overriders for the clusters a target matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleWithCluster {
    /// Clusters (nil: all).
    #[serde(default)]
    pub target_cluster: Option<ClusterAffinity>,
    /// What to change.
    pub overriders: Overriders,
}

/// Every kind of overrider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Overriders {
    /// JSON patches.
    #[serde(default)]
    pub plaintext: Option<Vec<PlaintextOverrider>>,
    /// Image rewrites.
    #[serde(default)]
    pub image_overrider: Option<Vec<ImageOverrider>>,
    /// Container commands.
    #[serde(default)]
    pub command_overrider: Option<Vec<CommandArgsOverrider>>,
    /// Container args.
    #[serde(default)]
    pub args_overrider: Option<Vec<CommandArgsOverrider>>,
    /// Object labels.
    #[serde(default)]
    pub labels_overrider: Option<Vec<LabelAnnotationOverrider>>,
    /// Object annotations.
    #[serde(default)]
    pub annotations_overrider: Option<Vec<LabelAnnotationOverrider>>,
    /// YAML/JSON documents inside string fields.
    #[serde(default)]
    pub field_overrider: Option<Vec<FieldOverrider>>,
}

/// One JSON patch operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaintextOverrider {
    /// JSON pointer.
    pub path: String,
    /// add, remove or replace.
    pub operator: String,
    /// Raw JSON value.
    #[serde(default)]
    pub value: Option<Value>,
}

/// An image rewrite.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageOverrider {
    /// Only the image at this path.
    #[serde(default)]
    pub predicate: Option<ImagePredicate>,
    /// Registry, Repository or Tag.
    pub component: String,
    /// add, remove or replace.
    pub operator: String,
    /// Value.
    #[serde(default)]
    pub value: Option<String>,
}

/// Path of one image string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImagePredicate {
    /// Path like `/spec/template/spec/containers/0/image`.
    pub path: String,
}

/// Command or args change for a named container.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CommandArgsOverrider {
    /// Container name.
    pub container_name: String,
    /// add or remove.
    pub operator: String,
    /// Values.
    #[serde(default)]
    pub value: Vec<String>,
}

/// Label or annotation change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelAnnotationOverrider {
    /// add, remove or replace.
    pub operator: String,
    /// Keys and values.
    #[serde(default)]
    pub value: BTreeMap<String, String>,
}

/// Patches of a YAML or JSON document held in a string field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldOverrider {
    /// Path of the string field.
    pub field_path: String,
    /// Patches when the string holds JSON.
    #[serde(default)]
    pub json: Option<Vec<SubPatch>>,
    /// Patches when the string holds YAML (wins over json).
    #[serde(default)]
    pub yaml: Option<Vec<SubPatch>>,
}

/// One patch inside a field's document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubPatch {
    /// JSON pointer inside the document.
    pub sub_path: String,
    /// add, remove or replace.
    pub operator: String,
    /// Value.
    #[serde(default)]
    pub value: Option<Value>,
}

// ----------------------------------------------------------------------------------------------
// work.karmada.io/v1alpha2 ResourceBinding

/// A previous placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceBinding {
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: ResourceBindingSpec,
}

/// Binding spec (the fields tcs reads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceBindingSpec {
    /// The template.
    pub resource: ObjectReference,
    /// Scheduled clusters.
    #[serde(default)]
    pub clusters: Vec<TargetCluster>,
    /// Other fields.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// Reference to the template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectReference {
    /// apiVersion.
    #[serde(default)]
    pub api_version: String,
    /// Kind.
    #[serde(default)]
    pub kind: String,
    /// Namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// UID.
    #[serde(default)]
    pub uid: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// A cluster and its replicas.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCluster {
    /// Cluster name.
    pub name: String,
    /// Replicas there.
    #[serde(default)]
    pub replicas: Option<i64>,
}
