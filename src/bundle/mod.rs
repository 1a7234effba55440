//! Offline bundles: a directory (or a tar of one) holding `bundle.yaml`, which lists every file
//! with its sha256, size, kind and architecture, and the component versions it carries.
//! Nothing from a bundle is used before every hash has been checked.

pub mod build;
pub mod distribute;
pub mod images;
pub mod oci;
pub mod sources;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// `bundle.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    /// Always `tcs.io/v1alpha1`.
    pub api_version: String,
    /// Always `Bundle`.
    pub kind: String,
    /// Component versions carried (kubernetes, containerd, runc, ...).
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
    /// Every file, relative to the bundle root.
    pub files: Vec<BundleFile>,
}

/// What a bundle file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// An executable installed on hosts.
    Binary,
    /// An OCI image archive.
    Image,
    /// A Kubernetes manifest.
    Manifest,
    /// Anything else (tarballs, configuration).
    Archive,
}

/// One file of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleFile {
    /// Path relative to the bundle root.
    pub path: String,
    /// Hex sha256.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Kind.
    pub kind: FileKind,
    /// Architecture (amd64, arm64), absent for portable files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    /// Component it belongs to (containerd, runc, cni-plugins, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// For images: the reference they are imported as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// For images: the manifest digest containerd must report after import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// Why a bundle cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The bundle or a file cannot be read.
    #[error("{}: {reason}", path.display())]
    Read {
        /// Path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// bundle.yaml is malformed.
    #[error("{}: {reason}", path.display())]
    Manifest {
        /// Path of bundle.yaml.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Files do not match the manifest.
    #[error("bundle {} is corrupt, nothing was uploaded:\n{}", root.display(), problems.join("\n"))]
    Corrupt {
        /// Bundle root.
        root: PathBuf,
        /// One line per bad file.
        problems: Vec<String>,
    },
}

impl Manifest {
    /// Parses and checks `bundle.yaml` text read from `path`: its apiVersion and kind, and that
    /// no file path leaves the bundle.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, BundleError> {
        let bad = |reason: String| BundleError::Manifest {
            path: path.to_path_buf(),
            reason,
        };
        let manifest: Manifest =
            serde_saphyr::from_str(text).map_err(|e| bad(e.without_snippet().to_string()))?;
        if manifest.api_version != crate::inventory::API_VERSION || manifest.kind != "Bundle" {
            return Err(bad(format!(
                "expected apiVersion {} and kind Bundle",
                crate::inventory::API_VERSION
            )));
        }
        for f in &manifest.files {
            if f.path.starts_with('/') || f.path.split('/').any(|c| c == "..") {
                return Err(bad(format!("file path {:?} leaves the bundle", f.path)));
            }
        }
        Ok(manifest)
    }
}

/// A verified bundle on local disk.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The directory holding bundle.yaml.
    pub root: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
}

impl Bundle {
    /// Reads a bundle directory's manifest without checking hashes.
    pub fn open_dir(root: &Path) -> Result<Bundle, BundleError> {
        let path = root.join("bundle.yaml");
        let text = std::fs::read_to_string(&path).map_err(|e| BundleError::Read {
            path: path.clone(),
            reason: format!("{e} (is this a tcs bundle directory?)"),
        })?;
        let manifest = Manifest::parse(&text, &path)?;
        Ok(Bundle {
            root: root.to_path_buf(),
            manifest,
        })
    }

    /// Opens a bundle directory, or extracts a bundle tar into `cache` first; then checks
    /// every file's size and sha256.
    pub fn open_verified(path: &Path, cache: &Path) -> Result<Bundle, BundleError> {
        let root = if path.is_dir() {
            path.to_path_buf()
        } else {
            extract(path, cache)?
        };
        let bundle = Bundle::open_dir(&root)?;
        bundle.verify()?;
        Ok(bundle)
    }

    /// Checks every listed file's size and sha256 (on all cores).
    pub fn verify(&self) -> Result<(), BundleError> {
        let files = &self.manifest.files;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(files.len().max(1));
        let chunk = files.len().div_ceil(threads).max(1);
        let mut problems: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .filter_map(|f| self.check_file(f))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        problems.sort();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(BundleError::Corrupt {
                root: self.root.clone(),
                problems,
            })
        }
    }

    fn check_file(&self, f: &BundleFile) -> Option<String> {
        let path = self.root.join(&f.path);
        match std::fs::metadata(&path) {
            Err(e) => Some(format!("  {}: {e}", f.path)),
            Ok(m) if m.len() != f.size => Some(format!(
                "  {}: size {} but bundle.yaml says {}",
                f.path,
                m.len(),
                f.size
            )),
            Ok(_) => match crate::ssh::sha256_file(&path) {
                Err(e) => Some(format!("  {}: {e}", f.path)),
                Ok(h) if h != f.sha256 => Some(format!(
                    "  {}: sha256 {h} but bundle.yaml says {}",
                    f.path, f.sha256
                )),
                Ok(_) => None,
            },
        }
    }

    /// Files of `kind` for `arch` (portable files included).
    pub fn files<'a>(
        &'a self,
        kind: FileKind,
        arch: &'a str,
    ) -> impl Iterator<Item = &'a BundleFile> + 'a {
        self.manifest
            .files
            .iter()
            .filter(move |f| f.kind == kind && f.arch.as_deref().is_none_or(|a| a == arch))
    }

    /// Local path of a bundle file.
    pub fn path_of(&self, f: &BundleFile) -> PathBuf {
        self.root.join(&f.path)
    }
}

