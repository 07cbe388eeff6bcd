//! The inputs of the Iotum API as field tables. One list per input (`iotum_input!`) gives its
//! TypeScript declaration and the rules its JSON body is built by ([`body`]): the Iotum document
//! has no validation codes, so a refused field is `Error::invalid(field, …)` with a sentence.
//!
//! Inputs are strict: a key the input does not list is refused (a typo such as `subjet` would
//! otherwise be dropped without a word), and every listed value is checked by its [`Kind`]
//! before the request is built.

use crate::error::Error;
use crate::loose::Loose;
use crate::shape::Tree;
use serde_json::{Map, Value};

/// What a field holds, and how it is written into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string, trimmed; a required one is not blank.
    Text,
    /// An id: a whole number ≥ 0, or its digits as a string (the document writes both,
    /// `"company_id": 5` and `"company_id": "12345"`); always sent as a number.
    Id,
    /// A whole number ≥ 1 (minutes, host limits), sent as a number.
    Positive,
    /// A boolean.
    Flag,
    /// An array of ids, each sent as a number.
    Ids,
    /// An array of strings.
    Texts,
    /// An email address.
    Email,
    /// An IANA time zone name (`America/Toronto`, `UTC`).
    Zone,
    /// A moment: a JS `Date`, written as the wall time in the input's `time_zone` (UTC when the
    /// input has none, and then `time_zone: "UTC"` is sent with it), or the document's
    /// `"YYYY-MM-DD HH:MM:SS"` wall time as given (`HH:MM` without seconds is completed).
    Time,
    /// A day: a `Date` (its day in the input's `time_zone`, else UTC) or `"YYYY-MM-DD"`.
    Day,
    /// One of the listed strings.
    OneOf(&'static [&'static str]),
    /// An object, passed on as given.
    Object,
    /// An array of objects, passed on as given.
    Objects,
    /// An id, or `null` sent as `null` (`switch_plan`: null and absent mean different things).
    NullableId,
    /// A CSS hex color, `#rgb` or `#rrggbb`.
    Color,
}

/// One field of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The key, as on the wire.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether the input must have it (the document: "Unless otherwise indicated, all request
    /// Input parameters are required").
    pub required: bool,
}

/// The TypeScript type of a kind (`iotum_input!` writes the declaration with it).
macro_rules! iotum_ts {
    (Text) => { "string" };
    (Id) => { "number | string" };
    (Positive) => { "number" };
    (Flag) => { "boolean" };
    (Ids) => { "number[]" };
    (Texts) => { "string[]" };
    (Email) => { "string" };
    (Zone) => { "string" };
    (Time) => { "Date | string" };
    (Day) => { "Date | string" };
    (NullableId) => { "number | null" };
    (Color) => { "string" };
    (OneOf($first:literal $(, $rest:literal)*)) => { concat!("\"", $first, "\"" $(, " | \"", $rest, "\"")*) };
    (Object($ts:literal)) => { $ts };
    (Objects($ts:literal)) => { $ts };
}

/// The [`Kind`] value of a kind as `iotum_input!` writes it.
macro_rules! iotum_kind {
    (OneOf($($s:literal),+)) => { $crate::api::iotum::fields::Kind::OneOf(&[$($s),+]) };
    (Object($ts:literal)) => { $crate::api::iotum::fields::Kind::Object };
    (Objects($ts:literal)) => { $crate::api::iotum::fields::Kind::Objects };
    ($kind:ident) => { $crate::api::iotum::fields::Kind::$kind };
}

