//! Contact groups: `GET/POST /contact-groups`, `GET/PATCH/DELETE /contact-groups/{id}`; PATCH with
//! `X-License: add-contact` / `delete-contact` adds or removes members. Like contacts, a group
//! belongs to one user and only that user sees it (another's is 403, an unknown id 404 / 1818).

use super::common::{field, list_query, query};
use crate::area::{header_param, list_params, path_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{random_hex, stamp, App, AreaStore, Data};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method};
use axum::routing::{delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

const LIST: &[&str] = &["/contact-groups", "/contact-group"];
const ONE: &[&str] = &["/contact-groups/{id}", "/contact-group/{id}"];
const ORDER_BY: &[&str] = &["group_name", "created_at", "updated_at", "group_id"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    MemberOut,
    GroupOut,
    GroupRow,
    GroupRef,
    GroupShortAnswer,
    GroupAnswer,
    GroupList,
    GroupBody,
    GroupEdit
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || path_param("id", "Group id");
    vec![
        Route {
            method: Method::GET,
            paths: LIST,
            handler: get(list),
            doc: Doc::token(
                "listContactGroups",
                "List the caller's contact groups (search by group_name: substring)",
                "groups",
                list_params(
                    &["group_name"],
                    "Sort fields, comma-separated: group_name, created_at, updated_at, group_id (default group_name)",
                ),
                None,
                schema::of::<GroupList>(),
            ),
        },
        Route {
            method: Method::POST,
            paths: LIST,
            handler: post(add),
            doc: Doc::token(
                "addContactGroup",
                "Add a contact group",
                "groups",
                vec![],
                Some(schema::of::<GroupBody>()),
                schema::of::<GroupShortAnswer>(),
            ),
        },
        Route {
            method: Method::GET,
            paths: ONE,
            handler: get(read),
            doc: Doc::token(
                "getContactGroup",
                "Get a contact group with its contacts",
                "groups",
                vec![id()],
                None,
                schema::of::<GroupAnswer>(),
            ),
        },
        Route {
            method: Method::PATCH,
            paths: ONE,
            handler: patch(edit),
            doc: Doc::token(
                "editContactGroup",
                "Rename a group; with X-License: add-contact / delete-contact, add or remove contacts ({contact_ids})",
                "groups",
                vec![
                    id(),
                    header_param(
                        "X-License",
                        &["add-contact", "delete-contact"],
                        "Add or remove the contacts in contact_ids",
                    ),
                ],
                Some(schema::of::<GroupEdit>()),
                schema::of::<GroupAnswer>(),
            ),
        },
        Route {
            method: Method::DELETE,
            paths: ONE,
            handler: delete(remove),
            doc: Doc::token(
                "deleteContactGroup",
                "Delete a contact group (not its contacts)",
                "groups",
                vec![id()],
                None,
                schema::of::<GroupShortAnswer>(),
            ),
        },
    ]
}

/// A member as answered.
#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    contact_id: String,
    name: String,
    added_at: String,
}

/// A group as answered.
#[derive(Serialize, ToSchema)]
pub struct GroupOut {
    group_id: String,
    group_name: String,
    contacts: Vec<MemberOut>,
    created_at: String,
    updated_at: String,
}

impl GroupOut {
    fn new(g: &Group, data: &Data) -> Self {
        GroupOut {
            group_id: g.group_id.clone(),
            group_name: g.group_name.clone(),
            contacts: g
                .contacts
                .iter()
                .map(|m| MemberOut {
                    contact_id: m.contact_id.clone(),
                    name: data
                        .contacts
                        .contacts
                        .iter()
                        .find(|c| c.contact_id == m.contact_id)
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    added_at: m.added_at.clone(),
                })
                .collect(),
            created_at: g.created_at.clone(),
            updated_at: g.updated_at.clone(),
        }
    }
}

/// A group in the list (no members).
#[derive(Serialize, ToSchema)]
pub struct GroupRow {
    group_id: String,
    group_name: String,
    /// Number of contacts.
    total_contacts: usize,
    created_at: String,
    updated_at: String,
}

/// `{group_id, group_name}`.
#[derive(Serialize, ToSchema)]
pub struct GroupRef {
    group_id: String,
    group_name: String,
}

/// Answer of add and delete.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GroupShortAnswer {
    result: u32,
    msg: String,
    group: GroupRef,
}

