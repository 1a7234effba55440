//! Rendering an addon for one cluster: values, templates (strict minijinja), pinned upstream
//! files, labels, image rewriting.

use super::catalog::{AddonDef, Source};
use super::values::{ValueLayer, merge_values};
use super::{AddonError, LABEL_NAME, LABEL_VERSION, images_of, rewrite_images};
use crate::bundle::images::RegistryMirror;
use crate::bundle::sources::Mirror;
use crate::kube::{Manifest, parse_documents};
use crate::pki::{ClusterPki, LeafSpec, Usage};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What templates know about the cluster.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterFacts {
    /// Cluster name.
    pub name: String,
    /// `global` or `business`.
    pub role: String,
    /// Kubernetes version (`1.36.4`).
    pub kubernetes_version: String,
    /// `1.36`.
    pub kubernetes_minor: String,
    /// Pod network.
    #[serde(rename = "podCIDR")]
    pub pod_cidr: String,
    /// Service network.
    #[serde(rename = "serviceCIDR")]
    pub service_cidr: String,
    /// Where clients reach the cluster: the VIP, load balancer or single control plane.
    pub endpoint: String,
    /// Every host address of the cluster (NodePorts answer on each).
    pub addresses: Vec<String>,
    /// Names of the control-plane hosts (their node names), in inventory order.
    pub control_plane: Vec<String>,
}

impl ClusterFacts {
    /// Facts of an inventory cluster.
    pub fn of(
        inventory: &crate::inventory::Inventory,
        cluster: &crate::inventory::Cluster,
    ) -> ClusterFacts {
        let version = cluster
            .kubernetes
            .version
            .trim_start_matches('v')
            .to_string();
        let minor = version.split('.').take(2).collect::<Vec<_>>().join(".");
        ClusterFacts {
            name: cluster.name.clone(),
            role: match cluster.role {
                crate::inventory::ClusterRole::Global => "global".into(),
                crate::inventory::ClusterRole::Business => "business".into(),
            },
            kubernetes_version: version,
            kubernetes_minor: minor,
            pod_cidr: cluster.kubernetes.pod_cidr.clone(),
            service_cidr: cluster.kubernetes.service_cidr.clone(),
            endpoint: crate::steps::kubernetes::api_endpoint(cluster, inventory).host,
            addresses: cluster
                .all_hosts()
                .into_iter()
                .filter_map(|h| inventory.host(h))
                .map(|h| h.address.clone())
                .collect(),
            control_plane: cluster.control_plane.hosts.clone(),
        }
    }
}

/// Where pinned upstream files come from: the offline bundle (`<bundle>/addons/<addon>/`), the
/// download cache, or a mirror / upstream download into the cache; always sha256-checked.
#[derive(Debug, Clone)]
pub struct UpstreamFiles {
    /// An unpacked bundle directory.
    pub bundle: Option<PathBuf>,
    /// Download cache root (files go to `<cache>/addons/<addon>/<name>`).
    pub cache: PathBuf,
    /// Where to download from when neither has the file.
    pub mirror: Mirror,
}

impl UpstreamFiles {
    /// Reads `source` for `addon`, verified against its pinned sha256.
    pub fn read(&self, addon: &str, source: &Source) -> Result<String, AddonError> {
        let err = |message: String| AddonError::Upstream {
            addon: addon.to_string(),
            file: source.name.clone(),
            url: source.url.clone(),
            message,
        };
        let rel = format!("addons/{addon}/{}", source.name);
        if let Some(b) = &self.bundle {
            let p = b.join(&rel);
            if p.exists() {
                let data = std::fs::read(&p).map_err(|e| err(format!("{}: {e}", p.display())))?;
                let got = {
                    use sha2::Digest;
                    hex::encode(sha2::Sha256::digest(&data))
                };
                if got != source.sha256 {
                    return Err(err(format!(
                        "{} has sha256 {got}, not the pinned {}: the bundle is damaged; rebuild it",
                        p.display(),
                        source.sha256
                    )));
                }
                return String::from_utf8(data).map_err(|e| err(e.to_string()));
            }
        }
        let artifact = crate::bundle::sources::Artifact {
            component: "addon",
            arch: String::new(),
            url: source.url.clone(),
            checksum_url: String::new(),
            format: crate::bundle::sources::ChecksumFormat::Bare,
            path: rel.clone(),
            kind: crate::bundle::FileKind::Manifest,
            pinned: Some(source.sha256.clone()),
        };
        crate::bundle::sources::fetch(&artifact, &self.mirror, &self.cache).map_err(|e| {
            err(format!(
                "{}; offline, point --bundle at a bundle built with `tcs bundle build --addon {addon}`, or --mirror at a copy of the upstream files",
                e.reason
            ))
        })?;
        std::fs::read_to_string(self.cache.join(&rel)).map_err(|e| err(e.to_string()))
    }
}

