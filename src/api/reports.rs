//! Reports: the sessions list (`GET /sessions?...`) and call detail records (`GET /cdr?...`).
//! Token auth.

use super::list::CheckedQuery;
use super::list::{ListSearch, ListSpec};
use super::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::Code;

/// The sessions of the sessions report matching `query`: search by room, session, user,
/// meeting or session date.
///
/// The query is checked by [`super::list::check`].
#[endpoint(list, js = listSessions, each = sessions, query = SessionQuery, answer = SessionList.sessions)]
pub const SESSIONS: ListSpec = ListSpec {
    path: "/sessions",
    search_by: &["room_id", "session_id", "user_id", "meeting_id", "from_session_date", "to_session_date"],
    filters: &["from_session_date", "to_session_date"],
    dates: &["from_session_date", "to_session_date"],
    choices: &[],
    app_type: false,
};

loose_input!(
    /// Query of `listSessions` / `sessions()`. Every key is optional. A date range is searched as
    /// `search_by: "from_session_date"` (or `"to_session_date"`) with the date as `search_string`.
    SessionQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Sessions per page (the server's default is 10).
        page_length: "number" optional,
        /// Field to search (needs `search_string`).
        search_by: "\"room_id\" | \"session_id\" | \"user_id\" | \"meeting_id\" | \"from_session_date\" | \"to_session_date\"" optional,
        /// Value to search for (needs `search_by`); dates as `YYYY-MM-DD HH:ii:ss` UTC.
        search_string: "string" optional,
        /// Sessions from this date (`YYYY-MM-DD[ HH:ii:ss]` UTC).
        from_session_date: "string" optional,
        /// Sessions until this date.
        to_session_date: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// A video session, as the reports show it.
    SessionRecord {
        @required {
            /// Session id. Always sent: an answer without it fails to decode.
            session_id: String = "loose::string",
        }
        /// Meeting id.
        meeting_id: String = "loose::opt_string",
        /// Room id.
        room_id: String = "loose::opt_string",
        /// The user who held it.
        user_id: String = "loose::opt_string",
        /// That user's name.
        user_name: String = "loose::opt_string",
        /// Date (UTC).
        trans_date: String = "loose::opt_string",
        /// Start (UTC).
        connect_dt: String = "loose::opt_string",
        /// End (UTC).
        disconnect_dt: String = "loose::opt_string",
        /// Video minutes used.
        duration: u32 = "loose::opt_u32",
        /// `vc` or `wb`.
        app_type: String = "loose::opt_string",
    }
);

list_answer!(
    /// One page of sessions.
    SessionList, sessions, SessionRecord
);

loose_input!(
    /// Query of `getCdr`: one of `room_id`, `meeting_id`, `session_id` (with several, the first
    /// of that order is sent, as the docs' precedence says), and paging.
    CdrQuery {
        /// Room id (first in precedence).
        room_id: "string" optional,
        /// Meeting id.
        meeting_id: "string" optional,
        /// Session id.
        session_id: "string" optional,
        /// Page number, from 1.
        page: "number" optional,
        /// Records per page.
        page_length: "number" optional,
    }
);

/// Call detail records of a room, meeting or session.
///
/// Exactly one filter is sent, the first given of room_id, meeting_id, session_id; none given is
/// an error. Paging as the list routes (2608, 2501).
#[endpoint(GET "/cdr", token, js = getCdr, answer = Cdr)]
pub fn cdr<T: Tree>(#[js(type = "CdrQuery")] query: &T) -> Result<Request, Error> {
    let CheckedQuery { page, page_length, .. } = super::list::check(Some(query), &CDR_PAGING)?;
    let mut filter = None;
    for key in ["room_id", "meeting_id", "session_id"] {
        let v = validate::text(&loose(query, key), key, None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?;
        if filter.is_none() {
            filter = v.map(|v| (key, v));
        }
    }
    let (key, value) =
        filter.ok_or_else(|| Error::invalid("room_id", "Give one of room_id, meeting_id or session_id."))?;
    let mut req = CDR.request();
    for (name, n) in [("page", page), ("page_length", page_length)] {
        if let Some(n) = n {
            req = req.param(name, n.to_string());
        }
    }
    Ok(req.param(key, value))
}

/// The paging rules of [`cdr`] (those of the list routes).
const CDR_PAGING: ListSpec =
    ListSpec { path: "/cdr", search_by: &[], filters: &[], dates: &[], choices: &[], app_type: false };

loose_fields!(
    /// One participant's connection in a session (a call detail record).
    CdrRecord {
        /// Session id.
        session_id: String = "loose::opt_string",
        /// Meeting id.
        meeting_id: String = "loose::opt_string",
        /// Room id.
        room_id: String = "loose::opt_string",
        /// User id, for users of the account.
        user_id: String = "loose::opt_string",
        /// Name the participant joined with.
        name: String = "loose::opt_string",
        /// `moderator` or `participant`.
        role: String = "loose::opt_string",
        /// Joined (UTC).
        connect_dt: String = "loose::opt_string",
        /// Left (UTC).
        disconnect_dt: String = "loose::opt_string",
        /// Minutes.
        duration: u32 = "loose::opt_u32",
    }
);

/// The answer of `getCdr`. The docs' example is cut off after `search` and a `session` key;
/// the session and the records are read when present.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Tsify, Shaped)]
pub struct Cdr {
    /// The search as the server applied it (`{}` when the answer has none).
    #[shape(always)]
    pub search: ListSearch,
    /// The session the records belong to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub session: Option<SessionRecord>,
    /// The records (`[]` when the answer has none).
    #[shape(always)]
    pub cdr: Vec<CdrRecord>,
}

// By hand, through a wire struct with defaults: tsify makes `#[serde(default)]` fields optional.
impl<'de> Deserialize<'de> for Cdr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "crate::loose::object_or_default")]
            search: ListSearch,
            #[serde(default, deserialize_with = "crate::loose::opt_object")]
            session: Option<SessionRecord>,
            #[serde(default, deserialize_with = "crate::loose::items")]
            cdr: Vec<CdrRecord>,
        }
        let Wire { search, session, cdr } = Wire::deserialize(d)?;
        Ok(Cdr { search, session, cdr })
    }
}

