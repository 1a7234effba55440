//! Kubernetes on prepared hosts with kubeadm: the node binaries and kubelet unit; the control
//! plane (tcs's CAs handed to kubeadm, kube-vip holding the VIP as a static pod, `kubeadm init`
//! on the first control plane from a rendered InitConfiguration/ClusterConfiguration with
//! external etcd, the other control planes and then the workers joined with a bootstrap token
//! made for this run); the CNI manifest from the bundle; every node Ready; and the admin
//! kubeconfig fetched into the state directory with the API endpoint as its server.
//!
//! kubeadm cannot run on the machines this is developed on; these phases are exercised by the
//! Vagrant suite (`tests/vagrant/`). The rendered files are covered by golden tests.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::json;

use super::{read_file, render_template, run_root, write_file};
use crate::bundle::FileKind;
use crate::inventory::{Cluster, Host, Inventory};
use crate::pki::{ClusterPki, LeafSpec, PkiError, Usage};
use crate::plan::{Check, HostCtx, Phase, Step, StepError};
use crate::ssh::{ExecOptions, shell_quote};

const KUBEADM_DIR: &str = "/etc/kubernetes/tcs";
const ADMIN_CONF: &str = "/etc/kubernetes/admin.conf";
const SUPER_ADMIN_CONF: &str = "/etc/kubernetes/super-admin.conf";
const KUBE_VIP_MANIFEST: &str = "/etc/kubernetes/manifests/kube-vip.yaml";
pub(super) const KUBECTL: &str = "kubectl --kubeconfig /etc/kubernetes/admin.conf";

const TEMPLATES: &[(&str, &str)] = &[
    (
        "init.yaml.j2",
        include_str!("../../templates/kubeadm/init.yaml.j2"),
    ),
    (
        "join.yaml.j2",
        include_str!("../../templates/kubeadm/join.yaml.j2"),
    ),
    (
        "node-registration.yaml.j2",
        include_str!("../../templates/kubeadm/node-registration.yaml.j2"),
    ),
    (
        "kube-vip.yaml.j2",
        include_str!("../../templates/kube-vip/kube-vip.yaml.j2"),
    ),
];

/// The node phase: Kubernetes binaries and the kubelet unit on control planes and workers.
pub fn node_phase() -> Phase {
    Phase {
        id: "node",
        title: "Kubernetes node binaries",
        steps: vec![
            Box::new(KubernetesVersion),
            Box::new(NodeTools),
            Box::new(super::BundleBinaries {
                id: "kube-binaries",
                describe: "install kubeadm, kubelet and kubectl from the bundle",
                components: &["kubernetes"],
                required: &["kubeadm", "kubelet", "kubectl"],
                hosts: is_node,
                only: None,
            }),
            Box::new(KubeletUnit),
        ],
        quorum: false,
    }
}

/// The control-plane phase.
pub fn control_plane_phase() -> Phase {
    Phase {
        id: "control-plane",
        title: "Control plane (kubeadm, kube-vip)",
        steps: vec![
            Box::new(KubePki),
            Box::new(KubeVipBootstrap),
            Box::new(KubeadmInit),
            Box::new(KubeadmJoin {
                control_plane: true,
            }),
            Box::new(KubeVip),
        ],
        quorum: true,
    }
}

/// The workers phase.
pub fn workers_phase() -> Phase {
    Phase {
        id: "workers",
        title: "Workers join",
        steps: vec![Box::new(KubeadmJoin {
            control_plane: false,
        })],
        quorum: false,
    }
}

/// The network phase: CNI, nodes Ready, the admin kubeconfig.
pub fn network_phase() -> Phase {
    Phase {
        id: "network",
        title: "Pod network, nodes Ready, kubeconfig",
        steps: vec![
            Box::new(Cni),
            Box::new(NodesReady),
            Box::new(SystemPods),
            Box::new(Kubeconfig),
        ],
        quorum: false,
    }
}

// ---- cluster facts derived from the inventory -------------------------------------------

/// Where clients reach the API server.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiEndpoint {
    /// VIP, load-balancer address, or the single control plane's address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Whether tcs holds it with kube-vip.
    pub vip: bool,
}

/// The cluster's API endpoint.
pub fn api_endpoint(cluster: &Cluster, inventory: &Inventory) -> ApiEndpoint {
    let e = cluster.control_plane.endpoint.as_ref();
    let port = e.and_then(|e| e.port).unwrap_or(6443);
    if let Some(vip) = e.and_then(|e| e.vip.clone()) {
        return ApiEndpoint {
            host: vip,
            port,
            vip: true,
        };
    }
    if let Some(address) = e.and_then(|e| e.address.clone()) {
        return ApiEndpoint {
            host: address,
            port,
            vip: false,
        };
    }
    let first = first_control_plane(cluster)
        .and_then(|n| inventory.host(n))
        .map(|h| h.cluster_address().to_string())
        .unwrap_or_default();
    ApiEndpoint {
        host: first,
        port,
        vip: false,
    }
}

/// The control plane `kubeadm init` runs on.
pub fn first_control_plane(cluster: &Cluster) -> Option<&str> {
    cluster.control_plane.hosts.first().map(String::as_str)
}

pub(super) fn is_control_plane(ctx: &HostCtx) -> bool {
    ctx.cluster.control_plane.hosts.contains(&ctx.host.name)
}

fn is_worker(ctx: &HostCtx) -> bool {
    ctx.cluster.worker_hosts().contains(&ctx.host.name)
}

/// Hosts that become Kubernetes nodes: control planes and workers (a dedicated etcd host
/// does not).
pub fn node_names(cluster: &Cluster) -> Vec<String> {
    let mut out: Vec<String> = cluster.control_plane.hosts.clone();
    for w in cluster.worker_hosts() {
        if !out.contains(w) {
            out.push(w.clone());
        }
    }
    out
}

pub(super) fn is_node(ctx: &HostCtx) -> bool {
    is_control_plane(ctx) || is_worker(ctx)
}

pub(super) fn is_first(ctx: &HostCtx) -> bool {
    first_control_plane(&ctx.cluster) == Some(ctx.host.name.as_str())
}

