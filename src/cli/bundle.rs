//! `tcs bundle build|verify|inspect`.

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

fn cache() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(".cache/tcs")
}

fn build(args: BuildArgs, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    use crate::bundle::build::{BuildEvent, BuildOptions};
    use crate::bundle::images::RegistryMirror;
    use crate::bundle::sources::Mirror;
    use std::io::{IsTerminal, Write};

    let registry_mirror = args
        .registry_mirror
        .as_deref()
        .map(RegistryMirror::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let mirror = args
        .mirror
        .as_deref()
        .map_or(Mirror::Upstream, Mirror::parse);
    let (extra_manifests, addon_images) =
        crate::addon::bundle_payload(&args.addons, &args.kubernetes, &mirror, &cache())?;
    let mut extra_images = args.images;
    extra_images.extend(addon_images);
    let opts = BuildOptions {
        kubernetes: args.kubernetes,
        archs: args.arch,
        out: args.out,
        component_versions: args.component_version,
        mirror,
        registry_mirror,
        cni: args.cni,
        extra_images,
        extra_manifests,
        image_archives: args.image_archives,
        cache: cache(),
        jobs: args.jobs,
    };
    let json = global.output == super::OutputFormat::Json;
    let bar = (!json && !global.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let start = std::time::Instant::now();
    let on = |e: BuildEvent| match (&bar, e) {
        (Some(b), BuildEvent::Planned { total }) => b.set_length(total as u64),
        (Some(b), BuildEvent::Done { what, .. }) => {
            b.inc(1);
            b.set_message(what);
        }
        (None, BuildEvent::Planned { total }) if json => {
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                serde_json::json!({"event": "planned", "items": total})
            );
        }
        (None, BuildEvent::Done { kind, what, bytes }) if json => {
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                serde_json::json!({"event": "done", "kind": kind, "what": what, "bytes": bytes})
            );
        }
        (None, BuildEvent::Done { kind, what, bytes }) if !global.quiet => {
            eprintln!("{kind:<5} {what} ({:.1} MiB)", bytes as f64 / 1048576.0);
        }
        _ => {}
    };
    let result = crate::bundle::build::build(&opts, &on);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let manifest = result?;
    let total: u64 = manifest.files.iter().map(|f| f.size).sum();
    let images = manifest
        .files
        .iter()
        .filter(|f| f.kind == crate::bundle::FileKind::Image)
        .count();
    if json {
        println!(
            "{}",
            serde_json::json!({"event": "built", "bundle": opts.out, "files": manifest.files.len(), "images": images, "bytes": total, "seconds": start.elapsed().as_secs_f64()})
        );
    } else {
        write_stdout(&format!(
            "built {}: {} ({}), {:.1} MiB in {:.1}s\nnext: set bundle: {} in the inventory, then tcs install -f INVENTORY\n",
            opts.out.display(),
            crate::text::count(manifest.files.len(), "file"),
            crate::text::count(images, "image"),
            total as f64 / 1048576.0,
            start.elapsed().as_secs_f64(),
            opts.out.display()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a bundle command.
pub fn run(cmd: BundleCommand, global: &GlobalOpts) -> anyhow::Result<ExitCode> {
    match cmd {
        BundleCommand::Build(args) => build(*args, global),
        BundleCommand::Verify(args) => {
            let bundle = Bundle::open_verified(&args.path, &cache())?;
            let total: u64 = bundle.manifest.files.iter().map(|f| f.size).sum();
            write_stdout(&format!(
                "ok {}: {}, {:.1} MiB, every sha256 matches\n",
                args.path.display(),
                crate::text::count(bundle.manifest.files.len(), "file"),
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
