//! Every "Example Response" / "Response Example" the vendor docs print for the routes this crate
//! covers decodes with the crate's own types.
//!
//! The examples come from the checked-in fixture `tests/fixtures/doc-examples.json`, so the test
//! needs no vendor documents. `python3 scripts/extract-fixtures.py` cut them from the doc files
//! (`../shared/api-docs/`, beside the clone; rerun it after a doc update): each section located by
//! its heading, each example cut out as a balanced-brace JSON block, raw as printed, in both
//! renderings: multi-line JSON (`ucaas-api-routes.txt`) and one-line JSON
//! (`ucaas-meetings-lobby-polls.txt`); `ucaas-overview-auth.txt` adds the generic success and error
//! JSON. The script is the one implementation of that cutting; its section list must be [`SPECS`]'s
//! (checked here). `python3 scripts/extract-fixtures.py --check` (a stage of `scripts/test.sh`)
//! compares the fixture with the documents when they are present, and says "not run" when not.
//!
//! A few examples are not valid JSON as printed. The crate does not accept invalid JSON (servers
//! send valid JSON); instead this test applies small named repairs ([`Repair`]) and asserts that
//! each example needed exactly the repairs listed for it, so a doc that gets fixed, or a new typo,
//! fails the test once the fixture is regenerated (and `--check` fails until it is). `docs/doc-example-repairs.md` lists the repairs.

use serde_json::Value;
use std::collections::BTreeMap;
use ucaas_client::api::auth::{LoginAnswer, PasswordAnswer};
use ucaas_client::api::branding::Branding;
use ucaas_client::api::meetings::{CancelResult, MeetingAnswer, MeetingList};
use ucaas_client::api::sessions::{InviteResult, JoinResult};
use ucaas_client::api::{check_answer, ResultHead};
use ucaas_client::shape::{self, Shaped};
use ucaas_client::ErrorKind;

const ROUTES: &str = "ucaas-api-routes.txt";
const LOBBY: &str = "ucaas-meetings-lobby-polls.txt";
const OVERVIEW: &str = "ucaas-overview-auth.txt";
#[cfg(not(target_arch = "wasm32"))]
const CPAAS: &str = "cpaas-projects-api.txt";
#[cfg(not(target_arch = "wasm32"))]
const IOTUM: &str = "iotum-enterprise-api.txt";

/// The examples cut from the vendor docs by `scripts/extract-fixtures.py` (do not edit by hand).
const FIXTURE: &str = include_str!("fixtures/doc-examples.json");

// ---------------------------------------------------------------------------------------------
// Repairs: one named rule per typo of the docs. Each fires only on the pattern it names.
// ---------------------------------------------------------------------------------------------

/// A typo in a printed example, and the rule that repairs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Repair {
    /// The three `/password` examples drop the comma after the result code:
    /// `{ "result": 1` / `"data": {` (a key follows `"result": 1` without a comma).
    /// Rule: insert `,` after `"result": 1` when the next non-blank character is `"`.
    CommaAfterResult,
    /// Both cancel examples end the message with a period instead of a comma:
    /// `"msg": "The meeting has been cancelled.".` / `"event": {` (routes file) and
    /// `"msg": "Meeting has been cancelled". "event": {` (lobby file).
    /// Rule: outside strings, a `.` right after a string's closing quote becomes `,`.
    PeriodForComma,
    /// Both cancel examples never close the outer object: they end with
    /// `"room_name": "String "` / `}` and the next section follows.
    /// Rule: append the closers of whatever is still open at the end of the block.
    MissingClosingBrace,
    /// The polls example carries JavaScript comments: `"type": "String", /* Enumerated Data: … */`.
    /// Rule: outside strings, `/* … */` is removed.
    JsComment,
    /// The polls example writes placeholders bare: `"conf_num": Number`, `"duration": String`.
    /// Rule: outside strings, the words `Number`, `String` and `Boolean` are quoted.
    BarePlaceholder,
    /// The CDR example is cut off: the routes file ends with `"session":</`.
    /// Rule: a last line that is a key without a value is dropped, with the comma before it (the
    /// brackets still open are then closed by [`Repair::MissingClosingBrace`]).
    TruncatedAtEnd,
    /// The Iotum host examples and `domain/descendants` leave a key's closing quote out:
    /// `"time_zone: "US/Eastern"`, `"descendants: []`.
    /// Rule: a line starting with `"` and a name followed by `: ` gets the quote before the colon.
    UnclosedKey,
    /// The Iotum drive examples annotate lines: `presentation_status, // 'processing'|'ready'|…`.
    /// Rule: outside strings, `//` to the end of its line is removed.
    LineComment,
    /// Iotum keys written bare: `participants: [` (conference/fetch_participant_details),
    /// `files: Array<…>` (drive/fetch_all).
    /// Rule: outside strings, a name followed by `:` is quoted.
    UnquotedKey,
    /// Iotum drive/fetch_all writes TypeScript types for values: `Array<{ … }>`, `<number>`,
    /// `<number|null>`.
    /// Rule: outside strings, `Array<T>` becomes `[T]` and any other `<…>` becomes `null`.
    TypePlaceholder,
    /// The Iotum drive examples list field names without values: `{ id, created_at, filename }`.
    /// Rule: in an object, a bare name where a key belongs becomes `"name": null` (the field is
    /// shown but has no value).
    BareFieldName,
    /// Iotum conference/create lists a value's alternatives: `"state": null|'NEW'|'STARTED'|…`.
    /// Rule: outside strings, a value `a|b|…` of literals becomes its first alternative (a
    /// single-quoted one double-quoted).
    FirstAlternative,
    /// Iotum conference/create writes a value as a bare placeholder word: `"source": url`.
    /// Rule: outside strings, a bare word after `:` other than `true`, `false`, `null` is quoted.
    BareWordValue,
    /// Iotum host/fetch_all opens its second object with a comma: `{,`.
    /// Rule: outside strings, a `,` right after `{` or `[` (blanks between) is removed.
    CommaAfterOpening,
    /// Iotum examples drop the comma at a line's end: `"access_code": "1234567"` newline
    /// `"plan_slug": …` (host/fetch_all, also `}` newline `{`), `"active": false` newline
    /// `"time_zone": …` (conference/fetch_all, the recurring conference/create).
    /// Rule: outside strings, where a value ends and the next line starts a key or a value
    /// (`"`, `{`, `[`), a `,` is inserted.
    MissingComma,
    /// Iotum lists end with a comma: `},` newline `]` (subscription/fetch_products,
    /// conference/fetch_all) and `},` newline `}` (subscription/fetch).
    /// Rule: outside strings, a `,` followed by `]` or `}` (blanks between) is removed.
    TrailingComma,
}

/// Applies every rule in order; returns the repaired text and the rules that changed it.
fn repair(raw: &str) -> (String, Vec<Repair>) {
    let mut applied = Vec::new();
    let mut text = raw.to_owned();
    type Rule = fn(&str) -> String;
    // A key's lost quote first: it turns every later string inside out.
    let rules: [(Repair, Rule); 16] = [
        (Repair::UnclosedKey, close_key_quote),
        (Repair::CommaAfterResult, comma_after_result),
        (Repair::PeriodForComma, period_for_comma),
        (Repair::JsComment, strip_comments),
        (Repair::LineComment, strip_line_comments),
        (Repair::BarePlaceholder, quote_placeholders),
        (Repair::TruncatedAtEnd, drop_dangling_key),
        (Repair::UnquotedKey, quote_bare_keys),
        (Repair::TypePlaceholder, replace_type_placeholders),
        (Repair::BareFieldName, bare_field_names),
        (Repair::FirstAlternative, first_alternative),
        (Repair::BareWordValue, quote_bare_values),
        (Repair::CommaAfterOpening, drop_comma_after_opening),
        (Repair::MissingComma, insert_missing_commas),
        (Repair::TrailingComma, drop_trailing_commas),
        (Repair::MissingClosingBrace, close_open_brackets),
    ];
    for (rule, apply) in rules {
        let next = apply(&text);
        if next != text {
            applied.push(rule);
            text = next;
        }
    }
    (text, applied)
}

/// [`Repair::CommaAfterResult`].
fn comma_after_result(s: &str) -> String {
    const KEY: &str = r#""result": 1"#;
    let mut out = String::with_capacity(s.len() + 1);
    let mut rest = s;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        if tail.trim_start().starts_with('"') {
            out.push(',');
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Where a character stands in JSON text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// Outside any string.
    Code,
    /// The quote that opens a string.
    Open,
    /// Inside a string (escapes included).
    Str,
    /// The quote that closes a string.
    Close,
}

/// Walks `s` calling `f(char, where)` for every character, tracking JSON strings and escapes.
fn scan(s: &str, mut f: impl FnMut(char, At)) {
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        let at = match (in_string, c) {
            (false, '"') => At::Open,
            (false, _) => At::Code,
            (true, _) if escaped => At::Str,
            (true, '"') => At::Close,
            (true, _) => At::Str,
        };
        escaped = at == At::Str && c == '\\' && !escaped;
        in_string = matches!(at, At::Open | At::Str);
        f(c, at);
    }
}

/// [`Repair::PeriodForComma`].
fn period_for_comma(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut after_close = false;
    scan(s, |c, at| {
        out.push(if at == At::Code && c == '.' && after_close { ',' } else { c });
        after_close = at == At::Close;
    });
    out
}

/// [`Repair::JsComment`].
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_comment = false;
    let mut prev = '\0';
    scan(s, |c, at| {
        if in_comment {
            if prev == '*' && c == '/' {
                in_comment = false;
                prev = '\0';
                return;
            }
        } else if at == At::Code && c == '*' && prev == '/' {
            out.pop();
            in_comment = true;
        } else {
            out.push(c);
        }
        prev = c;
    });
    // Blanks left before a removed comment's place stay (valid JSON whitespace).
    out
}

/// [`Repair::BarePlaceholder`].
fn quote_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if ["Number", "String", "Boolean"].contains(&word.as_str()) {
            out.push('"');
            out.push_str(word);
            out.push('"');
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    scan(s, |c, at| {
        if at == At::Code && c.is_ascii_alphabetic() {
            word.push(c);
            return;
        }
        flush(&mut word, &mut out);
        out.push(c);
    });
    flush(&mut word, &mut out);
    out
}

