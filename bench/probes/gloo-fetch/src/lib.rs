//! gloo-net instead of web-sys for the request; body as text + JSON.parse (no serde).
include!("../../common/alloc.rs");
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let res = gloo_net::http::Request::get(&url)
        .header("Authorization", &format!("Token {token}"))
        .header("X-App-Type", "vc")
        .send().await.map_err(|e| JsValue::from_str(&e.to_string()))?;
    let text = res.text().await.map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}
