//! `UcaasClient`, the class JavaScript uses. Each method validates its input into a
//! [`crate::api`] request, sends it with [`super::transport`], and decodes the answer. Methods
//! that talk to the server return promises and never throw synchronously: every failure is a
//! rejected promise with a `UcaasError`.

use super::js::{self, get};
use super::state::{AuthEvent, AuthState};
use super::storage::{Mode, Store};
use super::transport::{self, CallOptions, Target};
use crate::api::{auth, branding, meetings, sessions, Auth, Request};
use crate::error::Error;
use crate::session::storage_key;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::rc::Rc;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** The optional last argument of every method that calls the API. */
export interface CallOptions {
  /** Aborts the call (the promise rejects with kind "aborted"). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** What `onAuthChange` listeners are told. */
export type AuthEvent = "initial" | "signed_in" | "signed_out" | "expiring" | "expired";

/** The storage a client keeps its session in. */
export type StorageMode = "session" | "local" | "memory";

/** Every failure of the client: a real `Error`, so `instanceof UcaasError` and `instanceof Error` work. */
export declare class UcaasError extends Error {
  readonly name: "UcaasError";
  /** What went wrong, in a word to switch on. */
  readonly kind: ErrorKind;
  /** The API's result code, or the documented code of a local validation failure. */
  readonly code: number | undefined;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The API's longer description, when it sent one. */
  readonly desc: string | undefined;
  /** The input field a validation error concerns (snake_case, as in the API). */
  readonly field: string | undefined;
}
"#;

/// Options of `new UcaasClient(options)`.
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// The API's base URL, e.g. `https://api.enablex.io/ucaas/v1` (the emulator's in development).
    pub base_url: String,
    /// Your application's public API id, sent as `X-Api-Id`. Never pass the API key.
    pub api_id: String,
    /// `X-App-Type` on the meeting routes: `"vc"` (video meeting, default) or `"wb"` (webinar).
    #[serde(default)]
    #[tsify(optional, type = "\"vc\" | \"wb\"")]
    pub app_type: Option<String>,
    /// Where the session is kept: `"session"` (default), `"local"` (shared by tabs) or `"memory"`.
    #[serde(default)]
    #[tsify(optional, type = "StorageMode")]
    pub storage: Option<String>,
    /// Storage key prefix (default `"ucaas.session"`); the API id is appended.
    #[serde(default)]
    #[tsify(optional)]
    pub storage_key: Option<String>,
    /// Per-attempt timeout in milliseconds (default 15000).
    #[serde(default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Token life in seconds (default 900: the docs say both 15 and 20 minutes).
    #[serde(default)]
    #[tsify(optional)]
    pub token_ttl_seconds: Option<f64>,
}

struct Inner {
    target: Target,
    auth: Rc<AuthState>,
}

