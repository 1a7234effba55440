//! One SSH connection per host, many channels on it: exec and upload.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::{PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::known_hosts::{KnownHosts, Verdict, fingerprint};
use super::target::{AuthConfig, Become, SshTarget};
use super::{SshError, shell_quote};
use crate::inventory::HostKeyPolicy;

/// Seconds an SFTP request may wait for its answer.
const SFTP_REQUEST_TIMEOUT_SECS: u64 = 120;

/// Which output stream a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// One line of a command's output, as it arrives.
#[derive(Debug, Clone)]
pub struct OutputLine {
    /// Host name.
    pub host: String,
    /// Which stream.
    pub stream: Stream,
    /// The line, without its newline.
    pub line: String,
}

/// Callback receiving output lines while a command runs.
pub type LineSink = Arc<dyn Fn(OutputLine) + Send + Sync>;

/// How to run a command.
#[derive(Clone, Default)]
pub struct ExecOptions {
    /// Run as root (through the session's sudo/doas).
    pub as_root: bool,
    /// Kill the command after this long.
    pub timeout: Option<Duration>,
    /// Environment variables set for the command.
    pub env: Vec<(String, String)>,
    /// Bytes written to the command's stdin.
    pub stdin: Option<Vec<u8>>,
    /// Receives output lines as they arrive.
    pub on_line: Option<LineSink>,
}

/// What a command did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExecOutput {
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
    /// Exit status, when the command exited.
    pub exit_status: Option<u32>,
    /// Signal name, when the command was killed by one.
    pub exit_signal: Option<String>,
    /// Wall time.
    #[serde(with = "duration_ms")]
    pub duration: Duration,
}

impl ExecOutput {
    /// True when the command exited with status 0.
    pub fn success(&self) -> bool {
        self.exit_status == Some(0)
    }
}

mod duration_ms {
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis() as u64)
    }
}

/// What an upload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UploadOutcome {
    /// The destination already had the same content.
    Unchanged,
    /// The file was written and verified.
    Uploaded,
}

/// Host-key checking inside russh's handshake.
struct Client {
    host: String,
    address: String,
    port: u16,
    known_hosts: KnownHosts,
    known_hosts_path: std::path::PathBuf,
    policy: HostKeyPolicy,
    problem: Arc<Mutex<Option<SshError>>>,
}

/// Serializes appends to known_hosts files across concurrent connections.
static LEARN_LOCK: Mutex<()> = Mutex::new(());

impl Client {
    /// Decides about `key`: `None` when trusted (recording it under accept-new), else why not.
    fn decide(&mut self, key: &russh::keys::PublicKey) -> Option<SshError> {
        let display = super::known_hosts::host_token(&self.address, self.port);
        let mut verdict = self.known_hosts.check(&self.address, self.port, key);
        if verdict == Verdict::Unknown && self.policy == HostKeyPolicy::AcceptNew {
            let _guard = LEARN_LOCK.lock().unwrap_or_else(|p| p.into_inner());
            // Another connection may have recorded this host meanwhile.
            if let Ok(fresh) = KnownHosts::load(&self.known_hosts_path) {
                self.known_hosts = fresh;
            }
            verdict = self.known_hosts.check(&self.address, self.port, key);
            if verdict == Verdict::Unknown {
                return match self.known_hosts.learn(&self.address, self.port, key) {
                    Ok(()) => {
                        tracing::info!(host = %self.host, fingerprint = %fingerprint(key), "recorded new host key");
                        None
                    }
                    Err(e) => Some(SshError::Connect {
                        host: self.host.clone(),
                        address: display,
                        reason: format!(
                            "cannot record the host key in {}: {e}",
                            self.known_hosts_path.display()
                        ),
                    }),
                };
            }
        }
        match verdict {
            Verdict::Trusted => None,
            Verdict::Unknown => Some(SshError::HostKeyUnknown {
                host: self.host.clone(),
                address: display,
                ip: self.address.clone(),
                port: self.port,
                fingerprint: fingerprint(key),
                known_hosts: self.known_hosts_path.clone(),
            }),
            Verdict::Changed { file, line } => Some(SshError::HostKeyChanged {
                host: self.host.clone(),
                address: display,
                fingerprint: fingerprint(key),
                known_hosts: file,
                line,
            }),
            Verdict::Revoked { file, line } => Some(SshError::HostKeyRevoked {
                host: self.host.clone(),
                address: display,
                fingerprint: fingerprint(key),
                known_hosts: file,
                line,
            }),
        }
    }
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        server_key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let key = match server_key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key.clone(),
            PublicKeyOrCertificate::Certificate(cert) => cert.public_key().clone().into(),
        };
        match self.decide(&key) {
            None => Ok(true),
            Some(problem) => {
                *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = Some(problem);
                Ok(false)
            }
        }
    }
}

