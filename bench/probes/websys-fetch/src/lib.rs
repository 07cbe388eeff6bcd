//! Baseline: web-sys fetch + JSON.parse (what the client does before decoding).
include!("../../common/alloc.rs");
mod fetch { include!("../../common/fetch.rs"); }
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let text = fetch::fetch_text(&url, &token).await?;
    js_sys::JSON::parse(&text)
}
