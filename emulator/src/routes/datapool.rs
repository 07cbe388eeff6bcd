//! Datapool: `GET /timezones`, `GET /countries` (any login), `GET /plans`,
//! `GET /plans/{app_type}` (administrators and resellers).

use crate::area::{path_param, schema, Area, Doc, Route};
use crate::auth::Actor;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{App, AreaStore, Role};
use axum::extract::State;
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(Timezone, TimezonesAnswer, Country, CountriesAnswer, Plan, PlansAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let m = axum::http::Method::GET;
    vec![
        Route {
            method: m.clone(),
            paths: &["/timezones"],
            handler: get(timezones),
            doc: Doc::token("listTimezones", "Time zones", "datapool", vec![], None, schema::of::<TimezonesAnswer>()),
        },
        Route {
            method: m.clone(),
            paths: &["/countries"],
            handler: get(countries),
            doc: Doc::token("listCountries", "Countries", "datapool", vec![], None, schema::of::<CountriesAnswer>()),
        },
        Route {
            method: m.clone(),
            paths: &["/plans"],
            handler: get(plans),
            doc: Doc::token(
                "listPlans",
                "Billing plans of every application",
                "datapool",
                vec![],
                None,
                schema::of::<PlansAnswer>(),
            ),
        },
        Route {
            method: m,
            paths: &["/plans/{app_type}"],
            handler: get(plans_of),
            doc: Doc::token(
                "listPlansOfApp",
                "Billing plans of one application (vc or wb)",
                "datapool",
                vec![path_param("app_type", "vc or wb")],
                None,
                schema::of::<PlansAnswer>(),
            ),
        },
    ]
}

/// Answer of `/timezones`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct TimezonesAnswer {
    result: u32,
    timezones: Vec<Timezone>,
}

/// A country.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Country {
    country_id: String,
    country_name: String,
    iso2_code: String,
    iso3_code: String,
    isd_code: String,
}

/// Answer of `/countries`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CountriesAnswer {
    result: u32,
    countries: Vec<Country>,
}

/// A billing plan (the docs' object: settings, prices per currency code…).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Plan {
    plan_id: String,
    /// `vc` or `wb`.
    app: String,
    plan_name: String,
    currency: Vec<String>,
    /// `A` active, `S` suspended.
    status: String,
    #[schema(value_type = Object)]
    settings: Value,
    #[schema(value_type = Object)]
    user_license: Value,
    #[schema(value_type = Object)]
    connect: Value,
    #[schema(value_type = Object)]
    records: Value,
    #[schema(value_type = Object)]
    download: Value,
    #[schema(value_type = Object)]
    storage: Value,
}

/// Answer of `/plans`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PlansAnswer {
    result: u32,
    plans: Vec<Plan>,
}

async fn timezones(State(app): State<App>, _: Actor) -> Answer {
    ok(json!({ "timezones": app.read().datapool.timezones }))
}

async fn countries(State(app): State<App>, _: Actor) -> Answer {
    ok(json!({ "countries": app.read().datapool.countries }))
}

fn plan_list(app: &App, actor: &Actor, only: Option<&str>) -> Answer {
    if !matches!(actor.role, Role::Administrator | Role::Reseller) {
        return Err(ApiError::forbidden());
    }
    let data = app.read();
    let plans: Vec<&Value> = data.datapool.plans.iter().filter(|p| only.is_none_or(|a| p["app"] == a)).collect();
    ok(json!({ "plans": plans }))
}

async fn plans(State(app): State<App>, actor: Actor) -> Answer {
    plan_list(&app, &actor, None)
}

async fn plans_of(State(app): State<App>, actor: Actor, crate::auth::PathId(t): crate::auth::PathId) -> Answer {
    if t != "vc" && t != "wb" {
        return Err(ApiError::invalid(1403, "app_type"));
    }
    plan_list(&app, &actor, Some(&t))
}

/// This area's data: `timezones`, `countries` and `plans` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Known time zones.
    #[serde(default)]
    pub timezones: Vec<Timezone>,
    /// Known countries.
    #[serde(default)]
    pub countries: Vec<Value>,
    /// Billing plans (the docs' plan objects; `plan_id` and `app` are read).
    #[serde(default)]
    pub plans: Vec<Value>,
}

impl Store {
    /// The time zone with this id.
    pub fn timezone(&self, id: &str) -> Option<&Timezone> {
        self.timezones.iter().find(|t| t.timezone_id == id)
    }
}

impl AreaStore for Store {}

/// A time zone as the API describes it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Timezone {
    /// Id.
    pub timezone_id: String,
    /// Zone name.
    #[serde(default)]
    pub zone_name: String,
    /// Abbreviation.
    #[serde(default)]
    pub zone_abbr: String,
    /// Start of the current offset.
    #[serde(default)]
    pub time_start: String,
    /// Offset from GMT in seconds.
    #[serde(default)]
    pub gmt_offset: i64,
    /// Daylight saving time in force.
    #[serde(default)]
    pub is_dst: bool,
}
