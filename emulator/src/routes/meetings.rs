//! Scheduled meetings: `/meetings` list and create, `/meetings/{id}` get, edit and cancel (the
//! docs' `/meeting/...` spellings too). Every route needs a login (or Basic auth) and
//! `X-App-Type`; callers see only the meetings of the users in their scope.

use super::common::{field, opt_bool, opt_int};
use crate::area::{schema, Access, Area, Doc, In, Param, Route};
use crate::auth::{json_object, Actor, AppType, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::is_email;
use crate::routes::datapool::Timezone;
use crate::state::{random_hex, App, AreaStore, Data};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Method;
use axum::routing::{delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

/// Longest meeting, in minutes.
const MAX_DURATION: i64 = 1440;
/// Largest page.
const MAX_PAGE_LENGTH: u64 = 100;
/// Fields `order_by` takes.
const ORDER_BY: &[&str] = &["start_time", "room_name", "duration", "created_at", "meeting_id", "user_id"];
/// Fields `search_by` takes.
const SEARCH_BY: &[&str] = &["mpin", "ppin", "user_id"];
/// Stages `stage` takes.
const STAGES: &[&str] = &["upcoming", "current", "past"];

const LIST_PATHS: &[&str] = &["/meetings", "/meeting"];
const ONE_PATHS: &[&str] = &["/meetings/{id}", "/meeting/{id}"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    Invitees,
    MeetingOut,
    MeetingAnswer,
    CancelEvent,
    CancelAnswer,
    Search,
    MeetingList,
    InviteesIn,
    MeetingCreate,
    MeetingUpdate
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    vec![
        Route { method: Method::GET, paths: LIST_PATHS, handler: get(list), doc: list_doc() },
        Route {
            method: Method::POST,
            paths: LIST_PATHS,
            handler: post(create),
            doc: doc(
                "createMeeting",
                "Schedule a meeting",
                vec![],
                Some((schema::of::<MeetingCreate>(), true)),
                schema::of::<MeetingAnswer>(),
            ),
        },
        Route {
            method: Method::GET,
            paths: ONE_PATHS,
            handler: get(read_one),
            doc: doc("getMeeting", "Get a meeting", vec![id_param()], None, schema::of::<MeetingAnswer>()),
        },
        Route {
            method: Method::PATCH,
            paths: ONE_PATHS,
            handler: patch(update),
            doc: doc(
                "updateMeeting",
                "Edit a meeting",
                vec![id_param()],
                Some((schema::of::<MeetingUpdate>(), false)),
                schema::of::<MeetingAnswer>(),
            ),
        },
        Route {
            method: Method::DELETE,
            paths: ONE_PATHS,
            handler: delete(cancel),
            doc: doc("cancelMeeting", "Cancel a meeting", vec![id_param()], None, schema::of::<CancelAnswer>()),
        },
    ]
}

fn doc(
    id: &'static str,
    summary: &'static str,
    params: Vec<Param>,
    body: Option<(utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>, bool)>,
    ok: utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
) -> Doc {
    Doc {
        id,
        summary,
        tag: "meetings",
        access: Access::Token,
        app_type: true,
        params,
        body,
        ok,
        errors: &[400, 401, 403, 404, 406],
        form: None,
        ok_media: None,
        ok_status: 200,
        error_schema: None,
    }
}

fn id_param() -> Param {
    Param { name: "id", location: In::Path, required: true, schema: schema::string(), description: "Meeting id" }
}

fn list_doc() -> Doc {
    let q = |name, schema, description| Param { name, location: In::Query, required: false, schema, description };
    let params = vec![
        q("page", schema::int(1, None), "Page number, from 1 (default 1)"),
        q("page_length", schema::int(1, Some(MAX_PAGE_LENGTH as i64)), "Meetings per page (default 10)"),
        q("search_by", schema::one_of(SEARCH_BY), "Field to search; needs search_string"),
        q("search_string", schema::non_empty(), "Value searched (exact match); needs search_by"),
        q("stage", schema::one_of(STAGES), "Only meetings in this stage on the emulator clock"),
        q("order_by", schema::one_of(ORDER_BY), "Sort field (default start_time)"),
        q("order_qualify", schema::one_of(&["asc", "desc"]), "Sort direction (default asc)"),
    ];
    doc("listMeetings", "List meetings (paged, searchable, by stage)", params, None, schema::of::<MeetingList>())
}

/// The link to join a room directly.
pub fn direct_url(room_id: &str) -> String {
    format!("https://meet.example.test/join/{room_id}")
}

/// A meeting as the API answers it.
#[derive(Serialize, ToSchema)]
pub struct MeetingOut {
    /// Id.
    meeting_id: String,
    /// Video room id.
    room_id: String,
    /// Host.
    user_id: String,
    /// Title.
    room_name: String,
    /// `vc` or `wb`.
    app_type: String,
    /// Description.
    desc: String,
    /// Start, `YYYY-MM-DD HH:ii:ss` UTC.
    start_time: String,
    /// Time zone of the meeting.
    #[schema(nullable)]
    timezone: Option<Timezone>,
    /// Moderator PIN.
    mpin: String,
    /// Participant PIN.
    ppin: String,
    /// Link to join.
    direct_url: String,
    /// Moderators.
    moderators: u32,
    /// Participants.
    participants: u32,
    /// Minutes.
    duration: u32,
    /// Participants wait for a moderator.
    wait_for_moderator: bool,
    /// Moderated entry.
    knock: bool,
    /// Automatic recording.
    auto_recording: bool,
    /// Invitees.
    invitees: Invitees,
    /// `upcoming`, `current` or `past` on the emulator clock.
    stage: String,
}

impl MeetingOut {
    fn new(m: &Meeting, data: &Data, now: i64) -> Self {
        MeetingOut {
            meeting_id: m.meeting_id.clone(),
            room_id: m.room_id.clone(),
            user_id: m.user_id.clone(),
            room_name: m.room_name.clone(),
            app_type: m.app_type.clone(),
            desc: m.desc.clone(),
            start_time: m.start_time.clone(),
            timezone: data.datapool.timezone(&m.timezone_id).cloned(),
            mpin: m.mpin.clone(),
            ppin: m.ppin.clone(),
            direct_url: direct_url(&m.room_id),
            moderators: m.moderators,
            participants: m.participants,
            duration: m.duration,
            wait_for_moderator: m.wait_for_moderator,
            knock: m.knock,
            auto_recording: m.auto_recording,
            invitees: m.invitees.clone(),
            stage: m.stage(now).into(),
        }
    }
}

/// Answer with one meeting.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MeetingAnswer {
    /// Always 1.
    result: u32,
    /// What was done (create, edit).
    msg: Option<String>,
    /// The meeting.
    meeting: MeetingOut,
}

/// The `event` of a cancel.
#[derive(Serialize, ToSchema)]
pub struct CancelEvent {
    /// Id.
    meeting_id: String,
    /// Room id.
    room_id: String,
    /// Host.
    user_id: String,
    /// Title.
    room_name: String,
}

/// Answer of a cancel.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CancelAnswer {
    /// Always 1.
    result: u32,
    /// `Meeting has been cancelled`.
    msg: String,
    /// The cancelled meeting.
    event: CancelEvent,
}

