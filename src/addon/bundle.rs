//! What an offline bundle carries for addons.

use super::AddonError;

/// The registry name of images built on this machine (scripts/build-tcs-image).
pub const LOCAL_REGISTRY: &str = "tcs.local/";

/// What `tcs bundle build --addon` carries for `names` (`all`: the whole catalog): each
/// addon's pinned upstream files (under `addons/<name>/`) and the images its render with
/// default values runs for Kubernetes `kubernetes`.
pub fn bundle_payload(
    names: &[String],
    kubernetes: &str,
    mirror: &crate::bundle::sources::Mirror,
    cache: &std::path::Path,
) -> Result<(Vec<crate::bundle::sources::Artifact>, Vec<String>), AddonError> {
    let catalog = super::Catalog::builtin()?;
    let names: Vec<String> = if names.iter().any(|n| n == "all") {
        catalog.addons.keys().cloned().collect()
    } else {
        names.to_vec()
    };
    let version = kubernetes.trim_start_matches('v').to_string();
    let facts = super::ClusterFacts {
        name: "bundle".into(),
        role: "business".into(),
        kubernetes_minor: version.split('.').take(2).collect::<Vec<_>>().join("."),
        kubernetes_version: version,
        pod_cidr: crate::inventory::DEFAULT_POD_CIDR.into(),
        service_cidr: crate::inventory::DEFAULT_SERVICE_CIDR.into(),
        endpoint: "192.0.2.1".into(),
        addresses: vec!["192.0.2.1".into()],
        control_plane: vec!["n1".into()],
    };
    let upstream = super::UpstreamFiles {
        bundle: None,
        cache: cache.join("downloads"),
        mirror: mirror.clone(),
    };
    // Webhook certificates issued while rendering go to a throw-away PKI.
    let scratch = tempfile::tempdir().map_err(|e| AddonError::Render {
        addon: names.join(","),
        message: format!("temporary directory: {e}"),
    })?;
    let mut files = Vec::new();
    let mut images = Vec::new();
    for name in &names {
        let def = catalog.get(name)?;
        for s in &def.meta.sources {
            files.push(crate::bundle::sources::Artifact {
                component: "addon",
                arch: String::new(),
                url: s.url.clone(),
                checksum_url: String::new(),
                format: crate::bundle::sources::ChecksumFormat::Bare,
                path: format!("addons/{name}/{}", s.name),
                kind: crate::bundle::FileKind::Manifest,
                pinned: Some(s.sha256.clone()),
            });
        }
        let rendered = super::render(&super::RenderRequest {
            def,
            cluster: facts.clone(),
            layers: Vec::new(),
            registry: None,
            upstream: &upstream,
            pki: Some(crate::pki::ClusterPki::new(scratch.path(), "bundle")),
        })?;
        for i in rendered
            .images
            .into_iter()
            .chain(def.meta.member_images.clone())
        {
            // Images built here (tcs's own) come with --image-archive, never from a registry.
            if i.starts_with(LOCAL_REGISTRY) {
                continue;
            }
            if !images.contains(&i) {
                images.push(i);
            }
        }
    }
    Ok((files, images))
}
