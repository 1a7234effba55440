//! Printing results as a table for people, or as JSON / YAML for scripts.

use std::io::Write;

use serde::Serialize;

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
        OutputFormat::Json => serde_json::to_string_pretty(value)? + "\n",
        OutputFormat::Yaml => serde_saphyr::to_string(value)?,
    };
    write_stdout(&text)?;
    Ok(true)
}

/// Writes to stdout, treating a closed pipe (`tcs ... | head`) as success.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
