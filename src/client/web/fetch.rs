//! The browser transport (feature `web`): the global scope's `fetch`, so the same code runs in a
//! page, a Web Worker or a Service Worker (never `window`).

use crate::client::{HttpBody, HttpRequest, HttpResponse, Transport, TransportError};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, js_namespace = globalThis)]
    fn global_fetch(request: &web_sys::Request) -> js_sys::Promise;

    #[wasm_bindgen(js_name = setTimeout, js_namespace = globalThis)]
    fn set_timeout(callback: &js_sys::Function, ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout, js_namespace = globalThis)]
    fn clear_timeout(handle: &JsValue);
}

/// A [`Transport`] over the global scope's `fetch` (web-sys and wasm-bindgen-futures), each
/// attempt within its timeout by an `AbortController` and a `setTimeout`; dropping a call's
/// future aborts its request.
///
/// ```no_run
/// use ucaas_client::client::{Auth, Client, WebTransport};
/// let client = Client::new(WebTransport::new(), "https://api.enablex.io/ucaas/v1", Auth::token("demo-app"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct WebTransport;

impl WebTransport {
    /// The transport.
    pub fn new() -> Self {
        WebTransport
    }
}

/// The attempt's timer and controller: the timer is cleared and, unless the answer is read,
/// the request aborted, however the attempt ends (a dropped future included).
struct Attempt {
    controller: web_sys::AbortController,
    timer: JsValue,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    _on_timeout: Closure<dyn FnMut()>,
    done: bool,
}

impl Drop for Attempt {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if !self.done {
            self.controller.abort();
        }
    }
}

fn network(e: &JsValue) -> TransportError {
    let text = e.dyn_ref::<js_sys::Error>().map_or_else(|| "fetch failed".to_owned(), |e| String::from(e.message()));
    TransportError::Network(text)
}

fn request(http: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<web_sys::Request, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method(http.method.as_str());
    let headers = web_sys::Headers::new()?;
    for (k, v) in &http.headers {
        headers.append(k, v)?;
    }
    init.set_headers(&headers);
    match &http.body {
        HttpBody::Empty => {}
        HttpBody::Json(text) => init.set_body(&JsValue::from_str(text)),
        HttpBody::Bytes(bytes) => init.set_body(&js_sys::Uint8Array::from(bytes.as_slice())),
        // The browser writes the multipart boundary and its Content-Type.
        HttpBody::Form(form) => {
            let data = web_sys::FormData::new()?;
            for (k, v) in &form.fields {
                data.append_with_str(k, v)?;
            }
            for (name, file) in &form.files {
                data.append_with_blob_and_filename(name, &blob(file)?, &file.file_name)?;
            }
            init.set_body(&data);
        }
    }
    init.set_signal(Some(signal));
    web_sys::Request::new_with_str_and_init(&http.url, &init)
}

/// A file's bytes as a `Blob` of its content type (copied once, out of wasm memory).
fn blob(file: &crate::client::FileBody) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

impl Transport for WebTransport {
    async fn send(&self, http: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = web_sys::AbortController::new().map_err(|e| network(&e))?;
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let ms = http.timeout.as_millis().min(2_147_483_647) as f64;
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), ms);
        let mut attempt = Attempt { controller, timer, timed_out, _on_timeout: on_timeout, done: false };
        let failed = |attempt: &Attempt, e: JsValue| {
            if attempt.timed_out.get() {
                TransportError::Timeout
            } else {
                network(&e)
            }
        };
        let req = request(&http, &attempt.controller.signal()).map_err(|e| network(&e))?;
        let response = match JsFuture::from(global_fetch(&req)).await {
            Ok(r) => r.unchecked_into::<web_sys::Response>(),
            Err(e) => return Err(failed(&attempt, e)),
        };
        let text = response.text().map_err(|e| network(&e))?;
        let body = match JsFuture::from(text).await {
            Ok(body) => body.as_string().unwrap_or_default(),
            Err(e) => return Err(failed(&attempt, e)),
        };
        attempt.done = true;
        Ok(HttpResponse { status: response.status(), body })
    }

    async fn wait(&self, pause: Duration) {
        let ms = pause.as_millis().min(2_147_483_647) as f64;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            set_timeout(&resolve, ms);
        });
        let _ = JsFuture::from(promise).await;
    }
}
