//! `tcs completions` and `tcs man`: generated from the clap definition, so always current.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;

/// Arguments of `tcs completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  tcs completions bash > ~/.local/share/bash-completion/completions/tcs\n  tcs completions zsh > \"${fpath[1]}/_tcs\"\n  tcs completions fish > ~/.config/fish/completions/tcs.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `tcs man`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  tcs man | man -l -\n  tcs man --out-dir /usr/local/share/man/man1"
)]
pub struct ManArgs {
    /// Write `tcs.1` and one page per subcommand into this directory instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tcs", &mut out);
    out
}

/// Runs `tcs completions`.
pub fn run(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    crate::ui::write_stdout(&String::from_utf8_lossy(&completion_script(args.shell)))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `tcs man`.
pub fn run_man(args: ManArgs) -> anyhow::Result<ExitCode> {
    let command = Cli::command();
    match args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("cannot write man pages into {}", dir.display()))?;
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            crate::ui::write_stdout(&String::from_utf8_lossy(&out))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
