//! `ucaas-emulator` as a library: the binary's whole program ([`main`]), and [`Emulator`], the
//! application without a socket, for the fuzz target that calls its router directly
//! (`tower::ServiceExt::oneshot`; fuzz/src/emulator_router.rs).
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

use axum::body::Body;
use axum::http::{Request, Response};
use std::process::ExitCode;
use tower::ServiceExt;

/// The emulator's program: parses `args` (without the program name), serves until a signal.
pub fn main(args: impl IntoIterator<Item = String>) -> ExitCode {
    let cfg = match config::Config::from_args(args) {
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

/// The application with the built-in seed, answered without a socket.
pub struct Emulator {
    app: state::App,
    router: axum::Router,
}

impl Emulator {
    /// A fresh emulator (the built-in seed); `control`: whether it serves `/__emulator/`.
    pub fn new(control: bool) -> Self {
        let cfg = config::Config { control, ..config::Config::default() };
        let app = state::Inner::load(cfg).expect("the built-in seed loads");
        Emulator { router: app::router(app.clone()), app }
    }

    /// Back to the built-in seed, as `POST /__emulator/reset` does: data, tokens, clock, faults,
    /// request log, uploads. Much cheaper than a new emulator (the router is kept), so the fuzz
    /// target shares one across its inputs.
    pub fn reset(&self) {
        self.app.reset();
    }

    /// One request through the whole router (CORS, faults, logging, the panic layers).
    pub async fn call(&self, req: Request<Body>) -> Response<Body> {
        match self.router.clone().oneshot(req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        }
    }

    /// The data and the live login tokens, as text: equal before and after a request that
    /// changed nothing.
    pub fn state(&self) -> String {
        let data = serde_json::to_string(&*self.app.read()).unwrap_or_default();
        let mut tokens: Vec<String> = self.app.tokens.read().map(|t| t.keys().cloned().collect()).unwrap_or_default();
        tokens.sort();
        format!("{data}\n{tokens:?}")
    }
}
