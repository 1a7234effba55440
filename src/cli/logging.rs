//! Logging: tracing events go to the run log of commands that have a state directory (debug
//! level); on stderr people see tcs's own messages, plus errors nobody else reports, and the
//! events themselves only with `-v` (info), `-vv` (debug), `-vvv` (trace) or `TCS_LOG`.

use std::fs::File;
use std::io::Write;
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

use super::{GlobalOpts, colors_wanted};

/// The run log, once a command has opened its inventory's state directory.
static RUN_LOG: Mutex<Option<File>> = Mutex::new(None);

/// Writes to the run log when there is one, else nowhere.
struct RunLog;

impl Write for RunLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match RUN_LOG.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            Some(f) => f.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match RUN_LOG.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

/// Starts logging, once per process: stderr at the level `global` asks for, and the run log
/// (debug level) once [`log_to`] gives one.
pub fn init(global: &GlobalOpts) {
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
    let file = fmt::layer()
        .with_writer(|| RunLog)
        .with_ansi(false)
        .with_filter(EnvFilter::new("tcs=debug,info"));
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}

/// From now on, the run log is `file`.
pub fn log_to(file: File) {
    *RUN_LOG.lock().unwrap_or_else(|p| p.into_inner()) = Some(file);
}
