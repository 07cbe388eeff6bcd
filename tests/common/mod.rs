//! Helpers shared by the in-browser suites (`tests/web.rs` in a page, `tests/worker.rs` in a
//! dedicated Web Worker). They drive `UcaasClient` through the same `JsValue` / `Promise`
//! surface JavaScript sees, and the emulator through its `/__emulator/` control API.
//!
//! The emulator URLs reach the tests at compile time (`tests/browser.sh` sets them); a test run
//! without them fails on the first test that needs one, with a message saying so.
#![allow(dead_code)]

use js_sys::{Function, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use tsify::Ts;
use ucaas_client::wasm::UcaasClient;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub const API_ID: &str = "demo-app";
pub const PASSWORD: &str = "Passw0rd!";
pub const ALICE: &str = "alice@example.test";

const HOW: &str = "run the browser suites with tests/browser.sh, which starts the emulators and sets it";

/// The shared emulator (default token life), e.g. `http://127.0.0.1:PORT/ucaas/v1`.
pub fn emulator_url() -> &'static str {
    option_env!("UCAAS_EMULATOR_URL").unwrap_or_else(|| panic!("UCAAS_EMULATOR_URL was not set at compile time: {HOW}"))
}

/// The emulator started with a short `--token-ttl`, for server-side expiry (its clock is moved).
pub fn short_ttl_url() -> &'static str {
    option_env!("UCAAS_SHORT_TTL_URL")
        .unwrap_or_else(|| panic!("UCAAS_SHORT_TTL_URL was not set at compile time: {HOW}"))
}

/// A base URL on a port nothing listens on.
pub fn closed_url() -> &'static str {
    option_env!("UCAAS_CLOSED_URL").unwrap_or_else(|| panic!("UCAAS_CLOSED_URL was not set at compile time: {HOW}"))
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (page or worker).
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &Function, ms: f64) -> JsValue;
}

// ---------------------------------------------------------------------------------------------
// JS values

pub fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

pub fn n(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

/// A plain object.
pub fn obj(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &s(k), v).unwrap();
    }
    o.into()
}

/// An array of strings.
pub fn strs(items: &[&str]) -> JsValue {
    items.iter().map(|i| s(i)).collect::<js_sys::Array>().into()
}

/// `o[key]` (undefined when missing).
pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &s(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `o.a.b.c` as a string, if it is one.
pub fn text(o: &JsValue, path: &str) -> Option<String> {
    path.split('.').fold(o.clone(), |v, k| get(&v, k)).as_string()
}

/// `o.a.b.c` as a number, if it is one.
pub fn num(o: &JsValue, path: &str) -> Option<f64> {
    path.split('.').fold(o.clone(), |v, k| get(&v, k)).as_f64()
}

pub fn items(v: &JsValue) -> Vec<JsValue> {
    assert!(js_sys::Array::is_array(v), "not an array: {v:?}");
    js_sys::Array::from(v).iter().collect()
}

pub fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).map(String::from).unwrap_or_default()
}

pub fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// A name no other test (nor an earlier run) uses.
pub fn unique(prefix: &str) -> String {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    let i = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let rand = (js_sys::Math::random() * 1e9) as u64;
    format!("{prefix}-{}-{i}-{rand}", js_sys::Date::now() as u64)
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub async fn sleep(ms: f64) {
    let p = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    JsFuture::from(p).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// The client

/// Options for `new UcaasClient(..)` against `base`, with a storage key of its own.
pub fn options(base: &str, storage: &str, key: &str) -> JsValue {
    obj(&[("baseUrl", s(base)), ("apiId", s(API_ID)), ("storage", s(storage)), ("storageKey", s(key))])
}

/// Adds or replaces option `k`.
pub fn with(o: JsValue, k: &str, v: JsValue) -> JsValue {
    Reflect::set(&o, &s(k), &v).unwrap();
    o
}

/// `new UcaasClient(options)`; a throw comes back as `Err`.
pub fn try_client(options: JsValue) -> Result<UcaasClient, JsValue> {
    UcaasClient::new(Ts::new_unchecked(options))
}

pub fn client_with(options: JsValue) -> UcaasClient {
    try_client(options).unwrap_or_else(|e| panic!("new UcaasClient failed: {}", failure(&e)))
}

/// A client of the shared emulator with `storage` and a fresh storage key; returns the key too.
pub fn client(storage: &str) -> (UcaasClient, String) {
    let key = unique("t");
    (client_with(options(emulator_url(), storage, &key)), key)
}

/// The key the client stores under (`{storageKey}:{apiId}`).
pub fn stored_key(prefix: &str) -> String {
    format!("{prefix}:{API_ID}")
}

/// Awaits a promise the client returned.
pub async fn call(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

/// Awaits a promise that must resolve.
pub async fn ok(p: Promise) -> JsValue {
    match call(p).await {
        Ok(v) => v,
        Err(e) => panic!("expected success, got {}", failure(&e)),
    }
}

pub async fn login(c: &UcaasClient, email: &str) -> JsValue {
    ok(c.login(s(email), s(PASSWORD), None)).await
}

/// What a thrown `UcaasError` says.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: String,
    pub code: Option<u32>,
    pub status: Option<u16>,
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UcaasError {{ kind: {}, code: {:?}, status: {:?}, field: {:?}, message: {:?} }}",
            self.kind, self.code, self.status, self.field, self.message
        )
    }
}

