//! `tcs fed plan`: the plan of policy, cluster and resource files, for people (one line per
//! resource) or scripts (JSON, YAML), and each member object as a file with `--output-dir`.
//!
//! The table and the JSON are written as the plan is made ([`write_plan`]): the planning
//! threads also render each resource's placement and member objects, the caller's thread puts
//! them in order, and the member objects wait in a temporary spool file, grouped by cluster,
//! until the plan is complete. Memory holds the inputs and the resources in flight, not every
//! member object (a repository of 50,000 resources for 100 clusters makes hundreds of thousands),
//! and the JSON is byte for byte what serialising the whole [`Plan`] gives.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use serde_json::Value;

use crate::fed::{Placement, Plan, PlanError, ResourcePlan};

/// Plans the policy, cluster and resource files at `paths` (files, or directories of
/// *.yaml / *.yml); namespaced objects without a namespace get `namespace`.
pub fn plan_files(paths: &[PathBuf], namespace: &str) -> anyhow::Result<Plan> {
    let inputs = crate::fed::load_files_in(&super::fleet::expand(paths)?, namespace)?;
    Ok(crate::fed::plan(&inputs))
}

/// The plan's JSON contract (`placements`, `clusters`, `errors`) for inputs that could not be
/// read: nothing placed, and one error saying where (file, document, field) when it is known.
pub fn refused_plan(error: &anyhow::Error) -> serde_json::Value {
    let mut e = serde_json::json!({ "message": format!("{error:#}") });
    if let Some(load) = error.downcast_ref::<crate::fed::LoadError>() {
        e["file"] = load.file.display().to_string().into();
        e["document"] = load.document.into();
        if let Some(field) = &load.field {
            e["field"] = field.as_str().into();
        }
    }
    serde_json::json!({ "placements": [], "clusters": {}, "errors": [e] })
}

/// Writes DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object of `plan`.
pub fn write_tree(plan: &Plan, dir: &Path) -> anyhow::Result<()> {
    for (cluster, objects) in &plan.clusters {
        for obj in objects {
            write_member(dir, cluster, obj)?;
        }
    }
    Ok(())
}

/// Writes DIR/<cluster>/<kind>_<namespace>_<name>.yaml.
fn write_member(dir: &Path, cluster: &str, obj: &Value) -> anyhow::Result<()> {
    let cdir = dir.join(cluster);
    std::fs::create_dir_all(&cdir).with_context(|| format!("cannot create {}", cdir.display()))?;
    let s = |p: &str| obj.pointer(p).and_then(Value::as_str).unwrap_or("");
    let file = cdir.join(format!(
        "{}_{}_{}.yaml",
        s("/kind"),
        s("/metadata/namespace"),
        s("/metadata/name")
    ));
    let text = serde_saphyr::to_string(obj).context("cannot render YAML")?;
    std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))
}

/// How [`write_plan`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// One line per resource as it is planned, then problems and totals.
    Table,
    /// The whole plan's JSON (`placements`, `clusters`, `errors`, `warnings`), written once
    /// the plan is complete, so a failure leaves nothing half written.
    Json,
}

/// What [`write_plan`] planned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Resources.
    pub resources: usize,
    /// Member objects.
    pub objects: usize,
    /// Clusters that get at least one.
    pub clusters: usize,
    /// Problems.
    pub errors: usize,
}

