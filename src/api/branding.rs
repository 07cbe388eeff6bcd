//! Branding (`GET /branding`): needs only `X-Api-Id`.

use super::{Auth, Method, Request};
use crate::error::Error;
use crate::loose;
use crate::shape::{loose, opt, strip_raw, Field, Kind::*, Shaped, Tree};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

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

impl BrandingQuery {
    /// Reads the query object the way its `Deserialize` does.
    pub fn read<T: Tree>(v: &T) -> Self {
        Self {
            domain: loose(v, "domain").to_text(),
            customer_id: loose(v, "customer_id").to_text(),
            meeting_id: loose(v, "meeting_id").to_text(),
        }
    }
}

/// `GET /branding?domain=&customer_id=&meeting_id=`.
pub fn get(query: BrandingQuery) -> Result<Request, Error> {
    let mut req = Request::new(Method::Get, "/branding".into(), Auth::ApiId);
    for (key, value) in [("domain", query.domain), ("customer_id", query.customer_id), ("meeting_id", query.meeting_id)] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            req = req.param(key, v);
        }
    }
    if req.query.is_empty() {
        return Err(Error::invalid("domain", "Give at least one of domain, customer_id or meeting_id."));
    }
    Ok(req)
}

/// A struct of optional fields and its [`Shaped`] table, from one list, so they cannot drift.
macro_rules! loose_fields {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty = $with:literal => $kind:expr),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(default, deserialize_with = $with, skip_serializing_if = "Option::is_none")]
                #[tsify(optional)]
                pub $field: Option<$ty>,
            )*
        }

        impl Shaped for $name {
            const SHAPE: &'static [Field] = &[$(opt(strip_raw(stringify!($field)), $kind)),*];
        }
    };
}

