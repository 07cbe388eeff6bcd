//! Every input reader and the request builders of the main areas on arbitrary JSON: a built
//! request's path stays on its route (each id segment one encoded segment, never `.`/`..`, no
//! raw `/ ? #`), its query string is encoded, and no header or form part name holds CR/LF.
//! The JSON's `id` (a string) fills the id segments, its `input` (else the value itself) is the
//! caller's input object; the selector byte picks the builder.

use serde_json::Value;
use ucaas_client::api::{
    self, auth, branding, contacts, customers, groups, list, lobby, meetings, reports, sessions, subscriptions, users,
    Input, Request, Route,
};
use ucaas_client::shape::loose;

const NOW_MS: i64 = 1_900_000_000_000;

/// Builds one request from `data`; panics when a built request leaves its route.
pub fn check(data: &[u8]) {
    let Some((selector, v)) = crate::selector_and_json(data) else { return };
    let id = v.get("id").and_then(Value::as_str).unwrap_or_default();
    let input = v.get("input").unwrap_or(&v);
    let text = |key| v.get(key).and_then(Value::as_str).unwrap_or_default();
    match selector % 24 {
        0 => built(meetings::schedule(read(input), NOW_MS), &meetings::SCHEDULE),
        1 => built(meetings::update(id, read(input), NOW_MS), &meetings::UPDATE),
        2 => built(meetings::get(id), &meetings::GET),
        3 => built(meetings::cancel(id), &meetings::CANCEL),
        4 => listed(input, &meetings::LIST_ROUTE),
        5 => built(lobby::add(id, &read(input)), &lobby::ADD),
        6 => built(lobby::update(id, &read(input)), &lobby::UPDATE),
        7 => built(branding::get(read(input)), &branding::GET),
        8 => built(branding::set_meeting(id, &read(input)), &branding::SET_MEETING),
        9 => built(sessions::join(read(input)), &sessions::JOIN),
        10 => built(sessions::invite(read(input)), &sessions::INVITE),
        11 => built(auth::login(text("email"), text("password")), &auth::LOGIN),
        12 => built(auth::reset_password(id, read(input)), &auth::RESET_PASSWORD),
        13 => built(auth::validate_reset_key(id), &auth::VALIDATE_RESET_KEY),
        14 => built(contacts::add(&read(input)), &contacts::ADD),
        15 => built(contacts::update(id, &read(input)), &contacts::UPDATE),
        16 => built(groups::add_members(id, &loose(input, "contact_ids")), &groups::ADD_MEMBERS),
        17 => built(users::update(id, &read(input)), &users::UPDATE),
        18 => built(users::assign_license(id, &read(input)), &users::ASSIGN_LICENSE),
        19 => built(reports::cdr(input), &reports::CDR),
        20 => built(customers::update(id, &read(input)), &customers::UPDATE),
        21 => built(subscriptions::add(&read(input), NOW_MS), &subscriptions::ADD),
        22 => {
            for spec in [&contacts::LIST, &customers::LIST, &groups::LIST, &subscriptions::LIST, &users::LIST] {
                listed(input, spec);
            }
        }
        _ => listed(input, &reports::SESSIONS),
    }
}

/// An input read by its reader; a reader's own error is fine (a typed error, not a panic), the
/// builder then sees the default input.
fn read<I: Input + Default>(v: &Value) -> I {
    I::read(v).unwrap_or_default()
}

fn listed(v: &Value, spec: &list::ListSpec) {
    if let Ok(q) = list::check(Some(v), spec) {
        let req = list::request(spec, &q);
        assert_eq!(req.path, spec.path, "a list request's path is its route's");
        request_is_clean(&req);
    }
}

fn built<B>(req: Result<Request<B>, ucaas_client::Error>, route: &Route) {
    let Ok(req) = req else { return };
    assert_eq!(req.method, route.method);
    on_route(&req.path, route);
    request_is_clean(&req);
}

/// `path` is `route` with each `{id}` one segment: unreserved characters and `%XX` only, not
/// `.` or `..`, and once decoded still without `/ \ ? #`, control characters, `.` or `..`.
fn on_route(path: &str, route: &Route) {
    let mut rest =
        path.strip_prefix(route.pieces[0]).unwrap_or_else(|| panic!("{path} is not on {}", route.template()));
    for piece in &route.pieces[1..] {
        let end = if piece.is_empty() { rest.len() } else { rest.find(piece).unwrap_or(rest.len()) };
        let (segment, after) = rest.split_at(end);
        let decoded = percent_decoded(segment);
        let plain = segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b));
        let one = !decoded.iter().any(|b| b"/\\?#".contains(b) || *b < 0x20 || *b == 0x7f);
        let dots = |s: &[u8]| s.is_empty() || s == b"." || s == b"..";
        assert!(
            plain && one && !dots(segment.as_bytes()) && !dots(&decoded),
            "{path}: segment {segment:?} leaves {}",
            route.template()
        );
        rest = after.strip_prefix(piece).unwrap_or_else(|| panic!("{path} is not on {}", route.template()));
    }
    assert!(rest.is_empty(), "{path} is longer than {}", route.template());
}

fn percent_decoded(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(b.get(i + 1)), hex(b.get(i + 2))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn request_is_clean<B>(req: &Request<B>) {
    let query = req.query_string();
    assert!(
        query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)),
        "query string not encoded: {query}"
    );
    for (k, v) in &req.headers {
        assert!(!k.contains(['\r', '\n']) && !v.contains(['\r', '\n']), "header {k}: {v:?}");
    }
    if let Some(form) = &req.form {
        for (name, _) in &form.fields {
            assert!(!name.contains(['\r', '\n', '"']), "form part name {name:?}");
        }
        for part in &form.files {
            assert!(!part.name.contains(['\r', '\n', '"']), "file part name {:?}", part.name);
        }
    }
    let _ = api::encode_component(&req.path);
}
