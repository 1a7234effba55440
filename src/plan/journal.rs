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
}

/// The journal file of a state directory.
pub struct Journal {
    path: PathBuf,
    file: Mutex<std::fs::File>,
    last: Mutex<HashMap<(String, String, String), Entry>>,
}

impl Journal {
    /// Opens (creating, 0600) `<state>/journal.jsonl` and reads what earlier runs recorded.
    /// Lines that do not parse (a run killed mid-write) are ignored.
    pub fn open(state_dir: &Path) -> std::io::Result<Journal> {
        let path = state_dir.join("journal.jsonl");
        let mut last = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.lines() {
                if let Ok(e) = serde_json::from_str::<Entry>(line) {
                    last.insert((e.cluster.clone(), e.host.clone(), e.step.clone()), e);
                }
            }
        }
        let mut file = crate::cli::logging::open_private(&path)?;
        // A run killed mid-write may have left half a line: start ours on a fresh one.
        if std::fs::read(&path).is_ok_and(|b| !b.is_empty() && !b.ends_with(b"\n")) {
            file.write_all(b"\n")?;
        }
        Ok(Journal {
            path,
            file: Mutex::new(file),
            last: Mutex::new(last),
        })
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

    /// Appends `entry` and flushes it to disk.
    pub fn record(&self, entry: Entry) -> std::io::Result<()> {
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
        }
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
