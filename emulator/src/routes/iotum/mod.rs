//! The Iotum enterprise API (`iotum-enterprise-api.txt`), served below `/enterprise_api` beside
//! `/ucaas/v1`: every route is a `POST` of a JSON object (one `PUT`), authenticated by the
//! `auth_token` in that body ([`Ctx`]), answering JSON, errors as `{"message": "…"}` ([`Error`]).
//!
//! One module per section of the document; this one holds what they share: the data
//! ([`Store`], keys `iotum_*` of the seed and data file), the sessions behind `auth_token`s,
//! the caller's role and scope, the body's typed fields and the OpenAPI helpers.

pub mod auth;
pub mod chat;
pub mod company;
pub mod conference;
pub mod contact;
pub mod drive;
pub mod history;
pub mod host;
pub mod schedule;
pub mod subscription;
pub mod times;

use crate::area::{Access, Area, Doc, Route, NO_BODY};
use crate::state::{random_bytes, App, AreaStore, Data};
use axum::body::Body;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Mutex;
use utoipa::openapi::schema::{AnyOfBuilder, ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{OpenApi, ToSchema};

pub use super::IOTUM_BASE;

/// Largest JSON body a route reads.
const MAX_BODY: usize = 1024 * 1024;

/// This area: its routes below `/enterprise_api`, section by section, and their schemas.
pub fn area() -> Area {
    let mut routes = auth::routes();
    routes.extend(company::routes());
    routes.extend(subscription::routes());
    routes.extend(host::routes());
    routes.extend(history::routes());
    routes.extend(contact::routes());
    routes.extend(drive::routes());
    routes.extend(chat::routes());
    routes.extend(conference::routes());
    Area::new(routes, Schemas::openapi()).at(IOTUM_BASE)
}

/// Whether `path` is below `/enterprise_api` (its errors are this API's JSON).
pub fn is_iotum_path(path: &str) -> bool {
    path == IOTUM_BASE || path.starts_with("/enterprise_api/")
}

#[derive(OpenApi)]
#[openapi(components(schemas(IotumError)))]
struct Schemas;

/// The error JSON of every route below `/enterprise_api`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct IotumError {
    /// What went wrong.
    message: String,
}

// ---------------------------------------------------------------------------------------------
// Errors and answers.

/// An error answer: HTTP status and `{"message": …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// HTTP status.
    pub status: StatusCode,
    /// The `message`.
    pub message: String,
}

impl Error {
    fn new(status: StatusCode, message: impl Into<String>) -> Error {
        Error { status, message: message.into() }
    }

    /// The body is not a JSON object (400).
    pub fn malformed() -> Error {
        Error::new(StatusCode::BAD_REQUEST, "Malformed JSON body")
    }

    /// No `auth_token`, an unknown one, an expired one, or a bad `api_token` (401).
    pub fn unauthorized(message: &str) -> Error {
        Error::new(StatusCode::UNAUTHORIZED, message)
    }

    /// The caller's role may not use the method, or the object is another tenant's (403).
    pub fn beyond_scope() -> Error {
        Error::new(StatusCode::FORBIDDEN, "Beyond the scope of your role")
    }

    /// A wrong upload signature (403).
    pub fn forbidden(message: &str) -> Error {
        Error::new(StatusCode::FORBIDDEN, message)
    }

    /// No such object (404, `"<what> not found"`).
    pub fn not_found(what: &str) -> Error {
        Error::new(StatusCode::NOT_FOUND, format!("{what} not found"))
    }

    /// No route at this path (404).
    pub fn route_not_found() -> Error {
        Error::new(StatusCode::NOT_FOUND, "Not found")
    }

    /// The route does not take this method (405).
    pub fn method_not_allowed() -> Error {
        Error::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed")
    }

    /// The state does not allow it (409: a drive file already processed).
    pub fn conflict(message: &str) -> Error {
        Error::new(StatusCode::CONFLICT, message)
    }

    /// An upload over the limit (413).
    pub fn too_large(message: &str) -> Error {
        Error::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }

    /// Validation failed (422).
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// A required field is missing (422, `"<field> is required"`).
    pub fn required(field: &str) -> Error {
        Error::invalid(format!("{field} is required"))
    }

