//! The emulator's request handling through its router (no socket), on arbitrary method, path,
//! headers and body: no panic (libFuzzer aborts on one, caught or not), every answer the API's
//! JSON with a `result` (below `/enterprise_api`, the Iotum API's: JSON, with a `message` on an
//! error), and a rejected request (HTTP ≥ 400) changes no data and no token.
//!
//! The input: a selector byte (bit 0: sign in as the seed's Alice first, bit 1: add the
//! `X-Api-Id` of the seed), then an HTTP head and body as text: `METHOD PATH`, header lines
//! `Name: value`, an empty line, the body. `{token}` in a header value is Alice's token. Every
//! input starts from the built-in seed: one emulator without the control API (so no fault is
//! injected and every 500 would be a handler's panic) is made once and reset before each input —
//! a new emulator per input (its router built again) held a run to a few inputs a second. A reset
//! that left something behind would make a crash depend on earlier inputs: the state after each
//! reset must have the size of the first one's (the seed's times follow the clock, their width
//! does not).

use axum::body::{to_bytes, Body};
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;
use std::sync::OnceLock;
use ucaas_emulator::Emulator;

const BASE: &str = "/ucaas/v1";
const IOTUM_BASE: &str = "/enterprise_api";

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"))
}

thread_local! {
    /// The one emulator, and the size of its state right after a reset (libFuzzer runs one thread).
    static EMULATOR: (Emulator, usize) = {
        let emulator = Emulator::new(false);
        emulator.reset();
        let fresh = emulator.state().len();
        (emulator, fresh)
    };
}

/// Sends the request `data` describes; panics when an answer breaks a rule.
pub fn check(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let Some((method, path)) = lines.next().and_then(|l| l.split_once(' ')) else { return };
    let Ok(method) = Method::from_bytes(method.as_bytes()) else { return };
    let path = if path.starts_with('/') { path.to_owned() } else { format!("{BASE}/{path}") };
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    EMULATOR.with(|(emulator, fresh)| runtime().block_on(run(emulator, *fresh, selector, method, path, headers, body)));
}

async fn run(
    emulator: &Emulator,
    fresh: usize,
    selector: u8,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: &str,
) {
    emulator.reset();
    assert_eq!(emulator.state().len(), fresh, "a reset left state behind");
    let token = if selector & 1 == 1 { login(emulator).await } else { String::new() };
    let mut req = Request::builder().method(method.clone()).uri(path.as_str());
    if selector & 2 == 2 {
        req = req.header("x-api-id", "demo-app");
    }
    for (k, v) in &headers {
        req = req.header(k.as_str(), v.replace("{token}", &token));
    }
    // What hyper would refuse before the router (a bad URI or header) never reaches it.
    let Ok(req) = req.body(Body::from(body.to_owned())) else { return };
    let before = emulator.state();
    let resp = emulator.call(req).await;
    let status = resp.status();
    let bytes = to_bytes(resp.into_body(), 1 << 24).await.expect("the answer's body is readable");
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{method} {path}: 500 without a fault");
    let bodiless = method == Method::HEAD || method == Method::OPTIONS || status == StatusCode::NO_CONTENT;
    if !bodiless && !path.starts_with(&format!("{BASE}/openapi.json")) {
        let json: Value = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            panic!("{method} {path}: HTTP {status}, not JSON: {}", String::from_utf8_lossy(&bytes))
        });
        if path == IOTUM_BASE || path.starts_with(&format!("{IOTUM_BASE}/")) {
            // The Iotum API's own rules: any JSON on success, `{"message"}` on an error.
            let ok = status.as_u16() < 400 || json.get("message").is_some();
            assert!(ok, "{method} {path}: HTTP {status} without a message: {json}");
        } else {
            assert!(json.get("result").is_some(), "{method} {path}: HTTP {status} without a result: {json}");
        }
    }
    if status.as_u16() >= 400 {
        assert!(emulator.state() == before, "{method} {path}: HTTP {status} changed the state");
    }
}

/// Alice's token (the seed's demo account).
async fn login(emulator: &Emulator) -> String {
    let req = Request::post(format!("{BASE}/login"))
        .header("x-api-id", "demo-app")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"email":"alice@example.test","password":"Passw0rd!"}"#))
        .expect("the login request");
    let resp = emulator.call(req).await;
    let bytes = to_bytes(resp.into_body(), 1 << 20).await.expect("the login answer");
    let json: Value = serde_json::from_slice(&bytes).expect("the login answer is JSON");
    json["token"].as_str().expect("login gives a token").to_owned()
}
