//! `POST /login`: email and password for a token and the user object.

use crate::area::{schema, Access, Area, Doc, Route};
use crate::auth::{json_object, ApiClient};
use crate::clock;
use crate::reply::{ok, Answer, ApiError};
use crate::routes::datapool::Timezone;
use crate::routes::users::{Apps, User};
use crate::state::{random_hex, App, AreaStore, Data, Session};
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(LoginBody, LoginAnswer, UserOut, CompanyOut)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    vec![Route {
        method: axum::http::Method::POST,
        paths: &["/login"],
        handler: post(login),
        doc: Doc {
            id: "login",
            summary: "Log in with email and password; returns a token and the user",
            tag: "auth",
            access: Access::ApiId,
            app_type: false,
            params: vec![],
            body: Some((schema::of::<LoginBody>(), true)),
            ok: schema::of::<LoginAnswer>(),
            errors: &[400, 401, 406],
            form: None,
            ok_media: None,
            ok_status: 200,
            error_schema: None,
        },
    }]
}

/// Body of `POST /login` (documentation only: the handler reads the JSON itself so each field
/// gets its documented code).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LoginBody {
    /// The account's email.
    #[schema(pattern = "^[^@]+@[^@]+$")]
    email: String,
    /// The password.
    #[schema(min_length = 1)]
    password: String,
}

/// Answer of `POST /login`.
#[derive(Serialize, ToSchema)]
pub struct LoginAnswer {
    /// Always 1.
    result: u32,
    /// Use as `Authorization: Token <token>`.
    token: String,
    /// The signed-in user.
    user: UserOut,
}

/// A company as the user object shows it.
#[derive(Serialize, ToSchema)]
pub struct CompanyOut {
    /// Customer id (empty for administrators).
    company_id: String,
    /// Name.
    company_name: String,
    /// Legal name.
    company_legal_name: String,
}

/// The user object of `/login`.
#[derive(Serialize, ToSchema)]
pub struct UserOut {
    /// Id.
    user_id: String,
    /// `administrator`, `reseller`, `customer` or `user`.
    user_type: String,
    /// Description of `user_type`.
    user_type_desc: String,
    /// Email.
    email: String,
    /// First name.
    first_name: String,
    /// Middle name.
    middle_name: String,
    /// Last name.
    last_name: String,
    /// Picture URL.
    profile_pic: String,
    /// Company.
    company: CompanyOut,
    /// Licences.
    apps: Apps,
    /// Time zone.
    #[schema(nullable)]
    timezone: Option<Timezone>,
    /// Last login.
    last_login_time: String,
    /// Domain of the user's portal.
    profile_domain: String,
}

impl UserOut {
    /// The user object for `user`.
    pub fn new(user: &User, data: &Data) -> Self {
        let customer = user.customer_id.as_deref().and_then(|c| data.customers.get(c));
        UserOut {
            user_id: user.user_id.clone(),
            user_type: serde_json::to_value(user.user_type)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            user_type_desc: user.user_type.desc().into(),
            email: user.email.clone(),
            first_name: user.first_name.clone(),
            middle_name: user.middle_name.clone(),
            last_name: user.last_name.clone(),
            profile_pic: user.profile_pic.clone(),
            company: CompanyOut {
                company_id: customer.map(|c| c.customer_id.clone()).unwrap_or_default(),
                company_name: customer.map(|c| c.customer_name.clone()).unwrap_or_default(),
                company_legal_name: customer.map(|c| c.customer_legal_name.clone()).unwrap_or_default(),
            },
            apps: user.apps.clone(),
            timezone: data.datapool.timezone(&user.timezone_id).cloned(),
            last_login_time: user.last_login_time.clone(),
            profile_domain: data.branding.branding.domains.keys().next().cloned().unwrap_or_default(),
        }
    }
}

/// Whether `s` looks like an email: one `@` with text on both sides (the schema's pattern).
pub fn is_email(s: &str) -> bool {
    matches!(s.split_once('@'), Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('@'))
}

/// A required email field: 1724 missing, 1723 not a string, 1722 not an email.
pub fn email_field(body: &Map<String, Value>, field: &str) -> Result<String, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(ApiError::invalid(1724, field)),
        Some(Value::String(s)) if is_email(s) => Ok(s.clone()),
        Some(Value::String(_)) => Err(ApiError::invalid(1722, field)),
        Some(_) => Err(ApiError::invalid(1723, field)),
    }
}

/// A required password field: 1121 when missing, not a string or empty.
pub fn password_field(body: &Map<String, Value>, field: &str) -> Result<String, ApiError> {
    match body.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(ApiError::invalid(1121, field)),
    }
}

async fn login(State(app): State<App>, _client: ApiClient, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let email = email_field(&body, "email")?;
    let password = password_field(&body, "password")?;
    let now = app.clock.now();
    let user = app.mutate(|d| {
        let user = d.users.users.iter_mut().find(|u| u.email.eq_ignore_ascii_case(&email) && u.password == password)?;
        user.last_login_time = clock::format(now);
        Some(user.clone())
    });
    let user = user.ok_or_else(ApiError::bad_credentials)?;
    let token = random_hex::<24>();
    {
        let mut tokens = app.tokens.write().unwrap_or_else(|e| e.into_inner());
        // Keep the map bounded under many logins: forget tokens long dead.
        if tokens.len() > 10_000 {
            tokens.retain(|_, s| s.issued_at + 2 * app.cfg.token_ttl > now);
        }
        tokens.insert(token.clone(), Session { user_id: user.user_id.clone(), issued_at: now });
    }
    let out = UserOut::new(&user, &app.read());
    ok(json!({ "token": token, "user": out }))
}

/// This area's data: `api_apps` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// API credentials (`X-Api-Id`, and Basic auth with the key).
    pub api_apps: Vec<ApiApp>,
}

impl AreaStore for Store {}

/// An API credential pair; Basic auth acts as `user_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiApp {
    /// `X-Api-Id`, and the Basic user name.
    pub api_id: String,
    /// The Basic password.
    pub api_key: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The account server-to-server calls act as.
    pub user_id: String,
}
