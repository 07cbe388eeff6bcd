//! serde_json decoding into the Meeting type instead of the shape tables; back to JS by
//! serde-wasm-bindgen.
include!("../../common/alloc.rs");
mod fetch { include!("../../common/fetch.rs"); }
#[path = "../../common/meeting.rs"] mod meeting;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let text = fetch::fetch_text(&url, &token).await?;
    let answer: meeting::MeetingAnswer = serde_json::from_str(&text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    serde_wasm_bindgen::to_value(&answer.meeting).map_err(Into::into)
}
