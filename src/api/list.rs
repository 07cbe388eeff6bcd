//! What the list routes share: the list query rules and request builder (one for
//! every list route, described by a [`ListSpec`]), the search echo of their answers, and the
//! JSON body builder ([`Obj`]) their create/update requests use.
//!
//! Size: one body type (`serde_json::Value`) and one query checker for every route, instead of
//! a `Serialize` struct and a checker per route.

use super::{Auth, Method, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;
use ucaas_codes::{code, Code};

/// A list route: where it is, and which searches and filters its query takes.
#[derive(Debug)]
pub struct ListSpec {
    /// Path of the route.
    pub path: &'static str,
    /// The values `search_by` may take (empty: any text).
    pub search_by: &'static [&'static str],
    /// Further optional text parameters (date filters), sent as given.
    pub filters: &'static [&'static str],
    /// Date filters among `filters` (checked as `YYYY-MM-DD[ HH:ii:ss]`).
    pub dates: &'static [&'static str],
    /// Further optional parameters that take one of a few values, with the message for any
    /// other value (`stage`: upcoming|current|past). (A written message, not one made from the
    /// list: formatting it would cost the core wasm build.)
    pub choices: &'static [(&'static str, &'static [&'static str], &'static str)],
    /// Whether it sends `X-App-Type`.
    pub app_type: bool,
}

/// A list query that passed [`check`]: what the request carries, and what paging needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckedQuery {
    /// Page number (absent: the server's first).
    pub page: Option<u32>,
    /// Page length (absent: the server's default).
    pub page_length: Option<u32>,
    /// The other parameters, in order.
    pub rest: Vec<(&'static str, String)>,
}

/// Checks a list query read from `v` (any JSON tree; absent = no query) by the rules every list
/// route documents: page ≥ 1 (2608), page_length a whole number ≥ 1 (2501), search_by one of the
/// route's (2605) and only with search_string (2606), order_qualify asc|desc (2604), filters
/// text (date filters a date), choices one of theirs.
pub fn check<T: Tree>(v: Option<&T>, spec: &ListSpec) -> Result<CheckedQuery, Error> {
    let get = |key| v.map(|v| loose(v, key)).unwrap_or_default();
    let whole = |key, code| -> Result<Option<u32>, Error> {
        let v = get(key);
        if v.is_null() {
            return Ok(None);
        }
        let n = matches!(v, Loose::Num(_) | Loose::Str(_)).then(|| v.as_int()).flatten();
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= 1 => Ok(Some(n)),
            _ => Err(Error::validation(code, key)),
        }
    };
    let page = whole("page", code!(2608))?;
    let page_length = whole("page_length", code!(2501))?;
    let search_by =
        validate::text(&get("search_by"), "search_by", None, code!(2605), (0, Code::NONE), (0, Code::NONE))?;
    if let Some(s) = &search_by {
        if !spec.search_by.is_empty() && !spec.search_by.contains(&s.as_str()) {
            return Err(Error::validation(code!(2605), "search_by"));
        }
    }
    let search_string =
        validate::text(&get("search_string"), "search_string", None, code!(2605), (0, Code::NONE), (0, Code::NONE))?;
    if search_by.is_some() != search_string.is_some() {
        return Err(Error::validation(code!(2606), if search_by.is_some() { "search_string" } else { "search_by" }));
    }
    let mut rest = Vec::new();
    for (key, value) in [("search_by", search_by), ("search_string", search_string)] {
        if let Some(v) = value {
            rest.push((key, v));
        }
    }
    for &key in spec.filters {
        if let Some(v) = validate::text(&get(key), key, None, Code::NONE, (0, Code::NONE), (0, Code::NONE))? {
            if spec.dates.contains(&key) && validate::parse_utc(&v).is_none() {
                return Err(Error::invalid(key, format!("{key} must be a date: YYYY-MM-DD.")));
            }
            rest.push((key, v));
        }
    }
    for &(key, allowed, message) in spec.choices {
        if let Some(v) = validate::text(&get(key), key, None, Code::NONE, (0, Code::NONE), (0, Code::NONE))? {
            if !allowed.contains(&v.as_str()) {
                return Err(Error::invalid(key, message));
            }
            rest.push((key, v));
        }
    }
    if let Some(v) = validate::text(&get("order_by"), "order_by", None, code!(2603), (0, Code::NONE), (0, Code::NONE))?
    {
        rest.push(("order_by", v));
    }
    if let Some(v) = validate::one_of(&get("order_qualify"), "order_qualify", &["asc", "desc"], code!(2604))? {
        rest.push(("order_qualify", v));
    }
    Ok(CheckedQuery { page, page_length, rest })
}

