// One GET with the client's headers through the global fetch, as the client did before its
// transport moved to js/runtime.js: web-sys Headers/RequestInit/Response, the body read as text.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
}

pub async fn fetch_text(url: &str, token: &str) -> Result<String, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("Authorization", &format!("Token {token}"))?;
    headers.set("X-App-Type", "vc")?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    let res: web_sys::Response = JsFuture::from(fetch_with_init(url, &init)).await?.dyn_into()?;
    Ok(JsFuture::from(res.text()?).await?.as_string().unwrap_or_default())
}
