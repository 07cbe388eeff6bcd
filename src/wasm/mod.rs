//! The JavaScript side: the `UcaasClient` class and the thin layer that sends [`crate::api`]
//! requests with `fetch`. Everything is reached through the global scope (never `window`), so
//! the same build runs in a page, a Web Worker, Node 20 and workerd.

mod client;
mod js;
mod state;
mod storage;
mod transport;

pub use client::UcaasClient;
