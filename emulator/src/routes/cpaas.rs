//! The CPaaS project API (`cpaas-projects-api.txt`), served below `/cpaas` beside `/ucaas/v1`:
//! `GET/POST /projects`, `GET/POST /projects/{app_id}`, `POST /projects/{app_id}/reset_key`,
//! `PATCH /projects/{app_id}/video|voice|sms|video-embed`.
//!
//! HTTP Basic only ([`Caller`]): a UCaaS API app of the seed (`api_apps`: the administrator sees
//! every customer's projects, a reseller its own and its customers', a customer its own) or a
//! project's own `app_id`/`app_key` (acting as that project's customer). A project out of scope is
//! answered like an unknown one (404 / 1007). Codes and texts come from `ucaas_codes::cpaas`.
//!
//! The service settings are kept as JSON, checked against the document's shapes ([`Spec`]: the
//! same tree checks a PATCH body, shapes the GET answer with every documented key, and is the
//! OpenAPI schema of the body); a PATCH merges objects key by key and replaces arrays and values.

use super::common::{positive, query, ListQuery, MAX_PAGE_LENGTH};
use crate::area::{path_param, query_param, schema, Access, Area, Doc, Param, Route};
use crate::auth::{json_object, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{random_hex, stamp, App, AreaStore, Data, Role};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::routing::{get, patch, post};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use ucaas_codes::cpaas_code;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{OpenApi, ToSchema};

const SEARCH_BY: &[&str] = &["app_name"];
const ORDER_BY: &[&str] = &["created_at", "updated_at", "app_name", "app_id", "category_id", "customer_id", "status"];
const STATUSES: &[&str] = &["A", "S"];

/// This area: its routes below `/cpaas` and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    let mut schemas = Schemas::openapi();
    let components = schemas.components.get_or_insert_with(Default::default);
    for (name, spec, required) in BODIES {
        components.schemas.insert((*name).into(), object_schema(spec, required));
    }
    Area::new(routes(), schemas).at(super::CPAAS_BASE)
}

/// The answers' component schemas; the bodies' come from their [`Spec`]s (`BODIES`).
#[derive(OpenApi)]
#[openapi(components(schemas(
    CpaasProjectList,
    CpaasProjectAnswer,
    CpaasProjectAdded,
    CpaasProjectUpdated,
    CpaasKeyReset,
    CpaasVideoEmbedUpdated
)))]
struct Schemas;

/// The request bodies: component name, shape, required keys.
const BODIES: &[(&str, &Spec, &[&str])] = &[
    ("CpaasProjectAdd", &ADD, &["app_name", "category_id", "services_incl"]),
    ("CpaasProjectEdit", &EDIT, &[]),
    ("CpaasVideoSettings", &VIDEO_PATCH, &[]),
    ("CpaasVoiceSettings", &VOICE, &[]),
    ("CpaasSmsSettings", &SMS, &[]),
    ("CpaasVideoEmbedSettings", &EMBED, &[]),
];