/// [`Repair::TruncatedAtEnd`].
fn drop_dangling_key(s: &str) -> String {
    let trimmed = s.trim_end();
    let (head, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
    let l = last.trim();
    let dangling = l.starts_with('"')
        && l[1..].find('"').is_some_and(|q| {
            let after = l[q + 2..].trim_start();
            after.starts_with(':')
                && !after[1..]
                    .trim_start()
                    .starts_with(['"', '{', '[', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n'])
        });
    if !dangling {
        return s.to_owned();
    }
    let head = head.trim_end();
    head.strip_suffix(',').unwrap_or(head).to_owned()
}

/// Brackets still open at the end of `s`, innermost last (strings respected).
fn open_brackets(s: &str) -> Vec<char> {
    let mut stack = Vec::new();
    scan(s, |c, at| {
        if at != At::Code {
            return;
        }
        match c {
            '{' | '[' => stack.push(c),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    });
    stack
}

/// [`Repair::MissingClosingBrace`].
fn close_open_brackets(s: &str) -> String {
    let mut out = s.to_owned();
    for open in open_brackets(s).into_iter().rev() {
        out.push('\n');
        out.push(if open == '{' { '}' } else { ']' });
    }
    out
}

/// `s` with where each character stands ([`scan`]).
fn marked(s: &str) -> Vec<(char, At)> {
    let mut out = Vec::with_capacity(s.len());
    scan(s, |c, at| out.push((c, at)));
    out
}

/// Whether `c` may be part of a bare name (`created_at`, `time_24hr`).
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The index of the first non-blank character at or after `i`, if any.
fn next_solid(m: &[(char, At)], i: usize) -> Option<usize> {
    (i..m.len()).find(|&j| !m[j].0.is_whitespace())
}

/// The end (exclusive) of the bare name starting at `i` (outside strings).
fn name_end(m: &[(char, At)], i: usize) -> usize {
    (i..m.len()).find(|&j| m[j].1 != At::Code || !is_name_char(m[j].0)).unwrap_or(m.len())
}

/// Whether position `i` starts a bare name: outside strings, a letter not preceded by a name
/// character (digits of a number, `e` of `1e5` excluded).
fn starts_name(m: &[(char, At)], i: usize) -> bool {
    m[i].1 == At::Code && (m[i].0.is_ascii_alphabetic() || m[i].0 == '_') && (i == 0 || !is_name_char(m[i - 1].0))
}

/// [`Repair::UnclosedKey`].
fn close_key_quote(s: &str) -> String {
    let fixed: Vec<String> = s
        .split('\n')
        .map(|line| {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let Some(rest) = body.strip_prefix('"') else { return line.to_owned() };
            let n = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
            if n > 0 && rest[n..].starts_with(": ") {
                format!("{indent}\"{}\"{}", &rest[..n], &rest[n..])
            } else {
                line.to_owned()
            }
        })
        .collect();
    fixed.join("\n")
}

/// [`Repair::LineComment`].
fn strip_line_comments(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < m.len() {
        if m[i].1 == At::Code && m[i].0 == '/' && m.get(i + 1).is_some_and(|&(c, at)| c == '/' && at == At::Code) {
            while i < m.len() && m[i].0 != '\n' {
                i += 1;
            }
            // The blanks before the comment go with it.
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            continue;
        }
        out.push(m[i].0);
        i += 1;
    }
    out
}

/// [`Repair::UnquotedKey`].
fn quote_bare_keys(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < m.len() {
        if starts_name(&m, i) {
            let end = name_end(&m, i);
            let name: String = m[i..end].iter().map(|&(c, _)| c).collect();
            if next_solid(&m, end).is_some_and(|j| m[j] == (':', At::Code)) {
                out.push_str(&format!("\"{name}\""));
            } else {
                out.push_str(&name);
            }
            i = end;
            continue;
        }
        out.push(m[i].0);
        i += 1;
    }
    out
}

/// [`Repair::TypePlaceholder`].
fn replace_type_placeholders(s: &str) -> String {
    let m = marked(s);
    let chars: Vec<char> = m.iter().map(|&(c, _)| c).collect();
    // The closing `>` of the `<` at `i` (nested `<…>` counted), outside strings.
    let close = |i: usize| {
        let mut depth = 0;
        (i..m.len()).find(|&j| {
            if m[j].1 == At::Code && m[j].0 == '<' {
                depth += 1;
            } else if m[j].1 == At::Code && m[j].0 == '>' {
                depth -= 1;
                return depth == 0;
            }
            false
        })
    };
    let mut out = String::with_capacity(s.len());
    let mut closers: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < m.len() {
        let array = m[i].1 == At::Code && chars[i..].starts_with(&['A', 'r', 'r', 'a', 'y', '<']) && starts_name(&m, i);
        if array {
            if let Some(end) = close(i + 5) {
                out.push('[');
                closers.push(end);
                i += 6;
                continue;
            }
        }
        if closers.last() == Some(&i) {
            closers.pop();
            out.push(']');
        } else if m[i].1 == At::Code && m[i].0 == '<' {
            if let Some(end) = close(i) {
                out.push_str("null");
                i = end + 1;
                continue;
            }
            out.push('<');
        } else {
            out.push(m[i].0);
        }
        i += 1;
    }
    out
}

/// [`Repair::BareFieldName`].
fn bare_field_names(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut open: Vec<char> = Vec::new();
    let mut key_place = false;
    let mut i = 0;
    while i < m.len() {
        let (c, at) = m[i];
        if at == At::Code && key_place && open.last() == Some(&'{') && starts_name(&m, i) {
            let end = name_end(&m, i);
            let name: String = m[i..end].iter().map(|&(c, _)| c).collect();
            if next_solid(&m, end).is_some_and(|j| matches!(m[j], (',' | '}', At::Code))) {
                out.push_str(&format!("\"{name}\": null"));
            } else {
                out.push_str(&name);
            }
            key_place = false;
            i = end;
            continue;
        }
        if at == At::Code {
            match c {
                '{' | '[' => open.push(c),
                '}' | ']' => {
                    open.pop();
                }
                _ => {}
            }
        }
        if !c.is_whitespace() {
            key_place = at == At::Code && matches!(c, '{' | ',');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// One literal of [`Repair::FirstAlternative`] starting at `i` (a name, a number, or a
/// single-quoted text), outside strings: its end.
fn literal_end(m: &[(char, At)], i: usize) -> Option<usize> {
    match m.get(i)? {
        ('\'', At::Code) => {
            (i + 1..m.len()).find(|&j| m[j].0 == '\'' || m[j].0 == '\n').filter(|&j| m[j].0 == '\'').map(|j| j + 1)
        }
        (c, At::Code) if is_name_char(*c) || *c == '-' => Some(name_end(m, i + 1)),
        _ => None,
    }
}

/// [`Repair::FirstAlternative`].
fn first_alternative(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < m.len() {
        if m[i] == (':', At::Code) {
            out.push(':');
            let start = next_solid(&m, i + 1).unwrap_or(m.len());
            let mut ends = Vec::new();
            let mut at = start;
            while let Some(end) = literal_end(&m, at) {
                ends.push(end);
                if m.get(end) != Some(&('|', At::Code)) {
                    break;
                }
                at = end + 1;
            }
            if ends.len() > 1 {
                out.extend(m[i + 1..start].iter().map(|&(c, _)| c));
                let first: String = m[start..ends[0]].iter().map(|&(c, _)| c).collect();
                out.push_str(&first.replace('\'', "\""));
                i = *ends.last().unwrap();
                continue;
            }
            i += 1;
            continue;
        }
        out.push(m[i].0);
        i += 1;
    }
    out
}

/// [`Repair::BareWordValue`].
fn quote_bare_values(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut after_colon = false;
    let mut i = 0;
    while i < m.len() {
        let (c, at) = m[i];
        if after_colon && m[i].0.is_ascii_alphabetic() && starts_name(&m, i) {
            let end = name_end(&m, i);
            let name: String = m[i..end].iter().map(|&(c, _)| c).collect();
            if ["true", "false", "null"].contains(&name.as_str()) {
                out.push_str(&name);
            } else {
                out.push_str(&format!("\"{name}\""));
            }
            after_colon = false;
            i = end;
            continue;
        }
        if !c.is_whitespace() {
            after_colon = at == At::Code && c == ':';
        }
        out.push(c);
        i += 1;
    }
    out
}

/// [`Repair::CommaAfterOpening`].
fn drop_comma_after_opening(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    let mut after_opening = false;
    for &(c, at) in &m {
        if after_opening && at == At::Code && c == ',' {
            after_opening = false;
            continue;
        }
        if !c.is_whitespace() {
            after_opening = at == At::Code && matches!(c, '{' | '[');
        }
        out.push(c);
    }
    out
}

/// [`Repair::MissingComma`].
fn insert_missing_commas(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len() + 4);
    for i in 0..m.len() {
        let (c, at) = m[i];
        out.push(c);
        let value_end = match at {
            At::Close => true,
            At::Code => {
                matches!(c, '}' | ']')
                    || c.is_ascii_digit()
                    || (c.is_ascii_alphabetic() && m.get(i + 1).is_none_or(|&(n, _)| !is_name_char(n)))
            }
            _ => false,
        };
        if !value_end {
            continue;
        }
        let Some(j) = next_solid(&m, i + 1) else { continue };
        let newline_between = m[i + 1..j].iter().any(|&(c, _)| c == '\n');
        if newline_between && matches!(m[j], ('"', At::Open) | ('{' | '[', At::Code)) {
            out.push(',');
        }
    }
    out
}

/// [`Repair::TrailingComma`].
fn drop_trailing_commas(s: &str) -> String {
    let m = marked(s);
    let mut out = String::with_capacity(s.len());
    for i in 0..m.len() {
        let (c, at) = m[i];
        if at == At::Code && c == ',' && next_solid(&m, i + 1).is_some_and(|j| matches!(m[j], (']' | '}', At::Code))) {
            continue;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The fixture: the examples of each section, cut from the docs by scripts/extract-fixtures.py.
// ---------------------------------------------------------------------------------------------

/// A section of `tests/fixtures/doc-examples.json`: each example is stored as its lines.
#[derive(serde::Deserialize)]
struct FixtureSection {
    file: String,
    heading: String,
    examples: Vec<Vec<String>>,
}

/// The fixture's sections: `(file, heading, examples raw as printed)`, in the fixture's order.
fn fixture_sections() -> Vec<(String, String, Vec<String>)> {
    #[derive(serde::Deserialize)]
    struct Fixture {
        sections: Vec<FixtureSection>,
    }
    let fixture: Fixture = serde_json::from_str(FIXTURE).expect("tests/fixtures/doc-examples.json");
    fixture
        .sections
        .into_iter()
        .map(|s| (s.file, s.heading, s.examples.iter().map(|l| l.join("\n")).collect()))
        .collect()
}

/// The examples of one section, raw as printed (the section must be in the fixture once).
fn examples(file: &str, heading: &str) -> Vec<String> {
    let mut found: Vec<Vec<String>> =
        fixture_sections().into_iter().filter(|(f, h, _)| f == file && h == heading).map(|(_, _, e)| e).collect();
    assert_eq!(
        found.len(),
        1,
        "{file} / {heading:?}: not once in tests/fixtures/doc-examples.json; run python3 scripts/extract-fixtures.py"
    );
    found.pop().unwrap()
}

// ---------------------------------------------------------------------------------------------
// The examples of the covered routes.
// ---------------------------------------------------------------------------------------------

/// The answer type an example is decoded into (one per covered route family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Route {
    /// `POST /login` → `LoginAnswer`.
    Login,
    /// `POST /password`, `PATCH /password/{key}` → `PasswordAnswer`.
    Password,
    /// `POST /sessions/join` → `JoinResult`.
    Join,
    /// `POST /sessions/invite` → `InviteResult`.
    Invite,
    /// `GET /branding` → `Branding`.
    Branding,
    /// `POST /meetings`, `GET|PATCH /meetings/{id}` → `MeetingAnswer`.
    Meeting,
    /// `GET /meetings` → `MeetingList`.
    MeetingList,
    /// `DELETE /meetings/{id}` → `CancelResult`.
    Cancel,
    /// `/meetings/permanent` → `PermanentRoomAnswer`.
    Permanent,
    /// `/meetings/{id}/lobby` → `LobbyAnswer`.
    Lobby,
    /// `POST /meetings/{id}/branding` → `MeetingBrandingAnswer`.
    MeetingBranding,
    /// `GET /polls/{room_id}` → `Polls`.
    Polls,
    /// `/contacts/{id}` → `ContactAnswer`.
    Contact,
    /// `GET /contacts` → `ContactList`.
    ContactList,
    /// `/contact-groups/{id}` → `GroupAnswer`.
    Group,
    /// `GET /contact-groups` → `GroupList`.
    GroupList,
    /// `GET /timezones`, `/countries`, `/plans` → `TimezoneList`, `CountryList`, `PlanList`.
    Datapool,
    /// `GET /sessions` → `SessionList`.
    SessionList,
    /// `GET /cdr` → `Cdr`.
    Cdr,
    /// `/customers[/{id}]` → `CustomerResult`.
    Customer,
    /// `GET /customers` → `CustomerList`.
    CustomerList,
    /// `/subscriptions[/{id}]` → `SubscriptionAnswer`.
    Subscription,
    /// `GET /subscriptions` → `SubscriptionList`.
    SubscriptionList,
    /// `/users[/{id}]` → `UserAnswer`.
    User,
    /// `GET /users` → `UserList`.
    UserList,
    /// CPaaS `GET /projects` → `ProjectList`.
    #[cfg(not(target_arch = "wasm32"))]
    ProjectList,
    /// CPaaS `GET /projects/{app_id}`, `POST /projects` → `ProjectAnswer`.
    #[cfg(not(target_arch = "wasm32"))]
    Project,
    /// CPaaS edit, key reset, video, voice and SMS settings → `ProjectChange`.
    #[cfg(not(target_arch = "wasm32"))]
    ProjectChange,
    /// CPaaS `PATCH /projects/{app_id}/video-embed` → `VideoEmbedChange`.
    #[cfg(not(target_arch = "wasm32"))]
    VideoEmbed,
    /// Iotum `domain/descendants` → `DomainList`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumDomain,
    /// Iotum `authenticate` → `Authenticated`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumAuth,
    /// Iotum `company/*` → `CompanyCreated`, `IotumCompany`, `IotumCompanyList`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumCompany,
    /// Iotum `subscription/*` → `ProductList`, `Ack`, `IotumSubscriptionList`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumSubscription,
    /// Iotum `host/*` → `Host`, `PastConferencePage`, `IotumCdrList`, `ActiveCallList`, `HostList`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumHost,
    /// Iotum `contact/*` → `IotumContact`, `IotumContactList`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumContact,
    /// Iotum `drive/*` → `DriveFilePage`, `DriveFile`, `DriveUpload`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumDrive,
    /// Iotum `chat/create` → `Ack`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumChat,
    /// Iotum `conference/*` → `Conference`, `ConferencePage`, `ParticipantDetails`,
    /// `ViewerCount`, `Dialout`, `Ack`.
    #[cfg(not(target_arch = "wasm32"))]
    IotumConference,
    /// The overview's success JSON → `ResultHead`, `check_answer` Ok.
    Success,
    /// The overview's error JSON → `ResultHead`, `check_answer` Err.
    Error,
}

/// One section of a doc. Where it ends and what marks its examples is the cutting's business
/// (`SECTIONS` in `scripts/extract-fixtures.py`, the same sections in the same order).
struct Spec {
    file: &'static str,
    /// Start of the section's heading line (the `/password` request section has no heading in the
    /// doc, so its first sentence stands in).
    heading: &'static str,
    route: Route,
    /// How many examples the section prints.
    count: usize,
    /// The repairs each of its examples needs (the same for all of them).
    repairs: &'static [Repair],
    /// Decodes the (repaired, parsed) example and asserts facts about it.
    check: fn(&Value),
    /// How the answer is judged before `check`.
    head: Head,
}

/// How an example's answer is judged before its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// `ResultHead` and `check_answer`: success (or, for [`Route::Error`], the error).
    ResultCode,
    /// The example's `result` is the placeholder `"Number"` (the user routes): no result code
    /// to check, the body is decoded all the same.
    PlaceholderResult,
    /// An Iotum answer: the API has no result codes (the status says success); the check
    /// decodes it as the host reads it ([`iotum_checks::host_reads`]).
    #[cfg(not(target_arch = "wasm32"))]
    Status,
}

use Repair::*;

/// A section with one example.
const fn ex(
    file: &'static str,
    heading: &'static str,
    route: Route,
    repairs: &'static [Repair],
    check: fn(&Value),
) -> Spec {
    Spec { file, heading, route, count: 1, repairs, check, head: Head::ResultCode }
}

/// [`ex`] for an example whose `result` is the placeholder `"Number"`.
const fn exn(file: &'static str, heading: &'static str, route: Route, check: fn(&Value)) -> Spec {
    Spec { head: Head::PlaceholderResult, ..ex(file, heading, route, &[], check) }
}

/// An Iotum section (located by its route line, `heading`) with one example.
#[cfg(not(target_arch = "wasm32"))]
const fn io(heading: &'static str, route: Route, repairs: &'static [Repair], check: fn(&Value)) -> Spec {
    Spec { file: IOTUM, heading, route, count: 1, repairs, check, head: Head::Status }
}

/// An Iotum section whose route prints no answer body ("Response code 202.", none at all).
#[cfg(not(target_arch = "wasm32"))]
const fn io_none(heading: &'static str, route: Route) -> Spec {
    Spec { count: 0, ..io(heading, route, &[], |_| {}) }
}

const SPECS: &[Spec] = &[
    // ucaas-api-routes.txt: multi-line JSON.
    ex(ROUTES, "Get Access Token", Route::Login, &[], check_login),
    ex(
        ROUTES,
        "This API provides a Password Reset link.",
        Route::Password,
        &[CommaAfterResult],
        check_password_request,
    ),
    ex(ROUTES, "Validate Password Reset Key", Route::Password, &[CommaAfterResult], check_password_key),
    ex(ROUTES, "Reset Password", Route::Password, &[CommaAfterResult], check_password_reset),
    ex(ROUTES, "Join a Session", Route::Join, &[], check_join),
    ex(ROUTES, "Invite Others to Join An Ongoing Session", Route::Invite, &[], check_invite),
    ex(ROUTES, "Get Branding Information", Route::Branding, &[], check_branding),
    ex(ROUTES, "Schedule a Meeting", Route::Meeting, &[], check_scheduled),
    ex(ROUTES, "Edit Meeting Information", Route::Meeting, &[], check_edited),
    ex(ROUTES, "Get Meeting Information", Route::Meeting, &[], check_got),
    ex(ROUTES, "Get a List of Meetings", Route::MeetingList, &[], check_list),
    ex(ROUTES, "Cancel a Meeting", Route::Cancel, &[PeriodForComma, MissingClosingBrace], check_cancel),
    // ucaas-meetings-lobby-polls.txt: one-line JSON.
    ex(LOBBY, "Schedule Meeting", Route::Meeting, &[], check_scheduled),
    ex(LOBBY, "Edit Meeting Information", Route::Meeting, &[], check_edited),
    ex(LOBBY, "Get Meeting Information", Route::Meeting, &[], check_got),
    ex(LOBBY, "Get List of Meetings", Route::MeetingList, &[], check_list),
    ex(LOBBY, "Cancel Meeting", Route::Cancel, &[PeriodForComma, MissingClosingBrace], check_cancel),
    // Issue 7: the rest of the API. Routes file first.
    ex(ROUTES, "Get Customer Information", Route::Customer, &[], check_customer),
    ex(ROUTES, "Search and get a list of Customers", Route::CustomerList, &[], check_customer_list),
    ex(ROUTES, "Add a New Customer", Route::Customer, &[], check_customer_added),
    ex(ROUTES, "Edit Customer Information", Route::Customer, &[], check_customer_added),
    ex(ROUTES, "Get Subscription Information", Route::Subscription, &[], check_subscription),
    ex(ROUTES, "Get the Subscription List", Route::SubscriptionList, &[], check_subscription_list),
    ex(ROUTES, "Add a New Subscription", Route::Subscription, &[], check_subscription_summary),
    ex(ROUTES, "Update a Subscription", Route::Subscription, &[], check_subscription_summary),
    exn(ROUTES, "Add a User", Route::User, check_user_summary),
    exn(ROUTES, "Edit a User", Route::User, check_user_summary),
    ex(ROUTES, "Get User Information", Route::User, &[], check_user),
    ex(ROUTES, "Get User List", Route::UserList, &[], check_user_list),
    exn(ROUTES, "Assign an Application License to a User", Route::User, check_user_licence),
    exn(ROUTES, "Revoke Application License From Users", Route::User, check_user_licence),
    ex(ROUTES, "Get Permanent Room Information", Route::Permanent, &[], check_permanent),
    ex(ROUTES, "Update Permanent Room Information", Route::Permanent, &[], check_permanent),
    ex(ROUTES, "Reset Permanent Room PINs", Route::Permanent, &[], check_permanent),
    ex(ROUTES, "Get Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(ROUTES, "Add Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(ROUTES, "Update Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(ROUTES, "Delete Meeting Lobby Information", Route::Lobby, &[], check_lobby_deleted),
    ex(ROUTES, "Set/Reset Branding Options", Route::MeetingBranding, &[], check_meeting_branding),
    ex(ROUTES, "Add a Contact", Route::Contact, &[], check_contact),
    ex(ROUTES, "Edit a Contact", Route::Contact, &[], check_contact),
    ex(ROUTES, "Get Contact Information", Route::Contact, &[], check_contact),
    ex(ROUTES, "Delete a Contact", Route::Contact, &[], check_contact),
    ex(ROUTES, "Get Contact Listing", Route::ContactList, &[], check_contact_list),
    ex(ROUTES, "Add a Contact Group", Route::Group, &[], check_group),
    ex(ROUTES, "Edit a Contact Group", Route::Group, &[], check_group),
    ex(ROUTES, "Get Information of a Contact Group", Route::Group, &[], check_group),
    ex(ROUTES, "Delete Contact Group", Route::Group, &[], check_group),
    ex(ROUTES, "Add a Contact to a Group", Route::Group, &[], check_group),
    ex(ROUTES, "Delete a Contact from a Contact Group", Route::Group, &[], check_group),
    ex(ROUTES, "Get Contact Group Listing", Route::GroupList, &[], check_group_list),
    ex(ROUTES, "Get Time Zones", Route::Datapool, &[], check_timezones),
    ex(ROUTES, "Get Countries", Route::Datapool, &[], check_countries),
    ex(ROUTES, "Get Billing Plans", Route::Datapool, &[], check_plans),
    ex(ROUTES, "Get a List of Sessions", Route::SessionList, &[], check_sessions),
    ex(ROUTES, "Get CDR", Route::Cdr, &[TruncatedAtEnd, MissingClosingBrace], check_cdr),
    // Lobby file: permanent rooms, lobbies, polls.
    ex(LOBBY, "Get Permanent Room Info", Route::Permanent, &[], check_permanent),
    ex(LOBBY, "Update Permanent Room Info", Route::Permanent, &[], check_permanent),
    ex(LOBBY, "Reset Permanent Room PINs", Route::Permanent, &[], check_permanent),
    ex(LOBBY, "Get Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(LOBBY, "Add Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(LOBBY, "Update Meeting Lobby Information", Route::Lobby, &[], check_lobby),
    ex(LOBBY, "Delete Meeting Lobby Information", Route::Lobby, &[], check_lobby_deleted),
    // Two "API Route" lines (with and without conf_num): the section ends at the error codes.
    ex(LOBBY, "Get Polled Data", Route::Polls, &[JsComment, BarePlaceholder], check_polls),
    // cpaas-projects-api.txt: the CPaaS project API.
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Get Project Listing", Route::ProjectList, &[], check_project_list),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Get Project Information", Route::Project, &[], check_project),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Add Project", Route::Project, &[], check_project_added),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Edit Project", Route::ProjectChange, &[], check_project_change),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Reset API Access Key", Route::ProjectChange, &[], check_project_key_reset),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Configure Video in Project", Route::ProjectChange, &[], check_project_change),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Configure Voice in Project", Route::ProjectChange, &[], check_project_change),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Configure SMS in Project", Route::ProjectChange, &[], check_project_change),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    ex(CPAAS, "Configure Video Embed in Project", Route::VideoEmbed, &[], check_video_embed),
    // ucaas-overview-auth.txt: the generic answers, right below their headings (no marker).
    ex(OVERVIEW, "Success JSON", Route::Success, &[], check_success),
    ex(OVERVIEW, "Error JSON", Route::Error, &[], check_error),
    // iotum-enterprise-api.txt: no headings; each section is its route line (the second of a
    // route printed twice says so), its example the block after "Response body".
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/domain/descendants""#, Route::IotumDomain, &[UnclosedKey], check_domains),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/authenticate""#, Route::IotumAuth, &[], check_authenticated),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/company/create""#, Route::IotumCompany, &[], check_company_created),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/company/fetch""#, Route::IotumCompany, &[], check_company_joe),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/company/update""#, Route::IotumCompany, &[], check_company_jane),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/company/fetch_all""#, Route::IotumCompany, &[], check_company_list),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area (route line in curly quotes)
    io_none(r#"POST "/enterprise_api/company/delete""#, Route::IotumCompany),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/subscription/fetch_products""#,
        Route::IotumSubscription,
        &[TrailingComma],
        check_products,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/create""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"PUT "/enterprise_api/subscription/update""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/suspend""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/reactivate""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/cancel""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/suspend_all""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/reactivate_all""#, Route::IotumSubscription, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/subscription/fetch""#, Route::IotumSubscription, &[TrailingComma], check_subscriptions),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/create""#, Route::IotumHost, &[UnclosedKey], check_host_created),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/fetch""#, Route::IotumHost, &[UnclosedKey], check_host_fetched),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/update""#, Route::IotumHost, &[UnclosedKey], check_host_updated),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area ("Response code 202.")
    io_none(r#"POST "/enterprise_api/host/delete""#, Route::IotumHost),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area ("Response message: OK")
    io_none(r#"POST "/enterprise_api/host/resend_invitation""#, Route::IotumHost),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area ("Response message: OK")
    io_none(r#"POST "/enterprise_api/host/reset_password""#, Route::IotumHost),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/conferences""#, Route::IotumHost, &[], check_past_conferences),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/cdrs""#, Route::IotumHost, &[], check_cdrs),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/host/active_calls""#, Route::IotumHost, &[], check_active_calls),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/host/fetch_all""#,
        Route::IotumHost,
        &[CommaAfterOpening, MissingComma],
        check_host_list,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/contact/create""#, Route::IotumContact, &[], check_contact_pair),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/contact/fetch""#, Route::IotumContact, &[], check_contact_fetched),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/contact/fetch_all""#, Route::IotumContact, &[], check_contact_pair),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/contact/update""#, Route::IotumContact, &[], check_contact_updated),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area (no answer printed)
    io_none(r#"POST "/enterprise_api/contact/delete""#, Route::IotumContact),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/drive/fetch_all""#,
        Route::IotumDrive,
        &[LineComment, UnquotedKey, TypePlaceholder, BareFieldName],
        check_drive_page,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/drive/file/fetch""#,
        Route::IotumDrive,
        &[LineComment, BareFieldName],
        check_drive_file,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/drive/create""#, Route::IotumDrive, &[BareFieldName], check_drive_upload),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/drive/file/finish_upload""#,
        Route::IotumDrive,
        &[LineComment, BareFieldName],
        check_drive_file,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area ("Response code: 204")
    io_none(r#"POST "/enterprise_api/drive/file/delete""#, Route::IotumDrive),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/chat/create""#, Route::IotumChat, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/create""#,
        Route::IotumConference,
        &[FirstAlternative, BareWordValue],
        check_conference_created,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/create/reservationless""#,
        Route::IotumConference,
        &[],
        check_conference_now,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/update""#, Route::IotumConference, &[], check_conference_updated),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area (a request only)
    io_none(r#"POST "/enterprise_api/conference/update" (occurrence 2)"#, Route::IotumConference),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/fetch""#,
        Route::IotumConference,
        &[MissingClosingBrace],
        check_conference_fetched,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/fetch_all""#,
        Route::IotumConference,
        &[MissingComma, TrailingComma],
        check_conference_page,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/cancel""#, Route::IotumConference, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/end""#, Route::IotumConference, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/fetch_participant_details""#,
        Route::IotumConference,
        &[UnquotedKey],
        check_participant_details,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(
        r#"POST "/enterprise_api/conference/fetch_livestream_viewer_count""#,
        Route::IotumConference,
        &[],
        check_viewer_count,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/stop_streaming""#, Route::IotumConference, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area (the recurring conference)
    io(
        r#"POST "/enterprise_api/conference/create" (occurrence 2)"#,
        Route::IotumConference,
        &[MissingComma],
        check_conference_recurring,
    ),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/dial_number""#, Route::IotumConference, &[], check_dialout),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/message/create""#, Route::IotumConference, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/delete_recordings""#, Route::IotumConference, &[], check_ack),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    io(r#"POST "/enterprise_api/conference/delete_transcriptions""#, Route::IotumConference, &[], check_ack),
];

/// How many examples each route must yield, over all files.
const EXPECTED_PER_ROUTE: &[(Route, usize)] = &[
    (Route::Login, 1),
    (Route::Password, 3),
    (Route::Join, 1),
    (Route::Invite, 1),
    (Route::Branding, 1),
    (Route::Meeting, 6),
    (Route::MeetingList, 2),
    (Route::Cancel, 2),
    (Route::Permanent, 6),
    (Route::Lobby, 8),
    (Route::MeetingBranding, 1),
    (Route::Polls, 1),
    (Route::Contact, 4),
    (Route::ContactList, 1),
    (Route::Group, 6),
    (Route::GroupList, 1),
    (Route::Datapool, 3),
    (Route::SessionList, 1),
    (Route::Cdr, 1),
    (Route::Customer, 3),
    (Route::CustomerList, 1),
    (Route::Subscription, 3),
    (Route::SubscriptionList, 1),
    (Route::User, 5),
    (Route::UserList, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::ProjectList, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::Project, 2),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::ProjectChange, 5),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::VideoEmbed, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumDomain, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumAuth, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumCompany, 4),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumSubscription, 9),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumHost, 7),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumContact, 4),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumDrive, 4),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumChat, 1),
    #[cfg(not(target_arch = "wasm32"))] // the server build's area
    (Route::IotumConference, 15),
    (Route::Success, 1),
    (Route::Error, 1),
];

/// Extracts, repairs (checking the repairs are exactly the listed ones), parses and checks every
/// example of `route`; returns how many there were.
fn run(route: Route) -> usize {
    let mut found = 0;
    for spec in SPECS.iter().filter(|s| s.route == route) {
        let raw = examples(spec.file, spec.heading);
        assert_eq!(raw.len(), spec.count, "{}: section {:?}: number of examples", spec.file, spec.heading);
        for (n, raw) in raw.iter().enumerate() {
            let at = format!("{} / {:?} example {}", spec.file, spec.heading, n + 1);
            let (fixed, applied) = repair(raw);
            if std::env::var_os("DOC_EXAMPLES_DEBUG").is_some() {
                eprintln!("=== {at} {applied:?}\n{raw}\n--- repaired:\n{fixed}");
            }
            assert_eq!(applied, spec.repairs, "{at}: repairs applied differ from those listed; the example is:\n{raw}");
            let as_printed = serde_json::from_str::<Value>(raw);
            if spec.repairs.is_empty() {
                as_printed.unwrap_or_else(|e| panic!("{at}: valid JSON expected as printed: {e}\n{raw}"));
            } else {
                assert!(as_printed.is_err(), "{at}: listed as needing {:?} but parses as printed", spec.repairs);
            }
            let value: Value =
                serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{at}: not JSON after repairs: {e}\n{fixed}"));
            let head = || -> ResultHead {
                serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{at}: ResultHead: {e}"))
            };
            match spec.head {
                Head::PlaceholderResult => {
                    assert_eq!(head().result, None, "{at}: the result placeholder \"Number\" reads as absent")
                }
                Head::ResultCode if route != Route::Error => {
                    check_answer(200, &head()).unwrap_or_else(|e| panic!("{at}: check_answer: {e:?}"))
                }
                Head::ResultCode => {}
                #[cfg(not(target_arch = "wasm32"))]
                Head::Status => {}
            }
            (spec.check)(&value);
            found += 1;
        }
    }
    let expected = EXPECTED_PER_ROUTE.iter().find(|(r, _)| *r == route).map(|(_, n)| *n).unwrap();
    assert_eq!(found, expected, "{route:?}: number of documented examples");
    found
}

/// The answer types [`decode`] has met (by their last path segment), across the tests.
static DECODED: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Answer types of the registry (`api::answers()`) that no documented example shows.
const WITHOUT_EXAMPLE: &[&str] = &[];

#[test]
fn every_registered_answer_type_is_met_by_a_documented_example() {
    for (route, _) in EXPECTED_PER_ROUTE {
        run(*route);
    }
    let decoded = DECODED.lock().unwrap().clone();
    let unmet: Vec<_> = ucaas_client::api::answers()
        .map(|(name, _)| name)
        .filter(|name| !decoded.contains(name) && !WITHOUT_EXAMPLE.contains(name))
        .collect();
    assert!(
        unmet.is_empty(),
        "answer types no doc example decodes (add a Spec, or list them in WITHOUT_EXAMPLE): {unmet:?}"
    );
    for name in WITHOUT_EXAMPLE {
        assert!(!decoded.contains(name), "{name} is met by an example now: take it off WITHOUT_EXAMPLE");
    }
}

/// Decodes with the serde types, and checks that the shape walker the wasm build uses
/// (`ucaas_client::shape`) produces exactly the JSON the serde types serialize to.
fn decode<T: serde::de::DeserializeOwned + serde::Serialize + Shaped>(v: &Value) -> T {
    let name = std::any::type_name::<T>();
    DECODED.lock().unwrap().insert(name.rsplit("::").next().unwrap_or(name));
    let typed: T =
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{name} cannot decode the example: {e}\n{v:#}"));
    let walked = shape::decode(v, T::SHAPE).unwrap_or_else(|e| panic!("{name}: the shape walker fails: {e}\n{v:#}"));
    assert_eq!(walked, serde_json::to_value(&typed).unwrap(), "{name}: shape table and struct disagree");
    typed
}

// ---------------------------------------------------------------------------------------------
// Per-example facts.
// ---------------------------------------------------------------------------------------------

fn check_login(v: &Value) {
    let a: LoginAnswer = decode(v);
    assert_eq!(a.token, "String");
    let u = a.user.expect("the routes file shows the user with the token");
    assert_eq!(u.user_id, "", "an empty string is kept as the (empty) id");
    assert_eq!(u.company.as_ref().unwrap().company_id.as_deref(), Some("Object ID"));
    let apps = u.apps.unwrap();
    let vc = apps.vc.unwrap();
    assert_eq!(vc.access, None, "placeholder \"Boolean\" is absent");
    assert_eq!((vc.status.as_deref(), vc.wef.as_deref()), (Some("String"), Some("Date")));
    assert!(apps.wb.is_some());
    let tz = u.timezone.unwrap();
    assert_eq!((tz.gmt_offset, tz.is_dst), (None, None), "empty strings are absent numbers / booleans");
    assert_eq!(u.profile_domain.as_deref(), Some(""));
}

/// The docs' emails went through an e-mail obfuscator: `[email protected]`, with a no-break space.
const OBFUSCATED_EMAIL: &str = "[email\u{a0}protected]";

fn check_password_request(v: &Value) {
    let a: PasswordAnswer = decode(v);
    assert_eq!(a.data.email.as_deref(), Some(OBFUSCATED_EMAIL));
    assert!(a.data.msg.unwrap().contains("instructions to reset the password"));
    assert_eq!(a.data.user_id, None);
}

fn check_password_key(v: &Value) {
    let a: PasswordAnswer = decode(v);
    assert_eq!(a.data.email.as_deref(), Some(OBFUSCATED_EMAIL));
    assert_eq!((a.data.user_id.as_deref(), a.data.first_name.as_deref()), (Some(""), Some("")));
    assert_eq!(a.data.msg, None);
}

fn check_password_reset(v: &Value) {
    let a: PasswordAnswer = decode(v);
    assert_eq!(a.data.msg.as_deref(), Some("Your account password has been reset."));
}

fn check_join(v: &Value) {
    let a: JoinResult = decode(v);
    assert_eq!(a.token, "String");
    assert_eq!((a.user.meeting_id.as_deref(), a.user.role.as_deref()), (Some("String"), Some("String")));
    assert_eq!(a.user.profile_pic.as_deref(), Some("String"));
}

fn check_invite(v: &Value) {
    let a: InviteResult = decode(v);
    assert_eq!(a.desc.as_deref(), Some("Invitation email has been sent."));
}

fn check_branding(v: &Value) {
    let b: Branding = decode(v);
    assert!(b.wb.is_none(), "the example shows the video meeting application only");
    let vc = b.vc.expect("branding has vc");
    assert_eq!((vc.enabled, vc.name.as_deref()), (Some(true), Some("String")));
    assert_eq!(vc.login_page.unwrap().heading.as_deref(), Some("String"));
    let fields = vc.fields.unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!((fields[0].length, fields[0].order, fields[0].required), (None, None, None), "placeholders are absent");
    assert_eq!(fields[0].r#type.as_deref(), Some("String"));
    assert_eq!(fields[0].messages.as_ref().unwrap().email.as_deref(), Some("String"));
    assert_eq!(vc.tos.unwrap().enabled, None);
    assert_eq!(vc.email.unwrap().from_email.as_deref(), Some("String"));
    assert_eq!(vc.api.unwrap().referrer_domain.as_deref(), Some("String"));
    assert!(vc.login.is_none() && vc.session.is_none());
}

/// Facts every documented meeting shares.
fn check_meeting_common(m: &ucaas_client::api::meetings::Meeting) {
    assert_eq!(m.meeting_id, "String");
    assert_eq!(m.start_time.as_deref(), Some("YYYY-MM-DD HH:ii:ss"), "\"start_time \" is read, value trimmed");
    assert_eq!((m.moderators, m.participants), (None, None), "placeholder \"Number\" is absent");
    assert_eq!(m.duration, None, "\"String\" / \"Number\" duration is absent");
    assert_eq!((m.wait_for_moderator, m.knock, m.auto_recording), (None, None, None));
    assert_eq!(m.app_type.as_deref(), Some("String"));
}

fn check_scheduled(v: &Value) {
    let m = decode::<MeetingAnswer>(v).meeting;
    check_meeting_common(&m);
    assert_eq!((m.mpin.as_deref(), m.direct_url.as_deref()), (Some("String"), Some("String")));
    assert!(m.timezone.is_none() && m.invitees.is_none());
}

fn check_edited(v: &Value) {
    let m = decode::<MeetingAnswer>(v).meeting;
    check_meeting_common(&m);
    let tz = m.timezone.expect("the edit example shows the time zone");
    assert_eq!((tz.zone_name.as_deref(), tz.gmt_offset), (Some(""), None));
}

fn check_got(v: &Value) {
    let m = decode::<MeetingAnswer>(v).meeting;
    check_meeting_common(&m);
    let inv = m.invitees.expect("the get example shows the invitees");
    let len = |l: &Option<Vec<String>>| l.as_ref().map(Vec::len);
    assert_eq!((len(&inv.emails), len(&inv.contact_ids), len(&inv.group_ids)), (Some(1), Some(1), Some(1)));
    assert!(inv.contacts.is_none() && inv.groups.is_none());
}

fn check_list(v: &Value) {
    let l: MeetingList = decode(v);
    assert_eq!(l.meetings.len(), 1, "the list example has one meeting");
    check_meeting_common(&l.meetings[0]);
    assert_eq!(l.meetings[0].stage.as_deref(), Some("String"));
    assert!(l.meetings[0].timezone.is_some());
    assert_eq!((l.search.page, l.search.page_length), (None, None));
    assert_eq!((l.search.search_by.as_deref(), l.search.order_qualify.as_deref()), (Some("String"), Some("String")));
    assert!(!l.may_have_more(10));
}

fn check_cancel(v: &Value) {
    let c: CancelResult = decode(v);
    assert!(c.msg.as_deref().unwrap().contains("has been cancelled"));
    let e = c.event.expect("the cancel example shows the event");
    assert_eq!((e.meeting_id.as_str(), e.room_id.as_deref()), ("String", Some("String")), "values trimmed");
    assert_eq!((e.user_id.as_deref(), e.room_name.as_deref()), (Some("Strig"), Some("String")));
}

fn check_success(v: &Value) {
    let head: ResultHead = decode(v);
    assert_eq!(head.result, Some(1), "the overview writes it as the string \"1\"");
    assert!(v["data"].is_object());
}

fn check_error(v: &Value) {
    let head: ResultHead = decode(v);
    assert_eq!(head.result, Some(1504), "the overview writes it as the string \"1504\"");
    let e = check_answer(200, &head).expect_err("the error JSON must not pass as success");
    assert_eq!((e.kind, e.code, e.status), (ErrorKind::Api, Some(1504), Some(200)));
    assert_eq!(e.message, "Duplicate data");
    assert_eq!(e.desc.as_deref(), Some("Email Address is already registered"));
    assert_eq!(v["data"]["email"], "user@enablex.io");
}

// ---------------------------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------------------------

#[test]
fn login_example_decodes() {
    assert_eq!(run(Route::Login), 1);
}

#[test]
fn password_examples_decode() {
    assert_eq!(run(Route::Password), 3);
}

#[test]
fn join_example_decodes() {
    assert_eq!(run(Route::Join), 1);
}

#[test]
fn invite_example_decodes() {
    assert_eq!(run(Route::Invite), 1);
}

#[test]
fn branding_example_decodes() {
    assert_eq!(run(Route::Branding), 1);
}

#[test]
fn meeting_examples_decode() {
    assert_eq!(run(Route::Meeting), 6);
}

#[test]
fn meeting_list_examples_decode() {
    assert_eq!(run(Route::MeetingList), 2);
}

#[test]
fn cancel_examples_decode() {
    assert_eq!(run(Route::Cancel), 2);
}

#[test]
fn overview_success_json_passes() {
    assert_eq!(run(Route::Success), 1);
}

#[test]
fn overview_error_json_is_api_error_1504() {
    assert_eq!(run(Route::Error), 1);
}

#[test]
fn every_route_is_specified_and_counted() {
    let mut per_route: BTreeMap<Route, usize> = BTreeMap::new();
    for s in SPECS {
        *per_route.entry(s.route).or_default() += s.count;
    }
    let expected: BTreeMap<Route, usize> = EXPECTED_PER_ROUTE.iter().copied().collect();
    assert_eq!(per_route, expected);
    // 66 UCaaS examples; the server build's areas add CPaaS's 9 and Iotum's 46.
    let total = if cfg!(target_arch = "wasm32") { 66 } else { 66 + 9 + 46 };
    assert_eq!(expected.values().sum::<usize>(), total);
}

#[test]
fn fixture_sections_are_the_specs() {
    // scripts/extract-fixtures.py cuts its own list of sections: it must be SPECS, in order.
    let fixture: Vec<(String, String)> = fixture_sections().into_iter().map(|(f, h, _)| (f, h)).collect();
    let specs: Vec<(String, String)> = SPECS.iter().map(|s| (s.file.to_owned(), s.heading.to_owned())).collect();
    assert_eq!(fixture, specs, "SECTIONS in scripts/extract-fixtures.py and SPECS here differ; rerun the script");
}

#[test]
fn repair_rules_fire_only_on_their_typo() {
    // Each rule on its typo.
    assert_eq!(
        repair("{ \"result\": 1\n\"data\": {}}"),
        ("{ \"result\": 1,\n\"data\": {}}".into(), vec![CommaAfterResult])
    );
    assert_eq!(
        repair(r#"{"msg": "Done.". "event": {}}"#),
        (r#"{"msg": "Done.", "event": {}}"#.into(), vec![PeriodForComma])
    );
    assert_eq!(repair(r#"{"a": {"b": [1"#), ("{\"a\": {\"b\": [1\n]\n}\n}".into(), vec![MissingClosingBrace]));
    // Valid JSON is left alone: periods inside strings and numbers, commas present, braces closed.
    for ok in [r#"{"result": 1, "data": {"msg": "a. b.", "x": 1.5}}"#, r#"{"result": 10}"#, r#"{"s": "{[\"."}"#] {
        assert_eq!(repair(ok), (ok.to_owned(), vec![]), "{ok}");
        serde_json::from_str::<Value>(ok).unwrap();
    }
}

#[test]
fn non_json_bodies_fail_cleanly_as_serde_json_errors() {
    use serde_json::error::Category;
    // What a proxy or load balancer sends instead of the API's JSON.
    let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    let e = serde_json::from_str::<Value>(html).unwrap_err();
    assert_eq!((e.classify(), e.line(), e.column()), (Category::Syntax, 1, 1));
    assert!(serde_json::from_str::<ResultHead>(html).is_err());
    // A body cut off in transfer.
    let truncated = r#"{"result": 1, "meeting": {"meeting_id": "m-1", "room_na"#;
    assert_eq!(serde_json::from_str::<Value>(truncated).unwrap_err().classify(), Category::Eof);
    assert_eq!(serde_json::from_str::<MeetingAnswer>(truncated).unwrap_err().classify(), Category::Eof);
    // An empty body.
    assert_eq!(serde_json::from_str::<ResultHead>("").unwrap_err().classify(), Category::Eof);
}

#[test]
fn string_result_code_decodes() {
    let body =
        r#"{"result": "1", "meeting": {"meeting_id": "m-1", "start_time": "2030-01-02 03:04:05", "duration": "30"}}"#;
    let head: ResultHead = serde_json::from_str(body).unwrap();
    assert_eq!(head.result, Some(1));
    check_answer(200, &head).unwrap();
    let m = serde_json::from_str::<MeetingAnswer>(body).unwrap().meeting;
    assert_eq!(
        (m.meeting_id.as_str(), m.start_time.as_deref(), m.duration),
        ("m-1", Some("2030-01-02 03:04:05"), Some(30))
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 7 routes.
// ---------------------------------------------------------------------------------------------

use ucaas_client::api::{
    contacts, customers, datapool, groups, lobby, permanent, polls, reports, subscriptions, users,
};

fn check_customer(v: &Value) {
    let c = decode::<customers::CustomerResult>(v).customer;
    assert_eq!((c.customer_id.as_str(), c.individual), ("String", None), "placeholder \"Boolean\" is absent");
    assert_eq!(c.office_address.unwrap().country_id.as_deref(), Some("String"));
    assert_eq!(c.track.unwrap().closed.as_deref(), Some("Date"));
}

fn check_customer_added(v: &Value) {
    let r: customers::CustomerResult = decode(v);
    assert!(r.msg.unwrap().contains("$customer_name has been"));
    assert_eq!(r.customer.customer_name.as_deref(), Some("String"));
}

fn check_customer_list(v: &Value) {
    let l: customers::CustomerList = decode(v);
    assert_eq!((l.customers.len(), l.search.from_join_dt.as_deref(), l.search.page), (1, Some("Date"), None));
}

fn check_subscription(v: &Value) {
    let s = decode::<subscriptions::SubscriptionAnswer>(v).subscription;
    assert_eq!(s.plan_name.as_deref(), Some("String"));
    assert_eq!(s.settings.unwrap().participants, None, "\"Integer\" is absent");
    assert_eq!(s.connect.unwrap().price.unwrap(), vec![], "price placeholders (currency: \"Float\") are dropped");
    assert_eq!(s.subscription.unwrap().status.as_deref(), Some("String"));
}

fn check_subscription_list(v: &Value) {
    let l: subscriptions::SubscriptionList = decode(v);
    assert_eq!(
        (l.subscriptions.len(), l.search.to_expiry_dt.as_deref(), l.search.from_expiry_dt.as_deref()),
        (1, Some("Date"), None),
        "the typo key \"from_ex[oru_dt\" is ignored"
    );
}

fn check_subscription_summary(v: &Value) {
    let a: subscriptions::SubscriptionAnswer = decode(v);
    assert!(a.msg.is_some());
    assert_eq!((a.subscription.customer_name.as_deref(), a.subscription.qty), (Some("String"), None));
}

fn check_user_summary(v: &Value) {
    let u = decode::<users::UserAnswer>(v).user;
    assert_eq!(u.user_id, "Number", "ids are text: the placeholder is kept");
    assert!(u.name.is_some());
}

fn check_user(v: &Value) {
    let u = decode::<users::UserAnswer>(v).user;
    assert_eq!((u.email.as_deref(), u.vc.unwrap().access), (Some("String"), None));
}

fn check_user_list(v: &Value) {
    let l: users::UserList = decode(v);
    assert_eq!((l.users.len(), l.search.from_create_dt.as_deref()), (1, Some("Date")));
}

fn check_user_licence(v: &Value) {
    let a: users::UserAnswer = decode(v);
    assert!(a.msg.unwrap().contains("access to the meeting application"));
    assert_eq!(a.user.access.unwrap().app.as_deref(), Some("String"));
}

fn check_permanent(v: &Value) {
    let r = decode::<permanent::PermanentRoomAnswer>(v).permanent_room;
    assert_eq!((r.room_id.as_str(), r.mpin.as_deref()), ("String", Some("String")));
    assert_eq!((r.moderators, r.duration, r.knock), (None, None, None), "placeholders are absent");
}

fn check_lobby(v: &Value) {
    let a: lobby::LobbyAnswer = decode(v);
    assert_eq!(a.meeting.meeting_id, "String");
    let l = a.lobby.expect("the lobby");
    assert_eq!(l.options.unwrap().messages, None);
    assert_eq!(l.image.unwrap()[0].caption.as_deref(), Some("String"));
    assert_eq!(l.audio.unwrap()[0].embed.as_deref(), Some("String"));
}

fn check_lobby_deleted(v: &Value) {
    let a: lobby::LobbyAnswer = decode(v);
    assert!(a.desc.unwrap().starts_with("Lobby is deleted"));
    assert!(a.lobby.is_none());
}

fn check_meeting_branding(v: &Value) {
    let b = decode::<ucaas_client::api::branding::MeetingBrandingAnswer>(v).branding;
    assert_eq!(b.login.unwrap().headline.as_deref(), Some("{title / headline}"));
    assert!(b.session.unwrap().banner_small.is_some());
}

fn check_polls(v: &Value) {
    let p: polls::Polls = decode(v);
    assert_eq!(p.polls.len(), 1);
    let poll = &p.polls[0];
    assert_eq!((poll.poll_id.as_str(), poll.status.as_deref()), ("{{$poll_id}}", Some("P")));
    assert_eq!(poll.options.as_ref().unwrap().len(), 3);
    assert_eq!(poll.result.as_ref().unwrap().len(), 0, "placeholder counts are dropped");
    assert_eq!((poll.conf_num, poll.id), (None, None));
}

/// The CPaaS examples (its area is compiled natively and in the server build only).
#[cfg(not(target_arch = "wasm32"))]
mod cpaas_checks {
    use serde_json::Value;
    use ucaas_client::api::cpaas::*;

    pub(super) fn check_project_list(v: &Value) {
        let l: ProjectList = super::decode(v);
        assert_eq!(l.projects.len(), 1);
        assert_eq!(l.projects[0].app_id, "String");
        // "Boolean" placeholders read as absent, the object stays.
        assert_eq!(l.projects[0].services_incl, Some(ProjectServices::default()));
    }

    pub(super) fn check_project(v: &Value) {
        let p = super::decode::<ProjectAnswer>(v).project;
        assert_eq!((p.app_id.as_str(), p.app_key.as_deref()), ("String", Some("String")));
        let video = p.video.expect("video settings");
        assert_eq!(video.media_zone.as_deref(), Some(&["String".to_owned()][..]));
        assert_eq!(video.phone.map(|p| p.len()), Some(1));
        let watermark = video.recording.and_then(|r| r.watermark).expect("watermark");
        assert_eq!(watermark.img_path.map(|z| z.len()), Some(4), "the zone map as a list");
        assert!(p.sms.and_then(|s| s.default).and_then(|d| d.in_webhook).is_some());
        assert!(p.voice.and_then(|v| v.inbound).is_some());
    }

    pub(super) fn check_project_added(v: &Value) {
        let p = super::decode::<ProjectAnswer>(v).project;
        assert_eq!(
            (p.app_id.as_str(), p.app_key.as_deref(), p.app_name.as_deref()),
            ("String", Some("String"), Some("String"))
        );
    }

    pub(super) fn check_project_change(v: &Value) {
        let c: ProjectChange = super::decode(v);
        assert_eq!(c.project.app_id, "String", "read from \"user\" (edit, settings) or \"project\"");
        assert!(c.msg.is_some());
    }

    pub(super) fn check_project_key_reset(v: &Value) {
        let c: ProjectChange = super::decode(v);
        assert_eq!((c.project.app_id.as_str(), c.project.app_key.as_deref()), ("String", Some("String")));
    }

    pub(super) fn check_video_embed(v: &Value) {
        let c: VideoEmbedChange = super::decode(v);
        let room = c.room.expect("the room");
        assert_eq!(room.room_id, "6246efa1196ea481db234227");
        assert!(room.moderator_iframe_embed.is_some_and(|f| f.starts_with("<iframe")));
    }
}
#[cfg(not(target_arch = "wasm32"))]
use cpaas_checks::*;

/// The Iotum examples (its area is compiled natively and in the server build only).
#[cfg(not(target_arch = "wasm32"))]
mod iotum_checks {
    use serde_json::{json, Value};
    use ucaas_client::api::iotum::company::{CompanyCreated, IotumCompany, IotumCompanyList};
    use ucaas_client::api::iotum::conference::{Conference, ConferencePage, Dialout, ParticipantDetails, ViewerCount};
    use ucaas_client::api::iotum::contact::{IotumContact, IotumContactList};
    use ucaas_client::api::iotum::domain::DomainList;
    use ucaas_client::api::iotum::drive::{DriveFile, DriveFilePage, DriveUpload};
    use ucaas_client::api::iotum::host::{ActiveCallList, Host, HostList, IotumCdrList, PastConferencePage};
    use ucaas_client::api::iotum::subscription::{IotumSubscriptionList, ProductList};
    use ucaas_client::api::iotum::{Ack, Authenticated};
    use ucaas_client::shape::Shaped;

    /// The answer as the client's host hands it to the decoder (js/iotum.js): `readAnswer` reads
    /// a bare JSON array as `{ items: [...] }` and a bare string (`"OK"`) as `{ message }`; then
    /// `send` reads a lone object as a list of one where the answer type is one list `items`
    /// (`isItemsShape`: the document shows `domain/descendants` as one object).
    pub(super) fn host_reads<T: Shaped>(v: &Value) -> Value {
        let json = match v {
            Value::Array(_) => json!({ "items": v }),
            Value::String(_) => json!({ "message": v }),
            _ => v.clone(),
        };
        let items_shape = T::SHAPE.len() == 1 && T::SHAPE[0].key == "items";
        if items_shape && !json["items"].is_array() {
            json!({ "items": [json] })
        } else {
            json
        }
    }

    /// [`super::decode`] of the answer as the host reads it.
    fn read<T: serde::de::DeserializeOwned + serde::Serialize + Shaped>(v: &Value) -> T {
        super::decode(&host_reads::<T>(v))
    }

    /// The keys an example lists (`{ id, created_at, … }` repaired to `"id": null, …`), sorted.
    fn listed(v: &Value) -> Vec<&str> {
        let mut keys: Vec<&str> = v.as_object().expect("an object").keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The keys of `T`'s table, sorted.
    fn fields_of<T: Shaped>() -> Vec<&'static str> {
        let mut keys: Vec<&str> = T::SHAPE.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys
    }

    pub(super) fn check_domains(v: &Value) {
        let l: DomainList = read(v);
        assert_eq!(l.items.len(), 1, "the one object shown is read as a list of one");
        let d = &l.items[0];
        assert_eq!((d.id, d.domain.as_deref()), (Some(3), Some("website.com")));
        assert_eq!(d.display_name.as_deref(), Some("Video Meetings R Us"));
        assert_eq!(d.descendants.as_deref(), Some(&[][..]), "\"descendants: []\" read once its key is closed");
    }

    pub(super) fn check_authenticated(v: &Value) {
        let a: Authenticated = read(v);
        assert_eq!(a.auth_token, "dd6d5d51-9ea5-4c4c-82c8-677267aece98");
    }

    pub(super) fn check_company_created(v: &Value) {
        assert_eq!(read::<CompanyCreated>(v).id, Some(5));
    }

    pub(super) fn check_company_joe(v: &Value) {
        let c: IotumCompany = read(v);
        assert_eq!((c.subdomain.as_deref(), c.name.as_deref()), (Some("joe"), Some("The Joe Company")));
        assert_eq!((c.host_count, c.hosts.as_deref()), (Some(3), Some(&[6, 7, 8][..])));
        assert_eq!((c.customer_id.as_deref(), c.id), (Some("Acme"), None));
    }

    pub(super) fn check_company_jane(v: &Value) {
        let c: IotumCompany = read(v);
        assert_eq!((c.subdomain.as_deref(), c.name.as_deref()), (Some("jane"), Some("The Jane Company")));
        assert_eq!(c.hosts.as_deref(), Some(&[6, 7, 8][..]));
    }

    pub(super) fn check_company_list(v: &Value) {
        let l: IotumCompanyList = read(v);
        assert_eq!(l.items.len(), 2);
        let (joe, jane) = (&l.items[0], &l.items[1]);
        assert_eq!((joe.subdomain.as_deref(), joe.hosts.as_deref()), (Some("joe"), Some(&[6, 7, 8][..])));
        assert_eq!((jane.host_count, jane.hosts.as_deref()), (Some(4), Some(&[11, 12, 13][..])));
        assert_eq!((joe.openid_provider, jane.openid_provider), (Some(false), Some(false)));
    }

    pub(super) fn check_products(v: &Value) {
        let l: ProductList = read(v);
        let slugs: Vec<_> = l.items.iter().map(|p| (p.slug.as_deref().unwrap(), p.plan)).collect();
        assert_eq!(slugs, [("small_plan", Some(true)), ("large_plan", Some(true)), ("recording", Some(false))]);
        assert_eq!(l.items[2].description.as_deref(), Some("Description of the Recording Add-On"));
    }

    pub(super) fn check_ack(v: &Value) {
        let a: Ack = read(v);
        assert_eq!(a.message.as_deref(), Some("OK"), "\"OK\" bare or as {{ \"message\": \"OK\" }}");
    }

    pub(super) fn check_subscriptions(v: &Value) {
        let l: IotumSubscriptionList = read(v);
        assert_eq!(l.items.len(), 2);
        let (plan, add_on) = (&l.items[0], &l.items[1]);
        assert_eq!((plan.id, plan.status.as_deref(), plan.host_limit), (Some(100), Some("Active"), Some(10)));
        let product = plan.product.as_ref().expect("the product");
        assert_eq!((product.slug.as_deref(), product.plan), (Some("small_plan"), Some(true)));
        assert_eq!((add_on.id, add_on.host_limit), (Some(101), Some(15)));
        assert_eq!(add_on.product.as_ref().and_then(|p| p.plan), Some(false));
    }

    /// Facts the three host examples share.
    fn check_host_common(h: &Host) {
        assert_eq!((h.host_id, h.company_id), (Some(9), Some(5)));
        assert_eq!(h.access_code.as_ref().and_then(|c| c.number.as_deref()), Some("1234567"));
        assert_eq!(h.moderator_pin.as_ref().and_then(|c| c.number.as_deref()), Some("9876543"));
        assert_eq!(h.subscription_ids.as_deref(), Some(&[110, 111][..]));
        let dialin = h.primary_dialin_number.as_ref().expect("the dial-in number");
        assert_eq!(
            (dialin.phone_number.as_deref(), dialin.location.as_deref()),
            (Some("14165551234"), Some("Toronto"))
        );
        assert_eq!(dialin.international_format.as_deref(), Some("+1 416-555-1234"));
        assert_eq!(h.add_on_slugs.as_deref(), Some(&["recording".to_owned()][..]));
        assert_eq!(h.sip_uri.as_deref(), Some("sip:1234567-0@sipgw.reseller.com"));
        let emails = h.disable_emails.as_ref().expect("disable_emails");
        assert_eq!((emails.conference_invitations, emails.conference_reminders), (Some(true), Some(false)));
        let format = h.time_format.as_ref().expect("time_format");
        assert_eq!(
            (format.time_24hr, format.md_format.as_deref(), format.md_y_comma),
            (Some(false), Some("M D"), Some(true))
        );
        assert_eq!(h.time_zone.as_deref(), Some("US/Eastern"), "\"time_zone: \" read once its key is closed");
        assert_eq!((h.locale.as_deref(), h.country_code.as_deref()), (Some("en-US"), Some("US")));
    }

    pub(super) fn check_host_created(v: &Value) {
        let h: Host = read(v);
        check_host_common(&h);
        assert_eq!((h.name.as_deref(), h.role.as_deref()), (Some("John Host"), Some("HOST")));
    }

    pub(super) fn check_host_fetched(v: &Value) {
        let h: Host = read(v);
        check_host_common(&h);
        assert_eq!((h.email.as_deref(), h.openid_sub.as_deref()), (Some("john@company.tld"), Some("23081912eca")));
        assert_eq!(h.meeting_url.as_deref(), Some("https://company.reseller.tld/conf/call/1234567"));
    }

    pub(super) fn check_host_updated(v: &Value) {
        let h: Host = read(v);
        check_host_common(&h);
        assert_eq!((h.name.as_deref(), h.role.as_deref()), (Some("John ChangedName"), Some("COMPANY_ADMIN")));
        assert_eq!((h.email.as_deref(), h.openid_sub.as_deref()), (Some("newemail@company.tld"), Some("23051912fbd")));
    }

    pub(super) fn check_past_conferences(v: &Value) {
        let p: PastConferencePage = read(v);
        assert_eq!((p.conferences.len(), p.next_page.as_deref()), (1, None), "the bare array is read as `items`");
        let c = &p.conferences[0];
        assert_eq!(
            (c.conference_id, c.total_participants, c.total_participant_minutes),
            (Some(256), Some(5), Some(20))
        );
        assert_eq!(c.meeting_summary_url.as_deref(), Some("https://test.domain.com/conf/summary/256"));
    }

    pub(super) fn check_cdrs(v: &Value) {
        let l: IotumCdrList = read(v);
        let ids: Vec<_> = l.items.iter().map(|c| (c.id, c.participant_name.as_deref())).collect();
        assert_eq!(ids, [(Some(69226060), Some("Participant Name 1")), (Some(69226061), Some("Participant Name 2"))]);
        let c = &l.items[0];
        assert_eq!((c.from.as_deref(), c.to.as_deref(), c.minutes), (Some("+15551236789"), Some("2342342"), Some(880)));
    }

    pub(super) fn check_active_calls(v: &Value) {
        let l: ActiveCallList = read(v);
        assert_eq!(l.items.len(), 1);
        assert_eq!((l.items[0].conference_id, l.items[0].subject.as_deref()), (Some(256), Some("Call Subject")));
    }

    pub(super) fn check_host_list(v: &Value) {
        let l: HostList = read(v);
        let hosts: Vec<_> =
            l.items.iter().map(|h| (h.host_id, h.access_code.as_deref(), h.plan_slug.as_deref())).collect();
        assert_eq!(
            hosts,
            [(Some(9), Some("1234567"), Some("small_plan")), (Some(10), Some("1234568"), Some("medium_plan"))]
        );
        assert_eq!(l.items[1].name.as_deref(), Some("Jane Host"));
    }

    pub(super) fn check_contact_pair(v: &Value) {
        let l: IotumContactList = read(v);
        let contacts: Vec<_> = l.items.iter().map(|c| (c.contact_id, c.name.as_deref(), c.has_host)).collect();
        assert_eq!(
            contacts,
            [(Some(35), Some("John Smith"), Some(false)), (Some(37), Some("James Brown"), Some(false))]
        );
        assert_eq!(l.items[1].time_zone.as_deref(), Some("US/Central"));
    }

    pub(super) fn check_contact_fetched(v: &Value) {
        let c: IotumContact = read(v);
        assert_eq!((c.contact_id, c.email.as_deref()), (Some(35), Some("john@smith.com")));
        assert_eq!((c.business_phone.as_deref(), c.has_host), (Some("+12345678901"), Some(false)));
    }

    pub(super) fn check_contact_updated(v: &Value) {
        let c: IotumContact = read(v);
        assert_eq!((c.contact_id, c.name.as_deref()), (Some(35), Some("John Smith Updated")));
        assert_eq!(c.has_host, None, "the update example does not show has_host");
    }

    // The drive examples show field names only: they decode to empty records, and what they
    // assert is that every name listed is a field of the type (and, for a record, all of them).

    pub(super) fn check_drive_page(v: &Value) {
        let p: DriveFilePage = read(v);
        assert_eq!(listed(v), fields_of::<DriveFilePage>());
        assert_eq!(p.files, vec![DriveFile::default()], "`Array<{{ … }}>`: one file, without values");
        let file_fields = fields_of::<DriveFile>();
        assert!(listed(&v["files"][0]).iter().all(|k| file_fields.contains(k)), "{:?}", listed(&v["files"][0]));
        assert_eq!((p.total_pages, p.current_page, p.next_page), (None, None, None), "`<number>` is no value");
    }

    pub(super) fn check_drive_file(v: &Value) {
        let f: DriveFile = read(v);
        assert_eq!(listed(v), fields_of::<DriveFile>());
        assert_eq!(f, DriveFile::default());
    }

    pub(super) fn check_drive_upload(v: &Value) {
        let u: DriveUpload = read(v);
        assert_eq!(listed(v), fields_of::<DriveUpload>());
        assert_eq!(u, DriveUpload::default());
    }

    /// Facts every scheduled conference example shares.
    fn check_conference_common(c: &Conference) {
        assert_eq!((c.conference_id, c.subject.as_deref()), (Some(183), Some("Test Conference")));
        assert_eq!(
            (c.start.as_deref(), c.end_time.as_deref()),
            (Some("2020-09-19 13:00:00"), Some("2020-09-19 14:00:00"))
        );
        assert_eq!((c.time_zone.as_deref(), c.duration), (Some("America/Toronto"), Some(60)));
        assert_eq!(c.one_time_access_code.as_deref(), Some("987654321"), "the number is read as text");
        assert_eq!((c.security_pin.as_deref(), c.mute_mode.as_deref()), (Some("123456"), Some("conversation")));
    }

    /// The facts of a conference answer with its room (all but the recurring example).
    fn check_conference_room(c: &Conference) {
        check_conference_common(c);
        assert_eq!(c.room_url.as_deref(), Some("https://subdomain.domain.tld/conf/call/987654321"));
        assert_eq!((c.is_streaming, c.moderator_token.as_deref()), (Some(false), Some("cnzrvyEeJp3H")));
    }

    pub(super) fn check_conference_created(v: &Value) {
        let c: Conference = read(v);
        check_conference_room(&c);
        assert_eq!((c.participants.as_deref(), c.moderators.as_deref()), (Some(&[1, 2, 3][..]), Some(&[1][..])));
        assert_eq!((c.active, c.recordings.as_deref()), (Some(false), Some(&[][..])));
        let emails: Vec<_> =
            c.participant_emails.iter().flatten().map(|p| (p.email.as_deref().unwrap(), p.moderator)).collect();
        assert_eq!(emails, [("bob@iotum.com", Some(true)), ("alice@iotum.com", Some(false))]);
        let stream = c.broadcast_stream_url.expect("the broadcast stream");
        assert_eq!((stream.source.as_deref(), stream.state), (Some("url"), None), "placeholder `url`; state `null|…`");
    }

    pub(super) fn check_conference_now(v: &Value) {
        let c: Conference = read(v);
        check_conference_room(&c);
        assert_eq!(c.active, Some(true), "a reservationless conference is active at once");
        assert_eq!(c.agenda.as_deref(), Some("null"), "the document prints the text \"null\"");
    }

    pub(super) fn check_conference_updated(v: &Value) {
        let c: Conference = read(v);
        check_conference_room(&c);
        assert_eq!((c.agenda.as_deref(), c.auto_stream.as_deref()), (Some("An agenda"), None));
    }

    pub(super) fn check_conference_fetched(v: &Value) {
        let c: Conference = read(v);
        check_conference_common(&c);
        assert_eq!(c.room_url.as_deref(), Some("https://subdomain.domain.tld/conf/call/987654321"));
        let recordings = c.recordings.expect("the recordings");
        assert_eq!(recordings.len(), 1);
        let r = &recordings[0];
        assert_eq!(r.download_link.as_deref(), Some("https://subdomain.domain.tld/recording/inline/dc68df6c8a5.mp4"));
        assert_eq!(
            (r.id, r.r#type.as_deref(), r.publishing_state.as_deref()),
            (Some(12345), Some("video"), Some("published"))
        );
        // The example never closes its recordings: the conference's participants, moderators,
        // is_streaming and moderator_token are printed inside the recording.
        assert_eq!((c.participants, c.is_streaming, c.moderator_token), (None, None, None));
    }

    pub(super) fn check_conference_page(v: &Value) {
        let p: ConferencePage = read(v);
        assert_eq!((p.conferences.len(), p.next_page.as_deref()), (2, None));
        check_conference_room(&p.conferences[0]);
        let second = &p.conferences[1];
        assert_eq!((second.conference_id, second.subject.as_deref()), (Some(184), Some("Test Conference 2")));
        assert_eq!(second.active, Some(false), "read once the comma after `false` is back");
        assert_eq!(second.participants.as_deref(), Some(&[1, 2, 3][..]));
    }

    pub(super) fn check_participant_details(v: &Value) {
        let d: ParticipantDetails = read(v);
        let ids = |l: &[IotumContact]| l.iter().map(|c| (c.contact_id, c.has_host)).collect::<Vec<_>>();
        assert_eq!(ids(&d.participants), [(Some(35), Some(false))]);
        assert_eq!(ids(&d.moderators), [(Some(37), Some(true))]);
    }

    pub(super) fn check_viewer_count(v: &Value) {
        assert_eq!(read::<ViewerCount>(v).count, Some(4), "the count \"4\" is read as a number");
    }

    pub(super) fn check_conference_recurring(v: &Value) {
        let c: Conference = read(v);
        check_conference_common(&c);
        assert_eq!((c.is_master, c.master_id), (Some(true), Some(183)));
        assert_eq!(c.schedule.as_deref(), Some("FREQ=DAILY;INTERVAL=2"));
        assert_eq!((c.active, c.room_url.as_deref()), (Some(false), None));
    }

    pub(super) fn check_dialout(v: &Value) {
        assert_eq!(read::<Dialout>(v).dialout_status.as_deref(), Some("new"));
    }
}
#[cfg(not(target_arch = "wasm32"))]
use iotum_checks::*;

fn check_contact(v: &Value) {
    let c = decode::<contacts::ContactAnswer>(v).contact;
    assert_eq!(c.contact_id, "String");
}

fn check_contact_list(v: &Value) {
    let l: contacts::ContactList = decode(v);
    assert_eq!((l.contacts.len(), l.contacts[0].created_at.as_deref()), (1, Some("Date")));
}

fn check_group(v: &Value) {
    let g = decode::<groups::GroupAnswer>(v).group;
    assert_eq!(g.group_id, "String", "read from \"group\" or (edit example) \"contact\"");
}

fn check_group_list(v: &Value) {
    let l: groups::GroupList = decode(v);
    assert_eq!(l.groups.len(), 1);
}

fn check_timezones(v: &Value) {
    let l: datapool::TimezoneList = decode(v);
    assert_eq!((l.timezones.len(), l.timezones[0].gmt_offset), (1, None));
}

fn check_countries(v: &Value) {
    let l: datapool::CountryList = decode(v);
    assert_eq!(l.countries[0].iso2_code.as_deref(), Some("String"));
}

fn check_plans(v: &Value) {
    let l: datapool::PlanList = decode(v);
    let p = &l.plans[0];
    assert_eq!(p.currency.as_deref(), Some(&["String".to_owned()][..]));
    assert_eq!(p.user_license.as_ref().unwrap().price_year.as_ref().unwrap().len(), 0);
}

fn check_sessions(v: &Value) {
    let l: reports::SessionList = decode(v);
    assert_eq!(
        (l.sessions.len(), l.sessions[0].user_id.as_deref(), l.search.stage.as_deref()),
        (1, Some("ObjectId"), Some("String"))
    );
}

fn check_cdr(v: &Value) {
    let c: reports::Cdr = decode(v);
    assert_eq!((c.search.page, c.search.page_length), (Some(1), Some(10)));
    assert_eq!(c.search.filters.unwrap().session_id.as_deref(), Some("xxxxxxxxx"));
    assert!(c.cdr.is_empty(), "the example is cut off before any record");
}

#[test]
fn permanent_room_examples_decode() {
    assert_eq!(run(Route::Permanent), 6);
}

#[test]
fn lobby_examples_decode() {
    assert_eq!(run(Route::Lobby), 8);
}

#[test]
fn meeting_branding_example_decodes() {
    assert_eq!(run(Route::MeetingBranding), 1);
}

#[test]
fn polls_example_decodes() {
    assert_eq!(run(Route::Polls), 1);
}

#[test]
fn contact_examples_decode() {
    assert_eq!(run(Route::Contact) + run(Route::ContactList), 5);
}

#[test]
fn group_examples_decode() {
    assert_eq!(run(Route::Group) + run(Route::GroupList), 7);
}

#[test]
fn datapool_examples_decode() {
    assert_eq!(run(Route::Datapool), 3);
}

#[test]
fn report_examples_decode() {
    assert_eq!(run(Route::SessionList) + run(Route::Cdr), 2);
}

#[test]
fn customer_examples_decode() {
    assert_eq!(run(Route::Customer) + run(Route::CustomerList), 4);
}

#[test]
fn subscription_examples_decode() {
    assert_eq!(run(Route::Subscription) + run(Route::SubscriptionList), 4);
}

#[test]
fn user_examples_decode() {
    assert_eq!(run(Route::User) + run(Route::UserList), 6);
}

#[test]
fn new_repair_rules_fire_only_on_their_typo() {
    assert_eq!(repair(r#"{"a": "x", /* note */ "b": 1}"#), (r#"{"a": "x",  "b": 1}"#.into(), vec![JsComment]));
    assert_eq!(
        repair(r#"{"a": Number, "b": "Number"}"#),
        (r#"{"a": "Number", "b": "Number"}"#.into(), vec![BarePlaceholder])
    );
    assert_eq!(
        repair("{\n\"a\": {\"b\": 1},\n\"c\":</"),
        ("{\n\"a\": {\"b\": 1}\n}".into(), vec![TruncatedAtEnd, MissingClosingBrace])
    );
    for ok in [r#"{"s": "/* not a comment */ Number", "t": true, "n": null}"#, "{\n\"a\": 1,\n\"b\": 2\n}"] {
        assert_eq!(repair(ok), (ok.to_owned(), vec![]), "{ok}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cpaas_project_examples_decode() {
    assert_eq!(run(Route::ProjectList), 1);
    assert_eq!(run(Route::Project), 2);
    assert_eq!(run(Route::ProjectChange), 5);
    assert_eq!(run(Route::VideoEmbed), 1);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn iotum_examples_decode() {
    assert_eq!(run(Route::IotumDomain) + run(Route::IotumAuth), 2);
    assert_eq!(run(Route::IotumCompany), 4);
    assert_eq!(run(Route::IotumSubscription), 9);
    assert_eq!(run(Route::IotumHost), 7);
    assert_eq!(run(Route::IotumContact), 4);
    assert_eq!(run(Route::IotumDrive), 4);
    assert_eq!(run(Route::IotumChat), 1);
    assert_eq!(run(Route::IotumConference), 15);
}

#[test]
fn iotum_repair_rules_fire_only_on_their_typo() {
    let cases: [(&str, &str, Repair); 11] = [
        ("{\n\"a\": 1,\n\"tz: \"X\"\n}", "{\n\"a\": 1,\n\"tz\": \"X\"\n}", UnclosedKey),
        ("{\"a\": 1, // note: x\n\"b\": 2}", "{\"a\": 1,\n\"b\": 2}", LineComment),
        ("{a: [1]}", "{\"a\": [1]}", UnquotedKey),
        (
            r#"{"a": Array<{ "b": <number> }>, "c": <number|null>}"#,
            r#"{"a": [{ "b": null }], "c": null}"#,
            TypePlaceholder,
        ),
        ("{ id, name }", r#"{ "id": null, "name": null }"#, BareFieldName),
        (r#"{"s": null|'NEW'|'OLD'}"#, r#"{"s": null}"#, FirstAlternative),
        (r#"{"s": 'NEW'|null}"#, r#"{"s": "NEW"}"#, FirstAlternative),
        (r#"{"s": url}"#, r#"{"s": "url"}"#, BareWordValue),
        ("[{\"a\": 1},\n{,\"b\": 2}]", "[{\"a\": 1},\n{\"b\": 2}]", CommaAfterOpening),
        ("{\"a\": \"x\"\n\"b\": false\n\"c\": {}\n}", "{\"a\": \"x\",\n\"b\": false,\n\"c\": {}\n}", MissingComma),
        ("[{\"a\": [1,],},\n]", "[{\"a\": [1]}\n]", TrailingComma),
    ];
    for (typo, fixed, rule) in cases {
        assert_eq!(repair(typo), (fixed.to_owned(), vec![rule]), "{typo}");
        serde_json::from_str::<Value>(fixed).unwrap_or_else(|e| panic!("{fixed}: {e}"));
    }
    // Valid JSON is left alone: colons, bars, slashes and angle brackets inside strings, values
    // on their own lines, a key line with a colon in its value.
    for ok in [
        r#"{"url": "https://x.y/a|b", "t": "a: b", "o": {"k": "<v> // c"}, "n": [1, 2], "z": null}"#,
        "[\n{\n\"a\": \"b: c\",\n\"d\": true\n},\n{\n\"e\": [\n1,\n2\n]\n}\n]",
        "\"OK\"",
    ] {
        assert_eq!(repair(ok), (ok.to_owned(), vec![]), "{ok}");
        serde_json::from_str::<Value>(ok).unwrap();
    }
}
