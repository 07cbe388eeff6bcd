//! Uploaded files (lobby images and audio, branding banners): kept in memory only, bounded, and
//! served back at `GET /ucaas/v1/files/{id}` without authentication (an `<img>` or `<audio>` tag
//! cannot send a token). Not in the data file; `/__emulator/reset` empties the store.

use axum::body::Bytes;
use axum::http::HeaderMap;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Largest file one upload may carry.
pub const MAX_FILE: usize = 5 * 1024 * 1024;
/// Largest total kept; the oldest files go first past it.
pub const MAX_TOTAL: usize = 64 * 1024 * 1024;

/// One uploaded file.
#[derive(Debug)]
pub struct StoredFile {
    /// Content type the upload declared (default `application/octet-stream`).
    pub content_type: String,
    /// File name the upload declared.
    pub name: String,
    /// Content.
    pub bytes: Bytes,
}

#[derive(Default)]
struct Store {
    map: HashMap<String, Arc<StoredFile>>,
    order: VecDeque<String>,
    total: usize,
}

/// The in-memory file store.
#[derive(Default)]
pub struct Files {
    store: Mutex<Store>,
}

impl Files {
    /// Keeps `file`, evicting the oldest past [`MAX_TOTAL`]; returns its id.
    pub fn put(&self, file: StoredFile) -> String {
        let id = format!("f-{}", crate::state::random_hex::<12>());
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        s.total += file.bytes.len();
        s.map.insert(id.clone(), Arc::new(file));
        s.order.push_back(id.clone());
        while s.total > MAX_TOTAL && s.order.len() > 1 {
            if let Some(old) = s.order.pop_front() {
                if let Some(f) = s.map.remove(&old) {
                    s.total -= f.bytes.len();
                }
            }
        }
        id
    }

    /// The file with this id.
    pub fn get(&self, id: &str) -> Option<Arc<StoredFile>> {
        self.store.lock().unwrap_or_else(|e| e.into_inner()).map.get(id).cloned()
    }

    /// Forgets every file.
    pub fn clear(&self) {
        *self.store.lock().unwrap_or_else(|e| e.into_inner()) = Store::default();
    }
}

/// The absolute URL of file `id` as the caller reached this server (`Host`, and
/// `X-Forwarded-Proto` if a proxy set it); a path alone without a `Host` header.
pub fn url(headers: &HeaderMap, id: &str) -> String {
    let path = format!("{}/files/{id}", crate::routes::BASE);
    let host = headers.get("host").and_then(|h| h.to_str().ok()).filter(|h| !h.is_empty() && !h.contains(['/', ' ']));
    let proto =
        headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).filter(|p| *p == "https").unwrap_or("http");
    match host {
        Some(h) => format!("{proto}://{h}{path}"),
        None => path,
    }
}
