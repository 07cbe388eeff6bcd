//! [`IotumClient<T: Transport>`](IotumClient): the Iotum enterprise API (`src/api/iotum/`) for
//! Rust callers, with the rules of the npm server build's `IotumClient` (js/iotum.js), which
//! are unlike UCaaS's:
//!
//! - Auth: `POST /enterprise_api/authenticate { api_token }` answers an `auth_token` that every
//!   other call carries first in its JSON body. It is asked for lazily, on the first call, and
//!   once for any number of calls waiting for it (single flight); one unused for
//!   [`TOKEN_SLIDE_MS`](crate::api::iotum::TOKEN_SLIDE_MS) minus 60 s is renewed before the
//!   call. A 401 means the server did nothing: the token is renewed once and the call repeated
//!   once. A refused API token is `unauthenticated` ("The API token was refused: …").
//! - Retries: only reads (`#[endpoint(…, read)]`, and `authenticate`) are repeated, at most
//!   three attempts, after a timeout, a network error or a 5xx; a create, update or delete is
//!   sent once.
//! - Answers: the status decides (`answer::kind_of`); a bare array is `{ items }`, a bare
//!   string `{ message }`, an empty body `{}`; then the answer type's table and serde.
//!
//! The API token is a secret: the client is for servers, tools and workers. In a page of a
//! `web` build [`IotumClient::new`] refuses it, as [`Client::new`](super::Client::new) refuses
//! HTTP Basic. Neither token is in the client's `{:?}`, an error message or a request's
//! `{:?}`.

pub mod answer;
mod calls;

use super::{
    backoff, checked_timeout, no_answer, url, HttpBody, HttpRequest, Transport, DEFAULT_TIMEOUT, MAX_ATTEMPTS,
};
use crate::api::iotum::{Authenticated, AUTHENTICATE_PATH, TOKEN_SLIDE_MS};
use crate::api::{Method, Request};
use crate::error::{Error, ErrorKind};
use crate::shape::Shaped;
use futures_util::lock::Mutex;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A token unused for the slide minus this is renewed before a call rather than refused by it
/// (`RENEW_MARGIN_MS` of js/iotum.js).
const RENEW_MARGIN_MS: i64 = 60_000;

/// The clock the token's slide is measured on, in milliseconds (injectable for tests).
type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// A client of the Iotum enterprise API over a [`Transport`]: resellers, companies,
/// subscriptions, hosts, contacts, drive, chat and conferences, one async method per route
/// (the snake case of the JavaScript name: `companyFetchAll` → `company_fetch_all`).
///
/// Methods take `&self` and may run concurrently (share the client behind an `Arc`): the first
/// calls wait for one `authenticate` together.
///
/// ```no_run
/// # async fn run() -> Result<(), ucaas_client::Error> {
/// use ucaas_client::client::{IotumClient, ReqwestTransport};
///
/// let token = std::env::var("IOTUM_API_TOKEN").unwrap_or_default();
/// let iotum = IotumClient::new(ReqwestTransport::new(), "https://company.reseller.tld", &token)?;
/// let host = iotum.host_fetch(&serde_json::json!({ "host_id": 9 })).await?;
/// println!("{:?}", host.email);
/// # Ok(()) }
/// ```
pub struct IotumClient<T> {
    transport: T,
    base_url: String,
    api_token: String,
    timeout: Duration,
    now: Clock,
    session: Mutex<Session>,
    /// Authentications finished, successful or not: a call that waited through one that
    /// failed shares its error instead of trying again (as the waiters of js/iotum.js's one
    /// pending promise do).
    finished: AtomicU64,
}

/// The auth token and what is known of it.
#[derive(Default)]
struct Session {
    token: Option<String>,
    /// When the token was last used successfully (the clock's milliseconds).
    last_use: i64,
    /// The last authentication's failure and its number in `finished`.
    failure: Option<(u64, Error)>,
}

