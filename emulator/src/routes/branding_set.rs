//! `POST /meetings/{id}/branding` (and `/meeting/{id}/branding`): the meeting's login-page and
//! session-page branding, `multipart/form-data` or JSON. Each call replaces both blocks. Banner
//! and video files may be uploaded instead of linked (stored in memory, answered as URLs). The
//! result also shows in `GET /branding?meeting_id=` under `vc`/`wb` (the `X-App-Type`) as
//! `login` and `session`.

use super::lobby::UPLOAD_LIMIT;
use crate::area::{path_param, schema, Area, Doc, Route};
use crate::auth::{Actor, AppType, PathId};
use crate::files::StoredFile;
use crate::form::{self, Form};
use crate::reply::{ok, Answer, ApiError};
use crate::routes::meetings::find;
use crate::state::App;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::HeaderMap;
use axum::routing::post;
use serde_json::{json, Map, Value};
use utoipa::{OpenApi, ToSchema};

/// This area: its routes and the schemas they document.
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    LoginBlock,
    SessionBlock,
    BrandingSetBody,
    BrandingSetForm,
    BrandingSetOut,
    BrandingSetAnswer
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let mut doc = Doc::token(
        "setMeetingBranding",
        "Set a meeting's login and session page branding (multipart/form-data or JSON; replaces)",
        "branding",
        vec![path_param("id", "Meeting id")],
        Some(schema::of::<BrandingSetBody>()),
        schema::of::<BrandingSetAnswer>(),
    )
    .with_app_type();
    doc.form = Some(schema::of::<BrandingSetForm>());
    vec![Route {
        method: axum::http::Method::POST,
        paths: &["/meetings/{id}/branding", "/meeting/{id}/branding"],
        handler: post(set).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        doc,
    }]
}

/// Login/landing page block.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LoginBlock {
    /// https image URL (not with video_file / video_embed).
    #[schema(pattern = "^https://")]
    banner: Option<String>,
    /// https MP4 URL (not with banner / video_embed).
    #[schema(pattern = "^https://")]
    video_file: Option<String>,
    /// Embed code (not with banner / video_file).
    video_embed: Option<String>,
    /// Title, required.
    #[schema(min_length = 1, max_length = 100)]
    headline: String,
    /// Description.
    #[schema(max_length = 256)]
    desc: Option<String>,
    /// https click-through URL.
    #[schema(pattern = "^https://")]
    target_url: Option<String>,
}

/// Session page block.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SessionBlock {
    /// https image URL, required.
    #[schema(pattern = "^https://")]
    banner_small: String,
    /// https image URL.
    #[schema(pattern = "^https://")]
    banner_big: Option<String>,
    /// https click-through URL.
    #[schema(pattern = "^https://")]
    target_url: Option<String>,
}

/// JSON body.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BrandingSetBody {
    login: LoginBlock,
    session: SessionBlock,
}

/// Form body: `data` = the JSON of the payload, or bracketed fields (`login[headline]`,
/// `session[banner_small]`…); files may replace URLs as parts `login[banner]`,
/// `login[video_file]`, `session[banner_small]`, `session[banner_big]` or, top-level, `banner`,
/// `video_file`, `banner_small`, `banner_big`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BrandingSetForm {
    /// JSON of the payload.
    data: Option<String>,
    /// Login banner image (≤ 100 KB, JPG/PNG/GIF).
    #[schema(value_type = Option<String>, format = Binary)]
    banner: Option<String>,
    /// Login video (MP4, ≤ 5 MB).
    #[schema(value_type = Option<String>, format = Binary)]
    video_file: Option<String>,
    /// Session small banner (≤ 50 KB).
    #[schema(value_type = Option<String>, format = Binary)]
    banner_small: Option<String>,
    /// Session big banner (≤ 100 KB).
    #[schema(value_type = Option<String>, format = Binary)]
    banner_big: Option<String>,
}

/// Answered blocks (every key present, `""` when not set).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BrandingSetOut {
    #[schema(value_type = Object)]
    login: Value,
    #[schema(value_type = Object)]
    session: Value,
}

/// Answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BrandingSetAnswer {
    result: u32,
    branding: BrandingSetOut,
}

fn bad(field: &str, why: &str) -> ApiError {
    ApiError::invalid_because(ucaas_codes::REQUEST_INVALID, field, why)
}

/// Upload limits per field: (bytes, accepted content types).
fn upload_rule(key: &str) -> (usize, &'static [&'static str]) {
    const IMAGES: &[&str] = &["image/jpeg", "image/jpg", "image/png", "image/gif", "application/octet-stream"];
    match key {
        "banner_small" => (50 * 1024, IMAGES),
        "video_file" => (crate::files::MAX_FILE, &["video/mp4", "application/octet-stream"]),
        _ => (100 * 1024, IMAGES),
    }
}

struct Check<'a> {
    form: &'a Form,
    stored: Vec<(String, String, usize)>,
}

