//! A host's drive: fetch_all (20 a page), create (a signed upload URL on the emulator itself),
//! the `PUT` of the bytes to that URL, file/fetch, file/finish_upload, file/delete. The bytes
//! are counted, not kept: a file's `size` is what the PUT carried.

use super::schema::{self as s};
use super::{doc, post_route, run, times, Allowed, Ctx, Error, Outcome, Reply, AUTHED};
use crate::area::{query_param, Access, Doc, Route, NO_BODY};
use crate::state::{random_hex, App, Data};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use utoipa::openapi::RefOr;

/// Largest upload.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;
/// Files a page of drive/fetch_all.
const PAGE: usize = 20;
/// How much of a too-large upload is still read (so that the client sees the 413, not a reset).
const DRAIN: usize = 64 * 1024 * 1024;

/// A drive file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DriveFile {
    /// Id.
    pub id: u64,
    /// Owner.
    pub host_id: u64,
    /// File name.
    pub filename: String,
    /// Bytes (of the PUT).
    #[serde(default)]
    pub size: u64,
    /// Creation time, ISO 8601 (empty in the seed: the clock at load).
    #[serde(default)]
    pub created_at: String,
    /// `processing` until finish_upload, then `ready`.
    pub presentation_status: String,
    /// From the extension.
    #[serde(default)]
    pub mimetype: Option<String>,
    /// Key of the download link.
    pub key: String,
    /// Signature of the upload URL.
    #[serde(default)]
    pub signature: String,
    /// Whether the PUT happened.
    #[serde(default)]
    pub uploaded: bool,
}

impl DriveFile {
    fn json(&self, data: &Data) -> Value {
        let origin = data.iotum.host(self.host_id).map(|h| data.iotum.company_origin(h.company_id)).unwrap_or_default();
        json!({
            "id": self.id,
            "created_at": self.created_at,
            "filename": self.filename,
            "size": self.size,
            "presentation_status": self.presentation_status,
            "download_link": download_link(&origin, self),
            "mimetype": self.mimetype,
            "page_count": if self.presentation_status == "ready" { json!(1) } else { Value::Null },
        })
    }
}

fn download_link(origin: &str, f: &DriveFile) -> String {
    let ext = f.filename.rsplit_once('.').map(|(_, e)| format!(".{e}")).unwrap_or_default();
    format!("{origin}/drive_files/download/{}{ext}", f.key)
}

/// The media type of a file name, from its extension.
fn mimetype(filename: &str) -> &'static str {
    let ext = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "txt" => "text/plain",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let file = || s::authed(vec![("host_id", s::id(9)), ("id", s::id(50))], &["host_id", "id"]);
    let upload = Doc {
        id: "iotumDriveUpload",
        summary: "The upload URL of drive/create: PUT the raw bytes (at most 10 MB), no auth_token",
        tag: "iotum",
        access: Access::Public,
        app_type: false,
        params: vec![
            crate::area::path_param("id", "The file's id"),
            query_param("signature", crate::area::schema::string(), "The signature of the upload URL"),
        ],
        body: None,
        ok: s::any(),
        errors: &[403, 404, 413],
        form: None,
        ok_media: None,
        ok_status: 200,
        error_schema: Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("IotumError"))),
    };
    let mut delete_doc = doc("iotumDriveFileDelete", "Delete a drive file (204)", file(), s::any(), 204, AUTHED);
    delete_doc.ok_media = Some(NO_BODY);
    vec![
        post_route(
            &["/drive/fetch_all"],
            post(fetch_all),
            doc(
                "iotumDriveFetchAll",
                "A host's drive files, 20 a page",
                s::authed(vec![("host_id", s::id(9)), ("page", s::count())], &["host_id"]),
                s::object(
                    vec![
                        ("files", s::array(s::any_object())),
                        ("total_pages", s::int()),
                        ("current_page", s::int()),
                        ("next_page", s::any()),
                    ],
                    &["files", "total_pages", "current_page", "next_page"],
                ),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/drive/create"],
            post(create),
            doc(
                "iotumDriveCreate",
                "A new drive file and its signed upload URL (PUT the bytes there, then finish_upload)",
                s::authed(vec![("host_id", s::id(9)), ("filename", s::text())], &["host_id", "filename"]),
                s::object(
                    vec![("id", s::count()), ("upload_url", s::string()), ("download_link", s::string())],
                    &["id", "upload_url", "download_link"],
                ),
                200,
                AUTHED,
            ),
        ),
        Route { method: Method::PUT, paths: &["/__drive_upload/{id}"], handler: put(upload_bytes), doc: upload },
        post_route(
            &["/drive/file/fetch"],
            post(fetch),
            doc("iotumDriveFileFetch", "A drive file", file(), s::any_object(), 200, AUTHED),
        ),
        post_route(
            &["/drive/file/finish_upload"],
            post(finish_upload),
            doc(
                "iotumDriveFileFinishUpload",
                "Mark an uploaded file ready (409 once done; 422 before the PUT)",
                file(),
                s::any_object(),
                200,
                &[400, 401, 403, 404, 409, 422],
            ),
        ),
        post_route(&["/drive/file/delete"], post(delete), delete_doc),
    ]
}

