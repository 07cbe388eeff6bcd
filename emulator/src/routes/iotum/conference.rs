//! Conferences: create (scheduled, possibly recurring), create/reservationless, update, fetch,
//! fetch_all (paged), cancel, end, fetch_participant_details, fetch_livestream_viewer_count,
//! stop_streaming, dial_number, message/create, delete_recordings, delete_transcriptions.
//!
//! A conference keeps its `start` as the wall time sent, in its `time_zone`, and the instant
//! that is (`starts_at`); `active` is the emulator clock within `[start, end]` (and not ended).

use super::schema::{self as s, Prop};
use super::{doc, post_route, run, schedule, times, Allowed, Ctx, Error, Fields, Host, Outcome, Reply, Store, AUTHED};
use crate::area::Route;
use crate::state::{random_bytes, App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// Conferences a page of fetch_all and host/conferences.
pub const PAGE: usize = 10;
/// Longest conference, in minutes (a week).
const MAX_DURATION: u64 = 7 * 24 * 60;
/// How far ahead fetch_all looks (the document: 18 months).
const HORIZON: i64 = 548 * 24 * 3600;
const RECORD: &[&str] = &["none", "audio", "video"];
const MUTE: &[&str] = &["conversation", "q&a", "presentation"];
/// The document's text for participants that are not an array of the host's contact ids.
const NOT_CONTACTS: &str = "Participants must be an array of contacts";
const UNKNOWN_CONTACT: &str = "Participants has one or more contact that does not exist in the host's contact list.";

/// A participant's call record (host/cdrs; counted by host/conferences).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cdr {
    /// Id.
    pub id: u64,
    /// Participant id.
    pub participant_id: u64,
    /// Name.
    pub participant_name: String,
    /// Email.
    pub participant_email: String,
    /// Calling number.
    pub from: String,
    /// Number called.
    pub to: String,
    /// Minutes in the call.
    pub minutes: u64,
}

/// A conference.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conference {
    /// Id.
    pub id: u64,
    /// Organizer.
    pub host_id: u64,
    /// Subject.
    pub subject: String,
    /// Agenda.
    #[serde(default)]
    pub agenda: Option<String>,
    /// Wall time of the start in `time_zone` (filled from `start_in_minutes` in a seed).
    #[serde(default)]
    pub start: String,
    /// IANA zone of `start`.
    pub time_zone: String,
    /// The start, Unix seconds.
    #[serde(default)]
    pub starts_at: i64,
    /// Seed only: start relative to the clock at load, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_in_minutes: Option<i64>,
    /// Minutes.
    pub duration: u64,
    /// none, audio or video.
    #[serde(default = "none")]
    pub auto_record: String,
    /// none, audio or video.
    #[serde(default = "none")]
    pub auto_stream: String,
    /// Whether recordings are transcribed.
    #[serde(default)]
    pub auto_transcribe: bool,
    /// Whether `access_code` is a one-time code (else the host's dedicated one).
    #[serde(default)]
    pub one_time: bool,
    /// The access code of the room URL.
    pub access_code: String,
    /// Security PIN (with a one-time code only).
    #[serde(default)]
    pub security_pin: Option<String>,
    /// conversation, q&a or presentation.
    #[serde(default = "conversation")]
    pub mute_mode: String,
    /// Contact ids invited.
    #[serde(default)]
    pub participants: Vec<u64>,
    /// Contact ids of moderators besides the host.
    #[serde(default)]
    pub moderators: Vec<u64>,
    /// RRULE of a recurring conference's master.
    #[serde(default)]
    pub schedule: Option<String>,
    /// Master of the series (itself for the master).
    #[serde(default)]
    pub master_id: Option<u64>,
    /// Token that makes a participant a moderator.
    pub moderator_token: String,
    /// Cancelled (then gone from every answer).
    #[serde(default)]
    pub cancelled: bool,
    /// When conference/end ended it.
    #[serde(default)]
    pub ended_at: Option<i64>,
    /// Whether it is streaming.
    #[serde(default)]
    pub is_streaming: bool,
    /// Livestream viewers now.
    #[serde(default)]
    pub livestream_viewers: u64,
    /// MP4 streamed at the start.
    #[serde(default)]
    pub broadcast_stream_url: Option<String>,
    /// Recordings (as answered by fetch).
    #[serde(default)]
    pub recordings: Vec<Value>,
    /// Whether its recordings have transcriptions.
    #[serde(default)]
    pub transcriptions: bool,
    /// Call records.
    #[serde(default)]
    pub cdrs: Vec<Cdr>,
    /// System messages sent (message/create), the last 100.
    #[serde(default)]
    pub messages: Vec<String>,
}

