//! The federation loader (clusters, policies, bindings, resources) and the planner on what it
//! accepts.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut inputs = tcs::fed::Inputs::default();
    if tcs::fed::load_str(text, Path::new("fed.yaml"), &mut inputs).is_err() {
        return;
    }
    let plan = tcs::fed::plan(&inputs);
    let _ = serde_json::to_vec(&plan);
});
