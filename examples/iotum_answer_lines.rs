//! The Rust client's Iotum answer and API token rules as a filter, for the Node test that holds
//! them equal to js/iotum.js's (tests/node/iotum-answer.test.mjs): each stdin line is
//! `{"status", "body", "read": "answer" | "upload", "items": bool}` (`items`: the answer type is
//! a list of one field `items`) or `{"api_token": text}`; each stdout line is `{"ok": json}` or
//! `{"error": {"kind", "message", "status", "field"}}`.
//!
//!   cargo build --example iotum_answer_lines   # target/debug/examples/iotum_answer_lines
//!
//! Native only (the Rust client is a dev-dependency feature there); on wasm32 it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use serde_json::{json, Value};
    use std::io::{BufRead, BufWriter, Write};
    use ucaas_client::api::iotum::{domain::DomainList, Ack};
    use ucaas_client::client::iotum_answer::{as_items, read_answer, read_upload};
    use ucaas_client::client::iotum_api_token_of;
    use ucaas_client::shape::Shaped;

    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is readable");
        let case: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        let error = |e: ucaas_client::Error| json!({ "error": { "kind": e.kind.as_str(), "message": e.message, "status": e.status, "field": e.field } });
        if let Some(token) = case["api_token"].as_str() {
            let answer = iotum_api_token_of(token).map_or_else(error, |t| json!({ "ok": t }));
            writeln!(out, "{answer}").expect("stdout is writable");
            continue;
        }
        let (Some(status), Some(body)) = (case["status"].as_u64(), case["body"].as_str()) else {
            writeln!(out, "{}", json!({ "bad_input": "a line is {status, body, read, items}" })).unwrap();
            continue;
        };
        let status = u16::try_from(status).unwrap_or(u16::MAX);
        let read = if case["read"] == "upload" { read_upload } else { read_answer };
        let shape = if case["items"] == true { DomainList::SHAPE } else { Ack::SHAPE };
        let answer = match read(status, body) {
            Ok(v) => json!({ "ok": as_items(v, shape) }),
            Err(e) => error(e),
        };
        writeln!(out, "{answer}").expect("stdout is writable");
        out.flush().expect("stdout is writable");
    }
}
