//! Taking hosts out of clusters: `tcs node remove` (drain and delete the node, remove its etcd
//! membership without breaking quorum, reset the host) and `tcs cluster reset` (every host of
//! a cluster back to a prepared machine). Every host change is recorded in the journal; etcd
//! data is moved aside, not deleted.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::etcd::parse_health;
use crate::inventory::{Cluster, Inventory};
use crate::plan::journal::Journal;
use crate::ssh::{Session, shell_quote};

/// The script that returns a host to a prepared machine (containerd stays).
pub fn reset_script() -> String {
    let stamp = super::stamp();
    format!(
        "if command -v kubeadm >/dev/null 2>&1 && [ -d /etc/kubernetes ]; then kubeadm reset -f --cri-socket unix:///run/containerd/containerd.sock >/dev/null 2>&1 || true; fi; \
systemctl disable --now kubelet etcd >/dev/null 2>&1 || true; \
if [ -d /var/lib/etcd ]; then mv /var/lib/etcd /var/lib/etcd.removed-{stamp}; echo moved /var/lib/etcd to /var/lib/etcd.removed-{stamp}; fi; \
rm -rf /etc/kubernetes /var/lib/kubelet /etc/etcd /etc/cni/net.d /var/lib/tcs/restore /etc/systemd/system/etcd.service; \
for l in cni0 flannel.1 vxlan.calico tunl0 kube-ipvs0; do ip link delete $l >/dev/null 2>&1 || true; done; \
systemctl daemon-reload; echo reset"
    )
}

/// Resets one host, journaled.
pub async fn reset_host(
    session: &Session,
    cluster: &str,
    host: &str,
    phase: &str,
    journal: &Journal,
) -> Result<String, String> {
    let r = session
        .check_output(&reset_script(), &super::as_root(300))
        .await
        .map(|o| o.trim().to_string())
        .map_err(|e| e.to_string());
    super::record_change(journal, cluster, host, phase, "reset", &r);
    r
}

fn etcdctl(endpoints: &str, args: &str) -> String {
    super::etcd::etcdctl_with(endpoints, 10, args)
}

/// What `remove_node` did, step by step, for people.
#[derive(Debug, Default, serde::Serialize)]
pub struct Removal {
    /// One line per action taken or skipped, with why.
    pub actions: Vec<String>,
}