/// An authenticated SSH session to one host.
pub struct Session {
    target: SshTarget,
    handle: Handle<Client>,
    /// Sessions to the jump hosts, kept open for the tunnel's lifetime.
    jumps: Vec<Handle<Client>>,
    become_root: Become,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("host", &self.target.host)
            .field("address", &self.target.display_address())
            .finish()
    }
}

fn client_config(
    target: &SshTarget,
    known: &KnownHosts,
    address: &str,
    port: u16,
) -> Arc<client::Config> {
    let mut config = client::Config {
        // Nagle plus delayed ACKs turn every round trip into 40 ms.
        nodelay: true,
        keepalive_interval: Some(target.keepalive_interval),
        keepalive_max: target.keepalive_max,
        ..client::Config::default()
    };
    // Prefer the key types known_hosts already holds for this host, as OpenSSH does, so a
    // host first met with OpenSSH (often ECDSA) is not reported as changed.
    let known_algorithms = known.algorithms_for(address, port);
    if !known_algorithms.is_empty() {
        let mut order: Vec<_> = known_algorithms
            .iter()
            .filter(|a| config.preferred.key.contains(a))
            .cloned()
            .collect();
        order.extend(
            config
                .preferred
                .key
                .iter()
                .filter(|a| !known_algorithms.contains(a))
                .cloned(),
        );
        config.preferred.key = order.into();
    }
    Arc::new(config)
}

