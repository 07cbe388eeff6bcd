//! The browser door (feature `web`, `wasm32` only): [`WebTransport`] over the global scope's
//! `fetch`, and a user's session ([`Auth::Token`](super::Auth::Token)): `login`, `logout`,
//! `session`, its events (`on_auth_change`), the token on every call that needs one, kept in a
//! [`SessionStore`] by the JavaScript client's own session rules (`js/session.js`, imported
//! through wasm-bindgen: one owner, docs/decisions.md "Session rules").

mod events;
mod fetch;
mod login;
mod session;
mod store;

pub use events::{AuthEvent, AuthSubscription};
pub use fetch::WebTransport;
pub(super) use session::SessionDoor;
pub use store::{LocalStorageStore, MemoryStore, SessionStorageStore, SessionStore};

/// Whether the global scope is a page (it has a `document`), where HTTP Basic would put the
/// API key in front of every visitor.
pub(super) fn in_page() -> bool {
    crate::wasm::js::get(&js_sys::global(), "document").is_some()
}
