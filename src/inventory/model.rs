//! The inventory document users write: hosts, SSH defaults and clusters.
//!
//! Every struct denies unknown fields, so a typo is an error rather than a silently ignored
//! setting. Optional sections default to empty; the defaults that depend on other fields (the etcd
//! members, the API endpoint) are resolved by the accessor methods, never written back.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only `apiVersion` this release reads.
pub const API_VERSION: &str = "tcs.io/v1alpha1";
/// The `kind` of an inventory document.
pub const KIND: &str = "Inventory";
/// Kubernetes version used when an inventory or `tcs init` names none.
pub const DEFAULT_KUBERNETES_VERSION: &str = "1.36.4";
/// Default pod network.
pub const DEFAULT_POD_CIDR: &str = "10.244.0.0/16";
/// Default service network.
pub const DEFAULT_SERVICE_CIDR: &str = "10.96.0.0/12";
/// Default API server port behind the endpoint.
pub const DEFAULT_API_PORT: u16 = 6443;

/// A whole inventory: one document, `kind: Inventory`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(
    title = "tcs inventory",
    description = "Hosts and clusters that tcs installs and manages."
)]
pub struct Inventory {
    /// Always `tcs.io/v1alpha1`.
    #[schemars(extend("const" = "tcs.io/v1alpha1"))]
    pub api_version: String,
    /// Always `Inventory`.
    #[schemars(extend("const" = "Inventory"))]
    pub kind: String,
    /// Name of the inventory; it names the state directory `.tcs/<name>/`.
    pub metadata: Metadata,
    /// Hosts, SSH settings and clusters.
    pub spec: InventorySpec,
}

/// Object metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Metadata {
    /// A DNS label: lower-case letters, digits and '-'.
    pub name: String,
}

/// The body of an inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InventorySpec {
    /// SSH defaults for every host; a host's own `ssh` overrides them field by field.
    #[serde(default, skip_serializing_if = "SshSpec::is_empty")]
    pub ssh: SshSpec,
    /// Every machine tcs manages. Each belongs to exactly one cluster.
    pub hosts: Vec<Host>,
    /// Path of the offline bundle (directory or tar), relative to the inventory file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// Registry addon images are pulled through, `host[:port][/prefix]` (e.g. the global
    /// cluster's registry): each image becomes `<registry>/<upstream registry>/<repository>`.
    /// Unset: images keep their upstream names (and come from the bundle or a mirror).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_registry: Option<String>,
    /// One global (management) cluster and any number of business clusters.
    pub clusters: Vec<Cluster>,
    /// Thresholds for `tcs check`.
    #[serde(default, skip_serializing_if = "PreflightSpec::is_default")]
    pub preflight: PreflightSpec,
}

/// Thresholds and switches for the preflight checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PreflightSpec {
    /// Minimums for control-plane hosts (default 2 CPUs, 1700 MiB, 10 GiB free under /var/lib).
    #[serde(default = "Minimums::control_plane")]
    pub control_plane: Minimums,
    /// Minimums for workers and dedicated etcd hosts (default 1 CPU, 1024 MiB, 10 GiB).
    #[serde(default = "Minimums::worker")]
    pub worker: Minimums,
    /// Largest clock offset to the tcs machine, in milliseconds (default 1000).
    #[serde(default = "default_clock_offset")]
    pub max_clock_offset_ms: u64,
    /// Check ids to skip, e.g. `[swap, firewall]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<String>,
}

impl Default for PreflightSpec {
    fn default() -> Self {
        PreflightSpec {
            control_plane: Minimums::control_plane(),
            worker: Minimums::worker(),
            max_clock_offset_ms: default_clock_offset(),
            skip: Vec::new(),
        }
    }
}

impl PreflightSpec {
    /// True when nothing differs from the defaults.
    pub fn is_default(&self) -> bool {
        self == &PreflightSpec::default()
    }
}

fn default_clock_offset() -> u64 {
    1000
}