/// An Iotum input, from one list: a type named as its TypeScript declaration, its field table
/// (`FIELDS`), its declaration (`DECL`, in the package's `.d.ts`) and `body`, the JSON body of a
/// caller's object. A field is `name: Kind` (required) or `name: Kind optional`; `OneOf("a",
/// "b")` lists its strings, `Object("ts type")` / `Objects("ts type")` give the TypeScript type
/// of what is passed on.
macro_rules! iotum_input {
    ($(#[doc = $doc:literal])* $name:ident {
        $($(#[doc = $fdoc:literal])* $field:ident : $kind:ident $(($($arg:tt)*))? $($optional:ident)?),* $(,)?
    }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;

        impl $name {
            /// The fields, as the body is built by them.
            pub const FIELDS: &'static [$crate::api::iotum::fields::Rule] = &[$(
                $crate::api::iotum::fields::Rule {
                    name: stringify!($field),
                    kind: iotum_kind!($kind $(($($arg)*))?),
                    required: iotum_input!(@required $($optional)?),
                },
            )*];

            /// The TypeScript declaration.
            pub const DECL: &'static str = concat!(
                "/**" $(, $doc)* , " */\nexport interface ", stringify!($name), " {\n",
                $("  /**" $(, $fdoc)* , " */\n  ", stringify!($field), iotum_input!(@mark $($optional)?), ": ",
                    iotum_ts!($kind $(($($arg)*))?), ";\n",)*
                "}"
            );

            /// The JSON body of `input` (an object), every field checked by its kind.
            pub fn body<T: $crate::shape::Tree>(input: &T) -> Result<serde_json::Value, $crate::Error> {
                $crate::api::iotum::fields::body(input, stringify!($name), Self::FIELDS)
            }
        }

        #[cfg(all(target_arch = "wasm32", feature = "server"))]
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const DECL: &'static str = $name::DECL;
        };
    };
    (@required) => { true };
    (@required optional) => { false };
    (@mark) => { "" };
    (@mark optional) => { "?" };
}

/// The JSON body of `input` by `rules`: every key of the input must be listed, every required
/// field present, every value of its kind. `input_name` names the input in the error of an
/// unknown key.
pub fn body<T: Tree>(input: &T, input_name: &'static str, rules: &'static [Rule]) -> Result<Value, Error> {
    let Some(entries) = input.entries() else {
        return Err(Error::invalid("input", "The input must be an object."));
    };
    if let Some((key, _)) = entries.iter().find(|(k, _)| !rules.iter().any(|r| r.name == k.as_str())) {
        return Err(Error::invalid("input", format!("{input_name} has no field \"{}\".", printable(key))));
    }
    let zone = zone_of(input)?;
    let mut out = Map::new();
    for rule in rules {
        if rule.kind == Kind::NullableId && input.is_null_at(rule.name) {
            out.insert(rule.name.to_owned(), Value::Null);
            continue;
        }
        let Some(v) = input.get(rule.name) else {
            if rule.required {
                return Err(Error::invalid(rule.name, format!("{} is required.", rule.name)));
            }
            continue;
        };
        let value = field(&v, rule, zone.as_deref())?;
        if let Some(value) = value {
            out.insert(rule.name.to_owned(), value);
        } else if rule.required {
            return Err(Error::invalid(rule.name, format!("{} is required.", rule.name)));
        }
    }
    // A `Date` written in UTC for an input without a zone: say which zone it is in.
    let wrote_date = rules.iter().any(|r| matches!(r.kind, Kind::Time) && input.get(r.name).is_some_and(|v| v.date_ms().is_some()));
    if wrote_date && zone.is_none() && rules.iter().any(|r| r.name == "time_zone") {
        out.insert("time_zone".to_owned(), Value::from("UTC"));
    }
    Ok(Value::Object(out))
}

/// A key for an error message: at most 40 characters, control characters replaced.
fn printable(key: &str) -> String {
    key.chars().take(40).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect()
}

/// The input's `time_zone`, if it has one (checked), which its `Date`s are written in.
fn zone_of<T: Tree>(input: &T) -> Result<Option<String>, Error> {
    match input.get("time_zone").map(|v| v.scalar()) {
        None => Ok(None),
        Some(Loose::Str(s)) if is_zone(s.trim()) => Ok(Some(s.trim().to_owned())),
        Some(_) => Err(zone_error()),
    }
}

fn zone_error() -> Error {
    Error::invalid("time_zone", "time_zone must be an IANA time zone name, e.g. \"America/Toronto\" or \"UTC\".")
}

/// An IANA zone name's form: ASCII letters, digits, `_ + -` in `/`-separated parts, 1 to 64
/// characters, starting with a letter. (Whether the zone exists is the server's to say; a `Date`
/// is written by the platform's time zone data, which refuses an unknown one.)
pub fn is_zone(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-' | b'/'))
        && !s.contains("//")
        && !s.ends_with('/')
}

