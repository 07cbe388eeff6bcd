//! The one error type of the crate.
//!
//! In JavaScript it is thrown as `UcaasError` (an `Error` subclass, in `js/runtime.js`) carrying the
//! same fields; `kind` says what went wrong in a word a program can switch on.

use serde::Serialize;
use std::fmt;
use ucaas_codes::Code;

/// What went wrong. Serialized as the snake_case strings JavaScript sees in `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// Input failed the documented validation rules before any request was sent (`code` is the
    /// API's own code, `field` the input field), or the server answered HTTP 406.
    Validation,
    /// No session for a call that needs one, or the server answered 401 / result 1001
    /// (token or API id not valid, wrong password at login).
    Unauthenticated,
    /// The session's token is past its life (checked locally 60 s early, or the server's 403).
    Expired,
    /// Signed in, but the server refused access to that data (HTTP 403 other than expiry).
    Forbidden,
    /// The server has no such meeting, PIN, reset key or route (HTTP 404).
    NotFound,
    /// The server answered JSON with a non-success `result` not covered above.
    Api,
    /// The server answered an HTTP error status without the API's error JSON.
    Http,
    /// The request did not reach the server or the answer did not come back (fetch rejected).
    Network,
    /// No answer within the configured `timeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// The answer was not JSON or not the documented shape; `status` is the HTTP status.
    Decode,
}

impl ErrorKind {
    /// The string JavaScript sees in `error.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::Unauthenticated => "unauthenticated",
            Self::Expired => "expired",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Api => "api",
            Self::Http => "http",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Aborted => "aborted",
            Self::Decode => "decode",
        }
    }
}

/// An error from any call of the client.
///
/// ```
/// use ucaas_client::{Error, ErrorKind};
/// let e = Error::validation(ucaas_codes::code!(2107), "pin");
/// assert_eq!(e.kind, ErrorKind::Validation);
/// assert_eq!(e.message, "The PIN must be between 6 to 10 characters.");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The API's result code, or the documented validation code of a local check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    /// The HTTP status, when there was a response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// A human-readable sentence (the API's `msg`, or the documented text of `code`).
    pub message: String,
    /// The API's `desc`, when it sent one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// The input field a validation error concerns (snake_case, as in the API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl Error {
    /// A bare error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, code: None, status: None, message: message.into(), desc: None, field: None }
    }

    /// A local validation failure with the documented `code` (from [`ucaas_codes::code!`]) and
    /// its documented text.
    pub fn validation(code: Code, field: &'static str) -> Self {
        Self { code: Some(code.number), field: Some(field), ..Self::new(ErrorKind::Validation, code.text) }
    }

    /// A local validation failure that the API docs give no code for.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            code: Some(ucaas_codes::REQUEST_INVALID),
            field: Some(field),
            ..Self::new(ErrorKind::Validation, message)
        }
    }

    /// A call that needs a session was made while signed out.
    pub fn signed_out() -> Self {
        Self::new(ErrorKind::Unauthenticated, "Not signed in: call login() first")
    }

    /// The stored token is past (or within 60 s of) its expiry.
    pub fn expired() -> Self {
        Self::new(ErrorKind::Expired, "The session has expired: sign in again")
    }

    /// The answer could not be decoded.
    pub fn decode(status: Option<u16>, message: impl Into<String>) -> Self {
        Self { status, ..Self::new(ErrorKind::Decode, message) }
    }

    /// Whether this answer means the session's token is no longer usable.
    pub fn ends_session(&self) -> bool {
        matches!(self.kind, ErrorKind::Unauthenticated | ErrorKind::Expired) && self.status.is_some()
    }

    /// Attach the HTTP status.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_uses_the_documented_text() {
        let e = Error::validation(ucaas_codes::code!(1611), "room_name");
        assert_eq!(e.code, Some(1611));
        assert_eq!(e.field, Some("room_name"));
        assert_eq!(e.message, "Meeting Title is reqruied.");
        assert_eq!(e.to_string(), "Meeting Title is reqruied. (code 1611)");
    }

    #[test]
    fn only_server_auth_answers_end_the_session() {
        assert!(!Error::signed_out().ends_session());
        assert!(Error::expired().with_status(403).ends_session());
        assert!(!Error::new(ErrorKind::Network, "down").ends_session());
        assert!(!Error::new(ErrorKind::Forbidden, "no").with_status(403).ends_session());
    }
}
