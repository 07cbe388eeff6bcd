//! The rules the package runs in JavaScript agree with their Rust reference:
//! - the shape walkers: `ucaas_client::shape::decode` (Rust, the reference that
//!   tests/doc_examples.rs proves equal to the serde types) and `decodeShape` in js/runtime.js
//!   (what the package runs, because walking in JS avoids a boundary crossing per field). Every
//!   answer shape the client decodes is fed generated answers — right values, the docs' loose
//!   forms (numeric strings, "true", placeholders), wrong types, nulls, aliases, unknown keys —
//!   and both walkers must give the same JSON, or fail with the same message;
//! - the answer rules: `ucaas_client::api::check_answer` and `checkAnswer` in js/runtime.js
//!   (which the package's transport runs) give the same error for every combination of status,
//!   result, msg and desc.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use ucaas_client::api::{auth, check_answer, ResultHead};
use ucaas_client::shape::{self, Field, Kind, Presence, Shaped};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// The package's answer rules: `undefined` for success, else the `UcaasError`.
    #[wasm_bindgen(js_name = checkAnswer)]
    fn js_check_answer(status: u16, json: &JsValue) -> JsValue;
}

/// Every shape a `UcaasClient` method decodes an answer by (the registry), and the answer head.
fn shapes() -> Vec<(&'static str, &'static [Field])> {
    let mut all = vec![("ResultHead", ResultHead::SHAPE), ("User", auth::User::SHAPE)];
    all.extend(ucaas_client::api::answers());
    all
}

/// A small deterministic generator (no dependency, same answers every run).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

/// Values the docs and real servers send for scalars, good and bad.
const SCALARS: &[&str] = &[
    r#"" text ""#,
    r#""""#,
    r#""12""#,
    r#""-3""#,
    r#""+7""#,
    r#""1.5""#,
    r#""Number""#,
    r#""Boolean""#,
    r#""true""#,
    r#""FALSE""#,
    r#""1""#,
    r#""0""#,
    "12",
    "0",
    "1",
    "-4",
    "2.5",
    "1e16",
    "-0",
    "true",
    "false",
    "4294967296",
    r#""99999999999999999999""#,
    r#""9000000000000001""#,
    "{}",
    "[]",
    r#"["x"]"#,
];

fn scalar(g: &mut Gen) -> JsValue {
    parse(SCALARS[g.pick(SCALARS.len())])
}

