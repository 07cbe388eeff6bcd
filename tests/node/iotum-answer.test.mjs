// The Iotum answer rules agree in JavaScript and Rust: `readAnswer`, `readUpload` and `asItems`
// of js/iotum.js (the npm server build's IotumClient) and `ucaas_client::client::iotum_answer`
// (the Rust IotumClient), run through examples/iotum_answer_lines.rs, on a table of (status,
// body) cases: every status class, JSON objects with and without `message`, bare arrays,
// strings, numbers, null, empty and white-space bodies, text that is not JSON, and lone objects
// for a list answer. Both must give the same JSON or the same error (kind, message, status).
// So do the API token rules (`apiTokenOf`, `iotum_api_token_of`) on a list of tokens.
//
//   node --test tests/node/iotum-answer.test.mjs   (after cargo build --example iotum_answer_lines;
//   UCAAS_IOTUM_ANSWER_LINES_BIN: another binary)
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { apiTokenOf, asItems, readAnswer, readUpload } from "../../js/iotum.js";

const RUST = process.env.UCAAS_IOTUM_ANSWER_LINES_BIN ?? new URL("../../target/debug/examples/iotum_answer_lines", import.meta.url).pathname;

const STATUSES = [200, 201, 202, 204, 299, 300, 304, 400, 401, 403, 404, 409, 422, 429, 499, 500, 502, 503, 504, 599];
const BODIES = [
  "", "   ", "\n\t ", "\u00a0", "\ufeff", "\u2028 ", "\u0085",
  '{"message":"OK"}', '{"message":"  Session expired \\n"}', '{"message":""}', '{"message":"   "}', '{"message":5}',
  '{"message":null}', '{"message":["x"]}', '{"error":"no message key"}', "{}", '{"items":[{"id":1}]}', '{"items":5}',
  '{"id":3,"domain":"sub.reseller.test"}', "[]", '[{"id":1},{"id":2}]', "[1,2]", '"OK"', '""', '"  spaced  "',
  "5", "0", "true", "false", "null", "OK", "<html>502 Bad Gateway</html>", "{", '{"a":1', " {\"message\":\"padded\"} ",
  '{"message":"\\u00e9t\\u00e9"}', '{"nested":{"items":[]}}',
];

function js(c) {
  try {
    const json = (c.read === "upload" ? readUpload : readAnswer)(c.status, c.body);
    return { ok: asItems(json, c.items ? [["items"]] : [["message"]]) };
  } catch (e) {
    return { error: { kind: e.kind, message: e.message, status: e.status ?? null, field: e.field ?? null } };
  }
}

function rust(cases) {
  assert.ok(existsSync(RUST), `no ${RUST}: run cargo build --example iotum_answer_lines (or set UCAAS_IOTUM_ANSWER_LINES_BIN)`);
  const run = spawnSync(RUST, { input: cases.map((c) => JSON.stringify(c)).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, `iotum_answer_lines failed: ${run.stderr}`);
  const lines = run.stdout.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, cases.length, "one answer per line");
  return lines.map((l) => JSON.parse(l));
}

test("readAnswer, readUpload and asItems agree with the Rust client's rules", () => {
  const cases = [];
  for (const status of STATUSES) {
    for (const body of BODIES) {
      for (const read of ["answer", "upload"]) for (const items of [false, true]) cases.push({ status, body, read, items });
    }
  }
  const answers = rust(cases);
  const kinds = new Set();
  let ok = 0;
  cases.forEach((c, i) => {
    assert.deepEqual(answers[i], js(c), `HTTP ${c.status} ${JSON.stringify(c.body)} (${c.read}, items ${c.items})`);
    if ("ok" in answers[i]) ok++;
    else kinds.add(answers[i].error.kind);
  });
  // Every kind an answer can have, and successes, must have come up for the table to mean anything.
  assert.deepEqual([...kinds].sort(), ["api", "decode", "forbidden", "http", "not_found", "unauthenticated", "validation"]);
  assert.ok(ok > 500, `${ok} successes`);
});

test("the API token rule agrees with the Rust client's", () => {
  const tokens = [
    "tok", "  tok  ", "\ttok\t", "tok\n", "\ntok", "to\u0000k", "to\u001fk", "to\u007fk", "to\u0080k", "to\u0085k",
    "\u0085tok", "\u00a0tok\u00a0", "\ufefftok", "\u2028tok\u3000", "", " ", "\u00a0", "\ufeff", "é-token", "a b",
  ];
  const answers = rust(tokens.map((api_token) => ({ api_token })));
  let refused = 0;
  tokens.forEach((token, i) => {
    let js;
    try {
      js = { ok: apiTokenOf(token) };
    } catch (e) {
      js = { error: { kind: e.kind, message: e.message, status: e.status ?? null, field: e.field ?? null } };
      refused++;
    }
    assert.deepEqual(answers[i], js, JSON.stringify(token));
  });
  assert.ok(refused >= 5 && refused < tokens.length, `${refused} refused`);
});