/// Reads a thrown value, checking it is a real `Error` named `UcaasError`.
pub fn failure(e: &JsValue) -> Failure {
    assert!(e.is_instance_of::<js_sys::Error>(), "thrown value is not an Error: {e:?}");
    assert_eq!(text(e, "name").as_deref(), Some("UcaasError"), "thrown Error is not a UcaasError: {e:?}");
    Failure {
        kind: text(e, "kind").expect("UcaasError without kind"),
        code: get(e, "code").as_f64().map(|c| c as u32),
        status: get(e, "status").as_f64().map(|c| c as u16),
        field: text(e, "field"),
        message: text(e, "message").unwrap_or_default(),
    }
}

/// Awaits a promise that must reject with a `UcaasError`.
pub async fn fails(p: Promise) -> Failure {
    match call(p).await {
        Ok(v) => panic!("expected a UcaasError, the call succeeded with {}", json(&v)),
        Err(e) => failure(&e),
    }
}

/// Asserts a validation failure with `code` and `field`.
pub fn assert_validation(f: &Failure, code: u32, field: &str) {
    assert_eq!(f.kind, "validation", "{f}");
    assert_eq!(f.code, Some(code), "{f}");
    assert_eq!(f.field.as_deref(), Some(field), "{f}");
    assert_eq!(f.status, None, "a local validation failure has no HTTP status: {f}");
    assert!(!f.message.is_empty(), "{f}");
}

/// Records every `onAuthChange` event of a client as `event` or `event:email`.
#[derive(Clone)]
pub struct Events {
    log: Rc<RefCell<Vec<String>>>,
    pub unsubscribe: Function,
}

impl Events {
    pub fn record(c: &UcaasClient) -> Self {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sink = log.clone();
        let listener = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |event: JsValue, session: JsValue| {
            let event = event.as_string().expect("event is a string");
            let entry = match text(&session, "user.email") {
                Some(email) => format!("{event}:{email}"),
                None if session.is_undefined() => event,
                None => {
                    assert!(
                        num(&session, "expires_at").is_some(),
                        "session is neither a session nor undefined: {session:?}"
                    );
                    format!("{event}:(no user)")
                }
            };
            sink.borrow_mut().push(entry);
        });
        let unsubscribe = c.on_auth_change(listener.into_js_value()).expect("onAuthChange");
        Self { log, unsubscribe }
    }

    pub fn list(&self) -> Vec<String> {
        self.log.borrow().clone()
    }

    pub fn count(&self, event: &str) -> usize {
        self.log.borrow().iter().filter(|e| e.split(':').next() == Some(event)).count()
    }

    /// Waits (up to `ms`) until `event` has been seen.
    pub async fn wait_for(&self, event: &str, ms: f64) {
        self.wait_for_nth(event, 1, ms).await;
    }

    /// Waits (up to `ms`) until `event` has been seen `n` times (a second `signed_in` is not
    /// the first one seen again).
    pub async fn wait_for_nth(&self, event: &str, n: usize, ms: f64) {
        let until = now_ms() + ms;
        while self.count(event) < n {
            assert!(now_ms() < until, "no {event:?} event #{n} within {ms} ms; events: {:?}", self.list());
            sleep(20.0).await;
        }
    }
}

/// Every item of an async iterable (`for await`), or the first rejection.
pub async fn collect_async(iterable: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    let method: Function = Reflect::get(iterable, &js_sys::Symbol::async_iterator())?.dyn_into()?;
    let iterator = method.call0(iterable)?;
    let next: Function = get(&iterator, "next").dyn_into()?;
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(next.call0(&iterator)?.dyn_into::<Promise>()?).await?;
        if get(&step, "done").as_bool() == Some(true) {
            return Ok(out);
        }
        out.push(get(&step, "value"));
    }
}

