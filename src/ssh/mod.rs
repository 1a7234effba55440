//! SSH transport: russh sessions with host-key checking, key/agent/password authentication,
//! bastion chains, exec with sudo/doas, and verified atomic uploads over SFTP.
//!
//! russh moves fast (a breaking 0.x release every few weeks), so everything that touches it
//! lives in this module; the rest of tcs sees [`Session`], [`SshTarget`] and [`SshError`].

pub mod known_hosts;
mod session;
pub mod target;

use std::fmt;
use std::path::PathBuf;

pub use session::{
    ExecOptions, ExecOutput, LineSink, OutputLine, Session, Stream, UploadOutcome, rand_nonce,
    sha256_file,
};
pub use target::{AuthConfig, Become, Hop, SshTarget, TargetResolver};

/// A secret (password, passphrase): never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Why an SSH operation failed; every variant names the host and says what to do.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SshError {
    /// TCP connection or SSH handshake failed.
    #[error("{host}: cannot connect to {address}: {reason}")]
    Connect {
        /// Host name from the inventory.
        host: String,
        /// `address:port` tried.
        address: String,
        /// What went wrong.
        reason: String,
    },
    /// The host's key is not in known_hosts and the policy is strict.
    #[error(
        "{host}: host key of {address} is not known ({fingerprint}).\n  Verify the fingerprint \
         out of band, then trust it with `ssh-keyscan -p {port} {ip} >> {known_hosts}`, or run \
         once with hostKeyPolicy: accept-new (--accept-new-host-keys) to record it"
    )]
    HostKeyUnknown {
        /// Host name.
        host: String,
        /// Address shown.
        address: String,
        /// Bare address, for ssh-keyscan.
        ip: String,
        /// Port.
        port: u16,
        /// `SHA256:...`.
        fingerprint: String,
        /// The known_hosts file.
        known_hosts: PathBuf,
    },
    /// The host presents a different key than the one recorded.
    #[error(
        "{host}: HOST KEY CHANGED for {address}: it now presents {fingerprint}, which does not \
         match {}:{line}. This may be a man-in-the-middle attack. If the host was reinstalled, \
         remove that line (ssh-keygen -R) and trust the new key explicitly",
        known_hosts.display()
    )]
    HostKeyChanged {
        /// Host name.
        host: String,
        /// Address.
        address: String,
        /// `SHA256:...` of the presented key.
        fingerprint: String,
        /// The known_hosts file.
        known_hosts: PathBuf,
        /// Line of the recorded key.
        line: usize,
    },
    /// The presented key is marked `@revoked`.
    #[error("{host}: the key of {address} ({fingerprint}) is revoked in {}:{line}", known_hosts.display())]
    HostKeyRevoked {
        /// Host name.
        host: String,
        /// Address.
        address: String,
        /// `SHA256:...`.
        fingerprint: String,
        /// The known_hosts file.
        known_hosts: PathBuf,
        /// Line of the revocation.
        line: usize,
    },
    /// No authentication method was accepted.
    #[error("{host}: authentication as '{user}' failed (tried: {tried}); {hint}")]
    Auth {
        /// Host name.
        host: String,
        /// Login user.
        user: String,
        /// Methods tried.
        tried: String,
        /// What to check.
        hint: String,
    },
    /// A key file could not be read or decrypted.
    #[error("{host}: cannot load key {}: {reason}", path.display())]
    Key {
        /// Host name.
        host: String,
        /// Key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A command did not finish in time.
    #[error("{host}: '{command}' timed out after {seconds}s")]
    Timeout {
        /// Host name.
        host: String,
        /// The command (never with secrets).
        command: String,
        /// The limit.
        seconds: u64,
    },
    /// Privilege escalation failed.
    #[error("{host}: {method} failed: {reason}")]
    Become {
        /// Host name.
        host: String,
        /// sudo or doas.
        method: String,
        /// Why, and what to do.
        reason: String,
    },
    /// An upload failed; the destination was not touched.
    #[error("{host}: upload to {remote} failed: {reason}")]
    Upload {
        /// Host name.
        host: String,
        /// Destination path.
        remote: String,
        /// Why.
        reason: String,
    },
    /// The host stopped answering: the keepalives went unanswered and the connection closed.
    #[error(
        "{host}: connection lost: no answer for {seconds} s; the host or the network to it went down \
         (the limit is spec.ssh.keepaliveInterval x keepaliveCountMax)"
    )]
    ConnectionLost {
        /// Host name.
        host: String,
        /// How long it answered nothing.
        seconds: u64,
    },
    /// The SSH session or a channel broke.
    #[error("{host}: SSH session error: {reason}")]
    Session {
        /// Host name.
        host: String,
        /// Why.
        reason: String,
    },
}

impl SshError {
    /// True when retrying the connection may help (network trouble, not trust or credentials).
    pub fn is_transient(&self) -> bool {
        matches!(self, SshError::Connect { .. })
    }
}

/// Quotes `s` for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("/etc/hosts"), "/etc/hosts");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn secrets_do_not_print() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
    }
}