// By hand: neither token may be shown.
impl<T> std::fmt::Debug for IotumClient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IotumClient")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> IotumClient<T> {
    /// A client of the API at `base_url` (the company's URL, e.g. `https://company.reseller.tld`,
    /// or the emulator's origin; the routes are below its `/enterprise_api/`) with `api_token`,
    /// from the Admin UI's Developers section. Nothing is sent until the first call.
    ///
    /// A `base_url` as [`Client::new`](super::Client::new) refuses it is a `validation` error
    /// naming `baseUrl`; an empty API token, or one with control characters, one naming
    /// `apiToken`. Neither message repeats the value.
    ///
    /// ```
    /// # use ucaas_client::client::{IotumClient, HttpRequest, HttpResponse, Transport, TransportError};
    /// # struct Offline;
    /// # impl Transport for Offline {
    /// #     async fn send(&self, _: HttpRequest) -> Result<HttpResponse, TransportError> { Err(TransportError::Network("offline".into())) }
    /// #     async fn wait(&self, _: std::time::Duration) {}
    /// # }
    /// let iotum = IotumClient::new(Offline, "https://company.reseller.tld/", " s3cret ").unwrap();
    /// assert_eq!(iotum.base_url(), "https://company.reseller.tld");
    /// assert!(!format!("{iotum:?}").contains("s3cret"));
    /// let e = IotumClient::new(Offline, "https://company.reseller.tld", "\n").unwrap_err();
    /// assert_eq!(e.field, Some("apiToken"));
    /// ```
    ///
    /// In a page of a `web` build (a global scope with a `document`) it is a `validation` error
    /// naming `apiToken`: the token would be in front of every visitor (a worker may).
    pub fn new(transport: T, base_url: &str, api_token: &str) -> Result<Self, Error> {
        let base_url = url::base_url(base_url)?;
        let token = api_token_of(api_token)?;
        #[cfg(all(feature = "web", target_arch = "wasm32"))]
        if super::web::in_page() {
            return Err(Error::invalid(
                "apiToken",
                "An Iotum API token would be in this page for every visitor: call the Iotum API from a server or \
                 a worker.",
            ));
        }
        Ok(IotumClient {
            transport,
            base_url,
            api_token: token,
            timeout: DEFAULT_TIMEOUT,
            now: Arc::new(super::now_ms),
            session: Mutex::new(Session::default()),
            finished: AtomicU64::new(0),
        })
    }

    /// The same client giving each attempt `timeout` (default [`DEFAULT_TIMEOUT`]); zero is a
    /// validation error naming `timeoutMs`.
    pub fn with_timeout(mut self, timeout: Duration) -> Result<Self, Error> {
        self.timeout = checked_timeout(timeout)?;
        Ok(self)
    }

    /// The same client measuring the token's slide on `now` (milliseconds): for tests that move
    /// time.
    #[doc(hidden)]
    pub fn with_clock(mut self, now: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.now = Arc::new(now);
        self
    }

    /// The base URL requests go to (trailing slashes removed).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The clock the builders check times against, in milliseconds since the Unix epoch.
    #[doc(hidden)]
    pub fn now_ms(&self) -> i64 {
        super::now_ms()
    }

    /// Sends a built request with the auth token and decodes its answer as `A` (what every
    /// generated method calls); `read`: the route's `read` flag, which allows repeats.
    #[doc(hidden)]
    pub async fn call<A: Shaped + DeserializeOwned, B: Serialize>(
        &self,
        req: Request<B>,
        read: bool,
    ) -> Result<A, Error> {
        let req = req.with_json_body()?;
        let (status, json) = self.send(req.method, &req.path, req.body.as_deref(), read).await?;
        super::answer::decode(status, &answer::as_items(json, A::SHAPE))
    }

    /// One call: the token, the attempts, and on a refused token one renewal and one repeat.
    async fn send(&self, method: Method, path: &str, body: Option<&str>, read: bool) -> Result<(u16, Value), Error> {
        let url = [self.base_url.as_str(), path].concat();
        let attempts = if read { MAX_ATTEMPTS } else { 1 };
        let mut renewed = false;
        loop {
            let token = self.auth_token().await?;
            let http = HttpRequest {
                method,
                url: url.clone(),
                headers: json_headers(),
                body: HttpBody::Json(with_token(body, &token)),
                timeout: self.timeout,
            };
            match self.attempts(http, attempts, answer::read_answer).await {
                Err(e) if refused(&e) && !renewed => {
                    self.forget(&token).await;
                    renewed = true;
                }
                Err(e) => return Err(e),
                Ok(answer) => {
                    self.touch(&token).await;
                    return Ok(answer);
                }
            }
        }
    }

    /// Up to `n` attempts of one request, with backoff between them; each answer read by `read`.
    async fn attempts(
        &self,
        http: HttpRequest,
        n: u32,
        read: fn(u16, &str) -> Result<Value, Error>,
    ) -> Result<(u16, Value), Error> {
        let mut attempt = 1;
        loop {
            match self.attempt(http.clone(), read).await {
                Err(e) if attempt < n && retryable(&e) => {
                    self.transport.wait(backoff(attempt)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn attempt(
        &self,
        http: HttpRequest,
        read: fn(u16, &str) -> Result<Value, Error>,
    ) -> Result<(u16, Value), Error> {
        let timeout = http.timeout;
        match self.transport.send(http).await {
            Ok(answer) => read(answer.status, &answer.body).map(|json| (answer.status, json)),
            Err(e) => Err(no_answer(e, timeout)),
        }
    }

    /// The auth token for a call: the current one while it lives, else one `authenticate` for
    /// every call waiting (the lock is held through it; the calls queued behind it find the new
    /// token, or the failure it ended with).
    async fn auth_token(&self) -> Result<String, Error> {
        let seen = self.finished.load(Ordering::Acquire);
        let mut session = self.session.lock().await;
        if let Some(token) = &session.token {
            if (self.now)() - session.last_use < i64::from(TOKEN_SLIDE_MS) - RENEW_MARGIN_MS {
                return Ok(token.clone());
            }
        }
        if let Some((at, e)) = &session.failure {
            if *at > seen {
                return Err(e.clone());
            }
        }
        session.token = None;
        let outcome = self.authenticate().await;
        let at = self.finished.fetch_add(1, Ordering::AcqRel) + 1;
        match outcome {
            Ok(token) => {
                session.token = Some(token.clone());
                session.last_use = (self.now)();
                session.failure = None;
                Ok(token)
            }
            Err(e) => {
                session.failure = Some((at, e.clone()));
                Err(e)
            }
        }
    }

    /// `authenticate`: repeated like a read (asking for a token again changes nothing).
    async fn authenticate(&self) -> Result<String, Error> {
        let http = HttpRequest {
            method: Method::Post,
            url: [self.base_url.as_str(), AUTHENTICATE_PATH].concat(),
            headers: json_headers(),
            body: HttpBody::Json(serde_json::json!({ "api_token": self.api_token }).to_string()),
            timeout: self.timeout,
        };
        let (status, json) = match self.attempts(http, MAX_ATTEMPTS, answer::read_answer).await {
            Ok(answer) => answer,
            Err(e) if e.status == Some(401) => {
                return Err(Error {
                    status: Some(401),
                    ..Error::new(ErrorKind::Unauthenticated, format!("The API token was refused: {}", e.message))
                })
            }
            Err(e) => return Err(e),
        };
        let shape_error =
            |e: String| Error::decode(Some(status), format!("The authenticate answer has no auth_token: {e}"));
        let decoded = crate::shape::decode(&json, Authenticated::SHAPE).map_err(shape_error)?;
        decoded
            .get("auth_token")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| shape_error("auth_token".into()))
    }

    /// A successful answer touched the token on the server: its slide starts again.
    async fn touch(&self, token: &str) {
        let mut session = self.session.lock().await;
        if session.token.as_deref() == Some(token) {
            session.last_use = (self.now)();
        }
    }

    /// The server refused `token`: the next call authenticates (unless another already did).
    async fn forget(&self, token: &str) {
        let mut session = self.session.lock().await;
        if session.token.as_deref() == Some(token) {
            session.token = None;
        }
    }
}

/// The API token as kept (trimmed as JavaScript trims), or the validation error naming
/// `apiToken` for an empty one or one with an ASCII control character anywhere (a trailing
/// newline included), whose message never repeats it (`apiTokenOf` of js/iotum.js).
#[doc(hidden)]
pub fn api_token_of(raw: &str) -> Result<String, Error> {
    let token = answer::js_trim(raw);
    if token.is_empty() || raw.chars().any(|c| c.is_ascii_control()) {
        return Err(Error::invalid(
            "apiToken",
            "apiToken is required: the API token from the Admin UI's Developers section.",
        ));
    }
    Ok(token.to_owned())
}

/// The headers of a call with a JSON body.
fn json_headers() -> Vec<(&'static str, String)> {
    vec![("Accept", "application/json".to_owned()), ("Content-Type", "application/json".to_owned())]
}

/// `body` (JSON text of an object) with `auth_token` first, without parsing it (`withToken`).
fn with_token(body: Option<&str>, token: &str) -> String {
    let rest = match body.map(str::trim) {
        None | Some("{}") => "}".to_owned(),
        Some(body) => [",", &body[1..]].concat(),
    };
    format!("{{\"auth_token\":{}{rest}", Value::from(token))
}

/// After a timeout, a network error or a 5xx, a read may be repeated (`retryable`).
fn retryable(e: &Error) -> bool {
    matches!(e.kind, ErrorKind::Network | ErrorKind::Timeout) || e.status.is_some_and(|s| s >= 500)
}

/// A 401 to a call with a token: the token was refused ("Session expired", "Invalid token"), and
/// the server did nothing.
fn refused(e: &Error) -> bool {
    e.kind == ErrorKind::Unauthenticated && e.status == Some(401)
}

#[cfg(test)]
mod tests;
