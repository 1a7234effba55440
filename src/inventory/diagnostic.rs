//! Problems found in an inventory, each with its place in the file and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source::{FieldPath, Position};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The inventory cannot be used.
    Error,
    /// The inventory can be used, but probably not as intended.
    Warning,
}

/// What kind of problem: a stable name that scripts and tests can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// The file is not valid YAML.
    Syntax,
    /// The file holds more than one YAML document.
    MultipleDocuments,
    /// A field that the inventory format does not have.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong type (a number where text is expected, ...).
    WrongType,
    /// A value outside its allowed set or range.
    InvalidValue,
    /// A host, cluster or inventory name that is not a valid DNS name.
    InvalidName,
    /// A Kubernetes label key or value that Kubernetes would reject.
    InvalidLabel,
    /// An address that is not an IP (or DNS name where one is allowed).
    InvalidAddress,
    /// Two hosts with the same name.
    DuplicateHostName,
    /// Two hosts with the same address.
    DuplicateAddress,
    /// Two clusters with the same name.
    DuplicateClusterName,
    /// A host listed twice in one list.
    DuplicateEntry,
    /// A host used by two clusters.
    HostInTwoClusters,
    /// A host that no cluster uses.
    HostInNoCluster,
    /// A cluster names a host that `spec.hosts` does not define.
    UnknownHost,
    /// No cluster has `role: global`.
    NoGlobalCluster,
    /// More than one cluster has `role: global`.
    SeveralGlobalClusters,
    /// A cluster without control-plane hosts.
    NoControlPlane,
    /// Several control-plane hosts but no endpoint in front of them.
    MissingEndpoint,
    /// An even number of etcd members (no gain in fault tolerance).
    EvenEtcdMembers,
    /// An etcd member that belongs to another cluster.
    EtcdHostOutsideCluster,
    /// A CIDR that does not parse or is not a network address.
    InvalidCidr,
    /// Pod, service and host networks of one cluster overlap.
    OverlappingCidr,
    /// Networks of two clusters overlap.
    OverlappingClusterCidr,
    /// The VIP is also a host's address.
    VipIsHostAddress,
    /// The VIP is not on the control-plane hosts' subnet.
    VipOutsideSubnet,
    /// A Kubernetes version string tcs cannot install.
    UnsupportedKubernetesVersion,
    /// An SSH identity file that does not exist.
    IdentityFileMissing,
    /// An SSH identity file readable by other users.
    IdentityFilePermissions,
    /// Federation settings on the global cluster.
    FederationOnGlobal,
    /// Fleet settings on a business cluster.
    FleetOnBusiness,
    /// The bundle path does not exist (yet).
    BundleMissing,
}

impl DiagnosticKind {
    /// The kebab-case name shown to users.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// One problem at one place.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kind name.
    pub kind: DiagnosticKind,
    /// The inventory file.
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// Field path, e.g. `spec.clusters[0].controlPlane.hosts[2]`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// The compiler-like form people know: `file:line:col: error[kind] path: message`, then the
/// hint; coloured where the terminal takes colours.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => console::style("error").red().bold(),
            Severity::Warning => console::style("warning").yellow().bold(),
        };
        write!(
            f,
            "{}:{}:{}: {severity}[{}] {}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.kind.name(),
            console::style(&self.path).bold(),
            self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, "\n  {} {}", console::style("hint:").cyan(), self.hint)?;
        }
        Ok(())
    }
}

/// Everything found in one inventory file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The inventory file.
    pub file: PathBuf,
    /// True when there is no error (warnings allowed).
    pub valid: bool,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Builds a report, sorting problems by position.
    pub fn new(file: &Path, mut diagnostics: Vec<Diagnostic>) -> Report {
        diagnostics.sort_by(|a, b| {
            (a.line, a.column, a.severity, &a.path).cmp(&(b.line, b.column, b.severity, &b.path))
        });
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Report {
            file: file.to_path_buf(),
            valid: errors == 0,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics,
        }
    }

    /// One line summing the report up.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} error{}, {} warning{}",
            self.file.display(),
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.warnings,
            if self.warnings == 1 { "" } else { "s" }
        )
    }
}

/// Every diagnostic, then `ok` or `invalid` with the counts.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let verdict = match self.valid {
            true => console::style("ok").green().bold(),
            false => console::style("invalid").red().bold(),
        };
        writeln!(f, "{verdict} {}", self.summary())
    }
}

/// Collects diagnostics while validating, turning field paths into positions.
pub(crate) struct Collector<'a> {
    pub file: &'a Path,
    pub source: &'a super::source::SourceMap,
    pub out: Vec<Diagnostic>,
}

/// Whether a diagnostic points at a key (unknown field) or at a value.
#[derive(Clone, Copy)]
pub(crate) enum At {
    Key,
    Value,
}

impl Collector<'_> {
    /// Records a problem at `path`.
    pub fn push(
        &mut self,
        severity: Severity,
        kind: DiagnosticKind,
        path: &FieldPath,
        at: At,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let Position { line, column } = match at {
            At::Key => self.source.key_position(path),
            At::Value => self.source.value_position(path),
        };
        self.out.push(Diagnostic {
            severity,
            kind,
            file: self.file.to_path_buf(),
            line,
            column,
            path: path.to_string(),
            message: message.into(),
            hint: hint.into(),
        });
    }

    /// Records an error at the value of `path`.
    pub fn error(
        &mut self,
        kind: DiagnosticKind,
        path: &FieldPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, kind, path, At::Value, message, hint);
    }

    /// Records a warning at the value of `path`.
    pub fn warning(
        &mut self,
        kind: DiagnosticKind,
        path: &FieldPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Warning, kind, path, At::Value, message, hint);
    }
}
