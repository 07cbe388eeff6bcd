//! Imports from the global scope and from `js/runtime.js`, and the Rust ↔ JS error bridge.

use crate::error::Error;
use crate::loose::Loose;
use crate::shape::Tree;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (page, worker, Node 20, workerd).
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;

    /// `JSON.parse` of a JS string (no copy into wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_json(text: &JsValue) -> Result<JsValue, JsValue>;
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

    /// An async iterator over every item (`list[key]`) of every page.
    pub fn pages(fetch_page: &js_sys::Function, first_page: u32, page_length: u32, key: &str) -> JsValue;

    /// Decodes an answer by a shape table (`shapes::js_shape`): `{ ok }` or `{ error }`.
    #[wasm_bindgen(js_name = decodeShape)]
    pub fn decode_shape(value: &JsValue, shape: &JsValue) -> JsValue;

    /// Calls an auth listener, rethrowing its exception outside the client.
    #[wasm_bindgen(js_name = callListener)]
    pub fn call_listener(listener: &js_sys::Function, event: &str, session: &JsValue);
}

/// The `UcaasError` for `e`.
pub fn to_js(e: &Error) -> JsValue {
    make_error(e.kind.as_str(), &e.message, e.code, e.status, e.desc.clone(), e.field.map(str::to_owned))
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

/// A property of a JS object, `None` when it is `undefined` or `null` (or reading it throws).
pub fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A plain object with `fields`.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    obj.into()
}

/// JSON text of a JS value (`None` if it cannot be written, e.g. a cycle).
pub fn stringify(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

// Answers and inputs are read by `crate::shape` straight from the JS values: no serde
// (de)serializer per type in the wasm build.
impl Tree for JsValue {
    type Out = JsValue;

    fn get(&self, key: &str) -> Option<JsValue> {
        get(self, key)
    }

    fn scalar(&self) -> Loose {
        if let Some(s) = self.as_string() {
            Loose::Str(s)
        } else if let Some(n) = self.as_f64() {
            Loose::Num(n)
        } else if let Some(b) = self.as_bool() {
            Loose::Bool(b)
        } else if self.is_undefined() || self.is_null() {
            Loose::Null
        } else if let Some(items) = self.items() {
            Loose::List(items.iter().map(Tree::scalar).collect())
        } else {
            Loose::Map
        }
    }

    // A string stays in JS (trimmed there): no copy into wasm memory and back.
    fn text_of(&self) -> Option<JsValue> {
        match self.dyn_ref::<js_sys::JsString>() {
            Some(s) => Some(s.trim().into()),
            None => self.scalar().to_text().map(|s| JsValue::from_str(&s)),
        }
    }

    fn items(&self) -> Option<Vec<JsValue>> {
        self.dyn_ref::<js_sys::Array>().map(|a| a.iter().collect())
    }

    fn is_object(&self) -> bool {
        self.is_object() && !js_sys::Array::is_array(self)
    }

    fn entries(&self) -> Option<Vec<(String, JsValue)>> {
        if !Tree::is_object(self) {
            return None;
        }
        let keys = js_sys::Object::keys(self.unchecked_ref::<js_sys::Object>());
        Some(keys.iter().filter_map(|k| Some((k.as_string()?, get(self, &k.as_string()?)?))).collect())
    }

    fn object(fields: Vec<(&'static str, JsValue)>) -> JsValue {
        object(&fields)
    }

    fn text(s: &str) -> JsValue {
        JsValue::from_str(s)
    }

    fn number(n: f64) -> JsValue {
        JsValue::from_f64(n)
    }

    fn flag(b: bool) -> JsValue {
        JsValue::from_bool(b)
    }

    fn list(items: Vec<JsValue>) -> JsValue {
        items.into_iter().collect::<js_sys::Array>().into()
    }
}
