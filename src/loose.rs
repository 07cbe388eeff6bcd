//! Tolerant decoding, for values the API docs show in more than one form.
//!
//! The docs write numbers as `"10"`, booleans as `"true"`, `result` as `1` or `"1"`, and their
//! examples even carry placeholders (`"Number"`, `"Boolean"`). Fields that use these helpers accept
//! every such form; a value that cannot be read as the field's type (a placeholder, an empty
//! string, an object) becomes *absent* rather than failing the whole answer. `docs/api-notes.md`
//! lists where this applies. These `Deserialize` impls are the native reading (`serde_json`); the
//! wasm build reads answers by the shape tables of `crate::shape`, which apply the same rules
//! (`tests/doc_examples.rs` and the `api` tests hold the two together).

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
    // A deserializer may hand byte arrays here; nothing in the API uses them.
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

/// `deserialize_with` for `Option<f64>`: see [`Loose::as_number`]; anything else is absent.
pub fn opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Loose::deserialize(d)?.as_number())
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

/// `deserialize_with` of a list of whole numbers (items that are not dropped; a lone number is a
/// one-item list): [`crate::shape::Kind::Ints`]'s rule.
pub fn opt_ints<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::List(items) => Some(items.iter().filter_map(Loose::as_int).collect()),
        n @ Loose::Num(_) | n @ Loose::Str(_) => n.as_int().map(|n| vec![n]),
        _ => None,
    })
}

/// A nested value read only from an object: any other JSON value (an array, a string, a number,
/// a boolean, `null`) is `IfObject(None)` — the rule of [`crate::shape`] for the kinds `Object`,
/// `Entries` and `Pairs`, so that a PHP server's `[]` for an empty map is absent, not an error.
/// What the object holds is still decoded strictly by `T` (its errors fail the answer).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IfObject<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IfObject<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_none<E>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_str<E>(self, _: &str) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Option<T>, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData)).map(IfObject)
    }
}

/// A list of objects read only from an array, its items that are not objects skipped (the rule of
/// [`crate::shape`]'s `List`); any other JSON value is `IfArray(None)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IfArray<T>(pub Option<Vec<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IfArray<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Option<Vec<T>>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<T>>, A::Error> {
                let mut out = Vec::new();
                while let Some(IfObject(item)) = seq.next_element::<IfObject<T>>()? {
                    out.extend(item);
                }
                Ok(Some(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Vec<T>>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Vec<T>>, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_none<E>(self) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_unit<E>(self) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_str<E>(self, _: &str) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Option<Vec<T>>, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData)).map(IfArray)
    }
}

/// `deserialize_with` for an optional nested object (`Kind::Object`): see [`IfObject`].
pub fn opt_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Ok(IfObject::deserialize(d)?.0)
}

/// `deserialize_with` for a required nested object: see [`IfObject`]; anything but an object is
/// an error (the answer fails, as by the shape's `req`).
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    IfObject::deserialize(d)?.0.ok_or_else(|| de::Error::custom("expected an object"))
}

/// `deserialize_with` for an `always` nested object: see [`IfObject`]; absent is the default.
pub fn object_or_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(IfObject::deserialize(d)?.0.unwrap_or_default())
}

/// `deserialize_with` for an optional list of objects (`Kind::List`): see [`IfArray`].
pub fn opt_items<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
    Ok(IfArray::deserialize(d)?.0)
}

/// `deserialize_with` for an `always` list of objects: see [`IfArray`]; absent is empty.
pub fn items<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(IfArray::deserialize(d)?.0.unwrap_or_default())
}

/// An object used as a map (`Kind::Entries`, `Kind::Pairs`), in key order; anything else is
/// absent. For `Entries`, take `V = IfObject<Item>` and drop the `None`s (values that are not
/// objects are skipped, as in a list); for `Pairs`, `V = Loose`.
pub fn opt_map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<Option<std::collections::BTreeMap<String, V>>, D::Error> {
    Ok(IfObject::deserialize(d)?.0)
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

    #[derive(Deserialize, Debug, PartialEq, Default)]
    struct Inner {
        #[serde(default, deserialize_with = "opt_u32")]
        n: Option<u32>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Nested {
        #[serde(default, deserialize_with = "opt_object")]
        o: Option<Inner>,
        #[serde(default, deserialize_with = "object_or_default")]
        d: Inner,
        #[serde(default, deserialize_with = "opt_items")]
        l: Option<Vec<Inner>>,
        #[serde(default, deserialize_with = "items")]
        a: Vec<Inner>,
    }

    #[test]
    fn nested_values_of_the_wrong_type_are_absent() {
        let n = |json: &str| serde_json::from_str::<Nested>(json).unwrap();
        let absent = Nested { o: None, d: Inner::default(), l: None, a: vec![] };
        for wrong in ["\"\"", "\"x\"", "0", "1.5", "true", "null"] {
            assert_eq!(n(&format!(r#"{{"o": {wrong}, "d": {wrong}, "l": {wrong}, "a": {wrong}}}"#)), absent, "{wrong}");
        }
        for array in ["[]", "[1]", "[{\"n\": 1}]"] {
            assert_eq!(n(&format!(r#"{{"o": {array}, "d": {array}}}"#)), absent, "{array} where an object belongs");
        }
        assert_eq!(n(r#"{"l": {"n": 1}, "a": {}}"#), absent, "objects where lists belong");
        let v = n(r#"{"o": {"n": "2"}, "d": {}, "l": [{"n": 1}, 5, "x", [], null, {}], "a": {}}"#);
        assert_eq!(v.o, Some(Inner { n: Some(2) }));
        assert_eq!(v.l, Some(vec![Inner { n: Some(1) }, Inner::default()]), "items that are not objects are skipped");
        assert_eq!(v.a, vec![], "an object where a list belongs is absent");
        let map: Option<std::collections::BTreeMap<String, IfObject<Inner>>> =
            opt_map(&mut serde_json::Deserializer::from_str(r#"{"b": {"n": 1}, "a": 3}"#)).unwrap();
        let kept: Vec<_> = map.unwrap().into_iter().filter_map(|(k, v)| Some((k, v.0?))).collect();
        assert_eq!(kept, vec![("b".to_owned(), Inner { n: Some(1) })]);
        assert_eq!(opt_map::<_, Loose>(&mut serde_json::Deserializer::from_str("[]")).unwrap(), None);
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
