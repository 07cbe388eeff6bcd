//! Users: `GET/POST /users`, `GET/PATCH /users/{id}`; PATCH with `X-License: assign` / `revoke`
//! gives or takes an application licence. A customer manages its own users, a reseller those of
//! its tenant and its customers, an administrator everyone; a user only reads itself.

use super::common::{
    customer_visible, field, full_name, list_query, opt_bool, opt_string, parse_date, query, req_string,
};
use crate::area::{header_param, list_params, path_param, query_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::is_email;
use crate::routes::meetings::direct_url;
use crate::routes::permanent::Room;
use crate::state::{random_hex, stamp, App, AreaStore, Data, Role};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method};
use axum::routing::{get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use utoipa::{OpenApi, ToSchema};

const SEARCH_BY: &[&str] = &["first_name", "last_name", "email", "status", "user_type", "vc", "wb"];
const ORDER_BY: &[&str] = &["first_name", "last_name", "email", "status", "user_type", "created_at", "user_id"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(Apps, AppAccess, UserBody, UserEdit, UserAnswer, UserShort, UserList)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || path_param("id", "User id");
    let mut params = list_params(SEARCH_BY, "Sort fields, comma-separated: first_name, last_name, email, status, user_type, created_at, user_id (default first_name)");
    params.push(query_param("from_create_dt", schema::string(), "Created on or after (YYYY-MM-DD)"));
    params.push(query_param("to_create_dt", schema::string(), "Created on or before (YYYY-MM-DD)"));
    vec![
        Route { method: Method::GET, paths: &["/users"], handler: get(list), doc: Doc::token("listUsers", "List users in scope (search: substring on names and email, exact on the rest; vc/wb: true/false)", "users", params, None, schema::of::<UserList>()) },
        Route { method: Method::POST, paths: &["/users"], handler: post(add), doc: Doc::token("addUser", "Add a user", "users", vec![], Some(schema::of::<UserBody>()), schema::of::<UserShort>()) },
        Route { method: Method::GET, paths: &["/users/{id}"], handler: get(read), doc: Doc::token("getUser", "Get a user", "users", vec![id()], None, schema::of::<UserAnswer>()) },
        Route {
            method: Method::PATCH,
            paths: &["/users/{id}"],
            handler: patch(edit),
            doc: Doc::token(
                "editUser",
                "Edit a user; with X-License: assign ({app, subscription_id, send_access_mail}) or revoke ({app}) an application licence",
                "users",
                vec![id(), header_param("X-License", &["assign", "revoke"], "Assign or revoke an application licence")],
                Some(schema::of::<UserEdit>()),
                schema::of::<UserShort>(),
            )
            .optional_body(),
        },
    ]
}

/// Body of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UserBody {
    /// `user` (or the docs' `AP`), `customer`, `reseller`, `administrator` — not above the caller.
    user_type: String,
    #[schema(min_length = 1)]
    first_name: String,
    middle_name: Option<String>,
    last_name: Option<String>,
    #[schema(pattern = "^[^@]+@[^@]+$")]
    email: String,
    /// Generated when absent (mailed with send_welcome_mail).
    #[schema(min_length = 8)]
    password: Option<String>,
    /// `A` (default) or `S`.
    #[schema(pattern = "^[AS]$")]
    status: Option<String>,
    department: Option<String>,
    designation: Option<String>,
    send_welcome_mail: Option<bool>,
    /// Emulator extension: the tenant (default the caller's).
    customer_id: Option<String>,
}

/// Body of a PATCH: the fields to edit, or with `X-License` the licence request.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UserEdit {
    user_type: Option<String>,
    #[schema(min_length = 1)]
    first_name: Option<String>,
    middle_name: Option<String>,
    last_name: Option<String>,
    #[schema(pattern = "^[AS]$")]
    status: Option<String>,
    department: Option<String>,
    designation: Option<String>,
    /// Licence: `vc` or `wb`.
    #[schema(pattern = "^(vc|wb)$")]
    app: Option<String>,
    /// Licence assign: the tenant's active subscription of that app.
    subscription_id: Option<String>,
    send_access_mail: Option<bool>,
}

/// Answer of get: user_id, user_type, first/middle/last_name, email, status, designation,
/// department, vc/wb `{access, status, wef}`, customer_id, created_at, updated_at,
/// activated_at, suspended_at.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UserAnswer {
    result: u32,
    #[schema(value_type = Object)]
    user: Value,
}

