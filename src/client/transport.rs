//! What a [`Client`](super::Client) needs from the platform: one HTTP exchange, and a wait
//! between a read's attempts.
//!
//! The request reaches the transport built and checked ([`HttpRequest`]: the URL, every header,
//! the body, the attempt's timeout), so a transport only moves bytes. On `wasm32` its futures
//! need not be `Send` (a browser's are not); natively they must be, so a client works in
//! `tokio::spawn` and axum handlers (as oauth2's `AsyncHttpClient` does).

use super::FileBody;
use crate::api::Method;
use std::future::Future;
use std::time::Duration;

/// One HTTP request as the client built it.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The whole URL: the base URL, the path and the encoded query.
    pub url: String,
    /// Every header to send, in order (`X-Api-Id`, `Authorization`, `X-App-Type`,
    /// `Content-Type` of a JSON body, the route's own).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: HttpBody,
    /// How long this attempt may take, answer body included; past it the transport answers
    /// [`TransportError::Timeout`].
    pub timeout: Duration,
}

// By hand: the `Authorization` header carries a secret, which `{:?}` must never print.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<_> = self
            .headers
            .iter()
            .map(|(k, v)| (*k, if k.eq_ignore_ascii_case("authorization") { "<redacted>" } else { v.as_str() }))
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &Redacted(&self.body))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A body as `{:?}` shows it: the values of the Iotum API's `auth_token` and `api_token` (JSON
/// body credentials) replaced, and bytes counted rather than listed.
pub(super) struct Redacted<'a>(pub(super) &'a HttpBody);

impl std::fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            HttpBody::Json(text) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(mut map)) => {
                    for key in ["auth_token", "api_token"] {
                        if let Some(v) = map.get_mut(key) {
                            *v = "<redacted>".into();
                        }
                    }
                    f.debug_tuple("Json").field(&serde_json::Value::Object(map).to_string()).finish()
                }
                // Not an object: no key to hide, but it may still hold one; shown by its length.
                _ => write!(f, "Json(<{} bytes>)", text.len()),
            },
            HttpBody::Bytes(bytes) => write!(f, "Bytes(<{} bytes>)", bytes.len()),
            other => other.fmt(f),
        }
    }
}

/// The body of an [`HttpRequest`].
#[derive(Debug, Clone, PartialEq)]
pub enum HttpBody {
    /// No body.
    Empty,
    /// JSON text (`Content-Type: application/json` is among the headers).
    Json(String),
    /// `multipart/form-data`: the transport writes the boundary and its `Content-Type`.
    Form(Multipart),
    /// Raw bytes (a file's content: the Iotum drive upload's `PUT`); their `Content-Type` is
    /// among the headers.
    Bytes(Vec<u8>),
}

/// A `multipart/form-data` body: text parts, then file parts, each in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Multipart {
    /// Text parts: name and value (`options[image]`, `image[0][caption]`).
    pub fields: Vec<(String, String)>,
    /// File parts: name (`image[0][img_file]`) and file, its content type checked as a media type.
    pub files: Vec<(String, FileBody)>,
}

/// What came back: the status and the body as text.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body (the API's JSON, or whatever a gateway answered).
    pub body: String,
}

/// Why an exchange produced no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportError {
    /// No answer within [`HttpRequest::timeout`] (the client's `ErrorKind::Timeout`).
    Timeout,
    /// The request did not reach the server, or its answer did not come back (the client's
    /// `ErrorKind::Network`; a read is tried again). The text must not repeat a credential.
    Network(String),
}

/// An HTTP client the [`Client`](super::Client) sends through: [`ReqwestTransport`] natively,
/// `WebTransport` in a browser or worker (feature `web`), or your own (a test double,
/// workers-rs `Fetch`, a client with a proxy).
///
/// [`ReqwestTransport`]: super::ReqwestTransport
///
/// ```
/// use std::future::Future;
/// use std::time::Duration;
/// use ucaas_client::client::{HttpRequest, HttpResponse, Transport, TransportError};
///
/// /// Answers every request with the same body, and records nothing.
/// struct Canned(&'static str);
///
/// impl Transport for Canned {
///     fn send(&self, _request: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
///         let body = self.0.to_owned();
///         async move { Ok(HttpResponse { status: 200, body }) }
///     }
///     fn wait(&self, _pause: Duration) -> impl Future<Output = ()> + Send {
///         async {}
///     }
/// }
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub trait Transport: Send + Sync {
    /// Sends one request and reads its whole answer, within `request.timeout`.
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;

    /// Waits `pause` (the backoff before a read's next attempt), on the transport's runtime.
    fn wait(&self, pause: Duration) -> impl Future<Output = ()> + Send;
}

/// An HTTP client the [`Client`](super::Client) sends through (`wasm32`: its futures need not be
/// `Send`).
#[cfg(target_arch = "wasm32")]
pub trait Transport {
    /// Sends one request and reads its whole answer, within `request.timeout`.
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>>;

    /// Waits `pause` (the backoff before a read's next attempt).
    fn wait(&self, pause: Duration) -> impl Future<Output = ()>;
}
