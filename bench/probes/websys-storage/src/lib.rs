//! Baseline: one Storage write + read through web-sys (as src/wasm/storage.rs, via the global).
include!("../../common/alloc.rs");
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn run(key: &str, value: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.set_item(key, value).ok()?;
    storage.get_item(key).ok()?
}
