//! Override policies (`pkg/util/overridemanager`): which policies apply to a resource in a
//! cluster, in which order, and what each overrider does. Every step is an RFC 6902 patch
//! applied at once, so later steps see earlier results; any error fails the whole override for
//! that cluster.

use json_patch::{AddOperation, PatchOperation, RemoveOperation, ReplaceOperation};
use serde_json::Value;

use super::Template;
use super::image::Image;
use super::matching::{ImplicitPriority, cluster_matches, selectors_priority};
use super::types::{
    Cluster, CommandArgsOverrider, FieldOverrider, ImageOverrider, LabelAnnotationOverrider,
    OverridePolicy, Overriders, PlaintextOverrider, SubPatch,
};

/// Override policies that apply to `t`, in application order: every ClusterOverridePolicy, then
/// (for namespaced resources) the OverridePolicies of its namespace; each group by ascending
/// implicit priority, then name, so the most specific is applied last.
pub fn applicable<'a>(
    t: &Template,
    cluster_policies: &'a [OverridePolicy],
    namespaced_policies: &'a [OverridePolicy],
) -> Vec<(&'static str, &'a OverridePolicy)> {
    let rank = |p: &OverridePolicy| -> ImplicitPriority {
        match p.spec.resource_selectors.as_deref() {
            None | Some([]) => ImplicitPriority::MatchAll,
            Some(selectors) => selectors_priority(t, selectors),
        }
    };
    let pick = |policies: &'a [OverridePolicy]| -> Vec<&'a OverridePolicy> {
        let mut matched: Vec<(ImplicitPriority, &'a OverridePolicy)> = policies
            .iter()
            .map(|p| (rank(p), p))
            .filter(|(r, _)| *r != ImplicitPriority::MisMatch)
            .collect();
        matched.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.metadata.name.cmp(&b.1.metadata.name))
        });
        matched.into_iter().map(|(_, p)| p).collect()
    };
    let mut out: Vec<(&'static str, &'a OverridePolicy)> = pick(cluster_policies)
        .into_iter()
        .map(|p| ("ClusterOverridePolicy", p))
        .collect();
    if !t.namespace.is_empty() {
        out.extend(
            pick(namespaced_policies)
                .into_iter()
                .filter(|p| p.metadata.namespace == t.namespace)
                .map(|p| ("OverridePolicy", p)),
        );
    }
    out
}

/// The overriders of `policy` that apply in `cluster`, in spec order.
pub fn overriders_for<'a>(policy: &'a OverridePolicy, cluster: &Cluster) -> Vec<&'a Overriders> {
    let spec = &policy.spec;
    match spec.override_rules.as_deref() {
        Some(rules) if !rules.is_empty() => rules
            .iter()
            .filter(|r| {
                r.target_cluster
                    .as_ref()
                    .is_none_or(|a| cluster_matches(cluster, a))
            })
            .map(|r| &r.overriders)
            .collect(),
        _ => match &spec.overriders {
            Some(o)
                if spec
                    .target_cluster
                    .as_ref()
                    .is_none_or(|a| cluster_matches(cluster, a)) =>
            {
                vec![o]
            }
            _ => Vec::new(),
        },
    }
}

/// Applies one `overriders` block to `obj` in Karmada's fixed order.
pub fn apply_overriders(obj: &mut Value, kind: &str, o: &Overriders) -> Result<(), String> {
    for io in o.image_overrider.iter().flatten() {
        image(obj, kind, io)?;
    }
    for c in o.command_overrider.iter().flatten() {
        command_args(obj, kind, c, "command")?;
    }
    for a in o.args_overrider.iter().flatten() {
        command_args(obj, kind, a, "args")?;
    }
    for l in o.labels_overrider.iter().flatten() {
        labels_annotations(obj, l, "labels")?;
    }
    for a in o.annotations_overrider.iter().flatten() {
        labels_annotations(obj, a, "annotations")?;
    }
    for f in o.field_overrider.iter().flatten() {
        field(obj, f)?;
    }
    if let Some(p) = &o.plaintext {
        plaintext(obj, p)?;
    }
    Ok(())
}