    /// A panic or an injected fault (500).
    pub fn internal() -> Error {
        Error::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error")
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "message": self.message }))).into_response()
    }
}

/// A successful answer.
#[derive(Debug)]
pub enum Reply {
    /// A JSON body with this status.
    Json(StatusCode, Value),
    /// No body (202 of host/delete, 204 of drive/file/delete).
    Empty(StatusCode),
}

impl Reply {
    /// 200 with `value`.
    pub fn ok(value: Value) -> Reply {
        Reply::Json(StatusCode::OK, value)
    }

    /// 200 `{"message": "OK"}`.
    pub fn ok_message() -> Reply {
        Reply::ok(json!({ "message": "OK" }))
    }

    /// The status.
    fn status(&self) -> StatusCode {
        match self {
            Reply::Json(s, _) | Reply::Empty(s) => *s,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Reply::Json(status, value) => (status, axum::Json(value)).into_response(),
            Reply::Empty(status) => (status, Body::empty()).into_response(),
        }
    }
}

/// What a handler answers.
pub type Outcome = Result<Reply, Error>;

/// The request body as a JSON object; empty is `{}`, anything else is 400.
pub fn object(body: &[u8]) -> Result<Map<String, Value>, Error> {
    if body.len() > MAX_BODY {
        return Err(Error::too_large("Request body too large"));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::malformed()),
    }
}

// ---------------------------------------------------------------------------------------------
// Typed fields of a body.

/// The fields of a request body, read with their documented types (a wrong type is 422).
pub struct Fields<'a>(pub &'a Map<String, Value>);

impl Fields<'_> {
    /// The value of `key`, `None` when absent or `null`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// Whether `key` is present at all (even `null`).
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// A required positive integer id.
    pub fn id(&self, key: &str) -> Result<u64, Error> {
        self.opt_id(key)?.ok_or_else(|| Error::required(key))
    }

    /// An optional positive integer id.
    pub fn opt_id(&self, key: &str) -> Result<Option<u64>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v.as_u64().filter(|n| *n > 0).map(Some).ok_or_else(|| positive(key)),
        }
    }

    /// An optional positive integer id, also given as a string of digits (company/delete's
    /// example sends `"company_id": "12345"`).
    pub fn id_or_digits(&self, key: &str) -> Result<u64, Error> {
        match self.get(key) {
            None => Err(Error::required(key)),
            Some(Value::String(s)) if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) => {
                s.parse().ok().filter(|n| *n > 0).ok_or_else(|| positive(key))
            }
            Some(v) => v.as_u64().filter(|n| *n > 0).ok_or_else(|| positive(key)),
        }
    }

    /// A required non-empty string.
    pub fn str(&self, key: &str) -> Result<String, Error> {
        self.opt_str(key)?.filter(|s| !s.is_empty()).ok_or_else(|| Error::required(key))
    }

    /// An optional string.
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::invalid(format!("{key} must be a string"))),
        }
    }

    /// An optional boolean.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::invalid(format!("{key} must be a boolean"))),
        }
    }

    /// An optional positive integer (a count, a limit, a duration).
    pub fn opt_count(&self, key: &str) -> Result<Option<u64>, Error> {
        self.opt_id(key)
    }

    /// An optional string out of `values`.
    pub fn opt_enum(&self, key: &str, values: &[&str]) -> Result<Option<String>, Error> {
        match self.opt_str(key)? {
            Some(s) if !values.contains(&s.as_str()) => {
                Err(Error::invalid(format!("{key} must be one of {}", values.join(", "))))
            }
            other => Ok(other),
        }
    }

    /// An optional array of positive integer ids.
    pub fn opt_ids(&self, key: &str) -> Result<Option<Vec<u64>>, Error> {
        let bad = || Error::invalid(format!("{key} must be an array of positive integers"));
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => {
                items.iter().map(|v| v.as_u64().filter(|n| *n > 0).ok_or_else(bad)).collect::<Result<_, _>>().map(Some)
            }
            Some(_) => Err(bad()),
        }
    }

    /// An optional array of strings.
    pub fn opt_strs(&self, key: &str) -> Result<Option<Vec<String>>, Error> {
        let bad = || Error::invalid(format!("{key} must be an array of strings"));
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => {
                items.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(bad)).collect::<Result<_, _>>().map(Some)
            }
            Some(_) => Err(bad()),
        }
    }

    /// An optional object.
    pub fn opt_object(&self, key: &str) -> Result<Option<Map<String, Value>>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m.clone())),
            Some(_) => Err(Error::invalid(format!("{key} must be an object"))),
        }
    }
}

