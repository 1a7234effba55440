//! The API server an addon runs (Karmada's karmada-apiserver): the kubeconfig tcs keeps for it,
//! reaching it on a NodePort of the cluster, and the addon's objects in it.
//!
//! tcs's client certificate for it is issued from the addon's CA (`apiServer.ca`) with the
//! group `system:masters`, like the cluster's own admin kubeconfig; the kubeconfig is written
//! 0600 beside the cluster's (`<state>/kubeconfig/<cluster>.<name>.conf`).

use super::{AddonError, AddonMeta, ApiServer, CheckResult, ClusterFacts, Lifecycle, Rendered};
use crate::kube::{ApplyEvent, WaitOptions};
use crate::pki::{ClusterPki, LeafSpec, Usage};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where tcs keeps the kubeconfig of `cluster`'s addon API server `name`.
pub fn kubeconfig_path(state: &Path, cluster: &str, name: &str) -> PathBuf {
    crate::state::StateDir::at(state)
        .kubeconfig(cluster)
        .with_file_name(format!("{cluster}.{name}.conf"))
}

fn fail(addon: &str, message: impl std::fmt::Display) -> AddonError {
    AddonError::Render {
        addon: addon.to_string(),
        message: message.to_string(),
    }
}

/// The NodePort the API server answers on, from `apiServer.nodePort` over the values.
pub fn node_port(meta: &AddonMeta, api: &ApiServer, values: &Value) -> Result<u16, AddonError> {
    let env = minijinja::Environment::new();
    let bad = |e: &dyn std::fmt::Display| AddonError::Definition {
        addon: meta.name.clone(),
        file: "addon.yaml".into(),
        message: format!("apiServer.nodePort `{}`: {e}", api.node_port),
    };
    let v = env
        .compile_expression(&api.node_port)
        .map_err(|e| bad(&e))?
        .eval(minijinja::context! { values => minijinja::Value::from(minijinja::value::Serde(values)) })
        .map_err(|e| bad(&e))?;
    v.as_i64()
        .and_then(|p| u16::try_from(p).ok())
        .ok_or_else(|| bad(&format!("{v} is not a port")))
}

/// Writes (or refreshes) the kubeconfig tcs uses for the addon's API server: server
/// `https://<cluster endpoint>:<nodePort>`, the addon CA, a client certificate from it.
pub fn write_kubeconfig(
    state: &Path,
    facts: &ClusterFacts,
    meta: &AddonMeta,
    api: &ApiServer,
    values: &Value,
) -> Result<PathBuf, AddonError> {
    let addon = &meta.name;
    let port = node_port(meta, api, values)?;
    let pki = ClusterPki::new(state, &facts.name);
    let dir = format!("addon-{addon}");
    let ca_stem = format!("{dir}/{}", api.ca);
    let ca = pki
        .ensure_ca(&ca_stem, &api.ca)
        .map_err(|e| fail(addon, e))?;
    let spec = LeafSpec {
        common_name: "tcs".into(),
        organizations: vec!["system:masters".into()],
        dns: vec![],
        ips: vec![],
        usage: Usage::Client,
    };
    let (client, _) = pki
        .ensure_leaf(&ca_stem, &format!("{dir}/tcs-admin"), &spec)
        .map_err(|e| fail(addon, e))?;
    let host = if facts.endpoint.contains(':') {
        format!("[{}]", facts.endpoint)
    } else {
        facts.endpoint.clone()
    };
    let b64 = |s: &str| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
    };
    let name = format!("{}-{}", facts.name, api.name);
    let doc = json!({
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": name, "cluster": {
            "server": format!("https://{host}:{port}"),
            "certificate-authority-data": b64(&ca)}}],
        "users": [{"name": format!("tcs@{name}"), "user": {
            "client-certificate-data": b64(&client.cert),
            "client-key-data": b64(&client.key)}}],
        "contexts": [{"name": name, "context": {"cluster": name, "user": format!("tcs@{name}")}}],
        "current-context": name,
    });
    let path = kubeconfig_path(state, &facts.name, &api.name);
    let text = serde_saphyr::to_string(&doc).map_err(|e| fail(addon, e))?;
    crate::state::write_private(&path, text.as_bytes())
        .map_err(|e| fail(addon, format!("{}: {e}", path.display())))?;
    Ok(path)
}