/// Resource minimums for one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Minimums {
    /// CPUs.
    pub cpus: u32,
    /// Memory in MiB.
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u64,
    /// Free space under /var/lib in GiB.
    #[serde(rename = "diskGiB")]
    pub disk_gib: u64,
}

impl Minimums {
    /// kubeadm's own minimums for a control plane, plus room for images.
    pub fn control_plane() -> Self {
        Minimums {
            cpus: 2,
            memory_mib: 1700,
            disk_gib: 10,
        }
    }

    /// Defaults for workers.
    pub fn worker() -> Self {
        Minimums {
            cpus: 1,
            memory_mib: 1024,
            disk_gib: 10,
        }
    }
}

/// How host keys of unknown hosts are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HostKeyPolicy {
    /// Only hosts already in known_hosts are accepted (the default).
    #[default]
    Strict,
    /// Unknown hosts are trusted on first use and recorded; changed keys are still refused.
    AcceptNew,
}

/// SSH connection settings. Every field is optional so that hosts can override any subset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SshSpec {
    /// Login user (default `root`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// SSH port (default 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u16>,
    /// Private key file; `~` is expanded, relative paths are relative to the inventory file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_file: Option<String>,
    /// Name of an environment variable holding the login password (also used for sudo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// Name of an environment variable holding the passphrase of an encrypted key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase_env: Option<String>,
    /// known_hosts file used to check host keys (default `~/.ssh/known_hosts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_hosts: Option<String>,
    /// `strict` (default) or `accept-new` (trust on first use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_key_policy: Option<HostKeyPolicy>,
    /// Jump host through which this host is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bastion: Option<Bastion>,
    /// Seconds between keepalives on an idle connection (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 3600))]
    pub keepalive_interval: Option<u64>,
    /// Unanswered keepalives after which the connection counts as lost (default 4: a host
    /// that answers nothing for 60 s is reported lost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub keepalive_count_max: Option<u32>,
}

impl SshSpec {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self == &SshSpec::default()
    }

    /// This spec with every unset field taken from `defaults`.
    pub fn or(&self, defaults: &SshSpec) -> SshSpec {
        SshSpec {
            user: self.user.clone().or_else(|| defaults.user.clone()),
            port: self.port.or(defaults.port),
            identity_file: self
                .identity_file
                .clone()
                .or_else(|| defaults.identity_file.clone()),
            password_env: self
                .password_env
                .clone()
                .or_else(|| defaults.password_env.clone()),
            passphrase_env: self
                .passphrase_env
                .clone()
                .or_else(|| defaults.passphrase_env.clone()),
            known_hosts: self
                .known_hosts
                .clone()
                .or_else(|| defaults.known_hosts.clone()),
            host_key_policy: self.host_key_policy.or(defaults.host_key_policy),
            bastion: self.bastion.clone().or_else(|| defaults.bastion.clone()),
            keepalive_interval: self.keepalive_interval.or(defaults.keepalive_interval),
            keepalive_count_max: self.keepalive_count_max.or(defaults.keepalive_count_max),
        }
    }
}

/// A jump host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Bastion {
    /// Address (IP or DNS name) of the jump host.
    pub address: String,
    /// SSH port of the jump host (default 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Login user on the jump host (default: the host's user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Private key for the jump host (default: the host's key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_file: Option<String>,
}

/// CPU architecture of a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    /// x86-64.
    #[default]
    Amd64,
    /// 64-bit ARM.
    Arm64,
}

/// One machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Host {
    /// Node name: a lower-case RFC 1123 DNS name, unique in the inventory.
    pub name: String,
    /// Address tcs connects to over SSH (IP or DNS name).
    pub address: String,
    /// Address on the cluster network (default: `address`); must be an IP when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_address: Option<String>,
    /// CPU architecture (default amd64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<Arch>,
    /// Kubernetes node labels applied when the host joins.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// SSH settings overriding `spec.ssh` for this host.
    #[serde(default, skip_serializing_if = "SshSpec::is_empty")]
    pub ssh: SshSpec,
}

