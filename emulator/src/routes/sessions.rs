//! Video session access: `POST /sessions/join` (a PIN for a join token and a role) and
//! `POST /sessions/invite` (mails the participant PIN to invitees; they land in the outbox).
//! The docs also spell them `/session/...`; both are served.

use crate::area::{schema, Access, Area, Doc, Route};
use crate::auth::{json_object, ApiClient};
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::is_email;
use crate::routes::meetings::direct_url;
use crate::state::{random_hex, App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use serde::Serialize;
use serde_json::{json, Map, Value};
use utoipa::{OpenApi, ToSchema};

/// Most invitees one invite takes.
const MAX_INVITEES: usize = 100;

/// This area: its routes and the schemas they document.
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(JoinBody, InviteBody, EmailText, Joiner, JoinAnswer, InviteAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    vec![
        Route {
            method: axum::http::Method::POST,
            paths: &["/sessions/join", "/session/join"],
            handler: post(join),
            doc: Doc {
                id: "joinSession",
                summary: "Join a meeting with its moderator or participant PIN",
                tag: "sessions",
                access: Access::ApiId,
                app_type: false,
                params: vec![],
                body: Some((schema::of::<JoinBody>(), true)),
                ok: schema::of::<JoinAnswer>(),
                errors: &[400, 401, 404, 406],
                form: None,
                ok_media: None,
                ok_status: 200,
                error_schema: None,
            },
        },
        Route {
            method: axum::http::Method::POST,
            paths: &["/sessions/invite", "/session/invite"],
            handler: post(invite),
            doc: Doc {
                id: "inviteToSession",
                summary: "Mail the participant PIN of a session to invitees (lands in the outbox)",
                tag: "sessions",
                access: Access::ApiId,
                app_type: false,
                params: vec![],
                body: Some((schema::of::<InviteBody>(), true)),
                ok: schema::of::<InviteAnswer>(),
                errors: &[400, 401, 404, 406],
                form: None,
                ok_media: None,
                ok_status: 200,
                error_schema: None,
            },
        },
    ]
}

/// Body of `POST /sessions/join` (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct JoinBody {
    /// Moderator or participant PIN.
    #[schema(min_length = 6, max_length = 10, example = "444444")]
    pin: String,
    /// The joiner's name.
    name: Option<String>,
    /// The joiner's reference.
    user_ref: Option<String>,
}

/// Body of `POST /sessions/invite` (documentation only). One of `pin`, `meeting_id`, `room_id`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct InviteBody {
    /// Participant PIN of the session.
    #[schema(min_length = 6, max_length = 10)]
    pin: Option<String>,
    /// Meeting id of the session.
    meeting_id: Option<String>,
    /// Room id of the session.
    room_id: Option<String>,
    /// Email addresses.
    #[schema(min_items = 1, max_items = 100, inline)]
    invitees: Vec<EmailText>,
}

/// An email address.
#[derive(ToSchema)]
#[schema(pattern = "^[^@]+@[^@]+$")]
#[allow(dead_code)]
pub struct EmailText(String);

/// The joiner, as `/sessions/join` answers it.
#[derive(Serialize, ToSchema)]
pub struct Joiner {
    /// Meeting id (empty for a permanent room).
    meeting_id: String,
    /// Customer the usage is accounted to.
    customer_id: String,
    /// Video room id.
    room_id: String,
    /// `moderator` or `participant`.
    role: String,
    /// The host's id.
    user_id: String,
    /// First name.
    first_name: String,
    /// Middle name.
    middle_name: String,
    /// Last name.
    last_name: String,
    /// Email (the host's, for a moderator).
    email: String,
    /// Picture URL.
    profile_pic: String,
}

/// Answer of `POST /sessions/join`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct JoinAnswer {
    /// Always 1.
    result: u32,
    /// The token to join the video session with.
    token: String,
    /// The joiner.
    user: Joiner,
}

/// Answer of `POST /sessions/invite`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct InviteAnswer {
    /// Always 1.
    result: u32,
    /// `Invitation email has been sent.`
    desc: String,
}

/// What a PIN, meeting id or room id opens.
struct Target {
    meeting_id: String,
    room_id: String,
    host_id: String,
    ppin: String,
    title: String,
    moderator: bool,
    over: bool,
}

/// The PIN in `body`: 2101 when missing, 2107 when not a 6–10 character string.
fn pin_field(body: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match body.get("pin") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(p)) if (6..=10).contains(&p.chars().count()) => Ok(Some(p.clone())),
        Some(_) => Err(ApiError::invalid(2107, "pin")),
    }
}

/// An optional string field; anything else is 1002.
fn opt_string(body: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, field)),
    }
}

