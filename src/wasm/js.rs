//! Imports from the global scope and from `js/runtime.js`, and the Rust ↔ JS error bridge.

use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (page, worker, Node 20, workerd).
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
}

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        kind: &str,
        message: &str,
        code: Option<u32>,
        status: Option<u16>,
        desc: Option<String>,
        field: Option<String>,
    ) -> JsValue;

    /// `setTimeout` that does not keep Node alive; returns the handle.
    #[wasm_bindgen(js_name = setTimer)]
    pub fn set_timer(callback: &js_sys::Function, ms: f64) -> JsValue;

    /// `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimer)]
    pub fn clear_timer(handle: &JsValue);

    /// A promise resolved after `ms`.
    pub fn sleep(ms: f64) -> js_sys::Promise;

    /// An async iterator over every page's meetings.
    pub fn pages(fetch_page: &js_sys::Function, first_page: u32, page_length: u32) -> JsValue;

    /// Calls an auth listener, rethrowing its exception outside the client.
    #[wasm_bindgen(js_name = callListener)]
    pub fn call_listener(listener: &js_sys::Function, event: &str, session: &JsValue);
}

/// The `UcaasError` for `e`.
pub fn to_js(e: &Error) -> JsValue {
    make_error(
        e.kind.as_str(),
        &e.message,
        e.code,
        e.status,
        e.desc.clone(),
        e.field.map(str::to_owned),
    )
}

impl From<Error> for JsValue {
    fn from(e: Error) -> Self {
        to_js(&e)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Serializes `value` for JavaScript (structs become plain objects, absent fields stay absent).
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::decode(None, format!("Could not convert a value for JavaScript: {e}")))
}

/// A property of a JS object, `None` when it is `undefined` or `null` (or reading it throws).
pub fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}
