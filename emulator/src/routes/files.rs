//! `GET /files/{id}`: an uploaded file (lobby, meeting branding), public, with its content type.

use crate::area::{path_param, schema, Access, Area, Doc, Route};
use crate::auth::PathId;
use crate::reply::ApiError;
use crate::state::App;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::openapi::OpenApi;

/// This area: its routes (no schemas of its own, no data).
pub fn area() -> Area {
    Area::new(routes(), OpenApi::default())
}

/// The routes of this area.
fn routes() -> Vec<Route> {
    let mut doc = Doc::token(
        "getFile",
        "An uploaded file (public: img/audio tags fetch it)",
        "files",
        vec![path_param("id", "File id")],
        None,
        schema::string(),
    );
    doc.access = Access::Public;
    doc.errors = &[404];
    doc.ok_media = Some("*/*");
    vec![Route { method: axum::http::Method::GET, paths: &["/files/{id}"], handler: get(file), doc }]
}

async fn file(State(app): State<App>, PathId(id): PathId) -> Response {
    match app.files.get(&id) {
        Some(f) => {
            let disposition = format!("inline; filename=\"{}\"", f.name.replace(['"', '\\', '\r', '\n'], "_"));
            (
                [
                    (header::CONTENT_TYPE, f.content_type.clone()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
                    (header::HeaderName::from_static("x-content-type-options"), "nosniff".to_string()),
                ],
                f.bytes.clone(),
            )
                .into_response()
        }
        None => ApiError::not_found().into_response(),
    }
}