/// A client of the UCaaS API for one application (API id) and one signed-in user at a time.
#[wasm_bindgen]
pub struct UcaasClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl UcaasClient {
    /// Creates a client and restores a stored session. Throws `UcaasError` (kind "validation")
    /// for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<UcaasClient, JsValue> {
        let options = options
            .to_rust()
            .map_err(|e| Error::invalid("options", format!("Invalid client options: {e}")))?;
        Ok(UcaasClient { inner: Rc::new(Inner::new(options)?) })
    }

    /// The storage actually in use (`"memory"` when the requested one was unusable).
    #[wasm_bindgen(getter, js_name = storageMode, unchecked_return_type = "StorageMode")]
    pub fn storage_mode(&self) -> String {
        self.inner.auth.mode().as_str().to_owned()
    }

    /// Resolves once the stored session has been restored (always resolves, even when storage is
    /// broken: the client then runs in memory).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn ready(&self) -> js_sys::Promise {
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    }

    /// Signs in with `POST /login` and keeps the session in the configured storage.
    #[wasm_bindgen(unchecked_return_type = "Promise<Session>")]
    pub fn login(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let inner = self.inner.clone();
        promise(async move {
            let opts = CallOptions::read(&options)?;
            let (email, password) = (text_arg(&email, "email")?, text_arg(&password, "password")?);
            let req = auth::login(email.trim(), &password)?;
            let answer: auth::LoginAnswer = inner.call(&req, &opts).await?;
            let env = inner.auth.sign_in(answer.token, answer.user);
            js::to_value(&env.public())
        })
    }

    /// The current session (user and expiry), or `undefined` when signed out.
    #[wasm_bindgen(unchecked_return_type = "Session | undefined")]
    pub fn session(&self) -> JsValue {
        self.inner.auth.session_value()
    }

    /// Forgets the session here (and, with `"local"` storage, in the origin's other tabs).
    pub fn logout(&self) {
        self.inner.auth.end(AuthEvent::SignedOut, None);
    }

    /// Calls `listener(event, session)` on every auth change, and once at once with `"initial"`.
    /// Returns the function that unsubscribes it.
    #[wasm_bindgen(js_name = onAuthChange, unchecked_return_type = "() => void")]
    pub fn on_auth_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: AuthEvent, session: Session | undefined) => void")] listener: JsValue,
    ) -> Result<js_sys::Function, JsValue> {
        let listener: js_sys::Function = listener
            .dyn_into()
            .map_err(|_| Error::invalid("listener", "onAuthChange takes a function."))?;
        let id = self.inner.auth.subscribe(listener);
        let weak = Rc::downgrade(&self.inner);
        let unsubscribe = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.auth.unsubscribe(id);
            }
        });
        Ok(unsubscribe.into_js_value().unchecked_into())
    }

    /// Mails a password reset key to `email` (`POST /password`).
    #[wasm_bindgen(js_name = requestPasswordReset, unchecked_return_type = "Promise<PasswordData>")]
    pub fn request_password_reset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::request_password_reset(text_arg(&email, "email")?.trim()), |a: auth::PasswordAnswer| a.data)
    }

    /// Checks a reset key and tells whose it is (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = validateResetKey, unchecked_return_type = "Promise<PasswordData>")]
    pub fn validate_reset_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::validate_reset_key(&text_arg(&key, "key")?), |a: auth::PasswordAnswer| a.data)
    }

    /// Sets a new password with a reset key (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = resetPassword, unchecked_return_type = "Promise<PasswordData>")]
    pub fn reset_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        input: Ts<auth::NewPassword>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::reset_password(&text_arg(&key, "key")?, input_arg(&input)?), |a: auth::PasswordAnswer| a.data)
    }

    /// Joins a session by PIN (`POST /sessions/join`); needs no login.
    #[wasm_bindgen(js_name = joinSession, unchecked_return_type = "Promise<JoinResult>")]
    pub fn join_session(
        &self,
        input: Ts<sessions::JoinInput>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| sessions::join(input_arg(&input)?), |r: sessions::JoinResult| r)
    }

    /// Invites people by email into a session (`POST /sessions/invite`); needs no login.
    #[wasm_bindgen(js_name = inviteToSession, unchecked_return_type = "Promise<InviteResult>")]
    pub fn invite_to_session(
        &self,
        input: Ts<sessions::InviteInput>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| sessions::invite(input_arg(&input)?), |r: sessions::InviteResult| r)
    }

    /// Fetches branding for a domain, customer or meeting (`GET /branding`); needs no login.
    #[wasm_bindgen(js_name = getBranding, unchecked_return_type = "Promise<Branding>")]
    pub fn get_branding(
        &self,
        query: Ts<branding::BrandingQuery>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| branding::get(input_arg(&query)?), |b: branding::Branding| b)
    }

    /// Schedules a meeting (`POST /meetings`). `start_time` may be a `Date`.
    #[wasm_bindgen(js_name = scheduleMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn schedule_meeting(
        &self,
        input: Ts<meetings::MeetingInput>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |now| meetings::schedule(meeting_arg(&input)?, now), |a: meetings::MeetingAnswer| a.meeting)
    }

    /// Reads one meeting (`GET /meetings/{id}`).
    #[wasm_bindgen(js_name = getMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn get_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| meetings::get(&text_arg(&id, "meeting_id")?), |a: meetings::MeetingAnswer| a.meeting)
    }

    /// Changes the fields `patch` gives (`PATCH /meetings/{id}`).
    #[wasm_bindgen(js_name = updateMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn update_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<MeetingInput>")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |now| meetings::update(&text_arg(&id, "meeting_id")?, meeting_arg(&Ts::new_unchecked(patch))?, now),
            |a: meetings::MeetingAnswer| a.meeting,
        )
    }

    /// Cancels a meeting (`DELETE /meetings/{id}`). Never retried automatically.
    #[wasm_bindgen(js_name = cancelMeeting, unchecked_return_type = "Promise<CancelResult>")]
    pub fn cancel_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| meetings::cancel(&text_arg(&id, "meeting_id")?), |r: meetings::CancelResult| r)
    }

    /// One page of meetings (`GET /meetings?...`).
    #[wasm_bindgen(js_name = listMeetings, unchecked_return_type = "Promise<MeetingList>")]
    pub fn list_meetings(
        &self,
        query: Option<Ts<meetings::ListQuery>>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.run(options, move |_| Ok(meetings::list(&meetings::check_query(&query_arg(query.as_ref())?)?)), |l: meetings::MeetingList| l)
    }

    /// Every meeting matching `query`, page after page, fetched as the loop asks for more:
    /// `for await (const m of client.meetings({ stage: "upcoming" })) { … }`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Meeting>")]
    pub fn meetings(&self, query: Option<Ts<meetings::ListQuery>>, #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>) -> JsValue {
        let checked = query_arg(query.as_ref()).and_then(|q| meetings::check_query(&q));
        let (first, length) = match &checked {
            Ok(q) => (q.page.unwrap_or(1), q.page_length.unwrap_or(DEFAULT_PAGE_LENGTH)),
            Err(_) => (1, DEFAULT_PAGE_LENGTH),
        };
        let inner = self.inner.clone();
        let fetch_page = Closure::<dyn FnMut(u32) -> js_sys::Promise>::new(move |page: u32| {
            let (inner, checked, options) = (inner.clone(), checked.clone(), options.clone());
            promise(async move {
                let query = meetings::CheckedQuery { page: Some(page), page_length: Some(length), ..checked? };
                let opts = CallOptions::read(&options)?;
                js::to_value(&inner.call::<(), meetings::MeetingList>(&meetings::list(&query), &opts).await?)
            })
        });
        js::pages(fetch_page.into_js_value().unchecked_ref(), first, length)
    }

    /// Stops the client's timers and cross-tab listener. The session stays stored.
    pub fn dispose(&self) {
        self.inner.auth.detach();
    }
}

