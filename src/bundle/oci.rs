//! Writing OCI image archives (an OCI image layout in a tar), the format bundles carry images
//! in and `ctr images import` reads. The manifest digest is known when the archive is written,
//! so a host can be checked against it after import.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
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

/// Writes the image as an OCI archive at `out`; returns the manifest digest.
pub fn write_image_archive(spec: &ImageSpec<'_>, out: &Path) -> std::io::Result<String> {
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
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer.len()}],
    }))?;
    let manifest_digest = digest(&manifest);
    let tag = spec
        .reference
        .rsplit_once(':')
        .map(|(_, t)| t)
        .filter(|t| !t.contains('/'))
        .unwrap_or("latest");
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": manifest_digest,
            "size": manifest.len(),
            "platform": {"architecture": spec.arch, "os": "linux"},
            "annotations": {"io.containerd.image.name": spec.reference, "org.opencontainers.image.ref.name": tag},
        }],
    }))?;
    let file = std::fs::File::create(out)?;
    let mut b = tar::Builder::new(file);
    let mut add = |name: &str, data: &[u8]| -> std::io::Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_cksum();
        b.append_data(&mut h, name, data)
    };
    add("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    add("index.json", &index)?;
    for (d, data) in [
        (&layer_digest, &layer),
        (&config_digest, &config),
        (&manifest_digest, &manifest),
    ] {
        add(
            &format!("blobs/sha256/{}", d.trim_start_matches("sha256:")),
            data,
        )?;
    }
    b.into_inner()?.flush()?;
    Ok(manifest_digest)
}
