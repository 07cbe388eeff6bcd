//! The code table must say what the vendor docs say: every row stands, as "CODEText", among the
//! documented code lines, and every documented code is in the table.
//!
//! The documented code lines come from the checked-in fixture `tests/fixtures/doc-codes.txt` (every
//! line of `ucaas-overview-auth.txt` and `ucaas-api-routes.txt` that starts with 4 digits and an
//! upper-case letter), so the test needs no vendor documents. `python3 scripts/extract-fixtures.py`
//! cuts it from `../shared/api-docs` (beside the clone); `--check` (a stage of `scripts/test.sh`)
//! compares it, and the table, with the documents when they are present. A doc update that rewords
//! a code: rerun `scripts/extract-fixtures.py`, then `scripts/gen-codes.py`.
//!
//! The CPaaS table (`ucaas_codes::cpaas`) is checked the same way against
//! `tests/fixtures/doc-codes-cpaas.txt` (the code lines of `cpaas-projects-api.txt`, one of which
//! has a space after its code: "1009 Services.incl …"; the table's text is what follows, trimmed).

/// The documented code lines, right-trimmed (`#` lines are the fixture's header).
fn documented() -> Vec<&'static str> {
    include_str!("fixtures/doc-codes.txt").lines().filter(|l| !l.starts_with('#')).collect()
}

#[test]
fn the_fixture_holds_code_lines() {
    let lines = documented();
    assert!(
        lines.len() >= ucaas_codes::TABLE.len(),
        "{} documented lines for {} codes",
        lines.len(),
        ucaas_codes::TABLE.len()
    );
    for line in lines {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        assert!(digits == 4 && line[4..].starts_with(|c: char| c.is_ascii_uppercase()), "not a code line: {line}");
        assert_eq!(line, line.trim_end(), "not right-trimmed: {line:?}");
    }
}

#[test]
fn every_row_stands_in_the_docs() {
    let lines = documented();
    assert!(ucaas_codes::TABLE.len() > 100, "{} rows", ucaas_codes::TABLE.len());
    for (code, text) in ucaas_codes::TABLE {
        let row = format!("{code}{text}");
        assert!(lines.contains(&row.as_str()), "not in the docs: {row}");
    }
}

#[test]
fn every_documented_row_is_in_the_table() {
    let lines = documented();
    assert!(lines.len() > 100, "{} documented lines", lines.len());
    for line in lines {
        let code: u32 = line[..4].parse().unwrap();
        assert!(ucaas_codes::message(code).is_some(), "missing from the table: {line}");
    }
}

/// The documented CPaaS code lines, right-trimmed, as printed.
fn documented_cpaas() -> Vec<&'static str> {
    include_str!("fixtures/doc-codes-cpaas.txt").lines().filter(|l| !l.starts_with('#')).collect()
}

/// A CPaaS code line as (code, text): the text is what follows the 4 digits, left-trimmed.
fn split_cpaas(line: &str) -> (u32, &str) {
    (line[..4].parse().unwrap(), line[4..].trim_start())
}

#[test]
fn the_cpaas_fixture_holds_code_lines() {
    let lines = documented_cpaas();
    assert!(
        lines.len() >= ucaas_codes::cpaas::TABLE.len(),
        "{} documented lines for {} codes",
        lines.len(),
        ucaas_codes::cpaas::TABLE.len()
    );
    for line in lines {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let rest = line[4..].strip_prefix(' ').unwrap_or(&line[4..]);
        assert!(digits == 4 && rest.starts_with(|c: char| c.is_ascii_uppercase()), "not a code line: {line}");
        assert_eq!(line, line.trim_end(), "not right-trimmed: {line:?}");
    }
}

#[test]
fn every_cpaas_row_stands_in_the_docs() {
    let lines = documented_cpaas();
    assert!(!ucaas_codes::cpaas::TABLE.is_empty());
    for &(code, text) in ucaas_codes::cpaas::TABLE {
        assert!(lines.iter().any(|l| split_cpaas(l) == (code, text)), "not in the docs: {code} {text}");
    }
}

#[test]
fn every_documented_cpaas_row_is_in_the_table() {
    let lines = documented_cpaas();
    assert!(!lines.is_empty(), "no documented CPaaS code lines");
    for line in lines {
        let (code, text) = split_cpaas(line);
        assert_eq!(ucaas_codes::cpaas::message(code), Some(text), "missing from the table: {line}");
    }
}
