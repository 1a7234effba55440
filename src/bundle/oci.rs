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

/// Converts a `docker save` archive (one image) into an OCI image archive at `out`, the format
/// bundles carry, keeping its config and layers byte for byte. Returns the image's reference
/// (its first tag), architecture and the OCI manifest digest containerd reports after import.
pub fn from_docker_archive(
    archive: &Path,
    out: &Path,
) -> std::io::Result<(String, String, String)> {
    let bad = |m: String| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {m}", archive.display()),
        )
    };
    let work = tempfile::tempdir_in(out.parent().unwrap_or(Path::new(".")))?;
    tar::Archive::new(std::fs::File::open(archive)?).unpack(work.path())?;
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(work.path().join("manifest.json"))
            .map_err(|e| bad(format!("no manifest.json ({e}): not a docker save archive")))?,
    )
    .map_err(|e| bad(e.to_string()))?;
    let entry = manifest
        .as_array()
        .and_then(|a| match a.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        })
        .ok_or_else(|| bad("expected exactly one image".into()))?;
    let reference = entry["RepoTags"][0]
        .as_str()
        .ok_or_else(|| bad("the image has no tag".into()))?
        .to_string();
    let config_path = work
        .path()
        .join(entry["Config"].as_str().unwrap_or_default());
    let config = std::fs::read(&config_path)?;
    let config_json: serde_json::Value =
        serde_json::from_slice(&config).map_err(|e| bad(e.to_string()))?;
    let arch = config_json["architecture"]
        .as_str()
        .unwrap_or("amd64")
        .to_string();
    let config_digest = digest(&config);
    let mut layers = Vec::new();
    let mut blobs: Blobs = vec![(config_digest.clone(), Blob::Bytes(config.clone()))];
    for l in entry["Layers"].as_array().into_iter().flatten() {
        let p = work.path().join(l.as_str().unwrap_or_default());
        let mut hasher = Sha256::new();
        let mut f = std::fs::File::open(&p)?;
        let mut buf = vec![0u8; 1 << 20];
        let mut size = 0u64;
        loop {
            let n = std::io::Read::read(&mut f, &mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            size += n as u64;
        }
        let d = format!("sha256:{}", hex::encode(hasher.finalize()));
        layers.push(json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": d, "size": size}));
        blobs.push((d, Blob::File(p)));
    }
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_OCI,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": layers,
    }))?;
    let d = write_layout(
        &Layout {
            reference: &reference,
            arch: &arch,
            manifest_media_type: MANIFEST_OCI,
            manifest: &manifest,
            blobs,
        },
        out,
    )?;
    Ok((reference, arch, d))
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

    #[test]
    fn docker_save_archives_become_oci_archives_with_the_same_layers() {
        let dir = tempfile::tempdir().unwrap();
        let layer = b"pretend this is a layer tar".to_vec();
        let config =
            br#"{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#
                .to_vec();
        let docker = dir.path().join("save.tar");
        {
            let mut b = tar::Builder::new(std::fs::File::create(&docker).unwrap());
            let mut add = |name: &str, data: &[u8]| {
                let mut h = tar::Header::new_gnu();
                h.set_size(data.len() as u64);
                h.set_mode(0o644);
                h.set_cksum();
                b.append_data(&mut h, name, data).unwrap();
            };
            add("abc.json", &config);
            add("l1/layer.tar", &layer);
            add("manifest.json", br#"[{"Config":"abc.json","RepoTags":["tcs.local/tcs:0.1.0"],"Layers":["l1/layer.tar"]}]"#);
            b.finish().unwrap();
        }
        let out = dir.path().join("oci.tar");
        let (reference, arch, manifest_digest) = from_docker_archive(&docker, &out).unwrap();
        assert_eq!(
            (reference.as_str(), arch.as_str()),
            ("tcs.local/tcs:0.1.0", "arm64")
        );
        let mut files = std::collections::BTreeMap::new();
        for e in tar::Archive::new(std::fs::File::open(&out).unwrap())
            .entries()
            .unwrap()
        {
            let mut e = e.unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut data).unwrap();
            files.insert(e.path().unwrap().to_string_lossy().to_string(), data);
        }
        let blob =
            |d: &str| files[&format!("blobs/sha256/{}", d.trim_start_matches("sha256:"))].clone();
        assert_eq!(digest(&blob(&manifest_digest)), manifest_digest);
        let manifest: serde_json::Value = serde_json::from_slice(&blob(&manifest_digest)).unwrap();
        assert_eq!(
            blob(manifest["layers"][0]["digest"].as_str().unwrap()),
            layer
        );
        assert_eq!(blob(manifest["config"]["digest"].as_str().unwrap()), config);
        let index: serde_json::Value = serde_json::from_slice(&files["index.json"]).unwrap();
        assert_eq!(index["manifests"][0]["digest"], manifest_digest);
        assert_eq!(
            index["manifests"][0]["annotations"]["io.containerd.image.name"],
            "tcs.local/tcs:0.1.0"
        );
    }
}
