//! Addon values: a `--values` file and `--set` lines, merged over every built-in addon's
//! defaults and checked against its schema.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tcs::addon::{Catalog, ValueLayer, merge_values, parse_set};

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::builtin().unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is a --set, the rest a values file.
    let (set, file) = text.split_once('\n').unwrap_or((text, ""));
    let mut layers = Vec::new();
    if let Ok(l) = ValueLayer::from_file_text("--values fuzz.yaml".into(), file) {
        layers.push(l);
    }
    if let Ok(l) = parse_set(set) {
        layers.push(l);
    }
    for (name, def) in &CATALOG.addons {
        let _ = merge_values(name, &def.meta.values, &def.meta.schema, &layers);
    }
});