/// The search echoed by the list.
#[derive(Serialize, ToSchema)]
pub struct Search {
    /// Page.
    page: u64,
    /// Page length.
    page_length: u64,
    /// Searched field (empty: none).
    search_by: String,
    /// Searched value.
    search_string: String,
    /// Stage filter (empty: none).
    stage: String,
    /// Sort field.
    order_by: String,
    /// Sort direction.
    order_qualify: String,
    /// Meetings matching, over all pages.
    total: usize,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MeetingList {
    /// Always 1.
    result: u32,
    /// The search.
    search: Search,
    /// This page.
    meetings: Vec<MeetingOut>,
}

/// Invitees in a request (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct InviteesIn {
    /// Contact ids.
    contact_ids: Option<Vec<String>>,
    /// Group ids.
    group_ids: Option<Vec<String>>,
    /// Email addresses.
    #[schema(inline)]
    emails: Option<Vec<crate::routes::sessions::EmailText>>,
}

/// Body of a create (documentation only; `"start_time "` with a trailing space is accepted too).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MeetingCreate {
    /// Schedule for this user (in the caller's scope); default the caller.
    user_id: Option<String>,
    /// Title.
    #[schema(min_length = 3, max_length = 50)]
    room_name: String,
    /// Description.
    desc: Option<String>,
    /// Start, `YYYY-MM-DD HH:ii:ss` UTC, in the future.
    #[schema(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")]
    start_time: String,
    /// Time zone id (default the host's).
    timezone_id: Option<String>,
    /// Minutes.
    #[schema(minimum = 10, maximum = 1440)]
    duration: i64,
    /// Moderators (at most the room size, 100 in the default seed).
    #[schema(minimum = 1, maximum = 100)]
    moderators: i64,
    /// Participants (at most the room size).
    #[schema(minimum = 0, maximum = 100)]
    participants: i64,
    /// Participants wait for a moderator.
    wait_for_moderator: Option<bool>,
    /// Moderated entry.
    knock: Option<bool>,
    /// Automatic recording.
    auto_recording: Option<bool>,
    /// Mail the invitees (to the outbox).
    send_mail: Option<bool>,
    /// Invitees.
    #[schema(inline)]
    invitees: Option<InviteesIn>,
}

