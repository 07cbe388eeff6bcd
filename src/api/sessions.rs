//! Video session access (`/sessions/join`, `/sessions/invite`): need only `X-Api-Id`.

use super::{Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::code;

/// Input of `joinSession`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct JoinInput {
    /// The moderator or participant PIN (6–10 characters).
    #[tsify(type = "string")]
    pub pin: Loose,
    /// The name shown to the others.
    #[tsify(type = "string")]
    pub name: Loose,
    /// Your identifier for the user (any string).
    #[tsify(type = "string")]
    pub user_ref: Loose,
}

impl Input for JoinInput {
    /// Reads the input object the way its `Deserialize` does.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        Ok(Self { pin: loose(v, "pin"), name: loose(v, "name"), user_ref: loose(v, "user_ref") })
    }
}

/// Body of `POST /sessions/join`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinBody {
    /// PIN.
    pub pin: String,
    /// Display name.
    pub name: String,
    /// User reference.
    pub user_ref: String,
}

/// Joins a session by PIN; needs no login.
///
/// ```
/// use ucaas_client::api::sessions::{join, JoinInput};
/// use ucaas_client::Loose;
/// let input = JoinInput { pin: Loose::Str("12345".into()), name: Loose::Str("Ann".into()), user_ref: Loose::Str("u1".into()) };
/// assert_eq!(join(input).unwrap_err().code, Some(2107));
/// ```
#[endpoint(POST "/sessions/join", js = joinSession, answer = JoinResult)]
pub fn join(input: JoinInput) -> Result<Request<JoinBody>, Error> {
    let pin = validate::opt_text(&input.pin, "pin", Some(code!(2107)))?
        .ok_or_else(|| Error::validation(code!(2101), "pin"))?;
    validate::pin(&pin)?;
    let name = validate::opt_text(&input.name, "name", None)?
        .ok_or_else(|| Error::invalid("name", "A name is required to join."))?;
    let user_ref = validate::opt_text(&input.user_ref, "user_ref", None)?
        .ok_or_else(|| Error::invalid("user_ref", "A user reference is required to join."))?;
    if name.chars().count() > 100 {
        return Err(Error::invalid("name", "The name may have at most 100 characters."));
    }
    Ok(JOIN.request().with_body(JoinBody { pin, name, user_ref }))
}

/// Who joined, as `/sessions/join` answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct JoinUser {
    /// Meeting id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub meeting_id: Option<String>,
    /// Customer the usage is accounted to.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_id: Option<String>,
    /// Video room id.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub room_id: Option<String>,
    /// `moderator` or `participant`.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub role: Option<String>,
    /// Host (moderator) id.
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
    /// Email.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    /// Profile picture URL.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub profile_pic: Option<String>,
}

/// The answer of `joinSession`.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify, Shaped)]
pub struct JoinResult {
    /// Token to join the video session with.
    pub token: String,
    /// Who joined, and into which room (`{}` when the answer has none).
    #[shape(always)]
    pub user: JoinUser,
}

// By hand, through a wire struct with a default for `user`: tsify makes `#[serde(default)]`
// fields optional, and the walker always writes `user`.
impl<'de> Deserialize<'de> for JoinResult {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(deserialize_with = "loose::string")]
            token: String,
            #[serde(default, deserialize_with = "crate::loose::object_or_default")]
            user: JoinUser,
        }
        let Wire { token, user } = Wire::deserialize(d)?;
        Ok(JoinResult { token, user })
    }
}

/// Input of `inviteToSession`: one of `pin`, `room_id`, `meeting_id`, and the invitees' emails.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct InviteInput {
    /// Participant PIN.
    #[tsify(optional, type = "string")]
    pub pin: Loose,
    /// Room id of the session.
    #[tsify(optional, type = "string")]
    pub room_id: Loose,
    /// Meeting id of the session.
    #[tsify(optional, type = "string")]
    pub meeting_id: Loose,
    /// Email addresses to invite.
    #[tsify(type = "string[]")]
    pub invitees: Loose,
}

impl Input for InviteInput {
    /// Reads the input object the way its `Deserialize` does.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        Ok(Self {
            pin: loose(v, "pin"),
            room_id: loose(v, "room_id"),
            meeting_id: loose(v, "meeting_id"),
            invitees: loose(v, "invitees"),
        })
    }
}

/// Body of `POST /sessions/invite`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InviteBody {
    /// Participant PIN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// Room id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// Meeting id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<String>,
    /// Emails.
    pub invitees: Vec<String>,
}