/// The API's documented default page length.
const DEFAULT_PAGE_LENGTH: u32 = 10;

impl UcaasClient {
    /// The common shape of a call: read the options, build the request (`build` gets the time,
    /// for checks like "start in the future"), send it, decode `A`, and hand `pick(A)` to JS.
    fn run<B, A, T>(
        &self,
        options: Option<JsValue>,
        build: impl FnOnce(i64) -> Result<Request<B>, Error> + 'static,
        pick: impl FnOnce(A) -> T + 'static,
    ) -> js_sys::Promise
    where
        B: Serialize + 'static,
        A: DeserializeOwned + 'static,
        T: Serialize + 'static,
    {
        let inner = self.inner.clone();
        promise(async move {
            let opts = CallOptions::read(&options)?;
            let req = build(js::now_ms() as i64)?;
            js::to_value(&pick(inner.call::<B, A>(&req, &opts).await?))
        })
    }
}

impl Drop for UcaasClient {
    fn drop(&mut self) {
        self.inner.auth.detach();
    }
}

impl Inner {
    fn new(o: ClientOptions) -> Result<Self, Error> {
        let base_url = o.base_url.trim().trim_end_matches('/').to_owned();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err(Error::invalid("baseUrl", "baseUrl must be an http(s) URL, e.g. https://api.enablex.io/ucaas/v1."));
        }
        let api_id = o.api_id.trim().to_owned();
        if api_id.is_empty() {
            return Err(Error::invalid("apiId", "apiId (your application's X-Api-Id) is required."));
        }
        let app_type = o.app_type.unwrap_or_else(|| "vc".into());
        if app_type != "vc" && app_type != "wb" {
            return Err(Error::validation(1403, "appType"));
        }
        let storage = o.storage.as_deref().unwrap_or("session");
        let mode = Mode::parse(storage)
            .ok_or_else(|| Error::invalid("storage", "storage must be \"session\", \"local\" or \"memory\"."))?;
        let timeout_ms = positive(o.timeout_ms, 15_000.0, "timeoutMs")?;
        let ttl = positive(o.token_ttl_seconds, 900.0, "tokenTtlSeconds")?.min(86_400.0) as u32;
        let prefix = o.storage_key.unwrap_or_else(|| "ucaas.session".into());
        let store = Store::open(mode, storage_key(&prefix, &api_id));
        let target = Target { base_url, api_id, app_type, timeout_ms };
        Ok(Self { target, auth: AuthState::restore(store, ttl) })
    }

    /// Sends `req` (with the session's token if it needs one) and decodes the answer into `T`.
    /// An answer saying the token is not valid or expired ends the session.
    async fn call<B: Serialize, T: DeserializeOwned>(&self, req: &Request<B>, opts: &CallOptions) -> Result<T, Error> {
        let token = match req.auth {
            Auth::Token => Some(self.auth.token()?),
            Auth::ApiId => None,
        };
        match transport::send(&self.target, req, token.as_deref(), opts).await {
            Ok(json) => transport::read(json),
            Err(e) => {
                if token.is_some() && e.ends_session() {
                    self.auth.end(AuthEvent::Expired, token.as_deref());
                }
                Err(e)
            }
        }
    }
}

