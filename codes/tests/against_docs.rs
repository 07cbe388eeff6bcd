//! The code table must say what the vendor docs say: every row stands, as "CODEText", in
//! ../shared/api-docs. A doc update that rewords a code fails here; rerun scripts/gen-codes.py.

use std::path::PathBuf;

fn docs() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-docs");
    ["ucaas-overview-auth.txt", "ucaas-api-routes.txt"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).expect("read ../shared/api-docs"))
        // A file may end without a newline: keep its last line apart from the next file's first.
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_row_stands_in_the_docs() {
    let docs = docs();
    for (code, text) in ucaas_codes::TABLE {
        let row = format!("{code}{text}");
        assert!(docs.lines().any(|l| l.trim_end() == row), "not in the docs: {row}");
    }
}

#[test]
fn every_documented_row_is_in_the_table() {
    let docs = docs();
    for line in docs.lines() {
        let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &line[digits.len()..];
        if digits.len() == 4 && rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            let code: u32 = digits.parse().unwrap();
            assert!(ucaas_codes::message(code).is_some(), "missing from the table: {line}");
        }
    }
}
