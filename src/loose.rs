//! Tolerant decoding, for values the API docs show in more than one form.
//!
//! The docs write numbers as `"10"`, booleans as `"true"`, `result` as `1` or `"1"`, and their
//! examples even carry placeholders (`"Number"`, `"Boolean"`). Fields that use these helpers accept
//! every such form; a value that cannot be read as the field's type (a placeholder, an empty
//! string, an object) becomes *absent* rather than failing the whole answer. `docs/api-notes.md`
//! lists where this applies. The same `Deserialize` impls run over `serde_json` in native tests
//! and over `serde-wasm-bindgen` in the browser.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Any JSON value, kept loosely: what JavaScript callers pass before validation turns it into a
/// typed request. Objects keep no content (no input field needs one).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Loose {
    /// `null` or `undefined`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// Any number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    List(Vec<Loose>),
    /// An object (its content is dropped).
    Map,
}

impl Loose {
    /// As a whole number, from a number or a string of digits.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            // Beyond 9e15 a double no longer holds every whole number: not read, as in JS.
            Self::Num(n) => (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(*n as i64),
            // Integers only: parsing decimal fractions would link in float parsing for a form
            // nobody sends ("30.0").
            Self::Str(s) => s.trim().parse::<i64>().ok().filter(|n| n.unsigned_abs() < 9_000_000_000_000_000),
            _ => None,
        }
    }

    /// As a boolean, from a boolean, `"true"` / `"false"`, or `1` / `0` (number or string).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            Self::Str(s) if s.eq_ignore_ascii_case("true") || s == "1" => Some(true),
            Self::Str(s) if s.eq_ignore_ascii_case("false") || s == "0" => Some(false),
            Self::Num(n) if *n == 1.0 => Some(true),
            Self::Num(n) if *n == 0.0 => Some(false),
            _ => None,
        }
    }

    /// Whether it is a boolean proper (input validation is strict where reading answers is not).
    pub fn is_bool(&self) -> bool {
        matches!(self, Self::Bool(_))
    }

    /// As text: a string (trimmed: the docs pad some values with a space), a whole number or a
    /// boolean written out. Fractions, `null`, objects and arrays are not text.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Self::Str(s) => Some(s.trim().to_owned()),
            Self::Num(_) => self.as_int().map(|n| n.to_string()),
            Self::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// As any finite number, from a number or a string of digits.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Self::Num(n) => n.is_finite().then_some(*n),
            _ => self.as_int().map(|n| n as f64),
        }
    }

    /// As a string, only if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the caller gave no value (`null`, `undefined` or absent).
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Num(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::Num(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }
    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Map)
    }
    // serde-wasm-bindgen hands byte arrays (typed arrays) here; nothing in the API uses them.
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Loose, E> {
        Ok(Loose::Map)
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

/// `deserialize_with` for `Option<u32>`: a number or numeric string; anything else is absent.
pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(Loose::deserialize(d)?.as_int().and_then(|n| u32::try_from(n).ok()))
}

/// `deserialize_with` for `Option<i64>`: a number or numeric string; anything else is absent.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Loose::deserialize(d)?.as_int())
}

/// `deserialize_with` for `Option<bool>`: a boolean or `"true"`/`"false"`; anything else is absent.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(Loose::deserialize(d)?.as_bool())
}

/// `deserialize_with` for `Option<String>`: see [`Loose::to_text`]; anything else is absent.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Loose::deserialize(d)?.to_text())
}

/// `deserialize_with` for a required `String`: like [`opt_string`], but absent is an error.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_string(d)?.ok_or_else(|| de::Error::custom("expected a string"))
}

/// `deserialize_with` for `Option<Vec<String>>`: an array of strings (non-strings dropped); a lone
/// string is a one-item list; anything else is absent.
pub fn opt_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::List(items) => Some(items.into_iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()),
        Loose::Str(s) => Some(vec![s]),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(default, deserialize_with = "opt_u32")]
        n: Option<u32>,
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn numbers_from_numbers_and_numeric_strings() {
        assert_eq!(t(r#"{"n": 30}"#).n, Some(30));
        assert_eq!(t(r#"{"n": "30"}"#).n, Some(30));
        assert_eq!(t(r#"{"n": " 30 "}"#).n, Some(30));
        assert_eq!(t(r#"{"n": "Number"}"#).n, None);
        assert_eq!(t(r#"{"n": -1}"#).n, None);
        assert_eq!(t(r#"{"n": 1.5}"#).n, None);
        assert_eq!(t(r#"{"n": null}"#).n, None);
        assert_eq!(t(r#"{}"#).n, None);
    }

    #[test]
    fn booleans_from_booleans_and_strings() {
        assert_eq!(t(r#"{"b": true}"#).b, Some(true));
        assert_eq!(t(r#"{"b": "false"}"#).b, Some(false));
        assert_eq!(t(r#"{"b": "0"}"#).b, Some(false));
        assert_eq!(t(r#"{"b": 1}"#).b, Some(true));
        assert_eq!(t(r#"{"b": "Boolean"}"#).b, None);
    }

    #[test]
    fn strings_are_trimmed_and_numbers_written_out() {
        assert_eq!(t(r#"{"s": "2026-01-01 10:00:00 "}"#).s.as_deref(), Some("2026-01-01 10:00:00"));
        assert_eq!(t(r#"{"s": 42}"#).s.as_deref(), Some("42"));
        assert_eq!(t(r#"{"s": 4.5}"#).s, None);
        assert_eq!(t(r#"{"s": {"a": 1}}"#).s, None);
    }

    #[test]
    fn loose_keeps_shape() {
        let v: Loose = serde_json::from_str(r#"[1, "a", null, {"x": [1]}, true]"#).unwrap();
        assert_eq!(
            v,
            Loose::List(vec![Loose::Num(1.0), Loose::Str("a".into()), Loose::Null, Loose::Map, Loose::Bool(true)])
        );
    }
}
