//! Turns engine events into progress: one line per host and a bar per phase on a terminal,
//! plain lines when piped, one JSON object per line with `-o json`; the printers of install
//! runs and addon applies built on them.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{OutputFormat, Ui, json_line, print_data, print_enable, write_stdout};
use crate::kube::ApplyEvent;
use crate::ops::addon::EnableRow;
use crate::ops::install::{FleetJoin, InstallObserver, InstallReport};
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

/// Whether progress is drawn as bars: on a terminal, not quiet, not JSON on stdout.
pub fn bars_wanted(ui: Ui) -> bool {
    std::io::stderr().is_terminal() && !ui.quiet && ui.output != OutputFormat::Json
}

impl Progress {
    /// Picks the renderer for the output format and the terminal.
    pub fn new(ui: Ui) -> Arc<Progress> {
        Arc::new(if ui.output == OutputFormat::Json {
            Progress::Json
        } else if bars_wanted(ui) {
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
                let _ = write_stdout(&json_line(&event));
            }
            Progress::Lines => {
                if matches!(
                    event,
                    Event::StepFinished { .. } | Event::PhaseStarted { .. }
                ) {
                    eprintln!("{event}");
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

/// Shows an install as it runs: progress per host, the summary, addons and fleet joins, as a
/// table for people or one JSON event per line.
pub struct InstallPrinter {
    ui: Ui,
    progress: Arc<Progress>,
    /// Made when the first addon is applied (its spinner must not run during the install).
    addons: std::sync::OnceLock<AddonReporter>,
}

impl InstallPrinter {
    /// A printer for the command line's output format.
    pub fn new(ui: Ui) -> Self {
        InstallPrinter {
            ui,
            progress: Progress::new(ui),
            addons: std::sync::OnceLock::new(),
        }
    }

    fn event(&self, name: &str, value: impl serde::Serialize) {
        let mut event = serde_json::to_value(value).unwrap_or_default();
        event["event"] = name.into();
        let _ = write_stdout(&json_line(&event));
    }
}

impl InstallObserver for InstallPrinter {
    fn events(&self) -> EventSink {
        self.progress.sink()
    }

    fn interrupting(&self) {
        eprintln!("\ninterrupted: finishing the steps in flight, then stopping");
    }

    fn summary(&self, report: &InstallReport) {
        self.progress.finish();
        if self.ui.output == OutputFormat::Json {
            self.event("summary", serde_json::json!({ "summary": report }));
        } else if !print_data(self.ui.output, report).unwrap_or(true) {
            let _ = write_stdout(&report.to_string());
        }
    }

    fn addon_event(&self, prefix: &str, event: &ApplyEvent) {
        let reporter = self
            .addons
            .get_or_init(|| AddonReporter::new(self.ui, "enabling"));
        reporter.event(prefix, event);
    }

    fn addons(&self, rows: &[EnableRow]) {
        self.addons.get().inspect(|r| r.done());
        if self.ui.output == OutputFormat::Json {
            rows.iter().for_each(|row| self.event("addon-enabled", row));
        } else if !rows.is_empty() {
            let _ = print_enable(self.ui.output, rows);
        }
    }

    fn joined(&self, join: &FleetJoin) {
        if self.ui.output == OutputFormat::Json {
            self.event("fleet-join", join);
        } else {
            let _ = write_stdout(&join.to_string());
        }
    }
}

/// Shows apply events: a spinner line on a terminal, plain lines otherwise; always logged.
pub struct AddonReporter {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl AddonReporter {
    /// A reporter whose spinner says `what`.
    pub fn new(ui: Ui, what: &str) -> AddonReporter {
        let bar = bars_wanted(ui).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(120));
            b.set_message(what.to_string());
            b
        });
        AddonReporter {
            bar,
            quiet: ui.quiet,
        }
    }

    /// Shows one event of `prefix` (cluster/addon).
    pub fn event(&self, prefix: &str, e: &ApplyEvent) {
        let line = e.to_string();
        tracing::info!("{prefix}: {line}");
        match &self.bar {
            Some(b) => b.set_message(format!("{prefix}: {line}")),
            None if !self.quiet && !matches!(e, ApplyEvent::Ready(_)) => {
                eprintln!("{prefix}: {line}")
            }
            None => {}
        }
    }

    /// Clears the spinner.
    pub fn done(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Shows a fleet operation's apply events: logged, and on stderr with -v.
pub fn fleet_reporter(ui: Ui) -> impl Fn(&ApplyEvent) + Sync {
    move |e: &ApplyEvent| {
        let line = e.to_string();
        tracing::info!("{line}");
        if ui.verbose > 0 && !ui.quiet {
            eprintln!("{line}");
        }
    }
}
