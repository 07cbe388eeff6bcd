//! `UcaasClient`, the class JavaScript uses. Each method validates its input into a
//! [`crate::api`] request and hands it to its [`Host`] (`js/runtime.js`), which sends it and
//! decodes the answer by the method's shape table. Methods that talk to the server return
//! promises and never throw synchronously: every failure is a rejected promise with a
//! `UcaasError`.

use super::js::{self, Host};
use super::shapes::js_shape;
use crate::api::list::{self, CheckedQuery, ListSpec};
use crate::api::{self, Auth, Request};
use crate::error::Error;
use crate::loose::Loose;
use crate::shape::{loose, Shaped, Tree};
use crate::shape_json;
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

/** Every failure of the client: a real `Error`, so `instanceof UcaasError` and `instanceof Error` work
 * (one class for every build: an error of `ucaas-client/full` is an `instanceof` the core's too). */
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

/** Whether `e` is a `UcaasError`: of any build of the package (one class serves them all), or of
 * another copy of it (two versions in one bundle). */
export declare function isUcaasError(e: unknown): e is UcaasError;
"#;

// The meeting interface over both vendors (js/meetings.js; the full and server builds' entries
// give the classes `asMeetingProvider`).
#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const TS_MEETINGS: &'static str = r#"
/** The vendor a `ProviderMeeting` comes from. */
export type MeetingVendor = "ucaas" | "iotum";

/** A meeting in the terms both vendors share (`ProviderMeeting`: `Meeting` is the UCaaS API's own). */
export interface ProviderMeeting {
  /** The vendor's id (UCaaS `meeting_id`, Iotum `conference_id` as text). */
  id: string;
  /** UCaaS `room_name`, Iotum `subject`. */
  title: string;
  /** When it starts. */
  start: Date;
  /** How long it is scheduled for. */
  duration_minutes: number;
  /** Where to join: UCaaS `direct_url`, Iotum `room_url`. */
  join_url?: string;
  /** What makes a moderator: UCaaS `mpin`, Iotum `moderator_token`. */
  host_pin?: string;
  /** What lets a participant in: UCaaS `ppin`, Iotum `one_time_access_code`. */
  participant_pin?: string;
  /** Which vendor. */
  vendor: MeetingVendor;
  /** The vendor's record as the vendor client returns it. */
  raw: unknown;
}

/** What `MeetingProvider.schedule` takes. */
export interface MeetingScheduleInput {
  /** 3 to 50 characters for UCaaS. */
  title: string;
  /** When it starts (in the future). */
  start: Date;
  /** Minutes (UCaaS: at least 10). */
  duration_minutes: number;
  /** UCaaS `desc`, Iotum `agenda`. */
  description?: string;
  /** Iotum: the IANA zone the conference is shown in (default "UTC"); UCaaS schedules in UTC. */
  time_zone?: string;
  /** Fields of the vendor's own input, passed on as they are (e.g. `{ participants: 25 }` for
   * UCaaS, `{ one_time_access_code: true }` for Iotum). */
  extra?: Record<string, unknown>;
}

/** Which meetings `MeetingProvider.list` yields: those starting within `from` and `to`. */
export interface MeetingQuery {
  from?: Date;
  to?: Date;
}

/** One way to schedule, read, list and cancel meetings on either vendor. */
export interface MeetingProvider {
  readonly vendor: MeetingVendor;
  /** Schedules a meeting (a write: sent once). */
  schedule(input: MeetingScheduleInput, options?: CallOptions): Promise<ProviderMeeting>;
  /** Reads a meeting by its id. */
  get(id: string, options?: CallOptions): Promise<ProviderMeeting>;
  /** The scheduled meetings that have not ended (UCaaS: current, then upcoming), page after page. */
  list(query?: MeetingQuery, options?: CallOptions): AsyncIterable<ProviderMeeting>;
  /** Cancels a meeting (a write: sent once). */
  cancel(id: string, options?: CallOptions): Promise<void>;
}
"#;