fn body(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

/// The routes of this area (paths below `/cpaas`).
fn routes() -> Vec<Route> {
    // A seeded project as the example, so schemathesis reaches past the 404 of made-up ids.
    let id = || {
        let mut p = path_param("app_id", "The project's App ID");
        p.schema = RefOr::T(Schema::Object(
            ObjectBuilder::new().schema_type(Type::String).examples([json!("app-acme-2")]).build(),
        ));
        vec![p]
    };
    let doc = |id, summary, params, body: Option<RefOr<Schema>>, ok, errors| Doc {
        id,
        summary,
        tag: "cpaas",
        access: Access::Basic,
        app_type: false,
        params,
        body: body.map(|b| (b, false)),
        ok,
        errors,
        form: None,
        ok_media: None,
        ok_status: 200,
        error_schema: None,
    };
    let settings = |op, summary, name, path, handler| Route {
        method: Method::PATCH,
        paths: path,
        handler,
        doc: doc(op, summary, id(), Some(body(name)), schema::of::<CpaasProjectUpdated>(), &[401, 404, 406]),
    };
    let mut add = doc(
        "addCpaasProject",
        "Add a project (new app_id and app_key)",
        vec![],
        Some(body("CpaasProjectAdd")),
        schema::of::<CpaasProjectAdded>(),
        &[401, 406],
    );
    if let Some(b) = &mut add.body {
        b.1 = true;
    }
    vec![
        Route {
            method: Method::GET,
            paths: &["/projects"],
            handler: get(list),
            doc: doc(
                "listCpaasProjects",
                "List the projects in scope",
                list_params(),
                None,
                schema::of::<CpaasProjectList>(),
                &[401, 406],
            ),
        },
        Route { method: Method::POST, paths: &["/projects"], handler: post(add_project), doc: add },
        Route {
            method: Method::GET,
            paths: &["/projects/{app_id}"],
            handler: get(read),
            doc: doc(
                "getCpaasProject",
                "Get a project with its service settings",
                id(),
                None,
                schema::of::<CpaasProjectAnswer>(),
                &[401, 404],
            ),
        },
        Route {
            method: Method::POST,
            paths: &["/projects/{app_id}"],
            handler: post(edit),
            doc: doc(
                "editCpaasProject",
                "Edit a project (the document's method, POST)",
                id(),
                Some(body("CpaasProjectEdit")),
                schema::of::<CpaasProjectUpdated>(),
                &[401, 404, 406],
            ),
        },
        Route {
            method: Method::POST,
            paths: &["/projects/{app_id}/reset_key"],
            handler: post(reset_key),
            doc: doc(
                "resetCpaasProjectKey",
                "A new app_key; the old one stops authenticating at once",
                id(),
                None,
                schema::of::<CpaasKeyReset>(),
                &[401, 404],
            ),
        },
        settings(
            "configureCpaasVideo",
            "Configure the video service",
            "CpaasVideoSettings",
            &["/projects/{app_id}/video"],
            patch(video),
        ),
        settings(
            "configureCpaasVoice",
            "Configure the voice service",
            "CpaasVoiceSettings",
            &["/projects/{app_id}/voice"],
            patch(voice),
        ),
        settings(
            "configureCpaasSms",
            "Configure the SMS service",
            "CpaasSmsSettings",
            &["/projects/{app_id}/sms"],
            patch(sms),
        ),
        Route {
            method: Method::PATCH,
            paths: &["/projects/{app_id}/video-embed"],
            handler: patch(video_embed),
            doc: doc(
                "configureCpaasVideoEmbed",
                "Configure video embed (sub-domain, options); answers the embed room",
                id(),
                Some(body("CpaasVideoEmbedSettings")),
                schema::of::<CpaasVideoEmbedUpdated>(),
                &[401, 404, 406],
            ),
        },
    ]
}

fn list_params() -> Vec<Param> {
    vec![
        query_param("page", schema::int(1, None), "Page number, from 1 (default 1; else 1101)"),
        query_param("page_length", schema::int(1, None), "Items per page (default 10, at most 100; else 1102)"),
        query_param("page_num", schema::int(1, None), "The document's name for page_length (code 1102)"),
        query_param("customer_id", schema::string(), "Only this customer's projects (in scope)"),
        query_param("search_by", schema::one_of(SEARCH_BY), "Field searched (default app_name)"),
        query_param("search_string", schema::string(), "Case-insensitive substring of the field"),
        query_param("order_by", schema::one_of(ORDER_BY), "Sort field (default created_at, ties by app_id)"),
        query_param("order_qualify", schema::one_of(&["asc", "desc"]), "Sort direction (default asc; else 1105)"),
    ]
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasProjectList {
    result: u32,
    /// page, page_length, customer_id, search_by, search_string, order_by, order_qualify, total.
    #[schema(value_type = Object)]
    search: Value,
    /// customer_id, customer_name, app_id, app_key, app_name, category_id, category_name,
    /// short_desc, description, services_incl {video, sms, voice}, status, status_ex,
    /// created_at, updated_at, suspended_at.
    #[schema(value_type = Vec<Object>)]
    projects: Vec<Value>,
}

/// Answer of get: the list's project plus `video`, `sms`, `voice` and `video_embed`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasProjectAnswer {
    result: u32,
    #[schema(value_type = Object)]
    project: Value,
}

/// Answer of an add: `project` {app_id, app_key, app_name}.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasProjectAdded {
    result: u32,
    #[schema(value_type = Object)]
    project: Value,
}

/// Answer of an edit or a video/voice/sms configuration: {app_id, app_name} under `project`
/// and, as the document's examples, `user`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasProjectUpdated {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    project: Value,
    #[schema(value_type = Object)]
    user: Value,
}

/// Answer of a key reset: `project` {app_id, app_key (the new one), app_name}.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasKeyReset {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    project: Value,
}

/// Answer of the video-embed configuration: `project` {app_id, app_name} and `room`
/// {room_id, participant_meeting_url, host_meeting_url, participant_iframe_embed,
/// moderator_iframe_embed}.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CpaasVideoEmbedUpdated {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    project: Value,
    #[schema(value_type = Object)]
    room: Value,
}

// ---------------------------------------------------------------------------------------------
// Who is calling.

/// A CPaaS caller, by HTTP Basic: what it acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Every customer's projects (`demo-app`).
    Admin,
    /// Its own tenant's projects and those of its customers (`reseller-app`).
    Reseller(String),
    /// Its own projects (`acme-app`, or a project's own app_id/app_key).
    Customer(String),
}

impl FromRequestParts<App> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, ApiError> {
        caller(&parts.headers, &app.read())
    }
}

