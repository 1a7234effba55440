//! The concrete install steps, grouped by phase, and the small remote file helpers they share.

pub mod certs_renew;
pub mod etcd;
pub mod etcd_backup;
pub mod kubernetes;
pub mod lifecycle;
pub mod prepare;
pub mod runtime;
pub mod upgrade;

use std::time::Duration;

use crate::plan::{HostCtx, StepError};
use crate::ssh::{ExecOptions, shell_quote};

fn root() -> ExecOptions {
    ExecOptions {
        as_root: true,
        timeout: Some(Duration::from_secs(300)),
        ..ExecOptions::default()
    }
}

/// Runs `script` as root; fails with its stderr unless it exits 0; returns stdout.
pub async fn run_root(ctx: &HostCtx, script: &str) -> Result<String, StepError> {
    Ok(ctx.session.check_output(script, &root()).await?)
}

/// The content of `path`, or `None` when it does not exist.
pub async fn read_file(ctx: &HostCtx, path: &str) -> Result<Option<String>, StepError> {
    let p = shell_quote(path);
    let out = ctx
        .session
        .exec(
            &format!("if [ -e {p} ]; then printf x; cat {p}; fi"),
            &root(),
        )
        .await?;
    if !out.success() {
        return Err(StepError::Failed(format!(
            "cannot read {path}: {}",
            out.stderr.trim()
        )));
    }
    Ok(out.stdout.strip_prefix('x').map(str::to_string))
}

/// Runs `script` as root with `content` on stdin; an error names `path`.
async fn pipe_to(ctx: &HostCtx, script: &str, content: &str, path: &str) -> Result<(), StepError> {
    let options = ExecOptions {
        stdin: Some(content.as_bytes().to_vec()),
        ..root()
    };
    let out = ctx.session.exec(script, &options).await?;
    if out.success() {
        Ok(())
    } else {
        Err(StepError::Failed(format!(
            "cannot write {path}: {}",
            out.stderr.trim()
        )))
    }
}

/// The temporary file `path` is written through: hidden, beside it (a rename within one
/// directory is atomic). Hidden matters: programs that read every file of a directory skip
/// dot-files, the kubelet's static pod directory first of all, which would otherwise start a
/// half-written manifest as a second pod.
pub fn temp_path(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.tcs-new"),
        None => format!(".{path}.tcs-new"),
    }
}

/// Writes `content` to `path` atomically (a hidden temporary file, then rename) with `mode`.
pub async fn write_file(
    ctx: &HostCtx,
    path: &str,
    content: &str,
    mode: u32,
) -> Result<(), StepError> {
    let p = shell_quote(path);
    let tmp = shell_quote(&temp_path(path));
    let dir = shell_quote(
        path.rsplit_once('/')
            .map(|(d, _)| d)
            .filter(|d| !d.is_empty())
            .unwrap_or("/"),
    );
    let script =
        format!("mkdir -p {dir} && cat > {tmp} && chmod {mode:o} {tmp} && mv -f {tmp} {p}");
    pipe_to(ctx, &script, content, path).await
}

/// Puts bundle file `f` at `remote` on the host (root-owned, `mode`) through the run's
/// distributor: from this machine or, once other hosts hold it, host to host; verified by
/// sha256 either way.
pub async fn place_bundle_file(
    ctx: &HostCtx,
    bundle: &crate::bundle::Bundle,
    f: &crate::bundle::BundleFile,
    remote: &str,
    mode: u32,
) -> Result<(), StepError> {
    ctx.distributor
        .ensure(
            &ctx.session,
            &ctx.host.name,
            &bundle.path_of(f),
            remote,
            &f.sha256,
            mode,
        )
        .await?;
    Ok(())
}

/// sha256 of each remote path ("" when missing), in order.
pub async fn remote_hashes(ctx: &HostCtx, paths: &[String]) -> Result<Vec<String>, StepError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let quoted: Vec<String> = paths.iter().map(|p| shell_quote(p)).collect();
    let out = run_root(
        ctx,
        &format!(
            "for f in {}; do if [ -f \"$f\" ]; then sha256sum \"$f\" | cut -d' ' -f1; else echo -; fi; done",
            quoted.join(" ")
        ),
    )
    .await?;
    Ok(out
        .lines()
        .map(|l| {
            if l == "-" {
                String::new()
            } else {
                l.to_string()
            }
        })
        .collect())
}