fn value(g: &mut Gen, kind: &Kind, depth: u32) -> JsValue {
    // Now and then a value of the wrong sort, whatever the kind.
    if g.chance(8) {
        return scalar(g);
    }
    match *kind {
        Kind::Object(s) => object(g, s, depth + 1),
        Kind::List(s) => (0..g.pick(3)).map(|_| object(g, s, depth + 1)).collect::<Array>().into(),
        Kind::Texts => match g.pick(3) {
            0 => parse(r#"["a", 1, " b ", null]"#),
            1 => parse(r#""lone""#),
            _ => parse("[]"),
        },
        Kind::Ints => match g.pick(4) {
            0 => parse(r#"[6, "7", " 8 ", "x", 1.5, null, -0, "-3"]"#),
            1 => parse("5"),
            2 => parse(r#""12""#),
            _ => parse("[]"),
        },
        Kind::Entries(_, s) => {
            let o = Object::new();
            for i in 0..g.pick(4) {
                let v = if g.chance(15) { JsValue::NULL } else { object(g, s, depth + 1) };
                Reflect::set(&o, &format!("k{i}").into(), &v).unwrap();
            }
            o.into()
        }
        Kind::Pairs(_, _, inner) => {
            let o = Object::new();
            for i in 0..g.pick(4) {
                Reflect::set(&o, &format!("opt{i}").into(), &value(g, inner, depth + 1)).unwrap();
            }
            o.into()
        }
        _ => scalar(g),
    }
}

fn object(g: &mut Gen, shape: &[Field], depth: u32) -> JsValue {
    let o = Object::new();
    for f in shape {
        // Required fields are usually there, so that most answers decode and nested rules run.
        let absent = match f.presence {
            Presence::Required => g.chance(5),
            _ => g.chance(25) || depth > 3,
        };
        if absent {
            continue;
        }
        let v = if g.chance(5) { JsValue::NULL } else { value(g, &f.kind, depth) };
        let key = match f.alias {
            Some(alias) if g.chance(50) => alias,
            _ => f.key,
        };
        Reflect::set(&o, &key.into(), &v).unwrap();
    }
    Reflect::set(&o, &"unknown_field".into(), &parse(r#"{"x": 1}"#)).unwrap();
    o.into()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn shape_walkers_agree() {
    let mut g = Gen(0x5eed);
    let (mut decoded, mut failed) = (0, 0);
    for (name, shape) in shapes() {
        for case in 0..60 {
            let input = object(&mut g, shape, 0);
            let rust = shape::decode(&input, shape);
            let js = ucaas_client::wasm::shapes::decode_raw(&input, shape);
            match (&rust, &js) {
                (Ok(r), Ok(j)) => {
                    assert_eq!(json(r), json(j), "{name} case {case}: input {}", json(&input));
                    decoded += 1;
                }
                (Err(r), Err(j)) => {
                    assert_eq!(r, j, "{name} case {case}: input {}", json(&input));
                    failed += 1;
                }
                _ => panic!("{name} case {case}: rust {rust:?} js {:?}: input {}", js.as_ref().map(json), json(&input)),
            }
        }
    }
    // Both outcomes must have been exercised for the comparison to mean anything.
    assert!(decoded > 600 && failed > 100, "decoded {decoded}, failed {failed}");
}

#[wasm_bindgen_test]
fn answer_rules_agree() {
    let field = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).unwrap();
    let statuses = [200, 201, 299, 400, 401, 403, 404, 406, 409, 500, 502, 503];
    let results = ["", "1", "\"1\"", "0", "1001", "\"1001\"", "403", "1611", "-5", "\"x\"", "2.5", "true", "null"];
    let msgs = ["", "\"Token has expired\"", "\" text \"", "\"\"", "5", "null", "{}"];
    let descs = ["", "\"EXPIRED token\"", "\"d\"", "false"];
    let (mut ok, mut kinds) = (0, std::collections::BTreeSet::new());
    for status in statuses {
        for result in results {
            for msg in msgs {
                for desc in descs {
                    let parts: Vec<String> = [("result", result), ("msg", msg), ("desc", desc)]
                        .iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| format!("\"{k}\": {v}"))
                        .collect();
                    let body = parse(&format!("{{{}}}", parts.join(", ")));
                    let case = format!("HTTP {status} {}", json(&body));
                    let js = js_check_answer(status, &body);
                    match check_answer(status, &ResultHead::read(&body)) {
                        Ok(()) => {
                            assert!(js.is_undefined(), "{case}: Rust says success, JS {}", json(&js));
                            ok += 1;
                        }
                        Err(e) => {
                            assert!(!js.is_undefined(), "{case}: Rust says {e:?}, JS success");
                            assert_eq!(field(&js, "kind").as_string().unwrap(), e.kind.as_str(), "{case}");
                            assert_eq!(field(&js, "message").as_string().unwrap(), e.message, "{case}");
                            assert_eq!(field(&js, "code").as_f64(), e.code.map(f64::from), "{case}");
                            assert_eq!(field(&js, "status").as_f64(), e.status.map(f64::from), "{case}");
                            assert_eq!(field(&js, "desc").as_string(), e.desc, "{case}");
                            kinds.insert(e.kind.as_str());
                        }
                    }
                }
            }
        }
    }
    // Every kind an answer can have must have come up for the comparison to mean anything.
    let expected = ["api", "decode", "expired", "forbidden", "http", "not_found", "unauthenticated", "validation"];
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), expected);
    assert!(ok > 10, "{ok} successes");
}
