//! One shell command on many hosts.

use std::sync::Arc;

use serde::Serialize;

use super::{Connect, Workspace};
use crate::inventory::Host;
use crate::ssh::{ExecOptions, Session};

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

/// Runs `command` (a shell command line) on `hosts`, in inventory order.
pub fn exec(
    ws: &Workspace,
    hosts: &[&Host],
    connect: &Connect,
    command: &str,
    options: &ExecOptions,
) -> anyhow::Result<Vec<HostOutput>> {
    let command = Arc::new(command.to_string());
    let options = options.clone();
    let results = ws.on_hosts(hosts, connect, async |fleet| {
        Ok(fleet
            .run(move |s: Arc<Session>| {
                let (command, options) = (command.clone(), options.clone());
                async move { s.exec(&command, &options).await }
            })
            .await)
    })?;
    Ok(results
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
        .collect())
}

/// The outputs for people: hosts whose results are identical are grouped and shown once.
pub fn render(outputs: &[HostOutput]) -> String {
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