fn positive(key: &str) -> Error {
    Error::invalid(format!("{key} must be a positive integer"))
}

// ---------------------------------------------------------------------------------------------
// Sessions and the caller.

/// A role of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Companies, subscriptions and hosts of its reseller domain (and the domains below it).
    ResellerAdmin,
    /// Hosts, contacts and conferences of its own company.
    CompanyAdmin,
    /// Hosts conferences only: every method of the API answers 403.
    Host,
}

impl Role {
    /// Its wire name.
    pub fn name(self) -> &'static str {
        match self {
            Role::ResellerAdmin => "RESELLER_ADMIN",
            Role::CompanyAdmin => "COMPANY_ADMIN",
            Role::Host => "HOST",
        }
    }
}

/// The `auth_token`s handed out by `authenticate`: host and last successful use (emulator
/// clock). In memory only; `/__emulator/reset` forgets them.
#[derive(Debug, Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

#[derive(Debug, Clone, Copy)]
struct Session {
    host_id: u64,
    last_used: i64,
}

impl Sessions {
    /// A new token for `host_id`, used at `now`.
    pub fn open(&self, host_id: u64, now: i64) -> String {
        let token = uuid();
        self.lock().insert(token.clone(), Session { host_id, last_used: now });
        token
    }

    /// The host behind `token` if it is valid at `now` (unchanged: see [`Sessions::touch`]).
    fn host(&self, token: &str, now: i64, ttl: i64) -> Result<Option<u64>, Error> {
        match self.lock().get(token) {
            None => Ok(None),
            Some(s) if now - s.last_used >= ttl => Err(Error::unauthorized("Session expired")),
            Some(s) => Ok(Some(s.host_id)),
        }
    }

    /// Marks a successful use of `token` at `now` (its life starts again).
    fn touch(&self, token: &str, now: i64) {
        if let Some(s) = self.lock().get_mut(token) {
            s.last_used = now;
        }
    }

    /// Forgets every token.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A random UUID (version 4) as text.
pub fn uuid() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Who calls, from the host behind the `auth_token`.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// The host.
    pub host_id: u64,
    /// Its role.
    pub role: Role,
    /// Its company.
    pub company_id: u64,
    /// Its company's reseller domain.
    pub domain_id: u64,
}

/// One request: the caller, the body's fields, the clock.
pub struct Ctx<'a> {
    /// Who calls.
    pub caller: Caller,
    /// The body.
    pub fields: Fields<'a>,
    /// The emulator clock at the request.
    pub now: i64,
    /// The state.
    pub app: &'a App,
}

/// Which callers a method takes (the document's "ResellerAdmin Only" or
/// "ResellerAdmin/CompanyAdmin"; a HOST takes none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// ResellerAdmin only (a CompanyAdmin gets 403).
    Reseller,
    /// ResellerAdmin and CompanyAdmin.
    Admins,
}