fn none() -> String {
    "none".into()
}
fn conversation() -> String {
    "conversation".into()
}

impl Conference {
    /// Resolves a seed's relative start.
    pub fn instantiate(&mut self, now: i64) {
        let tz = times::zone(&self.time_zone).unwrap_or(chrono_tz::UTC);
        if let Some(m) = self.start_in_minutes.take() {
            self.starts_at = now + m * 60;
            self.start = times::format_in(self.starts_at, tz);
        } else if self.starts_at == 0 {
            self.starts_at = times::parse_local(&self.start, tz).unwrap_or(now);
        }
    }

    /// The scheduled end.
    pub fn scheduled_end(&self) -> i64 {
        self.starts_at + self.duration as i64 * 60
    }

    /// The end: conference/end's time, else the scheduled one.
    pub fn ends_at(&self) -> i64 {
        self.ended_at.unwrap_or_else(|| self.scheduled_end())
    }

    /// Whether it is on at `now`.
    pub fn active(&self, now: i64) -> bool {
        !self.cancelled && self.ended_at.is_none() && self.starts_at <= now && now <= self.scheduled_end()
    }

    /// Whether it is over at `now`.
    pub fn past(&self, now: i64) -> bool {
        !self.cancelled && self.ends_at() < now
    }

    fn zone(&self) -> chrono_tz::Tz {
        times::zone(&self.time_zone).unwrap_or(chrono_tz::UTC)
    }

    /// The answer of create, update, fetch and fetch_all.
    pub fn json(&self, store: &Store, now: i64) -> Value {
        let origin = store.host(self.host_id).map(|h| store.company_origin(h.company_id)).unwrap_or_default();
        let mut participants = vec![self.host_id];
        participants.extend(self.participants.iter().filter(|p| **p != self.host_id));
        let mut moderators = vec![self.host_id];
        moderators.extend(self.moderators.iter().filter(|p| **p != self.host_id));
        let mut v = json!({
            "conference_id": self.id,
            "subject": self.subject,
            "agenda": self.agenda,
            "start": self.start,
            "end_time": times::format_in(self.scheduled_end(), self.zone()),
            "active": self.active(now),
            "time_zone": self.time_zone,
            "duration": self.duration,
            "auto_record": self.auto_record,
            "auto_stream": self.auto_stream,
            "auto_transcribe": self.auto_transcribe,
            "one_time_access_code": self.access_code.parse::<u64>().unwrap_or(0),
            "security_pin": self.security_pin,
            "mute_mode": self.mute_mode,
            "room_url": format!("{origin}/conf/call/{}", self.access_code),
            "recordings": self.recordings,
            "participants": participants,
            "moderators": moderators,
            "is_streaming": self.is_streaming,
            "moderator_token": self.moderator_token,
        });
        if let Some(url) = &self.broadcast_stream_url {
            v["broadcast_stream_url"] = json!({ "source": url, "state": null });
        }
        if let Some(rule) = &self.schedule {
            v["is_master"] = json!(self.master_id == Some(self.id));
            v["master_id"] = json!(self.master_id);
            v["schedule"] = json!(rule);
        }
        v
    }
}

/// A random moderator token: 12 characters of the URL-safe alphabet.
fn moderator_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    random_bytes::<12>().iter().map(|b| ALPHABET[usize::from(*b) % 64] as char).collect()
}

