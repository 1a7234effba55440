//! The cluster PKI tcs owns: per cluster a Kubernetes CA, an etcd CA, a front-proxy CA and the
//! service-account key pair, plus the leaf certificates tcs itself issues (etcd members,
//! clients). Kept under `<state dir>/pki/<cluster>/` (directories 0700, keys 0600); kubeadm is
//! given the CAs and signs the control plane's own leaves with them.
//!
//! Keys are ECDSA P-256 (ring, the binary's one crypto backend, does not generate RSA keys;
//! Kubernetes and etcd accept ECDSA everywhere, kubeadm as `encryptionAlgorithm: ECDSA-P256`).
//! Issuing is idempotent: an existing certificate is kept while it is signed by the current CA,
//! covers the wanted names and has more than `RENEW_BEFORE_DAYS` left, so a re-run changes
//! nothing on the hosts.

use std::net::IpAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use time::{Duration, OffsetDateTime};

/// CA lifetime (as kubeadm: 10 years).
pub const CA_DAYS: i64 = 3650;
/// Leaf lifetime (as kubeadm: 1 year).
pub const LEAF_DAYS: i64 = 365;
/// Leaves with less than this left are re-issued.
pub const RENEW_BEFORE_DAYS: i64 = 30;

/// Why the PKI could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// A file could not be read or written.
    #[error("{}: {reason}", path.display())]
    Io {
        /// Path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A certificate or key is unusable.
    #[error("{}: {reason}", path.display())]
    Invalid {
        /// Path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> PkiError + '_ {
    move |e| PkiError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn invalid(path: &Path, reason: impl std::fmt::Display) -> PkiError {
    PkiError::Invalid {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// What a leaf certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// TLS server.
    Server,
    /// TLS client.
    Client,
    /// Both (etcd peers).
    Peer,
}

/// A leaf certificate to issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafSpec {
    /// Common name.
    pub common_name: String,
    /// Organizations (Kubernetes groups for client certificates).
    pub organizations: Vec<String>,
    /// DNS names.
    pub dns: Vec<String>,
    /// IP addresses.
    pub ips: Vec<IpAddr>,
    /// Server, client or both.
    pub usage: Usage,
}

/// A certificate and its key, PEM-encoded.
#[derive(Clone)]
pub struct Pair {
    /// Certificate.
    pub cert: String,
    /// Private key (never logged).
    pub key: String,
}

impl std::fmt::Debug for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pair")
            .field("cert", &format!("{} bytes", self.cert.len()))
            .field("key", &"<redacted>")
            .finish()
    }
}

/// One cluster's PKI directory.
#[derive(Debug, Clone)]
pub struct ClusterPki {
    /// `<state>/pki/<cluster>`.
    pub dir: PathBuf,
    /// Cluster name (in CA subjects).
    pub cluster: String,
}

/// The CAs of a cluster, by file stem.
pub const CAS: &[(&str, &str)] = &[
    ("ca", "kubernetes"),
    ("etcd/ca", "etcd-ca"),
    ("front-proxy-ca", "front-proxy-ca"),
];

fn write_private(path: &Path, data: &str) -> Result<(), PkiError> {
    crate::state::write_private(path, data.as_bytes()).map_err(io_err(path))
}

fn write_public(path: &Path, data: &str) -> Result<(), PkiError> {
    write_private(path, data)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).map_err(io_err(path))
}

fn validity(params: &mut CertificateParams, days: i64) {
    let now = OffsetDateTime::now_utc();
    // A little back-dating absorbs clock skew between this machine and the hosts.
    params.not_before = now - Duration::minutes(5);
    params.not_after = now + Duration::days(days);
}

fn serial(params: &mut CertificateParams) {
    let mut bytes = [0u8; 16];
    if ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).is_ok() {
        bytes[0] &= 0x7f;
        params.serial_number = Some(rcgen::SerialNumber::from_slice(&bytes));
    }
}