/// Missing, malformed or unknown credentials: 401 / 401 "Invalid header".
fn caller(headers: &HeaderMap, data: &Data) -> Result<Caller, ApiError> {
    let denied = || ApiError::invalid_header("Authorization");
    let value = headers.get("authorization").ok_or_else(denied)?.to_str().map_err(|_| denied())?.trim();
    let (scheme, credential) = value.split_once(' ').ok_or_else(denied)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(denied());
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(credential.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(denied)?;
    let (id, key) = decoded.split_once(':').ok_or_else(denied)?;
    if let Some(a) = data.auth.api_apps.iter().find(|a| a.api_id == id && a.api_key == key) {
        let user = data.users.get(&a.user_id).ok_or_else(denied)?;
        return match (user.user_type, user.customer_id.clone()) {
            (Role::Administrator, _) => Ok(Caller::Admin),
            (Role::Reseller, Some(c)) => Ok(Caller::Reseller(c)),
            (_, Some(c)) => Ok(Caller::Customer(c)),
            _ => Err(denied()),
        };
    }
    data.cpaas
        .projects
        .iter()
        .find(|p| p.app_id == id && !key.is_empty() && p.app_key == key)
        .map(|p| Caller::Customer(p.customer_id.clone()))
        .ok_or_else(denied)
}

impl Caller {
    /// Whether the caller may see and change the projects of `customer_id`.
    fn sees(&self, customer_id: &str, data: &Data) -> bool {
        match self {
            Caller::Admin => true,
            Caller::Reseller(r) => {
                customer_id == r
                    || data.customers.get(customer_id).and_then(|c| c.parent_id.as_deref()) == Some(r.as_str())
            }
            Caller::Customer(c) => customer_id == c,
        }
    }
}

/// The project `app_id` if the caller may see it; unknown and out of scope alike are 404 / 1007.
fn visible<'a>(data: &'a Data, caller: &Caller, app_id: &str) -> Result<&'a Project, ApiError> {
    data.cpaas
        .get(app_id)
        .filter(|p| caller.sees(&p.customer_id, data))
        .ok_or_else(|| ApiError::cpaas_missing(cpaas_code!(1007)))
}

// ---------------------------------------------------------------------------------------------
// Shapes of the settings.

/// A JSON shape of the document: checks a body, fills an answer, documents the body.
#[derive(Debug)]
pub enum Spec {
    /// `true`/`false`.
    Bool,
    /// Any string.
    Str,
    /// A string of at least one character.
    NonEmpty,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A whole number.
    Int,
    /// Any number.
    Num,
    /// An array of strings.
    Strs,
    /// Any JSON object (kept as sent).
    AnyObj,
    /// An object with these keys (others are ignored, not stored).
    Obj(&'static [(&'static str, Spec)]),
    /// An array of objects with these keys.
    List(&'static [(&'static str, Spec)]),
    /// Answered only once set.
    Opt(&'static Spec),
}

use Spec::{AnyObj, Bool, Int, List, NonEmpty, Num, Obj, OneOf, Opt, Str, Strs};

const SERVICES: Spec = Obj(&[("video", Bool), ("sms", Bool), ("voice", Bool)]);
const ADD: Spec = Obj(&[
    ("customer_id", Str),
    ("app_name", NonEmpty),
    ("category_id", Str),
    ("short_desc", Str),
    ("description", Str),
    ("services_incl", SERVICES),
]);
const EDIT: Spec = Obj(&[
    ("app_name", NonEmpty),
    ("category_id", Str),
    ("short_desc", Str),
    ("description", Str),
    ("status", OneOf(STATUSES)),
    ("services_incl", SERVICES),
]);

const SIP: Spec =
    Obj(&[("server_url", Str), ("username", Str), ("password", Str), ("sig_servers", Strs), ("media_servers", Strs)]);
const PHONE: &[(&str, Spec)] =
    &[("in", Bool), ("out", Bool), ("country", Str), ("country_code", Str), ("phone", Str), ("toll", Bool)];
const FILES: Spec = Obj(&[
    ("record_individual", Bool),
    ("record_transcoded", Bool),
    ("meta", Bool),
    ("transcription", Bool),
    ("text_chat", Bool),
    ("delete", Bool),
]);
const WATERMARK: Spec = Obj(&[
    ("enabled", Bool),
    ("img_path", Obj(&[("IN", Str), ("DE", Str), ("US", Str), ("SG", Str)])),
    ("opacity", Num),
    ("align", Obj(&[("horz", Str), ("vert", Str), ("offset_x", Num), ("offset_y", Num)])),
]);
const DELIVERY: Spec = Obj(&[
    (
        "ftp",
        Obj(&[
            ("opted", Bool),
            ("periodicity", Str),
            ("periodicity_ex", Str),
            ("protocol", Str),
            ("encryption", Str),
            ("host", Str),
            ("port", Int),
            ("username", Str),
            ("password", Str),
            ("path", Str),
        ]),
    ),
    (
        "scp",
        Obj(&[
            ("opted", Bool),
            ("periodicity", Str),
            ("periodicity_ex", Str),
            ("host", Str),
            ("port", Int),
            ("username", Str),
            ("password", Str),
            ("path", Str),
        ]),
    ),
    (
        "s3",
        Opt(&Obj(&[
            ("opted", Bool),
            ("mode", Str),
            ("access_key_id", Str),
            ("secret_key", Str),
            ("path", Str),
            ("region", Str),
            ("env_auth", Bool),
        ])),
    ),
    ("gdrive", Opt(&Obj(&[("opted", Bool), ("root_folder_id", Str), ("path", Str), ("access_file", Str)]))),
    ("azure", Opt(&Obj(&[("storage_account", Str), ("access_key", Str), ("dest_path", Str)]))),
]);
const ENCRYPTION: Spec = Opt(&Obj(&[("encryption_key", Str)]));