impl Session {
    /// Connects (through any jump hosts), checks host keys, authenticates, and settles how to
    /// become root. Transient network failures are retried with backoff (3 attempts).
    pub async fn connect(target: &SshTarget) -> Result<Session, SshError> {
        let mut delay = Duration::from_millis(300);
        let mut attempt = 1;
        loop {
            match Self::connect_once(target).await {
                Err(e) if e.is_transient() && attempt < 3 => {
                    tracing::debug!(host = %target.host, attempt, error = %e, "retrying connection");
                    tokio::time::sleep(delay).await;
                    delay *= 3;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn connect_once(target: &SshTarget) -> Result<Session, SshError> {
        let mut jumps: Vec<Handle<Client>> = Vec::new();
        for hop in &target.jumps {
            let handle = match jumps.last() {
                None => open(target, &hop.address, hop.port, None).await?,
                Some(previous) => open(target, &hop.address, hop.port, Some(previous)).await?,
            };
            let mut handle = handle;
            authenticate(&mut handle, &target.host, &hop.user, &hop.auth).await?;
            jumps.push(handle);
        }
        let mut handle = open(target, &target.address, target.port, jumps.last()).await?;
        authenticate(&mut handle, &target.host, &target.user, &target.auth).await?;
        let mut session = Session {
            target: target.clone(),
            handle,
            jumps,
            become_root: Become::None,
        };
        session.become_root = session.settle_become().await?;
        Ok(session)
    }

    /// The target this session reaches.
    pub fn target(&self) -> &SshTarget {
        &self.target
    }

    /// How this session becomes root.
    pub fn become_method(&self) -> &Become {
        &self.become_root
    }

    async fn settle_become(&self) -> Result<Become, SshError> {
        match &self.target.become_root {
            Become::Auto => {}
            other => return Ok(other.clone()),
        }
        if self.target.user == "root" {
            return Ok(Become::None);
        }
        let probe = self
            .run_raw(
                "command -v sudo >/dev/null 2>&1 && echo sudo || { command -v doas >/dev/null 2>&1 && echo doas; } || echo none",
                &ExecOptions::default(),
            )
            .await?;
        Ok(match probe.stdout.trim() {
            "sudo" => Become::Sudo(self.target.auth.password.clone()),
            "doas" => Become::Doas,
            _ => Become::None,
        })
    }

    /// Runs `command` through the login shell and collects its output.
    pub async fn exec(&self, command: &str, options: &ExecOptions) -> Result<ExecOutput, SshError> {
        let mut script = String::new();
        for (k, v) in &options.env {
            script.push_str(&format!("export {}={}; ", k, shell_quote(v)));
        }
        script.push_str(command);
        let mut stdin: Vec<u8> = Vec::new();
        let mut wrapped = if options.as_root {
            match &self.become_root {
                Become::None | Become::Auto => {
                    if self.target.user == "root" {
                        format!("sh -c {}", shell_quote(&script))
                    } else {
                        return Err(SshError::Become {
                            host: self.target.host.clone(),
                            method: "becoming root".into(),
                            reason: format!(
                                "'{}' is not root and the host has neither sudo nor doas; log in as root or install sudo",
                                self.target.user
                            ),
                        });
                    }
                }
                Become::Sudo(Some(password)) => {
                    // -k: always ask, so the password line is never left for the command.
                    stdin.extend_from_slice(password.expose().as_bytes());
                    stdin.push(b'\n');
                    format!("sudo -k -S -p '' -- sh -c {}", shell_quote(&script))
                }
                Become::Sudo(None) => format!("sudo -n -- sh -c {}", shell_quote(&script)),
                Become::Doas => format!("doas -n sh -c {}", shell_quote(&script)),
            }
        } else {
            script
        };
        if let Some(limit) = options.timeout {
            // Kill the remote command too, not only our wait for it.
            wrapped = format!(
                "timeout -k 5 {} sh -c {}",
                limit.as_secs().max(1),
                shell_quote(&wrapped)
            );
        }
        if let Some(extra) = &options.stdin {
            stdin.extend_from_slice(extra);
        }
        let run = ExecOptions {
            stdin: Some(stdin),
            ..options.clone()
        };
        let output = match options.timeout {
            Some(limit) => tokio::time::timeout(
                limit + Duration::from_secs(10),
                self.run_raw(&wrapped, &run),
            )
            .await
            .map_err(|_| SshError::Timeout {
                host: self.target.host.clone(),
                command: command.to_string(),
                seconds: limit.as_secs(),
            })??,
            None => self.run_raw(&wrapped, &run).await?,
        };
        if options.timeout.is_some() && output.exit_status == Some(124) {
            return Err(SshError::Timeout {
                host: self.target.host.clone(),
                command: command.to_string(),
                seconds: options.timeout.map(|t| t.as_secs()).unwrap_or_default(),
            });
        }
        if options.as_root
            && let Become::Sudo(_) = self.become_root
            && output.exit_status == Some(1)
            && (output.stderr.contains("incorrect password")
                || output.stderr.contains("a password is required")
                || output.stderr.contains("Sorry, try again")
                || output.stderr.contains("is not in the sudoers"))
        {
            return Err(SshError::Become {
                host: self.target.host.clone(),
                method: "sudo".into(),
                reason: format!(
                    "{}; set spec.ssh.passwordEnv to the name of an environment variable holding {}'s password, or allow passwordless sudo",
                    output.stderr.lines().next().unwrap_or("refused").trim(),
                    self.target.user
                ),
            });
        }
        Ok(output)
    }

    /// The error for a broken channel: the connection lost when the session has closed
    /// (keepalives unanswered), else what russh says.
    fn broken(&self, reason: String) -> SshError {
        if self.handle.is_closed() {
            SshError::ConnectionLost {
                host: self.target.host.clone(),
                seconds: self.target.lost_after().as_secs(),
            }
        } else {
            SshError::Session {
                host: self.target.host.clone(),
                reason,
            }
        }
    }

    /// Sends `command` as it is and gathers the result.
    async fn run_raw(&self, command: &str, options: &ExecOptions) -> Result<ExecOutput, SshError> {
        let started = Instant::now();
        let session_err = |e: russh::Error| self.broken(e.to_string());
        let mut channel = self
            .handle
            .channel_open_session()
            .await
            .map_err(session_err)?;
        channel.exec(true, command).await.map_err(session_err)?;
        let mut out = ExecOutput {
            stdout: String::new(),
            stderr: String::new(),
            exit_status: None,
            exit_signal: None,
            duration: Duration::ZERO,
        };
        let mut partial = [Vec::<u8>::new(), Vec::<u8>::new()];
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        let mut input_sent = false;
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Success if !input_sent => {
                    input_sent = true;
                    if let Some(input) = options.stdin.as_ref().filter(|i| !i.is_empty()) {
                        channel.data(&input[..]).await.map_err(session_err)?;
                    }
                    // Sending EOF at once also avoids a 40 ms stall behind OpenSSH bastions.
                    channel.eof().await.map_err(session_err)?;
                }
                ChannelMsg::Data { data } => {
                    stdout.extend_from_slice(&data);
                    self.emit_lines(&mut partial[0], &data, Stream::Stdout, options);
                }
                ChannelMsg::ExtendedData { data, ext: 1 } => {
                    stderr.extend_from_slice(&data);
                    self.emit_lines(&mut partial[1], &data, Stream::Stderr, options);
                }
                ChannelMsg::ExitStatus { exit_status } => out.exit_status = Some(exit_status),
                ChannelMsg::ExitSignal { signal_name, .. } => {
                    out.exit_signal = Some(format!("{signal_name:?}"))
                }
                _ => {}
            }
        }
        for (buf, stream) in partial.iter_mut().zip([Stream::Stdout, Stream::Stderr]) {
            if !buf.is_empty() {
                let rest = std::mem::take(buf);
                self.emit_line(&rest, stream, options);
            }
        }
        out.stdout = String::from_utf8_lossy(&stdout).into_owned();
        out.stderr = String::from_utf8_lossy(&stderr).into_owned();
        out.duration = started.elapsed();
        if out.exit_status.is_none() && out.exit_signal.is_none() && self.handle.is_closed() {
            return Err(self.broken("the connection closed while the command ran".into()));
        }
        Ok(out)
    }

    fn emit_lines(
        &self,
        partial: &mut Vec<u8>,
        data: &[u8],
        stream: Stream,
        options: &ExecOptions,
    ) {
        if options.on_line.is_none() {
            return;
        }
        partial.extend_from_slice(data);
        while let Some(pos) = partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = partial.drain(..=pos).collect();
            self.emit_line(&line[..line.len() - 1], stream, options);
        }
    }

    fn emit_line(&self, line: &[u8], stream: Stream, options: &ExecOptions) {
        if let Some(sink) = &options.on_line {
            sink(OutputLine {
                host: self.target.host.clone(),
                stream,
                line: String::from_utf8_lossy(line).into_owned(),
            });
        }
    }

    /// Runs `command` and fails unless it exits 0; returns stdout.
    pub async fn check_output(
        &self,
        command: &str,
        options: &ExecOptions,
    ) -> Result<String, SshError> {
        let out = self.exec(command, options).await?;
        if out.success() {
            Ok(out.stdout)
        } else {
            Err(SshError::Session {
                host: self.target.host.clone(),
                reason: format!(
                    "'{}' exited with {}: {}",
                    command.lines().next().unwrap_or_default(),
                    out.exit_status
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| out.exit_signal.clone().unwrap_or_default()),
                    out.stderr.trim()
                ),
            })
        }
    }