/// Answer of get and of the PATCH forms (edit also repeats the group under `contact`, the key
/// the docs' edit example uses).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GroupAnswer {
    result: u32,
    msg: Option<String>,
    group: GroupOut,
    contact: Option<GroupOut>,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GroupList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    groups: Vec<GroupRow>,
}

/// Body of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GroupBody {
    #[schema(min_length = 3, max_length = 100)]
    group_name: String,
}

/// Body of a PATCH: `group_name` (rename) or, with `X-License`, `contact_ids`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GroupEdit {
    #[schema(min_length = 3, max_length = 100)]
    group_name: Option<String>,
    #[schema(min_items = 1)]
    contact_ids: Option<Vec<String>>,
}

/// The caller's group `id`: 404 / 1818 unknown, 403 someone else's.
fn own<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a Group, ApiError> {
    let g = data.groups.groups.iter().find(|g| g.group_id == id).ok_or_else(|| ApiError::missing(1818))?;
    if g.user_id == actor.user_id {
        Ok(g)
    } else {
        Err(ApiError::forbidden())
    }
}

/// `group_name`: required (1002: no code is documented), a string (1804), 3–100 characters
/// (1802/1803), unique among the owner's groups (`dup`: 1805 add, 1810 rename).
fn group_name(
    body: &Map<String, Value>,
    data: &Data,
    owner: &str,
    skip: Option<&str>,
    dup: u32,
) -> Result<String, ApiError> {
    let name = match field(body, "group_name") {
        None => {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                "group_name",
                "The group name is required.",
            ))
        }
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(ApiError::invalid(1804, "group_name")),
    };
    super::common::length(&name, "group_name", 3, 100, (1802, 1803))?;
    if data
        .groups
        .groups
        .iter()
        .any(|g| g.user_id == owner && Some(g.group_id.as_str()) != skip && g.group_name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::invalid(dup, "group_name"));
    }
    Ok(name)
}

