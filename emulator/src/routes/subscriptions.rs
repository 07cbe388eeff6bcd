//! Subscriptions: `GET/POST /subscriptions`, `GET/PATCH /subscriptions/{id}`. Everyone but users
//! reads the subscriptions of the tenants it sees (a customer its own); only an administrator
//! adds one or changes its status. An active subscription turns the tenant's application on
//! (1615/1616 when scheduling).

use super::common::{customer_visible, field, list_query, opt_bool, parse_date, query};
use crate::area::{list_params, path_param, query_param, schema, Area, Doc, Route};
use crate::auth::{json_object, Actor, PathId};
use crate::reply::{ok, Answer, ApiError};
use crate::state::{random_hex, App, AreaStore, Data, Role};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Method;
use axum::routing::{get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

const SEARCH_BY: &[&str] = &["customer_id", "app", "plan_id", "status", "base"];
const ORDER_BY: &[&str] = &["subscription_id", "customer_id", "plan_id", "app", "status", "subsxn_date", "expiry_date"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    SubscriptionTerms,
    SubscriptionBody,
    StatusIn,
    SubscriptionUpdate,
    SubscriptionShort,
    SubscriptionAnswer,
    SubscriptionList
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || vec![path_param("id", "Subscription id")];
    let mut params = list_params(SEARCH_BY, "Sort fields, comma-separated: subscription_id, customer_id, plan_id, app, status, subsxn_date, expiry_date (default subsxn_date)");
    for (k, d) in [
        ("from_subxn_dt", "Started on or after (YYYY-MM-DD)"),
        ("to_subxn_dt", "Started on or before"),
        ("from_expiry_dt", "Expires on or after"),
        ("to_expiry_dt", "Expires on or before"),
    ] {
        params.push(query_param(k, schema::string(), d));
    }
    vec![
        Route {
            method: Method::GET,
            paths: &["/subscriptions"],
            handler: get(list),
            doc: Doc::token(
                "listSubscriptions",
                "List subscriptions in scope",
                "subscriptions",
                params,
                None,
                schema::of::<SubscriptionList>(),
            ),
        },
        Route {
            method: Method::POST,
            paths: &["/subscriptions"],
            handler: post(add),
            doc: Doc::token(
                "addSubscription",
                "Subscribe a customer to a plan (administrators)",
                "subscriptions",
                vec![],
                Some(schema::of::<SubscriptionBody>()),
                schema::of::<SubscriptionShort>(),
            ),
        },
        Route {
            method: Method::GET,
            paths: &["/subscriptions/{id}"],
            handler: get(read),
            doc: Doc::token(
                "getSubscription",
                "Get a subscription",
                "subscriptions",
                id(),
                None,
                schema::of::<SubscriptionAnswer>(),
            ),
        },
        Route {
            method: Method::PATCH,
            paths: &["/subscriptions/{id}"],
            handler: patch(update),
            doc: Doc::token(
                "updateSubscription",
                "Change a subscription's status (administrators)",
                "subscriptions",
                id(),
                Some(schema::of::<SubscriptionUpdate>()),
                schema::of::<SubscriptionShort>(),
            )
            .optional_body(),
        },
    ]
}

/// The `subscription` object of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionTerms {
    #[schema(minimum = 1, maximum = 100000)]
    unit_price: Option<f64>,
    #[schema(minimum = 1)]
    no_of_license: i64,
    allow_meeting_overlap: Option<bool>,
    payment_cycle: Option<String>,
    /// `F` offline (default), `O` online.
    #[schema(pattern = "^[FO]$")]
    payment_mode: Option<String>,
    po: Option<String>,
    prepaid: Option<bool>,
    /// `YYYY-MM-DD`, today or later.
    #[schema(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    subsxn_date: String,
}

/// Body of an add.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionBody {
    customer_id: String,
    plan_id: String,
    room_type: Option<String>,
    title: Option<String>,
    subscription: SubscriptionTerms,
}

/// The status change.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct StatusIn {
    /// `A` active, `X` expired, `S` suspended.
    #[schema(pattern = "^[AXS]$")]
    status: Option<String>,
}

/// Body of an update.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionUpdate {
    subscription: Option<StatusIn>,
}

/// Answer of add and update: `{subscription_id, customer_id, customer_name, plan_id, plan_name, qty}`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionShort {
    result: u32,
    msg: String,
    #[schema(value_type = Object)]
    subscription: Value,
}

/// Answer of get (the docs' object: settings, subscription, features, user_license, connect,
/// records, download, storage).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionAnswer {
    result: u32,
    #[schema(value_type = Object)]
    subscription: Value,
}

