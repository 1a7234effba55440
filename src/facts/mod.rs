//! What a host is: OS, hardware, network, time, init and cgroups, security settings, installed
//! runtimes and listening ports, gathered with one POSIX-sh script in one round trip.

pub mod preflight;

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::ssh::{ExecOptions, Session, SshError};

/// Facts about one host.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct HostFacts {
    /// `ID` from /etc/os-release (debian, ubuntu, rhel, rocky, ...).
    pub os_id: String,
    /// `ID_LIKE` from /etc/os-release.
    pub os_like: String,
    /// `VERSION_ID` from /etc/os-release.
    pub os_version: String,
    /// `PRETTY_NAME`.
    pub os_name: String,
    /// Architecture in Kubernetes' words (amd64, arm64) or as `uname -m` prints it.
    pub arch: String,
    /// Kernel release.
    pub kernel: String,
    /// Online CPUs.
    pub cpus: u32,
    /// Memory in MiB.
    pub memory_mib: u64,
    /// Swap in MiB (0 when off).
    pub swap_mib: u64,
    /// Free space under /var/lib in MiB.
    pub disk_free_mib: u64,
    /// Size of the filesystem under /var/lib in MiB.
    pub disk_total_mib: u64,
    /// Block devices: (name, size in bytes, rotational).
    pub disks: Vec<Disk>,
    /// Host name.
    pub hostname: String,
    /// /etc/machine-id.
    pub machine_id: String,
    /// This boot of the host: the kernel's boot id and when PID 1 started (a machine that
    /// rebooted has a new boot id; a container host restarted has a new PID 1).
    pub boot: String,
    /// Addresses with their prefix lengths, per interface.
    pub addresses: Vec<InterfaceAddress>,
    /// Host clock minus the tcs machine's clock, in milliseconds.
    pub clock_offset_ms: i64,
    /// Half the round trip of the time probe: the offset's uncertainty.
    pub clock_uncertainty_ms: u64,
    /// Whether systemd reports the clock NTP-synchronised (`None` when unknown).
    pub ntp_synchronized: Option<bool>,
    /// 1 or 2.
    pub cgroup_version: u8,
    /// Name of PID 1 (systemd, init, ...).
    pub init: String,
    /// enforcing, permissive or disabled.
    pub selinux: String,
    /// Active firewall services (firewalld, ufw, ...).
    pub firewalls: Vec<String>,
    /// Installed container runtimes and Kubernetes binaries with their versions.
    pub runtimes: Vec<Runtime>,
    /// TCP ports something listens on.
    pub listening_tcp: Vec<u16>,
    /// Commands present for later steps (python3, bash, ...).
    pub tools: Vec<String>,
    /// Loaded NVIDIA kernel driver version (from /proc/driver/nvidia/version).
    pub nvidia_driver: Option<String>,
    /// Path of nvidia-container-runtime, if installed.
    pub nvidia_runtime: Option<String>,
    /// The capability bounding set of the login shell (`CapBnd` in /proc/self/status): what
    /// any process of the host may hold at most (`None` when unknown).
    pub capability_bounding: Option<u64>,
    /// The container technology the host runs in (docker, lxc, podman, ...; empty for a
    /// machine), as systemd-detect-virt tells.
    pub container: String,
    /// The nameservers /etc/resolv.conf lists.
    pub nameservers: Vec<String>,
    /// systemd-resolved is active (kubeadm then points the kubelet at its upstream servers).
    pub systemd_resolved: bool,
}

/// CAP_SYS_RESOURCE's bit: without it no process may lower its oom_score_adj.
const CAP_SYS_RESOURCE: u32 = 24;

/// One block device.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Disk {
    /// Device name (sda, vda, nvme0n1).
    pub name: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// Spinning disk.
    pub rotational: bool,
}

/// An address on an interface.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InterfaceAddress {
    /// Interface name.
    pub interface: String,
    /// The address.
    pub address: IpAddr,
    /// Prefix length (the netmask).
    pub prefix: u8,
}

