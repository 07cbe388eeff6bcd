//! Helpers the later areas share: body fields with their documented codes, list queries (page,
//! search, order), and tenant scoping of customers.

use crate::auth::Actor;
use crate::reply::ApiError;
use crate::routes::customers::Customer;
use crate::state::Role;
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use serde_json::{json, Map, Value};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Largest page.
pub const MAX_PAGE_LENGTH: u64 = 100;

/// The query string as a map (a malformed one is 1002).
pub fn query(q: Result<Query<HashMap<String, String>>, QueryRejection>) -> Result<HashMap<String, String>, ApiError> {
    q.map(|Query(q)| q).map_err(|_| ApiError::invalid(ucaas_codes::REQUEST_INVALID, "query"))
}

/// A field, treating JSON null as absent.
pub fn field<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

/// An optional string: `code` when not a string.
pub fn opt_string(body: &Map<String, Value>, name: &str, code: u32) -> Result<Option<String>, ApiError> {
    match field(body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid(code, name)),
    }
}

/// A required string: `missing` when absent, `kind` when not a string.
pub fn req_string(body: &Map<String, Value>, name: &str, missing: u32, kind: u32) -> Result<String, ApiError> {
    opt_string(body, name, kind)?.ok_or_else(|| ApiError::invalid(missing, name))
}

/// Length check in characters: `low` below `min`, `high` above `max`.
pub fn length(s: &str, name: &str, min: usize, max: usize, (low, high): (u32, u32)) -> Result<(), ApiError> {
    let n = s.chars().count();
    if n < min {
        Err(ApiError::invalid(low, name))
    } else if n > max {
        Err(ApiError::invalid(high, name))
    } else {
        Ok(())
    }
}

/// An optional JSON boolean: `code` when not one.
pub fn opt_bool(body: &Map<String, Value>, name: &str, code: u32) -> Result<Option<bool>, ApiError> {
    match field(body, name) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::invalid(code, name)),
    }
}

/// An optional whole number: `kind` when not one, `low`/`high` out of `min..=max`.
pub fn opt_int(
    body: &Map<String, Value>,
    name: &str,
    (kind, low, high): (u32, u32, u32),
    min: i64,
    max: i64,
) -> Result<Option<u32>, ApiError> {
    let Some(v) = field(body, name) else { return Ok(None) };
    let n = v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64));
    match n {
        None => Err(ApiError::invalid(kind, name)),
        Some(n) if n < min => Err(ApiError::invalid(low, name)),
        Some(n) if n > max => Err(ApiError::invalid(high, name)),
        Some(n) => Ok(Some(n as u32)),
    }
}

/// A list route's query, validated.
pub struct ListQuery {
    /// Page, from 1.
    pub page: u64,
    /// Items per page.
    pub page_length: u64,
    /// Searched field.
    pub search_by: Option<String>,
    /// Searched value.
    pub search_string: String,
    /// Sort fields.
    pub order_by: Vec<String>,
    /// Descending.
    pub desc: bool,
}

/// A positive integer made of ASCII digits only.
pub fn positive(s: &str) -> Option<u64> {
    s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten().filter(|n| *n >= 1)
}

/// `page` (2608), `page_length` 1–100 (2501), `search_by` one of `search_by` (2605) with a
/// non-empty `search_string` (2606; a string without `search_by` is 2605), `order_by` a
/// comma-separated list of `order_by` (2603), `order_qualify` asc/desc (2604).
pub fn list_query(
    q: &HashMap<String, String>,
    search_by: &[&str],
    orders: &[&str],
    default_order: &str,
) -> Result<ListQuery, ApiError> {
    let page = q.get("page").map_or(Some(1), |p| positive(p)).ok_or_else(|| ApiError::invalid(2608, "page"))?;
    let page_length = q.get("page_length").map_or(Some(10), |p| positive(p)).filter(|n| *n <= MAX_PAGE_LENGTH);
    let page_length = page_length.ok_or_else(|| ApiError::invalid(2501, "page_length"))?;
    let sb = match q.get("search_by") {
        None => None,
        Some(v) if search_by.contains(&v.as_str()) => Some(v.clone()),
        Some(_) => return Err(ApiError::invalid(2605, "search_by")),
    };
    let ss = q.get("search_string");
    match (&sb, ss) {
        (Some(_), None) => return Err(ApiError::invalid(2606, "search_string")),
        (Some(_), Some(s)) if s.is_empty() => return Err(ApiError::invalid(2606, "search_string")),
        (None, Some(_)) => return Err(ApiError::invalid(2605, "search_by")),
        _ => {}
    }
    let order = q.get("order_by").map_or(default_order, String::as_str);
    let order_by: Vec<String> = order.split(',').map(|s| s.trim().to_string()).collect();
    if order_by.iter().any(|o| !orders.contains(&o.as_str())) {
        return Err(ApiError::invalid(2603, "order_by"));
    }
    let desc = match q.get("order_qualify").map(String::as_str) {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => return Err(ApiError::invalid(2604, "order_qualify")),
    };
    Ok(ListQuery { page, page_length, search_by: sb, search_string: ss.cloned().unwrap_or_default(), order_by, desc })
}