    /// Uploads `local` to `remote` with `mode` (and `owner` like `root:root`), atomically:
    /// the data goes to a temporary file, its sha256 is checked on the host, and only then is
    /// it renamed over the destination. Skipped when the destination already has that hash.
    /// An interrupted upload leaves the destination untouched; its temporary file is removed
    /// by the next upload to the same destination.
    pub async fn upload(
        &self,
        local: &Path,
        remote: &str,
        mode: u32,
        owner: Option<&str>,
    ) -> Result<UploadOutcome, SshError> {
        let fail = |reason: String| match self.handle.is_closed() {
            true => self.broken(reason),
            false => SshError::Upload {
                host: self.target.host.clone(),
                remote: remote.to_string(),
                reason,
            },
        };
        let local_path = local.to_path_buf();
        let expected = tokio::task::spawn_blocking(move || sha256_file(&local_path))
            .await
            .map_err(|e| fail(e.to_string()))?
            .map_err(|e| fail(format!("cannot read {}: {e}", local.display())))?;

        let as_root = !matches!(self.become_root, Become::None) || self.target.user == "root";
        let root_opts = ExecOptions {
            as_root,
            ..ExecOptions::default()
        };
        let remote_q = shell_quote(remote);
        let current = self
            .exec(
                &format!("sha256sum {remote_q} 2>/dev/null | cut -d' ' -f1"),
                &root_opts,
            )
            .await?;
        if current.stdout.trim() == expected {
            self.exec(&finish_attrs(remote, mode, owner), &root_opts)
                .await?;
            return Ok(UploadOutcome::Unchanged);
        }

        let (dir, name) = match remote.rsplit_once('/') {
            Some(("", name)) => ("/".to_string(), name.to_string()),
            Some((dir, name)) => (dir.to_string(), name.to_string()),
            None => (".".to_string(), remote.to_string()),
        };
        let nonce = format!("{:x}", rand_nonce());
        let partial = format!("{dir}/.{name}.tcs-partial-{nonce}");
        // Where SFTP writes: straight into the destination directory when we log in as root,
        // else a private staging file the login user can write.
        let direct = self.target.user == "root";
        let staging = if direct {
            partial.clone()
        } else {
            format!("/tmp/.tcs-upload-{}-{nonce}", self.target.user)
        };
        // Where SFTP writes: the destination's directory, or /tmp for a login that is not root.
        let staging_dir = staging.rsplit_once('/').map_or(".", |(d, _)| d);
        let prepared = self
            .exec(
                &format!(
                    "mkdir -p {dir_q} && rm -f {dir_q}/{prefix_q}* && {df}",
                    dir_q = shell_quote(&dir),
                    prefix_q = shell_quote(&format!(".{name}.tcs-partial-")),
                    df = free_kib(staging_dir),
                ),
                &root_opts,
            )
            .await?;
        // A full disk is said as such, before a byte is sent and when it fills on the way.
        let size = std::fs::metadata(local).map(|m| m.len()).unwrap_or(0);
        let no_space = |free: u64, cause: &str| {
            format!(
                "no space left on device: {staging_dir} has {} MiB free, {name} needs {} MiB{cause}; free space on the host and run again",
                free >> 20,
                size.div_ceil(1 << 20)
            )
        };
        let free = prepared
            .stdout
            .trim()
            .parse::<u64>()
            .ok()
            .map(|kib| kib * 1024);
        if let Some(free) = free
            && free < size
        {
            return Err(fail(no_space(free, "")));
        }

        let written = self
            .sftp_write(local, &staging)
            .await
            .map_err(|reason| (reason.clone(), fail(reason)));
        if let Err((reason, e)) = written {
            let _ = self
                .exec(
                    &format!("rm -f {}", shell_quote(&staging)),
                    &ExecOptions::default(),
                )
                .await;
            // SFTP says only "Failure" when the disk is full: look.
            if !self.handle.is_closed()
                && let Some(free) = self.free_bytes(staging_dir, &root_opts).await
                && free < size
            {
                return Err(fail(no_space(
                    free,
                    &format!(" (the upload stopped: {reason})"),
                )));
            }
            return Err(e);
        }
        let partial_q = shell_quote(&partial);
        let staging_q = shell_quote(&staging);
        let mut script = String::new();
        if !direct {
            script.push_str(&format!(
                "cp {staging_q} {partial_q} && rm -f {staging_q} && "
            ));
        }
        script.push_str(&format!(
            "got=$(sha256sum {partial_q} | cut -d' ' -f1); if [ \"$got\" != {expected} ]; then rm -f {partial_q}; echo \"sha256 mismatch: $got\" >&2; exit 3; fi; {attrs} && mv -f {partial_q} {remote_q}",
            attrs = finish_attrs(&partial, mode, owner),
        ));
        let out = self.exec(&script, &root_opts).await?;
        if !out.success() {
            let _ = self
                .exec(&format!("rm -f {staging_q}"), &ExecOptions::default())
                .await;
            return Err(fail(out.stderr.trim().to_string()));
        }
        Ok(UploadOutcome::Uploaded)
    }

