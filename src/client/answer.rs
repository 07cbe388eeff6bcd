//! What an answer is to the Rust client: the JS client's answer rules, then the answer type.

use crate::api::{self, ResultHead};
use crate::error::{Error, ErrorKind};
use crate::shape::{Field, Kind, Shaped};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The answer body as JSON, checked by the answer rules (`readAnswer` in js/runtime.js).
pub(super) fn read_answer(status: u16, body: &str) -> Result<(u16, Value), Error> {
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        // A gateway's own 401 page still says the credentials were refused.
        if status == 401 {
            return Err(Error {
                status: Some(401),
                ..Error::new(ErrorKind::Unauthenticated, "HTTP 401 (the answer is not the API's JSON)")
            });
        }
        return Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not JSON")));
    };
    if !json.is_object() {
        return Err(Error::decode(Some(status), format!("The answer (HTTP {status}) is not a JSON object")));
    }
    api::check_answer(status, &ResultHead::read(&json))?;
    Ok((status, json))
}

/// The answer checked by `A`'s table (whose error names the path that failed, as the JS client's
/// does), then read into `A` by its serde impl from the same JSON (the table's output is the JS
/// form: an `entries` map is a list there, which serde reads as the map it is on the wire; the
/// two readings agree: `nested_mismatches_decode_alike_by_serde_and_by_shape`).
pub(super) fn decode<A: Shaped + DeserializeOwned>(status: u16, json: &Value) -> Result<A, Error> {
    let shaped = |e: String| Error::decode(Some(status), format!("The answer is not the documented shape: {e}"));
    crate::shape::decode(json, A::SHAPE).map_err(shaped)?;
    let mut json = json.clone();
    one_key_per_field(&mut json, A::SHAPE);
    <A as serde::Deserialize>::deserialize(&json).map_err(|e| shaped(e.to_string()))
}

/// Leaves one of a field's two keys where an answer has both (`group` and `contact` in a group
/// edit's answer): the key, unless it is `null`, as the table reads it (`shape::decode`, and
/// `decodeObject` in js/runtime.js); serde would refuse the pair as a duplicate field.
fn one_key_per_field(v: &mut Value, shape: &[Field]) {
    let Value::Object(map) = v else { return };
    for f in shape {
        if let Some(alias) = f.alias {
            if map.contains_key(alias) && map.contains_key(f.key) {
                let drop = if map[f.key].is_null() { f.key } else { alias };
                map.remove(drop);
            }
        }
        let key = if map.contains_key(f.key) { f.key } else { f.alias.unwrap_or(f.key) };
        let Some(child) = map.get_mut(key) else { continue };
        match (f.kind, child) {
            (Kind::Object(s), child) => one_key_per_field(child, s),
            (Kind::List(s), Value::Array(items)) => items.iter_mut().for_each(|i| one_key_per_field(i, s)),
            (Kind::Entries(_, s), Value::Object(entries)) => entries.values_mut().for_each(|i| one_key_per_field(i, s)),
            _ => {}
        }
    }
}
