//! A token client's auth events ([`Client::on_auth_change`]): what the keeper of `js/session.js`
//! emits, forwarded to Rust listeners as the JavaScript client's `onAuthChange` hands them to
//! its own (`Host.subscribe` / `emit` of js/runtime.js). The keeper decides every event; this
//! file only delivers them.

use super::session::session_of;
use crate::client::{Client, Transport};
use crate::error::Error;
use crate::session::Session;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What changed in a token client's session, as [`Client::on_auth_change`] tells its listener
/// (the JavaScript client's `AuthEvent`s, by the same rules: `js/session.js` decides them).
///
/// ```
/// use ucaas_client::client::AuthEvent;
/// assert_eq!(AuthEvent::SignedIn.as_str(), "signed_in");
/// assert_eq!(AuthEvent::Expiring.to_string(), "expiring");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthEvent {
    /// Sent once to each new listener, on the next microtask after it subscribed (after the
    /// caller's current code, before any timer), unless it unsubscribed first: the session as
    /// it is then.
    Initial,
    /// A login succeeded (its session is the one handed over), or another tab's login on a
    /// shared `LocalStorageStore` signed this client in or replaced its session.
    SignedIn,
    /// [`Client::logout`] ended the session, or another tab signed out (or cleared the storage)
    /// on a shared `LocalStorageStore`. Not sent when there was no session.
    SignedOut,
    /// The session ended by expiry: its token's time ran out (60 s before the token's end, by
    /// the client's clock), or the server refused the token (a 401, or its expiry answer). Sent
    /// at most once per session.
    Expired,
    /// The session will count as expired in about two minutes: time to sign in again. Sent at
    /// most once per session.
    Expiring,
}

impl AuthEvent {
    /// The JavaScript client's name of the event (`"initial"`, `"signed_in"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AuthEvent::Initial => "initial",
            AuthEvent::SignedIn => "signed_in",
            AuthEvent::SignedOut => "signed_out",
            AuthEvent::Expired => "expired",
            AuthEvent::Expiring => "expiring",
        }
    }

    fn from_js(name: &str) -> Option<Self> {
        [AuthEvent::Initial, AuthEvent::SignedIn, AuthEvent::SignedOut, AuthEvent::Expired, AuthEvent::Expiring]
            .into_iter()
            .find(|e| e.as_str() == name)
    }
}

impl std::fmt::Display for AuthEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A listener as JavaScript calls it: `(event name, keeper's session)`.
type Listener = Rc<Closure<dyn Fn(JsValue, JsValue)>>;

/// A door's listeners, shared by the keeper's `emit` hook and the subscriptions.
#[derive(Default)]
pub(super) struct Listeners {
    /// The keeper, once made (the hook object it takes is made before it).
    keeper: OnceCell<super::session::SessionKeeper>,
    list: RefCell<Vec<(u64, Listener)>>,
    next: Cell<u64>,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = queueMicrotask, js_namespace = globalThis)]
    fn queue_microtask(callback: &js_sys::Function);
}

impl Listeners {
    pub(super) fn set_keeper(&self, keeper: super::session::SessionKeeper) {
        let _ = self.keeper.set(keeper);
    }

    fn session(&self) -> JsValue {
        self.keeper.get().map_or(JsValue::UNDEFINED, |k| k.session())
    }

    /// The keeper's `emit(event)`: every listener subscribed now, in the order they subscribed,
    /// with the session as it is now (as `Host.emit`: one unsubscribed by an earlier one during
    /// this event still hears it).
    pub(super) fn emit(&self, event: &JsValue) {
        let session = self.session();
        let listeners: Vec<Listener> = self.list.borrow().iter().map(|(_, l)| Rc::clone(l)).collect();
        for listener in listeners {
            call(&listener, event, &session);
        }
    }

    fn subscribe(self: &Rc<Self>, listener: Listener) -> u64 {
        let id = self.next.get();
        self.next.set(id + 1);
        self.list.borrow_mut().push((id, Rc::clone(&listener)));
        let me = Rc::downgrade(self);
        let initial = Closure::once_into_js(move || {
            let Some(me) = me.upgrade() else { return };
            if me.list.borrow().iter().any(|(i, _)| *i == id) {
                call(&listener, &JsValue::from_str(AuthEvent::Initial.as_str()), &me.session());
            }
        });
        queue_microtask(initial.unchecked_ref());
        id
    }

    fn unsubscribe(&self, id: u64) {
        // Taken out first: the listener's closure may be dropped here, never while borrowed.
        let removed = {
            let mut list = self.list.borrow_mut();
            list.iter().position(|(i, _)| *i == id).map(|at| list.remove(at))
        };
        drop(removed);
    }
}

