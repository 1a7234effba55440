//! Host preparation: hostname, /etc/hosts, swap off now and at boot, kernel modules, sysctls for
//! Kubernetes networking, and the clock. Plain POSIX tools only, so the same steps work on
//! Debian/Ubuntu and RHEL-family hosts.

use futures::future::BoxFuture;
use serde_json::json;

use super::{read_file, run_root, write_file};
use crate::plan::{Check, HostCtx, Phase, Step, StepError};

/// The host-preparation phase.
pub fn phase() -> Phase {
    Phase {
        id: "prepare",
        title: "Prepare hosts",
        steps: vec![
            Box::new(Hostname),
            Box::new(HostsFile),
            Box::new(SwapOff),
            Box::new(KernelModules),
            Box::new(Sysctl),
            Box::new(Clock),
        ],
        quorum: false,
    }
}

/// The node name as hostname, now and at boot.
pub struct Hostname;

impl Step for Hostname {
    fn id(&self) -> &'static str {
        "hostname"
    }
    fn describe(&self) -> &'static str {
        "set the hostname to the inventory name"
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"hostname": ctx.host.name})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let current = run_root(ctx, "hostname; cat /etc/hostname 2>/dev/null").await?;
            let mut lines = current.lines();
            let (live, stored) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
            Ok(if live == ctx.host.name && stored.trim() == ctx.host.name {
                Check::Done
            } else {
                Check::Needed(format!(
                    "hostname is '{live}' (at boot '{}')",
                    stored.trim()
                ))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let name = crate::ssh::shell_quote(&ctx.host.name);
            // hostnamectl where it works; /etc/hostname written in place (it may be a bind mount).
            run_root(
                ctx,
                &format!("hostnamectl set-hostname {name} 2>/dev/null || {{ printf '%s\\n' {name} > /etc/hostname && hostname {name}; }}"),
            )
            .await?;
            Ok(())
        })
    }
}

/// A managed block in /etc/hosts naming every host of the cluster.
pub struct HostsFile;

const BEGIN: &str = "# BEGIN tcs managed hosts";
const END: &str = "# END tcs managed hosts";

impl HostsFile {
    fn block(ctx: &HostCtx) -> String {
        let mut lines = vec![BEGIN.to_string()];
        for name in ctx.cluster.all_hosts() {
            if let Some(h) = ctx.inventory.host(name) {
                lines.push(format!("{} {}", h.cluster_address(), h.name));
            }
        }
        lines.push(END.to_string());
        lines.join("\n") + "\n"
    }

    fn with_block(current: &str, block: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in current.lines() {
            if line.trim() == BEGIN {
                inside = true;
                continue;
            }
            if line.trim() == END {
                inside = false;
                continue;
            }
            if !inside {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str(block);
        out
    }
}

impl Step for HostsFile {
    fn id(&self) -> &'static str {
        "etc-hosts"
    }
    fn describe(&self) -> &'static str {
        "list the cluster's hosts in /etc/hosts"
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"block": Self::block(ctx)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let current = read_file(ctx, "/etc/hosts").await?.unwrap_or_default();
            Ok(if current.contains(&Self::block(ctx)) {
                Check::Done
            } else {
                Check::Needed("the cluster's hosts are missing from /etc/hosts".into())
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let current = read_file(ctx, "/etc/hosts").await?.unwrap_or_default();
            let wanted = Self::with_block(&current, &Self::block(ctx));
            // Rewritten in place: /etc/hosts is often a bind mount (containers) or a symlink.
            super::write_in_place(ctx, "/etc/hosts", &wanted).await
        })
    }
}

/// Swap off now, and its fstab lines commented out so it stays off at boot.
pub struct SwapOff;

const SWAP_STATE: &str = "awk 'NR>1' /proc/swaps | wc -l; grep -E '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab | wc -l";

impl Step for SwapOff {
    fn id(&self) -> &'static str {
        "swap"
    }
    fn describe(&self) -> &'static str {
        "turn swap off now and at boot"
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"swap": "off"})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let out = run_root(ctx, SWAP_STATE).await?;
            let counts: Vec<u32> = out
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            Ok(match counts.as_slice() {
                [0, 0] => Check::Done,
                [active, fstab] => Check::Needed(format!(
                    "{active} swap device(s) active, {fstab} in /etc/fstab"
                )),
                _ => Check::Needed("cannot read the swap state".into()),
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            run_root(
                ctx,
                "swapoff -a && sed -i -E 's/^([^#].*[[:space:]]swap[[:space:]].*)$/# disabled by tcs: \\1/' /etc/fstab",
            )
            .await?;
            Ok(())
        })
    }
}

/// overlay and br_netfilter, loaded now and at boot.
pub struct KernelModules;

const MODULES_FILE: &str = "/etc/modules-load.d/tcs-kubernetes.conf";
const MODULES: &str = "overlay\nbr_netfilter\n";
/// What shows a module's feature is present, whether loaded, built in, or (in a container)
/// provided by the host's kernel.
const MODULE_PROBE: &str = "grep -qw overlay /proc/filesystems && echo overlay; test -e /proc/sys/net/bridge/bridge-nf-call-iptables && echo br_netfilter; true";

