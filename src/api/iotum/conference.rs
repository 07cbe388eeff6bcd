//! Conferences (document §10): scheduled (once or recurring) and reservationless meetings of a
//! host, their participants, streams, recordings and messages.
//!
//! Times: `start` is the document's wall time, `"YYYY-MM-DD HH:MM:SS"` in the conference's
//! `time_zone` (IANA). An input may give a JS `Date` instead: it is written in the input's
//! `time_zone` (by the platform's `Intl` data), or in UTC with `time_zone: "UTC"` when the input
//! has none. Answers keep the server's text and zone; `MeetingProvider` (js/meetings.js) turns
//! them into `Date`s.

use super::{with_input, ANSWERS};
use super::contact::IotumContact;
use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};

loose_fields!(
    /// A recording of a past conference.
    IotumRecording {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// Start.
        start_time: String = "loose::opt_string",
        /// End.
        end_time: String = "loose::opt_string",
        /// audio or video.
        r#type: String = "loose::opt_string",
        /// processing or published (fetch again in a few minutes while processing).
        publishing_state: String = "loose::opt_string",
        /// The mp3 or mp4, once published.
        download_link: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A participant invited by email.
    ParticipantEmail {
        /// Email.
        email: String = "loose::opt_string",
        /// As a moderator.
        moderator: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// The video streamed into a conference at its start.
    BroadcastStream {
        /// The MP4's URL.
        source: String = "loose::opt_string",
        /// null, NEW, STARTED, STOPPED or FAILED.
        state: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A conference (the answer of create, update, fetch, and each of fetch_all).
    Conference {
        /// Its id.
        conference_id: i64 = "loose::opt_i64",
        /// Subject.
        subject: String = "loose::opt_string",
        /// Agenda.
        agenda: String = "loose::opt_string",
        /// Start: "YYYY-MM-DD HH:MM:SS" in `time_zone`.
        start: String = "loose::opt_string",
        /// Scheduled end, in `time_zone`.
        end_time: String = "loose::opt_string",
        /// Scheduled for now, or has live participants.
        active: bool = "loose::opt_bool",
        /// IANA time zone of `start` and `end_time`.
        time_zone: String = "loose::opt_string",
        /// Minutes.
        duration: u32 = "loose::opt_u32",
        /// none, audio or video.
        auto_record: String = "loose::opt_string",
        /// none, audio or video.
        auto_stream: String = "loose::opt_string",
        /// Recordings are transcribed.
        auto_transcribe: bool = "loose::opt_bool",
        /// The access code participants enter (a number in the document; digits here).
        one_time_access_code: String = "loose::opt_string",
        /// The PIN the conference asks for.
        security_pin: String = "loose::opt_string",
        /// conversation, q&a or presentation.
        mute_mode: String = "loose::opt_string",
        /// The room: open it in a browser to join.
        room_url: String = "loose::opt_string",
        /// Recordings (past conferences; `[]` for future ones).
        recordings: Vec<IotumRecording> = "crate::loose::opt_items",
        /// Participants' contact ids (the organiser included).
        participants: Vec<i64> = "loose::opt_ints",
        /// Moderators' contact ids.
        moderators: Vec<i64> = "loose::opt_ints",
        /// Streaming now.
        is_streaming: bool = "loose::opt_bool",
        /// `?moderator_token=…` on the room URL joins as a moderator.
        moderator_token: String = "loose::opt_string",
        /// Participants invited by email.
        participant_emails: Vec<ParticipantEmail> = "crate::loose::opt_items",
        /// The video streamed at the start (the document also calls it `broadcast_stream`).
        #[serde(alias = "broadcast_stream")]
        broadcast_stream_url: BroadcastStream = "crate::loose::opt_object",
        /// The series' master (recurring).
        is_master: bool = "loose::opt_bool",
        /// The master's id (recurring).
        master_id: i64 = "loose::opt_i64",
        /// The series' RRULE (recurring; the server may rewrite it).
        schedule: String = "loose::opt_string",
        /// Invited (detail output).
        invited_count: u32 = "loose::opt_u32",
        /// Attended (detail output).
        attended_count: u32 = "loose::opt_u32",
    }
);

/// One page of a host's scheduled conferences: all of them as the bare array the document
/// shows, or, beyond ten, `{ conferences, next_page }` (docs/api-notes.md).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct ConferencePage {
    /// The conferences (`[]` when none).
    #[shape(always)]
    #[serde(alias = "items", default, deserialize_with = "crate::loose::items")]
    #[tsify(type = "Conference[]")]
    pub conferences: Vec<Conference>,
    /// The cursor of the next page (`page`), absent or null on the last.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub next_page: Option<String>,
}

/// The contacts of a conference's participants and moderators.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct ParticipantDetails {
    /// Participants.
    #[shape(always)]
    #[serde(default, deserialize_with = "crate::loose::items")]
    #[tsify(type = "Contact[]")]
    pub participants: Vec<IotumContact>,
    /// Moderators.
    #[shape(always)]
    #[serde(default, deserialize_with = "crate::loose::items")]
    #[tsify(type = "Contact[]")]
    pub moderators: Vec<IotumContact>,
}

loose_fields!(
    /// The answer of `conference/fetch_livestream_viewer_count`.
    ViewerCount {
        /// Viewers now (a string in the document).
        count: u32 = "loose::opt_u32",
    }
);

loose_fields!(
    /// The answer of `conference/dial_number`.
    Dialout {
        /// The dial-out's status (always "new" at first).
        dialout_status: String = "loose::opt_string",
    }
);

/// The settings `conference/create` and `conference/update` share (after their own fields).
macro_rules! conference_input {
    ($(#[doc = $doc:literal])* $name:ident { $($head:tt)* }) => {
        iotum_input!(
            $(#[doc = $doc])*
            $name {
                $($head)*
                /// Agenda.
                agenda: Text optional,
                /// Minutes.
                duration: Positive optional,
                /// Record automatically: none (default), audio or video (the same as auto_stream when both).
                auto_record: OneOf("none", "audio", "video") optional,
                /// Stream automatically: none (default), audio or video.
                auto_stream: OneOf("none", "audio", "video") optional,
                /// Transcribe the recording.
                auto_transcribe: Flag optional,
                /// A fresh access code for this conference (valid until about 72 hours after it).
                one_time_access_code: Flag optional,
                /// The room URL carries the access code encrypted.
                secure_url: Flag optional,
                /// Recording or streaming also starts when the host joins.
                host_initiated_recording: Flag optional,
                /// A PIN to enter (needs one_time_access_code).
                security_pin: Text optional,
                /// conversation (default), q&a or presentation.
                mute_mode: OneOf("conversation", "q&a", "presentation") optional,
                /// Participants: the host's contact ids.
                participants: Ids optional,
                /// Or by email (added to the host's contacts).
                participant_emails: Objects("{ email: string; moderator?: boolean }[]") optional,
                /// Or other hosts of the company.
                participant_hosts: Objects("{ host_id: number; moderator?: boolean }[]") optional,
                /// A public MP4 streamed at the start.
                broadcast_stream_url: Text optional,
                /// An RRULE (FREQ DAILY, WEEKLY or MONTHLY; INTERVAL, UNTIL, COUNT, BYDAY, BYMONTHDAY).
                schedule: Text optional,
            }
        );
    };
}

conference_input!(
    /// Input of `conferenceCreate`.
    ConferenceCreateInput {
        /// The host.
        host_id: Id,
        /// Subject.
        subject: Text,
        /// Start: a Date, or "YYYY-MM-DD HH:MM:SS" in time_zone.
        start: Time,
        /// IANA time zone of start (a Date start without one is written in UTC).
        time_zone: Zone optional,
    }
);

conference_input!(
    /// Input of `conferenceUpdate`: the conference and what changes.
    ConferenceUpdateInput {
        /// The conference.
        conference_id: Id,
        /// Subject.
        subject: Text optional,
        /// Start: a Date, or "YYYY-MM-DD HH:MM:SS" in time_zone.
        start: Time optional,
        /// IANA time zone of start.
        time_zone: Zone optional,
    }
);

iotum_input!(
    /// Input of `conferenceCreateReservationless`.
    ReservationlessInput {
        /// The host.
        host_id: Id,
        /// A fresh access code for it.
        one_time_access_code: Flag optional,
        /// The room URL carries the access code encrypted.
        secure_url: Flag optional,
    }
);

iotum_input!(
    /// Input of the calls about one conference.
    ConferenceRef {
        /// The conference.
        conference_id: Id,
    }
);

iotum_input!(
    /// Input of `conferenceFetch`.
    ConferenceQuery {
        /// The conference.
        conference_id: Id,
        /// "detail": the server adds chat, documents and more (not typed: see `conferenceFetch`).
        output: OneOf("detail") optional,
    }
);

iotum_input!(
    /// Input of `conferenceFetchAll`.
    ConferenceListQuery {
        /// The host.
        host_id: Id,
        /// "detail" for more per conference.
        output: OneOf("detail") optional,
        /// The cursor of a next page (the answer's `next_page`).
        page: Text optional,
    }
);

iotum_input!(
    /// Input of `conferenceDialNumber`.
    DialInput {
        /// The active conference.
        conference_id: Id,
        /// ISO 3166 country of the number.
        country_code: Text,
        /// E.164, with or without "+".
        phone_number: Text,
        /// Shown in the participant list (default: the number).
        name: Text optional,
        /// Read to the callee (default: who invites them to what).
        invitation_text: Text optional,
    }
);

iotum_input!(
    /// Input of `conferenceMessageCreate`.
    ConferenceMessageInput {
        /// The active conference.
        conference_id: Id,
        /// The text, shown as from "System".
        message: Text,
    }
);

/// The document's own rule ("Must enable one_time_access_code to use security_pin"), checked
/// before sending.
fn scheduled(body: Value) -> Result<Value, Error> {
    if body.get("security_pin").is_some() && body.get("one_time_access_code") != Some(&Value::Bool(true)) {
        return Err(Error::invalid("security_pin", "Must enable one_time_access_code to use security_pin"));
    }
    Ok(body)
}

fn create_body<T: Tree>(input: &T) -> Result<Value, Error> {
    let body = ConferenceCreateInput::body(input)?;
    if body.get("duration").is_none() {
        return Err(Error::invalid("duration", "duration is required."));
    }
    scheduled(body)
}

fn update_body<T: Tree>(input: &T) -> Result<Value, Error> {
    let body = ConferenceUpdateInput::body(input)?;
    if body.as_object().is_some_and(|b| b.len() < 2) {
        return Err(Error::invalid("input", "The update changes nothing: give at least one field."));
    }
    scheduled(body)
}

/// Schedules a conference (once, or a series with `schedule`). ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/create", body_token, client = IotumClient, js = conferenceCreate, answer = Conference)]
pub fn create<T: Tree>(#[js(type = "ConferenceCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, create_body)
}

/// Starts a reservationless conference now (for a one-time access code or a secure URL).
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/create/reservationless", body_token, client = IotumClient, js = conferenceCreateReservationless, answer = Conference)]
pub fn create_reservationless<T: Tree>(#[js(type = "ReservationlessInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE_RESERVATIONLESS, input, ReservationlessInput::body)
}

/// Changes a scheduled conference (a series' master changes the series). ResellerAdmin /
/// CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/update", body_token, client = IotumClient, js = conferenceUpdate, answer = Conference)]
pub fn update<T: Tree>(#[js(type = "ConferenceUpdateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&UPDATE, input, update_body)
}

/// Reads a conference. ResellerAdmin / CompanyAdmin.
///
/// `output: "detail"` asks the server for more (chat, documents, participants as objects); the
/// answer is read by the standard `Conference` fields only, so detail-only fields are not typed
/// and detail participants (objects, not ids) are not read.
#[endpoint(POST "/enterprise_api/conference/fetch", body_token, read, client = IotumClient, js = conferenceFetch, answer = Conference)]
pub fn fetch<T: Tree>(#[js(type = "ConferenceQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH, query, ConferenceQuery::body)
}

/// One page of a host's active scheduled conferences (not those more than 18 months ahead).
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/fetch_all", body_token, read, client = IotumClient, js = conferenceFetchAll, answer = ConferencePage)]
pub fn fetch_all<T: Tree>(#[js(type = "ConferenceListQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_ALL, query, ConferenceListQuery::body)
}

/// Cancels a scheduled conference. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/cancel", body_token, client = IotumClient, js = conferenceCancel, answer = super::Ack)]
pub fn cancel<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CANCEL, input, ConferenceRef::body)
}

/// Ends an active conference. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/conference/end", body_token, client = IotumClient, js = conferenceEnd, answer = super::Ack)]
pub fn end<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&END, input, ConferenceRef::body)
}

