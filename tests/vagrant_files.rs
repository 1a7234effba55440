//! The real-VM suite (tests/vagrant/) cannot run here (no VMs), so what can be checked without
//! one is: every placeholder of its templates is filled by run.sh, the inventory it writes
//! validates, its cloud-init file passes cloud-init's own schema (from Debian's package), and
//! the Vagrantfile is valid Ruby.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn vagrant(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vagrant")
        .join(file)
}

/// The `@NAME@` placeholders of a template.
fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split('@')
        .skip(1)
        .step_by(2)
        .filter(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(|p| format!("@{p}@"))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn run_sh_fills_every_placeholder_and_the_inventory_validates() {
    let run = std::fs::read_to_string(vagrant("run.sh")).unwrap();
    let template = std::fs::read_to_string(vagrant("inventory.yaml.in")).unwrap();
    let found = placeholders(&template);
    assert!(found.len() >= 8, "{found:?}");
    for p in found.iter().chain(&placeholders(
        &std::fs::read_to_string(vagrant("cloud-init.yaml.in")).unwrap(),
    )) {
        assert!(run.contains(&format!("s|{p}|")), "run.sh does not fill {p}");
    }

    // Filled as run.sh fills it, the inventory is valid (the bundle is not built: a warning).
    let work = tempfile::tempdir().unwrap();
    let key = work.path().join("id_ed25519");
    common::keygen(&key, "ed25519", "");
    std::fs::write(work.path().join("known_hosts"), "").unwrap();
    let filled = template
        .replace("@WORK@", &work.path().display().to_string())
        .replace("@K8S@", "1.36.4")
        .replace("@VIP@", "192.168.56.250")
        .replace("@LBPOOL@", "192.168.56.200-192.168.56.220")
        .replace("@G1@", "192.168.56.10")
        .replace("@B1@", "192.168.56.11")
        .replace("@B2@", "192.168.56.12")
        .replace("@B3@", "192.168.56.13");
    assert!(placeholders(&filled).is_empty(), "{filled}");
    let inv = work.path().join("inventory.yaml");
    std::fs::write(&inv, filled).unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin("tcs"))
        .env("NO_COLOR", "1")
        .args(["inventory", "validate", "-o", "json", "-f"])
        .arg(&inv)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["errors"], 0, "{report:#}");
}

#[test]
fn the_cloud_init_file_passes_cloud_inits_schema() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/testhosts/cloud-init-schema");
    let out = Command::new(script).output().unwrap();
    if !out.status.success() {
        assert!(
            !common::skips_forbidden(),
            "cloud-init's schema could not be fetched from Debian: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!(
            "\n*** SKIPPED: cloud-init's schema is not available (apt-get download cloud-init) ***\n"
        );
        return;
    }
    let schema_path = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();

    let text = std::fs::read_to_string(vagrant("cloud-init.yaml.in"))
        .unwrap()
        .replace(
            "@PUBKEY@",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ test@tcs",
        );
    assert!(
        text.starts_with("#cloud-config\n"),
        "cloud-init reads only #cloud-config files"
    );
    let config: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict enough to catch a mistake: an unknown module key is refused.
    let mut wrong = config.clone();
    wrong["users"][0]["ssh_authorised_keys"] = wrong["users"][0]["ssh_authorized_keys"].take();
    assert!(
        !validator.is_valid(&wrong),
        "a misspelt key must fail the schema"
    );
}

#[test]
fn the_vagrantfile_is_valid_ruby() {
    if Command::new("ruby").arg("--version").output().is_err() {
        assert!(
            !common::skips_forbidden(),
            "ruby is missing (scripts/test installs Debian's ruby)"
        );
        eprintln!("\n*** SKIPPED: ruby is not installed ***\n");
        return;
    }
    let out = Command::new("ruby")
        .arg("-c")
        .arg(vagrant("Vagrantfile"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Syntax OK");
}
