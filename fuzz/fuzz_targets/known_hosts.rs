//! known_hosts files: parsing, host matching (patterns, negation, hashed names) and the
//! verdict for a key.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tcs::ssh::known_hosts::KnownHosts;

static KEY: LazyLock<russh::keys::PublicKey> = LazyLock::new(|| {
    russh::keys::PublicKey::from_openssh(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
    )
    .unwrap()
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let kh = KnownHosts::parse(Path::new("known_hosts"), text);
    for (host, port) in [("10.0.0.1", 22), ("g1.example.com", 2222), ("[::1]", 22)] {
        let _ = kh.check(host, port, &KEY);
        let _ = kh.algorithms_for(host, port);
    }
});
