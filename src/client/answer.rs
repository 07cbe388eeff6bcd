//! What an answer is to the Rust client: the JS client's answer rules, then the answer type.

use crate::api::{self, ResultHead};
use crate::error::{Error, ErrorKind};
use crate::shape::Shaped;
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
    crate::shape::one_key_per_field(&mut json, A::SHAPE);
    <A as serde::Deserialize>::deserialize(&json).map_err(|e| shaped(e.to_string()))
}
