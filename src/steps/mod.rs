//! The concrete install steps, grouped by phase, and the small remote file helpers they share.

pub mod certs_renew;
pub mod etcd;
pub mod etcd_backup;
pub mod kubernetes;
pub mod lifecycle;
pub mod prepare;
pub mod runtime;

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

/// Writes `content` to `path` atomically (temporary file, then rename) with `mode`.
pub async fn write_file(
    ctx: &HostCtx,
    path: &str,
    content: &str,
    mode: u32,
) -> Result<(), StepError> {
    let p = shell_quote(path);
    let tmp = shell_quote(&format!("{path}.tcs-new"));
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
