//! Broken inventories, one per validation rule: each must report the exact kind, field path and
//! line; and one inventory with many problems must report them all.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tcs::inventory::{DiagnosticKind as K, Report, Severity, validate_str};

/// A valid two-cluster inventory; every case below edits it. Line numbers are on the right.
const BASE: &str = r#"apiVersion: tcs.io/v1alpha1
kind: Inventory
metadata:
  name: test
spec:
  ssh:
    user: root
    identityFile: KEYFILE
  hosts:
    - name: g1
      address: 10.0.0.11
    - name: g2
      address: 10.0.0.12
    - name: g3
      address: 10.0.0.13
    - name: b1
      address: 10.1.0.11
  clusters:
    - name: global
      role: global
      kubernetes:
        version: "1.36.4"
        podCIDR: 10.244.0.0/16
        serviceCIDR: 10.96.0.0/16
      controlPlane:
        hosts: [g1, g2, g3]
        endpoint:
          vip: 10.0.0.100
    - name: biz
      role: business
      kubernetes:
        version: "1.36.4"
        podCIDR: 10.245.0.0/16
        serviceCIDR: 10.97.0.0/16
      controlPlane:
        hosts: [b1]
      federation:
        region: sh
"#;
//  1 apiVersion            14 - name: g3            27 endpoint:
//  4 name: test            16 - name: b1            28 vip
//  8 identityFile          19 - name: global        29 - name: biz
// 10 - name: g1            22 version               30 role: business
// 12 - name: g2            23 podCIDR               32 version
// 13 address 10.0.0.12     24 serviceCIDR           33 podCIDR
//                          26 hosts: [g1, g2, g3]   36 hosts: [b1]   37 federation

struct Fixture {
    dir: tempfile::TempDir,
    key: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("id_ed25519");
    std::fs::write(&key, "not really a key").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    Fixture {
        key: key.to_string_lossy().into_owned(),
        dir,
    }
}

fn check(fx: &Fixture, text: &str) -> Report {
    let text = text.replace("KEYFILE", &fx.key);
    validate_str(&text, Path::new("inv.yaml"), fx.dir.path()).report
}

/// Replaces the first occurrence of `from` (which must exist) with `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "case edits a missing text: {from:?}");
    text.replacen(from, to, 1)
}

