//! gloo-storage: the same write + read through its serde_json-based Storage trait.
include!("../../common/alloc.rs");
use gloo_storage::Storage;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn run(key: &str, value: &str) -> Option<String> {
    gloo_storage::LocalStorage::set(key, value).ok()?;
    gloo_storage::LocalStorage::get::<String>(key).ok()
}
