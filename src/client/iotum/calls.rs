//! The Iotum calls made of several requests: a drive upload's three steps, and the cursor-paged
//! routes as streams (`upload` and `cursorPages` of js/iotum.js).

use super::{answer, IotumClient, MAX_ATTEMPTS};
use crate::api::iotum::conference::{self, Conference, ConferencePage};
use crate::api::iotum::drive::{self, DriveFile, DriveUpload};
use crate::api::iotum::host::{self, PastConference, PastConferencePage};
use crate::api::{Method, Request};
use crate::client::{HttpBody, HttpRequest, Transport};
use crate::error::Error;
use crate::shape::{Shaped, Tree};
use futures_util::stream::{self, Stream};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A cursor-paged answer: its items and the next page's cursor.
trait CursorPage: Shaped + DeserializeOwned + 'static {
    type Item: 'static;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

impl CursorPage for ConferencePage {
    type Item = Conference;
    fn into_parts(self) -> (Vec<Conference>, Option<String>) {
        (self.conferences, self.next_page)
    }
}

impl CursorPage for PastConferencePage {
    type Item = PastConference;
    fn into_parts(self) -> (Vec<PastConference>, Option<String>) {
        (self.conferences, self.next_page)
    }
}

impl<T: Transport> IotumClient<T> {
    /// Uploads a file to a host's drive: `drive/create`, a `PUT` of `bytes` to the upload URL it
    /// answers (`Content-Type: application/octet-stream`, no token: the URL is the credential),
    /// then `drive/file/finish_upload`; the answer is the finished file. A failure after the
    /// first step leaves the created file unfinished (its id is in the error's message).
    ///
    /// Write: `create` and `finish_upload` are sent once; the `PUT` of the same bytes is
    /// repeated (up to 3 attempts) after a timeout, a network error or a 5xx.
    ///
    /// # Example
    ///
    /// ```no_run,ignore-wasm32
    /// # use ucaas_client::client::{IotumClient, Transport};
    /// # async fn example(client: &IotumClient<impl Transport>) -> Result<(), ucaas_client::Error> {
    /// let file = client.drive_upload(&serde_json::json!(9), "slides.pdf", std::fs::read("slides.pdf").unwrap()).await?;
    /// println!("{:?} {:?}", file.id, file.presentation_status);
    /// # Ok(()) }
    /// ```
    pub async fn drive_upload(&self, host_id: &Value, filename: &str, bytes: Vec<u8>) -> Result<DriveFile, Error> {
        let create = drive::create(&serde_json::json!({ "host_id": host_id, "filename": filename }))?;
        // The host as the builder wrote it (`finish_upload` names the same one).
        let host = create.body.as_ref().and_then(|b| b.get("host_id")).cloned().unwrap_or(Value::Null);
        let created: DriveUpload = self.call(create, false).await?;
        let unfinished = |e: Error| {
            let id = created.id.map_or_else(|| "?".to_owned(), |id| id.to_string());
            Error { message: format!("{} (drive file {id} was created but not finished)", e.message), ..e }
        };
        self.put(created.upload_url.as_deref().unwrap_or_default(), bytes).await.map_err(unfinished)?;
        let mut finish = serde_json::Map::new();
        finish.insert("host_id".into(), host);
        if let Some(id) = created.id {
            finish.insert("id".into(), id.into());
        }
        self.call(drive::FILE_FINISH_UPLOAD.request().with_body(Value::Object(finish)), false).await
    }

    /// The `PUT` of a file's bytes to its pre-signed URL (`put` of js/iotum.js).
    async fn put(&self, upload_url: &str, bytes: Vec<u8>) -> Result<(), Error> {
        let lower = upload_url.trim().to_ascii_lowercase();
        let host = ["https://", "http://"].iter().find_map(|s| lower.strip_prefix(s));
        if host.is_none_or(|rest| rest.starts_with(['/', '?', '#']) || rest.is_empty()) {
            return Err(Error::decode(Some(200), "drive/create answered no usable upload_url"));
        }
        let http = HttpRequest {
            method: Method::Put,
            url: upload_url.trim().to_owned(),
            headers: vec![("Content-Type", "application/octet-stream".to_owned())],
            body: HttpBody::Bytes(bytes),
            timeout: self.timeout,
        };
        self.attempts(http, MAX_ATTEMPTS, answer::read_upload).await.map(drop)
    }

