//! Preflight checks as data: every check for every host, each ok / warn / fail with the reason
//! and the fix, decided from gathered facts, the inventory, and two live probes (sudo and a
//! cross-host port mesh).

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::HostFacts;
use crate::fleet::Fleet;
use crate::inventory::{Cluster, Inventory, NetworkPlugin, Role};
use crate::ssh::{ExecOptions, Session, SshError, shell_quote};

/// Outcome of one check on one host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Fine.
    Ok,
    /// Works, but look at it.
    Warn,
    /// Install would fail or misbehave.
    Fail,
}

/// One cell of the host x check table.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Host name.
    pub host: String,
    /// Check id.
    pub check: &'static str,
    /// ok, warn or fail.
    pub status: Status,
    /// What was found.
    pub message: String,
    /// What to do (empty when ok).
    pub fix: String,
}

/// Every check, in table order, with a one-line description.
pub const CHECKS: &[(&str, &str)] = &[
    ("connect", "SSH login works and host keys match"),
    ("sudo", "commands can run as root"),
    ("os", "supported OS family and version"),
    ("arch", "architecture matches the inventory"),
    ("cpu", "enough CPUs for the host's role"),
    ("memory", "enough memory for the host's role"),
    ("disk", "enough free space under /var/lib"),
    ("swap", "swap is off (install turns it off)"),
    ("ports", "ports the role needs are free"),
    ("clock", "clock offset to this machine within bounds"),
    ("hostname", "host names are unique"),
    ("machine-id", "machine-ids are unique"),
    (
        "address",
        "internalAddress exists on the host and is unique",
    ),
    ("init", "systemd is the init system"),
    ("cgroup", "cgroup v2"),
    ("selinux", "SELinux not enforcing"),
    ("firewall", "no host firewall in the way"),
    ("runtime", "no conflicting container runtime"),
    ("mesh", "peers reach this host's ports"),
    (
        "gpu",
        "GPU hosts (label gpu=on): NVIDIA driver and container runtime",
    ),
];

/// Whether a host is a GPU node: labelled `gpu: "on"` in the inventory (the label the vgpu
/// addon's device plugin selects, and the one tcs's containerd configuration keys on).
pub fn is_gpu_host(host: &crate::inventory::Host) -> bool {
    host.labels.get("gpu").map(String::as_str) == Some("on")
}

/// Live probe results that facts alone cannot give.
#[derive(Debug, Default)]
pub struct Probes {
    /// Result of running `true` as root, per host.
    pub sudo: BTreeMap<String, Result<String, SshError>>,
    /// Per target host: (peer that probed, port, reachable) and a note when the probe could
    /// not be done properly.
    pub mesh: BTreeMap<String, MeshReport>,
}

/// What the port mesh found for one host as a target.
#[derive(Debug, Clone, Default)]
pub struct MeshReport {
    /// (peer, port) pairs that failed.
    pub unreachable: Vec<(String, u16)>,
    /// Number of probes that succeeded.
    pub reachable: usize,
    /// Why the mesh could not fully test this host, if so.
    pub note: Option<String>,
}

