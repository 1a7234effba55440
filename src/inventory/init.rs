//! Builds a new inventory from a few answers: what `tcs init` writes.

use std::collections::BTreeMap;

use super::model::*;

/// What `tcs init` asks for (interactively or as flags).
#[derive(Debug, Clone, Default)]
pub struct InitAnswers {
    /// Inventory and cluster name.
    pub name: String,
    /// Hosts as (name, address) pairs.
    pub hosts: Vec<(String, String)>,
    /// Names of the control-plane hosts; the other hosts become workers.
    pub control_plane: Vec<String>,
    /// SSH login user.
    pub user: String,
    /// SSH private key file.
    pub identity_file: Option<String>,
    /// API server VIP, required with several control-plane hosts.
    pub vip: Option<String>,
    /// Kubernetes version (default: [`DEFAULT_KUBERNETES_VERSION`]).
    pub kubernetes_version: Option<String>,
}

/// Parses `--hosts`: `name=address` pairs or bare addresses (named `node1`, `node2`, ...).
pub fn parse_host_list(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (i, item) in text
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        match item.split_once('=') {
            Some((name, addr)) if !name.is_empty() && !addr.is_empty() => {
                out.push((name.to_string(), addr.to_string()))
            }
            Some(_) => return Err(format!("'{item}' is not NAME=ADDRESS")),
            None => out.push((format!("node{}", i + 1), item.to_string())),
        }
    }
    if out.is_empty() {
        return Err("no hosts given".into());
    }
    Ok(out)
}

/// The control-plane hosts to use when none are named: one, or three with a VIP.
pub fn default_control_plane(hosts: &[(String, String)], vip: Option<&str>) -> Vec<String> {
    let n = if vip.is_some() && hosts.len() >= 3 {
        3
    } else {
        1
    };
    hosts.iter().take(n).map(|(name, _)| name.clone()).collect()
}

/// The inventory for `answers`: one global cluster with every host in it.
pub fn build_inventory(answers: &InitAnswers) -> Inventory {
    let hosts: Vec<Host> = answers
        .hosts
        .iter()
        .map(|(name, address)| Host {
            name: name.clone(),
            address: address.clone(),
            internal_address: None,
            arch: None,
            labels: BTreeMap::new(),
            ssh: SshSpec::default(),
        })
        .collect();
    let workers: Vec<String> = answers
        .hosts
        .iter()
        .map(|(name, _)| name.clone())
        .filter(|name| !answers.control_plane.contains(name))
        .collect();
    let kubernetes = KubernetesSpec {
        version: answers
            .kubernetes_version
            .clone()
            .unwrap_or_else(|| DEFAULT_KUBERNETES_VERSION.to_string()),
        ..KubernetesSpec::default()
    };
    Inventory {
        api_version: API_VERSION.to_string(),
        kind: KIND.to_string(),
        metadata: Metadata {
            name: answers.name.clone(),
        },
        spec: InventorySpec {
            ssh: SshSpec {
                user: Some(answers.user.clone()),
                port: Some(22),
                identity_file: answers.identity_file.clone(),
                ..SshSpec::default()
            },
            hosts,
            bundle: None,
            image_registry: None,
            clusters: vec![Cluster {
                name: answers.name.clone(),
                role: ClusterRole::Global,
                kubernetes,
                control_plane: ControlPlane {
                    hosts: answers.control_plane.clone(),
                    endpoint: answers.vip.as_ref().map(|vip| Endpoint {
                        vip: Some(vip.clone()),
                        address: None,
                        port: Some(DEFAULT_API_PORT),
                    }),
                },
                etcd: None,
                workers: (!workers.is_empty()).then_some(HostGroup { hosts: workers }),
                network: NetworkSpec::default(),
                containerd: ContainerdSpec::default(),
                addons: BTreeMap::new(),
                federation: None,
                fleet: None,
            }],
            preflight: PreflightSpec::default(),
        },
    }
}

/// The inventory as YAML, with a header saying how to check it.
pub fn render_inventory(inventory: &Inventory) -> Result<String, serde_saphyr::SerializeError> {
    let body = serde_saphyr::to_string(inventory)?;
    Ok(format!(
        "# tcs inventory written by `tcs init`.\n# Check it with: tcs inventory validate -f <this file>\n{body}"
    ))
}

/// Writes the inventory `answers` make to `file`, only if it validates (nothing is written
/// otherwise, and the error lists every problem).
pub fn write_inventory(answers: &InitAnswers, file: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context;
    let inventory = build_inventory(answers);
    let text = render_inventory(&inventory).context("cannot render the inventory as YAML")?;
    let base = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let checked = super::validate_str(&text, file, base);
    if !checked.report.valid {
        let problems: Vec<String> = checked
            .report
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        anyhow::bail!(
            "the answers do not make a valid inventory, nothing written:\n{}",
            problems.join("\n")
        );
    }
    std::fs::write(file, &text).with_context(|| format!("cannot write {}", file.display()))
}

/// The key path as the inventory should hold it: `~/...` kept, anything else absolute and
/// without `.` or `..` components (`./key` in /home/me -> /home/me/key).
pub fn absolute_key(path: Option<&String>) -> std::io::Result<Option<String>> {
    Ok(match path {
        Some(p) if !p.starts_with('~') => {
            let joined = std::env::current_dir()?.join(p);
            Some(clean(&joined).to_string_lossy().into_owned())
        }
        other => other.cloned(),
    })
}

/// `path` without `.` components and with each `..` taking the component before it away, as
/// the user meant it (lexically, as Go's filepath.Clean: no symlinks are followed).
fn clean(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_lists() {
        assert_eq!(
            parse_host_list("a=10.0.0.1, b=10.0.0.2").unwrap(),
            vec![
                ("a".into(), "10.0.0.1".into()),
                ("b".into(), "10.0.0.2".into())
            ]
        );
        assert_eq!(
            parse_host_list("10.0.0.1,10.0.0.2").unwrap()[1],
            ("node2".into(), "10.0.0.2".into())
        );
        assert!(parse_host_list("=x").is_err());
        assert!(parse_host_list(" ").is_err());
    }

    #[test]
    fn control_plane_defaults() {
        let hosts = parse_host_list("a=1.1.1.1,b=1.1.1.2,c=1.1.1.3,d=1.1.1.4").unwrap();
        assert_eq!(default_control_plane(&hosts, None), vec!["a"]);
        assert_eq!(
            default_control_plane(&hosts, Some("1.1.1.9")),
            vec!["a", "b", "c"]
        );
    }
}