/// `GET {spec.path}?...` for one page of a checked query.
pub fn request(spec: &ListSpec, q: &CheckedQuery) -> Request {
    let mut req = Request::new(Method::Get, spec.path.into(), Auth::Token);
    req.app_type = spec.app_type;
    if let Some(p) = q.page {
        req = req.param("page", p.to_string());
    }
    if let Some(l) = q.page_length {
        req = req.param("page_length", l.to_string());
    }
    req.query.extend(q.rest.iter().cloned());
    req
}

/// A JSON object body under construction: [`Obj::put`] leaves out what is absent.
#[derive(Debug, Default)]
pub struct Obj(pub Map<String, Value>);

impl Obj {
    /// Sets `key` when `value` is present.
    pub fn put<V: Into<Value>>(&mut self, key: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.0.insert(key.to_owned(), v.into());
        }
        self
    }

    /// Whether nothing was set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The object as a JSON value.
    pub fn done(self) -> Value {
        Value::Object(self.0)
    }

    /// The body of an update: an error naming `field` when it changes nothing.
    pub fn changes(self, field: &'static str) -> Result<Value, Error> {
        if self.is_empty() {
            return Err(Error::invalid(field, "The update changes nothing: give at least one field."));
        }
        Ok(self.done())
    }
}

/// `POST path` / `PATCH path` (etc.) carrying `body`, token-authenticated.
pub fn send(method: Method, path: String, body: Value) -> Request<Value> {
    Request::new(method, path, Auth::Token).with_body(body)
}

/// A list of strings with `code` for anything else; `empty` (when not 0) if it has no item.
pub fn strings(v: &Loose, field: &'static str, code: Code, empty: Code) -> Result<Option<Vec<String>>, Error> {
    let list = validate::opt_string_list(v, field, code).map_err(|_| validate::fail(code, field))?;
    match list {
        Some(l) if l.is_empty() && empty != Code::NONE => Err(validate::fail(empty, field)),
        other => Ok(other),
    }
}

loose_fields!(
    /// Filters a CDR answer echoes.
    CdrFilters {
        /// Session id.
        session_id: String = "loose::opt_string",
        /// Meeting id.
        meeting_id: String = "loose::opt_string",
        /// Room id.
        room_id: String = "loose::opt_string",
    }
);

loose_fields!(
    /// The search a list answer echoes back (every list route's keys; each optional).
    ListSearch {
        /// Page number.
        page: u32 = "loose::opt_u32",
        /// Page length.
        page_length: u32 = "loose::opt_u32",
        /// Search field.
        search_by: String = "loose::opt_string",
        /// Search value.
        search_string: String = "loose::opt_string",
        /// Order field.
        order_by: String = "loose::opt_string",
        /// Order direction.
        order_qualify: String = "loose::opt_string",
        /// Stage (sessions report).
        stage: String = "loose::opt_string",
        /// Customer (subscriptions).
        customer_id: String = "loose::opt_string",
        /// Join date from (customers).
        from_join_dt: String = "loose::opt_string",
        /// Join date to (customers).
        to_join_dt: String = "loose::opt_string",
        /// Subscription date from.
        from_subxn_dt: String = "loose::opt_string",
        /// Subscription date to.
        to_subxn_dt: String = "loose::opt_string",
        /// Expiry date from.
        from_expiry_dt: String = "loose::opt_string",
        /// Expiry date to.
        to_expiry_dt: String = "loose::opt_string",
        /// Creation date from (users).
        from_create_dt: String = "loose::opt_string",
        /// Creation date to (users).
        to_create_dt: String = "loose::opt_string",
        /// Sessions from (sessions report).
        from_session_date: String = "loose::opt_string",
        /// Sessions until (sessions report).
        to_session_date: String = "loose::opt_string",
        /// CDR filters.
        filters: CdrFilters = "crate::api::branding::opt_object",
    }
);

/// `deserialize_with` of a list of objects that may be absent, `null` or not an array (then
/// empty); items that are not objects are skipped ([`crate::loose::IfArray`]).
pub fn opt_list<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    loose::items(d)
}