    /// Bytes free for files in `dir` on the host, when `df` can tell.
    async fn free_bytes(&self, dir: &str, opts: &ExecOptions) -> Option<u64> {
        let out = self.exec(&free_kib(dir), opts).await.ok()?;
        let kib: u64 = out.stdout.trim().parse().ok()?;
        Some(kib * 1024)
    }

    /// An SFTP session on a new channel of this connection.
    async fn sftp(&self) -> Result<russh_sftp::client::SftpSession, String> {
        let channel = self
            .handle
            .channel_open_session()
            .await
            .map_err(|e| e.to_string())?;
        channel
            .request_subsystem(true, "sftp")
            .await
            .map_err(|e| e.to_string())?;
        // Each SFTP request may wait behind a saturated uplink (32 uploads through 100 Mbit/s
        // timed out at russh-sftp's default of 10 s); a dead connection is caught sooner by the
        // SSH keepalive.
        let config = russh_sftp::client::Config {
            request_timeout_secs: SFTP_REQUEST_TIMEOUT_SECS,
            ..Default::default()
        };
        let sftp = russh_sftp::client::SftpSession::new_with_config(channel.into_stream(), config)
            .await
            .map_err(|e| format!("SFTP is not available: {e}"))?;
        Ok(sftp)
    }

    async fn sftp_write(&self, local: &Path, remote: &str) -> Result<(), String> {
        let sftp = self.sftp().await?;
        let mut file = sftp
            .create(remote)
            .await
            .map_err(|e| format!("cannot create {remote}: {e}"))?;
        let mut source = tokio::fs::File::open(local)
            .await
            .map_err(|e| e.to_string())?;
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = source.read(&mut buf).await.map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            file.write_all(&buf[..n]).await.map_err(|e| e.to_string())?;
        }
        file.shutdown().await.map_err(|e| e.to_string())?;
        drop(file);
        sftp.close().await.map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Downloads `remote` (read as root when the session can become root) to `local`, written
    /// 0600 through a temporary file that is renamed only when its sha256 matches the host's;
    /// returns the sha256.
    pub async fn download(&self, remote: &str, local: &Path) -> Result<String, SshError> {
        let fail = |reason: String| SshError::Upload {
            host: self.target.host.clone(),
            remote: remote.to_string(),
            reason: format!("download: {reason}"),
        };
        let as_root = !matches!(self.become_root, Become::None) || self.target.user == "root";
        let root_opts = ExecOptions {
            as_root,
            ..ExecOptions::default()
        };
        let remote_q = shell_quote(remote);
        let want = self
            .check_output(&format!("sha256sum {remote_q} | cut -d' ' -f1"), &root_opts)
            .await?
            .trim()
            .to_string();
        // A login user that is not root reads a private copy made for it.
        let direct = self.target.user == "root";
        let source = if direct {
            remote.to_string()
        } else {
            let staging = format!("/tmp/.tcs-download-{}-{:x}", self.target.user, rand_nonce());
            self.check_output(
                &format!(
                    "install -m 0600 -o {user} {remote_q} {s}",
                    user = shell_quote(&self.target.user),
                    s = shell_quote(&staging)
                ),
                &root_opts,
            )
            .await?;
            staging
        };
        let partial = local.with_extension("tcs-partial");
        let read = self.sftp_read(&source, &partial).await;
        if !direct {
            let _ = self
                .exec(
                    &format!("rm -f {}", shell_quote(&source)),
                    &ExecOptions::default(),
                )
                .await;
        }
        read.map_err(fail)?;
        let p = partial.clone();
        let got = tokio::task::spawn_blocking(move || sha256_file(&p))
            .await
            .map_err(|e| fail(e.to_string()))?
            .map_err(|e| fail(e.to_string()))?;
        if got != want {
            let _ = std::fs::remove_file(&partial);
            return Err(fail(format!(
                "sha256 {got} does not match the host's {want}"
            )));
        }
        std::fs::rename(&partial, local).map_err(|e| fail(e.to_string()))?;
        Ok(got)
    }

