//! `tcs init`: write a new inventory, asking on a terminal or taking flags.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use super::GlobalOpts;
use super::inventory::format_diagnostic;
use super::output::write_stdout;
use crate::inventory::init::{
    InitAnswers, build_inventory, default_control_plane, parse_host_list, render_inventory,
};
use crate::inventory::validate_str;

/// Arguments of `tcs init`.
#[derive(Debug, Args)]
#[command(
    after_help = "On a terminal, tcs asks for whatever the flags leave out; elsewhere every \
required value must be given as a flag.\n\nExamples:\n  tcs init\n  tcs init -f prod.yaml --name prod --hosts g1=10.0.0.11,g2=10.0.0.12,g3=10.0.0.13,w1=10.0.0.21 \\\n    --vip 10.0.0.100 --user root --identity-file ~/.ssh/id_ed25519\n  tcs init --name lab --hosts 192.168.56.10 --non-interactive"
)]
pub struct InitArgs {
    /// Where to write the inventory.
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        default_value = "inventory.yaml"
    )]
    pub file: PathBuf,
    /// Inventory and cluster name (a DNS label).
    #[arg(long)]
    pub name: Option<String>,
    /// Hosts: NAME=ADDRESS pairs, or bare addresses named node1, node2, ...
    #[arg(long, value_name = "LIST")]
    pub hosts: Option<String>,
    /// Control-plane host names (default: the first host, or the first three with --vip).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub control_plane: Option<Vec<String>>,
    /// SSH login user.
    #[arg(long)]
    pub user: Option<String>,
    /// SSH private key.
    #[arg(long, value_name = "FILE")]
    pub identity_file: Option<String>,
    /// Virtual IP for the API server (needed with several control-plane hosts).
    #[arg(long)]
    pub vip: Option<String>,
    /// Kubernetes version.
    #[arg(long, value_name = "VERSION")]
    pub kubernetes_version: Option<String>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Never prompt, even on a terminal.
    #[arg(long)]
    pub non_interactive: bool,
}

