//! Datapool: `GET /timezones`, `GET /countries` (any login), `GET /plans`,
//! `GET /plans/{app_type}` (administrators and resellers).

use super::{path_param, schema, Doc, Route};
use crate::auth::Actor;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{App, Role, Timezone};
use axum::extract::State;
use axum::routing::get;
use serde_json::{json, Value};
use utoipa::ToSchema;

/// The routes of this area.
pub fn routes() -> Vec<Route> {
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
    ok(json!({ "timezones": app.read().timezones }))
}

async fn countries(State(app): State<App>, _: Actor) -> Answer {
    ok(json!({ "countries": app.read().countries }))
}

fn plan_list(app: &App, actor: &Actor, only: Option<&str>) -> Answer {
    if !matches!(actor.role, Role::Administrator | Role::Reseller) {
        return Err(ApiError::forbidden());
    }
    let data = app.read();
    let plans: Vec<&Value> = data.plans.iter().filter(|p| only.is_none_or(|a| p["app"] == a)).collect();
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
