//! Answer shapes as data, and one walker that decodes any answer by its shape.
//!
//! Why not serde all the way: in the wasm build, a `Deserialize` + `Serialize` pair per answer
//! type (thirty of them) monomorphised over serde-wasm-bindgen was three times the size budget.
//! Here each type's shape is a static table beside the type, and [`decode`] walks a JSON tree
//! by it — over `JsValue` in the browser, over `serde_json::Value` in native tests. The serde
//! derives stay for Rust users and for the tests that prove the two agree: every documented
//! example decodes to the same JSON either way (`tests/doc_examples.rs`), so a table cannot drift
//! from its struct unnoticed.
//!
//! The tolerance rules are [`Loose`]'s, shared with the serde path.

use crate::loose::Loose;

/// How a field is read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string (trimmed); a whole number or boolean is written out.
    Text,
    /// A whole number 0..=u32::MAX, from a number or numeric string.
    Count,
    /// A whole number (may be negative), from a number or numeric string.
    Int,
    /// Any finite number.
    Number,
    /// A boolean, from `true`/`false`, `"true"`/`"false"`, `1`/`0`.
    Flag,
    /// A nested object.
    Object(&'static [Field]),
    /// An array of objects.
    List(&'static [Field]),
    /// An array of strings (non-strings dropped); a lone string is a one-item list.
    Texts,
    /// An object used as a map (`{ "<id>": {...} }`): written as an array of its values, each
    /// decoded by the shape and carrying its key under the given name first.
    Entries(&'static str, &'static [Field]),
    /// An object of scalars (`{ "opt1": 3 }`): written as an array of `{ <key name>: key,
    /// <value name>: value }`, the value read as the given kind (unreadable ones dropped).
    Pairs(&'static str, &'static str, &'static Kind),
    /// An array of whole numbers, each read as [`Kind::Int`] (unreadable items dropped); a lone
    /// number is a one-item list (the Iotum API's id lists: `"hosts": [6, 7, 8]`).
    Ints,
}

/// What happens when a field is absent (or unreadable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Left out of the output.
    Optional,
    /// The whole answer fails to decode.
    Required,
    /// An empty object or list is written instead.
    Always,
}

/// One field of a shape.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key in the output (and the first one looked up).
    pub key: &'static str,
    /// Another key the docs use for it, looked up when `key` is absent.
    pub alias: Option<&'static str>,
    /// How it is read.
    pub kind: Kind,
    /// What absence means.
    pub presence: Presence,
}

