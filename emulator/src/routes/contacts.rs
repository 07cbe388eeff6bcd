//! Contacts: `GET/POST /contacts`, `GET/PATCH/DELETE /contacts/{id}` (the docs' `/contact/...`
//! too). Every role has its own address book: a contact is seen and changed by its owner only
//! (another user's contact is 403).

use super::common::{field, length, list_query, opt_string, query, req_string};
use crate::area::{list_params, path_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::is_email;
use crate::routes::groups::Member;
use crate::state::{random_hex, stamp, App, AreaStore, Data};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Method;
use axum::routing::{delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

const LIST: &[&str] = &["/contacts", "/contact"];
const ONE: &[&str] = &["/contacts/{id}", "/contact/{id}"];
const SEARCH_BY: &[&str] = &["name", "email", "company", "designation"];
const ORDER_BY: &[&str] = &["name", "email", "company", "designation", "created_at", "updated_at", "contact_id"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    ContactOut,
    ContactRef,
    ContactShortAnswer,
    ContactAnswer,
    ContactList,
    ContactBody,
    ContactEdit
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || vec![path_param("id", "Contact id")];
    vec![
        Route {
            method: Method::GET,
            paths: LIST,
            handler: get(list),
            doc: Doc::token("listContacts", "List the caller's contacts (search by name, email, company, designation: substring)", "contacts", list_params(SEARCH_BY, "Sort fields, comma-separated: name, email, company, designation, created_at, updated_at, contact_id (default name)"), None, schema::of::<ContactList>()),
        },
        Route { method: Method::POST, paths: LIST, handler: post(add), doc: Doc::token("addContact", "Add a contact", "contacts", vec![], Some(schema::of::<ContactBody>()), schema::of::<ContactShortAnswer>()) },
        Route { method: Method::GET, paths: ONE, handler: get(read), doc: Doc::token("getContact", "Get a contact", "contacts", id(), None, schema::of::<ContactAnswer>()) },
        Route {
            method: Method::PATCH,
            paths: ONE,
            handler: patch(edit),
            doc: Doc::token("editContact", "Edit a contact", "contacts", id(), Some(schema::of::<ContactEdit>()), schema::of::<ContactShortAnswer>()).optional_body(),
        },
        Route { method: Method::DELETE, paths: ONE, handler: delete(remove), doc: Doc::token("deleteContact", "Delete a contact", "contacts", id(), None, schema::of::<ContactShortAnswer>()) },
    ]
}

/// A contact as answered.
#[derive(Serialize, ToSchema)]
pub struct ContactOut {
    contact_id: String,
    name: String,
    email: String,
    company: String,
    designation: String,
    shared: bool,
    /// Groups of the owner the contact is in.
    group_ids: Vec<String>,
    created_at: String,
    updated_at: String,
}

impl ContactOut {
    fn new(c: &Contact, data: &Data) -> Self {
        ContactOut {
            contact_id: c.contact_id.clone(),
            name: c.name.clone(),
            email: c.email.clone(),
            company: c.company.clone(),
            designation: c.designation.clone(),
            shared: c.shared,
            group_ids: data
                .groups
                .groups
                .iter()
                .filter(|g| g.contacts.iter().any(|m| m.contact_id == c.contact_id))
                .map(|g| g.group_id.clone())
                .collect(),
            created_at: c.created_at.clone(),
            updated_at: c.updated_at.clone(),
        }
    }
}

/// `{contact_id, name}`.
#[derive(Serialize, ToSchema)]
pub struct ContactRef {
    contact_id: String,
    name: String,
}

/// Answer of add, edit and delete.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ContactShortAnswer {
    result: u32,
    msg: String,
    contact: ContactRef,
}

/// Answer of get.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ContactAnswer {
    result: u32,
    contact: ContactOut,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ContactList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    contacts: Vec<ContactOut>,
}

/// Body of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ContactBody {
    /// Groups (of the caller) to put the contact in; at least one when given.
    #[schema(min_items = 1)]
    group_ids: Option<Vec<String>>,
    #[schema(min_length = 3, max_length = 50)]
    name: String,
    #[schema(pattern = "^[^@]+@[^@]+$", max_length = 100)]
    email: String,
    #[schema(min_length = 5, max_length = 100)]
    company: Option<String>,
    #[schema(min_length = 5, max_length = 100)]
    designation: Option<String>,
    shared: Option<bool>,
}

