//! Scheduled meetings (`/meetings`): schedule, get, list, edit, cancel. Token auth, `X-App-Type`.

use super::auth::Timezone;
use super::branding::opt_object;
use super::{Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{code, Code};

/// Invitees of a meeting, as given when scheduling.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct InviteesInput {
    /// Email addresses.
    #[tsify(optional, type = "string[]")]
    pub emails: Loose,
    /// Contact ids.
    #[tsify(optional, type = "string[]")]
    pub contact_ids: Loose,
    /// Contact group ids.
    #[tsify(optional, type = "string[]")]
    pub group_ids: Loose,
}

/// Input of `scheduleMeeting`, and (every field optional) of `updateMeeting`. `start_time` is a
/// JS `Date` or `"YYYY-MM-DD HH:ii:ss"` in UTC.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct MeetingInput {
    /// Title: 3 to 50 characters.
    #[tsify(type = "string")]
    pub room_name: Loose,
    /// Description.
    #[tsify(optional, type = "string")]
    pub desc: Loose,
    /// Start, in the future: a `Date` or `"YYYY-MM-DD HH:ii:ss"` (UTC).
    #[serde(alias = "start_time ")]
    #[tsify(type = "string | Date")]
    pub start_time: Loose,
    /// Minutes, at least 10.
    #[tsify(type = "number")]
    pub duration: Loose,
    /// Moderator count, at least 1.
    #[tsify(type = "number")]
    pub moderators: Loose,
    /// Participant count, at least 0.
    #[tsify(type = "number")]
    pub participants: Loose,
    /// Time zone id (the API's datapool); UTC when absent.
    #[tsify(optional, type = "string")]
    pub timezone_id: Loose,
    /// Schedule for this user of your account instead of yourself.
    #[tsify(optional, type = "string")]
    pub user_id: Loose,
    /// Participants wait until a moderator joins.
    #[tsify(optional, type = "boolean")]
    pub wait_for_moderator: Loose,
    /// Participants knock and a moderator lets them in.
    #[tsify(optional, type = "boolean")]
    pub knock: Loose,
    /// Record automatically.
    #[tsify(optional, type = "boolean")]
    pub auto_recording: Loose,
    /// Mail the access details to the invitees.
    #[tsify(optional, type = "boolean")]
    pub send_mail: Loose,
    /// Who to invite.
    #[tsify(optional)]
    pub invitees: Option<InviteesInput>,
}

impl Input for MeetingInput {
    /// Reads the input object the way its `Deserialize` does; `invitees` that is not an object
    /// is the documented 1695. A `Date` start (JS) is written as the wire's UTC text; an invalid
    /// `Date` is 1602.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let invitees = match v.get("invitees") {
            None => None,
            Some(i) if i.is_object() => Some(InviteesInput {
                emails: loose(&i, "emails"),
                contact_ids: loose(&i, "contact_ids"),
                group_ids: loose(&i, "group_ids"),
            }),
            Some(_) => return Err(Error::validation(code!(1695), "invitees")),
        };
        let start_time = match v.get("start_time").and_then(|s| s.date_ms()) {
            Some(ms) if ms.is_finite() => Loose::Str(validate::format_utc(ms as i64)),
            Some(_) => return Err(Error::validation(code!(1602), "start_time")),
            None => match loose(v, "start_time") {
                Loose::Null => loose(v, "start_time "),
                start => start,
            },
        };
        Ok(Self {
            room_name: loose(v, "room_name"),
            desc: loose(v, "desc"),
            start_time,
            duration: loose(v, "duration"),
            moderators: loose(v, "moderators"),
            participants: loose(v, "participants"),
            timezone_id: loose(v, "timezone_id"),
            user_id: loose(v, "user_id"),
            wait_for_moderator: loose(v, "wait_for_moderator"),
            knock: loose(v, "knock"),
            auto_recording: loose(v, "auto_recording"),
            send_mail: loose(v, "send_mail"),
            invitees,
        })
    }
}

/// `updateMeeting`'s input: any fields of [`MeetingInput`].
pub type MeetingPatch = MeetingInput;

/// Invitees on the wire.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct InviteesBody {
    /// Emails.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Contact ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contact_ids: Vec<String>,
    /// Group ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_ids: Vec<String>,
}