/// `project.video` as GET answers it.
const VIDEO: Spec = Obj(&[
    ("notification_url", Str),
    ("media_zone", Strs),
    ("sip", SIP),
    ("phone", List(PHONE)),
    ("encryption", ENCRYPTION),
    ("recording", Obj(&[("files", FILES), ("watermark", WATERMARK)])),
    ("recording_delivery", DELIVERY),
]);
/// `PATCH …/video` as the document's request: delivery inside `recording` (GET's
/// `recording_delivery` is read too).
const VIDEO_PATCH: Spec = Obj(&[
    ("notification_url", Str),
    ("media_zone", Strs),
    ("sip", SIP),
    ("phone", List(PHONE)),
    ("encryption", ENCRYPTION),
    ("recording", Obj(&[("files", FILES), ("watermark", WATERMARK), ("delivery", DELIVERY)])),
    ("recording_delivery", DELIVERY),
]);
const VOICE: Spec = Obj(&[
    ("in", Bool),
    ("out", Bool),
    ("sip", SIP),
    (
        "inbound",
        Obj(&[
            ("event_url", Str),
            ("welcome_text", Str),
            ("voice_type", Str),
            ("language", Str),
            ("auto_record", Bool),
        ]),
    ),
    ("phone", Opt(&List(PHONE))),
    ("notification_url", Str),
]);
const WEBHOOK: Spec = Obj(&[("url", Str), ("auth", Bool), ("username", Str), ("password", Str)]);
const SMS: Spec = Obj(&[
    ("incoming", Bool),
    ("outgoing", Bool),
    (
        "default",
        Obj(&[
            ("sender_name", Str),
            ("long_code", Str),
            ("short_code", Str),
            ("keyword", Str),
            ("in_webhook", WEBHOOK),
            ("delivery_webhook", WEBHOOK),
        ]),
    ),
]);
const EMBED: Spec = Obj(&[
    ("subdomain", Str),
    ("embed_template_id", Str),
    ("access_mode", Obj(&[("iframe", Obj(&[("enabled", Bool), ("iframing_hosts", Strs)]))])),
    ("exit_url", Str),
    ("options", AnyObj),
    ("video_background_color", Str),
]);

/// `path.key`, or `key` at the top.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `v` checked against `spec`: the value to store (unknown keys and nulls left out), or 406 /
/// 1002 naming the first wrong field (the document gives no code for a wrong type).
fn check(spec: &Spec, v: &Value, path: &str) -> Result<Value, ApiError> {
    let bad = |what: &str| {
        let name = if path.is_empty() { "body" } else { path };
        ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, name, format!("{name} must be {what}."))
    };
    match spec {
        Bool => v.as_bool().map(Value::from).ok_or_else(|| bad("a boolean")),
        Str => v.as_str().map(Value::from).ok_or_else(|| bad("a string")),
        NonEmpty => {
            v.as_str().filter(|s| !s.trim().is_empty()).map(Value::from).ok_or_else(|| bad("a non-empty string"))
        }
        OneOf(values) => v
            .as_str()
            .filter(|s| values.contains(s))
            .map(Value::from)
            .ok_or_else(|| bad(&format!("one of {}", values.join(", ")))),
        Int => v
            .as_i64()
            .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64))
            .map(Value::from)
            .ok_or_else(|| bad("a whole number")),
        Num => v.is_number().then(|| v.clone()).ok_or_else(|| bad("a number")),
        Strs => match v.as_array() {
            Some(a) if a.iter().all(Value::is_string) => Ok(v.clone()),
            _ => Err(bad("an array of strings")),
        },
        AnyObj => v.is_object().then(|| v.clone()).ok_or_else(|| bad("an object")),
        Opt(inner) => check(inner, v, path),
        Obj(fields) => {
            let o = v.as_object().ok_or_else(|| bad("an object"))?;
            let mut out = Map::new();
            for (key, spec) in *fields {
                if let Some(x) = o.get(*key).filter(|x| !x.is_null()) {
                    out.insert((*key).into(), check(spec, x, &join(path, key))?);
                }
            }
            Ok(Value::Object(out))
        }
        List(fields) => {
            let a = v.as_array().ok_or_else(|| bad("an array of objects"))?;
            let items = a.iter().enumerate().map(|(i, x)| check(&Obj(fields), x, &format!("{path}[{i}]")));
            Ok(Value::Array(items.collect::<Result<_, _>>()?))
        }
    }
}

/// `stored` in the shape of `spec`: every documented key, with its stored value or an empty one
/// (`""`, `false`, `0`, `[]`); `Opt` keys only once stored.
fn shape(spec: &Spec, stored: Option<&Value>) -> Option<Value> {
    let stored = stored.filter(|v| !v.is_null());
    let or = |ok: fn(&Value) -> bool, empty: Value| Some(stored.filter(|v| ok(v)).cloned().unwrap_or(empty));
    match spec {
        Bool => or(Value::is_boolean, json!(false)),
        Str | NonEmpty | OneOf(_) => or(Value::is_string, json!("")),
        Int | Num => or(Value::is_number, json!(0)),
        Strs => or(Value::is_array, json!([])),
        AnyObj => or(Value::is_object, json!({})),
        Opt(inner) => stored.and_then(|v| shape(inner, Some(v))),
        Obj(fields) => {
            let o = stored.and_then(Value::as_object);
            let mut out = Map::new();
            for (key, spec) in *fields {
                if let Some(v) = shape(spec, o.and_then(|o| o.get(*key))) {
                    out.insert((*key).into(), v);
                }
            }
            Some(Value::Object(out))
        }
        List(fields) => {
            let items = stored.and_then(Value::as_array).map(|a| a.iter().filter_map(|x| shape(&Obj(fields), Some(x))));
            Some(Value::Array(items.map(Iterator::collect).unwrap_or_default()))
        }
    }
}

