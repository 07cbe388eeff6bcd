//! A token client's session methods: sign in, sign out, the current session.

use super::store::SessionStore;
use super::SessionDoor;
use crate::api::auth::LoginAnswer;
use crate::client::{Client, Transport};
use crate::error::Error;
use crate::session::Session;
use crate::shape::Shaped;
use wasm_bindgen::JsValue;

impl<T: Transport> Client<T> {
    /// Signs in (`POST /login`, the email trimmed) and keeps the session in the client's store:
    /// the user and the token's expiry, as the JavaScript client's `login` returns them. The
    /// latest-started login wins: an older one still in flight, or one a [`logout`] followed,
    /// fails with `aborted` and leaves the session alone; a refused one (`unauthenticated`)
    /// leaves it alone too. A client made with [`Auth::Basic`](crate::client::Auth::Basic) has
    /// no session: `validation` naming `auth`.
    ///
    /// [`logout`]: Client::logout
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), ucaas_client::Error> {
    /// use ucaas_client::client::{Auth, Client, WebTransport};
    /// let client = Client::new(WebTransport::new(), "https://api.enablex.io/ucaas/v1", Auth::token("demo-app"))?;
    /// let session = client.login("alice@example.test", "Passw0rd!").await?;
    /// let email = session.user.and_then(|u| u.email);
    /// # Ok(()) }
    /// ```
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, Error> {
        let door = self.door()?;
        let req = crate::api::auth::login(email, password)?.with_json_body()?;
        let ticket = door.begin_login();
        let (status, json) = self.exchange(&req, crate::client::body(&req, None, "login")?).await?;
        // The answer as JavaScript holds it, read by its table: the user is stored as the
        // JavaScript client stores it, so each client restores the other's session.
        let text = serde_json::to_string(&json).map_err(|e| Error::decode(Some(status), e.to_string()))?;
        let value = js_sys::JSON::parse(&text).unwrap_or(JsValue::UNDEFINED);
        let shaped = |e: String| Error::decode(Some(status), format!("The answer is not the documented shape: {e}"));
        let answer = crate::shape::decode(&value, LoginAnswer::SHAPE).map_err(shaped)?;
        let token = crate::wasm::js::get(&answer, "token").and_then(|t| t.as_string()).unwrap_or_default();
        let user = crate::wasm::js::get(&answer, "user").unwrap_or(JsValue::UNDEFINED);
        door.finish_login(ticket, &token, &user)
    }

    /// Signs out: the session ends and its stored envelope goes (if it is still this client's),
    /// and a login in flight will not set one. Nothing is sent (the API has no logout route).
    ///
    /// ```no_run
    /// # fn run(client: ucaas_client::client::Client<ucaas_client::client::WebTransport>) {
    /// client.logout();
    /// assert!(client.session().is_none());
    /// # }
    /// ```
    pub fn logout(&self) {
        if let Some(door) = &self.door {
            door.logout();
        }
    }

    /// The signed-in user and the token's expiry (ms since the epoch), never the token; `None`
    /// when signed out or expired. A new client on the same store restores it.
    pub fn session(&self) -> Option<Session> {
        self.door.as_ref().and_then(SessionDoor::session)
    }

    /// The store the session is kept in: `"session"` (the default), `"local"`, or `"memory"`
    /// (asked for, or the storage was unusable or refused a write). `None` for a Basic client.
    pub fn storage_mode(&self) -> Option<String> {
        self.door.as_ref().map(SessionDoor::mode)
    }

    /// The same token client keeping its session in `store` (default:
    /// [`SessionStorageStore`](super::SessionStorageStore)); a Basic client is unchanged.
    pub fn with_session_store(mut self, store: impl SessionStore + 'static) -> Self {
        if self.door.is_some() {
            self.door = Some(SessionDoor::new(self.auth.api_id(), Box::new(store)));
        }
        self
    }

    pub(super) fn door(&self) -> Result<&SessionDoor, Error> {
        self.door.as_ref().ok_or_else(|| {
            Error::invalid("auth", "A client with HTTP Basic credentials has no session: make it with Auth::token.")
        })
    }
}
