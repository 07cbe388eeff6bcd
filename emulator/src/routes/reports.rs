//! Reports: `GET /sessions` (past video sessions, searchable) and `GET /cdr` (the connections of
//! a room's, a meeting's or a session's sessions; precedence room_id > meeting_id > session_id).
//! Scoped like meetings: a user its own sessions, a customer its users', a reseller its
//! customers', an administrator all.

use super::common::{list_query, num_key, parse_when, positive, query};
use crate::area::{list_params, query_param, schema, Area, Doc, Route};
use crate::auth::Actor;
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{App, AreaStore, Data};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

const SEARCH_BY: &[&str] = &["room_id", "session_id", "user_id", "meeting_id", "from_session_date", "to_session_date"];
const ORDER_BY: &[&str] = &[
    "session_id",
    "meeting_id",
    "room_id",
    "user_id",
    "trans_date",
    "connect_dt",
    "disconnect_dt",
    "duration",
    "app_type",
];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(SessionOut, SessionList, CdrOut, CdrAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let mut params = list_params(SEARCH_BY, "Sort fields, comma-separated: session_id, meeting_id, room_id, user_id, trans_date, connect_dt, disconnect_dt, duration, app_type (default connect_dt)");
    params.push(query_param(
        "from_session_date",
        schema::string(),
        "Sessions from (YYYY-MM-DD or YYYY-MM-DD HH:ii:ss UTC); combinable with to_session_date",
    ));
    params.push(query_param("to_session_date", schema::string(), "Sessions until (YYYY-MM-DD = through that day)"));
    let cdr_params = vec![
        query_param("page", schema::int(1, None), "Page number, from 1 (default 1)"),
        query_param("page_length", schema::int(1, Some(100)), "Rows per page (default 10)"),
        query_param("room_id", schema::non_empty(), "CDR of a room (wins over meeting_id and session_id)"),
        query_param("meeting_id", schema::non_empty(), "CDR of a meeting (wins over session_id)"),
        query_param("session_id", schema::non_empty(), "CDR of a session"),
    ];
    vec![
        Route {
            method: axum::http::Method::GET,
            paths: &["/sessions"],
            handler: get(sessions),
            doc: Doc::token(
                "listSessions",
                "Past video sessions (reports)",
                "reports",
                params,
                None,
                schema::of::<SessionList>(),
            ),
        },
        Route {
            method: axum::http::Method::GET,
            paths: &["/cdr"],
            handler: get(cdr),
            doc: Doc::token(
                "getCdr",
                "Call detail records of a room, meeting or session (one filter required)",
                "reports",
                cdr_params,
                None,
                schema::of::<CdrAnswer>(),
            ),
        },
    ]
}

/// A session row.
#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    session_id: String,
    meeting_id: String,
    room_id: String,
    user_id: String,
    user_name: String,
    /// Date of the session (its start).
    trans_date: String,
    connect_dt: String,
    disconnect_dt: String,
    /// Minutes.
    duration: u32,
    app_type: String,
    conf_num: u64,
    /// Connections.
    participants: usize,
}

impl SessionOut {
    fn new(s: &SessionRec, data: &Data) -> Self {
        let user_name = data
            .users
            .get(&s.user_id)
            .map(|u| super::common::full_name(&u.first_name, &u.middle_name, &u.last_name))
            .unwrap_or_default();
        SessionOut {
            session_id: s.session_id.clone(),
            meeting_id: s.meeting_id.clone(),
            room_id: s.room_id.clone(),
            user_id: s.user_id.clone(),
            user_name,
            trans_date: s.connect_dt.clone(),
            connect_dt: s.connect_dt.clone(),
            disconnect_dt: s.disconnect_dt.clone(),
            duration: s.duration,
            app_type: s.app_type.clone(),
            conf_num: s.conf_num,
            participants: s.cdr.len(),
        }
    }
}

/// Answer of `/sessions`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SessionList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    sessions: Vec<SessionOut>,
}

/// A CDR row: one connection to a session.
#[derive(Serialize, ToSchema)]
pub struct CdrOut {
    cdr_id: String,
    session_id: String,
    meeting_id: String,
    room_id: String,
    conf_num: u64,
    app_type: String,
    /// The account, when the participant was one (else empty).
    user_id: String,
    name: String,
    /// `moderator` or `participant`.
    role: String,
    connect_dt: String,
    disconnect_dt: String,
    /// Minutes.
    duration: u32,
}

