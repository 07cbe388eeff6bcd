//! Contacts (`/contacts`): add, edit, get, list, delete. Token auth; a user manages its own.

use super::list::{strings, ListSpec, Obj};
use super::Request;
use crate::error::Error;
use crate::loose;
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{code, Code};

loose_input!(
    /// Input of `addContact`, and (every field optional) of `updateContact`.
    ContactInput {
        /// Full name: 3 to 50 characters.
        name: "string",
        /// Email address (unique in your contacts), at most 100 characters.
        email: "string",
        /// Company: 5 to 100 characters.
        company: "string" optional,
        /// Designation: 5 to 100 characters.
        designation: "string" optional,
        /// Whether the contact is shared.
        shared: "boolean" optional,
        /// Groups to link the new contact with (adding only).
        group_ids: "string[]" optional,
    }
);

/// Checks every field with its documented codes (1701–1743); `full` demands name and email.
fn body(c: &ContactInput, full: bool) -> Result<Obj, Error> {
    let req = |code| full.then_some(code);
    let email = validate::text(&c.email, "email", req(code!(1724)), code!(1723), (0, Code::NONE), (100, code!(1725)))?;
    if let Some(e) = &email {
        validate::email(e, "email", Some(code!(1722)))?;
    }
    let mut o = Obj::default();
    o.put("name", validate::text(&c.name, "name", req(code!(1711)), code!(1714), (3, code!(1712)), (50, code!(1713)))?)
        .put("email", email)
        .put("company", validate::text(&c.company, "company", None, code!(1731), (5, code!(1733)), (100, code!(1732)))?)
        .put(
            "designation",
            validate::text(&c.designation, "designation", None, code!(1741), (5, code!(1743)), (100, code!(1742)))?,
        )
        .put(
            "shared",
            validate::opt_flag(&c.shared, "shared", Code::NONE).map_err(|_| validate::fail(Code::NONE, "shared"))?,
        );
    Ok(o)
}

/// Adds a contact. Name and email are required; `group_ids` links it with groups.
#[endpoint(POST "/contacts", token, js = addContact, answer = ContactAnswer.contact)]
pub fn add(input: &ContactInput) -> Result<Request<Value>, Error> {
    let req = ADD.request();
    let mut o = body(input, true)?;
    o.put("group_ids", strings(&input.group_ids, "group_ids", code!(1701), code!(1702))?);
    Ok(req.with_body(o.done()))
}

/// Changes a contact. Sends the fields `patch` sets (at least one).
#[endpoint(PATCH "/contacts/{contact_id}", token, js = updateContact, answer = ContactAnswer.contact)]
pub fn update(
    contact_id: &str,
    #[js(type = "Partial<ContactInput>")] patch: &ContactInput,
) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[contact_id])?;
    Ok(req.with_body(body(patch, false)?.changes("name")?))
}

/// Reads a contact.
#[endpoint(GET "/contacts/{contact_id}", token, js = getContact, answer = ContactAnswer.contact)]
pub fn get(contact_id: &str) -> Result<Request, Error> {
    GET.request_with(&[contact_id])
}

/// Deletes a contact.
#[endpoint(DELETE "/contacts/{contact_id}", token, js = deleteContact, answer = ContactAnswer.contact)]
pub fn delete(contact_id: &str) -> Result<Request, Error> {
    DELETE.request_with(&[contact_id])
}

/// The contacts matching `query`: search by name, email, company or designation.
#[endpoint(list, js = listContacts, each = contacts, query = ContactQuery, answer = ContactList.contacts)]
pub const LIST: ListSpec = ListSpec {
    path: "/contacts",
    search_by: &["name", "email", "company", "designation"],
    filters: &[],
    dates: &[],
    choices: &[],
    app_type: false,
};

loose_input!(
    /// Query of `listContacts` / `contacts()`. Every key is optional.
    ContactQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Contacts per page (the server's default is 10).
        page_length: "number" optional,
        /// Field to search (needs `search_string`).
        search_by: "\"name\" | \"email\" | \"company\" | \"designation\"" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// A contact.
    Contact {
        @required {
            /// Contact id. Always sent: an answer without it fails to decode.
            contact_id: String = "loose::string",
        }
        /// Full name.
        name: String = "loose::opt_string",
        /// Email.
        email: String = "loose::opt_string",
        /// Company.
        company: String = "loose::opt_string",
        /// Designation.
        designation: String = "loose::opt_string",
        /// Shared.
        shared: bool = "loose::opt_bool",
        /// Groups it belongs to.
        group_ids: Vec<String> = "loose::opt_strings",
        /// Created (UTC).
        created_at: String = "loose::opt_string",
        /// Last changed (UTC).
        updated_at: String = "loose::opt_string",
    }
);

/// The answer of add, edit, get and delete: `{ msg?, contact }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct ContactAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The contact.
    #[serde(deserialize_with = "crate::loose::object")]
    pub contact: Contact,
}

