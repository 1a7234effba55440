//! Bundle distribution benchmark: one 512 MiB file to 1, 4 and 16 test hosts, sent from this
//! machine to every host (no relay) or copied host to host once some hold it (relay: the
//! installer's own settings). Prints wall times; asserts nothing. Run with
//! `scripts/bench-distribute`.
//!
//! `--uplink-mbit=N` models an operator's uplink: the test network's bridge shapes what this
//! machine sends to the hosts to N Mbit/s (`tc` token bucket on the bridge device, which only
//! this machine's own packets cross), while host-to-host traffic, which the bridge forwards from
//! port to port, runs at full speed, as between machines in one data centre.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tcs::bundle::distribute::{Distributor, Peer};
use tcs::fleet::{DEFAULT_CONCURRENCY, Fleet};
use tcs::ssh::SshTarget;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("distribute benchmark: run it with scripts/bench-distribute");
        return;
    }
    let mib: usize = std::env::args()
        .find_map(|a| a.strip_prefix("--mib=").and_then(|n| n.parse().ok()))
        .unwrap_or(512);
    if common::image().is_none() {
        eprintln!("no Docker engine reachable; nothing to measure");
        std::process::exit(2);
    }
    // Only the relay (the direct time is hosts x one host's once the uplink is the limit).
    let relay_only = std::env::args().any(|a| a == "--relay-only");
    let uplink: Option<u32> = std::env::args().find_map(|a| {
        a.strip_prefix("--uplink-mbit=")
            .and_then(|n| n.parse().ok())
    });
    let mut sizes: Vec<usize> = std::env::args()
        .find_map(|a| {
            let list = a.strip_prefix("--hosts=")?;
            list.split(',').map(|n| n.parse().ok()).collect()
        })
        .unwrap_or_else(|| vec![1, 4, 16, 32]);
    // Every host holds one copy at a time: keep 2 GiB free besides.
    let free_mib = free_mib("/var/lib/docker");
    sizes.retain(|&n| {
        let fits = n * mib + 2048 <= free_mib;
        if !fits {
            eprintln!("{n} hosts: skipped, {n} x {mib} MiB does not fit in {free_mib} MiB free");
        }
        fits
    });
    let most = sizes.iter().copied().max().unwrap_or(1);
    eprintln!("starting {most} test hosts...");
    let hosts = common::TestHosts::start("dist", most);
    if let Some(mbit) = uplink {
        shape_uplink(&hosts.network, mbit);
    }
    let payload = hosts.dir.path().join("payload.bin");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&payload).unwrap();
        let mut block = vec![0u8; 1 << 20];
        for i in 0..mib {
            for (j, b) in block.iter_mut().enumerate() {
                *b = (i.wrapping_mul(31) ^ j.wrapping_mul(131)) as u8;
            }
            f.write_all(&block).unwrap();
        }
    }
    let sha = tcs::ssh::sha256_file(&payload).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let link = match uplink {
        Some(mbit) => {
            format!("this machine's uplink shaped to {mbit} Mbit/s, host to host unshaped")
        }
        None => "unshaped".to_string(),
    };
    println!(
        "\nbundle distribution: one {mib} MiB file, wall seconds, verified by sha256 on every host ({link})"
    );
    println!(
        "{:>6} {:>10} {:>10} {:>14} {:>16}",
        "hosts", "direct", "relay", "peer copies", "relay / 1 host"
    );
    let mut round = 0;
    let mut one_host = None;
    for n in sizes {
        let mut times = Vec::new();
        let mut peer_copies = 0;
        for relay in [false, true] {
            if relay_only && !relay {
                times.push(Duration::ZERO);
                continue;
            }
            round += 1;
            let dest = format!("/var/lib/tcs/bench/payload-{round}.bin");
            let (t, copies) = rt.block_on(run(&hosts, n, relay, &payload, &dest, &sha));
            times.push(t);
            if n == 1 {
                one_host.get_or_insert(t);
            }
            if relay {
                peer_copies = copies;
            }
        }
        // Relative to one host's time, when one host was measured.
        let ratio = one_host.map_or("-".to_string(), |one| {
            format!("{:.2}x", times[1].as_secs_f64() / one.as_secs_f64())
        });
        println!(
            "{n:>6} {:>10.2} {:>10.2} {:>14} {ratio:>16}",
            times[0].as_secs_f64(),
            times[1].as_secs_f64(),
            peer_copies,
        );
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "(every host shares this machine's {cores} cores and disk{})",
        if uplink.is_some() {
            ""
        } else {
            ": unshaped, the relay's gain is SSH encryption saved, not uplink bandwidth"
        }
    );
}