/// The API server certificate's extra names: the endpoint and every control plane's name and
/// addresses (kubeadm adds the in-cluster names and the service IP itself).
pub fn cert_sans(cluster: &Cluster, inventory: &Inventory) -> Vec<String> {
    let mut out = vec![api_endpoint(cluster, inventory).host];
    for h in cluster
        .control_plane
        .hosts
        .iter()
        .filter_map(|n| inventory.host(n))
    {
        for s in [h.name.as_str(), h.address.as_str(), h.cluster_address()] {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
    }
    for s in ["127.0.0.1", "localhost"] {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

fn node_vars(host: &Host) -> minijinja::Value {
    let labels: Vec<String> = host
        .labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    minijinja::context! {
        name => &host.name,
        address => host.cluster_address(),
        labels => labels.join(","),
    }
}

/// What kubeadm's configuration must know about the hosts, from their facts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostTraits {
    /// This host boots cgroup v1: kubeadm's SystemVerification refuses it for kubelets 1.35+
    /// unless skipped (and the kubelet needs `failCgroupV1: false`, which tcs always sets).
    pub cgroup_v1: bool,
    /// The cluster's hosts are containers (kind-style nodes, LXC): nf_conntrack_max is
    /// read-only in their network namespaces, so kube-proxy must leave it alone; and they share
    /// their machine's disk, so the kubelet must not evict or collect images over it.
    pub containers: bool,
}

/// `kubeadm init`'s configuration for the first control plane.
pub fn render_init(
    cluster: &Cluster,
    inventory: &Inventory,
    host: &Host,
    token: &str,
    traits: HostTraits,
) -> Result<String, StepError> {
    let etcd_endpoints: Vec<String> = cluster
        .etcd_hosts()
        .iter()
        .filter_map(|m| inventory.host(m))
        .map(|h| format!("https://{}:2379", h.cluster_address()))
        .collect();
    render_template(
        TEMPLATES,
        "init.yaml.j2",
        minijinja::context! {
            cluster => &cluster.name,
            node => node_vars(host),
            control_plane => true,
            cgroup_v1 => traits.cgroup_v1,
            containers => traits.containers,
            token => token,
            version => cluster.kubernetes.version.trim_start_matches('v'),
            kubelet_fail_cgroup_v1 => minor_of(&cluster.kubernetes.version) >= 31,
            endpoint => minijinja::Value::from(minijinja::value::Serde(api_endpoint(cluster, inventory))),
            image_repository => "registry.k8s.io",
            pod_cidr => &cluster.kubernetes.pod_cidr,
            service_cidr => &cluster.kubernetes.service_cidr,
            etcd_endpoints => etcd_endpoints,
            cert_sans => cert_sans(cluster, inventory),
        },
    )
}

/// `kubeadm join`'s configuration.
pub fn render_join(
    cluster: &Cluster,
    inventory: &Inventory,
    host: &Host,
    control_plane: bool,
    token: &str,
    ca_cert_hash: &str,
    traits: HostTraits,
) -> Result<String, StepError> {
    render_template(
        TEMPLATES,
        "join.yaml.j2",
        minijinja::context! {
            cluster => &cluster.name,
            node => node_vars(host),
            control_plane => control_plane,
            cgroup_v1 => traits.cgroup_v1,
            token => token,
            ca_cert_hash => ca_cert_hash,
            endpoint => minijinja::Value::from(minijinja::value::Serde(api_endpoint(cluster, inventory))),
        },
    )
}

/// kube-vip's static pod for a control plane.
pub fn render_kube_vip(
    cluster: &Cluster,
    inventory: &Inventory,
    host: &str,
    interface: &str,
    subnet: u8,
    image: &str,
    kubeconfig: &str,
) -> Result<String, StepError> {
    let e = api_endpoint(cluster, inventory);
    render_template(
        TEMPLATES,
        "kube-vip.yaml.j2",
        minijinja::context! {
            cluster => &cluster.name,
            node => host,
            vip => e.host,
            port => e.port,
            interface => interface,
            subnet => subnet,
            image => image,
            kubeconfig => kubeconfig,
        },
    )
}

/// The minor of a Kubernetes version (`1.36.4` -> 36; 0 when it does not parse).
fn minor_of(version: &str) -> u32 {
    version
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(0)
}

/// The host's traits from its facts and those of its cluster's other hosts in this run.
fn traits(ctx: &HostCtx) -> HostTraits {
    let mut cluster_hosts = ctx
        .cluster
        .all_hosts()
        .into_iter()
        .filter_map(|h| ctx.shared.facts.get(h));
    HostTraits {
        cgroup_v1: ctx.facts.cgroup_version == 1,
        containers: !ctx.facts.container.is_empty()
            || cluster_hosts.any(|f| !f.container.is_empty()),
    }
}

/// crictl on a host, talking to containerd.
const CRICTL: &str = "crictl --runtime-endpoint unix:///run/containerd/containerd.sock";

/// Where a control plane's static pod manifests wait while its pods are stopped.
pub const HELD_MANIFESTS: &str = "/etc/kubernetes/tcs/held";

/// A shell script (root, on a control plane) that stops the API server, controller manager and
/// scheduler: their manifests move to `HELD_MANIFESTS`, and it waits until the kubelet has
/// removed the API server's container. kube-vip keeps running.
pub fn stop_control_plane_script() -> String {
    let crictl = CRICTL;
    format!(
        "set -e\ninstall -d -m 0700 {HELD_MANIFESTS}\n\
for m in kube-apiserver kube-controller-manager kube-scheduler; do\n\
  if [ -f /etc/kubernetes/manifests/$m.yaml ]; then mv /etc/kubernetes/manifests/$m.yaml {HELD_MANIFESTS}/; fi\n\
done\n\
for i in $(seq 1 120); do [ -z \"$({crictl} ps -q --name '^kube-apiserver$' 2>/dev/null)\" ] && exit 0; sleep 0.5; done\n\
echo 'the API server container did not stop within 60 seconds' >&2\nexit 1\n"
    )
}

/// A shell script (root, on a control plane) that starts what `stop_control_plane_script` held
/// back, waits until this host's own API server answers /readyz, and only then puts back
/// whatever else was held (kube-vip after a VIP handover).
pub fn start_control_plane_script() -> String {
    let crictl = CRICTL;
    format!(
        "set -e\n\
for m in kube-apiserver kube-controller-manager kube-scheduler; do\n\
  if [ -f {HELD_MANIFESTS}/$m.yaml ]; then mv {HELD_MANIFESTS}/$m.yaml /etc/kubernetes/manifests/; fi\n\
done\n\
for i in $(seq 1 150); do\n\
  if {KUBECTL} --server https://127.0.0.1:6443 get --raw=/readyz --request-timeout=2s >/dev/null 2>&1; then\n\
    if ls {HELD_MANIFESTS}/*.yaml >/dev/null 2>&1; then mv {HELD_MANIFESTS}/*.yaml /etc/kubernetes/manifests/; fi\n\
    exit 0\n\
  fi\n\
  sleep 2\n\
done\n\
echo 'the API server on this host did not come back within 5 minutes; its container:' >&2\n\
{crictl} ps -a --name '^kube-apiserver$' >&2 || true\n\
id=$({crictl} ps -a -q --name '^kube-apiserver$' 2>/dev/null | head -n 1)\n\
if [ -n \"$id\" ]; then {crictl} logs --tail 15 \"$id\" >&2 || true; fi\n\
{crictl} images 2>/dev/null | grep -q kube-apiserver || echo 'the kube-apiserver image is gone from containerd: tcs install imports it again from the bundle' >&2\n\
exit 1\n"
    )
}

/// A shell script (root, on a control plane) that restarts its API server, controller manager
/// and scheduler without taking the API away from clients of the VIP: when this host holds
/// `vip`, kube-vip steps down first and the script waits until another control plane answers
/// through it; then `stop_control_plane_script`, then `start_control_plane_script` (this host's
/// own API server must answer before kube-vip comes back).
pub fn restart_control_plane_script(vip: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(vip) = vip {
        s.push_str(&format!(
            "set -e\ninstall -d -m 0700 {HELD_MANIFESTS}\n\
if ip -o addr show | grep -q ' {vip}/' && [ -f /etc/kubernetes/manifests/kube-vip.yaml ]; then\n\
  mv /etc/kubernetes/manifests/kube-vip.yaml {HELD_MANIFESTS}/\n\
  for i in $(seq 1 120); do\n\
    if ! ip -o addr show | grep -q ' {vip}/' && {KUBECTL} get --raw=/readyz --request-timeout=2s >/dev/null 2>&1; then break; fi\n\
    if [ $i = 120 ]; then\n\
      mv {HELD_MANIFESTS}/kube-vip.yaml /etc/kubernetes/manifests/\n\
      echo 'no other control plane took over the VIP {vip} within 60 seconds' >&2; exit 1\n\
    fi\n\
    sleep 0.5\n\
  done\n\
fi\n"
        ));
    }
    // Each part exits on success: run them as functions of one script.
    s.push_str(&format!(
        "stop() {{\n{}}}\nstart() {{\n{}}}\n( stop ) && ( start )\n",
        stop_control_plane_script(),
        start_control_plane_script()
    ));
    s
}

/// `sha256:<hex>` pin of a CA for `kubeadm join`: the sha256 of its SubjectPublicKeyInfo.
pub fn ca_cert_hash(ca_pem: &str) -> Result<String, String> {
    use sha2::Digest;
    let (_, p) = x509_parser::pem::parse_x509_pem(ca_pem.as_bytes()).map_err(|e| e.to_string())?;
    let cert = p.parse_x509().map_err(|e| e.to_string())?;
    Ok(hex::encode(sha2::Sha256::digest(cert.public_key().raw)))
}

/// A bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}`.
pub fn new_token() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 22];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    let s: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    format!("{}.{}", &s[..6], &s[6..])
}

