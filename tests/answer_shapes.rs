//! The decoding table of every answer, against a checked-in baseline
//! (`tests/fixtures/answer-shapes.txt`). The tables are derived from the answer types
//! (`#[derive(Shaped)]`): a change of a type, or of the derive's rules, that changes what the
//! client decodes shows here as a diff to review. After an intended change, write the baseline
//! anew with `UCAAS_SHAPES_BASELINE=write cargo test --test answer_shapes`.

use ucaas_client::api::{answers, auth::User};
use ucaas_client::shape::{to_json, Shaped};

const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answer-shapes.txt");

#[test]
fn every_answer_table_is_the_baseline() {
    let tables = answers().chain([("User", User::SHAPE)]);
    // By name: the order areas are listed in is no change.
    let mut lines: Vec<String> = tables.map(|(name, shape)| format!("{name} {}", to_json(shape))).collect();
    lines.sort();
    let now = lines.join("\n") + "\n";
    if std::env::var("UCAAS_SHAPES_BASELINE").as_deref() == Ok("write") {
        std::fs::write(BASELINE, &now).unwrap();
        return;
    }
    let baseline = std::fs::read_to_string(BASELINE).unwrap();
    for (was, is) in baseline.lines().zip(now.lines()) {
        assert_eq!(was, is, "an answer's table changed (UCAAS_SHAPES_BASELINE=write to accept it)");
    }
    assert_eq!(baseline.lines().count(), now.lines().count(), "answer types were added or removed");
}
