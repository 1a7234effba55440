//! Logging: tracing events go to the run log of a run that has a state directory (debug level,
//! [`crate::ops::Workspace::start_run_log`]); on stderr people see tcs's own messages, plus errors
//! nobody else reports, and the events themselves at the level the caller asks for (the command
//! line: `-v` info, `-vv` debug, `-vvv` trace) or `TCS_LOG`.

use std::fs::File;
use std::io::Write;
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

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

/// Starts logging, once per process: stderr at `level` (`error`, `info`, `debug`, `trace`; `TCS_LOG`
/// wins), coloured when `ansi`, and the run log (debug level) once [`log_to`] gives one.
pub fn init(level: &str, ansi: bool) {
    let stderr_filter =
        EnvFilter::try_from_env("TCS_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
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
