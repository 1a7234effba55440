//! Logging: tracing events go to the run log of commands that have a state directory (debug
//! level); on stderr people see tcs's own messages, plus errors nobody else reports, and the
//! events themselves only with `-v` (info), `-vv` (debug), `-vvv` (trace) or `TCS_LOG`.

use std::fs::File;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

use super::{GlobalOpts, colors_wanted};

/// Starts logging; `run_log` receives debug-level events. Later calls do nothing.
pub fn init(global: &GlobalOpts, run_log: Option<File>) {
    let level = if global.quiet {
        "error"
    } else {
        match global.verbose {
            0 => "error",
            1 => "info",
            2 => "debug",
            _ => "trace",
        }
    };
    let stderr_filter =
        EnvFilter::try_from_env("TCS_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(
            colors_wanted(global.no_color) && console::Term::stderr().features().colors_supported(),
        )
        .with_target(false)
        .with_filter(stderr_filter);
    let file = run_log.map(|f| {
        fmt::layer()
            .with_writer(std::sync::Mutex::new(f))
            .with_ansi(false)
            .with_filter(EnvFilter::new("tcs=debug,info"))
    });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}
