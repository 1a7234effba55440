//! The `tcs` command.

fn main() -> std::process::ExitCode {
    tcs::cli::main()
}