fn pointer(path: &str) -> Result<jsonptr::PointerBuf, String> {
    jsonptr::PointerBuf::parse(path).map_err(|e| format!("invalid JSON pointer {path:?}: {e}"))
}

fn op(operator: &str, path: &str, value: Option<Value>) -> Result<PatchOperation, String> {
    let path = pointer(path)?;
    Ok(match operator {
        "add" => PatchOperation::Add(AddOperation {
            path,
            value: value.unwrap_or(Value::Null),
        }),
        "replace" => PatchOperation::Replace(ReplaceOperation {
            path,
            value: value.unwrap_or(Value::Null),
        }),
        "remove" => PatchOperation::Remove(RemoveOperation { path }),
        other => return Err(format!("unknown operator {other:?}")),
    })
}

fn patch(obj: &mut Value, ops: &[PatchOperation]) -> Result<(), String> {
    json_patch::patch(obj, ops).map_err(|e| format!("JSON patch failed: {e}"))
}

fn plaintext(obj: &mut Value, list: &[PlaintextOverrider]) -> Result<(), String> {
    let ops: Vec<PatchOperation> = list
        .iter()
        .map(|p| op(&p.operator, &p.path, p.value.clone()))
        .collect::<Result<_, _>>()?;
    patch(obj, &ops)
}

/// Where the containers of `kind` live, when the default (predicate-less) overriders handle it.
fn containers_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("/spec/containers"),
        "ReplicaSet" | "Deployment" | "DaemonSet" | "StatefulSet" | "Job" => {
            Some("/spec/template/spec/containers")
        }
        _ => None,
    }
}

/// JSON pointers of the containers the default overriders handle, in index order (none for
/// other kinds; initContainers never).
fn containers(obj: &Value, kind: &str) -> Vec<String> {
    let Some(base) = containers_path(kind) else {
        return Vec::new();
    };
    let count = obj
        .pointer(base)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    (0..count).map(|i| format!("{base}/{i}")).collect()
}

fn image(obj: &mut Value, kind: &str, io: &ImageOverrider) -> Result<(), String> {
    let value = io.value.clone().unwrap_or_default();
    let rewrite = |obj: &mut Value, path: &str| -> Result<(), String> {
        let current = obj
            .pointer(path)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("imageOverrider: {path} is not a string"))?;
        let mut img = Image::parse(current).map_err(|e| format!("imageOverrider: {e}"))?;
        img.apply(&io.component, &io.operator, &value)?;
        patch(
            obj,
            &[op("replace", path, Some(Value::String(img.render())))?],
        )
    };
    match &io.predicate {
        Some(p) => {
            if !p.path.starts_with('/') {
                return Err(format!(
                    "imageOverrider predicate path {:?} must start with '/'",
                    p.path
                ));
            }
            rewrite(obj, &p.path)
        }
        None => {
            for container in containers(obj, kind) {
                rewrite(obj, &format!("{container}/image"))?;
            }
            Ok(())
        }
    }
}

