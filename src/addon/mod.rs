//! Addons: the catalog under `addons/` (built into the binary; `--addons-dir` reads a site's
//! own), values (defaults < inventory < `--values` < `--set`, checked against each addon's
//! schema), rendering with minijinja, and the lifecycle in a cluster (enable, upgrade with
//! prune, disable, status) through the apply engine in [`crate::kube`].

pub mod api_server;
mod bundle;
mod catalog;
mod images;
mod lifecycle;
mod render;
mod values;

pub use bundle::{LOCAL_REGISTRY, bundle_payload};
pub use catalog::{AddonDef, AddonMeta, ApiServer, Catalog, HealthCheck, Source, Upstream};
pub use images::{images_of, rewrite_images};
pub use lifecycle::{
    AddonRecord, AddonStatus, CheckResult, Lifecycle, RECORD_NAMESPACE, record_name,
};
pub use render::{ClusterFacts, RenderRequest, Rendered, UpstreamFiles, render};
pub use values::{ValueLayer, merge_values, parse_set};

/// Label on every object an addon owns: the addon's name.
pub const LABEL_NAME: &str = "addons.tcs.io/name";
/// Label on every object an addon owns: the addon's version.
pub const LABEL_VERSION: &str = "addons.tcs.io/version";
/// Field manager for addon objects.
pub const FIELD_MANAGER: &str = "tcs";

/// Why an addon could not be rendered, enabled or disabled.
#[derive(Debug, thiserror::Error)]
pub enum AddonError {
    /// No addon by that name.
    #[error("no addon named {name:?}; the catalog has: {known}")]
    Unknown {
        /// Name asked for.
        name: String,
        /// Known names.
        known: String,
    },
    /// The addon's own files are broken (a bug in the catalog or a site's addon).
    #[error("addon {addon}: {file}: {message}")]
    Definition {
        /// Addon.
        addon: String,
        /// File inside the addon directory.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Values that do not fit the addon's schema.
    #[error("addon {addon}: invalid values:\n{}", problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Values {
        /// Addon.
        addon: String,
        /// One line per problem, each naming the key.
        problems: Vec<String>,
    },
    /// Rendering failed.
    #[error("addon {addon}: {message}")]
    Render {
        /// Addon.
        addon: String,
        /// What failed.
        message: String,
    },
    /// An upstream file is missing or does not match its pinned sha256.
    #[error("addon {addon}: upstream file {file} ({url}): {message}")]
    Upstream {
        /// Addon.
        addon: String,
        /// File name.
        file: String,
        /// Its upstream URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The cluster's Kubernetes version is outside what the addon supports.
    #[error(
        "addon {addon} {version} supports Kubernetes {range}; cluster {cluster} runs {kubernetes}"
    )]
    Unsupported {
        /// Addon.
        addon: String,
        /// Addon version.
        version: String,
        /// Supported range.
        range: String,
        /// Cluster.
        cluster: String,
        /// Its version.
        kubernetes: String,
    },
    /// A needed addon is not enabled.
    #[error(
        "addon {addon} needs {needed}, which is not enabled in cluster {cluster}: run `tcs addon enable {needed} --cluster {cluster}` first"
    )]
    Needs {
        /// Addon.
        addon: String,
        /// The addon it needs.
        needed: String,
        /// Cluster.
        cluster: String,
    },
    /// Not enabled in the cluster.
    #[error("addon {addon} is not enabled in cluster {cluster}")]
    NotEnabled {
        /// Addon.
        addon: String,
        /// Cluster.
        cluster: String,
    },
    /// Applying, waiting or deleting failed.
    #[error("addon {addon}: {source}")]
    Apply {
        /// Addon.
        addon: String,
        /// The apply engine's error.
        #[source]
        source: Box<crate::kube::ApplyError>,
    },
    /// A health check failed.
    #[error("addon {addon}: health check failed: {message}")]
    Unhealthy {
        /// Addon.
        addon: String,
        /// Which check and why.
        message: String,
    },
}
