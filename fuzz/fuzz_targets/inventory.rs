//! The inventory validator on any text: diagnostics, never a panic or a hang.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let validated = tcs::inventory::validate::validate_str(
        text,
        Path::new("inventory.yaml"),
        Path::new("/nonexistent"),
    );
    // Rendering the diagnostics walks the source positions they point at.
    for d in &validated.report.diagnostics {
        let _ = d.to_string();
    }
});
