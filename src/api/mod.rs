//! The API, one module per area. Every call is built as a plain [`Request`] value after its input
//! passed the documented validation, so all of it is tested natively; `crate::wasm` only sends it.
//! Answers are checked by [`check_answer`] and decoded into the area's types.

/// A struct of loose fields, with its [`Shaped`] table derived from it.
///
/// Every field is optional (`Option`, `#[tsify(optional)]`, optional in the table) except those
/// in a leading `@required { … }` block: the fields the API always sends to identify the record
/// (plain type, `deserialize_with` a required reader such as `loose::string`; the answer fails
/// without them). A field's `#[shape(…)]` attributes reach the derive (`#[shape(kind = PRICES)]`).
macro_rules! loose_fields {
    ($(#[$meta:meta])* $name:ident {
        $(@required { $($(#[$rmeta:meta])* $rfield:ident : $rty:ty = $rwith:literal),* $(,)? })?
        $($(#[$fmeta:meta])* $field:ident : $ty:ty = $with:literal),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, ucaas_client_macros::Shaped)]
        pub struct $name {
            $($(
                $(#[$rmeta])*
                #[serde(deserialize_with = $rwith)]
                pub $rfield: $rty,
            )*)?
            $(
                $(#[$fmeta])*
                #[serde(default, deserialize_with = $with, skip_serializing_if = "Option::is_none")]
                #[tsify(optional)]
                pub $field: Option<$ty>,
            )*
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

        impl crate::api::Input for $name {
            fn read<T: crate::shape::Tree>(v: &T) -> Result<Self, crate::Error> {
                Ok(<$name>::read(v))
            }
        }
    };
}

/// An area's registry of answer types: every type its endpoints decode an answer by, written
/// once at the end of its module. `#[endpoint]` fails to build when its answer is not listed
/// here, and [`answers`] / [`visit_answers`] gather every area's for the agreement tests
/// (`tests/shape_walkers.rs`: the JS walker against the Rust one; the serde-against-shape test
/// below; `tests/doc_examples.rs`: every type is met by a documented example or named as having
/// none; `tests/answer_shapes.rs`: the tables against their baseline).
///
/// An area split into modules (the Iotum API: `iotum::company`, `iotum::host`, …) imports their
/// answer types into its `mod.rs` and lists them there.
macro_rules! answers {
    ($($ty:ident),* $(,)?) => {
        /// The answer types of this area's endpoints, as (name, shape table).
        pub const ANSWERS: &[(&str, &[crate::shape::Field])] =
            &[$((stringify!($ty), <$ty as crate::shape::Shaped>::SHAPE)),*];

        /// Calls `v.visit::<T>(name)` for each of this area's answer types.
        pub fn visit_answers(v: &mut impl crate::api::AnswerVisitor) {
            $(v.visit::<$ty>(stringify!($ty));)*
        }
    };
}

#[macro_use]
pub mod list;

/// The areas, each a module (`src/api/<area>.rs`), and what is gathered from them. The core
/// build has sign-in, sessions, branding and meetings; the others are in the full build only
/// (`ucaas-client/full`), so that pages that sign in, join and schedule don't download them;
/// natively every area is there. (This is where an area's build is decided: `#[endpoint]`
/// generates a method wherever its area is compiled.)
macro_rules! areas {
    (core: $($core:ident),* ; full: $($full:ident),* ; server: $($server:ident),* $(,)?) => {
        $(pub mod $core;)*
        $(#[cfg(any(feature = "full", not(target_arch = "wasm32")))] pub mod $full;)*
        $(#[cfg(any(feature = "server", not(target_arch = "wasm32")))] pub mod $server;)*

        /// Every area's answer types (`answers!`).
        pub const AREA_ANSWERS: &[&[(&str, &[Field])]] = &[
            $($core::ANSWERS,)*
            $(#[cfg(any(feature = "full", not(target_arch = "wasm32")))] $full::ANSWERS,)*
            $(#[cfg(any(feature = "server", not(target_arch = "wasm32")))] $server::ANSWERS,)*
        ];

        /// Calls `v.visit::<T>(name)` for every answer type `T` of every area (for tests that need
        /// the type, not only its table).
        pub fn visit_answers(v: &mut impl AnswerVisitor) {
            $($core::visit_answers(v);)*
            $(#[cfg(any(feature = "full", not(target_arch = "wasm32")))] $full::visit_answers(v);)*
            $(#[cfg(any(feature = "server", not(target_arch = "wasm32")))] $server::visit_answers(v);)*
        }
    };
}

// `server`: the areas of other APIs than UCaaS, in the server build only (`ucaas-client/server`:
// their credentials are secrets): the CPaaS project API and the Iotum enterprise API.
areas! {
    core: auth, branding, meetings, sessions;
    full: contacts, customers, datapool, groups, lobby, permanent, polls, reports, subscriptions, users;
    server: cpaas, iotum,
}

/// Every answer type of every area, as (name, shape table).
pub fn answers() -> impl Iterator<Item = (&'static str, &'static [Field])> {
    AREA_ANSWERS.iter().flat_map(|area| area.iter().copied())
}

/// What [`visit_answers`] calls for each answer type.
pub trait AnswerVisitor {
    /// One answer type and its name. (`Tsify`: a method's TypeScript return type names it, so
    /// every answer has a declaration.)
    fn visit<T: Shaped + Serialize + serde::de::DeserializeOwned + tsify::Tsify>(&mut self, name: &'static str);
}

use crate::error::{Error, ErrorKind};
use crate::loose;
use crate::shape::{Field, Shaped, Tree};
use serde::{Deserialize, Serialize};

/// HTTP method of a [`Request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read; retried on network errors and 502/503/504 (by the runtime, js/runtime.js).
    Get,
    /// Create; never retried automatically.
    Post,
    /// Change; never retried automatically.
    Patch,
    /// Delete; never retried automatically.
    Delete,
    /// Replace (the Iotum API's `subscription/update`); never retried automatically. Not in the
    /// browser builds, which have no PUT route.
    #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
    Put,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            Self::Put => "PUT",
        }
    }
}

/// How a [`Request`] authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Only `X-Api-Id` (login, password reset, join, invite, branding).
    ApiId,
    /// `Authorization: Token <token>` from the session, plus `X-Api-Id` (the server build's
    /// `UcaasServer` sends its HTTP Basic credentials instead).
    Token,
    /// HTTP Basic with the client's credentials only (the CPaaS API: `CpaasClient`). Not in the
    /// browser builds, which never send Basic (a variant more cost the core 50 B).
    #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
    Basic,
    /// The session token of an API token's `authenticate` as `auth_token` in the JSON body (the
    /// Iotum API: `IotumClient`, whose host authenticates and writes the token in).
    #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
    BodyToken,
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

/// Where an endpoint is and how it authenticates: the constant `#[endpoint]` generates beside
/// each request builder (`polls::GET`, `meetings::SCHEDULE`, …), which the builder fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// HTTP method.
    pub method: Method,
    /// The path's fixed parts around its id segments (one more than `ids`).
    pub pieces: &'static [&'static str],
    /// The id segments' names (a refused id's error names this field).
    pub ids: &'static [&'static str],
    /// How it authenticates.
    pub auth: Auth,
    /// Whether it sends `X-App-Type`.
    pub app_type: bool,
}

impl Route {
    /// A request to this route, which has no id segments.
    // Always inlined: the route is a constant, and what the request does not read of it is then
    // never written into the wasm build's data.
    #[inline(always)]
    pub fn request(&self) -> Request {
        debug_assert!(self.ids.is_empty(), "a route with ids is filled by request_with");
        self.start(String::from(self.pieces.first().copied().unwrap_or_default()))
    }

    /// A request to this route with its id segments filled by `ids`, in order, each checked by
    /// [`check_id`] (named after its segment) and percent-encoded. A missing id is an empty one
    /// (refused).
    pub fn request_with(&self, ids: &[&str]) -> Result<Request, Error> {
        let mut path = String::from(self.pieces.first().copied().unwrap_or_default());
        for (i, field) in self.ids.iter().enumerate() {
            path.push_str(&encode_component(check_id(ids.get(i).copied().unwrap_or_default(), field)?));
            path.push_str(self.pieces.get(i + 1).copied().unwrap_or_default());
        }
        Ok(self.start(path))
    }

    /// The path as documented: `/meetings/{meeting_id}/lobby`.
    pub fn template(&self) -> String {
        let mut out = String::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            out.push_str(piece);
            if let Some(id) = self.ids.get(i) {
                out.extend(["{", id, "}"]);
            }
        }
        out
    }

    fn start(&self, path: String) -> Request {
        let req = Request::new(self.method, path, self.auth);
        if self.app_type {
            req.meeting_route()
        } else {
            req
        }
    }
}

/// An input object of a `UcaasClient` method, read from the caller's object (any JSON tree) the
/// way its `Deserialize` reads JSON; a value no field can take is a validation error.
pub trait Input: Sized {
    /// Reads the input.
    fn read<T: Tree>(v: &T) -> Result<Self, Error>;
}

/// Whether `name` is in an area's `ANSWERS` (`#[endpoint]` checks its answer type at compile
/// time).
pub const fn is_listed(answers: &[(&str, &[Field])], name: &str) -> bool {
    let mut i = 0;
    while i < answers.len() {
        if crate::shape::same_text(answers[i].0, name) {
            return true;
        }
        i += 1;
    }
    false
}

/// A JSON tree as a `serde_json::Value` (a JS object in the wasm build).
#[cfg(any(feature = "server", not(target_arch = "wasm32")))]
pub(crate) fn json_of<T: Tree>(v: &T) -> serde_json::Value {
    use serde_json::Value;
    if let Some(entries) = v.entries() {
        return Value::Object(entries.into_iter().map(|(k, v)| (k, json_of(&v))).collect());
    }
    if let Some(items) = v.items() {
        return Value::Array(items.iter().map(json_of).collect());
    }
    match v.scalar() {
        loose::Loose::Str(s) => Value::String(s),
        // A whole number stays one (`21`, not `21.0`: a port is an integer to the server).
        loose::Loose::Num(n) if n.fract() == 0.0 && n.abs() < 9e15 => Value::from(n as i64),
        loose::Loose::Num(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
        loose::Loose::Bool(b) => Value::Bool(b),
        _ => Value::Null,
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

/// The longest id a path segment takes, in characters.
pub const MAX_ID_CHARS: usize = 128;

/// An id as one path segment may carry it, trimmed; `Error::invalid(field, …)` otherwise.
///
/// Refused: empty (after trimming), longer than [`MAX_ID_CHARS`], `.` or `..`, or holding `/`,
/// `\`, `?`, `#` or a control character — in the id as given or after decoding its `%XX`
/// sequences once (`%2e%2e`, `a%2F..`), since a server or proxy that decodes the segment would
/// otherwise see another route (`fetch` itself resolves `.` and `..` segments: `DELETE
/// /meetings/..` would go to `DELETE /`).
pub fn check_id<'a>(id: &'a str, field: &'static str) -> Result<&'a str, Error> {
    let id = id.trim();
    if id.chars().count() > MAX_ID_CHARS || !segment_ok(id.bytes()) || !segment_ok(PercentDecoded(id.bytes())) {
        return Err(Error::invalid(
            field,
            format!(
                "{field} must be an id of 1 to {MAX_ID_CHARS} characters; it may not be \".\" or \"..\", nor contain \
                 /, \\, ?, # or control characters (also not percent-encoded)."
            ),
        ));
    }
    Ok(id)
}

/// Whether bytes make a path segment that stays one: not blank, `.` or `..`, and without `/`,
/// `\`, `?`, `#` or an ASCII control character. (Bytes, not text: a percent-decoded id need not
/// be UTF-8, and no decoding to a `String` means no UTF-8 checks or panics in the wasm build.)
fn segment_ok(bytes: impl Iterator<Item = u8>) -> bool {
    let (mut len, mut dots, mut blank) = (0, 0, true);
    for b in bytes {
        if matches!(b, b'/' | b'\\' | b'?' | b'#') || b < 0x20 || b == 0x7f {
            return false;
        }
        len += 1;
        dots += usize::from(b == b'.');
        blank &= b == b' ';
    }
    !(blank || (dots == len && len <= 2))
}

/// The bytes of `%XX`-encoded text, each `%XX` (two hex digits) decoded once.
struct PercentDecoded<I>(I);

impl<I: Iterator<Item = u8> + Clone> Iterator for PercentDecoded<I> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        let b = self.0.next()?;
        if b != b'%' {
            return Some(b);
        }
        let mut ahead = self.0.clone();
        let hex = |b: Option<u8>| b.and_then(|b| (b as char).to_digit(16));
        match (hex(ahead.next()), hex(ahead.next())) {
            (Some(h), Some(l)) => {
                self.0 = ahead;
                Some((h * 16 + l) as u8)
            }
            _ => Some(b),
        }
    }
}

/// The fields every answer carries: the result code and, on failure, its texts.
#[derive(Debug, Serialize, Deserialize, Default, ucaas_client_macros::Shaped)]
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

impl ResultHead {
    /// Reads the head of any answer by the same rules as its `Deserialize`.
    pub fn read<T: Tree>(answer: &T) -> Self {
        let scalar = |key| answer.get(key).map(|v| v.scalar()).unwrap_or_default();
        Self { result: scalar("result").as_int(), msg: scalar("msg").to_text(), desc: scalar("desc").to_text() }
    }
}

/// Whether an answer's `msg` or `desc` is the documented token-expiry text ("Token has expired."):
/// trimmed, lower-cased, one trailing `.` removed, it must equal `token has expired` exactly. Any
/// other text that mentions expiry ("Subscription expired", "Reset key has expired") is not it.
pub fn is_token_expired_text(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t.strip_suffix('.').unwrap_or(&t) == "token has expired"
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
    let expired_text = [&head.msg, &head.desc].iter().any(|t| t.as_deref().is_some_and(is_token_expired_text));
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
    fn only_the_token_expiry_text_or_result_403_makes_a_403_expired() {
        for expired in [
            r#"{"result": 403, "msg": "Forbidden"}"#,
            r#"{"result": "403"}"#,
            r#"{"result": 0, "msg": "Token has expired"}"#,
            r#"{"result": 0, "msg": "Token has expired."}"#,
            r#"{"result": 0, "msg": "  TOKEN HAS EXPIRED.  "}"#,
            r#"{"result": 0, "msg": "Forbidden", "desc": "token has expired"}"#,
            r#"{"msg": "Token has expired"}"#,
        ] {
            assert_eq!(kind(403, expired), ErrorKind::Expired, "{expired}");
        }
        for forbidden in [
            r#"{"result": 0, "msg": "Subscription expired"}"#,
            r#"{"result": 1, "msg": "Subscription expired"}"#,
            r#"{"result": 0, "msg": "Forbidden", "desc": "Your licence has expired."}"#,
            r#"{"result": 0, "msg": "Token has expired.."}"#,
            r#"{"result": 0, "msg": "Token has expired!"}"#,
            r#"{"result": 0, "msg": "The token has expired"}"#,
            r#"{"result": 0, "msg": "Token has expired; sign in again"}"#,
            r#"{"result": 0, "msg": "expired"}"#,
            r#"{"result": 0}"#,
            r#"{}"#,
        ] {
            assert_eq!(kind(403, forbidden), ErrorKind::Forbidden, "{forbidden}");
        }
        // The rule is for 403 only; 401 and result 1001 stay unauthenticated whatever the text.
        assert_eq!(kind(401, r#"{"result": 403, "msg": "Token has expired"}"#), ErrorKind::Unauthenticated);
        assert_eq!(kind(403, r#"{"result": 1001, "msg": "Token has expired"}"#), ErrorKind::Unauthenticated);
        assert_eq!(kind(406, r#"{"result": 0, "msg": "Token has expired"}"#), ErrorKind::Validation);
        assert!(!check_answer(403, &head(r#"{"result": 0, "msg": "Subscription expired"}"#))
            .unwrap_err()
            .ends_session());
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

    /// A route with one id segment, as `#[endpoint]` writes them.
    const MEETING: Route = Route {
        method: Method::Get,
        pieces: &["/meetings/", ""],
        ids: &["meeting_id"],
        auth: Auth::Token,
        app_type: false,
    };

    fn meeting_path(id: &str) -> Result<String, Error> {
        MEETING.request_with(&[id]).map(|r| r.path)
    }

    #[test]
    fn path_and_query_are_encoded() {
        let r = MEETING.request_with(&[" a b@c "]).unwrap().param("search_string", "x&y=z");
        assert_eq!(r.path_and_query(), "/meetings/a%20b%40c?search_string=x%26y%3Dz");
        assert_eq!(MEETING.template(), "/meetings/{meeting_id}");
        assert_eq!(meeting_path("  ").unwrap_err().field, Some("meeting_id"));
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

    /// Ids that would leave their path segment, once `fetch` or a server resolves or decodes them.
    const HOSTILE_IDS: &[&str] = &[
        "", "   ", ".", "..", " .. ", "%2e", "%2e%2e", "%2E%2E", ".%2e", "a/../..", "a/b", "..%2f..", "a%2Fb", "a\\b",
        "a%5Cb", "a?b=1", "a%3Fb", "a#b", "a%23b", "a\u{0}b", "a\nb", "a%0Ab", "a%00", "a\u{7f}", "%20",
    ];

    /// Every request builder that puts an id into its path, with the field its error must name.
    #[allow(clippy::type_complexity)]
    fn id_builders() -> Vec<(&'static str, &'static str, Box<dyn Fn(&str) -> Result<(), Error>>)> {
        use crate::loose::Loose;
        fn ok<B>(r: Result<Request<B>, Error>) -> Result<(), Error> {
            r.map(|_| ())
        }
        let patch = || meetings::MeetingPatch { room_name: Loose::Str("Renamed".into()), ..Default::default() };
        vec![
            ("meetings::get", "meeting_id", Box::new(|id| ok(meetings::get(id)))),
            ("meetings::update", "meeting_id", Box::new(move |id| ok(meetings::update(id, patch(), 0)))),
            ("meetings::cancel", "meeting_id", Box::new(|id| ok(meetings::cancel(id)))),
            ("lobby::add", "meeting_id", Box::new(|id| ok(lobby::add(id, &Default::default())))),
            ("lobby::update", "meeting_id", Box::new(|id| ok(lobby::update(id, &Default::default())))),
            ("lobby::get", "meeting_id", Box::new(|id| ok(lobby::get(id)))),
            ("lobby::delete", "meeting_id", Box::new(|id| ok(lobby::delete(id)))),
            ("branding::set_meeting", "meeting_id", Box::new(|id| ok(branding::set_meeting(id, &Default::default())))),
            ("permanent::get", "user_id", Box::new(|id| ok(permanent::get(Some(id))))),
            ("permanent::update", "room_id", Box::new(|id| ok(permanent::update(id, &Default::default())))),
            ("permanent::reset_pins", "room_id", Box::new(|id| ok(permanent::reset_pins(id, &Default::default())))),
            ("polls::get", "room_id", Box::new(|id| ok(polls::get(id, &Loose::Null)))),
            ("contacts::update", "contact_id", Box::new(|id| ok(contacts::update(id, &Default::default())))),
            ("contacts::get", "contact_id", Box::new(|id| ok(contacts::get(id)))),
            ("contacts::delete", "contact_id", Box::new(|id| ok(contacts::delete(id)))),
            ("groups::update", "group_id", Box::new(|id| ok(groups::update(id, &Default::default())))),
            ("groups::get", "group_id", Box::new(|id| ok(groups::get(id)))),
            ("groups::delete", "group_id", Box::new(|id| ok(groups::delete(id)))),
            ("groups::add_members", "group_id", Box::new(|id| ok(groups::add_members(id, &Loose::Null)))),
            ("groups::remove_members", "group_id", Box::new(|id| ok(groups::remove_members(id, &Loose::Null)))),
            ("customers::update", "customer_id", Box::new(|id| ok(customers::update(id, &Default::default())))),
            ("customers::get", "customer_id", Box::new(|id| ok(customers::get(id)))),
            (
                "subscriptions::update_status",
                "subscription_id",
                Box::new(|id| ok(subscriptions::update_status(id, &Loose::Null))),
            ),
            ("subscriptions::get", "subscription_id", Box::new(|id| ok(subscriptions::get(id)))),
            ("users::update", "user_id", Box::new(|id| ok(users::update(id, &Default::default())))),
            ("users::get", "user_id", Box::new(|id| ok(users::get(id)))),
            ("users::assign_license", "user_id", Box::new(|id| ok(users::assign_license(id, &Default::default())))),
            ("users::revoke_license", "user_id", Box::new(|id| ok(users::revoke_license(id, &Loose::Null)))),
            ("auth::validate_reset_key", "key", Box::new(|id| ok(auth::validate_reset_key(id)))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::get", "app_id", Box::new(|id| ok(cpaas::get(id)))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::update", "app_id", Box::new(|id| ok(cpaas::update(id, &Default::default())))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::reset_key", "app_id", Box::new(|id| ok(cpaas::reset_key(id)))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::configure_video", "app_id", Box::new(|id| ok(cpaas::configure_video(id, &serde_json::json!({}))))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::configure_voice", "app_id", Box::new(|id| ok(cpaas::configure_voice(id, &serde_json::json!({}))))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            ("cpaas::configure_sms", "app_id", Box::new(|id| ok(cpaas::configure_sms(id, &serde_json::json!({}))))),
            #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
            (
                "cpaas::configure_video_embed",
                "app_id",
                Box::new(|id| ok(cpaas::configure_video_embed(id, &serde_json::json!({})))),
            ),
            ("auth::reset_password", "key", Box::new(|id| ok(auth::reset_password(id, Default::default())))),
        ]
    }

    #[test]
    fn every_id_builder_refuses_hostile_ids_naming_the_field() {
        for (name, field, build) in id_builders() {
            for &id in HOSTILE_IDS {
                let e = build(id).expect_err(&format!("{name} accepted the id {id:?}"));
                assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some(field)), "{name} with {id:?}: {e:?}");
                assert!(e.message.contains("may not"), "{name} with {id:?}: {}", e.message);
            }
            let long = "x".repeat(MAX_ID_CHARS + 1);
            assert_eq!(build(&long).unwrap_err().field, Some(field), "{name} with a long id");
        }
    }

    /// The `#[endpoint(…)]` arguments and the sources of every area module (`src/api/**/*.rs` but
    /// this one).
    fn endpoint_attributes() -> (Vec<String>, Vec<String>) {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    files(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api"));
        let mut areas = Vec::new();
        files(dir, &mut areas);
        let this = dir.join("mod.rs");
        let sources: Vec<String> =
            areas.iter().filter(|p| **p != this).map(|p| std::fs::read_to_string(p).unwrap()).collect();
        let attributes = sources
            .iter()
            .flat_map(|s| s.split("#[endpoint(").skip(1).map(|a| a[..a.find(")]").unwrap()].to_owned()))
            .collect();
        (attributes, sources)
    }

    #[test]
    fn every_id_builder_is_listed() {
        // An endpoint with an id segment, or a hand-written route with ids, must join `id_builders`.
        let (attributes, sources) = endpoint_attributes();
        let endpoints = attributes.iter().filter(|a| a.contains('{')).count();
        let hand_written = sources.iter().map(|s| s.matches(": Route = Route {").count()).sum::<usize>();
        assert_eq!(endpoints + hand_written, id_builders().len());
    }

    #[test]
    fn legit_ids_pass_through_encoded() {
        for (id, segment) in [
            ("m1", "m1"),
            ("a.b", "a.b"),
            ("...", "..."),
            ("a..b", "a..b"),
            ("665f1c2e9b1d4a0012345678", "665f1c2e9b1d4a0012345678"),
            ("user_1-x~", "user_1-x~"),
            ("a@b.co", "a%40b.co"),
            ("a b", "a%20b"),
            ("100%", "100%25"),
            ("é", "%C3%A9"),
        ] {
            assert_eq!(meeting_path(id).unwrap(), format!("/meetings/{segment}"), "{id:?}");
        }
        assert!(meeting_path(&"x".repeat(MAX_ID_CHARS)).is_ok());
        assert!(meeting_path(&"é".repeat(MAX_ID_CHARS)).is_ok());
    }

    /// Values of the wrong type for a nested field (and, for a list or map, items of the wrong type).
    fn wrong_values() -> Vec<serde_json::Value> {
        use serde_json::json;
        vec![json!([]), json!({}), json!(""), json!("String"), json!(0), json!(1.5), json!(true), json!([1, "x", []])]
    }

    /// The smallest object `shape` decodes: its required fields, each with a plain value.
    fn minimal(shape: &[Field]) -> serde_json::Value {
        use crate::shape::{Kind, Presence};
        use serde_json::json;
        let mut m = serde_json::Map::new();
        for f in shape.iter().filter(|f| f.presence == Presence::Required) {
            let v = match f.kind {
                Kind::Text => json!("x"),
                Kind::Count | Kind::Int | Kind::Number => json!(1),
                Kind::Flag => json!(true),
                Kind::Object(s) => minimal(s),
                Kind::List(_) | Kind::Texts | Kind::Ints => json!([]),
                Kind::Entries(..) | Kind::Pairs(..) => json!({}),
            };
            m.insert(f.key.to_owned(), v);
        }
        serde_json::Value::Object(m)
    }

    /// `base` (an object of `shape`) with each nested field, at any depth, set to each wrong value,
    /// and each list or map given items of the wrong type beside good ones.
    fn mutations(shape: &[Field], base: &serde_json::Value) -> Vec<serde_json::Value> {
        use crate::shape::Kind;
        use serde_json::json;
        let mut out = Vec::new();
        let with = |key: &str, v: serde_json::Value| {
            let mut b = base.clone();
            b[key] = v;
            b
        };
        for f in shape {
            let inner = match f.kind {
                Kind::Object(s) | Kind::List(s) | Kind::Entries(_, s) => Some(s),
                Kind::Pairs(..) => None,
                _ => continue,
            };
            out.extend(wrong_values().into_iter().map(|w| with(f.key, w)));
            let Some(s) = inner else {
                out.push(with(f.key, json!({"a": 1, "b": [], "c": {}, "d": "Number"})));
                continue;
            };
            let good = minimal(s);
            let deeper = std::iter::once(good.clone()).chain(mutations(s, &good));
            for child in deeper.collect::<Vec<_>>() {
                out.push(with(
                    f.key,
                    match f.kind {
                        Kind::Object(_) => child,
                        Kind::List(_) => json!([1, child, "x", null, [], good]),
                        _ => json!({"k1": child, "k2": 1, "k3": [], "k4": "x", "k5": good}),
                    },
                ));
            }
        }
        out
    }

    /// `v` with every number as a float: `1` and `1.0` are one number to JavaScript.
    fn numbers(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Number(n) => n.as_f64().map(Value::from).unwrap_or(Value::Number(n)),
            Value::Array(a) => Value::Array(a.into_iter().map(numbers).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, numbers(v))).collect()),
            other => other,
        }
    }

    /// Every answer decodes the same by its serde type and by its shape table, or fails both ways,
    /// whatever wrong types its nested fields carry.
    fn agree<T: serde::de::DeserializeOwned + Serialize + Shaped>(failures: &mut Vec<String>) -> usize {
        let name = std::any::type_name::<T>();
        let base = minimal(T::SHAPE);
        let cases: Vec<_> = std::iter::once(base.clone()).chain(mutations(T::SHAPE, &base)).collect();
        for v in &cases {
            let typed = serde_json::from_value::<T>(v.clone()).map(|t| numbers(serde_json::to_value(t).unwrap()));
            let walked = crate::shape::decode(v, T::SHAPE).map(numbers);
            let failure = match (typed, walked) {
                (Ok(t), Ok(w)) if t == w => continue,
                (Err(_), Err(_)) => continue,
                (t, w) => format!("{name}: serde {t:?} but shape {w:?} on {v}"),
            };
            failures.push(failure);
            break;
        }
        cases.len()
    }

    #[test]
    fn nested_mismatches_decode_alike_by_serde_and_by_shape() {
        struct Agree(Vec<String>, usize);
        impl AnswerVisitor for Agree {
            fn visit<T: Shaped + Serialize + serde::de::DeserializeOwned + tsify::Tsify>(&mut self, _: &'static str) {
                self.1 += agree::<T>(&mut self.0);
            }
        }
        let mut all = Agree(Vec::new(), 0);
        visit_answers(&mut all);
        // The stored user is decoded by its table too (js/session.js).
        all.1 += agree::<auth::User>(&mut all.0);
        assert!(all.0.is_empty(), "{}", all.0.join("\n"));
        assert!(all.1 > 1000, "{} cases", all.1);
    }

    /// The answers a client's host decodes itself (the Iotum area, which not every build has).
    #[cfg(any(feature = "server", not(target_arch = "wasm32")))]
    const HOST_ANSWERS: &[&str] = iotum::HOST_ANSWERS;
    #[cfg(not(any(feature = "server", not(target_arch = "wasm32"))))]
    const HOST_ANSWERS: &[&str] = &[];

    #[test]
    fn every_registered_answer_is_an_endpoints() {
        // The other way round is checked when building: `#[endpoint]` asserts its answer type is
        // in its area's ANSWERS.
        let (attributes, _) = endpoint_attributes();
        let used: std::collections::BTreeSet<_> = attributes
            .iter()
            .filter_map(|a| a.split("answer = ").nth(1))
            .map(|t| t.split(['.', ',', ')', ' ']).next().unwrap().rsplit("::").next().unwrap().to_owned())
            .chain(HOST_ANSWERS.iter().map(|n| n.to_string()))
            .collect();
        let unused: Vec<_> = answers().map(|(n, _)| n.to_string()).filter(|n| !used.contains(n)).collect();
        assert!(unused.is_empty(), "an area's answers!(…) lists types no endpoint answers with: {unused:?}");
        assert!(used.len() >= answers().count(), "{used:?}");
    }

    #[test]
    fn a_php_empty_array_for_a_map_or_object_is_absent() {
        use serde_json::json;
        let polls: polls::Polls = serde_json::from_value(json!({"result": 1, "polls": []})).unwrap();
        assert!(polls.polls.is_empty());
        assert_eq!(crate::shape::decode(&json!({"polls": []}), polls::Polls::SHAPE).unwrap(), json!({"polls": []}));
        let m = json!({"meeting": {"meeting_id": "m", "timezone": "", "invitees": []}});
        assert_eq!(
            crate::shape::decode(&m, meetings::MeetingAnswer::SHAPE).unwrap(),
            json!({"meeting": {"meeting_id": "m"}})
        );
        let l = json!({"search": [], "meetings": {}});
        assert_eq!(
            crate::shape::decode(&l, meetings::MeetingList::SHAPE).unwrap(),
            json!({"search": {}, "meetings": []})
        );
        assert_eq!(serde_json::from_value::<meetings::MeetingList>(l).unwrap(), meetings::MeetingList::default());
        assert!(crate::shape::decode(&json!({"meeting": []}), meetings::MeetingAnswer::SHAPE).is_err(), "required");
    }
}
#[cfg(test)]
mod declarations {
    use super::*;
    use tsify::Tsify;

    /// The declaration of `T` has each of `members` (`key: Type;` or `key?: Type;`) exactly.
    fn has<T: Tsify>(members: &[&str]) {
        let decl = T::DECL.split_whitespace().collect::<Vec<_>>().join(" ");
        for m in members {
            assert!(decl.contains(&format!(" {m};")), "{m} not in {}", T::DECL);
        }
    }

    #[test]
    fn list_containers_are_arrays_and_record_ids_are_required() {
        has::<meetings::MeetingList>(&["search: SearchEcho", "meetings: Meeting[]"]);
        has::<contacts::ContactList>(&["search: ListSearch", "contacts: Contact[]"]);
        has::<groups::GroupList>(&["search: ListSearch", "groups: Group[]"]);
        has::<customers::CustomerList>(&["search: ListSearch", "customers: Customer[]"]);
        has::<subscriptions::SubscriptionList>(&["search: ListSearch", "subscriptions: Subscription[]"]);
        has::<users::UserList>(&["search: ListSearch", "users: AccountUser[]"]);
        has::<reports::SessionList>(&["search: ListSearch", "sessions: SessionRecord[]"]);
        has::<reports::Cdr>(&["search: ListSearch", "session?: SessionRecord", "cdr: CdrRecord[]"]);
        has::<polls::Polls>(&["polls: Poll[]"]);
        has::<sessions::JoinResult>(&["token: string", "user: JoinUser"]);
        has::<meetings::Meeting>(&["meeting_id: string", "room_id?: string"]);
        has::<meetings::CancelledMeeting>(&["meeting_id: string", "room_id?: string"]);
        has::<auth::User>(&["user_id: string", "email?: string"]);
        has::<users::AccountUser>(&["user_id: string", "name?: string"]);
        has::<contacts::Contact>(&["contact_id: string", "name?: string"]);
        has::<groups::Group>(&["group_id: string", "contacts?: GroupMember[]"]);
        has::<groups::GroupMember>(&["contact_id: string"]);
        has::<customers::Customer>(&["customer_id: string", "customer_name?: string"]);
        has::<subscriptions::Subscription>(&["subscription_id: string", "customer_id?: string"]);
        has::<permanent::PermanentRoom>(&["room_id: string", "user_id?: string"]);
        has::<lobby::LobbyMeeting>(&["meeting_id: string", "room_id?: string"]);
        has::<reports::SessionRecord>(&["session_id: string", "meeting_id?: string"]);
        // `Poll.poll_id` stays `poll_id?: string` although the walker always writes it (the map
        // key): a poll's serde impl reads the map's values, which lack it, so it needs a default.
        has::<polls::Poll>(&["poll_id?: string"]);
    }

    #[test]
    fn required_ids_are_required_both_ways() {
        use serde_json::json;
        let c = json!({"contact": {"name": "Ann"}});
        assert_eq!(
            crate::shape::decode(&c, contacts::ContactAnswer::SHAPE).unwrap_err(),
            "contact: contact_id: missing"
        );
        assert!(serde_json::from_value::<contacts::ContactAnswer>(c).is_err());
        let l = json!({"contacts": [{"contact_id": 7}, {"name": "no id"}]});
        assert!(crate::shape::decode(&l, contacts::ContactList::SHAPE).is_err());
        assert!(serde_json::from_value::<contacts::ContactList>(l).is_err());
        let ok = json!({"contacts": [{"contact_id": 7}]});
        let typed: contacts::ContactList = serde_json::from_value(ok.clone()).unwrap();
        assert_eq!(typed.contacts[0].contact_id, "7");
        assert_eq!(
            crate::shape::decode(&ok, contacts::ContactList::SHAPE).unwrap(),
            serde_json::to_value(&typed).unwrap()
        );
    }
}