answers!(SessionList, Cdr);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sessions_query() {
        let q =
            super::super::list::check(Some(&json!({"from_session_date": "2026-01-01 00:00:00"})), &SESSIONS).unwrap();
        assert_eq!(
            super::super::list::request(&SESSIONS, &q).path_and_query(),
            "/sessions?from_session_date=2026-01-01%2000%3A00%3A00"
        );
        assert!(super::super::list::check(Some(&json!({"to_session_date": "later"})), &SESSIONS).is_err());
        let q = super::super::list::check(
            Some(&json!({"search_by": "meeting_id", "search_string": "m1", "page": 2})),
            &SESSIONS,
        )
        .unwrap();
        assert_eq!(
            super::super::list::request(&SESSIONS, &q).path_and_query(),
            "/sessions?page=2&search_by=meeting_id&search_string=m1"
        );
        assert_eq!(
            super::super::list::check(Some(&json!({"search_by": "stage", "search_string": "x"})), &SESSIONS)
                .unwrap_err()
                .code,
            Some(2605)
        );
        let v = json!({"page": "1", "search_by": 3});
        assert_eq!(SessionQuery::read(&v), serde_json::from_value(v).unwrap());
    }

    #[test]
    fn cdr_precedence() {
        let path = |v| cdr(&v).unwrap().path_and_query();
        assert_eq!(path(json!({"session_id": "s", "meeting_id": "m", "room_id": "r"})), "/cdr?room_id=r");
        assert_eq!(path(json!({"session_id": "s", "meeting_id": "m"})), "/cdr?meeting_id=m");
        assert_eq!(path(json!({"session_id": "s", "page": 2})), "/cdr?page=2&session_id=s");
        assert_eq!(cdr(&json!({})).unwrap_err().field, Some("room_id"));
        assert_eq!(cdr(&json!({"session_id": "s", "page": 0})).unwrap_err().code, Some(2608));
        assert!(cdr(&json!({"session_id": 5.5})).is_err());
        let v = json!({"room_id": "r", "page": true});
        assert_eq!(CdrQuery::read(&v), serde_json::from_value(v).unwrap());
    }

    #[test]
    fn cdr_answer_decodes_without_records() {
        let a: Cdr = serde_json::from_value(json!({"search": {"page": 1, "filters": {"session_id": "s"}}})).unwrap();
        assert_eq!(a.search.filters.unwrap().session_id.as_deref(), Some("s"));
        assert!(a.cdr.is_empty());
    }
}
