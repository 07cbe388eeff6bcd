//! Meeting lobby (waiting room): `GET/POST/PATCH/DELETE /meetings/{id}/lobby` (and
//! `/meeting/{id}/lobby`). POST and PATCH take `multipart/form-data` (see `crate::form` for the
//! field naming) or JSON; uploaded `img_file` / `audio_file` parts are stored in memory and
//! answered as URLs under `/ucaas/v1/files/{id}`.

use crate::area::{path_param, schema, Area, Doc, Route};
use crate::auth::{Actor, AppType, PathId};
use crate::files::StoredFile;
use crate::form::{self, Form};
use crate::reply::{ok, Answer, ApiError};
use crate::routes::meetings::find;
use crate::routes::meetings::Meeting;
use crate::state::{App, AreaStore};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, Method};
use axum::routing::{delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

/// Body limit of the upload routes (two 5 MB files and the fields).
pub const UPLOAD_LIMIT: usize = 12 * 1024 * 1024;

const PATHS: &[&str] = &["/meetings/{id}/lobby", "/meeting/{id}/lobby"];

/// This area: its routes and the schemas they document (its data: [`Store`]).
pub fn area() -> Area {
    Area::new(routes(), Schemas::openapi())
}

/// The component schemas of this area's documentation (with the schemas they refer to).
#[derive(OpenApi)]
#[openapi(components(schemas(
    MeetingRef,
    LobbyOptions,
    LobbyMessage,
    LobbyImage,
    LobbyMedia,
    Lobby,
    LobbyAnswer,
    LobbyDeleted,
    LobbyOptionsIn,
    LobbyImageIn,
    LobbyUrlIn,
    LobbyMessageIn,
    LobbyBody,
    LobbyForm
)))]
struct Schemas;

/// The routes of this area.
fn routes() -> Vec<Route> {
    let id = || vec![path_param("id", "Meeting id")];
    let write = |op, summary| {
        let mut d =
            Doc::token(op, summary, "lobby", id(), Some(schema::of::<LobbyBody>()), schema::of::<LobbyAnswer>())
                .with_app_type();
        d.form = Some(schema::of::<LobbyForm>());
        d
    };
    vec![
        Route {
            method: Method::GET,
            paths: PATHS,
            handler: get(read),
            doc: Doc::token(
                "getLobby",
                "Get a meeting's lobby (every option off when none is set)",
                "lobby",
                id(),
                None,
                schema::of::<LobbyAnswer>(),
            )
            .with_app_type(),
        },
        Route {
            method: Method::POST,
            paths: PATHS,
            handler: post(add).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
            doc: write("addLobby", "Set a meeting's lobby (multipart/form-data or JSON; replaces any)"),
        },
        Route {
            method: Method::PATCH,
            paths: PATHS,
            handler: patch(update).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
            doc: write("updateLobby", "Replace a meeting's lobby (multipart/form-data or JSON; same as POST)"),
        },
        Route {
            method: Method::DELETE,
            paths: PATHS,
            handler: delete(remove),
            doc: Doc::token(
                "deleteLobby",
                "Delete a meeting's lobby",
                "lobby",
                id(),
                None,
                schema::of::<LobbyDeleted>(),
            )
            .with_app_type(),
        },
    ]
}

/// The meeting a lobby belongs to.
#[derive(Serialize, ToSchema)]
pub struct MeetingRef {
    meeting_id: String,
    room_id: String,
    user_id: String,
    room_name: String,
    app_type: String,
}

impl MeetingRef {
    /// The reference to `m`.
    pub fn new(m: &Meeting) -> Self {
        MeetingRef {
            meeting_id: m.meeting_id.clone(),
            room_id: m.room_id.clone(),
            user_id: m.user_id.clone(),
            room_name: m.room_name.clone(),
            app_type: m.app_type.clone(),
        }
    }
}

/// Which lobby blocks are on.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyOptions {
    messages: bool,
    images: bool,
    audio: bool,
    video: bool,
}

/// A text of the slideshow.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyMessage {
    text: String,
}

/// An image of the slideshow.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyImage {
    url: String,
    caption: String,
}

/// A video or audio item: its URL and an HTML snippet playing it.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyMedia {
    url: String,
    embed: String,
}

