//! The state directory tcs keeps beside an inventory (`.tcs/<inventory name>/` unless
//! `--state-dir` says otherwise): its layout, one function per kind of file as cargo's `Layout`
//! does for `target/`, and the one way tcs writes the files it keeps there and elsewhere (a
//! merged `~/.kube/config`).
//!
//! ```text
//! <state>/
//!   .gitignore                 `*`: the directory never ends up in the inventory's git repository
//!   journal.jsonl              every step of every run (plan/journal.rs)
//!   pki/<cluster>/             CAs, keys and leaves tcs issues (0700, keys 0600)
//!   kubeconfig/<cluster>.conf  admin kubeconfigs (0600)
//!   etcd/<cluster>/joined/     members added to a running etcd cluster
//!   backups/<cluster>/         etcd snapshots and their .sha256 (0600)
//!   logs/                      one debug log per command run (0600)
//!   cache/                     extracted bundles
//! ```
//!
//! Every file is written whole or not at all (`write_private`): a fresh temporary file, created
//! exclusively beside the target, written, synced, renamed over it, and the directory synced, so
//! a run killed at any moment leaves either the old file or the new one, and never reads or
//! appends to what a killed run left behind.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The layout of a state directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDir {
    root: PathBuf,
}

impl StateDir {
    /// The state directory at `root` (nothing is created).
    pub fn at(root: impl Into<PathBuf>) -> StateDir {
        StateDir { root: root.into() }
    }

    /// The directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Creates the directory (0700) with a `.gitignore` of `*` in it, if missing.
    pub fn create(&self) -> std::io::Result<()> {
        create_private_dir(&self.root)?;
        let ignore = self.root.join(".gitignore");
        if !ignore.exists() {
            write_file(
                &ignore,
                b"# Written by tcs: this state directory holds keys and kubeconfigs; keep it out of git.\n*\n",
                0o644,
            )?;
        }
        Ok(())
    }

    /// When files of this directory are tracked by the git repository around it (committed
    /// before its `.gitignore` was there, or added with `git add -f`), a warning saying how
    /// many and how to untrack them; `None` outside a git work tree, or without git.
    pub fn tracked_by_git(&self) -> Option<String> {
        let root = self.root.canonicalize().ok()?;
        root.ancestors().find(|d| d.join(".git").exists())?;
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(["ls-files", "-z", "--", "."])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        let tracked = out
            .stdout
            .split(|b| *b == 0)
            .filter(|f| !f.is_empty())
            .count();
        (tracked > 0).then(|| {
            format!(
                "warning: {} of the state directory {} tracked by git, and it holds private keys and kubeconfigs: untrack them with `git rm -r --cached {}` (the directory's .gitignore keeps them out from then on), and rotate what was pushed",
                crate::text::count(tracked, "file"),
                if tracked == 1 { "is" } else { "are" },
                root.display()
            )
        })
    }

    /// The journal of every run.
    pub fn journal(&self) -> PathBuf {
        self.root.join("journal.jsonl")
    }

    /// A cluster's PKI directory.
    pub fn pki(&self, cluster: &str) -> PathBuf {
        self.root.join("pki").join(cluster)
    }

    /// A cluster's admin kubeconfig.
    pub fn kubeconfig(&self, cluster: &str) -> PathBuf {
        self.root.join("kubeconfig").join(format!("{cluster}.conf"))
    }

    /// The marker of a host added to a cluster's running etcd.
    pub fn etcd_joined(&self, cluster: &str, host: &str) -> PathBuf {
        self.root
            .join("etcd")
            .join(cluster)
            .join("joined")
            .join(host)
    }

    /// Where a cluster's etcd snapshots go by default.
    pub fn backups(&self, cluster: &str) -> PathBuf {
        self.root.join("backups").join(cluster)
    }

    /// Run logs.
    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// Extracted bundles.
    pub fn cache(&self) -> PathBuf {
        self.root.join("cache")
    }
}

/// Creates `dir` and its missing parents, the new ones 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Writes `data` to `path` whole or not at all, readable only by its owner (0600); the
/// directory is created (0700) when missing.
pub fn write_private(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_file(path, data, 0o600)
}

