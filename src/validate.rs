//! Checks shared by several API areas, and the UTC time format of the wire.
//!
//! Each check returns the documented error code for its failure, so a form can show the same
//! text the server would have sent, before anything is sent.

use crate::error::Error;
use crate::loose::Loose;
use ucaas_codes::{code, Code};

/// Checks that `s` looks like an email address (one `@`, a dot in the domain, no spaces, at most
/// 254 characters). `code` is the documented code to report, if the route documents one.
pub fn email(s: &str, field: &'static str, code: Option<Code>) -> Result<(), Error> {
    let fail = || match code {
        Some(code) => Error::validation(code, field),
        None => Error::invalid(field, "A valid email address is required."),
    };
    let (local, domain) = s.split_once('@').ok_or_else(fail)?;
    let well_formed = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.len() <= 254
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed {
        Ok(())
    } else {
        Err(fail())
    }
}

/// A meeting PIN: 6 to 10 characters (2107).
pub fn pin(pin: &str) -> Result<(), Error> {
    let n = pin.chars().count();
    if (6..=10).contains(&n) && !pin.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(Error::validation(code!(2107), "pin"))
    }
}

/// A loose optional string input: absent, or a string (trimmed; empty counts as absent).
pub fn opt_text(v: &Loose, field: &'static str, code: Option<Code>) -> Result<Option<String>, Error> {
    match v {
        Loose::Null => Ok(None),
        Loose::Str(s) if s.trim().is_empty() => Ok(None),
        Loose::Str(s) => Ok(Some(s.trim().to_owned())),
        _ => Err(match code {
            Some(code) => Error::validation(code, field),
            None => Error::invalid(field, format!("{field} must be a string.")),
        }),
    }
}

/// A loose optional boolean input: absent, or `true`/`false` proper (`code` otherwise).
pub fn opt_flag(v: &Loose, field: &'static str, code: Code) -> Result<Option<bool>, Error> {
    match v {
        Loose::Null => Ok(None),
        Loose::Bool(b) => Ok(Some(*b)),
        _ => Err(Error::validation(code, field)),
    }
}

/// A loose list of strings: absent, or an array whose every item is a string (`code` otherwise).
pub fn opt_string_list(v: &Loose, field: &'static str, code: Code) -> Result<Option<Vec<String>>, Error> {
    match v {
        Loose::Null => Ok(None),
        Loose::List(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| Error::validation(code, field)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        _ => Err(Error::validation(code, field)),
    }
}

/// The error of a failed check: the documented `code`, or (`Code::NONE`: the docs give none) a
/// plain validation error naming `field`.
pub fn fail(code: Code, field: &'static str) -> Error {
    if code == Code::NONE {
        Error::invalid(field, format!("{field} is not valid."))
    } else {
        Error::validation(code, field)
    }
}

/// A text input: absent (`required` code if it must be given, `Code::NONE` for one without a
/// documented code), a string (`invalid` otherwise), at least `min.0` (code `min.1`) and at most
/// `max.0` characters (code `max.1`; 0 for no bound).
pub fn text(
    v: &Loose,
    field: &'static str,
    required: Option<Code>,
    invalid: Code,
    min: (usize, Code),
    max: (usize, Code),
) -> Result<Option<String>, Error> {
    let Some(t) = opt_text(v, field, Some(invalid)).map_err(|_| fail(invalid, field))? else {
        return match required {
            Some(code) => Err(fail(code, field)),
            None => Ok(None),
        };
    };
    let n = t.chars().count();
    if n < min.0 {
        return Err(fail(min.1, field));
    }
    if max.0 > 0 && n > max.0 {
        return Err(fail(max.1, field));
    }
    Ok(Some(t))
}

/// One of `allowed`, if given (`code` otherwise).
pub fn one_of(v: &Loose, field: &'static str, allowed: &[&str], code: Code) -> Result<Option<String>, Error> {
    match text(v, field, None, code, (0, Code::NONE), (0, Code::NONE))? {
        Some(s) if allowed.contains(&s.as_str()) => Ok(Some(s)),
        Some(_) => Err(fail(code, field)),
        None => Ok(None),
    }
}

/// A URL: `https://` (or, unless `https_only`, `http://`) and a host, no spaces.
pub fn url(s: &str, https_only: bool) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| if https_only { None } else { s.strip_prefix("http://") });
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Milliseconds since the Unix epoch of a wire time `YYYY-MM-DD HH:ii:ss` (UTC). Also reads the
/// ISO form `YYYY-MM-DDTHH:ii:ss` with an optional `Z` / `.000Z`, and a date alone (midnight),
/// which users type; all become the wire form, read by the emulator's own strict parser.
pub fn parse_utc(s: &str) -> Option<i64> {
    let s = s.trim().trim_end_matches('Z');
    let s = s.split_once('.').map_or(s, |(head, _)| head);
    // `get`, not `&s[..10]`: no char-boundary panic path (and its formatting) in the wasm build.
    let wire = match s.len() {
        10 => [s, " 00:00:00"].concat(),
        19 if s.as_bytes()[10] == b'T' => [s.get(..10)?, " ", s.get(11..)?].concat(),
        _ => s.to_owned(),
    };
    ucaas_codes::time::parse(&wire).filter(|secs| *secs >= 0).map(|secs| secs * 1000)
}

