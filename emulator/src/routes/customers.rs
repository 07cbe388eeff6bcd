//! Customers (tenants): `GET/POST /customers`, `GET/PATCH /customers/{id}`. An administrator sees
//! and changes every tenant; a reseller itself and its customers (it adds customers under
//! itself, and edits them, not itself); a customer sees only itself; a user none (403).

use super::common::{
    customer_managed, customer_visible, field, list_query, opt_bool, opt_string, parse_date, query, req_string,
};
use crate::area::{list_params, path_param, query_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, PathId};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::is_email;
use crate::routes::users::{Apps, User};
use crate::state::{random_hex, stamp, App, AreaStore, Data, Role};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Method;
use axum::routing::{get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

const SEARCH_BY: &[&str] = &["customer_name", "customer_legal_name", "customer_code", "individual", "status"];
const ORDER_BY: &[&str] =
    &["customer_name", "customer_legal_name", "customer_code", "status", "created_at", "customer_id"];
const ADDRESS_KEYS: &[&str] =
    &["address_1", "address_2", "address_3", "city", "state", "country", "zipcode", "country_id"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    Address,
    CustomerBody,
    CustomerEdit,
    CustomerAnswer,
    CustomerList,
    CustomerShortAnswer,
    CustomerAdded
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || vec![path_param("id", "Customer id")];
    let mut params = list_params(SEARCH_BY, "Sort fields, comma-separated: customer_name, customer_legal_name, customer_code, status, created_at, customer_id (default customer_name)");
    params.push(query_param("page_num", schema::int(1, Some(100)), "The docs' name for page_length"));
    params.push(query_param("from_join_dt", schema::string(), "Joined on or after (YYYY-MM-DD)"));
    params.push(query_param("to_join_dt", schema::string(), "Joined on or before (YYYY-MM-DD)"));
    vec![
        Route {
            method: Method::GET,
            paths: &["/customers"],
            handler: get(list),
            doc: Doc::token(
                "listCustomers",
                "List customers in scope",
                "customers",
                params,
                None,
                schema::of::<CustomerList>(),
            ),
        },
        Route {
            method: Method::POST,
            paths: &["/customers"],
            handler: post(add),
            doc: Doc::token(
                "addCustomer",
                "Add a customer (its contact email becomes a customer login)",
                "customers",
                vec![],
                Some(schema::of::<CustomerBody>()),
                schema::of::<CustomerAdded>(),
            ),
        },
        Route {
            method: Method::GET,
            paths: &["/customers/{id}"],
            handler: get(read),
            doc: Doc::token("getCustomer", "Get a customer", "customers", id(), None, schema::of::<CustomerAnswer>()),
        },
        Route {
            method: Method::PATCH,
            paths: &["/customers/{id}"],
            handler: patch(edit),
            doc: Doc::token(
                "editCustomer",
                "Edit a customer",
                "customers",
                id(),
                Some(schema::of::<CustomerEdit>()),
                schema::of::<CustomerShortAnswer>(),
            )
            .optional_body(),
        },
    ]
}

/// An address.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Address {
    address_1: String,
    address_2: Option<String>,
    address_3: Option<String>,
    city: String,
    state: Option<String>,
    country: Option<String>,
    zipcode: Option<String>,
    /// From `GET /countries`.
    country_id: String,
}

/// Body of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerBody {
    #[schema(min_length = 1)]
    customer_name: String,
    #[schema(min_length = 1)]
    customer_legal_name: String,
    customer_code: Option<String>,
    /// `P` customer (default) or `R` reseller (administrators only).
    #[schema(pattern = "^[PR]$")]
    customer_type: Option<String>,
    /// Administrators: the reseller to put the customer under.
    parent_id: Option<String>,
    individual: Option<bool>,
    contact_name: Option<String>,
    #[schema(pattern = "^[^@]+@[^@]+$", max_length = 100)]
    contact_email: String,
    office_address: Address,
    billing_address: Option<Address>,
}

/// Body of an edit: every field optional.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerEdit {
    #[schema(min_length = 1)]
    customer_name: Option<String>,
    #[schema(min_length = 1)]
    customer_legal_name: Option<String>,
    customer_code: Option<String>,
    individual: Option<bool>,
    contact_name: Option<String>,
    #[schema(pattern = "^[^@]+@[^@]+$", max_length = 100)]
    contact_email: Option<String>,
    office_address: Option<Address>,
    billing_address: Option<Address>,
    /// `A`, `S`, `C` or `U`.
    #[schema(pattern = "^[ASCU]$")]
    status: Option<String>,
    timezone_id: Option<String>,
}

