//! Inventory validation: every problem at once, each with file:line:column, field path and hint.
//!
//! Three passes: YAML syntax (the parser stops at the first error, so that one is alone), then
//! structure against the JSON Schema generated from the model (unknown and missing fields, wrong
//! types, values outside their set), then meaning on whatever parts parsed (names, references,
//! networks, versions, key files). Parts that failed structurally are left out of the meaning
//! checks, and checks that need the whole picture (a host used by no cluster) are skipped when
//! a part is missing, so one mistake is never reported twice.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use ipnet::IpNet;
use serde_json::Value;

use super::diagnostic::{At, Collector, Diagnostic, DiagnosticKind as K, Report, Severity};
use super::model::{Cluster, ClusterRole, Host, Inventory};
use super::schema::{inventory_schema, strip_nulls};
use super::source::{FieldPath, Segment, SourceMap};

/// Kubernetes minor versions this release installs (1.MINOR).
pub const SUPPORTED_MINORS: std::ops::RangeInclusive<u32> = 33..=37;

/// Result of validating one inventory text.
#[derive(Debug)]
pub struct Validated {
    /// Every problem found.
    pub report: Report,
    /// The typed inventory, when there are no errors.
    pub inventory: Option<Inventory>,
}

/// Validates the inventory file at `path`.
pub fn validate_file(path: &Path) -> Validated {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let base = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            validate_str(&text, path, &base)
        }
        Err(e) => Validated {
            report: Report::new(
                path,
                vec![Diagnostic {
                    severity: Severity::Error,
                    kind: K::Syntax,
                    file: path.to_path_buf(),
                    line: 0,
                    column: 0,
                    path: String::new(),
                    message: format!("cannot read the file: {e}"),
                    hint: "check the path given with -f".into(),
                }],
            ),
            inventory: None,
        },
    }
}

/// Validates inventory `text` read from `file`; relative paths in it resolve against `base`.
pub fn validate_str(text: &str, file: &Path, base: &Path) -> Validated {
    let syntax_error = |line, column, message: String, hint: &str| Validated {
        report: Report::new(
            file,
            vec![Diagnostic {
                severity: Severity::Error,
                kind: K::Syntax,
                file: file.to_path_buf(),
                line,
                column,
                path: String::new(),
                message,
                hint: hint.into(),
            }],
        ),
        inventory: None,
    };
    let (source, document_starts) = match SourceMap::build(text) {
        Ok(built) => built,
        Err(e) => {
            return syntax_error(
                e.position.line,
                e.position.column,
                format!("invalid YAML: {}", e.message),
                "fix the YAML syntax at this place (indentation, quotes, a missing ':')",
            );
        }
    };
    let first_document: Result<Value, _> = if document_starts.len() > 1 {
        serde_saphyr::from_str_multiple(text)
            .map(|docs: Vec<Value>| docs.into_iter().next().unwrap_or_default())
    } else {
        serde_saphyr::from_str(text)
    };
    let mut value: Value = match first_document {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let message = e.without_snippet().to_string();
            let message = message.lines().next().unwrap_or_default().to_string();
            return syntax_error(
                line,
                column,
                format!("invalid YAML: {message}"),
                "each key may appear once per mapping; fix the YAML at this place",
            );
        }
    };
    strip_nulls(&mut value);

    let mut c = Collector {
        file,
        source: &source,
        out: Vec::new(),
    };
    if let Some(second) = document_starts.get(1) {
        c.out.push(Diagnostic {
            severity: Severity::Error,
            kind: K::MultipleDocuments,
            file: file.to_path_buf(),
            line: second.line,
            column: second.column,
            path: FieldPath::root().to_string(),
            message: format!(
                "the file holds {} YAML documents; an inventory is one document",
                document_starts.len()
            ),
            hint: "remove the extra '---' documents or split them into separate files".into(),
        });
    }
    let invalid = check_structure(&value, &mut c);
    let mut pruned = value.clone();
    for path in &invalid {
        remove_path(&mut pruned, path);
    }
    let parts = Parts::from_value(&pruned, &value);
    check_meaning(&parts, base, &mut c);

    let report = Report::new(file, c.out);
    let inventory = if report.valid {
        serde_json::from_value(value).ok()
    } else {
        None
    };
    Validated { report, inventory }
}

// ---------------------------------------------------------------------------------------------
// Structure: the JSON Schema.

