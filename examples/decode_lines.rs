//! The Rust shape walker as a filter, for the Node test that holds js/runtime.js `decodeShape`
//! to it (tests/node/decoder.property.test.mjs, "agrees with the Rust walker"): each stdin line
//! is `[shape, answer]`, the shape as `shape::write_json` writes tables; each stdout line is
//! `{"ok": decoded}` or `{"error": message}` of `shape::decode`.
//!
//!   cargo build --example decode_lines   # target/debug/examples/decode_lines

use serde_json::{json, Value};
use std::io::{BufRead, BufWriter, Write};
use ucaas_client::shape::{self, Field, Kind, Presence};

fn main() {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is readable");
        let answer = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Array(pair)) if pair.len() == 2 => match table(&pair[0]) {
                Some(shape) => match shape::decode(&pair[1], shape) {
                    Ok(v) => json!({ "ok": v }),
                    Err(e) => json!({ "error": e }),
                },
                None => json!({ "bad_input": "the shape is not a table" }),
            },
            _ => json!({ "bad_input": "a line is [shape, answer]" }),
        };
        writeln!(out, "{answer}").expect("stdout is writable");
        out.flush().expect("stdout is writable");
    }
}

/// A table read from its JSON (leaked: this process lives for one test run).
fn table(v: &Value) -> Option<&'static [Field]> {
    let fields = v.as_array()?.iter().map(field).collect::<Option<Vec<_>>>()?;
    Some(Vec::leak(fields))
}

fn text(v: &Value) -> Option<&'static str> {
    v.as_str().map(|s| &*String::leak(s.to_owned()))
}

fn field(v: &Value) -> Option<Field> {
    let f = v.as_array()?;
    let presence = match f.get(3)?.as_u64()? {
        0 => Presence::Optional,
        1 => Presence::Required,
        2 => Presence::Always,
        _ => return None,
    };
    let alias = match f.get(1)? {
        Value::Null => None,
        a => Some(text(a)?),
    };
    Some(Field { key: text(f.first()?)?, alias, kind: kind(f.get(2)?, &f[4.min(f.len())..])?, presence })
}

/// A kind from its code and its arguments (`a, b, c` of `write_json`).
fn kind(code: &Value, args: &[Value]) -> Option<Kind> {
    Some(match code.as_u64()? {
        0 => Kind::Text,
        1 => Kind::Count,
        2 => Kind::Int,
        3 => Kind::Number,
        4 => Kind::Flag,
        5 => Kind::Object(table(args.first()?)?),
        6 => Kind::List(table(args.first()?)?),
        7 => Kind::Texts,
        10 => Kind::Ints,
        8 => Kind::Entries(text(args.first()?)?, table(args.get(1)?)?),
        9 => {
            let inner = args.get(2)?.as_array()?;
            let inner = kind(inner.first()?, &inner[1.min(inner.len())..])?;
            Kind::Pairs(text(args.first()?)?, text(args.get(1)?)?, Box::leak(Box::new(inner)))
        }
        _ => return None,
    })
}