/// Body of `POST /meetings` and `PATCH /meetings/{id}` (a patch leaves out what it keeps).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MeetingBody {
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// `YYYY-MM-DD HH:ii:ss` UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// Minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// Moderators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderators: Option<u32>,
    /// Participants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// Time zone id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone_id: Option<String>,
    /// Owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Wait for moderator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_for_moderator: Option<bool>,
    /// Knock.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knock: Option<bool>,
    /// Auto recording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_recording: Option<bool>,
    /// Send mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_mail: Option<bool>,
    /// Invitees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitees: Option<InviteesBody>,
}

/// Schedules a meeting. `start_time` may be a `Date`; it must be later than `now_ms` (the
/// current time, ms since the epoch).
///
/// ```
/// use ucaas_client::api::meetings::{schedule, MeetingInput};
/// use ucaas_client::Loose;
/// let input = MeetingInput { room_name: Loose::Str("Hi".into()), ..Default::default() };
/// assert_eq!(schedule(input, 0).unwrap_err().code, Some(1612));
/// ```
#[endpoint(POST "/meetings", token, app_type, js = scheduleMeeting, answer = MeetingAnswer.meeting)]
pub fn schedule(input: MeetingInput, now_ms: i64) -> Result<Request<MeetingBody>, Error> {
    let body = body(&input, now_ms, true)?;
    Ok(SCHEDULE.request().with_body(body))
}

/// Changes the fields `patch` gives.
#[endpoint(PATCH "/meetings/{meeting_id}", token, app_type, js = updateMeeting, answer = MeetingAnswer.meeting)]
pub fn update(
    meeting_id: &str,
    #[js(type = "Partial<MeetingInput>")] patch: MeetingPatch,
    now_ms: i64,
) -> Result<Request<MeetingBody>, Error> {
    let req = UPDATE.request_with(&[meeting_id])?;
    let body = body(&patch, now_ms, false)?;
    if body == MeetingBody::default() {
        return Err(Error::invalid("room_name", "The update changes nothing: give at least one field."));
    }
    Ok(req.with_body(body))
}

/// Reads one meeting.
#[endpoint(GET "/meetings/{meeting_id}", token, app_type, js = getMeeting, answer = MeetingAnswer.meeting)]
pub fn get(meeting_id: &str) -> Result<Request, Error> {
    GET.request_with(&[meeting_id])
}

/// Cancels a meeting. Never retried automatically.
#[endpoint(DELETE "/meetings/{meeting_id}", token, app_type, js = cancelMeeting, answer = CancelResult)]
pub fn cancel(meeting_id: &str) -> Result<Request, Error> {
    CANCEL.request_with(&[meeting_id])
}

/// Checks every field with its documented codes; `full` demands the fields scheduling requires.
fn body(input: &MeetingInput, now_ms: i64, full: bool) -> Result<MeetingBody, Error> {
    Ok(MeetingBody {
        room_name: title(&input.room_name, full)?,
        desc: validate::opt_text(&input.desc, "desc", Some(code!(1621)))?,
        start_time: start(&input.start_time, now_ms, full)?,
        duration: count(&input.duration, "duration", [code!(1631), code!(1634), code!(1632)], 10, full)?,
        moderators: count(&input.moderators, "moderators", [code!(1641), code!(1644), code!(1642)], 1, full)?,
        participants: count(&input.participants, "participants", [code!(1651), code!(1654), code!(1652)], 0, full)?,
        timezone_id: validate::opt_text(&input.timezone_id, "timezone_id", Some(code!(1683)))?,
        user_id: validate::opt_text(&input.user_id, "user_id", None)?,
        wait_for_moderator: validate::opt_flag(&input.wait_for_moderator, "wait_for_moderator", code!(1693))?,
        knock: validate::opt_flag(&input.knock, "knock", code!(1694))?,
        auto_recording: validate::opt_flag(&input.auto_recording, "auto_recording", code!(1672))?,
        send_mail: validate::opt_flag(&input.send_mail, "send_mail", code!(1692))?,
        invitees: input.invitees.as_ref().map(invitees).transpose()?,
    })
}

/// Title: required when scheduling (1611), 3 (1612) to 50 (1613) characters.
pub(crate) fn title(v: &Loose, required: bool) -> Result<Option<String>, Error> {
    let Some(t) = validate::opt_text(v, "room_name", Some(code!(1611)))? else {
        return if required { Err(Error::validation(code!(1611), "room_name")) } else { Ok(None) };
    };
    match t.chars().count() {
        n if n < 3 => Err(Error::validation(code!(1612), "room_name")),
        n if n > 50 => Err(Error::validation(code!(1613), "room_name")),
        _ => Ok(Some(t)),
    }
}

