//! Where bundle binaries come from, and fetching them verified.
//!
//! Each component has its upstream URL pattern and the URL of the checksum upstream publishes
//! beside it (from `shared/upstream/sources.yaml`): a bare hex digest, or `sha256sum` lines from
//! which the artifact's own line is picked. A mirror (a directory or an HTTP server) holds the
//! same files laid out as `<upstream host>/<upstream path>`, so an air-gapped site can mirror
//! upstream with any tool that keeps paths (`wget -x`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::FileKind;

/// How upstream publishes an artifact's checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumFormat {
    /// The file holds only the hex digest.
    Bare,
    /// `sha256sum` output; the line naming the artifact is used.
    SumLines,
}

/// Component versions a bundle carries (defaults: the newest pinned upstream releases).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    /// kubeadm, kubelet, kubectl.
    pub kubernetes: String,
    /// containerd.
    pub containerd: String,
    /// runc.
    pub runc: String,
    /// crictl.
    pub crictl: String,
    /// CNI plugins.
    pub cni_plugins: String,
    /// etcd.
    pub etcd: String,
    /// kube-vip (its image holds the API VIP).
    pub kube_vip: String,
    /// The pause image's tag kubeadm pins (and containerd runs as the sandbox).
    pub pause: String,
    /// The CoreDNS image's tag kubeadm pins (`v1.14.2`).
    pub coredns: String,
}

impl Versions {
    /// The pinned versions for a Kubernetes release.
    pub fn for_kubernetes(kubernetes: &str) -> Versions {
        let (pause, coredns) = kubeadm_pins(kubernetes);
        Versions {
            kubernetes: kubernetes.trim_start_matches('v').to_string(),
            containerd: "2.3.4".into(),
            runc: "1.5.1".into(),
            crictl: "1.36.0".into(),
            cni_plugins: "1.9.1".into(),
            etcd: "3.7.1".into(),
            kube_vip: KUBE_VIP_VERSION.trim_start_matches('v').to_string(),
            pause: pause.to_string(),
            coredns: coredns.to_string(),
        }
    }
}

impl Versions {
    /// Overrides one component's version (`containerd=2.2.1`), for sites that pin their own.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (k, v) = assignment
            .split_once('=')
            .ok_or_else(|| format!("{assignment:?}: expected COMPONENT=VERSION"))?;
        let v = v.trim().trim_start_matches('v').to_string();
        if v.is_empty()
            || !v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c))
        {
            return Err(format!("{assignment:?}: {v:?} is not a version"));
        }
        let slot = match k.trim() {
            "containerd" => &mut self.containerd,
            "runc" => &mut self.runc,
            "crictl" => &mut self.crictl,
            "cni-plugins" => &mut self.cni_plugins,
            "etcd" => &mut self.etcd,
            "kube-vip" => &mut self.kube_vip,
            other => {
                return Err(format!(
                    "{other:?}: components are containerd, runc, crictl, cni-plugins, etcd, kube-vip (Kubernetes is --kubernetes)"
                ));
            }
        };
        *slot = v;
        Ok(())
    }
}

/// One file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Component (kubernetes, containerd, runc, crictl, cni-plugins, etcd).
    pub component: &'static str,
    /// Architecture.
    pub arch: String,
    /// Upstream URL.
    pub url: String,
    /// URL of the published checksum.
    pub checksum_url: String,
    /// Checksum format.
    pub format: ChecksumFormat,
    /// Where it goes in the bundle.
    pub path: String,
    /// Kind of bundle file.
    pub kind: FileKind,
    /// A sha256 pinned in tcs itself (files upstream publishes no checksum for, such as
    /// manifests served from git); when set, `checksum_url` is not consulted.
    pub pinned: Option<String>,
}

impl Artifact {
    /// The artifact's file name (last URL segment).
    pub fn file_name(&self) -> &str {
        self.url.rsplit('/').next().unwrap_or(&self.url)
    }
}

