//! tcs: a cluster installer and fleet manager for private container clouds.
//!
//! The library holds everything; the `tcs` binary is a thin shell over [`cli`].
//! See `docs/architecture.md` for how the layers fit together.

pub mod addon;
pub mod bundle;
pub mod cli;
pub mod facts;
pub mod fed;
pub mod federation;
pub mod fleet;
pub mod inventory;
pub mod kube;
pub mod kubeconfig;
pub mod logging;
pub mod ops;
pub mod pki;
pub mod plan;
pub mod ssh;
pub mod state;
pub mod steps;
pub mod text;
pub mod tls;
pub mod ui;
