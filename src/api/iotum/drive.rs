//! Drive (document §8): a host's files, for presentation in conferences. A file is added in
//! three steps: `drive/create` (a pre-signed upload URL), a `PUT` of the bytes to it, and
//! `drive/file/finish_upload`; `IotumClient.driveUpload` does the three.

use super::{with_input, ANSWERS};
use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::endpoint;

loose_fields!(
    /// A drive file.
    DriveFile {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// When it was added (the server's text).
        created_at: String = "loose::opt_string",
        /// File name.
        filename: String = "loose::opt_string",
        /// Bytes.
        size: f64 = "loose::opt_number",
        /// processing, ready, failed or unsupported (not applicable right after the upload).
        presentation_status: String = "loose::opt_string",
        /// Where to download it.
        download_link: String = "loose::opt_string",
        /// Media type.
        mimetype: String = "loose::opt_string",
        /// Pages (documents).
        page_count: u32 = "loose::opt_u32",
    }
);

/// One page of a host's drive files (20 a page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, ucaas_client_macros::Shaped)]
pub struct DriveFilePage {
    /// The files (`[]` when none).
    #[shape(always)]
    #[serde(default, deserialize_with = "crate::loose::items")]
    #[tsify(type = "DriveFile[]")]
    pub files: Vec<DriveFile>,
    /// Pages in all.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total_pages: Option<u32>,
    /// This page.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub current_page: Option<u32>,
    /// The next page, absent (null) on the last.
    #[serde(default, deserialize_with = "loose::opt_u32", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub next_page: Option<u32>,
}

loose_fields!(
    /// The answer of `drive/create`: where to `PUT` the file's bytes.
    DriveUpload {
        /// The new file's id (for `finish_upload`).
        id: i64 = "loose::opt_i64",
        /// The pre-signed URL taking a `PUT` of the bytes.
        upload_url: String = "loose::opt_string",
        /// Where it will be downloaded.
        download_link: String = "loose::opt_string",
    }
);

iotum_input!(
    /// Input of `driveFetchAll`.
    DriveQuery {
        /// The host.
        host_id: Id,
        /// Page, from 1 (20 files a page).
        page: Positive optional,
    }
);

iotum_input!(
    /// Input of `driveFileFetch`, `driveFileFinishUpload` and `driveFileDelete`.
    DriveFileRef {
        /// The host.
        host_id: Id,
        /// The file.
        id: Id,
    }
);

iotum_input!(
    /// Input of `driveCreate`.
    DriveCreateInput {
        /// The host.
        host_id: Id,
        /// The file's name, e.g. "presentation.mp4".
        filename: Text,
    }
);

/// One page of a host's drive files. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/drive/fetch_all", body_token, read, client = IotumClient, js = driveFetchAll, answer = DriveFilePage)]
pub fn fetch_all<T: Tree>(#[js(type = "DriveQuery")] query: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_ALL, query, DriveQuery::body)
}

/// Reads a drive file. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/drive/file/fetch", body_token, read, client = IotumClient, js = driveFileFetch, answer = DriveFile)]
pub fn file_fetch<T: Tree>(#[js(type = "DriveFileRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FILE_FETCH, input, DriveFileRef::body)
}

/// Starts adding a file: the answer has the URL to `PUT` its bytes to (or use `driveUpload`).
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/drive/create", body_token, client = IotumClient, js = driveCreate, answer = DriveUpload)]
pub fn create<T: Tree>(#[js(type = "DriveCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, DriveCreateInput::body)
}

/// Says a file's bytes are uploaded; the answer is the file (HTTP 409 if it was already
/// processed). ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/drive/file/finish_upload", body_token, client = IotumClient, js = driveFileFinishUpload, answer = DriveFile)]
pub fn file_finish_upload<T: Tree>(#[js(type = "DriveFileRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FILE_FINISH_UPLOAD, input, DriveFileRef::body)
}

/// Deletes a drive file (HTTP 204). ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/drive/file/delete", body_token, client = IotumClient, js = driveFileDelete, answer = super::Ack)]
pub fn file_delete<T: Tree>(#[js(type = "DriveFileRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FILE_DELETE, input, DriveFileRef::body)
}
