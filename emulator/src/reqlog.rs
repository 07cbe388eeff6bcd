//! The request log: one stderr line per request, and a bounded in-memory list the control API
//! serves (the edge proxy's tests count upstream hits with it). Neither ever holds a secret: the
//! path is logged without its query string, and secret path segments are redacted.

use serde::Serialize;
use std::collections::VecDeque;
use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

/// How many requests the in-memory log keeps.
pub const CAPACITY: usize = 1000;

/// The status logged for a request whose client closed the connection before the answer
/// (nginx's "client closed request"): nothing was answered, and a handler not yet run never ran.
pub const CLIENT_CLOSED: u16 = 499;

/// One logged request.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Sequence number, from 1, never reused (even after a clear).
    pub seq: u64,
    /// HTTP method.
    pub method: String,
    /// Path without the query string, secrets redacted.
    pub path: String,
    /// HTTP status answered (0: connection dropped by a fault; 499, `CLIENT_CLOSED`: the client
    /// closed it before the answer).
    pub status: u16,
    /// Time to answer, milliseconds.
    pub ms: f64,
    /// When the request arrived: milliseconds since the log was made (the emulator's start), on
    /// the machine's monotonic clock, never the emulator's movable one — so the gaps between a
    /// client's attempts (its retry backoff) can be read from the log.
    pub at_ms: f64,
    /// The scheme of the `Authorization` header (`Basic`, `Token`, `Bearer`, else `other`),
    /// never its credentials: the browser suites check that no browser build sends `Basic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<&'static str>,
}

/// The bounded list of recent requests.
#[derive(Debug)]
pub struct RequestLog {
    inner: Mutex<(u64, VecDeque<Entry>)>,
    epoch: Instant,
}

impl Default for RequestLog {
    fn default() -> Self {
        RequestLog { inner: Mutex::default(), epoch: Instant::now() }
    }
}

/// What is logged of one request, besides its arrival.
#[derive(Debug, Clone, Copy)]
pub struct Answered<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// HTTP status answered (0: connection dropped by a fault; 499: the client closed it first).
    pub status: u16,
    /// Time to answer, milliseconds.
    pub ms: f64,
    /// The scheme of the `Authorization` header.
    pub auth: Option<&'static str>,
}

impl RequestLog {
    /// Records a request that arrived at `arrived`; the oldest entry goes once the log is full.
    pub fn push(&self, path: String, arrived: Instant, a: Answered<'_>) {
        let at_ms = arrived.saturating_duration_since(self.epoch).as_secs_f64() * 1000.0;
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.0 += 1;
        let seq = guard.0;
        if guard.1.len() == CAPACITY {
            guard.1.pop_front();
        }
        let Answered { method, status, ms, auth } = a;
        guard.1.push_back(Entry { seq, method: method.to_string(), path, status, ms, at_ms, auth });
    }

    /// The entries with `seq > since`, oldest first.
    pub fn since(&self, since: u64) -> Vec<Entry> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.1.iter().filter(|e| e.seq > since).cloned().collect()
    }

    /// Forgets the entries (sequence numbers go on).
    pub fn clear(&self) {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).1.clear();
    }
}

/// The path as it may be logged: reset keys in `/password/{key}` are secrets.
pub fn redact(path: &str) -> String {
    for prefix in ["/ucaas/v1/password/", "/password/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            if !rest.is_empty() {
                return format!("{prefix}{{key}}");
            }
        }
    }
    path.to_string()
}

/// The scheme of an `Authorization` value as it may be logged: one of the known names (ASCII
/// case-insensitive), else `other`, so nothing of the credentials is ever kept.
pub fn auth_scheme(value: &[u8]) -> &'static str {
    let scheme = value.split(|b| *b == b' ').next().unwrap_or_default();
    ["Basic", "Token", "Bearer"].into_iter().find(|k| scheme.eq_ignore_ascii_case(k.as_bytes())).unwrap_or("other")
}

/// Writes the per-request stderr line (one `write` call, so lines never interleave).
pub fn stderr_line(method: &str, path: &str, status: u16, ms: f64) {
    let line = format!("{method} {path} {status} {ms:.2}ms\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_reset_keys() {
        assert_eq!(redact("/ucaas/v1/password/abc123"), "/ucaas/v1/password/{key}");
        assert_eq!(redact("/ucaas/v1/password"), "/ucaas/v1/password");
        assert_eq!(redact("/ucaas/v1/meetings/x"), "/ucaas/v1/meetings/x");
    }

    #[test]
    fn keeps_the_auth_scheme_only() {
        assert_eq!(auth_scheme(b"Basic ZGVtby1hcHA6ZGVtby1rZXk="), "Basic");
        assert_eq!(auth_scheme(b"basic x"), "Basic");
        assert_eq!(auth_scheme(b"Token abc"), "Token");
        assert_eq!(auth_scheme(b"Bearer abc"), "Bearer");
        assert_eq!(auth_scheme(b"ZGVtby1hcHA6ZGVtby1rZXk="), "other");
        assert_eq!(auth_scheme(b""), "other");
    }

    #[test]
    fn is_bounded() {
        let log = RequestLog::default();
        for _ in 0..CAPACITY + 5 {
            log.push("/x".into(), Instant::now(), GET_200);
        }
        let all = log.since(0);
        assert_eq!(all.len(), CAPACITY);
        assert_eq!(all[0].seq, 6);
    }

    const GET_200: Answered<'static> = Answered { method: "GET", status: 200, ms: 0.1, auth: None };

    #[test]
    fn arrival_times_are_from_the_logs_start_and_keep_their_order() {
        let log = RequestLog::default();
        let first = Instant::now() + std::time::Duration::from_millis(250);
        log.push("/a".into(), first, GET_200);
        log.push("/b".into(), first + std::time::Duration::from_millis(400), GET_200);
        // Before the log was made counts as its start, not as a negative time.
        log.push("/c".into(), log.epoch - std::time::Duration::from_millis(5), GET_200);
        let all = log.since(0);
        assert!(all[0].at_ms >= 250.0 && all[0].at_ms < 300.0, "{}", all[0].at_ms);
        assert!((all[1].at_ms - all[0].at_ms - 400.0).abs() < 1e-6, "{}", all[1].at_ms - all[0].at_ms);
        assert_eq!(all[2].at_ms, 0.0);
    }
}