/// Answer of the list.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SubscriptionList {
    result: u32,
    #[schema(value_type = Object)]
    search: Value,
    #[schema(value_type = Vec<Object>)]
    subscriptions: Vec<Value>,
}

fn plan<'a>(data: &'a Data, id: &str) -> Option<&'a Value> {
    data.datapool.plans.iter().find(|p| p["plan_id"] == id)
}

fn app_name(app: &str) -> &'static str {
    if app == "wb" {
        "Webinar"
    } else {
        "Meeting"
    }
}

/// A subscription as answered.
pub fn out(s: &Subscription, data: &Data) -> Value {
    let p = plan(data, &s.plan_id).cloned().unwrap_or(json!({}));
    let currency = p["currency"].get(0).and_then(Value::as_str).unwrap_or("USD").to_string();
    let status_ex = match s.status.as_str() {
        "A" => "Active",
        "X" => "Expired",
        _ => "Suspended",
    };
    json!({
        "subscription_id": s.subscription_id,
        "customer_id": s.customer_id,
        "plan_id": s.plan_id,
        "app_const": s.app,
        "plan_name": p["plan_name"],
        "title": s.title,
        "settings": p["settings"],
        "subscription": {
            "base": "UL", "base_ex": "User License", "trial": false,
            "allow_meeting_overlap": s.allow_meeting_overlap, "prepaid": s.prepaid, "postpaid": !s.prepaid,
            "subsxn_date": s.subsxn_date, "expiry_date": s.expiry_date, "currency": currency,
            "status": s.status, "status_ex": status_ex,
        },
        "features": p.get("features").cloned().unwrap_or(json!({ "screenshare": true, "whiteboard": true, "livestreaming": false })),
        "user_license": { "qty": s.qty, "unit_price": { currency.clone(): s.unit_price }, "total_price": { currency: s.unit_price * f64::from(s.qty) } },
        "connect": p["connect"], "records": p["records"], "download": p["download"], "storage": p["storage"],
    })
}

fn short(s: &Subscription, data: &Data) -> Value {
    json!({
        "subscription_id": s.subscription_id,
        "customer_id": s.customer_id,
        "customer_name": data.customers.get(&s.customer_id).map(|c| c.customer_name.clone()).unwrap_or_default(),
        "plan_id": s.plan_id,
        "plan_name": plan(data, &s.plan_id).map(|p| p["plan_name"].clone()).unwrap_or(json!("")),
        "qty": s.qty,
    })
}

/// Recomputes a tenant's application flags from its active subscriptions.
pub fn refresh_flags(d: &mut Data, customer_id: &str) {
    let active = |app: &str| {
        d.subscriptions.subscriptions.iter().any(|s| s.customer_id == customer_id && s.app == app && s.status == "A")
    };
    let (vc, wb) = (active("vc"), active("wb"));
    if let Some(c) = d.customers.customers.iter_mut().find(|c| c.customer_id == customer_id) {
        c.subscriptions.vc = vc;
        c.subscriptions.wb = wb;
    }
}

/// The subscription `id`: 404 / 1220 unknown, 403 out of scope.
fn visible<'a>(data: &'a Data, actor: &Actor, id: &str) -> Result<&'a Subscription, ApiError> {
    let s = data
        .subscriptions
        .subscriptions
        .iter()
        .find(|s| s.subscription_id == id)
        .ok_or_else(|| ApiError::missing(1220))?;
    match data.customers.get(&s.customer_id) {
        Some(c) if customer_visible(actor, c) => Ok(s),
        _ => Err(ApiError::forbidden()),
    }
}

async fn read(State(app): State<App>, actor: Actor, PathId(id): PathId) -> Answer {
    let data = app.read();
    ok(json!({ "subscription": out(visible(&data, &actor, &id)?, &data) }))
}

