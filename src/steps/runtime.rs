//! The container runtime from the offline bundle: containerd, runc, crictl and CNI plugins,
//! containerd's configuration (systemd cgroups, sandbox image, registry mirrors) from
//! templates, a systemd unit, and the bundle's images imported into the `k8s.io` namespace and
//! verified by digest.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::json;

use super::{place_bundle_file, read_file, run_root, write_file};
use crate::bundle::{Bundle, BundleFile, FileKind};
use crate::plan::{Check, HostCtx, Phase, Step, StepError};
use crate::ssh::{ExecOptions, shell_quote};

/// The container-runtime phase.
pub fn phase() -> Phase {
    Phase {
        id: "runtime",
        title: "Container runtime",
        steps: vec![
            Box::new(super::BundleBinaries {
                id: "binaries",
                describe: "install containerd, runc, crictl and CNI plugins from the bundle",
                components: RUNTIME_COMPONENTS,
                required: &["containerd", "runc"],
                hosts: |_| true,
                only: None,
            }),
            Box::new(ContainerdConfig),
            Box::new(ContainerdService),
            Box::new(Images),
        ],
        quorum: false,
    }
}

/// Components this phase installs from the bundle.
const RUNTIME_COMPONENTS: &[&str] = &["containerd", "runc", "crictl", "cni-plugins"];

fn bundle(ctx: &HostCtx) -> Result<&Arc<Bundle>, StepError> {
    ctx.bundle.as_ref().ok_or_else(|| {
        StepError::Failed(
            "the runtime phase needs an offline bundle: set spec.bundle in the inventory".into(),
        )
    })
}

fn arch(ctx: &HostCtx) -> &str {
    super::host_arch(ctx)
}

/// The files containerd's configuration consists of: (path, content).
fn config_files(ctx: &HostCtx) -> Result<Vec<(String, String)>, StepError> {
    let b = bundle(ctx)?;
    let version = b
        .manifest
        .versions
        .get("containerd")
        .cloned()
        .unwrap_or_default();
    let spec = &ctx.cluster.containerd;
    let sandbox = spec
        .sandbox_image
        .clone()
        .or_else(|| {
            b.files(FileKind::Image, arch(ctx))
                .find(|f| f.component.as_deref() == Some("pause"))
                .and_then(|f| f.image.clone())
        })
        .unwrap_or_else(|| "registry.k8s.io/pause:3.10".to_string());
    let template = if version.starts_with("1.") {
        include_str!("../../templates/containerd/config-v2.toml.j2")
    } else {
        include_str!("../../templates/containerd/config-v3.toml.j2")
    };
    let render = |name: &'static str, source: &'static str, vars: minijinja::Value| {
        super::render_template(&[(name, source)], name, vars)
    };
    let mut files = vec![(
        "/etc/containerd/config.toml".to_string(),
        render(
            "config.toml",
            template,
            minijinja::context! {
                version => version,
                sandbox_image => sandbox,
                snapshotter => spec.snapshotter.clone(),
                // GPU hosts run containers through NVIDIA's runtime by default.
                nvidia_runtime => crate::facts::preflight::is_gpu_host(&ctx.host)
                    .then_some("/usr/bin/nvidia-container-runtime"),
                restrict_oom_score_adj => !ctx.facts.can_lower_oom_score(),
            },
        )?,
    )];
    // crictl, for whoever debugs the node, talks to this containerd without asking.
    files.push((
        "/etc/crictl.yaml".to_string(),
        "# Written by tcs.\nruntime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\n".to_string(),
    ));
    for (registry, mirrors) in &spec.registry_mirrors {
        files.push((
            format!("/etc/containerd/certs.d/{registry}/hosts.toml"),
            render(
                "hosts.toml",
                include_str!("../../templates/containerd/hosts.toml.j2"),
                minijinja::context! { registry => registry, mirrors => mirrors },
            )?,
        ));
    }
    Ok(files)
}

