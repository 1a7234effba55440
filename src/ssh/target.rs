//! Where and how to reach one host: the inventory's SSH settings resolved into plain values.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Secret, SshError};
use crate::inventory::validate::resolve_path;
use crate::inventory::{Host, HostKeyPolicy, Inventory, SshSpec};

/// How to authenticate.
#[derive(Debug, Clone, Default)]
pub struct AuthConfig {
    /// Private key file.
    pub identity_file: Option<PathBuf>,
    /// Passphrase of that key, when it is encrypted.
    pub passphrase: Option<Secret>,
    /// Login password (also used for sudo).
    pub password: Option<Secret>,
    /// ssh-agent socket to try (normally `SSH_AUTH_SOCK`).
    pub agent_socket: Option<PathBuf>,
}

/// A jump host on the way to the target.
#[derive(Debug, Clone)]
pub struct Hop {
    /// Address of the jump host.
    pub address: String,
    /// Its SSH port.
    pub port: u16,
    /// Login user on it.
    pub user: String,
    /// How to authenticate to it.
    pub auth: AuthConfig,
}

/// How to become root for commands that need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Become {
    /// Decide after login: nothing for root, else sudo (with the password if one is set), else doas.
    Auto,
    /// Run as the login user.
    None,
    /// sudo; the password, when given, is fed on stdin.
    Sudo(Option<Secret>),
    /// doas without a password.
    Doas,
}

/// Default seconds between keepalives (`spec.ssh.keepaliveInterval`).
pub const DEFAULT_KEEPALIVE_INTERVAL: u64 = 15;
/// Default unanswered keepalives before a connection counts as lost (`keepaliveCountMax`).
pub const DEFAULT_KEEPALIVE_MAX: usize = 4;

/// Everything needed to open a session to one host.
#[derive(Debug, Clone)]
pub struct SshTarget {
    /// Host name from the inventory (used in messages).
    pub host: String,
    /// Address to connect to.
    pub address: String,
    /// SSH port.
    pub port: u16,
    /// Login user.
    pub user: String,
    /// Authentication.
    pub auth: AuthConfig,
    /// known_hosts file.
    pub known_hosts: PathBuf,
    /// Unknown-host policy.
    pub host_key_policy: HostKeyPolicy,
    /// Jump hosts, outermost first.
    pub jumps: Vec<Hop>,
    /// Privilege escalation.
    pub become_root: Become,
    /// Limit for TCP connect plus handshake.
    pub connect_timeout: Duration,
    /// Keepalive interval on an idle connection.
    pub keepalive_interval: Duration,
    /// Unanswered keepalives after which the connection counts as lost.
    pub keepalive_max: usize,
}

impl SshTarget {
    /// A target with defaults: port 22, user root, the agent of `SSH_AUTH_SOCK`, strict host keys.
    pub fn new(host: &str, address: &str) -> Self {
        SshTarget {
            host: host.to_string(),
            address: address.to_string(),
            port: 22,
            user: "root".into(),
            auth: AuthConfig {
                agent_socket: agent_socket(),
                ..AuthConfig::default()
            },
            known_hosts: default_known_hosts(),
            host_key_policy: HostKeyPolicy::Strict,
            jumps: Vec::new(),
            become_root: Become::Auto,
            connect_timeout: Duration::from_secs(10),
            keepalive_interval: Duration::from_secs(DEFAULT_KEEPALIVE_INTERVAL),
            keepalive_max: DEFAULT_KEEPALIVE_MAX,
        }
    }

    /// How long a host may answer nothing before its connection counts as lost.
    pub fn lost_after(&self) -> Duration {
        self.keepalive_interval * self.keepalive_max as u32
    }

    /// `address:port` for messages.
    pub fn display_address(&self) -> String {
        super::known_hosts::host_token(&self.address, self.port)
    }
}

fn agent_socket() -> Option<PathBuf> {
    std::env::var_os("SSH_AUTH_SOCK")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
}

fn default_known_hosts() -> PathBuf {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".ssh/known_hosts"))
        .unwrap_or_else(|| PathBuf::from(".ssh/known_hosts"))
}

/// Resolves inventory hosts into targets, reading secrets from the environment and prompting
/// (once per key file) for passphrases of encrypted keys when a terminal is attached.
pub struct TargetResolver<'a> {
    inventory: &'a Inventory,
    base: PathBuf,
    policy_override: Option<HostKeyPolicy>,
    passphrases: HashMap<PathBuf, Option<Secret>>,
}

