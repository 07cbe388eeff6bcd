//! `UcaasClient`, the class JavaScript uses. Each method validates its input into a
//! [`crate::api`] request and hands it to its [`Host`] (`js/runtime.js`), which sends it and
//! decodes the answer by the method's shape table. Methods that talk to the server return
//! promises and never throw synchronously: every failure is a rejected promise with a
//! `UcaasError`.

use super::js::{self, get, Host};
use super::shapes::js_shape;
use crate::api::list::{self, ListSpec};
use crate::api::{auth, branding, meetings, sessions, Auth, Request};
use crate::error::Error;
use crate::loose::Loose;
use crate::shape::{loose, Shaped, Tree};
use crate::shape_json;
use crate::validate::format_utc;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use ucaas_codes::code;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
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

/// Options of `new UcaasClient(options)`. (Read by `open` from the JS object; the struct
/// gives TypeScript its type.)
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

/// The optional last argument of every method that calls the API (read by `callOptions` in
/// `js/runtime.js`; this struct gives TypeScript its type).
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Aborts the call (the promise rejects with kind "aborted").
    #[serde(default)]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Loose,
    /// Overrides the client's `timeoutMs` for this call.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
}

/// `Option<Ts<CallOptions>>`: wasm-bindgen then types the parameter `options?: CallOptions`.
type Opts = Option<Ts<CallOptions>>;

/// A client of the UCaaS API for one application (API id) and one signed-in user at a time.
#[wasm_bindgen]
pub struct UcaasClient {
    host: Host,
}