/// `patch` merged into `into`: objects key by key, anything else replaced.
fn merge(into: &mut Value, patch: Value) {
    match (into, patch) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// The OpenAPI schema of `spec` (object members may be `null`: null counts as absent).
fn spec_schema(spec: &Spec, nullable: bool) -> RefOr<Schema> {
    let ty = |t: Type| if nullable { SchemaType::from_iter([t, Type::Null]) } else { SchemaType::Type(t) };
    let plain = |t: Type| RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(ty(t)).build()));
    match spec {
        Bool => plain(Type::Boolean),
        Str => plain(Type::String),
        NonEmpty => {
            RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(ty(Type::String)).min_length(Some(1)).build()))
        }
        OneOf(values) => {
            let mut all: Vec<Value> = values.iter().map(|v| json!(v)).collect();
            if nullable {
                all.push(Value::Null);
            }
            RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(ty(Type::String)).enum_values(Some(all)).build()))
        }
        Int => plain(Type::Integer),
        Num => plain(Type::Number),
        Strs => RefOr::T(Schema::Array(
            ArrayBuilder::new().schema_type(ty(Type::Array)).items(spec_schema(&Str, false)).build(),
        )),
        AnyObj => plain(Type::Object),
        Opt(inner) => spec_schema(inner, nullable),
        Obj(fields) => {
            let mut b = ObjectBuilder::new().schema_type(ty(Type::Object));
            for (key, spec) in *fields {
                b = b.property(*key, spec_schema(spec, true));
            }
            RefOr::T(Schema::Object(b.build()))
        }
        List(fields) => RefOr::T(Schema::Array(
            ArrayBuilder::new().schema_type(ty(Type::Array)).items(spec_schema(&Obj(fields), false)).build(),
        )),
    }
}

/// A body's schema: `spec`, with `required` keys present and not null.
fn object_schema(spec: &Spec, required: &[&str]) -> RefOr<Schema> {
    let Obj(fields) = spec else { return spec_schema(spec, false) };
    let mut b = ObjectBuilder::new().schema_type(Type::Object);
    for (key, spec) in *fields {
        let needed = required.contains(key);
        b = b.property(*key, spec_schema(spec, !needed));
        if needed {
            b = b.required(*key);
        }
    }
    RefOr::T(Schema::Object(b.build()))
}

// ---------------------------------------------------------------------------------------------
// Answers.

fn status_ex(s: &str) -> &'static str {
    if s == "S" {
        "Suspended"
    } else {
        "Active"
    }
}

/// A project as listed (`full`: as `GET /projects/{app_id}` answers, with its settings).
fn out(p: &Project, data: &Data, full: bool) -> Value {
    let mut v = json!({
        "customer_id": p.customer_id,
        "customer_name": data.customers.get(&p.customer_id).map(|c| c.customer_name.as_str()).unwrap_or(""),
        "app_id": p.app_id,
        "app_key": p.app_key,
        "app_name": p.app_name,
        "category_id": p.category_id,
        "category_name": data.cpaas.category(&p.category_id).map(|c| c.category_name.as_str()).unwrap_or(""),
        "short_desc": p.short_desc,
        "description": p.description,
        "services_incl": p.services_incl,
        "status": p.status,
        "status_ex": status_ex(&p.status),
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "suspended_at": p.suspended_at,
    });
    if full {
        v["video"] = shape(&VIDEO, Some(&p.video)).unwrap_or_default();
        v["sms"] = shape(&SMS, Some(&p.sms)).unwrap_or_default();
        v["voice"] = shape(&VOICE, Some(&p.voice)).unwrap_or_default();
        let mut embed = shape(&EMBED, Some(&p.video_embed)).unwrap_or_default();
        if let Some(room) = room(p) {
            embed["room"] = room;
        }
        v["video_embed"] = embed;
    }
    v
}

/// The embed room, once video embed is configured.
fn room(p: &Project) -> Option<Value> {
    let room_id = p.embed_room_id.as_deref()?;
    let sub = p.video_embed.get("subdomain").and_then(Value::as_str).unwrap_or("");
    let site = format!("https://{sub}.yourvideo.tech");
    let host = base64::engine::general_purpose::STANDARD.encode(format!("{room_id}-{}", p.app_id));
    let (participant, moderator) = (format!("{site}/{room_id}"), format!("{site}/host/{host}"));
    let iframe = |src: &str| {
        format!(
            "<iframe \n allow=\"camera; microphone; fullscreen; speaker; display-capture\"\nsrc=\"{src}\">\n</iframe>"
        )
    };
    Some(json!({
        "room_id": room_id,
        "participant_meeting_url": participant,
        "host_meeting_url": moderator,
        "participant_iframe_embed": iframe(&participant),
        "moderator_iframe_embed": iframe(&moderator),
    }))
}

fn short(app_id: &str, app_name: &str) -> Value {
    json!({ "app_id": app_id, "app_name": app_name })
}

// ---------------------------------------------------------------------------------------------
// Handlers.

