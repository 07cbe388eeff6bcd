//! Sends a [`Request`] with `fetch`: headers, JSON body, timeout, the caller's abort signal, and
//! retries of idempotent requests. Returns the parsed JSON of a successful answer.

use super::js::{self, fetch_with_init, get};
use crate::api::{check_answer, Auth, Form, Request, ResultHead};
use crate::error::{Error, ErrorKind};
use crate::shape::{Field, Tree};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// GETs are tried at most this many times in all (two retries).
const MAX_ATTEMPTS: u32 = 3;
/// First retry delay; doubled each time, with ±50 % jitter.
const BACKOFF_MS: f64 = 200.0;

/// What every request of a client shares.
pub struct Target {
    /// Base URL without a trailing slash.
    pub base_url: String,
    /// `X-Api-Id`.
    pub api_id: String,
    /// `X-App-Type`.
    pub app_type: String,
    /// Default per-attempt timeout.
    pub timeout_ms: f64,
}

/// The optional last argument of every method: `{ signal?, timeoutMs? }`.
#[derive(Default, Clone)]
pub struct CallConfig {
    /// The caller's abort signal.
    pub signal: Option<web_sys::AbortSignal>,
    /// Overrides the client's timeout for this call.
    pub timeout_ms: Option<f64>,
    /// The caller's input the file parts of a multipart request are taken from.
    pub files: Option<JsValue>,
}

impl CallConfig {
    /// Reads `{ signal?, timeoutMs? }`; anything else there is a validation error.
    pub fn read(v: &Option<JsValue>) -> Result<Self, Error> {
        let Some(v) = v.as_ref().filter(|v| !v.is_undefined() && !v.is_null()) else {
            return Ok(Self::default());
        };
        if !v.is_object() {
            return Err(Error::invalid("options", "The options argument must be an object."));
        }
        let signal = match get(v, "signal") {
            None => None,
            Some(s) => Some(
                s.dyn_into::<web_sys::AbortSignal>()
                    .map_err(|_| Error::invalid("signal", "signal must be an AbortSignal."))?,
            ),
        };
        let timeout_ms =
            match get(v, "timeoutMs") {
                None => None,
                Some(t) => Some(t.as_f64().filter(|t| *t > 0.0 && t.is_finite()).ok_or_else(|| {
                    Error::invalid("timeoutMs", "timeoutMs must be a positive number of milliseconds.")
                })?),
            };
        Ok(Self { signal, timeout_ms, files: None })
    }

    fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(|s| s.aborted())
    }
}

/// Sends `req` (with `token` for [`Auth::Token`] requests) and returns the answer's JSON.
pub async fn send(
    target: &Target,
    req: &Request<String>,
    token: Option<&str>,
    opts: &CallConfig,
) -> Result<JsValue, Error> {
    let url = format!("{}{}", target.base_url, req.path_and_query());
    let body = req.body.as_deref();
    let attempts = if req.method.is_idempotent() { MAX_ATTEMPTS } else { 1 };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let init = request_init(target, req, token, body, opts.files.as_ref())?;
        let result = attempt_once(&url, &init, opts, opts.timeout_ms.unwrap_or(target.timeout_ms)).await;
        match result {
            Err(e) if attempt < attempts && retryable(&e) => backoff(attempt, opts).await?,
            other => return other,
        }
    }
}

fn retryable(e: &Error) -> bool {
    e.kind == ErrorKind::Network || matches!(e.status, Some(502..=504))
}

async fn backoff(attempt: u32, opts: &CallConfig) -> Result<(), Error> {
    let jitter = 0.5 + js_sys::Math::random();
    let _ = JsFuture::from(js::sleep(BACKOFF_MS * f64::from(1u32 << (attempt - 1)) * jitter)).await;
    if opts.aborted() {
        return Err(aborted());
    }
    Ok(())
}

