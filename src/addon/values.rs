//! Addon values: layers merged in order (defaults < inventory < `--values` files < `--set`),
//! then checked against the addon's JSON Schema, with every problem named by its key and the
//! layer that set it.

use super::AddonError;
use serde_json::{Map, Value};

/// One source of values, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueLayer {
    /// Where: `inventory.yaml (clusters[biz].addons.lb.values)`, `--values x.yaml`, `--set a.b=c`.
    pub origin: String,
    /// The values (a mapping).
    pub value: Value,
}

/// Deep-merges `over` into `base`: mappings merge key by key, anything else replaces.
pub(crate) fn deep_merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => deep_merge(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

impl ValueLayer {
    /// A values file's text (`--values FILE`): a YAML mapping, checked later by
    /// [`merge_values`].
    pub fn from_file_text(origin: String, text: &str) -> Result<ValueLayer, String> {
        let value: Value = serde_saphyr::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        Ok(ValueLayer { origin, value })
    }
}

/// Parses `--set a.b.c=VALUE`: the value is read as a YAML scalar or flow collection
/// (`3`, `true`, `[a, b]`, `{k: v}`), falling back to the plain string.
pub fn parse_set(assignment: &str) -> Result<ValueLayer, String> {
    let (path, raw) = assignment
        .split_once('=')
        .ok_or_else(|| format!("--set {assignment:?}: expected KEY=VALUE (e.g. replicas=2)"))?;
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(format!(
            "--set {assignment:?}: the key is empty or has an empty segment"
        ));
    }
    let value: Value = if raw.is_empty() {
        Value::String(String::new())
    } else {
        serde_saphyr::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()))
    };
    let mut node = value;
    for key in path.rsplit('.') {
        let mut m = Map::new();
        m.insert(key.to_string(), node);
        node = Value::Object(m);
    }
    Ok(ValueLayer {
        origin: format!("--set {assignment}"),
        value: node,
    })
}

fn pointer_to_key(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

fn is_cidr(s: &str) -> bool {
    s.parse::<ipnet::IpNet>().is_ok()
}

/// MetalLB's address forms: a CIDR or `first-last`.
fn is_cidr_or_range(s: &str) -> bool {
    if is_cidr(s) {
        return true;
    }
    match s.split_once('-') {
        Some((a, b)) => match (
            a.trim().parse::<std::net::IpAddr>(),
            b.trim().parse::<std::net::IpAddr>(),
        ) {
            (Ok(a), Ok(b)) => a.is_ipv4() == b.is_ipv4() && a <= b,
            _ => false,
        },
        None => false,
    }
}

fn is_duration(s: &str) -> bool {
    // Go / Prometheus durations: 30s, 5m, 168h, 1h30m, 7d, 2w.
    let mut digits = false;
    let mut any = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            digits = true;
        } else if digits && matches!(c, 'h' | 's' | 'd' | 'w' | 'y' | 'm') {
            if c == 'm' && chars.peek() == Some(&'s') {
                chars.next();
            }
            digits = false;
            any = true;
        } else {
            return false;
        }
    }
    any && !digits
}

fn is_quantity(s: &str) -> bool {
    let num_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    num_end > 0
        && s[..num_end].parse::<f64>().is_ok()
        && matches!(
            &s[num_end..],
            "" | "m" | "k" | "M" | "G" | "T" | "P" | "E" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
        )
}

fn validator(addon: &str, schema: &Value) -> Result<jsonschema::Validator, AddonError> {
    jsonschema::options()
        .should_validate_formats(true)
        .with_format("ip", |s: &str| s.parse::<std::net::IpAddr>().is_ok())
        .with_format("cidr", is_cidr)
        .with_format("cidr-or-range", is_cidr_or_range)
        .with_format("duration", is_duration)
        .with_format("quantity", is_quantity)
        .build(schema)
        .map_err(|e| AddonError::Definition {
            addon: addon.to_string(),
            file: "addon.yaml".into(),
            message: format!("schema: {e}"),
        })
}