/// Body of an edit: every field optional.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ContactEdit {
    #[schema(min_length = 3, max_length = 50)]
    name: Option<String>,
    #[schema(pattern = "^[^@]+@[^@]+$", max_length = 100)]
    email: Option<String>,
    #[schema(min_length = 5, max_length = 100)]
    company: Option<String>,
    #[schema(min_length = 5, max_length = 100)]
    designation: Option<String>,
    shared: Option<bool>,
}

/// The caller's contact `id`: 404 unknown, 403 someone else's.
fn own<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a Contact, ApiError> {
    let c = data.contacts.contacts.iter().find(|c| c.contact_id == id).ok_or_else(ApiError::not_found)?;
    if c.user_id == actor.user_id {
        Ok(c)
    } else {
        Err(ApiError::forbidden())
    }
}

struct Fields {
    name: Option<String>,
    email: Option<String>,
    company: Option<String>,
    designation: Option<String>,
    shared: Option<bool>,
}

/// Checks the fields in the order of the documented codes; `skip` is the contact being edited.
fn validate(
    body: &Map<String, Value>,
    adding: bool,
    data: &Data,
    owner: &str,
    skip: Option<&str>,
) -> Result<Fields, ApiError> {
    let name = if adding { Some(req_string(body, "name", 1711, 1714)?) } else { opt_string(body, "name", 1714)? };
    if let Some(n) = &name {
        length(n.trim(), "name", 3, 50, (1712, 1713))?;
    }
    let email = match field(body, "email") {
        None if adding => return Err(ApiError::invalid(1724, "email")),
        None => None,
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(_) => return Err(ApiError::invalid(1723, "email")),
    };
    if let Some(e) = &email {
        if !is_email(e) {
            return Err(ApiError::invalid(1722, "email"));
        }
        if e.chars().count() > 100 {
            return Err(ApiError::invalid(1725, "email"));
        }
        let taken = data
            .contacts
            .contacts
            .iter()
            .any(|c| c.user_id == owner && Some(c.contact_id.as_str()) != skip && c.email.eq_ignore_ascii_case(e));
        if taken {
            return Err(ApiError::invalid(1721, "email"));
        }
    }
    let company = opt_string(body, "company", 1731)?;
    if let Some(c) = &company {
        length(c, "company", 5, 100, (1733, 1732))?;
    }
    let designation = opt_string(body, "designation", 1741)?;
    if let Some(d) = &designation {
        length(d, "designation", 5, 100, (1743, 1742))?;
    }
    let shared = super::common::opt_bool(body, "shared", ucaas_codes::REQUEST_INVALID)?;
    Ok(Fields { name: name.map(|n| n.trim().to_string()), email, company, designation, shared })
}

/// `group_ids` of an add: 1701 not an array, 1702 empty, 1818 not one of the owner's groups.
fn group_ids(body: &Map<String, Value>, data: &Data, owner: &str) -> Result<Vec<String>, ApiError> {
    let Some(v) = field(body, "group_ids") else { return Ok(Vec::new()) };
    let list = v.as_array().ok_or_else(|| ApiError::invalid(1701, "group_ids"))?;
    if list.is_empty() {
        return Err(ApiError::invalid(1702, "group_ids"));
    }
    list.iter()
        .map(|g| match g.as_str() {
            Some(id) if data.groups.groups.iter().any(|x| x.group_id == id && x.user_id == owner) => Ok(id.to_string()),
            Some(_) => Err(ApiError::invalid(1818, "group_ids")),
            None => Err(ApiError::invalid(1701, "group_ids")),
        })
        .collect()
}

