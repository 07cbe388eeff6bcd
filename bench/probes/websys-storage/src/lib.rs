//! Baseline: one Storage write + read through web-sys, via the global (as the client first did;
//! it now probes storage in js/runtime.js).
include!("../../common/alloc.rs");
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn run(key: &str, value: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.set_item(key, value).ok()?;
    storage.get_item(key).ok()?
}