    async fn sftp_read(&self, remote: &str, local: &Path) -> Result<(), String> {
        use std::os::unix::fs::OpenOptionsExt;
        let sftp = self.sftp().await?;
        let mut file = sftp
            .open(remote)
            .await
            .map_err(|e| format!("cannot open {remote}: {e}"))?;
        if let Some(dir) = local.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let out = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(local)
            .map_err(|e| format!("{}: {e}", local.display()))?;
        let mut out = tokio::fs::File::from_std(out);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut buf).await.map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n]).await.map_err(|e| e.to_string())?;
        }
        out.sync_all().await.map_err(|e| e.to_string())?;
        drop(file);
        sftp.close().await.map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Closes the session and its jump sessions.
    pub async fn close(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "en")
            .await;
        for jump in self.jumps.iter().rev() {
            let _ = jump.disconnect(Disconnect::ByApplication, "", "en").await;
        }
    }
}

fn finish_attrs(path: &str, mode: u32, owner: Option<&str>) -> String {
    let mut s = format!("chmod {:o} {}", mode, shell_quote(path));
    if let Some(owner) = owner {
        s.push_str(&format!(
            " && chown {} {}",
            shell_quote(owner),
            shell_quote(path)
        ));
    }
    s
}

/// A number that differs between calls, for temporary file names and tokens (not a secret).
pub fn rand_nonce() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

