//! Rebuilds the crate when anything under addons/ changes (they are built into the binary
//! by include_dir, which cannot tell cargo itself on stable Rust).
fn main() {
    println!("cargo:rerun-if-changed=addons");
}
