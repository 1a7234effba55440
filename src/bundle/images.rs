//! Pulling container images from OCI registries into OCI image archives, with oci-client (no
//! Docker, no containerd on the machine that builds the bundle). For a multi-platform image the
//! index entry for `linux/<arch>` is picked; the manifest is kept byte for byte so its digest is
//! the one upstream publishes, and every blob is checked against its digest before the archive
//! is written.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::manifest::OciDescriptor;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};
use serde_json::Value;

use super::oci::{Blob, Layout, digest, write_layout};

const INDEX_OCI: &str = "application/vnd.oci.image.index.v1+json";
const INDEX_DOCKER: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const MANIFEST_DOCKER: &str = "application/vnd.docker.distribution.manifest.v2+json";
const ACCEPTED: &[&str] = &[
    INDEX_OCI,
    INDEX_DOCKER,
    super::oci::MANIFEST_OCI,
    MANIFEST_DOCKER,
];

/// Why an image could not be pulled.
#[derive(Debug, thiserror::Error)]
#[error("image {reference} ({arch}) from {source_ref}: {reason}")]
pub struct PullError {
    /// The image reference.
    pub reference: String,
    /// Architecture.
    pub arch: String,
    /// Where it was pulled from (the mirror's reference when a mirror is used).
    pub source_ref: String,
    /// Why.
    pub reason: String,
}

/// A registry that mirrors others under `<host>/<prefix>/<upstream registry>/<repository>`
/// (the layout of Harbor proxy projects and of `crane copy` mirrors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryMirror {
    /// Host and port.
    pub host: String,
    /// Path prefix inside the mirror (may be empty).
    pub prefix: String,
    /// Plain HTTP (a loopback or lab registry).
    pub plain_http: bool,
}

impl RegistryMirror {
    /// Parses `http://127.0.0.1:5000`, `https://harbor.lan/proxy` or `harbor.lan/proxy`.
    pub fn parse(text: &str) -> Result<RegistryMirror, String> {
        let (plain_http, rest) = if let Some(r) = text.strip_prefix("http://") {
            (true, r)
        } else {
            (false, text.strip_prefix("https://").unwrap_or(text))
        };
        let rest = rest.trim_end_matches('/');
        let (host, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() {
            return Err(format!("registry mirror {text:?} has no host"));
        }
        Ok(RegistryMirror {
            host: host.to_string(),
            prefix: prefix.to_string(),
            plain_http,
        })
    }

    /// `image` as pulled through this mirror: `<host>/<prefix>/<upstream registry>/<repo>`
    /// with the same tag or digest (`docker.io/library/` is spelled out).
    pub fn rewrite_image(&self, image: &str) -> Result<String, String> {
        let r: Reference = image
            .parse()
            .map_err(|e| format!("image {image:?} is not a valid reference: {e}"))?;
        Ok(self.rewrite(&r).whole())
    }

    fn rewrite(&self, r: &Reference) -> Reference {
        let mut repo = String::new();
        if !self.prefix.is_empty() {
            repo.push_str(&self.prefix);
            repo.push('/');
        }
        repo.push_str(r.registry());
        repo.push('/');
        repo.push_str(r.repository());
        match (r.tag(), r.digest()) {
            (_, Some(d)) => Reference::with_digest(self.host.clone(), repo, d.to_string()),
            (Some(t), None) => Reference::with_tag(self.host.clone(), repo, t.to_string()),
            (None, None) => Reference::with_tag(self.host.clone(), repo, "latest".into()),
        }
    }
}

/// An image written into a bundle.
#[derive(Debug, Clone)]
pub struct PulledImage {
    /// The manifest digest containerd will report after import.
    pub digest: String,
    /// Archive size in bytes.
    pub size: u64,
}

/// Pulls images, anonymously (registries' token handshake included).
pub struct Puller {
    client: Client,
    mirror: Option<RegistryMirror>,
}

impl Puller {
    /// A puller that fetches through `mirror` when given.
    pub fn new(mirror: Option<RegistryMirror>) -> Puller {
        let protocol = match &mirror {
            Some(m) if m.plain_http => ClientProtocol::HttpsExcept(vec![m.host.clone()]),
            _ => ClientProtocol::Https,
        };
        crate::tls::install_crypto_provider();
        let client = Client::new(ClientConfig {
            protocol,
            connect_timeout: Some(std::time::Duration::from_secs(30)),
            read_timeout: Some(std::time::Duration::from_secs(300)),
            ..ClientConfig::default()
        });
        Puller { client, mirror }
    }