/// Answer of get.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerAnswer {
    result: u32,
    /// customer_id, customer_name, customer_legal_name, customer_code, customer_type (P/R),
    /// customer_type_ex, individual, contact_name, contact_email, status (A/S/C/U), status_ex,
    /// office_address, billing_address, track {added, modified, activated, suspended, closed},
    /// parent_id, timezone_id.
    #[schema(value_type = Object)]
    customer: Value,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    #[schema(value_type = Vec<Object>)]
    customers: Vec<Value>,
}

/// `{customer_id, customer_name}` and the text.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerShortAnswer {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    customer: Value,
}

/// Answer of an add: also the new customer login.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CustomerAdded {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    customer: Value,
    /// `{url, username, password}` of the new customer login.
    #[schema(value_type = Object)]
    portal_access: Value,
}

fn status_ex(s: &str) -> &'static str {
    match s {
        "A" => "Active",
        "S" => "Suspended",
        "C" => "Closed",
        _ => "Unverified",
    }
}

/// A customer as answered.
pub fn out(c: &Customer) -> Value {
    let addr = |a: &Value| {
        let mut m = Map::new();
        for k in ADDRESS_KEYS {
            m.insert((*k).into(), a.get(*k).cloned().unwrap_or(json!("")));
        }
        Value::Object(m)
    };
    json!({
        "customer_id": c.customer_id,
        "customer_name": c.customer_name,
        "customer_legal_name": c.customer_legal_name,
        "customer_code": c.customer_code,
        "customer_type": c.customer_type,
        "customer_type_ex": if c.customer_type == "R" { "Reseller" } else { "Customer" },
        "individual": c.individual,
        "contact_name": c.contact_name,
        "contact_email": c.contact_email,
        "status": c.status,
        "status_ex": status_ex(&c.status),
        "office_address": addr(&c.office_address),
        "billing_address": addr(&c.billing_address),
        "track": { "added": c.created_at, "modified": c.updated_at, "activated": c.created_at, "suspended": "", "closed": "" },
        "parent_id": c.parent_id,
        "timezone_id": c.timezone_id,
    })
}

/// Checks an address object; `codes` = (1, 2, 3, city, state) string codes, and the required
/// codes (object, address_1, city, country_id) for an office address.
fn address(v: &Value, name: &str, office: bool, data: &Data) -> Result<Value, ApiError> {
    let o = v
        .as_object()
        .ok_or_else(|| ApiError::invalid(if office { 1341 } else { ucaas_codes::REQUEST_INVALID }, name))?;
    let (c1, c2, c3, city, state) =
        if office { (1343, 1344, 1345, 1354, 1356) } else { (1371, 1372, 1373, 1380, 1381) };
    let f = |k: &str| format!("{name}.{k}");
    let a1 = opt_string(o, "address_1", c1).map_err(|_| ApiError::invalid(c1, &f("address_1")))?;
    if office && a1.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(ApiError::invalid(1342, &f("address_1")));
    }
    opt_string(o, "address_2", c2).map_err(|_| ApiError::invalid(c2, &f("address_2")))?;
    opt_string(o, "address_3", c3).map_err(|_| ApiError::invalid(c3, &f("address_3")))?;
    let cty = opt_string(o, "city", city).map_err(|_| ApiError::invalid(city, &f("city")))?;
    if office && cty.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(ApiError::invalid(1353, &f("city")));
    }
    opt_string(o, "state", state).map_err(|_| ApiError::invalid(state, &f("state")))?;
    for k in ["country", "zipcode"] {
        opt_string(o, k, ucaas_codes::REQUEST_INVALID)
            .map_err(|_| ApiError::invalid(ucaas_codes::REQUEST_INVALID, &f(k)))?;
    }
    let country = opt_string(o, "country_id", 1355).map_err(|_| ApiError::invalid(1355, &f("country_id")))?;
    match country {
        None if office => return Err(ApiError::invalid(1355, &f("country_id"))),
        Some(c) if !data.datapool.countries.iter().any(|x| x["country_id"] == c.as_str()) => {
            return Err(ApiError::invalid(1355, &f("country_id")))
        }
        _ => {}
    }
    let mut clean = Map::new();
    for k in ADDRESS_KEYS {
        if let Some(Value::String(s)) = o.get(*k) {
            clean.insert((*k).into(), json!(s));
        }
    }
    Ok(Value::Object(clean))
}

