//! Kubeconfigs: reading access (server, credentials), renaming, and merging into a user's.
#![no_main]

use libfuzzer_sys::fuzz_target;

const OURS: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://10.0.0.1:6443, certificate-authority-data: Zm9v}\nusers:\n- name: c-admin\n  user: {token: abc}\ncontexts:\n- name: c-admin@c\n  context: {cluster: c, user: c-admin}\ncurrent-context: c-admin@c\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = tcs::kubeconfig::access(text);
    let _ = tcs::kubeconfig::rename_for(text, "prod");
    let _ = tcs::kubeconfig::merge(text, OURS, true);
    let _ = tcs::kubeconfig::merge(OURS, text, false);
});
