//! A host's history: host/conferences (past conferences, paged like conference/fetch_all),
//! host/cdrs (participants' call records, the first 100) and host/active_calls. Times are
//! answered in the request's `time_zone` (default UTC); `start_date`/`end_date` (YYYY-MM-DD, in
//! that zone, inclusive) filter by the conference's start.

use super::conference::{paged, Conference};
use super::schema::{self as s};
use super::{doc, post_route, run, times, Allowed, Ctx, Error, Reply, AUTHED};
use crate::area::Route;
use crate::state::App;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use serde_json::{json, Value};

/// Records host/cdrs answers at most.
const MAX_CDRS: usize = 100;

/// The routes of this part of the host section.
pub fn routes() -> Vec<Route> {
    let date = || s::pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    vec![
        post_route(
            &["/host/conferences"],
            post(conferences),
            doc(
                "iotumHostConferences",
                "A host's past conferences (summary or detail), paged like conference/fetch_all",
                s::authed(
                    vec![
                        ("host_id", s::id(9)),
                        ("output", s::one_of(&["summary", "detail"])),
                        ("time_zone", s::text()),
                        ("start_date", date()),
                        ("end_date", date()),
                        ("page", s::text()),
                    ],
                    &["host_id"],
                ),
                s::any(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/cdrs"],
            post(cdrs),
            doc(
                "iotumHostCdrs",
                "Call records of a host's conferences' participants (the first 100)",
                s::authed(
                    vec![
                        ("host_id", s::id(9)),
                        ("conference_id", s::id(184)),
                        ("time_zone", s::text()),
                        ("start_date", date()),
                        ("end_date", date()),
                    ],
                    &["host_id"],
                ),
                s::array(s::any_object()),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/active_calls"],
            post(active_calls),
            doc(
                "iotumHostActiveCalls",
                "The calls a host is in now",
                s::authed(vec![("host_id", s::id(9)), ("time_zone", s::text())], &["host_id"]),
                s::array(s::any_object()),
                200,
                AUTHED,
            ),
        ),
    ]
}

/// The request's zone and date range.
struct Window {
    tz: Tz,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Window {
    fn read(ctx: &Ctx) -> Result<Window, Error> {
        let f = &ctx.fields;
        let tz = times::zone(&f.opt_str("time_zone")?.unwrap_or_else(|| "UTC".into()))?;
        let date = |key| f.opt_str(key)?.map(|d| times::parse_date(&d, key)).transpose();
        Ok(Window { tz, from: date("start_date")?, to: date("end_date")? })
    }

    fn holds(&self, c: &Conference) -> bool {
        let day = times::date_in(c.starts_at, self.tz);
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// The host's past conferences in the window, oldest first.
fn past<'d>(ctx: &Ctx, data: &'d crate::state::Data, host: u64, w: &Window) -> Vec<&'d Conference> {
    let mut list: Vec<&Conference> =
        data.iotum.conferences.iter().filter(|c| c.host_id == host && c.past(ctx.now) && w.holds(c)).collect();
    list.sort_by_key(|c| (c.starts_at, c.id));
    list
}

async fn conferences(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let detail = ctx.fields.opt_enum("output", &["summary", "detail"])?.as_deref() == Some("detail");
        let w = Window::read(ctx)?;
        let data = ctx.app.read();
        let host = ctx.named_host(&data)?;
        let origin = data.iotum.company_origin(host.company_id);
        let items: Vec<Value> = past(ctx, &data, host.id, &w)
            .into_iter()
            .map(|c| {
                let start = times::format_in(c.starts_at, w.tz);
                let end = times::format_in(c.ends_at(), w.tz);
                if detail {
                    let local =
                        chrono::DateTime::from_timestamp(c.starts_at, 0).unwrap_or_default().with_timezone(&w.tz);
                    json!({
                        "conference_id": c.id,
                        "subject": c.subject,
                        "agenda": c.agenda,
                        "start_time": start,
                        "end_time": end,
                        "day": local.format("%A").to_string(),
                        "month": local.format("%B").to_string(),
                        "year": local.year().to_string(),
                        "cancelled": c.cancelled,
                        "participants": c.cdrs.len(),
                        "live_wall_posts": c.messages,
                        "uploaded_documents": [],
                        "recordings": c.recordings,
                    })
                } else {
                    json!({
                        "conference_id": c.id,
                        "start_time": start,
                        "end_time": end,
                        "total_participants": c.cdrs.len(),
                        "total_participant_minutes": c.cdrs.iter().map(|r| r.minutes).sum::<u64>(),
                        "meeting_summary_url": format!("{origin}/conf/summary/{}", c.id),
                    })
                }
            })
            .collect();
        Ok(Reply::ok(paged(&ctx.fields, items, "conferences")?))
    })
}

async fn cdrs(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let only = ctx.fields.opt_id("conference_id")?;
        let w = Window::read(ctx)?;
        let data = ctx.app.read();
        let host = ctx.named_host(&data)?;
        let mut out = Vec::new();
        let list = data.iotum.conferences.iter().filter(|c| {
            c.host_id == host.id
                && !c.cancelled
                && c.starts_at <= ctx.now
                && w.holds(c)
                && only.is_none_or(|id| c.id == id)
        });
        for c in list {
            for r in &c.cdrs {
                out.push(json!({
                    "id": r.id,
                    "conference_id": c.id,
                    "host_id": host.id,
                    "host_name": host.name,
                    "host_email": host.email,
                    "start_time": times::format_in(c.starts_at, w.tz),
                    "end_time": times::format_in(c.ends_at(), w.tz),
                    "participant_id": r.participant_id,
                    "participant_name": r.participant_name,
                    "participant_email": r.participant_email,
                    "from": r.from,
                    "to": r.to,
                    "minutes": r.minutes,
                }));
            }
        }
        out.truncate(MAX_CDRS);
        Ok(Reply::ok(Value::Array(out)))
    })
}

async fn active_calls(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let w = Window::read(ctx)?;
        let data = ctx.app.read();
        let host = ctx.named_host(&data)?.id;
        let calls: Vec<Value> = data
            .iotum
            .conferences
            .iter()
            .filter(|c| c.host_id == host && c.active(ctx.now))
            .map(|c| {
                json!({
                    "conference_id": c.id,
                    "subject": c.subject,
                    "agenda": c.agenda,
                    "start_time": times::format_in(c.starts_at, w.tz),
                })
            })
            .collect();
        Ok(Reply::ok(Value::Array(calls)))
    })
}