fn email_taken(data: &Data, email: &str, skip: Option<&str>) -> bool {
    data.users.users.iter().any(|u| {
        u.email.eq_ignore_ascii_case(email)
            && skip.is_none_or(|s| u.customer_id.as_deref() != Some(s) || u.user_type != Role::Customer)
    }) || data
        .customers
        .customers
        .iter()
        .any(|c| Some(c.customer_id.as_str()) != skip && c.contact_email.eq_ignore_ascii_case(email))
}

/// Validated fields of an add or edit.
#[derive(Default)]
struct Fields {
    name: Option<String>,
    legal: Option<String>,
    code: Option<String>,
    individual: Option<bool>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    office: Option<Value>,
    billing: Option<Value>,
    status: Option<String>,
    timezone_id: Option<String>,
}

fn validate(body: &Map<String, Value>, adding: bool, data: &Data, skip: Option<&str>) -> Result<Fields, ApiError> {
    let name = if adding {
        Some(req_string(body, "customer_name", 1301, 1302)?)
    } else {
        opt_string(body, "customer_name", 1302)?
    };
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(ApiError::invalid(1301, "customer_name"));
    }
    let legal = opt_string(body, "customer_legal_name", 1306)?;
    if adding && legal.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(ApiError::invalid_because(
            ucaas_codes::REQUEST_INVALID,
            "customer_legal_name",
            "The legal name is required.",
        ));
    }
    let individual = opt_bool(body, "individual", 1312)?;
    let contact_name = match opt_string(body, "contact_name", 1322)? {
        Some(n) => Some(n),
        None => {
            let first = opt_string(body, "contact_first_name", 1322)?;
            let last = opt_string(body, "contact_last_name", 1322)?;
            first.map(|f| super::common::full_name(&f, "", last.as_deref().unwrap_or("")))
        }
    };
    let contact_email = match field(body, "contact_email") {
        None if adding => return Err(ApiError::invalid(1331, "contact_email")),
        None => None,
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(_) => return Err(ApiError::invalid(1334, "contact_email")),
    };
    if let Some(e) = &contact_email {
        if e.chars().count() > 100 {
            return Err(ApiError::invalid(1332, "contact_email"));
        }
        if !is_email(e) {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                "contact_email",
                "The contact email is not a valid email address.",
            ));
        }
        if email_taken(data, e, skip) {
            return Err(ApiError::invalid(1333, "contact_email"));
        }
    }
    let office = match field(body, "office_address") {
        None if adding => return Err(ApiError::invalid(1341, "office_address")),
        None => None,
        Some(v) => Some(address(v, "office_address", true, data)?),
    };
    let billing = match field(body, "billing_address") {
        None => None,
        Some(v) => Some(address(v, "billing_address", false, data)?),
    };
    let status = opt_string(body, "status", 1391)?;
    if status.as_deref().is_some_and(|s| !["A", "S", "C", "U"].contains(&s)) {
        return Err(ApiError::invalid(1391, "status"));
    }
    let timezone_id = opt_string(body, "timezone_id", 1683)?;
    if timezone_id.as_deref().is_some_and(|t| data.datapool.timezone(t).is_none()) {
        return Err(ApiError::invalid(1684, "timezone_id"));
    }
    Ok(Fields {
        name,
        legal,
        code: opt_string(body, "customer_code", ucaas_codes::REQUEST_INVALID)?,
        individual,
        contact_name,
        contact_email,
        office,
        billing,
        status,
        timezone_id,
    })
}

