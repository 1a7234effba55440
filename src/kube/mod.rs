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
pub use manifest::{Manifest, ManifestError, ObjectRef, install_rank, parse_documents};

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
