//! Fault injection for tests: per route pattern, added latency, a fraction of 500s, truncated
//! bodies, dropped connections (before the handler runs, or after it ran: `reset_after`), an HTML
//! error page or a panicking handler. Every fault is bounded by a count of
//! matching requests or an expiry, so a forgotten fault cannot poison later tests.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A fault as `POST /__emulator/faults` takes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Glob over the request path (`*` matches anything, `/` included), with or without `/ucaas/v1`.
    pub route: String,
    /// Only this HTTP method (default: any).
    #[serde(default)]
    pub method: Option<String>,
    /// Delay before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// Fraction (0–1) of matching requests answered with a JSON 500.
    #[serde(default)]
    pub error_rate: f64,
    /// Answer the real response with its body cut in half (Content-Length matches the cut body).
    #[serde(default)]
    pub truncate: bool,
    /// Close the connection without any answer, before the handler runs (nothing changes).
    #[serde(default)]
    pub drop: bool,
    /// Run the handler (its change is made), then close the connection without its answer: the
    /// case where a client cannot know whether a write happened, so must not send it again.
    #[serde(default)]
    pub reset_after: bool,
    /// Answer a non-JSON HTML error page (status `html_status`).
    #[serde(default)]
    pub html: bool,
    /// Panic where the handler would run (before it runs): the API's JSON 500.
    #[serde(default)]
    pub panic: bool,
    /// Status of the HTML page (default 502).
    #[serde(default)]
    pub html_status: Option<u16>,
    /// Applies to this many matching requests (default 1 when no expiry is given).
    #[serde(default)]
    pub count: Option<u64>,
    /// Applies until this many milliseconds from now.
    #[serde(default)]
    pub expires_in_ms: Option<u64>,
}

/// An active fault.
#[derive(Debug, Clone, Serialize)]
pub struct Fault {
    /// Id, for `DELETE /__emulator/faults/{id}`.
    pub id: u64,
    /// Route glob.
    pub route: String,
    /// Method filter.
    pub method: Option<String>,
    /// Delay.
    pub latency_ms: u64,
    /// Fraction of 500s.
    pub error_rate: f64,
    /// Truncated bodies.
    pub truncate: bool,
    /// Dropped connections (before the handler).
    pub drop: bool,
    /// Connections reset after the handler ran.
    pub reset_after: bool,
    /// HTML error page.
    pub html: bool,
    /// Panicking handler.
    pub panic: bool,
    /// Status of the HTML page.
    pub html_status: u16,
    /// Matching requests left (None: until expiry).
    pub remaining: Option<u64>,
    /// Milliseconds left until expiry (None: until the count runs out).
    pub expires_in_ms: Option<u64>,
    #[serde(skip)]
    expires_at: Option<Instant>,
}

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Answer normally.
    Pass,
    /// JSON 500.
    Error,
    /// Cut the body.
    Truncate,
    /// Close the connection (the handler does not run).
    Drop,
    /// Run the handler, then close the connection without its answer.
    ResetAfter,
    /// HTML page with this status.
    Html(u16),
    /// The handler panics.
    Panic,
}

/// The faults in force.
#[derive(Debug, Default)]
pub struct Faults {
    // Checked first so the hot path takes no lock while no fault is set.
    any: AtomicBool,
    next_id: AtomicU64,
    list: Mutex<Vec<Fault>>,
}

impl FaultSpec {
    /// Checks the spec and makes it an active fault.
    fn into_fault(self, id: u64) -> Result<Fault, String> {
        if self.route.is_empty() {
            return Err("route must not be empty".into());
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Err("error_rate must be between 0 and 1".into());
        }
        let status = self.html_status.unwrap_or(502);
        if !(400..=599).contains(&status) {
            return Err("html_status must be 400-599".into());
        }
        let remaining = match (self.count, self.expires_in_ms) {
            (Some(0), _) => return Err("count must be at least 1".into()),
            (None, None) => Some(1),
            (count, _) => count,
        };
        Ok(Fault {
            id,
            route: self.route,
            method: self.method.map(|m| m.to_ascii_uppercase()),
            latency_ms: self.latency_ms.min(60_000),
            error_rate: self.error_rate,
            truncate: self.truncate,
            drop: self.drop,
            reset_after: self.reset_after,
            html: self.html,
            panic: self.panic,
            html_status: status,
            remaining,
            expires_in_ms: self.expires_in_ms,
            expires_at: self.expires_in_ms.map(|ms| Instant::now() + Duration::from_millis(ms)),
        })
    }
}

