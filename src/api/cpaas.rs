//! The CPaaS project API (`https://api.enablex.io/cpaas`, `cpaas-projects-api.txt`): projects,
//! their keys, and their video, voice, SMS and video-embed settings. HTTP Basic with an app id
//! and key (`CpaasClient`, the server build only). Its result codes are a table of their own
//! (`ucaas_codes::cpaas`).

use super::list::{CheckedQuery, ListSpec, Obj};
use super::{json_of, Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{cpaas_code, Code};

// ----- answers

loose_fields!(
    /// The services a project includes.
    ProjectServices {
        /// Video.
        video: bool = "loose::opt_bool",
        /// SMS.
        sms: bool = "loose::opt_bool",
        /// Voice.
        voice: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// A SIP integration: the host and its servers.
    Sip {
        /// SIP server URL.
        server_url: String = "loose::opt_string",
        /// User name.
        username: String = "loose::opt_string",
        /// Password.
        password: String = "loose::opt_string",
        /// Signalling servers.
        sig_servers: Vec<String> = "loose::opt_strings",
        /// Media servers.
        media_servers: Vec<String> = "loose::opt_strings",
    }
);

loose_fields!(
    /// A phone number of a telephone integration.
    PhoneNumber {
        /// Takes incoming calls.
        r#in: bool = "loose::opt_bool",
        /// Makes outgoing calls.
        out: bool = "loose::opt_bool",
        /// Country.
        country: String = "loose::opt_string",
        /// Country dialling code.
        country_code: String = "loose::opt_string",
        /// The number.
        phone: String = "loose::opt_string",
        /// Toll number.
        toll: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// Which recording files are delivered, and whether they are deleted after delivery.
    RecordingFiles {
        /// One file per participant.
        record_individual: bool = "loose::opt_bool",
        /// The transcoded (mixed) file.
        record_transcoded: bool = "loose::opt_bool",
        /// Meta data.
        meta: bool = "loose::opt_bool",
        /// Transcription.
        transcription: bool = "loose::opt_bool",
        /// Text chat.
        text_chat: bool = "loose::opt_bool",
        /// Delete after delivery.
        delete: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// Where a watermark sits.
    WatermarkAlign {
        /// Horizontal alignment.
        horz: String = "loose::opt_string",
        /// Vertical alignment.
        vert: String = "loose::opt_string",
        /// Horizontal offset.
        offset_x: f64 = "loose::opt_number",
        /// Vertical offset.
        offset_y: f64 = "loose::opt_number",
    }
);

/// The watermark image of a media zone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct WatermarkImage {
    /// The media zone (`IN`, `DE`, `US`, `SG`).
    pub zone: String,
    /// The image's path.
    pub path: String,
}

/// `deserialize_with` of the `img_path` map (`{ "IN": "…" }`) into a list.
fn image_paths<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<WatermarkImage>>, D::Error> {
    let map = loose::opt_map::<_, Loose>(d)?;
    Ok(map.map(|m| m.into_iter().filter_map(|(zone, v)| Some(WatermarkImage { zone, path: v.to_text()? })).collect()))
}

loose_fields!(
    /// The watermark of recordings.
    Watermark {
        /// On.
        enabled: bool = "loose::opt_bool",
        /// The image per media zone (the API's `{ zone: path }` map, as a list).
        #[shape(pairs("zone", "path", Text))]
        img_path: Vec<WatermarkImage> = "image_paths",
        /// Opacity.
        opacity: f64 = "loose::opt_number",
        /// Where it sits.
        align: WatermarkAlign = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// Recording settings.
    Recording {
        /// Which files.
        files: RecordingFiles = "crate::loose::opt_object",
        /// The watermark.
        watermark: Watermark = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// Delivery of recordings to a server (FTP or SCP).
    FileDelivery {
        /// Opted in.
        opted: bool = "loose::opt_bool",
        /// How often.
        periodicity: String = "loose::opt_string",
        /// More on how often.
        periodicity_ex: String = "loose::opt_string",
        /// Protocol (FTP).
        protocol: String = "loose::opt_string",
        /// Encryption (FTP).
        encryption: String = "loose::opt_string",
        /// Host.
        host: String = "loose::opt_string",
        /// Port.
        port: u32 = "loose::opt_u32",
        /// User name.
        username: String = "loose::opt_string",
        /// Password.
        password: String = "loose::opt_string",
        /// Path on the host.
        path: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Where recordings are delivered.
    RecordingDelivery {
        /// By FTP.
        ftp: FileDelivery = "crate::loose::opt_object",
        /// By SCP.
        scp: FileDelivery = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// A project's video service.
    VideoSettings {
        /// Webhook notification URL.
        notification_url: String = "loose::opt_string",
        /// The media zones sessions are hosted in.
        media_zone: Vec<String> = "loose::opt_strings",
        /// SIP integration.
        sip: Sip = "crate::loose::opt_object",
        /// Telephone integration.
        phone: Vec<PhoneNumber> = "crate::loose::opt_items",
        /// Recording.
        recording: Recording = "crate::loose::opt_object",
        /// Recording delivery.
        recording_delivery: RecordingDelivery = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// A webhook of the SMS service.
    SmsWebhook {
        /// URL.
        url: String = "loose::opt_string",
        /// Authenticated.
        auth: bool = "loose::opt_bool",
        /// User name.
        username: String = "loose::opt_string",
        /// Password.
        password: String = "loose::opt_string",
    }
);

loose_fields!(
    /// The default SMS settings.
    SmsDefault {
        /// Sender name.
        sender_name: String = "loose::opt_string",
        /// Long code.
        long_code: String = "loose::opt_string",
        /// Short code.
        short_code: String = "loose::opt_string",
        /// Keyword.
        keyword: String = "loose::opt_string",
        /// Webhook of incoming messages.
        in_webhook: SmsWebhook = "crate::loose::opt_object",
        /// Webhook of delivery reports.
        delivery_webhook: SmsWebhook = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// A project's SMS service.
    SmsSettings {
        /// Incoming messages on.
        incoming: bool = "loose::opt_bool",
        /// Outgoing messages on.
        outgoing: bool = "loose::opt_bool",
        /// Defaults.
        default: SmsDefault = "crate::loose::opt_object",
    }
);

loose_fields!(
    /// How incoming voice calls are answered.
    VoiceInbound {
        /// Event URL.
        event_url: String = "loose::opt_string",
        /// Welcome text.
        welcome_text: String = "loose::opt_string",
        /// Voice type.
        voice_type: String = "loose::opt_string",
        /// Language.
        language: String = "loose::opt_string",
        /// Record automatically.
        auto_record: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// A project's voice service.
    VoiceSettings {
        /// Incoming calls on.
        r#in: bool = "loose::opt_bool",
        /// Outgoing calls on.
        out: bool = "loose::opt_bool",
        /// SIP integration.
        sip: Sip = "crate::loose::opt_object",
        /// Incoming calls.
        inbound: VoiceInbound = "crate::loose::opt_object",
        /// Webhook notification URL.
        notification_url: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A project. `app_id` and `app_key` are its credentials (the Basic user name and password):
    /// answers that carry `app_key` (get, add, reset) are returned to the caller only.
    Project {
        @required {
            /// The project's app id (the Basic user name of its API calls).
            app_id: String = "loose::string",
        }
        /// The project's app key (the Basic password): a secret.
        app_key: String = "loose::opt_string",
        /// Name.
        app_name: String = "loose::opt_string",
        /// Owner.
        customer_id: String = "loose::opt_string",
        /// Owner's name.
        customer_name: String = "loose::opt_string",
        /// Category (the datapool's).
        category_id: String = "loose::opt_string",
        /// Category's name.
        category_name: String = "loose::opt_string",
        /// Short description.
        short_desc: String = "loose::opt_string",
        /// Description.
        description: String = "loose::opt_string",
        /// The services it includes.
        services_incl: ProjectServices = "crate::loose::opt_object",
        /// Video settings.
        video: VideoSettings = "crate::loose::opt_object",
        /// SMS settings.
        sms: SmsSettings = "crate::loose::opt_object",
        /// Voice settings.
        voice: VoiceSettings = "crate::loose::opt_object",
        /// Status.
        status: String = "loose::opt_string",
        /// More on the status.
        status_ex: String = "loose::opt_string",
        /// Created (the API's date text).
        created_at: String = "loose::opt_string",
        /// Last changed.
        updated_at: String = "loose::opt_string",
        /// Suspended.
        suspended_at: String = "loose::opt_string",
    }
);

list_answer!(
    /// One page of projects.
    ProjectList, projects, Project
);

/// The answer of get and add: `{ project }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Shaped)]
pub struct ProjectAnswer {
    /// The project.
    #[serde(deserialize_with = "crate::loose::object")]
    pub project: Project,
}

/// The answer of edit, key reset and the settings: `{ msg, project }` (the edit and settings
/// examples call the object `user`: read under either key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Shaped)]
pub struct ProjectChange {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub msg: Option<String>,
    /// The project (its id and name; after a key reset, its new key too).
    #[serde(alias = "user", deserialize_with = "crate::loose::object")]
    pub project: Project,
}

loose_fields!(
    /// The video room a project's embed settings made, with its links.
    EmbedRoom {
        @required {
            /// Room id.
            room_id: String = "loose::string",
        }
        /// Participants' link.
        participant_meeting_url: String = "loose::opt_string",
        /// Hosts' link.
        host_meeting_url: String = "loose::opt_string",
        /// Participants' `<iframe>`.
        participant_iframe_embed: String = "loose::opt_string",
        /// Moderators' `<iframe>`.
        moderator_iframe_embed: String = "loose::opt_string",
    }
);

/// The answer of `configureVideoEmbed`: the change and the room it made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Shaped)]
pub struct VideoEmbedChange {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub msg: Option<String>,
    /// The project (id and name).
    #[serde(alias = "user", deserialize_with = "crate::loose::object")]
    pub project: Project,
    /// The embedded room and its links.
    #[serde(default, deserialize_with = "crate::loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room: Option<EmbedRoom>,
}

answers!(ProjectList, ProjectAnswer, ProjectChange, VideoEmbedChange);

// ----- inputs

loose_input!(
    /// The services of a project input.
    ServicesInput {
        /// Video.
        video: "boolean" optional,
        /// SMS.
        sms: "boolean" optional,
        /// Voice.
        voice: "boolean" optional,
    }
);

/// Input of `addProject`, and (every field optional) of `updateProject`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct ProjectInput {
    /// The owner, for an administrator or reseller (else the caller's own account).
    #[tsify(optional, type = "string")]
    pub customer_id: Loose,
    /// Name (required to add).
    #[tsify(type = "string")]
    pub app_name: Loose,
    /// Category: the datapool's category id (required to add; 1008).
    #[tsify(type = "string")]
    pub category_id: Loose,
    /// Short description.
    #[tsify(optional, type = "string")]
    pub short_desc: Loose,
    /// Description.
    #[tsify(optional, type = "string")]
    pub description: Loose,
    /// Status (edit only).
    #[tsify(optional, type = "string")]
    pub status: Loose,
    /// The services it includes: at least one `true` (1009; required to add).
    pub services_incl: Option<ServicesInput>,
}

/// `updateProject`'s input: any fields of [`ProjectInput`].
pub type ProjectPatch = ProjectInput;

impl Input for ProjectInput {
    /// Reads the input the way its `Deserialize` does; `services_incl` that is not an object is
    /// 1009.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let services_incl = match v.get("services_incl") {
            None => None,
            Some(s) if s.is_object() => Some(ServicesInput::read(&s)),
            Some(_) => return Err(Error::validation(cpaas_code!(1009), "services_incl")),
        };
        Ok(Self {
            customer_id: loose(v, "customer_id"),
            app_name: loose(v, "app_name"),
            category_id: loose(v, "category_id"),
            short_desc: loose(v, "short_desc"),
            description: loose(v, "description"),
            status: loose(v, "status"),
            services_incl,
        })
    }
}

/// What a settings field must be (the documents give no codes for these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A string.
    Text,
    /// A boolean.
    Flag,
    /// An object (passed on as given).
    Object,
    /// An array (passed on as given).
    List,
    /// An array of strings.
    Texts,
}

/// A settings input: its TypeScript type (a struct for tsify) and its field table, from one
/// list. The body sent is the caller's object as JSON once the listed fields have their kinds
/// (fields the list does not know are passed on: the settings are wide and grow).
macro_rules! settings_input {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $expect:ident $ts:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[tsify(optional, type = $ts)]
                pub $field: Loose,
            )*
        }

        impl $name {
            /// The fields and what each must be.
            pub const FIELDS: &'static [(&'static str, Expect)] =
                &[$((crate::shape::strip_raw(stringify!($field)), Expect::$expect)),*];
        }
    };
}

settings_input!(
    /// Input of `configureVideo`: the video settings to change.
    VideoSettingsInput {
        /// Webhook notification URL.
        notification_url: Text "string",
        /// Media zones.
        media_zone: Texts "string[]",
        /// SIP integration.
        sip: Object "Partial<Sip>",
        /// Telephone integration.
        phone: List "Partial<PhoneNumber>[]",
        /// Encryption.
        encryption: Object "{ encryption_key?: string }",
        /// Recording: files, watermark (`img_path` as `{ zone: path }`), delivery (ftp, scp, s3, gdrive, azure).
        recording: Object "{ files?: Partial<RecordingFiles>; watermark?: { enabled?: boolean; img_path?: Record<string, string>; opacity?: number; align?: Partial<WatermarkAlign> }; delivery?: Record<string, Record<string, unknown>> }",
    }
);

settings_input!(
    /// Input of `configureVoice`: the voice settings to change.
    VoiceSettingsInput {
        /// Incoming calls on.
        r#in: Flag "boolean",
        /// Outgoing calls on.
        out: Flag "boolean",
        /// SIP integration.
        sip: Object "Partial<Sip>",
        /// Incoming calls.
        inbound: Object "Partial<VoiceInbound>",
        /// Phone numbers.
        phone: List "Partial<PhoneNumber>[]",
        /// Webhook notification URL.
        notification_url: Text "string",
    }
);

settings_input!(
    /// Input of `configureSms`: the SMS settings to change.
    SmsSettingsInput {
        /// Incoming messages on.
        incoming: Flag "boolean",
        /// Outgoing messages on.
        outgoing: Flag "boolean",
        /// Defaults: sender, codes, keyword, webhooks.
        default: Object "{ sender_name?: string; long_code?: string; short_code?: string; keyword?: string; in_webhook?: Partial<SmsWebhook>; delivery_webhook?: Partial<SmsWebhook> }",
    }
);

settings_input!(
    /// Input of `configureVideoEmbed`: the embedded video room's settings to change.
    VideoEmbedInput {
        /// Its sub-domain: lower-case letters, digits and inner hyphens, 3 to 63 (1110).
        subdomain: Text "string",
        /// Embed template.
        embed_template_id: Text "string",
        /// Access mode (`{ iframe: { enabled, iframing_hosts } }`).
        access_mode: Object "{ iframe?: { enabled?: boolean; iframing_hosts?: string[] } }",
        /// Where participants go on leaving.
        exit_url: Text "string",
        /// The room's options (recording, invite, chat, toolbar setup, …: the document's list).
        options: Object "Record<string, unknown>",
    }
);

loose_input!(
    /// Query of `listProjects` / `projects()`. Every key is optional.
    ProjectQuery {
        /// Page number, from 1 (1101).
        page: "number" optional,
        /// Projects per page (1102).
        page_length: "number" optional,
        /// Field to search (needs `search_string`).
        search_by: "string" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` or `desc` (1105).
        order_qualify: "\"asc\" | \"desc\"" optional,
        /// One customer's projects (administrators, resellers).
        customer_id: "string" optional,
    }
);

// ----- requests

/// The project list route (its query checked by [`check_list`]: the list rules with CPaaS codes).
#[endpoint(list, client = CpaasClient, check = check_list, js = listProjects, each = projects, query = ProjectQuery, answer = ProjectList.projects)]
pub const LIST: ListSpec = ListSpec {
    path: "/projects",
    search_by: &[],
    filters: &["customer_id"],
    dates: &[],
    choices: &[],
    app_type: false,
};

/// The list rules of [`super::list::check`], reported with the CPaaS codes: page 1101,
/// page_length 1102, order_qualify 1105 (the others have none in the document).
pub fn check_list<T: Tree>(v: Option<&T>, spec: &ListSpec) -> Result<CheckedQuery, Error> {
    super::list::check(v, spec).map_err(|e| match e.code {
        Some(2608) => Error::validation(cpaas_code!(1101), "page"),
        Some(2501) => Error::validation(cpaas_code!(1102), "page_length"),
        Some(2604) => Error::validation(cpaas_code!(1105), "order_qualify"),
        _ => Error { code: None, ..e },
    })
}

/// Reads a project with its settings and its key.
#[endpoint(GET "/projects/{app_id}", basic, client = CpaasClient, js = getProject, answer = ProjectAnswer.project)]
pub fn get(app_id: &str) -> Result<Request, Error> {
    GET.request_with(&[app_id])
}

/// Adds a project; the answer carries its new app id and key.
#[endpoint(POST "/projects", basic, client = CpaasClient, js = addProject, answer = ProjectAnswer.project)]
pub fn add(input: &ProjectInput) -> Result<Request<Value>, Error> {
    let mut body = Obj::default();
    body.put("customer_id", text(&input.customer_id, "customer_id")?)
        .put("app_name", Some(required(&input.app_name, "app_name", Code::NONE)?))
        .put("category_id", Some(required(&input.category_id, "category_id", cpaas_code!(1008))?))
        .put("short_desc", text(&input.short_desc, "short_desc")?)
        .put("description", text(&input.description, "description")?)
        .put("services_incl", Some(services(input.services_incl.as_ref())?));
    Ok(ADD.request().with_body(body.done()))
}

/// Changes a project's fields (the document's edit is a POST).
#[endpoint(POST "/projects/{app_id}", basic, client = CpaasClient, js = updateProject, answer = ProjectChange)]
pub fn update(app_id: &str, #[js(type = "Partial<ProjectInput>")] patch: &ProjectPatch) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[app_id])?;
    let mut body = Obj::default();
    body.put("app_name", text(&patch.app_name, "app_name")?)
        .put("category_id", text(&patch.category_id, "category_id")?)
        .put("short_desc", text(&patch.short_desc, "short_desc")?)
        .put("description", text(&patch.description, "description")?)
        .put("status", text(&patch.status, "status")?);
    if patch.services_incl.is_some() {
        body.put("services_incl", Some(services(patch.services_incl.as_ref())?));
    }
    Ok(req.with_body(body.changes("app_name")?))
}

/// Makes a new app key for a project: the old one stops working at once. The answer carries the
/// new key.
#[endpoint(POST "/projects/{app_id}/reset_key", basic, client = CpaasClient, js = resetProjectKey, answer = ProjectChange)]
pub fn reset_key(app_id: &str) -> Result<Request, Error> {
    RESET_KEY.request_with(&[app_id])
}

/// Changes a project's video settings (the keys given).
#[endpoint(PATCH "/projects/{app_id}/video", basic, client = CpaasClient, js = configureVideo, answer = ProjectChange)]
pub fn configure_video<T: Tree>(
    app_id: &str,
    #[js(type = "VideoSettingsInput")] settings: &T,
) -> Result<Request<Value>, Error> {
    let req = CONFIGURE_VIDEO.request_with(&[app_id])?;
    Ok(req.with_body(settings_body(settings, VideoSettingsInput::FIELDS)?))
}

/// Changes a project's voice settings (the keys given).
#[endpoint(PATCH "/projects/{app_id}/voice", basic, client = CpaasClient, js = configureVoice, answer = ProjectChange)]
pub fn configure_voice<T: Tree>(
    app_id: &str,
    #[js(type = "VoiceSettingsInput")] settings: &T,
) -> Result<Request<Value>, Error> {
    let req = CONFIGURE_VOICE.request_with(&[app_id])?;
    Ok(req.with_body(settings_body(settings, VoiceSettingsInput::FIELDS)?))
}

/// Changes a project's SMS settings (the keys given).
#[endpoint(PATCH "/projects/{app_id}/sms", basic, client = CpaasClient, js = configureSms, answer = ProjectChange)]
pub fn configure_sms<T: Tree>(
    app_id: &str,
    #[js(type = "SmsSettingsInput")] settings: &T,
) -> Result<Request<Value>, Error> {
    let req = CONFIGURE_SMS.request_with(&[app_id])?;
    Ok(req.with_body(settings_body(settings, SmsSettingsInput::FIELDS)?))
}

/// Changes a project's embedded video room (the keys given); its sub-domain must be free (1111,
/// the server's answer).
#[endpoint(PATCH "/projects/{app_id}/video-embed", basic, client = CpaasClient, js = configureVideoEmbed, answer = VideoEmbedChange)]
pub fn configure_video_embed<T: Tree>(
    app_id: &str,
    #[js(type = "VideoEmbedInput")] settings: &T,
) -> Result<Request<Value>, Error> {
    let req = CONFIGURE_VIDEO_EMBED.request_with(&[app_id])?;
    if let Some(sub) = loose(settings, "subdomain").as_str() {
        if !is_subdomain(sub) {
            return Err(Error::validation(cpaas_code!(1110), "subdomain"));
        }
    }
    Ok(req.with_body(settings_body(settings, VideoEmbedInput::FIELDS)?))
}

/// A DNS label of 3 to 63 characters: lower-case letters, digits, and hyphens not at either end.
pub fn is_subdomain(s: &str) -> bool {
    let b = s.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
}

/// An optional text field; another type is a validation error.
fn text(v: &Loose, field: &'static str) -> Result<Option<String>, Error> {
    crate::validate::text(v, field, None, Code::NONE, (0, Code::NONE), (0, Code::NONE))
}

/// A required text field: `missing` when absent (or a plain error when the document has no code).
fn required(v: &Loose, field: &'static str, missing: Code) -> Result<String, Error> {
    text(v, field)?.ok_or_else(|| {
        if missing == Code::NONE {
            Error::invalid(field, format!("{field} is required."))
        } else {
            Error::validation(missing, field)
        }
    })
}

/// `services_incl`: at least one service `true` (1009); each a boolean.
fn services(v: Option<&ServicesInput>) -> Result<Value, Error> {
    let v = v.ok_or_else(|| Error::validation(cpaas_code!(1009), "services_incl"))?;
    let mut body = Obj::default();
    for (key, flag) in [("video", &v.video), ("sms", &v.sms), ("voice", &v.voice)] {
        body.put(key, crate::validate::opt_flag(flag, key, cpaas_code!(1009))?);
    }
    let any = body.0.values().any(|f| f == &Value::Bool(true));
    if !any {
        return Err(Error::validation(cpaas_code!(1009), "services_incl"));
    }
    Ok(body.done())
}

/// The settings object as the JSON body, once each listed field has its kind.
fn settings_body<T: Tree>(settings: &T, fields: &[(&'static str, Expect)]) -> Result<Value, Error> {
    if !settings.is_object() {
        return Err(Error::invalid("settings", "The settings must be an object."));
    }
    for &(key, expect) in fields {
        let Some(v) = settings.get(key) else { continue };
        let ok = match expect {
            Expect::Text => v.scalar().as_str().is_some(),
            Expect::Flag => matches!(v.scalar(), Loose::Bool(_)),
            Expect::Object => v.is_object(),
            Expect::List => v.items().is_some(),
            Expect::Texts => v.items().is_some_and(|items| items.iter().all(|i| i.scalar().as_str().is_some())),
        };
        if !ok {
            let what = match expect {
                Expect::Text => "a string",
                Expect::Flag => "a boolean",
                Expect::Object => "an object",
                Expect::List => "an array",
                Expect::Texts => "an array of strings",
            };
            return Err(Error::invalid(key, format!("{key} must be {what}.")));
        }
    }
    let body = json_of(settings);
    if body.as_object().is_some_and(|m| m.is_empty()) {
        return Err(Error::invalid("settings", "The settings change nothing: give at least one field."));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Auth, Method};
    use crate::shape::{self, Shaped};
    use serde_json::json;

    fn input(v: Value) -> Result<ProjectInput, Error> {
        ProjectInput::read(&v)
    }

    fn valid() -> Value {
        json!({"app_name": "Clinic", "category_id": "cat-health", "services_incl": {"video": true}})
    }

    #[test]
    fn add_sends_the_documented_body_over_basic() {
        let r = add(&input(valid()).unwrap()).unwrap();
        assert_eq!((r.method, r.auth, r.path_and_query()), (Method::Post, Auth::Basic, "/projects".to_owned()));
        assert_eq!(
            r.body.unwrap(),
            json!({"app_name": "Clinic", "category_id": "cat-health", "services_incl": {"video": true}})
        );
    }

    #[test]
    fn add_refuses_what_the_codes_say_before_sending() {
        let code = |v: Value| input(v).and_then(|i| add(&i).map(|_| ())).unwrap_err().code;
        let mut no_category = valid();
        no_category.as_object_mut().unwrap().remove("category_id");
        assert_eq!(code(no_category), Some(1008));
        assert_eq!(code(json!({"app_name": "A", "category_id": "c"})), Some(1009));
        assert_eq!(code(json!({"app_name": "A", "category_id": "c", "services_incl": {"video": false}})), Some(1009));
        assert_eq!(code(json!({"app_name": "A", "category_id": "c", "services_incl": "video"})), Some(1009));
        assert_eq!(code(json!({"app_name": "A", "category_id": "c", "services_incl": {"sms": "yes"}})), Some(1009));
        let e = input(json!({"category_id": "c", "services_incl": {"sms": true}})).and_then(|i| add(&i)).unwrap_err();
        assert_eq!(e.field, Some("app_name"));
    }

    #[test]
    fn edit_is_a_post_with_the_changes_only() {
        let r = update("app 1", &input(json!({"status": "A"})).unwrap()).unwrap();
        assert_eq!((r.method, r.path_and_query()), (Method::Post, "/projects/app%201".to_owned()));
        assert_eq!(r.body.unwrap(), json!({"status": "A"}));
        assert!(update("a", &input(json!({})).unwrap()).is_err(), "nothing to change");
    }

    #[test]
    fn settings_pass_the_object_on_once_its_fields_have_their_kinds() {
        let video = json!({"notification_url": "https://h.test/n", "media_zone": ["IN"], "recording": {"files": {"meta": true},
            "delivery": {"ftp": {"port": 21}}, "watermark": {"opacity": 0.5}}});
        let r = configure_video("a", &video).unwrap();
        assert_eq!((r.method, r.path_and_query()), (Method::Patch, "/projects/a/video".to_owned()));
        let body = r.body.unwrap();
        assert_eq!(body, video);
        assert!(body.to_string().contains("\"port\":21}"), "a whole number stays whole: {body}");
        assert_eq!(configure_video("a", &json!({"media_zone": "IN"})).unwrap_err().field, Some("media_zone"));
        assert_eq!(configure_voice("a", &json!({"in": "yes"})).unwrap_err().field, Some("in"));
        assert_eq!(configure_sms("a", &json!({"default": []})).unwrap_err().field, Some("default"));
        assert!(configure_sms("a", &json!({})).is_err(), "nothing to change");
        assert!(configure_sms("a", &json!([])).is_err(), "not an object");
        assert_eq!(configure_video_embed("a", &json!({"subdomain": "-bad"})).unwrap_err().code, Some(1110));
        assert_eq!(configure_video_embed("a", &json!({"subdomain": "Clinic"})).unwrap_err().code, Some(1110));
        assert!(configure_video_embed("a", &json!({"subdomain": "clinic-1"})).is_ok());
    }

    #[test]
    fn list_rules_carry_the_cpaas_codes() {
        let q = |v: Value| check_list(Some(&v), &LIST).map_err(|e| e.code);
        assert_eq!(q(json!({"page": 0})), Err(Some(1101)));
        assert_eq!(q(json!({"page_length": "x"})), Err(Some(1102)));
        assert_eq!(q(json!({"order_qualify": "up"})), Err(Some(1105)));
        assert_eq!(q(json!({"search_by": "app_name"})), Err(None));
        let ok = check_list(Some(&json!({"page": 2, "customer_id": "c-acme"})), &LIST).unwrap();
        assert_eq!(super::super::list::request(&LIST, &ok).path_and_query(), "/projects?page=2&customer_id=c-acme");
    }

    #[test]
    fn the_change_answer_is_read_under_user_or_project() {
        for key in ["user", "project"] {
            let v = json!({"result": 1, "msg": "done", key: {"app_id": "a1", "app_name": "N"}});
            let typed: ProjectChange = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(typed.project.app_id, "a1");
            assert_eq!(shape::decode(&v, ProjectChange::SHAPE).unwrap(), serde_json::to_value(&typed).unwrap());
        }
    }

    #[test]
    fn settings_tables_list_the_declared_fields() {
        // The TypeScript struct and the field table come from one list: each table names its
        // struct's members.
        use tsify::Tsify;
        for (decl, fields) in [
            (VideoSettingsInput::DECL, VideoSettingsInput::FIELDS),
            (VoiceSettingsInput::DECL, VoiceSettingsInput::FIELDS),
            (SmsSettingsInput::DECL, SmsSettingsInput::FIELDS),
            (VideoEmbedInput::DECL, VideoEmbedInput::FIELDS),
        ] {
            for (key, _) in fields {
                assert!(decl.contains(&format!("{key}?:")), "{key} not in {decl}");
            }
        }
    }
}
