//! The API's answers: success as `{"result": 1, ...}`, errors as the documented error JSON with the
//! HTTP status agreed in `docs/conventions.md`. Every text comes from `ucaas_codes`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

/// A handler's successful answer: a JSON object that gets `"result": 1` added.
pub type Answer = Result<Json<Value>, ApiError>;

/// Wraps the keys of a successful answer, adding `"result": 1` first.
pub fn ok(body: Value) -> Answer {
    let mut out = Map::with_capacity(4);
    out.insert("result".into(), json!(ucaas_codes::SUCCESS));
    if let Value::Object(map) = body {
        out.extend(map);
    }
    Ok(Json(Value::Object(out)))
}

/// An error answer: HTTP status plus `{result, msg, desc, data?}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The `result` code.
    pub result: u32,
    /// The short text.
    pub msg: Cow<'static, str>,
    /// The longer explanation.
    pub desc: Cow<'static, str>,
    /// Details (field or header concerned), if any.
    pub data: Option<Value>,
}

/// The documented text of `code`; a code missing from the table is a bug caught by the tests.
fn text(code: u32) -> &'static str {
    ucaas_codes::message(code).unwrap_or("The request is invalid.")
}

impl ApiError {
    fn new(status: StatusCode, result: u32, msg: &'static str, desc: &'static str) -> Self {
        ApiError { status, result, msg: msg.into(), desc: desc.into(), data: None }
    }

    /// Adds the `data` object.
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// A required header is missing (400 / 400).
    pub fn header_missing(header: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 400, "Header is missing", "Add a valid header.")
            .with_data(json!({ "header": header }))
    }

    /// Unknown `X-Api-Id` or bad Basic credentials (401 / 401).
    pub fn invalid_header(header: &'static str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 401, "Invalid header", "Invalid header used.")
            .with_data(json!({ "header": header }))
    }

    /// Unknown or malformed token (401 / 1001).
    pub fn token_invalid() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ucaas_codes::TOKEN_INVALID, text(1001), "Log in again to get a new token.")
    }

    /// The token is past its life (403 / 403).
    pub fn token_expired() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ucaas_codes::TOKEN_EXPIRED,
            "Token has expired",
            "Token has expired. Log in again.",
        )
    }

    /// Authenticated, but the data belongs to another tenant or role (403 / 0).
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, ucaas_codes::ERROR, "Forbidden", "You have no access to this data.")
    }

    /// Wrong email or password at `/login` (401 / 0).
    pub fn bad_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ucaas_codes::ERROR,
            "Invalid credentials",
            "The email or the password is wrong.",
        )
    }

    /// No such thing (404 / 404).
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, 404, "Not Found", "Not Found.")
    }

    /// No such thing, with the documented code of the kind (404 / `code`: 1220 subscription,
    /// 1818 contact group).
    pub fn missing(code: u32) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, text(code), "Not Found.")
    }

    /// Validation failed with a code and a precise explanation in `desc`.
    pub fn invalid_because(code: u32, field: &str, why: impl Into<String>) -> Self {
        let mut e = Self::invalid(code, field);
        e.desc = why.into().into();
        e
    }

    /// No such password reset key (404 / 4201).
    pub fn reset_key_invalid() -> Self {
        Self::new(StatusCode::NOT_FOUND, 4201, text(4201), text(4201))
    }

    /// The method is not served on this path (405 / 405).
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            405,
            "Method Not Allowed",
            "This route does not take this HTTP method.",
        )
    }

    /// `X-App-Type` missing (400 / 1401).
    pub fn app_type_missing() -> Self {
        Self::new(StatusCode::BAD_REQUEST, 1401, text(1401), text(1401)).with_data(json!({ "header": "X-App-Type" }))
    }

    /// Validation failed with a documented code (406 / code); `field` names what failed.
    pub fn invalid(code: u32, field: &str) -> Self {
        Self::new(StatusCode::NOT_ACCEPTABLE, code, text(code), text(code)).with_data(json!({ "field": field }))
    }

    /// A CPaaS validation failure with its documented code (406 / code, the text from
    /// `ucaas_codes::cpaas`); `field` names what failed.
    pub fn cpaas_invalid(code: ucaas_codes::Code, field: &str) -> Self {
        ApiError {
            status: StatusCode::NOT_ACCEPTABLE,
            result: code.number,
            msg: code.text.into(),
            desc: code.text.into(),
            data: Some(json!({ "field": field })),
        }
    }

    /// No such CPaaS project, or another customer's (404 / `code`, 1007 "Invalid App ID.").
    pub fn cpaas_missing(code: ucaas_codes::Code) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            result: code.number,
            msg: code.text.into(),
            desc: code.text.into(),
            data: None,
        }
    }

    /// The meeting is over (406 / 1000).
    pub fn room_inactive() -> Self {
        Self::new(StatusCode::NOT_ACCEPTABLE, 1000, text(1000), "The meeting is over.")
    }

    /// Server fault (500 / 500).
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, 500, "Internal Server Error", "Internal Server Error.")
    }

    /// The JSON body of this error.
    pub fn body(&self) -> Value {
        let mut v = json!({ "result": self.result, "msg": self.msg, "desc": self.desc });
        if let Some(data) = &self.data {
            v["data"] = data.clone();
        }
        v
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_texts_come_from_the_codes_crate() {
        let e = ApiError::invalid(1611, "room_name");
        assert_eq!(e.status, StatusCode::NOT_ACCEPTABLE);
        assert_eq!(e.body()["msg"], "Meeting Title is reqruied.");
        assert_eq!(e.body()["data"]["field"], "room_name");
    }
}