/// Start: required when scheduling (1603), well-formed (1602), in the future (1601).
fn start(v: &Loose, now_ms: i64, required: bool) -> Result<Option<String>, Error> {
    let text = match v {
        Loose::Null => None,
        Loose::Str(s) if s.trim().is_empty() => None,
        Loose::Str(s) => Some(s.as_str()),
        _ => return Err(Error::validation(code!(1602), "start_time")),
    };
    let Some(text) = text else {
        return if required { Err(Error::validation(code!(1603), "start_time")) } else { Ok(None) };
    };
    let ms = validate::parse_utc(text).ok_or_else(|| Error::validation(code!(1602), "start_time"))?;
    if ms <= now_ms {
        return Err(Error::validation(code!(1601), "start_time"));
    }
    Ok(Some(validate::format_utc(ms)))
}

/// A whole-number count with `[missing, not a number, below min]` codes.
pub(crate) fn count(
    v: &Loose,
    field: &'static str,
    codes: [Code; 3],
    min: i64,
    required: bool,
) -> Result<Option<u32>, Error> {
    if v.is_null() {
        return if required { Err(Error::validation(codes[0], field)) } else { Ok(None) };
    }
    // Numbers only: a numeric string from a form field is read too, a boolean is not.
    let n = match v {
        Loose::Num(_) | Loose::Str(_) => v.as_int(),
        _ => None,
    }
    .ok_or_else(|| Error::validation(codes[1], field))?;
    if n < min {
        return Err(Error::validation(codes[2], field));
    }
    u32::try_from(n).map(Some).map_err(|_| Error::validation(codes[1], field))
}

fn invitees(v: &InviteesInput) -> Result<InviteesBody, Error> {
    let emails = validate::opt_string_list(&v.emails, "invitees", code!(1696))?.unwrap_or_default();
    for e in &emails {
        validate::email(e, "invitees", Some(code!(1696))).map_err(|mut err| {
            err.message = format!("Not a valid email address: \"{e}\"");
            err
        })?;
    }
    Ok(InviteesBody {
        emails,
        contact_ids: validate::opt_string_list(&v.contact_ids, "invitees", code!(1697))?.unwrap_or_default(),
        group_ids: validate::opt_string_list(&v.group_ids, "invitees", code!(1698))?.unwrap_or_default(),
    })
}

/// Query of `listMeetings` / `meetings()`. Every key is optional.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct ListQuery {
    /// Page number, from 1.
    #[tsify(optional, type = "number")]
    pub page: Loose,
    /// Meetings per page (the server's default is 10).
    #[tsify(optional, type = "number")]
    pub page_length: Loose,
    /// Field to search: `mpin`, `ppin` or `user_id` (needs `search_string`).
    #[tsify(optional, type = "\"mpin\" | \"ppin\" | \"user_id\"")]
    pub search_by: Loose,
    /// Value to search for (needs `search_by`).
    #[tsify(optional, type = "string")]
    pub search_string: Loose,
    /// `upcoming`, `current` or `past`.
    #[tsify(optional, type = "\"upcoming\" | \"current\" | \"past\"")]
    pub stage: Loose,
    /// Field to order by.
    #[tsify(optional, type = "string")]
    pub order_by: Loose,
    /// `asc` (default) or `desc`.
    #[tsify(optional, type = "\"asc\" | \"desc\"")]
    pub order_qualify: Loose,
}

/// The meetings matching `query`: search by PIN or owner, filter by stage.
///
/// The query is checked by [`super::list::check`].
#[endpoint(list, js = listMeetings, each = meetings, query = ListQuery, answer = MeetingList.meetings)]
pub const LIST_ROUTE: super::list::ListSpec = super::list::ListSpec {
    path: "/meetings",
    search_by: &["mpin", "ppin", "user_id"],
    filters: &[],
    dates: &[],
    choices: &[("stage", &["upcoming", "current", "past"], "stage must be upcoming, current or past.")],
    app_type: true,
};

/// A contact among a meeting's invitees (as `PATCH /meetings/{id}` shows them).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct InvitedContact {
    /// Contact id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub contact_id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    /// Email.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
}

/// A contact group among a meeting's invitees.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct InvitedGroup {
    /// Group id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_id: Option<String>,
    /// Group name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_name: Option<String>,
}