async fn add(State(app): State<App>, actor: Actor, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let name = group_name(&body, &app.read(), &actor.user_id, None, 1805)?;
    let now = clock::format(app.clock.now());
    let g = Group {
        group_id: format!("grp-{}", random_hex::<8>()),
        user_id: actor.user_id.clone(),
        group_name: name,
        contacts: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    let out = GroupRef { group_id: g.group_id.clone(), group_name: g.group_name.clone() };
    let added = app.mutate(|d| {
        if d.groups.groups.iter().any(|x| x.user_id == g.user_id && x.group_name.eq_ignore_ascii_case(&g.group_name)) {
            return false;
        }
        d.groups.groups.push(g);
        true
    });
    if !added {
        return Err(ApiError::invalid(1805, "group_name"));
    }
    ok(json!({ "msg": format!("Group {} has been added.", out.group_name), "group": out }))
}

async fn read(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    let data = app.read();
    let g = own(&data, &actor, &id)?;
    ok(json!({ "group": GroupOut::new(g, &data) }))
}

enum Op {
    Rename(String),
    Add(Vec<String>),
    Remove(Vec<String>),
}

/// `contact_ids`: 1811 missing or empty, 1812 not an array of strings; each must be one of the
/// owner's contacts (1002: no code is documented).
fn contact_ids(body: &Map<String, Value>, data: &Data, owner: &str) -> Result<Vec<String>, ApiError> {
    let v = field(body, "contact_ids").ok_or_else(|| ApiError::invalid(1811, "contact_ids"))?;
    let list = v.as_array().ok_or_else(|| ApiError::invalid(1812, "contact_ids"))?;
    if list.is_empty() {
        return Err(ApiError::invalid(1811, "contact_ids"));
    }
    let mut out = Vec::new();
    for item in list {
        let id = item.as_str().ok_or_else(|| ApiError::invalid(1812, "contact_ids"))?;
        if !data.contacts.contacts.iter().any(|c| c.contact_id == id && c.user_id == owner) {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                "contact_ids",
                format!("{id} is not one of your contacts."),
            ));
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    Ok(out)
}

async fn edit(State(app): State<App>, actor: Actor, PathId(id): PathId, headers: HeaderMap, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let op = {
        let data = app.read();
        own(&data, &actor, &id)?;
        match headers.get("x-license").map(|v| v.to_str().unwrap_or("")) {
            None => Op::Rename(group_name(&body, &data, &actor.user_id, Some(&id), 1810)?),
            Some("add-contact") => Op::Add(contact_ids(&body, &data, &actor.user_id)?),
            Some("delete-contact") => Op::Remove(contact_ids(&body, &data, &actor.user_id)?),
            Some(_) => {
                return Err(ApiError::invalid_because(
                    ucaas_codes::REQUEST_INVALID,
                    "X-License",
                    "X-License takes add-contact or delete-contact here.",
                ))
            }
        }
    };
    let now = clock::format(app.clock.now());
    let out = app.mutate(|d| {
        let idx = d.groups.groups.iter().position(|g| g.group_id == id)?;
        let g = &mut d.groups.groups[idx];
        let msg = match &op {
            Op::Rename(n) => {
                g.group_name = n.clone();
                format!("Group {n} has been updated.")
            }
            Op::Add(ids) => {
                let mut n = 0;
                for c in ids {
                    if !g.contacts.iter().any(|m| &m.contact_id == c) {
                        g.contacts.push(Member { contact_id: c.clone(), added_at: now.clone() });
                        n += 1;
                    }
                }
                format!("{n} contacts are added to the Group {}.", g.group_name)
            }
            Op::Remove(ids) => {
                let before = g.contacts.len();
                g.contacts.retain(|m| !ids.contains(&m.contact_id));
                format!("{} contacts are deleted from the Group {}.", before - g.contacts.len(), g.group_name)
            }
        };
        g.updated_at = now.clone();
        Some((msg, GroupOut::new(&d.groups.groups[idx], d)))
    });
    let (msg, group) = out.ok_or_else(|| ApiError::missing(1818))?;
    if matches!(op, Op::Rename(_)) {
        let contact = serde_json::to_value(&group).unwrap_or_default();
        return ok(json!({ "msg": msg, "group": group, "contact": contact }));
    }
    ok(json!({ "msg": msg, "group": group }))
}

async fn remove(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    own(&app.read(), &actor, &id)?;
    let out = app.mutate(|d| {
        let idx = d.groups.groups.iter().position(|g| g.group_id == id)?;
        let g = d.groups.groups.remove(idx);
        for m in &mut d.meetings.meetings {
            m.invitees.group_ids.retain(|x| *x != id);
        }
        Some(GroupRef { group_id: g.group_id, group_name: g.group_name })
    });
    let out = out.ok_or_else(|| ApiError::missing(1818))?;
    ok(json!({ "msg": format!("Group {} has been deleted", out.group_name), "group": out }))
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let lq = list_query(&q, &["group_name"], ORDER_BY, "group_name")?;
    let data = app.read();
    let mut hits: Vec<&Group> = data
        .groups
        .groups
        .iter()
        .filter(|g| g.user_id == actor.user_id)
        .filter(|g| lq.search_by.is_none() || lq.contains(&g.group_name))
        .collect();
    lq.sort(
        &mut hits,
        |g, f| match f {
            "created_at" => g.created_at.clone(),
            "updated_at" => g.updated_at.clone(),
            "group_id" => g.group_id.clone(),
            _ => g.group_name.to_lowercase(),
        },
        |g| g.group_id.clone(),
    );
    let total = hits.len();
    let rows: Vec<GroupRow> = lq
        .page(hits)
        .into_iter()
        .map(|g| GroupRow {
            group_id: g.group_id.clone(),
            group_name: g.group_name.clone(),
            total_contacts: g.contacts.len(),
            created_at: g.created_at.clone(),
            updated_at: g.updated_at.clone(),
        })
        .collect();
    ok(json!({ "search": lq.echo(total), "groups": rows }))
}

/// This area's data: `groups` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Contact groups, each owned by one user.
    #[serde(default)]
    pub groups: Vec<Group>,
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for g in &mut self.groups {
            stamp(&mut g.created_at, &mut g.updated_at, now);
            for m in &mut g.contacts {
                if m.added_at.is_empty() {
                    m.added_at = g.created_at.clone();
                }
            }
        }
    }
}

/// A member of a contact group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// Contact id.
    pub contact_id: String,
    /// When it was added.
    #[serde(default)]
    pub added_at: String,
}

/// A contact group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Id.
    pub group_id: String,
    /// Owner.
    pub user_id: String,
    /// Name (unique in the owner's groups).
    pub group_name: String,
    /// Members.
    #[serde(default)]
    pub contacts: Vec<Member>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}