#[wasm_bindgen]
impl UcaasClient {
    /// Creates a client and restores a stored session. Throws `UcaasError` (kind "validation")
    /// for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<UcaasClient, JsValue> {
        Ok(UcaasClient { host: open(&object_arg(&options)?)? })
    }

    /// The storage actually in use (`"memory"` when the requested one was unusable).
    #[wasm_bindgen(getter, js_name = storageMode, unchecked_return_type = "StorageMode")]
    pub fn storage_mode(&self) -> String {
        self.host.mode()
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
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                auth::login(text_arg(&email, "email")?.trim(), &text_arg(&password, "password")?)?.with_json_body()
            },
            LOGIN,
        )
    }

    /// The current session (user and expiry), or `undefined` when signed out.
    #[wasm_bindgen(unchecked_return_type = "Session | undefined")]
    pub fn session(&self) -> JsValue {
        self.host.session()
    }

    /// Forgets the session here (and, with `"local"` storage, in the origin's other tabs). A
    /// login still in flight is stopped (it rejects with kind "aborted"), and so are calls with
    /// the session's token.
    pub fn logout(&self) {
        self.host.logout();
    }

    /// Calls `listener(event, session)` on every auth change, and once at once with `"initial"`.
    /// Returns the function that unsubscribes it.
    #[wasm_bindgen(js_name = onAuthChange, unchecked_return_type = "() => void")]
    pub fn on_auth_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: AuthEvent, session: Session | undefined) => void")]
        listener: JsValue,
    ) -> Result<js_sys::Function, JsValue> {
        let listener: js_sys::Function =
            listener.dyn_into().map_err(|_| Error::invalid("listener", "onAuthChange takes a function."))?;
        Ok(self.host.subscribe(&listener))
    }

    /// Mails a password reset key to `email` (`POST /password`).
    #[wasm_bindgen(js_name = requestPasswordReset, unchecked_return_type = "Promise<PasswordData>")]
    pub fn request_password_reset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| auth::request_password_reset(text_arg(&email, "email")?.trim())?.with_json_body(),
            PASSWORD,
        )
    }

    /// Checks a reset key and tells whose it is (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = validateResetKey, unchecked_return_type = "Promise<PasswordData>")]
    pub fn validate_reset_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::validate_reset_key(&text_arg(&key, "key")?)?.with_json_body(), PASSWORD)
    }

    /// Sets a new password with a reset key (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = resetPassword, unchecked_return_type = "Promise<PasswordData>")]
    pub fn reset_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        input: Ts<auth::NewPassword>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                auth::reset_password(&text_arg(&key, "key")?, auth::NewPassword::read(&object_arg(&input)?)?)?
                    .with_json_body()
            },
            PASSWORD,
        )
    }

    /// Joins a session by PIN (`POST /sessions/join`); needs no login.
    #[wasm_bindgen(js_name = joinSession, unchecked_return_type = "Promise<JoinResult>")]
    pub fn join_session(&self, input: Ts<sessions::JoinInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| sessions::join(sessions::JoinInput::read(&object_arg(&input)?))?.with_json_body(),
            Answer::whole(shape_json!(sessions::JoinResult::SHAPE)),
        )
    }

    /// Invites people by email into a session (`POST /sessions/invite`); needs no login.
    #[wasm_bindgen(js_name = inviteToSession, unchecked_return_type = "Promise<InviteResult>")]
    pub fn invite_to_session(&self, input: Ts<sessions::InviteInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| sessions::invite(sessions::InviteInput::read(&object_arg(&input)?))?.with_json_body(),
            Answer::whole(shape_json!(sessions::InviteResult::SHAPE)),
        )
    }

    /// Fetches branding for a domain, customer or meeting (`GET /branding`); needs no login.
    #[wasm_bindgen(js_name = getBranding, unchecked_return_type = "Promise<Branding>")]
    pub fn get_branding(&self, query: Ts<branding::BrandingQuery>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| branding::get(branding::BrandingQuery::read(&object_arg(&query)?))?.with_json_body(),
            Answer::whole(shape_json!(branding::Branding::SHAPE)),
        )
    }

    /// Schedules a meeting (`POST /meetings`). `start_time` may be a `Date`.
    #[wasm_bindgen(js_name = scheduleMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn schedule_meeting(&self, input: Ts<meetings::MeetingInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |now| meetings::schedule(meeting_arg(input.js_value())?, now)?.with_json_body(), MEETING)
    }

    /// Reads one meeting (`GET /meetings/{id}`).
    #[wasm_bindgen(js_name = getMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn get_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| meetings::get(&text_arg(&id, "meeting_id")?)?.with_json_body(), MEETING)
    }

    /// Changes the fields `patch` gives (`PATCH /meetings/{id}`).
    #[wasm_bindgen(js_name = updateMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn update_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<MeetingInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |now| meetings::update(&text_arg(&id, "meeting_id")?, meeting_arg(patch)?, now)?.with_json_body(),
            MEETING,
        )
    }

    /// Cancels a meeting (`DELETE /meetings/{id}`). Never retried automatically.
    #[wasm_bindgen(js_name = cancelMeeting, unchecked_return_type = "Promise<CancelResult>")]
    pub fn cancel_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| meetings::cancel(&text_arg(&id, "meeting_id")?)?.with_json_body(),
            Answer::whole(shape_json!(meetings::CancelResult::SHAPE)),
        )
    }

    /// One page of meetings (`GET /meetings?...`).
    #[wasm_bindgen(js_name = listMeetings, unchecked_return_type = "Promise<MeetingList>")]
    pub fn list_meetings(&self, query: Option<Ts<meetings::ListQuery>>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| meetings::list(&meetings::check_query(&query_arg(query.as_ref())?)?).with_json_body(),
            LIST,
        )
    }

    /// Every meeting matching `query`, page after page, fetched as the loop asks for more:
    /// `for await (const m of client.meetings({ stage: "upcoming" })) { … }`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Meeting>")]
    pub fn meetings(&self, query: Option<Ts<meetings::ListQuery>>, options: Opts) -> JsValue {
        let checked = query_arg(query.as_ref()).and_then(|q| meetings::check_query(&q));
        self.pages(
            &meetings::LIST_ROUTE,
            checked,
            options.map(|o| o.js_value()),
            shape_json!(meetings::MeetingList::SHAPE),
            "meetings",
        )
    }

    /// Stops the client's timers and cross-tab listener. The session stays stored.
    pub fn dispose(&self) {
        self.host.detach();
    }
}

// The rest of the API (issue 7): permanent rooms, lobby, meeting branding, polls, contacts,
// groups, datapool, reports and administration. Only in the `full` build (`ucaas-client/full`),
// so that pages that sign in, join and schedule don't download it.
#[cfg(feature = "full")]
mod more;