list_answer!(
    /// One page of contacts.
    ContactList, contacts, Contact
);

answers!(ContactAnswer, ContactList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Auth, Method};
    use serde_json::json;

    fn input(v: Value) -> ContactInput {
        serde_json::from_value(v).unwrap()
    }

    fn code(v: Value) -> Option<u32> {
        let mut base = json!({"name": "Ann Lee", "email": "ann@example.test"});
        base.as_object_mut().unwrap().extend(v.as_object().unwrap().clone());
        base.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        add(&input(base)).unwrap_err().code
    }

    #[test]
    fn add_builds_the_documented_body() {
        let r = add(&input(
            json!({"name": " Ann Lee ", "email": "ann@example.test", "company": "Acme Ltd", "group_ids": ["g1"]}),
        ))
        .unwrap();
        assert_eq!((r.method, r.path.as_str(), r.auth, r.app_type), (Method::Post, "/contacts", Auth::Token, false));
        assert_eq!(
            r.body.unwrap(),
            json!({"name": "Ann Lee", "email": "ann@example.test", "company": "Acme Ltd", "group_ids": ["g1"]})
        );
    }

    #[test]
    fn each_documented_code() {
        assert_eq!(code(json!({"name": null})), Some(1711));
        assert_eq!(code(json!({"name": "Al"})), Some(1712));
        assert_eq!(code(json!({"name": "x".repeat(51)})), Some(1713));
        assert_eq!(code(json!({"name": 7})), Some(1714));
        assert_eq!(code(json!({"email": null})), Some(1724));
        assert_eq!(code(json!({"email": "nope"})), Some(1722));
        assert_eq!(code(json!({"email": true})), Some(1723));
        assert_eq!(code(json!({"email": format!("{}@example.test", "a".repeat(95))})), Some(1725));
        assert_eq!(code(json!({"company": 1})), Some(1731));
        assert_eq!(code(json!({"company": "x".repeat(101)})), Some(1732));
        assert_eq!(code(json!({"company": "Acme"})), Some(1733));
        assert_eq!(code(json!({"designation": []})), Some(1741));
        assert_eq!(code(json!({"designation": "x".repeat(101)})), Some(1742));
        assert_eq!(code(json!({"designation": "CEO"})), Some(1743));
        assert_eq!(code(json!({"group_ids": "g1"})), Some(1701));
        assert_eq!(code(json!({"group_ids": []})), Some(1702));
        assert_eq!(
            add(&input(json!({"name": "Ann Lee", "email": "a@b.co", "shared": "yes"}))).unwrap_err().field,
            Some("shared")
        );
    }

    #[test]
    fn update_get_delete_and_list() {
        let r = update("c 1", &input(json!({"company": "Acme Ltd"}))).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/contacts/c%201"));
        assert_eq!(r.body.unwrap(), json!({"company": "Acme Ltd"}));
        assert!(update("c1", &input(json!({}))).is_err());
        assert_eq!(update("c1", &input(json!({"name": "Al"}))).unwrap_err().code, Some(1712));
        assert_eq!(get("c1").unwrap().path, "/contacts/c1");
        assert_eq!(delete("c1").unwrap().method, Method::Delete);
        let q =
            super::super::list::check(Some(&json!({"search_by": "company", "search_string": "Acme"})), &LIST).unwrap();
        assert_eq!(
            super::super::list::request(&LIST, &q).path_and_query(),
            "/contacts?search_by=company&search_string=Acme"
        );
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = json!({"name": 1, "email": "e", "group_ids": ["a", 2], "shared": {}});
        assert_eq!(ContactInput::read(&v), input(v.clone()));
        let v = json!({"page": "2", "search_by": "name"});
        assert_eq!(ContactQuery::read(&v), serde_json::from_value(v).unwrap());
    }
}
