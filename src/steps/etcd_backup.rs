//! `tcs etcd backup` and `tcs etcd restore`: a snapshot taken on one healthy member through the
//! v3 API, downloaded into the state directory with its sha256; a restore that stops every
//! member, keeps each old data directory aside, rebuilds the data from the snapshot with the
//! inventory's membership, and starts the members together. Every host change is journaled.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::etcd::DATA_DIR;
use super::kubernetes::{HELD_MANIFESTS, start_control_plane_script, stop_control_plane_script};
use crate::inventory::{Cluster, Inventory};
use crate::plan::journal::Journal;
use crate::ssh::{Session, shell_quote};

/// A snapshot on this machine.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Snapshot {
    /// The cluster.
    pub cluster: String,
    /// The file.
    pub path: PathBuf,
    /// Its sha256 (also in `<path>.sha256`).
    pub sha256: String,
    /// Bytes.
    pub size: u64,
    /// The member it was taken on.
    pub member: String,
    /// etcd revision in the snapshot.
    pub revision: Option<u64>,
    /// Keys in the snapshot.
    pub total_keys: Option<u64>,
}

impl std::fmt::Display for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unknown = |n: Option<u64>| n.map_or("?".into(), |n| n.to_string());
        writeln!(
            f,
            "snapshot of {} from {}: {} ({:.1} MiB, revision {}, {} keys)",
            self.cluster,
            self.member,
            self.path.display(),
            self.size as f64 / 1048576.0,
            unknown(self.revision),
            unknown(self.total_keys)
        )?;
        writeln!(f, "sha256 {}", self.sha256)
    }
}

fn ctl(args: &str) -> String {
    super::etcd::etcdctl_with("https://127.0.0.1:2379", 60, args)
}

/// etcdutl where the release has it (3.5+), else etcdctl (3.4).
fn offline(args: &str) -> String {
    format!(
        "if command -v etcdutl >/dev/null 2>&1; then etcdutl {args}; else ETCDCTL_API=3 etcdctl {args}; fi"
    )
}

/// Takes a snapshot on `member` (a healthy etcd member of `cluster`) into `dir`.
pub async fn backup(
    session: &Session,
    member: &str,
    cluster: &Cluster,
    dir: &Path,
) -> Result<Snapshot, String> {
    let name = format!("etcd-{}-{}.db", cluster.name, super::stamp());
    let remote = format!("/var/lib/tcs/backup/{name}");
    let rq = shell_quote(&remote);
    session
        .check_output(
            &format!(
                "install -d -m 0700 /var/lib/tcs/backup && {} >/dev/null",
                ctl(&format!("snapshot save {rq}"))
            ),
            &super::as_root(300),
        )
        .await
        .map_err(|e| format!("{member}: snapshot failed: {e}"))?;
    let status = session
        .check_output(
            &offline(&format!("snapshot status {rq} -w json")),
            &super::as_root(300),
        )
        .await
        .unwrap_or_default();
    let status: serde_json::Value = serde_json::from_str(status.trim()).unwrap_or_default();
    let local = dir.join(&name);
    let downloaded = session.download(&remote, &local).await;
    let _ = session
        .exec(&format!("rm -f {rq}"), &super::as_root(300))
        .await;
    let sha256 = downloaded.map_err(|e| format!("{member}: {e}"))?;
    let sum = local.with_extension("db.sha256");
    crate::state::write_private(&sum, format!("{sha256}  {name}\n").as_bytes())
        .map_err(|e| format!("{}: {e}", sum.display()))?;
    let size = std::fs::metadata(&local).map(|m| m.len()).unwrap_or(0);
    Ok(Snapshot {
        cluster: cluster.name.clone(),
        path: local,
        sha256,
        size,
        member: member.to_string(),
        revision: status.get("revision").and_then(|v| v.as_u64()),
        total_keys: status.get("totalKey").and_then(|v| v.as_u64()),
    })
}

/// Checks a local snapshot against the `.sha256` file written beside it.
pub fn verify_snapshot(path: &Path) -> Result<String, String> {
    let sum_path = PathBuf::from(format!("{}.sha256", path.display()));
    let want = std::fs::read_to_string(&sum_path).map_err(|e| {
        format!(
            "{}: {e} (tcs etcd backup writes it beside the snapshot)",
            sum_path.display()
        )
    })?;
    let want = want.split_whitespace().next().unwrap_or("").to_string();
    let got = crate::ssh::sha256_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if got != want {
        return Err(format!(
            "{}: sha256 {got} does not match {} ({want}); the snapshot is damaged",
            path.display(),
            sum_path.display()
        ));
    }
    Ok(got)
}