// ---- shared helpers ---------------------------------------------------------------------

fn fail(e: impl std::fmt::Display) -> StepError {
    StepError::Failed(e.to_string())
}

fn arch(ctx: &HostCtx) -> &str {
    super::host_arch(ctx)
}

fn long(secs: u64) -> ExecOptions {
    super::as_root(secs)
}

/// Whether this host is already a node of its cluster (kubelet configured by kubeadm).
async fn joined(ctx: &HostCtx) -> Result<bool, StepError> {
    let out = run_root(
        ctx,
        "test -f /etc/kubernetes/kubelet.conf && echo yes || echo no",
    )
    .await?;
    Ok(out.trim() == "yes")
}

// ---- node phase -------------------------------------------------------------------------

/// The release the inventory asks for is the bundle's, and the one a running node runs: `tcs
/// install` never changes the version of a running cluster (that is `tcs cluster upgrade`, node
/// by node, drained), and never downgrades one.
pub struct KubernetesVersion;

impl Step for KubernetesVersion {
    fn id(&self) -> &'static str {
        "kubernetes-version"
    }
    fn describe(&self) -> &'static str {
        "check that the inventory's Kubernetes version is the bundle's and the one a running node runs"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"version": ctx.cluster.kubernetes.version})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let want = ctx.cluster.kubernetes.version.trim_start_matches('v');
            let cluster = &ctx.cluster.name;
            if let Some(carried) = ctx
                .bundle
                .as_ref()
                .and_then(|b| b.manifest.versions.get("kubernetes"))
                .map(|v| v.trim_start_matches('v'))
                && carried != want
            {
                return Err(fail(format!(
                    "the bundle carries Kubernetes {carried}, cluster {cluster} asks for {want}: use a bundle of {want} (tcs bundle build --kubernetes {want})"
                )));
            }
            if !joined(ctx).await? {
                return Ok(Check::Done);
            }
            let out = run_root(ctx, "kubelet --version 2>/dev/null || true").await?;
            let running = out
                .split_whitespace()
                .last()
                .unwrap_or("")
                .trim_start_matches('v')
                .to_string();
            if running.is_empty() || running == want {
                return Ok(Check::Done);
            }
            let (r, w) = (
                super::upgrade::Release::parse(&running),
                super::upgrade::Release::parse(want),
            );
            Err(fail(if r < w {
                format!(
                    "{} runs Kubernetes {running}, the inventory asks for {want}: tcs install does not change the version of a running cluster; run `tcs cluster upgrade {cluster} --to {want}` (node by node, drained)",
                    ctx.host.name
                )
            } else {
                format!(
                    "{} runs Kubernetes {running}, newer than the inventory's {want}: set spec.clusters[{cluster}].kubernetes.version to {running} and use a bundle of it (tcs never downgrades)",
                    ctx.host.name
                )
            }))
        })
    }
    fn apply<'a>(&'a self, _ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move { Ok(()) })
    }
}

/// Host tools kubeadm's preflight requires.
pub struct NodeTools;

const NODE_TOOLS: &[&str] = &["conntrack", "iptables", "socat", "ip", "mount", "nsenter"];

impl Step for NodeTools {
    fn id(&self) -> &'static str {
        "node-tools"
    }
    fn describe(&self) -> &'static str {
        "check the host tools kubeadm needs (conntrack, iptables, socat, ip, mount, nsenter)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"tools": NODE_TOOLS})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let out = run_root(
                ctx,
                &format!(
                    "for t in {}; do command -v $t >/dev/null 2>&1 || echo $t; done",
                    NODE_TOOLS.join(" ")
                ),
            )
            .await?;
            let missing: Vec<&str> = out.split_whitespace().collect();
            Ok(if missing.is_empty() {
                Check::Done
            } else {
                Check::Needed(format!("missing: {}", missing.join(", ")))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            // Operating-system packages are the site's OS image's business (air-gapped hosts
            // install them from their own mirror); say exactly what to install.
            let rhel = ctx.facts.os_like.contains("rhel")
                || ctx.facts.os_like.contains("fedora")
                || [
                    "rhel",
                    "centos",
                    "rocky",
                    "almalinux",
                    "fedora",
                    "ol",
                    "kylin",
                    "openEuler",
                ]
                .contains(&ctx.facts.os_id.as_str());
            Err(StepError::Failed(if rhel {
                "kubeadm needs host tools this host lacks: dnf install -y conntrack-tools iptables socat iproute util-linux".into()
            } else {
                "kubeadm needs host tools this host lacks: apt-get install -y conntrack iptables socat iproute2 mount util-linux".into()
            }))
        })
    }
}

const KUBELET_UNIT: &str = include_str!("../../templates/kubelet/kubelet.service");
const KUBELET_DROPIN: &str = include_str!("../../templates/kubelet/10-kubeadm.conf");
const KUBELET_UNIT_PATH: &str = "/etc/systemd/system/kubelet.service";
const KUBELET_DROPIN_PATH: &str = "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf";

/// The kubelet unit and kubeadm's drop-in, enabled (kubeadm starts it).
pub struct KubeletUnit;

impl Step for KubeletUnit {
    fn id(&self) -> &'static str {
        "kubelet-unit"
    }
    fn describe(&self) -> &'static str {
        "write the kubelet systemd unit and kubeadm's drop-in; enable the kubelet"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_node(ctx)
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"unit": KUBELET_UNIT, "dropin": KUBELET_DROPIN})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            for (path, content) in [
                (KUBELET_UNIT_PATH, KUBELET_UNIT),
                (KUBELET_DROPIN_PATH, KUBELET_DROPIN),
            ] {
                if read_file(ctx, path).await?.as_deref() != Some(content) {
                    return Ok(Check::Needed(format!("{path} missing or different")));
                }
            }
            let enabled = run_root(ctx, "systemctl is-enabled kubelet 2>/dev/null || true").await?;
            Ok(if enabled.trim() == "enabled" {
                Check::Done
            } else {
                Check::Needed("the kubelet is not enabled".into())
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(ctx, KUBELET_UNIT_PATH, KUBELET_UNIT, 0o644).await?;
            write_file(ctx, KUBELET_DROPIN_PATH, KUBELET_DROPIN, 0o644).await?;
            run_root(
                ctx,
                "systemctl daemon-reload && systemctl enable kubelet >/dev/null 2>&1",
            )
            .await?;
            Ok(())
        })
    }
}

// ---- control-plane phase ----------------------------------------------------------------

fn pki(ctx: &HostCtx) -> ClusterPki {
    ClusterPki::new(&ctx.state_dir, &ctx.cluster.name)
}

/// The API server's etcd client certificate.
pub fn etcd_client_spec() -> LeafSpec {
    LeafSpec {
        common_name: "kube-apiserver-etcd-client".into(),
        organizations: vec![],
        dns: vec![],
        ips: vec![],
        usage: Usage::Client,
    }
}

/// Issues the cluster-wide material control planes share (before hosts run).
pub fn prepare_pki(state: &std::path::Path, cluster: &Cluster) -> Result<(), PkiError> {
    let p = ClusterPki::new(state, &cluster.name);
    p.ensure_cas()?;
    p.ensure_leaf("etcd/ca", "apiserver-etcd-client", &etcd_client_spec())?;
    Ok(())
}