/// A list answer `{ search, <key>: [...] }` (struct and shape from one definition).
///
/// Both fields are always there (TypeScript: `search: ListSearch; <key>: Item[]`): the walker
/// writes them as `always`. `Deserialize` is written out, through a wire struct with
/// `#[serde(default)]`, because tsify makes every `#[serde(default)]` field optional.
#[cfg_attr(all(target_arch = "wasm32", not(feature = "full")), allow(unused_macros))] // the full build's areas
macro_rules! list_answer {
    ($(#[$meta:meta])* $name:ident, $key:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Tsify, ucaas_client_macros::Shaped)]
        pub struct $name {
            /// The search as the server applied it (`{}` when the answer has none).
            #[shape(always)]
            pub search: crate::api::list::ListSearch,
            /// The page's items (`[]` when the answer has none, or not as an array).
            #[shape(always)]
            pub $key: Vec<$item>,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(Deserialize)]
                struct Wire {
                    #[serde(default, deserialize_with = "crate::loose::object_or_default")]
                    search: crate::api::list::ListSearch,
                    #[serde(default, deserialize_with = "crate::loose::items")]
                    $key: Vec<$item>,
                }
                let Wire { search, $key } = Wire::deserialize(d)?;
                Ok($name { search, $key })
            }
        }

        #[cfg(feature = "client")]
        impl crate::client::Page for $name {
            type Item = $item;

            fn into_items(self) -> (Vec<$item>, Option<u32>) {
                (self.$key, self.search.page_length)
            }
        }
    };
}

/// A list answer `{ <key>: [...] }` (struct and shape from one definition).
///
/// The list is always there (TypeScript: `<key>: Item[]`): the walker writes it as `always`.
/// `Deserialize` is written out, through a wire struct with `#[serde(default)]`, because tsify
/// makes every `#[serde(default)]` field optional.
#[cfg_attr(all(target_arch = "wasm32", not(feature = "full")), allow(unused_macros))] // the full and server builds' areas
macro_rules! items_answer {
    ($(#[$meta:meta])* $name:ident, $key:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Tsify, ucaas_client_macros::Shaped)]
        pub struct $name {
            /// The items (`[]` when the answer has none, or not as an array).
            #[shape(always)]
            pub $key: Vec<$item>,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(Deserialize)]
                struct Wire {
                    #[serde(default, deserialize_with = "crate::api::list::opt_list")]
                    $key: Vec<$item>,
                }
                let Wire { $key } = Wire::deserialize(d)?;
                Ok($name { $key })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SPEC: ListSpec = ListSpec {
        path: "/contacts",
        search_by: &["name", "email"],
        filters: &["from_create_dt"],
        dates: &["from_create_dt"],
        choices: &[],
        app_type: false,
    };

    fn q(v: Value) -> Result<CheckedQuery, Option<u32>> {
        check(Some(&v), &SPEC).map_err(|e| e.code)
    }

    #[test]
    fn list_rules() {
        let ok = q(json!({"page": "2", "page_length": 5, "search_by": "name", "search_string": "Ann",
            "from_create_dt": "2026-01-01", "order_qualify": "desc"}))
        .unwrap();
        assert_eq!(
            request(&SPEC, &ok).path_and_query(),
            "/contacts?page=2&page_length=5&search_by=name&search_string=Ann&from_create_dt=2026-01-01&order_qualify=desc"
        );
        assert_eq!(q(json!({"page": 0})).unwrap_err(), Some(2608));
        assert_eq!(q(json!({"page_length": "x"})).unwrap_err(), Some(2501));
        assert_eq!(q(json!({"search_by": "company", "search_string": "x"})).unwrap_err(), Some(2605));
        assert_eq!(q(json!({"search_by": "name"})).unwrap_err(), Some(2606));
        assert_eq!(q(json!({"search_string": "x"})).unwrap_err(), Some(2606));
        assert_eq!(q(json!({"order_qualify": "up"})).unwrap_err(), Some(2604));
        assert_eq!(q(json!({"order_by": 5})).unwrap_err(), Some(2603));
        assert_eq!(check(Some(&json!({"from_create_dt": "soon"})), &SPEC).unwrap_err().field, Some("from_create_dt"));
        assert_eq!(check::<Value>(None, &SPEC).unwrap(), CheckedQuery::default());
    }

    #[test]
    fn obj_leaves_out_absent_values() {
        let mut o = Obj::default();
        o.put("a", Some(1)).put::<bool>("b", None);
        assert_eq!(o.done(), json!({"a": 1}));
        assert!(Obj::default().changes("name").is_err());
        assert_eq!(strings(&Loose::List(vec![]), "ids", code!(1812), code!(1811)).unwrap_err().code, Some(1811));
        assert_eq!(strings(&Loose::Str("a".into()), "ids", code!(1812), code!(1811)).unwrap_err().code, Some(1812));
    }
}
