//! The journal: one JSON line per step run on a host, appended and flushed as each step ends,
//! so a killed run leaves an exact record of what finished.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// How a step ended on a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Already in the wanted state; nothing was changed.
    Unchanged,
    /// Applied and verified.
    Changed,
    /// Failed; the host's later steps did not run.
    Failed,
    /// Not run because the host failed earlier or the run was interrupted.
    Skipped,
}

/// One journal line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Cluster name.
    pub cluster: String,
    /// Host name.
    pub host: String,
    /// Phase id.
    pub phase: String,
    /// Step id.
    pub step: String,
    /// sha256 of the step's inputs.
    pub inputs: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Start, RFC 3339.
    pub started: String,
    /// End, RFC 3339.
    pub finished: String,
    /// Error message when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The run it belongs to (a run resumed with `--resume` keeps its id); empty in journals
    /// of earlier tcs versions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub run: String,
    /// Not checked again: an earlier stretch of this run finished it with the same inputs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resumed: bool,
    /// The host's boot when the step ran (`HostFacts::boot`): after a reboot, `--resume`
    /// checks the step again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boot: String,
}

/// (cluster, host, step, inputs hash).
type StepKey = (String, String, String, String);

/// The journal file of a state directory, as one run writes it.
pub struct Journal {
    path: PathBuf,
    file: Mutex<std::fs::File>,
    last: Mutex<HashMap<(String, String, String), Entry>>,
    /// This run's id, stamped on every entry it records.
    run: String,
    /// When resuming: the steps the earlier stretches of this run finished, with their inputs,
    /// and the host's boot then.
    done_earlier: HashMap<StepKey, String>,
}

impl Journal {
    /// Opens (creating, 0600) `<state>/journal.jsonl` for a new run and reads what earlier runs
    /// recorded. Lines that do not parse (a run killed mid-write) are ignored.
    pub fn open(state_dir: &Path) -> std::io::Result<Journal> {
        Self::open_run(state_dir, false)
    }

    /// Opens the journal to continue its last run (`tcs install --resume`): entries keep that
    /// run's id, and the steps it finished (changed or unchanged, last record per step) are
    /// known to `done_earlier`. A journal whose last run has no id (an earlier tcs) starts a
    /// new run that checks everything.
    pub fn resume(state_dir: &Path) -> std::io::Result<Journal> {
        Self::open_run(state_dir, true)
    }

    fn open_run(state_dir: &Path, resume: bool) -> std::io::Result<Journal> {
        let path = crate::state::StateDir::at(state_dir).journal();
        let entries = Self::read_all(&path);
        let mut last = HashMap::new();
        for e in &entries {
            last.insert(
                (e.cluster.clone(), e.host.clone(), e.step.clone()),
                e.clone(),
            );
        }
        let previous = entries
            .last()
            .map(|e| e.run.clone())
            .filter(|r| !r.is_empty());
        let (run, done_earlier) = match previous.filter(|_| resume) {
            Some(run) => {
                let mut latest: HashMap<(&str, &str, &str), &Entry> = HashMap::new();
                for e in entries.iter().filter(|e| e.run == run) {
                    latest.insert((&e.cluster, &e.host, &e.step), e);
                }
                let done = latest
                    .values()
                    .filter(|e| matches!(e.outcome, Outcome::Unchanged | Outcome::Changed))
                    .map(|e| {
                        let key = (
                            e.cluster.clone(),
                            e.host.clone(),
                            e.step.clone(),
                            e.inputs.clone(),
                        );
                        (key, e.boot.clone())
                    })
                    .collect();
                (run, done)
            }
            None => (new_run_id(), HashMap::new()),
        };
        let mut file = crate::state::open_append_private(&path)?;
        // A run killed mid-write may have left half a line: start ours on a fresh one.
        if std::fs::read(&path).is_ok_and(|b| !b.is_empty() && !b.ends_with(b"\n")) {
            file.write_all(b"\n")?;
        }
        Ok(Journal {
            path,
            file: Mutex::new(file),
            last: Mutex::new(last),
            run,
            done_earlier,
        })
    }

    /// This run's id.
    pub fn run_id(&self) -> &str {
        &self.run
    }

    /// True when this run, resumed, already finished `step` on `host` with these inputs, and
    /// the host has not booted since (`boot`: its boot now; unknown boots match).
    pub fn done_earlier(
        &self,
        cluster: &str,
        host: &str,
        step: &str,
        inputs: &str,
        boot: &str,
    ) -> bool {
        let key = (
            cluster.to_string(),
            host.to_string(),
            step.to_string(),
            inputs.to_string(),
        );
        self.done_earlier
            .get(&key)
            .is_some_and(|then| then.is_empty() || boot.is_empty() || then == boot)
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last record of `step` on `host`.
    pub fn last(&self, cluster: &str, host: &str, step: &str) -> Option<Entry> {
        self.last
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(cluster.to_string(), host.to_string(), step.to_string()))
            .cloned()
    }