/// Every binary artifact for `versions` and `archs`.
pub fn artifacts(v: &Versions, archs: &[&str]) -> Vec<Artifact> {
    let mut out = Vec::new();
    for arch in archs {
        let a = |component: &'static str,
                 url: String,
                 checksum_url: String,
                 format: ChecksumFormat,
                 kind: FileKind| {
            let name = url.rsplit('/').next().unwrap_or_default().to_string();
            Artifact {
                component,
                arch: arch.to_string(),
                path: format!("bin/{arch}/{name}"),
                url,
                checksum_url,
                format,
                kind,
                pinned: None,
            }
        };
        for name in ["kubeadm", "kubelet", "kubectl"] {
            let url = format!(
                "https://dl.k8s.io/release/v{}/bin/linux/{arch}/{name}",
                v.kubernetes
            );
            out.push(a(
                "kubernetes",
                url.clone(),
                format!("{url}.sha256"),
                ChecksumFormat::Bare,
                FileKind::Binary,
            ));
        }
        let url = format!(
            "https://github.com/containerd/containerd/releases/download/v{0}/containerd-{0}-linux-{arch}.tar.gz",
            v.containerd
        );
        out.push(a(
            "containerd",
            url.clone(),
            format!("{url}.sha256sum"),
            ChecksumFormat::SumLines,
            FileKind::Archive,
        ));
        let base = format!(
            "https://github.com/opencontainers/runc/releases/download/v{}",
            v.runc
        );
        out.push(a(
            "runc",
            format!("{base}/runc.{arch}"),
            format!("{base}/runc.sha256sum"),
            ChecksumFormat::SumLines,
            FileKind::Binary,
        ));
        let url = format!(
            "https://github.com/kubernetes-sigs/cri-tools/releases/download/v{0}/crictl-v{0}-linux-{arch}.tar.gz",
            v.crictl
        );
        out.push(a(
            "crictl",
            url.clone(),
            format!("{url}.sha256"),
            ChecksumFormat::Bare,
            FileKind::Archive,
        ));
        let url = format!(
            "https://github.com/containernetworking/plugins/releases/download/v{0}/cni-plugins-linux-{arch}-v{0}.tgz",
            v.cni_plugins
        );
        out.push(a(
            "cni-plugins",
            url.clone(),
            format!("{url}.sha256"),
            ChecksumFormat::SumLines,
            FileKind::Archive,
        ));
        let base = format!(
            "https://github.com/etcd-io/etcd/releases/download/v{}",
            v.etcd
        );
        out.push(a(
            "etcd",
            format!("{base}/etcd-v{}-linux-{arch}.tar.gz", v.etcd),
            format!("{base}/SHA256SUMS"),
            ChecksumFormat::SumLines,
            FileKind::Archive,
        ));
    }
    out
}

/// Pod network plugins a bundle can carry.
pub const CNI_PLUGINS: &[&str] = &["calico", "flannel"];

/// kube-vip release whose image bundles carry by default (the VIP's static pod is rendered by
/// tcs, which needs no RBAC manifest: kube-vip runs with the control plane's admin.conf).
pub const KUBE_VIP_VERSION: &str = "v1.2.3";

/// The pinned install manifest of a pod network plugin (URL and sha256 from
/// `shared/upstream/sources.yaml`), or `None` for an unknown plugin.
pub fn cni_manifest(plugin: &str) -> Option<Artifact> {
    let (url, sha256) = match plugin {
        "calico" => (
            "https://raw.githubusercontent.com/projectcalico/calico/v3.32.1/manifests/calico.yaml",
            "a1df919d9721cf667accdc3e72848911b0cb25cfab7d2478ad0c996302c95744",
        ),
        "flannel" => (
            "https://raw.githubusercontent.com/flannel-io/flannel/v0.28.9/Documentation/kube-flannel.yml",
            "e875824be2f552b45711dbda91af81b17eb961d00025d914d9fef18fad8f09c0",
        ),
        _ => return None,
    };
    Some(pinned_manifest(
        "cni",
        url,
        sha256,
        &format!("manifests/{plugin}.yaml"),
    ))
}

fn pinned_manifest(
    component: &'static str,
    url: &str,
    sha256: &'static str,
    path: &str,
) -> Artifact {
    Artifact {
        component,
        arch: String::new(),
        url: url.to_string(),
        checksum_url: String::new(),
        format: ChecksumFormat::Bare,
        path: path.to_string(),
        kind: FileKind::Manifest,
        pinned: Some(sha256.to_string()),
    }
}

