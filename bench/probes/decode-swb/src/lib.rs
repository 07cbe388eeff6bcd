//! serde-wasm-bindgen both ways: JSON.parse, from_value into the Meeting type, to_value back.
include!("../../common/alloc.rs");
mod fetch { include!("../../common/fetch.rs"); }
#[path = "../../common/meeting.rs"] mod meeting;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let text = fetch::fetch_text(&url, &token).await?;
    let answer: meeting::MeetingAnswer = serde_wasm_bindgen::from_value(js_sys::JSON::parse(&text)?)?;
    serde_wasm_bindgen::to_value(&answer.meeting).map_err(Into::into)
}
