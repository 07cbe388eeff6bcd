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
//!
//! The CPaaS project API numbers its codes on its own: [`cpaas`], [`cpaas_code!`].
#![forbid(unsafe_code)]

pub mod cpaas;
mod cpaas_table;
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

/// A documented result code with its documented text, as [`code!`] finds it at compile time.
///
/// Code that reports a code names it with [`code!`], so a program carries the texts of the codes
/// it uses and no others (the table is ~6 KB, a wasm client's budget is tight), and an
/// undocumented code is a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code, as in `result`.
    pub number: u32,
    /// Its documented text.
    pub text: &'static str,
}

impl Code {
    /// No documented code (a check the docs give no code for).
    pub const NONE: Code = Code { number: 0, text: "" };
}

/// The documented code `number`; panics if the docs don't list it, which in the `const` context
/// of [`code!`] is a compile error.
pub const fn code(number: u32) -> Code {
    match find(TABLE, number) {
        Some(code) => code,
        None => panic!("not a documented result code (see ucaas_codes::TABLE)"),
    }
}

/// `number`'s row of a code table, in a `const fn` (the UCaaS table's and the CPaaS one's).
pub(crate) const fn find(table: &[(u32, &'static str)], number: u32) -> Option<Code> {
    let mut i = 0;
    while i < table.len() {
        if table[i].0 == number {
            return Some(Code { number, text: table[i].1 });
        }
        i += 1;
    }
    None
}

/// The documented [`Code`] for a literal, looked up at compile time.
///
/// ```
/// let c = ucaas_codes::code!(2107);
/// assert_eq!((c.number, c.text), (2107, "The PIN must be between 6 to 10 characters."));
/// ```
///
/// An undocumented code does not compile:
///
/// ```compile_fail
/// let c = ucaas_codes::code!(9999);
/// ```
#[macro_export]
macro_rules! code {
    ($number:literal) => {
        const { $crate::code($number) }
    };
}

/// The documented CPaaS [`Code`] for a literal ([`cpaas::TABLE`]), looked up at compile time.
///
/// ```
/// let c = ucaas_codes::cpaas_code!(1007);
/// assert_eq!((c.number, c.text), (1007, "Invalid App ID."));
/// ```
///
/// An undocumented code does not compile:
///
/// ```compile_fail
/// let c = ucaas_codes::cpaas_code!(2107);
/// ```
#[macro_export]
macro_rules! cpaas_code {
    ($number:literal) => {
        const { $crate::cpaas::code($number) }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn codes_carry_their_documented_text() {
        assert_eq!(code!(1611), Code { number: 1611, text: "Meeting Title is reqruied." });
        assert_eq!(code(1000).text, TABLE[0].1);
    }

    #[test]
    fn looks_up_known_and_unknown_codes() {
        assert_eq!(message(1401), Some("App type must be specified."));
        assert_eq!(message(1611), Some("Meeting Title is reqruied."));
        assert_eq!(message(42), None);
    }
}
