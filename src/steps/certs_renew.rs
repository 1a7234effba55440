//! `tcs certs renew`: new certificates with a rolling restart, one host at a time, each
//! waiting until the cluster is healthy again before the next. etcd members get new server and
//! peer certificates from the cluster PKI; the shared etcd client certificates are replaced on
//! every host; control planes run `kubeadm certs renew all` and restart their static pods; the
//! local admin kubeconfig is refreshed. Every host change is journaled.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::etcd::{PKI_DIR, client_cert, member_spec_for, parse_health};
use super::kubernetes::{
    api_endpoint, etcd_client_spec, first_control_plane, kubeconfig_path,
    restart_control_plane_script, with_server,
};
use crate::inventory::{Cluster, Inventory};
use crate::pki::{ClusterPki, Usage};
use crate::plan::journal::Journal;
use crate::ssh::{ExecOptions, Session, shell_quote};

/// Writes `content` to `path` as root with `mode`, through a temporary file (keys travel on
/// stdin, never on a command line).
async fn put(s: &Session, path: &str, content: &str, mode: u32) -> Result<(), String> {
    let p = shell_quote(path);
    let tmp = shell_quote(&super::temp_path(path));
    s.check_output(
        &format!("cat > {tmp} && chmod {mode:o} {tmp} && mv -f {tmp} {p}"),
        &ExecOptions {
            stdin: Some(content.as_bytes().to_vec()),
            ..super::as_root(60)
        },
    )
    .await
    .map(|_| ())
    .map_err(|e| format!("{path}: {e}"))
}

fn etcdctl(endpoints: &str, args: &str) -> String {
    super::etcd::etcdctl_with(endpoints, 5, args)
}