/// Everything a render needs.
pub struct RenderRequest<'a> {
    /// The addon.
    pub def: &'a AddonDef,
    /// The cluster.
    pub cluster: ClusterFacts,
    /// Value layers over the defaults, in order.
    pub layers: Vec<ValueLayer>,
    /// Registry every image is pulled through (air-gapped clusters).
    pub registry: Option<RegistryMirror>,
    /// Pinned upstream files.
    pub upstream: &'a UpstreamFiles,
    /// The cluster's PKI (webhook certificates are issued from its CA).
    pub pki: Option<ClusterPki>,
}

/// A rendered addon.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Addon name.
    pub name: String,
    /// Addon version.
    pub version: String,
    /// Merged values.
    pub values: Value,
    /// The objects, labelled, in template order.
    pub objects: Vec<Manifest>,
    /// The objects for the API server the addon runs (`apiServer.templates`), labelled.
    pub api_objects: Vec<Manifest>,
    /// Images the objects run (after rewriting).
    pub images: Vec<String>,
}

impl Rendered {
    /// The objects as one YAML stream (those for the addon's own API server after a comment
    /// that says so).
    pub fn to_yaml(&self) -> String {
        let mut out = format!("# addon {} {}\n", self.name, self.version);
        for (i, m) in self.objects.iter().chain(&self.api_objects).enumerate() {
            if i == self.objects.len() {
                out.push_str("# the objects below go to the API server the addon runs\n");
            }
            out.push_str(&format!("---\n# source: {}\n", m.origin));
            out.push_str(&serde_saphyr::to_string(&m.value).unwrap_or_default());
        }
        out
    }
}