/// Restores `snapshot` onto every etcd member of `cluster`, as Kubernetes' own procedure does:
/// the snapshot is uploaded to every member first; then the API servers (with the controller
/// managers and schedulers) stop on every control plane, since their caches would outlive the
/// data; etcd stops everywhere, each data directory is rebuilt from the snapshot (the old one
/// kept aside) and the members start together; then the control planes start again and each
/// API server must answer. `sessions` must hold one for each etcd member and control plane.
pub async fn restore(
    sessions: &[(String, Arc<Session>)],
    cluster: &Cluster,
    inventory: &Inventory,
    snapshot: &Path,
    journal: &Journal,
) -> Result<(), String> {
    let members: Vec<(String, Arc<Session>)> = sessions
        .iter()
        .filter(|(h, _)| cluster.etcd_hosts().contains(h))
        .cloned()
        .collect();
    let members = &members[..];
    // Control planes where Kubernetes runs (a restore before the control-plane phase has none).
    let mut control_planes = Vec::new();
    for (h, s) in sessions {
        if cluster.control_plane.hosts.contains(h)
            && s.exec("test -f /etc/kubernetes/admin.conf", &super::as_root(30))
                .await
                .is_ok_and(|o| o.success())
        {
            control_planes.push((h.clone(), s.clone()));
        }
    }
    let initial: Vec<String> = cluster
        .etcd_hosts()
        .iter()
        .filter_map(|m| inventory.host(m))
        .map(|h| format!("{}=https://{}:2380", h.name, h.cluster_address()))
        .collect();
    let record = |host: &str, step: &str, result: &Result<(), String>| {
        let r = result.as_ref().map(|_| String::new()).map_err(Clone::clone);
        super::record_change(journal, &cluster.name, host, "etcd-restore", step, &r);
    };
    let remote = "/var/lib/tcs/restore/etcd.db";
    let stamp = super::stamp();
    // 1. The snapshot on every member, verified, before anything is stopped.
    let uploads = futures::future::join_all(members.iter().map(|(h, s)| async move {
        let r = async {
            s.exec(
                "install -d -m 0700 /var/lib/tcs/restore",
                &super::as_root(300),
            )
            .await
            .map_err(|e| e.to_string())?;
            s.upload(snapshot, remote, 0o600, Some("root:root"))
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        .await;
        (h.clone(), r)
    }))
    .await;
    let failed: Vec<String> = uploads
        .iter()
        .filter_map(|(h, r)| r.as_ref().err().map(|e| format!("{h}: {e}")))
        .collect();
    if !failed.is_empty() {
        return Err(format!(
            "nothing was stopped; uploading the snapshot failed:\n  {}",
            failed.join("\n  ")
        ));
    }
    // 2. The API servers stop, so no cache outlives the data it came from.
    let stops = futures::future::join_all(control_planes.iter().map(|(h, s)| async move {
        let r = s
            .check_output(&stop_control_plane_script(), &super::as_root(120))
            .await
            .map(|_| ())
            .map_err(|e| format!("{h}: stopping the API server failed: {e}"));
        record(h, "control-plane-stop", &r);
        r
    }))
    .await;
    let held = format!(
        "; the stopped control planes' manifests are in {HELD_MANIFESTS} (move them back to /etc/kubernetes/manifests)"
    );
    let failed: Vec<String> = stops.into_iter().filter_map(Result::err).collect();
    if !failed.is_empty() {
        return Err(format!(
            "etcd was not touched{held}:\n  {}",
            failed.join("\n  ")
        ));
    }
    // 3. Stop every member, then 4. rebuild each data directory (the old one kept aside).
    let results = futures::future::join_all(members.iter().map(|(h, s)| {
        let initial = initial.join(",");
        let address = inventory.host(h).map(|x| x.cluster_address().to_string()).unwrap_or_default();
        let stamp = stamp.clone();
        async move {
            let stop = s
                .check_output("systemctl stop etcd", &super::as_root(300))
                .await
                .map(|_| ())
                .map_err(|e| e.to_string());
            record(h, "stop", &stop);
            stop?;
            let script = format!(
                "set -e; if [ -d {DATA_DIR} ]; then mv {DATA_DIR} {DATA_DIR}.pre-restore-{stamp}; fi; {restore} >/dev/null; chmod 0700 {DATA_DIR}; rm -f {remote}",
                restore = offline(&format!(
                    "snapshot restore {remote} --name {name} --initial-cluster {ic} --initial-cluster-token {token} --initial-advertise-peer-urls https://{address}:2380 --data-dir {DATA_DIR}",
                    name = shell_quote(h),
                    ic = shell_quote(&initial),
                    token = shell_quote(&format!("{}-etcd", cluster.name)),
                )),
            );
            let data = s
                .check_output(&script, &super::as_root(300))
                .await
                .map(|_| ())
                .map_err(|e| e.to_string());
            record(h, "data", &data);
            data.map_err(|e| format!("{h}: {e} (the previous data is in {DATA_DIR}.pre-restore-{stamp})"))
        }
    }))
    .await;
    let failed: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    if !failed.is_empty() {
        return Err(format!(
            "restore failed; etcd is stopped on every member{held}:\n  {}",
            failed.join("\n  ")
        ));
    }
    // 5. Start together and wait for each member to be healthy.
    let results = futures::future::join_all(members.iter().map(|(h, s)| async move {
        let wait = format!(
            "systemctl start --no-block etcd; for i in $(seq 1 90); do {} >/dev/null 2>&1 && exit 0; sleep 1; done; exit 1",
            ctl("endpoint health")
        );
        let r = s
            .check_output(&wait, &super::as_root(300))
            .await
            .map(|_| ())
            .map_err(|e| format!("{h}: not healthy after the restore: {e}"));
        record(h, "start", &r);
        r
    }))
    .await;
    let failed: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    if !failed.is_empty() {
        return Err(format!("{}{held}", failed.join("\n")));
    }
    // 6. The control planes start again on the restored data, each API server answering.
    let starts = futures::future::join_all(control_planes.iter().map(|(h, s)| async move {
        let r = s
            .check_output(&start_control_plane_script(), &super::as_root(400))
            .await
            .map(|_| ())
            .map_err(|e| format!("{h}: {e}"));
        record(h, "control-plane-start", &r);
        r
    }))
    .await;
    let failed: Vec<String> = starts.into_iter().filter_map(Result::err).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "etcd is restored, but not every API server came back:\n  {}",
            failed.join("\n  ")
        ))
    }
}
