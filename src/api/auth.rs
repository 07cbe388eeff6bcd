//! Login and password reset (`/login`, `/password`): the routes that need only `X-Api-Id`.

use super::{id_path, Auth, Method, Request};
use crate::error::Error;
use crate::loose;
use crate::loose::Loose;
use crate::shape::{always, loose, opt, req, Field, Kind::*, Shaped, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Body of `POST /login`. Never stored, never logged.
#[derive(Serialize)]
pub struct Credentials {
    /// The user's email.
    pub email: String,
    /// The user's password.
    pub password: String,
}

// Hand-written so that a `{:?}` anywhere can never print the password.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).field("password", &"<redacted>").finish()
    }
}

/// `POST /login` for `email` and `password`.
///
/// ```
/// let req = ucaas_client::api::auth::login("alice@example.test", "Passw0rd!").unwrap();
/// assert_eq!(req.path, "/login");
/// assert!(ucaas_client::api::auth::login("alice@example.test", "").is_err());
/// ```
pub fn login(email: &str, password: &str) -> Result<Request<Credentials>, Error> {
    validate::email(email, "email", None)?;
    if password.is_empty() {
        return Err(Error::invalid("password", "A password is required."));
    }
    Ok(Request::new(Method::Post, "/login".into(), Auth::ApiId)
        .with_body(Credentials { email: email.to_owned(), password: password.to_owned() }))
}

/// The company a user belongs to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct Company {
    /// Company id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub company_id: Option<String>,
    /// Display name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub company_name: Option<String>,
    /// Legal name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub company_legal_name: Option<String>,
}

/// A user's access to one application (video meeting `vc` or webinar `wb`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct AppAccess {
    /// Whether the user may use the application.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub access: Option<bool>,
    /// Licence status.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub status: Option<String>,
    /// Date the access starts (UTC).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub wef: Option<String>,
}

/// The applications a user has access to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct Apps {
    /// Video meeting.
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub vc: Option<AppAccess>,
    /// Webinar.
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub wb: Option<AppAccess>,
}

/// A time zone as the API describes it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct Timezone {
    /// Time zone id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timezone_id: Option<String>,
    /// Zone name, e.g. `Asia/Kolkata`.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub zone_name: Option<String>,
    /// Abbreviation, e.g. `IST`.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub zone_abbr: Option<String>,
    /// Start of the current offset.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub time_start: Option<String>,
    /// Offset from GMT in seconds.
    #[serde(default, deserialize_with = "loose::opt_i64", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub gmt_offset: Option<i64>,
    /// Whether daylight saving time is in force.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_dst: Option<bool>,
}

/// The signed-in user, as `/login` returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct User {
    /// Unique user id.
    #[serde(deserialize_with = "loose::string")]
    pub user_id: String,
    /// Role constant (administrator, reseller, customer or user).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_type: Option<String>,
    /// Full description of `user_type`.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_type_desc: Option<String>,
    /// Email.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    /// First name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_name: Option<String>,
    /// Profile picture URL.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub profile_pic: Option<String>,
    /// The user's company.
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub company: Option<Company>,
    /// Application access.
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub apps: Option<Apps>,
    /// The user's time zone.
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timezone: Option<Timezone>,
    /// Last login (UTC).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_login_time: Option<String>,
    /// The user's profile domain.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub profile_domain: Option<String>,
}