/// Like `write_private` with `mode`.
pub fn write_file(path: &Path, data: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_leftovers(dir, &name);
    // tempfile creates it with O_EXCL under a fresh random name, 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tcs-new")
        .tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is durable once the directory is.
    File::open(dir)?.sync_all()
}

/// Removes what killed writes of `name` left in `dir`: hidden temporaries of this module older
/// than a minute (a younger one may be another writer's, in flight) and the `<name>.tcs-new`
/// files of earlier tcs versions.
fn remove_leftovers(dir: &Path, name: &str) {
    let old = |e: &std::fs::DirEntry| {
        e.metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60))
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for e in entries.flatten() {
        let f = e.file_name().to_string_lossy().into_owned();
        let ours = f.starts_with(&format!(".{name}.")) && f.ends_with(".tcs-new") && old(&e);
        let legacy = f == format!("{stem}.tcs-new") || f == format!("{name}.tcs-new");
        if ours || legacy {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Opens `path` for appending, creating it (0600, its directory 0700) when missing: for the
/// journal and run logs, which grow line by line.
pub fn open_append_private(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn leftovers_of_a_killed_write_are_never_appended_to() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("kubeconfig/biz.conf");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // What a killed run of an earlier tcs left (garbage, longer than the new content), and
        // one of this module's hidden temporaries.
        let long = "garbage ".repeat(100);
        std::fs::write(path.with_extension("tcs-new"), &long).unwrap();
        let hidden = path.with_file_name(".biz.conf.x1y2z3.tcs-new");
        std::fs::write(&hidden, &long).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&hidden)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        write_private(&path, b"apiVersion: v1\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"apiVersion: v1\n");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(names(path.parent().unwrap()), ["biz.conf"]);
        // Overwriting keeps it exact and private.
        write_private(&path, b"v2\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"v2\n");
        assert_eq!(names(path.parent().unwrap()), ["biz.conf"]);
    }

    #[test]
    fn a_write_killed_before_the_rename_leaves_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("x.conf");
        write_private(&path, b"old\n").unwrap();
        // The temporary is written and synced but the process dies before the rename: the
        // temporary is never persisted (here: dropped without persist, which a kill leaves on
        // disk; the next write removes it).
        let tmp = tempfile::Builder::new()
            .prefix(".x.conf.")
            .suffix(".tcs-new")
            .tempfile_in(d.path())
            .unwrap();
        std::fs::write(tmp.path(), b"new but never renamed").unwrap();
        let (file, kept) = tmp.keep().unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
            .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old\n");
        write_private(&path, b"next\n").unwrap();
        assert!(!kept.exists());
        assert_eq!(std::fs::read(&path).unwrap(), b"next\n");
    }

    #[test]
    fn tracked_state_files_are_reported() {
        let repo = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(repo.path())
                .args(args)
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        };
        if !git(&["init", "-q"]) {
            eprintln!("git is not installed; nothing to check");
            return;
        }
        let s = StateDir::at(repo.path().join(".tcs/prod"));
        s.create().unwrap();
        assert_eq!(s.tracked_by_git(), None, "ignored by its own .gitignore");
        write_private(&s.kubeconfig("prod"), b"secret").unwrap();
        assert!(git(&["add", "-f", ".tcs/prod/kubeconfig/prod.conf"]));
        let warning = s.tracked_by_git().unwrap();
        assert!(
            warning.contains("1 file of the state directory is tracked by git"),
            "{warning}"
        );
        assert!(warning.contains("git rm -r --cached"), "{warning}");
        // Outside any work tree: nothing to say.
        let elsewhere = tempfile::tempdir().unwrap();
        let s = StateDir::at(elsewhere.path().join("state"));
        s.create().unwrap();
        assert_eq!(s.tracked_by_git(), None);
    }

    #[test]
    fn the_state_directory_ignores_itself_in_git() {
        let d = tempfile::tempdir().unwrap();
        let s = StateDir::at(d.path().join(".tcs/prod"));
        s.create().unwrap();
        assert_eq!(mode(s.root()), 0o700);
        let ignore = std::fs::read_to_string(s.root().join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
        assert_eq!(s.kubeconfig("biz"), s.root().join("kubeconfig/biz.conf"));
        assert_eq!(s.pki("biz"), s.root().join("pki/biz"));
    }
}