impl ListQuery {
    /// Sorts `items` by the order fields (`key` gives a field's sort text), ties by `id`.
    pub fn sort<T>(&self, items: &mut [T], key: impl Fn(&T, &str) -> String, id: impl Fn(&T) -> String) {
        items.sort_by(|a, b| {
            let mut ord = Ordering::Equal;
            for f in &self.order_by {
                ord = ord.then_with(|| key(a, f).cmp(&key(b, f)));
            }
            ord.then_with(|| id(a).cmp(&id(b)))
        });
        if self.desc {
            items.reverse();
        }
    }

    /// This page of `items`.
    pub fn page<T>(&self, items: Vec<T>) -> Vec<T> {
        let skip = ((self.page - 1).saturating_mul(self.page_length)).min(items.len() as u64) as usize;
        items.into_iter().skip(skip).take(self.page_length as usize).collect()
    }

    /// The `search` object echoed by list answers, with `total` over all pages.
    pub fn echo(&self, total: usize) -> Value {
        json!({
            "page": self.page,
            "page_length": self.page_length,
            "search_by": self.search_by.clone().unwrap_or_default(),
            "search_string": self.search_string,
            "order_by": self.order_by.join(","),
            "order_qualify": if self.desc { "desc" } else { "asc" },
            "total": total,
        })
    }

    /// Whether `value` matches the search (case-insensitive substring).
    pub fn contains(&self, value: &str) -> bool {
        value.to_lowercase().contains(&self.search_string.to_lowercase())
    }
}

/// A number as sort text (zero-padded).
pub fn num_key(n: u64) -> String {
    format!("{n:020}")
}

/// Whether the caller may see tenant `c`: an administrator every one, a reseller itself and its
/// customers, a customer itself, a user none.
pub fn customer_visible(actor: &Actor, c: &Customer) -> bool {
    let own = actor.customer_id.as_deref();
    match actor.role {
        Role::Administrator => true,
        Role::Reseller => own == Some(c.customer_id.as_str()) || (own.is_some() && c.parent_id.as_deref() == own),
        Role::Customer => own == Some(c.customer_id.as_str()),
        Role::User => false,
    }
}

/// Whether the caller may change tenant `c`: an administrator every one, a reseller its
/// customers (not itself).
pub fn customer_managed(actor: &Actor, c: &Customer) -> bool {
    match actor.role {
        Role::Administrator => true,
        Role::Reseller => actor.customer_id.is_some() && c.parent_id == actor.customer_id,
        _ => false,
    }
}

/// A date `YYYY-MM-DD` as epoch seconds at midnight UTC.
pub fn parse_date(s: &str) -> Option<i64> {
    if s.len() != 10 {
        return None;
    }
    crate::clock::parse(&format!("{s} 00:00:00"))
}

/// A date `YYYY-MM-DD` or date-time `YYYY-MM-DD HH:ii:ss` as epoch seconds; a date alone is the
/// start of its day, or its last second when `end_of_day`.
pub fn parse_when(s: &str, end_of_day: bool) -> Option<i64> {
    let s = s.trim();
    if s.len() == 10 {
        parse_date(s).map(|t| if end_of_day { t + 86_399 } else { t })
    } else {
        crate::clock::parse(s)
    }
}

/// First, middle and last name joined by single spaces.
pub fn full_name(first: &str, middle: &str, last: &str) -> String {
    [first, middle, last].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}
