//! Getting bundle files onto many hosts without the installer's uplink as the bottleneck.
//!
//! Hosts ask the shared `Distributor` for a file as their steps need it. The first copies come
//! from the installer (at most `direct_slots` uploads at a time); every host that holds a verified
//! copy then serves it to up to `peer_slots` others at once over a temporary HTTP server bound
//! to its cluster address (python3's `http.server`, under an unguessable path). Each copy is
//! checked by sha256 on arrival before it is renamed into place, so a peer can never hand out a
//! bad file. Copies double every round: 1, 2, 4, 8 hosts...
//!
//! With the relay, each file crosses the installer's uplink once: while its first upload is in
//! flight or held, the other hosts that need it wait for a peer instead of starting a second
//! upload that would halve the first one's share of the uplink (the free upload slots go to
//! other files). Only once a copy from a peer has failed does the file go up from here again in
//! parallel, so hosts that cannot reach each other still get it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, Notify};

use crate::ssh::{ExecOptions, Session, SshError, UploadOutcome, shell_quote};

/// A host that can serve files to peers.
#[derive(Clone)]
pub struct Peer {
    /// Host name.
    pub host: String,
    /// Address other hosts reach it on.
    pub address: String,
    /// Its session.
    pub session: Arc<Session>,
}

#[derive(Default)]
struct FileState {
    /// Hosts holding a verified copy at the destination path, with their busy slots.
    holders: Vec<(String, usize)>,
    /// Uploads of it from this machine in flight.
    uploading: usize,
    /// A copy from a peer failed: uploads from here are no longer limited to one at a time.
    peer_failed: bool,
}

struct Server {
    port: u16,
    pid: String,
    token: String,
}

/// How many copies came from where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Copies {
    /// Sent from this machine.
    pub direct: usize,
    /// Copied from another host.
    pub peer: usize,
    /// Already in place.
    pub unchanged: usize,
}

/// Coordinates copies of files across hosts.
pub struct Distributor {
    relay: bool,
    copies: std::sync::Mutex<Copies>,
    direct_slots: usize,
    peer_slots: usize,
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Default)]
struct State {
    files: HashMap<String, FileState>,
    direct_busy: usize,
    servers: HashMap<String, Server>,
    peers: HashMap<String, Peer>,
}

enum Source {
    Direct,
    Peer(Peer),
}

impl Distributor {
    /// A distributor; without `relay` every copy comes from the installer.
    pub fn new(relay: bool, direct_slots: usize, peer_slots: usize) -> Arc<Distributor> {
        Arc::new(Distributor {
            relay,
            copies: std::sync::Mutex::new(Copies::default()),
            direct_slots: direct_slots.max(1),
            peer_slots: peer_slots.max(1),
            state: Mutex::new(State::default()),
            changed: Notify::new(),
        })
    }

    /// Registers a host that may serve others (call for every host before distributing).
    pub async fn add_peer(&self, peer: Peer) {
        self.state
            .lock()
            .await
            .peers
            .insert(peer.host.clone(), peer);
    }

    /// Makes sure `host` has `local` at `remote` (sha256 `sha256`, `mode`, root-owned).
    pub async fn ensure(
        &self,
        session: &Session,
        host: &str,
        local: &Path,
        remote: &str,
        sha256: &str,
        mode: u32,
    ) -> Result<UploadOutcome, SshError> {
        let key = format!("{remote}@{sha256}");
        // Already there?
        let have = session
            .exec(
                &format!(
                    "sha256sum {} 2>/dev/null | cut -d' ' -f1",
                    shell_quote(remote)
                ),
                &root(),
            )
            .await?;
        if have.stdout.trim() == sha256 {
            self.count(|c| c.unchanged += 1);
            self.holds(&key, host).await;
            return Ok(UploadOutcome::Unchanged);
        }
        loop {
            let notified = self.changed.notified();
            let source = self.pick(&key).await;
            match source {
                Some(Source::Direct) => {
                    let r = session.upload(local, remote, mode, Some("root:root")).await;
                    // Register the new holder before freeing the slot, so that waiting hosts
                    // see a peer to copy from rather than another upload from here.
                    if r.is_ok() {
                        self.count(|c| c.direct += 1);
                        self.holds(&key, host).await;
                    }
                    let mut st = self.state.lock().await;
                    st.direct_busy -= 1;
                    if let Some(f) = st.files.get_mut(&key) {
                        f.uploading -= 1;
                    }
                    drop(st);
                    self.changed.notify_waiters();
                    r?;
                    return Ok(UploadOutcome::Uploaded);
                }
                Some(Source::Peer(peer)) => {
                    let r = self.fetch_from(&peer, session, remote, sha256, mode).await;
                    self.release(&key, &peer.host).await;
                    match r {
                        Ok(()) => {
                            self.count(|c| c.peer += 1);
                            self.holds(&key, host).await;
                            return Ok(UploadOutcome::Uploaded);
                        }
                        Err(e) => {
                            // A failing peer is dropped for this file; try another source.
                            tracing::warn!(host, peer = %peer.host, error = %e, "peer fetch failed, retrying");
                            self.drop_holder(&key, &peer.host).await;
                        }
                    }
                }
                None => notified.await,
            }
        }
    }

