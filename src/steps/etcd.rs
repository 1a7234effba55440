//! The external etcd cluster: TLS material from the cluster PKI, the bundle's etcd binaries, a
//! systemd unit rendered from `templates/etcd/etcd.service.j2`, the service started on every
//! member at once, and the cluster's health and membership read through the etcd v3 API
//! (`etcdctl` on the member, so the installer needs no route to port 2379). The phase needs a
//! quorum: when a majority of a cluster's members is unreachable or failed, it stops there.

use std::net::IpAddr;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::json;

use super::{read_file, run_root, write_file};
use crate::inventory::Cluster;
use crate::pki::{ClusterPki, LeafSpec, PkiError, Usage};
use crate::plan::{Check, HostCtx, Phase, Step, StepError};
use crate::ssh::{ExecOptions, shell_quote};

/// Where members keep their TLS files.
pub const PKI_DIR: &str = "/etc/etcd/pki";
/// Data directory.
pub const DATA_DIR: &str = "/var/lib/etcd";
const UNIT_PATH: &str = "/etc/systemd/system/etcd.service";
/// The client certificate etcdctl (and tcs's health checks) use, shared by a cluster.
const CLIENT_STEM: &str = "etcd/healthcheck-client";

/// The etcd phase.
pub fn phase() -> Phase {
    Phase {
        id: "etcd",
        title: "etcd cluster",
        steps: vec![
            Box::new(EtcdCerts),
            Box::new(super::BundleBinaries {
                id: "etcd-binaries",
                describe: "install etcd and etcdctl from the bundle",
                components: &["etcd"],
                required: &["etcd", "etcdctl"],
                hosts: member,
                only: None,
            }),
            Box::new(EtcdUnit),
            Box::new(EtcdMemberAdd),
            Box::new(EtcdService),
            Box::new(EtcdHealth),
        ],
        quorum: true,
    }
}

pub(super) fn member(ctx: &HostCtx) -> bool {
    ctx.cluster.etcd_hosts().contains(&ctx.host.name)
}

/// Creates the cluster's CAs and the shared etcd client certificate (before hosts run, so
/// no two hosts race to issue them).
pub fn prepare_pki(state: &std::path::Path, cluster: &Cluster) -> Result<(), PkiError> {
    let pki = ClusterPki::new(state, &cluster.name);
    pki.ensure_cas()?;
    pki.ensure_leaf("etcd/ca", CLIENT_STEM, &client_spec())?;
    Ok(())
}

fn client_spec() -> LeafSpec {
    LeafSpec {
        common_name: "tcs-etcd-healthcheck-client".into(),
        organizations: vec![],
        dns: vec![],
        ips: vec![],
        usage: Usage::Client,
    }
}

fn member_spec(ctx: &HostCtx, usage: Usage) -> LeafSpec {
    member_spec_for(&ctx.host, usage)
}

/// The names an etcd member's server or peer certificate carries.
pub fn member_spec_for(host: &crate::inventory::Host, usage: Usage) -> LeafSpec {
    let mut ips: Vec<IpAddr> = vec![IpAddr::from([127, 0, 0, 1])];
    for a in [host.cluster_address(), host.address.as_str()] {
        if let Ok(ip) = a.parse::<IpAddr>()
            && !ips.contains(&ip)
        {
            ips.push(ip);
        }
    }
    let mut dns = vec![host.name.clone(), "localhost".to_string()];
    if host.address.parse::<IpAddr>().is_err() && !dns.contains(&host.address) {
        dns.push(host.address.clone());
    }
    LeafSpec {
        common_name: host.name.clone(),
        organizations: vec![],
        dns,
        ips,
        usage,
    }
}

/// The shared etcd client certificate's stem and spec.
pub fn client_cert() -> (&'static str, LeafSpec) {
    (CLIENT_STEM, client_spec())
}

fn pki(ctx: &HostCtx) -> ClusterPki {
    ClusterPki::new(&ctx.state_dir, &ctx.cluster.name)
}

fn member_stem(ctx: &HostCtx, kind: &str) -> String {
    format!("etcd/members/{}/{kind}", ctx.host.name)
}