/// The API's documented default page length.
const DEFAULT_PAGE_LENGTH: u32 = 10;

/// Which part of an answer a method returns, decoded by which shape.
#[derive(Clone, Copy)]
struct Answer {
    /// The answer's shape as `shape_json!` writes it (decoding fails if a required field is
    /// missing).
    shape: &'static str,
    /// The key of the part returned, or the whole answer.
    pick: Option<&'static str>,
    /// Bits for `Host.send` besides the request's own (`LOGIN_FLAG`).
    flags: u32,
}

impl Answer {
    const fn whole(shape: &'static str) -> Self {
        Self { shape, pick: None, flags: 0 }
    }

    const fn part(shape: &'static str, key: &'static str) -> Self {
        Self { shape, pick: Some(key), flags: 0 }
    }
}

// Bits of `Host.send`'s `flags` (js/runtime.js reads them by the same numbers).
/// Sends `Authorization: Token …` from the session.
const TOKEN_FLAG: u32 = 1;
/// Sends `X-App-Type`.
const APP_TYPE_FLAG: u32 = 2;
/// The answer is a login's: keep the session and return it.
const LOGIN_FLAG: u32 = 4;

const LOGIN: Answer = Answer { shape: shape_json!(auth::LoginAnswer::SHAPE), pick: None, flags: LOGIN_FLAG };
const PASSWORD: Answer = Answer::part(shape_json!(auth::PasswordAnswer::SHAPE), "data");
const MEETING: Answer = Answer::part(shape_json!(meetings::MeetingAnswer::SHAPE), "meeting");
const LIST: Answer = Answer::whole(shape_json!(meetings::MeetingList::SHAPE));

/// The `flags` bits a request itself asks for.
fn request_flags<B>(req: &Request<B>) -> u32 {
    let token = if req.auth == Auth::Token { TOKEN_FLAG } else { 0 };
    token | if req.app_type { APP_TYPE_FLAG } else { 0 }
}

impl UcaasClient {
    /// The common shape of a call: build the request now (`build` gets the time, for checks
    /// like "start in the future"), then hand it to the host. Only the building is generic.
    fn run(
        &self,
        options: Opts,
        build: impl FnOnce(i64) -> Result<Request<String>, Error>,
        answer: Answer,
    ) -> js_sys::Promise {
        self.send(options.map(|o| o.js_value()), None, build(js::now_ms() as i64), answer)
    }

    // Not generic and never inlined: one copy serves every method.
    #[inline(never)]
    fn send(
        &self,
        options: Option<JsValue>,
        files: Option<JsValue>,
        req: Result<Request<String>, Error>,
        answer: Answer,
    ) -> js_sys::Promise {
        let req = match req {
            Ok(req) => req,
            Err(e) => return js_sys::Promise::reject(&e.into()),
        };
        let headers = (!req.headers.is_empty()).then(|| serde_json::to_string(&req.headers).unwrap_or_default());
        self.host.send(
            req.method.as_str(),
            &req.path_and_query(),
            request_flags(&req) | answer.flags,
            headers,
            req.body,
            req.form.as_ref().map(crate::api::Form::to_json),
            &js_shape(answer.shape),
            answer.pick,
            &options.unwrap_or_default(),
            &files.unwrap_or_default(),
        )
    }

    /// Every item (`page[key]`) of a list route, page after page, fetched as the loop asks; a
    /// bad query rejects the first step.
    #[inline(never)]
    fn pages(
        &self,
        spec: &'static ListSpec,
        checked: Result<meetings::CheckedQuery, Error>,
        options: Option<JsValue>,
        shape: &'static str,
        key: &str,
    ) -> JsValue {
        let options = options.unwrap_or_default();
        match checked {
            Ok(q) => {
                let (first, length) = (q.page.unwrap_or(1), q.page_length.unwrap_or(DEFAULT_PAGE_LENGTH));
                let rest = list::request(spec, &meetings::CheckedQuery { page: None, page_length: None, ..q });
                let (path, query) = (&rest.path, rest.query_string());
                let shape = js_shape(shape);
                self.host.pages(
                    &JsValue::NULL,
                    path,
                    &query,
                    first,
                    length,
                    key,
                    request_flags(&rest),
                    &shape,
                    &options,
                )
            }
            Err(e) => self.host.pages(&e.into(), "", "", 1, 1, key, 0, &JsValue::NULL, &options),
        }
    }
}

