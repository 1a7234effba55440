//! The JSON Schema of the inventory, generated from the model with schemars.
//!
//! The same schema serves editors (`tcs inventory schema`) and the structural half of
//! validation, so the two can never disagree. Two simplifications keep it readable and its
//! validation errors precise: a `null` is treated as an absent field (as serde does for
//! optional fields), so optional fields are plain types rather than `anyOf [T, null]`; and
//! enums become `enum: [...]` lists rather than `oneOf` of documented constants.

use serde_json::Value;

use super::model::Inventory;

/// The inventory's JSON Schema (draft 2020-12), generated once per process.
pub fn inventory_schema() -> &'static Value {
    static SCHEMA: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(generate)
}

fn generate() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Inventory>();
    let mut value = schema.to_value();
    simplify(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert(
            "$id".into(),
            Value::String("https://tcs.io/schemas/inventory-v1alpha1.json".into()),
        );
    }
    value
}

/// Removes `null` alternatives and turns `oneOf` lists of constants into `enum`.
fn simplify(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                simplify(child);
            }
            // type: ["string", "null"] -> type: "string"
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            // anyOf: [X, {type: null}] -> X
            if let Some(Value::Array(options)) = map.get("anyOf") {
                let rest: Vec<&Value> = options.iter().filter(|o| !is_null_type(o)).collect();
                if rest.len() == 1 && rest.len() < options.len() {
                    let keep = rest[0].clone();
                    map.remove("anyOf");
                    if let Value::Object(inner) = keep {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            // enum: [..., null] -> without null
            if let Some(Value::Array(options)) = map.get_mut("enum") {
                options.retain(|o| !o.is_null());
            }
            // oneOf: [{const: a}, {const: b}] -> enum: [a, b]
            if let Some(Value::Array(options)) = map.get("oneOf") {
                let consts: Option<Vec<Value>> = options
                    .iter()
                    .map(|o| o.get("const").filter(|c| !c.is_null()).cloned())
                    .collect();
                if let Some(consts) = consts {
                    map.remove("oneOf");
                    map.insert("type".into(), Value::String("string".into()));
                    map.insert("enum".into(), Value::Array(consts));
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(simplify),
        _ => {}
    }
}

fn is_null_type(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
        || v.get("const").is_some_and(Value::is_null)
}

/// Removes mapping entries whose value is `null`, at every depth: a `null` means "not set".
pub fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_no_null_alternatives_and_plain_enums() {
        let schema = inventory_schema();
        let text = serde_json::to_string(&schema).unwrap();
        assert!(!text.contains("\"null\""), "{text}");
        let policy = &schema["$defs"]["HostKeyPolicy"];
        assert_eq!(policy["enum"], serde_json::json!(["strict", "accept-new"]));
        assert_eq!(
            schema["$defs"]["Host"]["additionalProperties"],
            Value::Bool(false)
        );
    }
}