    fn count(&self, f: impl FnOnce(&mut Copies)) {
        f(&mut self.copies.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// Copies made so far.
    pub fn copies(&self) -> Copies {
        *self.copies.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn pick(&self, key: &str) -> Option<Source> {
        let mut guard = self.state.lock().await;
        let st = &mut *guard;
        let file = st.files.entry(key.to_string()).or_default();
        // Holders that can serve: registered peers.
        let peers = &st.peers;
        let mut servers = file
            .holders
            .iter_mut()
            .filter(|(host, _)| peers.contains_key(host))
            .peekable();
        let held = servers.peek().is_some();
        if self.relay
            && let Some((host, busy)) = servers
                .filter(|(_, busy)| *busy < self.peer_slots)
                .min_by_key(|(_, busy)| *busy)
        {
            *busy += 1;
            return Some(Source::Peer(peers[host.as_str()].clone()));
        }
        // The uplink carries each file once while peers can copy it: with a copy in flight or
        // held, wait for a peer.
        let once = self.relay && !file.peer_failed && (file.uploading > 0 || held);
        if once || st.direct_busy >= self.direct_slots {
            return None;
        }
        file.uploading += 1;
        st.direct_busy += 1;
        Some(Source::Direct)
    }

    async fn holds(&self, key: &str, host: &str) {
        let mut st = self.state.lock().await;
        let f = st.files.entry(key.to_string()).or_default();
        if !f.holders.iter().any(|(h, _)| h == host) {
            f.holders.push((host.to_string(), 0));
        }
        drop(st);
        self.changed.notify_waiters();
    }

    async fn release(&self, key: &str, host: &str) {
        let mut st = self.state.lock().await;
        if let Some(f) = st.files.get_mut(key)
            && let Some((_, busy)) = f.holders.iter_mut().find(|(h, _)| h == host)
        {
            *busy = busy.saturating_sub(1);
        }
        drop(st);
        self.changed.notify_waiters();
    }

    async fn drop_holder(&self, key: &str, host: &str) {
        if let Some(f) = self.state.lock().await.files.get_mut(key) {
            f.holders.retain(|(h, _)| h != host);
            f.peer_failed = true;
        }
    }

    /// Starts (once) the HTTP server of `peer` and links `remote` into its served directory.
    async fn serve(
        &self,
        peer: &Peer,
        remote: &str,
        sha256: &str,
    ) -> Result<(u16, String), SshError> {
        let mut st = self.state.lock().await;
        if !st.servers.contains_key(&peer.host) {
            let token = format!("{:016x}", crate::ssh::rand_nonce());
            let port = 20000 + (crate::ssh::rand_nonce() % 20000) as u16;
            let dir = format!("/var/lib/tcs/relay/{token}");
            // Returns once the server listens (python prints "Serving HTTP" after binding; on a
            // busy host that takes well over a second), or fails with its own error.
            let cmd = format!(
                "mkdir -p {dir} && chmod 0755 /var/lib/tcs/relay {dir} && cd /var/lib/tcs/relay && \
                 log=/var/lib/tcs/relay/{token}.log && \
                 {{ nohup python3 -u -m http.server {port} --bind {addr} >$log 2>&1 & echo $! ; }} && \
                 for i in $(seq 1 300); do grep -q '^Serving HTTP' $log && exit 0; \
                   if ! kill -0 $! 2>/dev/null; then tail -n 3 $log >&2; exit 1; fi; sleep 0.1; done; \
                 echo 'the relay server did not start within 30 seconds' >&2; exit 1",
                dir = shell_quote(&dir),
                addr = shell_quote(&peer.address)
            );
            let pid = peer
                .session
                .check_output(&cmd, &root())
                .await?
                .trim()
                .to_string();
            st.servers
                .insert(peer.host.clone(), Server { port, pid, token });
        }
        let server = &st.servers[&peer.host];
        let (port, token) = (server.port, server.token.clone());
        drop(st);
        // Served under its sha256 and made once: a hard link, or (when the relay directory is on
        // another filesystem) a copy renamed into place, so a file never changes while a peer
        // downloads it.
        let name = sha256.to_string();
        let d = format!("/var/lib/tcs/relay/{token}");
        peer.session
            .check_output(
                &format!(
                    "[ -e {d}/{n} ] || ln {r} {d}/{n} 2>/dev/null || {{ cp {r} {d}/.{n}.tmp && mv -f {d}/.{n}.tmp {d}/{n}; }}",
                    r = shell_quote(remote),
                    d = shell_quote(&d),
                    n = shell_quote(&name)
                ),
                &root(),
            )
            .await?;
        Ok((port, format!("/{token}/{name}")))
    }

    async fn fetch_from(
        &self,
        peer: &Peer,
        session: &Session,
        remote: &str,
        sha256: &str,
        mode: u32,
    ) -> Result<(), SshError> {
        let (port, path) = self.serve(peer, remote, sha256).await?;
        let url = format!("http://{}:{port}{path}", bracket(&peer.address));
        let (dir, name) = remote.rsplit_once('/').unwrap_or((".", remote));
        let partial = format!("{dir}/.{name}.tcs-partial-{:x}", crate::ssh::rand_nonce());
        let script = format!(
            "mkdir -p {dir_q} && python3 -c {fetch} {url_q} {part_q} && \
             got=$(sha256sum {part_q} | cut -d' ' -f1) && if [ \"$got\" != {sha256} ]; then rm -f {part_q}; echo \"sha256 mismatch from peer: $got\" >&2; exit 3; fi && \
             chmod {mode:o} {part_q} && chown root:root {part_q} && mv -f {part_q} {dest_q}",
            dir_q = shell_quote(if dir.is_empty() { "/" } else { dir }),
            fetch = shell_quote(FETCH),
            url_q = shell_quote(&url),
            part_q = shell_quote(&partial),
            dest_q = shell_quote(remote),
        );
        let out = session
            .exec(
                &script,
                &ExecOptions {
                    as_root: true,
                    timeout: Some(Duration::from_secs(3600)),
                    ..Default::default()
                },
            )
            .await?;
        if out.success() {
            Ok(())
        } else {
            let _ = session
                .exec(&format!("rm -f {}", shell_quote(&partial)), &root())
                .await;
            Err(SshError::Upload {
                host: session.target().host.clone(),
                remote: remote.to_string(),
                reason: format!("fetch from {} failed: {}", peer.host, out.stderr.trim()),
            })
        }
    }

    /// Stops every peer server and removes the served links.
    pub async fn shutdown(&self) {
        let mut st = self.state.lock().await;
        let servers: Vec<(String, Server)> = st.servers.drain().collect();
        for (host, server) in servers {
            if let Some(peer) = st.peers.get(&host) {
                let _ = peer
                    .session
                    .exec(
                        &format!(
                            "kill {} 2>/dev/null; rm -rf /var/lib/tcs/relay/{t} /var/lib/tcs/relay/{t}.log",
                            shell_quote(&server.pid),
                            t = shell_quote(&server.token)
                        ),
                        &root(),
                    )
                    .await;
            }
        }
    }
}

/// Downloads argv[1] to argv[2]. A peer that does not answer within 15 s (a firewall that drops
/// rather than refuses) fails the copy then, not after the kernel's connect timeout of minutes,
/// so the file goes up from the installer instead.
const FETCH: &str = "import shutil, sys, urllib.request\n\
with urllib.request.urlopen(sys.argv[1], timeout=15) as r, open(sys.argv[2], 'wb') as f:\n    \
shutil.copyfileobj(r, f, 1 << 20)\n";

fn bracket(address: &str) -> String {
    if address.contains(':') {
        format!("[{address}]")
    } else {
        address.to_string()
    }
}

fn root() -> ExecOptions {
    ExecOptions {
        as_root: true,
        timeout: Some(Duration::from_secs(120)),
        ..Default::default()
    }
}
