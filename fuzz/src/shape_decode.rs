//! `shape::decode` over arbitrary JSON, for every answer type, against the native reference of
//! the same table: the type's serde `Deserialize` (docs/conventions.md, "Decoding answers": the
//! two must give the same JSON, or both fail). The selector byte picks the answer type.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use ucaas_client::api::{self, auth, AnswerVisitor, ResultHead};
use ucaas_client::shape::{self, Shaped};

/// Decodes `data` (selector byte + JSON) by one answer type both ways; panics on disagreement.
pub fn check(data: &[u8]) {
    let Some((selector, value)) = crate::selector_and_json(data) else { return };
    let count = answer_count();
    let mut one = One { target: usize::from(selector) % count, seen: 0, value };
    api::visit_answers(&mut one);
    one.visit::<auth::User>("User");
    // The head of every answer: read by its own reader, never failing.
    let _ = api::check_answer(200, &ResultHead::read(&one.value));
}

/// How many answer types there are (the registry and the stored user).
pub fn answer_count() -> usize {
    struct Count(usize);
    impl AnswerVisitor for Count {
        fn visit<T: Shaped + Serialize + DeserializeOwned + tsify::Tsify>(&mut self, _: &'static str) {
            self.0 += 1;
        }
    }
    let mut c = Count(1); // + User
    api::visit_answers(&mut c);
    c.0
}

/// The name of the answer type a selector picks (for corpus tools and messages).
pub fn answer_name(selector: u8) -> &'static str {
    let mut names: Vec<&'static str> = api::answers().map(|(n, _)| n).collect();
    names.push("User");
    names[usize::from(selector) % names.len()]
}

struct One {
    target: usize,
    seen: usize,
    value: Value,
}

impl AnswerVisitor for One {
    fn visit<T: Shaped + Serialize + DeserializeOwned + tsify::Tsify>(&mut self, name: &'static str) {
        if self.seen == self.target {
            agree::<T>(name, &self.value);
        }
        self.seen += 1;
    }
}

/// The serde reading and the shape walk of `v` as `T` agree.
pub fn agree<T: Shaped + Serialize + DeserializeOwned>(name: &str, v: &Value) {
    // An answer that is not an object is refused before any type sees it (js/runtime.js
    // `readAnswer`; docs/conventions.md). serde's derive would read an array as the struct's
    // fields in order, so only the walker is asked.
    if !v.is_object() {
        assert!(shape::decode(v, T::SHAPE).is_err(), "{name}: the walker decoded a non-object {v}");
        return;
    }
    // serde's derive refuses a field given under both of its names (`start_time` and the
    // documents' `"start_time "`); the table reads the first, and so does the Rust client, which
    // leaves that one key before its serde impl reads the answer (`shape::one_key_per_field`).
    let mut one_key = v.clone();
    shape::one_key_per_field(&mut one_key, T::SHAPE);
    let typed = serde_json::from_value::<T>(one_key).map(|t| numbers(serde_json::to_value(t).unwrap()));
    let walked = shape::decode(v, T::SHAPE).map(numbers);
    match (&typed, &walked) {
        (Ok(t), Ok(w)) if t == w => {}
        (Err(_), Err(_)) => {}
        _ => panic!("{name}: serde {typed:?} but shape {walked:?} on {v}"),
    }
}

/// `v` with every number as a float: `1` and `1.0` are one number to JavaScript.
fn numbers(v: Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map(Value::from).unwrap_or(Value::Number(n)),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, numbers(v))).collect()),
        other => other,
    }
}