fn by_pin(data: &Data, pin: &str, now: i64) -> Option<Target> {
    if let Some(m) = data.meetings.meetings.iter().find(|m| m.mpin == pin || m.ppin == pin) {
        return Some(Target {
            meeting_id: m.meeting_id.clone(),
            room_id: m.room_id.clone(),
            host_id: m.user_id.clone(),
            ppin: m.ppin.clone(),
            title: m.room_name.clone(),
            moderator: m.mpin == pin,
            over: m.stage(now) == "past",
        });
    }
    let r = data.permanent.rooms.iter().find(|r| r.mpin == pin || r.ppin == pin)?;
    Some(room_target(r, r.mpin == pin))
}

fn room_target(r: &crate::routes::permanent::Room, moderator: bool) -> Target {
    Target {
        meeting_id: String::new(),
        room_id: r.room_id.clone(),
        host_id: r.user_id.clone(),
        ppin: r.ppin.clone(),
        title: r.room_name.clone(),
        moderator,
        over: false,
    }
}

fn by_id(data: &Data, meeting_id: Option<&str>, room_id: Option<&str>, now: i64) -> Option<Target> {
    if let Some(id) = meeting_id {
        let m = data.meetings.get(id)?;
        return by_pin(data, &m.ppin, now);
    }
    let id = room_id?;
    if let Some(m) = data.meetings.meetings.iter().find(|m| m.room_id == id) {
        return by_pin(data, &m.ppin, now);
    }
    data.permanent.rooms.iter().find(|r| r.room_id == id).map(|r| room_target(r, false))
}

async fn join(State(app): State<App>, _client: ApiClient, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let pin = pin_field(&body)?.ok_or_else(|| ApiError::invalid(2101, "pin"))?;
    let name = opt_string(&body, "name")?;
    opt_string(&body, "user_ref")?;
    let data = app.read();
    let target = by_pin(&data, &pin, app.clock.now()).ok_or_else(ApiError::not_found)?;
    if target.over {
        return Err(ApiError::room_inactive());
    }
    let host = data.users.get(&target.host_id).ok_or_else(ApiError::not_found)?;
    let (first, last) = match name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n.split_once(' ').map_or((n.to_string(), String::new()), |(f, l)| (f.into(), l.trim().into())),
        None if target.moderator => (host.first_name.clone(), host.last_name.clone()),
        None => ("Guest".into(), String::new()),
    };
    let joiner = Joiner {
        meeting_id: target.meeting_id,
        customer_id: host.customer_id.clone().unwrap_or_default(),
        room_id: target.room_id,
        role: if target.moderator { "moderator" } else { "participant" }.into(),
        user_id: host.user_id.clone(),
        first_name: first,
        middle_name: if target.moderator && name.is_none() { host.middle_name.clone() } else { String::new() },
        last_name: last,
        email: if target.moderator { host.email.clone() } else { String::new() },
        profile_pic: if target.moderator { host.profile_pic.clone() } else { String::new() },
    };
    ok(json!({ "token": random_hex::<24>(), "user": joiner }))
}

/// The invitees: 2207 missing, 2208 not an array (or not strings), 2209 empty, 1722 not emails.
fn invitees_field(body: &Map<String, Value>) -> Result<Vec<String>, ApiError> {
    let list = match body.get("invitees") {
        None | Some(Value::Null) => return Err(ApiError::invalid(2207, "invitees")),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(ApiError::invalid(2208, "invitees")),
    };
    if list.is_empty() {
        return Err(ApiError::invalid(2209, "invitees"));
    }
    if list.len() > MAX_INVITEES {
        return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "invitees"));
    }
    list.iter()
        .map(|v| match v {
            Value::String(s) if is_email(s) => Ok(s.clone()),
            Value::String(_) => Err(ApiError::invalid(1722, "invitees")),
            _ => Err(ApiError::invalid(2208, "invitees")),
        })
        .collect()
}

async fn invite(State(app): State<App>, _client: ApiClient, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let pin = pin_field(&body)?;
    let meeting_id = opt_string(&body, "meeting_id")?;
    let room_id = opt_string(&body, "room_id")?;
    let invitees = invitees_field(&body)?;
    if pin.is_none() && meeting_id.is_none() && room_id.is_none() {
        return Err(ApiError::invalid(2101, "pin"));
    }
    let now = app.clock.now();
    let target = {
        let data = app.read();
        match &pin {
            Some(pin) => by_pin(&data, pin, now),
            None => by_id(&data, meeting_id.as_deref(), room_id.as_deref(), now),
        }
    };
    let target = target.ok_or_else(ApiError::not_found)?;
    if target.over {
        return Err(ApiError::room_inactive());
    }
    let url = direct_url(&target.room_id);
    app.mutate(|d| {
        for to in &invitees {
            let body = format!("You are invited to \"{}\".\nJoin at {url} with the PIN {}.", target.title, target.ppin);
            let data = json!({ "meeting_id": target.meeting_id, "room_id": target.room_id, "ppin": target.ppin, "direct_url": url });
            d.send_mail("session_invite", to, format!("Join \"{}\" now", target.title), body, data, now);
        }
    });
    ok(json!({ "desc": "Invitation email has been sent." }))
}
