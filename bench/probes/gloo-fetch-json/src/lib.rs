//! gloo-net's own path: Response::json::<T>() (serde_json) into the Meeting type, back to JS by
//! serde-wasm-bindgen.
include!("../../common/alloc.rs");
#[path = "../../common/meeting.rs"] mod meeting;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let res = gloo_net::http::Request::get(&url)
        .header("Authorization", &format!("Token {token}"))
        .header("X-App-Type", "vc")
        .send().await.map_err(|e| JsValue::from_str(&e.to_string()))?;
    let answer: meeting::MeetingAnswer = res.json().await.map_err(|e| JsValue::from_str(&e.to_string()))?;
    serde_wasm_bindgen::to_value(&answer.meeting).map_err(Into::into)
}
