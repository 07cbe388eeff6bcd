//! The HTTP application: the route table mounted under `/ucaas/v1` (and the CPaaS area's under
//! `/cpaas` and the Iotum area's under `/enterprise_api`; plus the control API and static files), and one middleware that frames every
//! request: CORS, faults, logging. A panicking handler answers the API's 500 (`panics`), inside
//! the frame so that the request log records it, and once more outside it for the frame itself.

use crate::faults::Outcome;
use crate::reply::ApiError;
use crate::routes::{self, iotum, BASE, CPAAS_BASE};
use crate::state::App;
use crate::{control, cors, openapi, panics, reqlog, static_files};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::time::Instant;

/// Marks a response whose connection must be closed without answering (the `drop` and
/// `reset_after` faults).
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// The whole application for `app`.
pub fn router(app: App) -> Router {
    let mut router = Router::new();
    for area in routes::areas() {
        for route in area.routes {
            for path in route.paths {
                router = router.route(&format!("{}{path}", area.base), route.handler.clone());
            }
        }
    }
    router = router.route(&format!("{BASE}/openapi.json"), get(openapi::serve));
    if app.cfg.control {
        router = router.merge(control::router());
    }
    router
        .fallback(fallback)
        .method_not_allowed_fallback(|uri: axum::http::Uri| async move {
            if iotum::is_iotum_path(uri.path()) {
                iotum::Error::method_not_allowed().into_response()
            } else {
                ApiError::method_not_allowed().into_response()
            }
        })
        .layer(middleware::from_fn(panics::injected))
        .layer(middleware::from_fn(panics::catch))
        .layer(middleware::from_fn_with_state(app.clone(), frame))
        .layer(middleware::from_fn(panics::catch))
        .with_state(app)
}

/// Unknown routes: the demo's static files if configured, else the API's 404.
async fn fallback(State(app): State<App>, req: Request) -> Response {
    let path = req.uri().path();
    let is_api = path.starts_with("/ucaas/")
        || path.starts_with("/__emulator/")
        || path == CPAAS_BASE
        || path.starts_with(&format!("{CPAAS_BASE}/"))
        || iotum::is_iotum_path(path);
    if let (Some(dir), false, true) = (&app.cfg.static_dir, is_api, matches!(*req.method(), Method::GET | Method::HEAD))
    {
        if let Some(resp) = static_files::serve(dir, path).await {
            return resp;
        }
    }
    if iotum::is_iotum_path(path) {
        return iotum::Error::route_not_found().into_response();
    }
    ApiError::not_found().into_response()
}

/// CORS, fault injection and the request log around every request.
async fn frame(State(app): State<App>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = reqlog::redact(req.uri().path());
    let is_control = path.starts_with("/__emulator/");
    let auth = req.headers().get(header::AUTHORIZATION).map(|v| reqlog::auth_scheme(v.as_bytes()));
    let in_flight = InFlight {
        app: Some(app.clone()),
        method: method.to_string(),
        path: path.clone(),
        auth,
        logged: !is_control,
        started: Instant::now(),
    };
    let mut resp = if cors::is_preflight(&method, req.headers()) {
        cors::preflight(&app.cfg.allow_origins, req.headers())
    } else {
        let origin = cors::allowed_origin(&app.cfg.allow_origins, req.headers());
        let api = path.starts_with(BASE) || path.starts_with(&format!("{CPAAS_BASE}/")) || iotum::is_iotum_path(&path);
        let fault = if api { app.faults.take(method.as_str(), &path) } else { None };
        let mut resp = match fault {
            Some((latency, outcome)) => {
                tokio::time::sleep(latency).await;
                faulty(outcome, req, next).await
            }
            None => next.run(req).await,
        };
        if resp.status() == StatusCode::INTERNAL_SERVER_ERROR
            && iotum::is_iotum_path(&path)
            && resp.extensions().get::<DropConnection>().is_none()
        {
            // A panic or an injected error below /enterprise_api answers that API's error JSON.
            resp = iotum::Error::internal().into_response();
        }
        cors::decorate(&mut resp, origin);
        resp
    };
    let status = if resp.extensions().get::<DropConnection>().is_some() { 0 } else { resp.status().as_u16() };
    in_flight.finish(status);
    if status == 0 {
        resp.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    resp
}

/// A request being answered, logged once: with its status by `finish`, or as
/// `reqlog::CLIENT_CLOSED` if its future is dropped first — the client closed the connection
/// before the answer (a timeout, an abort), and hyper cancels the request with it: a handler
/// that had not run yet (a `latency_ms` fault still sleeping) never runs.
struct InFlight {
    app: Option<App>,
    method: String,
    path: String,
    auth: Option<&'static str>,
    /// Whether it goes into the request log too (control requests only have a stderr line).
    logged: bool,
    started: Instant,
}

impl InFlight {
    fn finish(mut self, status: u16) {
        self.record(status);
    }

    fn record(&mut self, status: u16) {
        let Some(app) = self.app.take() else { return };
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        reqlog::stderr_line(&self.method, &self.path, status, ms);
        if self.logged {
            let answered = reqlog::Answered { method: &self.method, status, ms, auth: self.auth };
            app.requests.push(std::mem::take(&mut self.path), self.started, answered);
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.record(reqlog::CLIENT_CLOSED);
    }
}

/// The answer an injected fault gives.
async fn faulty(outcome: Outcome, req: Request, next: Next) -> Response {
    match outcome {
        Outcome::Pass => next.run(req).await,
        Outcome::Panic => {
            let mut req = req;
            req.extensions_mut().insert(panics::InjectPanic);
            next.run(req).await
        }
        Outcome::Error => ApiError::internal().into_response(),
        Outcome::Drop => {
            let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            resp.extensions_mut().insert(DropConnection);
            resp
        }
        Outcome::ResetAfter => {
            let mut resp = next.run(req).await;
            resp.extensions_mut().insert(DropConnection);
            resp
        }
        Outcome::Html(status) => html_page(status),
        Outcome::Truncate => truncate(next.run(req).await).await,
    }
}

/// A non-JSON error page, as a proxy in front of the API would send.
fn html_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("Error"));
    let body = format!("<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><h1>{title}</h1><p>The upstream server did not answer.</p></body></html>\n");
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// The same answer with its body cut in half (Content-Length matches the cut body).
async fn truncate(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}