/// Ports a host with `roles` in `cluster` must have free and reachable.
pub fn required_ports(roles: &[Role], cluster: &Cluster) -> Vec<(u16, &'static str)> {
    let mut ports: Vec<(u16, &'static str)> = Vec::new();
    let api_port = cluster
        .control_plane
        .endpoint
        .as_ref()
        .and_then(|e| e.port)
        .unwrap_or(crate::inventory::DEFAULT_API_PORT);
    if roles.contains(&Role::ControlPlane) {
        ports.push((6443, "kube-apiserver"));
        if api_port != 6443 {
            ports.push((api_port, "API endpoint"));
        }
        ports.push((10257, "kube-controller-manager"));
        ports.push((10259, "kube-scheduler"));
    }
    if roles.contains(&Role::Etcd) {
        ports.push((2379, "etcd clients"));
        ports.push((2380, "etcd peers"));
    }
    if roles.contains(&Role::ControlPlane) || roles.contains(&Role::Worker) {
        ports.push((10250, "kubelet"));
        ports.push((10256, "kube-proxy health"));
        if cluster.network.plugin == NetworkPlugin::Calico {
            ports.push((179, "calico BGP"));
        }
    }
    ports.sort_unstable();
    ports.dedup_by_key(|p| p.0);
    ports
}

/// The ports on `target` that `peer` must reach.
fn mesh_ports(peer_roles: &[Role], target_roles: &[Role], cluster: &Cluster) -> Vec<u16> {
    let is = |roles: &[Role], r: Role| roles.contains(&r);
    let node = |roles: &[Role]| is(roles, Role::ControlPlane) || is(roles, Role::Worker);
    let mut ports = Vec::new();
    if is(target_roles, Role::ControlPlane) && node(peer_roles) {
        ports.push(6443);
    }
    if is(target_roles, Role::Etcd) && is(peer_roles, Role::Etcd) {
        ports.push(2380);
    }
    if is(target_roles, Role::Etcd) && is(peer_roles, Role::ControlPlane) {
        ports.push(2379);
    }
    if node(target_roles) && is(peer_roles, Role::ControlPlane) {
        ports.push(10250);
    }
    if node(target_roles) && node(peer_roles) && cluster.network.plugin == NetworkPlugin::Calico {
        ports.push(179);
    }
    ports.sort_unstable();
    ports.dedup();
    ports
}

fn supported_os(f: &HostFacts) -> Result<(), String> {
    let major = f.os_version.split('.').next().unwrap_or("");
    let ok = match f.os_id.as_str() {
        "debian" => ["11", "12", "13"].contains(&major),
        "ubuntu" => ["20.04", "22.04", "24.04", "26.04"].contains(&f.os_version.as_str()),
        "rhel" | "rocky" | "almalinux" | "centos" | "ol" => ["8", "9", "10"].contains(&major),
        "opencloudos" => ["8", "9"].contains(&major),
        "tencentos" => ["3", "4"].contains(&major),
        "openEuler" | "openeuler" => ["22.03", "24.03"]
            .iter()
            .any(|v| f.os_version.starts_with(v)),
        "kylin" => f.os_version.to_ascii_uppercase().starts_with("V10"),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} ({} {}) is not supported",
            f.os_name, f.os_id, f.os_version
        ))
    }
}