/// Whether every `(path, content, mode)` is on the host with that content: `Done`, or
/// `Needed` naming the files that are missing or different.
pub async fn files_match(
    ctx: &HostCtx,
    files: &[(String, String, u32)],
) -> Result<crate::plan::Check, StepError> {
    let paths: Vec<String> = files.iter().map(|(p, _, _)| p.clone()).collect();
    let have = remote_hashes(ctx, &paths).await?;
    let stale: Vec<&str> = files
        .iter()
        .zip(&have)
        .filter(|((_, c, _), h)| sha256_hex(c) != **h)
        .map(|((p, _, _), _)| p.as_str())
        .collect();
    Ok(if stale.is_empty() {
        crate::plan::Check::Done
    } else {
        crate::plan::Check::Needed(format!("missing or different: {}", stale.join(", ")))
    })
}

/// Hex sha256 of a text (file contents compared with `remote_hashes`, journal inputs).
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}

/// A compact UTC timestamp for names (`20261123T101500Z`).
pub fn stamp() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace(['-', ':'], "")
}

/// Records one host change an operation outside the install phases made (restore, removal,
/// reset, renewal) in the journal.
pub fn record_change(
    journal: &crate::plan::journal::Journal,
    cluster: &str,
    host: &str,
    operation: &str,
    step: &str,
    result: &Result<String, String>,
) {
    use crate::plan::journal::{Entry, Outcome};
    let now = humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string();
    let _ = journal.record(Entry {
        cluster: cluster.into(),
        host: host.into(),
        phase: operation.into(),
        step: step.into(),
        inputs: String::new(),
        outcome: if result.is_ok() {
            Outcome::Changed
        } else {
            Outcome::Failed
        },
        started: now.clone(),
        finished: now,
        error: result.as_ref().err().cloned(),
        run: String::new(),
        resumed: false,
        boot: String::new(),
    });
}

/// Options for a root command with a timeout.
pub fn as_root(secs: u64) -> ExecOptions {
    ExecOptions {
        as_root: true,
        timeout: Some(Duration::from_secs(secs)),
        ..ExecOptions::default()
    }
}

/// The host's architecture in the bundle's words (amd64 when facts do not say).
pub fn host_arch(ctx: &HostCtx) -> &str {
    if ctx.facts.arch.is_empty() {
        "amd64"
    } else {
        &ctx.facts.arch
    }
}

/// Where a bundle binary goes on a host.
pub fn binary_destination(f: &crate::bundle::BundleFile) -> String {
    let name = f.path.rsplit('/').next().unwrap_or(&f.path);
    match f.component.as_deref() {
        Some("cni-plugins") => format!("/opt/cni/bin/{name}"),
        _ => format!("/usr/local/bin/{name}"),
    }
}

/// Installs the bundle's executables of some components (containerd and friends, etcd,
/// kubeadm/kubelet/kubectl) through the relay, each checked by sha256.
pub struct BundleBinaries {
    /// Step id.
    pub id: &'static str,
    /// What it does.
    pub describe: &'static str,
    /// Bundle components installed.
    pub components: &'static [&'static str],
    /// Executables the bundle must carry for the host's architecture.
    pub required: &'static [&'static str],
    /// Which hosts get them.
    pub hosts: fn(&HostCtx) -> bool,
    /// Only these executables of the components (all when `None`): an upgrade swaps kubeadm
    /// first and the kubelet only once the node is drained.
    pub only: Option<&'static [&'static str]>,
}