/// A meeting input starting `minutes` from now (a `Date`).
pub fn meeting_input(name: &str, minutes: f64) -> JsValue {
    obj(&[
        ("room_name", s(name)),
        ("start_time", js_sys::Date::new(&n(now_ms() + minutes * 60_000.0)).into()),
        ("duration", n(30.0)),
        ("moderators", n(1.0)),
        ("participants", n(4.0)),
    ])
}

// ---------------------------------------------------------------------------------------------
// Browser storage

/// `globalThis[name]` as a Storage (`localStorage` / `sessionStorage`), if the global has one.
pub fn web_storage(name: &str) -> Option<web_sys::Storage> {
    let v = Reflect::get(&js_sys::global(), &s(name)).ok()?;
    v.is_object().then(|| v.unchecked_into())
}

pub fn local() -> web_sys::Storage {
    web_storage("localStorage").expect("localStorage")
}

pub fn session_storage() -> web_sys::Storage {
    web_storage("sessionStorage").expect("sessionStorage")
}

// ---------------------------------------------------------------------------------------------
// Emulator control (`/__emulator/`)

/// One entry of the emulator's request log.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    pub seq: u64,
    pub method: String,
    pub path: String,
    pub status: u16,
    /// The `Authorization` scheme the request carried (`Token`, `Basic`, …), never its value.
    pub auth: Option<String>,
}

pub struct Emulator {
    control: String,
    pub base: &'static str,
}

impl Emulator {
    pub fn main() -> Self {
        Self::at(emulator_url())
    }

    pub fn short_ttl() -> Self {
        Self::at(short_ttl_url())
    }

    fn at(base: &'static str) -> Self {
        let origin =
            base.strip_suffix("/ucaas/v1").unwrap_or_else(|| panic!("emulator URL {base} does not end in /ucaas/v1"));
        Self { control: format!("{origin}/__emulator"), base }
    }

    /// A control request; panics unless it answers `result: 1`.
    pub async fn control(&self, method: &str, path: &str, body: Option<&str>) -> JsValue {
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if let Some(body) = body {
            init.set_body(&s(body));
        }
        let url = format!("{}{path}", self.control);
        let response: web_sys::Response = JsFuture::from(global_fetch(&url, &init))
            .await
            .unwrap_or_else(|e| panic!("emulator control {method} {url} failed: {e:?}"))
            .unchecked_into();
        let body = JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap_or_default();
        assert_eq!(response.status(), 200, "emulator control {method} {url}: {body}");
        let v = parse(&body);
        assert_eq!(num(&v, "result"), Some(1.0), "emulator control {method} {url}: {body}");
        v
    }

    /// Requests logged after `seq`.
    pub async fn requests_since(&self, seq: u64) -> Vec<Logged> {
        let v = self.control("GET", &format!("/requests?since={seq}"), None).await;
        items(&get(&v, "requests"))
            .iter()
            .map(|r| Logged {
                seq: num(r, "seq").unwrap() as u64,
                method: text(r, "method").unwrap(),
                path: text(r, "path").unwrap(),
                status: num(r, "status").unwrap() as u16,
                auth: text(r, "auth"),
            })
            .collect()
    }

    /// Requests logged after `seq`, CORS preflights left out.
    pub async fn api_requests_since(&self, seq: u64) -> Vec<Logged> {
        self.requests_since(seq).await.into_iter().filter(|r| r.method != "OPTIONS").collect()
    }

    /// The seq of the last logged request (0 if none).
    pub async fn last_seq(&self) -> u64 {
        self.requests_since(0).await.last().map_or(0, |r| r.seq)
    }

    /// Requests to `path` (`/ucaas/v1/...`) logged after `seq`, CORS preflights (`OPTIONS`,
    /// which the browser sends and caches on its own) left out.
    pub async fn requests_to(&self, seq: u64, path: &str) -> Vec<Logged> {
        self.requests_since(seq).await.into_iter().filter(|r| r.path == path && r.method != "OPTIONS").collect()
    }

