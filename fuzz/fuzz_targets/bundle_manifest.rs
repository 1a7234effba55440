//! `bundle.yaml` of a bundle someone handed over.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = tcs::bundle::Manifest::parse(text, Path::new("bundle.yaml")) {
        for f in &m.files {
            assert!(!f.path.starts_with('/') && !f.path.split('/').any(|c| c == ".."));
        }
    }
});
