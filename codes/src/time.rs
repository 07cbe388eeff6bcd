//! The API's timestamp format, `YYYY-MM-DD HH:ii:ss` in UTC, shared by the client (which
//! writes it) and the emulator (which reads and writes it).
//!
//! ```
//! use ucaas_codes::time;
//! assert_eq!(time::format(0), "1970-01-01 00:00:00");
//! assert_eq!(time::parse("2000-02-29 23:59:59"), Some(951_868_799));
//! assert_eq!(time::parse("2001-02-29 00:00:00"), None);
//! ```

/// Formats epoch seconds as `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn format(ts: i64) -> String {
    let (days, secs) = (ts.div_euclid(86_400), ts.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    // By hand, not `format!`: a wasm client that links this would otherwise carry the integer
    // padding code of `core::fmt` for it alone.
    let mut out = String::with_capacity(19);
    for (value, width, sep) in [(y, 4, '-'), (m, 2, '-'), (d, 2, ' '), (secs / 3600, 2, ':'), (secs / 60 % 60, 2, ':')]
    {
        push_digits(&mut out, value, width);
        out.push(sep);
    }
    push_digits(&mut out, secs % 60, 2);
    out
}

/// `value` (0..10^width; a year outside 0..=9999 is written modulo 10^4) in exactly `width`
/// digits.
fn push_digits(out: &mut String, value: i64, width: u32) {
    for place in (0..width).rev() {
        let digit = value.rem_euclid(10_i64.pow(place + 1)) / 10_i64.pow(place);
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Parses `YYYY-MM-DD HH:MM:SS` (UTC) into epoch seconds; `None` if malformed or out of range.
pub fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    // Bytes, not `&s[r]`: string slicing links in `core`'s char-boundary panic and its `Debug`
    // formatting, which a wasm client would carry for this alone. The shape check above made
    // every byte read here a digit.
    let num = |r: std::ops::Range<usize>| b.get(r).map(|ds| ds.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')));
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let days_in_month = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month[(mo - 1) as usize] || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

// Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for ts in [0, 951_782_400, 1_700_000_000, 4_102_444_799] {
            assert_eq!(parse(&format(ts)), Some(ts));
        }
        assert_eq!(format(0), "1970-01-01 00:00:00");
        assert_eq!(parse("2024-02-29 12:00:00").map(format).as_deref(), Some("2024-02-29 12:00:00"));
    }

    #[test]
    fn rejects_bad_dates() {
        for s in ["2023-02-29 00:00:00", "2024-13-01 00:00:00", "2024-01-01T00:00:00", "2024-1-01 00:00:00", ""] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