async fn add(State(app): State<App>, actor: Actor, body: Bytes) -> Answer {
    if actor.role != Role::Administrator {
        return Err(ApiError::forbidden());
    }
    let body = json_object(&body)?;
    let today = crate::clock::format(app.clock.now())[..10].to_string();
    let s = {
        let data = app.read();
        let customer_id = match field(&body, "customer_id") {
            None => return Err(ApiError::invalid(1201, "customer_id")),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(ApiError::invalid(1202, "customer_id")),
        };
        let customer = data.customers.get(&customer_id).ok_or_else(|| ApiError::invalid(1234, "customer_id"))?;
        let plan_id = match field(&body, "plan_id") {
            None => return Err(ApiError::invalid(1211, "plan_id")),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(ApiError::invalid(1212, "plan_id")),
        };
        let p = plan(&data, &plan_id).ok_or_else(|| ApiError::invalid(1325, "plan_id"))?;
        let room_type = super::common::opt_string(&body, "room_type", 1326)?.unwrap_or_default();
        let title = super::common::opt_string(&body, "title", ucaas_codes::REQUEST_INVALID)?.unwrap_or_default();
        let terms = match field(&body, "subscription") {
            None => return Err(ApiError::invalid(1221, "subscription")),
            Some(Value::Object(o)) => o,
            Some(_) => return Err(ApiError::invalid(1229, "subscription")),
        };
        let allow_overlap = opt_bool(terms, "allow_meeting_overlap", 1228)?.unwrap_or(false);
        let prepaid = opt_bool(terms, "prepaid", 1232)?.unwrap_or(false);
        let qty = match field(terms, "no_of_license").and_then(Value::as_i64) {
            Some(n) if (1..=1_000_000).contains(&n) => n as u32,
            _ => return Err(ApiError::invalid(1254, "subscription.no_of_license")),
        };
        let unit_price = match field(terms, "unit_price") {
            None => 1.0,
            Some(v) => match v.as_f64() {
                Some(f) if (1.0..=100_000.0).contains(&f) => f,
                _ => return Err(ApiError::invalid(1256, "subscription.unit_price")),
            },
        };
        let date = match field(terms, "subsxn_date").or_else(|| field(terms, "subxn_date")) {
            Some(Value::String(d)) if parse_date(d).is_some() => d.clone(),
            _ => {
                return Err(ApiError::invalid_because(
                    ucaas_codes::REQUEST_INVALID,
                    "subscription.subsxn_date",
                    "The subscription date is required as YYYY-MM-DD.",
                ))
            }
        };
        if date < today {
            return Err(ApiError::invalid(1329, "subscription.subsxn_date"));
        }
        let payment_mode =
            match super::common::opt_string(terms, "payment_mode", ucaas_codes::REQUEST_INVALID)?.as_deref() {
                None | Some("F") => "F",
                Some("O") => "O",
                Some(_) => return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "subscription.payment_mode")),
            };
        Subscription {
            subscription_id: format!("sub-{}", random_hex::<6>()),
            customer_id: customer.customer_id.clone(),
            plan_id,
            app: p["app"].as_str().unwrap_or("vc").to_string(),
            title,
            qty,
            unit_price,
            status: "A".into(),
            subsxn_date: date,
            expiry_date: String::new(),
            allow_meeting_overlap: allow_overlap,
            prepaid,
            payment_mode: payment_mode.into(),
            payment_cycle: super::common::opt_string(terms, "payment_cycle", ucaas_codes::REQUEST_INVALID)?
                .unwrap_or_default(),
            po: super::common::opt_string(terms, "po", ucaas_codes::REQUEST_INVALID)?.unwrap_or_default(),
            room_type,
        }
    };
    let answer = app.mutate(|d| {
        let cid = s.customer_id.clone();
        let sh = short(&s, d);
        d.subscriptions.subscriptions.push(s);
        refresh_flags(d, &cid);
        sh
    });
    let msg = format!(
        "{} has subscribed to plan: {} (For {}). User license: {}.",
        answer["customer_name"].as_str().unwrap_or(""),
        answer["plan_name"].as_str().unwrap_or(""),
        app_name(
            &app.read()
                .subscriptions
                .subscriptions
                .iter()
                .find(|x| x.subscription_id == answer["subscription_id"])
                .map(|x| x.app.clone())
                .unwrap_or_default()
        ),
        answer["qty"]
    );
    ok(json!({ "msg": msg, "subscription": answer }))
}

async fn update(State(app): State<App>, actor: Actor, PathId(id): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    {
        let data = app.read();
        visible(&data, &actor, &id)?;
    }
    if actor.role != Role::Administrator {
        return Err(ApiError::forbidden());
    }
    let status = match field(&body, "subscription") {
        None => None,
        Some(Value::Object(o)) => match field(o, "status") {
            None => None,
            Some(Value::String(s)) if ["A", "X", "S"].contains(&s.as_str()) => Some(s.clone()),
            Some(Value::String(_)) => return Err(ApiError::invalid(1231, "subscription.status")),
            Some(_) => return Err(ApiError::invalid(1230, "subscription.status")),
        },
        Some(_) => return Err(ApiError::invalid(1229, "subscription")),
    };
    let out = app.mutate(|d| {
        let idx = d.subscriptions.subscriptions.iter().position(|s| s.subscription_id == id)?;
        if let Some(st) = &status {
            d.subscriptions.subscriptions[idx].status = st.clone();
            if st == "X" && d.subscriptions.subscriptions[idx].expiry_date.is_empty() {
                d.subscriptions.subscriptions[idx].expiry_date =
                    crate::clock::format(app.clock.now())[..10].to_string();
            }
        }
        let cid = d.subscriptions.subscriptions[idx].customer_id.clone();
        refresh_flags(d, &cid);
        let s = d.subscriptions.subscriptions[idx].clone();
        Some((short(&s, d), s.app))
    });
    let (sh, app_c) = out.ok_or_else(|| ApiError::missing(1220))?;
    let msg = format!(
        "Subscription information for {} is updated for plan: {} (For {}).",
        sh["customer_name"].as_str().unwrap_or(""),
        sh["plan_name"].as_str().unwrap_or(""),
        app_name(&app_c)
    );
    ok(json!({ "msg": msg, "subscription": sh }))
}

