//! Imports from `js/runtime.js` (the error class and `Host`, which does a client's I/O), and the
//! Rust → JS error bridge.

use crate::error::Error;
use crate::loose::Loose;
use crate::shape::Tree;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// A `UcaasError` (js/error.js: one class for every build of the package).
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        kind: &str,
        message: &str,
        code: Option<u32>,
        status: Option<u16>,
        desc: Option<String>,
        field: Option<String>,
    ) -> JsValue;
}

// The server build's host (js/server.js) is the browser host with HTTP Basic on every request
// and no session; only that build carries it.
#[cfg_attr(not(feature = "server"), wasm_bindgen(module = "/js/runtime.js"))]
#[cfg_attr(feature = "server", wasm_bindgen(module = "/js/server.js"))]
extern "C" {
    /// Decodes an answer by a shape table (`shapes::js_shape`): `{ ok }` or `{ error }`.
    #[wasm_bindgen(js_name = decodeShape)]
    pub fn decode_shape(value: &JsValue, shape: &JsValue) -> JsValue;

    /// A client's fetches, session storage, timers and listeners (`js/runtime.js`).
    pub type Host;

    /// `options`: `{ baseUrl, apiId, appType, timeoutMs }` as Rust checked them, `storage`,
    /// `storageKey` and `tokenTtlSeconds` as the caller gave them (js/session.js's rules judge
    /// those), and `userShape`. Throws a `UcaasError` for a bad session option.
    #[wasm_bindgen(constructor, catch)]
    pub fn new(options: &JsValue) -> Result<Host, JsValue>;

    /// The storage in use: the one asked for, or `"memory"` when it was unusable.
    #[wasm_bindgen(method, getter)]
    pub fn mode(this: &Host) -> String;

    /// `{ user?, expires_at }` of the current session, or `undefined`.
    #[wasm_bindgen(method)]
    pub fn session(this: &Host) -> JsValue;

    /// Signs out: stops logins in flight and ends the session, if any.
    #[wasm_bindgen(method)]
    pub fn logout(this: &Host);

    /// Adds an auth listener; returns the function that removes it.
    #[wasm_bindgen(method)]
    pub fn subscribe(this: &Host, listener: &js_sys::Function) -> js_sys::Function;

    /// Stops the session timer and the cross-tab listener.
    #[wasm_bindgen(method)]
    pub fn detach(this: &Host);

    /// Sends a built request; the promise resolves to the decoded (and picked) answer.
    #[wasm_bindgen(method)]
    pub fn send(
        this: &Host,
        method: &str,
        path: &str,
        flags: u32,
        headers: Option<String>,
        body: Option<String>,
        form: Option<String>,
        shape: &JsValue,
        pick: Option<&str>,
        options: &JsValue,
        files: &JsValue,
    ) -> js_sys::Promise;

    /// An async iterator over every item (`page[key]`) of every page of a list route.
    #[wasm_bindgen(method)]
    pub fn pages(
        this: &Host,
        error: &JsValue,
        path: &str,
        query: &str,
        first: u32,
        length: u32,
        key: &str,
        flags: u32,
        shape: &JsValue,
        options: &JsValue,
    ) -> JsValue;
}

// The Iotum client's host and the platform's time zone data (js/iotum.js, exported by
// js/server.js): the server build only.
#[cfg(feature = "server")]
#[wasm_bindgen(module = "/js/server.js")]
extern "C" {
    /// The host of `IotumClient`: the server host's transport with the Iotum API's own auth
    /// (`authenticate` once, `auth_token` in every body) and answer rules.
    #[wasm_bindgen(extends = Host)]
    pub type IotumHost;

    /// `options`: the caller's `{ baseUrl, apiToken, timeoutMs }` and `authPath`, `authShape`.
    /// Throws a `UcaasError` for a bad option (never repeating the token).
    #[wasm_bindgen(constructor, catch)]
    pub fn new(options: &JsValue) -> Result<IotumHost, JsValue>;

    /// A drive file's three steps: `create` (its path and body), the `PUT` of `data` to the
    /// answer's `upload_url`, and `finish_upload` (its path); resolves to the finished file.
    #[wasm_bindgen(method)]
    pub fn upload(
        this: &IotumHost,
        create_path: &str,
        create_body: Option<String>,
        finish_path: &str,
        data: &JsValue,
        upload_shape: &JsValue,
        file_shape: &JsValue,
        options: &JsValue,
    ) -> js_sys::Promise;

    /// Every item (`page[key]`) of a cursor-paged route (`next_page` → `page` in the body).
    #[wasm_bindgen(method, js_name = cursorPages)]
    pub fn cursor_pages(
        this: &IotumHost,
        error: &JsValue,
        path: &str,
        body: Option<String>,
        shape: &JsValue,
        key: &str,
        options: &JsValue,
    ) -> JsValue;

    /// A moment's wall time in an IANA zone, `YYYY-MM-DD HH:MM:SS` (`Intl`); `undefined` for a
    /// zone the platform does not know.
    #[wasm_bindgen(js_name = wallTime)]
    pub fn wall_time(ms: f64, zone: &str) -> Option<String>;
}