/// Calls a listener through JavaScript, so that whatever it throws (or a panic's trap) ends at
/// this call: the other listeners and the keeper go on, and the error is reported as an
/// unhandled rejection, as `callListener` of js/runtime.js rethrows a JavaScript listener's.
fn call(listener: &Listener, event: &JsValue, session: &JsValue) {
    let function: &js_sys::Function = listener.as_ref().as_ref().unchecked_ref();
    if let Err(thrown) = function.call2(&JsValue::NULL, event, session) {
        let _ = js_sys::Promise::reject(&thrown);
    }
}

/// A listener of [`Client::on_auth_change`]: dropping it (or [`unsubscribe`]) removes the
/// listener; an event already being delivered still reaches it.
///
/// [`unsubscribe`]: AuthSubscription::unsubscribe
///
/// ```no_run
/// # fn run(client: ucaas_client::client::Client<ucaas_client::client::WebTransport>) -> Result<(), ucaas_client::Error> {
/// // Kept as long as the component that shows the user lives (a Leptos `on_cleanup`, a Yew
/// // component's field): dropped with it, the listener goes too.
/// let subscription = client.on_auth_change(|event, _| { /* … */ })?;
/// drop(subscription);
/// # Ok(()) }
/// ```
#[must_use = "dropping the subscription removes the listener at once"]
pub struct AuthSubscription {
    listeners: Weak<Listeners>,
    id: u64,
}

impl AuthSubscription {
    /// Removes the listener (as dropping the subscription does): it hears no further event, not
    /// even a pending `Initial`.
    pub fn unsubscribe(self) {}
}

impl Drop for AuthSubscription {
    fn drop(&mut self) {
        if let Some(listeners) = self.listeners.upgrade() {
            listeners.unsubscribe(self.id);
        }
    }
}

impl std::fmt::Debug for AuthSubscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthSubscription").field("id", &self.id).finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// Calls `listener(event, session)` on every change of the session, as the JavaScript
    /// client's `onAuthChange` does, at the same moments and in the same order (the keeper of
    /// `js/session.js` decides them): [`AuthEvent::Initial`] on the next microtask, then
    /// `SignedIn`, `SignedOut`, `Expired`, `Expiring` as they happen. `session` is
    /// [`Client::session`] at that moment. The listener hears events until the returned
    /// [`AuthSubscription`] is dropped. A client made with
    /// [`Auth::Basic`](crate::client::Auth::Basic) has no session: `validation` naming `auth`.
    ///
    /// A listener is called while the client is doing what caused the event (inside `logout`,
    /// `login`, or a call the server refused): it may call the client, but a listener that
    /// holds the client (an `Rc`) keeps it alive for good — hold a `Weak`, or a signal's setter.
    /// Listeners of a client replaced by [`with_session_store`](Client::with_session_store)
    /// are gone with its session: subscribe after choosing the store.
    ///
    /// A listener that throws a JavaScript exception or panics stops there: the other listeners
    /// and the client go on, and the error is reported as an unhandled promise rejection. On
    /// `wasm32` a panic aborts (`panic = "abort"`, the default there): it does not unwind, so
    /// nothing the listener held is dropped and `std::thread::panicking()` stays true; treat a
    /// panic as a bug to fix, not as a way to stop a listener.
    ///
    /// ```no_run
    /// # fn run() -> Result<(), ucaas_client::Error> {
    /// use ucaas_client::client::{AuthEvent, Auth, Client, WebTransport};
    /// let client = Client::new(WebTransport::new(), "https://api.enablex.io/ucaas/v1", Auth::token("demo-app"))?;
    /// let subscription = client.on_auth_change(|event, session| match event {
    ///     AuthEvent::Expiring => { /* offer to sign in again */ }
    ///     AuthEvent::SignedOut | AuthEvent::Expired => { /* show the login form */ }
    ///     _ => {
    ///         let email = session.and_then(|s| s.user).and_then(|u| u.email);
    ///         /* show who is signed in */
    ///     }
    /// })?;
    /// // … later: no more events.
    /// subscription.unsubscribe();
    /// # Ok(()) }
    /// ```
    pub fn on_auth_change(
        &self,
        listener: impl Fn(AuthEvent, Option<Session>) + 'static,
    ) -> Result<AuthSubscription, Error> {
        let listeners = self.door()?.listeners();
        let listener = Closure::<dyn Fn(JsValue, JsValue)>::new(move |event: JsValue, session: JsValue| {
            if let Some(event) = event.as_string().as_deref().and_then(AuthEvent::from_js) {
                listener(event, session_of(&session));
            }
        });
        let id = listeners.subscribe(Rc::new(listener));
        Ok(AuthSubscription { listeners: Rc::downgrade(&listeners), id })
    }
}
