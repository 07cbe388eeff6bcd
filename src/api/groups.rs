//! Contact groups (`/contact-groups`): add, edit, get, list, delete, and add or remove contacts
//! (`PATCH` with `X-License: add-contact` / `delete-contact`). Token auth.

use super::list::{send, strings, ListSpec, Obj};
use super::{id_path, Auth, Method, Request};
use crate::error::Error;
use crate::loose;
use crate::shape::{opt, req, Field, Kind::*, Shaped};
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_codes::code;

loose_input!(
    /// Input of `addContactGroup` and `updateContactGroup`.
    GroupInput {
        /// Group name: 3 to 99 characters, unique.
        group_name: "string",
    }
);

fn body(g: &GroupInput) -> Result<Value, Error> {
    let mut o = Obj::default();
    o.put(
        "group_name",
        validate::text(
            &g.group_name,
            "group_name",
            Some(code!(1802)),
            code!(1804),
            (3, code!(1802)),
            (99, code!(1803)),
        )?,
    );
    Ok(o.done())
}

/// `POST /contact-groups`: group name required, 3 (1802) to fewer than 100 characters (1803), text (1804).
pub fn add(g: &GroupInput) -> Result<Request<Value>, Error> {
    Ok(send(Method::Post, "/contact-groups".into(), body(g)?))
}

/// `PATCH /contact-groups/{id}` renaming it.
pub fn update(id: &str, g: &GroupInput) -> Result<Request<Value>, Error> {
    Ok(send(Method::Patch, id_path("/contact-groups", id, "group_id")?, body(g)?))
}

/// `GET /contact-groups/{id}`.
pub fn get(id: &str) -> Result<Request, Error> {
    Ok(Request::new(Method::Get, id_path("/contact-groups", id, "group_id")?, Auth::Token))
}

/// `DELETE /contact-groups/{id}`.
pub fn delete(id: &str) -> Result<Request, Error> {
    Ok(Request::new(Method::Delete, id_path("/contact-groups", id, "group_id")?, Auth::Token))
}

/// `PATCH /contact-groups/{id}` with `X-License: add-contact` (`add`) or `delete-contact`:
/// contact ids required (1811), an array of strings (1812).
pub fn members(id: &str, contact_ids: &loose::Loose, add: bool) -> Result<Request<Value>, Error> {
    let path = id_path("/contact-groups", id, "group_id")?;
    let ids = strings(contact_ids, "contact_ids", code!(1812), code!(1811))?
        .ok_or_else(|| Error::validation(code!(1811), "contact_ids"))?;
    let mut o = Obj::default();
    o.put("contact_ids", Some(ids));
    Ok(send(Method::Patch, path, o.done()).header("X-License", if add { "add-contact" } else { "delete-contact" }))
}

/// `GET /contact-groups?...`.
pub const LIST: ListSpec =
    ListSpec { path: "/contact-groups", search_by: &[], filters: &[], dates: &[], choices: &[], app_type: false };

loose_input!(
    /// Query of `listContactGroups` / `contactGroups()`. Every key is optional.
    GroupQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Groups per page (the server's default is 10).
        page_length: "number" optional,
        /// Field to search, e.g. `group_name` (needs `search_string`).
        search_by: "string" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// A contact in a group.
    GroupMember {
        @required {
            /// Contact id. Always sent: an answer without it fails to decode.
            contact_id: String = "loose::string" => Text,
        }
        /// Name.
        name: String = "loose::opt_string" => Text,
        /// When it was added (UTC).
        added_at: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// A contact group.
    Group {
        @required {
            /// Group id. Always sent: an answer without it fails to decode.
            group_id: String = "loose::string" => Text,
        }
        /// Name.
        group_name: String = "loose::opt_string" => Text,
        /// Its contacts (get, add/remove contacts).
        contacts: Vec<GroupMember> = "crate::loose::opt_items" => List(GroupMember::SHAPE),
        /// Created (UTC).
        created_at: String = "loose::opt_string" => Text,
        /// Last changed (UTC).
        updated_at: String = "loose::opt_string" => Text,
    }
);

/// The answer of the group routes: `{ msg?, group }` (the edit example says `contact`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The group.
    #[serde(alias = "contact", deserialize_with = "crate::loose::object")]
    pub group: Group,
}

impl Shaped for GroupAnswer {
    const SHAPE: &'static [Field] = &[opt("msg", Text), req("group", Object(Group::SHAPE)).or("contact")];
}

list_answer!(
    /// One page of contact groups.
    GroupList, groups, Group
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loose::Loose;
    use serde_json::json;

    fn g(v: Value) -> GroupInput {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn group_name_rules() {
        let r = add(&g(json!({"group_name": "Team"}))).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Post, "/contact-groups"));
        assert_eq!(r.body.unwrap(), json!({"group_name": "Team"}));
        assert_eq!(add(&g(json!({}))).unwrap_err().code, Some(1802));
        assert_eq!(add(&g(json!({"group_name": "ab"}))).unwrap_err().code, Some(1802));
        assert_eq!(add(&g(json!({"group_name": "x".repeat(100)}))).unwrap_err().code, Some(1803));
        assert_eq!(update("g1", &g(json!({"group_name": 5}))).unwrap_err().code, Some(1804));
        assert_eq!(update("g1", &g(json!({"group_name": "Team B"}))).unwrap().path, "/contact-groups/g1");
        assert_eq!(get("g1").unwrap().method, Method::Get);
        assert_eq!(delete("g1").unwrap().method, Method::Delete);
    }

    #[test]
    fn members_send_the_licence_header() {
        let ids = Loose::List(vec![Loose::Str("c1".into())]);
        let r = members("g1", &ids, true).unwrap();
        assert_eq!((r.method, r.headers.clone()), (Method::Patch, vec![("X-License", "add-contact")]));
        assert_eq!(r.body.unwrap(), json!({"contact_ids": ["c1"]}));
        assert_eq!(members("g1", &ids, false).unwrap().headers, vec![("X-License", "delete-contact")]);
        assert_eq!(members("g1", &Loose::Null, true).unwrap_err().code, Some(1811));
        assert_eq!(members("g1", &Loose::List(vec![]), true).unwrap_err().code, Some(1811));
        assert_eq!(members("g1", &Loose::Str("c1".into()), true).unwrap_err().code, Some(1812));
    }

    #[test]
    fn answer_reads_group_or_contact_key() {
        let a: GroupAnswer = serde_json::from_value(json!({"contact": {"group_id": "g"}})).unwrap();
        assert_eq!(a.group.group_id, "g");
        let v = json!({"group_name": []});
        assert_eq!(GroupInput::read(&v), g(v.clone()));
    }
}