impl Step for KernelModules {
    fn id(&self) -> &'static str {
        "kernel-modules"
    }
    fn describe(&self) -> &'static str {
        "load overlay and br_netfilter now and at boot"
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"modules": MODULES})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let present = run_root(ctx, MODULE_PROBE).await?;
            let missing: Vec<&str> = MODULES
                .lines()
                .filter(|m| !present.lines().any(|l| l == *m))
                .collect();
            let file = read_file(ctx, MODULES_FILE).await?;
            Ok(if !missing.is_empty() {
                Check::Needed(format!("not loaded: {}", missing.join(", ")))
            } else if file.as_deref() != Some(MODULES) {
                Check::Needed(format!("{MODULES_FILE} does not load them at boot"))
            } else {
                Check::Done
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(ctx, MODULES_FILE, MODULES, 0o644).await?;
            let present = run_root(ctx, MODULE_PROBE).await?;
            for module in MODULES
                .lines()
                .filter(|m| !present.lines().any(|l| l == *m))
            {
                let out = ctx
                    .session
                    .exec(
                        &format!("modprobe {module}"),
                        &crate::ssh::ExecOptions {
                            as_root: true,
                            ..Default::default()
                        },
                    )
                    .await?;
                if !out.success() {
                    let container = run_root(ctx, "systemd-detect-virt -c 2>/dev/null || true")
                        .await
                        .unwrap_or_default();
                    let hint = if !container.trim().is_empty() && container.trim() != "none" {
                        format!(
                            " (this host is a {} container: the kernel of the machine running it must load {module})",
                            container.trim()
                        )
                    } else {
                        String::new()
                    };
                    return Err(StepError::Failed(format!(
                        "cannot load kernel module {module}: {}{hint}",
                        out.stderr.trim()
                    )));
                }
            }
            Ok(())
        })
    }
}

/// Kernel settings Kubernetes networking needs.
pub struct Sysctl;

const SYSCTL_FILE: &str = "/etc/sysctl.d/99-tcs-kubernetes.conf";
const SYSCTLS: &[(&str, &str)] = &[
    ("net.bridge.bridge-nf-call-iptables", "1"),
    ("net.bridge.bridge-nf-call-ip6tables", "1"),
    ("net.ipv4.ip_forward", "1"),
];

impl Sysctl {
    fn file() -> String {
        SYSCTLS
            .iter()
            .map(|(k, v)| format!("{k} = {v}\n"))
            .collect()
    }
    async fn live(ctx: &HostCtx) -> Result<Vec<String>, StepError> {
        let keys: Vec<&str> = SYSCTLS.iter().map(|(k, _)| *k).collect();
        let out = run_root(
            ctx,
            &format!(
                "for k in {}; do sysctl -n $k 2>/dev/null || echo missing; done",
                keys.join(" ")
            ),
        )
        .await?;
        Ok(out.lines().map(|l| l.trim().to_string()).collect())
    }
}

impl Step for Sysctl {
    fn id(&self) -> &'static str {
        "sysctl"
    }
    fn describe(&self) -> &'static str {
        "enable IP forwarding and bridged traffic filtering, now and at boot"
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"file": Self::file()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let live = Self::live(ctx).await?;
            let wrong: Vec<String> = SYSCTLS
                .iter()
                .zip(&live)
                .filter(|((_, want), have)| have.as_str() != *want)
                .map(|((k, want), have)| format!("{k} is {have}, wants {want}"))
                .collect();
            let file = read_file(ctx, SYSCTL_FILE).await?;
            Ok(if !wrong.is_empty() {
                Check::Needed(wrong.join("; "))
            } else if file.as_deref() != Some(Self::file().as_str()) {
                Check::Needed(format!("{SYSCTL_FILE} does not set them at boot"))
            } else {
                Check::Done
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(ctx, SYSCTL_FILE, &Self::file(), 0o644).await?;
            let live = Self::live(ctx).await?;
            for ((k, want), have) in SYSCTLS.iter().zip(&live) {
                if have != want {
                    let out = ctx
                        .session
                        .exec(
                            &format!("sysctl -w {k}={want}"),
                            &crate::ssh::ExecOptions {
                                as_root: true,
                                ..Default::default()
                            },
                        )
                        .await?;
                    if !out.success() {
                        return Err(StepError::Failed(format!(
                            "cannot set {k}={want}: {}",
                            out.stderr.trim()
                        )));
                    }
                }
            }
            Ok(())
        })
    }
}

/// The host clock agrees with this machine's within the inventory's bound.
pub struct Clock;

impl Step for Clock {
    fn id(&self) -> &'static str {
        "clock"
    }
    fn describe(&self) -> &'static str {
        "check the clock offset (certificates and etcd need agreeing clocks)"
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"maxClockOffsetMs": ctx.inventory.spec.preflight.max_clock_offset_ms})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let max = ctx.inventory.spec.preflight.max_clock_offset_ms as i64;
            Ok(if ctx.facts.clock_offset_ms.abs() <= max {
                Check::Done
            } else {
                Check::Needed(format!(
                    "clock is {} ms off (limit {max} ms)",
                    ctx.facts.clock_offset_ms
                ))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            Err(StepError::Failed(format!(
                "the clock is {} ms off this machine; synchronise time (chrony or systemd-timesyncd against your NTP source) and run again",
                ctx.facts.clock_offset_ms
            )))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_block_is_replaced_not_appended() {
        let block = format!("{BEGIN}\n10.0.0.1 a\n{END}\n");
        let current = format!("127.0.0.1 localhost\n{BEGIN}\n10.0.0.9 old\n{END}\n::1 localhost\n");
        let new = HostsFile::with_block(&current, &block);
        assert_eq!(new, format!("127.0.0.1 localhost\n::1 localhost\n{block}"));
        assert_eq!(HostsFile::with_block(&new, &block), new, "idempotent");
    }
}