/// Waits until every etcd member answers healthy, as `s` sees it.
async fn wait_etcd(s: &Session, cluster: &Cluster, inventory: &Inventory) -> Result<(), String> {
    let members: Vec<(String, String)> = cluster
        .etcd_hosts()
        .iter()
        .filter_map(|m| inventory.host(m))
        .map(|h| {
            (
                h.name.clone(),
                format!("https://{}:2379", h.cluster_address()),
            )
        })
        .collect();
    let all: Vec<&str> = members.iter().map(|(_, e)| e.as_str()).collect();
    let mut last = String::new();
    for _ in 0..60 {
        let health = s
            .exec(
                &etcdctl(&all.join(","), "endpoint health -w json"),
                &super::as_root(30),
            )
            .await
            .map_err(|e| e.to_string())?;
        let h = parse_health(&members, &health.stdout, "");
        if h.unhealthy.is_empty() {
            return Ok(());
        }
        last = h.describe();
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Err(format!("etcd did not become healthy again: {last}"))
}

/// Renews every certificate of `cluster`; `sessions` must hold all its etcd members and
/// control planes. Returns one line per action.
pub async fn renew_cluster(
    cluster: &Cluster,
    inventory: &Inventory,
    state: &std::path::Path,
    sessions: &BTreeMap<String, Arc<Session>>,
    journal: &Journal,
) -> Result<Vec<String>, String> {
    let pki = ClusterPki::new(state, &cluster.name);
    let fail = |e: crate::pki::PkiError| e.to_string();
    let mut needed: Vec<&String> = cluster.etcd_hosts().iter().collect();
    needed.extend(cluster.control_plane.hosts.iter());
    let missing: Vec<&str> = needed
        .iter()
        .filter(|h| !sessions.contains_key(h.as_str()))
        .map(|h| h.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "a rolling renewal needs every etcd member and control plane of {}; unreachable: {}; nothing was changed",
            cluster.name,
            missing.join(", ")
        ));
    }
    let mut done = Vec::new();
    let members = cluster.etcd_hosts();
    // etcd: the shared client certificate everywhere first (clients read it per connection),
    // then each member's server and peer certificates, one member at a time.
    if !members.is_empty() {
        let (stem, spec) = client_cert();
        let client = pki.issue_leaf("etcd/ca", stem, &spec).map_err(fail)?;
        for m in members {
            let s = &sessions[m];
            let r = async {
                put(s, &format!("{PKI_DIR}/client.crt"), &client.cert, 0o644).await?;
                put(s, &format!("{PKI_DIR}/client.key"), &client.key, 0o600).await?;
                Ok("etcd client certificate replaced".to_string())
            }
            .await;
            super::record_change(journal, &cluster.name, m, "certs-renew", "etcd-client", &r);
            done.push(format!("{m}: {}", r?));
        }
        for m in members {
            let host = inventory.host(m).ok_or_else(|| format!("no host {m}"))?;
            let s = &sessions[m];
            let r = async {
                for (kind, usage) in [("server", Usage::Server), ("peer", Usage::Peer)] {
                    let pair = pki
                        .issue_leaf(
                            "etcd/ca",
                            &format!("etcd/members/{m}/{kind}"),
                            &member_spec_for(host, usage),
                        )
                        .map_err(fail)?;
                    put(s, &format!("{PKI_DIR}/{kind}.crt"), &pair.cert, 0o644).await?;
                    put(s, &format!("{PKI_DIR}/{kind}.key"), &pair.key, 0o600).await?;
                }
                s.check_output("systemctl restart etcd", &super::as_root(120))
                    .await
                    .map_err(|e| e.to_string())?;
                wait_etcd(s, cluster, inventory).await?;
                Ok(
                    "etcd server and peer certificates renewed, member restarted, cluster healthy"
                        .to_string(),
                )
            }
            .await;
            super::record_change(journal, &cluster.name, m, "certs-renew", "etcd-member", &r);
            done.push(format!("{m}: {}", r?));
        }
    }
    // Control planes, one at a time; the VIP stays answered (see restart_control_plane_script).
    let endpoint = api_endpoint(cluster, inventory);
    let vip = endpoint.vip.then_some(endpoint.host);
    let etcd_client = pki
        .issue_leaf("etcd/ca", "apiserver-etcd-client", &etcd_client_spec())
        .map_err(fail)?;
    for cp in &cluster.control_plane.hosts {
        let s = &sessions[cp];
        let installed = s
            .exec("test -f /etc/kubernetes/admin.conf", &super::as_root(20))
            .await
            .is_ok_and(|o| o.success());
        if !installed {
            done.push(format!(
                "{cp}: Kubernetes is not installed here yet; nothing to renew"
            ));
            continue;
        }
        let r = async {
            put(
                s,
                "/etc/kubernetes/pki/apiserver-etcd-client.crt",
                &etcd_client.cert,
                0o644,
            )
            .await?;
            put(
                s,
                "/etc/kubernetes/pki/apiserver-etcd-client.key",
                &etcd_client.key,
                0o600,
            )
            .await?;
            s.check_output("kubeadm certs renew all >/dev/null", &super::as_root(120))
                .await
                .map_err(|e| e.to_string())?;
            s.check_output(
                &restart_control_plane_script(vip.as_deref()),
                &super::as_root(480),
            )
            .await
            .map_err(|e| e.to_string())?;
            Ok("kubeadm certificates renewed, static pods restarted, API server ready".to_string())
        }
        .await;
        super::record_change(
            journal,
            &cluster.name,
            cp,
            "certs-renew",
            "control-plane",
            &r,
        );
        done.push(format!("{cp}: {}", r?));
    }
    // The local admin kubeconfig now carries a renewed client certificate.
    if let Some(first) = first_control_plane(cluster)
        && let Some(s) = sessions.get(first)
        && let Ok(admin) = s
            .check_output("cat /etc/kubernetes/admin.conf", &super::as_root(30))
            .await
    {
        let text = with_server(&admin, &api_endpoint(cluster, inventory));
        let text = crate::kubeconfig::rename_for(&text, &cluster.name)?;
        let path = kubeconfig_path(state, &cluster.name);
        crate::state::write_private(&path, text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        done.push(format!("local kubeconfig refreshed: {}", path.display()));
    }
    Ok(done)
}
