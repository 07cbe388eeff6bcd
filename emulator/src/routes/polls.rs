//! `GET /polls/{room_id}[?conf_num=]`: the polls run in a room (a meeting's room or a permanent
//! room), as a map from poll id to poll. Token route with `X-App-Type`.

use super::common::{positive, query};
use crate::area::{path_param, query_param, schema, Area, Doc, Route};
use crate::auth::{Actor, AppType, PathId};
use crate::reply::{ok, Answer, ApiError};
use crate::state::{App, AreaStore};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(PollOut, PollsAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    vec![Route {
        method: axum::http::Method::GET,
        paths: &["/polls/{room_id}"],
        handler: get(polls),
        doc: Doc::token(
            "getPolls",
            "Polls of a room, optionally of one session (conf_num)",
            "polls",
            vec![
                path_param("room_id", "Room id (a meeting's room_id or a permanent room)"),
                query_param("conf_num", schema::int(1, None), "Conference number of one session"),
            ],
            None,
            schema::of::<PollsAnswer>(),
        )
        .with_app_type(),
    }]
}

/// A poll.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PollOut {
    conf_num: u64,
    /// Epoch milliseconds.
    timestamp: i64,
    /// Seconds it was open, as a string.
    duration: String,
    /// `MCQ1` one answer, `MCQN` several.
    #[schema(rename = "type")]
    kind: String,
    question: String,
    #[schema(value_type = HashMap<String, String>)]
    options: Value,
    /// `P` polled, `D` draft.
    status: String,
    /// Responses per option key.
    #[schema(value_type = HashMap<String, u64>)]
    result: Value,
    /// Responders overall.
    total_result: u64,
    /// Poll id.
    id: u64,
}

/// Answer: `polls` maps each poll id (as a string) to its poll.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PollsAnswer {
    result: u32,
    polls: HashMap<String, PollOut>,
    msg: String,
}

async fn polls(
    State(app): State<App>,
    actor: Actor,
    _: AppType,
    PathId(room_id): PathId,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let conf = match q.get("conf_num") {
        None => None,
        Some(c) => Some(positive(c).ok_or_else(|| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "conf_num"))?),
    };
    let data = app.read();
    let owner = data.room_owner(&room_id).ok_or_else(ApiError::not_found)?;
    if !actor.can_access_id(owner, &data) {
        return Err(ApiError::forbidden());
    }
    let mut map = Map::new();
    for p in data.polls.polls.iter().filter(|p| p.room_id == room_id && conf.is_none_or(|c| p.conf_num == c)) {
        map.insert(
            p.id.to_string(),
            json!({
                "conf_num": p.conf_num, "timestamp": p.timestamp, "duration": p.duration, "type": p.kind,
                "question": p.question, "options": p.options, "status": p.status, "result": p.result,
                "total_result": p.total_result, "id": p.id,
            }),
        );
    }
    let msg = if map.is_empty() { "No polls found." } else { "Polled data." };
    ok(json!({ "polls": Value::Object(map), "msg": msg }))
}

/// This area's data: `polls` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Polls run in rooms.
    #[serde(default)]
    pub polls: Vec<Poll>,
}

impl AreaStore for Store {}

/// A poll run in a room.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Poll {
    /// Room.
    pub room_id: String,
    /// Poll id (the key of the answer's map).
    pub id: u64,
    /// Conference number of the session it ran in.
    pub conf_num: u64,
    /// When, epoch milliseconds.
    #[serde(default)]
    pub timestamp: i64,
    /// How long it was open, e.g. `"60"` (seconds, a string as documented).
    #[serde(default)]
    pub duration: String,
    /// `MCQ1` one answer, `MCQN` several.
    #[serde(rename = "type")]
    pub kind: String,
    /// Question.
    pub question: String,
    /// Options by key (`opt1`…).
    pub options: BTreeMap<String, String>,
    /// `P` polled, `D` draft.
    #[serde(default)]
    pub status: String,
    /// Responses per option key.
    #[serde(default)]
    pub result: BTreeMap<String, u64>,
    /// Responders overall.
    #[serde(default)]
    pub total_result: u64,
}