impl Host {
    /// The address used on the cluster network.
    pub fn cluster_address(&self) -> &str {
        self.internal_address.as_deref().unwrap_or(&self.address)
    }
}

/// What a cluster is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClusterRole {
    /// The management cluster: fleet registry, federation, shared registry.
    Global,
    /// A workload cluster, member of the federation.
    Business,
}

/// One Kubernetes cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Cluster {
    /// Cluster name: a DNS label, unique in the inventory.
    pub name: String,
    /// `global` (exactly one) or `business`.
    pub role: ClusterRole,
    /// Version and networks.
    #[serde(default)]
    pub kubernetes: KubernetesSpec,
    /// Control-plane hosts and the API endpoint.
    pub control_plane: ControlPlane,
    /// etcd members (default: the control-plane hosts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etcd: Option<HostGroup>,
    /// Worker hosts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers: Option<HostGroup>,
    /// Pod network plugin.
    #[serde(default)]
    pub network: NetworkSpec,
    /// Container runtime settings.
    #[serde(default, skip_serializing_if = "ContainerdSpec::is_default")]
    pub containerd: ContainerdSpec,
    /// Addons to enable, by name, with their values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub addons: BTreeMap<String, AddonSpec>,
    /// Federation membership (business clusters only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federation: Option<FederationSpec>,
    /// How the fleet is federated (the global cluster only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fleet: Option<FleetSpec>,
}

impl Cluster {
    /// The etcd members: `etcd.hosts`, or the control-plane hosts when unset.
    pub fn etcd_hosts(&self) -> &[String] {
        match &self.etcd {
            Some(group) => &group.hosts,
            None => &self.control_plane.hosts,
        }
    }

    /// The worker hosts (possibly none).
    pub fn worker_hosts(&self) -> &[String] {
        self.workers
            .as_ref()
            .map(|w| w.hosts.as_slice())
            .unwrap_or_default()
    }

    /// Every host of the cluster, each once, control planes first.
    pub fn all_hosts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for name in self
            .control_plane
            .hosts
            .iter()
            .chain(self.etcd_hosts())
            .chain(self.worker_hosts())
        {
            if !out.contains(&name.as_str()) {
                out.push(name);
            }
        }
        out
    }
}

/// Kubernetes version and networks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KubernetesSpec {
    /// Kubernetes version, `MAJOR.MINOR.PATCH` (a leading `v` is allowed). Quote it in YAML.
    #[serde(default = "default_version")]
    pub version: String,
    /// Pod network CIDR.
    #[serde(default = "default_pod_cidr", rename = "podCIDR")]
    pub pod_cidr: String,
    /// Service network CIDR.
    #[serde(default = "default_service_cidr", rename = "serviceCIDR")]
    pub service_cidr: String,
}

impl Default for KubernetesSpec {
    fn default() -> Self {
        KubernetesSpec {
            version: default_version(),
            pod_cidr: default_pod_cidr(),
            service_cidr: default_service_cidr(),
        }
    }
}

fn default_version() -> String {
    DEFAULT_KUBERNETES_VERSION.to_string()
}
fn default_pod_cidr() -> String {
    DEFAULT_POD_CIDR.to_string()
}
fn default_service_cidr() -> String {
    DEFAULT_SERVICE_CIDR.to_string()
}

/// The control plane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ControlPlane {
    /// Control-plane hosts (at least one; three for HA).
    pub hosts: Vec<String>,
    /// Where clients reach the API server. Required with more than one control-plane host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
}

/// The API server endpoint: a VIP that tcs manages (kube-vip), or an external load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Endpoint {
    /// Virtual IP held by the control-plane hosts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip: Option<String>,
    /// Address (IP or DNS name) of an external load balancer that tcs does not manage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// API server port (default 6443).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
}

/// A list of host names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HostGroup {
    /// Host names from `spec.hosts`.
    pub hosts: Vec<String>,
}

