//! `tcs inventory validate|schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use crate::inventory::{Report, validate_file};
use crate::ui::{print_data, write_stdout};

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
        write_stdout(&reports.iter().map(ToString::to_string).collect::<String>())?;
    }
    Ok(crate::ui::exit(!failed))
}