/// Runs an authenticated method: 400 for a malformed body, the three 401s, 403 for a role the
/// method does not take, then `handler`; a 2xx answer touches the token.
pub fn run(app: &App, body: &[u8], allowed: Allowed, handler: impl FnOnce(&Ctx) -> Outcome) -> Response {
    let outcome = (|| {
        let map = object(body)?;
        let token = match map.get("auth_token") {
            None | Some(Value::Null) => return Err(Error::unauthorized("Missing auth_token")),
            Some(Value::String(t)) if !t.is_empty() => t.clone(),
            Some(_) => return Err(Error::unauthorized("Invalid token")),
        };
        let now = app.clock.now();
        let caller = caller(app, &token, now)?;
        match (caller.role, allowed) {
            (Role::Host, _) | (Role::CompanyAdmin, Allowed::Reseller) => return Err(Error::beyond_scope()),
            _ => {}
        }
        let ctx = Ctx { caller, fields: Fields(&map), now, app };
        let reply = handler(&ctx)?;
        if reply.status().is_success() {
            app.iotum_sessions.touch(&token, now);
        }
        Ok(reply)
    })();
    match outcome {
        Ok(reply) => reply.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The caller behind `token` at `now`: a session of `authenticate`, or a seeded test token.
fn caller(app: &App, token: &str, now: i64) -> Result<Caller, Error> {
    let data = app.read();
    let host_id = match app.iotum_sessions.host(token, now, app.cfg.iotum_token_ttl)? {
        Some(h) => h,
        None => data
            .iotum
            .test_auth_tokens
            .iter()
            .find(|t| t.auth_token == token)
            .map(|t| t.host_id)
            .ok_or_else(|| Error::unauthorized("Invalid token"))?,
    };
    let host = data.iotum.host(host_id).ok_or_else(|| Error::unauthorized("Invalid token"))?;
    let company = data.iotum.company(host.company_id).ok_or_else(|| Error::unauthorized("Invalid token"))?;
    Ok(Caller { host_id, role: host.role, company_id: company.id, domain_id: company.domain_id })
}

impl Ctx<'_> {
    /// The company `id` if the caller may act on it: 404 if there is none (or it is deleted),
    /// 403 if it is beyond the caller's reseller domain or company.
    pub fn company<'d>(&self, data: &'d Data, id: u64) -> Result<&'d Company, Error> {
        let company = data.iotum.company(id).ok_or_else(|| Error::not_found("Company"))?;
        if self.sees_company(data, company) {
            Ok(company)
        } else {
            Err(Error::beyond_scope())
        }
    }

    /// Whether the caller may act on `company`.
    pub fn sees_company(&self, data: &Data, company: &Company) -> bool {
        match self.caller.role {
            Role::ResellerAdmin => data.iotum.domain_within(company.domain_id, self.caller.domain_id),
            Role::CompanyAdmin => company.id == self.caller.company_id,
            Role::Host => false,
        }
    }

    /// The company a request is about: `company_id` (required) for a ResellerAdmin, the
    /// caller's own for a CompanyAdmin (the field is then ignored, as the document says).
    pub fn target_company<'d>(&self, data: &'d Data) -> Result<&'d Company, Error> {
        match self.caller.role {
            Role::CompanyAdmin => self.company(data, self.caller.company_id),
            _ => {
                let id = self.fields.id("company_id")?;
                self.company(data, id)
            }
        }
    }

    /// The company of `company_id` for every caller (CompanyAdmins too must name their own).
    pub fn named_company<'d>(&self, data: &'d Data) -> Result<&'d Company, Error> {
        let id = self.fields.id("company_id")?;
        self.company(data, id)
    }

    /// The host `id` if the caller may act on it (404, then 403 as for companies).
    pub fn host<'d>(&self, data: &'d Data, id: u64) -> Result<&'d Host, Error> {
        let host = data.iotum.host(id).ok_or_else(|| Error::not_found("Host"))?;
        let company = data.iotum.company(host.company_id).ok_or_else(|| Error::not_found("Host"))?;
        if self.sees_company(data, company) {
            Ok(host)
        } else {
            Err(Error::beyond_scope())
        }
    }

    /// The host of `host_id` (required).
    pub fn named_host<'d>(&self, data: &'d Data) -> Result<&'d Host, Error> {
        let id = self.fields.id("host_id")?;
        self.host(data, id)
    }
}

// ---------------------------------------------------------------------------------------------
// Data.

/// A reseller domain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Domain {
    /// Id.
    pub id: u64,
    /// Its domain name (`reseller.test`).
    pub domain: String,
    /// Its public name.
    pub display_name: String,
    /// The domain it is a sub-reseller of.
    #[serde(default)]
    pub parent_id: Option<u64>,
}