/// /etc/containerd/config.toml and registry mirror files.
pub struct ContainerdConfig;

impl Step for ContainerdConfig {
    fn id(&self) -> &'static str {
        "containerd-config"
    }
    fn describe(&self) -> &'static str {
        "write containerd's configuration (systemd cgroups, sandbox image, mirrors)"
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        json!({"files": config_files(ctx).unwrap_or_default()})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            for (path, content) in config_files(ctx)? {
                if read_file(ctx, &path).await?.as_deref() != Some(content.as_str()) {
                    return Ok(Check::Needed(format!("{path} differs")));
                }
            }
            Ok(Check::Done)
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            for (path, content) in config_files(ctx)? {
                write_file(ctx, &path, &content, 0o644).await?;
            }
            // A running containerd only reads its configuration at start.
            run_root(ctx, "systemctl try-restart containerd 2>/dev/null || true").await?;
            Ok(())
        })
    }
}

const UNIT_PATH: &str = "/etc/systemd/system/containerd.service";
const UNIT: &str = include_str!("../../templates/containerd/containerd.service");

/// The systemd unit, enabled and running, answering on its socket.
pub struct ContainerdService;

impl Step for ContainerdService {
    fn id(&self) -> &'static str {
        "containerd-service"
    }
    fn describe(&self) -> &'static str {
        "run containerd under systemd and wait until it answers"
    }
    fn inputs(&self, _ctx: &HostCtx) -> serde_json::Value {
        json!({"unit": UNIT})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            if read_file(ctx, UNIT_PATH).await?.as_deref() != Some(UNIT) {
                return Ok(Check::Needed(format!("{UNIT_PATH} missing or different")));
            }
            let state = run_root(ctx, "systemctl is-enabled containerd 2>/dev/null; systemctl is-active containerd 2>/dev/null; true").await?;
            if state.split_whitespace().collect::<Vec<_>>() != ["enabled", "active"] {
                return Ok(Check::Needed(format!(
                    "containerd is {}",
                    state.split_whitespace().collect::<Vec<_>>().join("/")
                )));
            }
            let answers = ctx
                .session
                .exec(
                    "ctr version",
                    &ExecOptions {
                        as_root: true,
                        timeout: Some(Duration::from_secs(20)),
                        ..Default::default()
                    },
                )
                .await?;
            Ok(if answers.success() {
                Check::Done
            } else {
                Check::Needed("containerd does not answer on its socket".into())
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            write_file(ctx, UNIT_PATH, UNIT, 0o644).await?;
            run_root(ctx, "systemctl daemon-reload && systemctl enable containerd >/dev/null 2>&1 && systemctl restart containerd").await?;
            // Wait until the socket answers.
            let out = ctx
                .session
                .exec(
                    "for i in $(seq 1 60); do ctr version >/dev/null 2>&1 && exit 0; sleep 0.5; done; journalctl -u containerd -n 20 --no-pager 2>/dev/null; exit 1",
                    &ExecOptions { as_root: true, timeout: Some(Duration::from_secs(60)), ..Default::default() },
                )
                .await?;
            if out.success() {
                Ok(())
            } else {
                Err(StepError::Failed(format!(
                    "containerd did not come up:\n{}",
                    out.stdout.trim()
                )))
            }
        })
    }
}

/// The bundle's images, imported into containerd's k8s.io namespace and verified by digest.
pub struct Images;

fn images<'a>(b: &'a Bundle, arch: &'a str) -> Vec<&'a BundleFile> {
    b.files(FileKind::Image, arch)
        .filter(|f| f.image.is_some() && f.digest.is_some())
        .collect()
}

