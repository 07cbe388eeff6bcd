//! Shape tables as JavaScript arrays, for the walker in `js/runtime.js` (`decodeShape`).
//!
//! The wasm build carries each shape as JSON made at compile time
//! ([`shape_json!`](crate::shape_json)); it is parsed once, on first use, and the array kept for
//! the life of the module (thirty-odd small arrays).

use super::js;
use crate::shape::{to_json, Field};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    // Keyed by the text's address: every shape's JSON is a distinct static.
    static CACHE: RefCell<Vec<(usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS form of a shape's JSON, parsed once.
pub fn js_shape(json: &'static str) -> JsValue {
    let id = json.as_ptr() as usize;
    if let Some(found) = CACHE.with(|c| c.borrow().iter().find(|(k, _)| *k == id).map(|(_, v)| v.clone())) {
        return found;
    }
    // The text is made by `shape_json!` and always JSON; `null` would make every decode fail.
    let made = js_sys::JSON::parse(json).unwrap_or(JsValue::NULL);
    CACHE.with(|c| c.borrow_mut().push((id, made.clone())));
    made
}

/// Decodes `json` by `shape` in JavaScript, as `Host.send` does; the error is the walker's own
/// message (the path of the field that failed), as `crate::shape::decode` gives it. (For tests:
/// the shape's JSON is written at run time, by the same code `shape_json!` runs at compile time.)
pub fn decode_raw(json: &JsValue, shape: &'static [Field]) -> Result<JsValue, String> {
    let table = js_sys::JSON::parse(&to_json(shape)).unwrap_or(JsValue::NULL);
    let result = js::decode_shape(json, &table);
    match js::get(&result, "ok") {
        Some(ok) => Ok(ok),
        None => Err(js::get(&result, "error").and_then(|e| e.as_string()).unwrap_or_default()),
    }
}