/// Hex sha256 of a file, streamed.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Opens a transport to `address:port`, directly or through `via`, and runs the handshake.
async fn open(
    target: &SshTarget,
    address: &str,
    port: u16,
    via: Option<&Handle<Client>>,
) -> Result<Handle<Client>, SshError> {
    let display = super::known_hosts::host_token(address, port);
    let connect_err = |reason: String| SshError::Connect {
        host: target.host.clone(),
        address: display.clone(),
        reason,
    };
    let known = KnownHosts::load(&target.known_hosts)
        .map_err(|e| connect_err(format!("cannot read {}: {e}", target.known_hosts.display())))?;
    let config = client_config(target, &known, address, port);
    let problem = Arc::new(Mutex::new(None));
    let handler = Client {
        host: target.host.clone(),
        address: address.to_string(),
        port,
        known_hosts: known,
        known_hosts_path: target.known_hosts.clone(),
        policy: target.host_key_policy,
        problem: problem.clone(),
    };
    let handshake = async {
        match via {
            None => {
                let stream = tokio::net::TcpStream::connect((address, port))
                    .await
                    .map_err(|e| connect_err(e.to_string()))?;
                let _ = stream.set_nodelay(true);
                client::connect_stream(config, stream, handler).await
            }
            Some(jump) => {
                let channel = jump
                    .channel_open_direct_tcpip(address, port as u32, "127.0.0.1", 0)
                    .await
                    .map_err(|e| connect_err(format!("the jump host cannot reach it: {e}")))?;
                client::connect_stream(config, channel.into_stream(), handler).await
            }
        }
        .map_err(|e| {
            problem
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
                .unwrap_or_else(|| connect_err(e.to_string()))
        })
    };
    tokio::time::timeout(target.connect_timeout, handshake)
        .await
        .map_err(|_| {
            connect_err(format!(
                "no answer within {}s",
                target.connect_timeout.as_secs()
            ))
        })?
}