/// Digest containerd reports for `reference`, or "" when absent.
async fn image_digest(ctx: &HostCtx, reference: &str) -> Result<String, StepError> {
    let out = run_root(
        ctx,
        &format!(
            "ctr -n k8s.io images ls name=={} 2>/dev/null | awk 'NR>1 {{print $3}}'",
            shell_quote(reference)
        ),
    )
    .await?;
    Ok(out.lines().next().unwrap_or("").to_string())
}

impl Step for Images {
    fn id(&self) -> &'static str {
        "images"
    }
    fn describe(&self) -> &'static str {
        "import the bundle's images into containerd (k8s.io) and verify their digests"
    }
    fn inputs(&self, ctx: &HostCtx) -> serde_json::Value {
        let list: Vec<(Option<String>, Option<String>)> = ctx
            .bundle
            .as_ref()
            .map(|b| {
                images(b, arch(ctx))
                    .into_iter()
                    .map(|f| (f.image.clone(), f.digest.clone()))
                    .collect()
            })
            .unwrap_or_default();
        json!({"images": list})
    }
    fn check<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<Check, StepError>> {
        Box::pin(async move {
            let b = bundle(ctx)?;
            let mut missing = Vec::new();
            for f in images(b, arch(ctx)) {
                let (reference, digest) = (
                    f.image.as_deref().unwrap_or(""),
                    f.digest.as_deref().unwrap_or(""),
                );
                let have = image_digest(ctx, reference).await?;
                if have != digest {
                    missing.push(if have.is_empty() {
                        format!("{reference} (absent)")
                    } else {
                        format!("{reference} (digest {have})")
                    });
                }
            }
            Ok(if missing.is_empty() {
                Check::Done
            } else {
                Check::Needed(format!("images to import: {}", missing.join(", ")))
            })
        })
    }
    fn apply<'a>(&'a self, ctx: &'a HostCtx) -> BoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let b = bundle(ctx)?;
            let snapshotter = shell_quote(&ctx.cluster.containerd.snapshotter);
            for f in images(b, arch(ctx)) {
                let reference = f.image.as_deref().unwrap_or("");
                if image_digest(ctx, reference).await? == f.digest.as_deref().unwrap_or("") {
                    continue;
                }
                let name = f.path.rsplit('/').next().unwrap_or(&f.path);
                let remote = format!("/var/lib/tcs/images/{name}");
                place_bundle_file(ctx, b, f, &remote, 0o600).await?;
                run_root(
                    ctx,
                    &format!(
                        "ctr -n k8s.io images import --snapshotter {snapshotter} {}",
                        shell_quote(&remote)
                    ),
                )
                .await?;
                let got = image_digest(ctx, reference).await?;
                if got != f.digest.as_deref().unwrap_or("") {
                    return Err(StepError::Failed(format!(
                        "{reference}: containerd reports digest {got:?} after import, the bundle says {}",
                        f.digest.as_deref().unwrap_or("")
                    )));
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn gpu_hosts_get_nvidia_as_the_default_runtime_in_both_config_versions() {
        for template in [
            include_str!("../../templates/containerd/config-v2.toml.j2"),
            include_str!("../../templates/containerd/config-v3.toml.j2"),
        ] {
            let render = |nvidia: Option<&str>| {
                super::super::render_template(
                    &[("config.toml", template)],
                    "config.toml",
                    minijinja::context! { version => "2.1.0", sandbox_image => "registry.k8s.io/pause:3.10.1",
                        snapshotter => "overlayfs", nvidia_runtime => nvidia, restrict_oom_score_adj => false },
                )
                .unwrap()
            };
            let plain = render(None);
            assert!(plain.contains("default_runtime_name = \"runc\""));
            assert!(!plain.contains("nvidia"));
            let gpu = render(Some("/usr/bin/nvidia-container-runtime"));
            assert!(gpu.contains("default_runtime_name = \"nvidia\""));
            assert!(gpu.contains("runtimes.nvidia.options]"));
            assert!(gpu.contains("BinaryName = \"/usr/bin/nvidia-container-runtime\""));
        }
    }
}
