//! The API, one module per area. Every call is built as a plain [`Request`] value after its input
//! passed the documented validation, so all of it is tested natively; `crate::wasm` only sends it.
//! Answers are checked by [`check_answer`] and decoded into the area's types.

/// A struct of optional fields and its [`Shaped`] table, from one list, so they cannot drift.
macro_rules! loose_fields {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty = $with:literal => $kind:expr),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(default, deserialize_with = $with, skip_serializing_if = "Option::is_none")]
                #[tsify(optional)]
                pub $field: Option<$ty>,
            )*
        }

        impl Shaped for $name {
            const SHAPE: &'static [Field] = &[$(crate::shape::opt(crate::shape::strip_raw(stringify!($field)), $kind)),*];
        }
    };
}

/// An input type of [`Loose`](crate::Loose) fields (the TypeScript type of each given as text;
/// `optional` after it makes the key optional) and its reader, from one list.
macro_rules! loose_input {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ts:literal $($opt:ident)?),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize, tsify::Tsify)]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[tsify(type = $ts)]
                $(#[tsify($opt)])?
                pub $field: crate::loose::Loose,
            )*
        }

        impl $name {
            /// Reads the input object the way its `Deserialize` does.
            pub fn read<T: crate::shape::Tree>(v: &T) -> Self {
                Self { $($field: crate::shape::loose(v, stringify!($field)),)* }
            }
        }
    };
}

#[macro_use]
pub mod list;
pub mod auth;
pub mod branding;
pub mod contacts;
pub mod customers;
pub mod datapool;
pub mod groups;
pub mod lobby;
pub mod meetings;
pub mod permanent;
pub mod polls;
pub mod reports;
pub mod sessions;
pub mod subscriptions;
pub mod users;

use crate::error::{Error, ErrorKind};
use crate::loose;
use crate::shape::{opt, Field, Kind::*, Shaped, Tree};
use serde::{Deserialize, Serialize};

/// HTTP method of a [`Request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read; retried on network errors and 502/503/504.
    Get,
    /// Create; never retried automatically.
    Post,
    /// Change; never retried automatically.
    Patch,
    /// Delete; never retried automatically.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Whether sending it twice cannot do harm, so a failed attempt may be repeated.
    pub fn is_idempotent(self) -> bool {
        self == Self::Get
    }
}

/// How a [`Request`] authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Only `X-Api-Id` (login, password reset, join, invite, branding).
    ApiId,
    /// `Authorization: Token <token>` from the session, plus `X-Api-Id`.
    Token,
}

/// One call of the API as a value: where it goes, how it authenticates, what it carries.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Request<B = ()> {
    /// HTTP method.
    pub method: Method,
    /// Path below the base URL, starting with `/`, segments already percent-encoded.
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<(&'static str, String)>,
    /// How it authenticates.
    pub auth: Auth,
    /// Whether it sends `X-App-Type` (the meeting routes).
    pub app_type: bool,
    /// Further fixed headers (`X-Action`, `X-License`).
    pub headers: Vec<(&'static str, &'static str)>,
    /// The JSON body.
    pub body: Option<B>,
    /// A `multipart/form-data` body instead (lobby, meeting branding).
    pub form: Option<Form>,
}

/// A `multipart/form-data` body as data: text fields, and the file parts with the input field
/// each file is taken from. The browser's `FormData` is built from it in `crate::wasm` only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    /// Text parts, in order (nested input written with brackets: `options[message]`, `message[0][text]`).
    pub fields: Vec<(String, String)>,
    /// File parts.
    pub files: Vec<FilePart>,
}

/// A file part of a [`Form`]: the form key, and where in the caller's input the `Blob`/`File` is.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePart {
    /// The part's name, e.g. `image[0][img_file]`.
    pub name: String,
    /// The input's list holding it (`image`).
    pub list: &'static str,
    /// The item of that list.
    pub index: usize,
    /// The item's key holding the file (`img_file`).
    pub key: &'static str,
}

impl Form {
    /// The form of a JSON object: nested objects and arrays flattened with brackets, `null`s
    /// left out, booleans and numbers written as text.
    pub fn from_json(v: &serde_json::Value) -> Self {
        let mut form = Form::default();
        flatten(&mut form.fields, String::new(), v);
        form
    }

    /// The JSON the JavaScript side builds its `FormData` from:
    /// `{"fields": [[name, value], …], "files": [[name, list, index, key], …]}`.
    pub fn to_json(&self) -> String {
        // A struct, not `json!`: `serde_json::Value` would link its map and float writer into
        // the core wasm build, which never sends a form.
        #[derive(Serialize)]
        struct Parts<'a> {
            fields: &'a [(String, String)],
            files: Vec<(&'a str, &'a str, usize, &'a str)>,
        }
        let files = self.files.iter().map(|p| (p.name.as_str(), p.list, p.index, p.key)).collect();
        serde_json::to_string(&Parts { fields: &self.fields, files }).unwrap_or_default()
    }
}

