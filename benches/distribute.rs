//! Bundle distribution benchmark: one 512 MiB file to 1, 4 and 16 test hosts, sent from this
//! machine to every host (no relay) or copied host to host once some hold it (relay: at most two
//! uploads from here, each holder serves two peers). Prints wall times; asserts nothing.
//! Run with `scripts/bench-distribute`.

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
    let sizes = [1usize, 4, 16];
    eprintln!("starting {} test hosts...", sizes[2]);
    let hosts = common::TestHosts::start("dist", sizes[2]);
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
    println!(
        "\nbundle distribution: one {mib} MiB file, wall seconds, verified by sha256 on every host"
    );
    println!(
        "{:>6} {:>10} {:>10} {:>14}",
        "hosts", "direct", "relay", "peer copies"
    );
    let mut round = 0;
    for n in sizes {
        let mut times = Vec::new();
        let mut peer_copies = 0;
        for relay in [false, true] {
            round += 1;
            let dest = format!("/var/lib/tcs/bench/payload-{round}.bin");
            let (t, copies) = rt.block_on(run(&hosts, n, relay, &payload, &dest, &sha));
            times.push(t);
            if relay {
                peer_copies = copies;
            }
        }
        println!(
            "{n:>6} {:>10.2} {:>10.2} {:>14}",
            times[0].as_secs_f64(),
            times[1].as_secs_f64(),
            peer_copies
        );
    }
    println!(
        "(all hosts share this machine's 2 cores: the relay's gain here is SSH encryption saved, not uplink bandwidth)"
    );
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
    let copies = distributor.copies().peer;
    drop(Arc::clone(&distributor));
    fleet.close().await;
    (elapsed, copies)
}