/// Answer of add, edit, assign, revoke: `user` = `{user_id, name}` (+ `access` for licences).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UserShort {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    user: Value,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UserList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    #[schema(value_type = Vec<Object>)]
    users: Vec<Value>,
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Administrator => "administrator",
        Role::Reseller => "reseller",
        Role::Customer => "customer",
        Role::User => "user",
    }
}

fn rank(r: Role) -> u8 {
    match r {
        Role::Administrator => 3,
        Role::Reseller => 2,
        Role::Customer => 1,
        Role::User => 0,
    }
}

/// A user as answered.
pub fn out(u: &User) -> Value {
    json!({
        "user_id": u.user_id, "user_type": role_name(u.user_type),
        "first_name": u.first_name, "middle_name": u.middle_name, "last_name": u.last_name,
        "email": u.email, "status": u.status, "designation": u.designation, "department": u.department,
        "vc": u.apps.vc, "wb": u.apps.wb, "customer_id": u.customer_id,
        "created_at": u.created_at, "updated_at": u.updated_at,
        "activated_at": u.created_at, "suspended_at": if u.status == "S" { u.updated_at.as_str() } else { "" },
    })
}

fn name(u: &User) -> String {
    full_name(&u.first_name, &u.middle_name, &u.last_name)
}

/// A permanent room for a new user, with fresh PINs.
pub fn new_room(d: &Data, u: &User) -> Room {
    let mpin = d.new_pin();
    let ppin = loop {
        let p = d.new_pin();
        if p != mpin {
            break p;
        }
    };
    Room {
        room_id: format!("perm-{}", random_hex::<6>()),
        user_id: u.user_id.clone(),
        room_name: format!("{}'s room", u.first_name),
        mpin,
        ppin,
        desc: String::new(),
        moderators: 1,
        participants: 10,
        duration: 60,
        wait_for_moderator: false,
        knock: false,
        auto_recording: false,
    }
}

/// `user_type`: 1152 not a string (or absent on add), 1153 unknown or above the caller.
fn user_type(body: &Map<String, Value>, actor: &Actor, required: bool) -> Result<Option<Role>, ApiError> {
    let Some(t) = opt_string(body, "user_type", 1152)? else {
        return if required { Err(ApiError::invalid(1152, "user_type")) } else { Ok(None) };
    };
    let role = match t.as_str() {
        "user" | "AP" => Role::User,
        "customer" => Role::Customer,
        "reseller" => Role::Reseller,
        "administrator" => Role::Administrator,
        _ => return Err(ApiError::invalid(1153, "user_type")),
    };
    if rank(role) > rank(actor.role) {
        return Err(ApiError::invalid(1153, "user_type"));
    }
    Ok(Some(role))
}

struct Fields {
    first: Option<String>,
    middle: Option<String>,
    last: Option<String>,
    status: Option<String>,
    department: Option<String>,
    designation: Option<String>,
}

/// The name, status, department and designation fields (1111–1191).
fn fields(body: &Map<String, Value>, adding: bool) -> Result<Fields, ApiError> {
    let first =
        if adding { Some(req_string(body, "first_name", 1111, 1112)?) } else { opt_string(body, "first_name", 1112)? };
    if first.as_deref().is_some_and(|f| f.trim().is_empty()) {
        return Err(ApiError::invalid(1111, "first_name"));
    }
    let middle = opt_string(body, "middle_name", 1115)?;
    let last = opt_string(body, "last_name", 1119)?;
    let status = opt_string(body, "status", 1131)?;
    if status.as_deref().is_some_and(|s| s != "A" && s != "S") {
        return Err(ApiError::invalid(1191, "status"));
    }
    Ok(Fields {
        first,
        middle,
        last,
        status,
        department: opt_string(body, "department", 1141)?,
        designation: opt_string(body, "designation", 1145)?,
    })
}

/// The user `id`: 404 unknown, 403 out of scope.
fn visible<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a User, ApiError> {
    let u = data.users.get(id).ok_or_else(ApiError::not_found)?;
    if actor.can_access(u, data) {
        Ok(u)
    } else {
        Err(ApiError::forbidden())
    }
}

async fn read(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    let data = app.read();
    ok(json!({ "user": out(visible(&data, &actor, &id)?) }))
}