fn command_args(
    obj: &mut Value,
    kind: &str,
    c: &CommandArgsOverrider,
    field: &str,
) -> Result<(), String> {
    for container in containers(obj, kind) {
        let name = obj
            .pointer(&format!("{container}/name"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if name != c.container_name {
            continue;
        }
        let current: Vec<String> = obj
            .pointer(&format!("{container}/{field}"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let new: Vec<String> = match c.operator.as_str() {
            "add" => current.iter().chain(c.value.iter()).cloned().collect(),
            "remove" => current
                .into_iter()
                .filter(|v| !c.value.contains(v))
                .collect(),
            // Rejected by Karmada's enum; the engine leaves the list alone.
            _ => continue,
        };
        patch(
            obj,
            &[op(
                "add",
                &format!("{container}/{field}"),
                Some(serde_json::json!(new)),
            )?],
        )?;
    }
    Ok(())
}

fn labels_annotations(
    obj: &mut Value,
    o: &LabelAnnotationOverrider,
    field: &str,
) -> Result<(), String> {
    let map_path = format!("/metadata/{field}");
    let exists = |obj: &Value, key: &str| obj.pointer(&map_path).and_then(|m| m.get(key)).is_some();
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    let mut ops = Vec::new();
    match o.operator.as_str() {
        "add" => {
            if obj.pointer(&map_path).is_none_or(Value::is_null) {
                ops.push(op("add", &map_path, Some(serde_json::json!({})))?);
            }
            for (k, v) in &o.value {
                ops.push(op(
                    "add",
                    &format!("{map_path}/{}", escape(k)),
                    Some(Value::String(v.clone())),
                )?);
            }
        }
        "replace" => {
            for (k, v) in &o.value {
                if exists(obj, k) {
                    ops.push(op(
                        "replace",
                        &format!("{map_path}/{}", escape(k)),
                        Some(Value::String(v.clone())),
                    )?);
                }
            }
        }
        "remove" => {
            for k in o.value.keys() {
                if exists(obj, k) {
                    ops.push(op("remove", &format!("{map_path}/{}", escape(k)), None)?);
                }
            }
        }
        other => return Err(format!("unknown {field}Overrider operator {other:?}")),
    }
    patch(obj, &ops)
}

fn sub_patches(list: &[SubPatch]) -> Result<Vec<PatchOperation>, String> {
    list.iter()
        .map(|s| op(&s.operator, &s.sub_path, s.value.clone()))
        .collect()
}

fn field(obj: &mut Value, f: &FieldOverrider) -> Result<(), String> {
    let text = obj
        .pointer(&f.field_path)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("fieldOverrider: {} is not a string", f.field_path))?
        .to_string();
    let new = match (f.yaml.as_deref(), f.json.as_deref()) {
        (Some(yaml), _) if !yaml.is_empty() => {
            let mut doc: Value = serde_saphyr::from_str(&text)
                .map_err(|e| format!("fieldOverrider: {} is not YAML: {e}", f.field_path))?;
            patch(&mut doc, &sub_patches(yaml)?)?;
            // sigs.k8s.io/yaml writes keys sorted, two-space indentation.
            serde_saphyr::to_string(&sort_keys(doc)).map_err(|e| e.to_string())?
        }
        (_, Some(json)) if !json.is_empty() => {
            let mut doc: Value = serde_json::from_str(&text)
                .map_err(|e| format!("fieldOverrider: {} is not JSON: {e}", f.field_path))?;
            patch(&mut doc, &sub_patches(json)?)?;
            serde_json::to_string(&doc).map_err(|e| e.to_string())?
        }
        _ => return Ok(()),
    };
    patch(
        obj,
        &[op("replace", &f.field_path, Some(Value::String(new)))?],
    )
}

fn sort_keys(v: Value) -> Value {
    match v {
        // serde_json's Map is a BTreeMap here (no preserve_order), so keys come out sorted.
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, sort_keys(v))).collect()),
        Value::Array(a) => Value::Array(a.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
            "spec": {"replicas": 2, "template": {"spec": {
                "initContainers": [{"name": "init", "image": "busybox:1.36"}],
                "containers": [
                    {"name": "nginx", "image": "nginx:1.25", "args": ["-g", "daemon off;"]},
                    {"name": "sidecar", "image": "docker.io/library/envoy:v1"}
                ]
            }}}
        })
    }

    fn overriders(v: Value) -> Overriders {
        serde_json::from_value(v).unwrap()
    }

    // Karmada docs "Override Policy" examples (docs/userguide/cicd/.. and concepts/override-policy).
    #[test]
    fn image_registry_on_every_container_but_not_init_containers() {
        let mut d = deployment();
        apply_overriders(
            &mut d,
            "Deployment",
            &overriders(json!({"imageOverrider": [
                {"component": "Registry", "operator": "replace", "value": "registry.sh.example.com"}
            ]})),
        )
        .unwrap();
        assert_eq!(
            d.pointer("/spec/template/spec/containers/0/image").unwrap(),
            "registry.sh.example.com/nginx:1.25"
        );
        assert_eq!(
            d.pointer("/spec/template/spec/containers/1/image").unwrap(),
            "registry.sh.example.com/library/envoy:v1"
        );
        assert_eq!(
            d.pointer("/spec/template/spec/initContainers/0/image")
                .unwrap(),
            "busybox:1.36"
        );
    }

    #[test]
    fn image_with_predicate_and_unknown_kinds() {
        let mut d = deployment();
        apply_overriders(&mut d, "Deployment", &overriders(json!({"imageOverrider": [
            {"predicate": {"path": "/spec/template/spec/initContainers/0/image"}, "component": "Tag", "operator": "replace", "value": "1.37"}
        ]})))
        .unwrap();
        assert_eq!(
            d.pointer("/spec/template/spec/initContainers/0/image")
                .unwrap(),
            "busybox:1.37"
        );
        let mut cron = json!({"kind": "CronJob", "spec": {"jobTemplate": {}}});
        let before = cron.clone();
        apply_overriders(&mut cron, "CronJob", &overriders(json!({"imageOverrider": [{"component": "Tag", "operator": "replace", "value": "x"}]}))).unwrap();
        assert_eq!(cron, before, "CronJob is not handled without a predicate");
    }

    #[test]
    fn command_args_labels_annotations() {
        let mut d = deployment();
        apply_overriders(&mut d, "Deployment", &overriders(json!({
            "commandOverrider": [{"containerName": "sidecar", "operator": "add", "value": ["envoy", "-c"]}],
            "argsOverrider": [{"containerName": "nginx", "operator": "remove", "value": ["-g"]}],
            "labelsOverrider": [{"operator": "add", "value": {"region": "sh"}}, {"operator": "replace", "value": {"missing": "x", "app": "web"}}],
            "annotationsOverrider": [{"operator": "add", "value": {"example.com/owner": "team-a"}}, {"operator": "remove", "value": {"nope": ""}}]
        })))
        .unwrap();
        assert_eq!(
            d.pointer("/spec/template/spec/containers/1/command")
                .unwrap(),
            &json!(["envoy", "-c"])
        );
        assert_eq!(
            d.pointer("/spec/template/spec/containers/0/args").unwrap(),
            &json!(["daemon off;"])
        );
        assert_eq!(
            d["metadata"]["labels"],
            json!({"app": "web", "region": "sh"}),
            "replace skips missing keys"
        );
        assert_eq!(
            d["metadata"]["annotations"],
            json!({"example.com/owner": "team-a"})
        );
    }

    #[test]
    fn plaintext_follows_rfc6902() {
        let mut d = deployment();
        apply_overriders(
            &mut d,
            "Deployment",
            &overriders(json!({"plaintext": [
                {"path": "/spec/replicas", "operator": "replace", "value": 5},
                {"path": "/metadata/labels/tier", "operator": "add", "value": "web"}
            ]})),
        )
        .unwrap();
        assert_eq!(d["spec"]["replicas"], 5);
        let err = apply_overriders(
            &mut d,
            "Deployment",
            &overriders(json!({"plaintext": [
                {"path": "/metadata/annotations/x", "operator": "add", "value": "1"}
            ]})),
        )
        .unwrap_err();
        assert!(
            err.contains("JSON patch failed"),
            "no auto-created parents: {err}"
        );
    }

    // The example of the research brief §2.6 (from Karmada's fieldoverrider tests).
    #[test]
    fn field_overrider_yaml_and_json() {
        let mut cm = json!({"kind": "ConfigMap", "data": {"config.yaml": "\nkey: \n  key1: value\n", "c.json": "{\"a\": {\"b\": 1}}"}});
        apply_overriders(&mut cm, "ConfigMap", &overriders(json!({"fieldOverrider": [
            {"fieldPath": "/data/config.yaml", "yaml": [{"subPath": "/key/key1", "operator": "replace", "value": "updated_value"}]},
            {"fieldPath": "/data/c.json", "json": [{"subPath": "/a/b", "operator": "replace", "value": 2}]}
        ]})))
        .unwrap();
        assert_eq!(cm["data"]["config.yaml"], "key:\n  key1: updated_value\n");
        assert_eq!(cm["data"]["c.json"], "{\"a\":{\"b\":2}}");
    }
}