/// One field's value, or `None` for a blank optional text.
fn field<T: Tree>(v: &T, rule: &Rule, zone: Option<&str>) -> Result<Option<Value>, Error> {
    let name = rule.name;
    let fail = |what: &str| Error::invalid(name, format!("{name} must be {what}."));
    let text = || match v.scalar() {
        Loose::Str(s) => Ok(s.trim().to_owned()),
        _ => Err(fail("a string")),
    };
    Ok(Some(match rule.kind {
        Kind::Text => {
            let t = text()?;
            if t.is_empty() {
                return Ok(None);
            }
            Value::String(t)
        }
        Kind::Id | Kind::NullableId => Value::from(id(&v.scalar()).ok_or_else(|| fail("an id (a whole number)"))?),
        Kind::Positive => match v.scalar() {
            Loose::Num(n) if n.fract() == 0.0 && (1.0..9e15).contains(&n) => Value::from(n as i64),
            _ => return Err(fail("a whole number of at least 1")),
        },
        Kind::Flag => match v.scalar() {
            Loose::Bool(b) => Value::Bool(b),
            _ => return Err(fail("true or false")),
        },
        Kind::Ids => {
            let items = v.items().ok_or_else(|| fail("an array of ids"))?;
            let ids: Option<Vec<Value>> = items.iter().map(|i| id(&i.scalar()).map(Value::from)).collect();
            Value::Array(ids.ok_or_else(|| fail("an array of ids (whole numbers)"))?)
        }
        Kind::Texts => {
            let items = v.items().ok_or_else(|| fail("an array of strings"))?;
            let texts: Option<Vec<Value>> = items.iter().map(|i| i.scalar().as_str().map(Value::from)).collect();
            Value::Array(texts.ok_or_else(|| fail("an array of strings"))?)
        }
        Kind::Email => {
            let t = text()?;
            crate::validate::email(&t, name, None)?;
            Value::String(t)
        }
        Kind::Zone => {
            let t = text()?;
            if !is_zone(&t) {
                return Err(zone_error());
            }
            Value::String(t)
        }
        Kind::Time => Value::String(moment(v, zone).ok_or_else(|| fail("a Date or \"YYYY-MM-DD HH:MM:SS\""))??),
        Kind::Day => Value::String(day(v, zone).ok_or_else(|| fail("a Date or \"YYYY-MM-DD\""))??),
        Kind::OneOf(allowed) => {
            let t = text()?;
            if !allowed.contains(&t.as_str()) {
                return Err(fail(&format!("one of {}", allowed.join(", "))));
            }
            Value::String(t)
        }
        Kind::Object if v.is_object() && v.date_ms().is_none() => crate::api::json_of(v),
        Kind::Object => return Err(fail("an object")),
        Kind::Objects => match v.items() {
            Some(items) if items.iter().all(Tree::is_object) => crate::api::json_of(v),
            _ => return Err(fail("an array of objects")),
        },
        Kind::Color => {
            let t = text()?;
            let hex = t.strip_prefix('#').unwrap_or("");
            if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return Err(fail("a CSS hex color such as \"#00ff00\""));
            }
            Value::String(t)
        }
    }))
}

