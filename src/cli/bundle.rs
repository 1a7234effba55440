//! `tcs bundle verify|inspect`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use super::output::{print_data, write_stdout};
use crate::bundle::Bundle;

/// Bundle commands.
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Check every file of a bundle against the sha256 and size in its bundle.yaml.
    #[command(
        after_help = "Exit status 1 names every missing or altered file.\n\nExamples:\n  tcs bundle verify ./tcs-bundle-v1.36.4-amd64/\n  tcs bundle verify ./tcs-bundle-v1.36.4-amd64.tar"
    )]
    Verify(BundleArgs),
    /// Print what a bundle carries: versions and files.
    #[command(
        after_help = "Examples:\n  tcs bundle inspect ./tcs-bundle-v1.36.4-amd64/\n  tcs bundle inspect ./bundle.tar -o json | jq '.files[] | select(.kind == \"image\")'"
    )]
    Inspect(BundleArgs),
}

/// A bundle path.
#[derive(Debug, Args)]
pub struct BundleArgs {
    /// Bundle directory or tar.
    #[arg(value_name = "BUNDLE")]
    pub path: PathBuf,
}

fn cache() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(".cache/tcs")
}

/// Runs a bundle command.
pub fn run(cmd: BundleCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        BundleCommand::Verify(args) => {
            let bundle = Bundle::open_verified(&args.path, &cache())?;
            let total: u64 = bundle.manifest.files.iter().map(|f| f.size).sum();
            write_stdout(&format!(
                "ok {}: {} files, {:.1} MiB, every sha256 matches\n",
                args.path.display(),
                bundle.manifest.files.len(),
                total as f64 / 1048576.0
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        BundleCommand::Inspect(args) => {
            let bundle = if args.path.is_dir() {
                Bundle::open_dir(&args.path)?
            } else {
                Bundle::open_verified(&args.path, &cache())?
            };
            if !print_data(global.output, &bundle.manifest)? {
                let mut text = String::from("VERSIONS\n");
                for (k, v) in &bundle.manifest.versions {
                    text.push_str(&format!("  {k:<14} {v}\n"));
                }
                text.push_str(&format!(
                    "\n{:<8} {:<6} {:<12} {:>10}  {}\n",
                    "KIND", "ARCH", "COMPONENT", "SIZE", "PATH"
                ));
                for f in &bundle.manifest.files {
                    let kind = serde_json::to_value(f.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    text.push_str(&format!(
                        "{kind:<8} {:<6} {:<12} {:>9.1}M  {}{}\n",
                        f.arch.as_deref().unwrap_or("-"),
                        f.component.as_deref().unwrap_or("-"),
                        f.size as f64 / 1048576.0,
                        f.path,
                        f.image
                            .as_ref()
                            .map(|i| format!("  ({i})"))
                            .unwrap_or_default()
                    ));
                }
                write_stdout(&text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