/// The wire form `YYYY-MM-DD HH:ii:ss` (UTC) of a Unix time in milliseconds.
pub fn format_utc(ms: i64) -> String {
    ucaas_codes::time::format(ms.div_euclid(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@sub.example.test"] {
            assert!(email(ok, "email", None).is_ok(), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.co", "a@b.co.", "a b@c.co", "a@b@c.co"] {
            assert!(email(bad, "email", Some(code!(2209))).is_err(), "{bad}");
        }
        assert_eq!(email("x", "invitees", Some(code!(2209))).unwrap_err().code, Some(2209));
    }

    #[test]
    fn text_rules() {
        let t = |v: Loose| {
            text(&v, "name", Some(code!(1711)), code!(1714), (3, code!(1712)), (5, code!(1713))).map_err(|e| e.code)
        };
        assert_eq!(t(Loose::Null), Err(Some(1711)));
        assert_eq!(t(Loose::Str("  ".into())), Err(Some(1711)));
        assert_eq!(t(Loose::Num(1.0)), Err(Some(1714)));
        assert_eq!(t(Loose::Str("ab".into())), Err(Some(1712)));
        assert_eq!(t(Loose::Str("abcdef".into())), Err(Some(1713)));
        assert_eq!(t(Loose::Str(" abc ".into())), Ok(Some("abc".into())));
        assert_eq!(
            text(&Loose::Null, "x", Some(Code::NONE), Code::NONE, (0, Code::NONE), (0, Code::NONE)).unwrap_err().field,
            Some("x")
        );
        assert_eq!(one_of(&Loose::Str("Z".into()), "status", &["A", "S"], code!(1191)).unwrap_err().code, Some(1191));
        assert!(url("https://a.test/x.png", true) && url("http://a.test", false));
        assert!(
            !url("http://a.test", true)
                && !url("https://", false)
                && !url("https://a b", false)
                && !url("ftp://a", false)
        );
    }

    #[test]
    fn pins_are_six_to_ten_characters() {
        assert!(pin("123456").is_ok());
        assert!(pin("1234567890").is_ok());
        assert_eq!(pin("12345").unwrap_err().code, Some(2107));
        assert!(pin("12345678901").is_err());
        assert!(pin("123 456").is_err());
    }

    #[test]
    fn utc_round_trips() {
        for s in ["1970-01-01 00:00:00", "2000-02-29 23:59:59", "2026-11-25 11:31:52", "2100-12-31 00:00:01"] {
            assert_eq!(format_utc(parse_utc(s).unwrap()), s);
        }
        assert_eq!(parse_utc("1970-01-01 00:00:01"), Some(1000));
        assert_eq!(parse_utc("2026-11-25T11:31:52.123Z"), parse_utc("2026-11-25 11:31:52"));
        assert_eq!(parse_utc("2026-11-25"), parse_utc("2026-11-25 00:00:00"));
        assert_eq!(parse_utc(" 2026-11-25 11:31:52 "), parse_utc("2026-11-25 11:31:52"));
    }

    #[test]
    fn utc_rejects_malformed() {
        for bad in [
            "",
            "YYYY-MM-DD HH:ii:ss",
            "2026-02-29 00:00:00",
            "2026-13-01 00:00:00",
            "2026-01-01 24:00:00",
            "2026/01/01",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }
}