/// A meeting's invitees, in either form the docs show.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
#[serde(default)]
pub struct MeetingInvitees {
    /// Emails.
    #[serde(deserialize_with = "loose::opt_strings", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub emails: Option<Vec<String>>,
    /// Contact ids.
    #[serde(deserialize_with = "loose::opt_strings", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub contact_ids: Option<Vec<String>>,
    /// Group ids.
    #[serde(deserialize_with = "loose::opt_strings", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_ids: Option<Vec<String>>,
    /// Contacts, with names.
    #[serde(deserialize_with = "loose::opt_items", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub contacts: Option<Vec<InvitedContact>>,
    /// Groups, with names.
    #[serde(deserialize_with = "loose::opt_items", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub groups: Option<Vec<InvitedGroup>>,
}

/// A scheduled meeting.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct Meeting {
    /// Meeting id.
    #[serde(deserialize_with = "loose::string")]
    pub meeting_id: String,
    /// Video room id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_id: Option<String>,
    /// Owner.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_id: Option<String>,
    /// Title.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_name: Option<String>,
    /// `vc` or `wb`.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub app_type: Option<String>,
    /// Description.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub desc: Option<String>,
    /// Start, `YYYY-MM-DD HH:ii:ss` in UTC (read from `start_time` or `"start_time "`).
    #[serde(
        default,
        alias = "start_time ",
        deserialize_with = "loose::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional)]
    pub start_time: Option<String>,
    /// Time zone of the meeting.
    #[serde(default, deserialize_with = "opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timezone: Option<Timezone>,
    /// Moderator PIN.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub mpin: Option<String>,
    /// Participant PIN.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ppin: Option<String>,
    /// Direct join URL.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub direct_url: Option<String>,
    /// Moderator count.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub moderators: Option<u32>,
    /// Participant count.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub participants: Option<u32>,
    /// Minutes.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub duration: Option<u32>,
    /// Participants wait for a moderator.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub wait_for_moderator: Option<bool>,
    /// Moderated entry.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub knock: Option<bool>,
    /// Automatic recording.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auto_recording: Option<bool>,
    /// `upcoming`, `current` or `past` (in lists).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub stage: Option<String>,
    /// Who is invited.
    #[serde(default, deserialize_with = "opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub invitees: Option<MeetingInvitees>,
}

/// The answer of schedule, get and update: `{ meeting }`.
#[derive(Debug, Serialize, Deserialize, Tsify, Shaped)]
pub struct MeetingAnswer {
    /// The meeting.
    #[serde(deserialize_with = "crate::loose::object")]
    pub meeting: Meeting,
}

/// The search a list answer echoes back.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
#[serde(default)]
pub struct SearchEcho {
    /// Page number.
    #[serde(deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Page length.
    #[serde(deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub page_length: Option<u32>,
    /// Search field.
    #[serde(deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub search_by: Option<String>,
    /// Search value.
    #[serde(deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub search_string: Option<String>,
    /// Stage filter.
    #[serde(deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub stage: Option<String>,
    /// Order field.
    #[serde(deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub order_by: Option<String>,
    /// Order direction.
    #[serde(deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub order_qualify: Option<String>,
}

/// One page of meetings. Both fields are always there (`{}` / `[]` when the answer has none).
// `Deserialize` goes through a wire struct with defaults: tsify makes a `#[serde(default)]`
// field optional in TypeScript.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Tsify, Shaped)]
pub struct MeetingList {
    /// The search as the server applied it.
    #[shape(always)]
    pub search: SearchEcho,
    /// The page's meetings.
    #[shape(always)]
    pub meetings: Vec<Meeting>,
}

impl<'de> Deserialize<'de> for MeetingList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "loose::object_or_default")]
            search: SearchEcho,
            #[serde(default, deserialize_with = "loose::items")]
            meetings: Vec<Meeting>,
        }
        let Wire { search, meetings } = Wire::deserialize(d)?;
        Ok(MeetingList { search, meetings })
    }
}

#[cfg(feature = "client")]
impl crate::client::Page for MeetingList {
    type Item = Meeting;

    fn into_items(self) -> (Vec<Meeting>, Option<u32>) {
        (self.meetings, self.search.page_length)
    }
}

impl MeetingList {
    /// Whether a further page may exist after this one, fetched with `page_length` per page.
    pub fn may_have_more(&self, page_length: u32) -> bool {
        !self.meetings.is_empty() && self.meetings.len() as u32 >= page_length
    }
}