/// A company (customer) of a reseller domain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Company {
    /// Id.
    pub id: u64,
    /// Its reseller domain.
    pub domain_id: u64,
    /// Subdomain of its meeting URLs, unique in the domain.
    pub subdomain: String,
    /// Billing name.
    pub name: String,
    /// Free text of the reseller's.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Internal reporting id.
    #[serde(default)]
    pub partner_id: Option<u64>,
    /// Whether it is an OpenID Connect provider.
    #[serde(default)]
    pub openid_provider: bool,
    /// Colours and currency of company/create, kept as sent.
    #[serde(default)]
    pub primary_color: Option<String>,
    /// See `primary_color`.
    #[serde(default)]
    pub accent_color: Option<String>,
    /// See `primary_color`.
    #[serde(default)]
    pub currency: Option<String>,
    /// Deleted by company/delete (then answered like a missing one).
    #[serde(default)]
    pub deleted: bool,
}

/// A product (plan or add-on) of the reseller.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Product {
    /// Unique alphabetic identifier.
    pub slug: String,
    /// Name.
    pub name: String,
    /// A plan (else an add-on).
    pub plan: bool,
    /// Description.
    pub description: String,
}

/// A company's subscription to a product.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    /// Id, global.
    pub id: u64,
    /// Company.
    pub company_id: u64,
    /// Product slug.
    pub slug: String,
    /// `Active`, `Suspended` or `Cancelled` (not answered).
    pub status: String,
    /// Host limit (per-host pricing).
    #[serde(default)]
    pub host_limit: Option<u64>,
}

/// A host account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Host {
    /// Id.
    pub id: u64,
    /// Company.
    pub company_id: u64,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Dedicated access code (digits).
    pub access_code: String,
    /// Moderator PIN (digits).
    pub moderator_pin: String,
    /// Subscriptions it is assigned to.
    #[serde(default)]
    pub subscription_ids: Vec<u64>,
    /// OpenID subject.
    #[serde(default)]
    pub openid_sub: Option<String>,
    /// BCP-47 locale.
    #[serde(default = "en_us")]
    pub locale: String,
    /// ISO 3166 country.
    #[serde(default = "us")]
    pub country_code: String,
    /// IANA zone.
    #[serde(default = "eastern")]
    pub time_zone: String,
    /// Which mails are off.
    #[serde(default = "disable_emails")]
    pub disable_emails: Value,
    /// Date and time display.
    #[serde(default = "time_format")]
    pub time_format: Value,
    /// Login by email/password disabled.
    #[serde(default)]
    pub no_login: bool,
}

fn en_us() -> String {
    "en-US".into()
}
fn us() -> String {
    "US".into()
}
fn eastern() -> String {
    "US/Eastern".into()
}
/// The default `disable_emails` (every mail on).
pub fn disable_emails() -> Value {
    json!({ "conference_invitations": false, "conference_reminders": false, "conference_summaries": false, "transcription_summaries": false })
}
/// The default `time_format`.
pub fn time_format() -> Value {
    json!({ "time_24hr": false, "hm_separator": ":", "md_format": "M D", "md_y_comma": true })
}

/// An API token of the Admin UI (`authenticate` exchanges it for an `auth_token`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiToken {
    /// The token.
    pub api_token: String,
    /// The host it acts as.
    pub host_id: u64,
}

/// An `auth_token` that never expires, seeded for the schemathesis run (a test aid: the real
/// API has none).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TestAuthToken {
    /// The token.
    pub auth_token: String,
    /// The host it acts as.
    pub host_id: u64,
}

