//! The base URL rule of the Rust client, and what may be said of a URL in an error.
//!
//! The rule is `baseUrlOption` of js/runtime.js (docs/decisions.md, "Base URL check in
//! JavaScript": the wasm build keeps it in JavaScript for size); natively there is no JavaScript
//! to ask, so it is written here too, on the same texts.

use crate::error::Error;

/// `raw` trimmed, its scheme lower-cased and its trailing slashes removed, if it is an http(s)
/// URL with a host and without userinfo, query, fragment, whitespace, control characters or
/// backslash; else the error naming `baseUrl` (never repeating it: it might hold a key).
pub(super) fn base_url(raw: &str) -> Result<String, Error> {
    let fail = || {
        Error::invalid(
            "baseUrl",
            "baseUrl must be an http(s) URL with a host, e.g. https://api.enablex.io/ucaas/v1, and without a user \
             name, password, query, fragment, whitespace or backslash.",
        )
    };
    let text = raw.trim();
    let lower = text.to_ascii_lowercase();
    let scheme = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s)).ok_or_else(fail)?;
    let rest = &text[scheme.len()..];
    let authority = rest.split('/').next().unwrap_or_default();
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\');
    let host = authority.rsplit_once(':').map_or(authority, |(host, _port)| host);
    if text.chars().any(bad_char) || authority.contains('@') || host.is_empty() {
        return Err(fail());
    }
    Ok(format!("{scheme}{}", rest.trim_end_matches('/')).trim_end_matches('/').to_owned())
}

/// A transport's error text without any URL userinfo (`//user:key@`), as `scrub` in
/// js/runtime.js.
pub(super) fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("//") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find(|c: char| c == '/' || c.is_whitespace()).unwrap_or(rest.len());
        if let Some(userinfo) = rest[..end].find('@') {
            rest = &rest[userinfo + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_as_the_js_client_judges_them() {
        for (raw, out) in [
            ("https://api.enablex.io/ucaas/v1", "https://api.enablex.io/ucaas/v1"),
            (" HTTP://127.0.0.1:8080/ucaas/v1// ", "http://127.0.0.1:8080/ucaas/v1"),
            ("https://h", "https://h"),
        ] {
            assert_eq!(base_url(raw).unwrap(), out, "{raw:?}");
        }
        for raw in [
            "",
            "ftp://h",
            "https://",
            "https:///x",
            "https://:80",
            "https://u:secret@h/x",
            "https://h/x?key=1",
            "https://h/x#f",
            "https://h/a b",
            "https://h\\x",
            "https://h/\tx",
        ] {
            let e = base_url(raw).unwrap_err();
            assert_eq!(e.field, Some("baseUrl"), "{raw:?}");
            assert!(!e.message.contains("secret"), "{raw:?} repeated");
        }
    }

    #[test]
    fn scrub_removes_userinfo_only() {
        assert_eq!(scrub("error sending to http://u:k@h:1/x: refused"), "error sending to http://h:1/x: refused");
        assert_eq!(scrub("http://h/a@b"), "http://h/a@b");
        assert_eq!(scrub("no url"), "no url");
    }
}
