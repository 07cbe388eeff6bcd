//! What an Iotum answer is to the Rust client: the rules of `readAnswer`, `readUpload` and the
//! lone-object rule of `asItems` in js/iotum.js, written again here (natively there is no
//! JavaScript to ask); tests/node/iotum-answer.test.mjs holds the two equal on a table of
//! (status, body) cases through examples/iotum_answer_lines.rs.
//!
//! The status decides (the API has no result codes): 2xx is an answer, anything else the error
//! of its kind, whatever the body. A bare JSON array is `{ items }`, a bare string (`"OK"`)
//! `{ message }`, an empty body `{}`.

use crate::error::{Error, ErrorKind};
use crate::shape::Field;
use serde_json::{Map, Value};

/// What an Iotum status means (docs/conventions.md, "Iotum error kinds"; `kindOf`).
pub fn kind_of(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Unauthenticated,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        400 | 422 => ErrorKind::Validation,
        429 | 500.. => ErrorKind::Http,
        _ => ErrorKind::Api,
    }
}

/// The error of a non-2xx answer: the body's `message` (trimmed; else `HTTP <status>`) and the
/// status's kind (`answerError`).
fn answer_error(status: u16, json: Option<&Value>) -> Error {
    let message = json
        .and_then(|j| j.get("message"))
        .and_then(Value::as_str)
        .map(js_trim)
        .filter(|m| !m.is_empty())
        .map_or_else(|| format!("HTTP {status}"), str::to_owned);
    Error { status: Some(status), ..Error::new(kind_of(status), message) }
}

/// The answer's JSON as an object, or its error (`readAnswer`).
pub fn read_answer(status: u16, text: &str) -> Result<Value, Error> {
    let success = (200..300).contains(&status);
    let json = if js_trim(text).is_empty() {
        Some(Value::Object(Map::new()))
    } else {
        match serde_json::from_str::<Value>(text) {
            Ok(json) => Some(json),
            Err(_) if success => {
                return Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not JSON")));
            }
            Err(_) => None,
        }
    };
    if !success {
        return Err(answer_error(status, json.as_ref()));
    }
    match json {
        Some(Value::Array(items)) => Ok(Value::Object(Map::from_iter([("items".to_owned(), Value::Array(items))]))),
        Some(Value::String(message)) => Ok(Value::Object(Map::from_iter([("message".to_owned(), message.into())]))),
        Some(json @ Value::Object(_)) => Ok(json),
        _ => Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not a JSON object or array"))),
    }
}

/// A pre-signed upload URL's answer: any 2xx is done, its body not the API's (`readUpload`).
pub fn read_upload(status: u16, text: &str) -> Result<Value, Error> {
    if (200..300).contains(&status) {
        Ok(Value::Object(Map::new()))
    } else {
        read_answer(status, text)
    }
}

/// The answer for a shape of one list field, `items` (`DomainList`, `CompanyList`, …): a lone
/// object is a list of one (the document shows `domain/descendants` as one object); `asItems`.
pub fn as_items(json: Value, shape: &[Field]) -> Value {
    let items_shape = shape.len() == 1 && shape[0].key == "items";
    if items_shape && !json.get("items").is_some_and(Value::is_array) {
        Value::Object(Map::from_iter([("items".to_owned(), Value::Array(vec![json]))]))
    } else {
        json
    }
}

/// `String.prototype.trim`: JavaScript's white space and line terminators, which are Unicode's
/// White_Space without U+0085 and with U+FEFF (unlike std's `trim`).
pub(super) fn js_trim(text: &str) -> &str {
    text.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}')
}
