//! `tcs check`: every preflight check on every host, one table.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use serde::Serialize;

use super::GlobalOpts;
use super::hosts::{self, HostsArgs};
use super::output::{print_data, write_stdout};
use crate::facts::preflight::{self, CHECKS, CheckResult, Probes, Status};
use crate::facts::{self, HostFacts};
use crate::ssh::{Session, SshError};

/// Arguments of `tcs check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Checks: connect, sudo, os, arch, cpu, memory, disk, swap, ports, clock, \
hostname, machine-id, address, vip, init, cgroup, selinux, firewall, runtime, mesh. Thresholds and \
skipped checks come from spec.preflight in the inventory. Exit status: 1 when any check fails.\n\n\
Examples:\n  tcs check -f inventory.yaml\n  tcs check -f inventory.yaml --cluster biz-sh -o json | jq '.results[] | select(.status != \"ok\")'\n  tcs check -f inventory.yaml --no-mesh --accept-new-host-keys"
)]
pub struct CheckArgs {
    /// Inventory, host selection and connection options.
    #[command(flatten)]
    pub hosts: HostsArgs,
    /// Skip the cross-host port mesh (it opens temporary listeners on the hosts).
    #[arg(long)]
    pub no_mesh: bool,
}

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

/// Runs `tcs check`.
pub fn run(args: CheckArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.hosts.file, "check")?;
    let selected = args.hosts.select.select(&loaded.inventory)?;
    let names: Vec<String> = selected.iter().map(|h| h.name.clone()).collect();
    let inventory = &loaded.inventory;
    let (facts, probes) = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &selected, &args.hosts.connect).await?;
        let gathered = fleet
            .run(|s: Arc<Session>| async move { facts::gather(&s).await })
            .await;
        let facts: BTreeMap<String, Result<HostFacts, SshError>> =
            gathered.into_iter().map(|r| (r.host, r.result)).collect();
        let mut probes = Probes {
            sudo: preflight::probe_sudo(&fleet).await,
            ..Probes::default()
        };
        if !args.no_mesh {
            probes.mesh = preflight::probe_mesh(&fleet, inventory, &facts).await;
        }
        fleet.close().await;
        anyhow::Ok((facts, probes))
    })?;
    let mut results = preflight::evaluate(inventory, &facts, &probes);
    results.retain(|r| names.contains(&r.host));
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    let report = CheckReport {
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
    };
    if !print_data(global.output, &report)? {
        write_stdout(&render_table(&report))?;
    }
    Ok(if report.summary.fail == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn cell(status: Option<Status>) -> (String, usize) {
    match status {
        Some(Status::Ok) => (console::style("ok").green().to_string(), 2),
        Some(Status::Warn) => (console::style("warn").yellow().to_string(), 4),
        Some(Status::Fail) => (console::style("FAIL").red().bold().to_string(), 4),
        None => ("-".into(), 1),
    }
}

/// The host x check table, then every warning and failure with its fix.
pub fn render_table(report: &CheckReport) -> String {
    let checks: Vec<&str> = report
        .checks
        .iter()
        .copied()
        .filter(|c| report.results.iter().any(|r| r.check == *c))
        .collect();
    let host_width = report
        .hosts
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(4)
        .max(4);
    let mut text = format!("{:host_width$}", "HOST");
    for c in &checks {
        text.push_str(&format!("  {c}"));
    }
    text.push('\n');
    for host in &report.hosts {
        text.push_str(&format!("{host:host_width$}"));
        for c in &checks {
            let status = report
                .results
                .iter()
                .find(|r| &r.host == host && r.check == *c)
                .map(|r| r.status);
            let (shown, width) = cell(status);
            text.push_str(&format!(
                "  {shown}{}",
                " ".repeat(c.len().saturating_sub(width))
            ));
        }
        text.push('\n');
    }
    let mut problems: Vec<&CheckResult> = report
        .results
        .iter()
        .filter(|r| r.status != Status::Ok)
        .collect();
    problems.sort_by_key(|r| (std::cmp::Reverse(r.status), r.host.clone()));
    if !problems.is_empty() {
        text.push('\n');
        for r in problems {
            let (shown, _) = cell(Some(r.status));
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
    text
}
