//! `tcs exec`: run one command on many hosts.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::GlobalOpts;
use super::hosts::{self, HostsArgs};
use super::output::{print_data, write_stdout};
use crate::ssh::{ExecOptions, Session};

/// Arguments of `tcs exec`.
#[derive(Debug, Args)]
#[command(
    after_help = "Hosts with identical output are shown once, with their names. Exit status: \
0 when the command exited 0 everywhere, 1 otherwise.\n\nExamples:\n  tcs exec -f inventory.yaml -- uptime\n  tcs exec -f inventory.yaml --role control-plane --sudo -- systemctl is-active containerd\n  tcs exec -f inventory.yaml --hosts 'w*' -o json -- df -h /var/lib"
)]
pub struct ExecArgs {
    /// Inventory, host selection and connection options.
    #[command(flatten)]
    pub hosts: HostsArgs,
    /// Run as root (sudo or doas when the login user is not root).
    #[arg(long)]
    pub sudo: bool,
    /// Kill the command after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// The command (a shell command line).
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// One host's result, as data.
#[derive(Debug, Serialize)]
pub struct HostOutput {
    /// Host name.
    pub host: String,
    /// Exit status (absent when the command did not run or was killed).
    pub exit_status: Option<u32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Milliseconds.
    pub duration_ms: u64,
    /// Why it did not run, when it did not.
    pub error: Option<String>,
}

/// Runs `tcs exec`.
pub fn run(args: ExecArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let loaded = hosts::start(global, &args.hosts.file, "exec")?;
    let selected = args.hosts.select.select(&loaded.inventory)?;
    let command = args.command.join(" ");
    let options = ExecOptions {
        as_root: args.sudo,
        timeout: args.timeout.map(Duration::from_secs),
        ..ExecOptions::default()
    };
    let results = hosts::runtime()?.block_on(async {
        let fleet = hosts::connect(&loaded, &selected, &args.hosts.connect).await?;
        let command = Arc::new(command);
        let results = fleet
            .run(move |s: Arc<Session>| {
                let (command, options) = (command.clone(), options.clone());
                async move { s.exec(&command, &options).await }
            })
            .await;
        fleet.close().await;
        anyhow::Ok(results)
    })?;
    let outputs: Vec<HostOutput> = results
        .into_iter()
        .map(|r| match r.result {
            Ok(o) => HostOutput {
                host: r.host,
                exit_status: o.exit_status,
                stdout: o.stdout,
                stderr: o.stderr,
                duration_ms: o.duration.as_millis() as u64,
                error: o.exit_signal.map(|s| format!("killed by signal {s}")),
            },
            Err(e) => HostOutput {
                host: r.host,
                exit_status: None,
                stdout: String::new(),
                stderr: String::new(),
                duration_ms: r.duration.as_millis() as u64,
                error: Some(e.to_string()),
            },
        })
        .collect();
    let failed = outputs.iter().filter(|o| o.exit_status != Some(0)).count();
    if !print_data(global.output, &outputs)? {
        write_stdout(&render_grouped(&outputs))?;
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Groups hosts whose results are identical and prints each group once.
pub fn render_grouped(outputs: &[HostOutput]) -> String {
    let mut groups: Vec<(Vec<&str>, &HostOutput)> = Vec::new();
    for o in outputs {
        match groups.iter_mut().find(|(_, g)| {
            g.exit_status == o.exit_status
                && g.stdout == o.stdout
                && g.stderr == o.stderr
                && g.error == o.error
        }) {
            Some((hosts, _)) => hosts.push(&o.host),
            None => groups.push((vec![&o.host], o)),
        }
    }
    let mut text = String::new();
    for (hosts, o) in &groups {
        let status = match (&o.error, o.exit_status) {
            (Some(e), _) => console::style(format!("error: {e}")).red().to_string(),
            (None, Some(0)) => console::style("exit 0".to_string()).green().to_string(),
            (None, Some(n)) => console::style(format!("exit {n}")).red().to_string(),
            (None, None) => console::style("no exit status".to_string())
                .red()
                .to_string(),
        };
        text.push_str(&format!(
            "{} {} ({status})\n",
            console::style("==").bold(),
            console::style(hosts.join(", ")).bold()
        ));
        text.push_str(&o.stdout);
        if !o.stdout.is_empty() && !o.stdout.ends_with('\n') {
            text.push('\n');
        }
        for line in o.stderr.lines() {
            text.push_str(&format!("{} {line}\n", console::style("stderr:").yellow()));
        }
    }
    let ok = outputs.iter().filter(|o| o.exit_status == Some(0)).count();
    text.push_str(&format!(
        "{}: {ok} ok, {} failed\n",
        crate::text::count(outputs.len(), "host"),
        outputs.len() - ok
    ));
    text
}