/// A lobby as answered.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Lobby {
    options: LobbyOptions,
    message: Vec<LobbyMessage>,
    image: Vec<LobbyImage>,
    video: Vec<LobbyMedia>,
    audio: Vec<LobbyMedia>,
}

/// Answer with the lobby.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyAnswer {
    result: u32,
    meeting: MeetingRef,
    lobby: Lobby,
}

/// Answer of a delete.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyDeleted {
    result: u32,
    /// `Lobby is deleted.`
    desc: String,
    meeting: MeetingRef,
}

/// Options in a request (`message`/`messages`, `image`/`images` both read).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyOptionsIn {
    message: Option<bool>,
    image: Option<bool>,
    audio: Option<bool>,
    video: Option<bool>,
}

/// An image in a request: a URL (JSON) or an uploaded `img_file` (form).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyImageIn {
    #[schema(pattern = "^https?://[^/ ]+")]
    url: Option<String>,
    caption: Option<String>,
}

/// A URL item in a request.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyUrlIn {
    #[schema(pattern = "^https?://[^/ ]+")]
    url: String,
}

/// JSON body of an add or update (no files; URLs only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyBody {
    options: LobbyOptionsIn,
    message: Option<Vec<LobbyMessageIn>>,
    image: Option<Vec<LobbyImageIn>>,
    video: Option<Vec<LobbyUrlIn>>,
    audio: Option<Vec<LobbyUrlIn>>,
}

/// A text in a request.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyMessageIn {
    #[schema(min_length = 5, max_length = 100)]
    text: String,
}

/// Form body: `data` = the JSON of [`LobbyBody`] (or bracketed fields such as
/// `options[message]`, `message[0][text]`, `image[0][caption]`, `image[0][img_file]`), plus file
/// parts `img_file` (repeatable, in the order of the image items without a URL) and `audio_file`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LobbyForm {
    /// JSON of the payload.
    data: Option<String>,
    /// An image upload (≤ 5 MB).
    #[schema(value_type = Option<String>, format = Binary)]
    img_file: Option<String>,
    /// An audio upload (≤ 5 MB).
    #[schema(value_type = Option<String>, format = Binary)]
    audio_file: Option<String>,
}

async fn read(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId) -> Answer {
    let data = app.read();
    let m = find(&data, &actor, &id)?;
    let lobby = data.lobby.lobbies.get(&id).cloned().unwrap_or_else(empty);
    ok(json!({ "meeting": MeetingRef::new(m), "lobby": lobby }))
}

/// The lobby of a meeting that has none: every option off.
fn empty() -> Value {
    json!({ "options": { "messages": false, "images": false, "audio": false, "video": false }, "message": [], "image": [], "video": [], "audio": [] })
}

async fn add(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId, req: Request) -> Answer {
    write(app, actor, id, req).await
}

async fn update(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId, req: Request) -> Answer {
    write(app, actor, id, req).await
}

async fn write(app: App, actor: Actor, id: String, req: Request) -> Answer {
    find(&app.read(), &actor, &id)?;
    let headers = req.headers().clone();
    let form = form::read(req, &app).await?;
    let lobby = validate(form, &app, &headers)?;
    let out = app.mutate(|d| {
        let m = d.meetings.get(&id)?.clone();
        d.lobby.lobbies.insert(id.clone(), lobby.clone());
        Some(MeetingRef::new(&m))
    });
    let meeting = out.ok_or_else(ApiError::not_found)?;
    ok(json!({ "meeting": meeting, "lobby": lobby }))
}

async fn remove(State(app): State<App>, actor: Actor, _: AppType, PathId(id): PathId) -> Answer {
    let meeting = {
        let data = app.read();
        MeetingRef::new(find(&data, &actor, &id)?)
    };
    app.mutate(|d| d.lobby.lobbies.remove(&id));
    ok(json!({ "desc": "Lobby is deleted.", "meeting": meeting }))
}

fn option(opts: &Map<String, Value>, names: &[&str]) -> Result<bool, ApiError> {
    for n in names {
        if let Some(v) = opts.get(*n).filter(|v| !v.is_null()) {
            return form::boolean(v).ok_or_else(|| {
                ApiError::invalid_because(2423, &format!("options.{n}"), "Lobby options are booleans.")
            });
        }
    }
    Ok(false)
}