/// The member's TLS files: (remote path, local content, mode). Fails when the PKI has not
/// been issued for this host yet.
fn tls_files(ctx: &HostCtx) -> Result<Vec<(String, String, u32)>, PkiError> {
    let p = pki(ctx);
    let ca = p.read("etcd/ca")?;
    let server = p.read(&member_stem(ctx, "server"))?;
    let peer = p.read(&member_stem(ctx, "peer"))?;
    let client = p.read(CLIENT_STEM)?;
    Ok(vec![
        (format!("{PKI_DIR}/ca.crt"), ca.cert, 0o644),
        (format!("{PKI_DIR}/server.crt"), server.cert, 0o644),
        (format!("{PKI_DIR}/server.key"), server.key, 0o600),
        (format!("{PKI_DIR}/peer.crt"), peer.cert, 0o644),
        (format!("{PKI_DIR}/peer.key"), peer.key, 0o600),
        (format!("{PKI_DIR}/client.crt"), client.cert, 0o644),
        (format!("{PKI_DIR}/client.key"), client.key, 0o600),
    ])
}

/// TLS certificates and keys for the member (server, peer, etcdctl client) and the etcd CA.
pub struct EtcdCerts;

impl Step for EtcdCerts {
    fn id(&self) -> &'static str {
        "etcd-certs"
    }
    fn describe(&self) -> &'static str {
        "etcd CA, member server/peer and client certificates from the cluster PKI"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        member(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        // Hashes only: keys never enter the journal.
        let files: Vec<(String, String)> = tls_files(ctx)
            .map(|f| {
                f.into_iter()
                    .map(|(p, c, _)| (p, super::sha256_hex(&c)))
                    .collect()
            })
            .unwrap_or_default();
        json!({"files": files, "spec": format!("{:?}", member_spec(ctx, Usage::Peer))})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let p = pki(ctx);
            for kind in ["server", "peer"] {
                let usage = if kind == "server" {
                    Usage::Server
                } else {
                    Usage::Peer
                };
                if !p.leaf_current("etcd/ca", &member_stem(ctx, kind), &member_spec(ctx, usage)) {
                    return Ok(Check::Needed(format!(
                        "the {kind} certificate is not issued, outdated or lacks this host's names"
                    )));
                }
            }
            let files = tls_files(ctx).map_err(|e| StepError::Failed(e.to_string()))?;
            super::files_match(ctx, &files).await
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let p = pki(ctx);
            let fail = |e: PkiError| StepError::Failed(e.to_string());
            p.ensure_leaf(
                "etcd/ca",
                &member_stem(ctx, "server"),
                &member_spec(ctx, Usage::Server),
            )
            .map_err(fail)?;
            p.ensure_leaf(
                "etcd/ca",
                &member_stem(ctx, "peer"),
                &member_spec(ctx, Usage::Peer),
            )
            .map_err(fail)?;
            run_root(ctx, &format!("install -d -m 0700 {PKI_DIR}")).await?;
            for (path, content, mode) in tls_files(ctx).map_err(fail)? {
                write_file(ctx, &path, &content, mode).await?;
            }
            // A running member reads its certificates at start.
            run_root(ctx, "systemctl try-restart etcd 2>/dev/null || true").await?;
            Ok(())
        })
    }
}

fn joined_marker(state: &std::path::Path, cluster: &str, host: &str) -> std::path::PathBuf {
    crate::state::StateDir::at(state).etcd_joined(cluster, host)
}

/// Records that `host` joins `cluster`'s running etcd (its unit then says
/// `--initial-cluster-state=existing`, now and in every later install).
pub fn mark_joining(state: &std::path::Path, cluster: &str, host: &str) -> std::io::Result<()> {
    let path = joined_marker(state, cluster, host);
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(path, "joined an existing cluster with tcs node add\n")
}

/// The member's systemd unit.
pub fn render_unit(ctx: &HostCtx) -> Result<String, StepError> {
    let inv = &ctx.inventory;
    let initial: Vec<String> = ctx
        .cluster
        .etcd_hosts()
        .iter()
        .filter_map(|m| inv.host(m))
        .map(|h| format!("{}=https://{}:2380", h.name, h.cluster_address()))
        .collect();
    super::render_template(
        &[(
            "etcd.service",
            include_str!("../../templates/etcd/etcd.service.j2"),
        )],
        "etcd.service",
        minijinja::context! {
            cluster => &ctx.cluster.name,
            name => &ctx.host.name,
            address => ctx.host.cluster_address(),
            initial_cluster => initial.join(","),
            state => if joined_marker(&ctx.state_dir, &ctx.cluster.name, &ctx.host.name).exists() { "existing" } else { "new" },
            data_dir => DATA_DIR,
            pki => PKI_DIR,
        },
    )
}

