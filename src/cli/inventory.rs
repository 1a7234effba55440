//! `tcs inventory validate|schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::output::{print_data, write_stdout};
use crate::inventory::{Diagnostic, Report, Severity, validate_file};

/// Inventory commands.
#[derive(Debug, Subcommand)]
pub enum InventoryCommand {
    /// Check inventory files and report every problem with file:line:column, field and hint.
    #[command(
        after_help = "Exit status: 0 when valid (warnings allowed), 1 when any file has errors.\n\nExamples:\n  tcs inventory validate -f inventories/ha.yaml\n  tcs inventory validate -f a.yaml -f b.yaml -o json | jq '.[].diagnostics[]'"
    )]
    Validate(ValidateArgs),
    /// Print the inventory's JSON Schema, for editor completion and checks.
    #[command(
        after_help = "Examples:\n  tcs inventory schema > tcs-inventory.schema.json\n  # then, in VS Code with the YAML extension, first line of the inventory:\n  # yaml-language-server: $schema=./tcs-inventory.schema.json"
    )]
    Schema,
}

/// Arguments of `tcs inventory validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Inventory file(s).
    #[arg(
        short = 'f',
        long = "file",
        env = "TCS_INVENTORY",
        value_name = "FILE",
        required = true,
        num_args = 1
    )]
    pub files: Vec<PathBuf>,
}

/// Runs an inventory command.
pub fn run(cmd: InventoryCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        InventoryCommand::Validate(args) => validate(args, global),
        InventoryCommand::Schema => {
            let schema = crate::inventory::schema::inventory_schema();
            write_stdout(&(serde_json::to_string_pretty(schema)? + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn validate(args: ValidateArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let reports: Vec<Report> = args.files.iter().map(|f| validate_file(f).report).collect();
    let failed = reports.iter().any(|r| !r.valid);
    // One file prints as an object, several as a list.
    let printed = match reports.as_slice() {
        [one] => print_data(global.output, one)?,
        many => print_data(global.output, &many)?,
    };
    if !printed {
        let mut text = String::new();
        for report in &reports {
            for d in &report.diagnostics {
                text.push_str(&format_diagnostic(d));
                text.push('\n');
            }
            let summary = report.summary();
            let summary = if report.valid {
                format!("{} {summary}", console::style("ok").green().bold())
            } else {
                format!("{} {summary}", console::style("invalid").red().bold())
            };
            text.push_str(&summary);
            text.push('\n');
        }
        write_stdout(&text)?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One diagnostic in the compiler-like form people know: `file:line:col: error[kind] path: msg`.
pub fn format_diagnostic(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => console::style("error").red().bold(),
        Severity::Warning => console::style("warning").yellow().bold(),
    };
    let mut s = format!(
        "{}:{}:{}: {severity}[{}] {}: {}",
        d.file.display(),
        d.line,
        d.column,
        d.kind.name(),
        console::style(&d.path).bold(),
        d.message
    );
    if !d.hint.is_empty() {
        s.push_str(&format!(
            "\n  {} {}",
            console::style("hint:").cyan(),
            d.hint
        ));
    }
    s
}
