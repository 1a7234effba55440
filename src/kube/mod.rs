//! The apply engine: multi-document YAML -> discovery -> server-side apply, readiness waits,
//! deletion. Addons (`crate::addon`) and federation apply through it.
//!
//! Objects go out in a fixed order: namespaces and CRDs first (then a wait for every CRD to be
//! Established, so the kinds they define resolve), then the built-in kinds in Helm's install
//! order, then a wait for the workloads among them, then custom resources (whose admission
//! webhooks usually run in the workloads just started). Every request is a server-side apply
//! with a named field manager and `force`, so tcs owns the fields it sets and nothing else.

mod apply;
mod health;
mod manifest;

#[cfg(test)]
pub(crate) mod fake;

pub use apply::{Applier, ApplyError, ApplyEvent, WaitOptions};
pub use health::{Health, condition, condition_health, health_of};
pub use manifest::{
    Manifest, ManifestError, ObjectRef, install_rank, parse_documents, yaml_documents,
};

use anyhow::Context;
use std::path::Path;

/// A client for the cluster whose kubeconfig is at `path` (its current context).
pub async fn client_from_kubeconfig(path: &Path) -> anyhow::Result<::kube::Client> {
    crate::tls::install_crypto_provider();
    let kubeconfig = ::kube::config::Kubeconfig::read_from(path)
        .with_context(|| format!("reading kubeconfig {}", path.display()))?;
    let config = ::kube::Config::from_custom_kubeconfig(kubeconfig, &Default::default())
        .await
        .with_context(|| format!("kubeconfig {}", path.display()))?;
    ::kube::Client::try_from(config).with_context(|| format!("kubeconfig {}", path.display()))
}

/// A client error in people's words: the error and its causes, one after another, without the
/// wrappers' own names ("ServiceError: client error (Connect)" alone says nothing; its causes
/// say "tcp connect error: Connection refused (os error 111)").
pub fn describe_error(e: &::kube::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = next {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    // The wrappers add nothing once a cause names the problem.
    if parts.len() > 1 {
        parts.retain(|p| {
            !p.starts_with("ServiceError: client error") && p != "client error (Connect)"
        });
    }
    parts.join(": ")
}