/// /etc/systemd/system/etcd.service.
pub struct EtcdUnit;

impl Step for EtcdUnit {
    fn id(&self) -> &'static str {
        "etcd-unit"
    }
    fn describe(&self) -> &'static str {
        "write the etcd systemd unit (TLS for clients and peers, the initial cluster)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        member(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"unit": render_unit(ctx).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let want = render_unit(ctx)?;
            Ok(
                if read_file(ctx, UNIT_PATH).await?.as_deref() == Some(want.as_str()) {
                    Check::Done
                } else {
                    Check::Needed(format!("{UNIT_PATH} missing or different"))
                },
            )
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(ctx, UNIT_PATH, &render_unit(ctx)?, 0o644).await?;
            run_root(
                ctx,
                &format!("install -d -m 0700 {DATA_DIR} && systemctl daemon-reload && systemctl try-restart etcd 2>/dev/null || true"),
            )
            .await?;
            Ok(())
        })
    }
}

fn etcdctl(endpoints: &str, args: &str) -> String {
    etcdctl_with(endpoints, 5, args)
}

/// An `etcdctl` command line (v3 API) with the member's client certificate, against
/// `endpoints`, giving up on each request after `timeout_secs`.
pub fn etcdctl_with(endpoints: &str, timeout_secs: u64, args: &str) -> String {
    format!(
        "ETCDCTL_API=3 etcdctl --endpoints={endpoints} --cacert={PKI_DIR}/ca.crt --cert={PKI_DIR}/client.crt --key={PKI_DIR}/client.key --command-timeout={timeout_secs}s {args}"
    )
}

fn peer_url(ctx: &HostCtx) -> String {
    format!("https://{}:2380", ctx.host.cluster_address())
}

/// A session to another etcd member of the cluster that is reachable in this run.
fn other_member(ctx: &HostCtx) -> Option<(&str, &std::sync::Arc<crate::ssh::Session>)> {
    ctx.cluster
        .etcd_hosts()
        .iter()
        .filter(|m| **m != ctx.host.name)
        .find_map(|m| ctx.shared.sessions.get(m).map(|s| (m.as_str(), s)))
}

/// `tcs node add` of an etcd member: the running cluster learns about it (`member add`)
/// before it starts.
pub struct EtcdMemberAdd;

impl Step for EtcdMemberAdd {
    fn id(&self) -> &'static str {
        "etcd-member-add"
    }
    fn describe(&self) -> &'static str {
        "add the new member to the running etcd cluster (tcs node add)"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        ctx.shared.joining.contains(&ctx.host.name)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"peer": peer_url(ctx)})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let (peer, s) = other_member(ctx).ok_or_else(|| {
                StepError::Failed("no other etcd member is reachable to add this one".into())
            })?;
            let list = s
                .check_output(
                    &etcdctl("https://127.0.0.1:2379", "member list -w json"),
                    &ExecOptions {
                        as_root: true,
                        timeout: Some(Duration::from_secs(30)),
                        ..Default::default()
                    },
                )
                .await
                .map_err(|e| StepError::Failed(format!("{peer}: {e}")))?;
            let url = peer_url(ctx);
            Ok(if list.contains(&format!("\"{url}\"")) {
                Check::Done
            } else {
                Check::Needed(format!("{url} is not a member of the running etcd cluster"))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let (peer, s) = other_member(ctx).ok_or_else(|| {
                StepError::Failed("no other etcd member is reachable to add this one".into())
            })?;
            let add = etcdctl(
                "https://127.0.0.1:2379",
                &format!(
                    "member add {} --peer-urls={}",
                    shell_quote(&ctx.host.name),
                    peer_url(ctx)
                ),
            );
            // Reconfiguration waits until every member has been connected for a moment.
            let script = format!(
                "for i in $(seq 1 15); do out=$({add} 2>&1) && exit 0; case \"$out\" in *'unhealthy cluster'*) sleep 2;; *) echo \"$out\" >&2; exit 1;; esac; done; echo \"$out\" >&2; exit 1"
            );
            s.check_output(
                &script,
                &ExecOptions {
                    as_root: true,
                    timeout: Some(Duration::from_secs(90)),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| StepError::Failed(format!("etcd member add on {peer}: {e}")))?;
            Ok(())
        })
    }
}

