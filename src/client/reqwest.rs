//! The native transport (feature `reqwest`): servers and tools on tokio.

use super::{HttpBody, HttpRequest, HttpResponse, Multipart, Transport, TransportError};
use crate::api::Method;
use std::future::Future;
use std::time::Duration;

/// A [`Transport`] over a [`reqwest::Client`] (connection pool, proxy and TLS as that client
/// was built), waiting on tokio's timer. Needs a tokio runtime with its timer enabled.
///
/// ```no_run
/// use ucaas_client::client::{Auth, Client, ReqwestTransport};
/// let http = reqwest::Client::builder().user_agent("provisioning/1.0").build().unwrap();
/// let client = Client::new(ReqwestTransport::with_client(http), "https://api.enablex.io/ucaas/v1", Auth::basic("app", "key"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ReqwestTransport {
    http: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with a default `reqwest::Client`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A transport over your own `reqwest::Client`.
    pub fn with_client(http: reqwest::Client) -> Self {
        ReqwestTransport { http }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
            Method::Put => reqwest::Method::PUT,
        };
        let mut builder = self.http.request(method, &request.url).timeout(request.timeout);
        for (k, v) in &request.headers {
            builder = builder.header(*k, v);
        }
        builder = match request.body {
            HttpBody::Empty => builder,
            HttpBody::Json(text) => builder.body(text),
            HttpBody::Bytes(bytes) => builder.body(bytes),
            HttpBody::Form(form) => builder.multipart(multipart(form)),
        };
        async move {
            let failed = |e: reqwest::Error| {
                if e.is_timeout() {
                    TransportError::Timeout
                } else {
                    // Without the URL: reqwest's text names it, and the caller knows it.
                    TransportError::Network(e.without_url().to_string())
                }
            };
            let response = builder.send().await.map_err(failed)?;
            let status = response.status().as_u16();
            let body = response.text().await.map_err(failed)?;
            Ok(HttpResponse { status, body })
        }
    }

    fn wait(&self, pause: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(pause)
    }
}

/// reqwest's form of a [`Multipart`].
fn multipart(form: Multipart) -> reqwest::multipart::Form {
    let texts = form.fields.into_iter().fold(reqwest::multipart::Form::new(), |f, (k, v)| f.text(k, v));
    form.files.into_iter().fold(texts, |f, (name, file)| {
        // The client checked the content type as a media type; should reqwest's parser still
        // refuse it (it consumes the part when it does: hence the empty probe), the file goes
        // as `application/octet-stream` rather than not at all.
        let typed = reqwest::multipart::Part::bytes(Vec::new()).mime_str(&file.content_type).is_ok();
        let content_type = if typed { file.content_type.as_str() } else { "application/octet-stream" };
        let part = reqwest::multipart::Part::bytes(file.bytes).file_name(file.file_name);
        f.part(name, part.mime_str(content_type).expect("a media type reqwest parsed"))
    })
}
