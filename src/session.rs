//! The signed-in session as JavaScript sees it. The session's rules (the stored envelope, expiry,
//! which login or answer may change the session, which client may remove a stored envelope)
//! live in `js/session.js` and nowhere else; docs/decisions.md ("Session rules") says why.

use crate::api::auth::User;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// A signed-in session (`client.session()`, the result of `login`): the token stays inside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct Session {
    /// The signed-in user (absent if the server answered the login with a token only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user: Option<User>,
    /// When the token expires, in milliseconds since the Unix epoch (`new Date(expires_at)`).
    pub expires_at: f64,
}