/// Reports structural errors; returns the paths of the offending nodes, which the meaning
/// checks then treat as absent.
fn check_structure(value: &Value, c: &mut Collector<'_>) -> Vec<FieldPath> {
    let mut invalid = Vec::new();
    static VALIDATOR: std::sync::OnceLock<Result<jsonschema::Validator, String>> =
        std::sync::OnceLock::new();
    // The schema is generated from our own types; failing to compile it is a bug in tcs.
    let compiled = VALIDATOR
        .get_or_init(|| jsonschema::validator_for(inventory_schema()).map_err(|e| e.to_string()));
    let validator = match compiled {
        Ok(v) => v,
        Err(e) => {
            c.error(
                K::InvalidValue,
                &FieldPath::root(),
                format!("internal error: the inventory schema does not compile: {e}"),
                "please report this as a bug in tcs",
            );
            return invalid;
        }
    };
    for error in validator.iter_errors(value) {
        let path = json_pointer_to_path(&error.instance_path().to_string(), value);
        report_schema_error(error.kind(), &path, error.instance(), c);
        match error.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                invalid.extend(unexpected.iter().map(|k| path.key(k)));
            }
            jsonschema::error::ValidationErrorKind::Required { .. } => {}
            _ => invalid.push(path),
        }
    }
    invalid
}

/// Removes the node at `path` (a mapping entry or a sequence item, replaced by null).
fn remove_path(value: &mut Value, path: &FieldPath) {
    let Some((last, parent)) = path.0.split_last() else {
        *value = Value::Null;
        return;
    };
    let mut node = value;
    for segment in parent {
        let next = match (segment, node) {
            (Segment::Key(k), Value::Object(map)) => map.get_mut(k),
            (Segment::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return,
        }
    }
    match (last, node) {
        (Segment::Key(k), Value::Object(map)) => {
            map.remove(k);
        }
        (Segment::Index(i), Value::Array(items)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = Value::Null;
            }
        }
        _ => {}
    }
}

/// A JSON Schema `type` keyword in words: `string`, `integer or null`.
pub(crate) fn expected_types(kind: &jsonschema::error::TypeKind) -> String {
    match kind {
        jsonschema::error::TypeKind::Single(t) => t.to_string(),
        jsonschema::error::TypeKind::Multiple(ts) => ts
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn report_schema_error(
    kind: &jsonschema::error::ValidationErrorKind,
    path: &FieldPath,
    instance: &Value,
    c: &mut Collector<'_>,
) {
    use jsonschema::error::ValidationErrorKind as V;
    match kind {
        V::AdditionalProperties { unexpected } => {
            for name in unexpected {
                let field = path.key(name);
                let known = known_fields(path);
                let hint = match closest(name, &known) {
                    Some(best) => format!(
                        "did you mean '{best}'? Known fields here: {}",
                        known.join(", ")
                    ),
                    None => format!("remove it; known fields here: {}", known.join(", ")),
                };
                c.push(
                    Severity::Error,
                    K::UnknownField,
                    &field,
                    At::Key,
                    format!("unknown field '{name}'"),
                    hint,
                );
            }
        }
        V::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            c.push(
                Severity::Error,
                K::MissingField,
                &path.key(name),
                At::Key,
                format!("missing required field '{name}'"),
                format!("add '{name}:' here"),
            );
        }
        V::Type { kind } => {
            let expected = expected_types(kind);
            let found = json_type_name(instance);
            let hint = if expected == "string" && (instance.is_number() || instance.is_boolean()) {
                format!("quote the value: \"{instance}\"")
            } else {
                format!("write a {expected} here")
            };
            c.error(
                K::WrongType,
                path,
                format!("expected {expected}, found {found} ({})", short(instance)),
                hint,
            );
        }
        V::Enum { options } => {
            let allowed = options
                .as_array()
                .map(|o| {
                    o.iter()
                        .map(|v| {
                            v.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| v.to_string())
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            c.error(
                K::InvalidValue,
                path,
                format!(
                    "'{}' is not one of: {}",
                    short(instance),
                    allowed.join(", ")
                ),
                format!("use one of: {}", allowed.join(", ")),
            );
        }
        V::Constant { expected_value } => {
            let expected = expected_value.as_str().unwrap_or_default();
            c.error(
                K::InvalidValue,
                path,
                format!("must be '{expected}', found '{}'", short(instance)),
                format!("write '{expected}'"),
            );
        }
        V::Minimum { limit } | V::ExclusiveMinimum { limit } => c.error(
            K::InvalidValue,
            path,
            format!("{} is below the minimum {limit}", short(instance)),
            format!("use a value of at least {limit}"),
        ),
        V::Maximum { limit } | V::ExclusiveMaximum { limit } => c.error(
            K::InvalidValue,
            path,
            format!("{} is above the maximum {limit}", short(instance)),
            format!("use a value of at most {limit}"),
        ),
        other => c.error(
            K::InvalidValue,
            path,
            format!("invalid value: {other:?}"),
            "see `tcs inventory schema` for the allowed values",
        ),
    }
}

/// Field names the schema allows at `path` (for "did you mean" hints).
fn known_fields(path: &FieldPath) -> Vec<String> {
    let schema = inventory_schema();
    let mut node = schema;
    for segment in &path.0 {
        node = resolve_ref(schema, node);
        node = match segment {
            Segment::Key(k) => match node.get("properties").and_then(|p| p.get(k)) {
                Some(n) => n,
                None => match node.get("additionalProperties") {
                    Some(n) if n.is_object() => n,
                    _ => return Vec::new(),
                },
            },
            Segment::Index(_) => match node.get("items") {
                Some(n) => n,
                None => return Vec::new(),
            },
        };
    }
    let node = resolve_ref(schema, node);
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn resolve_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .unwrap_or(node),
        None => node,
    }
}

/// The candidate closest to `name` by edit distance, when close enough to be a typo.
fn closest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn json_pointer_to_path(pointer: &str, value: &Value) -> FieldPath {
    let mut path = FieldPath::root();
    let mut node = Some(value);
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match node {
            Some(Value::Array(items)) => {
                let i: usize = segment.parse().unwrap_or(0);
                node = items.get(i);
                path = path.index(i);
            }
            Some(Value::Object(map)) => {
                node = map.get(&segment);
                path = path.key(&segment);
            }
            _ => {
                node = None;
                path = path.key(&segment);
            }
        }
    }
    path
}

fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "mapping",
    }
}