impl<'a> TargetResolver<'a> {
    /// A resolver for `inventory` read from `inventory_path`.
    pub fn new(
        inventory: &'a Inventory,
        inventory_path: &Path,
        policy_override: Option<HostKeyPolicy>,
    ) -> Self {
        let base = inventory_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        TargetResolver {
            inventory,
            base,
            policy_override,
            passphrases: HashMap::new(),
        }
    }

    /// The target for `host`.
    pub fn resolve(&mut self, host: &Host) -> Result<SshTarget, SshError> {
        let ssh = host.ssh.or(&self.inventory.spec.ssh);
        let auth = self.auth(&host.name, &ssh, ssh.identity_file.as_deref())?;
        let mut jumps = Vec::new();
        if let Some(b) = &ssh.bastion {
            let key = b.identity_file.as_deref().or(ssh.identity_file.as_deref());
            jumps.push(Hop {
                address: b.address.clone(),
                port: b.port.unwrap_or(22),
                user: b
                    .user
                    .clone()
                    .or_else(|| ssh.user.clone())
                    .unwrap_or_else(|| "root".into()),
                auth: self.auth(&host.name, &ssh, key)?,
            });
        }
        let user = ssh.user.clone().unwrap_or_else(|| "root".into());
        let become_root = if user == "root" {
            Become::None
        } else {
            Become::Auto
        };
        Ok(SshTarget {
            host: host.name.clone(),
            address: host.address.clone(),
            port: ssh.port.unwrap_or(22),
            user,
            auth,
            known_hosts: ssh
                .known_hosts
                .as_deref()
                .map(|k| resolve_path(k, &self.base))
                .unwrap_or_else(default_known_hosts),
            host_key_policy: self
                .policy_override
                .or(ssh.host_key_policy)
                .unwrap_or_default(),
            jumps,
            become_root,
            connect_timeout: Duration::from_secs(10),
            keepalive_interval: Duration::from_secs(
                ssh.keepalive_interval.unwrap_or(DEFAULT_KEEPALIVE_INTERVAL),
            ),
            keepalive_max: ssh
                .keepalive_count_max
                .map_or(DEFAULT_KEEPALIVE_MAX, |n| n as usize),
        })
    }

    fn auth(
        &mut self,
        host: &str,
        ssh: &SshSpec,
        identity_file: Option<&str>,
    ) -> Result<AuthConfig, SshError> {
        let password = ssh.password_env.as_deref().and_then(env_secret);
        let identity_file = identity_file.map(|f| resolve_path(f, &self.base));
        let passphrase = match &identity_file {
            Some(path) => self.passphrase(host, ssh, path)?,
            None => None,
        };
        Ok(AuthConfig {
            identity_file,
            passphrase,
            password,
            agent_socket: agent_socket(),
        })
    }

    fn passphrase(
        &mut self,
        host: &str,
        ssh: &SshSpec,
        path: &Path,
    ) -> Result<Option<Secret>, SshError> {
        if let Some(known) = self.passphrases.get(path) {
            return Ok(known.clone());
        }
        let key_error = |reason: String| SshError::Key {
            host: host.to_string(),
            path: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| key_error(e.to_string()))?;
        let encrypted = matches!(
            russh::keys::decode_secret_key(&text, None),
            Err(russh::keys::Error::KeyIsEncrypted)
        );
        let secret = if !encrypted {
            None
        } else if let Some(s) = ssh.passphrase_env.as_deref().and_then(env_secret) {
            Some(s)
        } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            let value = dialoguer::Password::new()
                .with_prompt(format!("Passphrase for {}", path.display()))
                .interact()
                .map_err(|e| key_error(e.to_string()))?;
            Some(Secret::new(value))
        } else {
            return Err(key_error(
                "the key is encrypted; set spec.ssh.passphraseEnv to the name of an \
                 environment variable holding the passphrase, run on a terminal to be asked, \
                 or load the key into ssh-agent"
                    .into(),
            ));
        };
        self.passphrases.insert(path.to_path_buf(), secret.clone());
        Ok(secret)
    }
}

fn env_secret(name: &str) -> Option<Secret> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .map(Secret::new)
}