/// The member enabled, running and healthy.
pub struct EtcdService;

impl Step for EtcdService {
    fn id(&self) -> &'static str {
        "etcd-service"
    }
    fn describe(&self) -> &'static str {
        "run etcd under systemd on every member at once and wait until the member is healthy"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        member(ctx)
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let state = run_root(
                ctx,
                "systemctl is-enabled etcd 2>/dev/null; systemctl is-active etcd 2>/dev/null; true",
            )
            .await?;
            let words: Vec<&str> = state.split_whitespace().collect();
            if words != ["enabled", "active"] {
                return Ok(Check::Needed(format!("etcd is {}", words.join("/"))));
            }
            let health = ctx
                .session
                .exec(
                    &etcdctl("https://127.0.0.1:2379", "endpoint health"),
                    &ExecOptions {
                        as_root: true,
                        timeout: Some(Duration::from_secs(15)),
                        ..Default::default()
                    },
                )
                .await?;
            Ok(if health.success() {
                Check::Done
            } else {
                Check::Needed(format!(
                    "the member is not healthy: {}",
                    health.stderr.trim().lines().last().unwrap_or("")
                ))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            // --no-block: a new member waits for its peers, which start in the same step.
            run_root(
                ctx,
                "systemctl enable etcd >/dev/null 2>&1 && systemctl start --no-block etcd",
            )
            .await?;
            let wait = format!(
                "for i in $(seq 1 90); do {} >/dev/null 2>&1 && exit 0; sleep 1; done; journalctl -u etcd -n 15 --no-pager 2>/dev/null; exit 1",
                etcdctl("https://127.0.0.1:2379", "endpoint health")
            );
            let out = ctx
                .session
                .exec(
                    &wait,
                    &ExecOptions {
                        as_root: true,
                        timeout: Some(Duration::from_secs(120)),
                        ..Default::default()
                    },
                )
                .await?;
            if out.success() {
                Ok(())
            } else {
                Err(StepError::Failed(format!(
                    "etcd on {} did not become healthy:\n{}",
                    ctx.host.name,
                    out.stdout.trim()
                )))
            }
        })
    }
}

/// Health of every member and the membership, as one member sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterHealth {
    /// Members named by the inventory that answer healthy.
    pub healthy: Vec<String>,
    /// Inventory members that do not, with the error.
    pub unhealthy: Vec<(String, String)>,
    /// Member names etcd lists that the inventory does not.
    pub unexpected: Vec<String>,
}

impl ClusterHealth {
    /// One line for people.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!(
            "{}/{} members healthy",
            self.healthy.len(),
            self.healthy.len() + self.unhealthy.len()
        )];
        for (m, e) in &self.unhealthy {
            parts.push(format!("{m}: {e}"));
        }
        if !self.unexpected.is_empty() {
            parts.push(format!(
                "members not in the inventory: {}",
                self.unexpected.join(", ")
            ));
        }
        parts.join("; ")
    }

    /// Whether everything is as the inventory says.
    pub fn ok(&self) -> bool {
        self.unhealthy.is_empty() && self.unexpected.is_empty()
    }
}

/// Reads health (`endpoint health -w json` over every inventory member) and membership
/// (`member list -w json`) from `etcdctl`'s outputs.
pub fn parse_health(
    members: &[(String, String)],
    health_json: &str,
    member_list_json: &str,
) -> ClusterHealth {
    let health: Vec<serde_json::Value> = serde_json::from_str(health_json).unwrap_or_default();
    let mut out = ClusterHealth {
        healthy: Vec::new(),
        unhealthy: Vec::new(),
        unexpected: Vec::new(),
    };
    for (name, endpoint) in members {
        let entry = health
            .iter()
            .find(|h| h.get("endpoint").and_then(|e| e.as_str()) == Some(endpoint.as_str()));
        match entry {
            Some(h) if h.get("health").and_then(|v| v.as_bool()) == Some(true) => {
                out.healthy.push(name.clone())
            }
            Some(h) => out.unhealthy.push((
                name.clone(),
                h.get("error")
                    .and_then(|e| e.as_str())
                    .unwrap_or("unhealthy")
                    .to_string(),
            )),
            None => out.unhealthy.push((name.clone(), "no answer".into())),
        }
    }
    let list: serde_json::Value = serde_json::from_str(member_list_json).unwrap_or_default();
    for m in list
        .get("members")
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
    {
        let name = m.get("name").and_then(|n| n.as_str()).unwrap_or("");
        if !name.is_empty() && !members.iter().any(|(n, _)| n == name) {
            out.unexpected.push(name.to_string());
        }
    }
    out
}