/// Body of an edit: every field optional (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct MeetingUpdate {
    /// Title.
    #[schema(min_length = 3, max_length = 50)]
    room_name: Option<String>,
    /// Description.
    desc: Option<String>,
    /// Start, in the future.
    #[schema(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")]
    start_time: Option<String>,
    /// Time zone id.
    timezone_id: Option<String>,
    /// Minutes.
    #[schema(minimum = 10, maximum = 1440)]
    duration: Option<i64>,
    /// Moderators.
    #[schema(minimum = 1, maximum = 100)]
    moderators: Option<i64>,
    /// Participants.
    #[schema(minimum = 0, maximum = 100)]
    participants: Option<i64>,
    /// Participants wait for a moderator.
    wait_for_moderator: Option<bool>,
    /// Moderated entry.
    knock: Option<bool>,
    /// Automatic recording.
    auto_recording: Option<bool>,
    /// Mail the invitees.
    send_mail: Option<bool>,
    /// Invitees (replace the stored ones).
    #[schema(inline)]
    invitees: Option<InviteesIn>,
}

/// Validated fields of a create or edit; `None` = not given.
#[derive(Default)]
struct Changes {
    room_name: Option<String>,
    desc: Option<String>,
    start_time: Option<String>,
    timezone_id: Option<String>,
    duration: Option<u32>,
    moderators: Option<u32>,
    participants: Option<u32>,
    wait_for_moderator: Option<bool>,
    knock: Option<bool>,
    auto_recording: Option<bool>,
    send_mail: bool,
    invitees: Option<Invitees>,
}

fn string_list(v: Option<&Value>, code: u32, name: &str, emails: bool) -> Result<Vec<String>, ApiError> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(Vec::new()) };
    let list = v.as_array().ok_or_else(|| ApiError::invalid(code, name))?;
    list.iter()
        .map(|item| match item.as_str() {
            Some(s) if emails && !is_email(s) => Err(ApiError::invalid(1722, name)),
            Some(s) => Ok(s.to_string()),
            None => Err(ApiError::invalid(code, name)),
        })
        .collect()
}

fn invitees_field(body: &Map<String, Value>) -> Result<Option<Invitees>, ApiError> {
    let Some(v) = field(body, "invitees") else { return Ok(None) };
    let obj = v.as_object().ok_or_else(|| ApiError::invalid(1695, "invitees"))?;
    Ok(Some(Invitees {
        contact_ids: string_list(obj.get("contact_ids"), 1697, "invitees.contact_ids", false)?,
        group_ids: string_list(obj.get("group_ids"), 1698, "invitees.group_ids", false)?,
        emails: string_list(obj.get("emails"), 1696, "invitees.emails", true)?,
    }))
}

