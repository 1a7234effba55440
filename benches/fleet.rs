//! Fleet benchmark: an ad-hoc command and a 64 MiB upload across 1, 4, 16 and 32 test hosts,
//! for tcs and, when `ansible` is available, for ansible-core with forks = hosts.
//! Prints wall times; asserts nothing. Run it with `scripts/bench-fleet`.
//!
//! Each measurement includes connecting (tcs opens its sessions, Ansible starts fresh
//! ControlMaster connections), as a user's one-off command would.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tcs::fleet::{DEFAULT_CONCURRENCY, Fleet};
use tcs::ssh::{ExecOptions, Session, SshTarget};

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if !all.iter().any(|a| a == "--bench") {
        // Built and run by `cargo test --all-targets`: measuring belongs to `cargo bench`.
        eprintln!("fleet benchmark: run it with scripts/bench-fleet");
        return;
    }
    let args: Vec<String> = all.into_iter().filter(|a| a != "--bench").collect();
    let sizes: Vec<usize> = args
        .iter()
        .find_map(|a| a.strip_prefix("--sizes="))
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 4, 16, 32]);
    let upload_mib: usize = args
        .iter()
        .find_map(|a| a.strip_prefix("--upload-mib="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    let ansible = std::env::var_os("TCS_BENCH_ANSIBLE")
        .map(PathBuf::from)
        .or_else(|| which("ansible"));
    if common::image().is_none() {
        eprintln!("bench-fleet: no Docker engine reachable; nothing to measure");
        std::process::exit(2);
    }
    let max = sizes.iter().copied().max().unwrap_or(1);
    eprintln!("starting {max} test hosts...");
    let started = Instant::now();
    let hosts = common::TestHosts::start("bench", max);
    eprintln!("{max} hosts up in {:.1}s", started.elapsed().as_secs_f64());
    let payload = hosts.dir.path().join("payload.bin");
    write_payload(&payload, upload_mib);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();

    println!("\nfleet benchmark: {upload_mib} MiB upload, exec `true`; wall seconds (median of 3)");
    println!(
        "{:>6} {:>10} {:>12} {:>12} {:>14} {:>10} {:>12}",
        "hosts", "tcs exec", "tcs upload", "ansible exec", "ansible copy", "exec x", "upload x"
    );
    for &n in &sizes {
        let targets: Vec<SshTarget> = hosts.hosts[..n]
            .iter()
            .map(|h| hosts.target(&h.name))
            .collect();
        let exec = median(3, || rt.block_on(tcs_exec(targets.clone())));
        let mut round = 0;
        let upload = median(3, || {
            round += 1;
            rt.block_on(tcs_upload(
                targets.clone(),
                payload.clone(),
                format!("/root/bench-{round}.bin"),
            ))
        });
        let (a_exec, a_copy) = match &ansible {
            Some(bin) => {
                let inv = ansible_inventory(&hosts, n);
                let mut round = 0;
                (
                    Some(median(3, || {
                        ansible_run(bin, &inv, n, &["-m", "shell", "-a", "true"])
                    })),
                    Some(median(3, || {
                        round += 1;
                        let dest =
                            format!("src={} dest=/root/ansible-{round}.bin", payload.display());
                        ansible_run(bin, &inv, n, &["-m", "copy", "-a", &dest])
                    })),
                )
            }
            None => (None, None),
        };
        let secs = |d: Option<Duration>| {
            d.map(|d| format!("{:.3}", d.as_secs_f64()))
                .unwrap_or_else(|| "-".into())
        };
        let ratio = |a: Option<Duration>, t: Duration| {
            a.map(|a| format!("{:.1}", a.as_secs_f64() / t.as_secs_f64()))
                .unwrap_or_else(|| "-".into())
        };
        println!(
            "{n:>6} {:>10} {:>12} {:>12} {:>14} {:>10} {:>12}",
            secs(Some(exec)),
            secs(Some(upload)),
            secs(a_exec),
            secs(a_copy),
            ratio(a_exec, exec),
            ratio(a_copy, upload)
        );
    }
    if ansible.is_none() {
        println!(
            "(ansible not found: install ansible-core from PyPI, or set TCS_BENCH_ANSIBLE, for the comparison)"
        );
    }
    println!("x = ansible time / tcs time (higher is better for tcs)");
}

async fn tcs_exec(targets: Vec<SshTarget>) -> Duration {
    let started = Instant::now();
    let fleet = Fleet::connect(targets, DEFAULT_CONCURRENCY).await;
    let results = fleet
        .run(|s: Arc<Session>| async move { s.exec("true", &ExecOptions::default()).await })
        .await;
    assert!(
        results
            .iter()
            .all(|r| r.result.as_ref().is_ok_and(|o| o.success()))
    );
    fleet.close().await;
    started.elapsed()
}

async fn tcs_upload(targets: Vec<SshTarget>, payload: PathBuf, dest: String) -> Duration {
    let started = Instant::now();
    let fleet = Fleet::connect(targets, DEFAULT_CONCURRENCY).await;
    let payload = Arc::new(payload);
    let dest = Arc::new(dest);
    let results = fleet
        .run(move |s: Arc<Session>| {
            let (payload, dest) = (payload.clone(), dest.clone());
            async move { s.upload(&payload, &dest, 0o644, None).await }
        })
        .await;
    assert!(
        results.iter().all(|r| r.result.is_ok()),
        "{:?}",
        results.iter().find(|r| r.result.is_err())
    );
    fleet.close().await;
    started.elapsed()
}

fn ansible_inventory(hosts: &common::TestHosts, n: usize) -> PathBuf {
    let mut text = String::from("[bench]\n");
    for h in &hosts.hosts[..n] {
        text.push_str(&format!("{} ansible_host={}\n", h.name, h.ip));
    }
    text.push_str(&format!(
        "[bench:vars]\nansible_user=root\nansible_ssh_private_key_file={}\nansible_python_interpreter=/usr/bin/python3\nansible_ssh_common_args='-o UserKnownHostsFile={} -o StrictHostKeyChecking=yes'\n",
        hosts.key.display(),
        hosts.known_hosts.display()
    ));
    let path = hosts.dir.path().join(format!("ansible-{n}.ini"));
    std::fs::write(&path, text).unwrap();
    path
}

fn ansible_run(bin: &Path, inventory: &Path, forks: usize, module: &[&str]) -> Duration {
    let control = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = Command::new(bin)
        .arg("bench")
        .arg("-i")
        .arg(inventory)
        .args(["-f", &forks.to_string()])
        .args(module)
        .env("ANSIBLE_SSH_CONTROL_PATH_DIR", control.path())
        .env("ANSIBLE_HOST_KEY_CHECKING", "True")
        .output()
        .expect("ansible runs");
    let elapsed = started.elapsed();
    assert!(
        out.status.success(),
        "ansible failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    elapsed
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[runs / 2]
}

fn write_payload(path: &Path, mib: usize) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    let mut block = vec![0u8; 1 << 20];
    for i in 0..mib {
        for (j, b) in block.iter_mut().enumerate() {
            *b = (i.wrapping_mul(131) ^ j.wrapping_mul(7919)) as u8;
        }
        f.write_all(&block).unwrap();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}