/// The properties create and update take.
fn settable() -> Vec<Prop> {
    let duration = RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1.0))
            .maximum(Some(MAX_DURATION as f64))
            .examples([json!(60)])
            .build(),
    ));
    vec![
        ("subject", s::text()),
        ("agenda", s::string()),
        ("start", s::pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")),
        ("time_zone", s::text()),
        ("duration", duration),
        ("auto_record", s::one_of(RECORD)),
        ("auto_stream", s::one_of(RECORD)),
        ("auto_transcribe", s::boolean()),
        ("one_time_access_code", s::boolean()),
        ("secure_url", s::boolean()),
        ("host_initiated_recording", s::boolean()),
        ("security_pin", s::pattern("^[0-9]{1,12}$")),
        ("mute_mode", s::one_of(MUTE)),
        ("participants", s::ids()),
        ("participant_emails", s::array(s::any_object())),
        ("schedule", s::text()),
        ("broadcast_stream_url", s::string()),
    ]
}

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let conf = || s::authed(vec![("conference_id", s::id(183))], &["conference_id"]);
    let conf_with = |extra: Vec<Prop>, required: &[&str]| {
        let mut p = vec![("conference_id", s::id(185))];
        p.extend(extra);
        let mut all = vec!["conference_id"];
        all.extend_from_slice(required);
        s::authed(p, &all)
    };
    let ok = s::ok_message;
    let mut create = settable();
    create.insert(0, ("host_id", s::id(9)));
    let mut update = settable();
    update.insert(0, ("conference_id", s::id(183)));
    let answer = s::any_object;
    let list = || s::any();
    let plain = |path, handler, id, summary| post_route(path, handler, doc(id, summary, conf(), ok(), 200, AUTHED));
    vec![
        post_route(
            &["/conference/create"],
            post(create_conference),
            doc(
                "iotumConferenceCreate",
                "Schedule a conference (recurring with schedule)",
                s::authed(create, &["host_id", "subject", "start", "time_zone", "duration"]),
                answer(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/create/reservationless"],
            post(reservationless),
            doc(
                "iotumConferenceCreateReservationless",
                "Start a reservationless conference now",
                s::authed(
                    vec![("host_id", s::id(9)), ("one_time_access_code", s::boolean()), ("secure_url", s::boolean())],
                    &["host_id"],
                ),
                answer(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/update"],
            post(update_conference),
            doc(
                "iotumConferenceUpdate",
                "Change a scheduled conference; omitted properties stay",
                s::authed(update, &["conference_id"]),
                answer(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/fetch"],
            post(fetch),
            doc(
                "iotumConferenceFetch",
                "A conference",
                conf_with(vec![("output", s::one_of(&["summary", "detail"]))], &[]),
                answer(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/fetch_all"],
            post(fetch_all),
            doc(
                "iotumConferenceFetchAll",
                "A host's upcoming and current conferences: an array if they fit one page of 10 and no page was \
                 sent, else {conferences, next_page}",
                s::authed(
                    vec![("host_id", s::id(9)), ("page", s::text()), ("output", s::one_of(&["summary", "detail"]))],
                    &["host_id"],
                ),
                list(),
                200,
                AUTHED,
            ),
        ),
        plain(&["/conference/cancel"], post(cancel), "iotumConferenceCancel", "Cancel a conference"),
        plain(&["/conference/end"], post(end), "iotumConferenceEnd", "End an active conference"),
        post_route(
            &["/conference/fetch_participant_details"],
            post(participant_details),
            doc(
                "iotumConferenceFetchParticipantDetails",
                "The contacts of a conference's participants and moderators",
                conf(),
                s::object(
                    vec![("participants", s::array(s::any_object())), ("moderators", s::array(s::any_object()))],
                    &["participants", "moderators"],
                ),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/fetch_livestream_viewer_count"],
            post(viewer_count),
            doc(
                "iotumConferenceFetchLivestreamViewerCount",
                "Livestream viewers now (count is a string)",
                conf(),
                s::object(vec![("count", s::pattern("^[0-9]+$"))], &["count"]),
                200,
                AUTHED,
            ),
        ),
        plain(
            &["/conference/stop_streaming"],
            post(stop_streaming),
            "iotumConferenceStopStreaming",
            "Stop livestreaming",
        ),
        post_route(
            &["/conference/dial_number"],
            post(dial_number),
            doc(
                "iotumConferenceDialNumber",
                "Dial a phone number into an active conference",
                conf_with(
                    vec![
                        ("country_code", s::pattern("^[A-Z]{2}$")),
                        ("phone_number", s::pattern("^\\+?[0-9]{7,15}$")),
                        ("name", s::string()),
                        ("invitation_text", s::string()),
                    ],
                    &["country_code", "phone_number"],
                ),
                s::object(vec![("dialout_status", s::one_of(&["new"]))], &["dialout_status"]),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/conference/message/create"],
            post(message),
            doc(
                "iotumConferenceMessageCreate",
                "Send a system message to an active conference",
                conf_with(vec![("message", s::text())], &["message"]),
                ok(),
                200,
                AUTHED,
            ),
        ),
        plain(
            &["/conference/delete_recordings"],
            post(delete_recordings),
            "iotumConferenceDeleteRecordings",
            "Delete a conference's recordings (and so its transcriptions)",
        ),
        plain(
            &["/conference/delete_transcriptions"],
            post(delete_transcriptions),
            "iotumConferenceDeleteTranscriptions",
            "Delete a conference's transcriptions",
        ),
    ]
}

/// The conference `conference_id` (not cancelled; its host in scope), as an index.
fn index(ctx: &Ctx, data: &Data) -> Result<usize, Error> {
    let id = ctx.fields.id("conference_id")?;
    let i = data
        .iotum
        .conferences
        .iter()
        .position(|c| c.id == id && !c.cancelled)
        .ok_or_else(|| Error::not_found("Conference"))?;
    ctx.host(data, data.iotum.conferences[i].host_id).map_err(|e| {
        if e.status == axum::http::StatusCode::NOT_FOUND {
            Error::not_found("Conference")
        } else {
            e
        }
    })?;
    Ok(i)
}

/// Whether the host is assigned a live subscription to product `slug`.
fn has_feature(store: &Store, host: &Host, slug: &str) -> bool {
    store.subscriptions.iter().any(|s| host.subscription_ids.contains(&s.id) && s.slug == slug && s.status == "Active")
}

/// The contact ids a host may invite: its own contacts and its company's.
fn host_contacts(store: &Store, host: &Host) -> Vec<u64> {
    store
        .contacts
        .iter()
        .filter(|c| c.host_id == Some(host.id) || (c.host_id.is_none() && c.company_id == Some(host.company_id)))
        .map(|c| c.id)
        .collect()
}

/// Checks the fields of create or update and applies them to `c` (`creating`: the required
/// ones must be there); may add contacts (participant_emails not yet in the host's list).
fn apply(f: &Fields, store: &mut Store, host: &Host, c: &mut Conference, creating: bool) -> Result<(), Error> {
    if creating {
        for key in ["subject", "start", "time_zone"] {
            f.str(key)?;
        }
        f.opt_count("duration")?.ok_or_else(|| Error::required("duration"))?;
    }
    if let Some(subject) = f.opt_str("subject")? {
        if subject.is_empty() {
            return Err(Error::required("subject"));
        }
        c.subject = subject;
    }
    if f.has("agenda") {
        c.agenda = f.opt_str("agenda")?;
    }
    if let Some(d) = f.opt_count("duration")? {
        if d > MAX_DURATION {
            return Err(Error::invalid(format!("duration must be 1 to {MAX_DURATION} minutes")));
        }
        c.duration = d;
    }
    let zone_name = f.opt_str("time_zone")?.unwrap_or_else(|| c.time_zone.clone());
    let start = f.opt_str("start")?.unwrap_or_else(|| c.start.clone());
    let tz = times::zone(&zone_name)?;
    c.starts_at = times::parse_local(&start, tz)?;
    c.start = start;
    c.time_zone = zone_name;
    if let Some(v) = f.opt_enum("auto_record", RECORD)? {
        c.auto_record = v;
    }
    if let Some(v) = f.opt_enum("auto_stream", RECORD)? {
        c.auto_stream = v;
    }
    if c.auto_record != "none" && c.auto_stream != "none" && c.auto_record != c.auto_stream {
        return Err(Error::invalid("auto_record and auto_stream must be the same when recording and streaming"));
    }
    if let Some(v) = f.opt_bool("auto_transcribe")? {
        c.auto_transcribe = v;
    }
    f.opt_bool("secure_url")?;
    f.opt_bool("host_initiated_recording")?;
    let recording = has_feature(store, host, "recording");
    if c.auto_record != "none" && !recording {
        return Err(Error::invalid(if c.auto_record == "video" {
            "Video recording feature not enabled"
        } else {
            "Recording feature not enabled"
        }));
    }
    if c.auto_transcribe && !recording {
        return Err(Error::invalid("Transcription feature not enabled"));
    }
    if let Some(v) = f.opt_enum("mute_mode", MUTE)? {
        c.mute_mode = v;
    }
    match f.opt_bool("one_time_access_code")? {
        Some(true) if !c.one_time => {
            c.one_time = true;
            c.access_code = store.new_code(9);
        }
        Some(false) => {
            c.one_time = false;
            c.access_code = host.access_code.clone();
        }
        _ => {}
    }
    if f.has("security_pin") {
        c.security_pin = f.opt_str("security_pin")?;
    }
    if let Some(pin) = &c.security_pin {
        if !c.one_time {
            return Err(Error::invalid("Must enable one_time_access_code to use security_pin"));
        }
        if pin.is_empty() || pin.len() > 12 || !pin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid("security_pin must be 1 to 12 digits"));
        }
    }
    // The document's update example spells it "Participants".
    let key = if f.has("participants") || !f.has("Participants") { "participants" } else { "Participants" };
    if let Some(v) = f.get(key) {
        let ids: Vec<u64> = v
            .as_array()
            .ok_or_else(|| Error::invalid(NOT_CONTACTS))?
            .iter()
            .map(|p| p.as_u64().ok_or_else(|| Error::invalid(NOT_CONTACTS)))
            .collect::<Result<_, _>>()?;
        let known = host_contacts(store, host);
        if ids.iter().any(|id| *id != host.id && !known.contains(id)) {
            return Err(Error::invalid(UNKNOWN_CONTACT));
        }
        c.participants = ids;
        c.moderators.retain(|m| c.participants.contains(m));
    }
    if let Some(v) = f.get("participant_emails") {
        let items = v.as_array().ok_or_else(|| Error::invalid("participant_emails must be an array"))?;
        let mut wanted = Vec::new();
        for item in items {
            let email = item
                .get("email")
                .and_then(Value::as_str)
                .filter(|e| e.split_once('@').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()))
                .ok_or_else(|| Error::invalid("participant_emails[].email must be an email"))?;
            let moderator = match item.get("moderator") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(Error::invalid("participant_emails[].moderator must be a boolean")),
            };
            wanted.push((email.to_ascii_lowercase(), moderator));
        }
        for (email, moderator) in wanted {
            let known = host_contacts(store, host);
            let existing =
                store.contacts.iter().find(|k| known.contains(&k.id) && k.email.eq_ignore_ascii_case(&email));
            let id = match existing {
                Some(k) => k.id,
                None => {
                    let id = store.new_id();
                    let name = email.split('@').next().unwrap_or_default().to_string();
                    store.contacts.push(super::contact::Contact {
                        id,
                        host_id: Some(host.id),
                        company_id: Some(host.company_id),
                        name,
                        email: email.clone(),
                        business_phone: None,
                        mobile_phone: None,
                        home_phone: None,
                        other_phone: None,
                        time_zone: None,
                        has_host: false,
                    });
                    id
                }
            };
            if !c.participants.contains(&id) {
                c.participants.push(id);
            }
            if moderator && !c.moderators.contains(&id) {
                c.moderators.push(id);
            }
        }
    }
    if let Some(rule) = f.opt_str("schedule")? {
        if !creating && c.master_id.is_some_and(|m| m != c.id) {
            return Err(Error::invalid("Can only include schedule details in the master conference"));
        }
        c.schedule = Some(schedule::check(&rule)?);
        c.master_id = Some(c.id);
    }
    if f.has("broadcast_stream_url") {
        c.broadcast_stream_url = f.opt_str("broadcast_stream_url")?;
    }
    Ok(())
}

fn blank(id: u64, host: &Host) -> Conference {
    Conference {
        id,
        host_id: host.id,
        subject: String::new(),
        agenda: None,
        start: String::new(),
        time_zone: "UTC".into(),
        starts_at: 0,
        start_in_minutes: None,
        duration: 60,
        auto_record: none(),
        auto_stream: none(),
        auto_transcribe: false,
        one_time: false,
        access_code: host.access_code.clone(),
        security_pin: None,
        mute_mode: conversation(),
        participants: vec![],
        moderators: vec![],
        schedule: None,
        master_id: None,
        moderator_token: moderator_token(),
        cancelled: false,
        ended_at: None,
        is_streaming: false,
        livestream_viewers: 0,
        broadcast_stream_url: None,
        recordings: vec![],
        transcriptions: false,
        cdrs: vec![],
        messages: vec![],
    }
}

async fn create_conference(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| -> Outcome {
        ctx.app.mutate(|data| {
            let host = ctx.named_host(data)?.clone();
            let mut scratch = data.iotum.clone();
            let id = scratch.new_id();
            let mut c = blank(id, &host);
            apply(&ctx.fields, &mut scratch, &host, &mut c, true)?;
            // Only a valid request changes anything (participant_emails may add contacts).
            data.iotum = scratch;
            let answer = c.json(&data.iotum, ctx.now);
            data.iotum.conferences.push(c);
            Ok(Reply::ok(answer))
        })
    })
}

async fn reservationless(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let one_time = ctx.fields.opt_bool("one_time_access_code")?.unwrap_or(false);
        ctx.fields.opt_bool("secure_url")?;
        ctx.app.mutate(|data| {
            let host = ctx.named_host(data)?.clone();
            let id = data.iotum.new_id();
            let mut c = blank(id, &host);
            let tz = times::zone(&host.time_zone).unwrap_or(chrono_tz::UTC);
            c.subject = format!("{}'s Meeting", host.name);
            c.time_zone = tz.name().to_string();
            c.starts_at = ctx.now;
            c.start = times::format_in(ctx.now, tz);
            if one_time {
                c.one_time = true;
                c.access_code = data.iotum.new_code(9);
            }
            let answer = c.json(&data.iotum, ctx.now);
            data.iotum.conferences.push(c);
            Ok(Reply::ok(answer))
        })
    })
}

async fn update_conference(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let i = index(ctx, data)?;
            let mut c = data.iotum.conferences[i].clone();
            let host = data.iotum.host(c.host_id).cloned().ok_or_else(|| Error::not_found("Host"))?;
            let mut scratch = data.iotum.clone();
            apply(&ctx.fields, &mut scratch, &host, &mut c, false)?;
            data.iotum = scratch;
            let answer = c.json(&data.iotum, ctx.now);
            data.iotum.conferences[i] = c;
            Ok(Reply::ok(answer))
        })
    })
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.fields.opt_enum("output", &["summary", "detail"])?;
        let data = ctx.app.read();
        let i = index(ctx, &data)?;
        Ok(Reply::ok(data.iotum.conferences[i].json(&data.iotum, ctx.now)))
    })
}

