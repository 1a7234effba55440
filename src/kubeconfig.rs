//! Kubeconfig files: reading the current context's server and credentials, asking an API
//! server whether it is ready (`/readyz`, with the kubeconfig's TLS client certificate or
//! token, over rustls on ring), and merging one kubeconfig into another (`kubectl`'s
//! ~/.kube/config), entries replaced by name.

use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

/// How to reach a cluster, from a kubeconfig's current context.
#[derive(Clone)]
pub struct Access {
    /// API server URL.
    pub server: String,
    /// CA certificate(s), PEM.
    pub ca_pem: Option<Vec<u8>>,
    /// Client certificate and key, PEM.
    pub client: Option<(Vec<u8>, Vec<u8>)>,
    /// Bearer token.
    pub token: Option<String>,
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Access")
            .field("server", &self.server)
            .field("credentials", &"<redacted>")
            .finish()
    }
}

fn named<'a>(doc: &'a Value, list: &str, name: &str) -> Option<&'a Value> {
    doc.get(list)?
        .as_array()?
        .iter()
        .find(|e| e.get("name").and_then(Value::as_str) == Some(name))
}

fn data(v: &Value, key: &str) -> Result<Option<Vec<u8>>, String> {
    if let Some(d) = v.get(format!("{key}-data")).and_then(Value::as_str) {
        return base64::engine::general_purpose::STANDARD
            .decode(d.trim())
            .map(Some)
            .map_err(|e| format!("{key}-data is not base64: {e}"));
    }
    if let Some(p) = v.get(key).and_then(Value::as_str) {
        return std::fs::read(p)
            .map(Some)
            .map_err(|e| format!("{key} {p}: {e}"));
    }
    Ok(None)
}

