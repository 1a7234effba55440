//! Where a run's time went, from its journal records: per cluster and phase the wall time (first
//! step started to last step finished, over every host) and the host that took longest, and the
//! slowest steps. `tcs install --timings` prints it; a pure function of the records.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::Serialize;

use super::journal::{Entry, Outcome};

/// One phase of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseTiming {
    /// Cluster.
    pub cluster: String,
    /// Phase id.
    pub phase: String,
    /// First step started to last step finished, in milliseconds.
    pub wall_ms: u64,
    /// Hosts that ran a step of it.
    pub hosts: usize,
    /// The host whose steps took longest.
    pub slowest_host: String,
    /// Its time in the phase, in milliseconds.
    pub slowest_host_ms: u64,
    /// Steps applied (changed).
    pub changed: usize,
}

/// One step on one host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepTiming {
    /// Cluster.
    pub cluster: String,
    /// Host.
    pub host: String,
    /// Phase id.
    pub phase: String,
    /// Step id.
    pub step: String,
    /// Milliseconds.
    pub ms: u64,
    /// How it ended.
    pub outcome: Outcome,
}

/// Where a run's time went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timings {
    /// The run.
    pub run: String,
    /// First step started to last step finished, in milliseconds.
    pub wall_ms: u64,
    /// Per cluster and phase, in the order they started.
    pub phases: Vec<PhaseTiming>,
    /// The ten slowest steps.
    pub slowest: Vec<StepTiming>,
}

fn millis(t: &str) -> Option<u128> {
    humantime::parse_rfc3339(t)
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map(|d| d.as_millis())
}

/// The timings of the records of `run` (resumed stretches included; records resumed without
/// a check count no time).
pub fn timings(entries: &[Entry], run: &str) -> Timings {
    struct Acc {
        first: u128,
        last: u128,
        by_host: BTreeMap<String, u64>,
        changed: usize,
    }
    let mut order: Vec<(String, String)> = Vec::new();
    let mut acc: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let mut steps = Vec::new();
    let (mut first, mut last) = (u128::MAX, 0u128);
    for e in entries.iter().filter(|e| e.run == run && !e.resumed) {
        let (Some(s), Some(f)) = (millis(&e.started), millis(&e.finished)) else {
            continue;
        };
        let ms = f.saturating_sub(s) as u64;
        first = first.min(s);
        last = last.max(f);
        let key = (e.cluster.clone(), e.phase.clone());
        let a = acc.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Acc {
                first: s,
                last: f,
                by_host: BTreeMap::new(),
                changed: 0,
            }
        });
        a.first = a.first.min(s);
        a.last = a.last.max(f);
        *a.by_host.entry(e.host.clone()).or_default() += ms;
        a.changed += usize::from(e.outcome == Outcome::Changed);
        steps.push(StepTiming {
            cluster: e.cluster.clone(),
            host: e.host.clone(),
            phase: e.phase.clone(),
            step: e.step.clone(),
            ms,
            outcome: e.outcome,
        });
    }
    let phases = order
        .into_iter()
        .map(|key| {
            let a = &acc[&key];
            let (host, ms) = a
                .by_host
                .iter()
                .max_by_key(|(h, ms)| (**ms, std::cmp::Reverse((*h).clone())))
                .map(|(h, ms)| (h.clone(), *ms))
                .unwrap_or_default();
            PhaseTiming {
                cluster: key.0.clone(),
                phase: key.1.clone(),
                wall_ms: a.last.saturating_sub(a.first) as u64,
                hosts: a.by_host.len(),
                slowest_host: host,
                slowest_host_ms: ms,
                changed: a.changed,
            }
        })
        .collect();
    steps.sort_by(|a, b| b.ms.cmp(&a.ms).then_with(|| a.host.cmp(&b.host)));
    steps.truncate(10);
    Timings {
        run: run.to_string(),
        wall_ms: if last >= first {
            (last - first) as u64
        } else {
            0
        },
        phases,
        slowest: steps,
    }
}

fn secs(ms: u64) -> String {
    format!("{:.1}s", ms as f64 / 1000.0)
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "\ntimings of run {} ({}):", self.run, secs(self.wall_ms))?;
        let rows = self.phases.iter().map(|p| {
            vec![
                p.cluster.clone(),
                p.phase.clone(),
                secs(p.wall_ms),
                p.hosts.to_string(),
                format!("{} {}", p.slowest_host, secs(p.slowest_host_ms)),
                p.changed.to_string(),
            ]
        });
        f.write_str(&crate::text::table(
            &[
                "CLUSTER",
                "PHASE",
                "WALL",
                "HOSTS",
                "SLOWEST HOST",
                "CHANGED",
            ],
            rows,
        ))?;
        writeln!(f, "slowest steps:")?;
        for s in &self.slowest {
            writeln!(
                f,
                "  {:>7}  {}/{} {}/{}",
                secs(s.ms),
                s.cluster,
                s.host,
                s.phase,
                s.step
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(host: &str, phase: &str, step: &str, start: &str, end: &str, run: &str) -> Entry {
        Entry {
            cluster: "c".into(),
            host: host.into(),
            phase: phase.into(),
            step: step.into(),
            inputs: String::new(),
            outcome: Outcome::Changed,
            started: format!("2026-12-04T10:00:{start}Z"),
            finished: format!("2026-12-04T10:00:{end}Z"),
            error: None,
            run: run.into(),
            resumed: false,
            boot: String::new(),
        }
    }

    #[test]
    fn phases_take_their_wall_time_and_name_the_slowest_host() {
        let entries = vec![
            entry("a", "prepare", "hostname", "00.000", "01.000", "r1"),
            entry("b", "prepare", "hostname", "00.000", "03.500", "r1"),
            entry("a", "runtime", "binaries", "03.500", "10.000", "r1"),
            entry("b", "runtime", "binaries", "03.500", "04.000", "r1"),
            // Another run and a resumed record count nothing.
            entry("a", "runtime", "binaries", "20.000", "50.000", "r0"),
            Entry {
                resumed: true,
                ..entry("b", "runtime", "images", "10.000", "40.000", "r1")
            },
        ];
        let t = timings(&entries, "r1");
        assert_eq!(t.wall_ms, 10_000);
        assert_eq!(
            t.phases
                .iter()
                .map(|p| (
                    p.phase.as_str(),
                    p.wall_ms,
                    p.slowest_host.as_str(),
                    p.slowest_host_ms
                ))
                .collect::<Vec<_>>(),
            [
                ("prepare", 3_500, "b", 3_500),
                ("runtime", 6_500, "a", 6_500)
            ]
        );
        assert_eq!(t.slowest[0].ms, 6_500);
        assert_eq!(t.slowest.len(), 4);
        assert!(t.to_string().contains("a 6.5s"), "{t}");
    }
}