fn short(v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Array(_) => "[...]".into(),
        Value::Object(_) => "{...}".into(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Meaning: the parts that parsed.

/// The parts of an inventory that deserialized, each with its index in the file.
struct Parts {
    metadata_name: Option<String>,
    bundle: Option<String>,
    hosts: Vec<(usize, Host)>,
    clusters: Vec<(usize, Cluster)>,
    /// Every host name the file declares, read from the raw document; `None` when some host
    /// entry has no readable name (then "unknown host" cannot be decided).
    declared_hosts: Option<Vec<String>>,
    /// Every host name any cluster refers to, read from the raw document.
    referenced_hosts: std::collections::HashSet<String>,
    /// Whether every cluster has a readable role (so "no global cluster" can be decided).
    roles_known: bool,
    /// Identity files named anywhere, with their paths.
    identity_files: Vec<(FieldPath, String)>,
}

impl Parts {
    /// Typed parts from the pruned document, cross-references from the raw one.
    fn from_value(value: &Value, raw: &Value) -> Parts {
        let spec_value = value.get("spec");
        let list = |name: &str| {
            spec_value
                .and_then(|s| s.get(name))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let hosts = parse_all(list("hosts"));
        let clusters = parse_all(list("clusters"));
        let raw_list = |name: &str| {
            raw.pointer(&format!("/spec/{name}"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let raw_hosts = raw_list("hosts");
        let raw_clusters = raw_list("clusters");
        let declared_hosts = raw_hosts
            .iter()
            .map(|h| h.get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        let mut referenced_hosts = std::collections::HashSet::new();
        for cluster in &raw_clusters {
            for list in ["/controlPlane/hosts", "/etcd/hosts", "/workers/hosts"] {
                if let Some(items) = cluster.pointer(list).and_then(Value::as_array) {
                    referenced_hosts
                        .extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                }
            }
        }
        let roles_known = raw_clusters.iter().all(|c| {
            matches!(
                c.get("role").and_then(Value::as_str),
                Some("global" | "business")
            )
        });
        let mut identity_files = Vec::new();
        let mut collect_ssh = |ssh: Option<&Value>, path: FieldPath| {
            let Some(ssh) = ssh else { return };
            if let Some(f) = ssh.get("identityFile").and_then(Value::as_str) {
                identity_files.push((path.key("identityFile"), f.to_string()));
            }
            if let Some(f) = ssh.pointer("/bastion/identityFile").and_then(Value::as_str) {
                identity_files.push((path.key("bastion").key("identityFile"), f.to_string()));
            }
        };
        collect_ssh(raw.pointer("/spec/ssh"), spec().key("ssh"));
        for (i, host) in raw_hosts.iter().enumerate() {
            collect_ssh(host.get("ssh"), host_path(i).key("ssh"));
        }
        Parts {
            metadata_name: value
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .map(str::to_string),
            bundle: spec_value
                .and_then(|s| s.get("bundle"))
                .and_then(Value::as_str)
                .map(str::to_string),
            hosts,
            clusters,
            declared_hosts,
            referenced_hosts,
            roles_known,
            identity_files,
        }
    }
}

/// Deserializes each item on its own, keeping those that parse with their index.
fn parse_all<T: serde::de::DeserializeOwned>(items: Vec<Value>) -> Vec<(usize, T)> {
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| serde_json::from_value(v).ok().map(|t| (i, t)))
        .collect()
}

fn spec() -> FieldPath {
    FieldPath::root().key("spec")
}
fn host_path(i: usize) -> FieldPath {
    spec().key("hosts").index(i)
}
fn cluster_path(i: usize) -> FieldPath {
    spec().key("clusters").index(i)
}

fn check_meaning(parts: &Parts, base: &Path, c: &mut Collector<'_>) {
    if let Some(name) = &parts.metadata_name
        && let Err(why) = dns_label(name)
    {
        c.error(
            K::InvalidName,
            &FieldPath::root().key("metadata").key("name"),
            format!("inventory name '{name}' {why}"),
            "use lower-case letters, digits and '-', e.g. prod-sh",
        );
    }
    if let Some(bundle) = &parts.bundle {
        let path = resolve_path(bundle, base);
        if !path.exists() {
            c.warning(
                K::BundleMissing,
                &spec().key("bundle"),
                format!("bundle '{}' does not exist yet", path.display()),
                "build it with `tcs bundle build` or fix the path (relative to the inventory file)",
            );
        }
    }
    check_hosts(parts, base, c);
    check_clusters(parts, c);
}

fn check_hosts(parts: &Parts, base: &Path, c: &mut Collector<'_>) {
    for (path, file) in &parts.identity_files {
        check_identity_file(file, path, base, c);
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut addresses: HashMap<String, (usize, &str)> = HashMap::new();
    for (i, host) in &parts.hosts {
        let p = host_path(*i);
        if let Err(why) = dns_subdomain(&host.name) {
            c.error(
                K::InvalidName,
                &p.key("name"),
                format!("host name '{}' {why}", host.name),
                "host names become Kubernetes node names: use lower-case letters, digits, '-' and '.'",
            );
        }
        if let Some(first) = names.insert(&host.name, *i) {
            c.error(
                K::DuplicateHostName,
                &p.key("name"),
                format!(
                    "host name '{}' is already used by spec.hosts[{first}]",
                    host.name
                ),
                "give every host a unique name",
            );
            names.insert(&host.name, first);
        }
        if host.address.parse::<IpAddr>().is_err() && dns_subdomain(&host.address).is_err() {
            c.error(
                K::InvalidAddress,
                &p.key("address"),
                format!("'{}' is neither an IP address nor a DNS name", host.address),
                "write the IP or DNS name tcs connects to over SSH",
            );
        }
        if let Some(internal) = &host.internal_address
            && internal.parse::<IpAddr>().is_err()
        {
            c.error(
                K::InvalidAddress,
                &p.key("internalAddress"),
                format!("'{internal}' is not an IP address"),
                "internalAddress is the node IP on the cluster network, e.g. 192.168.0.11",
            );
        }
        let mut own: Vec<(&str, String)> = vec![("address", normalize_address(&host.address))];
        if let Some(internal) = &host.internal_address {
            let n = normalize_address(internal);
            if n != own[0].1 {
                own.push(("internalAddress", n));
            }
        }
        for (field, addr) in own {
            if let Some((first, first_name)) = addresses.get(&addr) {
                if first != i {
                    c.error(
                        K::DuplicateAddress,
                        &p.key(field),
                        format!("address {addr} is also used by host '{first_name}' (spec.hosts[{first}])"),
                        "every host needs its own address; fix the copy-paste",
                    );
                }
            } else {
                addresses.insert(addr, (*i, &host.name));
            }
        }
        check_labels(&host.labels, &p.key("labels"), c);
    }
}

fn normalize_address(a: &str) -> String {
    a.parse::<IpAddr>()
        .map(|ip| ip.to_string())
        .unwrap_or_else(|_| a.to_ascii_lowercase())
}

fn check_identity_file(file: &str, path: &FieldPath, base: &Path, c: &mut Collector<'_>) {
    let resolved = resolve_path(file, base);
    match std::fs::metadata(&resolved) {
        Err(_) => c.error(
            K::IdentityFileMissing,
            path,
            format!("identity file '{}' does not exist", resolved.display()),
            format!(
                "create a key with `ssh-keygen -t ed25519 -f {}` or fix the path",
                resolved.display()
            ),
        ),
        Ok(meta) if !meta.is_file() => c.error(
            K::IdentityFileMissing,
            path,
            format!(
                "identity file '{}' is not a regular file",
                resolved.display()
            ),
            "point identityFile at a private key file",
        ),
        Ok(meta) => {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                c.error(
                    K::IdentityFilePermissions,
                    path,
                    format!(
                        "identity file '{}' is accessible by other users (mode {mode:04o})",
                        resolved.display()
                    ),
                    format!(
                        "run `chmod 600 {}`; OpenSSH refuses such keys too",
                        resolved.display()
                    ),
                );
            }
        }
    }
}

/// Expands `~/` and resolves relative paths against `base`.
pub fn resolve_path(file: &str, base: &Path) -> PathBuf {
    if let Some(rest) = file.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    let p = Path::new(file);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p.strip_prefix("./").unwrap_or(p))
    }
}

/// Where a host is first used: its cluster and the list entry.
#[derive(Clone)]
struct Use {
    cluster: usize,
    cluster_name: String,
    path: FieldPath,
}

fn check_clusters(parts: &Parts, c: &mut Collector<'_>) {
    let clusters_path = spec().key("clusters");
    let hosts: BTreeMap<&str, &Host> = parts
        .hosts
        .iter()
        .map(|(_, h)| (h.name.as_str(), h))
        .collect();
    let known: Option<Vec<&str>> = parts
        .declared_hosts
        .as_ref()
        .map(|names| names.iter().map(String::as_str).collect());

    let globals: Vec<&(usize, Cluster)> = parts
        .clusters
        .iter()
        .filter(|(_, cl)| cl.role == ClusterRole::Global)
        .collect();
    if parts.roles_known && globals.is_empty() {
        c.error(
            K::NoGlobalCluster,
            &clusters_path,
            "no cluster has role: global",
            "mark exactly one cluster (the management cluster) with `role: global`",
        );
    }
    for (i, _) in globals.iter().skip(1) {
        c.error(
            K::SeveralGlobalClusters,
            &cluster_path(*i).key("role"),
            format!(
                "a second global cluster; '{}' (spec.clusters[{}]) is already global",
                parts
                    .clusters
                    .iter()
                    .find(|(j, _)| *j == globals[0].0)
                    .map(|(_, cl)| cl.name.as_str())
                    .unwrap_or(""),
                globals[0].0
            ),
            "there is exactly one global cluster; make the others `role: business`",
        );
    }

    let mut cluster_names: HashMap<&str, usize> = HashMap::new();
    let mut uses: BTreeMap<String, Use> = BTreeMap::new();
    for (i, cluster) in &parts.clusters {
        let p = cluster_path(*i);
        if let Err(why) = dns_label(&cluster.name) {
            c.error(
                K::InvalidName,
                &p.key("name"),
                format!("cluster name '{}' {why}", cluster.name),
                "use lower-case letters, digits and '-', e.g. biz-sh",
            );
        }
        if let Some(first) = cluster_names.get(cluster.name.as_str()) {
            c.error(
                K::DuplicateClusterName,
                &p.key("name"),
                format!(
                    "cluster name '{}' is already used by spec.clusters[{first}]",
                    cluster.name
                ),
                "give every cluster a unique name",
            );
        } else {
            cluster_names.insert(&cluster.name, *i);
        }

        check_kubernetes(cluster, &p, c);
        check_cluster_hosts(cluster, *i, &p, &hosts, known.as_deref(), &mut uses, c);
        check_cluster_networks(cluster, &p, &hosts, c);
        if let Some(fed) = &cluster.federation {
            if cluster.role == ClusterRole::Global {
                c.error(
                    K::FederationOnGlobal,
                    &p.key("federation"),
                    "the global cluster does not join the federation as a member",
                    "move `federation:` to a business cluster or remove it",
                );
            }
            check_labels(&fed.labels, &p.key("federation").key("labels"), c);
        }
        if cluster.fleet.is_some() && cluster.role != ClusterRole::Global {
            c.error(
                K::FleetOnBusiness,
                &p.key("fleet"),
                "only the global cluster holds the fleet",
                "move `fleet:` to the global cluster or remove it",
            );
        }
    }

    {
        for (i, host) in &parts.hosts {
            if !parts.referenced_hosts.contains(&host.name) {
                c.error(
                    K::HostInNoCluster,
                    &host_path(*i).key("name"),
                    format!("host '{}' is not used by any cluster", host.name),
                    "list it under a cluster's controlPlane, etcd or workers hosts, or remove it",
                );
            }
        }
    }

    check_cross_cluster_networks(parts, c);
}

fn check_kubernetes(cluster: &Cluster, p: &FieldPath, c: &mut Collector<'_>) {
    let version = &cluster.kubernetes.version;
    let path = p.key("kubernetes").key("version");
    match parse_version(version) {
        None => c.error(
            K::UnsupportedKubernetesVersion,
            &path,
            format!("'{version}' is not a Kubernetes version"),
            format!(
                "write MAJOR.MINOR.PATCH, e.g. \"{}\"",
                super::model::DEFAULT_KUBERNETES_VERSION
            ),
        ),
        Some((major, minor, _)) if major != 1 || !SUPPORTED_MINORS.contains(&minor) => c.error(
            K::UnsupportedKubernetesVersion,
            &path,
            format!("Kubernetes {version} is not supported by this release of tcs"),
            format!(
                "use a 1.{}.x to 1.{}.x version",
                SUPPORTED_MINORS.start(),
                SUPPORTED_MINORS.end()
            ),
        ),
        Some(_) => {}
    }
}

/// Parses `1.36.4` or `v1.36.4`.
pub fn parse_version(v: &str) -> Option<(u32, u32, u32)> {
    let v = v.strip_prefix('v').unwrap_or(v);
    let mut parts = v.split('.');
    let mut next = || -> Option<u32> {
        let s = parts.next()?;
        if s.is_empty()
            || !s.chars().all(|c| c.is_ascii_digit())
            || (s.len() > 1 && s.starts_with('0'))
        {
            return None;
        }
        s.parse().ok()
    };
    let version = (next()?, next()?, next()?);
    if parts.next().is_some() {
        return None;
    }
    Some(version)
}

#[allow(clippy::too_many_arguments)]
fn check_cluster_hosts(
    cluster: &Cluster,
    index: usize,
    p: &FieldPath,
    hosts: &BTreeMap<&str, &Host>,
    known: Option<&[&str]>,
    uses: &mut BTreeMap<String, Use>,
    c: &mut Collector<'_>,
) {
    let cp_path = p.key("controlPlane").key("hosts");
    if cluster.control_plane.hosts.is_empty() {
        c.error(
            K::NoControlPlane,
            &cp_path,
            format!("cluster '{}' has no control-plane host", cluster.name),
            "list at least one host under controlPlane.hosts (three for high availability)",
        );
    }
    let etcd_path = match &cluster.etcd {
        Some(_) => p.key("etcd").key("hosts"),
        None => cp_path.clone(),
    };
    let lists: Vec<(FieldPath, &[String], bool)> = {
        let mut l = vec![(
            cp_path.clone(),
            cluster.control_plane.hosts.as_slice(),
            false,
        )];
        if cluster.etcd.is_some() {
            l.push((etcd_path.clone(), cluster.etcd_hosts(), true));
        }
        if let Some(w) = &cluster.workers {
            l.push((p.key("workers").key("hosts"), w.hosts.as_slice(), false));
        }
        l
    };
    for (list_path, names, is_etcd) in &lists {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (j, name) in names.iter().enumerate() {
            let item = list_path.index(j);
            if let Some(first) = seen.insert(name, j) {
                c.error(
                    K::DuplicateEntry,
                    &item,
                    format!("host '{name}' is listed twice here (also at [{first}])"),
                    "remove the duplicate entry",
                );
                continue;
            }
            if !hosts.contains_key(name.as_str()) {
                if let Some(known) = known.filter(|k| !k.contains(&name.as_str())) {
                    let hint = match closest(
                        name,
                        &known.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    ) {
                        Some(best) => {
                            format!("did you mean '{best}'? Hosts are defined under spec.hosts")
                        }
                        None => format!(
                            "define it under spec.hosts (known hosts: {})",
                            known.join(", ")
                        ),
                    };
                    c.error(
                        K::UnknownHost,
                        &item,
                        format!("host '{name}' is not defined in spec.hosts"),
                        hint,
                    );
                }
                continue;
            }
            match uses.get(name.as_str()) {
                Some(u) if u.cluster != index => {
                    let (kind, message) = if *is_etcd {
                        (
                            K::EtcdHostOutsideCluster,
                            format!(
                                "etcd member '{name}' belongs to cluster '{}' ({})",
                                u.cluster_name, u.path
                            ),
                        )
                    } else {
                        (
                            K::HostInTwoClusters,
                            format!(
                                "host '{name}' is already used by cluster '{}' ({})",
                                u.cluster_name, u.path
                            ),
                        )
                    };
                    c.error(
                        kind,
                        &item,
                        message,
                        "a host belongs to exactly one cluster; pick another host",
                    );
                }
                Some(_) => {}
                None => {
                    uses.insert(
                        name.clone(),
                        Use {
                            cluster: index,
                            cluster_name: cluster.name.clone(),
                            path: item.clone(),
                        },
                    );
                }
            }
        }
    }
    let etcd_count = cluster.etcd_hosts().len();
    if etcd_count > 0 && etcd_count.is_multiple_of(2) {
        c.warning(
            K::EvenEtcdMembers,
            &etcd_path,
            format!(
                "{etcd_count} etcd members tolerate no more failures than {}",
                etcd_count - 1
            ),
            "use an odd number of etcd members (1, 3 or 5)",
        );
    }
    let endpoint = cluster.control_plane.endpoint.as_ref();
    let has_endpoint = endpoint.is_some_and(|e| e.vip.is_some() || e.address.is_some());
    if cluster.control_plane.hosts.len() > 1 && !has_endpoint {
        c.error(
            K::MissingEndpoint,
            &p.key("controlPlane"),
            format!(
                "{} control-plane hosts but no endpoint in front of them",
                cluster.control_plane.hosts.len()
            ),
            "set controlPlane.endpoint.vip (a free IP on the hosts' subnet) or endpoint.address (an external load balancer)",
        );
    }
    if let Some(e) = endpoint {
        if e.vip.is_some() && e.address.is_some() {
            c.error(
                K::InvalidValue,
                &p.key("controlPlane").key("endpoint"),
                "endpoint has both vip and address",
                "use vip for a VIP tcs manages, or address for an external load balancer, not both",
            );
        }
        if let Some(addr) = &e.address
            && addr.parse::<IpAddr>().is_err()
            && dns_subdomain(addr).is_err()
        {
            c.error(
                K::InvalidAddress,
                &p.key("controlPlane").key("endpoint").key("address"),
                format!("'{addr}' is neither an IP address nor a DNS name"),
                "write the load balancer's IP or DNS name",
            );
        }
    }
}

fn check_cluster_networks(
    cluster: &Cluster,
    p: &FieldPath,
    hosts: &BTreeMap<&str, &Host>,
    c: &mut Collector<'_>,
) {
    let k = p.key("kubernetes");
    let pod = parse_cidr(&cluster.kubernetes.pod_cidr, &k.key("podCIDR"), c);
    let svc = parse_cidr(&cluster.kubernetes.service_cidr, &k.key("serviceCIDR"), c);
    if let (Some(pod), Some(svc)) = (pod, svc)
        && overlaps(&pod, &svc)
    {
        c.error(
            K::OverlappingCidr,
            &k.key("serviceCIDR"),
            format!("service network {svc} overlaps the pod network {pod}"),
            "pick disjoint ranges, e.g. podCIDR 10.244.0.0/16 and serviceCIDR 10.96.0.0/12",
        );
    }
    let nets: Vec<(&str, IpNet)> = [("podCIDR", pod), ("serviceCIDR", svc)]
        .into_iter()
        .filter_map(|(n, net)| net.map(|net| (n, net)))
        .collect();
    for name in cluster.all_hosts() {
        let Some(host) = hosts.get(name) else {
            continue;
        };
        let Ok(ip) = host.cluster_address().parse::<IpAddr>() else {
            continue;
        };
        for (field, net) in &nets {
            if net.contains(&ip) {
                c.error(
                    K::OverlappingCidr,
                    &k.key(field),
                    format!("{field} {net} contains the address {ip} of host '{name}'"),
                    "pod and service networks must not overlap the hosts' network; pick another range",
                );
            }
        }
    }

    let Some(endpoint) = &cluster.control_plane.endpoint else {
        return;
    };
    let Some(vip) = &endpoint.vip else { return };
    let vip_path = p.key("controlPlane").key("endpoint").key("vip");
    let Ok(vip_ip) = vip.parse::<IpAddr>() else {
        c.error(
            K::InvalidAddress,
            &vip_path,
            format!("VIP '{vip}' is not an IP address"),
            "the VIP is a free IP address on the control-plane hosts' subnet",
        );
        return;
    };
    for (name, host) in hosts {
        let same = [
            Some(host.address.as_str()),
            host.internal_address.as_deref(),
        ]
        .into_iter()
        .flatten()
        .any(|a| a.parse::<IpAddr>().ok() == Some(vip_ip));
        if same {
            c.error(
                K::VipIsHostAddress,
                &vip_path,
                format!("VIP {vip_ip} is the address of host '{name}'"),
                "the VIP must be a free address that no host owns",
            );
        }
    }
    for (field, net) in &nets {
        if net.contains(&vip_ip) {
            c.error(
                K::OverlappingCidr,
                &vip_path,
                format!("VIP {vip_ip} lies inside {field} {net}"),
                "pick a VIP on the hosts' subnet",
            );
        }
    }
    let cp_ips: Vec<IpAddr> = cluster
        .control_plane
        .hosts
        .iter()
        .filter_map(|n| hosts.get(n.as_str()))
        .filter_map(|h| h.cluster_address().parse().ok())
        .collect();
    if !cp_ips.is_empty() && !cp_ips.iter().any(|ip| same_subnet(ip, &vip_ip)) {
        c.warning(
            K::VipOutsideSubnet,
            &vip_path,
            format!(
                "VIP {vip_ip} is not on the control-plane hosts' subnet (assumed /24 for IPv4, /64 for IPv6)"
            ),
            "kube-vip announces the VIP with ARP on the hosts' own subnet; pick a free address there (`tcs check` verifies the real netmask)",
        );
    }
}

fn same_subnet(a: &IpAddr, b: &IpAddr) -> bool {
    let prefix = match a {
        IpAddr::V4(_) => 24,
        IpAddr::V6(_) => 64,
    };
    IpNet::new(*a, prefix)
        .map(|n| n.trunc().contains(b))
        .unwrap_or(false)
}

fn parse_cidr(text: &str, path: &FieldPath, c: &mut Collector<'_>) -> Option<IpNet> {
    match text.parse::<IpNet>() {
        Err(_) => {
            c.error(
                K::InvalidCidr,
                path,
                format!("'{text}' is not a CIDR"),
                "write a network as ADDRESS/PREFIX, e.g. 10.244.0.0/16",
            );
            None
        }
        Ok(net) if net.trunc() != net => {
            c.error(
                K::InvalidCidr,
                path,
                format!("'{text}' has host bits set"),
                format!("did you mean {}?", net.trunc()),
            );
            None
        }
        Ok(net) => Some(net),
    }
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn check_cross_cluster_networks(parts: &Parts, c: &mut Collector<'_>) {
    let mut seen: Vec<(String, &str, IpNet)> = Vec::new();
    for (i, cluster) in &parts.clusters {
        let k = cluster_path(*i).key("kubernetes");
        for (field, text) in [
            ("podCIDR", &cluster.kubernetes.pod_cidr),
            ("serviceCIDR", &cluster.kubernetes.service_cidr),
        ] {
            let Ok(net) = text.parse::<IpNet>() else {
                continue;
            };
            if net.trunc() != net {
                continue;
            }
            for (other, other_field, other_net) in &seen {
                if *other != cluster.name && overlaps(&net, other_net) {
                    c.warning(
                        K::OverlappingClusterCidr,
                        &k.key(field),
                        format!(
                            "{field} {net} overlaps {other_field} {other_net} of cluster '{other}'"
                        ),
                        "give each cluster its own ranges so that cross-cluster traffic and multi-cluster services can route",
                    );
                    break;
                }
            }
            seen.push((cluster.name.clone(), field, net));
        }
    }
}

fn check_labels(labels: &BTreeMap<String, String>, path: &FieldPath, c: &mut Collector<'_>) {
    for (key, value) in labels {
        let p = path.key(key);
        if let Err(why) = label_key(key) {
            c.push(
                Severity::Error,
                K::InvalidLabel,
                &p,
                At::Key,
                format!("label key '{key}' {why}"),
                "a label key is [prefix/]name: name up to 63 characters of letters, digits, '-', '_', '.'",
            );
        }
        if let Err(why) = label_value(value) {
            c.error(
                K::InvalidLabel,
                &p,
                format!("label value '{value}' {why}"),
                "a label value is empty or up to 63 characters of letters, digits, '-', '_', '.'",
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes name rules.

/// RFC 1123 label: what cluster and inventory names must be.
pub fn dns_label(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.len() > 63 {
        return Err(format!("is {} characters long (at most 63)", s.len()));
    }
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if !s.chars().all(ok_char) {
        return Err("may hold only lower-case letters, digits and '-'".into());
    }
    if s.starts_with('-') || s.ends_with('-') {
        return Err("must start and end with a letter or digit".into());
    }
    Ok(())
}

/// RFC 1123 subdomain: what host (node) names must be.
pub fn dns_subdomain(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.len() > 253 {
        return Err(format!("is {} characters long (at most 253)", s.len()));
    }
    for part in s.split('.') {
        dns_label(part).map_err(|why| format!("is not a DNS name: part '{part}' {why}"))?;
    }
    Ok(())
}

fn label_name(s: &str) -> Result<(), String> {
    if s.is_empty() || s.len() > 63 {
        return Err("name part must be 1 to 63 characters".into());
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !s.chars().all(ok) || !edge(s.chars().next()) || !edge(s.chars().last()) {
        return Err("has characters Kubernetes does not allow".into());
    }
    Ok(())
}

fn label_key(key: &str) -> Result<(), String> {
    match key.split_once('/') {
        Some((prefix, name)) => {
            dns_subdomain(prefix).map_err(|why| format!("has a prefix that {why}"))?;
            label_name(name)
        }
        None => label_name(key),
    }
}

fn label_value(value: &str) -> Result<(), String> {
    if value.is_empty() {
        Ok(())
    } else {
        label_name(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse() {
        assert_eq!(parse_version("1.36.4"), Some((1, 36, 4)));
        assert_eq!(parse_version("v1.33.0"), Some((1, 33, 0)));
        assert_eq!(parse_version("1.36"), None);
        assert_eq!(parse_version("1.36.4-rc.1"), None);
        assert_eq!(parse_version("01.36.4"), None);
    }

    #[test]
    fn names() {
        assert!(dns_label("biz-sh").is_ok());
        assert!(dns_label("Biz").is_err());
        assert!(dns_label("-a").is_err());
        assert!(dns_subdomain("node-1.example.com").is_ok());
        assert!(dns_subdomain("node_1").is_err());
        assert!(label_key("topology.kubernetes.io/zone").is_ok());
        assert!(label_key("bad key").is_err());
        assert!(label_value("").is_ok());
        assert!(label_value("-x").is_err());
    }

    #[test]
    fn typo_suggestions() {
        let known = vec!["address".to_string(), "internalAddress".to_string()];
        assert_eq!(closest("adress", &known), Some("address"));
        assert_eq!(closest("zzz", &known), None);
    }
}