impl Faults {
    /// Adds a fault; returns it as stored.
    pub fn add(&self, spec: FaultSpec) -> Result<Fault, String> {
        let fault = spec.into_fault(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)?;
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        list.push(fault.clone());
        self.any.store(true, Ordering::Release);
        Ok(fault)
    }

    /// The faults in force, with what is left of them.
    pub fn list(&self) -> Vec<Fault> {
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        prune(&mut list);
        let now = Instant::now();
        list.iter()
            .cloned()
            .map(|mut f| {
                f.expires_in_ms = f.expires_at.map(|t| t.saturating_duration_since(now).as_millis() as u64);
                f
            })
            .collect()
    }

    /// Removes one fault; whether it existed.
    pub fn remove(&self, id: u64) -> bool {
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let before = list.len();
        list.retain(|f| f.id != id);
        self.any.store(!list.is_empty(), Ordering::Release);
        list.len() != before
    }

    /// Removes every fault.
    pub fn clear(&self) {
        self.list.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.any.store(false, Ordering::Release);
    }

    /// The latency and outcome for a request, using up one count of the first matching fault.
    pub fn take(&self, method: &str, path: &str) -> Option<(Duration, Outcome)> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        prune(&mut list);
        self.any.store(!list.is_empty(), Ordering::Release);
        let fault = list.iter_mut().find(|f| f.matches(method, path))?;
        if let Some(n) = &mut fault.remaining {
            *n -= 1;
        }
        let outcome = fault.outcome();
        let latency = Duration::from_millis(fault.latency_ms);
        prune(&mut list);
        Some((latency, outcome))
    }
}

impl Fault {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|m| m == method);
        let short = path.strip_prefix("/ucaas/v1").unwrap_or(path);
        method_ok && (glob(&self.route, path) || glob(&self.route, short))
    }

    fn outcome(&self) -> Outcome {
        if self.panic {
            Outcome::Panic
        } else if self.drop {
            Outcome::Drop
        } else if self.reset_after {
            Outcome::ResetAfter
        } else if self.html {
            Outcome::Html(self.html_status)
        } else if self.error_rate > 0.0 && random_unit() < self.error_rate {
            Outcome::Error
        } else if self.truncate {
            Outcome::Truncate
        } else {
            Outcome::Pass
        }
    }
}

/// Drops faults whose count ran out or whose time is up.
fn prune(list: &mut Vec<Fault>) {
    let now = Instant::now();
    list.retain(|f| f.remaining != Some(0) && f.expires_at.is_none_or(|t| t > now));
}

/// A uniform number in [0, 1).
fn random_unit() -> f64 {
    let n = u64::from_le_bytes(crate::state::random_bytes::<8>()) >> 11;
    n as f64 / (1u64 << 53) as f64
}

/// `*` matches any run of characters; everything else matches itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("/meetings/*", "/meetings/abc"));
        assert!(glob("*", "/anything/at/all"));
        assert!(glob("/meetings*", "/meetings"));
        assert!(!glob("/meetings/*", "/login"));
        assert!(glob("/a*c*e", "/abcde"));
    }

    fn spec(route: &str) -> FaultSpec {
        serde_json::from_value(serde_json::json!({ "route": route, "error_rate": 1.0, "count": 2 })).unwrap()
    }

    #[test]
    fn count_bounds_a_fault() {
        let faults = Faults::default();
        faults.add(spec("/meetings/*")).unwrap();
        assert_eq!(faults.take("GET", "/ucaas/v1/login"), None);
        assert_eq!(faults.take("GET", "/ucaas/v1/meetings/x").unwrap().1, Outcome::Error);
        assert_eq!(faults.take("GET", "/ucaas/v1/meetings/x").unwrap().1, Outcome::Error);
        assert_eq!(faults.take("GET", "/ucaas/v1/meetings/x"), None);
        assert!(faults.list().is_empty());
    }

    #[test]
    fn reset_after_comes_after_drop_and_before_the_answer_faults() {
        let faults = Faults::default();
        let add = |v: serde_json::Value| faults.add(serde_json::from_value(v).unwrap()).unwrap();
        add(serde_json::json!({ "route": "/a", "drop": true, "reset_after": true }));
        add(
            serde_json::json!({ "route": "/b", "reset_after": true, "html": true, "error_rate": 1.0, "truncate": true }),
        );
        assert_eq!(faults.take("POST", "/a").unwrap().1, Outcome::Drop);
        assert_eq!(faults.take("POST", "/b").unwrap().1, Outcome::ResetAfter);
        assert!(faults.list().is_empty());
    }
}