/// One page of `items`: the bare array when they fit one page and no `page` was sent, else
/// `{key: [≤10], next_page: cursor | null}`. The cursor is opaque to clients (`pg-<offset>`).
pub fn paged(f: &Fields, items: Vec<Value>, key: &str) -> Result<Value, Error> {
    let page = f.opt_str("page")?;
    if page.is_none() && items.len() <= PAGE {
        return Ok(Value::Array(items));
    }
    let offset = match page {
        None => 0,
        Some(p) => p
            .strip_prefix("pg-")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| n % PAGE == 0)
            .ok_or_else(|| Error::invalid("Invalid page"))?,
    };
    let next = if offset + PAGE < items.len() { json!(format!("pg-{}", offset + PAGE)) } else { Value::Null };
    let page: Vec<Value> = items.into_iter().skip(offset).take(PAGE).collect();
    Ok(json!({ key: page, "next_page": next }))
}

async fn fetch_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.fields.opt_enum("output", &["summary", "detail"])?;
        let data = ctx.app.read();
        let host = ctx.named_host(&data)?.id;
        let mut list: Vec<&Conference> = data
            .iotum
            .conferences
            .iter()
            .filter(|c| c.host_id == host && !c.cancelled && c.ends_at() >= ctx.now && c.starts_at <= ctx.now + HORIZON)
            .collect();
        list.sort_by_key(|c| (c.starts_at, c.id));
        let items = list.iter().map(|c| c.json(&data.iotum, ctx.now)).collect();
        Ok(Reply::ok(paged(&ctx.fields, items, "conferences")?))
    })
}

