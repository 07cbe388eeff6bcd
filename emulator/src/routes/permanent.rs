//! Permanent rooms: `GET /meetings/permanent` (own), `GET /meetings/permanent/{user_id}`,
//! `PATCH /meetings/permanent/{room_id}` (edit; with `X-Action: reset-pins` new PINs). The docs'
//! `/meeting/permanent...` spellings too. Token routes with `X-App-Type`.

use super::common::{field, length, opt_bool, opt_int, opt_string};
use crate::area::{header_param, path_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, AppType, PathId};
use crate::reply::{ok, Answer, ApiError};
use crate::routes::meetings::direct_url;
use crate::state::{App, AreaStore, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use axum::routing::{get, patch};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(PermanentRoom, PermanentAnswer, PermanentUpdate)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || path_param("id", "GET: the user id; PATCH: the room id");
    vec![
        Route {
            method: Method::GET,
            paths: &["/meetings/permanent", "/meeting/permanent"],
            handler: get(own),
            doc: Doc::token(
                "getOwnPermanentRoom",
                "Get the caller's permanent room",
                "permanent",
                vec![],
                None,
                schema::of::<PermanentAnswer>(),
            )
            .with_app_type(),
        },
        Route {
            method: Method::GET,
            paths: &["/meetings/permanent/{id}", "/meeting/permanent/{id}"],
            handler: get(of_user),
            doc: Doc::token(
                "getPermanentRoom",
                "Get a user's permanent room (by user id)",
                "permanent",
                vec![id()],
                None,
                schema::of::<PermanentAnswer>(),
            )
            .with_app_type(),
        },
        Route {
            method: Method::PATCH,
            paths: &["/meetings/permanent/{id}", "/meeting/permanent/{id}"],
            handler: patch(update),
            doc: Doc::token(
                "updatePermanentRoom",
                "Edit a permanent room (by room id); with X-Action: reset-pins, reset its PINs",
                "permanent",
                vec![
                    id(),
                    header_param("X-Action", &["reset-pins"], "reset-pins: the body is {reset_mpin, reset_ppin}"),
                ],
                Some(schema::of::<PermanentUpdate>()),
                schema::of::<PermanentAnswer>(),
            )
            .with_app_type()
            .optional_body(),
        },
    ]
}

/// A permanent room as the API answers it.
#[derive(Serialize, ToSchema)]
pub struct PermanentRoom {
    room_id: String,
    user_id: String,
    room_name: String,
    /// The `X-App-Type` of the request.
    app_type: String,
    desc: String,
    mpin: String,
    ppin: String,
    direct_url: String,
    moderators: u32,
    participants: u32,
    /// Minutes per session (a number).
    duration: u32,
    wait_for_moderator: bool,
    knock: bool,
    auto_recording: bool,
}

impl PermanentRoom {
    fn new(r: &Room, app_type: &str) -> Self {
        PermanentRoom {
            room_id: r.room_id.clone(),
            user_id: r.user_id.clone(),
            room_name: r.room_name.clone(),
            app_type: app_type.into(),
            desc: r.desc.clone(),
            mpin: r.mpin.clone(),
            ppin: r.ppin.clone(),
            direct_url: direct_url(&r.room_id),
            moderators: r.moderators,
            participants: r.participants,
            duration: r.duration,
            wait_for_moderator: r.wait_for_moderator,
            knock: r.knock,
            auto_recording: r.auto_recording,
        }
    }
}

/// Answer with a permanent room.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PermanentAnswer {
    result: u32,
    /// After an edit or a reset.
    msg: Option<String>,
    permanent_room: PermanentRoom,
}

/// Body of an edit (every field optional), or with `X-Action: reset-pins` of a reset.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PermanentUpdate {
    #[schema(min_length = 3, max_length = 50)]
    room_name: Option<String>,
    desc: Option<String>,
    #[schema(minimum = 1, maximum = 100)]
    moderators: Option<i64>,
    #[schema(minimum = 0, maximum = 100)]
    participants: Option<i64>,
    wait_for_moderator: Option<bool>,
    knock: Option<bool>,
    auto_recording: Option<bool>,
    /// Reset only: new moderator PIN.
    reset_mpin: Option<bool>,
    /// Reset only: new participant PIN.
    reset_ppin: Option<bool>,
}

fn room_of_user<'a>(data: &'a Data, user_id: &str) -> Result<&'a Room, ApiError> {
    data.permanent.rooms.iter().find(|r| r.user_id == user_id).ok_or_else(ApiError::not_found)
}

async fn own(State(app): State<App>, actor: Actor, AppType(t): AppType) -> Answer {
    let data = app.read();
    let r = room_of_user(&data, &actor.user_id)?;
    ok(json!({ "permanent_room": PermanentRoom::new(r, t) }))
}

async fn of_user(State(app): State<App>, actor: Actor, AppType(t): AppType, PathId(user_id): PathId) -> Answer {
    let data = app.read();
    let owner = data.users.get(&user_id).ok_or_else(ApiError::not_found)?;
    if !actor.can_access(owner, &data) {
        return Err(ApiError::forbidden());
    }
    let r = room_of_user(&data, &user_id)?;
    ok(json!({ "permanent_room": PermanentRoom::new(r, t) }))
}

