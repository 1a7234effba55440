//! Offline bundles: build one (binaries, manifests, images and the addons' files), verify,
//! inspect.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::bundle::build::{BuildEvent, BuildOptions};
use crate::bundle::images::RegistryMirror;
use crate::bundle::sources::Mirror;
use crate::bundle::{Bundle, FileKind, Manifest};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildRequest {
    /// Kubernetes release.
    pub kubernetes: String,
    /// Architectures.
    pub archs: Vec<String>,
    /// Bundle directory to write.
    pub out: PathBuf,
    /// Other component versions than the pinned ones (`containerd=2.2.1`).
    pub component_versions: Vec<String>,
    /// Where files come from (a directory, file:// or http(s):// laid out as <host>/<path>).
    pub mirror: Option<String>,
    /// Where images come from (a registry mirroring upstream under <registry>/<repository>).
    pub registry_mirror: Option<String>,
    /// Pod network plugins to carry.
    pub cni: Vec<String>,
    /// More images to carry.
    pub images: Vec<String>,
    /// Addons to carry (`all` for the catalog): their pinned files and default images.
    pub addons: Vec<String>,
    /// Images built here (`docker save` archives).
    pub image_archives: Vec<PathBuf>,
    /// Parallel downloads and pulls.
    pub jobs: usize,
}

/// A bundle built.
#[derive(Debug, Serialize)]
pub struct Built {
    /// Its directory.
    pub bundle: PathBuf,
    /// Files in it.
    pub files: usize,
    /// Of which images.
    pub images: usize,
    /// Bytes.
    pub bytes: u64,
    /// How long it took.
    pub seconds: f64,
}

impl std::fmt::Display for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "built {}: {} ({}), {:.1} MiB in {:.1}s",
            self.bundle.display(),
            crate::text::count(self.files, "file"),
            crate::text::count(self.images, "image"),
            self.bytes as f64 / 1048576.0,
            self.seconds
        )?;
        writeln!(
            f,
            "next: set bundle: {} in the inventory, then tcs install -f INVENTORY",
            self.bundle.display()
        )
    }
}

/// The download cache: `~/.cache/tcs`.
pub fn cache() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(".cache/tcs")
}

/// Builds the bundle `req` asks for; `on` hears of every item planned and fetched.
pub fn build(req: BuildRequest, on: &(dyn Fn(BuildEvent) + Sync)) -> anyhow::Result<Built> {
    let start = Instant::now();
    let registry_mirror = req
        .registry_mirror
        .as_deref()
        .map(RegistryMirror::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let mirror = req
        .mirror
        .as_deref()
        .map_or(Mirror::Upstream, Mirror::parse);
    let (extra_manifests, addon_images) =
        crate::addon::bundle_payload(&req.addons, &req.kubernetes, &mirror, &cache())?;
    let mut extra_images = req.images;
    extra_images.extend(addon_images);
    let opts = BuildOptions {
        kubernetes: req.kubernetes,
        archs: req.archs,
        out: req.out,
        component_versions: req.component_versions,
        mirror,
        registry_mirror,
        cni: req.cni,
        extra_images,
        extra_manifests,
        image_archives: req.image_archives,
        cache: cache(),
        jobs: req.jobs,
    };
    let manifest = crate::bundle::build::build(&opts, on)?;
    Ok(Built {
        bundle: opts.out,
        files: manifest.files.len(),
        images: manifest
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Image)
            .count(),
        bytes: manifest.files.iter().map(|f| f.size).sum(),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// A bundle whose every file matched its manifest.
#[derive(Debug, Serialize)]
pub struct Verified {
    /// The bundle as given.
    pub path: PathBuf,
    /// Files checked.
    pub files: usize,
    /// Bytes.
    pub bytes: u64,
}

impl std::fmt::Display for Verified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "ok {}: {}, {:.1} MiB, every sha256 matches",
            self.path.display(),
            crate::text::count(self.files, "file"),
            self.bytes as f64 / 1048576.0
        )
    }
}

/// Checks every file of the bundle at `path` (directory or tar) against its manifest.
pub fn verify(path: &Path) -> anyhow::Result<Verified> {
    let bundle = Bundle::open_verified(path, &cache())?;
    Ok(Verified {
        path: path.to_path_buf(),
        files: bundle.manifest.files.len(),
        bytes: bundle.manifest.files.iter().map(|f| f.size).sum(),
    })
}

/// The manifest of the bundle at `path` (a directory is read as it is; a tar is verified).
pub fn inspect(path: &Path) -> anyhow::Result<Manifest> {
    Ok(if path.is_dir() {
        Bundle::open_dir(path)?.manifest
    } else {
        Bundle::open_verified(path, &cache())?.manifest
    })
}

/// A manifest for people: versions, then every file.
impl std::fmt::Display for Manifest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let manifest = self;
        let mut text = String::from("VERSIONS\n");
        for (k, v) in &manifest.versions {
            text.push_str(&format!("  {k:<14} {v}\n"));
        }
        let rows = manifest.files.iter().map(|f| {
            let kind = serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let image = f.image.as_ref().map(|i| format!("  ({i})"));
            vec![
                kind,
                crate::text::or_dash(f.arch.clone().unwrap_or_default()),
                crate::text::or_dash(f.component.clone().unwrap_or_default()),
                format!("{:.1}M", f.size as f64 / 1048576.0),
                format!("{}{}", f.path, image.unwrap_or_default()),
            ]
        });
        text.push('\n');
        text.push_str(&crate::text::table(
            &["KIND", "ARCH", "COMPONENT", "SIZE", "PATH"],
            rows,
        ));
        f.write_str(&text)
    }
}