// `asMeetingProvider` on the classes of the build (merged into their declarations).
#[cfg(all(feature = "full", not(feature = "server")))]
#[wasm_bindgen(typescript_custom_section)]
const TS_MEETINGS_CLIENT: &'static str = r#"
export interface UcaasClient {
  /** The signed-in user's meetings as a `MeetingProvider`. */
  asMeetingProvider(): MeetingProvider;
}
"#;
#[cfg(feature = "server")]
#[wasm_bindgen(typescript_custom_section)]
const TS_MEETINGS_SERVER: &'static str = r#"
export interface UcaasServer {
  /** Your account's meetings as a `MeetingProvider`. */
  asMeetingProvider(): MeetingProvider;
}
export interface IotumClient {
  /** A host's conferences as a `MeetingProvider` (Iotum schedules for a host). */
  asMeetingProvider(options: { host_id: number | string }): MeetingProvider;
}
"#;

/// Options of `new UcaasClient(options)`. (Read by `open` from the JS object; the struct
/// gives TypeScript its type.)
#[cfg_attr(feature = "server", allow(dead_code))] // the server build's is `ServerOptions`
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
// Never built in Rust: the methods take a `JsValue` typed `CallOptions`.
#[allow(dead_code)]
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

/// A client of the UCaaS API for one application (API id) and one signed-in user at a time.
///
/// The server build exports the same type as `UcaasServer` (every impl block of it says
/// `js_class = "UcaasServer"` there): the same methods, authenticated by HTTP Basic.
#[cfg_attr(not(feature = "server"), wasm_bindgen)]
#[cfg_attr(feature = "server", wasm_bindgen(js_name = "UcaasServer"))]
pub struct UcaasClient {
    host: Host,
}

#[cfg(not(feature = "server"))]
#[wasm_bindgen]
impl UcaasClient {
    /// Creates a client and restores a stored session. Throws `UcaasError` (kind "validation")
    /// for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<UcaasClient, JsValue> {
        Ok(UcaasClient { host: open(&arg::object(&options.js_value())?)? })
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

    /// Stops the client's timers and cross-tab listener. The session stays stored.
    pub fn dispose(&self) {
        self.host.detach();
    }
}

/// Options of `new UcaasServer(options)` (the server build). (Read by `open` and js/server.js
/// from the JS object; the struct gives TypeScript its type.)
#[cfg(feature = "server")]
#[derive(Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // never built in Rust
pub struct ServerOptions {
    /// The API's base URL, e.g. `https://api.enablex.io/ucaas/v1` (the emulator's in development).
    pub base_url: String,
    /// Your application's API id (the Basic user name).
    pub api_id: String,
    /// Your application's API key (the Basic password): keep it in a secret store
    /// (`wrangler secret put`, an environment variable), never in code or a page.
    pub api_key: String,
    /// `X-App-Type` on the meeting routes: `"vc"` (video meeting, default) or `"wb"` (webinar).
    #[serde(default)]
    #[tsify(optional, type = "\"vc\" | \"wb\"")]
    pub app_type: Option<String>,
    /// Per-attempt timeout in milliseconds (default 15000).
    #[serde(default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
}

#[cfg(feature = "server")]
#[wasm_bindgen(js_class = "UcaasServer")]
impl UcaasClient {
    /// Creates a server-side client: every call carries `Authorization: Basic` with the API id
    /// and key. Throws `UcaasError` (kind "validation") for bad options; the message never
    /// contains the key.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ServerOptions>) -> Result<UcaasClient, JsValue> {
        Ok(UcaasClient { host: open(&arg::object(&options.js_value())?)? })
    }

    /// Ends the client's use (it holds no timers or listeners: for symmetry with `UcaasClient`).
    pub fn dispose(&self) {
        self.host.detach();
    }
}

