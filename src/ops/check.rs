//! Preflight: every check on every selected host, as one report.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{Connect, Workspace};
use crate::facts::preflight::{self, CHECKS, CheckResult, Probes, Status};
use crate::facts::{self, HostFacts};
use crate::inventory::Host;
use crate::ssh::{Session, SshError};

/// The whole report, as data.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Hosts checked.
    pub hosts: Vec<String>,
    /// Check ids, in table order.
    pub checks: Vec<&'static str>,
    /// One entry per host and check.
    pub results: Vec<CheckResult>,
    /// Facts gathered per host.
    pub facts: BTreeMap<String, HostFacts>,
    /// Counts.
    pub summary: Summary,
}

/// Counts of results by status.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Passed.
    pub ok: usize,
    /// Warnings.
    pub warn: usize,
    /// Failures.
    pub fail: usize,
}

/// Gathers facts on `hosts`, probes sudo and (with `mesh`) the ports between them, and
/// evaluates every preflight check.
pub fn check(
    ws: &Workspace,
    hosts: &[&Host],
    connect: &Connect,
    mesh: bool,
) -> anyhow::Result<CheckReport> {
    let names: Vec<String> = hosts.iter().map(|h| h.name.clone()).collect();
    let inventory = &ws.loaded.inventory;
    let (facts, probes) = ws.on_hosts(hosts, connect, async |fleet| {
        let gathered = fleet
            .run(|s: Arc<Session>| async move { facts::gather(&s).await })
            .await;
        let facts: BTreeMap<String, Result<HostFacts, SshError>> =
            gathered.into_iter().map(|r| (r.host, r.result)).collect();
        let mut probes = Probes {
            sudo: preflight::probe_sudo(fleet).await,
            ..Probes::default()
        };
        if mesh {
            probes.mesh = preflight::probe_mesh(fleet, inventory, &facts).await;
        }
        Ok((facts, probes))
    })?;
    let mut results = preflight::evaluate(inventory, &facts, &probes);
    results.retain(|r| names.contains(&r.host));
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    Ok(CheckReport {
        hosts: names,
        checks: CHECKS.iter().map(|(id, _)| *id).collect(),
        summary: Summary {
            ok: count(Status::Ok),
            warn: count(Status::Warn),
            fail: count(Status::Fail),
        },
        facts: facts
            .into_iter()
            .filter_map(|(h, f)| f.ok().map(|f| (h, f)))
            .collect(),
        results,
    })
}

/// The host x check table, then every warning and failure with its fix.
impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let report = self;
        let checks: Vec<&str> = report
            .checks
            .iter()
            .copied()
            .filter(|c| report.results.iter().any(|r| r.check == *c))
            .collect();
        let mut header = vec!["HOST"];
        header.extend(&checks);
        let rows = report.hosts.iter().map(|host| {
            let mut row = vec![host.clone()];
            row.extend(checks.iter().map(|c| {
                let status = report
                    .results
                    .iter()
                    .find(|r| &r.host == host && r.check == *c);
                cell(status.map(|r| r.status))
            }));
            row
        });
        let mut text = crate::text::table(&header, rows);
        let mut problems: Vec<&CheckResult> = report
            .results
            .iter()
            .filter(|r| r.status != Status::Ok)
            .collect();
        problems.sort_by_key(|r| (std::cmp::Reverse(r.status), r.host.clone()));
        if !problems.is_empty() {
            text.push('\n');
            for r in problems {
                let shown = cell(Some(r.status));
                text.push_str(&format!("{shown} {} {}: {}\n", r.host, r.check, r.message));
                if !r.fix.is_empty() {
                    text.push_str(&format!("     fix: {}\n", r.fix));
                }
            }
        }
        text.push_str(&format!(
            "\n{}: {} ok, {}, {}\n",
            crate::text::count(report.hosts.len(), "host"),
            report.summary.ok,
            crate::text::count(report.summary.warn, "warning"),
            crate::text::count(report.summary.fail, "failure")
        ));
        f.write_str(&text)
    }
}

fn cell(status: Option<Status>) -> String {
    match status {
        Some(Status::Ok) => console::style("ok").green().to_string(),
        Some(Status::Warn) => console::style("warn").yellow().to_string(),
        Some(Status::Fail) => console::style("FAIL").red().bold().to_string(),
        None => "-".into(),
    }
}
