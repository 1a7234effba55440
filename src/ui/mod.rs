//! The terminal side of every command, shared in one place (cargo's `Shell` and `Progress` are
//! the model): results as a table for people or as JSON / YAML for scripts, what several commands
//! print alike (exit status, addon results, confirmation), and in [`progress`] the renderers of
//! engine events (bars, lines, JSON events).

pub mod progress;

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

/// What the command line said about output: the format, and how talkative to be.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Format of results.
    pub output: OutputFormat,
    /// Only errors on stderr.
    pub quiet: bool,
    /// `-v` count.
    pub verbose: u8,
}

/// How a command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned text for people.
    Table,
    /// JSON for scripts.
    Json,
    /// YAML for scripts and GitOps.
    Yaml,
}

/// Prints `value` as JSON or YAML on stdout; returns false for `table`, which the caller prints.
pub fn print_data<T: Serialize>(format: OutputFormat, value: &T) -> anyhow::Result<bool> {
    let text = match format {
        OutputFormat::Table => return Ok(false),
        // Written as it is serialised: a plan's JSON can be hundreds of megabytes.
        OutputFormat::Json => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = serde_json::to_writer_pretty(&mut out, value)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
            return match written {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
                other => Ok(other.map(|()| true)?),
            };
        }
        OutputFormat::Yaml => serde_saphyr::to_string(value)?,
    };
    write_stdout(&text)?;
    Ok(true)
}

/// Prints `value` as the format asks: JSON or YAML for scripts, its text for people.
pub fn print<T: Serialize + std::fmt::Display>(
    format: OutputFormat,
    value: &T,
) -> anyhow::Result<()> {
    if !print_data(format, value)? {
        write_stdout(&value.to_string())?;
    }
    Ok(())
}

/// The end of a command whose progress went out as events: with `-o json` one more event line
/// (`value` with `"event": event`), else `value` as the format asks.
pub fn print_event<T: Serialize + std::fmt::Display>(
    format: OutputFormat,
    event: &str,
    value: &T,
) -> anyhow::Result<()> {
    if format != OutputFormat::Json {
        return print(format, value);
    }
    let mut v = serde_json::to_value(value)?;
    v["event"] = event.into();
    write_stdout(&json_line(&v))
}

/// Prints `value` as JSON or YAML for scripts, or `text()` for people.
pub fn print_or<T: Serialize>(
    format: OutputFormat,
    value: &T,
    text: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if !print_data(format, value)? {
        write_stdout(&text())?;
    }
    Ok(())
}

/// `value` as one line of JSON, for event streams.
pub fn json_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default() + "\n"
}

/// Writes to stdout, treating a closed pipe (`tcs ... | head`) as success.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Asks on a terminal; without one, `--yes` is required.
pub fn confirm(yes: bool, question: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    anyhow::ensure!(
        yes || std::io::stdin().is_terminal(),
        "{question} Confirm with --yes"
    );
    let confirmed = || {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
    };
    anyhow::ensure!(yes || confirmed()?, "not confirmed; nothing was changed");
    Ok(())
}

/// Exit status 0 or 1.
pub fn exit(success: bool) -> ExitCode {
    ExitCode::from(u8::from(!success))
}

/// Prints enable results; exit status 1 if one failed.
pub fn print_enable(
    format: OutputFormat,
    rows: &[crate::ops::addon::EnableRow],
) -> anyhow::Result<ExitCode> {
    print_or(format, &rows, || crate::ops::addon::render_enabled(rows))?;
    Ok(exit(rows.iter().all(|r| r.error.is_none())))
}
