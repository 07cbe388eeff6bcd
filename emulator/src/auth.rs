//! Who is calling, and what they may see: `X-Api-Id`, `Authorization: Token …` or HTTP Basic,
//! `X-App-Type`, and the role scoping (administrator > reseller > customer > user).

use crate::reply::ApiError;
use crate::routes::users::User;
use crate::state::{App, Data, Role};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use base64::Engine;
use serde_json::{Map, Value};

/// A caller that sent a known `X-Api-Id` (the routes that need no login).
#[derive(Debug, Clone, Copy)]
pub struct ApiClient;

impl FromRequestParts<App> for ApiClient {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get("x-api-id") else {
            return Err(ApiError::header_missing("X-Api-Id"));
        };
        let api_id = value.to_str().map_err(|_| ApiError::invalid_header("X-Api-Id"))?;
        if app.read().auth.api_apps.iter().any(|a| a.api_id == api_id) {
            Ok(ApiClient)
        } else {
            Err(ApiError::invalid_header("X-Api-Id"))
        }
    }
}

/// An authenticated caller: by login token, or by Basic auth acting as its API app's user.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The account acting.
    pub user_id: String,
    /// Its role.
    pub role: Role,
    /// Its tenant.
    pub customer_id: Option<String>,
}

impl FromRequestParts<App> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, ApiError> {
        authenticate(&parts.headers, app)
    }
}

fn authenticate(headers: &HeaderMap, app: &App) -> Result<Actor, ApiError> {
    // X-Api-Id is optional here (the token says who), but a wrong one is still refused.
    if let Some(id) = headers.get("x-api-id") {
        let known = id.to_str().is_ok_and(|id| app.read().auth.api_apps.iter().any(|a| a.api_id == id));
        if !known {
            return Err(ApiError::invalid_header("X-Api-Id"));
        }
    }
    let Some(value) = headers.get("authorization") else {
        return Err(ApiError::header_missing("Authorization"));
    };
    let value = value.to_str().map_err(|_| ApiError::token_invalid())?.trim();
    let (scheme, credential) = value.split_once(' ').unwrap_or((value, ""));
    let user_id = if scheme.eq_ignore_ascii_case("basic") {
        basic_user(app, credential.trim())?
    } else if scheme.eq_ignore_ascii_case("token") {
        token_user(app, credential.trim())?
    } else {
        return Err(ApiError::token_invalid());
    };
    let data = app.read();
    let user = data.users.get(&user_id).ok_or_else(ApiError::token_invalid)?;
    Ok(Actor { user_id, role: user.user_type, customer_id: user.customer_id.clone() })
}

/// The user a token belongs to, if it is known and alive on the emulator clock.
fn token_user(app: &App, token: &str) -> Result<String, ApiError> {
    let tokens = app.tokens.read().unwrap_or_else(|e| e.into_inner());
    let session = tokens.get(token).ok_or_else(ApiError::token_invalid)?;
    if app.clock.now() >= session.issued_at + app.cfg.token_ttl {
        return Err(ApiError::token_expired());
    }
    Ok(session.user_id.clone())
}

/// The user an API app acts as, if `credential` is base64 of its `id:key`.
fn basic_user(app: &App, credential: &str) -> Result<String, ApiError> {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(credential)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| ApiError::invalid_header("Authorization"))?;
    let (id, key) = decoded.split_once(':').ok_or_else(|| ApiError::invalid_header("Authorization"))?;
    let data = app.read();
    data.auth
        .api_apps
        .iter()
        .find(|a| a.api_id == id && a.api_key == key)
        .map(|a| a.user_id.clone())
        .ok_or_else(|| ApiError::invalid_header("Authorization"))
}

impl Actor {
    /// Whether this caller may see and change data owned by `owner`.
    pub fn can_access(&self, owner: &User, data: &Data) -> bool {
        let same_tenant = self.customer_id.is_some() && owner.customer_id == self.customer_id;
        match self.role {
            Role::Administrator => true,
            Role::Reseller => {
                let parent =
                    owner.customer_id.as_deref().and_then(|c| data.customers.get(c)).and_then(|c| c.parent_id.as_ref());
                same_tenant || (self.customer_id.is_some() && parent == self.customer_id.as_ref())
            }
            Role::Customer => same_tenant,
            Role::User => owner.user_id == self.user_id,
        }
    }

    /// Whether this caller may see data owned by the user `owner_id` (false if unknown).
    pub fn can_access_id(&self, owner_id: &str, data: &Data) -> bool {
        data.users.get(owner_id).is_some_and(|owner| self.can_access(owner, data))
    }
}

/// `X-App-Type`: `vc` (video meeting) or `wb` (webinar), required on the meeting routes.
#[derive(Debug, Clone, Copy)]
pub struct AppType(pub &'static str);

impl<S: Send + Sync> FromRequestParts<S> for AppType {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let mut values = parts.headers.get_all("x-app-type").iter();
        let Some(first) = values.next() else {
            return Err(ApiError::app_type_missing());
        };
        // A repeated header is a list, not a string; so is an unreadable or empty one.
        let text = first.to_str().ok().filter(|t| !t.is_empty() && values.next().is_none());
        match text.ok_or_else(|| ApiError::invalid(1402, "X-App-Type"))? {
            "vc" => Ok(AppType("vc")),
            "wb" => Ok(AppType("wb")),
            _ => Err(ApiError::invalid(1403, "X-App-Type")),
        }
    }
}

/// A single path parameter; a malformed one is answered 404 in the API's JSON.
#[derive(Debug, Clone)]
pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| PathId(id))
            .map_err(|_| ApiError::not_found())
    }
}

/// The request body as a JSON object; an empty body is an empty object.
pub fn json_object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "body")),
    }
}
