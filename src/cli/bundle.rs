//! `tcs bundle build|verify|inspect`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalOpts;
use crate::bundle::build::BuildEvent;
use crate::ops::bundle::BuildRequest;
use crate::ui::{OutputFormat, json_line, print, print_event, write_stdout};

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
    /// Build an offline bundle: pinned binaries, CNI manifest and images, all verified.
    #[command(
        after_help = "Binaries are checked against the checksums upstream publishes, manifests against the\nsha256 pinned in tcs, images by digest. Downloads are cached in ~/.cache/tcs/downloads, so\na re-run after a failure fetches only what is missing. -o is the output format for every\ncommand (-o json: one event per line), so the bundle directory is --out.\n\nExamples:\n  tcs bundle build --kubernetes 1.36.4 --out ./tcs-bundle-v1.36.4\n  tcs bundle build --kubernetes 1.36.4 --arch amd64,arm64 --cni calico,flannel --out ./b\n  # air-gapped build host: files from a mirror laid out as <host>/<path>, images from a\n  # registry that mirrors upstream under <registry>/<repository>\n  tcs bundle build --kubernetes 1.36.4 --out ./b \\\n      --mirror http://mirror.lan/upstream --registry-mirror https://harbor.lan/proxy"
    )]
    Build(Box<BuildArgs>),
}

/// `tcs bundle build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Kubernetes release the bundle is for.
    #[arg(long, value_name = "VERSION")]
    pub kubernetes: String,
    /// Architectures, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "amd64", value_parser = ["amd64", "arm64"])]
    pub arch: Vec<String>,
    /// Bundle directory to write (must be new, empty, or an earlier bundle to replace).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Carry another version of a component than the pinned one (repeatable): containerd, runc,
    /// crictl, cni-plugins, etcd, kube-vip.
    #[arg(long, value_name = "COMPONENT=VERSION")]
    pub component_version: Vec<String>,
    /// Download files from this mirror (file:///path, a path, or http(s)://) instead of upstream.
    #[arg(long, env = "TCS_MIRROR", value_name = "URL")]
    pub mirror: Option<String>,
    /// Pull images through this registry mirror (http://host:port for a plain-HTTP registry).
    #[arg(long, env = "TCS_REGISTRY_MIRROR", value_name = "URL")]
    pub registry_mirror: Option<String>,
    /// Pod network plugins to carry, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "calico", value_parser = ["calico", "flannel"])]
    pub cni: Vec<String>,
    /// Another image to carry (repeatable), e.g. an addon's or the site's own.
    #[arg(long = "image", value_name = "REF")]
    pub images: Vec<String>,
    /// Carry an addon (repeatable, or comma-separated; `all` for the whole catalog): its pinned
    /// upstream files and every image its default render runs.
    #[arg(long = "addon", value_delimiter = ',', value_name = "NAME")]
    pub addons: Vec<String>,
    /// An image built on this machine to carry (repeatable): a `docker save` archive, such as
    /// tcs's own from scripts/build-tcs-image (the federation addon runs it).
    #[arg(long = "image-archive", value_name = "FILE")]
    pub image_archives: Vec<PathBuf>,
    /// Parallel downloads and pulls.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub jobs: usize,
}

/// A bundle path.
#[derive(Debug, Args)]
pub struct BundleArgs {
    /// Bundle directory or tar.
    #[arg(value_name = "BUNDLE")]
    pub path: PathBuf,
}

fn build(args: BuildArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    let json = global.output == OutputFormat::Json;
    let bar = crate::ui::progress::bars_wanted(global.ui()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let on = |e: BuildEvent| match (&bar, e) {
        (Some(b), BuildEvent::Planned { total }) => b.set_length(total as u64),
        (Some(b), BuildEvent::Done { what, .. }) => {
            b.inc(1);
            b.set_message(what);
        }
        (None, e) if json => drop(write_stdout(&(json_line(&e)))),
        (None, e @ BuildEvent::Done { .. }) if !global.quiet => eprintln!("{e}"),
        _ => {}
    };
    let request = BuildRequest {
        kubernetes: args.kubernetes,
        archs: args.arch,
        out: args.out,
        component_versions: args.component_version,
        mirror: args.mirror,
        registry_mirror: args.registry_mirror,
        cni: args.cni,
        images: args.images,
        addons: args.addons,
        image_archives: args.image_archives,
        jobs: args.jobs,
    };
    let built = crate::ops::bundle::build(request, &on);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    print_event(global.output, "built", &built?)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs a bundle command.
pub fn run(cmd: BundleCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        BundleCommand::Build(args) => build(*args, global),
        BundleCommand::Verify(args) => {
            print(global.output, &crate::ops::bundle::verify(&args.path)?)?;
            Ok(ExitCode::SUCCESS)
        }
        BundleCommand::Inspect(args) => {
            print(global.output, &crate::ops::bundle::inspect(&args.path)?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
