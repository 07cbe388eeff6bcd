//! The session of a token client: `SessionKeeper` and `Store` of `js/session.js` (the one owner
//! of the session rules: no Rust copy), reached through wasm-bindgen, on the JavaScript client's
//! platform (`globalPlatform` of js/runtime.js: the global scope's clock, timers and storage).

use super::events::Listeners;
use super::store::SessionStore;
use crate::api::auth::User;
use crate::error::{Error, ErrorKind};
use crate::session::Session;
use crate::shape::Shaped;
use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/session.js")]
extern "C" {
    /// One client's session (js/session.js).
    #[derive(Clone)]
    pub(super) type SessionKeeper;

    #[wasm_bindgen(constructor)]
    fn new(
        store: &Store,
        ttl_seconds: f64,
        decode_user: &JsValue,
        platform: &Platform,
        hooks: &JsValue,
    ) -> SessionKeeper;

    #[wasm_bindgen(method)]
    fn restore(this: &SessionKeeper);

    #[wasm_bindgen(method)]
    pub(super) fn session(this: &SessionKeeper) -> JsValue;

    #[wasm_bindgen(method)]
    fn token(this: &SessionKeeper) -> Option<String>;

    #[wasm_bindgen(method, getter)]
    fn lapsed(this: &SessionKeeper) -> bool;

    #[wasm_bindgen(method, js_name = beginLogin)]
    fn begin_login(this: &SessionKeeper) -> f64;

    #[wasm_bindgen(method, js_name = finishLogin)]
    fn finish_login(this: &SessionKeeper, ticket: f64, token: &str, user: &JsValue) -> JsValue;

    #[wasm_bindgen(method)]
    fn logout(this: &SessionKeeper);

    #[wasm_bindgen(method)]
    fn end(this: &SessionKeeper, event: &str, token: &str) -> bool;

    #[wasm_bindgen(method, js_name = onStorage)]
    fn on_storage(this: &SessionKeeper);

    #[wasm_bindgen(method)]
    fn dispose(this: &SessionKeeper);

    /// Where the envelope is kept: one Web Storage key, or memory.
    type Store;

    #[wasm_bindgen(constructor)]
    fn new(web: &JsValue, key: &str, mode: &str) -> Store;

    #[wasm_bindgen(method, getter)]
    fn mode(this: &Store) -> String;

    #[wasm_bindgen(js_name = DEFAULT_TTL_SECONDS, thread_local_v2)]
    static DEFAULT_TTL_SECONDS: JsValue;
}

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// The JavaScript client's platform: `now`, `setTimer`, `clearTimer`, `storage(name)`.
    pub(super) type Platform;

    #[wasm_bindgen(js_name = globalPlatform, thread_local_v2)]
    static GLOBAL_PLATFORM: Platform;

    /// The global storage `name` if it exists and takes a test write, else `undefined`.
    #[wasm_bindgen(method)]
    fn storage(this: &Platform, name: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = addEventListener, js_namespace = globalThis, catch)]
    fn add_global_listener(kind: &str, listener: &js_sys::Function) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = removeEventListener, js_namespace = globalThis, catch)]
    fn remove_global_listener(kind: &str, listener: &js_sys::Function) -> Result<(), JsValue>;
}

/// The global storage `name` (`"sessionStorage"`, `"localStorage"`) as the JavaScript client
/// finds it, or `None` where there is none or it is blocked.
pub(super) fn global_storage(name: &str) -> Option<web_sys::Storage> {
    GLOBAL_PLATFORM.with(|p| p.storage(name)).dyn_into::<js_sys::Object>().ok().map(JsCast::unchecked_into)
}

/// The storage key of an API id's envelope: the JavaScript client's default (`storageKey`
/// `"ucaas.session"`, js/runtime.js `sessionOptions`), so both clients find each other's.
pub(super) fn storage_key(api_id: &str) -> String {
    format!("ucaas.session:{api_id}")
}

