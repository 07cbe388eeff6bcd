//! Wall times in IANA zones (`chrono-tz`): a conference's `start` is `YYYY-MM-DD HH:MM:SS` in its
//! `time_zone`; the history routes answer times in the zone the request names (default UTC).

use super::Error;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The wall-time format of the API.
pub const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// The zone named `name` (422 "Invalid time zone" if the IANA database has none).
pub fn zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| Error::invalid("Invalid time zone"))
}

/// The instant (Unix seconds) of wall time `start` in `tz`: 422 if it is not
/// `YYYY-MM-DD HH:MM:SS` or does not exist there (a daylight-saving gap); an ambiguous time
/// (the hour repeated in autumn) is the earlier one.
pub fn parse_local(start: &str, tz: Tz) -> Result<i64, Error> {
    let naive = NaiveDateTime::parse_from_str(start, FORMAT)
        .map_err(|_| Error::invalid("start must be YYYY-MM-DD HH:MM:SS"))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.timestamp())
        .ok_or_else(|| Error::invalid("start does not exist in time_zone"))
}

/// Unix seconds `at` as wall time in `tz`.
pub fn format_in(at: i64, tz: Tz) -> String {
    utc(at).with_timezone(&tz).format(FORMAT).to_string()
}

/// The date (`YYYY-MM-DD`) of `at` in `tz`.
pub fn date_in(at: i64, tz: Tz) -> NaiveDate {
    utc(at).with_timezone(&tz).date_naive()
}

/// A `YYYY-MM-DD` filter value (422 naming the field otherwise).
pub fn parse_date(value: &str, field: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| Error::invalid(format!("{field} must be YYYY-MM-DD")))
}

/// ISO 8601 with offset, UTC (`created_at` of drive files).
pub fn iso(at: i64) -> String {
    utc(at).format("%Y-%m-%dT%H:%M:%S.000Z").to_string()
}

fn utc(at: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(at, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_time_round_trips_across_zones() {
        let tz = zone("America/Toronto").unwrap();
        let at = parse_local("2020-09-19 13:00:00", tz).unwrap();
        assert_eq!(format_in(at, zone("UTC").unwrap()), "2020-09-19 17:00:00");
        assert_eq!(format_in(at + 3600, tz), "2020-09-19 14:00:00");
        assert_eq!(zone("Mars/Olympus"), Err(Error::invalid("Invalid time zone")));
        // 02:30 does not exist in Toronto on the spring-forward night.
        assert!(parse_local("2021-03-14 02:30:00", tz).is_err());
        assert!(parse_local("2021-03-14", tz).is_err());
    }
}
