//! The stored session: a versioned envelope, and the clock rules around its expiry.
//!
//! Pure logic, tested natively; `crate::wasm::storage` reads and writes the JSON text.

use crate::api::auth::User;
use crate::shape::{opt, req, Field, Kind::*, Shaped};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Version of the stored envelope. A stored value of another version is treated as signed out.
pub const ENVELOPE_VERSION: u32 = 1;
/// A token counts as expired this long before its expiry, so a call never races it.
pub const EXPIRY_SKEW_MS: i64 = 60_000;
/// `expiring` is emitted this long before the token counts as expired.
pub const EXPIRING_LEAD_MS: i64 = 120_000;

/// A signed-in session, as JavaScript sees it (`client.session()`): the token stays inside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct Session {
    /// The signed-in user (absent if the server answered the login with a token only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub user: Option<User>,
    /// When the token expires, in milliseconds since the Unix epoch (`new Date(expires_at)`).
    pub expires_at: f64,
}

/// What is kept in storage under the storage key. `U` is the user: [`User`] in Rust, the
/// decoded JS object in the wasm build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<U = Option<User>> {
    /// [`ENVELOPE_VERSION`].
    pub v: u32,
    /// The API's access token.
    pub token: String,
    /// The signed-in user.
    pub user: U,
    /// Expiry, ms since the epoch.
    pub expires_at: f64,
}

impl Shaped for Envelope {
    const SHAPE: &'static [Field] =
        &[req("v", Count), req("token", Text), opt("user", Object(User::SHAPE)), req("expires_at", Number)];
}

/// Where a session stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Usable.
    Fresh,
    /// Usable, but within [`EXPIRING_LEAD_MS`] of counting as expired.
    Expiring,
    /// Not usable: within [`EXPIRY_SKEW_MS`] of its expiry, or past it.
    Expired,
}

impl<U: Clone> Envelope<U> {
    /// A new session for `token` and `user`, living `ttl_seconds` from `now_ms`.
    pub fn new(token: String, user: U, now_ms: f64, ttl_seconds: u32) -> Self {
        Self { v: ENVELOPE_VERSION, token, user, expires_at: now_ms + f64::from(ttl_seconds) * 1000.0 }
    }

    /// Reads a stored envelope. Anything else (not JSON, another shape, another version, an
    /// empty token, a non-finite expiry) is `None`: the caller removes it and is signed out.
    pub fn parse_with<E>(read: impl FnOnce() -> Result<Self, E>) -> Option<Self> {
        read().ok().filter(Self::is_current)
    }

    /// Whether a decoded envelope is one this version reads: right version, a token, an expiry.
    pub fn is_current(&self) -> bool {
        self.v == ENVELOPE_VERSION && !self.token.is_empty() && self.expires_at.is_finite()
    }

    /// Where the session stands at `now_ms`.
    pub fn phase(&self, now_ms: f64) -> Phase {
        let expired_at = self.expires_at - EXPIRY_SKEW_MS as f64;
        if now_ms >= expired_at {
            Phase::Expired
        } else if now_ms >= expired_at - EXPIRING_LEAD_MS as f64 {
            Phase::Expiring
        } else {
            Phase::Fresh
        }
    }

    /// Milliseconds from `now_ms` until the next phase change, if one is ahead.
    pub fn next_change_in(&self, now_ms: f64) -> Option<f64> {
        let expired_at = self.expires_at - EXPIRY_SKEW_MS as f64;
        let expiring_at = expired_at - EXPIRING_LEAD_MS as f64;
        [expiring_at, expired_at].into_iter().find(|t| *t > now_ms).map(|t| t - now_ms)
    }
}

/// The storage key for an API id: one session per application, so two apps on one origin do
/// not sign each other out.
pub fn storage_key(prefix: &str, api_id: &str) -> String {
    format!("{prefix}:{api_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(expires_at: f64) -> Envelope {
        Envelope { v: 1, token: "t".into(), user: Some(User { user_id: "u".into(), ..Default::default() }), expires_at }
    }

    fn parse(json: &str) -> Option<Envelope> {
        Envelope::parse_with(|| serde_json::from_str(json))
    }

    #[test]
    fn phases_follow_the_clock() {
        let e = env(1_000_000.0);
        assert_eq!(e.phase(0.0), Phase::Fresh);
        assert_eq!(e.phase(1_000_000.0 - 60_000.0 - 120_000.0), Phase::Expiring);
        assert_eq!(e.phase(1_000_000.0 - 60_000.0 - 1.0), Phase::Expiring);
        assert_eq!(e.phase(1_000_000.0 - 60_000.0), Phase::Expired);
        assert_eq!(e.next_change_in(0.0), Some(820_000.0));
        assert_eq!(e.next_change_in(900_000.0), Some(40_000.0));
        assert_eq!(e.next_change_in(950_000.0), None);
    }

    #[test]
    fn new_sessions_live_their_ttl() {
        let e: Envelope = Envelope::new("t".into(), None, 1000.0, 900);
        assert_eq!(e.expires_at, 901_000.0);
        assert_eq!(e.v, ENVELOPE_VERSION);
    }

    #[test]
    fn round_trips_and_rejects_everything_else() {
        let e = env(5.0);
        assert_eq!(parse(&serde_json::to_string(&e).unwrap()), Some(e));
        for bad in [
            "",
            "{",
            "null",
            "[]",
            r#"{"v":2,"token":"t","user":{"user_id":"u"},"expires_at":5}"#,
            r#"{"v":1,"token":"","user":{"user_id":"u"},"expires_at":5}"#,
            r#"{"v":1,"token":"t","user":"u","expires_at":5}"#,
            r#"{"v":1,"token":"t","user":{"user_id":"u"},"expires_at":"soon"}"#,
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn shape_agrees_with_deserialize() {
        let e = env(5.5);
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(crate::shape::decode(&v, <Envelope as Shaped>::SHAPE).unwrap(), v);
        let no_expiry = serde_json::json!({"v": 1, "token": "t", "user": {"user_id": "u"}});
        assert!(crate::shape::decode(&no_expiry, <Envelope as Shaped>::SHAPE).is_err());
        let no_user = serde_json::json!({"v": 1, "token": "t", "expires_at": 5});
        assert_eq!(crate::shape::decode(&no_user, <Envelope as Shaped>::SHAPE).unwrap(), no_user);
    }

    #[test]
    fn keys_are_namespaced_by_api_id() {
        assert_eq!(storage_key("ucaas.session", "demo-app"), "ucaas.session:demo-app");
    }
}