/// The items of a block to check: an enabled block's (absent or empty is `missing`), and a
/// disabled block's when it is there anyway. The client refuses a malformed block whether or not
/// it is enabled (src/api/lobby.rs), so the emulator does too; only the enabled block is stored.
fn items<'a>(
    body: &'a Map<String, Value>,
    name: &str,
    enabled: bool,
    (missing, not_array): (u32, u32),
) -> Result<&'a [Value], ApiError> {
    if enabled {
        return block(body, name, missing, not_array).map(Vec::as_slice);
    }
    match body.get(name) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(ApiError::invalid(not_array, name)),
    }
}

/// A block's items: `missing` when absent or empty, `not_array` when not an array.
fn block<'a>(
    body: &'a Map<String, Value>,
    name: &str,
    missing: u32,
    not_array: u32,
) -> Result<&'a Vec<Value>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Err(ApiError::invalid(missing, name)),
        Some(Value::Array(a)) if a.is_empty() => Err(ApiError::invalid(missing, name)),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(ApiError::invalid(not_array, name)),
    }
}

/// Attaches top-level `img_file` / `audio_file` parts to the items without a URL or file, in
/// order, appending items for the rest.
fn attach_loose(f: &mut Form) {
    for (part, list) in [("img_file", "image"), ("audio_file", "audio")] {
        let files: Vec<usize> = f.loose.iter().filter(|(n, _)| n == part).map(|(_, i)| *i).collect();
        if files.is_empty() {
            continue;
        }
        let entry = f.body.entry(list.to_string()).or_insert_with(|| Value::Array(Vec::new()));
        if !entry.is_array() {
            continue;
        }
        let Value::Array(items) = entry else { unreachable!() };
        let mut files = files.into_iter();
        for item in items.iter_mut() {
            let open = match item {
                Value::Null => true,
                Value::Object(o) => o.get("url").is_none_or(Value::is_null) && o.get(part).is_none_or(Value::is_null),
                _ => false,
            };
            if open {
                let Some(n) = files.next() else { break };
                if item.is_null() {
                    *item = Value::Object(Map::new());
                }
                item[part] = json!({ "$upload": n });
            }
        }
        for n in files {
            items.push(json!({ part: { "$upload": n } }));
        }
    }
}

/// A URL or an upload of an item: the stored file's URL.
fn media_url(
    item: &Map<String, Value>,
    file_key: &str,
    block: &str,
    f: &Form,
    stored: &mut Vec<(usize, String)>,
    kind: &str,
) -> Result<Option<String>, ApiError> {
    if let Some(n) = item.get(file_key).and_then(form::upload_index) {
        let up: &StoredFile =
            f.uploads.get(n).ok_or_else(|| ApiError::invalid(ucaas_codes::REQUEST_INVALID, file_key))?;
        let ct = up.content_type.to_ascii_lowercase();
        if !(ct.starts_with(kind) || ct == "application/octet-stream") {
            return Err(ApiError::invalid_because(
                ucaas_codes::REQUEST_INVALID,
                &format!("{block}.{file_key}"),
                format!("{file_key} must be an {kind} file."),
            ));
        }
        stored.push((n, String::new()));
        return Ok(Some(format!("\u{0}{n}")));
    }
    match item.get("url").filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(Value::String(u)) if form::is_url(u, false) => Ok(Some(u.clone())),
        Some(_) => Err(ApiError::invalid(2453, &format!("{block}.url"))),
    }
}