/// Plans the files at `paths` and writes the plan to `out` as `format` says, and with
/// `output_dir` each member object as a file, without holding the member objects.
pub fn write_plan(
    paths: &[PathBuf],
    namespace: &str,
    format: PlanFormat,
    output_dir: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<Written> {
    let started = std::time::Instant::now();
    let inputs = crate::fed::load_files_in(&super::fleet::expand(paths)?, namespace)?;
    let loaded = started.elapsed();
    let json = format == PlanFormat::Json;
    // Run on the planning threads: the resource's text, and its files.
    let render = |one: ResourcePlan| -> anyhow::Result<Rendered> {
        if let Some(dir) = output_dir {
            for (cluster, obj) in &one.objects {
                write_member(dir, cluster, obj)?;
            }
        }
        let placement = match json {
            true => element(&one.placement, 2)?,
            false => placement_line(&one.placement).into_bytes(),
        };
        let objects = one
            .objects
            .iter()
            .map(|(cluster, obj)| {
                Ok((
                    cluster.clone(),
                    if json { element(obj, 3)? } else { Vec::new() },
                ))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Rendered {
            placement,
            resource: one.placement,
            objects,
            errors: one.errors,
            renamed: one.renamed,
            warning: one.warning,
        })
    };
    let mut spool = Spool::new()?;
    let placements = spool.stream();
    let mut clusters: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut warnings = inputs.warnings.clone();
    let mut renamed = false;
    let mut written = Written::default();
    let mut gaps = crate::fed::NamespaceGaps::default();
    crate::fed::plan_each(&inputs, render, |made| {
        let made = made?;
        gaps.observe(&made.resource);
        written.resources += 1;
        written.objects += made.objects.len();
        renamed |= made.renamed;
        errors.extend(made.errors);
        warnings.extend(made.warning);
        match json {
            true => spool.push(placements, &made.placement)?,
            false => out.write_all(&made.placement)?,
        }
        for (cluster, text) in made.objects {
            let stream = *clusters.entry(cluster).or_insert_with(|| spool.stream());
            if json {
                spool.push(stream, &text)?;
            }
        }
        anyhow::Ok(())
    })?;
    warnings.extend(gaps.warnings());
    written.clusters = clusters.len();
    written.errors = errors.len();
    let planned = started.elapsed();
    tracing::info!(
        resources = written.resources,
        objects = written.objects,
        "fed plan: inputs loaded in {:.2} s, planned and rendered in {:.2} s",
        loaded.as_secs_f64(),
        (planned - loaded).as_secs_f64()
    );
    if !json {
        out.write_all(plan_tail(&errors, &warnings, &written).as_bytes())?;
        out.flush()?;
        return Ok(written);
    }
    out.write_all(b"{\n  \"placements\": ")?;
    spool.write_array(placements, 1, None, out)?;
    out.write_all(b",\n  \"clusters\": ")?;
    if clusters.is_empty() {
        out.write_all(b"{}")?;
    }
    // Template order is the clusters' order unless an override renamed an object.
    let order = renamed.then_some(crate::fed::object_key as KeyOf);
    for (i, (name, stream)) in clusters.iter().enumerate() {
        out.write_all(if i == 0 { b"{\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b": ")?;
        spool.write_array(*stream, 2, order, out)?;
        if i + 1 == clusters.len() {
            out.write_all(b"\n  }")?;
        }
    }
    out.write_all(b",\n  \"errors\": ")?;
    out.write_all(&nested(&errors, 1)?)?;
    if !warnings.is_empty() {
        out.write_all(b",\n  \"warnings\": ")?;
        out.write_all(&nested(&warnings, 1)?)?;
    }
    out.write_all(b"\n}\n")?;
    out.flush()?;
    tracing::info!(
        "fed plan: JSON written in {:.2} s",
        (started.elapsed() - planned).as_secs_f64()
    );
    Ok(written)
}

/// A resource's plan as text.
struct Rendered {
    placement: Vec<u8>,
    /// Where the resource goes (for the namespace check, which needs every placement).
    resource: Placement,
    objects: Vec<(String, Vec<u8>)>,
    errors: Vec<PlanError>,
    renamed: bool,
    warning: Option<String>,
}

type KeyOf = for<'a> fn(&'a Value) -> (&'a str, &'a str, &'a str, &'a str);

/// `value` pretty-printed as an element of an array `depth` levels deep (every line indented).
fn element(value: &impl Serialize, depth: usize) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(1024);
    out.resize(2 * depth, b' ');
    let formatter = Nested {
        indent: depth,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    Ok(out)
}

/// serde_json's pretty layout (two spaces a level) starting `indent` levels deep, so that an
/// element rendered on its own is byte for byte what it is inside the whole plan.
struct Nested {
    indent: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: [u8; 64] = [b' '; 64];
        w.write_all(b"\n")?;
        let mut n = 2 * self.indent;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own unless the container is empty.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an element or a key: a comma after the first, then a new line.
    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

type Io = std::io::Result<()>;

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> Io {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> Io {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> Io {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> Io {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> Io {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> Io {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> Io {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> Io {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> Io {
        self.has_value = true;
        Ok(())
    }
}

/// `value` pretty-printed as the value of a key `depth` levels deep (its first line follows
/// the key).
fn nested(value: &impl Serialize, depth: usize) -> serde_json::Result<Vec<u8>> {
    let mut out = element(value, depth)?;
    out.drain(..2 * depth);
    Ok(out)
}

/// Elements waiting for the end of the plan: per stream (the placements, each cluster) a
/// buffer in memory, written to one unlinked temporary file in blocks as it fills.
struct Spool {
    file: std::fs::File,
    end: u64,
    streams: Vec<Stream>,
}

#[derive(Default)]
struct Stream {
    buffer: Vec<u8>,
    /// Blocks already in the file: offset and length.
    blocks: Vec<(u64, usize)>,
    /// Each element's length, in order.
    lengths: Vec<usize>,
}

const BLOCK: usize = 64 * 1024;

impl Spool {
    fn new() -> anyhow::Result<Spool> {
        let file = tempfile::tempfile().context("cannot create a temporary file for the plan")?;
        Ok(Spool {
            file,
            end: 0,
            streams: Vec::new(),
        })
    }

    /// A new, empty stream.
    fn stream(&mut self) -> usize {
        self.streams.push(Stream::default());
        self.streams.len() - 1
    }

    fn push(&mut self, stream: usize, element: &[u8]) -> std::io::Result<()> {
        let s = &mut self.streams[stream];
        s.lengths.push(element.len());
        s.buffer.extend_from_slice(element);
        if s.buffer.len() >= BLOCK {
            self.file.write_all_at(&s.buffer, self.end)?;
            s.blocks.push((self.end, s.buffer.len()));
            self.end += s.buffer.len() as u64;
            s.buffer.clear();
        }
        Ok(())
    }

    /// A stream's bytes, read back.
    fn read(&self, stream: usize) -> std::io::Result<Vec<u8>> {
        let s = &self.streams[stream];
        let total = s.blocks.iter().map(|(_, n)| n).sum::<usize>() + s.buffer.len();
        let mut bytes = vec![0; total];
        let mut at = 0;
        for &(offset, n) in &s.blocks {
            self.file.read_exact_at(&mut bytes[at..at + n], offset)?;
            at += n;
        }
        bytes[at..].copy_from_slice(&s.buffer);
        Ok(bytes)
    }

    /// Writes a stream as a JSON array `depth` levels deep, its elements sorted (stably) by
    /// `order` when given.
    fn write_array(
        &self,
        stream: usize,
        depth: usize,
        order: Option<KeyOf>,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let s = &self.streams[stream];
        if s.lengths.is_empty() {
            out.write_all(b"[]")?;
            return Ok(());
        }
        let bytes = self.read(stream)?;
        let mut elements: Vec<&[u8]> = Vec::with_capacity(s.lengths.len());
        let mut at = 0;
        for &n in &s.lengths {
            elements.push(&bytes[at..at + n]);
            at += n;
        }
        if let Some(key_of) = order {
            let values = elements
                .iter()
                .map(|e| serde_json::from_slice::<Value>(e))
                .collect::<Result<Vec<_>, _>>()?;
            let mut sorted: Vec<usize> = (0..elements.len()).collect();
            sorted.sort_by(|&a, &b| key_of(&values[a]).cmp(&key_of(&values[b])));
            elements = sorted.into_iter().map(|i| elements[i]).collect();
        }
        out.write_all(b"[\n")?;
        for (i, e) in elements.iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(e)?;
        }
        out.write_all(b"\n")?;
        out.write_all(&vec![b' '; 2 * depth])?;
        out.write_all(b"]")?;
        Ok(())
    }
}

/// One resource for people: what, claimed by which policy, to which clusters.
fn placement_line(p: &Placement) -> String {
    let r = &p.resource;
    let name = match &r.namespace {
        Some(ns) => format!("{ns}/{}", r.name),
        None => r.name.clone(),
    };
    let policy = match &p.policy {
        Some(pol) => match &pol.namespace {
            Some(ns) => format!("{} {ns}/{}", pol.kind, pol.name),
            None => format!("{} {}", pol.kind, pol.name),
        },
        None => console::style("no policy").dim().to_string(),
    };
    let targets: Vec<String> = p
        .clusters
        .iter()
        .map(|c| match c.replicas {
            Some(n) => format!("{}({n})", c.name),
            None => c.name.clone(),
        })
        .collect();
    format!(
        "{} {} {name}  <- {policy}  -> {}\n",
        r.api_version,
        r.kind,
        if targets.is_empty() {
            "-".to_string()
        } else {
            targets.join(" ")
        }
    )
}

/// After the resources, for people: errors, warnings, totals.
fn plan_tail(errors: &[PlanError], warnings: &[String], written: &Written) -> String {
    let mut text = String::new();
    for e in errors {
        let r = &e.resource;
        text.push_str(&format!(
            "{} {} {}{}: {}\n",
            console::style("error:").red().bold(),
            r.kind,
            r.name,
            e.cluster
                .as_ref()
                .map(|c| format!(" in {c}"))
                .unwrap_or_default(),
            e.message
        ));
    }
    for w in warnings {
        text.push_str(&format!(
            "{} {w}\n",
            console::style("warning:").yellow().bold()
        ));
    }
    text.push_str(&format!(
        "{}, {} in {}, {}\n",
        crate::text::count(written.resources, "resource"),
        crate::text::count(written.objects, "member object"),
        crate::text::count(written.clusters, "cluster"),
        crate::text::count(written.errors, "error")
    ));
    text
}

/// The plan for people: one line per resource, then problems.
impl std::fmt::Display for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.placements {
            f.write_str(&placement_line(p))?;
        }
        let written = Written {
            resources: self.placements.len(),
            objects: self.clusters.values().map(Vec::len).sum(),
            clusters: self.clusters.len(),
            errors: self.errors.len(),
        };
        f.write_str(&plan_tail(&self.errors, &self.warnings, &written))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed JSON is the serialised plan, byte for byte.
    fn same_as_plan(dir: &Path) {
        let plan = plan_files(&[dir.to_path_buf()], "default").unwrap();
        let mut expected = serde_json::to_vec_pretty(&plan).unwrap();
        expected.push(b'\n');
        let mut streamed = Vec::new();
        let written = write_plan(
            &[dir.to_path_buf()],
            "default",
            PlanFormat::Json,
            None,
            &mut streamed,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(expected).unwrap()
        );
        assert_eq!(
            written.objects,
            plan.clusters.values().map(Vec::len).sum::<usize>()
        );
        let mut table = Vec::new();
        write_plan(
            &[dir.to_path_buf()],
            "default",
            PlanFormat::Table,
            None,
            &mut table,
        )
        .unwrap();
        assert_eq!(String::from_utf8(table).unwrap(), plan.to_string());
    }

    #[test]
    fn streamed_json_and_table_equal_the_whole_plan() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/federation");
        same_as_plan(&examples);
    }

    #[test]
    fn streamed_json_with_renames_errors_warnings_and_nothing_placed() {
        let dir = tempfile::tempdir().unwrap();
        // Two clusters; an override renames one Deployment so that it sorts before another.
        std::fs::write(
            dir.path().join("all.yaml"),
            r#"
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: m1, labels: {env: prod}}
---
apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata: {name: m2, labels: {env: prod}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: all, namespace: default}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
  placement: {clusterAffinity: {clusterNames: [m1, m2]}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata: {name: rename, namespace: default}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: zz}]
  overrideRules:
  - targetCluster: {clusterNames: [m1]}
    overriders:
      plaintext: [{path: /metadata/name, operator: replace, value: aa}]
  - targetCluster: {clusterNames: [m2]}
    overriders:
      plaintext: [{path: /spec/nowhere/deeper, operator: replace, value: 1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: zz}
spec: {replicas: 2, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: mm}
spec: {replicas: 1, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: unclaimed, namespace: other}
"#,
        )
        .unwrap();
        same_as_plan(dir.path());
        let plan = plan_files(&[dir.path().to_path_buf()], "default").unwrap();
        let m1: Vec<&str> = plan.clusters["m1"]
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(m1, ["aa", "mm"], "the renamed object sorts first");
        assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);

        let empty = tempfile::tempdir().unwrap();
        std::fs::write(empty.path().join("none.yaml"), "").unwrap();
        same_as_plan(empty.path());
    }
}