/// The pause and CoreDNS versions kubeadm pins for a Kubernetes minor (its
/// `cmd/kubeadm/app/constants`, read at the patch release named), so the bundle carries exactly
/// what kubeadm will ask for. kubeadm may move them in a patch release: `tcs bundle build` asks
/// the bundle's own kubeadm when it can run here (`kubeadm_image_pins`) and uses this table
/// only when it cannot.
pub fn kubeadm_pins(kubernetes: &str) -> (&'static str, &'static str) {
    let minor = kubernetes
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    match minor {
        ..=33 => ("3.10", "v1.12.0"),
        34 => ("3.10.1", "v1.12.1"), // 1.34.4
        35 => ("3.10.1", "v1.13.1"), // 1.35.4
        36 => ("3.10.2", "v1.14.2"), // 1.36.4
        _ => ("3.10.2", "v1.14.6"),  // 1.37.2
    }
}

/// The pause and CoreDNS tags `kubeadm config images list` prints for `kubernetes` (offline),
/// or `None` when that kubeadm cannot run here (another architecture) or prints no such line.
pub fn kubeadm_image_pins(kubeadm: &Path, kubernetes: &str) -> Option<(String, String)> {
    let out = std::process::Command::new(kubeadm)
        .args(["config", "images", "list", "--kubernetes-version"])
        .arg(format!("v{}", kubernetes.trim_start_matches('v')))
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let tag = |repo: &str| {
        text.lines()
            .find_map(|l| l.trim().rsplit_once(':').filter(|(r, _)| r.ends_with(repo)))
            .map(|(_, t)| t.to_string())
    };
    Some((tag("/pause")?, tag("/coredns")?))
}

/// One container image a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Component name recorded in bundle.yaml (`pause` is the runtime's sandbox image).
    pub component: String,
    /// Upstream reference.
    pub reference: String,
}

/// The control-plane and node images a cluster of `versions` needs (the CNI plugin's images
/// come from its manifest).
pub fn kubernetes_images(v: &Versions) -> Vec<ImageRef> {
    let (pause, coredns) = (&v.pause, &v.coredns);
    let mut out: Vec<ImageRef> = [
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
        "kube-proxy",
    ]
    .iter()
    .map(|c| ImageRef {
        component: c.to_string(),
        reference: format!("registry.k8s.io/{c}:v{}", v.kubernetes),
    })
    .collect();
    out.push(ImageRef {
        component: "pause".into(),
        reference: format!("registry.k8s.io/pause:{pause}"),
    });
    out.push(ImageRef {
        component: "coredns".into(),
        reference: format!("registry.k8s.io/coredns/coredns:{coredns}"),
    });
    out.push(ImageRef {
        component: "kube-vip".into(),
        reference: format!("ghcr.io/kube-vip/kube-vip:v{}", v.kube_vip),
    });
    out
}

/// Where downloads come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mirror {
    /// The upstream URLs themselves.
    Upstream,
    /// A directory laid out as `<host>/<path>`.
    Dir(PathBuf),
    /// An HTTP(S) server laid out as `<host>/<path>` under this base URL.
    Http(String),
}

impl Mirror {
    /// Parses `--mirror`: `file:///srv/mirror`, a plain path, or `http(s)://...`.
    pub fn parse(text: &str) -> Mirror {
        if let Some(p) = text.strip_prefix("file://") {
            Mirror::Dir(PathBuf::from(p))
        } else if text.starts_with("http://") || text.starts_with("https://") {
            Mirror::Http(text.trim_end_matches('/').to_string())
        } else {
            Mirror::Dir(PathBuf::from(text))
        }
    }

    fn locate(&self, url: &str) -> Result<Location, String> {
        let rest = url
            .split_once("://")
            .map(|(_, r)| r)
            .ok_or_else(|| format!("not a URL: {url}"))?;
        Ok(match self {
            Mirror::Upstream => Location::Http(url.to_string()),
            Mirror::Dir(root) => Location::File(root.join(rest)),
            Mirror::Http(base) => Location::Http(format!("{base}/{rest}")),
        })
    }
}

enum Location {
    File(PathBuf),
    Http(String),
}

/// Why a download failed.
#[derive(Debug, thiserror::Error)]
#[error("{component} {url}: {reason}")]
pub struct FetchError {
    /// Component.
    pub component: String,
    /// The upstream URL.
    pub url: String,
    /// Why.
    pub reason: String,
    /// What kind of failure, for what to do about it.
    pub kind: FetchKind,
}