/// A token client's session: the store it was given, and the keeper, made at its first use (so
/// a store set by `with_session_store` is the only one ever read).
pub(in crate::client) struct SessionDoor {
    api_id: String,
    store: Box<dyn SessionStore>,
    live: OnceCell<Live>,
}

/// The keeper and the JavaScript functions it holds, released with it.
struct Live {
    keeper: SessionKeeper,
    mode: String,
    listeners: Rc<Listeners>,
    ended: Rc<Ended>,
    _decode_user: Closure<dyn Fn(JsValue) -> JsValue>,
    _emit: Closure<dyn Fn(JsValue)>,
    _ended: Closure<dyn Fn(JsValue, JsValue)>,
    on_storage: Option<Closure<dyn Fn(JsValue)>>,
}

/// The sessions that ended lately, newest last, as the keeper's `ended(token, event)` hook tells
/// them: a hash of the token (not the token: an ended one may still be valid at the server) and
/// whether expiry ended it. What a call waiting to retry with such a token fails with.
#[derive(Default)]
struct Ended(RefCell<VecDeque<(u64, bool)>>);

/// Ends remembered: a call waits at most about a second between attempts, far fewer sessions
/// end meanwhile; past this many it still stops, as `aborted`.
const ENDED_KEPT: usize = 8;

impl Ended {
    fn record(&self, token: &str, event: &str) {
        let mut list = self.0.borrow_mut();
        if list.len() == ENDED_KEPT {
            list.pop_front();
        }
        list.push_back((token_hash(token), event == "expired"));
    }

    /// Whether expiry ended `token`'s session, if its end is remembered.
    fn by_expiry(&self, token: &str) -> Option<bool> {
        let hash = token_hash(token);
        self.0.borrow().iter().rev().find(|(h, _)| *h == hash).map(|&(_, expired)| expired)
    }
}

fn token_hash(token: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    token.hash(&mut h);
    h.finish()
}

impl Drop for Live {
    fn drop(&mut self) {
        self.keeper.dispose();
        if let Some(listener) = &self.on_storage {
            let _ = remove_global_listener("storage", listener.as_ref().unchecked_ref());
        }
    }
}

impl SessionDoor {
    pub(in crate::client) fn new(api_id: &str, store: Box<dyn SessionStore>) -> Self {
        SessionDoor { api_id: api_id.to_owned(), store, live: OnceCell::new() }
    }