/// Room size of the room owner's tenant.
fn room_size(data: &Data, user_id: &str) -> i64 {
    let c = data.users.get(user_id).and_then(|u| u.customer_id.as_deref()).and_then(|c| data.customers.get(c));
    i64::from(c.map_or(100, |c| c.room_size))
}

enum Change {
    Edit(Map<String, Value>),
    Reset { mpin: bool, ppin: bool },
}

async fn update(
    State(app): State<App>,
    actor: Actor,
    AppType(t): AppType,
    PathId(room_id): PathId,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let body = json_object(&body)?;
    let reset = match headers.get("x-action").map(|v| v.to_str().unwrap_or("")) {
        None => false,
        Some("reset-pins") => true,
        Some(_) => {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                "X-Action",
                "X-Action takes only reset-pins.",
            ))
        }
    };
    let size = {
        let data = app.read();
        let r = data.permanent.get(&room_id).ok_or_else(ApiError::not_found)?;
        if !actor.can_access_id(&r.user_id, &data) {
            return Err(ApiError::forbidden());
        }
        room_size(&data, &r.user_id)
    };
    let change = if reset {
        let mpin = opt_bool(&body, "reset_mpin", 1901)?.unwrap_or(false);
        let ppin = opt_bool(&body, "reset_ppin", 1902)?.unwrap_or(false);
        if !mpin && !ppin {
            return Err(ApiError::invalid(1903, "reset_mpin"));
        }
        Change::Reset { mpin, ppin }
    } else {
        if let Some(n) = opt_string(&body, "room_name", 1611)? {
            length(&n, "room_name", 3, 50, (1612, 1613))?;
        }
        opt_string(&body, "desc", ucaas_codes::REQUEST_INVALID)?;
        opt_int(&body, "moderators", (1644, 1642, 1643), 1, size)?;
        opt_int(&body, "participants", (1654, 1652, 1653), 0, size)?;
        opt_bool(&body, "auto_recording", 1672)?;
        opt_bool(&body, "wait_for_moderator", 1693)?;
        opt_bool(&body, "knock", 1694)?;
        Change::Edit(body)
    };
    let out = app.mutate(|d| {
        let idx = d.permanent.rooms.iter().position(|r| r.room_id == room_id)?;
        match &change {
            Change::Reset { mpin, ppin } => {
                if *mpin {
                    let p = loop {
                        let p = d.new_pin();
                        if p != d.permanent.rooms[idx].ppin {
                            break p;
                        }
                    };
                    d.permanent.rooms[idx].mpin = p;
                }
                if *ppin {
                    let p = loop {
                        let p = d.new_pin();
                        if p != d.permanent.rooms[idx].mpin {
                            break p;
                        }
                    };
                    d.permanent.rooms[idx].ppin = p;
                }
            }
            Change::Edit(b) => {
                let r = &mut d.permanent.rooms[idx];
                if let Some(Value::String(s)) = field(b, "room_name") {
                    r.room_name = s.clone();
                }
                if let Some(Value::String(s)) = field(b, "desc") {
                    r.desc = s.clone();
                }
                if let Some(n) = field(b, "moderators").and_then(Value::as_f64) {
                    r.moderators = n as u32;
                }
                if let Some(n) = field(b, "participants").and_then(Value::as_f64) {
                    r.participants = n as u32;
                }
                for (name, slot) in [
                    ("wait_for_moderator", &mut r.wait_for_moderator),
                    ("knock", &mut r.knock),
                    ("auto_recording", &mut r.auto_recording),
                ] {
                    if let Some(Value::Bool(v)) = field(b, name) {
                        *slot = *v;
                    }
                }
            }
        }
        Some(PermanentRoom::new(&d.permanent.rooms[idx], t))
    });
    let out = out.ok_or_else(ApiError::not_found)?;
    let msg = if reset { "Access PIN has been updated." } else { "Permanent Room information has been updated" };
    ok(json!({ "msg": msg, "permanent_room": out }))
}

/// This area's data: `rooms` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Permanent rooms, one per user.
    #[serde(default)]
    pub rooms: Vec<Room>,
}

impl Store {
    /// The permanent room with this id.
    pub fn get(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|x| x.room_id == id)
    }
}

impl AreaStore for Store {}

/// A user's permanent room.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Room {
    /// Id.
    pub room_id: String,
    /// Owner.
    pub user_id: String,
    /// Name.
    pub room_name: String,
    /// Moderator PIN.
    pub mpin: String,
    /// Participant PIN.
    pub ppin: String,
    /// Description.
    #[serde(default)]
    pub desc: String,
    /// Number of moderators.
    #[serde(default = "one")]
    pub moderators: u32,
    /// Number of participants.
    #[serde(default = "ten")]
    pub participants: u32,
    /// Minutes per session.
    #[serde(default = "sixty")]
    pub duration: u32,
    /// Participants wait for a moderator.
    #[serde(default)]
    pub wait_for_moderator: bool,
    /// Moderated entry.
    #[serde(default)]
    pub knock: bool,
    /// Record automatically.
    #[serde(default)]
    pub auto_recording: bool,
}

fn one() -> u32 {
    1
}

fn ten() -> u32 {
    10
}

fn sixty() -> u32 {
    60
}