async fn add(State(app): State<App>, actor: Actor, body: Bytes) -> Answer {
    if actor.role == Role::User {
        return Err(ApiError::forbidden());
    }
    let body = json_object(&body)?;
    let now_ts = app.clock.now();
    let now = clock::format(now_ts);
    let (user, password, welcome) = {
        let data = app.read();
        let customer_id = match opt_string(&body, "customer_id", ucaas_codes::REQUEST_INVALID)? {
            None => actor.customer_id.clone(),
            Some(c) => {
                let cust = data.customers.get(&c).ok_or_else(|| ApiError::invalid(1234, "customer_id"))?;
                if !customer_visible(&actor, cust) {
                    return Err(ApiError::forbidden());
                }
                Some(c)
            }
        };
        let role = user_type(&body, &actor, true)?.unwrap_or(Role::User);
        let f = fields(&body, true)?;
        let email = match field(&body, "email") {
            Some(Value::String(s)) if is_email(s.trim()) => s.trim().to_string(),
            _ => return Err(ApiError::invalid(1105, "email")),
        };
        if data.users.users.iter().any(|u| u.email.eq_ignore_ascii_case(&email)) {
            return Err(ApiError::invalid(1103, "email"));
        }
        let password = match opt_string(&body, "password", 1121)? {
            Some(p) if p.chars().count() < 8 => {
                return Err(ApiError::invalid_because(
                    ucaas_codes::REQUEST_INVALID,
                    "password",
                    "The password needs at least 8 characters.",
                ))
            }
            Some(p) => p,
            None => format!("P{}!", random_hex::<6>()),
        };
        let welcome = opt_bool(&body, "send_welcome_mail", 1161)?.unwrap_or(false);
        let user = User {
            user_id: format!("u-{}", random_hex::<6>()),
            email,
            password: password.clone(),
            user_type: role,
            first_name: f.first.unwrap_or_default().trim().to_string(),
            middle_name: f.middle.unwrap_or_default(),
            last_name: f.last.unwrap_or_default(),
            customer_id,
            timezone_id: "UTC".into(),
            profile_pic: String::new(),
            apps: Apps {
                vc: AppAccess { access: false, status: "U".into(), wef: String::new() },
                wb: AppAccess { access: false, status: "U".into(), wef: String::new() },
            },
            last_login_time: String::new(),
            status: f.status.unwrap_or_else(|| "A".into()),
            department: f.department.unwrap_or_default(),
            designation: f.designation.unwrap_or_default(),
            licences: Default::default(),
            created_at: now.clone(),
            updated_at: now,
        };
        (user, password, welcome)
    };
    let short = json!({ "user_id": user.user_id, "name": name(&user) });
    let added = app.mutate(|d| {
        if d.users.users.iter().any(|u| u.email.eq_ignore_ascii_case(&user.email)) {
            return false;
        }
        if welcome {
            let body = format!("Welcome! Log in as {} with the password {}.", user.email, password);
            d.send_mail(
                "welcome",
                &user.email.clone(),
                "Your account".into(),
                body,
                json!({ "email": user.email, "password": password }),
                now_ts,
            );
        }
        let room = new_room(d, &user);
        d.permanent.rooms.push(room);
        d.users.users.push(user);
        true
    });
    if !added {
        return Err(ApiError::invalid(1103, "email"));
    }
    ok(json!({ "msg": format!("User {} has been added", short["name"].as_str().unwrap_or("")), "user": short }))
}

enum Op {
    Edit(Option<Role>, Fields),
    Assign { app: String, sub: String, mail: bool },
    Revoke(String),
}

fn app_field(body: &Map<String, Value>) -> Result<String, ApiError> {
    match field(body, "app") {
        Some(Value::String(a)) if a == "vc" || a == "wb" => Ok(a.clone()),
        _ => Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, "app", "app is required: vc or wb.")),
    }
}