async fn list(
    State(app): State<App>,
    caller: Caller,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let page = q
        .get("page")
        .map_or(Some(1), |p| positive(p))
        .ok_or_else(|| ApiError::cpaas_invalid(cpaas_code!(1101), "page"))?;
    // page_num is the document's name for page_length (its code 1102 says so); both are checked,
    // page_length wins.
    let mut page_length = 10;
    for key in ["page_num", "page_length"] {
        if let Some(l) = q.get(key) {
            page_length = positive(l).ok_or_else(|| ApiError::cpaas_invalid(cpaas_code!(1102), key))?;
        }
    }
    let search_by = match q.get("search_by").map(String::as_str) {
        None => None,
        Some(s) if SEARCH_BY.contains(&s) => Some(s.to_string()),
        Some(_) => {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                "search_by",
                "search_by must be app_name.",
            ))
        }
    };
    let search_string = q.get("search_string").cloned().unwrap_or_default();
    let order_by = q.get("order_by").map_or("created_at", String::as_str);
    if !ORDER_BY.contains(&order_by) {
        let why = format!("order_by must be one of {}.", ORDER_BY.join(", "));
        return Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, "order_by", why));
    }
    let desc = match q.get("order_qualify").map(String::as_str) {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => return Err(ApiError::cpaas_invalid(cpaas_code!(1105), "order_qualify")),
    };
    let customer_id = q.get("customer_id").filter(|c| !c.is_empty()).cloned();
    let lq = ListQuery {
        page,
        page_length: page_length.min(MAX_PAGE_LENGTH),
        search_by: search_by.clone(),
        search_string,
        order_by: vec![order_by.to_string()],
        desc,
    };
    let data = app.read();
    let mut hits: Vec<&Project> = data
        .cpaas
        .projects
        .iter()
        .filter(|p| caller.sees(&p.customer_id, &data))
        .filter(|p| customer_id.as_deref().is_none_or(|c| p.customer_id == c))
        .filter(|p| lq.contains(&p.app_name))
        .collect();
    lq.sort(
        &mut hits,
        |p, f| match f {
            "updated_at" => p.updated_at.clone(),
            "app_name" => p.app_name.to_lowercase(),
            "app_id" => p.app_id.clone(),
            "category_id" => p.category_id.clone(),
            "customer_id" => p.customer_id.clone(),
            "status" => p.status.clone(),
            _ => p.created_at.clone(),
        },
        |p| p.app_id.clone(),
    );
    let total = hits.len();
    let projects: Vec<Value> = lq.page(hits).into_iter().map(|p| out(p, &data, false)).collect();
    let search = json!({
        "page": lq.page,
        "page_length": lq.page_length,
        "customer_id": customer_id.unwrap_or_default(),
        "search_by": search_by.unwrap_or_default(),
        "search_string": lq.search_string,
        "order_by": order_by,
        "order_qualify": if desc { "desc" } else { "asc" },
        "total": total,
    });
    ok(json!({ "search": search, "projects": projects }))
}

async fn read(State(app): State<App>, caller: Caller, PathId(app_id): PathId) -> Answer {
    let data = app.read();
    ok(json!({ "project": out(visible(&data, &caller, &app_id)?, &data, true) }))
}

/// An optional string field: 1002 when not a string.
fn opt_str(body: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match body.get(key).filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(v) => check(&Str, v, key).map(|v| v.as_str().map(String::from)),
    }
}

/// `category_id`, if given: a known category, else 1008.
fn category(body: &Map<String, Value>, data: &Data) -> Result<Option<String>, ApiError> {
    match body.get("category_id").filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(Value::String(c)) if data.cpaas.category(c).is_some() => Ok(Some(c.clone())),
        Some(_) => Err(ApiError::cpaas_invalid(cpaas_code!(1008), "category_id")),
    }
}

/// `services_incl`, if given: an object of booleans with at least one `true`, else 1009.
fn services(body: &Map<String, Value>) -> Result<Option<Services>, ApiError> {
    let Some(v) = body.get("services_incl").filter(|v| !v.is_null()) else { return Ok(None) };
    if !v.is_object() {
        return Err(ApiError::cpaas_invalid(cpaas_code!(1009), "services_incl"));
    }
    let v = check(&SERVICES, v, "services_incl")?;
    let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    let s = Services { video: flag("video"), sms: flag("sms"), voice: flag("voice") };
    if !(s.video || s.sms || s.voice) {
        return Err(ApiError::cpaas_invalid(cpaas_code!(1009), "services_incl"));
    }
    Ok(Some(s))
}

/// `app_name`, if given: a non-empty string (1002).
fn app_name(body: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match body.get("app_name").filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(v) => Ok(check(&NonEmpty, v, "app_name")?.as_str().map(|s| s.trim().to_string())),
    }
}

