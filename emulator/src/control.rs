//! `/__emulator/`: test and demo controls (off with `--no-control`): the outbox, the clock,
//! reset, the request log and fault injection. Not part of the vendor API, so not in the
//! OpenAPI document.

use crate::auth::json_object;
use crate::clock;
use crate::faults::FaultSpec;
use crate::reply::{ok, Answer, ApiError};
use crate::state::App;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::Router;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The control routes.
pub fn router() -> Router<App> {
    Router::new()
        .route("/__emulator/outbox", get(outbox).delete(clear_outbox))
        .route("/__emulator/clock", get(clock_get).post(clock_set))
        .route("/__emulator/reset", axum::routing::post(reset))
        .route("/__emulator/requests", get(requests).delete(clear_requests))
        .route("/__emulator/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/__emulator/faults/{id}", delete(remove_fault))
}

/// A malformed control request (400 / 1002, the reason in `desc`).
fn bad(reason: impl Into<String>) -> ApiError {
    let mut e = ApiError::invalid(ucaas_codes::REQUEST_INVALID, "body");
    e.status = StatusCode::BAD_REQUEST;
    e.desc = reason.into().into();
    e
}

async fn outbox(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Answer {
    let data = app.read();
    let to = q.get("to").map(|t| t.to_ascii_lowercase());
    let mails: Vec<_> =
        data.outbox.iter().filter(|m| to.as_ref().is_none_or(|t| m.to.to_ascii_lowercase() == *t)).collect();
    ok(json!({ "mails": mails }))
}

async fn clear_outbox(State(app): State<App>) -> Answer {
    app.mutate(|d| d.outbox.clear());
    ok(json!({}))
}

fn clock_answer(app: &App) -> Answer {
    let now = app.clock.now();
    ok(json!({ "now": clock::format(now), "epoch": now, "offset_seconds": app.clock.offset() }))
}

async fn clock_get(State(app): State<App>) -> Answer {
    clock_answer(&app)
}

/// `{"offset_seconds": N}` sets the offset; `{"advance_seconds": N}` adds to it.
async fn clock_set(State(app): State<App>, body: Bytes) -> Answer {
    let body = json_object(&body).map_err(|_| bad("body must be a JSON object"))?;
    let int = |k: &str| body.get(k).map(|v| v.as_i64().ok_or_else(|| bad(format!("{k} must be an integer"))));
    match (int("offset_seconds").transpose()?, int("advance_seconds").transpose()?) {
        (Some(offset), None) => app.clock.set_offset(offset),
        (None, Some(delta)) => app.clock.set_offset(app.clock.offset().saturating_add(delta)),
        _ => return Err(bad("give exactly one of offset_seconds, advance_seconds")),
    }
    clock_answer(&app)
}

async fn reset(State(app): State<App>) -> Answer {
    app.reset();
    ok(json!({}))
}

async fn requests(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Answer {
    let since = q.get("since").and_then(|s| s.parse().ok()).unwrap_or(0);
    ok(json!({ "requests": app.requests.since(since) }))
}

async fn clear_requests(State(app): State<App>) -> Answer {
    app.requests.clear();
    ok(json!({}))
}

async fn faults(State(app): State<App>) -> Answer {
    ok(json!({ "faults": app.faults.list() }))
}

async fn add_fault(State(app): State<App>, body: Bytes) -> Answer {
    let body = json_object(&body).map_err(|_| bad("body must be a JSON object"))?;
    let spec: FaultSpec = serde_json::from_value(Value::Object(body)).map_err(|e| bad(e.to_string()))?;
    let fault = app.faults.add(spec).map_err(bad)?;
    ok(json!({ "fault": fault }))
}

async fn clear_faults(State(app): State<App>) -> Answer {
    app.faults.clear();
    ok(json!({}))
}

async fn remove_fault(State(app): State<App>, Path(id): Path<String>) -> Answer {
    let id: u64 = id.parse().map_err(|_| ApiError::not_found())?;
    if app.faults.remove(id) {
        ok(json!({}))
    } else {
        Err(ApiError::not_found())
    }
}