fn start_field(body: &Map<String, Value>, creating: bool, now: i64) -> Result<Option<String>, ApiError> {
    // The docs' examples spell the key with a trailing space; accept both.
    let Some(v) = field(body, "start_time").or_else(|| field(body, "start_time ")) else {
        return if creating { Err(ApiError::invalid(1603, "start_time")) } else { Ok(None) };
    };
    let ts = v.as_str().and_then(clock::parse).ok_or_else(|| ApiError::invalid(1602, "start_time"))?;
    if ts <= now {
        return Err(ApiError::invalid(1601, "start_time"));
    }
    Ok(Some(clock::format(ts)))
}

fn string_field(body: &Map<String, Value>, name: &str, code: u32) -> Result<Option<String>, ApiError> {
    match field(body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid(code, name)),
    }
}

/// Checks a create (`creating`) or edit body, in the order of the documented codes.
fn validate(
    body: &Map<String, Value>,
    creating: bool,
    now: i64,
    data: &Data,
    room_size: u32,
) -> Result<Changes, ApiError> {
    let room_name = string_field(body, "room_name", 1611)?;
    match &room_name {
        None if creating => return Err(ApiError::invalid(1611, "room_name")),
        Some(n) if n.chars().count() < 3 => return Err(ApiError::invalid(1612, "room_name")),
        Some(n) if n.chars().count() > 50 => return Err(ApiError::invalid(1613, "room_name")),
        _ => {}
    }
    let desc = string_field(body, "desc", ucaas_codes::REQUEST_INVALID)?;
    let start_time = start_field(body, creating, now)?;
    let timezone_id = string_field(body, "timezone_id", 1683)?;
    if timezone_id.as_deref().is_some_and(|t| data.datapool.timezone(t).is_none()) {
        return Err(ApiError::invalid(1684, "timezone_id"));
    }
    let size = i64::from(room_size);
    let duration = opt_int(body, "duration", (1634, 1632, 1633), 10, MAX_DURATION)?;
    let moderators = opt_int(body, "moderators", (1644, 1642, 1643), 1, size)?;
    let participants = opt_int(body, "participants", (1654, 1652, 1653), 0, size)?;
    if creating {
        duration.ok_or_else(|| ApiError::invalid(1631, "duration"))?;
        moderators.ok_or_else(|| ApiError::invalid(1641, "moderators"))?;
        participants.ok_or_else(|| ApiError::invalid(1651, "participants"))?;
    }
    Ok(Changes {
        room_name,
        desc,
        start_time,
        timezone_id,
        duration,
        moderators,
        participants,
        auto_recording: opt_bool(body, "auto_recording", 1672)?,
        send_mail: opt_bool(body, "send_mail", 1692)?.unwrap_or(false),
        wait_for_moderator: opt_bool(body, "wait_for_moderator", 1693)?,
        knock: opt_bool(body, "knock", 1694)?,
        invitees: invitees_field(body)?,
    })
}

impl Changes {
    fn apply(self, m: &mut Meeting) {
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { m.$f = v; } )* };
        }
        set!(
            room_name,
            desc,
            start_time,
            timezone_id,
            duration,
            moderators,
            participants,
            wait_for_moderator,
            knock,
            auto_recording,
            invitees
        );
    }
}

/// The room size of the tenant of `user_id` (administrators: the default).
fn room_size(data: &Data, user_id: &str) -> u32 {
    let customer = data.users.get(user_id).and_then(|u| u.customer_id.as_deref()).and_then(|c| data.customers.get(c));
    customer.map_or(100, |c| c.room_size)
}

/// 1615/1616 without a subscription for the app, 1617/1618 without the user's licence.
fn check_licence(data: &Data, user_id: &str, app: &str) -> Result<(), ApiError> {
    let Some(user) = data.users.get(user_id) else { return Err(ApiError::not_found()) };
    let (sub_code, lic_code) = if app == "wb" { (1616, 1618) } else { (1615, 1617) };
    if let Some(c) = user.customer_id.as_deref().and_then(|c| data.customers.get(c)) {
        let subscribed = if app == "wb" { c.subscriptions.wb } else { c.subscriptions.vc };
        if !subscribed {
            return Err(ApiError::invalid(sub_code, "app_type"));
        }
    }
    let licensed = if app == "wb" { user.apps.wb.access } else { user.apps.vc.access };
    if licensed {
        Ok(())
    } else {
        Err(ApiError::invalid(lic_code, "app_type"))
    }
}