/// `stringify!(r#type)` is `"r#type"`; the key is `"type"`.
pub const fn strip_raw(s: &'static str) -> &'static str {
    match s.as_bytes() {
        [b'r', b'#', rest @ ..] => match core::str::from_utf8(rest) {
            Ok(r) => r,
            Err(_) => s,
        },
        _ => s,
    }
}

/// An optional field.
pub const fn opt(key: &'static str, kind: Kind) -> Field {
    Field { key, alias: None, kind, presence: Presence::Optional }
}

/// A required field.
pub const fn req(key: &'static str, kind: Kind) -> Field {
    Field { key, alias: None, kind, presence: Presence::Required }
}

/// A field written as an empty object or list when absent.
pub const fn always(key: &'static str, kind: Kind) -> Field {
    Field { key, alias: None, kind, presence: Presence::Always }
}

impl Field {
    /// The same field, also read from `alias`.
    pub const fn or(self, alias: &'static str) -> Field {
        Field { alias: Some(alias), ..self }
    }
}

/// A Rust answer type and the shape that decodes to the same JSON.
pub trait Shaped {
    /// The type's shape.
    const SHAPE: &'static [Field];
}

/// Whether `shape` has a field `key` (a compile-time check of `#[endpoint]`'s `answer = T.key`).
pub const fn has_key(shape: &[Field], key: &str) -> bool {
    let mut i = 0;
    while i < shape.len() {
        if same_text(shape[i].key, key) {
            return true;
        }
        i += 1;
    }
    false
}

/// `a == b`, in a `const fn`.
pub const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A shape as the JSON `js/runtime.js` walks: `[[key, alias, kind, presence, a, b, c], …]`, with
/// `kind` numbered in the order of [`Kind`], `presence` in the order of [`Presence`], and `a, b, c`
/// the kind's arguments (nested shapes, key names, the kind of [`Kind::Pairs`] values as
/// `[kind, a, b, c]`).
///
/// Written by `const fn`s, so the wasm build carries each shape as a string made at compile time
/// ([`shape_json!`](crate::shape_json)) and not the tables, which are pointer-heavy and compress
/// badly. `N` is the buffer's size; writing past it only counts, so `write_json::<0>` measures.
/// The same functions serve tests at run time ([`to_json`]).
pub const fn write_json<const N: usize>(buf: &mut [u8; N], pos: usize, shape: &[Field]) -> usize {
    let mut pos = put(buf, pos, b"[");
    let mut i = 0;
    while i < shape.len() {
        let f = &shape[i];
        if i > 0 {
            pos = put(buf, pos, b",");
        }
        pos = put(buf, pos, b"[");
        pos = put_str(buf, pos, f.key);
        pos = put(buf, pos, b",");
        pos = match f.alias {
            Some(alias) => put_str(buf, pos, alias),
            None => put(buf, pos, b"null"),
        };
        pos = put(buf, pos, b",");
        pos = put_kind_code(buf, pos, &f.kind);
        pos = put(
            buf,
            pos,
            match f.presence {
                Presence::Optional => b",0",
                Presence::Required => b",1",
                Presence::Always => b",2",
            },
        );
        pos = put_kind_args(buf, pos, &f.kind);
        pos = put(buf, pos, b"]");
        i += 1;
    }
    put(buf, pos, b"]")
}

/// [`write_json`] at run time (tests; the wasm build uses [`shape_json!`](crate::shape_json)).
pub fn to_json(shape: &[Field]) -> String {
    let mut buf = [0u8; 1 << 16];
    let len = write_json(&mut buf, 0, shape);
    String::from_utf8_lossy(&buf[..len]).into_owned()
}

/// The JSON of a shape (see [`write_json`]) as a `&'static str` made at compile time.
#[macro_export]
macro_rules! shape_json {
    ($shape:expr) => {{
        const LEN: usize = $crate::shape::write_json(&mut [0u8; 0], 0, $shape);
        const BYTES: [u8; LEN] = {
            let mut buf = [0u8; LEN];
            $crate::shape::write_json(&mut buf, 0, $shape);
            buf
        };
        match ::core::str::from_utf8(&BYTES) {
            Ok(json) => json,
            Err(_) => panic!("a shape's JSON is ASCII"),
        }
    }};
}

const fn put<const N: usize>(buf: &mut [u8; N], pos: usize, bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        if pos + i < N {
            buf[pos + i] = bytes[i];
        }
        i += 1;
    }
    pos + bytes.len()
}

/// Keys are the API's field names: ASCII letters, digits, `_` (and one with a trailing space),
/// which need no escaping in JSON; anything else fails the build.
const fn put_str<const N: usize>(buf: &mut [u8; N], pos: usize, s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        assert!(b.is_ascii_alphanumeric() || b == b'_' || b == b' ', "a shape key that JSON would need to escape");
        i += 1;
    }
    let pos = put(buf, pos, b"\"");
    let pos = put(buf, pos, bytes);
    put(buf, pos, b"\"")
}

const fn put_kind_code<const N: usize>(buf: &mut [u8; N], pos: usize, k: &Kind) -> usize {
    let code: &[u8] = match k {
        Kind::Text => b"0",
        Kind::Count => b"1",
        Kind::Int => b"2",
        Kind::Number => b"3",
        Kind::Flag => b"4",
        Kind::Object(_) => b"5",
        Kind::List(_) => b"6",
        Kind::Texts => b"7",
        Kind::Entries(..) => b"8",
        Kind::Pairs(..) => b"9",
        Kind::Ints => b"10",
    };
    put(buf, pos, code)
}

/// The kind's arguments, each after a comma.
const fn put_kind_args<const N: usize>(buf: &mut [u8; N], pos: usize, k: &Kind) -> usize {
    match *k {
        Kind::Object(s) | Kind::List(s) => {
            let pos = put(buf, pos, b",");
            write_json(buf, pos, s)
        }
        Kind::Entries(key, s) => {
            let pos = put(buf, pos, b",");
            let pos = put_str(buf, pos, key);
            let pos = put(buf, pos, b",");
            write_json(buf, pos, s)
        }
        Kind::Pairs(key, value, inner) => {
            let pos = put(buf, pos, b",");
            let pos = put_str(buf, pos, key);
            let pos = put(buf, pos, b",");
            let pos = put_str(buf, pos, value);
            let pos = put(buf, pos, b",[");
            let pos = put_kind_code(buf, pos, inner);
            let pos = put_kind_args(buf, pos, inner);
            put(buf, pos, b"]")
        }
        _ => pos,
    }
}

