//! Live federation: the fleet registry in the global cluster (`clusters.fleet.tcs.io`, one
//! Cluster per member with a ServiceAccount token in a Secret beside it), joining and
//! unjoining members, and applying the federation engine's plan (`crate::fed`) to the members
//! with server-side apply, prune and recorded placements.

mod apply;
pub mod controller;
pub mod karmada;
mod registry;

pub use apply::{
    FedApplyReport, ResourceOutcome, StatusRow, apply_plan, binding_inputs, fed_status,
    prune_member,
};
pub use registry::{
    Connector, JoinRequest, MemberAccess, clusters, connect_member, join, member_status,
    refresh_status, token_connector, unjoin,
};

/// Namespace of the fleet registry (global cluster) and of tcs's agent identity (members).
pub const FLEET_NAMESPACE: &str = "tcs-fleet";
/// Field manager of objects tcs propagates to members.
pub const FED_FIELD_MANAGER: &str = "tcs-fed";
/// The registry CRD.
pub const CLUSTER_CRD: &str = include_str!("../../addons/federation/10-fleet-crd.yaml.j2");
/// apiVersion of registry Clusters.
pub const CLUSTER_API_VERSION: &str = "fleet.tcs.io/v1alpha1";

/// Why a federation operation failed.
#[derive(Debug, thiserror::Error)]
pub enum FedError {
    /// The member cannot be reached.
    #[error("cluster {cluster}: cannot reach its API server ({endpoint}): {message}")]
    Unreachable {
        /// Member.
        cluster: String,
        /// Its endpoint.
        endpoint: String,
        /// Why.
        message: String,
    },
    /// The member's credentials lack permissions tcs needs.
    #[error(
        "cluster {cluster}: the kubeconfig's user may not {missing}; join needs to create a namespace, a ServiceAccount, its token Secret and a ClusterRoleBinding (cluster-admin does)"
    )]
    Forbidden {
        /// Member.
        cluster: String,
        /// What is missing, e.g. `create clusterrolebindings`.
        missing: String,
    },
    /// Not in the registry.
    #[error("cluster {cluster} is not in the fleet (tcs cluster join {cluster} --kubeconfig FILE)")]
    NotJoined {
        /// Member.
        cluster: String,
    },
    /// The apply engine failed.
    #[error("{0}")]
    Apply(#[from] Box<crate::kube::ApplyError>),
    /// Anything else, with its context.
    #[error("{0}")]
    Other(String),
}

impl From<crate::kube::ApplyError> for FedError {
    fn from(e: crate::kube::ApplyError) -> Self {
        FedError::Apply(Box::new(e))
    }
}

#[cfg(test)]
mod tests;