/// Asserts that `report` has a diagnostic of this kind, path, line and severity.
fn expect(report: &Report, severity: Severity, kind: K, path: &str, line: usize) {
    let found = report
        .diagnostics
        .iter()
        .any(|d| d.kind == kind && d.path == path && d.line == line && d.severity == severity);
    assert!(
        found,
        "expected {severity:?} {kind:?} at {path} line {line}; got:\n{}",
        report
            .diagnostics
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn error_case(from: &str, to: &str, kind: K, path: &str, line: usize) {
    let fx = fixture();
    let report = check(&fx, &edit(BASE, from, to));
    assert!(!report.valid, "{from:?} -> {to:?} should be invalid");
    expect(&report, Severity::Error, kind, path, line);
}

fn warning_case(from: &str, to: &str, kind: K, path: &str, line: usize) {
    let fx = fixture();
    let report = check(&fx, &edit(BASE, from, to));
    assert!(
        report.valid,
        "warnings alone keep an inventory valid: {report:?}"
    );
    expect(&report, Severity::Warning, kind, path, line);
}

#[test]
fn base_is_clean() {
    let fx = fixture();
    let report = check(&fx, BASE);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn yaml_syntax_error_has_its_line() {
    let fx = fixture();
    let report = check(
        &fx,
        &edit(BASE, "    - name: g2\n", "    - name: g2\n     oops: [\n"),
    );
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(d.kind, K::Syntax);
    assert!(d.line >= 13, "{d}");
}

#[test]
fn duplicate_yaml_key_is_a_syntax_error() {
    error_case(
        "      address: 10.0.0.12\n",
        "      address: 10.0.0.12\n      address: 10.0.0.19\n",
        K::Syntax,
        "",
        14,
    );
}

#[test]
fn several_documents() {
    error_case(
        "        region: sh\n",
        "        region: sh\n---\nkind: Other\n",
        K::MultipleDocuments,
        "(document)",
        39,
    );
}

#[test]
fn wrong_api_version() {
    error_case(
        "tcs.io/v1alpha1",
        "tcs.io/v2",
        K::InvalidValue,
        "apiVersion",
        1,
    );
}

#[test]
fn unknown_field_with_suggestion() {
    let fx = fixture();
    let report = check(
        &fx,
        &edit(BASE, "      address: 10.0.0.12", "      adress: 10.0.0.12"),
    );
    expect(
        &report,
        Severity::Error,
        K::UnknownField,
        "spec.hosts[1].adress",
        13,
    );
    expect(
        &report,
        Severity::Error,
        K::MissingField,
        "spec.hosts[1].address",
        12,
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.kind == K::UnknownField)
        .unwrap();
    assert!(d.hint.contains("did you mean 'address'"), "{d}");
    assert_eq!(d.column, 7);
}

#[test]
fn missing_field() {
    error_case(
        "      role: business\n",
        "",
        K::MissingField,
        "spec.clusters[1].role",
        29,
    );
}

#[test]
fn wrong_type_suggests_quoting() {
    let fx = fixture();
    let report = check(&fx, &edit(BASE, "version: \"1.36.4\"", "version: 1.36"));
    expect(
        &report,
        Severity::Error,
        K::WrongType,
        "spec.clusters[0].kubernetes.version",
        22,
    );
    assert!(report.diagnostics[0].hint.contains("quote"));
}

#[test]
fn value_outside_its_set() {
    error_case(
        "role: business",
        "role: member",
        K::InvalidValue,
        "spec.clusters[1].role",
        30,
    );
}

#[test]
fn port_out_of_range() {
    error_case(
        "    user: root\n",
        "    user: root\n    port: 0\n",
        K::InvalidValue,
        "spec.ssh.port",
        8,
    );
}

#[test]
fn duplicate_host_name() {
    error_case(
        "    - name: g2",
        "    - name: g1",
        K::DuplicateHostName,
        "spec.hosts[1].name",
        12,
    );
}

#[test]
fn invalid_host_name() {
    error_case(
        "    - name: g3",
        "    - name: G3_x",
        K::InvalidName,
        "spec.hosts[2].name",
        14,
    );
}

#[test]
fn duplicate_address() {
    error_case(
        "address: 10.0.0.12",
        "address: 10.0.0.11",
        K::DuplicateAddress,
        "spec.hosts[1].address",
        13,
    );
}

#[test]
fn host_in_two_clusters() {
    error_case(
        "hosts: [b1]",
        "hosts: [b1, g3]",
        K::HostInTwoClusters,
        "spec.clusters[1].controlPlane.hosts[1]",
        36,
    );
}

#[test]
fn host_in_no_cluster() {
    error_case(
        "  clusters:\n",
        "    - name: spare\n      address: 10.0.0.99\n  clusters:\n",
        K::HostInNoCluster,
        "spec.hosts[4].name",
        18,
    );
}

#[test]
fn unknown_host_with_suggestion() {
    let fx = fixture();
    let report = check(&fx, &edit(BASE, "[g1, g2, g3]", "[g1, g2, g4]"));
    expect(
        &report,
        Severity::Error,
        K::UnknownHost,
        "spec.clusters[0].controlPlane.hosts[2]",
        26,
    );
    expect(
        &report,
        Severity::Error,
        K::HostInNoCluster,
        "spec.hosts[2].name",
        14,
    );
}

#[test]
fn no_global_cluster() {
    error_case(
        "role: global",
        "role: business",
        K::NoGlobalCluster,
        "spec.clusters",
        19,
    );
}

#[test]
fn several_global_clusters() {
    let fx = fixture();
    let report = check(&fx, &edit(BASE, "role: business", "role: global"));
    expect(
        &report,
        Severity::Error,
        K::SeveralGlobalClusters,
        "spec.clusters[1].role",
        30,
    );
    expect(
        &report,
        Severity::Error,
        K::FederationOnGlobal,
        "spec.clusters[1].federation",
        38,
    );
}

#[test]
fn fleet_backend_belongs_to_the_global_cluster() {
    // On the global cluster it is fine, with a member's join mode.
    let fx = fixture();
    let ok = edit(
        &edit(
            BASE,
            "        region: sh\n",
            "        region: sh\n        mode: pull\n",
        ),
        "          vip: 10.0.0.100\n",
        "          vip: 10.0.0.100\n      fleet: {backend: karmada}\n",
    );
    let report = check(&fx, &ok);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    // On a business cluster it is an error naming the field.
    error_case(
        "      federation:\n        region: sh\n",
        "      fleet: {backend: karmada}\n",
        K::FleetOnBusiness,
        "spec.clusters[1].fleet",
        37,
    );
    // An unknown backend or mode is refused by the schema.
    let bad = check(&fx, &edit(&ok, "backend: karmada", "backend: kubefed"));
    assert!(!bad.valid);
    let bad = check(&fx, &edit(&ok, "mode: pull", "mode: poll"));
    assert!(!bad.valid);
}

#[test]
fn no_control_plane() {
    error_case(
        "hosts: [b1]",
        "hosts: []",
        K::NoControlPlane,
        "spec.clusters[1].controlPlane.hosts",
        36,
    );
}

#[test]
fn ha_without_endpoint() {
    error_case(
        "        endpoint:\n          vip: 10.0.0.100\n",
        "",
        K::MissingEndpoint,
        "spec.clusters[0].controlPlane",
        26,
    );
}

#[test]
fn even_etcd_members_warn() {
    warning_case(
        "    - name: biz\n",
        "      etcd:\n        hosts: [g1, g2]\n    - name: biz\n",
        K::EvenEtcdMembers,
        "spec.clusters[0].etcd.hosts",
        30,
    );
}

#[test]
fn etcd_host_of_another_cluster() {
    error_case(
        "      federation:\n",
        "      etcd:\n        hosts: [b1, g1, g2]\n      federation:\n",
        K::EtcdHostOutsideCluster,
        "spec.clusters[1].etcd.hosts[1]",
        38,
    );
}

#[test]
fn malformed_cidr() {
    error_case(
        "podCIDR: 10.244.0.0/16",
        "podCIDR: 10.244.0.0/33",
        K::InvalidCidr,
        "spec.clusters[0].kubernetes.podCIDR",
        23,
    );
}

#[test]
fn cidr_with_host_bits() {
    let fx = fixture();
    let report = check(
        &fx,
        &edit(BASE, "podCIDR: 10.244.0.0/16", "podCIDR: 10.244.1.0/16"),
    );
    expect(
        &report,
        Severity::Error,
        K::InvalidCidr,
        "spec.clusters[0].kubernetes.podCIDR",
        23,
    );
    assert!(report.diagnostics[0].hint.contains("10.244.0.0/16"));
}

#[test]
fn pod_and_service_overlap() {
    error_case(
        "serviceCIDR: 10.96.0.0/16",
        "serviceCIDR: 10.244.128.0/17",
        K::OverlappingCidr,
        "spec.clusters[0].kubernetes.serviceCIDR",
        24,
    );
}

#[test]
fn pod_network_contains_host_addresses() {
    error_case(
        "podCIDR: 10.244.0.0/16",
        "podCIDR: 10.0.0.0/16",
        K::OverlappingCidr,
        "spec.clusters[0].kubernetes.podCIDR",
        23,
    );
}

#[test]
fn clusters_overlap_warns() {
    warning_case(
        "podCIDR: 10.245.0.0/16",
        "podCIDR: 10.244.0.0/16",
        K::OverlappingClusterCidr,
        "spec.clusters[1].kubernetes.podCIDR",
        33,
    );
}

#[test]
fn vip_is_a_host_address() {
    error_case(
        "vip: 10.0.0.100",
        "vip: 10.0.0.12",
        K::VipIsHostAddress,
        "spec.clusters[0].controlPlane.endpoint.vip",
        28,
    );
}

#[test]
fn vip_outside_subnet_warns() {
    warning_case(
        "vip: 10.0.0.100",
        "vip: 10.9.0.100",
        K::VipOutsideSubnet,
        "spec.clusters[0].controlPlane.endpoint.vip",
        28,
    );
}

#[test]
fn unsupported_kubernetes_versions() {
    error_case(
        "version: \"1.36.4\"\n        podCIDR: 10.245",
        "version: \"1.19.0\"\n        podCIDR: 10.245",
        K::UnsupportedKubernetesVersion,
        "spec.clusters[1].kubernetes.version",
        32,
    );
    error_case(
        "version: \"1.36.4\"",
        "version: \"1.36\"",
        K::UnsupportedKubernetesVersion,
        "spec.clusters[0].kubernetes.version",
        22,
    );
}

#[test]
fn identity_file_missing() {
    error_case(
        "KEYFILE",
        "/nonexistent/tcs-test-key",
        K::IdentityFileMissing,
        "spec.ssh.identityFile",
        8,
    );
}

#[test]
fn identity_file_readable_by_others() {
    let fx = fixture();
    std::fs::set_permissions(&fx.key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let report = check(&fx, BASE);
    expect(
        &report,
        Severity::Error,
        K::IdentityFilePermissions,
        "spec.ssh.identityFile",
        8,
    );
    assert!(report.diagnostics[0].hint.contains("chmod 600"));
}

#[test]
fn invalid_label_key() {
    error_case(
        "      address: 10.1.0.11\n",
        "      address: 10.1.0.11\n      labels: {\"bad key\": x}\n",
        K::InvalidLabel,
        "spec.hosts[3].labels[\"bad key\"]",
        18,
    );
}

#[test]
fn many_problems_are_all_reported() {
    let fx = fixture();
    let mut text = BASE.to_string();
    for (from, to) in [
        ("      address: 10.0.0.12", "      adress: 10.0.0.12"),
        ("version: \"1.36.4\"", "version: 1.36"),
        ("[g1, g2, g3]", "[g1, g2, g4]"),
        ("vip: 10.0.0.100", "vip: 10.9.0.100"),
        ("serviceCIDR: 10.97.0.0/16", "serviceCIDR: 10.245.0.0/24"),
        ("KEYFILE", "/nonexistent/tcs-test-key"),
    ] {
        text = edit(&text, from, to);
    }
    let report = check(&fx, &text);
    expect(
        &report,
        Severity::Error,
        K::UnknownField,
        "spec.hosts[1].adress",
        13,
    );
    expect(
        &report,
        Severity::Error,
        K::MissingField,
        "spec.hosts[1].address",
        12,
    );
    expect(
        &report,
        Severity::Error,
        K::WrongType,
        "spec.clusters[0].kubernetes.version",
        22,
    );
    expect(
        &report,
        Severity::Error,
        K::UnknownHost,
        "spec.clusters[0].controlPlane.hosts[2]",
        26,
    );
    expect(
        &report,
        Severity::Error,
        K::HostInNoCluster,
        "spec.hosts[2].name",
        14,
    );
    expect(
        &report,
        Severity::Warning,
        K::VipOutsideSubnet,
        "spec.clusters[0].controlPlane.endpoint.vip",
        28,
    );
    expect(
        &report,
        Severity::Error,
        K::OverlappingCidr,
        "spec.clusters[1].kubernetes.serviceCIDR",
        34,
    );
    expect(
        &report,
        Severity::Error,
        K::IdentityFileMissing,
        "spec.ssh.identityFile",
        8,
    );
    assert_eq!(report.errors, 7, "{:#?}", report.diagnostics);
    assert_eq!(report.warnings, 1);
    // Reported in file order.
    let lines: Vec<usize> = report.diagnostics.iter().map(|d| d.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}