/// Answer of `/cdr` (`session` only with the session_id filter).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CdrAnswer {
    result: u32,
    /// `{page, page_length, filters: {the filter used}, total}`.
    #[schema(value_type = Object)]
    search: Value,
    session: Option<SessionOut>,
    cdr: Vec<CdrOut>,
}

fn when(q: &HashMap<String, String>, name: &str, end: bool) -> Result<Option<i64>, ApiError> {
    match q.get(name) {
        None => Ok(None),
        Some(s) => parse_when(s, end).map(Some).ok_or_else(|| {
            ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                name,
                "Use YYYY-MM-DD or YYYY-MM-DD HH:ii:ss (UTC).",
            )
        }),
    }
}

async fn sessions(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let lq = list_query(&q, SEARCH_BY, ORDER_BY, "connect_dt")?;
    let mut from = when(&q, "from_session_date", false)?;
    let mut to = when(&q, "to_session_date", true)?;
    match lq.search_by.as_deref() {
        Some("from_session_date") => {
            from = Some(
                parse_when(&lq.search_string, false)
                    .ok_or_else(|| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "search_string"))?,
            )
        }
        Some("to_session_date") => {
            to = Some(
                parse_when(&lq.search_string, true)
                    .ok_or_else(|| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "search_string"))?,
            )
        }
        _ => {}
    }
    let data = app.read();
    if lq.search_by.as_deref() == Some("user_id") {
        let u = data.users.get(&lq.search_string).ok_or_else(ApiError::not_found)?;
        if !actor.can_access(u, &data) {
            return Err(ApiError::forbidden());
        }
    }
    let mut hits: Vec<&SessionRec> = data
        .reports
        .sessions
        .iter()
        .filter(|s| actor.can_access_id(&s.user_id, &data))
        .filter(|s| match lq.search_by.as_deref() {
            Some("room_id") => s.room_id == lq.search_string,
            Some("session_id") => s.session_id == lq.search_string,
            Some("user_id") => s.user_id == lq.search_string,
            Some("meeting_id") => s.meeting_id == lq.search_string,
            _ => true,
        })
        .filter(|s| {
            let t = crate::clock::parse(&s.connect_dt).unwrap_or(0);
            from.is_none_or(|f| t >= f) && to.is_none_or(|e| t <= e)
        })
        .collect();
    lq.sort(
        &mut hits,
        |s, f| match f {
            "session_id" => s.session_id.clone(),
            "meeting_id" => s.meeting_id.clone(),
            "room_id" => s.room_id.clone(),
            "user_id" => s.user_id.clone(),
            "disconnect_dt" => s.disconnect_dt.clone(),
            "duration" => num_key(u64::from(s.duration)),
            "app_type" => s.app_type.clone(),
            _ => s.connect_dt.clone(),
        },
        |s| s.session_id.clone(),
    );
    let total = hits.len();
    let rows: Vec<SessionOut> = lq.page(hits).into_iter().map(|s| SessionOut::new(s, &data)).collect();
    let mut search = lq.echo(total);
    search["stage"] = json!("");
    search["from_session_date"] = json!(q.get("from_session_date").cloned().unwrap_or_default());
    search["to_session_date"] = json!(q.get("to_session_date").cloned().unwrap_or_default());
    ok(json!({ "search": search, "sessions": rows }))
}

