//! `tcs bundle build`: downloads the pinned upstream artifacts (verified against upstream's
//! published checksums or tcs's pinned sha256), unpacks the binaries hosts need, pulls the
//! container images into OCI archives and writes `bundle.yaml`. The bundle is assembled in a
//! sibling `.partial` directory and renamed into place only when complete, so a failed build
//! leaves nothing that looks like a bundle. Downloads are cached (by published checksum) so a
//! re-run after a failure fetches only what is missing.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use futures::StreamExt;

use super::images::{PullError, Puller, RegistryMirror, images_in_manifests};
use super::sources::{
    self, Artifact, FetchError, FetchKind, ImageRef, Mirror, Versions, artifacts, cni_manifest,
    fetch, kubernetes_images,
};
use super::{BundleFile, FileKind, Manifest, write_manifest};

/// Architectures bundles are built for.
pub const ARCHES: &[&str] = &["amd64", "arm64"];

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Kubernetes version (`1.36.4` or `v1.36.4`).
    pub kubernetes: String,
    /// Architectures.
    pub archs: Vec<String>,
    /// Output directory (must not exist, or hold a previous bundle, which is replaced).
    pub out: PathBuf,
    /// Component versions other than the pinned defaults (`containerd=2.2.1`).
    pub component_versions: Vec<String>,
    /// Where files come from.
    pub mirror: Mirror,
    /// Where images come from (upstream registries when unset).
    pub registry_mirror: Option<RegistryMirror>,
    /// Pod network plugins whose manifest and images to carry.
    pub cni: Vec<String>,
    /// More images to carry (addons' images, the site's own).
    pub extra_images: Vec<String>,
    /// More pinned files to carry (addons' upstream manifests, under `addons/<name>/`).
    pub extra_manifests: Vec<Artifact>,
    /// Images built here (`docker save` archives, e.g. tcs's own from scripts/build-tcs-image).
    pub image_archives: Vec<PathBuf>,
    /// Download cache.
    pub cache: PathBuf,
    /// Parallel downloads and pulls.
    pub jobs: usize,
}

/// Progress of a build, for the command's display (as JSON, `{"event": "planned", ...}`).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum BuildEvent {
    /// The number of items (files to fetch + images to pull) is known.
    Planned {
        /// Total items.
        #[serde(rename = "items")]
        total: usize,
    },
    /// One item finished.
    Done {
        /// `file` or `image`.
        kind: &'static str,
        /// What (URL or image reference and arch).
        what: String,
        /// Bytes.
        bytes: u64,
    },
}