/// Mails each invitee email of `m` (to the outbox).
fn mail_invitees(d: &mut Data, m: &Meeting, now: i64) {
    for to in m.invitees.emails.clone() {
        let body = format!(
            "You are invited to \"{}\" at {} UTC.\nJoin at {} with the PIN {}.",
            m.room_name,
            m.start_time,
            direct_url(&m.room_id),
            m.ppin
        );
        let data = json!({ "meeting_id": m.meeting_id, "ppin": m.ppin, "start_time": m.start_time, "direct_url": direct_url(&m.room_id) });
        d.send_mail("meeting_invite", &to, format!("Invitation: {}", m.room_name), body, data, now);
    }
}

async fn create(State(app): State<App>, actor: Actor, AppType(app_type): AppType, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let now = app.clock.now();
    let meeting = {
        let data = app.read();
        let owner = match field(&body, "user_id") {
            Some(Value::String(id)) => id.clone(),
            Some(_) => return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "user_id")),
            None => actor.user_id.clone(),
        };
        let changes = validate(&body, true, now, &data, room_size(&data, &owner))?;
        let owner_user = data.users.get(&owner).ok_or_else(ApiError::not_found)?;
        if !actor.can_access(owner_user, &data) {
            return Err(ApiError::forbidden());
        }
        check_licence(&data, &owner, app_type)?;
        let mpin = data.new_pin();
        let ppin = loop {
            let p = data.new_pin();
            if p != mpin {
                break p;
            }
        };
        let send_mail = changes.send_mail;
        let mut m = Meeting {
            meeting_id: random_hex::<12>(),
            room_id: random_hex::<12>(),
            user_id: owner.clone(),
            app_type: app_type.into(),
            room_name: String::new(),
            desc: String::new(),
            start_time: String::new(),
            start_in_minutes: None,
            duration: 0,
            timezone_id: owner_user.timezone_id.clone(),
            moderators: 0,
            participants: 0,
            mpin,
            ppin,
            wait_for_moderator: false,
            knock: false,
            auto_recording: false,
            invitees: Invitees::default(),
            created_at: clock::format(now),
        };
        changes.apply(&mut m);
        (m, send_mail)
    };
    let (m, send_mail) = meeting;
    let out = app.mutate(|d| {
        // Another request may have taken a PIN meanwhile; PINs must stay unique.
        let mut m = m;
        while d.pin_taken(&m.mpin) {
            m.mpin = d.new_pin();
        }
        while d.pin_taken(&m.ppin) || m.ppin == m.mpin {
            m.ppin = d.new_pin();
        }
        if send_mail {
            mail_invitees(d, &m, now);
        }
        d.meetings.meetings.push(m.clone());
        MeetingOut::new(&m, d, now)
    });
    ok(json!({ "msg": "Meeting has been scheduled", "meeting": out }))
}

/// The meeting `id` if the actor may reach it: 404 when unknown, 403 when another tenant's.
pub fn find<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a Meeting, ApiError> {
    let m = data.meetings.get(id).ok_or_else(ApiError::not_found)?;
    if actor.can_access_id(&m.user_id, data) {
        Ok(m)
    } else {
        Err(ApiError::forbidden())
    }
}

async fn read_one(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId) -> Answer {
    let data = app.read();
    let m = find(&data, &actor, &id)?;
    ok(json!({ "meeting": MeetingOut::new(m, &data, app.clock.now()) }))
}