async fn edit(State(app): State<App>, actor: Actor, PathId(id): PathId, headers: HeaderMap, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let op = {
        let data = app.read();
        let u = visible(&data, &actor, &id)?;
        if actor.role == Role::User || rank(u.user_type) > rank(actor.role) {
            return Err(ApiError::forbidden());
        }
        match headers.get("x-license").map(|v| v.to_str().unwrap_or("")) {
            None => Op::Edit(user_type(&body, &actor, false)?, fields(&body, false)?),
            Some("assign") => {
                let app_c = app_field(&body)?;
                let sub = match field(&body, "subscription_id") {
                    None => return Err(ApiError::invalid(1404, "subscription_id")),
                    Some(Value::String(s)) => s.clone(),
                    Some(_) => return Err(ApiError::invalid(1405, "subscription_id")),
                };
                let mail = opt_bool(&body, "send_access_mail", 1408)?.unwrap_or(false);
                let s = data.subscriptions.subscriptions.iter().find(|s| s.subscription_id == sub);
                let usable = s.is_some_and(|s| {
                    Some(&s.customer_id) == u.customer_id.as_ref() && s.app == app_c && s.status == "A"
                });
                if !usable {
                    return Err(ApiError::invalid(1220, "subscription_id"));
                }
                let access = if app_c == "wb" { &u.apps.wb } else { &u.apps.vc };
                if access.access {
                    return Err(ApiError::invalid(1261, "app"));
                }
                let used = data.users.users.iter().filter(|x| x.licences.get(&app_c) == Some(&sub)).count();
                if used >= s.map_or(0, |s| s.qty as usize) {
                    return Err(ApiError::invalid_because(
                        ucaas_codes::REQUEST_INVALID,
                        "subscription_id",
                        "Every user licence of this subscription is assigned.",
                    ));
                }
                Op::Assign { app: app_c, sub, mail }
            }
            Some("revoke") => {
                let app_c = app_field(&body)?;
                let access = if app_c == "wb" { &u.apps.wb } else { &u.apps.vc };
                if !access.access {
                    return Err(ApiError::invalid(1260, "app"));
                }
                Op::Revoke(app_c)
            }
            Some(_) => {
                return Err(ApiError::invalid_because(
                    ucaas_codes::REQUEST_INVALID,
                    "X-License",
                    "X-License takes assign or revoke here.",
                ))
            }
        }
    };
    let now_ts = app.clock.now();
    let now = clock::format(now_ts);
    let out = app.mutate(|d| {
        let idx = d.users.users.iter().position(|u| u.user_id == id)?;
        let result = match op {
            Op::Edit(role, f) => {
                let u = &mut d.users.users[idx];
                if let Some(r) = role { u.user_type = r; }
                if let Some(v) = f.first { u.first_name = v.trim().to_string(); }
                if let Some(v) = f.middle { u.middle_name = v; }
                if let Some(v) = f.last { u.last_name = v; }
                if let Some(v) = f.status { u.status = v; }
                if let Some(v) = f.department { u.department = v; }
                if let Some(v) = f.designation { u.designation = v; }
                u.updated_at = now.clone();
                let n = name(u);
                (format!("User {n} has been updated"), json!({ "user_id": u.user_id, "name": n }))
            }
            Op::Assign { app: a, sub, mail } => {
                if !d.permanent.rooms.iter().any(|r| r.user_id == id) {
                    let room = new_room(d, &d.users.users[idx]);
                    d.permanent.rooms.push(room);
                }
                let u = &mut d.users.users[idx];
                let access = AppAccess { access: true, status: "A".into(), wef: now[..10].to_string() };
                if a == "wb" { u.apps.wb = access } else { u.apps.vc = access }
                u.licences.insert(a.clone(), sub);
                u.updated_at = now.clone();
                let (n, email) = (name(u), u.email.clone());
                let r = d.permanent.rooms.iter().find(|r| r.user_id == id).cloned()?;
                let access = json!({ "app": a, "url": direct_url(&r.room_id), "ppin": r.ppin, "mpin": r.mpin });
                if mail {
                    let body = format!("You now have access to the {} application. Your room: {} (moderator PIN {}, participant PIN {}).", if a == "wb" { "webinar" } else { "meeting" }, direct_url(&r.room_id), r.mpin, r.ppin);
                    d.send_mail("licence_access", &email, "Your application access".into(), body, access.clone(), now_ts);
                }
                let what = if a == "wb" { "webinar" } else { "meeting" };
                (format!("The user {n} has been provided access to the {what} application."), json!({ "user_id": id, "name": n, "access": access }))
            }
            Op::Revoke(a) => {
                let u = &mut d.users.users[idx];
                let access = AppAccess { access: false, status: "U".into(), wef: String::new() };
                if a == "wb" { u.apps.wb = access } else { u.apps.vc = access }
                u.licences.remove(&a);
                u.updated_at = now.clone();
                let n = name(u);
                let what = if a == "wb" { "webinar" } else { "meeting" };
                (format!("The user {n} has been revoked access to the {what} application."), json!({ "user_id": id, "name": n, "access": { "app": a } }))
            }
        };
        Some(result)
    });
    let (msg, user) = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "msg": msg, "user": user }))
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let lq = list_query(&q, SEARCH_BY, ORDER_BY, "first_name")?;
    let mut bounds = Vec::new();
    for k in ["from_create_dt", "to_create_dt"] {
        match q.get(k) {
            None => bounds.push(None),
            Some(d) if parse_date(d).is_some() => bounds.push(Some(d.clone())),
            Some(_) => return Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, k, "Use YYYY-MM-DD.")),
        }
    }
    let data = app.read();
    let mut hits: Vec<&User> = data
        .users
        .users
        .iter()
        .filter(|u| actor.can_access(u, &data))
        .filter(|u| match lq.search_by.as_deref() {
            Some("first_name") => lq.contains(&u.first_name),
            Some("last_name") => lq.contains(&u.last_name),
            Some("email") => lq.contains(&u.email),
            Some("status") => u.status == lq.search_string,
            Some("user_type") => {
                role_name(u.user_type) == lq.search_string || (lq.search_string == "AP" && u.user_type == Role::User)
            }
            Some("vc") => u.apps.vc.access.to_string() == lq.search_string,
            Some("wb") => u.apps.wb.access.to_string() == lq.search_string,
            _ => true,
        })
        .filter(|u| {
            let day = u.created_at.get(..10).unwrap_or("");
            bounds[0].as_deref().is_none_or(|f| day >= f) && bounds[1].as_deref().is_none_or(|t| day <= t)
        })
        .collect();
    lq.sort(
        &mut hits,
        |u, f| match f {
            "last_name" => u.last_name.to_lowercase(),
            "email" => u.email.to_lowercase(),
            "status" => u.status.clone(),
            "user_type" => role_name(u.user_type).to_string(),
            "created_at" => u.created_at.clone(),
            "user_id" => u.user_id.clone(),
            _ => u.first_name.to_lowercase(),
        },
        |u| u.user_id.clone(),
    );
    let total = hits.len();
    let rows: Vec<Value> = lq.page(hits).into_iter().map(out).collect();
    let mut search = lq.echo(total);
    search["from_create_dt"] = json!(bounds[0].clone().unwrap_or_default());
    search["to_create_dt"] = json!(bounds[1].clone().unwrap_or_default());
    ok(json!({ "search": search, "users": rows }))
}

