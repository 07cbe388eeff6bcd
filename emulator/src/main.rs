//! `ucaas-emulator`: a local server that behaves like the documented EnableX UCaaS API v1.
//!
//! See `emulator/README.md` for the flags, the seed accounts and the control API. The program is
//! the library's (`src/lib.rs`), so that tests and fuzz targets reach the application too.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    ucaas_emulator::main(std::env::args().skip(1))
}