fn flatten(out: &mut Vec<(String, String)>, key: String, v: &serde_json::Value) {
    use serde_json::Value;
    let child = |k: &str| if key.is_empty() { k.to_owned() } else { format!("{key}[{k}]") };
    match v {
        Value::Null => {}
        Value::Object(m) => m.iter().for_each(|(k, v)| flatten(out, child(k), v)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| flatten(out, child(&i.to_string()), v)),
        Value::String(s) => out.push((key, s.clone())),
        other => out.push((key, other.to_string())),
    }
}

impl Request<()> {
    /// A request without a body.
    pub fn new(method: Method, path: String, auth: Auth) -> Self {
        Request { method, path, query: Vec::new(), auth, app_type: false, headers: Vec::new(), body: None, form: None }
    }
}

impl<B> Request<B> {
    /// The same request carrying `body`.
    pub fn with_body<C: Serialize>(self, body: C) -> Request<C> {
        let Request { method, path, query, auth, app_type, headers, form, .. } = self;
        Request { method, path, query, auth, app_type, headers, body: Some(body), form }
    }

    /// The same request sending `form` as `multipart/form-data` (and no JSON body).
    pub fn with_form(self, form: Form) -> Request<B> {
        Request { form: Some(form), body: None, ..self }
    }

    /// Adds a fixed header (`X-Action`, `X-License`).
    pub fn header(mut self, key: &'static str, value: &'static str) -> Self {
        self.headers.push((key, value));
        self
    }

    /// Sends `X-App-Type`.
    pub fn meeting_route(mut self) -> Self {
        self.app_type = true;
        self
    }

    /// Adds a query parameter.
    pub fn param(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// The same request with its body written as JSON text (what the transport sends).
    pub fn with_json_body(self) -> Result<Request<String>, Error>
    where
        B: Serialize,
    {
        let text = match &self.body {
            Some(body) => Some(
                serde_json::to_string(body)
                    // Our body types always serialize; naming serde_json's error would link in all
                    // of its message texts.
                    .map_err(|_| Error::invalid("body", "The request body cannot be written as JSON."))?,
            ),
            None => None,
        };
        Ok(self.with_body_text(text))
    }

    // Only the serializing above is generic: one copy of the moving below serves every body type.
    fn with_body_text(self, body: Option<String>) -> Request<String> {
        let Request { method, path, query, auth, app_type, headers, form, .. } = self;
        Request { method, path, query, auth, app_type, headers, body, form }
    }

    /// The path with its query string, as sent after the base URL.
    pub fn path_and_query(&self) -> String {
        let query = self.query_string();
        if query.is_empty() {
            self.path.clone()
        } else {
            [self.path.as_str(), "?", &query].concat()
        }
    }

    /// The query string, encoded, without the `?`.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (k, v) in &self.query {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            out.push_str(&encode_component(v));
        }
        out
    }
}

/// Percent-encodes `s` for a path segment or query value (RFC 3986 unreserved characters pass).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `/prefix/{id}` with `id` checked (non-empty, at most 128 characters) and encoded.
pub fn id_path(prefix: &str, id: &str, field: &'static str) -> Result<String, Error> {
    let id = id.trim();
    if id.is_empty() || id.chars().count() > 128 {
        return Err(Error::invalid(field, format!("{field} must be a non-empty id")));
    }
    Ok(format!("{prefix}/{}", encode_component(id)))
}

/// The fields every answer carries: the result code and, on failure, its texts.
#[derive(Debug, Serialize, Deserialize, Default)]
pub struct ResultHead {
    /// `1` on success; the error code otherwise (`1` and `"1"` both read).
    #[serde(default, deserialize_with = "loose::opt_i64", skip_serializing_if = "Option::is_none")]
    pub result: Option<i64>,
    /// Short error text.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// Longer error text.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
}

impl Shaped for ResultHead {
    const SHAPE: &'static [Field] = &[opt("result", Int), opt("msg", Text), opt("desc", Text)];
}

impl ResultHead {
    /// Reads the head of any answer by the same rules as its `Deserialize`.
    pub fn read<T: Tree>(answer: &T) -> Self {
        let scalar = |key| answer.get(key).map(|v| v.scalar()).unwrap_or_default();
        Self { result: scalar("result").as_int(), msg: scalar("msg").to_text(), desc: scalar("desc").to_text() }
    }
}