/// The answer of `POST /login`.
#[derive(Debug, Serialize, Deserialize)]
pub struct LoginAnswer {
    /// The access token.
    #[serde(deserialize_with = "loose::string")]
    pub token: String,
    /// The signed-in user. The overview shows the answer as `{ "token" }` alone, the route
    /// reference with the user: both decode (docs/api-notes.md).
    #[serde(default, deserialize_with = "loose::opt_object", skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

/// Body of `POST /password`.
#[derive(Debug, Serialize)]
pub struct ResetRequest {
    /// The registered email the reset key is mailed to.
    pub email: String,
}

/// `POST /password`: mail a password reset key to `email`.
pub fn request_password_reset(email: &str) -> Result<Request<ResetRequest>, Error> {
    validate::email(email, "email", None)?;
    Ok(Request::new(Method::Post, "/password".into(), Auth::ApiId).with_body(ResetRequest { email: email.to_owned() }))
}

/// `PATCH /password/{key}` without a body: check a reset key and learn whose it is.
pub fn validate_reset_key(key: &str) -> Result<Request, Error> {
    Ok(Request::new(Method::Patch, id_path("/password", key, "key")?, Auth::ApiId))
}

/// The new password, as `resetPassword` takes it. Its `Debug` prints no password.
#[derive(Clone, PartialEq, Default, Deserialize, Serialize, Tsify)]
#[serde(default)]
pub struct NewPassword {
    /// The email the reset key was requested for.
    pub email: String,
    /// The new password.
    pub password: String,
    /// The new password again.
    pub password_retyped: String,
}

// Hand-written, as for `Credentials`: a `{:?}` of the input or of its request never prints them.
impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPassword")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("password_retyped", &"<redacted>")
            .finish()
    }
}

impl NewPassword {
    /// Reads the input object; a field that is there but not a string is a validation error.
    pub fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let text = |key: &'static str| match loose(v, key) {
            Loose::Null => Ok(String::new()),
            Loose::Str(s) => Ok(s),
            _ => Err(Error::invalid(key, format!("{key} must be a string."))),
        };
        Ok(Self { email: text("email")?, password: text("password")?, password_retyped: text("password_retyped")? })
    }
}

/// `PATCH /password/{key}` with the new password.
pub fn reset_password(key: &str, input: NewPassword) -> Result<Request<NewPassword>, Error> {
    let path = id_path("/password", key, "key")?;
    validate::email(&input.email, "email", None)?;
    if input.password.is_empty() {
        return Err(Error::invalid("password", "A new password is required."));
    }
    if input.password != input.password_retyped {
        return Err(Error::invalid("password_retyped", "The passwords do not match."));
    }
    Ok(Request::new(Method::Patch, path, Auth::ApiId).with_body(input))
}

/// What `/password` answers in `data`: the email and a message, or (validating a key) the user.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct PasswordData {
    /// The account's email.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub msg: Option<String>,
    /// The user the reset key belongs to.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user_id: Option<String>,
    /// First name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_name: Option<String>,
}

/// The answer of the `/password` routes.
#[derive(Debug, Serialize, Deserialize)]
pub struct PasswordAnswer {
    /// The `data` object.
    #[serde(default, deserialize_with = "loose::object_or_default")]
    pub data: PasswordData,
}

impl Shaped for Company {
    const SHAPE: &'static [Field] =
        &[opt("company_id", Text), opt("company_name", Text), opt("company_legal_name", Text)];
}

impl Shaped for AppAccess {
    const SHAPE: &'static [Field] = &[opt("access", Flag), opt("status", Text), opt("wef", Text)];
}

impl Shaped for Apps {
    const SHAPE: &'static [Field] = &[opt("vc", Object(AppAccess::SHAPE)), opt("wb", Object(AppAccess::SHAPE))];
}

impl Shaped for Timezone {
    const SHAPE: &'static [Field] = &[
        opt("timezone_id", Text),
        opt("zone_name", Text),
        opt("zone_abbr", Text),
        opt("time_start", Text),
        opt("gmt_offset", Int),
        opt("is_dst", Flag),
    ];
}

impl Shaped for User {
    const SHAPE: &'static [Field] = &[
        req("user_id", Text),
        opt("user_type", Text),
        opt("user_type_desc", Text),
        opt("email", Text),
        opt("first_name", Text),
        opt("middle_name", Text),
        opt("last_name", Text),
        opt("profile_pic", Text),
        opt("company", Object(Company::SHAPE)),
        opt("apps", Object(Apps::SHAPE)),
        opt("timezone", Object(Timezone::SHAPE)),
        opt("last_login_time", Text),
        opt("profile_domain", Text),
    ];
}

