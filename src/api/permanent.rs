//! Permanent rooms (`/meetings/permanent`): get (own or a user's), update, reset PINs. Token
//! auth, `X-App-Type`.

use super::list::{send, Obj};
use super::meetings::{count, title};
use super::{id_path, Auth, Method, Request};
use crate::error::Error;
use crate::loose;
use crate::shape::{opt, req, Field, Kind::*, Shaped};
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_codes::code;

/// `GET /meetings/permanent` (own room) or `GET /meetings/permanent/{user_id}`.
pub fn get(user_id: Option<&str>) -> Result<Request, Error> {
    let path = match user_id {
        None => "/meetings/permanent".into(),
        Some(id) => id_path("/meetings/permanent", id, "user_id")?,
    };
    Ok(Request::new(Method::Get, path, Auth::Token).meeting_route())
}

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

/// `PATCH /meetings/permanent/{room_id}` with the fields `patch` sets (the meeting rules and codes).
pub fn update(room_id: &str, patch: &PermanentRoomPatch) -> Result<Request<Value>, Error> {
    let path = id_path("/meetings/permanent", room_id, "room_id")?;
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
    Ok(send(Method::Patch, path, o.changes("room_name")?).meeting_route())
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

/// `PATCH /meetings/permanent/{room_id}` with `X-Action: reset-pins`: booleans (1901, 1902), at
/// least one of them true (1903).
pub fn reset_pins(room_id: &str, input: &ResetPins) -> Result<Request<Value>, Error> {
    let path = id_path("/meetings/permanent", room_id, "room_id")?;
    let mpin = validate::opt_flag(&input.reset_mpin, "reset_mpin", code!(1901))?;
    let ppin = validate::opt_flag(&input.reset_ppin, "reset_ppin", code!(1902))?;
    if mpin != Some(true) && ppin != Some(true) {
        return Err(Error::validation(code!(1903), "reset_mpin"));
    }
    let mut o = Obj::default();
    o.put("reset_mpin", mpin).put("reset_ppin", ppin);
    Ok(send(Method::Patch, path, o.done()).meeting_route().header("X-Action", "reset-pins"))
}

loose_fields!(
    /// A user's permanent meeting room.
    PermanentRoom {
        @required {
            /// Room id. Always sent: an answer without it fails to decode.
            room_id: String = "loose::string" => Text,
        }
        /// Owner.
        user_id: String = "loose::opt_string" => Text,
        /// Title.
        room_name: String = "loose::opt_string" => Text,
        /// `vc` or `wb`.
        app_type: String = "loose::opt_string" => Text,
        /// Description.
        desc: String = "loose::opt_string" => Text,
        /// Moderator PIN.
        mpin: String = "loose::opt_string" => Text,
        /// Participant PIN.
        ppin: String = "loose::opt_string" => Text,
        /// Direct join URL.
        direct_url: String = "loose::opt_string" => Text,
        /// Moderator count.
        moderators: u32 = "loose::opt_u32" => Count,
        /// Participant count.
        participants: u32 = "loose::opt_u32" => Count,
        /// Minutes per session.
        duration: u32 = "loose::opt_u32" => Count,
        /// Participants wait for a moderator.
        wait_for_moderator: bool = "loose::opt_bool" => Flag,
        /// Moderated entry.
        knock: bool = "loose::opt_bool" => Flag,
        /// Automatic recording.
        auto_recording: bool = "loose::opt_bool" => Flag,
    }
);

/// The answer of the permanent room routes: `{ msg?, permanent_room }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermanentRoomAnswer {
    /// What the server did (updates).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The room.
    #[serde(deserialize_with = "crate::loose::object")]
    pub permanent_room: PermanentRoom,
}

impl Shaped for PermanentRoomAnswer {
    const SHAPE: &'static [Field] = &[opt("msg", Text), req("permanent_room", Object(PermanentRoom::SHAPE))];
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(v: Value) -> PermanentRoomPatch {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn get_own_or_a_users_room() {
        assert_eq!(get(None).unwrap().path_and_query(), "/meetings/permanent");
        let r = get(Some("u 1")).unwrap();
        assert_eq!((r.path.as_str(), r.app_type), ("/meetings/permanent/u%201", true));
        assert!(get(Some(" ")).is_err());
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