impl BundleBinaries {
    fn files<'a>(&self, ctx: &'a HostCtx) -> Vec<&'a crate::bundle::BundleFile> {
        ctx.bundle
            .as_ref()
            .map(|b| {
                b.files(crate::bundle::FileKind::Binary, host_arch(ctx))
                    .filter(|f| {
                        f.component
                            .as_deref()
                            .is_some_and(|c| self.components.contains(&c))
                    })
                    .filter(|f| {
                        self.only.is_none_or(|only| {
                            only.iter().any(|n| f.path.rsplit('/').next() == Some(*n))
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl crate::plan::Step for BundleBinaries {
    fn id(&self) -> &'static str {
        self.id
    }
    fn describe(&self) -> &'static str {
        self.describe
    }
    fn applies(&self, ctx: &HostCtx) -> bool {
        (self.hosts)(ctx)
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        let files: Vec<(String, String)> = self
            .files(ctx)
            .into_iter()
            .map(|f| (binary_destination(f), f.sha256.clone()))
            .collect();
        serde_json::json!({ "files": files })
    }
    fn check<'a>(
        &'a self,
        ctx: &'a HostCtx,
    ) -> futures::future::BoxFuture<'a, Result<crate::plan::Check, StepError>> {
        Box::pin(async move {
            if ctx.bundle.is_none() {
                return Err(StepError::Failed(
                    "this phase needs an offline bundle: set spec.bundle in the inventory".into(),
                ));
            }
            let files = self.files(ctx);
            let paths: Vec<String> = files.iter().map(|f| binary_destination(f)).collect();
            let missing: Vec<&str> = self
                .required
                .iter()
                .filter(|r| !paths.iter().any(|p| p.ends_with(&format!("/{r}"))))
                .copied()
                .collect();
            if !missing.is_empty() || files.is_empty() {
                return Err(StepError::Failed(format!(
                    "the bundle has no {} for {}: build it with `tcs bundle build --arch {}`",
                    if missing.is_empty() {
                        self.components.join(", ")
                    } else {
                        missing.join(", ")
                    },
                    host_arch(ctx),
                    host_arch(ctx)
                )));
            }
            let hashes = remote_hashes(ctx, &paths).await?;
            let stale: Vec<&str> = files
                .iter()
                .zip(&hashes)
                .zip(&paths)
                .filter(|((f, h), _)| **h != f.sha256)
                .map(|(_, p)| p.as_str())
                .collect();
            Ok(if stale.is_empty() {
                crate::plan::Check::Done
            } else {
                crate::plan::Check::Needed(format!("missing or outdated: {}", stale.join(", ")))
            })
        })
    }
    fn apply<'a>(
        &'a self,
        ctx: &'a HostCtx,
    ) -> futures::future::BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let b = ctx.bundle.as_ref().ok_or_else(|| {
                StepError::Failed(
                    "this phase needs an offline bundle: set spec.bundle in the inventory".into(),
                )
            })?;
            for f in self.files(ctx) {
                place_bundle_file(ctx, b, f, &binary_destination(f), 0o755).await?;
            }
            Ok(())
        })
    }
}

/// Rewrites `path` in place, keeping its inode (for bind-mounted files such as /etc/hosts).
pub async fn write_in_place(ctx: &HostCtx, path: &str, content: &str) -> Result<(), StepError> {
    pipe_to(ctx, &format!("cat > {}", shell_quote(path)), content, path).await
}

/// Renders template `name` (strict: an undefined variable is an error) with `templates`
/// available to `{% include %}`.
pub fn render_template(
    templates: &[(&'static str, &'static str)],
    name: &str,
    vars: minijinja::Value,
) -> Result<String, StepError> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // YAML/TOML are written as text: no auto-escaping by file extension.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    for (n, source) in templates {
        env.add_template(n, source)
            .map_err(|e| StepError::Failed(format!("template {n}: {e}")))?;
    }
    env.get_template(name)
        .and_then(|t| t.render(vars))
        .map_err(|e| StepError::Failed(format!("template {name}: {e}")))
}

/// Every phase of an install, in order. Later phases (etcd, control plane, workers, CNI) are
/// added here as they land.
pub fn all_phases() -> Vec<crate::plan::Phase> {
    vec![
        prepare::phase(),
        runtime::phase(),
        etcd::phase(),
        kubernetes::node_phase(),
        kubernetes::control_plane_phase(),
        kubernetes::workers_phase(),
        kubernetes::network_phase(),
    ]
}

/// Phases that read the offline bundle.
pub fn needs_bundle(phases: &[crate::plan::Phase]) -> bool {
    phases.iter().any(|p| p.id != "prepare")
}

#[cfg(test)]
mod tests {
    #[test]
    fn temporary_files_are_hidden_beside_their_target() {
        assert_eq!(
            super::temp_path("/etc/kubernetes/manifests/kube-vip.yaml"),
            "/etc/kubernetes/manifests/.kube-vip.yaml.tcs-new"
        );
        assert_eq!(super::temp_path("/hosts"), "/.hosts.tcs-new");
    }
}