/// A whole number ≥ 0, or its digits as text.
fn id(v: &Loose) -> Option<i64> {
    match v {
        Loose::Num(n) if n.fract() == 0.0 && (0.0..9e15).contains(n) => Some(*n as i64),
        Loose::Str(s) if !s.trim().is_empty() && s.trim().bytes().all(|c| c.is_ascii_digit()) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A `Time` field: `None` when it is neither a `Date` nor text; `Some(Err)` for a `Date` the
/// zone cannot write (invalid, or an unknown zone).
fn moment<T: Tree>(v: &T, zone: Option<&str>) -> Option<Result<String, Error>> {
    if let Some(ms) = v.date_ms() {
        return Some(wall_time(ms, zone.unwrap_or("UTC")));
    }
    let t = v.scalar().as_str()?.trim().to_owned();
    // "YYYY-MM-DD HH:MM" is completed with ":00"; a "T" between day and time is read as the space.
    let mut t = t.replacen('T', " ", 1);
    if t.len() == 16 {
        t.push_str(":00");
    }
    ucaas_codes::time::parse(&t).map(|_| Ok(t))
}

/// A `Day` field (see [`moment`]).
fn day<T: Tree>(v: &T, zone: Option<&str>) -> Option<Result<String, Error>> {
    if let Some(ms) = v.date_ms() {
        return Some(wall_time(ms, zone.unwrap_or("UTC")).map(|t| t[..10].to_owned()));
    }
    let t = v.scalar().as_str()?.trim().to_owned();
    ucaas_codes::time::parse(&format!("{t} 00:00:00")).map(|_| Ok(t))
}

/// A `Date`'s wall time in `zone`, `YYYY-MM-DD HH:MM:SS`. In the package the platform's time zone
/// data writes it (`Intl`, js/iotum.js `wallTime`); natively (no `Date`s there, only in tests)
/// UTC alone.
fn wall_time(ms: f64, zone: &str) -> Result<String, Error> {
    if !ms.is_finite() {
        return Err(Error::invalid("start", "The Date is invalid."));
    }
    #[cfg(all(target_arch = "wasm32", feature = "server"))]
    {
        crate::wasm::js::wall_time(ms, zone).ok_or_else(zone_error)
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "server")))]
    {
        if zone == "UTC" || zone == "Etc/UTC" {
            Ok(ucaas_codes::time::format((ms / 1000.0).floor() as i64))
        } else {
            Err(zone_error())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    iotum_input!(
        /// A test input.
        Sample {
            /// A name.
            name: Text,
            /// An id.
            company_id: Id,
            /// Minutes.
            duration: Positive optional,
            /// Colors.
            primary_color: Color optional,
            /// A choice.
            mode: OneOf("a", "b") optional,
            /// A zone.
            time_zone: Zone optional,
            /// A start.
            start: Time optional,
            /// Null or an id.
            switch_plan: NullableId optional,
            /// Things.
            extra: Object("{ a?: number }") optional,
        }
    );

    fn body(v: Value) -> Result<Value, Error> {
        Sample::body(&v)
    }

    #[test]
    fn a_body_is_the_checked_fields_with_ids_as_numbers() {
        let b = body(json!({"name": " Joe ", "company_id": "12", "duration": 60, "mode": "b"})).unwrap();
        assert_eq!(b, json!({"name": "Joe", "company_id": 12, "duration": 60, "mode": "b"}));
    }

    #[test]
    fn every_kind_refuses_what_it_does_not_hold() {
        let field = |v: Value| body(v).unwrap_err().field;
        let base = || json!({"name": "a", "company_id": 1});
        let with = |k: &str, v: Value| {
            let mut b = base();
            b[k] = v;
            b
        };
        assert_eq!(field(json!({"company_id": 1})), Some("name"));
        assert_eq!(field(json!({"name": " ", "company_id": 1})), Some("name"), "a blank required text");
        assert_eq!(field(with("company_id", json!(-1))), Some("company_id"));
        assert_eq!(field(with("company_id", json!("1e3"))), Some("company_id"));
        assert_eq!(field(with("duration", json!(0))), Some("duration"));
        assert_eq!(field(with("duration", json!(1.5))), Some("duration"));
        assert_eq!(field(with("primary_color", json!("green"))), Some("primary_color"));
        assert_eq!(field(with("mode", json!("c"))), Some("mode"));
        assert_eq!(field(with("time_zone", json!("Not a zone"))), Some("time_zone"));
        assert_eq!(field(with("start", json!("2020-13-01 00:00:00"))), Some("start"));
        assert_eq!(field(with("extra", json!([1]))), Some("extra"));
        assert_eq!(field(with("subjet", json!("x"))), Some("input"), "an unknown key");
    }

    #[test]
    fn times_are_the_documents_wall_time_and_null_is_kept_where_it_means_something() {
        let b = body(json!({"name": "a", "company_id": 1, "start": "2020-09-19T13:00", "switch_plan": null})).unwrap();
        assert_eq!(b["start"], "2020-09-19 13:00:00");
        assert_eq!(b.get("switch_plan"), Some(&Value::Null));
        assert!(body(json!({"name": "a", "company_id": 1})).unwrap().get("switch_plan").is_none());
    }

    #[test]
    fn the_declaration_lists_every_field_with_its_type() {
        assert!(Sample::DECL.contains("export interface Sample {"), "{}", Sample::DECL);
        assert!(Sample::DECL.contains("  name: string;"));
        assert!(Sample::DECL.contains("  duration?: number;"));
        assert!(Sample::DECL.contains("  mode?: \"a\" | \"b\";"));
        assert!(Sample::DECL.contains("  extra?: { a?: number };"));
        assert!(Sample::DECL.contains("  start?: Date | string;"));
    }

    #[test]
    fn zone_names_have_the_iana_form() {
        for ok in ["UTC", "America/Toronto", "America/Argentina/Buenos_Aires", "Etc/GMT+5"] {
            assert!(is_zone(ok), "{ok}");
        }
        for bad in ["", "/UTC", "America/", "Europe//Paris", "Paris time", "1UTC"] {
            assert!(!is_zone(bad), "{bad}");
        }
    }
}