fn positive(v: Option<f64>, default: f64, field: &'static str) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(n) if n.is_finite() && n > 0.0 => Ok(n),
        Some(_) => Err(Error::invalid(field, format!("{field} must be a positive number."))),
    }
}

fn promise(fut: impl Future<Output = Result<JsValue, Error>> + 'static) -> js_sys::Promise {
    future_to_promise(async move { fut.await.map_err(JsValue::from) })
}

/// A string argument; anything else is a validation error naming `field`.
fn text_arg(v: &JsValue, field: &'static str) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::invalid(field, format!("{field} must be a string.")))
}

/// An object argument decoded into `T`.
fn input_arg<T: Tsify + DeserializeOwned>(v: &Ts<T>) -> Result<T, Error> {
    let v = v.js_value();
    if !v.is_object() {
        return Err(Error::invalid("input", "The input must be an object."));
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| Error::invalid("input", format!("Invalid input: {e}")))
}

fn query_arg(q: Option<&Ts<meetings::ListQuery>>) -> Result<meetings::ListQuery, Error> {
    match q {
        Some(q) if !q.js_value().is_undefined() && !q.js_value().is_null() => input_arg(q),
        _ => Ok(meetings::ListQuery::default()),
    }
}

/// A meeting input, with a `Date` start turned into the wire's UTC text first.
fn meeting_arg(v: &Ts<meetings::MeetingInput>) -> Result<meetings::MeetingInput, Error> {
    let raw = v.js_value();
    let start = get(&raw, "start_time");
    let Some(date) = start.and_then(|s| s.dyn_into::<js_sys::Date>().ok()) else {
        return input_arg(v);
    };
    let ms = date.get_time();
    if !ms.is_finite() {
        return Err(Error::validation(1602, "start_time"));
    }
    let copy = js_sys::Object::assign(&js_sys::Object::new(), raw.unchecked_ref());
    let _ = js_sys::Reflect::set(&copy, &"start_time".into(), &crate::validate::format_utc(ms as i64).into());
    input_arg(&Ts::new_unchecked(copy.into()))
}