/// The CA material kubeadm expects under /etc/kubernetes/pki: (remote, content, mode).
fn kube_pki_files(ctx: &HostCtx) -> Result<Vec<(String, String, u32)>, PkiError> {
    let p = pki(ctx);
    let mut out = Vec::new();
    for stem in ["ca", "front-proxy-ca", "etcd/ca"] {
        let pair = p.read(stem)?;
        out.push((format!("/etc/kubernetes/pki/{stem}.crt"), pair.cert, 0o644));
        if stem != "etcd/ca" {
            out.push((format!("/etc/kubernetes/pki/{stem}.key"), pair.key, 0o600));
        }
    }
    let client = p.read("apiserver-etcd-client")?;
    out.push((
        "/etc/kubernetes/pki/apiserver-etcd-client.crt".into(),
        client.cert,
        0o644,
    ));
    out.push((
        "/etc/kubernetes/pki/apiserver-etcd-client.key".into(),
        client.key,
        0o600,
    ));
    let read = |name: &str| {
        let path = p.dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| PkiError::Io {
            path,
            reason: e.to_string(),
        })
    };
    out.push(("/etc/kubernetes/pki/sa.key".into(), read("sa.key")?, 0o600));
    out.push(("/etc/kubernetes/pki/sa.pub".into(), read("sa.pub")?, 0o644));
    Ok(out)
}

/// tcs's CAs, service-account keys and the API server's etcd client certificate on every
/// control plane (kubeadm signs the rest with them).
pub struct KubePki;

impl Step for KubePki {
    fn id(&self) -> &'static str {
        "kube-pki"
    }
    fn describe(&self) -> &'static str {
        "the cluster CAs, service-account keys and etcd client certificate for kubeadm"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_control_plane(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        let files: Vec<(String, String)> = kube_pki_files(ctx)
            .map(|f| {
                f.into_iter()
                    .map(|(p, c, _)| (p, super::sha256_hex(&c)))
                    .collect()
            })
            .unwrap_or_default();
        json!({"files": files})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let files = match kube_pki_files(ctx) {
                Ok(f) => f,
                Err(e) => {
                    return Ok(Check::Needed(format!(
                        "the cluster PKI is not issued yet ({e})"
                    )));
                }
            };
            super::files_match(ctx, &files).await
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            run_root(ctx, "install -d -m 0755 /etc/kubernetes/pki/etcd").await?;
            for (path, content, mode) in kube_pki_files(ctx).map_err(fail)? {
                write_file(ctx, &path, &content, mode).await?;
            }
            Ok(())
        })
    }
}

/// The interface holding the host's cluster address, and the VIP's prefix on it.
fn vip_interface(ctx: &HostCtx) -> Result<(String, u8), StepError> {
    let addr: IpAddr = ctx.host.cluster_address().parse().map_err(|_| {
        fail(format!(
            "{} has no IP cluster address for kube-vip",
            ctx.host.name
        ))
    })?;
    ctx.facts
        .addresses
        .iter()
        .find(|a| a.address == addr)
        .map(|a| (a.interface.clone(), if addr.is_ipv4() { 32 } else { 128 }))
        .ok_or_else(|| fail(format!("no interface of {} holds {addr}", ctx.host.name)))
}

fn kube_vip_image(ctx: &HostCtx) -> String {
    ctx.bundle
        .as_ref()
        .and_then(|b| {
            b.files(FileKind::Image, arch(ctx))
                .find(|f| f.component.as_deref() == Some("kube-vip"))
                .and_then(|f| f.image.clone())
        })
        .unwrap_or_else(|| {
            format!(
                "ghcr.io/kube-vip/kube-vip:{}",
                crate::bundle::sources::KUBE_VIP_VERSION
            )
        })
}

fn kube_vip_manifest(ctx: &HostCtx, kubeconfig: &str) -> Result<String, StepError> {
    let (iface, subnet) = vip_interface(ctx)?;
    render_kube_vip(
        &ctx.cluster,
        &ctx.inventory,
        &ctx.host.name,
        &iface,
        subnet,
        &kube_vip_image(ctx),
        kubeconfig,
    )
}

/// Before `kubeadm init`, kube-vip on the first control plane must use super-admin.conf
/// (admin.conf has no rights until init finishes, Kubernetes 1.29+).
pub struct KubeVipBootstrap;

impl Step for KubeVipBootstrap {
    fn id(&self) -> &'static str {
        "kube-vip-bootstrap"
    }
    fn describe(&self) -> &'static str {
        "kube-vip on the first control plane for kubeadm init (VIP endpoints only)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx) && api_endpoint(&ctx.cluster, &ctx.inventory).vip
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"manifest": kube_vip_manifest(ctx, SUPER_ADMIN_CONF).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            // Done when kube-vip runs as this run wants it: with super-admin.conf until the
            // joins are done, or already with admin.conf (a finished install). A manifest from
            // another tcs version is replaced, or the VIP might never come up for init's wait.
            let have = read_file(ctx, KUBE_VIP_MANIFEST).await?;
            let bootstrap = kube_vip_manifest(ctx, SUPER_ADMIN_CONF)?;
            let done = kube_vip_manifest(ctx, ADMIN_CONF)?;
            Ok(match have.as_deref() {
                Some(m) if m == bootstrap || m == done => Check::Done,
                Some(_) => Check::Needed("kube-vip's manifest is outdated".into()),
                None => Check::Needed("kube-vip's manifest for kubeadm init is missing".into()),
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(
                ctx,
                KUBE_VIP_MANIFEST,
                &kube_vip_manifest(ctx, SUPER_ADMIN_CONF)?,
                0o600,
            )
            .await
        })
    }
}

async fn apiserver_ready(ctx: &HostCtx) -> Result<bool, StepError> {
    let out = ctx
        .session
        .exec(&format!("{KUBECTL} get --raw=/readyz"), &long(20))
        .await?;
    Ok(out.success() && out.stdout.trim() == "ok")
}

/// `kubeadm init` on the first control plane.
pub struct KubeadmInit;

impl Step for KubeadmInit {
    fn id(&self) -> &'static str {
        "kubeadm-init"
    }
    fn describe(&self) -> &'static str {
        "kubeadm init on the first control plane (external etcd, the API endpoint, tcs's CAs)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        // The configuration without its token (a secret that changes every run).
        json!({"config": render_init(&ctx.cluster, &ctx.inventory, &ctx.host, "<token>", traits(ctx)).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            if read_file(ctx, ADMIN_CONF).await?.is_none() {
                return Ok(Check::Needed("the cluster is not initialised".into()));
            }
            Ok(if apiserver_ready(ctx).await? {
                Check::Done
            } else {
                Check::Needed("the API server on this host is not ready".into())
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            if read_file(ctx, ADMIN_CONF).await?.is_none() {
                let token = new_token();
                let config =
                    render_init(&ctx.cluster, &ctx.inventory, &ctx.host, &token, traits(ctx))?;
                let path = format!("{KUBEADM_DIR}/kubeadm-init.yaml");
                write_file(ctx, &path, &config, 0o600).await?;
                let out = ctx
                    .session
                    .exec(
                        &format!("kubeadm init --config {path} --skip-token-print --skip-certificate-key-print >/var/log/tcs-kubeadm-init.log 2>&1; rc=$?; tail -n 40 /var/log/tcs-kubeadm-init.log; exit $rc"),
                        &long(900),
                    )
                    .await?;
                if !out.success() {
                    return Err(fail(format!("kubeadm init failed:\n{}", out.stdout.trim())));
                }
                ctx.shared
                    .tokens
                    .lock()
                    .await
                    .insert(ctx.cluster.name.clone(), token);
            }
            // Wait for the API server (kubelet restarts static pods on its own pace).
            wait_until(
                300,
                "the API server did not become ready within 5 minutes",
                || async {
                    Ok((!apiserver_ready(ctx).await?).then(|| "/readyz does not answer".into()))
                },
            )
            .await
        })
    }
}