/// The cluster's health as seen from `ctx`'s member.
pub async fn cluster_health(ctx: &HostCtx) -> Result<ClusterHealth, StepError> {
    let members: Vec<(String, String)> = ctx
        .cluster
        .etcd_hosts()
        .iter()
        .filter_map(|m| ctx.inventory.host(m))
        .map(|h| {
            (
                h.name.clone(),
                format!("https://{}:2379", h.cluster_address()),
            )
        })
        .collect();
    let endpoints: Vec<&str> = members.iter().map(|(_, e)| e.as_str()).collect();
    let opts = ExecOptions {
        as_root: true,
        timeout: Some(Duration::from_secs(30)),
        ..Default::default()
    };
    // endpoint health exits 1 when any endpoint is unhealthy; its JSON still lists all.
    let health = ctx
        .session
        .exec(
            &etcdctl(&endpoints.join(","), "endpoint health -w json"),
            &opts,
        )
        .await?;
    let list = ctx
        .session
        .exec(
            &etcdctl("https://127.0.0.1:2379", "member list -w json"),
            &opts,
        )
        .await?;
    Ok(parse_health(&members, &health.stdout, &list.stdout))
}

/// Every inventory member healthy and nothing else in the membership.
pub struct EtcdHealth;

impl Step for EtcdHealth {
    fn id(&self) -> &'static str {
        "etcd-health"
    }
    fn describe(&self) -> &'static str {
        "check every member's health and the membership through the etcd v3 API"
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        member(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"members": ctx.cluster.etcd_hosts()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let h = cluster_health(ctx).await?;
            Ok(if h.ok() {
                Check::Done
            } else {
                Check::Needed(format!("degraded: {}", h.describe()))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            // Members that just started may need a moment to elect; then it is a real fault.
            let mut last = None;
            for _ in 0..10 {
                let h = cluster_health(ctx).await?;
                if h.ok() {
                    return Ok(());
                }
                last = Some(h);
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(StepError::Failed(format!(
                "etcd cluster {} is degraded: {}; bring the member back (or remove it with `tcs node remove`) and run again",
                ctx.cluster.name,
                last.map(|h| h.describe()).unwrap_or_default()
            )))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_from_etcdctl_json() {
        let members = vec![
            ("e1".to_string(), "https://10.0.0.1:2379".to_string()),
            ("e2".to_string(), "https://10.0.0.2:2379".to_string()),
            ("e3".to_string(), "https://10.0.0.3:2379".to_string()),
        ];
        let health = r#"[{"endpoint":"https://10.0.0.1:2379","health":true,"took":"9ms"},{"endpoint":"https://10.0.0.2:2379","health":true,"took":"9ms"},{"endpoint":"https://10.0.0.3:2379","health":false,"took":"5s","error":"context deadline exceeded"}]"#;
        let list = r#"{"header":{"cluster_id":17237436991929493444},"members":[{"ID":9372538179322589801,"name":"e1"},{"ID":10501334649042878790,"name":"e2"},{"ID":18249187646912138824,"name":"e3"},{"ID":1,"name":"old"}]}"#;
        let h = parse_health(&members, health, list);
        assert_eq!(h.healthy, ["e1", "e2"]);
        assert_eq!(
            h.unhealthy,
            [("e3".to_string(), "context deadline exceeded".to_string())]
        );
        assert_eq!(h.unexpected, ["old"]);
        assert!(!h.ok());
        assert_eq!(
            h.describe(),
            "2/3 members healthy; e3: context deadline exceeded; members not in the inventory: old"
        );
        let none = parse_health(&members, "", "");
        assert_eq!(none.unhealthy.len(), 3);
    }
}