/// An installed runtime or Kubernetes binary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Runtime {
    /// containerd, docker, crio, kubelet, ...
    pub name: String,
    /// First line of its `--version`.
    pub version: String,
}

impl HostFacts {
    /// True when `ip` is configured on an interface.
    pub fn has_address(&self, ip: &IpAddr) -> bool {
        self.addresses.iter().any(|a| &a.address == ip)
    }

    /// False when no process on the host may lower its OOM score (CAP_SYS_RESOURCE is not in
    /// the bounding set: some container hosts, such as kind-style nodes without
    /// `--privileged`). containerd must then keep every container's oom_score_adj at or above
    /// its own (`restrict_oom_score_adj`), or each pod sandbox the kubelet asks for at -998
    /// fails to start.
    pub fn can_lower_oom_score(&self) -> bool {
        self.capability_bounding
            .is_none_or(|caps| caps & (1 << CAP_SYS_RESOURCE) != 0)
    }

    /// True when the OS is Debian-like (apt), else RHEL-like (dnf/yum) is assumed.
    pub fn is_debian_family(&self) -> bool {
        matches!(self.os_id.as_str(), "debian" | "ubuntu") || self.os_like.contains("debian")
    }
}

/// The gathering script: `key=value` lines, nothing else; needs only POSIX sh and /proc.
pub const GATHER_SCRIPT: &str = r#"export LC_ALL=C
[ -r /etc/os-release ] && . /etc/os-release
echo "os_id=${ID:-}"; echo "os_like=${ID_LIKE:-}"; echo "os_version=${VERSION_ID:-}"; echo "os_name=${PRETTY_NAME:-}"
echo "arch=$(uname -m)"; echo "kernel=$(uname -r)"
echo "cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
awk '/^MemTotal:/{print "mem_kib="$2} /^SwapTotal:/{print "swap_kib="$2}' /proc/meminfo
d=/var/lib; [ -d "$d" ] || d=/
df -Pk "$d" | awk 'NR==2{print "disk_avail_kib="$4; print "disk_total_kib="$2}'
for b in /sys/block/*; do n=${b##*/}; case $n in loop*|ram*|zram*|dm-*|sr*) continue;; esac
  [ -r "$b/size" ] && echo "disk=$n:$(( $(cat $b/size) * 512 )):$(cat $b/queue/rotational 2>/dev/null || echo 0)"; done