/// Certificates an addon's templates issue from the cluster's PKI, kept under
/// `addon-<addon>/` and reused while they fit (see `ClusterPki::ensure_leaf`):
///
/// - `tls_ca(name)`: a CA of the addon's own (`{cert, key}`; the key for components that sign,
///   such as a controller manager's CSR signer);
/// - `tls_cert(ca, name, cn, organizations=[], dns=[], ips=[], usage="server")`: a leaf signed by
///   the addon's CA `ca`, or by the cluster's own CA when `ca` is `"cluster"`
///   (`{cert, key, ca}`); usage is `server`, `client` or `peer`;
/// - `key_pair(name)`: a signing key pair (`{key, pub}`), e.g. for service-account tokens.
fn add_pki_functions(env: &mut minijinja::Environment<'_>, pki: Option<ClusterPki>, addon: &str) {
    fn fail(e: impl std::fmt::Display) -> minijinja::Error {
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
    }
    let dir = format!("addon-{addon}");
    let need = move |pki: &Option<ClusterPki>| -> Result<ClusterPki, minijinja::Error> {
        pki.clone()
            .ok_or_else(|| fail("no cluster PKI to issue certificates from"))
    };
    {
        let (pki, dir) = (pki.clone(), dir.clone());
        env.add_function(
            "tls_ca",
            move |name: String| -> Result<minijinja::Value, minijinja::Error> {
                let pki = need(&pki)?;
                let stem = format!("{dir}/{name}");
                pki.ensure_ca(&stem, &name).map_err(fail)?;
                let pair = pki.read(&stem).map_err(fail)?;
                Ok(to_jinja(
                    serde_json::json!({ "cert": pair.cert, "key": pair.key }),
                ))
            },
        );
    }
    {
        let (pki, dir) = (pki.clone(), dir.clone());
        env.add_function(
            "key_pair",
            move |name: String| -> Result<minijinja::Value, minijinja::Error> {
                let pair = need(&pki)?
                    .ensure_key_pair(&format!("{dir}/{name}"))
                    .map_err(fail)?;
                Ok(to_jinja(
                    serde_json::json!({ "key": pair.key, "pub": pair.cert }),
                ))
            },
        );
    }
    env.add_function(
        "tls_cert",
        move |ca: String,
              name: String,
              cn: String,
              kwargs: minijinja::value::Kwargs|
              -> Result<minijinja::Value, minijinja::Error> {
            let pki = need(&pki)?;
            let list = |key: &str| -> Result<Vec<String>, minijinja::Error> {
                Ok(kwargs.get::<Option<Vec<String>>>(key)?.unwrap_or_default())
            };
            let organizations = list("organizations")?;
            let dns = list("dns")?;
            let ips = list("ips")?
                .iter()
                .map(|ip| {
                    ip.parse()
                        .map_err(|_| fail(format!("tls_cert {name}: {ip:?} is not an IP address")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let usage = match kwargs.get::<Option<String>>("usage")?.as_deref() {
                None | Some("server") => Usage::Server,
                Some("client") => Usage::Client,
                Some("peer") => Usage::Peer,
                Some(other) => {
                    return Err(fail(format!(
                        "tls_cert {name}: usage {other:?} is not server, client or peer"
                    )));
                }
            };
            kwargs.assert_all_used()?;
            let ca_stem = if ca == "cluster" {
                pki.ensure_cas().map_err(fail)?;
                "ca".to_string()
            } else {
                format!("{dir}/{ca}")
            };
            let spec = LeafSpec {
                common_name: cn,
                organizations,
                dns,
                ips,
                usage,
            };
            let (pair, _) = pki
                .ensure_leaf(&ca_stem, &format!("{dir}/{name}"), &spec)
                .map_err(fail)?;
            let ca_cert = pki.read(&ca_stem).map_err(fail)?.cert;
            Ok(to_jinja(serde_json::json!({
                "cert": pair.cert, "key": pair.key, "ca": ca_cert,
            })))
        },
    );
}

fn to_jinja(v: impl Serialize) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

fn render_err(addon: &str, e: impl std::fmt::Display) -> AddonError {
    AddonError::Render {
        addon: addon.to_string(),
        message: e.to_string(),
    }
}

fn template_error(e: &minijinja::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(&format!(": {inner}"));
        src = inner.source();
    }
    s
}

/// Renders `req.def` for the cluster: merges and checks values, renders every template,
/// parses the objects, labels them and rewrites their images.
pub fn render(req: &RenderRequest<'_>) -> Result<Rendered, AddonError> {
    let meta = &req.def.meta;
    let name = meta.name.clone();
    let values = merge_values(&name, &meta.values, &meta.schema, &req.layers)?;

    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| render_err(&name, e))?;
    env.set_syntax(syntax);
    env.add_filter(
        "toyaml",
        |v: minijinja::Value| -> Result<String, minijinja::Error> {
            let json: Value = serde_json::to_value(&v).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
            })?;
            Ok(serde_saphyr::to_string(&json)
                .unwrap_or_default()
                .trim_end()
                .to_string())
        },
    );
    env.add_filter(
        "fromyaml",
        |s: String| -> Result<minijinja::Value, minijinja::Error> {
            let v: Value = serde_saphyr::from_str(&s).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
            })?;
            Ok(to_jinja(&v))
        },
    );
    env.add_filter(
        "merge",
        |base: minijinja::Value,
         over: minijinja::Value|
         -> Result<minijinja::Value, minijinja::Error> {
            let to_json = |v: &minijinja::Value| {
                serde_json::to_value(v).map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
                })
            };
            let mut merged = to_json(&base)?;
            crate::addon::values::deep_merge(&mut merged, &to_json(&over)?);
            Ok(to_jinja(&merged))
        },
    );
    env.add_filter("b64encode", |s: String| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
    });
    env.add_filter("quote", |v: minijinja::Value| {
        let text = v
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string());
        serde_json::to_string(&text).unwrap_or_default()
    });
    let registry = req.registry.clone();
    env.add_filter(
        "image",
        move |s: String| -> Result<String, minijinja::Error> {
            match &registry {
                Some(m) => m
                    .rewrite_image(&s)
                    .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e)),
                None => Ok(s),
            }
        },
    );
    let upstream_texts: Arc<std::sync::Mutex<BTreeMap<String, String>>> = Default::default();
    let first_error: Arc<std::sync::Mutex<Option<AddonError>>> = Default::default();
    {
        let sources = meta.sources.clone();
        let store = req.upstream.clone();
        let cache = upstream_texts.clone();
        let first = first_error.clone();
        let addon = name.clone();
        env.add_function(
            "upstream",
            move |file: String| -> Result<String, minijinja::Error> {
                if let Some(t) = cache.lock().ok().and_then(|c| c.get(&file).cloned()) {
                    return Ok(t);
                }
                let Some(source) = sources.iter().find(|s| s.name == file) else {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("upstream file {file:?} is not listed under sources in addon.yaml"),
                    ));
                };
                match store.read(&addon, source) {
                    Ok(text) => {
                        if let Ok(mut c) = cache.lock() {
                            c.insert(file, text.clone());
                        }
                        Ok(text)
                    }
                    Err(e) => {
                        let msg = e.to_string();
                        if let Ok(mut f) = first.lock() {
                            f.get_or_insert(e);
                        }
                        Err(minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            msg,
                        ))
                    }
                }
            },
        );
    }
    {
        let pki = req.pki.clone();
        let addon = name.clone();
        env.add_function(
            "webhook_cert",
            move |service: String,
                  namespace: String|
                  -> Result<minijinja::Value, minijinja::Error> {
                let fail =
                    |e: String| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e);
                let pki = pki.as_ref().ok_or_else(|| {
                    fail("no cluster PKI to issue a webhook certificate from".into())
                })?;
                pki.ensure_cas().map_err(|e| fail(e.to_string()))?;
                let spec = LeafSpec {
                    common_name: format!("{service}.{namespace}.svc"),
                    organizations: vec![],
                    dns: vec![
                        service.clone(),
                        format!("{service}.{namespace}"),
                        format!("{service}.{namespace}.svc"),
                        format!("{service}.{namespace}.svc.cluster.local"),
                    ],
                    ips: vec![],
                    usage: Usage::Server,
                };
                let (pair, _) = pki
                    .ensure_leaf("ca", &format!("addon-{addon}-{service}"), &spec)
                    .map_err(|e| fail(e.to_string()))?;
                let ca = pki.read("ca").map_err(|e| fail(e.to_string()))?;
                Ok(minijinja::Value::from(minijinja::value::Serde(
                    serde_json::json!({
                        "cert": pair.cert, "key": pair.key, "ca": ca.cert,
                    }),
                )))
            },
        );
    }
    add_pki_functions(&mut env, req.pki.clone(), &name);
    for (file, text) in &req.def.templates {
        env.add_template_owned(file.clone(), text.clone())
            .map_err(|e| render_err(&name, template_error(&e)))?;
    }
    let ctx = minijinja::context! {
        values => minijinja::Value::from(minijinja::value::Serde(&values)),
        cluster => minijinja::Value::from(minijinja::value::Serde(&req.cluster)),
        addon => minijinja::context! { name => name.clone(), version => meta.version.clone(), namespace => meta.namespace.clone() },
    };
    let mut objects = Vec::new();
    let mut api_objects = Vec::new();
    let api_templates: Vec<&String> = meta.api_server.iter().flat_map(|a| &a.templates).collect();
    for file in req.def.templates.keys() {
        let text = env
            .get_template(file)
            .and_then(|t| t.render(&ctx))
            .map_err(
                |e| match first_error.lock().ok().and_then(|mut f| f.take()) {
                    Some(upstream) => upstream,
                    None => render_err(&name, template_error(&e)),
                },
            )?;
        let docs = parse_documents(&text, file).map_err(|e| render_err(&name, e))?;
        if api_templates.contains(&file) {
            api_objects.extend(docs);
        } else {
            objects.extend(docs);
        }
    }
    let labels: BTreeMap<String, String> = [
        (
            "app.kubernetes.io/managed-by".to_string(),
            "tcs".to_string(),
        ),
        (LABEL_NAME.to_string(), name.clone()),
        (LABEL_VERSION.to_string(), meta.version.clone()),
    ]
    .into_iter()
    .collect();
    for m in objects.iter_mut().chain(api_objects.iter_mut()) {
        m.add_labels(&labels);
    }
    if let Some(mirror) = &req.registry {
        rewrite_images(&mut objects, mirror).map_err(|e| render_err(&name, e))?;
    }
    let mut seen = std::collections::BTreeSet::new();
    for (m, server) in objects
        .iter()
        .map(|m| (m, ""))
        .chain(api_objects.iter().map(|m| (m, "api")))
    {
        let r = m.object_ref();
        if !seen.insert((server, r.clone())) {
            return Err(render_err(
                &name,
                format!("{}: {r} is rendered twice", m.origin),
            ));
        }
    }
    Ok(Rendered {
        images: images_of(&objects),
        name,
        version: meta.version.clone(),
        values,
        objects,
        api_objects,
    })
}
