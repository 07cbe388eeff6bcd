#!/usr/bin/env python3
"""Cuts the test fixtures out of the vendor documents (../shared/api-docs, beside the clone).

    python3 scripts/extract-fixtures.py            # rewrite the fixtures from the documents
    python3 scripts/extract-fixtures.py --check    # compare the checked-in fixtures (and the code
                                                   # table) with the documents; change nothing
    ... [--docs DIR]                               # documents elsewhere than ../shared/api-docs

The tests read only the fixtures, so they run in a clone that has no ../shared:

- tests/fixtures/doc-examples.json (tests/doc_examples.rs): every "Example Response" /
  "Response Example" JSON block of the sections in SECTIONS below, raw as printed (typos included:
  the test repairs them and asserts each example needed exactly its listed repairs). Each example
  is stored as its list of lines; the test joins them with "\\n".
- codes/tests/fixtures/doc-codes.txt (codes/tests/against_docs.rs): every line of
  ucaas-overview-auth.txt and ucaas-api-routes.txt that starts with a 4-digit code and an
  upper-case letter ("1001Token is not valid."), right-trimmed, in document order.

This script is the one implementation of the cutting (section by heading, then the balanced-brace
JSON block after each marker); the tests only check that the fixture's sections are their specs.
With --check and the documents absent it prints "vendor-document check: not run
(../shared/api-docs absent)" and exits 0: scripts/test.sh runs it as its own stage. Output is
deterministic (same documents, same bytes).
"""
import argparse
import difflib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "api-docs"
EXAMPLES_FIXTURE = ROOT / "tests" / "fixtures" / "doc-examples.json"
CODES_FIXTURE = ROOT / "codes" / "tests" / "fixtures" / "doc-codes.txt"
CODE_TABLE = ROOT / "codes" / "src" / "table.rs"

ROUTES = "ucaas-api-routes.txt"
LOBBY = "ucaas-meetings-lobby-polls.txt"
OVERVIEW = "ucaas-overview-auth.txt"
CODE_FILES = [OVERVIEW, ROUTES]

# Where a section ends: at the next "API Route" line after the section's own (NEXT_ROUTE), or at
# the line starting with a given text (("before", text)).
NEXT_ROUTE = ("next-route", None)


def before(text):
    return ("before", text)


# What introduces an example: a line starting with "Example Response" / "Response Example"
# (EXAMPLE), or the heading itself, whose section's first JSON block is the example (HEADING).
EXAMPLE, HEADING = "example-response", "heading"

