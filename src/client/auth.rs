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
    /// environment. In a page of a `web` build, [`Client::new`](super::Client::new) refuses it
    /// (`Client::with_basic_in_page` is the knowing opt-in).
    Basic {
        /// The API id (also sent as `X-Api-Id`); trimmed, without a colon.
        api_id: String,
        /// The API key; without control characters.
        api_key: String,
    },
    /// A user's session, as the JavaScript client's (feature `web`, `wasm32` only): `X-Api-Id`
    /// on every request, and `Authorization: Token <token>` of the signed-in user on the routes
    /// that need one. [`Client::login`](super::Client::login) signs in; the session is kept by
    /// `js/session.js` in the client's [`SessionStore`](super::SessionStore).
    #[cfg(all(feature = "web", target_arch = "wasm32"))]
    Token {
        /// The application's API id (`X-Api-Id`; the storage key's suffix); trimmed.
        api_id: String,
    },
}

impl Auth {
    /// [`Auth::Basic`] with the API id (trimmed) and key.
    pub fn basic(api_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        Auth::Basic { api_id: api_id.into().trim().to_owned(), api_key: api_key.into() }
    }

    /// [`Auth::Token`] with the API id (trimmed): no secret, a session signed in by
    /// [`Client::login`](super::Client::login).
    #[cfg(all(feature = "web", target_arch = "wasm32"))]
    pub fn token(api_id: impl Into<String>) -> Self {
        Auth::Token { api_id: api_id.into().trim().to_owned() }
    }

    /// The rules of `basicCredentials` in js/server.js: an id without a colon, a key without
    /// control characters; the message never repeats the key. A token client's id: not empty
    /// (the rule of `Host` in js/runtime.js).
    pub(super) fn check(&self) -> Result<(), Error> {
        self.check_as("apiId", "apiKey")
    }

    /// [`Auth::check`] naming the Basic credentials as the caller knows them (`appId`, `appKey`
    /// for a CPaaS project).
    pub(super) fn check_as(&self, id_name: &'static str, secret_name: &'static str) -> Result<(), Error> {
        match self {
            Auth::Basic { api_id, api_key } => {
                if api_id.trim().is_empty() || api_id.contains(':') {
                    return Err(Error::invalid(id_name, format!("{id_name} is required, without a colon.")));
                }
                if api_key.is_empty() || api_key.chars().any(|c| c.is_ascii_control()) {
                    let message = format!("{secret_name} is required: a string without control characters.");
                    return Err(Error::invalid(secret_name, message));
                }
            }
            #[cfg(all(feature = "web", target_arch = "wasm32"))]
            Auth::Token { api_id } => {
                if api_id.is_empty() {
                    return Err(Error::invalid("apiId", "apiId (your application's X-Api-Id) is required."));
                }
            }
        }
        Ok(())
    }

    /// The `X-Api-Id` value.
    pub(super) fn api_id(&self) -> &str {
        match self {
            Auth::Basic { api_id, .. } => api_id,
            #[cfg(all(feature = "web", target_arch = "wasm32"))]
            Auth::Token { api_id } => api_id,
        }
    }

    /// The HTTP Basic `Authorization` value, for a Basic client.
    pub(super) fn basic_header(&self) -> Option<String> {
        match self {
            Auth::Basic { api_id, api_key } => {
                let token = base64::engine::general_purpose::STANDARD.encode(format!("{api_id}:{api_key}"));
                Some(format!("Basic {token}"))
            }
            #[cfg(all(feature = "web", target_arch = "wasm32"))]
            Auth::Token { .. } => None,
        }
    }
}

// By hand: `{:?}` of a client or its credentials never shows the key.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic { api_id, .. } => {
                f.debug_struct("Basic").field("api_id", api_id).field("api_key", &"<redacted>").finish()
            }
            #[cfg(all(feature = "web", target_arch = "wasm32"))]
            Auth::Token { api_id } => f.debug_struct("Token").field("api_id", api_id).finish(),
        }
    }
}
