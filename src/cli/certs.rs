//! `tcs certs check|renew`: every certificate on every host with its expiry; renewal with a
//! rolling restart.

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalOpts;
use super::hosts::{self, HostsArgs};
use super::output::{print_data, write_stdout};
use crate::pki::{CertInfo, RENEW_BEFORE_DAYS, inspect};
use crate::ssh::{ExecOptions, Session};

/// Directories searched for certificates on hosts.
pub const CERT_DIRS: &[&str] = &["/etc/etcd/pki", "/etc/kubernetes/pki"];

/// Certificate commands.
#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// List every certificate on every host with its expiry.
    #[command(
        after_help = "Reads the certificates under /etc/etcd/pki and /etc/kubernetes/pki. Status: ok, warn (fewer\nthan 30 days left: tcs install re-issues tcs's own certificates), expired. Exit status 1 when\nany certificate has expired or a host cannot be read.\n\nExamples:\n  tcs certs check -f inventory.yaml\n  tcs certs check -f inventory.yaml --cluster prod -o json | jq '.certificates[] | select(.days_left < 60)'"
    )]
    Check(CertsArgs),
    /// Renew every certificate of a cluster with a rolling restart.
    #[command(
        after_help = "One host at a time, each waiting until the cluster is healthy again: etcd members get new server\nand peer certificates from the cluster PKI (the shared etcd client certificates are replaced\nfirst), control planes run `kubeadm certs renew all` and restart their static pods, and the\nlocal admin kubeconfig is refreshed. The CAs are kept. Every etcd member and control plane must\nbe reachable. Journaled; asks first, or --yes.\n\nExamples:\n  tcs certs renew -f inventory.yaml --cluster prod\n  tcs certs renew -f inventory.yaml --cluster prod --yes -o json"
    )]
    Renew(RenewArgs),
}

/// Arguments of `tcs certs renew`.
#[derive(Debug, Args)]
pub struct RenewArgs {
    /// Inventory file.
    #[arg(short = 'f', long = "file", env = "TCS_INVENTORY", value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// The cluster.
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// How to connect.
    #[command(flatten)]
    pub connect: super::hosts::ConnectArgs,
}

fn renew(args: RenewArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let loaded = hosts::start(global, &args.file, "certs-renew")?;
    let state = hosts::state_dir(global, &loaded);
    let inv = &loaded.inventory;
    let cluster = inv
        .spec
        .clusters
        .iter()
        .find(|c| c.name == args.cluster)
        .with_context(|| format!("no cluster '{}' in {}", args.cluster, loaded.path.display()))?;
    super::node::confirm(
        args.yes,
        &format!(
            "Renew the certificates of {} with a rolling restart of etcd and the control planes?",
            cluster.name
        ),
    )?;
    let journal = crate::plan::journal::Journal::open(&state)
        .with_context(|| format!("cannot open the journal in {}", state.display()))?;
    let mut names: Vec<&String> = cluster.etcd_hosts().iter().collect();
    names.extend(cluster.control_plane.hosts.iter());
    let mut targets: Vec<&crate::inventory::Host> = Vec::new();
    for n in names {
        if let Some(h) = inv.host(n)
            && !targets.iter().any(|t| t.name == h.name)
        {
            targets.push(h);
        }
    }
    let done = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &targets, &args.connect).await?;
        let sessions: std::collections::BTreeMap<String, Arc<Session>> = targets
            .iter()
            .filter_map(|h| match fleet.session(&h.name) {
                Some(Ok(s)) => Some((h.name.clone(), s.clone())),
                _ => None,
            })
            .collect();
        let r = crate::steps::certs_renew::renew_cluster(cluster, inv, &state, &sessions, &journal)
            .await
            .map_err(anyhow::Error::msg);
        fleet.close().await;
        r
    })?;
    if !print_data(global.output, &done)? {
        let mut text: String = done.iter().map(|l| format!("- {l}\n")).collect();
        text.push_str(&format!("certificates of {} renewed\n", cluster.name));
        write_stdout(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tcs certs check`.
#[derive(Debug, Args)]
pub struct CertsArgs {
    /// Inventory, host selection and connection options.
    #[command(flatten)]
    pub hosts: HostsArgs,
}

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

/// The report.
#[derive(Debug, Serialize)]
pub struct CertsReport {
    /// Every certificate, by host then path.
    pub certificates: Vec<HostCert>,
    /// Hosts that could not be read, with the reason.
    pub unreachable: Vec<(String, String)>,
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

/// Runs a certs command.
pub fn run(cmd: CertsCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let args = match cmd {
        CertsCommand::Check(args) => args,
        CertsCommand::Renew(args) => return renew(args, global),
    };
    let loaded = hosts::start(global, &args.hosts.file, "certs-check")?;
    let selected = args.hosts.select.select(&loaded.inventory)?;
    let dirs = CERT_DIRS.join(" ");
    let script = format!(
        "for f in $(find {dirs} -name '*.crt' -type f 2>/dev/null | sort); do echo \"@@tcs-cert@@ $f\"; cat \"$f\"; done"
    );
    let results = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &selected, &args.hosts.connect).await?;
        let script = Arc::new(script);
        let r = fleet
            .run(move |s: Arc<Session>| {
                let script = script.clone();
                async move {
                    s.check_output(
                        &script,
                        &ExecOptions {
                            as_root: true,
                            ..Default::default()
                        },
                    )
                    .await
                }
            })
            .await;
        fleet.close().await;
        anyhow::Ok(r)
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
    let bad = !report.unreachable.is_empty()
        || report
            .certificates
            .iter()
            .any(|c| matches!(c.status, "expired" | "error"));
    if !print_data(global.output, &report)? {
        let mut text = format!(
            "{:<14} {:<34} {:<30} {:<18} {:<22} {:>6}  {}\n",
            "HOST", "PATH", "SUBJECT", "ISSUER", "EXPIRES", "DAYS", "STATUS"
        );
        for c in &report.certificates {
            match &c.info {
                Some(i) => text.push_str(&format!(
                    "{:<14} {:<34} {:<30} {:<18} {:<22} {:>6}  {}\n",
                    c.host, c.path, i.subject, i.issuer, i.not_after, i.days_left, c.status
                )),
                None => text.push_str(&format!(
                    "{:<14} {:<34} {}: {}\n",
                    c.host,
                    c.path,
                    c.status,
                    c.error.as_deref().unwrap_or("")
                )),
            }
        }
        for (h, e) in &report.unreachable {
            text.push_str(&format!("{h}: unreachable: {e}\n"));
        }
        if report.certificates.is_empty() && report.unreachable.is_empty() {
            text.push_str("no certificates found under /etc/etcd/pki or /etc/kubernetes/pki\n");
        }
        write_stdout(&text)?;
    }
    Ok(if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