fn describe(kind: &jsonschema::error::ValidationErrorKind, instance: &Value, key: &str) -> String {
    use jsonschema::error::ValidationErrorKind as V;
    let at = if key.is_empty() {
        "values".to_string()
    } else {
        key.to_string()
    };
    match kind {
        V::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|u| {
                let full = if key.is_empty() {
                    u.clone()
                } else {
                    format!("{key}.{u}")
                };
                format!("{full}: unknown key")
            })
            .collect::<Vec<_>>()
            .join("; "),
        V::Type { kind } => {
            let want = crate::inventory::validate::expected_types(kind);
            format!("{at}: expected {want}, found {instance}")
        }
        V::Format { format } => {
            let what = match format.as_str() {
                "cidr" => "a CIDR (e.g. 10.0.0.0/24)",
                "cidr-or-range" => {
                    "a CIDR or an address range (e.g. 10.0.0.0/24 or 10.0.0.10-10.0.0.20)"
                }
                "duration" => "a duration (e.g. 30s, 15m, 168h)",
                "quantity" => "a Kubernetes quantity (e.g. 500m, 10Gi)",
                "ipv4" => "an IPv4 address",
                "ip" | "ipv6" => "an IP address",
                other => other,
            };
            format!("{at}: {instance} is not {what}")
        }
        V::Enum { options } => format!("{at}: {instance} is not one of {options}"),
        V::Required { property } => format!("{at}: missing required key {property}"),
        other => format!("{at}: {instance}: {}", jsonschema_message(other)),
    }
}

fn jsonschema_message(kind: &jsonschema::error::ValidationErrorKind) -> String {
    use jsonschema::error::ValidationErrorKind as V;
    match kind {
        V::Minimum { limit } => format!("below the minimum {limit}"),
        V::Maximum { limit } => format!("above the maximum {limit}"),
        V::MinItems { limit } => format!(
            "needs at least {}",
            crate::text::count(*limit as usize, "item")
        ),
        V::MinLength { limit } => format!(
            "needs at least {}",
            crate::text::count(*limit as usize, "character")
        ),
        V::Pattern { pattern } => format!("does not match {pattern}"),
        _ => "does not fit the schema".into(),
    }
}

/// The layer that last set `pointer` (or a parent of it).
fn origin_of<'a>(layers: &'a [ValueLayer], pointer: &str) -> Option<&'a str> {
    layers.iter().rev().find_map(|l| {
        let mut p = pointer.to_string();
        loop {
            if l.value.pointer(&p).is_some() && !p.is_empty() {
                return Some(l.origin.as_str());
            }
            match p.rfind('/') {
                Some(i) => p.truncate(i),
                None => return None,
            }
        }
    })
}