/// containerd settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContainerdSpec {
    /// Snapshotter (default overlayfs; `native` where overlay cannot nest, e.g. in containers).
    #[serde(default = "default_snapshotter")]
    pub snapshotter: String,
    /// Pause image (default: the bundle's pause image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox_image: Option<String>,
    /// Registry mirrors: registry host -> mirror endpoints, tried in order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub registry_mirrors: BTreeMap<String, Vec<String>>,
}

impl Default for ContainerdSpec {
    fn default() -> Self {
        ContainerdSpec {
            snapshotter: default_snapshotter(),
            sandbox_image: None,
            registry_mirrors: BTreeMap::new(),
        }
    }
}

impl ContainerdSpec {
    /// True when nothing differs from the defaults.
    pub fn is_default(&self) -> bool {
        self == &ContainerdSpec::default()
    }
}

fn default_snapshotter() -> String {
    "overlayfs".to_string()
}

/// Supported pod network plugins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NetworkPlugin {
    /// Calico (default).
    #[default]
    Calico,
    /// Flannel.
    Flannel,
}

/// Pod networking.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NetworkSpec {
    /// `calico` (default) or `flannel`.
    #[serde(default)]
    pub plugin: NetworkPlugin,
}

/// One addon's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AddonSpec {
    /// Whether `tcs install` enables the addon (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Values merged over the addon's defaults.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub values: serde_json::Map<String, serde_json::Value>,
}

fn yes() -> bool {
    true
}

/// How the global cluster federates its fleet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FleetSpec {
    /// The federation engine: tcs's own (push from `tcs fed apply` or its controller), or
    /// Karmada (the karmada addon of this cluster). Default: tcs.
    #[serde(default)]
    pub backend: FleetBackend,
}

/// A federation engine.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum FleetBackend {
    /// tcs's own engine: plans with Karmada's semantics and applies to each member.
    #[default]
    Tcs,
    /// Karmada's control plane (`tcs addon enable karmada`): its scheduler and controllers.
    Karmada,
}

/// How a member joins Karmada.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum JoinMode {
    /// Karmada's controllers reach the member's API server (`karmadactl join`).
    #[default]
    Push,
    /// karmada-agent in the member reaches Karmada (`karmadactl register`): for members
    /// behind NAT or a firewall that only dial out.
    Pull,
}

/// How a business cluster appears in the federation (Karmada `Cluster` fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FederationSpec {
    /// Labels policies select the cluster by.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Cloud provider name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Region of the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Zones the cluster spans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<String>,
    /// How it joins when the fleet's backend is Karmada (default push).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<JoinMode>,
}

/// What a host does in its cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Runs the API server, scheduler and controller manager.
    ControlPlane,
    /// Runs an etcd member.
    Etcd,
    /// Runs workloads.
    Worker,
}

impl Role {
    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Role::ControlPlane => "control-plane",
            Role::Etcd => "etcd",
            Role::Worker => "worker",
        }
    }
}

impl Inventory {
    /// The host named `name`.
    pub fn host(&self, name: &str) -> Option<&Host> {
        self.spec.hosts.iter().find(|h| h.name == name)
    }

    /// The cluster `host` belongs to.
    pub fn cluster_of(&self, host: &str) -> Option<&Cluster> {
        self.spec
            .clusters
            .iter()
            .find(|c| c.all_hosts().contains(&host))
    }

    /// The roles of `host` in its cluster.
    pub fn roles_of(&self, host: &str) -> Vec<Role> {
        let Some(cluster) = self.cluster_of(host) else {
            return Vec::new();
        };
        let mut roles = Vec::new();
        let has = |list: &[String]| list.iter().any(|h| h == host);
        if has(&cluster.control_plane.hosts) {
            roles.push(Role::ControlPlane);
        }
        if has(cluster.etcd_hosts()) {
            roles.push(Role::Etcd);
        }
        if has(cluster.worker_hosts()) {
            roles.push(Role::Worker);
        }
        roles
    }
}