/// A bootstrap token for joins in this run: the one `kubeadm init` made, or a new one (valid one
/// hour) made on the first control plane that answers, in the inventory's order, so that a join
/// goes on while a control plane of an HA cluster is down.
async fn join_token(ctx: &HostCtx) -> Result<String, StepError> {
    let mut tokens = ctx.shared.tokens.lock().await;
    if let Some(t) = tokens.get(&ctx.cluster.name) {
        return Ok(t.clone());
    }
    let mut tried = Vec::new();
    for cp in &ctx.cluster.control_plane.hosts {
        if *cp == ctx.host.name {
            continue;
        }
        let Some(session) = ctx.shared.sessions.get(cp.as_str()) else {
            tried.push(format!("{cp}: not reachable in this run"));
            continue;
        };
        let made = session
            .check_output(
                "kubeadm token create --ttl 1h --description 'tcs: joins of this install run'",
                &long(60),
            )
            .await;
        let token = match made {
            Ok(out) => out.trim().to_string(),
            Err(e) => {
                tracing::warn!(
                    "{cp}: kubeadm token create failed, trying the next control plane: {e}"
                );
                tried.push(format!("{cp}: {e}"));
                continue;
            }
        };
        if token.len() != 23 || token.as_bytes()[6] != b'.' {
            return Err(fail(format!(
                "kubeadm token create on {cp} printed {token:?}"
            )));
        }
        tokens.insert(ctx.cluster.name.clone(), token.clone());
        return Ok(token);
    }
    Err(fail(format!(
        "joining needs a bootstrap token from a control plane of {}, and none could make one ({}); start one and run again",
        ctx.cluster.name,
        tried.join("; ")
    )))
}

/// `kubeadm join` of the other control planes or of the workers.
pub struct KubeadmJoin {
    /// Control planes (in the control-plane phase) or workers.
    pub control_plane: bool,
}

impl Step for KubeadmJoin {
    fn id(&self) -> &'static str {
        if self.control_plane {
            "kubeadm-join-control-plane"
        } else {
            "kubeadm-join"
        }
    }
    fn describe(&self) -> &'static str {
        if self.control_plane {
            "join the other control planes with a bootstrap token made for this run"
        } else {
            "join the workers with a bootstrap token made for this run"
        }
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        if self.control_plane {
            is_control_plane(ctx) && !is_first(ctx)
        } else {
            is_worker(ctx) && !is_control_plane(ctx)
        }
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"config": render_join(&ctx.cluster, &ctx.inventory, &ctx.host, self.control_plane, "<token>", "<hash>", traits(ctx)).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            if !joined(ctx).await? {
                return Ok(Check::Needed("not joined to the cluster".into()));
            }
            let active = run_root(ctx, "systemctl is-active kubelet 2>/dev/null || true").await?;
            Ok(if active.trim() == "active" {
                Check::Done
            } else {
                Check::Needed(format!("the kubelet is {}", active.trim()))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            if joined(ctx).await? {
                run_root(ctx, "systemctl restart kubelet").await?;
                return Ok(());
            }
            let ca = pki(ctx).read("ca").map_err(fail)?;
            let hash = ca_cert_hash(&ca.cert).map_err(fail)?;
            let token = join_token(ctx).await?;
            let config = render_join(
                &ctx.cluster,
                &ctx.inventory,
                &ctx.host,
                self.control_plane,
                &token,
                &hash,
                traits(ctx),
            )?;
            let path = format!("{KUBEADM_DIR}/kubeadm-join.yaml");
            write_file(ctx, &path, &config, 0o600).await?;
            let out = ctx
                .session
                .exec(
                    &format!("kubeadm join --config {path} >/var/log/tcs-kubeadm-join.log 2>&1; rc=$?; tail -n 40 /var/log/tcs-kubeadm-join.log; exit $rc"),
                    &long(900),
                )
                .await?;
            // The token file is not needed any more.
            let _ = run_root(ctx, &format!("rm -f {path}")).await;
            if out.success() {
                Ok(())
            } else {
                Err(fail(format!("kubeadm join failed:\n{}", out.stdout.trim())))
            }
        })
    }
}

/// kube-vip on every control plane with admin.conf (after init and joins).
pub struct KubeVip;

impl Step for KubeVip {
    fn id(&self) -> &'static str {
        "kube-vip"
    }
    fn describe(&self) -> &'static str {
        "kube-vip static pod holding the API VIP on every control plane (VIP endpoints only)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_control_plane(ctx) && api_endpoint(&ctx.cluster, &ctx.inventory).vip
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"manifest": kube_vip_manifest(ctx, ADMIN_CONF).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let want = kube_vip_manifest(ctx, ADMIN_CONF)?;
            Ok(
                if read_file(ctx, KUBE_VIP_MANIFEST).await?.as_deref() == Some(want.as_str()) {
                    Check::Done
                } else {
                    Check::Needed(format!("{KUBE_VIP_MANIFEST} missing or different"))
                },
            )
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(
                ctx,
                KUBE_VIP_MANIFEST,
                &kube_vip_manifest(ctx, ADMIN_CONF)?,
                0o600,
            )
            .await
        })
    }
}

// ---- network phase ----------------------------------------------------------------------

/// The CNI manifest for the cluster, from the bundle, with the cluster's pod CIDR.
pub fn cni_manifest(ctx: &HostCtx) -> Result<(String, String), StepError> {
    let plugin = plugin_name(ctx);
    let b = ctx
        .bundle
        .as_ref()
        .ok_or_else(|| fail("the network phase needs the offline bundle"))?;
    let f = b
        .manifest
        .files
        .iter()
        .find(|f| f.kind == FileKind::Manifest && f.path == format!("manifests/{plugin}.yaml"))
        .ok_or_else(|| {
            fail(format!(
                "the bundle has no {plugin} manifest: build it with `tcs bundle build --cni {plugin}`"
            ))
        })?;
    let text = std::fs::read_to_string(b.path_of(f)).map_err(fail)?;
    Ok((
        plugin.to_string(),
        with_pod_cidr(plugin, &text, &ctx.cluster.kubernetes.pod_cidr),
    ))
}

/// Adapts a CNI manifest to the cluster: the pod CIDR (flannel's net-conf `Network`;
/// calico's `CALICO_IPV4POOL_CIDR`, commented out upstream, enabled) and the interface pod
/// traffic uses on hosts with several (calico: the node's InternalIP, which kubeadm sets to
/// the host's cluster address; flannel: the same address, from the downward API).
pub fn with_pod_cidr(plugin: &str, manifest: &str, cidr: &str) -> String {
    match plugin {
        "flannel" => manifest
            .replace(
                "\"Network\": \"10.244.0.0/16\"",
                &format!("\"Network\": \"{cidr}\""),
            )
            // Each node's own InternalIP (kubeadm sets it to the cluster address) as flannel's
            // public address, which also picks the interface. Not `--iface-can-reach` the
            // endpoint: on the host holding the VIP the route to it is local and flannel took
            // the VIP itself as its address, so the pod network broke when the VIP moved.
            .replace(
                "        - --kube-subnet-mgr\n",
                "        - --kube-subnet-mgr\n        - --public-ip=$(TCS_NODE_IP)\n",
            )
            .replace(
                "        env:\n        - name: POD_NAME\n",
                "        env:\n        - name: TCS_NODE_IP\n          valueFrom:\n            fieldRef:\n              fieldPath: status.hostIP\n        - name: POD_NAME\n",
            ),
        _ => manifest
            .replace(
                "            # - name: CALICO_IPV4POOL_CIDR\n            #   value: \"192.168.0.0/16\"",
                &format!("            - name: CALICO_IPV4POOL_CIDR\n              value: \"{cidr}\""),
            )
            .replace(
                "            - name: IP\n              value: \"autodetect\"\n",
                "            - name: IP\n              value: \"autodetect\"\n            - name: IP_AUTODETECTION_METHOD\n              value: \"kubernetes-internal-ip\"\n",
            ),
    }
}