echo "hostname=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)"
echo "machine_id=$(cat /etc/machine-id 2>/dev/null)"
echo "boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null):$(cut -d' ' -f22 /proc/1/stat 2>/dev/null)"
if command -v ip >/dev/null 2>&1; then ip -o addr show 2>/dev/null | awk '{print "addr="$2"="$4}'; fi
echo "ntp=$(timedatectl show -p NTPSynchronized --value 2>/dev/null)"
if [ "$(stat -fc %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ]; then echo cgroup=2; else echo cgroup=1; fi
echo "init=$(cat /proc/1/comm 2>/dev/null)"
if [ -r /sys/fs/selinux/enforce ]; then if [ "$(cat /sys/fs/selinux/enforce)" = 1 ]; then echo selinux=enforcing; else echo selinux=permissive; fi; else echo selinux=disabled; fi
for s in firewalld ufw; do systemctl is-active --quiet "$s" 2>/dev/null && echo "firewall=$s"; done
for b in containerd docker crio kubelet kubeadm runc; do command -v "$b" >/dev/null 2>&1 && echo "runtime=$b=$("$b" --version 2>/dev/null | head -n1)"; done
awk 'FNR>1 && $4=="0A"{print "tcp_listen="$2}' /proc/net/tcp /proc/net/tcp6 2>/dev/null
for t in python3 bash nc socat timeout; do command -v "$t" >/dev/null 2>&1 && echo "tool=$t"; done
[ -r /proc/driver/nvidia/version ] && echo "nvidia_driver=$(sed -n 's/.*Kernel Module *\([0-9.]*\).*/\1/p' /proc/driver/nvidia/version | head -n1)"
command -v nvidia-container-runtime >/dev/null 2>&1 && echo "nvidia_runtime=$(command -v nvidia-container-runtime)"
awk '/^CapBnd:/{print "cap_bnd="$2}' /proc/self/status 2>/dev/null
awk '/^nameserver/{print "nameserver="$2}' /etc/resolv.conf 2>/dev/null
systemctl is-active --quiet systemd-resolved 2>/dev/null && echo resolved=yes
c=$(cat /run/systemd/container 2>/dev/null || systemd-detect-virt --container 2>/dev/null) || true
[ -n "$c" ] && [ "$c" != none ] && echo "container=$c"
echo "time=$(date +%s%N)"
"#;

/// Gathers the facts of the host behind `session`.
pub async fn gather(session: &Session) -> Result<HostFacts, SshError> {
    let sent = SystemTime::now();
    let out = session
        .exec(
            GATHER_SCRIPT,
            &ExecOptions {
                timeout: Some(Duration::from_secs(60)),
                ..ExecOptions::default()
            },
        )
        .await?;
    let received = SystemTime::now();
    if !out.success() {
        return Err(SshError::Session {
            host: session.target().host.clone(),
            reason: format!("gathering facts failed: {}", out.stderr.trim()),
        });
    }
    let mut facts = parse(&out.stdout);
    // The remote clock was read at the end of the script; compare with the midpoint of the
    // last half of the round trip as the best local estimate.
    if let Some(remote_ns) = out
        .stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("time="))
        .and_then(|v| v.trim().parse::<i128>().ok())
    {
        let ns = |t: SystemTime| {
            t.duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as i128)
                .unwrap_or(0)
        };
        let rtt = ns(received) - ns(sent);
        let local_estimate = ns(received) - rtt.min(out.duration.as_nanos() as i128) / 2;
        facts.clock_offset_ms = ((remote_ns - local_estimate) / 1_000_000) as i64;
        facts.clock_uncertainty_ms = (rtt / 2_000_000).max(0) as u64;
    }
    Ok(facts)
}

/// Parses the gathering script's output.
pub fn parse(text: &str) -> HostFacts {
    let mut f = HostFacts {
        cgroup_version: 1,
        ..HostFacts::default()
    };
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        match key {
            "os_id" => f.os_id = value.trim_matches('"').to_string(),
            "os_like" => f.os_like = value.trim_matches('"').to_string(),
            "os_version" => f.os_version = value.trim_matches('"').to_string(),
            "os_name" => f.os_name = value.trim_matches('"').to_string(),
            "arch" => f.arch = kube_arch(value),
            "kernel" => f.kernel = value.to_string(),
            "cpus" => f.cpus = value.parse().unwrap_or(0),
            "mem_kib" => f.memory_mib = value.parse::<u64>().unwrap_or(0) / 1024,
            "swap_kib" => f.swap_mib = value.parse::<u64>().unwrap_or(0) / 1024,
            "disk_avail_kib" => f.disk_free_mib = value.parse::<u64>().unwrap_or(0) / 1024,
            "disk_total_kib" => f.disk_total_mib = value.parse::<u64>().unwrap_or(0) / 1024,
            "disk" => {
                let parts: Vec<&str> = value.split(':').collect();
                if let [name, size, rota] = parts[..] {
                    f.disks.push(Disk {
                        name: name.to_string(),
                        size_bytes: size.parse().unwrap_or(0),
                        rotational: rota == "1",
                    });
                }
            }
            "hostname" => f.hostname = value.to_string(),
            "machine_id" => f.machine_id = value.to_string(),
            "boot" => f.boot = value.to_string(),
            "addr" => {
                if let Some((iface, cidr)) = value.split_once('=')
                    && let Some((ip, prefix)) = cidr.split_once('/')
                    && let (Ok(address), Ok(prefix)) = (ip.parse(), prefix.parse())
                {
                    f.addresses.push(InterfaceAddress {
                        interface: iface.trim_end_matches(':').to_string(),
                        address,
                        prefix,
                    });
                }
            }
            "ntp" => {
                f.ntp_synchronized = match value {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                }
            }
            "cgroup" => f.cgroup_version = value.parse().unwrap_or(1),
            "init" => f.init = value.to_string(),
            "selinux" => f.selinux = value.to_string(),
            "firewall" => f.firewalls.push(value.to_string()),
            "runtime" => {
                if let Some((name, version)) = value.split_once('=') {
                    f.runtimes.push(Runtime {
                        name: name.to_string(),
                        version: version.to_string(),
                    });
                }
            }
            "tcp_listen" => {
                if let Some(port) = value
                    .rsplit_once(':')
                    .and_then(|(_, p)| u16::from_str_radix(p, 16).ok())
                    && !f.listening_tcp.contains(&port)
                {
                    f.listening_tcp.push(port);
                }
            }
            "tool" => f.tools.push(value.to_string()),
            "nvidia_driver" => f.nvidia_driver = Some(value.to_string()),
            "nvidia_runtime" => f.nvidia_runtime = Some(value.to_string()),
            "cap_bnd" => f.capability_bounding = u64::from_str_radix(value, 16).ok(),
            "container" => f.container = value.to_string(),
            "nameserver" => f.nameservers.push(value.to_string()),
            "resolved" => f.systemd_resolved = value == "yes",
            _ => {}
        }
    }
    f.listening_tcp.sort_unstable();
    f
}