// The methods of the API's endpoints are generated by `#[endpoint]` in each area's module
// (src/api/<area>.rs); src/api/mod.rs decides which areas the core build has. Here: the
// methods of the session itself (not in the server build, which has none).
#[cfg(not(feature = "server"))]
mod session;
// The other APIs' classes, in the server build.
#[cfg(feature = "server")]
mod cpaas;
#[cfg(feature = "server")]
pub use cpaas::CpaasClient;
#[cfg(feature = "server")]
mod iotum;
#[cfg(feature = "server")]
pub use iotum::IotumClient;

/// The API's documented default page length.
const DEFAULT_PAGE_LENGTH: u32 = 10;

/// Which part of an answer a method returns, decoded by which shape (written by `#[endpoint]`).
#[derive(Clone, Copy)]
pub(crate) struct Answer {
    /// The answer's shape as `shape_json!` writes it (decoding fails if a required field is
    /// missing).
    pub shape: &'static str,
    /// The key of the part returned, or the whole answer.
    pub pick: Option<&'static str>,
    /// Bits for `Host.send` besides the request's own (`LOGIN_FLAG`).
    pub flags: u32,
}

// Bits of `Host.send`'s `flags` (js/runtime.js reads them by the same numbers).
/// Sends `Authorization: Token …` from the session.
const TOKEN_FLAG: u32 = 1;
/// Sends `X-App-Type`.
const APP_TYPE_FLAG: u32 = 2;
/// The answer is a login's: keep the session and return it.
#[cfg_attr(feature = "server", allow(dead_code))] // no login there
pub(crate) const LOGIN_FLAG: u32 = 4;
/// The call only reads: the host may repeat it after a timeout, a network error or a 5xx
/// (`#[endpoint(…, read)]`; the Iotum API posts every call).
#[cfg(feature = "server")]
pub(crate) const READ_FLAG: u32 = 8;

/// The `flags` bits a request itself asks for.
fn request_flags<B>(req: &Request<B>) -> u32 {
    let token = if req.auth == Auth::Token { TOKEN_FLAG } else { 0 };
    token | if req.app_type { APP_TYPE_FLAG } else { 0 }
}

// What the methods `#[endpoint]` generates call: `self.call`, `self.list`, `self.iterate`, each
// class its own (inherent methods, not a trait's defaults: those measured +350 B in the core
// build), all through the one `send` and `pages` below.
impl UcaasClient {
    /// Builds the request now (`build` gets the time, for checks like "start in the future")
    /// and hands it to the host with the answer's shape; `files`: the input a multipart
    /// request's file parts are taken from. Only the building is generic.
    pub(crate) fn call(
        &self,
        options: Option<JsValue>,
        files: Option<JsValue>,
        build: impl FnOnce(i64) -> Result<Request<String>, Error>,
        answer: Answer,
    ) -> js_sys::Promise {
        send(&self.host, options, files, build(js::now_ms() as i64), answer)
    }

    /// One page of a list route (`#[endpoint(list, …)]`).
    pub(crate) fn list(
        &self,
        spec: &'static ListSpec,
        query: Option<JsValue>,
        options: Option<JsValue>,
        shape: &'static str,
    ) -> js_sys::Promise {
        self.call(
            options,
            None,
            move |_| list::request(spec, &list::check(arg::opt_query(query)?.as_ref(), spec)?).with_json_body(),
            Answer { shape, pick: None, flags: 0 },
        )
    }

    /// Every item (`page[key]`) of a list route, page after page, fetched as the loop asks
    /// (`#[endpoint(list, …)]`); a bad query rejects the first step.
    pub(crate) fn iterate(
        &self,
        spec: &'static ListSpec,
        query: Option<JsValue>,
        options: Option<JsValue>,
        shape: &'static str,
        key: &str,
    ) -> JsValue {
        let checked = arg::opt_query(query).and_then(|q| list::check(q.as_ref(), spec));
        pages(&self.host, spec, checked, options, shape, key)
    }
}