async fn add_project(State(app): State<App>, caller: Caller, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let now = clock::format(app.clock.now());
    let project = {
        let data = app.read();
        let customer_id = match (opt_str(&body, "customer_id")?, &caller) {
            (Some(c), _) if data.customers.get(&c).is_some() && caller.sees(&c, &data) => c,
            (Some(_), _) => {
                let why = "customer_id is not a customer in your scope.";
                return Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, "customer_id", why));
            }
            (None, Caller::Admin) => {
                let why = "An administrator must give the customer_id of the project.";
                return Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, "customer_id", why));
            }
            (None, Caller::Reseller(c) | Caller::Customer(c)) => c.clone(),
        };
        let name = app_name(&body)?.ok_or_else(|| {
            ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, "app_name", "app_name is required.")
        })?;
        let category_id =
            category(&body, &data)?.ok_or_else(|| ApiError::cpaas_invalid(cpaas_code!(1008), "category_id"))?;
        let services_incl =
            services(&body)?.ok_or_else(|| ApiError::cpaas_invalid(cpaas_code!(1009), "services_incl"))?;
        Project {
            app_id: new_app_id(&data),
            app_key: random_hex::<20>(),
            customer_id,
            app_name: name,
            category_id,
            short_desc: opt_str(&body, "short_desc")?.unwrap_or_default(),
            description: opt_str(&body, "description")?.unwrap_or_default(),
            services_incl,
            status: "A".into(),
            created_at: now.clone(),
            updated_at: now,
            suspended_at: String::new(),
            video: Value::Null,
            voice: Value::Null,
            sms: Value::Null,
            video_embed: Value::Null,
            embed_room_id: None,
        }
    };
    let answer =
        json!({ "project": { "app_id": project.app_id, "app_key": project.app_key, "app_name": project.app_name } });
    app.mutate(|d| d.cpaas.projects.push(project));
    ok(answer)
}

/// A fresh App ID (24 hex digits, as the vendor's) used by no project.
fn new_app_id(data: &Data) -> String {
    loop {
        let id = random_hex::<12>();
        if data.cpaas.get(&id).is_none() {
            return id;
        }
    }
}

/// Applies `change` to the visible project `app_id` (its `updated_at` set), answering its id and
/// name after the change.
fn update(
    app: &App,
    caller: &Caller,
    app_id: &str,
    change: impl FnOnce(&mut Project, &str),
) -> Result<(String, String), ApiError> {
    let now = clock::format(app.clock.now());
    app.mutate(|d| {
        visible(d, caller, app_id)?;
        let p = d.cpaas.projects.iter_mut().find(|p| p.app_id == app_id).ok_or_else(ApiError::internal)?;
        change(p, &now);
        p.updated_at = now;
        Ok((p.app_id.clone(), p.app_name.clone()))
    })
}

/// The answer of an edit or a service configuration.
fn updated(msg: String, (app_id, app_name): (String, String)) -> Answer {
    let project = short(&app_id, &app_name);
    ok(json!({ "msg": msg, "project": project, "user": project }))
}

async fn edit(State(app): State<App>, caller: Caller, PathId(app_id): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let (name, category_id, services_incl) = {
        let data = app.read();
        visible(&data, &caller, &app_id)?;
        (app_name(&body)?, category(&body, &data)?, services(&body)?)
    };
    let short_desc = opt_str(&body, "short_desc")?;
    let description = opt_str(&body, "description")?;
    let status = match body.get("status").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => check(&OneOf(STATUSES), v, "status")?.as_str().map(String::from),
    };
    let done = update(&app, &caller, &app_id, |p, now| {
        if let Some(v) = name {
            p.app_name = v;
        }
        if let Some(v) = category_id {
            p.category_id = v;
        }
        if let Some(v) = services_incl {
            p.services_incl = v;
        }
        if let Some(v) = short_desc {
            p.short_desc = v;
        }
        if let Some(v) = description {
            p.description = v;
        }
        if let Some(v) = status {
            if v != p.status {
                p.suspended_at = if v == "S" { now.to_string() } else { String::new() };
            }
            p.status = v;
        }
    })?;
    updated(format!("Project {} has been updated", done.1), done)
}

async fn reset_key(State(app): State<App>, caller: Caller, PathId(app_id): PathId) -> Answer {
    let key = random_hex::<20>();
    let new = key.clone();
    let (id, name) = update(&app, &caller, &app_id, move |p, _| p.app_key = new)?;
    ok(json!({
        "msg": format!("API Access Key for Project {name} has been reset"),
        "project": { "app_id": id, "app_key": key, "app_name": name },
    }))
}

/// Which settings a PATCH writes.
#[derive(Clone, Copy)]
enum Service {
    Video,
    Voice,
    Sms,
}

async fn configure(app: App, caller: Caller, app_id: String, body: Bytes, service: Service) -> Answer {
    let body = Value::Object(json_object(&body)?);
    {
        let data = app.read();
        visible(&data, &caller, &app_id)?;
    }
    let (spec, label) = match service {
        Service::Video => (&VIDEO_PATCH, "Video"),
        Service::Voice => (&VOICE, "Voice"),
        Service::Sms => (&SMS, "SMS"),
    };
    let mut clean = check(spec, &body, "")?;
    if let Service::Video = service {
        // The request nests delivery in `recording`; GET answers it as `recording_delivery`.
        let delivery = clean.get_mut("recording").and_then(Value::as_object_mut).and_then(|r| r.remove("delivery"));
        if let Some(delivery) = delivery {
            let mut both = json!({ "recording_delivery": delivery });
            if let Some(top) = clean.as_object_mut().and_then(|o| o.remove("recording_delivery")) {
                merge(&mut both["recording_delivery"], top);
            }
            merge(&mut clean, both);
        }
    }
    let done = update(&app, &caller, &app_id, |p, _| {
        let slot = match service {
            Service::Video => &mut p.video,
            Service::Voice => &mut p.voice,
            Service::Sms => &mut p.sms,
        };
        if !slot.is_object() {
            *slot = json!({});
        }
        merge(slot, clean);
    })?;
    updated(format!("Project {} has been updated with {label} Service Setting", done.1), done)
}