/// Applies the CNI manifest from the first control plane.
pub struct Cni;

const CNI_PATH: &str = "/etc/kubernetes/tcs/cni.yaml";

impl Step for Cni {
    fn id(&self) -> &'static str {
        "cni"
    }
    fn describe(&self) -> &'static str {
        "apply the pod network manifest from the bundle (server-side apply)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"manifest": cni_manifest(ctx).map(|(_, m)| super::sha256_hex(&m)).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let (plugin, manifest) = cni_manifest(ctx)?;
            if read_file(ctx, CNI_PATH)
                .await?
                .map(|m| super::sha256_hex(&m))
                != Some(super::sha256_hex(&manifest))
            {
                return Ok(Check::Needed(format!(
                    "{plugin} is not applied (or its manifest changed)"
                )));
            }
            let (ns, ds) = if plugin == "flannel" {
                ("kube-flannel", "kube-flannel-ds")
            } else {
                ("kube-system", "calico-node")
            };
            let out = ctx
                .session
                .exec(&format!("{KUBECTL} -n {ns} get ds {ds} -o name"), &long(30))
                .await?;
            if !out.success() {
                return Ok(Check::Needed(format!("daemonset {ns}/{ds} is missing")));
            }
            let astray = flannel_astray(ctx, &plugin).await?;
            Ok(if astray.is_empty() {
                Check::Done
            } else {
                Check::Needed(format!(
                    "flannel's address is not the node's own on {}",
                    astray
                        .iter()
                        .map(|(n, a, want)| format!("{n} ({a}, not {want})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let (plugin, manifest) = cni_manifest(ctx)?;
            write_file(ctx, CNI_PATH, &manifest, 0o644).await?;
            let out = ctx
                .session
                .exec(
                    &format!("{KUBECTL} apply --server-side --force-conflicts --field-manager=tcs -f {CNI_PATH}"),
                    &long(300),
                )
                .await?;
            if !out.success() {
                return Err(fail(format!(
                    "kubectl apply of the CNI manifest failed: {}",
                    out.stderr.trim()
                )));
            }
            // Clusters installed before flannel was given each node's own address may have
            // stored a VIP as a node's: flannel keeps a stored address over its flag, so the
            // annotation goes and that node's flannel restarts to store the right one.
            for (node, _, _) in flannel_astray(ctx, &plugin).await? {
                let n = shell_quote(&node);
                let out = ctx
                    .session
                    .exec(
                        &format!("{KUBECTL} annotate node {n} {FLANNEL_PUBLIC_IP}- && {KUBECTL} -n kube-flannel delete pod --field-selector spec.nodeName={n} -l app=flannel --wait=false"),
                        &long(60),
                    )
                    .await?;
                if !out.success() {
                    return Err(fail(format!(
                        "cannot reset flannel's address on {node}: {}",
                        out.stderr.trim()
                    )));
                }
            }
            Ok(())
        })
    }
}

const FLANNEL_PUBLIC_IP: &str = "flannel.alpha.coreos.com/public-ip";

/// Nodes whose flannel address (the annotation flannel stores) is not their InternalIP, with
/// both; empty for other plugins or when flannel has not stored one yet.
async fn flannel_astray(
    ctx: &HostCtx,
    plugin: &str,
) -> Result<Vec<(String, String, String)>, StepError> {
    if plugin != "flannel" {
        return Ok(Vec::new());
    }
    let out = ctx
        .session
        .exec(&format!("{KUBECTL} get nodes -o json"), &long(30))
        .await?;
    Ok(if out.success() {
        flannel_addresses_astray(&out.stdout)
    } else {
        Vec::new()
    })
}

/// From `kubectl get nodes -o json`: (node, flannel's stored address, InternalIP) where they
/// differ.
pub fn flannel_addresses_astray(nodes_json: &str) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(nodes_json).unwrap_or_default();
    v["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| {
            let stored = n["metadata"]["annotations"][FLANNEL_PUBLIC_IP].as_str()?;
            let internal = n["status"]["addresses"]
                .as_array()?
                .iter()
                .find(|a| a["type"] == "InternalIP")?["address"]
                .as_str()?;
            (stored != internal).then(|| {
                (
                    n["metadata"]["name"].as_str().unwrap_or("").to_string(),
                    stored.to_string(),
                    internal.to_string(),
                )
            })
        })
        .collect()
}

/// Readiness of the cluster's nodes from `kubectl get nodes -o json`: (ready, not ready with
/// the reason, missing).
pub fn node_readiness(
    json_text: &str,
    wanted: &[String],
) -> (Vec<String>, Vec<(String, String)>, Vec<String>) {
    let v: serde_json::Value = serde_json::from_str(json_text).unwrap_or_default();
    let mut seen: BTreeMap<String, (bool, String)> = BTreeMap::new();
    for item in v
        .get("items")
        .and_then(|i| i.as_array())
        .into_iter()
        .flatten()
    {
        let name = item
            .pointer("/metadata/name")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_string();
        let ready = item
            .pointer("/status/conditions")
            .and_then(|c| c.as_array())
            .and_then(|c| {
                c.iter()
                    .find(|c| c.get("type").and_then(|t| t.as_str()) == Some("Ready"))
            });
        let ok = ready.and_then(|r| r.get("status")).and_then(|s| s.as_str()) == Some("True");
        let why = ready
            .and_then(|r| r.get("message"))
            .and_then(|m| m.as_str())
            .unwrap_or("no Ready condition")
            .to_string();
        seen.insert(name, (ok, why));
    }
    let mut ready = Vec::new();
    let mut not_ready = Vec::new();
    let mut missing = Vec::new();
    for w in wanted {
        match seen.get(w) {
            Some((true, _)) => ready.push(w.clone()),
            Some((false, why)) => not_ready.push((w.clone(), why.clone())),
            None => missing.push(w.clone()),
        }
    }
    (ready, not_ready, missing)
}

/// How often waits ask again: each question is one kubectl over SSH, and a coarser interval
/// only adds its half on average to every wait (5 s cost installs about 10 s).
const POLL: Duration = Duration::from_secs(2);

/// Polls `status` every [`POLL`] until it reports no problem or `secs` have passed; fails with
/// `what` and the last problem it reported.
async fn wait_until<'a, F, Fut>(secs: u64, what: &str, mut status: F) -> Result<(), StepError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<String>, StepError>> + 'a,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        match status().await? {
            None => return Ok(()),
            Some(last) if tokio::time::Instant::now() >= deadline => {
                return Err(fail(format!("{what}: {last}")));
            }
            Some(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// Every inventory host of the cluster registered and Ready.
pub struct NodesReady;

impl NodesReady {
    async fn status(ctx: &HostCtx) -> Result<Option<String>, StepError> {
        let out = ctx
            .session
            .exec(&format!("{KUBECTL} get nodes -o json"), &long(30))
            .await?;
        if !out.success() {
            return Ok(Some(format!("cannot list nodes: {}", out.stderr.trim())));
        }
        let wanted = node_names(&ctx.cluster);
        let (_, not_ready, missing) = node_readiness(&out.stdout, &wanted);
        if not_ready.is_empty() && missing.is_empty() {
            return Ok(None);
        }
        let mut parts: Vec<String> = not_ready
            .iter()
            .map(|(n, w)| format!("{n} not Ready ({w})"))
            .collect();
        if !missing.is_empty() {
            parts.push(format!("not registered: {}", missing.join(", ")));
        }
        Ok(Some(parts.join("; ")))
    }
}

impl Step for NodesReady {
    fn id(&self) -> &'static str {
        "nodes-ready"
    }
    fn describe(&self) -> &'static str {
        "wait until every node of the cluster is Ready"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"nodes": node_names(&ctx.cluster)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move { Ok(Check::from_problem(NodesReady::status(ctx).await?)) })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(wait_until(600, "nodes not Ready after 10 minutes", || {
            NodesReady::status(ctx)
        }))
    }
}