// Not generic and never inlined: one copy serves every method.
#[inline(never)]
pub(crate) fn send(
    host: &Host,
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
    host.send(
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

// Not generic and never inlined: one copy serves every list.
#[inline(never)]
pub(crate) fn pages(
    host: &Host,
    spec: &'static ListSpec,
    checked: Result<CheckedQuery, Error>,
    options: Option<JsValue>,
    shape: &'static str,
    key: &str,
) -> JsValue {
    let options = options.unwrap_or_default();
    match checked {
        Ok(q) => {
            let (first, length) = (q.page.unwrap_or(1), q.page_length.unwrap_or(DEFAULT_PAGE_LENGTH));
            let rest = list::request(spec, &CheckedQuery { page: None, page_length: None, ..q });
            let (path, query) = (&rest.path, rest.query_string());
            let shape = js_shape(shape);
            host.pages(&JsValue::NULL, path, &query, first, length, key, request_flags(&rest), &shape, &options)
        }
        Err(e) => host.pages(&e.into(), "", "", 1, 1, key, 0, &JsValue::NULL, &options),
    }
}

impl Drop for UcaasClient {
    fn drop(&mut self) {
        self.host.detach();
    }
}

/// Checks `appType` (a documented code, 1403) and opens the host with the options. The rest —
/// `baseUrl`, `apiId`, `timeoutMs` (the transport's) and `storage`, `storageKey`,
/// `tokenTtlSeconds` (the session rules') — are checked by `Host` in js/runtime.js, where they
/// are used.
fn open(o: &JsValue) -> Result<Host, JsValue> {
    let app_type = match loose(o, "appType") {
        Loose::Null => "vc".to_owned(),
        Loose::Str(s) if s == "vc" || s == "wb" => s,
        _ => return Err(Error::validation(code!(1403), "appType").into()),
    };
    let checked =
        js::object(&[("appType", app_type.into()), ("userShape", js_shape(shape_json!(api::auth::User::SHAPE)))]);
    // A copy: the caller's object is theirs.
    let options = js_sys::Object::assign(&js_sys::Object::new(), o.unchecked_ref());
    Host::new(&js_sys::Object::assign(&options, checked.unchecked_ref()).into())
}

/// The readers of a method's arguments, one per kind of builder parameter (`#[endpoint]`).
// Some kinds occur in the full build's areas only.
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub(crate) mod arg {
    use super::*;

    /// A string; anything else is a validation error naming `field`.
    pub fn text(v: &JsValue, field: &'static str) -> Result<String, Error> {
        v.as_string().ok_or_else(|| Error::invalid(field, format!("{field} must be a string.")))
    }

    /// An optional string: `undefined`/`null` is none.
    pub fn opt_text(v: Option<JsValue>, field: &'static str) -> Result<Option<String>, Error> {
        match v {
            Some(v) if !v.is_undefined() && !v.is_null() => text(&v, field).map(Some),
            _ => Ok(None),
        }
    }

    /// Any value, as the builder's rules read it.
    pub fn scalar(v: &JsValue) -> Loose {
        Tree::scalar(v)
    }

    /// An object (an input); anything else is a validation error.
    pub fn object(v: &JsValue) -> Result<JsValue, Error> {
        if Tree::is_object(v) {
            Ok(v.clone())
        } else {
            Err(Error::invalid("input", "The input must be an object."))
        }
    }

    /// An optional input object: `undefined`/`null` is `{}`.
    #[cfg(feature = "server")]
    pub fn opt_object(v: Option<JsValue>) -> Result<JsValue, Error> {
        match v {
            Some(v) if !v.is_undefined() && !v.is_null() => object(&v),
            _ => Ok(js_sys::Object::new().into()),
        }
    }

    /// An optional object (a list query): `undefined`/`null` is none.
    pub fn opt_query(v: Option<JsValue>) -> Result<Option<JsValue>, Error> {
        let v = v.unwrap_or_default();
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else if Tree::is_object(&v) {
            Ok(Some(v))
        } else {
            Err(Error::invalid("query", "The query must be an object."))
        }
    }
}