loose_fields!(
    /// Heading and text of the login page.
    LoginPage {
        /// Heading.
        heading: String = "loose::opt_string" => Text,
        /// Text below the heading.
        content: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// Terms of service links.
    Tos {
        /// Whether to show them.
        enabled: bool = "loose::opt_bool" => Flag,
        /// Terms URL.
        terms_url: String = "loose::opt_string" => Text,
        /// Privacy policy URL.
        privacy_url: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// "Powered by" credits.
    Credits {
        /// Whether to show them.
        enabled: bool = "loose::opt_bool" => Flag,
        /// Name.
        name: String = "loose::opt_string" => Text,
        /// Logo URL.
        logo_url: String = "loose::opt_string" => Text,
        /// Link target.
        target_url: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// Features offered in sessions.
    Options {
        /// Live streaming.
        live_streaming: bool = "loose::opt_bool" => Flag,
        /// Screen sharing.
        screenshare: bool = "loose::opt_bool" => Flag,
        /// Whiteboard.
        whiteboard: bool = "loose::opt_bool" => Flag,
    }
);

loose_fields!(
    /// Sender of the application's emails.
    EmailSettings {
        /// From address.
        from_email: String = "loose::opt_string" => Text,
        /// From name.
        from_name: String = "loose::opt_string" => Text,
        /// Reply-to address.
        replyto_email: String = "loose::opt_string" => Text,
        /// Template name.
        template: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// Checks the application makes of callers.
    ApiSettings {
        /// Whether the referrer is checked.
        referrer_check: bool = "loose::opt_bool" => Flag,
        /// Allowed referrer domain.
        referrer_domain: String = "loose::opt_string" => Text,
        /// Whether `user_ref` is checked.
        user_ref_check: bool = "loose::opt_bool" => Flag,
    }
);

loose_fields!(
    /// Validation messages of a login form field.
    FieldMessages {
        /// When the field is missing.
        required: String = "loose::opt_string" => Text,
        /// When the email is malformed.
        email: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// A field of the join form.
    FormField {
        /// Label.
        label: String = "loose::opt_string" => Text,
        /// Input type.
        r#type: String = "loose::opt_string" => Text,
        /// Maximum length.
        length: u32 = "loose::opt_u32" => Count,
        /// Whether it is required.
        required: bool = "loose::opt_bool" => Flag,
        /// Whether it identifies the user.
        id: bool = "loose::opt_bool" => Flag,
        /// Position in the form.
        order: u32 = "loose::opt_u32" => Count,
        /// Validation messages.
        messages: FieldMessages = "crate::api::branding::opt_object" => Object(FieldMessages::SHAPE),
    }
);

loose_fields!(
    /// A meeting's login (landing) page branding (set with `POST /meetings/{id}/branding`).
    LoginBranding {
        /// Banner image URL.
        banner: String = "loose::opt_string" => Text,
        /// Video file URL.
        video_file: String = "loose::opt_string" => Text,
        /// Video embed code: HTML from the server. Never insert it into a page unsandboxed.
        video_embed: String = "loose::opt_string" => Text,
        /// Headline.
        headline: String = "loose::opt_string" => Text,
        /// Description.
        desc: String = "loose::opt_string" => Text,
        /// Click-through URL.
        target_url: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// A meeting's session page branding.
    SessionBranding {
        /// Small banner URL.
        banner_small: String = "loose::opt_string" => Text,
        /// Big banner URL.
        banner_big: String = "loose::opt_string" => Text,
        /// Click-through URL.
        target_url: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// Branding of one application (`vc` video meeting or `wb` webinar). URLs are as the server
    /// sent them: check their scheme before putting them in a page.
    AppBranding {
        /// Whether branding is enabled.
        enabled: bool = "loose::opt_bool" => Flag,
        /// Product name.
        name: String = "loose::opt_string" => Text,
        /// Application URL.
        url: String = "loose::opt_string" => Text,
        /// Logo URL.
        logo: String = "loose::opt_string" => Text,
        /// Logo inside sessions.
        logo_inner: String = "loose::opt_string" => Text,
        /// Icon.
        logo_icon: String = "loose::opt_string" => Text,
        /// Favicon URL.
        favicon: String = "loose::opt_string" => Text,
        /// Description.
        desc: String = "loose::opt_string" => Text,
        /// Where to send users after a session.
        exit_url: String = "loose::opt_string" => Text,
        /// Copyright line.
        copyright: String = "loose::opt_string" => Text,
        /// Login page texts.
        login_page: LoginPage = "crate::api::branding::opt_object" => Object(LoginPage::SHAPE),
        /// Join form fields.
        fields: Vec<FormField> = "crate::api::branding::opt_object" => List(FormField::SHAPE),
        /// Email sender.
        email: EmailSettings = "crate::api::branding::opt_object" => Object(EmailSettings::SHAPE),
        /// Terms links.
        tos: Tos = "crate::api::branding::opt_object" => Object(Tos::SHAPE),
        /// Credits.
        credits: Credits = "crate::api::branding::opt_object" => Object(Credits::SHAPE),
        /// Session features.
        options: Options = "crate::api::branding::opt_object" => Object(Options::SHAPE),
        /// Caller checks.
        api: ApiSettings = "crate::api::branding::opt_object" => Object(ApiSettings::SHAPE),
        /// Meeting-level landing page branding.
        login: LoginBranding = "crate::api::branding::opt_object" => Object(LoginBranding::SHAPE),
        /// Meeting-level session page branding.
        session: SessionBranding = "crate::api::branding::opt_object" => Object(SessionBranding::SHAPE),
    }
);

loose_fields!(
    /// The answer of `getBranding`: one block per application the domain serves.
    Branding {
        /// Video meeting branding.
        vc: AppBranding = "crate::api::branding::opt_object" => Object(AppBranding::SHAPE),
        /// Webinar branding.
        wb: AppBranding = "crate::api::branding::opt_object" => Object(AppBranding::SHAPE),
    }
);

/// `deserialize_with` for a nested optional object: `null` is absent.
pub fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_needs_one_key_and_keeps_order() {
        assert_eq!(get(BrandingQuery::default()).unwrap_err().field, Some("domain"));
        let q = BrandingQuery { domain: Some("meet.example.test".into()), meeting_id: Some("m 1".into()), ..Default::default() };
        assert_eq!(get(q).unwrap().path_and_query(), "/branding?domain=meet.example.test&meeting_id=m%201");
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = serde_json::json!({"domain": " d.test ", "customer_id": 42, "meeting_id": {}});
        assert_eq!(BrandingQuery::read(&v), serde_json::from_value(v).unwrap());
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
