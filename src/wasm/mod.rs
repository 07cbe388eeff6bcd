//! The JavaScript side: the `UcaasClient` class, and the bindings to `js/runtime.js`, the thin
//! JavaScript layer that sends [`crate::api`] requests with `fetch` and keeps the session.
//! Everything is reached through the global scope (never `window`), so the same build runs in a
//! page, a Web Worker, Node 20 and workerd.

pub(crate) mod client;
pub(crate) mod js;
pub mod shapes;

pub use client::UcaasClient;
#[cfg(feature = "server")]
pub use client::{CpaasClient, IotumClient};

// Single-threaded wasm: no other thread can race the allocator.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without the atomics feature runs on one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
