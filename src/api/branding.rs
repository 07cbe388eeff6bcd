//! Branding (`GET /branding`): needs only `X-Api-Id`.

use super::list::Obj;
use super::{Form, Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::Code;

/// Which branding to fetch: at least one of the three. Domain branding is overridden by the
/// customer's, and that by the meeting's.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct BrandingQuery {
    /// Host domain of the meeting application.
    #[serde(deserialize_with = "loose::opt_string")]
    #[tsify(optional)]
    pub domain: Option<String>,
    /// Customer id of the domain owner.
    #[serde(deserialize_with = "loose::opt_string")]
    #[tsify(optional)]
    pub customer_id: Option<String>,
    /// Meeting id of the session.
    #[serde(deserialize_with = "loose::opt_string")]
    #[tsify(optional)]
    pub meeting_id: Option<String>,
}

impl Input for BrandingQuery {
    /// Reads the query object the way its `Deserialize` does.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        Ok(Self {
            domain: loose(v, "domain").to_text(),
            customer_id: loose(v, "customer_id").to_text(),
            meeting_id: loose(v, "meeting_id").to_text(),
        })
    }
}

/// Fetches branding for a domain, customer or meeting (at least one of them); needs no login.
#[endpoint(GET "/branding", js = getBranding, answer = Branding)]
pub fn get(query: BrandingQuery) -> Result<Request, Error> {
    let mut req = GET.request();
    for (key, value) in [("domain", query.domain), ("customer_id", query.customer_id), ("meeting_id", query.meeting_id)]
    {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            req = req.param(key, v);
        }
    }
    if req.query.is_empty() {
        return Err(Error::invalid("domain", "Give at least one of domain, customer_id or meeting_id."));
    }
    Ok(req)
}

