//! One TLS crypto backend for the whole binary: rustls on ring (russh uses ring too), installed
//! as the process default before any HTTPS client is built.

/// Installs ring as rustls's process-wide provider (a no-op when one is installed).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
