//! The wire facts of the EnableX UCaaS API v1 that the client and its emulator share: the result
//! codes and their documented texts, in one place, and the timestamp format ([`time`]).
//!
//! `ucaas-client` uses them for its own validation errors (so a client-side error reads exactly
//! like the server's), and `ucaas-emulator` answers with them. The table is generated from the
//! vendor docs by `scripts/gen-codes.py`; `tests/against_docs.rs` checks it still matches.
//!
//! ```
//! assert_eq!(ucaas_codes::message(2107), Some("The PIN must be between 6 to 10 characters."));
//! assert_eq!(ucaas_codes::message(9999), None);
//! ```
#![forbid(unsafe_code)]

mod table;
pub mod time;
pub use table::TABLE;

/// `result` of every successful answer.
pub const SUCCESS: u32 = 1;
/// `result` the docs give for a generic error.
pub const ERROR: u32 = 0;
/// HTTP-like result the overview lists for "Token has expired".
pub const TOKEN_EXPIRED: u32 = 403;
/// The token is not valid (unknown, revoked, malformed).
pub const TOKEN_INVALID: u32 = 1001;
/// The request is invalid (used where no more specific code is documented).
pub const REQUEST_INVALID: u32 = 1002;

/// The documented text of `code`, if the docs list it.
pub fn message(code: u32) -> Option<&'static str> {
    TABLE.binary_search_by_key(&code, |(c, _)| *c).ok().map(|i| TABLE[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn looks_up_known_and_unknown_codes() {
        assert_eq!(message(1401), Some("App type must be specified."));
        assert_eq!(message(1611), Some("Meeting Title is reqruied."));
        assert_eq!(message(42), None);
    }
}