/// The contacts of a conference's participants and moderators.
#[endpoint(POST "/enterprise_api/conference/fetch_participant_details", body_token, read, client = IotumClient, js = conferenceFetchParticipantDetails, answer = ParticipantDetails)]
pub fn fetch_participant_details<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_PARTICIPANT_DETAILS, input, ConferenceRef::body)
}

/// How many watch a conference's live stream now.
#[endpoint(POST "/enterprise_api/conference/fetch_livestream_viewer_count", body_token, read, client = IotumClient, js = conferenceFetchLivestreamViewerCount, answer = ViewerCount)]
pub fn fetch_livestream_viewer_count<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_LIVESTREAM_VIEWER_COUNT, input, ConferenceRef::body)
}

/// Stops a conference's live stream.
#[endpoint(POST "/enterprise_api/conference/stop_streaming", body_token, client = IotumClient, js = conferenceStopStreaming, answer = super::Ack)]
pub fn stop_streaming<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&STOP_STREAMING, input, ConferenceRef::body)
}

/// Calls a phone number and adds the callee to an active conference.
#[endpoint(POST "/enterprise_api/conference/dial_number", body_token, client = IotumClient, js = conferenceDialNumber, answer = Dialout)]
pub fn dial_number<T: Tree>(#[js(type = "DialInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DIAL_NUMBER, input, DialInput::body)
}

/// Sends a system message to an active conference.
#[endpoint(POST "/enterprise_api/conference/message/create", body_token, client = IotumClient, js = conferenceMessageCreate, answer = super::Ack)]
pub fn message_create<T: Tree>(#[js(type = "ConferenceMessageInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&MESSAGE_CREATE, input, ConferenceMessageInput::body)
}

/// Deletes every recording (and so every transcript) of a past conference.
#[endpoint(POST "/enterprise_api/conference/delete_recordings", body_token, client = IotumClient, js = conferenceDeleteRecordings, answer = super::Ack)]
pub fn delete_recordings<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DELETE_RECORDINGS, input, ConferenceRef::body)
}

/// Deletes every transcription of a past conference.
#[endpoint(POST "/enterprise_api/conference/delete_transcriptions", body_token, client = IotumClient, js = conferenceDeleteTranscriptions, answer = super::Ack)]
pub fn delete_transcriptions<T: Tree>(#[js(type = "ConferenceRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DELETE_TRANSCRIPTIONS, input, ConferenceRef::body)
}