/// Turns an answer's HTTP status and decoded head into `Ok(())` or the typed error it means.
/// The rules are in `docs/conventions.md` ("Client error kinds").
pub fn check_answer(status: u16, head: &ResultHead) -> Result<(), Error> {
    let ok_status = (200..300).contains(&status);
    match head.result {
        Some(1) if ok_status => return Ok(()),
        None if ok_status => return Err(Error::decode(Some(status), "The answer has no result code")),
        _ => {}
    }
    let code = head.result.and_then(|c| u32::try_from(c).ok());
    let text = head.msg.clone().or_else(|| head.desc.clone());
    let expired_text = [&head.msg, &head.desc]
        .iter()
        .any(|t| t.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("expired")));
    let kind = match (status, code) {
        (_, Some(1001)) | (401, _) => ErrorKind::Unauthenticated,
        (403, Some(403)) => ErrorKind::Expired,
        (403, _) if expired_text => ErrorKind::Expired,
        (403, _) => ErrorKind::Forbidden,
        (404, _) => ErrorKind::NotFound,
        (406, _) => ErrorKind::Validation,
        (_, None) if !ok_status => ErrorKind::Http,
        _ => ErrorKind::Api,
    };
    // Not the code table's text: the package's transport (js/runtime.js `checkAnswer`) has no
    // copy of it, and every documented error answer carries its own `msg`.
    let message = text.unwrap_or_else(|| match code {
        Some(code) => format!("The API answered result {code} (HTTP {status})"),
        None => format!("HTTP {status}"),
    });
    Err(Error { code, status: Some(status), desc: head.desc.clone(), ..Error::new(kind, message) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(json: &str) -> ResultHead {
        serde_json::from_str(json).unwrap()
    }

    fn kind(status: u16, json: &str) -> ErrorKind {
        check_answer(status, &head(json)).unwrap_err().kind
    }

    #[test]
    fn success_is_result_one_in_either_form() {
        assert!(check_answer(200, &head(r#"{"result": 1}"#)).is_ok());
        assert!(check_answer(200, &head(r#"{"result": "1"}"#)).is_ok());
    }

    #[test]
    fn errors_map_to_kinds() {
        assert_eq!(kind(401, r#"{"result": 1001, "msg": "Token is not valid."}"#), ErrorKind::Unauthenticated);
        assert_eq!(kind(200, r#"{"result": "1001"}"#), ErrorKind::Unauthenticated);
        assert_eq!(kind(403, r#"{"result": 403, "msg": "Token has expired"}"#), ErrorKind::Expired);
        assert_eq!(kind(403, r#"{"result": "0", "msg": "Token has expired"}"#), ErrorKind::Expired);
        assert_eq!(kind(403, r#"{"result": 0, "msg": "Forbidden"}"#), ErrorKind::Forbidden);
        assert_eq!(kind(404, r#"{"result": 404, "msg": "Not Found"}"#), ErrorKind::NotFound);
        assert_eq!(kind(406, r#"{"result": 1611}"#), ErrorKind::Validation);
        assert_eq!(kind(200, r#"{"result": "1504", "msg": "Duplicate data"}"#), ErrorKind::Api);
        assert_eq!(kind(502, r#"{}"#), ErrorKind::Http);
        assert_eq!(kind(200, r#"{"token": "x"}"#), ErrorKind::Decode);
    }

    #[test]
    fn error_carries_code_texts_and_status() {
        let e = check_answer(406, &head(r#"{"result": "1611", "desc": "Title missing"}"#)).unwrap_err();
        assert_eq!((e.code, e.status), (Some(1611), Some(406)));
        assert_eq!(e.message, "Title missing");
        let e = check_answer(406, &head(r#"{"result": 2107}"#)).unwrap_err();
        assert_eq!(e.message, "The API answered result 2107 (HTTP 406)");
        let e = check_answer(500, &head(r#"{"msg": 5}"#)).unwrap_err();
        assert_eq!((e.message.as_str(), e.code), ("5", None));
        let e = check_answer(502, &head(r#"{}"#)).unwrap_err();
        assert_eq!(e.message, "HTTP 502");
    }

    #[test]
    fn path_and_query_are_encoded() {
        let r = Request::new(Method::Get, id_path("/meetings", "a b/c", "meeting_id").unwrap(), Auth::Token)
            .param("search_string", "x&y=z");
        assert_eq!(r.path_and_query(), "/meetings/a%20b%2Fc?search_string=x%26y%3Dz");
        assert!(id_path("/meetings", "  ", "meeting_id").is_err());
        let r = r.param("page", "2");
        assert_eq!(r.query_string(), "search_string=x%26y%3Dz&page=2");
        assert_eq!(Request::new(Method::Get, "/x".into(), Auth::ApiId).path_and_query(), "/x");
    }

    #[test]
    fn forms_are_described_as_json_for_the_runtime() {
        let mut form =
            Form::from_json(&serde_json::json!({"options": {"text": true}, "message": [{"text": "hi \"you\""}]}));
        form.files.push(FilePart { name: "image[0][img_file]".into(), list: "image", index: 0, key: "img_file" });
        let v: serde_json::Value = serde_json::from_str(&form.to_json()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "fields": [["message[0][text]", "hi \"you\""], ["options[text]", "true"]],
                "files": [["image[0][img_file]", "image", 0, "img_file"]],
            })
        );
    }
}
