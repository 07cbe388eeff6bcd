//! A handler that panics answers HTTP 500 with the API's error JSON instead of dropping the
//! connection: `catch` polls the rest of the router inside `std::panic::catch_unwind`, writes one
//! stderr line and answers `{"result": 500, "msg": "Internal Server Error", "desc": ...}`. The
//! default panic hook is kept quiet for the panics it catches (the stderr line replaces its
//! message and backtrace note), and stays as it was for every other panic.
//!
//! `injected` is the `panic` fault: it panics where the handler would run, before it runs.

use crate::reply::ApiError;
use crate::reqlog;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::task::Poll;

/// Longest panic message (characters) that goes into `desc` and the stderr line.
const MAX_MESSAGE: usize = 200;

/// The message of the `panic` fault.
pub const INJECTED: &str = "injected fault: panic";

thread_local! {
    /// How many guarded calls are running on this thread (the hook stays quiet inside one).
    static GUARDED: Cell<u32> = const { Cell::new(0) };
    /// Where the last guarded panic on this thread happened (`file:line`).
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Marks a request that must panic where its handler would run (the `panic` fault).
#[derive(Debug, Clone, Copy)]
pub struct InjectPanic;

/// Middleware: the rest of the router, with its panics turned into the API's 500.
pub async fn catch(req: Request, next: Next) -> Response {
    install_hook();
    let method = req.method().clone();
    let path = reqlog::redact(req.uri().path());
    let mut fut = Box::pin(next.run(req));
    let polled = std::future::poll_fn(|cx| match guarded(|| fut.as_mut().poll(cx)) {
        Ok(Poll::Pending) => Poll::Pending,
        Ok(Poll::Ready(resp)) => Poll::Ready(Ok(resp)),
        Err(payload) => Poll::Ready(Err((payload, LOCATION.with(|l| l.borrow_mut().take())))),
    })
    .await;
    match polled {
        Ok(resp) => resp,
        Err((payload, at)) => {
            // Dropping the future that panicked may panic again: that must not escape either.
            let _ = guarded(move || drop(fut));
            answer(method.as_str(), &path, payload.as_ref(), at.as_deref())
        }
    }
}

/// Middleware (innermost): panics on requests the `panic` fault marked.
pub async fn injected(req: Request, next: Next) -> Response {
    if req.extensions().get::<InjectPanic>().is_some() {
        panic!("{INJECTED}");
    }
    next.run(req).await
}

/// Runs `f`, catching its panic; the hook knows it is caught.
fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, Box<dyn Any + Send>> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let out = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get() - 1));
    out
}

/// Once per process: a hook that records the location of guarded panics instead of printing them.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) > 0 {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|l| *l.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

/// The first line of a panic message, trimmed and capped; `None` for a payload that is no text.
fn message(payload: &(dyn Any + Send)) -> Option<String> {
    let text =
        payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str))?;
    let line = text.lines().next().unwrap_or("").trim();
    (!line.is_empty()).then(|| line.chars().take(MAX_MESSAGE).collect())
}

/// The stderr line and the 500 answer for a caught panic.
fn answer(method: &str, path: &str, payload: &(dyn Any + Send), at: Option<&str>) -> Response {
    let msg = message(payload);
    let at = at.map(|a| format!(" (at {a})")).unwrap_or_default();
    let line = format!(
        "ucaas-emulator: handler panicked on {method} {path}: {}{at}\n",
        msg.as_deref().unwrap_or("(no message)")
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    let mut e = ApiError::internal();
    if let Some(m) = msg {
        e.desc = format!("The handler panicked: {m}").into();
    }
    e.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, StatusCode};
    use axum::middleware;
    use axum::routing::get;
    use axum::Router;
    use serde_json::{json, Value};
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("boom {}\nsecond line with internals", 1 + 1)
    }

    async fn later() -> &'static str {
        tokio::task::yield_now().await;
        std::panic::panic_any(42_u32)
    }

    fn router() -> Router {
        Router::new()
            .route("/ok", get(|| async { "fine" }))
            .route("/boom", get(boom))
            .route("/later", get(later))
            .layer(middleware::from_fn(catch))
    }

    async fn send(router: &Router, path: &str) -> (StatusCode, Option<String>, String) {
        let req = Request::builder().uri(path).body(Body::empty()).unwrap();
        let resp = router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let ct = resp.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string());
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
        (status, ct, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_panic_is_the_api_500_and_the_router_goes_on() {
        let router = router();
        let (status, ct, body) = send(&router, "/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(ct.as_deref(), Some("application/json"));
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v, json!({ "result": 500, "msg": "Internal Server Error", "desc": "The handler panicked: boom 2" }));
        assert_eq!(send(&router, "/ok").await.2, "fine");
    }

    #[tokio::test]
    async fn a_panic_after_an_await_without_a_text_payload() {
        let (status, _, body) = send(&router(), "/later").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["desc"], "Internal Server Error.");
    }

    #[test]
    fn messages_keep_the_first_line_capped() {
        let long = "x".repeat(500);
        assert_eq!(message(&long).unwrap().len(), MAX_MESSAGE);
        assert_eq!(message(&"  a\nb").as_deref(), Some("a"));
        assert_eq!(message(&"\n"), None);
        assert_eq!(message(&7_i32), None);
    }
}
