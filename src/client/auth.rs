//! How a [`Client`](super::Client) authenticates.

use crate::error::Error;
use base64::Engine;

/// The credentials a client sends.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// HTTP Basic with the application's API id (the user name) and API key (the password), on
    /// every request, beside `X-Api-Id` — the server build's `UcaasServer` rule. For servers and
    /// tools only: the key is a secret, never in a page. Keep it in a secret store or the
    /// environment.
    Basic {
        /// The API id (also sent as `X-Api-Id`); trimmed, without a colon.
        api_id: String,
        /// The API key; without control characters.
        api_key: String,
    },
}

impl Auth {
    /// [`Auth::Basic`] with the API id (trimmed) and key.
    pub fn basic(api_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        Auth::Basic { api_id: api_id.into().trim().to_owned(), api_key: api_key.into() }
    }

    /// The rules of `basicCredentials` in js/server.js: an id without a colon, a key without
    /// control characters; the message never repeats the key.
    pub(super) fn check(&self) -> Result<(), Error> {
        let Auth::Basic { api_id, api_key } = self;
        if api_id.trim().is_empty() || api_id.contains(':') {
            return Err(Error::invalid("apiId", "apiId is required, without a colon."));
        }
        if api_key.is_empty() || api_key.chars().any(|c| c.is_ascii_control()) {
            return Err(Error::invalid("apiKey", "apiKey is required: a string without control characters."));
        }
        Ok(())
    }

    /// The `X-Api-Id` value.
    pub(super) fn api_id(&self) -> &str {
        let Auth::Basic { api_id, .. } = self;
        api_id
    }

    /// The `Authorization` value.
    pub(super) fn header(&self) -> String {
        let Auth::Basic { api_id, api_key } = self;
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{api_id}:{api_key}"));
        format!("Basic {token}")
    }
}

// By hand: `{:?}` of a client or its credentials never shows the key.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Auth::Basic { api_id, .. } = self;
        f.debug_struct("Basic").field("api_id", api_id).field("api_key", &"<redacted>").finish()
    }
}