/// Everything this area keeps (top-level keys `iotum_*` of the seed and data file).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Reseller domains.
    #[serde(rename = "iotum_domains", default)]
    pub domains: Vec<Domain>,
    /// Companies.
    #[serde(rename = "iotum_companies", default)]
    pub companies: Vec<Company>,
    /// Products of the reseller.
    #[serde(rename = "iotum_products", default)]
    pub products: Vec<Product>,
    /// Subscriptions of companies.
    #[serde(rename = "iotum_subscriptions", default)]
    pub subscriptions: Vec<Subscription>,
    /// Hosts.
    #[serde(rename = "iotum_hosts", default)]
    pub hosts: Vec<Host>,
    /// API tokens.
    #[serde(rename = "iotum_api_tokens", default)]
    pub api_tokens: Vec<ApiToken>,
    /// Never-expiring auth tokens (test aid).
    #[serde(rename = "iotum_test_auth_tokens", default)]
    pub test_auth_tokens: Vec<TestAuthToken>,
    /// Contacts of hosts and companies.
    #[serde(rename = "iotum_contacts", default)]
    pub contacts: Vec<contact::Contact>,
    /// Conferences.
    #[serde(rename = "iotum_conferences", default)]
    pub conferences: Vec<conference::Conference>,
    /// Drive files.
    #[serde(rename = "iotum_drive_files", default)]
    pub drive_files: Vec<drive::DriveFile>,
    /// Chat rooms.
    #[serde(rename = "iotum_chat_rooms", default)]
    pub chat_rooms: Vec<chat::ChatRoom>,
    /// The next id handed out (one counter for every kind).
    #[serde(rename = "iotum_next_id", default = "first_id")]
    pub next_id: u64,
}

fn first_id() -> u64 {
    1000
}

impl Store {
    /// A fresh id.
    pub fn new_id(&mut self) -> u64 {
        self.next_id = self.next_id.max(first_id());
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The company `id` (not deleted).
    pub fn company(&self, id: u64) -> Option<&Company> {
        self.companies.iter().find(|c| c.id == id && !c.deleted)
    }

    /// The host `id`.
    pub fn host(&self, id: u64) -> Option<&Host> {
        self.hosts.iter().find(|h| h.id == id)
    }

    /// The domain `id`.
    pub fn domain(&self, id: u64) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    /// Whether domain `id` is `root` or below it.
    pub fn domain_within(&self, id: u64, root: u64) -> bool {
        let mut at = Some(id);
        for _ in 0..32 {
            match at {
                Some(d) if d == root => return true,
                Some(d) => at = self.domain(d).and_then(|d| d.parent_id),
                None => return false,
            }
        }
        false
    }

    /// `https://<subdomain>.<domain>` of a company.
    pub fn company_origin(&self, company_id: u64) -> String {
        let company = self.companies.iter().find(|c| c.id == company_id);
        let domain = company.and_then(|c| self.domain(c.domain_id)).map_or("reseller.test", |d| d.domain.as_str());
        format!("https://{}.{domain}", company.map_or("www", |c| c.subdomain.as_str()))
    }

    /// The product `slug`.
    pub fn product(&self, slug: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.slug == slug)
    }

    /// Whether an access code or moderator PIN is in use by any host or conference.
    pub fn code_taken(&self, code: &str) -> bool {
        self.hosts.iter().any(|h| h.access_code == code || h.moderator_pin == code)
            || self.conferences.iter().any(|c| c.access_code == code)
    }

