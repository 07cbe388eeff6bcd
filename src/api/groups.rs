//! Contact groups (`/contact-groups`): add, edit, get, list, delete, and add or remove contacts
//! (`PATCH` with `X-License: add-contact` / `delete-contact`). Token auth.

use super::list::{strings, ListSpec, Obj};
use super::{Request, Route};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
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

/// Adds a contact group. Group name required, 3 (1802) to fewer than 100 characters (1803),
/// text (1804).
#[endpoint(POST "/contact-groups", token, js = addContactGroup, answer = GroupAnswer.group)]
pub fn add(input: &GroupInput) -> Result<Request<Value>, Error> {
    Ok(ADD.request().with_body(body(input)?))
}

/// Renames a contact group.
#[endpoint(PATCH "/contact-groups/{group_id}", token, js = updateContactGroup, answer = GroupAnswer.group)]
pub fn update(group_id: &str, input: &GroupInput) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[group_id])?;
    Ok(req.with_body(body(input)?))
}

/// Reads a contact group with its contacts.
#[endpoint(GET "/contact-groups/{group_id}", token, js = getContactGroup, answer = GroupAnswer.group)]
pub fn get(group_id: &str) -> Result<Request, Error> {
    GET.request_with(&[group_id])
}

/// Deletes a contact group.
#[endpoint(DELETE "/contact-groups/{group_id}", token, js = deleteContactGroup, answer = GroupAnswer.group)]
pub fn delete(group_id: &str) -> Result<Request, Error> {
    DELETE.request_with(&[group_id])
}

/// Adds contacts to a group (`X-License: add-contact`). Contact ids required (1811), an array
/// of strings (1812).
#[endpoint(PATCH "/contact-groups/{group_id}", token, js = addContactsToGroup, answer = GroupAnswer.group)]
pub fn add_members(group_id: &str, #[js(type = "string[]")] contact_ids: &Loose) -> Result<Request<Value>, Error> {
    members(&ADD_MEMBERS, group_id, contact_ids, "add-contact")
}

/// Removes contacts from a group (`X-License: delete-contact`). Contact ids required (1811), an
/// array of strings (1812).
#[endpoint(PATCH "/contact-groups/{group_id}", token, js = removeContactsFromGroup, answer = GroupAnswer.group)]
pub fn remove_members(group_id: &str, #[js(type = "string[]")] contact_ids: &Loose) -> Result<Request<Value>, Error> {
    members(&REMOVE_MEMBERS, group_id, contact_ids, "delete-contact")
}

/// `route` with `{ contact_ids }` and `X-License: license`.
fn members(route: &Route, group_id: &str, contact_ids: &Loose, license: &'static str) -> Result<Request<Value>, Error> {
    let req = route.request_with(&[group_id])?;
    let ids = strings(contact_ids, "contact_ids", code!(1812), code!(1811))?
        .ok_or_else(|| Error::validation(code!(1811), "contact_ids"))?;
    let mut o = Obj::default();
    o.put("contact_ids", Some(ids));
    Ok(req.with_body(o.done()).header("X-License", license))
}

/// The contact groups matching `query`.
#[endpoint(list, js = listContactGroups, each = contactGroups, query = GroupQuery, answer = GroupList.groups)]
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
            contact_id: String = "loose::string",
        }
        /// Name.
        name: String = "loose::opt_string",
        /// When it was added (UTC).
        added_at: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A contact group.
    Group {
        @required {
            /// Group id. Always sent: an answer without it fails to decode.
            group_id: String = "loose::string",
        }
        /// Name.
        group_name: String = "loose::opt_string",
        /// Its contacts (get, add/remove contacts).
        contacts: Vec<GroupMember> = "crate::loose::opt_items",
        /// Created (UTC).
        created_at: String = "loose::opt_string",
        /// Last changed (UTC).
        updated_at: String = "loose::opt_string",
    }
);

/// The answer of the group routes: `{ msg?, group }` (the edit example says `contact`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct GroupAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The group.
    #[serde(alias = "contact", deserialize_with = "crate::loose::object")]
    pub group: Group,
}

list_answer!(
    /// One page of contact groups.
    GroupList, groups, Group
);

answers!(GroupAnswer, GroupList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
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
        let r = add_members("g1", &ids).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/contact-groups/g1"));
        assert_eq!(r.headers, vec![("X-License", "add-contact")]);
        assert_eq!(r.body.unwrap(), json!({"contact_ids": ["c1"]}));
        let r = remove_members("g1", &ids).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/contact-groups/g1"));
        assert_eq!(r.headers, vec![("X-License", "delete-contact")]);
        assert_eq!(r.body.unwrap(), json!({"contact_ids": ["c1"]}));
        for build in [add_members, remove_members] {
            assert_eq!(build("g1", &Loose::Null).unwrap_err().code, Some(1811));
            assert_eq!(build("g1", &Loose::List(vec![])).unwrap_err().code, Some(1811));
            assert_eq!(build("g1", &Loose::Str("c1".into())).unwrap_err().code, Some(1812));
            assert_eq!(build("", &ids).unwrap_err().field, Some("group_id"));
        }
    }

    #[test]
    fn answer_reads_group_or_contact_key() {
        let a: GroupAnswer = serde_json::from_value(json!({"contact": {"group_id": "g"}})).unwrap();
        assert_eq!(a.group.group_id, "g");
        let v = json!({"group_name": []});
        assert_eq!(GroupInput::read(&v), g(v.clone()));
    }
}
