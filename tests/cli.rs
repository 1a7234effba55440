//! The `tcs` binary: example inventories, exit codes, JSON output, `init`, completions, help.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::CommandFactory;
use clap_complete::Shell;

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env_remove("TCS_INVENTORY")
        .env_remove("TCS_STATE_DIR")
        .env("NO_COLOR", "1");
    cmd
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_inventories() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("inventories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_inventory_validates() {
    let files = example_inventories();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let out = tcs()
            .args(["inventory", "validate", "-f"])
            .arg(&file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}: {stdout}", file.display());
        assert!(!stdout.contains("error["), "{stdout}");
    }
}

#[test]
fn examples_match_the_published_schema() {
    let out = tcs().args(["inventory", "schema"]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    for file in example_inventories() {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        tcs::inventory::schema::strip_nulls(&mut value);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

fn write_bad(dir: &Path) -> PathBuf {
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {name: x}\nspec:\n  hosts:\n    - {name: a, address: 10.0.0.1, colour: red}\n  clusters:\n    - {name: x, role: global, controlPlane: {hosts: [a, b]}}\n",
    )
    .unwrap();
    bad
}

#[test]
fn invalid_inventory_exits_1_and_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_bad(dir.path());
    let out = tcs()
        .args(["inventory", "validate", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{}:6:36: error[unknown-field] spec.hosts[0].colour",
            bad.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[unknown-host] spec.clusters[0].controlPlane.hosts[1]"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\x1b'),
        "NO_COLOR must drop escape codes: {stdout:?}"
    );
}

#[test]
fn json_output_is_data() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_bad(dir.path());
    let out = tcs()
        .args(["inventory", "validate", "-o", "json", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"], 3);
    let kinds: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "unknown-field",
            "missing-endpoint",
            "even-etcd-members",
            "unknown-host"
        ]
    );
    assert_eq!(report["warnings"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["line"], 6);
    assert_eq!(first["path"], "spec.hosts[0].colour");
    assert_eq!(first["severity"], "error");

    // Several files give a list, one report each.
    let good = repo().join("inventories/single-node.yaml");
    let out = tcs()
        .args(["inventory", "validate", "-o", "yaml", "-f"])
        .arg(&good)
        .arg("-f")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let reports: Vec<serde_json::Value> = serde_saphyr::from_slice(&out.stdout).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["valid"], true);
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = tcs()
        .args(["inventory", "validate", "-f", "/nonexistent/inv.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("cannot read the file"));
}

fn private_key(dir: &Path) -> PathBuf {
    let key = dir.join("id_ed25519");
    std::fs::write(&key, "key").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    key
}

#[test]
fn init_from_flags_writes_a_valid_inventory() {
    let dir = tempfile::tempdir().unwrap();
    let key = private_key(dir.path());
    let file = dir.path().join("prod.yaml");
    let out = tcs()
        .args([
            "init",
            "--non-interactive",
            "--name",
            "prod",
            "--user",
            "ops",
            "--vip",
            "10.0.0.100",
        ])
        .args([
            "--hosts",
            "g1=10.0.0.11,g2=10.0.0.12,g3=10.0.0.13,w1=10.0.0.21",
        ])
        .arg("--identity-file")
        .arg(&key)
        .arg("-f")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let validated = tcs::inventory::validate_file(&file);
    assert!(
        validated.report.diagnostics.is_empty(),
        "{:#?}",
        validated.report.diagnostics
    );
    let inv = validated.inventory.unwrap();
    let cluster = &inv.spec.clusters[0];
    assert_eq!(cluster.control_plane.hosts, ["g1", "g2", "g3"]);
    assert_eq!(cluster.worker_hosts(), ["w1"]);
    assert_eq!(inv.spec.ssh.user.as_deref(), Some("ops"));
    assert_eq!(
        cluster
            .control_plane
            .endpoint
            .as_ref()
            .unwrap()
            .vip
            .as_deref(),
        Some("10.0.0.100")
    );

    // The key's path is written absolute and clean, whatever way it was given.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let relative = dir.path().join("relative.yaml");
    let out = tcs()
        .current_dir(dir.path())
        .args([
            "init",
            "--non-interactive",
            "--name",
            "rel",
            "--hosts",
            "10.0.0.60",
        ])
        .args(["--identity-file", "./sub/../id_ed25519", "-f"])
        .arg(&relative)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = tcs::inventory::validate_file(&relative).inventory.unwrap();
    assert_eq!(
        written.spec.ssh.identity_file.as_deref(),
        Some(key.to_str().unwrap())
    );

    // Refuses to overwrite without --force.
    let again = tcs()
        .args([
            "init",
            "--non-interactive",
            "--name",
            "other",
            "--hosts",
            "10.0.0.50",
            "-f",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(std::fs::read_to_string(&file).unwrap().contains("prod"));
}

#[test]
fn init_refuses_answers_that_do_not_validate() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inv.yaml");
    // Two control planes without a VIP, and a key that does not exist.
    let out = tcs()
        .args([
            "init",
            "--non-interactive",
            "--name",
            "lab",
            "--hosts",
            "a=10.0.0.1,b=10.0.0.2",
        ])
        .args([
            "--control-plane",
            "a,b",
            "--identity-file",
            "/nonexistent/key",
            "-f",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing-endpoint"), "{stderr}");
    assert!(stderr.contains("identity-file-missing"), "{stderr}");
    assert!(!file.exists());
}

#[test]
fn init_without_a_terminal_names_missing_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = tcs()
        .current_dir(dir.path())
        .args(["init", "--hosts", "10.0.0.1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--name is required"));
}

/// Checked-in completion files, by shell.
fn completion_files() -> Vec<(Shell, PathBuf)> {
    let dir = repo().join("completions");
    vec![
        (Shell::Bash, dir.join("tcs.bash")),
        (Shell::Zsh, dir.join("tcs.zsh")),
        (Shell::Fish, dir.join("tcs.fish")),
        (Shell::PowerShell, dir.join("tcs.ps1")),
        (Shell::Elvish, dir.join("tcs.elv")),
    ]
}

/// Fails when a checked-in completion script differs from what the CLI generates now.
/// Regenerate with `TCS_UPDATE_COMPLETIONS=1 cargo test --test cli completions`.
#[test]
fn completions_are_up_to_date() {
    let update = std::env::var_os("TCS_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, path) in completion_files() {
        let fresh = tcs::cli::completions::completion_script(shell);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(fresh.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run TCS_UPDATE_COMPLETIONS=1 cargo test --test cli completions"
    );
    // The binary prints the same script.
    let out = tcs().args(["completions", "bash"]).output().unwrap();
    assert_eq!(
        out.stdout,
        tcs::cli::completions::completion_script(Shell::Bash)
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let name = format!("{path} {}", sub.get_name());
            let has_example = sub
                .get_after_help()
                .is_some_and(|h| h.to_string().contains("Example"));
            if sub.get_about().is_none() || !has_example {
                missing.push(name.clone());
            }
            walk(sub, &name, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&tcs::cli::Cli::command(), "tcs", &mut missing);
    assert!(
        missing.is_empty(),
        "commands without about or example: {missing:?}"
    );
    tcs::cli::Cli::command().debug_assert();
}

#[test]
fn man_page_renders() {
    let out = tcs().arg("man").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH tcs"));
}

/// A read-only render that needs nothing from the bundle does not warn that the inventory's
/// bundle is not built yet; validation (and the commands that install) still say so.
#[test]
fn a_render_without_the_bundle_is_quiet_about_it() {
    let dir = tempfile::tempdir().unwrap();
    let inv = Path::new(env!("CARGO_MANIFEST_DIR")).join("inventories/edge.yaml");
    let out = tcs()
        .env("HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .args([
            "addon",
            "render",
            "vgpu",
            "--cluster",
            "store-042",
            "--state-dir",
        ])
        .arg(dir.path().join("state"))
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("bundle-missing"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("kind: "));
    let out = tcs()
        .args(["inventory", "validate", "-f"])
        .arg(&inv)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("bundle-missing"));
}

/// `tcs cluster upgrade --all`: business clusters in inventory order, `--wave-size` at a time,
/// the global cluster last and alone; after the first wave with a failure the rest are skipped
/// and reported so. (The bundle does not exist, so every upgrade fails before it connects.)
#[test]
fn fleet_upgrades_go_in_waves_with_the_global_cluster_last_and_stop_at_a_failure() {
    let state = tempfile::tempdir().unwrap();
    let inv = repo().join("inventories/global-and-business.yaml");
    let upgrade = |wave_size: &str| {
        let out = tcs()
            .args([
                "cluster", "upgrade", "--all", "--to", "1.36.4", "--yes", "-o", "json",
            ])
            .args(["--bundle", "/nonexistent/bundle", "--wave-size", wave_size])
            .arg("--state-dir")
            .arg(state.path())
            .arg("-f")
            .arg(&inv)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let last = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        let report: serde_json::Value = serde_json::from_str(&last).unwrap();
        assert_eq!(report["event"], "fleet-upgrade");
        assert_eq!(report["to"], "v1.36.4");
        report["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{} {} {}",
                    c["cluster"].as_str().unwrap(),
                    c["wave"],
                    c["status"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        upgrade("1"),
        ["biz-sh 1 failed", "biz-bj 2 skipped", "global 3 skipped"]
    );
    assert_eq!(
        upgrade("2"),
        ["biz-sh 1 failed", "biz-bj 1 failed", "global 2 skipped"]
    );
    // Without --to the clusters' versions may differ: refused.
    let out = tcs()
        .args(["cluster", "upgrade", "--all", "--yes", "-f"])
        .arg(&inv)
        .arg("--state-dir")
        .arg(state.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("a fleet upgrade needs --to"));
}
