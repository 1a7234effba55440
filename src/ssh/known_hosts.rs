//! known_hosts with OpenSSH's semantics.
//!
//! russh's own helper matches exact and hashed names only; tcs needs what users' files hold:
//! comma-separated names, `*`/`?` patterns, `!negation`, `[host]:port`, hashed `|1|salt|hash`
//! entries, and `@revoked` keys (always refused). `@cert-authority` lines are skipped (host
//! certificates are not used by tcs yet). New keys are appended in OpenSSH's format.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use hmac::{KeyInit, Mac};
use russh::keys::{HashAlg, PublicKey};

/// What known_hosts says about a host's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The key is recorded for this host.
    Trusted,
    /// No key of this host is recorded.
    Unknown,
    /// The host is recorded with another key of the same algorithm, or only with other
    /// algorithms that the server no longer offers: a possible man-in-the-middle.
    Changed {
        /// known_hosts file and 1-based line of the recorded key.
        file: PathBuf,
        /// Line of the recorded key.
        line: usize,
    },
    /// The key is marked `@revoked`.
    Revoked {
        /// known_hosts file.
        file: PathBuf,
        /// Line of the revocation.
        line: usize,
    },
}

/// One parsed known_hosts entry.
#[derive(Debug, Clone)]
struct Entry {
    line: usize,
    revoked: bool,
    patterns: String,
    key: PublicKey,
}

/// The host as OpenSSH writes it: `host` for port 22, `[host]:port` otherwise.
pub fn host_token(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

/// A parsed known_hosts file (or none, when it does not exist).
#[derive(Debug, Clone, Default)]
pub struct KnownHosts {
    path: PathBuf,
    entries: Vec<Entry>,
}

impl KnownHosts {
    /// Reads `path`; a missing file is an empty list. Lines that do not parse are skipped, as
    /// OpenSSH does.
    pub fn load(path: &Path) -> std::io::Result<KnownHosts> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        Ok(KnownHosts::parse(path, &text))
    }

    /// Parses known_hosts text read from `path`; lines that do not parse are skipped.
    pub fn parse(path: &Path, text: &str) -> KnownHosts {
        KnownHosts {
            path: path.to_path_buf(),
            entries: parse(text),
        }
    }

    /// The verdict for `key` presented by `host:port`.
    pub fn check(&self, host: &str, port: u16, key: &PublicKey) -> Verdict {
        let token = host_token(host, port);
        let for_host: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| host_matches(&e.patterns, &token))
            .collect();
        if let Some(e) = for_host.iter().find(|e| e.revoked && same_key(&e.key, key)) {
            return Verdict::Revoked {
                file: self.path.clone(),
                line: e.line,
            };
        }
        let recorded: Vec<&&Entry> = for_host.iter().filter(|e| !e.revoked).collect();
        if recorded.iter().any(|e| same_key(&e.key, key)) {
            return Verdict::Trusted;
        }
        match recorded
            .iter()
            .find(|e| e.key.algorithm() == key.algorithm())
            .or(recorded.first())
        {
            Some(e) => Verdict::Changed {
                file: self.path.clone(),
                line: e.line,
            },
            None => Verdict::Unknown,
        }
    }

    /// Algorithms recorded for `host:port`, so the client can prefer them during key exchange
    /// (as OpenSSH does) and not run into a key type the file does not know.
    pub fn algorithms_for(&self, host: &str, port: u16) -> Vec<russh::keys::Algorithm> {
        let token = host_token(host, port);
        let mut out = Vec::new();
        for e in &self.entries {
            if !e.revoked && host_matches(&e.patterns, &token) && !out.contains(&e.key.algorithm())
            {
                out.push(e.key.algorithm());
            }
        }
        out
    }

    /// Appends `key` for `host:port` to the file (created 0600, its directory 0700).
    pub fn learn(&mut self, host: &str, port: u16, key: &PublicKey) -> std::io::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.exists()
        {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        let line = format!(
            "{} {}",
            host_token(host, port),
            key.to_openssh().map_err(std::io::Error::other)?
        );
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)?;
        // Start on a fresh line even if the file lacks a final newline.
        let needs_newline = std::fs::read(&self.path)
            .map(|b| !b.is_empty() && !b.ends_with(b"\n"))
            .unwrap_or(false);
        if needs_newline {
            file.write_all(b"\n")?;
        }
        file.write_all(format!("{line}\n").as_bytes())?;
        let n = self.entries.iter().map(|e| e.line).max().unwrap_or(0) + 1;
        self.entries.push(Entry {
            line: n,
            revoked: false,
            patterns: host_token(host, port),
            key: key.clone(),
        });
        Ok(())
    }
}

/// `SHA256:...` as `ssh-keygen -l` prints it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