/// `uname -m` in Kubernetes' words.
pub fn kube_arch(uname: &str) -> String {
    match uname {
        "x86_64" | "amd64" => "amd64",
        "aarch64" | "arm64" => "arm64",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_script_output() {
        let text = "os_id=debian\nos_version=\"12\"\narch=x86_64\ncpus=4\nmem_kib=8049036\nswap_kib=1048572\n\
disk_avail_kib=20971520\ndisk=vda:53687091200:1\nhostname=g1\nmachine_id=abc\n\
addr=eth0=10.0.0.11/24\naddr=lo=127.0.0.1/8\nntp=yes\ncgroup=2\ninit=systemd\nselinux=disabled\n\
firewall=ufw\nruntime=containerd=containerd github.com/containerd/containerd v2.3.4\n\
tcp_listen=00000000:0016\ntcp_listen=00000000000000000000000000000000:0016\ntcp_listen=0100007F:19FF\ntool=bash\n";
        let f = parse(text);
        assert_eq!(f.os_version, "12");
        assert_eq!(f.arch, "amd64");
        assert_eq!(
            (f.cpus, f.memory_mib, f.swap_mib, f.disk_free_mib),
            (4, 7860, 1023, 20480)
        );
        assert_eq!(f.disks[0].size_bytes, 53687091200);
        assert!(f.disks[0].rotational);
        assert!(f.has_address(&"10.0.0.11".parse().unwrap()));
        assert_eq!(f.addresses[0].prefix, 24);
        assert_eq!(f.ntp_synchronized, Some(true));
        assert_eq!(f.cgroup_version, 2);
        assert_eq!(f.firewalls, ["ufw"]);
        assert_eq!(f.runtimes[0].name, "containerd");
        assert_eq!(f.listening_tcp, [22, 6655]);
        assert!(f.is_debian_family());
    }

    #[test]
    fn container_hosts_without_cap_sys_resource() {
        // This machine kind's bounding set: every capability but CAP_SYS_RESOURCE (bit 24).
        let f = parse("cap_bnd=000001fffeffffff\ncontainer=docker\nnameserver=127.0.0.11\n");
        assert!(!f.can_lower_oom_score());
        assert_eq!(f.container, "docker");
        assert_eq!(f.nameservers, ["127.0.0.11"]);
        assert!(parse("cap_bnd=000001ffffffffff\n").can_lower_oom_score());
        // Unknown: assume a machine.
        assert!(parse("").can_lower_oom_score());
    }
}