/// Megabytes free where Docker keeps the containers' files.
fn free_mib(path: &str) -> usize {
    let out = std::process::Command::new("df")
        .args(["-m", "--output=avail", path])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    out.lines()
        .filter_map(|l| l.trim().parse().ok())
        .next()
        .unwrap_or(usize::MAX)
}

/// Shapes what this machine sends into `network` to `mbit`: a token bucket on the bridge device.
/// Packets one container sends another are forwarded port to port and never queue there.
fn shape_uplink(network: &str, mbit: u32) {
    let id = common::docker(&["network", "inspect", "-f", "{{.Id}}", network]);
    let bridge = format!("br-{}", &id.trim()[..12]);
    // A burst of 10 ms at the rate, at least 256 KiB (segmentation offload hands the qdisc
    // packets of up to 64 KiB).
    let burst = (mbit as usize * 1250).max(256 * 1024);
    let status = std::process::Command::new("tc")
        .args(["qdisc", "replace", "dev", &bridge, "root", "tbf"])
        .args(["rate", &format!("{mbit}mbit"), "burst", &burst.to_string()])
        .args(["latency", "100ms"])
        .status()
        .expect("tc runs (Debian's iproute2)");
    assert!(
        status.success(),
        "tc could not shape {bridge} (needs CAP_NET_ADMIN)"
    );
    eprintln!("shaped {bridge}: this machine -> hosts at {mbit} Mbit/s");
}

async fn run(
    hosts: &common::TestHosts,
    n: usize,
    relay: bool,
    payload: &std::path::Path,
    dest: &str,
    sha: &str,
) -> (Duration, usize) {
    let targets: Vec<SshTarget> = hosts.hosts[..n]
        .iter()
        .map(|h| hosts.target(&h.name))
        .collect();
    let fleet = Fleet::connect(targets, DEFAULT_CONCURRENCY).await;
    let distributor = if relay {
        Distributor::new(true, 2, 2)
    } else {
        Distributor::new(false, usize::MAX, 1)
    };
    let mut sessions = Vec::new();
    for h in &hosts.hosts[..n] {
        let s = fleet.session(&h.name).unwrap().as_ref().unwrap().clone();
        distributor
            .add_peer(Peer {
                host: h.name.clone(),
                address: h.ip.to_string(),
                session: s.clone(),
            })
            .await;
        sessions.push((h.name.clone(), s));
    }
    let started = Instant::now();
    let results = futures::future::join_all(sessions.iter().map(|(name, s)| {
        let d = distributor.clone();
        async move { d.ensure(s, name, payload, dest, sha, 0o644).await }
    }))
    .await;
    let elapsed = started.elapsed();
    assert!(
        results.iter().all(|r| r.is_ok()),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    distributor.shutdown().await;
    // One copy per host at a time: 32 hosts x 512 MiB is already 16 GiB.
    for (_, s) in &sessions {
        let rm = format!("rm -f {}", tcs::ssh::shell_quote(dest));
        let root = tcs::ssh::ExecOptions {
            as_root: true,
            ..Default::default()
        };
        s.exec(&rm, &root).await.unwrap();
    }
    let copies = distributor.copies().peer;
    drop(Arc::clone(&distributor));
    fleet.close().await;
    (elapsed, copies)
}