/// The file `id` of host `host_id` (the host in scope; 404 "File not found").
fn index(ctx: &Ctx, data: &Data) -> Result<usize, Error> {
    let host = ctx.named_host(data)?.id;
    let id = ctx.fields.id("id")?;
    data.iotum.drive_files.iter().position(|f| f.id == id && f.host_id == host).ok_or_else(|| Error::not_found("File"))
}

async fn fetch_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let page = ctx.fields.opt_count("page")?.unwrap_or(1) as usize;
        let data = ctx.app.read();
        let host = ctx.named_host(&data)?.id;
        let files: Vec<&DriveFile> = data.iotum.drive_files.iter().filter(|f| f.host_id == host).collect();
        let total_pages = files.len().div_ceil(PAGE).max(1);
        let items: Vec<Value> = files
            .iter()
            .skip((page - 1).saturating_mul(PAGE))
            .take(PAGE)
            .map(|f| json!({ "id": f.id, "created_at": f.created_at, "filename": f.filename, "size": f.size }))
            .collect();
        let next = if page < total_pages { json!(page + 1) } else { Value::Null };
        Ok(Reply::ok(json!({
            "files": items,
            "total_pages": total_pages,
            "current_page": page,
            "next_page": next,
        })))
    })
}

/// `http://<Host>` of the request (the upload URL points at the emulator itself).
fn own_origin(headers: &HeaderMap) -> String {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && !h.contains(['/', ' ', '?', '#', '@']))
        .unwrap_or("127.0.0.1");
    let proto =
        headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).filter(|p| *p == "https").unwrap_or("http");
    format!("{proto}://{host}")
}

async fn create(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| -> Outcome {
        let filename = ctx.fields.str("filename")?;
        if filename.len() > 255 || filename.contains(['/', '\\']) {
            return Err(Error::invalid("filename is invalid"));
        }
        ctx.app.mutate(|data| {
            let host = ctx.named_host(data)?.clone();
            let origin = data.iotum.company_origin(host.company_id);
            let f = DriveFile {
                id: data.iotum.new_id(),
                host_id: host.id,
                filename,
                size: 0,
                created_at: times::iso(ctx.now),
                presentation_status: "processing".into(),
                mimetype: None,
                key: super::uuid(),
                signature: random_hex::<16>(),
                uploaded: false,
            };
            let upload_url = format!(
                "{}{}/__drive_upload/{}?signature={}",
                own_origin(&headers),
                super::IOTUM_BASE,
                f.id,
                f.signature
            );
            let answer = json!({ "id": f.id, "upload_url": upload_url, "download_link": download_link(&origin, &f) });
            data.iotum.drive_files.push(f);
            Ok(Reply::ok(answer))
        })
    })
}

/// `PUT /enterprise_api/__drive_upload/{id}?signature=…`: the bytes of a file, no `auth_token`.
async fn upload_bytes(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Body,
) -> Response {
    let outcome = async {
        let id: u64 = id.parse().map_err(|_| Error::not_found("File"))?;
        let signature = q.get("signature").cloned().unwrap_or_default();
        {
            let data = app.read();
            let f = data.iotum.drive_files.iter().find(|f| f.id == id).ok_or_else(|| Error::not_found("File"))?;
            if f.signature.is_empty() || f.signature != signature {
                return Err(Error::forbidden("Invalid signature"));
            }
        }
        let size = count_bytes(body).await?;
        app.mutate(|data| {
            let f = data.iotum.drive_files.iter_mut().find(|f| f.id == id).ok_or_else(|| Error::not_found("File"))?;
            f.size = size as u64;
            f.uploaded = true;
            Ok(Reply::Empty(StatusCode::OK))
        })
    }
    .await;
    match outcome {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The length of `body`: 413 past [`MAX_UPLOAD`] (read on up to [`DRAIN`] first, so that the
/// client is still listening when the answer comes).
async fn count_bytes(body: Body) -> Result<usize, Error> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { return Err(Error::invalid("The upload was interrupted")) };
        if let Some(chunk) = frame.data_ref() {
            total += chunk.len();
        }
        if total > DRAIN {
            break;
        }
    }
    if total > MAX_UPLOAD {
        return Err(Error::too_large("The file is larger than 10 MB"));
    }
    Ok(total)
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let i = index(ctx, &data)?;
        Ok(Reply::ok(data.iotum.drive_files[i].json(&data)))
    })
}

async fn finish_upload(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let i = index(ctx, data)?;
            let f = &mut data.iotum.drive_files[i];
            if f.presentation_status == "ready" {
                return Err(Error::conflict("The file has already been processed"));
            }
            if !f.uploaded {
                return Err(Error::invalid("The file has not been uploaded"));
            }
            f.presentation_status = "ready".into();
            f.mimetype = Some(mimetype(&f.filename).into());
            let f = f.clone();
            Ok(Reply::ok(f.json(data)))
        })
    })
}

async fn delete(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let i = index(ctx, data)?;
            data.iotum.drive_files.remove(i);
            Ok(Reply::Empty(StatusCode::NO_CONTENT))
        })
    })
}
