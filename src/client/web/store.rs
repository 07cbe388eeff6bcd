//! Where a token client keeps its session envelope (`{v, token, user, expires_at}`, written and
//! judged by `js/session.js`): the three stores of the JavaScript client's `storage` option.

/// Where a token client keeps its session. The envelope and its key are the JavaScript
/// client's (`ucaas.session:<api id>`), so a page's Rust and JavaScript clients of one API id on
/// one store share a session.
///
/// A store hands `js/session.js` a Web Storage object; a write it refuses (a full quota,
/// Safari's private mode) moves the session to memory for good, as in the JavaScript client.
/// Your own store may return any JavaScript object with `getItem`, `setItem` and `removeItem`
/// (cast with `JsCast::unchecked_into`).
///
/// ```no_run
/// use ucaas_client::client::{Auth, Client, LocalStorageStore, WebTransport};
/// let client = Client::new(WebTransport::new(), "https://api.enablex.io/ucaas/v1", Auth::token("demo-app"))
///     .unwrap()
///     .with_session_store(LocalStorageStore);
/// ```
pub trait SessionStore {
    /// The storage object, or `None` to keep the session in memory (then also where the
    /// storage asked for does not exist, as in a worker, or is blocked).
    fn storage(&self) -> Option<web_sys::Storage>;

    /// What the JavaScript client calls this store: `"session"`, `"local"` or `"memory"`.
    fn mode(&self) -> &'static str;
}

/// The session in memory only: gone with the client (the JavaScript client's
/// `storage: "memory"`).
#[derive(Debug, Clone, Copy, Default)]
pub struct MemoryStore;

/// The session in the global scope's `sessionStorage`: kept across reloads of the tab, gone
/// with the tab (the default, as the JavaScript client's `storage: "session"`). Memory where
/// there is none (a worker).
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionStorageStore;

/// The session in the global scope's `localStorage`: shared by the origin's tabs, each told of
/// another's login and logout by the `storage` event (`storage: "local"`). Memory where there
/// is none (a worker).
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStorageStore;

impl SessionStore for MemoryStore {
    fn storage(&self) -> Option<web_sys::Storage> {
        None
    }

    fn mode(&self) -> &'static str {
        "memory"
    }
}

impl SessionStore for SessionStorageStore {
    fn storage(&self) -> Option<web_sys::Storage> {
        super::session::global_storage("sessionStorage")
    }

    fn mode(&self) -> &'static str {
        "session"
    }
}

impl SessionStore for LocalStorageStore {
    fn storage(&self) -> Option<web_sys::Storage> {
        super::session::global_storage("localStorage")
    }

    fn mode(&self) -> &'static str {
        "local"
    }
}