/// Changes conference `conference_id` with `change` (which may refuse), answering `{"message":"OK"}`.
fn change(ctx: &Ctx, change: impl FnOnce(&mut Conference, i64) -> Result<(), Error>) -> Outcome {
    ctx.app.mutate(|data| {
        let i = index(ctx, data)?;
        change(&mut data.iotum.conferences[i], ctx.now)?;
        Ok(Reply::ok_message())
    })
}

fn not_active() -> Error {
    Error::invalid("The conference is not active")
}

async fn cancel(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        change(ctx, |c, _| {
            c.cancelled = true;
            Ok(())
        })
    })
}

async fn end(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        change(ctx, |c, now| {
            if !c.active(now) {
                return Err(not_active());
            }
            c.ended_at = Some(now);
            c.is_streaming = false;
            c.livestream_viewers = 0;
            Ok(())
        })
    })
}

async fn participant_details(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let c = &data.iotum.conferences[index(ctx, &data)?];
        let contact = |id: &u64| data.iotum.contacts.iter().find(|k| k.id == *id).map(|k| k.json());
        let host = data.iotum.host(c.host_id).map(|h| {
            json!({
                "contact_id": h.id, "name": h.name, "email": h.email, "business_phone": null,
                "mobile_phone": null, "home_phone": null, "other_phone": null, "time_zone": h.time_zone,
                "has_host": true,
            })
        });
        let participants: Vec<Value> =
            c.participants.iter().filter(|p| !c.moderators.contains(p)).filter_map(contact).collect();
        let moderators: Vec<Value> = host.into_iter().chain(c.moderators.iter().filter_map(contact)).collect();
        Ok(Reply::ok(json!({ "participants": participants, "moderators": moderators })))
    })
}