async fn update(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let now = app.clock.now();
    let changes = {
        let data = app.read();
        let m = find(&data, &actor, &id)?;
        validate(&body, false, now, &data, room_size(&data, &m.user_id))?
    };
    let send_mail = changes.send_mail;
    let out = app.mutate(|d| {
        let idx = d.meetings.meetings.iter().position(|m| m.meeting_id == id)?;
        changes.apply(&mut d.meetings.meetings[idx]);
        let m = d.meetings.meetings[idx].clone();
        if send_mail {
            mail_invitees(d, &m, now);
        }
        Some(MeetingOut::new(&m, d, now))
    });
    // The meeting can vanish between the check and the change (a concurrent cancel).
    let out = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "msg": "Meeting has been updated", "meeting": out }))
}

async fn cancel(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId) -> Answer {
    find(&app.read(), &actor, &id)?;
    let removed = app.mutate(|d| {
        let idx = d.meetings.meetings.iter().position(|m| m.meeting_id == id)?;
        d.branding.branding.meetings.remove(&id);
        Some(d.meetings.meetings.remove(idx))
    });
    let m = removed.ok_or_else(ApiError::not_found)?;
    let event =
        CancelEvent { meeting_id: m.meeting_id, room_id: m.room_id, user_id: m.user_id, room_name: m.room_name };
    ok(json!({ "msg": "Meeting has been cancelled", "event": event }))
}

/// The list's query, validated.
struct ListQuery {
    page: u64,
    page_length: u64,
    search_by: Option<String>,
    search_string: String,
    stage: Option<String>,
    order_by: String,
    order_qualify: String,
}

/// A positive integer made of ASCII digits only.
fn positive(s: &str) -> Option<u64> {
    s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten().filter(|n| *n >= 1)
}

fn enum_param(
    q: &HashMap<String, String>,
    name: &str,
    allowed: &[&str],
    code: u32,
) -> Result<Option<String>, ApiError> {
    match q.get(name) {
        None => Ok(None),
        Some(v) if allowed.contains(&v.as_str()) => Ok(Some(v.clone())),
        Some(_) => Err(ApiError::invalid(code, name)),
    }
}

fn list_query(q: &HashMap<String, String>) -> Result<ListQuery, ApiError> {
    let page = q.get("page").map_or(Some(1), |p| positive(p)).ok_or_else(|| ApiError::invalid(2608, "page"))?;
    let page_length = q.get("page_length").map_or(Some(10), |p| positive(p)).filter(|n| *n <= MAX_PAGE_LENGTH);
    let page_length = page_length.ok_or_else(|| ApiError::invalid(2501, "page_length"))?;
    let search_by = enum_param(q, "search_by", SEARCH_BY, 2605)?;
    let search_string = q.get("search_string").cloned();
    match (&search_by, &search_string) {
        (Some(_), None) => return Err(ApiError::invalid(2606, "search_string")),
        (Some(_), Some(s)) if s.is_empty() => return Err(ApiError::invalid(2606, "search_string")),
        (None, Some(_)) => return Err(ApiError::invalid(2605, "search_by")),
        _ => {}
    }
    Ok(ListQuery {
        page,
        page_length,
        search_by,
        search_string: search_string.unwrap_or_default(),
        stage: enum_param(q, "stage", STAGES, ucaas_codes::REQUEST_INVALID)?,
        order_by: enum_param(q, "order_by", ORDER_BY, 2603)?.unwrap_or_else(|| "start_time".into()),
        order_qualify: enum_param(q, "order_qualify", &["asc", "desc"], 2604)?.unwrap_or_else(|| "asc".into()),
    })
}