    /// Every scheduled conference of a host, page after page (`conference/fetch_all`, following
    /// `next_page`), fetched as the stream is polled; a failure is the last item, and so is a
    /// cursor the server gave twice (a `decode` error rather than a loop).
    ///
    /// Read: each page is repeated (up to 3 attempts) after a timeout, a network error or a 5xx.
    ///
    /// # Example
    ///
    /// ```no_run,ignore-wasm32
    /// # use ucaas_client::client::{IotumClient, Transport};
    /// # async fn example(client: &IotumClient<impl Transport>) -> Result<(), ucaas_client::Error> {
    /// use futures_util::StreamExt;
    /// let mut all = std::pin::pin!(client.conferences(&serde_json::json!({ "host_id": 9 })));
    /// while let Some(conference) = all.next().await {
    ///     println!("{:?}", conference?.subject);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn conferences<Q: Tree>(&self, query: &Q) -> impl Stream<Item = Result<Conference, Error>> + '_ {
        self.cursor_pages::<ConferencePage>(conference::fetch_all(query))
    }

    /// Every past conference of a host, page after page (`host/conferences`, following
    /// `next_page`), as [`conferences`](Self::conferences).
    ///
    /// Read: each page is repeated (up to 3 attempts) after a timeout, a network error or a 5xx.
    ///
    /// # Example
    ///
    /// ```no_run,ignore-wasm32
    /// # use ucaas_client::client::{IotumClient, Transport};
    /// # async fn example(client: &IotumClient<impl Transport>) -> Result<(), ucaas_client::Error> {
    /// use futures_util::StreamExt;
    /// let mut past = std::pin::pin!(client.past_conferences(&serde_json::json!({ "host_id": 9, "time_zone": "UTC" })));
    /// while let Some(conference) = past.next().await {
    ///     println!("{:?}", conference?.conference_id);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn past_conferences<Q: Tree>(&self, query: &Q) -> impl Stream<Item = Result<PastConference, Error>> + '_ {
        self.cursor_pages::<PastConferencePage>(host::conferences(query))
    }

    /// The items of every page from the `first` request on: the same request with `page` = the
    /// answer's `next_page` while there is one; a cursor seen before ends it with an error.
    fn cursor_pages<P: CursorPage>(
        &self,
        first: Result<Request<Value>, Error>,
    ) -> impl Stream<Item = Result<P::Item, Error>> + '_ {
        struct State<I> {
            next: Option<Result<Request<Value>, Error>>,
            buffered: std::vec::IntoIter<I>,
            seen: Vec<String>,
        }
        let start = State { next: Some(first), buffered: Vec::new().into_iter(), seen: Vec::new() };
        stream::unfold(start, move |mut state| async move {
            loop {
                if let Some(item) = state.buffered.next() {
                    return Some((Ok(item), state));
                }
                let req = match state.next.take()? {
                    Ok(req) => req,
                    Err(e) => return Some((Err(e), state)),
                };
                let page: P = match self.call(req.clone(), true).await {
                    Ok(page) => page,
                    Err(e) => return Some((Err(e), state)),
                };
                let (items, next) = page.into_parts();
                state.buffered = items.into_iter();
                match next.filter(|n| !n.is_empty()) {
                    None => {}
                    Some(cursor) if state.seen.contains(&cursor) => {
                        let shown: String = cursor.chars().take(40).collect();
                        let e = Error::decode(Some(200), format!("The server gave the page cursor \"{shown}\" twice"));
                        state.next = Some(Err(e));
                    }
                    Some(cursor) => {
                        let mut next = req;
                        if let Some(Value::Object(body)) = next.body.as_mut() {
                            body.insert("page".into(), cursor.clone().into());
                        }
                        state.seen.push(cursor);
                        state.next = Some(Ok(next));
                    }
                }
            }
        })
    }
}