loose_fields!(
    /// Heading and text of the login page.
    LoginPage {
        /// Heading.
        heading: String = "loose::opt_string",
        /// Text below the heading.
        content: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Terms of service links.
    Tos {
        /// Whether to show them.
        enabled: bool = "loose::opt_bool",
        /// Terms URL.
        terms_url: String = "loose::opt_string",
        /// Privacy policy URL.
        privacy_url: String = "loose::opt_string",
    }
);

loose_fields!(
    /// "Powered by" credits.
    Credits {
        /// Whether to show them.
        enabled: bool = "loose::opt_bool",
        /// Name.
        name: String = "loose::opt_string",
        /// Logo URL.
        logo_url: String = "loose::opt_string",
        /// Link target.
        target_url: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Features offered in sessions.
    Options {
        /// Live streaming.
        live_streaming: bool = "loose::opt_bool",
        /// Screen sharing.
        screenshare: bool = "loose::opt_bool",
        /// Whiteboard.
        whiteboard: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// Sender of the application's emails.
    EmailSettings {
        /// From address.
        from_email: String = "loose::opt_string",
        /// From name.
        from_name: String = "loose::opt_string",
        /// Reply-to address.
        replyto_email: String = "loose::opt_string",
        /// Template name.
        template: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Checks the application makes of callers.
    ApiSettings {
        /// Whether the referrer is checked.
        referrer_check: bool = "loose::opt_bool",
        /// Allowed referrer domain.
        referrer_domain: String = "loose::opt_string",
        /// Whether `user_ref` is checked.
        user_ref_check: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// Validation messages of a login form field.
    FieldMessages {
        /// When the field is missing.
        required: String = "loose::opt_string",
        /// When the email is malformed.
        email: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A field of the join form.
    FormField {
        /// Label.
        label: String = "loose::opt_string",
        /// Input type.
        r#type: String = "loose::opt_string",
        /// Maximum length.
        length: u32 = "loose::opt_u32",
        /// Whether it is required.
        required: bool = "loose::opt_bool",
        /// Whether it identifies the user.
        id: bool = "loose::opt_bool",
        /// Position in the form.
        order: u32 = "loose::opt_u32",
        /// Validation messages.
        messages: FieldMessages = "crate::api::branding::opt_object",
    }
);

loose_fields!(
    /// A meeting's login (landing) page branding (set with `POST /meetings/{id}/branding`).
    LoginBranding {
        /// Banner image URL.
        banner: String = "loose::opt_string",
        /// Video file URL.
        video_file: String = "loose::opt_string",
        /// Video embed code: HTML from the server. Never insert it into a page unsandboxed.
        video_embed: String = "loose::opt_string",
        /// Headline.
        headline: String = "loose::opt_string",
        /// Description.
        desc: String = "loose::opt_string",
        /// Click-through URL.
        target_url: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A meeting's session page branding.
    SessionBranding {
        /// Small banner URL.
        banner_small: String = "loose::opt_string",
        /// Big banner URL.
        banner_big: String = "loose::opt_string",
        /// Click-through URL.
        target_url: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Branding of one application (`vc` video meeting or `wb` webinar). URLs are as the server
    /// sent them: check their scheme before putting them in a page.
    AppBranding {
        /// Whether branding is enabled.
        enabled: bool = "loose::opt_bool",
        /// Product name.
        name: String = "loose::opt_string",
        /// Application URL.
        url: String = "loose::opt_string",
        /// Logo URL.
        logo: String = "loose::opt_string",
        /// Logo inside sessions.
        logo_inner: String = "loose::opt_string",
        /// Icon.
        logo_icon: String = "loose::opt_string",
        /// Favicon URL.
        favicon: String = "loose::opt_string",
        /// Description.
        desc: String = "loose::opt_string",
        /// Where to send users after a session.
        exit_url: String = "loose::opt_string",
        /// Copyright line.
        copyright: String = "loose::opt_string",
        /// Login page texts.
        login_page: LoginPage = "crate::api::branding::opt_object",
        /// Join form fields.
        fields: Vec<FormField> = "crate::loose::opt_items",
        /// Email sender.
        email: EmailSettings = "crate::api::branding::opt_object",
        /// Terms links.
        tos: Tos = "crate::api::branding::opt_object",
        /// Credits.
        credits: Credits = "crate::api::branding::opt_object",
        /// Session features.
        options: Options = "crate::api::branding::opt_object",
        /// Caller checks.
        api: ApiSettings = "crate::api::branding::opt_object",
        /// Meeting-level landing page branding.
        login: LoginBranding = "crate::api::branding::opt_object",
        /// Meeting-level session page branding.
        session: SessionBranding = "crate::api::branding::opt_object",
    }
);

loose_fields!(
    /// The answer of `getBranding`: one block per application the domain serves.
    Branding {
        /// Video meeting branding.
        vc: AppBranding = "crate::api::branding::opt_object",
        /// Webinar branding.
        wb: AppBranding = "crate::api::branding::opt_object",
    }
);

loose_input!(
    /// The login (landing) page part of `setMeetingBranding`.
    LoginBrandingInput {
        /// Banner image, an https URL (not with `video_file` or `video_embed`).
        banner: "string" optional,
        /// Video file, an https URL (not with `banner` or `video_embed`).
        video_file: "string" optional,
        /// Video embed code (not with `banner` or `video_file`).
        video_embed: "string" optional,
        /// Headline: required, at most 100 characters.
        headline: "string",
        /// Description: at most 256 characters.
        desc: "string" optional,
        /// Click-through URL (https).
        target_url: "string" optional,
    }
);

loose_input!(
    /// The session page part of `setMeetingBranding`.
    SessionBrandingInput {
        /// Small banner, an https URL (required for this part).
        banner_small: "string",
        /// Big banner, an https URL (shown with the small one).
        banner_big: "string" optional,
        /// Click-through URL (https).
        target_url: "string" optional,
    }
);

/// Input of `setMeetingBranding`: the whole branding (a later call replaces it).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct MeetingBrandingInput {
    /// Login (landing) page.
    #[tsify(type = "LoginBrandingInput")]
    pub login: Option<LoginBrandingInput>,
    /// Session page.
    #[tsify(optional)]
    pub session: Option<SessionBrandingInput>,
}

impl Input for MeetingBrandingInput {
    /// Reads the input object the way its `Deserialize` does (a part that is not an object fails).
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let part = |key: &'static str| match v.get(key) {
            None => Ok(None),
            Some(p) if p.is_object() => Ok(Some(p)),
            Some(_) => Err(Error::invalid(key, format!("{key} must be an object."))),
        };
        Ok(Self {
            login: part("login")?.map(|p| LoginBrandingInput::read(&p)),
            session: part("session")?.map(|p| SessionBrandingInput::read(&p)),
        })
    }
}

/// An https URL field (the docs want https-hosted, CORS-enabled resources).
fn https(v: &Loose, field: &'static str) -> Result<Option<String>, Error> {
    match validate::text(v, field, None, Code::NONE, (0, Code::NONE), (0, Code::NONE))? {
        Some(u) if !validate::url(&u, true) => Err(Error::invalid(field, format!("{field} must be an https URL."))),
        other => Ok(other),
    }
}

/// Sets a meeting's own branding (sent as multipart: `login[headline]`,
/// `session[banner_small]`, …).
///
/// The login part is required, with a headline of at most 100 characters and a description of
/// at most 256; banner, video_file and video_embed are mutually exclusive; URLs https only; a
/// session part needs its small banner.
#[endpoint(POST "/meetings/{meeting_id}/branding", token, app_type, full, js = setMeetingBranding, answer = MeetingBrandingAnswer.branding)]
pub fn set_meeting(meeting_id: &str, input: &MeetingBrandingInput) -> Result<Request, Error> {
    let req = SET_MEETING.request_with(&[meeting_id])?;
    let l = input
        .login
        .as_ref()
        .ok_or_else(|| Error::invalid("login", "The login part (with its headline) is required."))?;
    let mut login = Obj::default();
    login.put("banner", https(&l.banner, "banner")?).put("video_file", https(&l.video_file, "video_file")?).put(
        "video_embed",
        validate::text(&l.video_embed, "video_embed", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?,
    );
    if login.0.len() > 1 {
        return Err(Error::invalid("banner", "Use one of banner, video_file or video_embed."));
    }
    login
        .put(
            "headline",
            validate::text(&l.headline, "headline", Some(Code::NONE), Code::NONE, (0, Code::NONE), (100, Code::NONE))?,
        )
        .put("desc", validate::text(&l.desc, "desc", None, Code::NONE, (0, Code::NONE), (256, Code::NONE))?)
        .put("target_url", https(&l.target_url, "target_url")?);
    let mut body = Obj::default();
    body.put("login", Some(login.done()));
    if let Some(s) = &input.session {
        let mut session = Obj::default();
        session
            .put(
                "banner_small",
                https(&s.banner_small, "banner_small")?
                    .ok_or_else(|| validate::fail(Code::NONE, "banner_small"))?
                    .into(),
            )
            .put("banner_big", https(&s.banner_big, "banner_big")?)
            .put("target_url", https(&s.target_url, "target_url")?);
        body.put("session", Some(session.done()));
    }
    Ok(req.with_form(Form::from_json(&body.done())))
}

loose_fields!(
    /// A meeting's own branding, as `setMeetingBranding` answers it.
    MeetingBranding {
        /// Login (landing) page.
        login: LoginBranding = "crate::api::branding::opt_object",
        /// Session page.
        session: SessionBranding = "crate::api::branding::opt_object",
    }
);

/// The answer of `POST /meetings/{id}/branding`: `{ branding }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct MeetingBrandingAnswer {
    /// The branding as stored.
    #[serde(deserialize_with = "crate::loose::object")]
    pub branding: MeetingBranding,
}

/// `deserialize_with` for a nested optional object: anything but an object (`null`, `[]`, `""`)
/// is absent ([`crate::loose::IfObject`]).
pub fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    crate::loose::opt_object(d)
}

answers!(Branding, MeetingBrandingAnswer);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;

    #[test]
    fn query_needs_one_key_and_keeps_order() {
        assert_eq!(get(BrandingQuery::default()).unwrap_err().field, Some("domain"));
        let q = BrandingQuery {
            domain: Some("meet.example.test".into()),
            meeting_id: Some("m 1".into()),
            ..Default::default()
        };
        assert_eq!(get(q).unwrap().path_and_query(), "/branding?domain=meet.example.test&meeting_id=m%201");
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = serde_json::json!({"domain": " d.test ", "customer_id": 42, "meeting_id": {}});
        assert_eq!(BrandingQuery::read(&v).unwrap(), serde_json::from_value(v).unwrap());
    }

    fn set(v: serde_json::Value) -> Result<Request, Error> {
        set_meeting("m1", &MeetingBrandingInput::read(&v)?)
    }

    #[test]
    fn meeting_branding_form_and_rules() {
        let r = set(serde_json::json!({"login": {"banner": "https://cdn.test/b.png", "headline": "Welcome"},
            "session": {"banner_small": "https://cdn.test/s.png"}}))
        .unwrap();
        assert_eq!((r.method, r.path.as_str(), r.app_type), (Method::Post, "/meetings/m1/branding", true));
        let f = r.form.unwrap();
        let pairs: Vec<(&str, &str)> = f.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("login[banner]", "https://cdn.test/b.png"),
                ("login[headline]", "Welcome"),
                ("session[banner_small]", "https://cdn.test/s.png")
            ]
        );
        let field = |v| set(v).unwrap_err().field;
        assert_eq!(field(serde_json::json!({})), Some("login"));
        assert_eq!(field(serde_json::json!({"login": "x"})), Some("login"));
        assert_eq!(field(serde_json::json!({"login": {}})), Some("headline"));
        assert_eq!(field(serde_json::json!({"login": {"headline": "x".repeat(101)}})), Some("headline"));
        assert_eq!(field(serde_json::json!({"login": {"headline": "H", "desc": "x".repeat(257)}})), Some("desc"));
        assert_eq!(
            field(serde_json::json!({"login": {"headline": "H", "banner": "http://cdn.test/b.png"}})),
            Some("banner")
        );
        assert_eq!(
            field(
                serde_json::json!({"login": {"headline": "H", "banner": "https://c.test/b.png", "video_embed": "<iframe>"}})
            ),
            Some("banner")
        );
        assert_eq!(
            field(
                serde_json::json!({"login": {"headline": "H", "video_file": "https://c.test/v.mp4", "video_embed": "<iframe>"}})
            ),
            Some("banner")
        );
        assert_eq!(field(serde_json::json!({"login": {"headline": "H"}, "session": {}})), Some("banner_small"));
        assert_eq!(
            field(serde_json::json!({"login": {"headline": "H", "target_url": "javascript:alert(1)"}})),
            Some("target_url")
        );
        let v = serde_json::json!({"login": {"headline": 1}, "session": {"banner_big": []}});
        assert_eq!(MeetingBrandingInput::read(&v).unwrap(), serde_json::from_value(v).unwrap());
    }

    #[test]
    fn decodes_placeholders_loosely() {
        let b: Branding = serde_json::from_str(
            r#"{"vc": {"enabled": true, "name": "Acme", "tos": {"enabled": "Boolean", "terms_url": "https://t"},
                "fields": [{"length": "Number", "order": "2"}], "login_page": null}}"#,
        )
        .unwrap();
        let vc = b.vc.unwrap();
        assert_eq!(vc.name.as_deref(), Some("Acme"));
        assert_eq!(vc.tos.unwrap().enabled, None);
        assert_eq!(vc.fields.unwrap()[0].order, Some(2));
        assert!(vc.login_page.is_none() && b.wb.is_none());
    }
}