/// Checks the payload in the order of the documented codes and builds the stored lobby.
fn validate(mut f: Form, app: &App, headers: &HeaderMap) -> Result<Value, ApiError> {
    attach_loose(&mut f);
    let opts = match f.body.get("options") {
        Some(Value::Object(o)) => o.clone(),
        _ => return Err(ApiError::invalid(2423, "options")),
    };
    let messages = option(&opts, &["messages", "message"])?;
    let images = option(&opts, &["images", "image"])?;
    let audio = option(&opts, &["audio"])?;
    let video = option(&opts, &["video"])?;
    let main = [messages, images, video].iter().filter(|b| **b).count();
    if (main == 0 && !audio) || main > 1 || (video && audio) {
        return Err(ApiError::invalid_because(
            2423,
            "options",
            "Set one of messages, images, video or audio true; audio may go with messages or images.",
        ));
    }
    let mut stored = Vec::new();
    // A disabled block's uploads are checked, not stored.
    let mut unstored = Vec::new();
    let mut out_msgs = Vec::new();
    for item in items(&f.body, "message", messages, (2402, 2402))? {
        let text = match item {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("text").and_then(Value::as_str),
            _ => None,
        };
        let text = text.ok_or_else(|| ApiError::invalid(2422, "message.text"))?;
        super::common::length(text, "message.text", 5, 100, (2432, 2433))?;
        out_msgs.push(json!({ "text": text }));
    }
    let mut out_images = Vec::new();
    for item in items(&f.body, "image", images, (2403, 2412))? {
        let o = item.as_object().ok_or_else(|| ApiError::invalid(2403, "image"))?;
        let into = if images { &mut stored } else { &mut unstored };
        let url =
            media_url(o, "img_file", "image", &f, into, "image")?.ok_or_else(|| ApiError::invalid(2403, "image"))?;
        let caption = match o.get("caption").filter(|v| !v.is_null()) {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(ApiError::invalid(2435, "image.caption")),
        };
        out_images.push(json!({ "url": url, "caption": caption }));
    }
    let mut out_audio = Vec::new();
    for item in items(&f.body, "audio", audio, (2404, 2404))? {
        let o = item.as_object().ok_or_else(|| ApiError::invalid(2404, "audio"))?;
        let into = if audio { &mut stored } else { &mut unstored };
        let url =
            media_url(o, "audio_file", "audio", &f, into, "audio")?.ok_or_else(|| ApiError::invalid(2404, "audio"))?;
        out_audio.push(json!({ "url": url, "embed": "" }));
    }
    let mut out_video = Vec::new();
    for item in items(&f.body, "video", video, (2405, 2421))? {
        let url = match item.get("url").filter(|v| !v.is_null()) {
            None => return Err(ApiError::invalid(2405, "video.url")),
            Some(Value::String(u)) => u.clone(),
            Some(_) => return Err(ApiError::invalid(2438, "video.url")),
        };
        if !form::is_url(&url, false) {
            return Err(ApiError::invalid(2453, "video.url"));
        }
        out_video.push(json!({ "url": url, "embed": "" }));
    }
    // Only the enabled block is kept.
    for (enabled, out) in
        [(messages, &mut out_msgs), (images, &mut out_images), (audio, &mut out_audio), (video, &mut out_video)]
    {
        if !enabled {
            out.clear();
        }
    }
    // Valid: store the uploads and put their URLs in place of the markers.
    let mut urls = std::collections::HashMap::new();
    let mut uploads: Vec<Option<StoredFile>> = f.uploads.into_iter().map(Some).collect();
    for (n, _) in stored {
        if let Some(file) = uploads.get_mut(n).and_then(Option::take) {
            urls.insert(format!("\u{0}{n}"), crate::files::url(headers, &app.files.put(file)));
        }
    }
    let fix = |list: &mut Vec<Value>, tag: &str| {
        for v in list.iter_mut() {
            if let Some(u) = v["url"].as_str().and_then(|u| urls.get(u)) {
                v["url"] = json!(u);
            }
            if tag != "image" {
                let u = v["url"].as_str().unwrap_or_default().replace('"', "&quot;");
                v["embed"] = json!(format!("<{tag} src=\"{u}\" controls></{tag}>"));
            }
        }
    };
    fix(&mut out_images, "image");
    fix(&mut out_audio, "audio");
    fix(&mut out_video, "video");
    Ok(json!({
        "options": { "messages": messages, "images": images, "audio": audio, "video": video },
        "message": out_msgs,
        "image": out_images,
        "video": out_video,
        "audio": out_audio,
    }))
}

/// This area's data: `lobbies` in the seed and the data file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Lobby of a meeting, by meeting id (the answer's `lobby` object as stored).
    #[serde(default)]
    pub lobbies: BTreeMap<String, Value>,
}

impl AreaStore for Store {}