    /// Waits for an answer the emulator holds back `ms`, asked for now. By then an answer it was
    /// already holding back as long (a stopped login's) would have reached the page too: the
    /// positive signal a "nothing happened" check waits for, instead of a bare sleep.
    pub async fn round_trip_after(&self, ms: u32) {
        self.fault(&format!(r#"{{"route":"/branding","method":"GET","latency_ms":{ms},"count":1}}"#)).await;
        let init = web_sys::RequestInit::new();
        let headers = web_sys::Headers::new().unwrap();
        headers.set("X-Api-Id", API_ID).unwrap();
        init.set_headers(&headers);
        let url = format!("{}/branding?domain=meet.example.test", self.base);
        let response: web_sys::Response =
            JsFuture::from(global_fetch(&url, &init)).await.expect("the held-back answer").unchecked_into();
        assert_eq!(response.status(), 200, "GET {url}");
    }

    /// Adds a fault (JSON as in emulator/README.md); returns its id.
    pub async fn fault(&self, spec: &str) -> u64 {
        let v = self.control("POST", "/faults", Some(spec)).await;
        num(&v, "fault.id").expect("fault id") as u64
    }

    pub async fn remove_fault(&self, id: u64) {
        let init = web_sys::RequestInit::new();
        init.set_method("DELETE");
        // 404 when it was used up already: fine.
        let _ = JsFuture::from(global_fetch(&format!("{}/faults/{id}", self.control), &init)).await;
    }

    pub async fn advance_clock(&self, seconds: u32) {
        self.control("POST", "/clock", Some(&format!("{{\"advance_seconds\":{seconds}}}"))).await;
    }

    /// Mails sent to `to`, oldest first.
    pub async fn outbox(&self, to: &str) -> Vec<JsValue> {
        let to = String::from(js_sys::encode_uri_component(to));
        items(&get(&self.control("GET", &format!("/outbox?to={to}"), None).await, "mails"))
    }
}

/// A JS value handed to a method: as it is (the endpoint methods take `JsValue`s typed for
/// TypeScript), or as a tsify-typed object (the constructor's options).
pub fn ts<A: Arg>(v: JsValue) -> A {
    A::from_js(v)
}

/// What [`ts`] makes.
pub trait Arg {
    /// The argument holding `v`.
    fn from_js(v: JsValue) -> Self;
}

impl Arg for JsValue {
    fn from_js(v: JsValue) -> Self {
        v
    }
}

impl<T: tsify::Tsify> Arg for Ts<T>
where
    T::JsType: JsCast,
{
    fn from_js(v: JsValue) -> Self {
        Ts::new_unchecked(v)
    }
}

/// Shifts `Date.now` (the client's clock) by `ms` until dropped: a laptop waking from sleep, a
/// user's clock set forward. Timers keep real time.
pub struct ClockShift {
    real: JsValue,
}

impl ClockShift {
    pub fn by(ms: f64) -> Self {
        let shift =
            Function::new_with_args("ms", "const real = Date.now; Date.now = () => real.call(Date) + ms; return real;");
        Self { real: shift.call1(&JsValue::NULL, &n(ms)).expect("Date.now shifted") }
    }
}

impl Drop for ClockShift {
    fn drop(&mut self) {
        let _ = Reflect::set(&get(&js_sys::global(), "Date"), &s("now"), &self.real);
    }
}

/// Replaces the global `fetch` with one that answers every request with `status` and `body`
/// (JSON), until dropped: answers no emulator gives (a gateway's JSON, a wrong shape).
pub struct FetchStub {
    real: JsValue,
}

impl FetchStub {
    pub fn answering(status: u16, body: &str) -> Self {
        let stub = Function::new_with_args(
            "status, body",
            "const real = globalThis.fetch; \
             globalThis.fetch = async () => new Response(body, \
               { status, headers: { 'content-type': 'application/json' } }); \
             return real;",
        );
        Self { real: stub.call2(&JsValue::NULL, &n(f64::from(status)), &s(body)).expect("fetch replaced") }
    }
}

impl Drop for FetchStub {
    fn drop(&mut self) {
        let _ = Reflect::set(&js_sys::global(), &s("fetch"), &self.real);
    }
}

/// The bytes and content type at `url` (relative URLs against the emulator's origin).
pub async fn fetch_back(url: &str) -> (Vec<f64>, String) {
    let base = emulator_url();
    let origin = &base[..base.find("/ucaas").unwrap_or(base.len())];
    let full = if url.starts_with('/') { format!("{origin}{url}") } else { url.to_owned() };
    let p: Promise = Function::new_with_args(
        "u",
        "return fetch(u).then(async r => ({status: r.status, type: r.headers.get('content-type') || '', bytes: Array.from(new Uint8Array(await r.arrayBuffer()))}))",
    )
    .call1(&JsValue::UNDEFINED, &s(&full))
    .unwrap()
    .unchecked_into();
    let r = JsFuture::from(p).await.unwrap();
    assert_eq!(num(&r, "status"), Some(200.0), "GET {full}");
    (items(&get(&r, "bytes")).iter().map(|b| b.as_f64().unwrap()).collect(), text(&r, "type").unwrap_or_default())
}
