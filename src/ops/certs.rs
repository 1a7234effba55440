//! Certificates on the hosts: every one with its expiry, and renewal with a rolling restart.

use std::sync::Arc;

use serde::Serialize;

use super::{Connect, Workspace};
use crate::inventory::Host;
use crate::pki::{CertInfo, RENEW_BEFORE_DAYS, inspect};
use crate::ssh::{ExecOptions, Session};

/// Directories searched for certificates on hosts.
pub const CERT_DIRS: &[&str] = &["/etc/etcd/pki", "/etc/kubernetes/pki"];

/// One certificate found on a host.
#[derive(Debug, Clone, Serialize)]
pub struct HostCert {
    /// Host.
    pub host: String,
    /// Path on the host.
    pub path: String,
    /// ok, warn or expired (or error when unreadable).
    pub status: &'static str,
    /// What it says.
    #[serde(flatten)]
    pub info: Option<CertInfo>,
    /// Why it could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Every certificate of the hosts checked.
#[derive(Debug, Serialize)]
pub struct CertsReport {
    /// Every certificate, by host then path.
    pub certificates: Vec<HostCert>,
    /// Hosts that could not be read, with the reason.
    pub unreachable: Vec<(String, String)>,
}

impl CertsReport {
    /// Whether a certificate expired, cannot be read, or a host could not be read.
    pub fn bad(&self) -> bool {
        !self.unreachable.is_empty()
            || self
                .certificates
                .iter()
                .any(|c| matches!(c.status, "expired" | "error"))
    }
}

/// Every certificate for people, then the hosts that could not be read.
impl std::fmt::Display for CertsReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header = [
            "HOST", "PATH", "SUBJECT", "ISSUER", "EXPIRES", "DAYS", "STATUS",
        ];
        let rows = self.certificates.iter().map(|c| match &c.info {
            Some(i) => vec![
                c.host.clone(),
                c.path.clone(),
                i.subject.clone(),
                i.issuer.clone(),
                i.not_after.clone(),
                i.days_left.to_string(),
                c.status.to_string(),
            ],
            None => vec![
                c.host.clone(),
                c.path.clone(),
                format!("{}: {}", c.status, c.error.as_deref().unwrap_or("")),
            ],
        });
        f.write_str(&crate::text::table(&header, rows))?;
        for (h, e) in &self.unreachable {
            writeln!(f, "{h}: unreachable: {e}")?;
        }
        if self.certificates.is_empty() && self.unreachable.is_empty() {
            writeln!(f, "no certificates found under {}", CERT_DIRS.join(" or "))?;
        }
        Ok(())
    }
}

/// Reads every certificate under [`CERT_DIRS`] on `hosts`.
pub fn check(ws: &Workspace, hosts: &[&Host], connect: &Connect) -> anyhow::Result<CertsReport> {
    let dirs = CERT_DIRS.join(" ");
    let script = Arc::new(format!(
        "for f in $(find {dirs} -name '*.crt' -type f 2>/dev/null | sort); do echo \"@@tcs-cert@@ $f\"; cat \"$f\"; done"
    ));
    let results = ws.on_hosts(hosts, connect, async |fleet| {
        Ok(fleet
            .run(move |s: Arc<Session>| {
                let script = script.clone();
                async move {
                    let root = ExecOptions {
                        as_root: true,
                        ..Default::default()
                    };
                    s.check_output(&script, &root).await
                }
            })
            .await)
    })?;
    let mut report = CertsReport {
        certificates: Vec::new(),
        unreachable: Vec::new(),
    };
    for r in results {
        match r.result {
            Ok(out) => {
                for (path, pem) in split_dump(&out) {
                    report.certificates.push(classify(&r.host, path, &pem));
                }
            }
            Err(e) => report.unreachable.push((r.host, e.to_string())),
        }
    }
    report
        .certificates
        .sort_by(|a, b| (&a.host, &a.path).cmp(&(&b.host, &b.path)));
    Ok(report)
}

/// The hosts a renewal of `cluster` restarts: etcd members, then control planes.
pub fn renewal_hosts<'a>(ws: &'a Workspace, cluster: &str) -> anyhow::Result<Vec<&'a Host>> {
    let inv = &ws.loaded.inventory;
    let cluster = ws.cluster(cluster)?;
    let mut names: Vec<&String> = cluster.etcd_hosts().iter().collect();
    names.extend(cluster.control_plane.hosts.iter());
    let mut targets: Vec<&Host> = Vec::new();
    for n in names {
        if let Some(h) = inv.host(n)
            && !targets.iter().any(|t| t.name == h.name)
        {
            targets.push(h);
        }
    }
    Ok(targets)
}

/// A cluster's certificates renewed: one line per action (as JSON, the list of them).
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Renewed {
    /// What was done, in order.
    pub actions: Vec<String>,
    /// The cluster.
    #[serde(skip)]
    pub cluster: String,
}

impl std::fmt::Display for Renewed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for a in &self.actions {
            writeln!(f, "- {a}")?;
        }
        writeln!(f, "certificates of {} renewed", self.cluster)
    }
}

/// Renews every certificate of `cluster`, one host at a time, each waiting until the cluster
/// is healthy again; the CAs are kept.
pub fn renew(ws: &Workspace, cluster: &str, connect: &Connect) -> anyhow::Result<Renewed> {
    let targets = renewal_hosts(ws, cluster)?;
    let cluster = ws.cluster(cluster)?;
    let journal = ws.journal()?;
    let actions = ws.on_hosts(&targets, connect, async |fleet| {
        let (inv, sessions) = (&ws.loaded.inventory, fleet.connected());
        crate::steps::certs_renew::renew_cluster(cluster, inv, &ws.state, &sessions, &journal)
            .await
            .map_err(anyhow::Error::msg)
    })?;
    Ok(Renewed {
        actions,
        cluster: cluster.name.clone(),
    })
}

/// Splits the dump script's output into (path, PEM) pairs.
fn split_dump(out: &str) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = Vec::new();
    for line in out.lines() {
        if let Some(path) = line.strip_prefix("@@tcs-cert@@ ") {
            items.push((path.to_string(), String::new()));
        } else if let Some((_, pem)) = items.last_mut() {
            pem.push_str(line);
            pem.push('\n');
        }
    }
    items
}

fn classify(host: &str, path: String, pem: &str) -> HostCert {
    match inspect(pem) {
        Ok(info) => HostCert {
            host: host.to_string(),
            path,
            status: if info.days_left < 0 {
                "expired"
            } else if info.days_left < RENEW_BEFORE_DAYS {
                "warn"
            } else {
                "ok"
            },
            info: Some(info),
            error: None,
        },
        Err(e) => HostCert {
            host: host.to_string(),
            path,
            status: "error",
            info: None,
            error: Some(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_is_split_per_file() {
        let out = "@@tcs-cert@@ /etc/etcd/pki/ca.crt\n-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n@@tcs-cert@@ /etc/etcd/pki/server.crt\nBBB\n";
        let items = split_dump(out);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].0, "/etc/etcd/pki/ca.crt");
        assert!(items[0].1.starts_with("-----BEGIN"));
        assert_eq!(
            classify("h", items[1].0.clone(), &items[1].1).status,
            "error"
        );
    }
}
