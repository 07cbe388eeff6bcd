//! Shape tables as JavaScript arrays, for the walker in `js/runtime.js` (`decodeShape`).
//!
//! Each `&'static [Field]` becomes `[[key, alias, kind, presence, a, b, c], …]` once, on first
//! use, and is kept for the life of the module (thirty-odd small arrays).

use super::js;
use crate::error::Error;
use crate::shape::{Field, Kind, Presence};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    // Keyed by the table's address: every table is a distinct static.
    static CACHE: RefCell<Vec<(usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS form of `shape`, made once.
pub fn js_shape(shape: &'static [Field]) -> JsValue {
    let id = shape.as_ptr() as usize;
    if let Some(found) = CACHE.with(|c| c.borrow().iter().find(|(k, _)| *k == id).map(|(_, v)| v.clone())) {
        return found;
    }
    let made: js_sys::Array = shape.iter().map(field).collect();
    let made = JsValue::from(made);
    CACHE.with(|c| c.borrow_mut().push((id, made.clone())));
    made
}

fn field(f: &Field) -> JsValue {
    let presence = match f.presence {
        Presence::Optional => 0,
        Presence::Required => 1,
        Presence::Always => 2,
    };
    let row = kind(&f.kind);
    row.unshift(&JsValue::from(presence));
    row.unshift(&f.alias.map_or(JsValue::NULL, JsValue::from_str));
    row.unshift(&JsValue::from_str(f.key));
    // [key, alias, presence, kind, a, b, c] -> [key, alias, kind, presence, a, b, c]
    let (presence, kind) = (row.get(2), row.get(3));
    row.set(2, kind);
    row.set(3, presence);
    row.into()
}

/// `[kind code, a, b, c]`, the codes in the order of `enum Kind`.
fn kind(k: &Kind) -> js_sys::Array {
    let code = |n: u32| JsValue::from(n);
    let row = js_sys::Array::new();
    match *k {
        Kind::Text => row.push(&code(0)),
        Kind::Count => row.push(&code(1)),
        Kind::Int => row.push(&code(2)),
        Kind::Number => row.push(&code(3)),
        Kind::Flag => row.push(&code(4)),
        Kind::Object(s) => {
            row.push(&code(5));
            row.push(&js_shape(s))
        }
        Kind::List(s) => {
            row.push(&code(6));
            row.push(&js_shape(s))
        }
        Kind::Texts => row.push(&code(7)),
        Kind::Entries(key, s) => {
            row.push(&code(8));
            row.push(&JsValue::from_str(key));
            row.push(&js_shape(s))
        }
        Kind::Pairs(key, value, inner) => {
            row.push(&code(9));
            row.push(&JsValue::from_str(key));
            row.push(&JsValue::from_str(value));
            row.push(&kind(inner))
        }
    };
    row
}

/// Decodes a checked answer by `shape` in JavaScript.
pub fn decode(json: &JsValue, shape: &'static [Field]) -> Result<JsValue, Error> {
    decode_raw(json, shape)
        .map_err(|why| Error::decode(Some(200), format!("The answer is not the documented shape: {why}")))
}

/// [`decode`], with the walker's own message (the path of the field that failed) as the error,
/// as `crate::shape::decode` gives it.
pub fn decode_raw(json: &JsValue, shape: &'static [Field]) -> Result<JsValue, String> {
    let result = js::decode_shape(json, &js_shape(shape));
    match js::get(&result, "ok") {
        Some(ok) => Ok(ok),
        None => Err(js::get(&result, "error").and_then(|e| e.as_string()).unwrap_or_default()),
    }
}
