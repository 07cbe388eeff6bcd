//! The value rules: `Loose` (src/loose.rs), the wire time (`ucaas_codes::time`, a round trip),
//! `validate`'s UTC parse and format and its text checks. Any bytes.

use ucaas_client::{validate, Loose};
use ucaas_codes::time;

/// The first and the last second `time::format` writes in four digits (0000-01-01 00:00:00,
/// 9999-12-31 23:59:59).
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

/// Checks every value rule on `data`; panics when one breaks.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s = text.as_ref();

    // Wire time: what parses formats back to itself, and every second in range round-trips.
    if let Some(t) = time::parse(s) {
        assert_eq!(time::format(t), s, "time::parse then format");
    }
    let mut eight = [0u8; 8];
    for (i, b) in data.iter().take(8).enumerate() {
        eight[i] = *b;
    }
    let raw = i64::from_le_bytes(eight);
    let t = FIRST + raw.rem_euclid(LAST - FIRST + 1);
    let wire = time::format(t);
    assert_eq!(time::parse(&wire), Some(t), "time::format({t}) = {wire:?} parses back");
    let _ = time::format(raw);

    // UTC in ms: whatever parses is a whole second ≥ 0 and reads back the same.
    if let Some(ms) = validate::parse_utc(s) {
        assert!(ms >= 0 && ms % 1000 == 0, "parse_utc({s:?}) = {ms}");
        assert_eq!(validate::parse_utc(&validate::format_utc(ms)), Some(ms), "format_utc then parse_utc of {s:?}");
    }
    let _ = validate::format_utc(raw);

    // Text checks: never panic.
    let _ = validate::email(s, "email", None);
    let _ = validate::pin(s);
    let _ = validate::url(s, true);
    let _ = validate::url(s, false);
    let _ = ucaas_codes::message(raw as u32);

    // Loose values, from the text as a JSON string and, if it is JSON, as that value.
    loose_rules(&Loose::Str(s.to_owned()));
    if let Ok(v) = serde_json::from_slice::<Loose>(data) {
        loose_rules(&v);
    }
}

/// What `Loose`'s readers promise (src/loose.rs).
fn loose_rules(v: &Loose) {
    if let Some(n) = v.as_int() {
        assert!(n.unsigned_abs() < 9_000_000_000_000_000, "as_int {n} of {v:?}");
        assert_eq!(v.as_number(), Some(n as f64), "as_number agrees with as_int on {v:?}");
    }
    if let Some(x) = v.as_number() {
        assert!(x.is_finite(), "as_number {x} of {v:?}");
    }
    if let Some(t) = v.to_text() {
        assert_eq!(t.trim(), t, "to_text is trimmed: {v:?}");
    }
    if let (Loose::Str(s), Some(b)) = (v, v.as_bool()) {
        let l = s.to_ascii_lowercase();
        assert!(l == "true" || l == "false" || s == "1" || s == "0", "as_bool {b} of {s:?}");
    }
    if let Loose::Str(s) = v {
        assert_eq!(v.as_str(), Some(s.as_str()));
    }
}