async fn list(
    State(app): State<App>,
    actor: Actor,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    if actor.role == Role::User {
        return Err(ApiError::forbidden());
    }
    let lq = list_query(&q, SEARCH_BY, ORDER_BY, "subsxn_date")?;
    let mut bounds = Vec::new();
    for k in ["from_subxn_dt", "to_subxn_dt", "from_expiry_dt", "to_expiry_dt"] {
        match q.get(k) {
            None => bounds.push(None),
            Some(d) if parse_date(d).is_some() => bounds.push(Some(d.clone())),
            Some(_) => return Err(ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, k, "Use YYYY-MM-DD.")),
        }
    }
    let data = app.read();
    let in_range = |v: &str, from: &Option<String>, to: &Option<String>| {
        from.as_deref().is_none_or(|f| !v.is_empty() && v >= f) && to.as_deref().is_none_or(|t| !v.is_empty() && v <= t)
    };
    let mut hits: Vec<&Subscription> = data
        .subscriptions
        .subscriptions
        .iter()
        .filter(|s| data.customers.get(&s.customer_id).is_some_and(|c| customer_visible(&actor, c)))
        .filter(|s| match lq.search_by.as_deref() {
            Some("customer_id") => s.customer_id == lq.search_string,
            Some("app") => s.app == lq.search_string,
            Some("plan_id") => s.plan_id == lq.search_string,
            Some("status") => s.status == lq.search_string,
            Some("base") => lq.search_string == "UL",
            _ => true,
        })
        .filter(|s| {
            in_range(&s.subsxn_date, &bounds[0], &bounds[1]) && in_range(&s.expiry_date, &bounds[2], &bounds[3])
        })
        .collect();
    lq.sort(
        &mut hits,
        |s, f| match f {
            "subscription_id" => s.subscription_id.clone(),
            "customer_id" => s.customer_id.clone(),
            "plan_id" => s.plan_id.clone(),
            "app" => s.app.clone(),
            "status" => s.status.clone(),
            "expiry_date" => s.expiry_date.clone(),
            _ => s.subsxn_date.clone(),
        },
        |s| s.subscription_id.clone(),
    );
    let total = hits.len();
    let rows: Vec<Value> = lq.page(hits).into_iter().map(|s| out(s, &data)).collect();
    let mut search = lq.echo(total);
    for (i, k) in ["from_subxn_dt", "to_subxn_dt", "from_expiry_dt", "to_expiry_dt"].iter().enumerate() {
        search[*k] = json!(bounds[i].clone().unwrap_or_default());
    }
    ok(json!({ "search": search, "subscriptions": rows }))
}

/// This area's data: `subscriptions` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Plan subscriptions of customers.
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
}

impl AreaStore for Store {}

/// A customer's subscription to a plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    /// Id.
    pub subscription_id: String,
    /// Subscriber.
    pub customer_id: String,
    /// Plan.
    pub plan_id: String,
    /// `vc` or `wb` (the plan's application).
    pub app: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// User licences bought.
    pub qty: u32,
    /// Price of one licence.
    #[serde(default)]
    pub unit_price: f64,
    /// `A` active, `X` expired, `S` suspended.
    #[serde(default = "crate::state::active")]
    pub status: String,
    /// Start, `YYYY-MM-DD`.
    #[serde(default)]
    pub subsxn_date: String,
    /// End, `YYYY-MM-DD` (empty: none).
    #[serde(default)]
    pub expiry_date: String,
    /// Overlapping meetings allowed.
    #[serde(default)]
    pub allow_meeting_overlap: bool,
    /// Prepaid.
    #[serde(default)]
    pub prepaid: bool,
    /// `F` offline, `O` online.
    #[serde(default)]
    pub payment_mode: String,
    /// Payment cycle.
    #[serde(default)]
    pub payment_cycle: String,
    /// Purchase order.
    #[serde(default)]
    pub po: String,
    /// Room type.
    #[serde(default)]
    pub room_type: String,
}
