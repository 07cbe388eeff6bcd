//! The `schedule` of a recurring conference: the document's subset of iCalendar RRULE, checked
//! with the document's error texts (the schedule-rule table at its end). Only the master
//! conference is kept; its occurrences are not expanded.

use super::Error;

const DAYS: &[&str] = &["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// `rule` if it is a rule the API takes, normalised (`KEY=VALUE` joined by `;`, keys upper
/// case); else 422 with the document's text.
pub fn check(rule: &str) -> Result<String, Error> {
    let parse = |detail: String| Error::invalid(format!("Failed to parse the schedule rule. {detail}"));
    let mut freq = None;
    let mut by_day: Option<Vec<String>> = None;
    let mut by_month_day: Option<Vec<String>> = None;
    let mut parts = Vec::new();
    for part in rule.trim().trim_start_matches("RRULE:").split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').ok_or_else(|| parse(format!("`{part}` is not KEY=VALUE")))?;
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim().to_ascii_uppercase();
        let list = || value.split(',').map(str::to_string).collect::<Vec<_>>();
        match key.as_str() {
            "FREQ" => freq = Some(value.clone()),
            "INTERVAL" | "COUNT" => {
                if !value.parse::<u32>().is_ok_and(|n| n > 0) {
                    return Err(parse(format!("{key} must be a positive integer")));
                }
            }
            "UNTIL" => {
                if chrono::NaiveDate::parse_from_str(&value, "%Y%m%d").is_err() {
                    return Err(parse("UNTIL must be a date, YYYYMMDD".into()));
                }
            }
            "BYDAY" => by_day = Some(list()),
            "BYMONTHDAY" => by_month_day = Some(list()),
            _ => return Err(parse(format!("{key} is not supported"))),
        }
        parts.push(format!("{key}={value}"));
    }
    let freq = freq.ok_or_else(|| Error::invalid("Schedule FREQ must be DAILY, WEEKLY or MONTHLY"))?;
    match freq.as_str() {
        "DAILY" => {}
        "WEEKLY" => {
            let days = by_day.ok_or_else(|| Error::invalid("Schedule WEEKLY must include BYDAY"))?;
            if let Some(bad) = days.iter().find(|d| !DAYS.contains(&d.as_str())) {
                return Err(parse(format!("BYDAY `{bad}` is not a day")));
            }
        }
        "MONTHLY" => match (by_day, by_month_day) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid("Schedule MONTHLY supports BYDAY or BYMONTHDAY, cannot use both"))
            }
            (None, None) => return Err(Error::invalid("Schedule MONTHLY must include BYDAY or BYMONTHDAY")),
            (Some(days), None) => {
                if days.len() > 1 {
                    return Err(Error::invalid("Schedule MONTHLY BYDAY only supports one item"));
                }
                let day = &days[0];
                let (week, name) = day.split_at(day.len().saturating_sub(2));
                if !DAYS.contains(&name) {
                    return Err(parse(format!("BYDAY `{day}` is not a day")));
                }
                if !week.parse::<i32>().is_ok_and(|w| w != 0 && (-5..=5).contains(&w)) {
                    return Err(Error::invalid("Schedule MONTHLY BYDAY must include number and day"));
                }
            }
            (None, Some(days)) => {
                if days.len() > 1 {
                    return Err(Error::invalid("Schedule MONTHLY BYMONTHDAY only supports one item"));
                }
                if !days[0].parse::<i32>().is_ok_and(|d| d != 0 && (-31..=31).contains(&d)) {
                    return Err(parse("BYMONTHDAY must be a day of the month, 1 to 31 or -1 to -31".into()));
                }
            }
        },
        _ => return Err(Error::invalid("Schedule FREQ must be DAILY, WEEKLY or MONTHLY")),
    }
    Ok(parts.join(";"))
}

#[cfg(test)]
mod tests {
    use super::check;

    fn message(rule: &str) -> String {
        check(rule).unwrap_err().message
    }

    #[test]
    fn the_documents_examples_pass() {
        for rule in [
            "FREQ=DAILY;INTERVAL=2",
            "FREQ=DAILY;UNTIL=20211231",
            "FREQ=WEEKLY;COUNT=10;BYDAY=MO,WE",
            "FREQ=MONTHLY;COUNT=10;INTERVAL=2;BYDAY=2WE",
            "FREQ=MONTHLY;COUNT=10;INTERVAL=1;BYDAY=-1FR",
            "FREQ=MONTHLY;COUNT=10;INTERVAL=1;BYMONTHDAY=10",
            "FREQ=MONTHLY;BYMONTHDAY=-3",
        ] {
            assert_eq!(check(rule).as_deref(), Ok(rule), "{rule}");
        }
    }

    #[test]
    fn the_documents_errors() {
        assert_eq!(message("FREQ=YEARLY"), "Schedule FREQ must be DAILY, WEEKLY or MONTHLY");
        assert_eq!(message("INTERVAL=2"), "Schedule FREQ must be DAILY, WEEKLY or MONTHLY");
        assert_eq!(message("FREQ=WEEKLY;COUNT=3"), "Schedule WEEKLY must include BYDAY");
        assert_eq!(message("FREQ=MONTHLY;BYDAY=2WE,3TH"), "Schedule MONTHLY BYDAY only supports one item");
        assert_eq!(message("FREQ=MONTHLY;BYMONTHDAY=1,15"), "Schedule MONTHLY BYMONTHDAY only supports one item");
        assert_eq!(
            message("FREQ=MONTHLY;BYDAY=2WE;BYMONTHDAY=3"),
            "Schedule MONTHLY supports BYDAY or BYMONTHDAY, cannot use both"
        );
        assert_eq!(message("FREQ=MONTHLY;BYDAY=WE"), "Schedule MONTHLY BYDAY must include number and day");
        assert_eq!(message("FREQ=MONTHLY;COUNT=2"), "Schedule MONTHLY must include BYDAY or BYMONTHDAY");
        assert!(message("FREQ=DAILY;INTERVAL=x").starts_with("Failed to parse the schedule rule."));
        assert!(message("FREQ").starts_with("Failed to parse the schedule rule."));
        assert!(message("FREQ=DAILY;BYHOUR=3").starts_with("Failed to parse the schedule rule."));
    }
}