    /// Pulls `reference` for `linux/<arch>` and writes it as an OCI archive at `out`, using
    /// `work` for blobs in transit.
    pub async fn pull(
        &self,
        reference: &str,
        arch: &str,
        out: &Path,
        work: &Path,
    ) -> Result<PulledImage, PullError> {
        let parsed = Reference::from_str(reference).map_err(|e| PullError {
            reference: reference.into(),
            arch: arch.into(),
            source_ref: reference.into(),
            reason: format!("not an image reference: {e}"),
        })?;
        let from = match &self.mirror {
            Some(m) => m.rewrite(&parsed),
            None => parsed.clone(),
        };
        let err = |reason: String| PullError {
            reference: reference.into(),
            arch: arch.into(),
            source_ref: from.whole(),
            reason,
        };
        let auth = RegistryAuth::Anonymous;
        let (bytes, got) = self
            .client
            .pull_manifest_raw(&from, &auth, ACCEPTED)
            .await
            .map_err(|e| err(e.to_string()))?;
        let mut manifest_bytes = bytes.to_vec();
        let mut doc: Value =
            serde_json::from_slice(&manifest_bytes).map_err(|e| err(format!("manifest: {e}")))?;
        if let Some(d) = from.digest()
            && digest(&manifest_bytes) != d
        {
            return Err(err(format!("manifest digest {got} is not {d}")));
        }
        if doc.get("manifests").is_some() {
            let entry = pick_platform(&doc, arch).ok_or_else(|| {
                err(format!(
                    "the image index has no linux/{arch} manifest (platforms: {})",
                    platforms(&doc).join(", ")
                ))
            })?;
            let by_digest = Reference::with_digest(
                from.registry().to_string(),
                from.repository().to_string(),
                entry.clone(),
            );
            let (bytes, _) = self
                .client
                .pull_manifest_raw(&by_digest, &auth, ACCEPTED)
                .await
                .map_err(|e| err(e.to_string()))?;
            manifest_bytes = bytes.to_vec();
            if digest(&manifest_bytes) != entry {
                return Err(err(format!(
                    "manifest for {arch} does not match its index digest {entry}"
                )));
            }
            doc = serde_json::from_slice(&manifest_bytes)
                .map_err(|e| err(format!("manifest: {e}")))?;
        }
        let media_type = doc
            .get("mediaType")
            .and_then(Value::as_str)
            .unwrap_or(super::oci::MANIFEST_OCI)
            .to_string();
        let descriptors = blob_descriptors(&doc).map_err(err)?;
        std::fs::create_dir_all(work).map_err(|e| err(format!("{}: {e}", work.display())))?;
        let mut blobs = Vec::new();
        for (i, d) in descriptors.iter().enumerate() {
            let path = work.join(d.digest.replace(':', "-"));
            let file = tokio::fs::File::create(&path)
                .await
                .map_err(|e| err(format!("{}: {e}", path.display())))?;
            self.client
                .pull_blob(&from, d, file)
                .await
                .map_err(|e| err(format!("blob {}: {e}", d.digest)))?;
            let have = format!(
                "sha256:{}",
                crate::ssh::sha256_file(&path).map_err(|e| err(e.to_string()))?
            );
            if have != d.digest {
                return Err(err(format!("blob {} arrived as {have}", d.digest)));
            }
            if i == 0 {
                check_config_arch(&path, arch).map_err(err)?;
            }
            blobs.push((d.digest.clone(), Blob::File(path)));
        }
        let manifest_digest = write_layout(
            &Layout {
                reference,
                arch,
                manifest_media_type: &media_type,
                manifest: &manifest_bytes,
                blobs,
            },
            out,
        )
        .map_err(|e| err(format!("{}: {e}", out.display())))?;
        let _ = std::fs::remove_dir_all(work);
        let size = std::fs::metadata(out)
            .map_err(|e| err(e.to_string()))?
            .len();
        Ok(PulledImage {
            digest: manifest_digest,
            size,
        })
    }
}

/// The config descriptor then every layer descriptor of an image manifest.
fn blob_descriptors(doc: &Value) -> Result<Vec<OciDescriptor>, String> {
    let one = |v: &Value| -> Result<OciDescriptor, String> {
        serde_json::from_value::<OciDescriptor>(v.clone())
            .map_err(|e| format!("manifest descriptor: {e}"))
    };
    let config = doc
        .get("config")
        .ok_or("the manifest has no config (not a container image)")?;
    let mut out = vec![one(config)?];
    for l in doc
        .get("layers")
        .and_then(Value::as_array)
        .ok_or("the manifest has no layers")?
    {
        out.push(one(l)?);
    }
    for d in &out {
        if !d.digest.starts_with("sha256:") {
            return Err(format!("blob {} is not sha256-addressed", d.digest));
        }
    }
    Ok(out)
}

/// The digest of the index entry for linux/`arch` (arm64 prefers variant v8 or none).
fn pick_platform(index: &Value, arch: &str) -> Option<String> {
    let entries = index.get("manifests")?.as_array()?;
    let mut best: Option<(u8, String)> = None;
    for e in entries {
        let p = e.get("platform")?;
        let field = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("");
        if field("os") != "linux" || field("architecture") != arch {
            continue;
        }
        let rank = match field("variant") {
            "" => 1,
            "v8" if arch == "arm64" => 2,
            _ => 0,
        };
        let d = e.get("digest")?.as_str()?.to_string();
        if best.as_ref().is_none_or(|(r, _)| rank > *r) {
            best = Some((rank, d));
        }
    }
    best.map(|(_, d)| d)
}

fn platforms(index: &Value) -> Vec<String> {
    index
        .get("manifests")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    let p = e.get("platform")?;
                    Some(format!(
                        "{}/{}",
                        p.get("os")?.as_str()?,
                        p.get("architecture")?.as_str()?
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A single-platform image must be built for `arch`.
fn check_config_arch(config: &PathBuf, arch: &str) -> Result<(), String> {
    let text = std::fs::read(config).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_slice(&text).map_err(|e| format!("image config: {e}"))?;
    match v.get("architecture").and_then(Value::as_str) {
        Some(a) if a != arch => Err(format!("the image is built for {a}, not {arch}")),
        _ => Ok(()),
    }
}

/// Every container image a set of Kubernetes manifests (multi-document YAML) runs: the
/// `image` of each container, init container and ephemeral container, sorted, each once.
pub fn images_in_manifests(yaml: &str) -> Result<Vec<String>, String> {
    let docs: Vec<Value> = serde_saphyr::from_multiple(yaml).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    if matches!(
                        k.as_str(),
                        "containers" | "initContainers" | "ephemeralContainers"
                    ) && let Some(list) = v.as_array()
                    {
                        for c in list {
                            if let Some(i) = c.get("image").and_then(Value::as_str)
                                && !out.iter().any(|o| o == i)
                            {
                                out.push(i.to_string());
                            }
                        }
                    }
                    walk(v, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    docs.iter().for_each(|d| walk(d, &mut out));
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mirror_rewrites_keep_the_upstream_registry_in_the_path() {
        let m = RegistryMirror::parse("http://127.0.0.1:5000/").unwrap();
        assert!(m.plain_http);
        let r = Reference::from_str("registry.k8s.io/pause:3.10.1").unwrap();
        assert_eq!(
            m.rewrite(&r).whole(),
            "127.0.0.1:5000/registry.k8s.io/pause:3.10.1"
        );
        let m = RegistryMirror::parse("harbor.lan/proxy").unwrap();
        assert!(!m.plain_http);
        let r = Reference::from_str("busybox").unwrap();
        assert_eq!(
            m.rewrite(&r).whole(),
            "harbor.lan/proxy/docker.io/library/busybox:latest"
        );
        assert!(RegistryMirror::parse("http:///x").is_err());
    }

    #[test]
    fn platform_choice() {
        let index = json!({"manifests": [
            {"digest": "sha256:a", "platform": {"os": "linux", "architecture": "amd64"}},
            {"digest": "sha256:b", "platform": {"os": "linux", "architecture": "arm", "variant": "v7"}},
            {"digest": "sha256:c", "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
            {"digest": "sha256:d", "platform": {"os": "windows", "architecture": "amd64"}},
            {"digest": "sha256:e", "platform": {"os": "unknown", "architecture": "unknown"}},
        ]});
        assert_eq!(pick_platform(&index, "amd64").as_deref(), Some("sha256:a"));
        assert_eq!(pick_platform(&index, "arm64").as_deref(), Some("sha256:c"));
        assert_eq!(pick_platform(&index, "s390x"), None);
        assert_eq!(platforms(&index).len(), 5);
    }

    #[test]
    fn images_of_manifests() {
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {image: not-this}\n---\napiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: a, image: quay.io/calico/cni:v3.32.1}\n      containers:\n      - {name: b, image: quay.io/calico/node:v3.32.1}\n      - {name: c, image: quay.io/calico/cni:v3.32.1}\n";
        assert_eq!(
            images_in_manifests(yaml).unwrap(),
            ["quay.io/calico/cni:v3.32.1", "quay.io/calico/node:v3.32.1"]
        );
    }
}