async fn cdr(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let page = q.get("page").map_or(Some(1), |p| positive(p)).ok_or_else(|| ApiError::invalid(2608, "page"))?;
    let page_length = q
        .get("page_length")
        .map_or(Some(10), |p| positive(p))
        .filter(|n| *n <= 100)
        .ok_or_else(|| ApiError::invalid(2501, "page_length"))?;
    let filter = ["room_id", "meeting_id", "session_id"]
        .into_iter()
        .find_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (k, v.clone())));
    let (key, value) = filter.ok_or_else(|| {
        ApiError::invalid_because(
            ucaas_codes::REQUEST_INVALID,
            "room_id",
            "Give one of room_id, meeting_id or session_id.",
        )
    })?;
    let data = app.read();
    // The owner of what is asked for: 404 when it does not exist, 403 when out of scope.
    let owner = match key {
        "room_id" => data
            .room_owner(&value)
            .map(str::to_string)
            .or_else(|| data.reports.sessions.iter().find(|s| s.room_id == value).map(|s| s.user_id.clone())),
        "meeting_id" => data
            .meetings
            .get(&value)
            .map(|m| m.user_id.clone())
            .or_else(|| data.reports.sessions.iter().find(|s| s.meeting_id == value).map(|s| s.user_id.clone())),
        _ => data.reports.sessions.iter().find(|s| s.session_id == value).map(|s| s.user_id.clone()),
    };
    let owner = owner.ok_or_else(ApiError::not_found)?;
    if !actor.can_access_id(&owner, &data) {
        return Err(ApiError::forbidden());
    }
    let matching: Vec<&SessionRec> = data
        .reports
        .sessions
        .iter()
        .filter(|s| match key {
            "room_id" => s.room_id == value,
            "meeting_id" => s.meeting_id == value,
            _ => s.session_id == value,
        })
        .collect();
    let mut rows = Vec::new();
    for s in &matching {
        for c in &s.cdr {
            rows.push(CdrOut {
                cdr_id: c.cdr_id.clone(),
                session_id: s.session_id.clone(),
                meeting_id: s.meeting_id.clone(),
                room_id: s.room_id.clone(),
                conf_num: s.conf_num,
                app_type: s.app_type.clone(),
                user_id: c.user_id.clone(),
                name: c.name.clone(),
                role: c.role.clone(),
                connect_dt: c.connect_dt.clone(),
                disconnect_dt: c.disconnect_dt.clone(),
                duration: c.duration,
            });
        }
    }
    rows.sort_by(|a, b| a.connect_dt.cmp(&b.connect_dt).then_with(|| a.cdr_id.cmp(&b.cdr_id)));
    let total = rows.len();
    let skip = ((page - 1).saturating_mul(page_length)).min(total as u64) as usize;
    let rows: Vec<CdrOut> = rows.into_iter().skip(skip).take(page_length as usize).collect();
    let mut out = json!({
        "search": { "page": page, "page_length": page_length, "filters": { key: value }, "total": total },
        "cdr": rows,
    });
    if key == "session_id" {
        out["session"] = json!(matching.first().map(|s| SessionOut::new(s, &data)));
    }
    ok(out)
}

/// This area's data: `sessions` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Past video sessions (reports), each with its CDR rows.
    #[serde(default)]
    pub sessions: Vec<SessionRec>,
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for s in &mut self.sessions {
            if let Some(minutes) = s.start_in_minutes.take() {
                let start = now + minutes * 60;
                s.connect_dt = clock::format(start);
                s.disconnect_dt = clock::format(start + i64::from(s.duration) * 60);
                for c in &mut s.cdr {
                    let at = start + c.after_minutes.take().unwrap_or(0) * 60;
                    c.connect_dt = clock::format(at);
                    c.disconnect_dt = clock::format(at + i64::from(c.duration) * 60);
                }
            }
        }
    }
}

/// A past video session, for the reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRec {
    /// Id.
    pub session_id: String,
    /// Meeting (empty for a permanent room).
    #[serde(default)]
    pub meeting_id: String,
    /// Room.
    pub room_id: String,
    /// Host.
    pub user_id: String,
    /// `vc` or `wb`.
    #[serde(default = "crate::state::vc")]
    pub app_type: String,
    /// Conference number within the room.
    #[serde(default)]
    pub conf_num: u64,
    /// Start, `YYYY-MM-DD HH:MM:SS` UTC (filled from `start_in_minutes` in a seed).
    #[serde(default)]
    pub connect_dt: String,
    /// End.
    #[serde(default)]
    pub disconnect_dt: String,
    /// Seed only: start relative to the clock at load.
    #[serde(default, skip_serializing)]
    pub start_in_minutes: Option<i64>,
    /// Minutes.
    pub duration: u32,
    /// One row per participant connection.
    #[serde(default)]
    pub cdr: Vec<CdrRec>,
}

/// One participant connection of a session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CdrRec {
    /// Id.
    pub cdr_id: String,
    /// Display name.
    pub name: String,
    /// `moderator` or `participant`.
    pub role: String,
    /// The account, if it was one.
    #[serde(default)]
    pub user_id: String,
    /// Connected at (filled from `after_minutes` in a seed).
    #[serde(default)]
    pub connect_dt: String,
    /// Disconnected at.
    #[serde(default)]
    pub disconnect_dt: String,
    /// Seed only: minutes after the session start.
    #[serde(default, skip_serializing)]
    pub after_minutes: Option<i64>,
    /// Minutes connected.
    pub duration: u32,
}