/// Tries the configured key, then the agent, then the default keys, then the password.
async fn authenticate(
    handle: &mut Handle<Client>,
    host: &str,
    user: &str,
    auth: &AuthConfig,
) -> Result<(), SshError> {
    let mut tried: Vec<String> = Vec::new();
    let session_err = |e: russh::Error| SshError::Session {
        host: host.to_string(),
        reason: e.to_string(),
    };
    if let Some(path) = &auth.identity_file {
        let passphrase = &auth.passphrase;
        let text = std::fs::read_to_string(path).map_err(|e| SshError::Key {
            host: host.to_string(),
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let key = russh::keys::decode_secret_key(&text, passphrase.as_ref().map(|s| s.expose()))
            .map_err(|e| SshError::Key {
                host: host.to_string(),
                path: path.clone(),
                reason: match e {
                    russh::keys::Error::KeyIsEncrypted => {
                        "the key is encrypted and no passphrase was given".into()
                    }
                    other if passphrase.is_some() => format!("{other} (wrong passphrase?)"),
                    other => other.to_string(),
                },
            })?;
        let hash = handle
            .best_supported_rsa_hash()
            .await
            .map_err(session_err)?
            .flatten();
        let result = handle
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(key), hash))
            .await
            .map_err(session_err)?;
        tried.push(format!("key {}", path.display()));
        if result.success() {
            return Ok(());
        }
    }
    if let Some(socket) = &auth.agent_socket
        && let Ok(mut agent) = russh::keys::agent::client::AgentClient::connect_uds(socket).await
    {
        let identities = agent.request_identities().await.unwrap_or_default();
        for identity in identities {
            let key = identity.public_key().into_owned();
            let hash = handle
                .best_supported_rsa_hash()
                .await
                .map_err(session_err)?
                .flatten();
            if let Ok(result) = handle
                .authenticate_publickey_with(user, key, hash, &mut agent)
                .await
                && result.success()
            {
                return Ok(());
            }
        }
        tried.push("ssh-agent".into());
    }
    if let Some(password) = &auth.password {
        let result = handle
            .authenticate_password(user, password.expose())
            .await
            .map_err(session_err)?;
        tried.push("password".into());
        if result.success() {
            return Ok(());
        }
    }
    let hint = if tried.is_empty() {
        "configure spec.ssh.identityFile, load a key into ssh-agent, or set spec.ssh.passwordEnv"
            .to_string()
    } else {
        format!(
            "check that the public key is in ~{user}/.ssh/authorized_keys on the host, or the password"
        )
    };
    Err(SshError::Auth {
        host: host.to_string(),
        user: user.to_string(),
        tried: if tried.is_empty() {
            "nothing".into()
        } else {
            tried.join(", ")
        },
        hint,
    })
}

/// A command printing the KiB free for files in `dir`.
fn free_kib(dir: &str) -> String {
    format!("df -Pk {} | awk 'NR==2 {{print $4}}'", shell_quote(dir))
}
