//! `tcs init`: write a new inventory, asking on a terminal or taking flags.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use super::GlobalOpts;
use crate::inventory::init::{InitAnswers, absolute_key, default_control_plane, parse_host_list};
use crate::ui::write_stdout;

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
    let answers = match !args.non_interactive && std::io::stdin().is_terminal() {
        true => ask(&args)?,
        false => from_flags(&args)?,
    };
    crate::inventory::init::write_inventory(&answers, &args.file)?;
    write_stdout(&format!(
        "wrote {} ({}, cluster '{}')\nnext: tcs inventory validate -f {}\n",
        args.file.display(),
        crate::text::count(answers.hosts.len(), "host"),
        answers.name,
        args.file.display()
    ))?;
    Ok(ExitCode::SUCCESS)
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
    let ask_or = |given: &Option<String>, prompt: &str, default: &str| match given {
        Some(v) => Ok(v.clone()),
        None => Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .default(default.into())
            .interact_text(),
    };
    let user = ask_or(&args.user, "SSH user", "root")?;
    let identity_file = ask_or(&args.identity_file, "SSH private key", "~/.ssh/id_ed25519")?;
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