    /// A fresh code of `digits` digits used nowhere.
    pub fn new_code(&self, digits: u32) -> String {
        let low = 10u64.pow(digits - 1);
        loop {
            let n = u64::from_le_bytes(random_bytes::<8>()) % (9 * low) + low;
            let code = n.to_string();
            if !self.code_taken(&code) {
                return code;
            }
        }
    }
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for c in &mut self.conferences {
            c.instantiate(now);
        }
        for f in &mut self.drive_files {
            if f.created_at.is_empty() {
                f.created_at = times::iso(now);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Documentation helpers.

/// The example `auth_token` of the schemas: the seeded never-expiring test token, so that a
/// schema-driven run reaches past the 401.
pub const SCHEMA_AUTH_TOKEN: &str = "iotum-schemathesis-auth-token";

/// A route's documentation: tag `iotum`, the body's schema, the success schema and status, the
/// error statuses (405 and 500 are added), errors as [`IotumError`].
pub fn doc(
    id: &'static str,
    summary: &'static str,
    body: RefOr<Schema>,
    ok: RefOr<Schema>,
    ok_status: u16,
    errors: &'static [u16],
) -> Doc {
    Doc {
        id,
        summary,
        tag: "iotum",
        access: Access::Public,
        app_type: false,
        params: vec![],
        body: Some((body, true)),
        ok,
        errors,
        form: None,
        ok_media: if ok_status == 200 { None } else { Some(NO_BODY) },
        ok_status,
        error_schema: Some(RefOr::Ref(Ref::from_schema_name("IotumError"))),
    }
}

/// The error statuses of an authenticated method.
pub const AUTHED: &[u16] = &[400, 401, 403, 404, 422];

/// A POST route at `path`.
pub fn post_route(path: &'static [&'static str], handler: axum::routing::MethodRouter<App>, doc: Doc) -> Route {
    Route { method: axum::http::Method::POST, paths: path, handler, doc }
}

/// Schema builders for the bodies and answers (JSON Schema written inline: a hundred bodies
/// as Rust types would say nothing more).
pub mod schema {
    use super::*;

    /// A property of a body or answer.
    pub type Prop = (&'static str, RefOr<Schema>);

    /// An object with these properties, `required` of them required; the others may also be
    /// `null` (taken as absent).
    pub fn object(props: Vec<Prop>, required: &[&str]) -> RefOr<Schema> {
        let mut b = ObjectBuilder::new().schema_type(Type::Object);
        for (name, s) in props {
            b = b.property(name, if required.contains(&name) { s } else { nullable(s) });
        }
        for r in required {
            b = b.required(*r);
        }
        RefOr::T(Schema::Object(b.build()))
    }

    /// An authenticated body: `auth_token` (required, with the seeded test token as example)
    /// plus `props`.
    pub fn authed(mut props: Vec<Prop>, required: &[&str]) -> RefOr<Schema> {
        let token = RefOr::T(Schema::Object(
            ObjectBuilder::new().schema_type(Type::String).examples([json!(SCHEMA_AUTH_TOKEN)]).build(),
        ));
        props.insert(0, ("auth_token", token));
        let mut all = vec!["auth_token"];
        all.extend_from_slice(required);
        object(props, &all)
    }

    /// A string.
    pub fn string() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).build()))
    }

    /// A string of at least one character.
    pub fn text() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).build()))
    }

    /// A string matching `pattern`.
    pub fn pattern(pattern: &str) -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).build()))
    }

    /// One of these strings.
    pub fn one_of(values: &[&str]) -> RefOr<Schema> {
        crate::area::schema::one_of(values)
    }

    /// A positive integer, with `example`.
    pub fn id(example: u64) -> RefOr<Schema> {
        RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1.0))
                .maximum(Some(9.0e15))
                .examples([json!(example)])
                .build(),
        ))
    }

    /// A positive integer.
    pub fn count() -> RefOr<Schema> {
        RefOr::T(Schema::Object(
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1.0)).maximum(Some(9.0e15)).build(),
        ))
    }

    /// Any integer.
    pub fn int() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::Integer).build()))
    }

    /// A boolean.
    pub fn boolean() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::Boolean).build()))
    }

    /// Any JSON value (no constraint).
    pub fn any() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(SchemaType::AnyValue).build()))
    }

    /// `schema` or `null`.
    pub fn nullable(schema: RefOr<Schema>) -> RefOr<Schema> {
        let null = RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::Null).build()));
        RefOr::T(Schema::AnyOf(AnyOfBuilder::new().item(schema).item(null).build()))
    }

    /// Any JSON object.
    pub fn any_object() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::Object).build()))
    }

    /// An array of `items`.
    pub fn array(items: RefOr<Schema>) -> RefOr<Schema> {
        RefOr::T(Schema::Array(ArrayBuilder::new().items(items).build()))
    }

    /// An array of positive integer ids.
    pub fn ids() -> RefOr<Schema> {
        array(count())
    }

    /// The answer `"OK"` (a JSON string).
    pub fn ok_string() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["OK"])).build()))
    }

    /// The answer `{"message": "OK"}`.
    pub fn ok_message() -> RefOr<Schema> {
        object(vec![("message", one_of(&["OK"]))], &["message"])
    }

    /// An integer or a string of digits (company/delete's `company_id`).
    pub fn id_or_digits(example: u64) -> RefOr<Schema> {
        RefOr::T(Schema::OneOf(
            utoipa::openapi::schema::OneOfBuilder::new().item(id(example)).item(pattern("^[1-9][0-9]{0,14}$")).build(),
        ))
    }
}
