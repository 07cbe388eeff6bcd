//! `--static DIR`: the demo's files, served at `/` so it runs same-origin with the API.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::Path;

/// The file for `url_path` under `dir` (a folder gives its `index.html`); `None` if there is none
/// or the path tries to leave `dir`.
pub async fn serve(dir: &Path, url_path: &str) -> Option<Response> {
    let segments: Vec<&str> = url_path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| s.starts_with('.') || s.contains('\\')) {
        return None;
    }
    let mut file = segments.iter().fold(dir.to_path_buf(), |p, s| p.join(s));
    if tokio::fs::metadata(&file).await.ok()?.is_dir() {
        file = file.join("index.html");
    }
    let bytes = tokio::fs::read(&file).await.ok()?;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    Some((StatusCode::OK, [(header::CONTENT_TYPE, content_type(ext))], bytes).into_response())
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