impl Drop for UcaasClient {
    fn drop(&mut self) {
        self.host.detach();
    }
}

/// Reads and checks the request options of `new UcaasClient(options)` and opens the host with
/// them. `baseUrl` (parsed by the platform's WHATWG `URL`) and the session options (`storage`,
/// `storageKey`, `tokenTtlSeconds`, judged by the session rules in js/session.js) go on as given.
fn open(o: &JsValue) -> Result<Host, JsValue> {
    let text = |key: &'static str| -> Result<Option<String>, Error> {
        match loose(o, key) {
            Loose::Null => Ok(None),
            Loose::Str(s) => Ok(Some(s)),
            _ => Err(Error::invalid(key, format!("{key} must be a string."))),
        }
    };
    let api_id = text("apiId")?.unwrap_or_default().trim().to_owned();
    if api_id.is_empty() {
        return Err(Error::invalid("apiId", "apiId (your application's X-Api-Id) is required.").into());
    }
    let app_type = text("appType")?.unwrap_or_else(|| "vc".into());
    if app_type != "vc" && app_type != "wb" {
        return Err(Error::validation(code!(1403), "appType").into());
    }
    let timeout_ms = match loose(o, "timeoutMs") {
        Loose::Null => None,
        Loose::Num(n) => Some(n),
        _ => return Err(Error::invalid("timeoutMs", "timeoutMs must be a number.").into()),
    };
    let timeout_ms = positive(timeout_ms, 15_000.0, "timeoutMs")?;
    let given = |key: &str| get(o, key).unwrap_or(JsValue::UNDEFINED);
    Host::new(&js::object(&[
        ("baseUrl", given("baseUrl")),
        ("apiId", api_id.into()),
        ("appType", app_type.into()),
        ("timeoutMs", timeout_ms.into()),
        ("storage", given("storage")),
        ("storageKey", given("storageKey")),
        ("tokenTtlSeconds", given("tokenTtlSeconds")),
        ("userShape", js_shape(shape_json!(auth::User::SHAPE))),
    ]))
}

fn positive(v: Option<f64>, default: f64, field: &'static str) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(n) if n.is_finite() && n > 0.0 => Ok(n),
        Some(_) => Err(Error::invalid(field, format!("{field} must be a positive number."))),
    }
}

/// A string argument; anything else is a validation error naming `field`.
fn text_arg(v: &JsValue, field: &'static str) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::invalid(field, format!("{field} must be a string.")))
}

/// An object argument (its TypeScript type comes from `T`).
fn object_arg<T: Tsify>(v: &Ts<T>) -> Result<JsValue, Error> {
    let v = v.js_value();
    if Tree::is_object(&v) {
        Ok(v)
    } else {
        Err(Error::invalid("input", "The input must be an object."))
    }
}

fn query_arg(q: Option<&Ts<meetings::ListQuery>>) -> Result<meetings::ListQuery, Error> {
    match q.map(Ts::js_value).filter(|v| !v.is_undefined() && !v.is_null()) {
        Some(v) if Tree::is_object(&v) => Ok(meetings::ListQuery::read(&v)),
        Some(_) => Err(Error::invalid("query", "The query must be an object.")),
        None => Ok(meetings::ListQuery::default()),
    }
}

/// A meeting input, with a `Date` start turned into the wire's UTC text first.
fn meeting_arg(raw: JsValue) -> Result<meetings::MeetingInput, Error> {
    if !Tree::is_object(&raw) {
        return Err(Error::invalid("input", "The input must be an object."));
    }
    let input = meetings::MeetingInput::read(&raw)?;
    match get(&raw, "start_time").and_then(|s| s.dyn_into::<js_sys::Date>().ok()) {
        None => Ok(input),
        Some(date) if date.get_time().is_finite() => {
            Ok(meetings::MeetingInput { start_time: Loose::Str(format_utc(date.get_time() as i64)), ..input })
        }
        Some(_) => Err(Error::validation(code!(1602), "start_time")),
    }
}