    /// True when the last record of `step` on `host` finished with these inputs.
    pub fn finished(&self, cluster: &str, host: &str, step: &str, inputs: &str) -> bool {
        self.last(cluster, host, step).is_some_and(|e| {
            e.inputs == inputs && matches!(e.outcome, Outcome::Unchanged | Outcome::Changed)
        })
    }

    /// Appends `entry` (stamped with this run's id) and flushes it to disk.
    pub fn record(&self, mut entry: Entry) -> std::io::Result<()> {
        if entry.run.is_empty() {
            entry.run = self.run.clone();
        }
        let line = serde_json::to_string(&entry).map_err(std::io::Error::other)? + "\n";
        {
            let mut f = self.file.lock().unwrap_or_else(|p| p.into_inner());
            f.write_all(line.as_bytes())?;
            f.sync_data()?;
        }
        self.last.lock().unwrap_or_else(|p| p.into_inner()).insert(
            (
                entry.cluster.clone(),
                entry.host.clone(),
                entry.step.clone(),
            ),
            entry,
        );
        Ok(())
    }

    /// Every entry in the file, in order (for tests and `tcs install` summaries).
    pub fn read_all(path: &Path) -> Vec<Entry> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

/// A new run's id: its start time and a random suffix (`20261203T184501Z-5f3a9c1e`).
fn new_run_id() -> String {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let mut bytes = [0u8; 4];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    format!("{}-{}", now.replace([':', '-'], ""), hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(step: &str, outcome: Outcome) -> Entry {
        Entry {
            cluster: "c".into(),
            host: "h".into(),
            phase: "prepare".into(),
            step: step.into(),
            inputs: "abc".into(),
            outcome,
            started: "2026-01-01T00:00:00Z".into(),
            finished: "2026-01-01T00:00:01Z".into(),
            error: None,
            run: String::new(),
            resumed: false,
            boot: String::new(),
        }
    }

    #[test]
    fn a_host_that_booted_since_is_checked_again() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path()).unwrap();
        j.record(Entry {
            boot: "b1:100".into(),
            ..entry("hostname", Outcome::Changed)
        })
        .unwrap();
        drop(j);
        let r = Journal::resume(dir.path()).unwrap();
        assert!(r.done_earlier("c", "h", "hostname", "abc", "b1:100"));
        assert!(
            !r.done_earlier("c", "h", "hostname", "abc", "b1:7000"),
            "restarted"
        );
        assert!(
            !r.done_earlier("c", "h", "hostname", "abc", "b2:100"),
            "rebooted"
        );
        assert!(
            r.done_earlier("c", "h", "hostname", "abc", ""),
            "boot unknown now"
        );
    }

    #[test]
    fn a_resumed_run_keeps_its_id_and_knows_what_it_finished() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path()).unwrap();
        let run = j.run_id().to_string();
        j.record(entry("hostname", Outcome::Changed)).unwrap();
        j.record(entry("swap", Outcome::Unchanged)).unwrap();
        j.record(entry("sysctl", Outcome::Skipped)).unwrap();
        drop(j);
        let r = Journal::resume(dir.path()).unwrap();
        assert_eq!(r.run_id(), run);
        assert!(r.done_earlier("c", "h", "hostname", "abc", ""));
        assert!(r.done_earlier("c", "h", "swap", "abc", ""));
        assert!(
            !r.done_earlier("c", "h", "sysctl", "abc", ""),
            "skipped is not done"
        );
        assert!(!r.done_earlier("c", "h", "hostname", "other inputs", ""));
        drop(r);
        // A new run knows nothing of the last one's progress.
        let n = Journal::open(dir.path()).unwrap();
        assert_ne!(n.run_id(), run);
        assert!(!n.done_earlier("c", "h", "hostname", "abc", ""));
    }

    #[test]
    fn survives_a_torn_last_line_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path()).unwrap();
        j.record(entry("hostname", Outcome::Changed)).unwrap();
        j.record(entry("swap", Outcome::Failed)).unwrap();
        drop(j);
        // A run killed mid-write leaves half a line.
        let path = dir.path().join("journal.jsonl");
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"cluster\":\"c\",\"ho").unwrap();
        let j = Journal::open(dir.path()).unwrap();
        j.record(entry("sysctl", Outcome::Unchanged)).unwrap();
        drop(j);
        let j = Journal::open(dir.path()).unwrap();
        assert!(
            j.finished("c", "h", "sysctl", "abc"),
            "a record after a torn line is kept"
        );
        assert!(j.finished("c", "h", "hostname", "abc"));
        assert!(!j.finished("c", "h", "hostname", "other-inputs"));
        assert!(!j.finished("c", "h", "swap", "abc"));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
