//! OCI image archives (an OCI image layout in a tar), the format bundles carry images in and
//! `ctr images import` reads. The manifest digest is known when the archive is written, so a
//! host can be checked against it after import. Archives are written from images tcs builds
//! (`write_image_archive`) or pulls from a registry (`bundle::images`), through one writer.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;
use sha2::{Digest, Sha256};

/// `sha256:<hex>` of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// Where a blob's bytes are.
pub enum Blob {
    /// In memory.
    Bytes(Vec<u8>),
    /// In a local file.
    File(PathBuf),
}

/// One image's manifest and blobs, ready to be written as an archive.
pub struct Layout<'a> {
    /// The reference it is imported as, e.g. `registry.k8s.io/pause:3.10.1`.
    pub reference: &'a str,
    /// Architecture (amd64, arm64).
    pub arch: &'a str,
    /// Media type of the manifest (OCI or Docker schema 2).
    pub manifest_media_type: &'a str,
    /// The manifest exactly as its digest was computed.
    pub manifest: &'a [u8],
    /// Config and layer blobs, by digest.
    pub blobs: Blobs,
}

/// The tag of a reference (`latest` when it has none).
fn tag_of(reference: &str) -> &str {
    let name = reference.split_once('@').map_or(reference, |(n, _)| n);
    name.rsplit_once(':')
        .map(|(_, t)| t)
        .filter(|t| !t.contains('/'))
        .unwrap_or("latest")
}

/// Writes `layout` as an OCI archive at `out` (through a temporary file renamed at the end);
/// returns the manifest digest.
pub fn write_layout(layout: &Layout<'_>, out: &Path) -> std::io::Result<String> {
    let manifest_digest = digest(layout.manifest);
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": layout.manifest_media_type,
            "digest": manifest_digest,
            "size": layout.manifest.len(),
            "platform": {"architecture": layout.arch, "os": "linux"},
            "annotations": {
                "io.containerd.image.name": layout.reference,
                "org.opencontainers.image.ref.name": tag_of(layout.reference),
            },
        }],
    }))?;
    let partial = out.with_extension("tcs-partial");
    let file = std::fs::File::create(&partial)?;
    let mut b = tar::Builder::new(std::io::BufWriter::new(file));
    let header = |size: u64| {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_cksum();
        h
    };
    b.append_data(
        &mut header(30),
        "oci-layout",
        &br#"{"imageLayoutVersion":"1.0.0"}"#[..],
    )?;
    b.append_data(&mut header(index.len() as u64), "index.json", &index[..])?;
    let blob_path = |d: &str| format!("blobs/sha256/{}", d.trim_start_matches("sha256:"));
    let mut seen = std::collections::BTreeSet::new();
    for (d, blob) in &layout.blobs {
        if !seen.insert(d.clone()) {
            continue;
        }
        match blob {
            Blob::Bytes(data) => {
                b.append_data(&mut header(data.len() as u64), blob_path(d), &data[..])?
            }
            Blob::File(p) => {
                let f = std::fs::File::open(p)?;
                let len = f.metadata()?.len();
                b.append_data(&mut header(len), blob_path(d), f)?
            }
        }
    }
    b.append_data(
        &mut header(layout.manifest.len() as u64),
        blob_path(&manifest_digest),
        layout.manifest,
    )?;
    let mut w = b.into_inner()?;
    w.flush()?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&partial, out)?;
    Ok(manifest_digest)
}

/// A one-layer image from the files under `rootfs`.
pub struct ImageSpec<'a> {
    /// The reference it is imported as, e.g. `registry.local/tcs/pause:3.10`.
    pub reference: &'a str,
    /// Architecture (amd64, arm64).
    pub arch: &'a str,
    /// Directory whose files become the single layer.
    pub rootfs: &'a Path,
    /// Default command.
    pub cmd: &'a [&'a str],
}

/// Blobs by digest.
pub type Blobs = Vec<(String, Blob)>;

/// The manifest, then the config and layer, of a one-layer image built from `spec`.
pub fn build_image(spec: &ImageSpec<'_>) -> std::io::Result<(Vec<u8>, Blobs)> {
    let mut layer = Vec::new();
    {
        let mut b = tar::Builder::new(&mut layer);
        b.mode(tar::HeaderMode::Deterministic);
        b.append_dir_all(".", spec.rootfs)?;
        b.finish()?;
    }
    let layer_digest = digest(&layer);
    let config = serde_json::to_vec(&json!({
        "architecture": spec.arch,
        "os": "linux",
        "config": {"Cmd": spec.cmd},
        "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
    }))?;
    let config_digest = digest(&config);
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_OCI,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer.len()}],
    }))?;
    Ok((
        manifest,
        vec![
            (config_digest, Blob::Bytes(config)),
            (layer_digest, Blob::Bytes(layer)),
        ],
    ))
}

/// OCI image manifest media type.
pub const MANIFEST_OCI: &str = "application/vnd.oci.image.manifest.v1+json";

/// Writes the image built from `spec` as an OCI archive at `out`; returns the manifest digest.
pub fn write_image_archive(spec: &ImageSpec<'_>, out: &Path) -> std::io::Result<String> {
    let (manifest, blobs) = build_image(spec)?;
    write_layout(
        &Layout {
            reference: spec.reference,
            arch: spec.arch,
            manifest_media_type: MANIFEST_OCI,
            manifest: &manifest,
            blobs,
        },
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(tag_of("registry.k8s.io/pause:3.10.1"), "3.10.1");
        assert_eq!(tag_of("localhost:5000/busybox"), "latest");
        assert_eq!(tag_of("quay.io/calico/node:v3.32.1@sha256:abcd"), "v3.32.1");
    }

    #[test]
    fn archive_lists_index_layout_and_every_blob() {
        let dir = tempfile::tempdir().unwrap();
        let rootfs = dir.path().join("rootfs");
        std::fs::create_dir_all(rootfs.join("bin")).unwrap();
        std::fs::write(rootfs.join("bin/hello"), b"hi").unwrap();
        let out = dir.path().join("img.tar");
        let d = write_image_archive(
            &ImageSpec {
                reference: "example.test/hello:1",
                arch: "amd64",
                rootfs: &rootfs,
                cmd: &["/bin/hello"],
            },
            &out,
        )
        .unwrap();
        let mut names = Vec::new();
        let mut manifest = Vec::new();
        for e in tar::Archive::new(std::fs::File::open(&out).unwrap())
            .entries()
            .unwrap()
        {
            let mut e = e.unwrap();
            let name = e.path().unwrap().to_string_lossy().into_owned();
            if name.ends_with(d.trim_start_matches("sha256:")) {
                std::io::Read::read_to_end(&mut e, &mut manifest).unwrap();
            }
            names.push(name);
        }
        assert_eq!(names.len(), 5, "{names:?}");
        assert_eq!(names[..2], ["oci-layout", "index.json"]);
        assert_eq!(digest(&manifest), d);
        assert!(!dir.path().join("img.tcs-partial").exists());
    }
}
