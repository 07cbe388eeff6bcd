//! CORS for browser clients: allowed origins are patterns (`http://localhost:*` = any port,
//! `*` = any origin); preflights are answered before routing.

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// Headers a browser client may send.
pub const ALLOW_HEADERS: &str = "X-Api-Id, X-App-Type, Authorization, Content-Type, X-Action, X-License";
/// Methods a browser client may use.
pub const ALLOW_METHODS: &str = "GET, POST, PATCH, DELETE, OPTIONS";

/// Whether `origin` matches one of `patterns`.
pub fn origin_allowed(patterns: &[String], origin: &str) -> bool {
    patterns.iter().any(|p| {
        if p == "*" || p == origin {
            return true;
        }
        // `scheme://host:*`: that host on any port, or on the scheme's default port.
        p.strip_suffix(":*").is_some_and(|host| {
            origin == host
                || origin
                    .strip_prefix(host)
                    .and_then(|rest| rest.strip_prefix(':'))
                    .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        })
    })
}

/// The request's `Origin`, if it is allowed.
pub fn allowed_origin(patterns: &[String], headers: &HeaderMap) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    origin_allowed(patterns, origin.to_str().ok()?).then(|| origin.clone())
}

/// Whether this request is a CORS preflight.
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::OPTIONS
        && headers.contains_key(header::ORIGIN)
        && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// The answer to a preflight: 204 with the allowances, or 403 for an origin not allowed.
pub fn preflight(patterns: &[String], headers: &HeaderMap) -> Response {
    let Some(origin) = allowed_origin(patterns, headers) else {
        return (StatusCode::FORBIDDEN, [(header::VARY, "Origin")]).into_response();
    };
    let mut resp = StatusCode::NO_CONTENT.into_response();
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOW_METHODS));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOW_HEADERS));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    resp
}

/// Adds the CORS headers of an actual (non-preflight) answer.
pub fn decorate(resp: &mut Response, origin: Option<HeaderValue>) {
    let h = resp.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_port_wildcards() {
        let p = vec!["http://localhost:*".to_string(), "https://app.example.test".to_string()];
        assert!(origin_allowed(&p, "http://localhost:5173"));
        assert!(origin_allowed(&p, "http://localhost"));
        assert!(origin_allowed(&p, "https://app.example.test"));
        assert!(!origin_allowed(&p, "http://localhost.evil.test"));
        assert!(!origin_allowed(&p, "http://localhost:80x"));
        assert!(!origin_allowed(&p, "https://localhost:5173"));
        assert!(origin_allowed(&["*".to_string()], "https://anything.test"));
    }
}