/// Evaluates every check for every inventory host in `facts` (hosts that could not be reached
/// carry their error) against the inventory and probes.
pub fn evaluate(
    inventory: &Inventory,
    facts: &BTreeMap<String, Result<HostFacts, SshError>>,
    probes: &Probes,
) -> Vec<CheckResult> {
    let prefs = &inventory.spec.preflight;
    let skip: BTreeSet<&str> = prefs.skip.iter().map(String::as_str).collect();
    let mut out = Vec::new();

    // Values seen on more than one host, for the uniqueness checks.
    let mut hostnames: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut machine_ids: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (host, f) in facts {
        if let Ok(f) = f {
            hostnames
                .entry(f.hostname.to_ascii_lowercase())
                .or_default()
                .push(host);
            if !f.machine_id.is_empty() {
                machine_ids
                    .entry(f.machine_id.clone())
                    .or_default()
                    .push(host);
            }
        }
    }

    for host in &inventory.spec.hosts {
        let name = host.name.as_str();
        let mut push = |check: &'static str, status: Status, message: String, fix: &str| {
            if !skip.contains(check) {
                out.push(CheckResult {
                    host: name.to_string(),
                    check,
                    status,
                    message,
                    fix: if status == Status::Ok {
                        String::new()
                    } else {
                        fix.to_string()
                    },
                });
            }
        };
        let f = match facts.get(name) {
            Some(Ok(f)) => f,
            Some(Err(e)) => {
                push(
                    "connect",
                    Status::Fail,
                    e.to_string(),
                    "fix SSH access to this host, then run tcs check again",
                );
                continue;
            }
            None => continue,
        };
        push("connect", Status::Ok, "connected".into(), "");
        let roles = inventory.roles_of(name);
        let cluster = inventory.cluster_of(name);
        let minimums = if roles.contains(&Role::ControlPlane) {
            &prefs.control_plane
        } else {
            &prefs.worker
        };
        let role_names: Vec<&str> = roles.iter().map(|r| r.name()).collect();
        let role_text = if role_names.is_empty() {
            "no role".to_string()
        } else {
            role_names.join("+")
        };

        match probes.sudo.get(name) {
            Some(Ok(how)) => push("sudo", Status::Ok, how.clone(), ""),
            Some(Err(e)) => push(
                "sudo",
                Status::Fail,
                e.to_string(),
                "allow the login user to run sudo (set spec.ssh.passwordEnv if it needs a password) or log in as root",
            ),
            None => {}
        }
        match supported_os(f) {
            Ok(()) => push("os", Status::Ok, f.os_name.clone(), ""),
            Err(why) => push(
                "os",
                Status::Fail,
                why,
                "use Debian 11-13, Ubuntu 20.04-26.04, or a RHEL 8-10 family OS",
            ),
        }
        let want_arch = host.arch.unwrap_or_default();
        let want_arch = serde_json::to_value(want_arch)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if f.arch == want_arch {
            push("arch", Status::Ok, f.arch.clone(), "");
        } else {
            push(
                "arch",
                Status::Fail,
                format!("host is {}, inventory says {want_arch}", f.arch),
                "set spec.hosts[].arch to the host's architecture (the bundle must carry it)",
            );
        }
        let cpu_status = if f.cpus >= minimums.cpus {
            Status::Ok
        } else {
            Status::Fail
        };
        push(
            "cpu",
            cpu_status,
            format!("{} CPUs ({role_text} needs {})", f.cpus, minimums.cpus),
            "add CPUs or lower spec.preflight minimums if you know better",
        );
        let mem_status = if f.memory_mib >= minimums.memory_mib {
            Status::Ok
        } else {
            Status::Fail
        };
        push(
            "memory",
            mem_status,
            format!(
                "{} MiB ({role_text} needs {} MiB)",
                f.memory_mib, minimums.memory_mib
            ),
            "add memory or lower spec.preflight minimums (memoryMiB)",
        );
        let need_disk = minimums.disk_gib * 1024;
        let disk_status = if f.disk_free_mib >= need_disk {
            Status::Ok
        } else {
            Status::Fail
        };
        push(
            "disk",
            disk_status,
            format!(
                "{} GiB free under /var/lib (needs {} GiB)",
                f.disk_free_mib / 1024,
                minimums.disk_gib
            ),
            "free space or grow the filesystem holding /var/lib",
        );
        if f.swap_mib == 0 {
            push("swap", Status::Ok, "off".into(), "");
        } else {
            push(
                "swap",
                Status::Warn,
                format!("{} MiB of swap is on", f.swap_mib),
                "nothing: install turns swap off now and at boot",
            );
        }
        if let Some(cluster) = cluster {
            let ports = required_ports(&roles, cluster);
            let taken: Vec<String> = ports
                .iter()
                .filter(|(p, _)| f.listening_tcp.contains(p))
                .map(|(p, what)| format!("{p} ({what})"))
                .collect();
            if taken.is_empty() {
                push(
                    "ports",
                    Status::Ok,
                    format!("{} ports free", ports.len()),
                    "",
                );
            } else {
                push(
                    "ports",
                    Status::Fail,
                    format!("in use: {}", taken.join(", ")),
                    "stop what listens there (`ss -ltnp` shows it) or use another host",
                );
            }
        }
        let max = prefs.max_clock_offset_ms as i64;
        let offset = f.clock_offset_ms;
        if offset.abs() <= max {
            push(
                "clock",
                Status::Ok,
                format!("offset {offset} ms (±{} ms)", f.clock_uncertainty_ms),
                "",
            );
        } else {
            push(
                "clock",
                Status::Fail,
                format!("clock is {offset} ms off this machine (limit {max} ms)"),
                "synchronise time (chrony or systemd-timesyncd against the same NTP source)",
            );
        }
        let same_name = &hostnames[&f.hostname.to_ascii_lowercase()];
        if same_name.len() > 1 {
            let others: Vec<&str> = same_name.iter().copied().filter(|h| *h != name).collect();
            push(
                "hostname",
                Status::Fail,
                format!(
                    "hostname '{}' is also used by {}",
                    f.hostname,
                    others.join(", ")
                ),
                "give every host its own hostname (install sets it to the inventory name)",
            );
        } else {
            push("hostname", Status::Ok, f.hostname.clone(), "");
        }
        match machine_ids.get(&f.machine_id) {
            _ if f.machine_id.is_empty() => push(
                "machine-id",
                Status::Fail,
                "/etc/machine-id is empty".into(),
                "run `systemd-machine-id-setup`",
            ),
            Some(same) if same.len() > 1 => {
                let others: Vec<&str> = same.iter().copied().filter(|h| *h != name).collect();
                push(
                    "machine-id",
                    Status::Fail,
                    format!("machine-id is shared with {}", others.join(", ")),
                    "cloned VM: `rm /etc/machine-id && systemd-machine-id-setup`, then reboot",
                );
            }
            _ => push(
                "machine-id",
                Status::Ok,
                f.machine_id.chars().take(12).collect(),
                "",
            ),
        }
        match host.cluster_address().parse::<IpAddr>() {
            Ok(ip) if f.has_address(&ip) => {
                let shared: Vec<&str> = facts
                    .iter()
                    .filter(|(h, other)| {
                        h.as_str() != name && other.as_ref().is_ok_and(|o| o.has_address(&ip))
                    })
                    .map(|(h, _)| h.as_str())
                    .collect();
                if shared.is_empty() {
                    push("address", Status::Ok, ip.to_string(), "");
                } else {
                    push(
                        "address",
                        Status::Fail,
                        format!("{ip} is also configured on {}", shared.join(", ")),
                        "every host needs its own cluster address",
                    );
                }
            }
            Ok(ip) => {
                let have: Vec<String> = f
                    .addresses
                    .iter()
                    .filter(|a| !a.address.is_loopback())
                    .map(|a| format!("{}/{}", a.address, a.prefix))
                    .collect();
                push(
                    "address",
                    Status::Fail,
                    format!(
                        "{ip} is not configured on the host (it has {})",
                        have.join(", ")
                    ),
                    "set internalAddress to one of the host's own addresses",
                );
            }
            Err(_) => push(
                "address",
                Status::Warn,
                format!(
                    "'{}' is a name, not an address; set internalAddress",
                    host.cluster_address()
                ),
                "set internalAddress to the host's IP on the cluster network",
            ),
        }
        if let Some((cluster, vip)) = cluster
            .filter(|_| roles.contains(&Role::ControlPlane))
            .and_then(|c| {
                c.control_plane
                    .endpoint
                    .as_ref()?
                    .vip
                    .as_deref()?
                    .parse::<IpAddr>()
                    .ok()
                    .map(|v| (c, v))
            })
        {
            push_vip(
                &mut push,
                inventory,
                facts,
                cluster,
                name,
                host.cluster_address(),
                f,
                vip,
            );
        }
        if f.init == "systemd" {
            push("init", Status::Ok, "systemd".into(), "");
        } else {
            push(
                "init",
                Status::Fail,
                format!("PID 1 is '{}'", f.init),
                "tcs manages services with systemd; use a systemd-based OS",
            );
        }
        if f.cgroup_version == 2 {
            push("cgroup", Status::Ok, "v2".into(), "");
        } else {
            push(
                "cgroup",
                Status::Warn,
                "cgroup v1: deprecated; tcs lets the kubelet run on it (failCgroupV1: false) and skips kubeadm's SystemVerification on this host, which Kubernetes 1.35+ would otherwise refuse"
                    .into(),
                "move to cgroup v2 (boot with systemd.unified_cgroup_hierarchy=1, or a newer OS): Kubernetes will drop cgroup v1",
            );
        }
        match f.selinux.as_str() {
            "enforcing" => push(
                "selinux",
                Status::Warn,
                "enforcing".into(),
                "run `setenforce 0` and set SELINUX=permissive, or make sure the container-selinux policy is installed",
            ),
            other => push("selinux", Status::Ok, other.to_string(), ""),
        }
        if f.firewalls.is_empty() {
            push(
                "firewall",
                Status::Ok,
                "no firewall service active".into(),
                "",
            );
        } else {
            push(
                "firewall",
                Status::Warn,
                format!("active: {}", f.firewalls.join(", ")),
                "open the ports the mesh check lists, or stop the firewall service",
            );
        }
        let (status, message, fix) = dns_status(f);
        push("dns", status, message, fix);
        let conflicting: Vec<String> = f
            .runtimes
            .iter()
            .filter(|r| r.name == "docker" || r.name == "crio")
            .map(|r| format!("{} ({})", r.name, r.version))
            .collect();
        if conflicting.is_empty() {
            let present: Vec<&str> = f.runtimes.iter().map(|r| r.name.as_str()).collect();
            push(
                "runtime",
                Status::Ok,
                if present.is_empty() {
                    "none installed".into()
                } else {
                    format!("present: {}", present.join(", "))
                },
                "",
            );
        } else {
            push(
                "runtime",
                Status::Warn,
                format!("also installed: {}", conflicting.join(", ")),
                "tcs uses containerd; remove the other runtime or make sure it does not manage the same sockets",
            );
        }
        if is_gpu_host(host) {
            match (&f.nvidia_driver, &f.nvidia_runtime) {
                (Some(driver), Some(runtime)) => {
                    let major: u32 = driver
                        .split('.')
                        .next()
                        .and_then(|m| m.parse().ok())
                        .unwrap_or(0);
                    if major >= 440 {
                        push(
                            "gpu",
                            Status::Ok,
                            format!("NVIDIA driver {driver}, {runtime}"),
                            "",
                        );
                    } else {
                        push(
                            "gpu",
                            Status::Fail,
                            format!("NVIDIA driver {driver} is older than 440"),
                            "upgrade the NVIDIA driver to 440 or later (HAMi's minimum)",
                        );
                    }
                }
                (None, _) => push(
                    "gpu",
                    Status::Fail,
                    "labelled gpu=on but no NVIDIA driver is loaded (/proc/driver/nvidia/version)"
                        .into(),
                    "install and load the NVIDIA driver (>= 440), or remove the gpu=on label",
                ),
                (Some(driver), None) => push(
                    "gpu",
                    Status::Fail,
                    format!("NVIDIA driver {driver} but no nvidia-container-runtime"),
                    "install nvidia-container-toolkit: tcs makes its runtime containerd's default on gpu=on hosts",
                ),
            }
        }
        if let Some(report) = probes.mesh.get(name) {
            if !report.unreachable.is_empty() {
                let list: Vec<String> = report
                    .unreachable
                    .iter()
                    .map(|(peer, port)| format!("{peer}->{port}"))
                    .collect();
                push(
                    "mesh",
                    Status::Fail,
                    format!("not reachable from peers: {}", list.join(", ")),
                    "open these ports between the hosts (firewall, security groups)",
                );
            } else if let Some(note) = &report.note {
                push(
                    "mesh",
                    Status::Warn,
                    note.clone(),
                    "install python3 on the host so tcs can open test listeners",
                );
            } else {
                push(
                    "mesh",
                    Status::Ok,
                    format!("{} probes ok", report.reachable),
                    "",
                );
            }
        }
    }
    out
}