/// Merges the defaults and `layers` in order and checks the result against `schema`.
pub fn merge_values(
    addon: &str,
    defaults: &Value,
    schema: &Value,
    layers: &[ValueLayer],
) -> Result<Value, AddonError> {
    let mut merged = if defaults.is_null() {
        Value::Object(Map::new())
    } else {
        defaults.clone()
    };
    for l in layers {
        if !l.value.is_object() && !l.value.is_null() {
            return Err(AddonError::Values {
                addon: addon.to_string(),
                problems: vec![format!(
                    "{}: values must be a mapping, found {}",
                    l.origin, l.value
                )],
            });
        }
        deep_merge(&mut merged, &l.value);
    }
    let v = validator(addon, schema)?;
    let mut problems = Vec::new();
    for e in v.iter_errors(&merged) {
        let pointer = e.instance_path().to_string();
        let key = pointer_to_key(&pointer);
        let mut line = describe(e.kind(), e.instance(), &key);
        let probe = match e.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                unexpected
                    .first()
                    .map(|u| format!("{pointer}/{u}"))
                    .unwrap_or(pointer)
            }
            _ => pointer,
        };
        match origin_of(layers, &probe) {
            Some(o) => line.push_str(&format!(" (set by {o})")),
            None => line.push_str(" (the addon's default)"),
        }
        if !problems.contains(&line) {
            problems.push(line);
        }
    }
    if problems.is_empty() {
        Ok(merged)
    } else {
        Err(AddonError::Values {
            addon: addon.to_string(),
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({"type": "object", "additionalProperties": false, "properties": {
            "replicas": {"type": "integer", "minimum": 1},
            "retention": {"type": "string", "format": "duration"},
            "pools": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                "properties": {"name": {"type": "string"}, "addresses": {"type": "array",
                "items": {"type": "string", "format": "cidr-or-range"}}}}},
            "grafana": {"type": "object", "additionalProperties": false, "properties": {"enabled": {"type": "boolean"}, "replicas": {"type": "integer"}}}
        }})
    }

    #[test]
    fn layers_merge_in_order_and_maps_merge_deeply() {
        let defaults = json!({"replicas": 1, "grafana": {"enabled": true, "replicas": 1}});
        let layers = vec![
            ValueLayer {
                origin: "inv".into(),
                value: json!({"replicas": 2, "grafana": {"replicas": 2}}),
            },
            parse_set("grafana.enabled=false").unwrap(),
            parse_set("pools=[{name: a, addresses: [10.0.0.0/24]}]").unwrap(),
        ];
        let v = merge_values("x", &defaults, &schema(), &layers).unwrap();
        assert_eq!(
            v,
            json!({"replicas": 2, "grafana": {"enabled": false, "replicas": 2},
            "pools": [{"name": "a", "addresses": ["10.0.0.0/24"]}]})
        );
    }

    #[test]
    fn bad_values_name_the_key_the_addon_and_who_set_it() {
        let layers = vec![
            ValueLayer {
                origin: "inventory.yaml clusters[biz].addons.lb.values".into(),
                value: json!({"pools": [{"name": "a", "addresses": ["10.0.0.0/33", "10.0.0.9-10.0.0.1"]}]}),
            },
            parse_set("replicas=two").unwrap(),
            parse_set("retension=7d").unwrap(),
            parse_set("retention=soon").unwrap(),
        ];
        let e = merge_values("lb", &json!({}), &schema(), &layers).unwrap_err();
        let AddonError::Values { addon, problems } = &e else {
            panic!("{e}")
        };
        assert_eq!(addon, "lb");
        let mut problems = problems.clone();
        problems.sort();
        assert_eq!(
            problems,
            [
                "pools[0].addresses[0]: \"10.0.0.0/33\" is not a CIDR or an address range (e.g. 10.0.0.0/24 or 10.0.0.10-10.0.0.20) (set by inventory.yaml clusters[biz].addons.lb.values)",
                "pools[0].addresses[1]: \"10.0.0.9-10.0.0.1\" is not a CIDR or an address range (e.g. 10.0.0.0/24 or 10.0.0.10-10.0.0.20) (set by inventory.yaml clusters[biz].addons.lb.values)",
                "replicas: expected integer, found \"two\" (set by --set replicas=two)",
                "retension: unknown key (set by --set retension=7d)",
                "retention: \"soon\" is not a duration (e.g. 30s, 15m, 168h) (set by --set retention=soon)",
            ]
        );
        assert!(e.to_string().starts_with("addon lb: invalid values:\n  - "));
    }

    #[test]
    fn set_syntax_and_formats() {
        assert!(
            parse_set("novalue")
                .unwrap_err()
                .contains("expected KEY=VALUE")
        );
        assert!(parse_set("a..b=1").is_err());
        assert_eq!(
            parse_set("a.b=x y").unwrap().value,
            json!({"a": {"b": "x y"}})
        );
        assert_eq!(parse_set("a=").unwrap().value, json!({"a": ""}));
        assert!(
            is_duration("168h")
                && is_duration("1h30m")
                && is_duration("500ms")
                && !is_duration("7")
                && !is_duration("h")
        );
        assert!(
            is_quantity("10Gi") && is_quantity("500m") && is_quantity("2") && !is_quantity("10GB")
        );
        assert!(
            is_cidr_or_range("fd00::/120")
                && is_cidr_or_range("10.0.0.1-10.0.0.1")
                && !is_cidr_or_range("10.0.0.1-fd00::1")
        );
    }
}