fn same_key(a: &PublicKey, b: &PublicKey) -> bool {
    a.key_data() == b.key_data()
}

fn parse(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let mut first = fields.next().unwrap_or_default();
        let mut revoked = false;
        if first.starts_with('@') {
            match first {
                "@revoked" => revoked = true,
                _ => continue, // @cert-authority and unknown markers
            }
            first = fields.next().unwrap_or_default();
        }
        let (Some(kind), Some(blob)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Ok(key) = PublicKey::from_openssh(&format!("{kind} {blob}")) else {
            continue;
        };
        out.push(Entry {
            line: i + 1,
            revoked,
            patterns: first.to_string(),
            key,
        });
    }
    out
}

/// OpenSSH's host matching: a hashed entry, or a comma list of patterns where any `!pattern`
/// that matches vetoes the line.
fn host_matches(patterns: &str, token: &str) -> bool {
    if let Some(hashed) = patterns.strip_prefix("|1|") {
        return hashed_matches(hashed, token);
    }
    let mut matched = false;
    for pattern in patterns.split(',') {
        if let Some(negated) = pattern.strip_prefix('!') {
            if glob(negated, token) {
                return false;
            }
        } else if glob(pattern, token) {
            matched = true;
        }
    }
    matched
}

fn hashed_matches(salt_and_hash: &str, token: &str) -> bool {
    let b64 = base64::engine::general_purpose::STANDARD;
    let Some((salt, hash)) = salt_and_hash.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (b64.decode(salt), b64.decode(hash)) else {
        return false;
    };
    let Ok(mut mac) = hmac::Hmac::<sha1::Sha1>::new_from_slice(&salt) else {
        return false;
    };
    mac.update(token.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

/// `*` and `?` wildcards, case-insensitive as host names are.
fn glob(pattern: &str, text: &str) -> bool {
    wildmatch::WildMatch::new_case_insensitive(pattern).matches(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED1: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    const ED2: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti";

    fn key(s: &str) -> PublicKey {
        PublicKey::from_openssh(s).unwrap()
    }

    fn hosts(text: &str) -> KnownHosts {
        KnownHosts {
            path: PathBuf::from("kh"),
            entries: parse(text),
        }
    }

    #[test]
    fn plain_ported_and_patterns() {
        let kh = hosts(&format!(
            "# comment\nfoo,10.0.0.1 {ED1}\n[10.0.0.2]:2222 {ED1}\n*.lab,!bad.lab {ED1}\n"
        ));
        let k = key(ED1);
        assert_eq!(kh.check("10.0.0.1", 22, &k), Verdict::Trusted);
        assert_eq!(kh.check("FOO", 22, &k), Verdict::Trusted);
        assert_eq!(kh.check("10.0.0.1", 2222, &k), Verdict::Unknown);
        assert_eq!(kh.check("10.0.0.2", 2222, &k), Verdict::Trusted);
        assert_eq!(kh.check("a.lab", 22, &k), Verdict::Trusted);
        assert_eq!(kh.check("bad.lab", 22, &k), Verdict::Unknown);
    }

    #[test]
    fn changed_and_revoked() {
        let kh = hosts(&format!("h1 {ED1}\n@revoked h2 {ED2}\nh2 {ED2}\n"));
        assert_eq!(
            kh.check("h1", 22, &key(ED2)),
            Verdict::Changed {
                file: "kh".into(),
                line: 1
            }
        );
        assert_eq!(
            kh.check("h2", 22, &key(ED2)),
            Verdict::Revoked {
                file: "kh".into(),
                line: 2
            }
        );
    }

    #[test]
    fn hashed_entries() {
        // |1|salt|HMAC-SHA1(salt, "example.com") computed here, as `ssh-keygen -H` does.
        let b64 = base64::engine::general_purpose::STANDARD;
        let salt = [7u8; 20];
        let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(&salt).unwrap();
        mac.update(b"example.com");
        let hash = mac.finalize().into_bytes();
        let line = format!("|1|{}|{} {ED1}\n", b64.encode(salt), b64.encode(hash));
        let kh = hosts(&line);
        assert_eq!(kh.check("example.com", 22, &key(ED1)), Verdict::Trusted);
        assert_eq!(kh.check("example.org", 22, &key(ED1)), Verdict::Unknown);
    }

    #[test]
    fn learn_appends_and_creates_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ssh/known_hosts");
        let mut kh = KnownHosts::load(&path).unwrap();
        kh.learn("10.0.0.9", 2200, &key(ED1)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("[10.0.0.9]:2200 ssh-ed25519 "), "{text}");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = KnownHosts::load(&path).unwrap();
        assert_eq!(again.check("10.0.0.9", 2200, &key(ED1)), Verdict::Trusted);
    }
}