/// This area's data: `users` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Every account, of every role.
    pub users: Vec<User>,
}

impl Store {
    /// The user with this id.
    pub fn get(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|x| x.user_id == id)
    }
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for u in &mut self.users {
            stamp(&mut u.created_at, &mut u.updated_at, now);
        }
    }
}

/// An account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub user_id: String,
    /// Login email.
    pub email: String,
    /// Password, in clear: this is a test double with known passwords.
    pub password: String,
    /// Role.
    pub user_type: Role,
    /// First name.
    #[serde(default)]
    pub first_name: String,
    /// Middle name.
    #[serde(default)]
    pub middle_name: String,
    /// Last name.
    #[serde(default)]
    pub last_name: String,
    /// The tenant the account belongs to (none for administrators).
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Time zone id.
    #[serde(default = "crate::state::utc")]
    pub timezone_id: String,
    /// Picture URL.
    #[serde(default)]
    pub profile_pic: String,
    /// Per-application licence.
    #[serde(default)]
    pub apps: Apps,
    /// Last login, `YYYY-MM-DD HH:MM:SS`.
    #[serde(default)]
    pub last_login_time: String,
    /// `A` active, `S` suspended.
    #[serde(default = "crate::state::active")]
    pub status: String,
    /// Department.
    #[serde(default)]
    pub department: String,
    /// Designation.
    #[serde(default)]
    pub designation: String,
    /// Subscription id behind each assigned application licence (`vc`, `wb`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub licences: BTreeMap<String, String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

/// Per-application licences of a user.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Apps {
    /// Video meeting.
    #[serde(default)]
    pub vc: AppAccess,
    /// Webinar.
    #[serde(default)]
    pub wb: AppAccess,
}

/// One application's licence.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AppAccess {
    /// Whether the user may use it.
    #[serde(default)]
    pub access: bool,
    /// `A` active, `U` unassigned…
    #[serde(default)]
    pub status: String,
    /// Date the access started.
    #[serde(default)]
    pub wef: String,
}