async fn add(State(app): State<App>, actor: Actor, body: Bytes) -> Answer {
    if !matches!(actor.role, Role::Administrator | Role::Reseller) {
        return Err(ApiError::forbidden());
    }
    let body = json_object(&body)?;
    let now = clock::format(app.clock.now());
    let (f, ctype, parent) = {
        let data = app.read();
        let ctype = match opt_string(&body, "customer_type", 1308)?.as_deref() {
            None | Some("P") => "P",
            Some("R") if actor.role == Role::Administrator => "R",
            Some(_) => return Err(ApiError::invalid(1308, "customer_type")),
        };
        let parent = match actor.role {
            Role::Reseller => actor.customer_id.clone(),
            _ => match opt_string(&body, "parent_id", ucaas_codes::REQUEST_INVALID)? {
                None => None,
                Some(p) => match data.customers.get(&p) {
                    Some(c) if c.customer_type == "R" && ctype == "P" => Some(p),
                    _ => return Err(ApiError::invalid(1234, "parent_id")),
                },
            },
        };
        (validate(&body, true, &data, None)?, ctype, parent)
    };
    let office = f.office.clone().unwrap_or_default();
    let c = Customer {
        customer_id: format!("c-{}", random_hex::<6>()),
        customer_name: f.name.clone().unwrap_or_default(),
        customer_legal_name: f.legal.clone().unwrap_or_default(),
        customer_type: ctype.into(),
        parent_id: parent,
        room_size: 100,
        subscriptions: AppFlags::default(),
        customer_code: f.code.clone().unwrap_or_default(),
        individual: f.individual.unwrap_or(false),
        contact_name: f.contact_name.clone().unwrap_or_default(),
        contact_email: f.contact_email.clone().unwrap_or_default(),
        status: "A".into(),
        billing_address: f.billing.clone().unwrap_or_else(|| office.clone()),
        office_address: office,
        timezone_id: "UTC".into(),
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    let password = format!("P{}!", random_hex::<6>());
    let (first, last) =
        c.contact_name.split_once(' ').map_or((c.contact_name.clone(), String::new()), |(a, b)| (a.into(), b.into()));
    let login = User {
        user_id: format!("u-{}", random_hex::<6>()),
        email: c.contact_email.clone(),
        password: password.clone(),
        user_type: if ctype == "R" { Role::Reseller } else { Role::Customer },
        first_name: if first.is_empty() { c.customer_name.clone() } else { first },
        middle_name: String::new(),
        last_name: last,
        customer_id: Some(c.customer_id.clone()),
        timezone_id: "UTC".into(),
        profile_pic: String::new(),
        apps: Apps::default(),
        last_login_time: String::new(),
        status: "A".into(),
        department: String::new(),
        designation: String::new(),
        licences: Default::default(),
        created_at: now.clone(),
        updated_at: now,
    };
    let answer = json!({
        "msg": format!("{} has been added.", c.customer_name),
        "customer": { "customer_id": c.customer_id, "customer_name": c.customer_name },
        "portal_access": { "url": "https://meet.example.test/portal", "username": login.email, "password": password },
    });
    let added = app.mutate(|d| {
        if email_taken(d, &login.email, None) {
            return false;
        }
        let room = super::users::new_room(d, &login);
        d.permanent.rooms.push(room);
        d.customers.customers.push(c);
        d.users.users.push(login);
        true
    });
    if !added {
        return Err(ApiError::invalid(1333, "contact_email"));
    }
    ok(answer)
}

/// The customer `id`: 404 unknown, 403 out of scope.
fn visible<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a Customer, ApiError> {
    let c = data.customers.get(id).ok_or_else(ApiError::not_found)?;
    if customer_visible(actor, c) {
        Ok(c)
    } else {
        Err(ApiError::forbidden())
    }
}

async fn read(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    let data = app.read();
    ok(json!({ "customer": out(visible(&data, &actor, &id)?) }))
}

async fn edit(State(app): State<App>, actor: Actor, PathId(id): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let f = {
        let data = app.read();
        let c = visible(&data, &actor, &id)?;
        if !customer_managed(&actor, c) {
            return Err(ApiError::forbidden());
        }
        validate(&body, false, &data, Some(&id))?
    };
    let now = clock::format(app.clock.now());
    let out = app.mutate(|d| {
        let c = d.customers.customers.iter_mut().find(|c| c.customer_id == id)?;
        if let Some(v) = f.name {
            c.customer_name = v;
        }
        if let Some(v) = f.legal {
            c.customer_legal_name = v;
        }
        if let Some(v) = f.code {
            c.customer_code = v;
        }
        if let Some(v) = f.individual {
            c.individual = v;
        }
        if let Some(v) = f.contact_name {
            c.contact_name = v;
        }
        if let Some(v) = f.contact_email {
            c.contact_email = v;
        }
        if let Some(v) = f.office {
            c.office_address = v;
        }
        if let Some(v) = f.billing {
            c.billing_address = v;
        }
        if let Some(v) = f.status {
            c.status = v;
        }
        if let Some(v) = f.timezone_id {
            c.timezone_id = v;
        }
        c.updated_at = now;
        Some((c.customer_id.clone(), c.customer_name.clone()))
    });
    let (cid, name) = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "msg": format!("{name} has been updated."), "customer": { "customer_id": cid, "customer_name": name } }))
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let mut q = query(q)?;
    if actor.role == Role::User {
        return Err(ApiError::forbidden());
    }
    if let Some(n) = q.remove("page_num") {
        q.entry("page_length".into()).or_insert(n);
    }
    let lq = list_query(&q, SEARCH_BY, ORDER_BY, "customer_name")?;
    let date = |k: &str| -> Result<Option<String>, ApiError> {
        match q.get(k) {
            None => Ok(None),
            Some(d) if parse_date(d).is_some() => Ok(Some(d.clone())),
            Some(_) => Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, k, "Use YYYY-MM-DD.")),
        }
    };
    let (from, to) = (date("from_join_dt")?, date("to_join_dt")?);
    let data = app.read();
    let mut hits: Vec<&Customer> = data
        .customers
        .customers
        .iter()
        .filter(|c| customer_visible(&actor, c))
        .filter(|c| match lq.search_by.as_deref() {
            Some("customer_name") => lq.contains(&c.customer_name),
            Some("customer_legal_name") => lq.contains(&c.customer_legal_name),
            Some("customer_code") => lq.contains(&c.customer_code),
            Some("individual") => c.individual.to_string() == lq.search_string,
            Some("status") => c.status == lq.search_string,
            _ => true,
        })
        .filter(|c| {
            let day = c.created_at.get(..10).unwrap_or("");
            from.as_deref().is_none_or(|f| day >= f) && to.as_deref().is_none_or(|t| day <= t)
        })
        .collect();
    lq.sort(
        &mut hits,
        |c, f| match f {
            "customer_legal_name" => c.customer_legal_name.to_lowercase(),
            "customer_code" => c.customer_code.clone(),
            "status" => c.status.clone(),
            "created_at" => c.created_at.clone(),
            "customer_id" => c.customer_id.clone(),
            _ => c.customer_name.to_lowercase(),
        },
        |c| c.customer_id.clone(),
    );
    let total = hits.len();
    let rows: Vec<Value> = lq.page(hits).into_iter().map(out).collect();
    let mut search = lq.echo(total);
    search["from_join_dt"] = json!(from.unwrap_or_default());
    search["to_join_dt"] = json!(to.unwrap_or_default());
    ok(json!({ "search": search, "customers": rows }))
}

