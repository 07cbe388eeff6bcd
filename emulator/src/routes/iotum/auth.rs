//! Authentication (`authenticate`: an API token for an `auth_token`) and the reseller's domain
//! tree (`domain/descendants`).

use super::schema::{self as s};
use super::{doc, object, post_route, run, Allowed, Ctx, Error, Fields, Outcome, Reply, Store, AUTHED};
use crate::area::Route;
use crate::state::App;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{json, Value};

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    vec![
        post_route(
            &["/authenticate"],
            post(authenticate),
            doc(
                "iotumAuthenticate",
                "Exchange an API token for an auth_token (expires 60 minutes after its last successful use)",
                s::object(vec![("api_token", s::text())], &["api_token"]),
                s::object(vec![("auth_token", s::string())], &["auth_token"]),
                200,
                &[400, 401, 422],
            ),
        ),
        post_route(
            &["/domain/descendants"],
            post(descendants),
            doc(
                "iotumDomainDescendants",
                "The child domain (sub-reseller) of the caller's domain; an array when it has none or several",
                s::authed(vec![], &[]),
                s::any(),
                200,
                AUTHED,
            ),
        ),
    ]
}

async fn authenticate(State(app): State<App>, body: Bytes) -> Response {
    let outcome = (|| -> Outcome {
        let map = object(&body)?;
        let token = Fields(&map).str("api_token")?;
        let now = app.clock.now();
        let data = app.read();
        let host_id = data
            .iotum
            .api_tokens
            .iter()
            .find(|t| t.api_token == token)
            .map(|t| t.host_id)
            .filter(|h| data.iotum.host(*h).is_some())
            .ok_or_else(|| Error::unauthorized("Invalid API token"))?;
        drop(data);
        Ok(Reply::ok(json!({ "auth_token": app.iotum_sessions.open(host_id, now) })))
    })();
    match outcome {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

async fn descendants(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx: &Ctx| {
        let data = ctx.app.read();
        let children = children(&data.iotum, ctx.caller.domain_id, 0);
        Ok(Reply::ok(match <[Value; 1]>::try_from(children) {
            Ok([one]) => one,
            Err(all) => Value::Array(all),
        }))
    })
}

/// Levels of sub-resellers answered (a guard against a cycle in a hand-written data file).
const MAX_DEPTH: usize = 16;

/// The domains directly below `id`, each with its own descendants.
fn children(store: &Store, id: u64, depth: usize) -> Vec<Value> {
    if depth >= MAX_DEPTH {
        return vec![];
    }
    store
        .domains
        .iter()
        .filter(|d| d.parent_id == Some(id) && d.id != id)
        .map(|d| {
            json!({
                "id": d.id,
                "domain": d.domain,
                "display_name": d.display_name,
                "descendants": children(store, d.id, depth + 1),
            })
        })
        .collect()
}
