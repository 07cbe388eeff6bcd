//! Shape tables as JavaScript arrays, for the walker in `js/runtime.js` (`decodeShape`).
//!
//! Each `&'static [Field]` becomes `[[key, alias, kind, presence, a, b, c], …]` once, on first
//! use, and is kept for the life of the module (thirty-odd small arrays). It is written as JSON
//! text and parsed by `JSON.parse`: one call across the boundary instead of one per cell.

use super::js;
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
    let mut text = String::new();
    write_shape(&mut text, shape);
    // The text is ours and always JSON; `null` would only make every decode fail loudly.
    let made = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    CACHE.with(|c| c.borrow_mut().push((id, made.clone())));
    made
}

fn write_shape(out: &mut String, shape: &[Field]) {
    out.push('[');
    for (i, f) in shape.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        write_str(out, f.key);
        out.push(',');
        match f.alias {
            Some(alias) => write_str(out, alias),
            None => out.push_str("null"),
        }
        out.push(',');
        write_kind_code(out, &f.kind);
        out.push(',');
        out.push(match f.presence {
            Presence::Optional => '0',
            Presence::Required => '1',
            Presence::Always => '2',
        });
        write_kind_args(out, &f.kind);
        out.push(']');
    }
    out.push(']');
}

/// The kind's code, in the order of `enum Kind` (as `js/runtime.js` numbers them).
fn write_kind_code(out: &mut String, k: &Kind) {
    out.push(match k {
        Kind::Text => '0',
        Kind::Count => '1',
        Kind::Int => '2',
        Kind::Number => '3',
        Kind::Flag => '4',
        Kind::Object(_) => '5',
        Kind::List(_) => '6',
        Kind::Texts => '7',
        Kind::Entries(..) => '8',
        Kind::Pairs(..) => '9',
    });
}

/// The kind's arguments a, b, c, each after a comma.
fn write_kind_args(out: &mut String, k: &Kind) {
    match *k {
        Kind::Object(s) | Kind::List(s) => {
            out.push(',');
            write_shape(out, s);
        }
        Kind::Entries(key, s) => {
            out.push(',');
            write_str(out, key);
            out.push(',');
            write_shape(out, s);
        }
        Kind::Pairs(key, value, inner) => {
            out.push(',');
            write_str(out, key);
            out.push(',');
            write_str(out, value);
            out.push_str(",[");
            write_kind_code(out, inner);
            write_kind_args(out, inner);
            out.push(']');
        }
        _ => {}
    }
}

/// Keys are the API's field names: plain ASCII identifiers, which need no escaping in JSON.
fn write_str(out: &mut String, s: &str) {
    debug_assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b' '), "{s}");
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// Decodes `json` by `shape` in JavaScript, as `Host.send` does; the error is the walker's own
/// message (the path of the field that failed), as `crate::shape::decode` gives it.
pub fn decode_raw(json: &JsValue, shape: &'static [Field]) -> Result<JsValue, String> {
    let result = js::decode_shape(json, &js_shape(shape));
    match js::get(&result, "ok") {
        Some(ok) => Ok(ok),
        None => Err(js::get(&result, "error").and_then(|e| e.as_string()).unwrap_or_default()),
    }
}