/// What a certificate says, read with a real X.509 parser.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertInfo {
    /// Subject common name.
    pub subject: String,
    /// Issuer common name.
    pub issuer: String,
    /// Expiry (RFC 3339).
    pub not_after: String,
    /// Whole days left (negative when expired).
    pub days_left: i64,
    /// DNS and IP subject alternative names.
    pub sans: Vec<String>,
    /// Whether it is a CA.
    pub is_ca: bool,
}

/// Parses one PEM certificate.
pub fn inspect(pem: &str) -> Result<CertInfo, String> {
    let (_, p) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).map_err(|e| e.to_string())?;
    let cert = p.parse_x509().map_err(|e| e.to_string())?;
    let cn = |n: &x509_parser::x509::X509Name<'_>| {
        n.iter_common_name()
            .next()
            .and_then(|c| c.as_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let not_after = cert.validity().not_after.to_datetime();
    let mut sans = Vec::new();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for n in &ext.value.general_names {
            match n {
                x509_parser::extensions::GeneralName::DNSName(d) => sans.push(d.to_string()),
                x509_parser::extensions::GeneralName::IPAddress(b) => {
                    let ip = match b.len() {
                        4 => <[u8; 4]>::try_from(*b).ok().map(IpAddr::from),
                        16 => <[u8; 16]>::try_from(*b).ok().map(IpAddr::from),
                        _ => None,
                    };
                    if let Some(ip) = ip {
                        sans.push(ip.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    Ok(CertInfo {
        subject: cn(cert.subject()),
        issuer: cn(cert.issuer()),
        not_after: not_after
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        days_left: (not_after - OffsetDateTime::now_utc()).whole_days(),
        sans,
        is_ca: cert.is_ca(),
    })
}

impl ClusterPki {
    /// The PKI of `cluster` under `state`.
    pub fn new(state: &Path, cluster: &str) -> ClusterPki {
        ClusterPki {
            dir: crate::state::StateDir::at(state).pki(cluster),
            cluster: cluster.to_string(),
        }
    }

    fn path(&self, stem: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{stem}.{ext}"))
    }

    /// Reads `<stem>.crt` and `<stem>.key`.
    pub fn read(&self, stem: &str) -> Result<Pair, PkiError> {
        let (c, k) = (self.path(stem, "crt"), self.path(stem, "key"));
        Ok(Pair {
            cert: std::fs::read_to_string(&c).map_err(io_err(&c))?,
            key: std::fs::read_to_string(&k).map_err(io_err(&k))?,
        })
    }

    /// Creates the cluster's CAs and service-account key pair where missing; existing ones
    /// are kept (a CA is never replaced behind the cluster's back).
    pub fn ensure_cas(&self) -> Result<(), PkiError> {
        for (stem, cn) in CAS {
            self.ensure_ca(stem, cn)?;
        }
        self.ensure_key_pair("sa").map(|_| ())
    }

    /// Creates the CA `<stem>.crt/.key` (common name `cn`) where missing and returns its
    /// certificate; an existing one is checked and kept.
    pub fn ensure_ca(&self, stem: &str, cn: &str) -> Result<String, PkiError> {
        let crt = self.path(stem, "crt");
        if crt.exists() {
            let pair = self.read(stem)?;
            KeyPair::from_pem(&pair.key).map_err(|e| invalid(&self.path(stem, "key"), e))?;
            let info = inspect(&pair.cert).map_err(|e| invalid(&crt, e))?;
            if !info.is_ca {
                return Err(invalid(&crt, "not a CA certificate"));
            }
            return Ok(pair.cert);
        }
        let key = KeyPair::generate().map_err(|e| invalid(&crt, e))?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, cn);
        dn.push(
            DnType::OrganizationalUnitName,
            format!("tcs {}", self.cluster),
        );
        params.distinguished_name = dn;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        validity(&mut params, CA_DAYS);
        serial(&mut params);
        let cert = params.self_signed(&key).map_err(|e| invalid(&crt, e))?;
        write_private(&self.path(stem, "key"), &key.serialize_pem())?;
        write_public(&crt, &cert.pem())?;
        Ok(cert.pem())
    }

    /// Creates the key pair `<stem>.key/.pub` (service-account signing) where missing and
    /// returns it (the public key as `cert`).
    pub fn ensure_key_pair(&self, stem: &str) -> Result<Pair, PkiError> {
        let (key_path, pub_path) = (self.path(stem, "key"), self.path(stem, "pub"));
        if !key_path.exists() {
            let key = KeyPair::generate().map_err(|e| invalid(&key_path, e))?;
            write_private(&key_path, &key.serialize_pem())?;
            write_public(&pub_path, &key.public_key_pem())?;
        }
        Ok(Pair {
            cert: std::fs::read_to_string(&pub_path).map_err(io_err(&pub_path))?,
            key: std::fs::read_to_string(&key_path).map_err(io_err(&key_path))?,
        })
    }

    /// Issues `<stem>.crt/.key` signed by the CA `ca` (a stem from `CAS`), or keeps the
    /// existing pair when it still fits `spec` (see the module docs). Returns the pair and
    /// whether it was (re)issued.
    pub fn ensure_leaf(
        &self,
        ca: &str,
        stem: &str,
        spec: &LeafSpec,
    ) -> Result<(Pair, bool), PkiError> {
        let ca_pair = self.read(ca)?;
        let crt = self.path(stem, "crt");
        if crt.exists()
            && let Ok(pair) = self.read(stem)
            && self.fits(&pair, &ca_pair, spec)
        {
            return Ok((pair, false));
        }
        Ok((self.issue_leaf(ca, stem, spec)?, true))
    }

    /// Issues `<stem>.crt/.key` signed by `ca` unconditionally (`tcs certs renew`).
    pub fn issue_leaf(&self, ca: &str, stem: &str, spec: &LeafSpec) -> Result<Pair, PkiError> {
        let ca_pair = self.read(ca)?;
        let crt = self.path(stem, "crt");
        let ca_key =
            KeyPair::from_pem(&ca_pair.key).map_err(|e| invalid(&self.path(ca, "key"), e))?;
        let issuer = Issuer::from_ca_cert_pem(&ca_pair.cert, ca_key)
            .map_err(|e| invalid(&self.path(ca, "crt"), e))?;
        let key = KeyPair::generate().map_err(|e| invalid(&crt, e))?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, spec.common_name.as_str());
        for o in &spec.organizations {
            dn.push(DnType::OrganizationName, o.as_str());
        }
        params.distinguished_name = dn;
        params.subject_alt_names = spec
            .dns
            .iter()
            .filter_map(|d| d.clone().try_into().ok().map(SanType::DnsName))
            .chain(spec.ips.iter().map(|ip| SanType::IpAddress(*ip)))
            .collect();
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = match spec.usage {
            Usage::Server => vec![ExtendedKeyUsagePurpose::ServerAuth],
            Usage::Client => vec![ExtendedKeyUsagePurpose::ClientAuth],
            Usage::Peer => vec![
                ExtendedKeyUsagePurpose::ServerAuth,
                ExtendedKeyUsagePurpose::ClientAuth,
            ],
        };
        params.use_authority_key_identifier_extension = true;
        validity(&mut params, LEAF_DAYS);
        serial(&mut params);
        let cert = params
            .signed_by(&key, &issuer)
            .map_err(|e| invalid(&crt, e))?;
        let pair = Pair {
            cert: cert.pem(),
            key: key.serialize_pem(),
        };
        write_private(&self.path(stem, "key"), &pair.key)?;
        write_public(&crt, &pair.cert)?;
        Ok(pair)
    }

    /// Whether `<stem>` exists and still fits `spec` (signed by `ca`, names, expiry); read-only.
    pub fn leaf_current(&self, ca: &str, stem: &str, spec: &LeafSpec) -> bool {
        match (self.read(stem), self.read(ca)) {
            (Ok(pair), Ok(ca_pair)) => self.fits(&pair, &ca_pair, spec),
            _ => false,
        }
    }

    /// Whether an existing leaf is signed by `ca`, names everything `spec` wants and is not
    /// close to expiry.
    fn fits(&self, pair: &Pair, ca: &Pair, spec: &LeafSpec) -> bool {
        let Ok(info) = inspect(&pair.cert) else {
            return false;
        };
        let Ok(ca_info) = inspect(&ca.cert) else {
            return false;
        };
        let wanted = spec
            .dns
            .iter()
            .cloned()
            .chain(spec.ips.iter().map(|i| i.to_string()));
        info.subject == spec.common_name
            && info.issuer == ca_info.subject
            && info.days_left > RENEW_BEFORE_DAYS
            && signed_by(&pair.cert, &ca.cert)
            && wanted.into_iter().all(|w| info.sans.contains(&w))
            && KeyPair::from_pem(&pair.key).is_ok()
    }
}

/// Whether `cert`'s signature verifies with `ca`'s public key.
pub fn signed_by(cert: &str, ca: &str) -> bool {
    let parse = |pem: &str| x509_parser::pem::parse_x509_pem(pem.as_bytes()).map(|(_, p)| p);
    let (Ok(c), Ok(a)) = (parse(cert), parse(ca)) else {
        return false;
    };
    let (Ok(c), Ok(a)) = (c.parse_x509(), a.parse_x509()) else {
        return false;
    };
    c.verify_signature(Some(a.public_key())).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(ips: &[&str]) -> LeafSpec {
        LeafSpec {
            common_name: "etcd1".into(),
            organizations: vec![],
            dns: vec!["etcd1".into(), "localhost".into()],
            ips: ips.iter().map(|i| i.parse().unwrap()).collect(),
            usage: Usage::Peer,
        }
    }

    #[test]
    fn cas_and_leaves_are_created_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let pki = ClusterPki::new(dir.path(), "prod");
        pki.ensure_cas().unwrap();
        let ca = pki.read("etcd/ca").unwrap();
        let mode = |p: &str| {
            std::fs::metadata(pki.dir.join(p))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("etcd/ca.key"), 0o600);
        assert_eq!(mode("ca.key"), 0o600);
        assert_eq!(mode("sa.key"), 0o600);
        assert_eq!(mode("etcd"), 0o700);
        assert_eq!(mode("ca.crt"), 0o644);
        let info = inspect(&ca.cert).unwrap();
        assert!(info.is_ca && info.subject == "etcd-ca" && info.days_left >= CA_DAYS - 1);
        pki.ensure_cas().unwrap();
        assert_eq!(
            pki.read("etcd/ca").unwrap().cert,
            ca.cert,
            "a CA is never replaced"
        );

        let (leaf, issued) = pki
            .ensure_leaf(
                "etcd/ca",
                "etcd/etcd1-peer",
                &spec(&["10.0.0.1", "127.0.0.1"]),
            )
            .unwrap();
        assert!(issued);
        assert!(signed_by(&leaf.cert, &ca.cert));
        assert!(!signed_by(&leaf.cert, &pki.read("ca").unwrap().cert));
        let info = inspect(&leaf.cert).unwrap();
        assert_eq!(info.issuer, "etcd-ca");
        assert!(
            info.sans.contains(&"10.0.0.1".to_string()) && info.sans.contains(&"etcd1".to_string())
        );
        assert!((LEAF_DAYS - 1..=LEAF_DAYS).contains(&info.days_left));

        // Same spec: kept. A new address: re-issued.
        let (again, issued) = pki
            .ensure_leaf("etcd/ca", "etcd/etcd1-peer", &spec(&["10.0.0.1"]))
            .unwrap();
        assert!(!issued);
        assert_eq!(again.cert, leaf.cert);
        let (_, issued) = pki
            .ensure_leaf("etcd/ca", "etcd/etcd1-peer", &spec(&["10.0.0.9"]))
            .unwrap();
        assert!(issued);
        assert!(
            !format!("{again:?}").contains("PRIVATE"),
            "keys never reach Debug output"
        );
    }
}
