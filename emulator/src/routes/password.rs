//! Password reset: `POST /password` mails a reset key (to the outbox); `PATCH /password/{key}`
//! without a body validates the key, with a body sets the new password.

use crate::area::{schema, Access, Area, Doc, Param, Route};
use crate::auth::{json_object, ApiClient, PathId};
use crate::reply::{ok, Answer, ApiError};
use crate::routes::auth::{email_field, password_field};
use crate::state::{random_hex, App, AreaStore};
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{patch, post};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

/// How long a reset key lives, on the emulator clock.
const KEY_TTL: i64 = 3600;
/// Shortest new password accepted.
const MIN_PASSWORD: usize = 8;

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(ResetRequestBody, ResetBody, PasswordData, PasswordAnswer)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let mut routes = vec![Route {
        method: axum::http::Method::POST,
        paths: &["/password"],
        handler: post(request_reset),
        doc: Doc {
            id: "requestPasswordReset",
            summary: "Mail a password reset key to a registered email (lands in the outbox)",
            tag: "password",
            access: Access::ApiId,
            app_type: false,
            params: vec![],
            body: Some((schema::of::<ResetRequestBody>(), true)),
            ok: schema::of::<PasswordAnswer>(),
            errors: &[400, 401, 406],
            form: None,
            ok_media: None,
            ok_status: 200,
            error_schema: None,
        },
    }];
    routes.push(Route {
        method: axum::http::Method::PATCH,
        paths: &["/password/{key}"],
        handler: patch(key_handler),
        doc: key_doc("checkOrResetPassword"),
    });
    // The docs' route list says POST for the same operations; accept it too.
    routes.push(Route {
        method: axum::http::Method::POST,
        paths: &["/password/{key}"],
        handler: post(key_handler),
        doc: key_doc("checkOrResetPasswordPost"),
    });
    routes
}

/// The documentation of the `/password/{key}` operations.
fn key_doc(id: &'static str) -> Doc {
    Doc {
        id,
        summary: "Without a body: validate a reset key. With a body: reset the password",
        tag: "password",
        access: Access::ApiId,
        app_type: false,
        params: vec![Param {
            name: "key",
            location: crate::area::In::Path,
            required: true,
            schema: schema::string(),
            description: "The reset key from the mail",
        }],
        body: Some((schema::of::<ResetBody>(), false)),
        ok: schema::of::<PasswordAnswer>(),
        errors: &[400, 401, 404, 406],
        form: None,
        ok_media: None,
        ok_status: 200,
        error_schema: None,
    }
}

/// Body of `POST /password` (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ResetRequestBody {
    /// The registered email.
    #[schema(pattern = "^[^@]+@[^@]+$")]
    email: String,
}

/// Body of `PATCH /password/{key}` when resetting (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ResetBody {
    /// Must be the email the key was sent to.
    #[schema(pattern = "^[^@]+@[^@]+$")]
    email: String,
    /// The new password (at least 8 characters).
    #[schema(min_length = 8)]
    password: String,
    /// The new password again.
    #[schema(min_length = 8)]
    password_retyped: String,
}

/// `data` of the password answers.
#[derive(Serialize, ToSchema)]
pub struct PasswordData {
    /// The account's email.
    email: String,
    /// What happened (request, reset).
    #[serde(skip_serializing_if = "Option::is_none")]
    msg: Option<String>,
    /// Whose key it is (validate).
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    /// First name (validate).
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    /// Middle name (validate).
    #[serde(skip_serializing_if = "Option::is_none")]
    middle_name: Option<String>,
    /// Last name (validate).
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
}

/// Answer of the password routes.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PasswordAnswer {
    /// Always 1.
    result: u32,
    /// The details.
    data: PasswordData,
}

async fn request_reset(State(app): State<App>, _client: ApiClient, body: Bytes) -> Answer {
    let email = email_field(&json_object(&body)?, "email")?;
    let now = app.clock.now();
    // An unknown email gets the same answer and no mail: the route must not reveal accounts.
    app.mutate(|d| {
        let Some(user) = d.users.users.iter().find(|u| u.email.eq_ignore_ascii_case(&email)).cloned() else {
            return;
        };
        let key = random_hex::<16>();
        d.password.reset_keys.retain(|k| k.expires_at > now);
        d.password.reset_keys.push(ResetKey {
            key: key.clone(),
            user_id: user.user_id.clone(),
            expires_at: now + KEY_TTL,
        });
        let body = format!(
            "Hello {},\n\nUse this key to reset your password: {key}\nIt is valid for one hour.",
            user.first_name
        );
        d.send_mail(
            "password_reset",
            &user.email,
            "Reset your password".into(),
            body,
            json!({ "reset_key": key }),
            now,
        );
    });
    let msg = format!("An email has been sent to {email} with instructions to reset the password.");
    ok(
        json!({ "data": PasswordData { email, msg: Some(msg), user_id: None, first_name: None, middle_name: None, last_name: None } }),
    )
}

async fn key_handler(State(app): State<App>, _client: ApiClient, PathId(key): PathId, body: Bytes) -> Answer {
    let body = json_object(&body)?;
    let now = app.clock.now();
    let user = {
        let data = app.read();
        let entry = data
            .password
            .reset_keys
            .iter()
            .find(|k| k.key == key && k.expires_at > now)
            .ok_or_else(ApiError::reset_key_invalid)?;
        data.users.get(&entry.user_id).cloned().ok_or_else(ApiError::reset_key_invalid)?
    };
    if !body.contains_key("password") && !body.contains_key("password_retyped") {
        let data = PasswordData {
            email: user.email,
            msg: None,
            user_id: Some(user.user_id),
            first_name: Some(user.first_name),
            middle_name: Some(user.middle_name),
            last_name: Some(user.last_name),
        };
        return ok(json!({ "data": data }));
    }
    let email = email_field(&body, "email")?;
    if !email.eq_ignore_ascii_case(&user.email) {
        return Err(ApiError::invalid(1106, "email"));
    }
    let password = password_field(&body, "password")?;
    let retyped = password_field(&body, "password_retyped")?;
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "password"));
    }
    if password != retyped {
        return Err(ApiError::invalid(ucaas_codes::REQUEST_INVALID, "password_retyped"));
    }
    if password == user.password {
        return Err(ApiError::invalid(3011, "password"));
    }
    app.mutate(|d| {
        if let Some(u) = d.users.users.iter_mut().find(|u| u.user_id == user.user_id) {
            u.password = password;
        }
        d.password.reset_keys.retain(|k| k.user_id != user.user_id);
    });
    // A new password ends every session of the account.
    app.tokens.write().unwrap_or_else(|e| e.into_inner()).retain(|_, s| s.user_id != user.user_id);
    let msg = "Your account password has been reset.".to_string();
    ok(
        json!({ "data": PasswordData { email: user.email, msg: Some(msg), user_id: None, first_name: None, middle_name: None, last_name: None } }),
    )
}

/// This area's data: `reset_keys` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Password reset keys handed out and not yet used.
    #[serde(default)]
    pub reset_keys: Vec<ResetKey>,
}

impl AreaStore for Store {}

/// A password reset key mailed to a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetKey {
    /// The key.
    pub key: String,
    /// Whose.
    pub user_id: String,
    /// Expiry, epoch seconds on the emulator clock.
    pub expires_at: i64,
}