fn extract(tar_path: &Path, cache: &Path) -> Result<PathBuf, BundleError> {
    let err = |reason: String| BundleError::Read {
        path: tar_path.to_path_buf(),
        reason,
    };
    let key = crate::ssh::sha256_file(tar_path).map_err(|e| err(e.to_string()))?;
    let dest = cache.join(format!("bundle-{}", &key[..16]));
    if dest.join("bundle.yaml").exists() {
        return Ok(dest);
    }
    let partial = cache.join(format!(".bundle-{}.partial", &key[..16]));
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).map_err(|e| err(e.to_string()))?;
    let file = std::fs::File::open(tar_path).map_err(|e| err(e.to_string()))?;
    tar::Archive::new(file)
        .unpack(&partial)
        .map_err(|e| err(format!("cannot extract: {e}")))?;
    // A tar may hold the bundle at its root or in one top-level directory.
    let root = if partial.join("bundle.yaml").exists() {
        partial.clone()
    } else {
        let mut dirs = std::fs::read_dir(&partial)
            .map_err(|e| err(e.to_string()))?
            .filter_map(|e| e.ok())
            .map(|e| e.path());
        match (dirs.next(), dirs.next()) {
            (Some(d), None) if d.join("bundle.yaml").exists() => d,
            _ => return Err(err("no bundle.yaml at the top of the archive".into())),
        }
    };
    std::fs::rename(&root, &dest).map_err(|e| err(e.to_string()))?;
    let _ = std::fs::remove_dir_all(&partial);
    Ok(dest)
}

/// Writes `bundle.yaml` for the files under `root`, hashing each; `describe` gives kind,
/// arch, component, image ref and digest per relative path (None: leave the file out).
pub fn write_manifest(
    root: &Path,
    versions: BTreeMap<String, String>,
    describe: impl Fn(&str) -> Option<BundleFile>,
) -> std::io::Result<Manifest> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .map_err(std::io::Error::other)?
                .to_string_lossy()
                .into_owned();
            if rel == "bundle.yaml" {
                continue;
            }
            if let Some(mut f) = describe(&rel) {
                f.path = rel;
                f.size = std::fs::metadata(&path)?.len();
                f.sha256 = crate::ssh::sha256_file(&path)?;
                files.push(f);
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        api_version: crate::inventory::API_VERSION.into(),
        kind: "Bundle".into(),
        versions,
        files,
    };
    let text = serde_saphyr::to_string(&manifest).map_err(std::io::Error::other)?;
    std::fs::write(root.join("bundle.yaml"), text)?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(dir: &Path) {
        std::fs::create_dir_all(dir.join("bin/amd64")).unwrap();
        std::fs::write(dir.join("bin/amd64/runc"), b"runc binary").unwrap();
        std::fs::write(dir.join("notes.txt"), b"left out").unwrap();
        write_manifest(
            dir,
            BTreeMap::from([("runc".into(), "1.1.5".into())]),
            |rel| {
                rel.starts_with("bin/").then(|| BundleFile {
                    path: String::new(),
                    sha256: String::new(),
                    size: 0,
                    kind: FileKind::Binary,
                    arch: Some("amd64".into()),
                    component: Some("runc".into()),
                    image: None,
                    digest: None,
                })
            },
        )
        .unwrap();
    }

    #[test]
    fn verify_finds_corruption_and_tars_work() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("b");
        sample(&root);
        let b = Bundle::open_verified(&root, dir.path()).unwrap();
        assert_eq!(b.manifest.files.len(), 1);
        assert_eq!(b.files(FileKind::Binary, "amd64").count(), 1);
        assert_eq!(b.files(FileKind::Binary, "arm64").count(), 0);

        // The same bundle as a tar extracts into the cache and verifies.
        let tar_path = dir.path().join("b.tar");
        let mut builder = tar::Builder::new(std::fs::File::create(&tar_path).unwrap());
        builder.append_dir_all("tcs-bundle", &root).unwrap();
        builder.finish().unwrap();
        drop(builder);
        let cache = dir.path().join("cache");
        let from_tar = Bundle::open_verified(&tar_path, &cache).unwrap();
        assert!(from_tar.root.starts_with(&cache));

        // One flipped byte is found and named.
        std::fs::write(root.join("bin/amd64/runc"), b"runc binarY").unwrap();
        let err = Bundle::open_verified(&root, dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("bin/amd64/runc: sha256"), "{err}");
        assert!(err.contains("nothing was uploaded"), "{err}");
    }
}
