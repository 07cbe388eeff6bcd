//! Login and password reset (`/login`, `/password`): the routes that need only `X-Api-Id`.

use super::{Input, Request};
use crate::error::Error;
use crate::loose;
use crate::loose::Loose;
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};

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

/// Signs in and keeps the session in the configured storage (the email is trimmed).
///
/// ```
/// let req = ucaas_client::api::auth::login(" alice@example.test", "Passw0rd!").unwrap();
/// assert_eq!(req.path, "/login");
/// assert_eq!(req.body.unwrap().email, "alice@example.test");
/// assert!(ucaas_client::api::auth::login("alice@example.test", "").is_err());
/// ```
#[endpoint(POST "/login", browser, js = login, answer = LoginAnswer, session)]
pub fn login(email: &str, password: &str) -> Result<Request<Credentials>, Error> {
    let email = email.trim();
    validate::email(email, "email", None)?;
    if password.is_empty() {
        return Err(Error::invalid("password", "A password is required."));
    }
    Ok(LOGIN.request().with_body(Credentials { email: email.to_owned(), password: password.to_owned() }))
}

/// The company a user belongs to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Serialize, Deserialize, Tsify, Shaped)]
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

/// Mails a password reset key to `email` (trimmed).
#[endpoint(POST "/password", js = requestPasswordReset, answer = PasswordAnswer.data)]
pub fn request_password_reset(email: &str) -> Result<Request<ResetRequest>, Error> {
    let email = email.trim();
    validate::email(email, "email", None)?;
    Ok(REQUEST_PASSWORD_RESET.request().with_body(ResetRequest { email: email.to_owned() }))
}

/// Checks a reset key and tells whose it is (no body).
#[endpoint(PATCH "/password/{key}", js = validateResetKey, answer = PasswordAnswer.data)]
pub fn validate_reset_key(key: &str) -> Result<Request, Error> {
    VALIDATE_RESET_KEY.request_with(&[key])
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

impl Input for NewPassword {
    /// Reads the input object; a field that is there but not a string is a validation error.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let text = |key: &'static str| match loose(v, key) {
            Loose::Null => Ok(String::new()),
            Loose::Str(s) => Ok(s),
            _ => Err(Error::invalid(key, format!("{key} must be a string."))),
        };
        Ok(Self { email: text("email")?, password: text("password")?, password_retyped: text("password_retyped")? })
    }
}

/// Sets a new password with a reset key.
#[endpoint(PATCH "/password/{key}", js = resetPassword, answer = PasswordAnswer.data)]
pub fn reset_password(key: &str, input: NewPassword) -> Result<Request<NewPassword>, Error> {
    let req = RESET_PASSWORD.request_with(&[key])?;
    validate::email(&input.email, "email", None)?;
    if input.password.is_empty() {
        return Err(Error::invalid("password", "A new password is required."));
    }
    if input.password != input.password_retyped {
        return Err(Error::invalid("password_retyped", "The passwords do not match."));
    }
    Ok(req.with_body(input))
}

/// What `/password` answers in `data`: the email and a message, or (validating a key) the user.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
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
#[derive(Debug, Serialize, Tsify, Shaped)]
pub struct PasswordAnswer {
    /// The `data` object (`{}` when the answer has none).
    #[shape(always)]
    pub data: PasswordData,
}

// By hand, through a wire struct with the default: tsify makes a `#[serde(default)]` field
// optional in TypeScript, and the walker always writes `data`.
impl<'de> Deserialize<'de> for PasswordAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "loose::object_or_default")]
            data: PasswordData,
        }
        Ok(PasswordAnswer { data: Wire::deserialize(d)?.data })
    }
}

answers!(LoginAnswer, PasswordAnswer);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Auth, Method};

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
