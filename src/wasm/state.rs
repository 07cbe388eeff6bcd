//! The client's auth state: the stored envelope, the `onAuthChange` listeners, the timer that
//! announces `expiring` / `expired`, and the cross-tab `storage` listener.

use super::js;
use super::shapes;
use super::storage::{Mode, Store};
use crate::error::Error;
use crate::session::{Envelope, Phase};
use crate::shape::Shaped;

/// The envelope as kept in the wasm build: the user stays the decoded JS object.
pub type Stored = Envelope<JsValue>;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What `onAuthChange` listeners are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthEvent {
    /// Sent once to each new listener: the state at subscription.
    Initial,
    /// A login succeeded (here or, with local storage, in another tab).
    SignedIn,
    /// `logout()` was called (here or in another tab).
    SignedOut,
    /// The token counts as expired in 2 minutes.
    Expiring,
    /// The token expired or the server refused it; the session is gone.
    Expired,
}

impl AuthEvent {
    fn as_str(self) -> &'static str {
        match self {
            Self::Initial => "initial",
            Self::SignedIn => "signed_in",
            Self::SignedOut => "signed_out",
            Self::Expiring => "expiring",
            Self::Expired => "expired",
        }
    }
}

/// The `storage` event handler registered on the global scope (kept to remove it again).
type StorageListener = Closure<dyn FnMut(web_sys::StorageEvent)>;

/// Shared by the client and its callbacks (timers, storage events), which hold it weakly.
pub struct AuthState {
    store: Store,
    ttl_seconds: u32,
    envelope: RefCell<Option<Stored>>,
    listeners: RefCell<Vec<(u32, js_sys::Function)>>,
    next_listener: Cell<u32>,
    expiring_sent: Cell<bool>,
    /// The last session ended by expiry (not by logout): calls say "expired", not "signed out",
    /// until the next login or logout.
    lapsed: Cell<bool>,
    timer: RefCell<Option<JsValue>>,
    storage_listener: RefCell<Option<StorageListener>>,
}

impl AuthState {
    /// Restores the session kept in `store`; a corrupt or foreign value is removed.
    pub fn restore(store: Store, ttl_seconds: u32) -> Rc<Self> {
        let state = Rc::new(Self {
            store,
            ttl_seconds,
            envelope: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            next_listener: Cell::new(0),
            expiring_sent: Cell::new(false),
            lapsed: Cell::new(false),
            timer: RefCell::new(None),
            storage_listener: RefCell::new(None),
        });
        let stored = state.read_stored();
        *state.envelope.borrow_mut() = stored;
        // An expired stored session is removed at once, and no event is sent for it: nobody was
        // listening yet, and the `initial` event reports it as signed out.
        if state.phase() == Some(Phase::Expired) {
            state.store.remove();
            state.envelope.replace(None);
        }
        state.arm_timer();
        if state.store.mode() == Mode::Local {
            Self::listen_to_other_tabs(&state);
        }
        state
    }

    /// The storage actually in use.
    pub fn mode(&self) -> Mode {
        self.store.mode()
    }

    /// The current envelope, if signed in (even if expiring).
    pub fn envelope(&self) -> Option<Stored> {
        self.envelope.borrow().clone()
    }

    /// The token for a call now, or why there is none. Expiry is checked here, before any request.
    pub fn token(self: &Rc<Self>) -> Result<String, Error> {
        let Some(env) = self.envelope() else {
            return Err(if self.lapsed.get() { Error::expired() } else { Error::signed_out() });
        };
        if env.phase(js::now_ms()) == Phase::Expired {
            self.end(AuthEvent::Expired, Some(&env.token));
            return Err(Error::expired());
        }
        Ok(env.token)
    }

    /// Keeps a new session from a login (`user` already decoded by its shape).
    pub fn sign_in(self: &Rc<Self>, token: String, user: JsValue) -> Stored {
        let env = Envelope::new(token, user, js::now_ms(), self.ttl_seconds);
        let value = js::object(&[
            ("v", JsValue::from(env.v)),
            ("token", JsValue::from_str(&env.token)),
            ("user", env.user.clone()),
            ("expires_at", JsValue::from_f64(env.expires_at)),
        ]);
        if let Some(text) = js::stringify(&value) {
            // A refused write (quota) leaves the session in memory for this page's life.
            let _ = self.store.write(&text);
        }
        self.envelope.replace(Some(env.clone()));
        self.expiring_sent.set(false);
        self.lapsed.set(false);
        self.emit(AuthEvent::SignedIn);
        self.arm_timer();
        env
    }

    /// Ends the session with `event`, once: only if `token` (the one a failed call used) is
    /// still the current one, so a late answer to an old token cannot sign out a newer login.
    pub fn end(self: &Rc<Self>, event: AuthEvent, token: Option<&str>) {
        let current = self.envelope.borrow().as_ref().map(|e| e.token.clone());
        if event == AuthEvent::SignedOut {
            self.lapsed.set(false);
        }
        let Some(current) = current else { return };
        if token.is_some_and(|t| t != current) {
            return;
        }
        self.store.remove();
        self.envelope.replace(None);
        self.lapsed.set(event == AuthEvent::Expired);
        self.disarm_timer();
        self.emit(event);
    }