/// Removes `host` from its cluster. `sessions` holds every reachable host of the cluster
/// (the host itself may be missing: a dead machine is removed from the cluster all the same).
pub async fn remove_node(
    host: &str,
    cluster: &Cluster,
    inventory: &Inventory,
    sessions: &BTreeMap<String, Arc<Session>>,
    journal: &Journal,
) -> Result<Removal, String> {
    let mut out = Removal::default();
    let is_cp = cluster.control_plane.hosts.iter().any(|h| h == host);
    let members = cluster.etcd_hosts();
    let is_etcd = members.iter().any(|h| h == host);
    if is_cp && cluster.control_plane.hosts.len() == 1 {
        return Err(format!(
            "{host} is the only control plane of {}: use `tcs cluster reset {}` to tear the cluster down",
            cluster.name, cluster.name
        ));
    }
    // etcd: find another reachable member and check that quorum survives.
    let mut etcd_peer: Option<(&str, &Arc<Session>)> = None;
    let mut member_id: Option<u64> = None;
    if is_etcd {
        if members.len() == 1 {
            return Err(format!(
                "{host} is the only etcd member of {}",
                cluster.name
            ));
        }
        etcd_peer = members
            .iter()
            .filter(|m| *m != host)
            .find_map(|m| sessions.get(m).map(|s| (m.as_str(), s)));
        let (peer, s) = etcd_peer.ok_or_else(|| {
            format!(
                "no other etcd member of {} is reachable; nothing was changed",
                cluster.name
            )
        })?;
        let endpoints: Vec<(String, String)> = members
            .iter()
            .filter_map(|m| inventory.host(m))
            .map(|h| {
                (
                    h.name.clone(),
                    format!("https://{}:2379", h.cluster_address()),
                )
            })
            .collect();
        let all: Vec<&str> = endpoints.iter().map(|(_, e)| e.as_str()).collect();
        let health = s
            .exec(
                &etcdctl(&all.join(","), "endpoint health -w json"),
                &super::as_root(60),
            )
            .await
            .map_err(|e| format!("{peer}: {e}"))?;
        let list = s
            .exec(
                &etcdctl("https://127.0.0.1:2379", "member list -w json"),
                &super::as_root(60),
            )
            .await
            .map_err(|e| format!("{peer}: {e}"))?;
        let h = parse_health(&endpoints, &health.stdout, &list.stdout);
        let healthy_others = h.healthy.iter().filter(|m| *m != host).count();
        let new_size = members.len() - 1;
        if healthy_others * 2 <= new_size {
            return Err(format!(
                "removing {host} would leave etcd of {} without quorum: {healthy_others} healthy of the {new_size} members that would remain ({}); nothing was changed",
                cluster.name,
                h.describe()
            ));
        }
        let parsed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap_or_default();
        member_id = parsed
            .get("members")
            .and_then(|m| m.as_array())
            .and_then(|ms| {
                ms.iter()
                    .find(|m| m.get("name").and_then(|n| n.as_str()) == Some(host))
            })
            .and_then(|m| m.get("ID"))
            .and_then(|id| id.as_u64());
    }
    // Kubernetes: drain and delete the node from another control plane that has the API.
    let mut api: Option<(&str, &Arc<Session>)> = None;
    for cp in cluster.control_plane.hosts.iter().filter(|h| *h != host) {
        if let Some(s) = sessions.get(cp) {
            let has = s
                .exec("test -f /etc/kubernetes/admin.conf", &super::as_root(20))
                .await
                .is_ok_and(|o| o.success());
            if has {
                api = Some((cp.as_str(), s));
                break;
            }
        }
    }
    match api {
        Some((cp, s)) => {
            let kubectl = "kubectl --kubeconfig /etc/kubernetes/admin.conf";
            let q = shell_quote(host);
            let script = format!(
                "if {kubectl} get node {q} >/dev/null 2>&1; then {kubectl} drain {q} --ignore-daemonsets --delete-emptydir-data --force --timeout=300s >/dev/null && {kubectl} delete node {q} >/dev/null && echo deleted; else echo absent; fi"
            );
            let r = s
                .check_output(&script, &super::as_root(400))
                .await
                .map(|o| o.trim().to_string())
                .map_err(|e| format!("drain/delete from {cp}: {e}"));
            super::record_change(
                journal,
                &cluster.name,
                host,
                "node-remove",
                "drain-delete",
                &r,
            );
            match r?.as_str() {
                "deleted" => out
                    .actions
                    .push(format!("drained and deleted node {host} (from {cp})")),
                _ => out
                    .actions
                    .push(format!("node {host} was not registered in the cluster")),
            }
        }
        None => out
            .actions
            .push("no other control plane has the Kubernetes API yet: nothing to drain".into()),
    }
    // etcd membership.
    if let (Some((peer, s)), true) = (etcd_peer, is_etcd) {
        match member_id {
            Some(id) => {
                // etcd refuses reconfiguration until every remaining member has been
                // connected for a few seconds ("unhealthy cluster"); retry for a while.
                let script = format!(
                    "for i in $(seq 1 15); do out=$({} 2>&1) && exit 0; case \"$out\" in *'unhealthy cluster'*) sleep 2;; *) echo \"$out\" >&2; exit 1;; esac; done; echo \"$out\" >&2; exit 1",
                    etcdctl("https://127.0.0.1:2379", &format!("member remove {id:x}"))
                );
                let r = s
                    .check_output(&script, &super::as_root(90))
                    .await
                    .map(|_| format!("removed etcd member {host} ({id:x})"))
                    .map_err(|e| format!("etcd member remove from {peer}: {e}"));
                super::record_change(
                    journal,
                    &cluster.name,
                    host,
                    "node-remove",
                    "etcd-member-remove",
                    &r,
                );
                out.actions.push(r?);
            }
            None => out
                .actions
                .push(format!("{host} was not an etcd member (nothing to remove)")),
        }
    }
    // The host itself.
    match sessions.get(host) {
        Some(s) => {
            let r = reset_host(s, &cluster.name, host, "node-remove", journal).await;
            out.actions.push(match r {
                Ok(text) => format!("reset {host}: {}", text.replace('\n', "; ")),
                Err(e) => format!("could not reset {host}: {e} (reset it by hand)"),
            });
        }
        None => out.actions.push(format!(
            "{host} is unreachable: it was removed from the cluster but not reset; reset or reinstall the machine before reusing it"
        )),
    }
    Ok(out)
}