fn sort_key<'a>(m: &'a Meeting, order_by: &str) -> (std::borrow::Cow<'a, str>, u32) {
    match order_by {
        "room_name" => (m.room_name.to_lowercase().into(), 0),
        "duration" => ("".into(), m.duration),
        "created_at" => (m.created_at.as_str().into(), 0),
        "meeting_id" => (m.meeting_id.as_str().into(), 0),
        "user_id" => (m.user_id.as_str().into(), 0),
        _ => (m.start_time.as_str().into(), 0),
    }
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    AppType(app_type): AppType,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let Query(q) = query.map_err(|_| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "query"))?;
    let lq = list_query(&q)?;
    let now = app.clock.now();
    let data = app.read();
    let mut hits: Vec<&Meeting> = data
        .meetings
        .meetings
        .iter()
        .filter(|m| m.app_type == app_type && actor.can_access_id(&m.user_id, &data))
        .filter(|m| match lq.search_by.as_deref() {
            Some("mpin") => m.mpin == lq.search_string,
            Some("ppin") => m.ppin == lq.search_string,
            Some(_) => m.user_id == lq.search_string,
            None => true,
        })
        .filter(|m| lq.stage.as_deref().is_none_or(|s| m.stage(now) == s))
        .collect();
    hits.sort_by(|a, b| {
        sort_key(a, &lq.order_by).cmp(&sort_key(b, &lq.order_by)).then_with(|| a.meeting_id.cmp(&b.meeting_id))
    });
    if lq.order_qualify == "desc" {
        hits.reverse();
    }
    let total = hits.len();
    let skip = ((lq.page - 1).saturating_mul(lq.page_length)).min(total as u64) as usize;
    let page: Vec<MeetingOut> =
        hits.iter().skip(skip).take(lq.page_length as usize).map(|m| MeetingOut::new(m, &data, now)).collect();
    let search = Search {
        page: lq.page,
        page_length: lq.page_length,
        search_by: lq.search_by.unwrap_or_default(),
        search_string: lq.search_string,
        stage: lq.stage.unwrap_or_default(),
        order_by: lq.order_by,
        order_qualify: lq.order_qualify,
        total,
    };
    ok(json!({ "search": search, "meetings": page }))
}

/// This area's data: `meetings` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Scheduled meetings.
    pub meetings: Vec<Meeting>,
}

impl Store {
    /// The meeting with this id.
    pub fn get(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|x| x.meeting_id == id)
    }
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for m in &mut self.meetings {
            if let Some(minutes) = m.start_in_minutes.take() {
                m.start_time = clock::format(now + minutes * 60);
            }
            if m.created_at.is_empty() {
                m.created_at = clock::format(now);
            }
        }
    }
}

/// Invitees of a meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Invitees {
    /// Contact ids.
    #[serde(default)]
    pub contact_ids: Vec<String>,
    /// Group ids.
    #[serde(default)]
    pub group_ids: Vec<String>,
    /// Email addresses.
    #[serde(default)]
    pub emails: Vec<String>,
}

/// A scheduled meeting, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meeting {
    /// Id.
    pub meeting_id: String,
    /// Video room id.
    pub room_id: String,
    /// Owner (host).
    pub user_id: String,
    /// `vc` or `wb`.
    #[serde(default = "crate::state::vc")]
    pub app_type: String,
    /// Title.
    pub room_name: String,
    /// Description.
    #[serde(default)]
    pub desc: String,
    /// Start, `YYYY-MM-DD HH:MM:SS` UTC (filled from `start_in_minutes` in a seed).
    #[serde(default)]
    pub start_time: String,
    /// Seed only: start relative to the emulator clock when the seed is loaded.
    #[serde(default, skip_serializing)]
    pub start_in_minutes: Option<i64>,
    /// Minutes.
    pub duration: u32,
    /// Time zone id.
    #[serde(default = "crate::state::utc")]
    pub timezone_id: String,
    /// Number of moderators.
    pub moderators: u32,
    /// Number of participants.
    pub participants: u32,
    /// Moderator PIN.
    pub mpin: String,
    /// Participant PIN.
    pub ppin: String,
    /// Participants wait for a moderator.
    #[serde(default)]
    pub wait_for_moderator: bool,
    /// Moderated entry.
    #[serde(default)]
    pub knock: bool,
    /// Record automatically.
    #[serde(default)]
    pub auto_recording: bool,
    /// Invitees.
    #[serde(default)]
    pub invitees: Invitees,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
}

impl Meeting {
    /// Start in epoch seconds (0 if the stored text is malformed).
    pub fn start(&self) -> i64 {
        clock::parse(&self.start_time).unwrap_or(0)
    }

    /// `upcoming`, `current` or `past` at `now`.
    pub fn stage(&self, now: i64) -> &'static str {
        let start = self.start();
        if now < start {
            "upcoming"
        } else if now < start + i64::from(self.duration) * 60 {
            "current"
        } else {
            "past"
        }
    }
}