    /// Adds a listener and sends it `initial` on the next microtask; returns its id.
    pub fn subscribe(self: &Rc<Self>, listener: js_sys::Function) -> u32 {
        let id = self.next_listener.get();
        self.next_listener.set(id + 1);
        self.listeners.borrow_mut().push((id, listener.clone()));
        let weak = Rc::downgrade(self);
        // spawn_local runs on the microtask queue: after the caller's current code, before timers.
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(state) = weak.upgrade() {
                // Only if it did not unsubscribe in between.
                if state.listeners.borrow().iter().any(|(i, _)| *i == id) {
                    js::call_listener(&listener, AuthEvent::Initial.as_str(), &state.session_value());
                }
            }
        });
        id
    }

    /// Removes listener `id`.
    pub fn unsubscribe(&self, id: u32) {
        self.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }

    /// `client.session()`: `{ user, expires_at }` (never the token), or `undefined`.
    pub fn session_value(&self) -> JsValue {
        match self.envelope.borrow().as_ref() {
            Some(e) => public(e),
            None => JsValue::UNDEFINED,
        }
    }

    fn phase(&self) -> Option<Phase> {
        self.envelope.borrow().as_ref().map(|e| e.phase(js::now_ms()))
    }

    fn read_stored(&self) -> Option<Stored> {
        let text = self.store.read()?;
        let parsed = Stored::parse_with(|| {
            let json = js_sys::JSON::parse(&text).map_err(|_| ())?;
            let env = shapes::decode(&json, <Envelope as Shaped>::SHAPE).map_err(|_| ())?;
            let field = |k| js::get(&env, k).unwrap_or(JsValue::UNDEFINED);
            Ok::<_, ()>(Envelope {
                v: field("v").as_f64().unwrap_or(0.0) as u32,
                token: field("token").as_string().unwrap_or_default(),
                user: field("user"),
                expires_at: field("expires_at").as_f64().unwrap_or(f64::NAN),
            })
        });
        if parsed.is_none() {
            self.store.remove();
        }
        parsed
    }

    fn emit(&self, event: AuthEvent) {
        let session = self.session_value();
        // Listeners may unsubscribe while being called: iterate over a copy.
        let listeners: Vec<_> = self.listeners.borrow().iter().map(|(_, f)| f.clone()).collect();
        for f in listeners {
            js::call_listener(&f, event.as_str(), &session);
        }
    }

    /// Schedules a wake-up at the session's next phase change (at once if `expiring` is due).
    fn arm_timer(self: &Rc<Self>) {
        self.disarm_timer();
        let now = js::now_ms();
        let delay = match self.envelope.borrow().as_ref() {
            None => return,
            Some(e) if e.phase(now) == Phase::Expiring && !self.expiring_sent.get() => 0.0,
            Some(e) => e.next_change_in(now).unwrap_or(0.0),
        };
        let weak: Weak<Self> = Rc::downgrade(self);
        // once_into_js: the closure frees itself after running, so re-arming from inside it
        // never drops a closure that is still executing.
        let tick = Closure::once_into_js(move || {
            if let Some(state) = weak.upgrade() {
                state.timer.replace(None);
                state.on_tick();
                state.arm_timer();
            }
        });
        let handle = js::set_timer(tick.unchecked_ref(), delay);
        self.timer.replace(Some(handle));
    }

    fn disarm_timer(&self) {
        if let Some(handle) = self.timer.borrow_mut().take() {
            js::clear_timer(&handle);
        }
    }

    fn on_tick(self: &Rc<Self>) {
        match self.phase() {
            Some(Phase::Expiring) if !self.expiring_sent.get() => {
                self.expiring_sent.set(true);
                self.emit(AuthEvent::Expiring);
            }
            Some(Phase::Expired) => self.end(AuthEvent::Expired, None),
            _ => {}
        }
    }

    /// With `localStorage`, a login or logout in another tab fires `storage` here.
    fn listen_to_other_tabs(state: &Rc<Self>) {
        let weak = Rc::downgrade(state);
        let on_storage = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
            if let Some(state) = weak.upgrade() {
                // A null key means the other tab cleared the whole storage.
                if e.key().is_none_or(|k| k == state.store.key()) {
                    state.sync_from_other_tab();
                }
            }
        });
        let global: web_sys::EventTarget = js_sys::global().unchecked_into();
        if global.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref()).is_ok() {
            state.storage_listener.replace(Some(on_storage));
        }
    }

    fn sync_from_other_tab(self: &Rc<Self>) {
        let stored = self.read_stored().filter(|e| e.phase(js::now_ms()) != Phase::Expired);
        let current_token = self.envelope.borrow().as_ref().map(|e| e.token.clone());
        match (stored, current_token) {
            (Some(env), current) if current.as_deref() != Some(env.token.as_str()) => {
                self.envelope.replace(Some(env));
                self.expiring_sent.set(false);
                self.lapsed.set(false);
                self.emit(AuthEvent::SignedIn);
                self.arm_timer();
            }
            (None, Some(_)) => {
                self.envelope.replace(None);
                self.disarm_timer();
                self.emit(AuthEvent::SignedOut);
            }
            _ => {}
        }
    }

    /// Detaches the timer and the storage listener (`client.free()` / dispose).
    pub fn detach(&self) {
        self.disarm_timer();
        if let Some(on_storage) = self.storage_listener.borrow_mut().take() {
            let global: web_sys::EventTarget = js_sys::global().unchecked_into();
            let _ = global.remove_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
    }
}

/// The public view of a session: the user and the expiry, never the token.
pub fn public(e: &Stored) -> JsValue {
    let mut fields = vec![("expires_at", JsValue::from_f64(e.expires_at))];
    if !e.user.is_undefined() {
        fields.insert(0, ("user", e.user.clone()));
    }
    js::object(&fields)
}