/// This area's data: `customers` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Tenants: resellers and their customers.
    pub customers: Vec<Customer>,
}

impl Store {
    /// The customer with this id.
    pub fn get(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|x| x.customer_id == id)
    }
}

impl AreaStore for Store {
    fn instantiate(&mut self, now: i64) {
        for c in &mut self.customers {
            stamp(&mut c.created_at, &mut c.updated_at, now);
        }
    }
}

/// A tenant: a reseller (`R`) or a customer (`P`), possibly under a reseller (`parent_id`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Customer {
    /// Id.
    pub customer_id: String,
    /// Display name.
    pub customer_name: String,
    /// Legal name.
    #[serde(default)]
    pub customer_legal_name: String,
    /// `R` reseller, `P` customer.
    #[serde(default)]
    pub customer_type: String,
    /// The reseller this customer is under.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Maximum moderators / participants of one meeting.
    #[serde(default = "default_room_size")]
    pub room_size: u32,
    /// Active subscriptions per application.
    #[serde(default)]
    pub subscriptions: AppFlags,
    /// Code from an external system.
    #[serde(default)]
    pub customer_code: String,
    /// An individual sign-up (not a company).
    #[serde(default)]
    pub individual: bool,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact email (unique).
    #[serde(default)]
    pub contact_email: String,
    /// `A` active, `S` suspended, `C` closed, `U` unverified.
    #[serde(default = "crate::state::active")]
    pub status: String,
    /// Office address (`address_1`… `country_id`).
    #[serde(default)]
    pub office_address: Value,
    /// Billing address.
    #[serde(default)]
    pub billing_address: Value,
    /// Time zone id.
    #[serde(default = "crate::state::utc")]
    pub timezone_id: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

/// One flag per application (`vc` video meeting, `wb` webinar).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct AppFlags {
    /// Video meeting.
    #[serde(default)]
    pub vc: bool,
    /// Webinar.
    #[serde(default)]
    pub wb: bool,
}

fn default_room_size() -> u32 {
    100
}
