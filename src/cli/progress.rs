//! Turns engine events into progress: one line per host and a bar per phase on a terminal,
//! plain lines when piped, one JSON object per line with `-o json`.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::OutputFormat;
use crate::plan::journal::Outcome;
use crate::plan::{Event, EventSink};

/// How progress is shown.
pub enum Progress {
    /// Bars on a terminal.
    Bars(Mutex<Bars>),
    /// Plain lines on stderr.
    Lines,
    /// JSON events on stdout.
    Json,
}

/// The bars of a terminal run.
pub struct Bars {
    multi: MultiProgress,
    phase: Option<ProgressBar>,
    hosts: HashMap<String, ProgressBar>,
}

impl Progress {
    /// Picks the renderer for `format` and the terminal.
    pub fn new(format: OutputFormat, quiet: bool) -> Arc<Progress> {
        Arc::new(if format == OutputFormat::Json {
            Progress::Json
        } else if std::io::stderr().is_terminal() && !quiet {
            Progress::Bars(Mutex::new(Bars {
                multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
                phase: None,
                hosts: HashMap::new(),
            }))
        } else {
            Progress::Lines
        })
    }

    /// The event sink feeding this renderer.
    pub fn sink(self: &Arc<Self>) -> EventSink {
        let me = self.clone();
        Arc::new(move |e| me.show(e))
    }

    fn show(&self, event: Event) {
        match self {
            Progress::Json => {
                if let Ok(line) = serde_json::to_string(&event) {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{line}");
                    let _ = out.flush();
                }
            }
            Progress::Lines => {
                if let Event::StepFinished {
                    phase,
                    host,
                    step,
                    status,
                    duration_ms,
                    detail,
                } = &event
                {
                    let status = match status {
                        Outcome::Unchanged => "ok".to_string(),
                        Outcome::Changed => console::style("changed").yellow().to_string(),
                        Outcome::Failed => console::style("FAILED").red().bold().to_string(),
                        Outcome::Skipped => "skipped".to_string(),
                    };
                    let detail = detail
                        .as_ref()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default();
                    eprintln!("[{phase}] {host} {step} {status} ({duration_ms} ms){detail}");
                } else if let Event::PhaseStarted { phase, hosts, .. } = &event {
                    eprintln!("== {phase} on {}", crate::text::count(hosts.len(), "host"));
                }
            }
            Progress::Bars(bars) => {
                let mut b = bars.lock().unwrap_or_else(|p| p.into_inner());
                b.show(event);
            }
        }
    }

    /// Clears the bars before the summary is printed.
    pub fn finish(&self) {
        if let Progress::Bars(bars) = self {
            let b = bars.lock().unwrap_or_else(|p| p.into_inner());
            for bar in b.hosts.values() {
                bar.finish();
            }
            if let Some(p) = &b.phase {
                p.finish_and_clear();
            }
        }
    }
}

impl Bars {
    fn show(&mut self, event: Event) {
        match event {
            Event::PhaseStarted {
                phase,
                steps,
                hosts,
            } => {
                let total = (steps * hosts.len()) as u64;
                let bar = self.multi.add(ProgressBar::new(total));
                bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix:>12.bold} [{bar:30}] {pos}/{len} steps  {elapsed}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_prefix(phase);
                if let Some(old) = self.phase.replace(bar) {
                    old.finish_and_clear();
                }
                for host in hosts {
                    self.hosts.entry(host.clone()).or_insert_with(|| {
                        let b = self.multi.add(ProgressBar::new_spinner());
                        b.set_style(
                            ProgressStyle::with_template("  {spinner} {prefix:<16} {msg}")
                                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                        );
                        b.set_prefix(host);
                        b.enable_steady_tick(Duration::from_millis(120));
                        b
                    });
                }
            }
            Event::StepStarted { phase, host, step } => {
                if let Some(b) = self.hosts.get(&host) {
                    b.set_message(format!("{phase}/{step}"));
                }
            }
            Event::StepFinished {
                host,
                step,
                status,
                detail,
                ..
            } => {
                if let Some(p) = &self.phase {
                    p.inc(1);
                }
                if let Some(b) = self.hosts.get(&host) {
                    if status == Outcome::Failed {
                        b.finish_with_message(format!(
                            "{} {step}: {}",
                            console::style("FAILED").red().bold(),
                            detail.unwrap_or_default()
                        ));
                    } else {
                        b.set_message(format!(
                            "{step} {}",
                            if status == Outcome::Changed {
                                "changed"
                            } else {
                                "ok"
                            }
                        ));
                    }
                }
            }
            Event::PhaseFinished { .. } => {}
        }
    }
}
