//! The `tcs` command.

// Planning and rendering allocate many small JSON nodes; mimalloc halves that cost.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tcs::cli::main()
}