fn request_init(
    target: &Target,
    req: &Request<String>,
    token: Option<&str>,
    body: Option<&str>,
    files: Option<&JsValue>,
) -> Result<web_sys::RequestInit, Error> {
    let headers = web_sys::Headers::new().map_err(|_| Error::new(ErrorKind::Network, "Headers are not available"))?;
    let set = |k: &str, v: &str| {
        headers.set(k, v).map_err(|_| Error::invalid("headers", format!("{k} has a value a header cannot carry.")))
    };
    set("X-Api-Id", &target.api_id)?;
    if req.auth == Auth::Token {
        set("Authorization", &format!("Token {}", token.ok_or_else(Error::signed_out)?))?;
    }
    if req.app_type {
        set("X-App-Type", &target.app_type)?;
    }
    for (k, v) in &req.headers {
        set(k, v)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(req.method.as_str());
    if let Some(body) = body {
        set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    } else if let Some(form) = &req.form {
        // No Content-Type: the browser writes it with the multipart boundary.
        init.set_body(form_data(form, files)?.as_ref());
    }
    init.set_headers(&headers);
    Ok(init)
}

/// The browser's `FormData` for `form`, with each file part's `Blob` taken from the caller's input.
fn form_data(form: &Form, input: Option<&JsValue>) -> Result<web_sys::FormData, Error> {
    let data = web_sys::FormData::new().map_err(|_| Error::new(ErrorKind::Network, "FormData is not available"))?;
    for (k, v) in &form.fields {
        let _ = data.append_with_str(k, v);
    }
    for part in &form.files {
        let blob = input
            .and_then(|i| get(i, part.list))
            .and_then(|list| js_sys::Reflect::get_u32(&list, part.index as u32).ok())
            .and_then(|item| get(&item, part.key))
            .and_then(|b| b.dyn_into::<web_sys::Blob>().ok())
            .ok_or_else(|| Error::invalid(part.list, format!("{} must be a Blob or File.", part.name)))?;
        let _ = data.append_with_blob(&part.name, &blob);
    }
    Ok(data)
}

/// One fetch with its own timeout; the caller's signal aborts it too.
async fn attempt_once(
    url: &str,
    init: &web_sys::RequestInit,
    opts: &CallConfig,
    timeout_ms: f64,
) -> Result<JsValue, Error> {
    if opts.aborted() {
        return Err(aborted());
    }
    let guard = AbortGuard::new(opts.signal.clone(), timeout_ms)?;
    init.set_signal(Some(&guard.controller.signal()));
    let classify = |e: JsValue| guard.classify(e, timeout_ms);
    let response: web_sys::Response =
        JsFuture::from(fetch_with_init(url, init)).await.map_err(classify)?.unchecked_into();
    let status = response.status();
    let text = response.text().map_err(classify)?;
    // The body stays a JS string: parsed by JSON.parse without a trip through wasm memory.
    let text = JsFuture::from(text).await.map_err(classify)?;
    decode(status, &text)
}

/// Parses an answer: JSON, then the result code, then `Ok` with the whole JSON.
pub fn decode(status: u16, text: &JsValue) -> Result<JsValue, Error> {
    let Ok(json) = js::parse_json(text) else {
        // Retried first if the status is 502/503/504 (see `retryable`), whatever the body.
        return Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not JSON")));
    };
    if !Tree::is_object(&json) {
        return Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not a JSON object")));
    }
    check_answer(status, &ResultHead::read(&json))?;
    Ok(json)
}

/// Decodes a checked answer by `shape` (see `crate::shape`).
pub fn read(json: &JsValue, shape: &'static [Field]) -> Result<JsValue, Error> {
    super::shapes::decode(json, shape)
}

fn aborted() -> Error {
    Error::new(ErrorKind::Aborted, "The call was aborted")
}

/// Owns one attempt's AbortController, its timer and its link to the caller's signal, and
/// undoes all three when dropped.
struct AbortGuard {
    controller: web_sys::AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    caller: Option<(web_sys::AbortSignal, Closure<dyn FnMut()>)>,
}

impl AbortGuard {
    fn new(signal: Option<web_sys::AbortSignal>, timeout_ms: f64) -> Result<Self, Error> {
        let controller = web_sys::AbortController::new()
            .map_err(|_| Error::new(ErrorKind::Network, "AbortController is not available"))?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = js::set_timer(on_timeout.as_ref().unchecked_ref(), timeout_ms);
        let caller = signal.map(|signal| {
            let controller = controller.clone();
            let on_abort = Closure::<dyn FnMut()>::new(move || controller.abort());
            let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal, on_abort)
        });
        Ok(Self { controller, timed_out, timer, _on_timeout: on_timeout, caller })
    }

    /// What a rejected fetch or body read means: our timeout, the caller's abort, or the network.
    fn classify(&self, e: JsValue, timeout_ms: f64) -> Error {
        if self.timed_out.get() {
            Error::new(ErrorKind::Timeout, format!("No answer within {} ms", timeout_ms as u64))
        } else if self.caller.as_ref().is_some_and(|(s, _)| s.aborted()) {
            aborted()
        } else {
            let detail = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            Error::new(ErrorKind::Network, format!("The request failed: {detail}"))
        }
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        js::clear_timer(&self.timer);
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