/// A finished item for people: `image registry.k8s.io/pause:3.10 (0.3 MiB)`.
impl std::fmt::Display for BuildEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildEvent::Planned { total } => write!(f, "{}", crate::text::count(*total, "item")),
            BuildEvent::Done { kind, what, bytes } => {
                write!(f, "{kind:<5} {what} ({:.1} MiB)", *bytes as f64 / 1048576.0)
            }
        }
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Bad options.
    #[error("{0}")]
    Options(String),
    /// Downloads failed (every failure is listed).
    #[error("{} failed; nothing was written to {}:\n{}\n{}", crate::text::count(.failures.len(), "download"), .out.display(), .failures.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n"), download_hint(.failures))]
    Fetch {
        /// Output directory.
        out: PathBuf,
        /// Each failure.
        failures: Vec<FetchError>,
    },
    /// Image pulls failed (every failure is listed).
    #[error("{} failed; nothing was written to {}:\n{}", crate::text::count(.failures.len(), "image pull"), .out.display(), .failures.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n"))]
    Pull {
        /// Output directory.
        out: PathBuf,
        /// Each failure.
        failures: Vec<PullError>,
    },
    /// A file could not be read, unpacked or written.
    #[error("{}: {reason}", path.display())]
    Io {
        /// Path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// What to do about failed downloads, said once after the list.
fn download_hint(failures: &[FetchError]) -> &'static str {
    let any = |kind: FetchKind| failures.iter().any(|f| f.kind == kind);
    if any(FetchKind::Unreachable) {
        "This machine does not reach the download hosts: build from a mirror with --mirror URL (TCS_MIRROR; file:///DIR or http(s)://HOST laid out as <host>/<path> of each URL), or where the network reaches them."
    } else if any(FetchKind::Missing) {
        "The mirror lacks these files: place each at <host>/<path> of its URL in the mirror."
    } else {
        ""
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BuildError + '_ {
    move |e| BuildError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

impl BuildOptions {
    fn check(&self) -> Result<(), BuildError> {
        let v = self.kubernetes.trim_start_matches('v');
        let parts: Vec<&str> = v.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.parse::<u32>().is_err()) {
            return Err(BuildError::Options(format!(
                "--kubernetes {:?}: expected a release such as 1.36.4",
                self.kubernetes
            )));
        }
        let minor: u32 = parts[1].parse().unwrap_or(0);
        if parts[0] != "1" || !crate::inventory::validate::SUPPORTED_MINORS.contains(&minor) {
            return Err(BuildError::Options(format!(
                "--kubernetes {v}: tcs supports 1.{}..1.{}",
                crate::inventory::validate::SUPPORTED_MINORS.start(),
                crate::inventory::validate::SUPPORTED_MINORS.end()
            )));
        }
        if self.archs.is_empty() {
            return Err(BuildError::Options("--arch: give at least one".into()));
        }
        for a in &self.archs {
            if !ARCHES.contains(&a.as_str()) {
                return Err(BuildError::Options(format!(
                    "--arch {a}: supported are {}",
                    ARCHES.join(", ")
                )));
            }
        }
        for c in &self.cni {
            if cni_manifest(c).is_none() {
                return Err(BuildError::Options(format!(
                    "--cni {c}: supported are {}",
                    sources::CNI_PLUGINS.join(", ")
                )));
            }
        }
        if self.out.exists() && !self.out.join("bundle.yaml").exists() {
            let empty = std::fs::read_dir(&self.out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty {
                return Err(BuildError::Options(format!(
                    "{} exists and is not a tcs bundle: choose a new directory with -o",
                    self.out.display()
                )));
            }
        }
        Ok(())
    }
}

/// Builds the bundle; returns its manifest.
pub fn build(
    opts: &BuildOptions,
    on: &(dyn Fn(BuildEvent) + Sync),
) -> Result<Manifest, BuildError> {
    opts.check()?;
    let mut versions = Versions::for_kubernetes(&opts.kubernetes);
    for assignment in &opts.component_versions {
        versions
            .set(assignment)
            .map_err(|e| BuildError::Options(format!("--component-version {e}")))?;
    }
    let archs: Vec<&str> = opts.archs.iter().map(String::as_str).collect();
    let mut downloads = artifacts(&versions, &archs);
    for c in &opts.cni {
        downloads.extend(cni_manifest(c));
    }
    downloads.extend(opts.extra_manifests.iter().cloned());
    let base_images = kubernetes_images(&versions).len() + opts.extra_images.len();
    on(BuildEvent::Planned {
        total: downloads.len() + base_images * archs.len(),
    });

    // 1. Downloads into the cache, in parallel, every failure collected.
    let cache = opts.cache.join("downloads");
    let failures = Mutex::new(Vec::new());
    let queue = Mutex::new(downloads.iter());
    std::thread::scope(|s| {
        for _ in 0..opts.jobs.max(1) {
            s.spawn(|| {
                while let Some(a) = queue.lock().map(|mut q| q.next()).ok().flatten() {
                    match fetch(a, &opts.mirror, &cache) {
                        Ok(_) => on(BuildEvent::Done {
                            kind: "file",
                            what: a.url.clone(),
                            bytes: std::fs::metadata(cache.join(&a.path)).map_or(0, |m| m.len()),
                        }),
                        Err(e) => failures.lock().expect("failures").push(e),
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_default();
    if !failures.is_empty() {
        failures.sort_by(|a, b| a.url.cmp(&b.url));
        return Err(BuildError::Fetch {
            out: opts.out.clone(),
            failures,
        });
    }

    // kubeadm decides which pause and CoreDNS images it asks for: when the bundle's kubeadm
    // runs on this machine, its own answer wins over tcs's table.
    let here = crate::facts::kube_arch(std::env::consts::ARCH);
    let kubeadm = cache.join(format!("bin/{here}/kubeadm"));
    if archs.contains(&here.as_str())
        && {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&kubeadm, std::fs::Permissions::from_mode(0o755)).is_ok()
        }
        && let Some((pause, coredns)) = sources::kubeadm_image_pins(&kubeadm, &versions.kubernetes)
    {
        versions.pause = pause;
        versions.coredns = coredns;
    }

    // 2. Assemble in a sibling directory.
    let partial = partial_dir(&opts.out);
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).map_err(io(&partial))?;
    let result = assemble(opts, &versions, &downloads, &cache, &partial, on);
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&partial);
            return Err(e);
        }
    };
    if opts.out.exists() {
        std::fs::remove_dir_all(&opts.out).map_err(io(&opts.out))?;
    }
    std::fs::rename(&partial, &opts.out).map_err(io(&opts.out))?;
    Ok(manifest)
}

fn partial_dir(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    out.with_file_name(format!(".{name}.partial"))
}

fn assemble(
    opts: &BuildOptions,
    versions: &Versions,
    downloads: &[Artifact],
    cache: &Path,
    root: &Path,
    on: &(dyn Fn(BuildEvent) + Sync),
) -> Result<Manifest, BuildError> {
    let mut described: BTreeMap<String, BundleFile> = BTreeMap::new();
    let mut describe = |path: String, kind: FileKind, arch: &str, component: &str| {
        described.insert(
            path.clone(),
            BundleFile {
                path,
                sha256: String::new(),
                size: 0,
                kind,
                arch: (!arch.is_empty()).then(|| arch.to_string()),
                component: Some(component.to_string()),
                image: None,
                digest: None,
            },
        );
    };
    let mut cni_images: Vec<ImageRef> = Vec::new();
    for a in downloads {
        let src = cache.join(&a.path);
        match a.kind {
            FileKind::Binary => {
                // runc is published as runc.<arch>; hosts run it as runc.
                let name = a
                    .file_name()
                    .strip_suffix(&format!(".{}", a.arch))
                    .unwrap_or(a.file_name());
                let rel = format!("bin/{}/{name}", a.arch);
                copy_executable(&src, &root.join(&rel))?;
                describe(rel, FileKind::Binary, &a.arch, a.component);
            }
            FileKind::Archive => {
                for rel in unpack_executables(&src, root, a)? {
                    describe(rel, FileKind::Binary, &a.arch, a.component);
                }
            }
            FileKind::Manifest | FileKind::Image => {
                let dest = root.join(&a.path);
                if let Some(d) = dest.parent() {
                    std::fs::create_dir_all(d).map_err(io(d))?;
                }
                std::fs::copy(&src, &dest).map_err(io(&dest))?;
                describe(a.path.clone(), FileKind::Manifest, "", a.component);
                if a.component == "cni" {
                    let text = std::fs::read_to_string(&src).map_err(io(&src))?;
                    let found = images_in_manifests(&text).map_err(|reason| BuildError::Io {
                        path: src.clone(),
                        reason,
                    })?;
                    for reference in found {
                        if !cni_images.iter().any(|i| i.reference == reference) {
                            cni_images.push(ImageRef {
                                component: image_component(&reference),
                                reference,
                            });
                        }
                    }
                }
            }
        }
    }

    // 3. Images, pulled concurrently.
    let mut images = kubernetes_images(versions);
    images.extend(cni_images.iter().cloned());
    for reference in &opts.extra_images {
        images.push(ImageRef {
            component: image_component(reference),
            reference: reference.clone(),
        });
    }
    if !cni_images.is_empty() {
        on(BuildEvent::Planned {
            total: downloads.len() + images.len() * opts.archs.len(),
        });
    }
    let mut jobs = Vec::new();
    for arch in &opts.archs {
        for img in &images {
            let rel = format!(
                "images/{arch}/{}_{}.tar",
                img.component,
                tag_slug(&img.reference)
            );
            jobs.push((arch.clone(), img.clone(), rel));
        }
    }
    let puller = Puller::new(opts.registry_mirror.clone());
    let work = root.join(".pull");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        .build()
        .map_err(io(root))?;
    let results: Vec<(
        String,
        ImageRef,
        String,
        Result<super::images::PulledImage, PullError>,
    )> = runtime.block_on(async {
        futures::stream::iter(jobs.into_iter().enumerate())
            .map(|(n, (arch, img, rel))| {
                let puller = &puller;
                let out = root.join(&rel);
                let work = work.join(n.to_string());
                async move {
                    if let Some(d) = out.parent() {
                        let _ = std::fs::create_dir_all(d);
                    }
                    let r = puller.pull(&img.reference, &arch, &out, &work).await;
                    if let Ok(p) = &r {
                        on(BuildEvent::Done {
                            kind: "image",
                            what: format!("{} ({arch})", img.reference),
                            bytes: p.size,
                        });
                    }
                    (arch, img, rel, r)
                }
            })
            .buffer_unordered(opts.jobs.max(1))
            .collect()
            .await
    });
    let _ = std::fs::remove_dir_all(&work);
    let mut failures = Vec::new();
    let mut image_files = BTreeMap::new();
    for (arch, img, rel, r) in results {
        match r {
            Ok(p) => {
                image_files.insert(rel, (arch, img, p.digest));
            }
            Err(e) => failures.push(e),
        }
    }
    if !failures.is_empty() {
        failures.sort_by(|a, b| (&a.reference, &a.arch).cmp(&(&b.reference, &b.arch)));
        return Err(BuildError::Pull {
            out: opts.out.clone(),
            failures,
        });
    }
    // Images built on this machine: converted to OCI archives, digest from their manifest.
    for archive in &opts.image_archives {
        let staging = root.join(".archive.tar");
        let (reference, arch, digest) = super::oci::from_docker_archive(archive, &staging)
            .map_err(|e| BuildError::Io {
                path: archive.clone(),
                reason: e.to_string(),
            })?;
        if !opts.archs.contains(&arch) {
            let _ = std::fs::remove_file(&staging);
            return Err(BuildError::Options(format!(
                "--image-archive {}: the image is for {arch}, the bundle for {}",
                archive.display(),
                opts.archs.join(",")
            )));
        }
        let component = image_component(&reference);
        let rel = format!("images/{arch}/{component}_{}.tar", tag_slug(&reference));
        let dest = root.join(&rel);
        if let Some(d) = dest.parent() {
            std::fs::create_dir_all(d).map_err(io(d))?;
        }
        std::fs::rename(&staging, &dest).map_err(io(&dest))?;
        on(BuildEvent::Done {
            kind: "image",
            what: format!("{reference} ({arch}, from {})", archive.display()),
            bytes: 0,
        });
        image_files.insert(
            rel,
            (
                arch,
                ImageRef {
                    component,
                    reference,
                },
                digest,
            ),
        );
    }
    for (rel, (arch, img, digest)) in image_files {
        described.insert(
            rel.clone(),
            BundleFile {
                path: rel,
                sha256: String::new(),
                size: 0,
                kind: FileKind::Image,
                arch: Some(arch),
                component: Some(img.component),
                image: Some(img.reference),
                digest: Some(digest),
            },
        );
    }

    // 4. bundle.yaml.
    let (pause, coredns) = (&versions.pause, &versions.coredns);
    let mut carried = BTreeMap::from([
        ("kubernetes".to_string(), versions.kubernetes.clone()),
        ("containerd".to_string(), versions.containerd.clone()),
        ("runc".to_string(), versions.runc.clone()),
        ("crictl".to_string(), versions.crictl.clone()),
        ("cni-plugins".to_string(), versions.cni_plugins.clone()),
        ("etcd".to_string(), versions.etcd.clone()),
        ("pause".to_string(), pause.to_string()),
        (
            "coredns".to_string(),
            coredns.trim_start_matches('v').to_string(),
        ),
        ("kube-vip".to_string(), versions.kube_vip.clone()),
    ]);
    for c in &opts.cni {
        if let Some(a) = cni_manifest(c) {
            let v = a
                .url
                .split('/')
                .find(|s| s.starts_with('v') && s.contains('.'));
            carried.insert(
                c.clone(),
                v.unwrap_or("").trim_start_matches('v').to_string(),
            );
        }
    }
    write_manifest(root, carried, |rel| described.get(rel).cloned()).map_err(io(root))
}

/// `quay.io/calico/node:v3.32.1` -> `calico-node`; `registry.k8s.io/pause:3.10.1` -> `pause`.
fn image_component(reference: &str) -> String {
    let name = reference.split('@').next().unwrap_or(reference);
    let name = match name.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => n,
        _ => name,
    };
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 && (parts[0].contains('.') || parts[0].contains(':')) {
        parts.remove(0);
    }
    if parts.first() == Some(&"library") {
        parts.remove(0);
    }
    parts.dedup();
    parts.join("-")
}

fn tag_slug(reference: &str) -> String {
    let tag = reference
        .split('@')
        .next()
        .and_then(|n| n.rsplit_once(':'))
        .map(|(_, t)| t)
        .filter(|t| !t.contains('/'))
        .unwrap_or("latest");
    tag.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn copy_executable(src: &Path, dest: &Path) -> Result<(), BuildError> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(d) = dest.parent() {
        std::fs::create_dir_all(d).map_err(io(d))?;
    }
    std::fs::copy(src, dest).map_err(io(dest))?;
    std::fs::set_permissions(dest, std::fs::Permissions::from_mode(0o755)).map_err(io(dest))
}

/// Unpacks the executables of a release tarball into `bin/<arch>/` (CNI plugins into
/// `bin/<arch>/cni/`); returns their bundle paths. Licences and docs are left out.
fn unpack_executables(src: &Path, root: &Path, a: &Artifact) -> Result<Vec<String>, BuildError> {
    use std::os::unix::fs::PermissionsExt;
    let file = std::fs::File::open(src).map_err(io(src))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let dir = if a.component == "cni-plugins" {
        format!("bin/{}/cni", a.arch)
    } else {
        format!("bin/{}", a.arch)
    };
    let mut out = Vec::new();
    for entry in archive.entries().map_err(io(src))? {
        let mut entry = entry.map_err(io(src))?;
        let header = entry.header();
        if !header.entry_type().is_file() || header.mode().unwrap_or(0) & 0o111 == 0 {
            continue;
        }
        let path = entry.path().map_err(io(src))?.into_owned();
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let rel = format!("{dir}/{name}");
        let dest = root.join(&rel);
        if let Some(d) = dest.parent() {
            std::fs::create_dir_all(d).map_err(io(d))?;
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(io(src))?;
        std::fs::write(&dest, &data).map_err(io(&dest))?;
        std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(0o755))
            .map_err(io(&dest))?;
        out.push(rel);
    }
    if out.is_empty() {
        return Err(BuildError::Io {
            path: src.to_path_buf(),
            reason: format!("the {} archive holds no executables", a.component),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_components() {
        assert_eq!(
            image_component("quay.io/calico/node:v3.32.1"),
            "calico-node"
        );
        assert_eq!(image_component("registry.k8s.io/pause:3.10.1"), "pause");
        assert_eq!(
            image_component("registry.k8s.io/coredns/coredns:v1.13.1"),
            "coredns"
        );
        assert_eq!(image_component("busybox"), "busybox");
        assert_eq!(image_component("docker.io/library/nginx:1.29"), "nginx");
        assert_eq!(image_component("localhost:5000/app@sha256:00"), "app");
        assert_eq!(
            tag_slug("ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3"),
            "v1.9.1-flannel3"
        );
        assert_eq!(tag_slug("busybox"), "latest");
    }

    #[test]
    fn options_are_checked_before_anything_is_fetched() {
        let dir = tempfile::tempdir().unwrap();
        let base = BuildOptions {
            kubernetes: "1.36.4".into(),
            archs: vec!["amd64".into()],
            out: dir.path().join("b"),
            component_versions: vec![],
            mirror: Mirror::Dir(dir.path().join("none")),
            registry_mirror: None,
            cni: vec!["calico".into()],
            extra_images: vec![],
            extra_manifests: vec![],
            image_archives: vec![],
            cache: dir.path().join("cache"),
            jobs: 2,
        };
        let err = |o: BuildOptions| build(&o, &|_| {}).unwrap_err().to_string();
        assert!(
            err(BuildOptions {
                kubernetes: "1.36".into(),
                ..base.clone()
            })
            .contains("expected a release")
        );
        assert!(
            err(BuildOptions {
                kubernetes: "1.20.1".into(),
                ..base.clone()
            })
            .contains("tcs supports")
        );
        assert!(
            err(BuildOptions {
                archs: vec!["s390x".into()],
                ..base.clone()
            })
            .contains("--arch s390x")
        );
        assert!(
            err(BuildOptions {
                cni: vec!["weave".into()],
                ..base.clone()
            })
            .contains("--cni weave")
        );
        assert!(
            err(BuildOptions {
                component_versions: vec!["kubelet=1.2.3".into()],
                ..base.clone()
            })
            .contains("components are")
        );
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/notes.txt"), "mine").unwrap();
        assert!(err(base.clone()).contains("is not a tcs bundle"));
        std::fs::remove_dir_all(dir.path().join("b")).unwrap();
        // Every missing download is listed, and nothing is written.
        let e = err(base.clone());
        assert!(e.contains("downloads failed"), "{e}");
        assert!(e.contains("kubeadm") && e.contains("calico.yaml"), "{e}");
        assert!(e.contains("not in the mirror"), "{e}");
        assert!(
            e.ends_with("place each at <host>/<path> of its URL in the mirror."),
            "{e}"
        );
        assert!(!dir.path().join("b").exists());
        // A mirror (or upstream) that does not answer: each URL named once on its line, the
        // cause in a few words, and what to do said once at the end.
        let e = err(BuildOptions {
            mirror: Mirror::Http("http://127.0.0.1:9".into()),
            ..base.clone()
        });
        let kubeadm = "https://dl.k8s.io/release/v1.36.4/bin/linux/amd64/kubeadm";
        let line = e.lines().find(|l| l.contains(kubeadm)).unwrap();
        assert_eq!(line.matches(kubeadm).count(), 1, "{line}");
        assert!(
            line.contains("connection refused") || line.contains("cannot connect"),
            "{line}"
        );
        assert!(!line.contains("io:"), "{line}");
        assert_eq!(e.matches("--mirror URL").count(), 1, "{e}");
    }
}