/// The VIP must be on the subnet (real prefix, from facts) of the interface that carries this
/// control plane's cluster address, and may only be held by a control plane of its cluster.
/// Whether pods can use the host's nameservers: CoreDNS forwards to them from a pod's own
/// network namespace, where a loopback address is the pod itself (a local resolver such as
/// dnsmasq on 127.0.0.1, or Docker's on 127.0.0.11): CoreDNS would query itself and stop with
/// "Loop detected". systemd-resolved is fine: kubeadm points the kubelet at its upstream list.
pub fn dns_status(f: &HostFacts) -> (Status, String, &'static str) {
    let loopback = |n: &String| n.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if f.systemd_resolved {
        (
            Status::Ok,
            "systemd-resolved (the kubelet uses its upstream servers)".into(),
            "",
        )
    } else if f.nameservers.is_empty() {
        (
            Status::Warn,
            "/etc/resolv.conf lists no nameserver: pods resolve only the cluster's own names"
                .into(),
            "list the site's DNS servers in /etc/resolv.conf if pods need other names",
        )
    } else if f.nameservers.iter().all(loopback) {
        (
            Status::Fail,
            format!(
                "/etc/resolv.conf lists only loopback nameservers ({}), which pods cannot reach: CoreDNS would forward to itself and stop (\"Loop detected\")",
                f.nameservers.join(", ")
            ),
            "list a nameserver pods can reach in /etc/resolv.conf (the site's DNS servers, or the local resolver's upstream servers)",
        )
    } else {
        (Status::Ok, f.nameservers.join(", "), "")
    }
}

