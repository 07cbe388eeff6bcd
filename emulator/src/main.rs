//! `ucaas-emulator`: a local server that behaves like the documented EnableX UCaaS API v1.
//!
//! See `emulator/README.md` for the flags, the seed accounts and the control API.
#![forbid(unsafe_code)]

mod app;
mod area;
mod auth;
mod clock;
mod config;
mod control;
mod cors;
mod faults;
mod files;
mod form;
mod openapi;
mod panics;
mod persist;
mod reply;
mod reqlog;
mod routes;
mod server;
mod state;
mod static_files;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cfg = match config::Config::from_args(std::env::args().skip(1)) {
        Ok(config::Parsed::Run(cfg)) => cfg,
        Ok(config::Parsed::Help) => {
            println!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("ucaas-emulator: {e}\n\n{}", config::USAGE);
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(server::run(cfg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ucaas-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