impl Shaped for LoginAnswer {
    const SHAPE: &'static [Field] = &[req("token", Text), opt("user", Object(User::SHAPE))];
}

impl Shaped for PasswordData {
    const SHAPE: &'static [Field] = &[
        opt("email", Text),
        opt("msg", Text),
        opt("user_id", Text),
        opt("first_name", Text),
        opt("middle_name", Text),
        opt("last_name", Text),
    ];
}

impl Shaped for PasswordAnswer {
    const SHAPE: &'static [Field] = &[always("data", Object(PasswordData::SHAPE))];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_checks_input_and_keeps_the_password_in_the_body_only() {
        let r = login("a@b.co", "pw").unwrap();
        assert_eq!((r.method, r.auth, r.path_and_query()), (Method::Post, Auth::ApiId, "/login".to_owned()));
        assert_eq!(
            serde_json::to_value(r.body.unwrap()).unwrap(),
            serde_json::json!({"email": "a@b.co", "password": "pw"})
        );
        assert!(!format!("{:?}", login("a@b.co", "secret").unwrap()).contains("secret"));
        assert_eq!(login("not-an-email", "pw").unwrap_err().field, Some("email"));
        assert_eq!(login("a@b.co", "").unwrap_err().field, Some("password"));
    }

    #[test]
    fn reset_needs_matching_passwords_and_a_key() {
        let ok = NewPassword { email: "a@b.co".into(), password: "x".into(), password_retyped: "x".into() };
        assert_eq!(reset_password("KEY 1", ok.clone()).unwrap().path, "/password/KEY%201");
        let bad = NewPassword { password_retyped: "y".into(), ..ok.clone() };
        assert_eq!(reset_password("k", bad).unwrap_err().field, Some("password_retyped"));
        assert_eq!(reset_password("", ok).unwrap_err().field, Some("key"));
        assert_eq!(validate_reset_key("k").unwrap().method, Method::Patch);
    }

    #[test]
    fn new_password_debug_is_redacted() {
        let p = NewPassword {
            email: "a@b.co".into(),
            password: "Sup3r-Secret!".into(),
            password_retyped: "Sup3r-Secret?".into(),
        };
        let same = NewPassword { password_retyped: p.password.clone(), ..p.clone() };
        let request = format!("{:?}", reset_password("k", same).unwrap());
        for printed in [format!("{p:?}"), format!("{p:#?}"), request] {
            assert!(!printed.contains("Sup3r-Secret"), "{printed}");
            assert!(printed.contains("<redacted>"), "{printed}");
        }
        assert!(format!("{p:?}").contains("a@b.co"), "the email stays readable");
    }

    #[test]
    fn new_password_reader_agrees_with_deserialize() {
        let v = serde_json::json!({"email": "a@b.co", "password": "p"});
        assert_eq!(NewPassword::read(&v).unwrap(), serde_json::from_value(v).unwrap());
        assert_eq!(NewPassword::read(&serde_json::json!({"password": 5})).unwrap_err().field, Some("password"));
    }

    #[test]
    fn user_decodes_loose_values() {
        let u: User = serde_json::from_str(
            r#"{"user_id": 7, "apps": {"vc": {"access": "true"}}, "timezone": {"gmt_offset": "19800", "is_dst": "0"}}"#,
        )
        .unwrap();
        assert_eq!(u.user_id, "7");
        assert_eq!(u.apps.unwrap().vc.unwrap().access, Some(true));
        assert_eq!(u.timezone.as_ref().unwrap().gmt_offset, Some(19800));
        assert_eq!(u.timezone.unwrap().is_dst, Some(false));
    }
}