/// Invites people by email into a session; needs no login.
#[endpoint(POST "/sessions/invite", js = inviteToSession, answer = InviteResult)]
pub fn invite(input: InviteInput) -> Result<Request<InviteBody>, Error> {
    let pin = validate::opt_text(&input.pin, "pin", Some(code!(2107)))?;
    let room_id = validate::opt_text(&input.room_id, "room_id", None)?;
    let meeting_id = validate::opt_text(&input.meeting_id, "meeting_id", None)?;
    if pin.is_none() && room_id.is_none() && meeting_id.is_none() {
        return Err(Error::validation(code!(2101), "pin"));
    }
    if let Some(pin) = &pin {
        validate::pin(pin)?;
    }
    let invitees = emails(&input.invitees)?;
    let body = InviteBody { pin, room_id, meeting_id, invitees };
    Ok(INVITE.request().with_body(body))
}

/// The invitees: required (2207), an array (2208), not empty and every item an email (2209).
fn emails(v: &Loose) -> Result<Vec<String>, Error> {
    let items = match v {
        Loose::Null => return Err(Error::validation(code!(2207), "invitees")),
        Loose::List(items) => items,
        _ => return Err(Error::validation(code!(2208), "invitees")),
    };
    if items.is_empty() {
        return Err(Error::validation(code!(2209), "invitees"));
    }
    items
        .iter()
        .map(|i| {
            let email = i.as_str().map(str::trim).unwrap_or_default();
            validate::email(email, "invitees", Some(code!(2209))).map_err(|mut e| {
                e.message = format!("Not a valid email address: \"{email}\"");
                e
            })?;
            Ok(email.to_owned())
        })
        .collect()
}

/// The answer of `inviteToSession`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct InviteResult {
    /// What the server did ("Invitation email has been sent.").
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub desc: Option<String>,
}

answers!(JoinResult, InviteResult);

#[cfg(test)]
mod tests {
    use super::*;

    fn join_json(json: &str) -> Result<Request<JoinBody>, Error> {
        join(serde_json::from_str(json).unwrap())
    }

    fn invite_json(json: &str) -> Result<Request<InviteBody>, Error> {
        invite(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn join_validates_pin_name_and_ref() {
        let ok = join_json(r#"{"pin": " 222222 ", "name": "Ann", "user_ref": "u-1"}"#).unwrap();
        assert_eq!(ok.body.unwrap(), JoinBody { pin: "222222".into(), name: "Ann".into(), user_ref: "u-1".into() });
        assert_eq!(join_json(r#"{"name": "Ann", "user_ref": "u"}"#).unwrap_err().code, Some(2101));
        assert_eq!(join_json(r#"{"pin": "12345", "name": "Ann", "user_ref": "u"}"#).unwrap_err().code, Some(2107));
        assert_eq!(join_json(r#"{"pin": 123456, "name": "Ann", "user_ref": "u"}"#).unwrap_err().code, Some(2107));
        assert_eq!(join_json(r#"{"pin": "123456", "user_ref": "u"}"#).unwrap_err().field, Some("name"));
        assert_eq!(join_json(r#"{"pin": "123456", "name": "Ann"}"#).unwrap_err().field, Some("user_ref"));
    }

    #[test]
    fn readers_agree_with_deserialize() {
        let v = serde_json::json!({"pin": "123456", "name": 5, "user_ref": ["x"], "room_id": "r", "meeting_id": null, "invitees": ["a@b.co", 1]});
        assert_eq!(JoinInput::read(&v).unwrap(), serde_json::from_value(v.clone()).unwrap());
        assert_eq!(InviteInput::read(&v).unwrap(), serde_json::from_value(v).unwrap());
    }

    #[test]
    fn invite_needs_a_target_and_valid_emails() {
        let ok = invite_json(r#"{"meeting_id": "m1", "invitees": ["a@b.co"]}"#).unwrap();
        assert_eq!(
            serde_json::to_value(ok.body.unwrap()).unwrap(),
            serde_json::json!({"meeting_id": "m1", "invitees": ["a@b.co"]})
        );
        let code = |json| invite_json(json).unwrap_err().code.unwrap();
        assert_eq!(code(r#"{"invitees": ["a@b.co"]}"#), 2101);
        assert_eq!(code(r#"{"pin": "123", "invitees": ["a@b.co"]}"#), 2107);
        assert_eq!(code(r#"{"pin": "123456"}"#), 2207);
        assert_eq!(code(r#"{"pin": "123456", "invitees": "a@b.co"}"#), 2208);
        assert_eq!(code(r#"{"pin": "123456", "invitees": []}"#), 2209);
        assert_eq!(code(r#"{"pin": "123456", "invitees": ["a@b.co", "nope"]}"#), 2209);
        assert_eq!(code(r#"{"pin": "123456", "invitees": [7]}"#), 2209);
    }
}