// js/runtime.js imports js/session.js (the session rules); an import from it here is what makes
// wasm-bindgen copy that file beside runtime.js into the package.
#[wasm_bindgen(module = "/js/session.js")]
extern "C" {
    #[wasm_bindgen(js_name = ENVELOPE_VERSION, thread_local_v2)]
    static SESSION_MODULE: JsValue;
}

/// The `UcaasError` for `e`.
pub fn to_js(e: &Error) -> JsValue {
    make_error(e.kind.as_str(), &e.message, e.code, e.status, e.desc.clone(), e.field.map(str::to_owned))
}

impl From<Error> for JsValue {
    fn from(e: Error) -> Self {
        to_js(&e)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A property of a JS object, `None` when it is `undefined` or `null` (or reading it throws).
pub fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A plain object with `fields`.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    obj.into()
}
// Answers and inputs are read by `crate::shape` straight from the JS values: no serde
// (de)serializer per type in the wasm build.
impl Tree for JsValue {
    type Out = JsValue;

    fn get(&self, key: &str) -> Option<JsValue> {
        get(self, key)
    }

    fn scalar(&self) -> Loose {
        if let Some(s) = self.as_string() {
            Loose::Str(s)
        } else if let Some(n) = self.as_f64() {
            Loose::Num(n)
        } else if let Some(b) = self.as_bool() {
            Loose::Bool(b)
        } else if self.is_undefined() || self.is_null() {
            Loose::Null
        } else if let Some(items) = self.items() {
            Loose::List(items.iter().map(Tree::scalar).collect())
        } else {
            Loose::Map
        }
    }

    // A string stays in JS (trimmed there): no copy into wasm memory and back.
    fn text_of(&self) -> Option<JsValue> {
        match self.dyn_ref::<js_sys::JsString>() {
            Some(s) => Some(s.trim().into()),
            None => self.scalar().to_text().map(|s| JsValue::from_str(&s)),
        }
    }

    fn date_ms(&self) -> Option<f64> {
        self.dyn_ref::<js_sys::Date>().map(js_sys::Date::get_time)
    }

    fn is_null_at(&self, key: &str) -> bool {
        self.is_object() && js_sys::Reflect::get(self, &JsValue::from_str(key)).is_ok_and(|v| v.is_null())
    }

    fn items(&self) -> Option<Vec<JsValue>> {
        self.dyn_ref::<js_sys::Array>().map(|a| a.iter().collect())
    }

    fn is_object(&self) -> bool {
        self.is_object() && !js_sys::Array::is_array(self)
    }

    fn entries(&self) -> Option<Vec<(String, JsValue)>> {
        if !Tree::is_object(self) {
            return None;
        }
        let keys = js_sys::Object::keys(self.unchecked_ref::<js_sys::Object>());
        Some(keys.iter().filter_map(|k| Some((k.as_string()?, get(self, &k.as_string()?)?))).collect())
    }

    fn object(fields: Vec<(&'static str, JsValue)>) -> JsValue {
        object(&fields)
    }

    fn text(s: &str) -> JsValue {
        JsValue::from_str(s)
    }

    fn number(n: f64) -> JsValue {
        JsValue::from_f64(n)
    }

    fn flag(b: bool) -> JsValue {
        JsValue::from_bool(b)
    }

    fn list(items: Vec<JsValue>) -> JsValue {
        items.into_iter().collect::<js_sys::Array>().into()
    }
}
