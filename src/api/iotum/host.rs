//! Hosts (document §6): the accounts that organise and host conferences, their past
//! conferences, call records and active calls.

use super::{with_input, ANSWERS};
use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};

loose_fields!(
    /// A dial-in number (the fields to show; the document's other, null, ones are not read).
    DialinNumber {
        /// E.164 digits.
        phone_number: String = "loose::opt_string",
        /// As dialled at home: "(416) 555-1234".
        domestic_format: String = "loose::opt_string",
        /// As dialled abroad: "+1 416-555-1234".
        international_format: String = "loose::opt_string",
        /// ISO 3166 country.
        country_code: String = "loose::opt_string",
        /// City.
        location: String = "loose::opt_string",
    }
);

loose_fields!(
    /// An access code or moderator PIN (the document's object: `.number` is the code).
    PinNumber {
        /// The digits.
        number: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Which emails a host does not get (`true`: disabled).
    DisabledEmails {
        /// Invitations.
        conference_invitations: bool = "loose::opt_bool",
        /// Reminders.
        conference_reminders: bool = "loose::opt_bool",
        /// Summaries.
        conference_summaries: bool = "loose::opt_bool",
        /// Transcription summaries.
        transcription_summaries: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// How the conferencing application shows a host times and dates.
    TimeFormat {
        /// 24-hour times.
        time_24hr: bool = "loose::opt_bool",
        /// Between hours and minutes (":").
        hm_separator: String = "loose::opt_string",
        /// Month and day template ("M D").
        md_format: String = "loose::opt_string",
        /// A comma before the year.
        md_y_comma: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// A host (the answer of `host/create`, `host/fetch` and `host/update`).
    Host {
        /// Its id: keep it for every later call about the host.
        host_id: i64 = "loose::opt_i64",
        /// Its company.
        company_id: i64 = "loose::opt_i64",
        /// The name shown in meetings.
        name: String = "loose::opt_string",
        /// Email: invitations, reminders and sign-in.
        email: String = "loose::opt_string",
        /// The dial-in number of its invitations.
        primary_dialin_number: DialinNumber = "crate::loose::opt_object",
        /// Its meeting room.
        meeting_url: String = "loose::opt_string",
        /// RESELLER_ADMIN, COMPANY_ADMIN or HOST.
        role: String = "loose::opt_string",
        /// OpenID subject (single sign-on).
        openid_sub: String = "loose::opt_string",
        /// Participants' access code.
        access_code: PinNumber = "crate::loose::opt_object",
        /// Moderator PIN.
        moderator_pin: PinNumber = "crate::loose::opt_object",
        /// A link for the host to set a password.
        password_creation_link: String = "loose::opt_string",
        /// For single sign-on.
        login_token_public_key: String = "loose::opt_string",
        /// Its plan.
        plan_slug: String = "loose::opt_string",
        /// Its add-ons.
        add_on_slugs: Vec<String> = "loose::opt_strings",
        /// Its subscriptions.
        subscription_ids: Vec<i64> = "loose::opt_ints",
        /// SIP URI of its meetings (SIP gateway), if any.
        sip_uri: String = "loose::opt_string",
        /// Emails it does not get.
        disable_emails: DisabledEmails = "crate::loose::opt_object",
        /// Time display.
        time_format: TimeFormat = "crate::loose::opt_object",
        /// Account link on another platform.
        public_username: String = "loose::opt_string",
        /// BCP-47 language.
        locale: String = "loose::opt_string",
        /// ISO 3166 country.
        country_code: String = "loose::opt_string",
        /// IANA time zone.
        time_zone: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A host in `host/fetch_all` (its access code is the digits here, not an object).
    HostSummary {
        /// Its id.
        host_id: i64 = "loose::opt_i64",
        /// Name.
        name: String = "loose::opt_string",
        /// Email.
        email: String = "loose::opt_string",
        /// Its meeting room.
        meeting_url: String = "loose::opt_string",
        /// Role.
        role: String = "loose::opt_string",
        /// Participants' access code.
        access_code: String = "loose::opt_string",
        /// Plan.
        plan_slug: String = "loose::opt_string",
        /// Add-ons.
        add_on_slugs: Vec<String> = "loose::opt_strings",
    }
);

items_answer!(
    /// The answer of `host/fetch_all`.
    HostList, items, HostSummary
);

loose_fields!(
    /// A past conference of a host (`host/conferences`; the detail output adds its subject and
    /// more).
    PastConference {
        /// Its id.
        conference_id: i64 = "loose::opt_i64",
        /// Start, in the asked time zone (UTC by default): "YYYY-MM-DD HH:MM:SS".
        start_time: String = "loose::opt_string",
        /// End.
        end_time: String = "loose::opt_string",
        /// Participants.
        total_participants: u32 = "loose::opt_u32",
        /// Minutes of all participants.
        total_participant_minutes: u32 = "loose::opt_u32",
        /// Its summary page.
        meeting_summary_url: String = "loose::opt_string",
        /// Subject (detail).
        subject: String = "loose::opt_string",
        /// Agenda (detail).
        agenda: String = "loose::opt_string",
        /// Whether it was cancelled (detail).
        cancelled: bool = "loose::opt_bool",
    }
);

/// One page of past conferences: all of them as the bare array the document shows, or, beyond
/// ten, `{ conferences, next_page }` (docs/api-notes.md).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct PastConferencePage {
    /// The conferences (`[]` when none).
    #[shape(always)]
    #[serde(alias = "items", default, deserialize_with = "crate::loose::items")]
    #[tsify(type = "PastConference[]")]
    pub conferences: Vec<PastConference>,
    /// The cursor of the next page (`page`), absent or null on the last.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub next_page: Option<String>,
}

loose_fields!(
    /// A call record: one participant's connection.
    IotumCdr {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// The conference.
        conference_id: i64 = "loose::opt_i64",
        /// The host.
        host_id: i64 = "loose::opt_i64",
        /// Host's name.
        host_name: String = "loose::opt_string",
        /// Host's email.
        host_email: String = "loose::opt_string",
        /// When the participant joined, in the asked time zone.
        start_time: String = "loose::opt_string",
        /// When the conference ended.
        end_time: String = "loose::opt_string",
        /// The participant.
        participant_id: i64 = "loose::opt_i64",
        /// Participant's name.
        participant_name: String = "loose::opt_string",
        /// Participant's email.
        participant_email: String = "loose::opt_string",
        /// The number called from.
        from: String = "loose::opt_string",
        /// The number called.
        to: String = "loose::opt_string",
        /// Minutes.
        minutes: u32 = "loose::opt_u32",
    }
);

items_answer!(
    /// The answer of `host/cdrs` (at most 100 records).
    IotumCdrList, items, IotumCdr
);

loose_fields!(
    /// A call the host is in now.
    ActiveCall {
        /// The conference.
        conference_id: i64 = "loose::opt_i64",
        /// Subject.
        subject: String = "loose::opt_string",
        /// Agenda.
        agenda: String = "loose::opt_string",
        /// Start, in the asked time zone.
        start_time: String = "loose::opt_string",
    }
);

items_answer!(
    /// The answer of `host/active_calls`.
    ActiveCallList, items, ActiveCall
);

/// The settings `host/create` and `host/update` share (after their own fields).
macro_rules! host_input {
    ($(#[doc = $doc:literal])* $name:ident { $($head:tt)* }) => {
        iotum_input!(
            $(#[doc = $doc])*
            $name {
                $($head)*
                /// Password to set (optional).
                password: Text optional,
                /// Send no welcome email.
                no_welcome_email: Flag optional,
                /// RESELLER_ADMIN (by Reseller Admins only), COMPANY_ADMIN or HOST (default).
                role: OneOf("RESELLER_ADMIN", "COMPANY_ADMIN", "HOST") optional,
                /// OpenID subject for single sign-on (contact Iotum first).
                openid_sub: Text optional,
                /// A custom moderator PIN (fails if taken).
                moderator_pin: Id optional,
                /// A custom access code (fails if taken).
                access_code: Id optional,
                /// Live streaming on.
                native_streaming: Flag optional,
                /// Record automatically: none (default), audio or video.
                auto_record: OneOf("none", "audio", "video") optional,
                /// Stream automatically: none (default), audio or video.
                auto_stream: OneOf("none", "audio", "video") optional,
                /// Recording or streaming also starts when the host joins.
                host_initiated_recording: Flag optional,
                /// Participants wait until the organiser lets them in.
                waiting_room: Flag optional,
                /// Preview clips and images while recording or streaming.
                stream_preview: Object("{ duration?: number; interval?: number; image_preview?: boolean }") optional,
                /// Exactly these subscriptions (an empty array unsubscribes all).
                subscription_ids: Ids optional,
                /// Instead of subscription_ids: the plan's slug.
                plan_slug: Text optional,
                /// Instead of subscription_ids: the add-ons' slugs.
                add_on_slugs: Texts optional,
                /// Emails to disable (true) or enable (false).
                disable_emails: Object("Partial<DisabledEmails>") optional,
                /// Account link on another platform.
                public_username: Text optional,
                /// Time display.
                time_format: Object("Partial<TimeFormat>") optional,
                /// No email/password sign-in (single sign-on only).
                no_login: Flag optional,
                /// BCP-47 language, e.g. "en-US".
                locale: Text optional,
                /// ISO 3166 country, e.g. "US".
                country_code: Text optional,
                /// IANA time zone.
                time_zone: Zone optional,
            }
        );
    };
}

host_input!(
    /// Input of `hostCreate`.
    HostCreateInput {
        /// The company (required of a Reseller Admin; a Company Admin's own otherwise).
        company_id: Id optional,
        /// The name shown in meetings.
        name: Text,
        /// Email: invitations, reminders and sign-in.
        email: Email,
    }
);

host_input!(
    /// Input of `hostUpdate`: the host and what changes.
    HostUpdateInput {
        /// The host.
        host_id: Id,
        /// A new name.
        name: Text optional,
        /// A new email.
        email: Email optional,
    }
);

iotum_input!(
    /// Input of the calls about one host.
    HostRef {
        /// The host.
        host_id: Id,
    }
);

iotum_input!(
    /// Input of `hostFetchAll`.
    HostQuery {
        /// The company (required of a Reseller Admin; a Company Admin's own otherwise).
        company_id: Id optional,
    }
);

iotum_input!(
    /// Input of `hostConferences`.
    PastConferenceQuery {
        /// The host.
        host_id: Id,
        /// summary (default) or detail.
        output: OneOf("summary", "detail") optional,
        /// The zone of the dates and of the answer's times (default UTC).
        time_zone: Zone optional,
        /// From this day.
        start_date: Day optional,
        /// To this day.
        end_date: Day optional,
        /// The cursor of a next page (the answer's `next_page`).
        page: Text optional,
    }
);

iotum_input!(
    /// Input of `hostCdrs`.
    IotumCdrQuery {
        /// The host.
        host_id: Id,
        /// One conference's only.
        conference_id: Id optional,
        /// The zone of the dates and of the answer's times (default UTC).
        time_zone: Zone optional,
        /// From this day.
        start_date: Day optional,
        /// To this day.
        end_date: Day optional,
    }
);

iotum_input!(
    /// Input of `hostActiveCalls`.
    ActiveCallQuery {
        /// The host.
        host_id: Id,
        /// The zone of the answer's times (default UTC).
        time_zone: Zone optional,
    }
);

/// Creates a host; the answer is the host with its access code, PIN and links.
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/create", body_token, client = IotumClient, js = hostCreate, answer = Host)]
pub fn create<T: Tree>(#[js(type = "HostCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, HostCreateInput::body)
}

/// Reads a host. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/fetch", body_token, read, client = IotumClient, js = hostFetch, answer = Host)]
pub fn fetch<T: Tree>(#[js(type = "HostRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH, input, HostRef::body)
}

/// Changes a host's fields; the answer is the host. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/update", body_token, client = IotumClient, js = hostUpdate, answer = Host)]
pub fn update<T: Tree>(#[js(type = "HostUpdateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&UPDATE, input, HostUpdateInput::body)
}

/// Deletes a host (the server answers 202 and works on). ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/delete", body_token, client = IotumClient, js = hostDelete, answer = super::Ack)]
pub fn delete<T: Tree>(#[js(type = "HostRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DELETE, input, HostRef::body)
}

/// Sends the host its welcome email again. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/resend_invitation", body_token, client = IotumClient, js = hostResendInvitation, answer = super::Ack)]
pub fn resend_invitation<T: Tree>(#[js(type = "HostRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&RESEND_INVITATION, input, HostRef::body)
}

/// Sends the host a password reset email. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/reset_password", body_token, client = IotumClient, js = hostResetPassword, answer = super::Ack)]
pub fn reset_password<T: Tree>(#[js(type = "HostRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&RESET_PASSWORD, input, HostRef::body)
}

/// One page of the host's past conferences (`next_page` is the cursor of the next).
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/conferences", body_token, read, client = IotumClient, js = hostConferences, answer = PastConferencePage)]
pub fn conferences<T: Tree>(#[js(type = "PastConferenceQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&CONFERENCES, query, PastConferenceQuery::body)
}

/// The host's call records: each participant's connection (at most 100). ResellerAdmin /
/// CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/cdrs", body_token, read, client = IotumClient, js = hostCdrs, answer = IotumCdrList.items)]
pub fn cdrs<T: Tree>(#[js(type = "CdrQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&CDRS, query, IotumCdrQuery::body)
}

/// The calls the host is in now. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/active_calls", body_token, read, client = IotumClient, js = hostActiveCalls, answer = ActiveCallList.items)]
pub fn active_calls<T: Tree>(#[js(type = "ActiveCallQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&ACTIVE_CALLS, query, ActiveCallQuery::body)
}

/// Every host of a company, in brief. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/host/fetch_all", body_token, read, client = IotumClient, js = hostFetchAll, answer = HostList.items)]
pub fn fetch_all<T: Tree>(#[js(type = "HostQuery", optional)] query: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_ALL, query, HostQuery::body)
}