/// The cluster's own workloads an install must leave running: kube-proxy, the pod network's
/// agents and CoreDNS, as (namespace, kind, name).
pub fn system_workloads(plugin: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut out = vec![("kube-system", "DaemonSet", "kube-proxy")];
    if plugin == "flannel" {
        out.push(("kube-flannel", "DaemonSet", "kube-flannel-ds"));
    } else {
        out.push(("kube-system", "DaemonSet", "calico-node"));
        out.push(("kube-system", "Deployment", "calico-kube-controllers"));
    }
    out.push(("kube-system", "Deployment", "coredns"));
    out
}

/// What keeps the system workloads from running, from `kubectl get ds,deploy,pods -A -o json`:
/// `None` when every one is rolled out and ready; else each one that is not, with the state of
/// its pods that are not ready (CrashLoopBackOff and the last exit, ImagePullBackOff, ...).
pub fn system_workloads_status(list_json: &str, plugin: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(list_json).unwrap_or_default();
    let items = v
        .get("items")
        .and_then(|i| i.as_array())
        .cloned()
        .unwrap_or_default();
    let field = |o: &serde_json::Value, p: &str| o.pointer(p).and_then(|x| x.as_i64()).unwrap_or(0);
    let text = |o: &serde_json::Value, p: &str| {
        o.pointer(p)
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string()
    };
    let mut problems = Vec::new();
    for (ns, kind, name) in system_workloads(plugin) {
        let found = items.iter().find(|i| {
            text(i, "/kind") == kind
                && text(i, "/metadata/namespace") == ns
                && text(i, "/metadata/name") == name
        });
        let Some(o) = found else {
            problems.push(format!("{ns}/{name}: no such {kind}"));
            continue;
        };
        let (ready, want, updated) = if kind == "DaemonSet" {
            (
                field(o, "/status/numberReady"),
                field(o, "/status/desiredNumberScheduled"),
                field(o, "/status/updatedNumberScheduled"),
            )
        } else {
            (
                field(o, "/status/readyReplicas"),
                o.pointer("/spec/replicas")
                    .and_then(|x| x.as_i64())
                    .unwrap_or(1),
                field(o, "/status/updatedReplicas"),
            )
        };
        if want > 0 && ready >= want && updated >= want {
            continue;
        }
        // Its pods that are not ready, and why.
        let mut why = Vec::new();
        for p in items.iter().filter(|i| {
            text(i, "/kind") == "Pod"
                && text(i, "/metadata/namespace") == ns
                && text(i, "/metadata/name").starts_with(&format!("{name}-"))
        }) {
            let statuses = p
                .pointer("/status/containerStatuses")
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default();
            if !statuses.is_empty() && statuses.iter().all(|c| c["ready"] == true) {
                continue;
            }
            let state = statuses
                .iter()
                .find(|c| c["ready"] != true)
                .map(|c| {
                    let waiting = text(c, "/state/waiting/reason");
                    let restarts = field(c, "/restartCount");
                    let last = match c.pointer("/lastState/terminated") {
                        Some(t) => {
                            let message = text(t, "/message");
                            let message = message.lines().last().unwrap_or("").trim();
                            format!(
                                "{} time(s) restarted, last exit {} (code {}){}",
                                restarts,
                                text(t, "/reason"),
                                field(t, "/exitCode"),
                                if message.is_empty() {
                                    String::new()
                                } else {
                                    format!(": {message}")
                                }
                            )
                        }
                        None => String::new(),
                    };
                    match (waiting.is_empty(), last.is_empty()) {
                        (false, false) => format!("{waiting}, {last}"),
                        (false, true) => waiting,
                        (true, false) => format!("running but not ready, {last}"),
                        (true, true) => "running but not ready".to_string(),
                    }
                })
                .unwrap_or_else(|| text(p, "/status/phase"));
            why.push(format!(
                "{} on {}: {state}",
                text(p, "/metadata/name"),
                text(p, "/spec/nodeName")
            ));
        }
        let mut line = format!("{ns}/{name}: {ready}/{want} ready");
        if !why.is_empty() {
            line.push_str(&format!(" ({})", why.join("; ")));
        }
        problems.push(line);
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// kube-proxy, the pod network and CoreDNS rolled out and ready: a node reports Ready as soon
/// as a CNI configuration exists, even when the network's agents crash.
pub struct SystemPods;

impl SystemPods {
    async fn status(ctx: &HostCtx) -> Result<Option<String>, StepError> {
        let out = ctx
            .session
            .exec(
                &format!("{KUBECTL} get ds,deploy,pods -A -o json"),
                &long(60),
            )
            .await?;
        if !out.success() {
            return Ok(Some(format!(
                "cannot list the system workloads: {}",
                out.stderr.trim()
            )));
        }
        Ok(system_workloads_status(&out.stdout, plugin_name(ctx)))
    }
}

fn plugin_name(ctx: &HostCtx) -> &'static str {
    match ctx.cluster.network.plugin {
        crate::inventory::NetworkPlugin::Calico => "calico",
        crate::inventory::NetworkPlugin::Flannel => "flannel",
    }
}

impl Step for SystemPods {
    fn id(&self) -> &'static str {
        "system-pods"
    }
    fn describe(&self) -> &'static str {
        "wait until kube-proxy, the pod network and CoreDNS are rolled out and ready"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"workloads": system_workloads(plugin_name(ctx))})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move { Ok(Check::from_problem(SystemPods::status(ctx).await?)) })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(wait_until(
            300,
            "the cluster's system workloads are not running after 5 minutes",
            || SystemPods::status(ctx),
        ))
    }
}

/// The local admin kubeconfig of a cluster.
pub fn kubeconfig_path(state: &std::path::Path, cluster: &str) -> std::path::PathBuf {
    crate::state::StateDir::at(state).kubeconfig(cluster)
}