/// What kind of failure a download had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchKind {
    /// The host does not resolve, answer or accept connections.
    Unreachable,
    /// The mirror or server does not have the file.
    Missing,
    /// Anything else (a checksum mismatch, a local write).
    Other,
}

/// Opens `location` (where `upstream`, the URL the error names, is served from). The reason
/// says what happened once, in people's words, and names the place only when a mirror serves it.
fn open(location: &Location, upstream: &str) -> Result<Box<dyn Read>, (FetchKind, String)> {
    match location {
        Location::File(p) => std::fs::File::open(p)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => (
                    FetchKind::Missing,
                    format!("not in the mirror (no {})", p.display()),
                ),
                _ => (FetchKind::Other, format!("{}: {e}", p.display())),
            }),
        Location::Http(u) => ureq::get(u)
            .call()
            .map(|r| Box::new(r.into_body().into_reader()) as Box<dyn Read>)
            .map_err(|e| {
                let (kind, why) = http_reason(&e);
                if u == upstream {
                    (kind, why)
                } else {
                    (kind, format!("{why} (from {u})"))
                }
            }),
    }
}

/// A download error in a few words (the resolver's and TLS library's wording left out), and
/// its kind.
fn http_reason(e: &ureq::Error) -> (FetchKind, String) {
    use FetchKind::{Missing, Other, Unreachable};
    match e {
        ureq::Error::StatusCode(404) => (Missing, "not found (HTTP 404)".into()),
        ureq::Error::StatusCode(code) => (Other, format!("the server answered HTTP {code}")),
        ureq::Error::HostNotFound => (Unreachable, "cannot resolve the host name".into()),
        ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
            (Unreachable, "cannot resolve the host name".into())
        }
        ureq::Error::ConnectionFailed => (Unreachable, "cannot connect".into()),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => (Unreachable, "connection refused".into()),
            std::io::ErrorKind::TimedOut => (Unreachable, "timed out".into()),
            _ => (Other, format!("cannot download: {io}")),
        },
        ureq::Error::Timeout(_) => (Unreachable, "timed out".into()),
        other => (Other, format!("cannot download: {other}")),
    }
}

/// The digest upstream publishes for `a`.
pub fn published_checksum(a: &Artifact, mirror: &Mirror) -> Result<String, FetchError> {
    let failed = |(kind, reason): (FetchKind, String)| FetchError {
        component: a.component.into(),
        url: a.checksum_url.clone(),
        reason,
        kind,
    };
    let err = |reason: String| failed((FetchKind::Other, reason));
    if let Some(p) = &a.pinned {
        return Ok(p.to_string());
    }
    let mut text = String::new();
    open(
        &mirror.locate(&a.checksum_url).map_err(err)?,
        &a.checksum_url,
    )
    .map_err(failed)?
    .take(1 << 20)
    .read_to_string(&mut text)
    .map_err(|e| err(e.to_string()))?;
    let hex = match a.format {
        ChecksumFormat::Bare => text.split_whitespace().next().map(str::to_string),
        ChecksumFormat::SumLines => text.lines().find_map(|l| {
            let mut parts = l.split_whitespace();
            let (hex, name) = (parts.next()?, parts.next()?);
            (name.trim_start_matches('*') == a.file_name()).then(|| hex.to_string())
        }),
    };
    match hex {
        Some(h) if h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()) => {
            Ok(h.to_ascii_lowercase())
        }
        _ => Err(err(format!(
            "no sha256 for {} in the published checksum",
            a.file_name()
        ))),
    }
}

