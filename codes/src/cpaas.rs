//! The result codes of the EnableX CPaaS project API (`https://api.enablex.io/cpaas/projects`), a
//! numbering of its own: the same number can mean something else in the UCaaS table (CPaaS 1105 is
//! "Invalid order_qualify. …", UCaaS 1105 an e-mail check), so they live apart from
//! [`crate::TABLE`]. Generated from `cpaas-projects-api.txt` by `scripts/gen-codes.py`;
//! `tests/against_docs.rs` checks it still matches.
//!
//! ```
//! assert_eq!(ucaas_codes::cpaas::message(1007), Some("Invalid App ID."));
//! assert_eq!(ucaas_codes::cpaas::message(2107), None);
//! let c = ucaas_codes::cpaas_code!(1009);
//! assert_eq!(c.text, "Services.incl not given. At least one service must be included.");
//! ```

use crate::Code;

pub use crate::cpaas_table::TABLE;

/// The documented text of CPaaS `code`, if the document lists it.
pub fn message(code: u32) -> Option<&'static str> {
    TABLE.binary_search_by_key(&code, |(c, _)| *c).ok().map(|i| TABLE[i].1)
}

/// The documented CPaaS code `number`; panics if the document doesn't list it, which in the
/// `const` context of [`cpaas_code!`](crate::cpaas_code) is a compile error.
pub const fn code(number: u32) -> Code {
    match crate::find(TABLE, number) {
        Some(code) => code,
        None => panic!("not a documented CPaaS result code (see ucaas_codes::cpaas::TABLE)"),
    }
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
        assert_eq!(crate::cpaas_code!(1007), Code { number: 1007, text: "Invalid App ID." });
        assert_eq!(code(1105).text, "Invalid order_qualify. Enumerated Data: asc, desc.");
        // The same number, another table.
        assert_ne!(code(1105).text, crate::code(1105).text);
    }

    #[test]
    fn looks_up_known_and_unknown_codes() {
        assert_eq!(message(1111), Some("Sub-Domain name already in use."));
        assert_eq!(message(1009), Some("Services.incl not given. At least one service must be included."));
        assert_eq!(message(2107), None);
    }
}