async fn viewer_count(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let c = &data.iotum.conferences[index(ctx, &data)?];
        Ok(Reply::ok(json!({ "count": c.livestream_viewers.to_string() })))
    })
}

async fn stop_streaming(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        change(ctx, |c, _| {
            c.is_streaming = false;
            c.livestream_viewers = 0;
            Ok(())
        })
    })
}

async fn dial_number(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let f = &ctx.fields;
        let country = f.str("country_code")?;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid("country_code must be an ISO 3166 code"));
        }
        let phone = f.str("phone_number")?;
        let digits = phone.strip_prefix('+').unwrap_or(&phone);
        if !(7..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid("phone_number must be E.164"));
        }
        f.opt_str("name")?;
        f.opt_str("invitation_text")?;
        let data = ctx.app.read();
        let c = &data.iotum.conferences[index(ctx, &data)?];
        if !c.active(ctx.now) {
            return Err(not_active());
        }
        Ok(Reply::ok(json!({ "dialout_status": "new" })))
    })
}

async fn message(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let text = ctx.fields.str("message")?;
        change(ctx, |c, now| {
            if !c.active(now) {
                return Err(not_active());
            }
            c.messages.push(text);
            if c.messages.len() > 100 {
                c.messages.remove(0);
            }
            Ok(())
        })
    })
}

async fn delete_recordings(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        change(ctx, |c, _| {
            c.recordings.clear();
            c.transcriptions = false;
            Ok(())
        })
    })
}

async fn delete_transcriptions(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        change(ctx, |c, _| {
            c.transcriptions = false;
            Ok(())
        })
    })
}