    fn live(&self) -> &Live {
        self.live.get_or_init(|| {
            let key = storage_key(&self.api_id);
            let web = self.store.storage();
            let mode = self.store.mode();
            let store = Store::new(web.as_ref().map_or(&JsValue::UNDEFINED, |s| s.as_ref()), &key, mode);
            // A stored user is read by the user's table, as the JavaScript client reads it.
            let decode_user = Closure::<dyn Fn(JsValue) -> JsValue>::new(|user: JsValue| {
                crate::shape::decode(&user, User::SHAPE).unwrap_or(JsValue::UNDEFINED)
            });
            // The keeper's events go to the client's listeners (`Client::on_auth_change`); the
            // end of a session is remembered for the calls waiting to retry with its token
            // (`SessionDoor::still_held`), as `Host` halts their retries.
            let listeners = Rc::new(Listeners::default());
            let ended = Rc::new(Ended::default());
            let emit = {
                let listeners = Rc::clone(&listeners);
                Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| listeners.emit(&event))
            };
            let ended_hook = {
                let ended = Rc::clone(&ended);
                Closure::<dyn Fn(JsValue, JsValue)>::new(move |token: JsValue, event: JsValue| {
                    if let (Some(token), Some(event)) = (token.as_string(), event.as_string()) {
                        ended.record(&token, &event);
                    }
                })
            };
            let hook_object =
                crate::wasm::js::object(&[("emit", emit.as_ref().clone()), ("ended", ended_hook.as_ref().clone())]);
            let ttl = DEFAULT_TTL_SECONDS.with(|t| t.as_f64().unwrap_or(900.0));
            let keeper = GLOBAL_PLATFORM
                .with(|platform| SessionKeeper::new(&store, ttl, decode_user.as_ref(), platform, &hook_object));
            listeners.set_keeper(keeper.clone());
            keeper.restore();
            let mode = store.mode();
            // Another tab's login or logout on a local envelope (the `storage` event, as `Host`).
            let on_storage = (mode == "local").then(|| {
                let (keeper, key) = (keeper.clone(), key.clone());
                let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                    let changed = crate::wasm::js::get(&event, "key").and_then(|k| k.as_string());
                    if changed.is_none() || changed.as_deref() == Some(key.as_str()) {
                        keeper.on_storage();
                    }
                });
                let _ = add_global_listener("storage", listener.as_ref().unchecked_ref());
                listener
            });
            Live {
                keeper,
                mode,
                listeners,
                ended,
                _decode_user: decode_user,
                _emit: emit,
                _ended: ended_hook,
                on_storage,
            }
        })
    }

    /// The storage in use: `"session"`, `"local"`, or `"memory"` when the one asked for was
    /// unusable or refused a write.
    pub(in crate::client) fn mode(&self) -> String {
        self.live().mode.clone()
    }

    /// The session's user and expiry, never its token.
    pub(in crate::client) fn session(&self) -> Option<Session> {
        session_of(&self.live().keeper.session())
    }

    /// The token for a call now, or why there is none (`Host.token` of js/runtime.js).
    pub(in crate::client) fn token(&self) -> Result<String, Error> {
        let keeper = &self.live().keeper;
        keeper.token().ok_or_else(|| if keeper.lapsed() { expired() } else { signed_out() })
    }

    /// A login is starting: its ticket.
    pub(in crate::client) fn begin_login(&self) -> f64 {
        self.live().keeper.begin_login()
    }

    /// A login answered with `token` and `user` (the answer's table output): the new session,
    /// or the `aborted` error when a later login or logout started.
    pub(in crate::client) fn finish_login(&self, ticket: f64, token: &str, user: &JsValue) -> Result<Session, Error> {
        let session = self.live().keeper.finish_login(ticket, token, user);
        session_of(&session)
            .ok_or_else(|| Error::new(ErrorKind::Aborted, "A later login or logout replaced this login"))
    }

    pub(in crate::client) fn logout(&self) {
        self.live().keeper.logout();
    }

    /// The server refused `token` (401, or its expiry): its session ends, if it is still the one.
    pub(in crate::client) fn refused(&self, token: &str) {
        self.live().keeper.end("expired", token);
    }

    /// The listeners of the session's events.
    pub(super) fn listeners(&self) -> Rc<Listeners> {
        Rc::clone(&self.live().listeners)
    }

    /// Before the next attempt of a call sent with `token`: an error if that token's session has
    /// ended meanwhile — a logout, its expiry, a refusal, or a login (here or in another tab)
    /// that replaced it — so the call sends neither the old token nor the new one again, as
    /// `haltRetries` of js/runtime.js stops it on the keeper's `ended`: `expired` if expiry
    /// ended it, else `aborted` (`endedBy` there).
    pub(in crate::client) fn still_held(&self, token: &str) -> Result<(), Error> {
        let live = self.live();
        // Asked now, an expired token ends its session first (as the keeper's timer would).
        if live.keeper.token().as_deref() == Some(token) {
            return Ok(());
        }
        match live.ended.by_expiry(token) {
            Some(true) => Err(expired()),
            _ => Err(Error::new(ErrorKind::Aborted, "Signed out while the call was in flight")),
        }
    }
}

fn signed_out() -> Error {
    Error::new(ErrorKind::Unauthenticated, "Not signed in: call login() first")
}

fn expired() -> Error {
    Error::new(ErrorKind::Expired, "The session has expired: sign in again")
}

/// `{ user?, expires_at }` of the keeper as a [`Session`] (`None` for `undefined`).
pub(super) fn session_of(v: &JsValue) -> Option<Session> {
    if v.is_undefined() {
        return None;
    }
    let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}
