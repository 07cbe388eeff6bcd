//! The client's way: JSON.parse, then the shape walker (src/shape.rs, src/loose.rs, compiled in
//! as they are) over JsValue with the Meeting table.
include!("../../common/alloc.rs");
mod fetch { include!("../../common/fetch.rs"); }
#[allow(dead_code, missing_docs)] #[path = "../../../../src/loose.rs"] mod loose;
#[allow(dead_code, missing_docs)] #[path = "../../../../src/shape.rs"] mod shape;
use loose::Loose;
use shape::{opt, req, Field, Kind::*, Tree};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TIMEZONE: &[Field] = &[opt("timezone_id", Text), opt("zone_name", Text), opt("zone_abbr", Text),
    opt("time_start", Text), opt("gmt_offset", Int)];
const INVITEES: &[Field] = &[opt("emails", Texts), opt("contact_ids", Texts), opt("group_ids", Texts)];
const MEETING: &[Field] = &[
    req("meeting_id", Text), opt("room_id", Text), opt("user_id", Text), opt("room_name", Text),
    opt("app_type", Text), opt("desc", Text), opt("start_time", Text).or("start_time "),
    opt("timezone", Object(TIMEZONE)), opt("mpin", Text), opt("ppin", Text), opt("direct_url", Text),
    opt("moderators", Count), opt("participants", Count), opt("duration", Count),
    opt("wait_for_moderator", Flag), opt("knock", Flag), opt("auto_recording", Flag), opt("stage", Text),
    opt("invitees", Object(INVITEES)),
];
const ANSWER: &[Field] = &[req("meeting", Object(MEETING))];

// The Tree impl of src/wasm/js.rs (keep it in step with that file: the trait is src/shape.rs's).
#[derive(Clone)]
struct V(JsValue);
impl Tree for V {
    type Out = JsValue;
    fn get(&self, key: &str) -> Option<V> {
        if !self.0.is_object() { return None; }
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).ok()
            .filter(|v| !v.is_undefined() && !v.is_null()).map(V)
    }
    fn scalar(&self) -> Loose {
        if let Some(s) = self.0.as_string() { Loose::Str(s) }
        else if let Some(n) = self.0.as_f64() { Loose::Num(n) }
        else if let Some(b) = self.0.as_bool() { Loose::Bool(b) }
        else if self.0.is_undefined() || self.0.is_null() { Loose::Null }
        else if let Some(items) = self.items() { Loose::List(items.iter().map(Tree::scalar).collect()) }
        else { Loose::Map }
    }
    fn text_of(&self) -> Option<JsValue> {
        match self.0.dyn_ref::<js_sys::JsString>() {
            Some(s) => Some(s.trim().into()),
            None => self.scalar().to_text().map(|s| JsValue::from_str(&s)),
        }
    }
    fn entries(&self) -> Option<Vec<(String, V)>> {
        if !Tree::is_object(self) { return None; }
        let keys = js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>());
        Some(keys.iter().filter_map(|k| { let k = k.as_string()?; let v = self.get(&k)?; Some((k, v)) }).collect())
    }
    fn items(&self) -> Option<Vec<V>> { self.0.dyn_ref::<js_sys::Array>().map(|a| a.iter().map(V).collect()) }
    fn is_object(&self) -> bool { self.0.is_object() && !js_sys::Array::is_array(&self.0) }
    fn object(fields: Vec<(&'static str, JsValue)>) -> JsValue {
        let obj = js_sys::Object::new();
        for (k, v) in fields { let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v); }
        obj.into()
    }
    fn text(s: &str) -> JsValue { JsValue::from_str(s) }
    fn number(n: f64) -> JsValue { JsValue::from_f64(n) }
    fn flag(b: bool) -> JsValue { JsValue::from_bool(b) }
    fn list(items: Vec<JsValue>) -> JsValue { items.into_iter().collect::<js_sys::Array>().into() }
}

#[wasm_bindgen]
pub async fn run(url: String, token: String) -> Result<JsValue, JsValue> {
    let text = fetch::fetch_text(&url, &token).await?;
    let json = js_sys::JSON::parse(&text)?;
    shape::decode(&V(json), ANSWER).map_err(|e| JsValue::from_str(&e))
}