/// Reads the current context of a kubeconfig.
pub fn access(text: &str) -> Result<Access, String> {
    let doc: Value = serde_saphyr::from_str(text).map_err(|e| format!("not a kubeconfig: {e}"))?;
    let current = doc
        .get("current-context")
        .and_then(Value::as_str)
        .ok_or("the kubeconfig has no current-context")?;
    let ctx = named(&doc, "contexts", current)
        .and_then(|c| c.get("context"))
        .ok_or_else(|| format!("context {current} is not defined"))?;
    let cluster_name = ctx.get("cluster").and_then(Value::as_str).unwrap_or("");
    let cluster = named(&doc, "clusters", cluster_name)
        .and_then(|c| c.get("cluster"))
        .ok_or_else(|| format!("cluster {cluster_name} is not defined"))?;
    let user_name = ctx.get("user").and_then(Value::as_str).unwrap_or("");
    let user = named(&doc, "users", user_name)
        .and_then(|u| u.get("user"))
        .cloned()
        .unwrap_or(Value::Null);
    let server = cluster
        .get("server")
        .and_then(Value::as_str)
        .ok_or("the cluster has no server")?
        .trim_end_matches('/')
        .to_string();
    let client = match (
        data(&user, "client-certificate")?,
        data(&user, "client-key")?,
    ) {
        (Some(c), Some(k)) => Some((c, k)),
        _ => None,
    };
    Ok(Access {
        server,
        ca_pem: data(cluster, "certificate-authority")?,
        client,
        token: user
            .get("token")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// Asks the API server `/readyz`; returns its answer ("ok") or why it is not ready.
pub fn readyz(a: &Access, timeout: Duration) -> Result<String, String> {
    use ureq::tls::{ClientCert, PemItem, RootCerts, TlsConfig, parse_pem};
    crate::tls::install_crypto_provider();
    let mut tls = TlsConfig::builder();
    if let Some(ca) = &a.ca_pem {
        let certs: Vec<_> = parse_pem(ca)
            .filter_map(|i| match i {
                Ok(PemItem::Certificate(c)) => Some(c),
                _ => None,
            })
            .collect();
        tls = tls.root_certs(RootCerts::new_with_certs(&certs));
    }
    if let Some((cert, key)) = &a.client {
        let chain: Vec<_> = parse_pem(cert)
            .filter_map(|i| match i {
                Ok(PemItem::Certificate(c)) => Some(c),
                _ => None,
            })
            .collect();
        let key = parse_pem(key)
            .find_map(|i| match i {
                Ok(PemItem::PrivateKey(k)) => Some(k),
                _ => None,
            })
            .ok_or("the client key is not a PEM private key")?;
        tls = tls.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls.build())
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.get(format!("{}/readyz", a.server));
    if let Some(t) = &a.token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.call().map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = resp
        .body_mut()
        .read_to_string()
        .unwrap_or_default()
        .trim()
        .to_string();
    if status.is_success() {
        Ok(body)
    } else {
        Err(format!(
            "HTTP {}: {}",
            status.as_u16(),
            body.lines().last().unwrap_or("")
        ))
    }
}

/// Merges `new` into `existing` (either may be empty): clusters, users and contexts are
/// replaced by name; `current-context` becomes `new`'s when `switch` or when unset.
pub fn merge(existing: &str, new: &str, switch: bool) -> Result<String, String> {
    let parse = |t: &str| -> Result<Value, String> {
        if t.trim().is_empty() {
            Ok(
                json!({"apiVersion": "v1", "kind": "Config", "clusters": [], "users": [], "contexts": []}),
            )
        } else {
            let v: Value =
                serde_saphyr::from_str(t).map_err(|e| format!("not a kubeconfig: {e}"))?;
            match v.is_object() {
                true => Ok(v),
                false => Err("not a kubeconfig: the document is not a mapping".into()),
            }
        }
    };
    let mut base = parse(existing)?;
    let add = parse(new)?;
    for list in ["clusters", "users", "contexts"] {
        let incoming = match add.get(list) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(_) => return Err(format!("not a kubeconfig: {list} is not a list")),
        };
        let entry = base
            .as_object_mut()
            .ok_or("the kubeconfig is not a mapping")?
            .entry(list)
            .or_insert_with(|| json!([]));
        let arr = entry
            .as_array_mut()
            .ok_or_else(|| format!("{list} is not a list"))?;
        for item in incoming {
            let name = item.get("name").cloned();
            arr.retain(|e| e.get("name") != name.as_ref());
            arr.push(item);
        }
    }
    let unset = base
        .get("current-context")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty);
    if (switch || unset)
        && let Some(c) = add.get("current-context")
    {
        base["current-context"] = c.clone();
    }
    serde_saphyr::to_string(&base).map_err(|e| e.to_string())
}

/// Renames a kubeadm admin kubeconfig's entries to `<cluster>-admin@<cluster>` style names
/// unique to the cluster, so several clusters merge side by side.
pub fn rename_for(text: &str, cluster: &str) -> Result<String, String> {
    let mut doc: Value =
        serde_saphyr::from_str(text).map_err(|e| format!("not a kubeconfig: {e}"))?;
    let user = format!("{cluster}-admin");
    let context = format!("{user}@{cluster}");
    let root = doc
        .as_object_mut()
        .ok_or("not a kubeconfig: the document is not a mapping")?;
    // Each entry of `list` as a mapping (a kubeconfig's lists hold nothing else).
    fn entries<'a>(
        root: &'a mut serde_json::Map<String, Value>,
        list: &str,
    ) -> Result<Vec<&'a mut serde_json::Map<String, Value>>, String> {
        let Some(items) = root.get_mut(list) else {
            return Ok(Vec::new());
        };
        let items = items
            .as_array_mut()
            .ok_or_else(|| format!("not a kubeconfig: {list} is not a list"))?;
        items
            .iter_mut()
            .map(|e| {
                e.as_object_mut()
                    .ok_or_else(|| format!("not a kubeconfig: an entry of {list} is not a mapping"))
            })
            .collect()
    }
    for c in entries(root, "clusters")? {
        c.insert("name".into(), json!(cluster));
    }
    for u in entries(root, "users")? {
        u.insert("name".into(), json!(user));
    }
    for x in entries(root, "contexts")? {
        x.insert("name".into(), json!(context));
        let inner = x.entry("context").or_insert_with(|| json!({}));
        let inner = inner
            .as_object_mut()
            .ok_or("not a kubeconfig: a context's context is not a mapping")?;
        inner.insert("cluster".into(), json!(cluster));
        inner.insert("user".into(), json!(user));
    }
    root.insert("current-context".into(), json!(context));
    serde_saphyr::to_string(&doc).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (fuzz/fuzz_targets/kubeconfig.rs): a document that is not a mapping,
    /// or whose entries are not, panicked while indexing; it is an error now.
    #[test]
    fn rename_refuses_what_is_not_a_kubeconfig() {
        for text in [
            "apiVer",
            "- 1",
            "clusters: [1]",
            "users: {a: b}",
            "contexts: [{name: x, context: s}]",
        ] {
            let e = rename_for(text, "c").unwrap_err();
            assert!(e.starts_with("not a kubeconfig"), "{text}: {e}");
        }
        let ours = "apiVersion: v1\nkind: Config\nclusters: []\n";
        for text in ["apiVer", "[1]", "clusters: 1"] {
            assert!(merge(text, ours, true).is_err(), "{text}");
            assert!(merge(ours, text, true).is_err(), "{text}");
            assert!(access(text).is_err(), "{text}");
        }
    }

    const ADMIN: &str = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: QUJD\n    server: https://10.0.0.100:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: Q0VSVA==\n    client-key-data: S0VZ\n";

    #[test]
    fn reads_the_current_context() {
        let a = access(ADMIN).unwrap();
        assert_eq!(a.server, "https://10.0.0.100:6443");
        assert_eq!(a.ca_pem.as_deref(), Some(&b"ABC"[..]));
        assert_eq!(a.client.as_ref().unwrap().0, b"CERT");
        assert!(!format!("{a:?}").contains("KEY"));
        assert!(
            access("apiVersion: v1\n")
                .unwrap_err()
                .contains("current-context")
        );
    }

    #[test]
    fn merges_by_name_and_renames_per_cluster() {
        let prod = rename_for(ADMIN, "prod").unwrap();
        let edge = rename_for(ADMIN, "edge").unwrap();
        let merged = merge("", &prod, false).unwrap();
        let merged = merge(&merged, &edge, false).unwrap();
        let doc: Value = serde_saphyr::from_str(&merged).unwrap();
        assert_eq!(doc["clusters"].as_array().unwrap().len(), 2);
        assert_eq!(
            doc["current-context"], "prod-admin@prod",
            "kept unless switching"
        );
        let again = merge(&merged, &edge, true).unwrap();
        let doc: Value = serde_saphyr::from_str(&again).unwrap();
        assert_eq!(
            doc["contexts"].as_array().unwrap().len(),
            2,
            "replaced, not duplicated"
        );
        assert_eq!(doc["current-context"], "edge-admin@edge");
        assert_eq!(access(&again).unwrap().server, "https://10.0.0.100:6443");
    }
}