/// The meeting a cancel removed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct CancelledMeeting {
    /// Meeting id. Always sent: an answer without it fails to decode.
    #[serde(deserialize_with = "loose::string")]
    pub meeting_id: String,
    /// Room id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_id: Option<String>,
    /// Owner.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_id: Option<String>,
    /// Title.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_name: Option<String>,
}

/// The answer of `cancelMeeting`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct CancelResult {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub msg: Option<String>,
    /// The cancelled meeting.
    #[serde(default, deserialize_with = "opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub event: Option<CancelledMeeting>,
}

answers!(MeetingAnswer, MeetingList, CancelResult);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Auth, Method};
    use serde_json::json;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21

    fn input(v: serde_json::Value) -> MeetingInput {
        serde_json::from_value(v).unwrap()
    }

    fn valid() -> serde_json::Value {
        json!({"room_name": "Standup", "start_time": "2030-01-02 03:04:05", "duration": 30, "moderators": 1, "participants": 5})
    }

    fn code_with(key: &str, value: serde_json::Value) -> u32 {
        let mut v = valid();
        v[key] = value;
        schedule(input(v), NOW).unwrap_err().code.unwrap()
    }

    fn code_without(key: &str) -> u32 {
        let mut v = valid();
        v.as_object_mut().unwrap().remove(key);
        schedule(input(v), NOW).unwrap_err().code.unwrap()
    }

    #[test]
    fn schedule_builds_the_documented_body() {
        let mut v = valid();
        v["knock"] = json!(true);
        v["invitees"] = json!({"emails": ["a@b.co"]});
        let req = schedule(input(v), NOW).unwrap();
        assert_eq!(
            (req.method, req.path.as_str(), req.app_type, req.auth),
            (Method::Post, "/meetings", true, Auth::Token)
        );
        assert_eq!(
            serde_json::to_value(req.body.unwrap()).unwrap(),
            json!({"room_name": "Standup", "start_time": "2030-01-02 03:04:05", "duration": 30, "moderators": 1,
                   "participants": 5, "knock": true, "invitees": {"emails": ["a@b.co"]}})
        );
    }

    #[test]
    fn schedule_reports_each_documented_code() {
        assert_eq!(code_without("room_name"), 1611);
        assert_eq!(code_with("room_name", json!("ab")), 1612);
        assert_eq!(code_with("room_name", json!("x".repeat(51))), 1613);
        assert_eq!(code_without("start_time"), 1603);
        assert_eq!(code_with("start_time", json!("tomorrow")), 1602);
        assert_eq!(code_with("start_time", json!("2020-01-01 00:00:00")), 1601);
        assert_eq!(code_without("duration"), 1631);
        assert_eq!(code_with("duration", json!(9)), 1632);
        assert_eq!(code_with("duration", json!("half an hour")), 1634);
        assert_eq!(code_without("moderators"), 1641);
        assert_eq!(code_with("moderators", json!(0)), 1642);
        assert_eq!(code_with("moderators", json!(true)), 1644);
        assert_eq!(code_without("participants"), 1651);
        assert_eq!(code_with("participants", json!(-1)), 1652);
        assert_eq!(code_with("participants", json!(2.5)), 1654);
        assert_eq!(code_with("knock", json!("yes")), 1694);
        assert_eq!(code_with("wait_for_moderator", json!(1)), 1693);
        assert_eq!(code_with("auto_recording", json!("true")), 1672);
        assert_eq!(code_with("send_mail", json!("yes")), 1692);
        let mut v = valid();
        v["send_mail"] = json!(null); // null is absent, not an error
        assert_eq!(schedule(input(v), NOW).unwrap().body.unwrap().send_mail, None);
    }

    #[test]
    fn invitee_lists_are_checked() {
        assert_eq!(code_with("invitees", json!({"emails": "a@b.co"})), 1696);
        assert_eq!(code_with("invitees", json!({"emails": ["nope"]})), 1696);
        assert_eq!(code_with("invitees", json!({"contact_ids": [1]})), 1697);
        assert_eq!(code_with("invitees", json!({"group_ids": {}})), 1698);
    }

    #[test]
    fn numeric_strings_from_forms_are_read_and_start_is_normalised() {
        let mut v = valid();
        v["duration"] = json!("45");
        v["start_time"] = json!("2030-01-02T03:04:05.000Z");
        let body = schedule(input(v), NOW).unwrap().body.unwrap();
        assert_eq!((body.duration, body.start_time.as_deref()), (Some(45), Some("2030-01-02 03:04:05")));
    }

    #[test]
    fn readers_agree_with_deserialize() {
        let mut v = valid();
        v["knock"] = json!("yes");
        v["invitees"] = json!({"emails": ["a@b.co"], "group_ids": "g"});
        assert_eq!(MeetingInput::read(&v).unwrap(), input(v.clone()));
        let spaced = json!({"start_time ": "2030-01-02 03:04:05"});
        assert_eq!(MeetingInput::read(&spaced).unwrap(), input(spaced.clone()));
        assert_eq!(MeetingInput::read(&json!({"invitees": ["a@b.co"]})).unwrap_err().code, Some(1695));
    }

    #[test]
    fn update_sends_only_what_changes() {
        let req = update("m1", input(json!({"room_name": "Renamed"})), NOW).unwrap();
        assert_eq!((req.method, req.path.as_str()), (Method::Patch, "/meetings/m1"));
        assert_eq!(serde_json::to_value(req.body.unwrap()).unwrap(), json!({"room_name": "Renamed"}));
        assert!(update("m1", input(json!({})), NOW).is_err());
        assert_eq!(update("m1", input(json!({"duration": 5})), NOW).unwrap_err().code, Some(1632));
        assert!(update("", input(json!({"room_name": "Renamed"})), NOW).is_err());
    }

    #[test]
    fn list_query_rules() {
        let q = |v: serde_json::Value| super::super::list::check(Some(&v), &LIST_ROUTE);
        let ok = q(json!({"page": 2, "page_length": "20", "stage": "past", "order_qualify": "desc"})).unwrap();
        assert_eq!(
            super::super::list::request(&LIST_ROUTE, &ok).path_and_query(),
            "/meetings?page=2&page_length=20&stage=past&order_qualify=desc"
        );
        assert_eq!(q(json!({"page": 0})).unwrap_err().code, Some(2608));
        assert_eq!(q(json!({"page": "two"})).unwrap_err().code, Some(2608));
        assert_eq!(q(json!({"page_length": 1.5})).unwrap_err().code, Some(2501));
        assert_eq!(q(json!({"order_qualify": "up"})).unwrap_err().code, Some(2604));
        assert_eq!(q(json!({"search_by": "mpin"})).unwrap_err().code, Some(2606));
        assert_eq!(q(json!({"search_string": "x"})).unwrap_err().code, Some(2606));
        assert_eq!(q(json!({"search_by": "title", "search_string": "x"})).unwrap_err().code, Some(2605));
        assert_eq!(q(json!({"stage": "later"})).unwrap_err().field, Some("stage"));
    }

    /// Found by the `shape_decode` fuzz target: an answer with both `start_time` and the
    /// documents' `"start_time "` is refused by serde alone (a duplicate field), read by the table.
    #[test]
    fn an_answer_with_both_start_time_keys_reads_the_first_as_the_table_does() {
        use crate::shape::Shaped;
        let mut v = json!({"meeting": {"meeting_id": "m", "start_time": "2030-01-02 03:04:05", "start_time ": "2031-01-01 00:00:00"}});
        let walked = crate::shape::decode(&v, MeetingAnswer::SHAPE).unwrap();
        assert_eq!(walked["meeting"]["start_time"], "2030-01-02 03:04:05");
        assert!(serde_json::from_value::<MeetingAnswer>(v.clone()).is_err(), "serde alone refuses the pair");
        crate::shape::one_key_per_field(&mut v, MeetingAnswer::SHAPE);
        let read: MeetingAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(read.meeting.start_time.as_deref(), Some("2030-01-02 03:04:05"));
    }

    #[test]
    fn meeting_decodes_both_start_time_keys_and_loose_values() {
        let m: Meeting = serde_json::from_value(json!({"meeting_id": "m", "start_time ": "2030-01-02 03:04:05 ",
            "duration": "30", "knock": "false", "moderators": "Number", "unknown": [1]}))
        .unwrap();
        assert_eq!(m.start_time.as_deref(), Some("2030-01-02 03:04:05"));
        assert_eq!((m.duration, m.knock, m.moderators), (Some(30), Some(false), None));
        assert!(serde_json::from_value::<Meeting>(json!({"room_name": "x"})).is_err());
    }

    #[test]
    fn paging_stops_on_a_short_page() {
        let page = |n| MeetingList { meetings: vec![Meeting::default(); n], ..Default::default() };
        assert!(page(10).may_have_more(10));
        assert!(!page(3).may_have_more(10));
        assert!(!page(0).may_have_more(10));
    }
}