# (file, heading, end, marker), in the order of SPECS in tests/doc_examples.rs (the test asserts
# the fixture's (file, heading) list is exactly its SPECS list). A heading is the start of the
# section's heading line; the /password request section has no heading, its first sentence
# stands in.
SECTIONS = [
    (ROUTES, "Get Access Token", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "This API provides a Password Reset link.", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Validate Password Reset Key", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Reset Password", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Join a Session", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Invite Others to Join An Ongoing Session", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Branding Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Schedule a Meeting", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Edit Meeting Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Meeting Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get a List of Meetings", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Cancel a Meeting", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Schedule Meeting", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Edit Meeting Information", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Get Meeting Information", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Get List of Meetings", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Cancel Meeting", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Customer Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Search and get a list of Customers", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a New Customer", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Edit Customer Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Subscription Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get the Subscription List", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a New Subscription", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Update a Subscription", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a User", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Edit a User", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get User Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get User List", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Assign an Application License to a User", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Revoke Application License From Users", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Permanent Room Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Update Permanent Room Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Reset Permanent Room PINs", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Update Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Delete Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Set/Reset Branding Options", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a Contact", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Edit a Contact", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Contact Information", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Delete a Contact", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Contact Listing", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a Contact Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Edit a Contact Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Information of a Contact Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Delete Contact Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Add a Contact to a Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Delete a Contact from a Contact Group", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Contact Group Listing", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Time Zones", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Countries", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get Billing Plans", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get a List of Sessions", NEXT_ROUTE, EXAMPLE),
    (ROUTES, "Get CDR", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Get Permanent Room Info", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Update Permanent Room Info", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Reset Permanent Room PINs", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Get Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Add Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Update Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    (LOBBY, "Delete Meeting Lobby Information", NEXT_ROUTE, EXAMPLE),
    # Two "API Route" lines (with and without conf_num): the section ends at the error codes.
    (LOBBY, "Get Polled Data", before("Error Codes"), EXAMPLE),
    # The generic answers, right below their headings (no marker).
    (OVERVIEW, "Success JSON", before("Error JSON"), HEADING),
    (OVERVIEW, "Error JSON", before("Result Code Grouping"), HEADING),
]

# Rust's char::is_whitespace (Unicode White_Space), so trimming matches what the tests did when they
# cut the documents in Rust (Python's str.strip() also strips U+001C..U+001F).
WS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


class DocError(Exception):
    pass


def lines_of(text):
    """Rust's str::lines(): split at \\n, drop one trailing \\r, no empty last line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def open_brackets(s):
    """Brackets still open at the end of s, innermost last (JSON strings and escapes respected)."""
    stack, in_string, escaped = [], False, False
    for c in s:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            stack.append(c)
        elif c in "}]":
            if stack:
                stack.pop()
    return stack


def section(lines, file, heading, end):
    """The lines of the section whose (trimmed) line starts with heading; it must occur once. A
    heading that is the whole line wins over longer ones it begins ("Add a Contact" and "Add a
    Contact Group")."""
    starts = [i for i, l in enumerate(lines) if l.strip(WS) == heading]
    if not starts:
        starts = [i for i, l in enumerate(lines) if l.strip(WS).startswith(heading)]
    if len(starts) != 1:
        raise DocError(f"{file}: the section heading {heading!r} must occur exactly once, found lines {starts}")
    start = starts[0]
    kind, text = end
    if kind == "next-route":
        own = next((i for i in range(start, len(lines)) if "API Route" in lines[i]), None)
        if own is None:
            raise DocError(f"{file}: section {heading!r} has no API Route line")
        stop = next((i for i in range(own + 1, len(lines)) if "API Route" in lines[i]), len(lines))
    else:
        stop = next((i for i in range(start + 1, len(lines)) if lines[i].strip(WS).startswith(text)), None)
        if stop is None:
            raise DocError(f"{file}: section {heading!r}: no following {text!r}")
    return lines[start:stop]


def is_marker(line):
    l = line.strip(WS)
    return l.startswith("Example Response") or l.startswith("Response Example")


def continues_json(line):
    """A line that can continue a JSON block (blank, or starting like a JSON token the docs use)."""
    l = line.strip(WS)
    return l == "" or l[0] in '"{}[]'


def json_block(lines, frm):
    """The JSON block starting at the first line from frm that starts with { (before the next
    marker): lines are taken while brackets are open and the next line still looks like JSON. A
    block whose brackets never close is returned as it stands (the docs' missing-brace typo)."""
    first = None
    for i in range(frm, len(lines)):
        if i != frm and is_marker(lines[i]):
            break
        if lines[i].lstrip(WS).startswith("{"):
            first = i
            break
    if first is None:
        return None
    block = ""
    for n, line in enumerate(lines[first:]):
        if n > 0 and not continues_json(line):
            break
        if n > 0:
            block += "\n"
        block += line
        if not open_brackets(block):
            # Closed: nothing but blanks may follow the final bracket on its line.
            end = block.rstrip(WS)
            if not end.endswith(("}", "]")):
                raise DocError(f"text after the closing bracket of a JSON block: {line!r}")
            return end
    return block.rstrip(WS)


def examples(text, file, heading, end, marker):
    """The examples of one section, raw as printed. A marker without a JSON block before the next
    one is skipped ("Get User Information" prints "Example Response" above its request); the
    test's per-section count catches a lost one."""
    sec = section(lines_of(text), file, heading, end)
    starts = [i for i, l in enumerate(sec) if is_marker(l)] if marker == EXAMPLE else [0]
    blocks = (json_block(sec, i + 1) for i in starts)
    return [b for b in blocks if b is not None]


def read_doc(docs, name):
    return (docs / name).read_text(encoding="utf-8")


def examples_fixture(docs):
    texts = {f: read_doc(docs, f) for f in sorted({s[0] for s in SECTIONS})}
    sections = [
        {"file": f, "heading": h, "examples": [b.split("\n") for b in examples(texts[f], f, h, e, m)]}
        for f, h, e, m in SECTIONS
    ]
    fixture = {
        "generated": "by scripts/extract-fixtures.py from ../shared/api-docs; do not edit by hand",
        "note": "each example is its lines, raw as printed (typos included); join them with a newline",
        "sections": sections,
    }
    return json.dumps(fixture, indent=2, ensure_ascii=True) + "\n"


CODE_LINE = re.compile(r"^[0-9]{4}[A-Z]")


def code_lines(docs):
    """Every line of the code files that starts with a 4-digit code and an upper-case letter."""
    # A file may end without a newline: its last line stays apart from the next file's first.
    text = "\n".join(read_doc(docs, f) for f in CODE_FILES)
    return [l.rstrip(WS) for l in lines_of(text) if CODE_LINE.match(l)]


def codes_fixture(docs):
    head = [
        f"# @generated by scripts/extract-fixtures.py from ../shared/api-docs ({', '.join(CODE_FILES)}); do not edit by hand.",
        "# Every documented code line (4 digits and an upper-case letter), right-trimmed, in document order.",
    ]
    return "\n".join(head + code_lines(docs)) + "\n"


def table_rows():
    """codes/src/table.rs as (code, text) pairs."""
    rows = []
    for m in re.finditer(r'^\s*\((\d+), "((?:[^"\\]|\\.)*)"\),$', CODE_TABLE.read_text(encoding="utf-8"), re.M):
        rows.append((int(m.group(1)), re.sub(r"\\(.)", r"\1", m.group(2))))
    if not rows:
        raise DocError(f"{CODE_TABLE}: no rows found")
    return rows


def table_problems(docs):
    """The old codes/tests/against_docs.rs, against the documents themselves."""
    doc_lines = {l.rstrip(WS) for l in lines_of("\n".join(read_doc(docs, f) for f in CODE_FILES))}
    rows = table_rows()
    codes = {c for c, _ in rows}
    problems = [f"codes/src/table.rs row not in the documents: {c}{t}" for c, t in rows if f"{c}{t}" not in doc_lines]
    problems += [f"documented code missing from codes/src/table.rs: {l}" for l in code_lines(docs) if int(l[:4]) not in codes]
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare the fixtures with the documents; write nothing")
    ap.add_argument("--docs", type=pathlib.Path, default=DEFAULT_DOCS, help="the vendor documents (default ../shared/api-docs)")
    args = ap.parse_args()
    docs = args.docs
    if not all((docs / f).is_file() for f in sorted({s[0] for s in SECTIONS} | set(CODE_FILES))):
        if args.check:
            print("vendor-document check: not run (../shared/api-docs absent)")
            print(f"  looked in {docs}: the fixtures were NOT compared with the vendor documents")
            return 0
        print(f"extract-fixtures: cannot regenerate the fixtures: the vendor documents are not in {docs}", file=sys.stderr)
        return 1
    try:
        wanted = {EXAMPLES_FIXTURE: examples_fixture(docs), CODES_FIXTURE: codes_fixture(docs)}
        problems = table_problems(docs)
    except DocError as e:
        print(f"extract-fixtures: {e}", file=sys.stderr)
        return 1
    if not args.check:
        for path, text in wanted.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}")
        for p in problems:
            print(f"warning: {p} (rerun scripts/gen-codes.py)", file=sys.stderr)
        return 0
    stale = 0
    for path, text in wanted.items():
        rel = path.relative_to(ROOT)
        have = path.read_text(encoding="utf-8") if path.is_file() else ""
        if have != text:
            stale += 1
            print(f"{rel}: out of date with {docs}:")
            sys.stdout.writelines(difflib.unified_diff(
                have.splitlines(True), text.splitlines(True), f"{rel} (checked in)", f"{rel} (from the documents)"))
        else:
            print(f"{rel}: up to date with the documents")
    for p in problems:
        print(p)
    if stale or problems:
        print("vendor-document check: FAILED (python3 scripts/extract-fixtures.py regenerates the fixtures;"
              " python3 scripts/gen-codes.py the code table)")
        return 1
    print(f"vendor-document check: ok (fixtures and code table match {docs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
