//! Permanent rooms (`/meetings/permanent`): get (own or a user's), update, reset PINs. Token
//! auth, `X-App-Type`.

use super::list::Obj;
use super::meetings::{count, title};
use super::{Auth, Method, Request, Route};
use crate::error::Error;
use crate::loose;
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::code;

/// Your permanent room, or (with `user_id`) a user's of your account.
///
/// With `user_id` the route is `GET /meetings/permanent/{user_id}` (`GET_USER`).
#[endpoint(GET "/meetings/permanent", token, app_type, js = getPermanentRoom, answer = PermanentRoomAnswer.permanent_room)]
pub fn get(user_id: Option<&str>) -> Result<Request, Error> {
    match user_id {
        None => Ok(GET.request()),
        Some(user_id) => GET_USER.request_with(&[user_id]),
    }
}

/// The route of [`get`] with a `user_id`: `GET /meetings/permanent/{user_id}` (a user's room;
/// one JS method, `getPermanentRoom`, serves both routes).
pub const GET_USER: Route = Route {
    method: Method::Get,
    pieces: &["/meetings/permanent/", ""],
    ids: &["user_id"],
    auth: Auth::Token,
    app_type: true,
};

loose_input!(
    /// Input of `updatePermanentRoom`: the fields to change (at least one).
    PermanentRoomPatch {
        /// Title: 3 to 50 characters.
        room_name: "string" optional,
        /// Description.
        desc: "string" optional,
        /// Moderator count, at least 1.
        moderators: "number" optional,
        /// Participant count, at least 0.
        participants: "number" optional,
        /// Participants wait until a moderator joins.
        wait_for_moderator: "boolean" optional,
        /// Moderated entry.
        knock: "boolean" optional,
        /// Record automatically.
        auto_recording: "boolean" optional,
    }
);

/// Changes a permanent room.
///
/// Sends the fields `patch` sets (at least one), checked by the meeting rules and codes.
#[endpoint(PATCH "/meetings/permanent/{room_id}", token, app_type, js = updatePermanentRoom, answer = PermanentRoomAnswer.permanent_room)]
pub fn update(room_id: &str, patch: &PermanentRoomPatch) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[room_id])?;
    let mut o = Obj::default();
    o.put("room_name", title(&patch.room_name, false)?)
        .put("desc", validate::opt_text(&patch.desc, "desc", Some(code!(1621)))?)
        .put("moderators", count(&patch.moderators, "moderators", [code!(1641), code!(1644), code!(1642)], 1, false)?)
        .put(
            "participants",
            count(&patch.participants, "participants", [code!(1651), code!(1654), code!(1652)], 0, false)?,
        )
        .put("wait_for_moderator", validate::opt_flag(&patch.wait_for_moderator, "wait_for_moderator", code!(1693))?)
        .put("knock", validate::opt_flag(&patch.knock, "knock", code!(1694))?)
        .put("auto_recording", validate::opt_flag(&patch.auto_recording, "auto_recording", code!(1672))?);
    Ok(req.with_body(o.changes("room_name")?))
}

loose_input!(
    /// Input of `resetPermanentRoomPins`: which PINs to renew (at least one true).
    ResetPins {
        /// Renew the moderator PIN.
        reset_mpin: "boolean" optional,
        /// Renew the participant PIN.
        reset_ppin: "boolean" optional,
    }
);

/// Renews a permanent room's PINs.
///
/// Sends `X-Action: reset-pins`: booleans (1901, 1902), at least one of them true (1903).
#[endpoint(PATCH "/meetings/permanent/{room_id}", token, app_type, js = resetPermanentRoomPins, answer = PermanentRoomAnswer.permanent_room)]
pub fn reset_pins(room_id: &str, input: &ResetPins) -> Result<Request<Value>, Error> {
    let req = RESET_PINS.request_with(&[room_id])?;
    let mpin = validate::opt_flag(&input.reset_mpin, "reset_mpin", code!(1901))?;
    let ppin = validate::opt_flag(&input.reset_ppin, "reset_ppin", code!(1902))?;
    if mpin != Some(true) && ppin != Some(true) {
        return Err(Error::validation(code!(1903), "reset_mpin"));
    }
    let mut o = Obj::default();
    o.put("reset_mpin", mpin).put("reset_ppin", ppin);
    Ok(req.with_body(o.done()).header("X-Action", "reset-pins"))
}