async fn add(State(app): State<App>, actor: Actor, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let now = clock::format(app.clock.now());
    let (f, groups) = {
        let data = app.read();
        let groups = group_ids(&body, &data, &actor.user_id)?;
        (validate(&body, true, &data, &actor.user_id, None)?, groups)
    };
    let c = Contact {
        contact_id: format!("ct-{}", random_hex::<8>()),
        user_id: actor.user_id.clone(),
        name: f.name.unwrap_or_default(),
        email: f.email.unwrap_or_default(),
        company: f.company.unwrap_or_default(),
        designation: f.designation.unwrap_or_default(),
        shared: f.shared.unwrap_or(false),
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    let out = ContactRef { contact_id: c.contact_id.clone(), name: c.name.clone() };
    let added = app.mutate(|d| {
        // Checked again under the write lock: two adds of one email race otherwise.
        if d.contacts.contacts.iter().any(|x| x.user_id == c.user_id && x.email.eq_ignore_ascii_case(&c.email)) {
            return false;
        }
        for g in d.groups.groups.iter_mut().filter(|g| groups.contains(&g.group_id)) {
            g.contacts.push(Member { contact_id: c.contact_id.clone(), added_at: now.clone() });
        }
        d.contacts.contacts.push(c);
        true
    });
    if !added {
        return Err(ApiError::invalid(1721, "email"));
    }
    ok(json!({ "msg": format!("{} has been added to the contact list.", out.name), "contact": out }))
}

async fn read(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    let data = app.read();
    let c = own(&data, &actor, &id)?;
    ok(json!({ "contact": ContactOut::new(c, &data) }))
}

async fn edit(State(app): State<App>, actor: Actor, PathId(id): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let f = {
        let data = app.read();
        own(&data, &actor, &id)?;
        validate(&body, false, &data, &actor.user_id, Some(&id))?
    };
    let now = clock::format(app.clock.now());
    let out = app.mutate(|d| {
        let c = d.contacts.contacts.iter_mut().find(|c| c.contact_id == id)?;
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = f.$f.clone() { c.$f = v; } )* };
        }
        set!(name, email, company, designation, shared);
        c.updated_at = now;
        Some(ContactRef { contact_id: c.contact_id.clone(), name: c.name.clone() })
    });
    let out = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "msg": format!("Information for {} has been updated.", out.name), "contact": out }))
}

async fn remove(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    own(&app.read(), &actor, &id)?;
    let out = app.mutate(|d| {
        let idx = d.contacts.contacts.iter().position(|c| c.contact_id == id)?;
        let c = d.contacts.contacts.remove(idx);
        for g in &mut d.groups.groups {
            g.contacts.retain(|m| m.contact_id != id);
        }
        Some(ContactRef { contact_id: c.contact_id, name: c.name })
    });
    let out = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "msg": format!("{} has been deleted from the contact list.", out.name), "contact": out }))
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let lq = list_query(&q, SEARCH_BY, ORDER_BY, "name")?;
    let data = app.read();
    let mut hits: Vec<&Contact> = data
        .contacts
        .contacts
        .iter()
        .filter(|c| c.user_id == actor.user_id)
        .filter(|c| match lq.search_by.as_deref() {
            Some("name") => lq.contains(&c.name),
            Some("email") => lq.contains(&c.email),
            Some("company") => lq.contains(&c.company),
            Some("designation") => lq.contains(&c.designation),
            _ => true,
        })
        .collect();
    lq.sort(
        &mut hits,
        |c, f| match f {
            "email" => c.email.to_lowercase(),
            "company" => c.company.to_lowercase(),
            "designation" => c.designation.to_lowercase(),
            "created_at" => c.created_at.clone(),
            "updated_at" => c.updated_at.clone(),
            "contact_id" => c.contact_id.clone(),
            _ => c.name.to_lowercase(),
        },
        |c| c.contact_id.clone(),
    );
    let total = hits.len();
    let page: Vec<ContactOut> = lq.page(hits).into_iter().map(|c| ContactOut::new(c, &data)).collect();
    ok(json!({ "search": lq.echo(total), "contacts": page }))
}

/// This area's data: `contacts` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Address book entries, each owned by one user.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for c in &mut self.contacts {
            stamp(&mut c.created_at, &mut c.updated_at, now);
        }
    }
}

/// An address book entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    /// Id.
    pub contact_id: String,
    /// Owner.
    pub user_id: String,
    /// Full name.
    pub name: String,
    /// Email (unique in the owner's list).
    pub email: String,
    /// Company.
    #[serde(default)]
    pub company: String,
    /// Designation.
    #[serde(default)]
    pub designation: String,
    /// Shared with the owner's company.
    #[serde(default)]
    pub shared: bool,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}
