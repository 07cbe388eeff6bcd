//! Polls (`GET /polls/{room_id}[?conf_num=]`): the answers to the polls of a room's sessions.
//! Token auth, `X-App-Type`. The API's poll map (`{ "<poll id>": {...} }`) and its option and
//! result maps are decoded into lists.

use super::Request;
use crate::error::Error;
use crate::loose::{self, Loose};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};

/// The polls of a room's sessions, or of one session's (`conf_num`, a whole number ≥ 0 or its
/// digits).
#[endpoint(GET "/polls/{room_id}", token, app_type, js = getPolls, answer = Polls.polls)]
pub fn get(room_id: &str, #[js(type = "number", optional)] conf_num: &Loose) -> Result<Request, Error> {
    let req = GET.request_with(&[room_id])?;
    Ok(match conf_num {
        Loose::Null => req,
        Loose::Num(_) | Loose::Str(_) => match conf_num.as_int().filter(|n| *n >= 0) {
            Some(n) => req.param("conf_num", n.to_string()),
            None => return Err(Error::invalid("conf_num", "conf_num must be a session's conference number.")),
        },
        _ => return Err(Error::invalid("conf_num", "conf_num must be a session's conference number.")),
    })
}

/// An option of a poll.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct PollOption {
    /// Its key (`opt1`, …).
    pub option: String,
    /// Its text.
    pub text: String,
}

/// The responses one option received.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct PollCount {
    /// The option's key.
    pub option: String,
    /// How many chose it.
    pub count: u32,
}

fn options<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<PollOption>>, D::Error> {
    let map = loose::opt_map::<_, Loose>(d)?;
    Ok(map.map(|m| m.into_iter().filter_map(|(option, v)| Some(PollOption { option, text: v.to_text()? })).collect()))
}

fn counts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<PollCount>>, D::Error> {
    let map = loose::opt_map::<_, Loose>(d)?;
    Ok(map.map(|m| {
        m.into_iter()
            .filter_map(|(option, v)| Some(PollCount { option, count: u32::try_from(v.as_int()?).ok()? }))
            .collect()
    }))
}

/// One poll.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct Poll {
    /// The poll's key in the API's map (written by the map's walker, not read from the poll).
    #[serde(default)]
    #[shape(skip)]
    pub poll_id: String,
    /// Conference (session) number.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub conf_num: Option<u32>,
    /// When it was polled (Unix time).
    #[serde(default, deserialize_with = "loose::opt_i64", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timestamp: Option<i64>,
    /// How long it ran.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub duration: Option<String>,
    /// `MCQ1` (one answer) or `MCQN` (several).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub r#type: Option<String>,
    /// The question.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub question: Option<String>,
    /// The options, in key order.
    #[serde(default, deserialize_with = "options", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    #[shape(pairs("option", "text", Text))]
    pub options: Option<Vec<PollOption>>,
    /// `P` polled, `D` draft.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub status: Option<String>,
    /// Responses per option.
    #[serde(default, deserialize_with = "counts", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    #[shape(pairs("option", "count", Count))]
    pub result: Option<Vec<PollCount>>,
    /// How many responded.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total_result: Option<u32>,
    /// The poll's number.
    #[serde(default, deserialize_with = "loose::opt_i64", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub id: Option<i64>,
}

/// The answer of `getPolls`: every poll, in the order of their keys (`[]` when there are none).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Tsify, Shaped)]
pub struct Polls {
    /// The polls (`[]` when there are none).
    #[shape(always, entries = "poll_id")]
    pub polls: Vec<Poll>,
}

// By hand, through a wire struct with a default: tsify makes `#[serde(default)]` fields optional.
impl<'de> Deserialize<'de> for Polls {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "poll_map")]
            polls: Vec<Poll>,
        }
        Ok(Polls { polls: Wire::deserialize(d)?.polls })
    }
}

fn poll_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Poll>, D::Error> {
    // Not an object (a PHP server's `[]`): no polls; a poll that is not an object: skipped.
    let map = loose::opt_map::<_, loose::IfObject<Poll>>(d)?.unwrap_or_default();
    Ok(map.into_iter().filter_map(|(poll_id, p)| Some(Poll { poll_id, ..p.0? })).collect())
}

answers!(Polls);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{self, Shaped};
    use serde_json::json;

    #[test]
    fn route_and_conf_num() {
        let r = get("r 1", &Loose::Null).unwrap();
        assert_eq!((r.path_and_query().as_str(), r.app_type), ("/polls/r%201", true));
        assert_eq!(get("r", &Loose::Str("12".into())).unwrap().path_and_query(), "/polls/r?conf_num=12");
        assert_eq!(get("r", &Loose::Num(3.0)).unwrap().path_and_query(), "/polls/r?conf_num=3");
        assert!(get("r", &Loose::Num(-1.0)).is_err());
        assert!(get("r", &Loose::Bool(true)).is_err());
    }

    #[test]
    fn poll_map_decodes_to_a_list_both_ways() {
        let v = json!({"polls": {"p1": {"conf_num": "4", "type": "MCQ1", "question": "Q?", "options": {"opt1": "A", "opt2": "B"},
            "result": {"opt1": 3, "opt2": "1"}, "total_result": 4, "id": 7}}, "msg": "ok"});
        let typed: Polls = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(typed.polls[0].poll_id, "p1");
        assert_eq!(typed.polls[0].result.as_ref().unwrap()[1], PollCount { option: "opt2".into(), count: 1 });
        assert_eq!(shape::decode(&v, Polls::SHAPE).unwrap(), serde_json::to_value(&typed).unwrap());
    }
}