loose_fields!(
    /// A user's permanent meeting room.
    PermanentRoom {
        @required {
            /// Room id. Always sent: an answer without it fails to decode.
            room_id: String = "loose::string",
        }
        /// Owner.
        user_id: String = "loose::opt_string",
        /// Title.
        room_name: String = "loose::opt_string",
        /// `vc` or `wb`.
        app_type: String = "loose::opt_string",
        /// Description.
        desc: String = "loose::opt_string",
        /// Moderator PIN.
        mpin: String = "loose::opt_string",
        /// Participant PIN.
        ppin: String = "loose::opt_string",
        /// Direct join URL.
        direct_url: String = "loose::opt_string",
        /// Moderator count.
        moderators: u32 = "loose::opt_u32",
        /// Participant count.
        participants: u32 = "loose::opt_u32",
        /// Minutes per session.
        duration: u32 = "loose::opt_u32",
        /// Participants wait for a moderator.
        wait_for_moderator: bool = "loose::opt_bool",
        /// Moderated entry.
        knock: bool = "loose::opt_bool",
        /// Automatic recording.
        auto_recording: bool = "loose::opt_bool",
    }
);

/// The answer of the permanent room routes: `{ msg?, permanent_room }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Shaped)]
pub struct PermanentRoomAnswer {
    /// What the server did (updates).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The room.
    #[serde(deserialize_with = "crate::loose::object")]
    pub permanent_room: PermanentRoom,
}

answers!(PermanentRoomAnswer);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(v: Value) -> PermanentRoomPatch {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn get_own_or_a_users_room() {
        let r = get(None).unwrap();
        assert_eq!(
            (r.method, r.path_and_query().as_str(), r.auth, r.app_type),
            (Method::Get, "/meetings/permanent", Auth::Token, true)
        );
        let r = get(Some("u 1")).unwrap();
        assert_eq!(
            (r.method, r.path.as_str(), r.auth, r.app_type),
            (Method::Get, "/meetings/permanent/u%201", Auth::Token, true)
        );
        assert_eq!(get(Some(" ")).unwrap_err().field, Some("user_id"));
        assert_eq!(update("..", &patch(json!({"knock": true}))).unwrap_err().field, Some("room_id"));
    }

    #[test]
    fn update_checks_the_meeting_rules() {
        let r = update("r1", &patch(json!({"room_name": "Daily", "knock": true, "participants": "4"}))).unwrap();
        assert_eq!((r.method, r.path.as_str(), r.app_type), (Method::Patch, "/meetings/permanent/r1", true));
        assert_eq!(r.body.unwrap(), json!({"room_name": "Daily", "knock": true, "participants": 4}));
        let code = |v| update("r1", &patch(v)).unwrap_err().code;
        assert_eq!(code(json!({"room_name": "ab"})), Some(1612));
        assert_eq!(code(json!({"moderators": 0})), Some(1642));
        assert_eq!(code(json!({"participants": -1})), Some(1652));
        assert_eq!(code(json!({"knock": "yes"})), Some(1694));
        assert_eq!(code(json!({"auto_recording": 1})), Some(1672));
        assert_eq!(code(json!({"wait_for_moderator": "true"})), Some(1693));
        assert_eq!(code(json!({"desc": 5})), Some(1621));
        assert!(update("r1", &patch(json!({}))).is_err());
    }

    #[test]
    fn reset_pins_rules_and_header() {
        let r = reset_pins("r1", &serde_json::from_value(json!({"reset_mpin": true})).unwrap()).unwrap();
        assert_eq!(r.headers, vec![("X-Action", "reset-pins")]);
        assert_eq!(r.body.unwrap(), json!({"reset_mpin": true}));
        let code = |v| reset_pins("r1", &serde_json::from_value(v).unwrap()).unwrap_err().code;
        assert_eq!(code(json!({"reset_mpin": "yes"})), Some(1901));
        assert_eq!(code(json!({"reset_ppin": 1})), Some(1902));
        assert_eq!(code(json!({})), Some(1903));
        assert_eq!(code(json!({"reset_mpin": false, "reset_ppin": false})), Some(1903));
    }

    #[test]
    fn readers_agree_with_deserialize() {
        let v = json!({"room_name": 5, "knock": "yes", "moderators": [1]});
        assert_eq!(PermanentRoomPatch::read(&v), patch(v.clone()));
        let v = json!({"reset_ppin": true});
        assert_eq!(ResetPins::read(&v), serde_json::from_value(v).unwrap());
    }
}