impl Check<'_> {
    /// A string field of `block` (`""` when absent).
    fn text(&self, block: &Map<String, Value>, name: &str, path: &str) -> Result<String, ApiError> {
        match block.get(name).filter(|v| !v.is_null()) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(bad(path, "Must be a string.")),
        }
    }

    /// An https URL field, or an upload in its place (`""` when absent).
    fn url(&mut self, block: &Map<String, Value>, bname: &str, name: &str) -> Result<String, ApiError> {
        let path = format!("{bname}.{name}");
        if let Some(n) = block.get(name).and_then(form::upload_index) {
            let f: &StoredFile = self.form.uploads.get(n).ok_or_else(|| bad(&path, "Unknown upload."))?;
            let (max, types) = upload_rule(name);
            if f.bytes.len() > max {
                return Err(bad(&path, &format!("The file must not exceed {} KB.", max / 1024)));
            }
            if !types.contains(&f.content_type.to_ascii_lowercase().as_str()) {
                return Err(bad(&path, "The file type is not accepted (JPG, PNG or GIF images; MP4 videos)."));
            }
            self.stored.push((bname.to_string(), name.to_string(), n));
            return Ok(format!("upload:{n}"));
        }
        let u = self.text(block, name, &path)?;
        if !u.is_empty() && !form::is_url(&u, true) {
            return Err(bad(&path, "Must be an https URL."));
        }
        Ok(u)
    }
}

async fn set(State(app): State<App>, actor: Actor, AppType(t): AppType, PathId(id): PathId, req: Request) -> Answer {
    find(&app.read(), &actor, &id)?;
    let headers: HeaderMap = req.headers().clone();
    let mut form = form::read(req, &app).await?;
    for (name, n) in form.loose.clone() {
        let block = match name.as_str() {
            "banner" | "video_file" => "login",
            "banner_small" | "banner_big" => "session",
            _ => continue,
        };
        let b = form.body.entry(block.to_string()).or_insert_with(|| json!({}));
        if b.is_object() {
            b[name.as_str()] = json!({ "$upload": n });
        }
    }
    let mut c = Check { form: &form, stored: Vec::new() };
    let login = match form.body.get("login") {
        Some(Value::Object(o)) => o,
        _ => return Err(bad("login", "The login object is required.")),
    };
    let banner = c.url(login, "login", "banner")?;
    let video_file = c.url(login, "login", "video_file")?;
    let video_embed = c.text(login, "video_embed", "login.video_embed")?;
    if [&banner, &video_file, &video_embed].iter().filter(|s| !s.is_empty()).count() > 1 {
        return Err(bad("login.banner", "Use only one of banner, video_file and video_embed."));
    }
    let headline = c.text(login, "headline", "login.headline")?;
    if headline.trim().is_empty() {
        return Err(bad("login.headline", "The headline is required."));
    }
    if headline.chars().count() > 100 {
        return Err(bad("login.headline", "The headline must not exceed 100 characters."));
    }
    let desc = c.text(login, "desc", "login.desc")?;
    if desc.chars().count() > 256 {
        return Err(bad("login.desc", "The description must not exceed 256 characters."));
    }
    let login_target = c.url(login, "login", "target_url")?;
    let session = match form.body.get("session") {
        Some(Value::Object(o)) => o,
        _ => return Err(bad("session", "The session object is required.")),
    };
    let banner_small = c.url(session, "session", "banner_small")?;
    if banner_small.is_empty() {
        return Err(bad("session.banner_small", "The small banner is required."));
    }
    let banner_big = c.url(session, "session", "banner_big")?;
    let session_target = c.url(session, "session", "target_url")?;
    let mut out = json!({
        "login": { "banner": banner, "video_file": video_file, "video_embed": video_embed, "headline": headline, "desc": desc, "target_url": login_target },
        "session": { "banner_small": banner_small, "banner_big": banner_big, "target_url": session_target },
    });
    let stored = std::mem::take(&mut c.stored);
    let mut uploads: Vec<Option<StoredFile>> = form.uploads.into_iter().map(Some).collect();
    for (block, key, n) in stored {
        if let Some(file) = uploads.get_mut(n).and_then(Option::take) {
            out[block.as_str()][key.as_str()] = json!(crate::files::url(&headers, &app.files.put(file)));
        }
    }
    let saved = app.mutate(|d| {
        d.meetings.get(&id)?;
        let layer = d.branding.branding.meetings.entry(id.clone()).or_insert_with(|| json!({}));
        if !layer.is_object() {
            *layer = json!({});
        }
        let app_layer = &mut layer[t];
        if !app_layer.is_object() {
            *app_layer = json!({});
        }
        app_layer["login"] = out["login"].clone();
        app_layer["session"] = out["session"].clone();
        Some(())
    });
    saved.ok_or_else(ApiError::not_found)?;
    ok(json!({ "branding": out }))
}