async fn video(State(app): State<App>, caller: Caller, PathId(app_id): PathId, body: Bytes) -> Answer {
    configure(app, caller, app_id, body, Service::Video).await
}

async fn voice(State(app): State<App>, caller: Caller, PathId(app_id): PathId, body: Bytes) -> Answer {
    configure(app, caller, app_id, body, Service::Voice).await
}

async fn sms(State(app): State<App>, caller: Caller, PathId(app_id): PathId, body: Bytes) -> Answer {
    configure(app, caller, app_id, body, Service::Sms).await
}

/// A sub-domain label: 3–63 of `a-z`, `0-9`, `-`, not starting or ending with `-`.
fn subdomain_ok(s: &str) -> bool {
    (3..=63).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

async fn video_embed(State(app): State<App>, caller: Caller, PathId(app_id): PathId, body: Bytes) -> Answer {
    let body = Value::Object(json_object(&body)?);
    {
        let data = app.read();
        visible(&data, &caller, &app_id)?;
    }
    let clean = check(&EMBED, &body, "")?;
    let sub = clean.get("subdomain").and_then(Value::as_str).map(String::from);
    if sub.as_deref().is_some_and(|s| !subdomain_ok(s)) {
        return Err(ApiError::cpaas_invalid(cpaas_code!(1110), "subdomain"));
    }
    let room_id = random_hex::<12>();
    let result = app.mutate(|d| {
        visible(d, &caller, &app_id)?;
        if let Some(s) = &sub {
            let taken = d.cpaas.projects.iter().any(|p| {
                p.app_id != app_id && p.video_embed.get("subdomain").and_then(Value::as_str) == Some(s.as_str())
            });
            if taken {
                return Err(ApiError::cpaas_invalid(cpaas_code!(1111), "subdomain"));
            }
        }
        let p = d.cpaas.projects.iter_mut().find(|p| p.app_id == app_id).ok_or_else(ApiError::internal)?;
        let has_sub = p.video_embed.get("subdomain").and_then(Value::as_str).is_some_and(|s| !s.is_empty());
        if sub.is_none() && !has_sub {
            let why = "A sub-domain is required to configure video embed the first time.";
            let mut e = ApiError::cpaas_invalid(cpaas_code!(1110), "subdomain");
            e.desc = why.into();
            return Err(e);
        }
        if !p.video_embed.is_object() {
            p.video_embed = json!({});
        }
        merge(&mut p.video_embed, clean);
        p.embed_room_id.get_or_insert(room_id);
        p.updated_at = clock::format(app.clock.now());
        Ok((short(&p.app_id, &p.app_name), room(p).unwrap_or_default(), p.app_name.clone()))
    });
    let (project, room, name) = result?;
    ok(
        json!({ "msg": format!("Project {name} has been updated with Video Embed Setting"), "project": project, "room": room }),
    )
}

// ---------------------------------------------------------------------------------------------
// Data.

/// This area's data: `cpaas_categories` and `cpaas_projects` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Project categories ("Refer related data-pool api": no route serves them).
    #[serde(rename = "cpaas_categories", default)]
    pub categories: Vec<Category>,
    /// Every customer's projects.
    #[serde(rename = "cpaas_projects", default)]
    pub projects: Vec<Project>,
}

impl Store {
    /// The project with this App ID.
    pub fn get(&self, app_id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.app_id == app_id)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.category_id == id)
    }
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for p in &mut self.projects {
            stamp(&mut p.created_at, &mut p.updated_at, now);
        }
    }
}

/// A project category.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Category {
    /// Id.
    pub category_id: String,
    /// Name.
    pub category_name: String,
}

/// The services a project includes.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Services {
    /// Video.
    #[serde(default)]
    pub video: bool,
    /// SMS.
    #[serde(default)]
    pub sms: bool,
    /// Voice.
    #[serde(default)]
    pub voice: bool,
}

/// A CPaaS project: its credentials, description and service settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    /// App ID: the Basic user name of the project's API calls.
    pub app_id: String,
    /// App key: their password.
    pub app_key: String,
    /// Owner.
    pub customer_id: String,
    /// Name.
    pub app_name: String,
    /// Category.
    pub category_id: String,
    /// Short description.
    #[serde(default)]
    pub short_desc: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Services included.
    #[serde(default)]
    pub services_incl: Services,
    /// `A` active, `S` suspended.
    #[serde(default = "crate::state::active")]
    pub status: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
    /// When suspended (empty if not).
    #[serde(default)]
    pub suspended_at: String,
    /// Video settings (as stored; answered in the shape of the document's GET).
    #[serde(default)]
    pub video: Value,
    /// Voice settings.
    #[serde(default)]
    pub voice: Value,
    /// SMS settings.
    #[serde(default)]
    pub sms: Value,
    /// Video embed settings.
    #[serde(default)]
    pub video_embed: Value,
    /// The embed room, once video embed is configured.
    #[serde(default)]
    pub embed_room_id: Option<String>,
}