/// Downloads `a` into `root/a.path`, verified against the published checksum: the data goes to
/// a temporary file that is renamed only when the sha256 matches. Returns the sha256.
pub fn fetch(a: &Artifact, mirror: &Mirror, root: &Path) -> Result<String, FetchError> {
    let failed = |(kind, reason): (FetchKind, String)| FetchError {
        component: a.component.into(),
        url: a.url.clone(),
        reason,
        kind,
    };
    let err = |reason: String| failed((FetchKind::Other, reason));
    let want = published_checksum(a, mirror)?;
    let dest = root.join(&a.path);
    if dest.exists() && crate::ssh::sha256_file(&dest).ok().as_deref() == Some(want.as_str()) {
        return Ok(want);
    }
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    }
    let partial = dest.with_extension("tcs-partial");
    let mut reader = open(&mirror.locate(&a.url).map_err(err)?, &a.url).map_err(failed)?;
    let mut file = std::fs::File::create(&partial).map_err(|e| err(e.to_string()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).map_err(|e| err(e.to_string()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        file.write_all(&buf[..n]).map_err(|e| err(e.to_string()))?;
    }
    file.sync_all().map_err(|e| err(e.to_string()))?;
    let got = hex::encode(hasher.finalize());
    if got != want {
        let _ = std::fs::remove_file(&partial);
        return Err(err(format!(
            "sha256 {got} does not match the published {want}"
        )));
    }
    std::fs::rename(&partial, &dest).map_err(|e| err(e.to_string()))?;
    Ok(got)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_upstream_patterns() {
        let all = artifacts(&Versions::for_kubernetes("v1.36.4"), &["amd64"]);
        let urls: Vec<&str> = all.iter().map(|a| a.url.as_str()).collect();
        assert!(urls.contains(&"https://dl.k8s.io/release/v1.36.4/bin/linux/amd64/kubeadm"));
        assert!(urls.contains(&"https://github.com/containerd/containerd/releases/download/v2.3.4/containerd-2.3.4-linux-amd64.tar.gz"));
        assert!(urls.contains(
            &"https://github.com/opencontainers/runc/releases/download/v1.5.1/runc.amd64"
        ));
        assert!(urls.contains(&"https://github.com/etcd-io/etcd/releases/download/v3.7.1/etcd-v3.7.1-linux-amd64.tar.gz"));
        let runc = all.iter().find(|a| a.component == "runc").unwrap();
        assert_eq!(
            runc.checksum_url,
            "https://github.com/opencontainers/runc/releases/download/v1.5.1/runc.sha256sum"
        );
        assert_eq!(runc.path, "bin/amd64/runc.amd64");
    }

    fn mirror_with(root: &Path, a: &Artifact, data: &[u8], checksum: &str) {
        let place = |url: &str, bytes: &[u8]| {
            let p = root.join(url.split_once("://").unwrap().1);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        };
        place(&a.url, data);
        place(&a.checksum_url, checksum.as_bytes());
    }

    #[test]
    fn fetch_verifies_against_the_published_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let mirror_root = dir.path().join("mirror");
        let all = artifacts(&Versions::for_kubernetes("1.36.4"), &["amd64"]);
        let kubeadm = all.iter().find(|a| a.url.ends_with("/kubeadm")).unwrap();
        let runc = all.iter().find(|a| a.component == "runc").unwrap();
        let sum = |d: &[u8]| hex::encode(Sha256::digest(d));
        mirror_with(
            &mirror_root,
            kubeadm,
            b"kubeadm bytes",
            &format!("{}\n", sum(b"kubeadm bytes")),
        );
        // runc's checksum file lists every architecture; the right line is picked.
        mirror_with(
            &mirror_root,
            runc,
            b"runc bytes",
            &format!(
                "{}  runc.arm64\n{}  runc.amd64\n",
                sum(b"other"),
                sum(b"runc bytes")
            ),
        );
        let mirror = Mirror::parse(&format!("file://{}", mirror_root.display()));
        let out = dir.path().join("bundle");
        assert_eq!(
            fetch(kubeadm, &mirror, &out).unwrap(),
            sum(b"kubeadm bytes")
        );
        assert_eq!(fetch(runc, &mirror, &out).unwrap(), sum(b"runc bytes"));
        assert_eq!(
            std::fs::read(out.join("bin/amd64/runc.amd64")).unwrap(),
            b"runc bytes"
        );

        // Tampered data is refused and leaves nothing behind.
        mirror_with(
            &mirror_root,
            kubeadm,
            b"tampered",
            &format!("{}\n", sum(b"kubeadm bytes")),
        );
        std::fs::remove_file(out.join("bin/amd64/kubeadm")).unwrap();
        let e = fetch(kubeadm, &mirror, &out).unwrap_err().to_string();
        assert!(e.contains("does not match the published"), "{e}");
        assert!(!out.join("bin/amd64/kubeadm").exists());
        assert!(!out.join("bin/amd64/kubeadm.tcs-partial").exists());
    }
}