/// A JSON tree to read from and to build.
pub trait Tree: Sized {
    /// What is built.
    type Out;
    /// The value under `key`, if present and not null.
    fn get(&self, key: &str) -> Option<Self>;
    /// The value as [`Loose`]: arrays as `Loose::List` of their items, objects as `Loose::Map`.
    fn scalar(&self) -> Loose;
    /// This value as output text, by [`Loose::to_text`]. Trees whose strings can pass through
    /// without a copy (JS) override it.
    fn text_of(&self) -> Option<Self::Out> {
        self.scalar().to_text().map(|s| Self::text(&s))
    }
    /// The time of a date value (a JS `Date`; JSON has none), in ms since the epoch (NaN for an
    /// invalid `Date`).
    fn date_ms(&self) -> Option<f64> {
        None
    }
    /// Whether `key` is present with the value `null` (where null and absent differ: the Iotum
    /// API's `switch_plan`).
    fn is_null_at(&self, _key: &str) -> bool {
        false
    }
    /// The items, if this is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// Whether this is an object (not an array).
    fn is_object(&self) -> bool;
    /// The keys and values, if this is an object (not null values).
    fn entries(&self) -> Option<Vec<(String, Self)>>;
    /// An object of `fields`, in order.
    fn object(fields: Vec<(&'static str, Self::Out)>) -> Self::Out;
    /// A string.
    fn text(s: &str) -> Self::Out;
    /// A number.
    fn number(n: f64) -> Self::Out;
    /// A boolean.
    fn flag(b: bool) -> Self::Out;
    /// An array.
    fn list(items: Vec<Self::Out>) -> Self::Out;
}

/// The loose value under `key` of an input object (`Loose::Null` when absent).
pub fn loose<T: Tree>(v: &T, key: &str) -> Loose {
    v.get(key).map(|x| x.scalar()).unwrap_or_default()
}

/// Decodes the object `v` by `shape`. The error names the path of the field that failed.
pub fn decode<T: Tree>(v: &T, shape: &[Field]) -> Result<T::Out, String> {
    decode_keyed(v, shape, None)
}

/// [`decode`], with a first field `(name, key)` (the key of a [`Kind::Entries`] item).
fn decode_keyed<T: Tree>(v: &T, shape: &[Field], key: Option<(&'static str, &str)>) -> Result<T::Out, String> {
    if !v.is_object() {
        return Err("expected an object".into());
    }
    let mut out = Vec::with_capacity(shape.len() + 1);
    if let Some((name, key)) = key {
        out.push((name, T::text(key)));
    }
    for f in shape {
        let raw = v.get(f.key).or_else(|| f.alias.and_then(|a| v.get(a)));
        let value = match raw {
            Some(raw) => field(&raw, f).map_err(|e| format!("{}: {e}", f.key))?,
            None => None,
        };
        match (value, f.presence) {
            (Some(value), _) => out.push((f.key, value)),
            (None, Presence::Required) => return Err(format!("{}: missing", f.key)),
            (None, Presence::Always) => out.push((f.key, empty::<T>(f.kind))),
            (None, Presence::Optional) => {}
        }
    }
    Ok(T::object(out))
}

/// One present value; `Ok(None)` when it is unreadable as its kind (tolerated as absent). That
/// holds for the nested kinds too: an `Object`, `Entries` or `Pairs` field whose value is not an
/// object (a PHP server's `[]` for an empty map, `""`), or a `List` field whose value is not an
/// array, is absent. Inside a `List` (and among an `Entries` map's values) an item that is not an
/// object is skipped. What a nested object holds is decoded by its shape, and its failures (a
/// required field missing) still fail the answer.
fn field<T: Tree>(raw: &T, f: &Field) -> Result<Option<T::Out>, String> {
    Ok(match f.kind {
        Kind::Text => raw.text_of(),
        Kind::Count => raw.scalar().as_int().and_then(|n| u32::try_from(n).ok()).map(|n| T::number(f64::from(n))),
        Kind::Int => raw.scalar().as_int().map(|n| T::number(n as f64)),
        Kind::Number => raw.scalar().as_number().map(T::number),
        Kind::Flag => raw.scalar().as_bool().map(T::flag),
        Kind::Object(shape) => match raw.is_object() {
            true => Some(decode(raw, shape)?),
            false => None,
        },
        Kind::List(shape) => match raw.items() {
            Some(items) => {
                let objects = items.iter().filter(|i| i.is_object());
                Some(T::list(objects.map(|i| decode(i, shape)).collect::<Result<Vec<_>, _>>()?))
            }
            None => None,
        },
        Kind::Texts => {
            let texts: Vec<String> = match raw.items() {
                Some(items) => items.iter().filter_map(|i| i.scalar().as_str().map(str::to_owned)).collect(),
                None => vec![raw.scalar().as_str().map(str::to_owned)].into_iter().flatten().collect(),
            };
            (raw.items().is_some() || !texts.is_empty()).then(|| T::list(texts.iter().map(|s| T::text(s)).collect()))
        }
        Kind::Ints => {
            let ints: Vec<i64> = match raw.items() {
                Some(items) => items.iter().filter_map(|i| i.scalar().as_int()).collect(),
                None => raw.scalar().as_int().into_iter().collect(),
            };
            (raw.items().is_some() || !ints.is_empty())
                .then(|| T::list(ints.iter().map(|n| T::number(*n as f64)).collect()))
        }
        Kind::Entries(key, shape) => match raw.entries() {
            Some(pairs) if raw.is_object() => {
                let items = pairs
                    .iter()
                    .filter(|(_, v)| v.is_object())
                    .map(|(k, v)| decode_keyed(v, shape, Some((key, k))).map_err(|e| format!("{k}: {e}")));
                Some(T::list(items.collect::<Result<Vec<_>, _>>()?))
            }
            _ => None,
        },
        Kind::Pairs(key, value, kind) => match raw.entries() {
            Some(pairs) if raw.is_object() => {
                let inner = Field { key: value, alias: None, kind: *kind, presence: Presence::Optional };
                let mut out = Vec::with_capacity(pairs.len());
                for (k, v) in &pairs {
                    if let Some(v) = field(v, &inner).map_err(|e| format!("{k}: {e}"))? {
                        out.push(T::object(vec![(key, T::text(k)), (value, v)]));
                    }
                }
                Some(T::list(out))
            }
            _ => None,
        },
    })
}

fn empty<T: Tree>(kind: Kind) -> T::Out {
    match kind {
        Kind::List(_) | Kind::Texts | Kind::Ints | Kind::Entries(..) | Kind::Pairs(..) => T::list(Vec::new()),
        _ => T::object(Vec::new()),
    }
}

/// For native tests and Rust users: decode `serde_json` values by shape (feature `json`).
#[cfg(feature = "json")]
impl Tree for serde_json::Value {
    type Out = serde_json::Value;
    fn get(&self, key: &str) -> Option<serde_json::Value> {
        self.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn scalar(&self) -> Loose {
        serde_json::from_value(self.clone()).unwrap_or_default()
    }
    fn is_null_at(&self, key: &str) -> bool {
        self.get(key).is_some_and(serde_json::Value::is_null)
    }
    fn items(&self) -> Option<Vec<serde_json::Value>> {
        self.as_array().cloned()
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn entries(&self) -> Option<Vec<(String, serde_json::Value)>> {
        self.as_object().map(|m| m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect())
    }
    fn object(fields: Vec<(&'static str, serde_json::Value)>) -> serde_json::Value {
        serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
    fn text(s: &str) -> serde_json::Value {
        serde_json::json!(s)
    }
    fn number(n: f64) -> serde_json::Value {
        // A whole number is written as one (`3`, not `3.0`) while a double holds it exactly;
        // beyond that `n as i64` would saturate (1e21 became 9223372036854775807).
        if n.fract() == 0.0 && n.abs() < 9.0e15 {
            serde_json::json!(n as i64)
        } else {
            serde_json::json!(n)
        }
    }
    fn flag(b: bool) -> serde_json::Value {
        serde_json::json!(b)
    }
    fn list(items: Vec<serde_json::Value>) -> serde_json::Value {
        serde_json::Value::Array(items)
    }
}

#[cfg(feature = "json")]
/// Leaves one of a field's two keys where an answer has both (`group` and `contact` in a group
/// edit's answer): the key, unless it is `null`, as the table reads it (`shape::decode`, and
/// `decodeObject` in js/runtime.js); serde would refuse the pair as a duplicate field. The Rust
/// client reads an answer so before its serde impl, and the `shape_decode` fuzz target so reads
/// its reference.
pub fn one_key_per_field(v: &mut serde_json::Value, shape: &[Field]) {
    let serde_json::Value::Object(map) = v else { return };
    for f in shape {
        if let Some(alias) = f.alias {
            if map.contains_key(alias) && map.contains_key(f.key) {
                let drop = if map[f.key].is_null() { f.key } else { alias };
                map.remove(drop);
            }
        }
        let key = if map.contains_key(f.key) { f.key } else { f.alias.unwrap_or(f.key) };
        let Some(child) = map.get_mut(key) else { continue };
        match (f.kind, child) {
            (Kind::Object(s), child) => one_key_per_field(child, s),
            (Kind::List(s), serde_json::Value::Array(items)) => items.iter_mut().for_each(|i| one_key_per_field(i, s)),
            (Kind::Entries(_, s), serde_json::Value::Object(entries)) => {
                entries.values_mut().for_each(|i| one_key_per_field(i, s))
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const INNER: &[Field] = &[opt("n", Kind::Count)];
    const SHAPE: &[Field] = &[
        req("id", Kind::Text),
        opt("start", Kind::Text).or("start "),
        opt("on", Kind::Flag),
        opt("inner", Kind::Object(INNER)),
        always("rows", Kind::List(INNER)),
        opt("tags", Kind::Texts),
    ];

    #[test]
    fn shapes_are_written_as_json_at_compile_time() {
        const TABLE: &[Field] = &[
            req("id", Kind::Text).or("uid"),
            always("tags", Kind::Texts),
            opt("opts", Kind::Pairs("name", "votes", &Kind::Count)),
            opt("inner", Kind::Object(&[opt("n", Kind::Int)])),
        ];
        const JSON: &str = crate::shape_json!(TABLE);
        let expected = r#"[["id","uid",0,1],["tags",null,7,2],["opts",null,9,0,"name","votes",[1]],["inner",null,5,0,[["n",null,2,0]]]]"#;
        assert_eq!(JSON, expected);
        assert_eq!(to_json(TABLE), expected);
        assert!(serde_json::from_str::<serde_json::Value>(JSON).is_ok());
    }

    #[test]
    fn reads_loose_values_and_aliases() {
        let v =
            json!({"id": 7, "start ": " 2030-01-01 00:00:00 ", "on": "true", "inner": {"n": "3", "x": 1}, "tags": "a"});
        assert_eq!(
            decode(&v, SHAPE).unwrap(),
            json!({"id": "7", "start": "2030-01-01 00:00:00", "on": true, "inner": {"n": 3}, "rows": [], "tags": ["a"]})
        );
    }

    #[test]
    fn maps_become_lists() {
        const ITEM: &[Field] = &[opt("n", Kind::Count), opt("opts", Kind::Pairs("option", "count", &Kind::Count))];
        const MAP: &[Field] = &[always("items", Kind::Entries("id", ITEM))];
        let v = json!({"items": {"a": {"n": "1", "opts": {"x": 2, "y": "Number"}}, "b": {}}});
        assert_eq!(
            decode(&v, MAP).unwrap(),
            json!({"items": [{"id": "a", "n": 1, "opts": [{"option": "x", "count": 2}]}, {"id": "b"}]})
        );
        assert_eq!(decode(&json!({}), MAP).unwrap(), json!({"items": []}));
        // A PHP server writes an empty map as `[]`: absent, so this `always` field is empty.
        for wrong in [json!([]), json!([1]), json!(""), json!(0), json!(true)] {
            assert_eq!(decode(&json!({"items": wrong}), MAP).unwrap(), json!({"items": []}), "{wrong}");
        }
        let v = json!({"items": {"a": {"opts": []}, "b": 5, "c": [], "d": {"opts": "x"}}});
        assert_eq!(
            decode(&v, MAP).unwrap(),
            json!({"items": [{"id": "a"}, {"id": "d"}]}),
            "values not objects: skipped"
        );
    }

    #[test]
    fn nested_values_of_the_wrong_type_are_absent() {
        const NEST: &[Field] = &[
            opt("o", Kind::Object(INNER)),
            always("ao", Kind::Object(INNER)),
            opt("l", Kind::List(INNER)),
            always("al", Kind::List(INNER)),
            opt("e", Kind::Entries("id", INNER)),
            opt("p", Kind::Pairs("k", "v", &Kind::Count)),
        ];
        for wrong in [json!([]), json!([{}]), json!(""), json!("x"), json!(0), json!(2.5), json!(false), json!({})] {
            let v = json!({"o": wrong, "ao": wrong, "l": wrong, "al": wrong, "e": wrong, "p": wrong});
            let out = decode(&v, NEST).unwrap();
            let obj = wrong.is_object();
            let arr = wrong.is_array();
            assert_eq!(out.get("o").is_some(), obj, "{wrong}: an object only from an object");
            assert_eq!(out["ao"], json!({}), "{wrong}: always, so {{}} (the object given is empty too)");
            assert_eq!(out.get("l").is_some(), arr, "{wrong}: a list only from an array");
            let items = if wrong == json!([{}]) { json!([{}]) } else { json!([]) };
            assert_eq!(out["al"], items, "{wrong}: always, so [] unless an array of objects");
            assert_eq!(out.get("e").is_some(), obj, "{wrong}: entries only from an object");
            assert_eq!(out.get("p").is_some(), obj, "{wrong}: pairs only from an object");
        }
        // A required nested field of the wrong type is absent, so missing.
        const REQ: &[Field] = &[req("o", Kind::Object(INNER)), req("l", Kind::List(INNER))];
        assert_eq!(decode(&json!({"o": [], "l": []}), REQ).unwrap_err(), "o: missing");
        assert_eq!(decode(&json!({"o": {}, "l": {}}), REQ).unwrap_err(), "l: missing");
        assert_eq!(decode(&json!({"o": {}, "l": []}), REQ).unwrap(), json!({"o": {}, "l": []}));
        // What a nested object holds is still decoded strictly by its shape.
        const DEEP: &[Field] =
            &[opt("o", Kind::Object(&[req("id", Kind::Text)])), opt("l", Kind::List(&[req("id", Kind::Text)]))];
        assert_eq!(decode(&json!({"o": {}}), DEEP).unwrap_err(), "o: id: missing");
        assert_eq!(decode(&json!({"l": [{"id": 1}, {}]}), DEEP).unwrap_err(), "l: id: missing");
    }

    #[test]
    fn large_and_tiny_numbers_keep_their_value() {
        // Found by the JS/Rust agreement property (tests/node/decoder.property.test.mjs).
        const NUM: &[Field] = &[opt("x", Kind::Number)];
        for n in [1e21, -3.6507723669230365e100, f64::MAX, 9.0e15, 5e-324, -0.5] {
            assert_eq!(decode(&json!({ "x": n }), NUM).unwrap(), json!({ "x": n }), "{n}");
        }
        assert_eq!(decode(&json!({"x": 8999999999999999.0}), NUM).unwrap(), json!({"x": 8999999999999999_i64}));
    }

    #[test]
    fn list_items_that_are_not_objects_are_skipped() {
        let v = json!({"id": "x", "rows": [{"n": 1}, 2, "three", [4], null, true, {"n": "5"}]});
        assert_eq!(decode(&v, SHAPE).unwrap(), json!({"id": "x", "rows": [{"n": 1}, {"n": 5}]}));
    }

    #[test]
    fn absent_unreadable_and_required() {
        let v = json!({"id": "x", "on": "Boolean", "inner": null, "rows": [{"n": "Number"}], "tags": [1]});
        assert_eq!(decode(&v, SHAPE).unwrap(), json!({"id": "x", "rows": [{}], "tags": []}));
        assert_eq!(decode(&json!({"id": "x", "tags": 5}), SHAPE).unwrap(), json!({"id": "x", "rows": []}));
        assert_eq!(strip_raw("r#type"), "type");
        assert_eq!(decode(&json!({"on": true}), SHAPE).unwrap_err(), "id: missing");
        assert_eq!(decode(&json!({"id": "x", "inner": "no"}), SHAPE).unwrap(), json!({"id": "x", "rows": []}));
        assert_eq!(
            decode(&json!({"id": "x", "inner": [], "rows": {}}), SHAPE).unwrap(),
            json!({"id": "x", "rows": []})
        );
        assert_eq!(decode(&json!({"id": {}}), SHAPE).unwrap_err(), "id: missing");
        assert_eq!(
            decode(&json!([1]), SHAPE).unwrap_err(),
            "expected an object",
            "the answer itself must be an object"
        );
    }
}