#[allow(clippy::too_many_arguments)]
fn push_vip(
    push: &mut impl FnMut(&'static str, Status, String, &str),
    inventory: &Inventory,
    facts: &BTreeMap<String, Result<HostFacts, SshError>>,
    cluster: &Cluster,
    name: &str,
    cluster_address: &str,
    f: &HostFacts,
    vip: IpAddr,
) {
    let subnet = cluster_address
        .parse::<IpAddr>()
        .ok()
        .and_then(|ip| f.addresses.iter().find(|a| a.address == ip))
        .and_then(|a| ipnet::IpNet::new(a.address, a.prefix).ok())
        .map(|n| n.trunc());
    let holders: Vec<&str> = facts
        .iter()
        .filter(|(_, hf)| hf.as_ref().is_ok_and(|hf| hf.has_address(&vip)))
        .map(|(h, _)| h.as_str())
        .collect();
    let foreign: Vec<&str> = holders
        .iter()
        .copied()
        .filter(|h| {
            !cluster.control_plane.hosts.iter().any(|c| c == h)
                || inventory
                    .cluster_of(h)
                    .is_none_or(|c| c.name != cluster.name)
        })
        .collect();
    match subnet {
        None => push(
            "vip",
            Status::Warn,
            format!("cannot tell the subnet of {cluster_address} on {name}"),
            "set internalAddress to an address configured on the host",
        ),
        Some(net) if !net.contains(&vip) => push(
            "vip",
            Status::Fail,
            format!("VIP {vip} is not on {name}'s subnet {net}"),
            "kube-vip announces the VIP with ARP on the control planes' own subnet: pick a free address in it",
        ),
        Some(_) if !foreign.is_empty() => push(
            "vip",
            Status::Fail,
            format!("VIP {vip} is already configured on {}", foreign.join(", ")),
            "pick a free address; the VIP must belong to no host",
        ),
        Some(net) => push("vip", Status::Ok, format!("{vip} in {net}"), ""),
    }
}

/// Runs `true` as root on every host.
pub async fn probe_sudo(fleet: &Fleet) -> BTreeMap<String, Result<String, SshError>> {
    let results = fleet
        .run(|s: Arc<Session>| async move {
            let how = match s.become_method() {
                crate::ssh::Become::None | crate::ssh::Become::Auto => {
                    "logged in as root".to_string()
                }
                crate::ssh::Become::Sudo(Some(_)) => "sudo with password".to_string(),
                crate::ssh::Become::Sudo(None) => "passwordless sudo".to_string(),
                crate::ssh::Become::Doas => "doas".to_string(),
            };
            s.check_output(
                "true",
                &ExecOptions {
                    as_root: true,
                    timeout: Some(Duration::from_secs(30)),
                    ..Default::default()
                },
            )
            .await
            .map(|_| how)
        })
        .await;
    results.into_iter().map(|r| (r.host, r.result)).collect()
}

/// One connection attempt of the mesh.
#[derive(Debug, Clone)]
struct Probe {
    target: String,
    ip: String,
    port: u16,
}

impl Probe {
    /// The `/dev/tcp/` path suffix bash connects to.
    fn dev_tcp(&self) -> String {
        format!("{}/{}", self.ip, self.port)
    }
}

/// The probes one peer makes, and what it printed.
struct PeerProbes {
    peer: String,
    probes: Vec<Probe>,
    session: Option<Arc<Session>>,
    stdout: Option<String>,
}

/// Connects from the peer to each target port, all at once, with a 3 s limit each.
async fn probe_from_peer(mut work: PeerProbes) -> PeerProbes {
    let Some(session) = work.session.clone() else {
        return work;
    };
    let targets: Vec<String> = work.probes.iter().map(Probe::dev_tcp).collect();
    let script = format!(
        "for t in {}; do ( if timeout 3 bash -c \"exec 3<>/dev/tcp/$t\" 2>/dev/null; \
         then echo \"ok $t\"; else echo \"fail $t\"; fi ) & done; wait",
        targets.join(" ")
    );
    let options = ExecOptions {
        timeout: Some(Duration::from_secs(30)),
        ..Default::default()
    };
    work.stdout = session.exec(&script, &options).await.ok().map(|o| o.stdout);
    work
}

const LISTENER: &str = r#"import socket, select, sys, time
socks = []
for p in sys.argv[1:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("0.0.0.0", int(p))); s.listen(128); socks.append(s)
    except OSError:
        pass
end = time.time() + 120
while socks and time.time() < end:
    r, _, _ = select.select(socks, [], [], 1)
    for s in r:
        c, _ = s.accept(); c.close()
"#;

/// The cross-host port mesh: opens temporary listeners on each host's free required ports,
/// has every peer in the same cluster connect to them, then stops the listeners.
pub async fn probe_mesh(
    fleet: &Fleet,
    inventory: &Inventory,
    facts: &BTreeMap<String, Result<HostFacts, SshError>>,
) -> BTreeMap<String, MeshReport> {
    let mut reports: BTreeMap<String, MeshReport> = BTreeMap::new();
    // target -> ports to listen on; peer -> (target, ip, port) to probe.
    let mut listen: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut probes: BTreeMap<String, Vec<Probe>> = BTreeMap::new();
    for cluster in &inventory.spec.clusters {
        let members: Vec<&str> = cluster.all_hosts();
        for target in &members {
            let Some(Ok(tf)) = facts.get(*target) else {
                continue;
            };
            let Some(th) = inventory.host(target) else {
                continue;
            };
            let target_roles = inventory.roles_of(target);
            reports.entry(target.to_string()).or_default();
            for peer in &members {
                if peer == target || !matches!(facts.get(*peer), Some(Ok(_))) {
                    continue;
                }
                let ports = mesh_ports(&inventory.roles_of(peer), &target_roles, cluster);
                for port in ports {
                    if !tf.listening_tcp.contains(&port) {
                        listen.entry(target.to_string()).or_default().push(port);
                    }
                    probes.entry(peer.to_string()).or_default().push(Probe {
                        target: target.to_string(),
                        ip: th.cluster_address().to_string(),
                        port,
                    });
                }
            }
        }
    }
    for ports in listen.values_mut() {
        ports.sort_unstable();
        ports.dedup();
    }

    // Start listeners where python3 exists.
    let mut pids: BTreeMap<String, String> = BTreeMap::new();
    for (target, ports) in &listen {
        let has_python =
            matches!(facts.get(target), Some(Ok(f)) if f.tools.iter().any(|t| t == "python3"));
        if !has_python {
            if let Some(r) = reports.get_mut(target) {
                r.note = Some(
                    "no python3 to open test listeners; only already-open ports were probed".into(),
                );
            }
            continue;
        }
        let Some(Ok(session)) = fleet.session(target) else {
            continue;
        };
        let args: Vec<String> = ports.iter().map(|p| p.to_string()).collect();
        let cmd = format!(
            "nohup python3 -c {} {} >/dev/null 2>&1 & echo $!",
            shell_quote(LISTENER),
            args.join(" ")
        );
        if let Ok(out) = session
            .check_output(
                &cmd,
                &ExecOptions {
                    as_root: true,
                    ..Default::default()
                },
            )
            .await
        {
            pids.insert(target.clone(), out.trim().to_string());
        }
    }
    if !pids.is_empty() {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Probe from every peer at once, each peer's probes in parallel on the peer.
    let work: Vec<PeerProbes> = probes
        .into_iter()
        .map(|(peer, probes)| PeerProbes {
            session: fleet.session(&peer).and_then(|r| r.as_ref().ok()).cloned(),
            peer,
            probes,
            stdout: None,
        })
        .collect();
    let done =
        crate::fleet::run_bounded(work, crate::fleet::DEFAULT_CONCURRENCY, probe_from_peer).await;
    for PeerProbes {
        peer,
        probes,
        stdout,
        ..
    } in done
    {
        let ok: BTreeSet<&str> = stdout
            .as_deref()
            .unwrap_or("")
            .lines()
            .filter_map(|l| l.strip_prefix("ok "))
            .collect();
        for probe in probes {
            let report = reports.entry(probe.target.clone()).or_default();
            if ok.contains(probe.dev_tcp().as_str()) {
                report.reachable += 1;
            } else {
                report.unreachable.push((peer.clone(), probe.port));
            }
        }
    }

    for (target, pid) in pids {
        if let Some(Ok(session)) = fleet.session(&target) {
            let _ = session
                .exec(
                    &format!("kill {} 2>/dev/null", shell_quote(&pid)),
                    &ExecOptions {
                        as_root: true,
                        ..Default::default()
                    },
                )
                .await;
        }
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(plugin: NetworkPlugin) -> Cluster {
        serde_json::from_value(serde_json::json!({
            "name": "c", "role": "global", "controlPlane": {"hosts": ["a"]}, "network": {"plugin": plugin}
        }))
        .unwrap()
    }

    #[test]
    fn ports_per_role() {
        let c = cluster(NetworkPlugin::Flannel);
        let cp: Vec<u16> = required_ports(&[Role::ControlPlane, Role::Etcd], &c)
            .iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(cp, [2379, 2380, 6443, 10250, 10256, 10257, 10259]);
        let w: Vec<u16> = required_ports(&[Role::Worker], &cluster(NetworkPlugin::Calico))
            .iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(w, [179, 10250, 10256]);
    }

    fn facts_with(ip: &str, prefix: u8, extra: Option<&str>) -> HostFacts {
        let mut addresses = vec![super::super::InterfaceAddress {
            interface: "eth0".into(),
            address: ip.parse().unwrap(),
            prefix,
        }];
        if let Some(e) = extra {
            addresses.push(super::super::InterfaceAddress {
                interface: "eth0".into(),
                address: e.parse().unwrap(),
                prefix: 32,
            });
        }
        HostFacts {
            addresses,
            hostname: "x".into(),
            machine_id: ip.into(),
            init: "systemd".into(),
            ..HostFacts::default()
        }
    }

    fn vip_status(vip: &str, prefix: u8, holder: Option<(&str, &str)>) -> (Status, String) {
        let inv: Inventory = serde_json::from_value(serde_json::json!({
            "apiVersion": "tcs.io/v1alpha1", "kind": "Inventory", "metadata": {"name": "t"},
            "spec": {"hosts": [{"name": "cp1", "address": "10.1.0.11"}, {"name": "w1", "address": "10.1.0.21"}],
                     "clusters": [{"name": "t", "role": "global", "controlPlane": {"hosts": ["cp1"], "endpoint": {"vip": vip}}, "workers": {"hosts": ["w1"]}}]}
        }))
        .unwrap();
        let mut facts = BTreeMap::new();
        let extra = |h: &str| holder.filter(|(n, _)| *n == h).map(|(_, a)| a);
        facts.insert(
            "cp1".to_string(),
            Ok(facts_with("10.1.0.11", prefix, extra("cp1"))),
        );
        facts.insert(
            "w1".to_string(),
            Ok(facts_with("10.1.0.21", prefix, extra("w1"))),
        );
        let r = evaluate(&inv, &facts, &Probes::default());
        let v = r
            .iter()
            .find(|r| r.check == "vip" && r.host == "cp1")
            .expect("a vip result for the control plane");
        assert!(
            !r.iter().any(|r| r.check == "vip" && r.host == "w1"),
            "workers get no vip check"
        );
        (v.status, v.message.clone())
    }

    #[test]
    fn dns_refuses_loopback_only_resolvers() {
        let with = |ns: &[&str], resolved: bool| {
            dns_status(&HostFacts {
                nameservers: ns.iter().map(|s| s.to_string()).collect(),
                systemd_resolved: resolved,
                ..HostFacts::default()
            })
            .0
        };
        assert_eq!(with(&["10.0.0.2"], false), Status::Ok);
        assert_eq!(with(&["127.0.0.1", "10.0.0.2"], false), Status::Ok);
        assert_eq!(with(&["127.0.0.11"], false), Status::Fail);
        assert_eq!(with(&["::1"], false), Status::Fail);
        assert_eq!(with(&["127.0.0.53"], true), Status::Ok);
        assert_eq!(with(&[], false), Status::Warn);
    }

    #[test]
    fn vip_uses_the_real_prefix() {
        assert_eq!(vip_status("10.1.0.100", 24, None).0, Status::Ok);
        // On a /16 a VIP outside the /24 is still fine; on a /24 it is not.
        assert_eq!(vip_status("10.1.9.100", 16, None).0, Status::Ok);
        let (s, m) = vip_status("10.1.9.100", 24, None);
        assert_eq!(s, Status::Fail, "{m}");
        assert!(m.contains("10.1.0.0/24"), "{m}");
        // Held by its own control plane (after install): fine; by a worker: not.
        assert_eq!(
            vip_status("10.1.0.100", 24, Some(("cp1", "10.1.0.100"))).0,
            Status::Ok
        );
        let (s, m) = vip_status("10.1.0.100", 24, Some(("w1", "10.1.0.100")));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("w1"), "{m}");
    }

    #[test]
    fn mesh_needs() {
        let c = cluster(NetworkPlugin::Flannel);
        assert_eq!(
            mesh_ports(&[Role::Worker], &[Role::ControlPlane, Role::Etcd], &c),
            [6443]
        );
        assert_eq!(
            mesh_ports(
                &[Role::ControlPlane, Role::Etcd],
                &[Role::ControlPlane, Role::Etcd],
                &c
            ),
            [2379, 2380, 6443, 10250]
        );
        assert_eq!(
            mesh_ports(&[Role::ControlPlane], &[Role::Worker], &c),
            [10250]
        );
    }

    #[test]
    fn gpu_hosts_need_a_driver_and_nvidia_container_runtime() {
        let inv: Inventory = serde_json::from_value(serde_json::json!({
            "apiVersion": "tcs.io/v1alpha1", "kind": "Inventory", "metadata": {"name": "t"},
            "spec": {"hosts": [{"name": "cp1", "address": "10.1.0.11"},
                               {"name": "g1", "address": "10.1.0.21", "labels": {"gpu": "on"}}],
                     "clusters": [{"name": "t", "role": "global", "controlPlane": {"hosts": ["cp1"]}, "workers": {"hosts": ["g1"]}}]}
        }))
        .unwrap();
        let gpu = |driver: Option<&str>, runtime: Option<&str>| {
            let mut g = facts_with("10.1.0.21", 24, None);
            g.nvidia_driver = driver.map(str::to_string);
            g.nvidia_runtime = runtime.map(str::to_string);
            let mut facts = BTreeMap::new();
            facts.insert("cp1".to_string(), Ok(facts_with("10.1.0.11", 24, None)));
            facts.insert("g1".to_string(), Ok(g));
            let r = evaluate(&inv, &facts, &Probes::default());
            assert!(
                !r.iter().any(|r| r.check == "gpu" && r.host == "cp1"),
                "only labelled hosts are checked"
            );
            let g = r
                .into_iter()
                .find(|r| r.check == "gpu" && r.host == "g1")
                .unwrap();
            (g.status, g.message)
        };
        assert_eq!(
            gpu(Some("550.54.14"), Some("/usr/bin/nvidia-container-runtime")).0,
            Status::Ok
        );
        let (s, m) = gpu(None, None);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("no NVIDIA driver"), "{m}");
        let (s, m) = gpu(Some("550.54.14"), None);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("no nvidia-container-runtime"), "{m}");
        assert_eq!(
            gpu(Some("418.87.01"), Some("/usr/bin/nvidia-container-runtime")).0,
            Status::Fail
        );
    }
}