/// Waits until the API server at `kubeconfig` answers `/readyz`, and connects to it.
pub async fn connect(
    addon: &str,
    api: &ApiServer,
    kubeconfig: &Path,
    timeout: Duration,
) -> Result<::kube::Client, AddonError> {
    let text = std::fs::read_to_string(kubeconfig)
        .map_err(|e| fail(addon, format!("{}: {e}", kubeconfig.display())))?;
    let access = crate::kubeconfig::access(&text).map_err(|e| fail(addon, e))?;
    let deadline = Instant::now() + timeout;
    loop {
        let a = access.clone();
        let answer = tokio::task::spawn_blocking(move || {
            crate::kubeconfig::readyz(&a, Duration::from_secs(5))
        })
        .await
        .map_err(|e| fail(addon, e))?;
        match answer {
            Ok(_) => break,
            Err(why) if Instant::now() >= deadline => {
                return Err(AddonError::Unhealthy {
                    addon: addon.to_string(),
                    message: format!("{} at {} does not answer: {why}", api.name, access.server),
                });
            }
            Err(why) => {
                tracing::debug!(addon, api = %api.name, %why, "waiting for the addon's API server");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
    crate::kube::client_from_kubeconfig(kubeconfig)
        .await
        .map_err(|e| fail(addon, format!("{e:#}")))
}

/// What the API server's own lifecycle works with: the addon as seen from inside it (its
/// objects and health checks; no dependencies).
pub fn inner(meta: &AddonMeta, api: &ApiServer, rendered: &Rendered) -> (AddonMeta, Rendered) {
    let mut m = meta.clone();
    m.needs.clear();
    m.health = api.health.clone();
    m.api_server = None;
    let mut r = rendered.clone();
    r.objects = std::mem::take(&mut r.api_objects);
    r.images.clear();
    (m, r)
}

/// Applies the addon's objects to its API server (waiting for it to answer first) and runs
/// the health checks on them.
pub async fn enable(
    state: &Path,
    facts: &ClusterFacts,
    meta: &AddonMeta,
    rendered: &Rendered,
    wait: WaitOptions,
    on: &(dyn Fn(ApplyEvent) + Sync),
) -> Result<(), AddonError> {
    let Some(api) = &meta.api_server else {
        return Ok(());
    };
    let path = write_kubeconfig(state, facts, meta, api, &rendered.values)?;
    let client = connect(&meta.name, api, &path, wait.timeout).await?;
    let (m, r) = inner(meta, api, rendered);
    Lifecycle::new(client, &format!("{}/{}", facts.name, api.name), wait)
        .enable(&m, &r, on)
        .await
        .map(|_| ())
}

/// The health of the addon's API server for `tcs addon status`: it answers, and its own
/// health checks pass (looked at once, without waiting).
pub async fn status(
    state: &Path,
    cluster: &str,
    meta: &AddonMeta,
    api: &ApiServer,
) -> Vec<CheckResult> {
    let path = kubeconfig_path(state, cluster, &api.name);
    let answers = format!("{} answers", api.name);
    let client = if path.exists() {
        connect(&meta.name, api, &path, Duration::ZERO).await
    } else {
        Err(fail(
            &meta.name,
            format!(
                "no kubeconfig at {} (enable the addon again)",
                path.display()
            ),
        ))
    };
    let client = match client {
        Ok(c) => c,
        Err(e) => {
            return vec![CheckResult {
                check: answers,
                ok: false,
                detail: e.to_string(),
            }];
        }
    };
    let mut out = vec![CheckResult {
        check: answers,
        ok: true,
        detail: String::new(),
    }];
    let (m, _) = inner(meta, api, &Rendered::default());
    let life = Lifecycle::new(
        client,
        &format!("{cluster}/{}", api.name),
        WaitOptions::default(),
    );
    match life.status(&m).await {
        Ok(s) => {
            if !s.missing.is_empty() {
                out.push(CheckResult {
                    check: format!("objects in {}", api.name),
                    ok: false,
                    detail: format!("missing: {}", s.missing.join(", ")),
                });
            }
            out.extend(s.checks);
        }
        Err(e) => out.push(CheckResult {
            check: format!("objects in {}", api.name),
            ok: false,
            detail: e.to_string(),
        }),
    }
    out
}
