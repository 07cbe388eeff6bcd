//! A typed client for the EnableX UCaaS (video meeting) REST API v1, for browsers, Web Workers,
//! Node and Cloudflare Workers through WebAssembly.
//!
//! The JavaScript class `UcaasClient` lives in `wasm` (built for `wasm32` only). Everything it
//! does before and after `fetch` is plain Rust here, tested natively:
//! - [`api`]: one module per API area; each call is a validated [`api::Request`] value, each
//!   answer a typed, tolerant decode;
//! - [`session`]: the `Session` type JavaScript sees (the session rules are `js/session.js`);
//! - [`Error`]: the one error type, with a [`ErrorKind`] and the API's codes;
//! - `client` (feature `client`): the API for Rust callers, `Client<T: Transport>`, async, with
//!   the same methods, rules and answers (feature `reqwest`: its native transport).
//!
//! ```
//! use ucaas_client::api::meetings;
//! let req = meetings::get("m-1").unwrap();
//! assert_eq!(req.path_and_query(), "/meetings/m-1");
//! ```
#![deny(missing_docs)]

pub mod api;
#[cfg(feature = "client")]
pub mod client;
mod error;
pub mod loose;
pub mod session;
pub mod shape;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind};
pub use loose::Loose;