/// Runs `tcs init`.
pub fn run(args: InitArgs, _global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    if args.file.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to overwrite it, or -f to write elsewhere",
            args.file.display()
        );
    }
    let interactive = !args.non_interactive && std::io::stdin().is_terminal();
    let answers = if interactive {
        ask(&args)?
    } else {
        from_flags(&args)?
    };
    let inventory = build_inventory(&answers);
    let text = render_inventory(&inventory).context("cannot render the inventory as YAML")?;

    // Never write an inventory that does not validate.
    let base = args
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let checked = validate_str(&text, &args.file, base);
    if !checked.report.valid {
        let problems: Vec<String> = checked
            .report
            .diagnostics
            .iter()
            .map(format_diagnostic)
            .collect();
        bail!(
            "the answers do not make a valid inventory, nothing written:\n{}",
            problems.join("\n")
        );
    }
    std::fs::write(&args.file, &text)
        .with_context(|| format!("cannot write {}", args.file.display()))?;
    write_stdout(&format!(
        "wrote {} ({}, cluster '{}')\nnext: tcs inventory validate -f {}\n",
        args.file.display(),
        crate::text::count(answers.hosts.len(), "host"),
        answers.name,
        args.file.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The key path as the inventory should hold it: `~/...` kept, anything else absolute and
/// without `.` or `..` components (`./key` in /home/me -> /home/me/key).
fn absolute_key(path: Option<&String>) -> anyhow::Result<Option<String>> {
    Ok(match path {
        Some(p) if !p.starts_with('~') => {
            let joined = std::env::current_dir()?.join(p);
            Some(clean(&joined).to_string_lossy().into_owned())
        }
        other => other.cloned(),
    })
}

/// `path` without `.` components and with each `..` taking the component before it away, as
/// the user meant it (lexically, as Go's filepath.Clean: no symlinks are followed).
fn clean(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn from_flags(args: &InitArgs) -> anyhow::Result<InitAnswers> {
    let missing = |flag: &str| {
        anyhow::anyhow!(
            "{flag} is required when tcs init cannot prompt (no terminal or --non-interactive)"
        )
    };
    let name = args.name.clone().ok_or_else(|| missing("--name"))?;
    let hosts_text = args.hosts.as_deref().ok_or_else(|| missing("--hosts"))?;
    let hosts = parse_host_list(hosts_text).map_err(|e| anyhow::anyhow!("--hosts: {e}"))?;
    let control_plane = args
        .control_plane
        .clone()
        .unwrap_or_else(|| default_control_plane(&hosts, args.vip.as_deref()));
    Ok(InitAnswers {
        name,
        hosts,
        control_plane,
        user: args.user.clone().unwrap_or_else(|| "root".into()),
        identity_file: absolute_key(args.identity_file.as_ref())?,
        vip: args.vip.clone(),
        kubernetes_version: args.kubernetes_version.clone(),
    })
}

fn ask(args: &InitArgs) -> anyhow::Result<InitAnswers> {
    use dialoguer::{Input, MultiSelect};
    let theme = dialoguer::theme::ColorfulTheme::default();
    let name: String = match &args.name {
        Some(n) => n.clone(),
        None => Input::with_theme(&theme)
            .with_prompt("Cluster name")
            .default("global".into())
            .validate_with(|s: &String| crate::inventory::validate::dns_label(s))
            .interact_text()?,
    };
    let hosts = match &args.hosts {
        Some(h) => parse_host_list(h).map_err(|e| anyhow::anyhow!("--hosts: {e}"))?,
        None => {
            let text: String = Input::with_theme(&theme)
                .with_prompt("Hosts (NAME=ADDRESS, comma separated)")
                .validate_with(|s: &String| parse_host_list(s).map(|_| ()))
                .interact_text()?;
            parse_host_list(&text).map_err(|e| anyhow::anyhow!(e))?
        }
    };
    let vip: Option<String> = match &args.vip {
        Some(v) => Some(v.clone()),
        None => {
            let v: String = Input::with_theme(&theme)
                .with_prompt("API server VIP (empty for a single control plane)")
                .allow_empty(true)
                .validate_with(|s: &String| {
                    if s.is_empty() || s.parse::<std::net::IpAddr>().is_ok() {
                        Ok(())
                    } else {
                        Err("not an IP address")
                    }
                })
                .interact_text()?;
            (!v.is_empty()).then_some(v)
        }
    };
    let control_plane = match &args.control_plane {
        Some(cp) => cp.clone(),
        None => {
            let defaults = default_control_plane(&hosts, vip.as_deref());
            let names: Vec<&str> = hosts.iter().map(|(n, _)| n.as_str()).collect();
            let checked: Vec<bool> = names
                .iter()
                .map(|n| defaults.iter().any(|d| d == n))
                .collect();
            let picked = MultiSelect::with_theme(&theme)
                .with_prompt("Control-plane hosts (space to toggle, enter to accept; the rest become workers)")
                .items(&names)
                .defaults(&checked)
                .interact()?;
            picked.into_iter().map(|i| names[i].to_string()).collect()
        }
    };
    let user: String = match &args.user {
        Some(u) => u.clone(),
        None => Input::with_theme(&theme)
            .with_prompt("SSH user")
            .default("root".into())
            .interact_text()?,
    };
    let identity_file: String = match &args.identity_file {
        Some(f) => f.clone(),
        None => Input::with_theme(&theme)
            .with_prompt("SSH private key")
            .default("~/.ssh/id_ed25519".into())
            .interact_text()?,
    };
    Ok(InitAnswers {
        name,
        hosts,
        control_plane,
        user,
        identity_file: absolute_key(Some(&identity_file))?,
        vip,
        kubernetes_version: args.kubernetes_version.clone(),
    })
}