/// admin.conf with the API endpoint as its server.
pub fn with_server(admin_conf: &str, endpoint: &ApiEndpoint) -> String {
    let host = if endpoint.host.contains(':') {
        format!("[{}]", endpoint.host)
    } else {
        endpoint.host.clone()
    };
    admin_conf
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("server: ") {
                let indent = &l[..l.len() - l.trim_start().len()];
                format!("{indent}server: https://{host}:{}", endpoint.port)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The admin kubeconfig, fetched into `<state>/kubeconfig/<cluster>.conf` (0600).
pub struct Kubeconfig;

impl Kubeconfig {
    async fn wanted(ctx: &HostCtx) -> Result<String, StepError> {
        let admin = read_file(ctx, ADMIN_CONF)
            .await?
            .ok_or_else(|| fail(format!("{ADMIN_CONF} is missing on {}", ctx.host.name)))?;
        Ok(with_server(
            &admin,
            &api_endpoint(&ctx.cluster, &ctx.inventory),
        ))
    }
}

impl Step for Kubeconfig {
    fn id(&self) -> &'static str {
        "kubeconfig"
    }
    fn describe(&self) -> &'static str {
        "fetch the admin kubeconfig into the state directory (0600) with the API endpoint"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        is_first(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"endpoint": api_endpoint(&ctx.cluster, &ctx.inventory)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            if read_file(ctx, ADMIN_CONF).await?.is_none() {
                return Ok(Check::Needed("the cluster is not initialised yet".into()));
            }
            let want = Kubeconfig::wanted(ctx).await?;
            let path = kubeconfig_path(&ctx.state_dir, &ctx.cluster.name);
            Ok(match std::fs::read_to_string(&path) {
                Ok(have) if have == want => Check::Done,
                Ok(_) => Check::Needed(format!("{} differs from the cluster's", path.display())),
                Err(_) => Check::Needed(format!("{} is missing", path.display())),
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let want = Kubeconfig::wanted(ctx).await?;
            let path = kubeconfig_path(&ctx.state_dir, &ctx.cluster.name);
            crate::state::write_private(&path, want.as_bytes())
                .map_err(|e| fail(format!("{}: {e}", path.display())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_hashes() {
        let t = new_token();
        assert_eq!(t.len(), 23);
        assert_eq!(&t[6..7], ".");
        assert!(
            t.chars()
                .all(|c| c == '.' || c.is_ascii_lowercase() || c.is_ascii_digit())
        );
        assert_ne!(new_token(), t);
    }

    #[test]
    fn readiness_of_nodes() {
        let json = r#"{"items":[
            {"metadata":{"name":"cp1"},"status":{"conditions":[{"type":"Ready","status":"True","message":"kubelet is posting ready status"}]}},
            {"metadata":{"name":"w1"},"status":{"conditions":[{"type":"Ready","status":"False","message":"container runtime network not ready: cni plugin not initialized"}]}}
        ]}"#;
        let wanted = vec!["cp1".to_string(), "w1".to_string(), "w2".to_string()];
        let (ready, not_ready, missing) = node_readiness(json, &wanted);
        assert_eq!(ready, ["cp1"]);
        assert_eq!(not_ready[0].0, "w1");
        assert!(not_ready[0].1.contains("cni plugin not initialized"));
        assert_eq!(missing, ["w2"]);
    }

    #[test]
    fn kubeconfig_server_is_the_endpoint() {
        let admin = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: AAA\n    server: https://192.168.0.11:6443\n  name: prod\n";
        let e = ApiEndpoint {
            host: "192.168.0.100".into(),
            port: 6443,
            vip: true,
        };
        let out = with_server(admin, &e);
        assert!(
            out.contains("    server: https://192.168.0.100:6443\n"),
            "{out}"
        );
        assert!(out.contains("certificate-authority-data: AAA"));
        let v6 = ApiEndpoint {
            host: "fd00::100".into(),
            port: 6443,
            vip: true,
        };
        assert!(with_server(admin, &v6).contains("server: https://[fd00::100]:6443"));
    }

    #[test]
    fn flannel_addresses_that_are_not_the_nodes_own_are_found() {
        let nodes = r#"{"items": [
            {"metadata": {"name": "b1", "annotations": {"flannel.alpha.coreos.com/public-ip": "10.0.0.250"}},
             "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.3"}, {"type": "Hostname", "address": "b1"}]}},
            {"metadata": {"name": "b2", "annotations": {"flannel.alpha.coreos.com/public-ip": "10.0.0.4"}},
             "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.4"}]}},
            {"metadata": {"name": "b3"}, "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.5"}]}}
        ]}"#;
        assert_eq!(
            flannel_addresses_astray(nodes),
            [(
                "b1".to_string(),
                "10.0.0.250".to_string(),
                "10.0.0.3".to_string()
            )]
        );
    }

    #[test]
    fn cni_manifests_adapted_to_the_cluster() {
        let flannel = "  net-conf.json: |\n    {\n      \"Network\": \"10.244.0.0/16\",\n        args:\n        - --ip-masq\n        - --kube-subnet-mgr\n        env:\n        - name: POD_NAME\n";
        let out = with_pod_cidr("flannel", flannel, "10.50.0.0/16");
        assert!(out.contains("\"Network\": \"10.50.0.0/16\""), "{out}");
        assert!(
            out.contains("        - --kube-subnet-mgr\n        - --public-ip=$(TCS_NODE_IP)\n"),
            "{out}"
        );
        assert!(
            out.contains("        - name: TCS_NODE_IP\n          valueFrom:\n            fieldRef:\n              fieldPath: status.hostIP\n"),
            "{out}"
        );

        let calico = "            - name: IP\n              value: \"autodetect\"\n            # - name: CALICO_IPV4POOL_CIDR\n            #   value: \"192.168.0.0/16\"\n";
        let out = with_pod_cidr("calico", calico, "10.50.0.0/16");
        assert!(
            out.contains(
                "            - name: CALICO_IPV4POOL_CIDR\n              value: \"10.50.0.0/16\""
            ),
            "{out}"
        );
        assert!(out.contains("value: \"kubernetes-internal-ip\""), "{out}");
    }

    #[test]
    fn system_workloads_name_what_keeps_them_from_running() {
        let list = serde_json::json!({"items": [
            {"kind": "DaemonSet", "metadata": {"namespace": "kube-system", "name": "kube-proxy"},
             "status": {"desiredNumberScheduled": 3, "numberReady": 3, "updatedNumberScheduled": 3}},
            {"kind": "DaemonSet", "metadata": {"namespace": "kube-flannel", "name": "kube-flannel-ds"},
             "status": {"desiredNumberScheduled": 3, "numberReady": 2, "updatedNumberScheduled": 3}},
            {"kind": "Pod", "metadata": {"namespace": "kube-flannel", "name": "kube-flannel-ds-abc"},
             "spec": {"nodeName": "b2"},
             "status": {"phase": "Running", "containerStatuses": [{"ready": false, "restartCount": 4,
                "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                "lastState": {"terminated": {"reason": "Error", "exitCode": 1,
                    "message": "x509: cannot validate certificate"}}}]}},
            {"kind": "Pod", "metadata": {"namespace": "kube-flannel", "name": "kube-flannel-ds-def"},
             "spec": {"nodeName": "b1"},
             "status": {"phase": "Running", "containerStatuses": [{"ready": true}]}},
        ]});
        let why = system_workloads_status(&list.to_string(), "flannel").unwrap();
        assert_eq!(
            why,
            "kube-flannel/kube-flannel-ds: 2/3 ready (kube-flannel-ds-abc on b2: CrashLoopBackOff, 4 time(s) restarted, last exit Error (code 1): x509: cannot validate certificate); kube-system/coredns: no such Deployment"
        );
        let mut all = list.clone();
        all["items"][1]["status"]["numberReady"] = 3.into();
        all["items"].as_array_mut().unwrap().push(serde_json::json!(
            {"kind": "Deployment", "metadata": {"namespace": "kube-system", "name": "coredns"},
             "spec": {"replicas": 2}, "status": {"readyReplicas": 2, "updatedReplicas": 2}}));
        assert_eq!(system_workloads_status(&all.to_string(), "flannel"), None);
        // Calico's agents are different workloads.
        assert!(
            system_workloads_status(&all.to_string(), "calico")
                .unwrap()
                .contains("calico-node")
        );
    }

    #[test]
    fn control_plane_restart_hands_the_vip_over_first_and_waits_for_its_own_api_server() {
        let s = restart_control_plane_script(Some("10.0.0.100"));
        let handover = s
            .find("mv /etc/kubernetes/manifests/kube-vip.yaml")
            .unwrap();
        let stop = s.find("for m in kube-apiserver").unwrap();
        assert!(handover < stop, "{s}");
        // The readiness wait asks this host's API server, not the VIP.
        assert!(
            s.contains("--server https://127.0.0.1:6443 get --raw=/readyz"),
            "{s}"
        );
        assert!(!restart_control_plane_script(None).contains("kube-vip.yaml"));
        // Every script is valid sh.
        for script in [s, stop_control_plane_script(), start_control_plane_script()] {
            let out = std::process::Command::new("sh")
                .args(["-n", "-c", &script])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{script}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
