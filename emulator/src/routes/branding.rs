//! `GET /branding`: branding for a domain, overlaid by the customer's, overlaid by the meeting's.

use crate::area::{schema, Access, Area, Doc, In, Param, Route};
use crate::auth::ApiClient;
use crate::reply::{ok, Answer, ApiError};
use crate::state::{App, AreaStore};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(BrandingAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let param =
        |name, description| Param { name, location: In::Query, required: false, schema: schema::string(), description };
    vec![Route {
        method: axum::http::Method::GET,
        paths: &["/branding", "/branding/"],
        handler: get(branding),
        doc: Doc {
            id: "getBranding",
            summary: "Branding for a domain < customer < meeting (at least one of the three)",
            tag: "branding",
            access: Access::ApiId,
            app_type: false,
            params: vec![
                param("domain", "Host domain of the meeting application"),
                param("customer_id", "Customer id of the domain owner"),
                param("meeting_id", "Meeting id of the session"),
            ],
            body: None,
            ok: schema::of::<BrandingAnswer>(),
            errors: &[400, 401, 404, 406],
            form: None,
            ok_media: None,
            ok_status: 200,
            error_schema: None,
        },
    }]
}

/// Answer of `GET /branding`: `vc` and/or `wb` objects.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BrandingAnswer {
    /// Always 1.
    result: u32,
    /// Video meeting branding.
    #[schema(value_type = Option<Object>)]
    vc: Option<Value>,
    /// Webinar branding.
    #[schema(value_type = Option<Object>)]
    wb: Option<Value>,
}

async fn branding(
    State(app): State<App>,
    _client: ApiClient,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Answer {
    let Query(q) = query.map_err(|_| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "query"))?;
    let (domain, customer_id, meeting_id) = (q.get("domain"), q.get("customer_id"), q.get("meeting_id"));
    if domain.is_none() && customer_id.is_none() && meeting_id.is_none() {
        return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "domain"));
    }
    let data = app.read();
    let mut layers: Vec<&Value> = Vec::new();
    if let Some(b) = domain.and_then(|d| data.branding.branding.domains.get(&d.to_ascii_lowercase())) {
        layers.push(b);
    }
    // A meeting implies its owner's customer when no customer_id is given.
    let meeting = match meeting_id {
        Some(id) => Some(data.meetings.get(id).ok_or_else(ApiError::not_found)?),
        None => None,
    };
    let owner_customer = meeting.and_then(|m| data.users.get(&m.user_id)).and_then(|u| u.customer_id.clone());
    if let Some(cid) = customer_id.cloned().or(owner_customer) {
        data.customers.get(&cid).ok_or_else(ApiError::not_found)?;
        layers.extend(data.branding.branding.customers.get(&cid));
    }
    if let Some(m) = meeting {
        layers.extend(data.branding.branding.meetings.get(&m.meeting_id));
    }
    let mut merged = Value::Object(Map::new());
    for layer in layers {
        merge(&mut merged, layer);
    }
    match merged {
        Value::Object(map) if !map.is_empty() => ok(Value::Object(map)),
        _ => Err(ApiError::not_found()),
    }
}

/// Deep merge: objects merge key by key, anything else in `over` replaces.
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn later_layers_win_key_by_key() {
        let mut v = json!({ "vc": { "name": "A", "login_page": { "heading": "h", "content": "c" } } });
        merge(&mut v, &json!({ "vc": { "login_page": { "heading": "H" } }, "wb": { "name": "W" } }));
        assert_eq!(
            v,
            json!({ "vc": { "name": "A", "login_page": { "heading": "H", "content": "c" } }, "wb": { "name": "W" } })
        );
    }
}

/// This area's data: `branding` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Branding by domain, customer and meeting.
    #[serde(default)]
    pub branding: Branding,
}

impl AreaStore for Store {}

/// Branding layers: JSON objects `{"vc": {...}, "wb": {...}}`, merged domain < customer < meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Branding {
    /// By host domain.
    #[serde(default)]
    pub domains: BTreeMap<String, Value>,
    /// By customer id.
    #[serde(default)]
    pub customers: BTreeMap<String, Value>,
    /// By meeting id.
    #[serde(default)]
    pub meetings: BTreeMap<String, Value>,
}
