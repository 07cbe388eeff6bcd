// The answer decoder (`decodeShape`) and the answer rules (`checkAnswer`) of js/runtime.js on
// generated hostile answers: wrong types at every depth, `__proto__` / `constructor` /
// `prototype` keys, huge strings, numbers as strings, NaN / Infinity / -0, arrays where objects
// are expected, nulls. The shapes are the real tables of every answer type
// (tests/fixtures/answer-shapes.txt, as src/shape.rs `write_json` writes them) plus generated
// ones. Properties:
//   1. `decodeShape` never throws: it returns `{ ok }` or `{ error: string }`;
//   2. no prototype pollution (`Object.prototype` unchanged), and a decoded object's own keys are
//      only its shape's keys (plus the key name of an ENTRIES item, the two names of a PAIRS item);
//   3. the output follows the shape: TEXT a string, COUNT an integer 0..2^32-1, INT an integer,
//      NUMBER a finite number, FLAG a boolean, OBJECT a plain object, LIST / TEXTS / INTS / ENTRIES /
//      PAIRS an array; `always` fields present; an answer without a required field an `error`;
//   4. decoding an `ok` again by the same shape gives the same value (shapes without ENTRIES /
//      PAIRS, which turn maps into arrays, or an `always` object whose empty `{}` would be
//      decoded anew);
//   5. on the wire's JSON (the answer as `JSON.stringify` writes it), `decodeShape` gives what the
//      Rust walker `shape::decode` gives (examples/decode_lines.rs, run as a child process):
//      the same value, or an error both ways (with the same message where no map's key order
//      decides which item fails first);
//   6. `checkAnswer` never throws, for any status 100–599 and any JSON answer: it returns
//      nothing (success) or a `UcaasError` of a documented kind (docs/conventions.md, "Client
//      error kinds").
//
//   node --test tests/node/decoder.property.test.mjs
//   UCAAS_DECODER_SEED=123 UCAAS_DECODER_RUNS=5000 node --test tests/node/decoder.property.test.mjs
//
// One seed for the file, printed always; UCAAS_DECODER_RUNS is the runs of each property (each
// real shape gets a share of it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { checkAnswer, decodeShape } from "../../js/runtime.js";
import { UcaasError } from "../../js/error.js";

const seed = Number(process.env.UCAAS_DECODER_SEED ?? Date.now() % 2 ** 31);
const numRuns = Number(process.env.UCAAS_DECODER_RUNS ?? 1000);
console.log(`decoder properties: seed ${seed}, ${numRuns} runs each (UCAAS_DECODER_SEED=${seed} repeats this run)`);
const params = (runs = numRuns) => ({ seed, numRuns: Math.max(1, Math.round(runs)), includeErrorInReport: true });

const TEXT = 0, COUNT = 1, INT = 2, NUMBER = 3, FLAG = 4, OBJECT = 5, LIST = 6, TEXTS = 7, ENTRIES = 8, PAIRS = 9, INTS = 10;
const OPTIONAL = 0, REQUIRED = 1, ALWAYS = 2;
const KINDS = ["unauthenticated", "expired", "forbidden", "not_found", "validation", "http", "api", "decode"];

// ----- the real shapes

const SHAPES = readFileSync(new URL("../fixtures/answer-shapes.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const space = line.indexOf(" ");
    return [line.slice(0, space), JSON.parse(line.slice(space + 1))];
  });

// ----- hostile values

const HUGE = "x".repeat(1 << 20);
const STRANGE_KEYS = ["__proto__", "constructor", "prototype", "polluted", "toString", "hasOwnProperty", "valueOf", ""];
// Payloads as the wire brings them: JSON.parse makes `__proto__` an own key.
const PAYLOADS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

const scalar = fc.oneof(
  fc.constantFrom(
    null, undefined, NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 32, 2 ** 32 - 1, 2 ** 53, 9e15, -9e15, 8999999999999999,
    Number.MAX_VALUE, Number.MIN_VALUE, true, false,
    "", " ", "1", "0", " 42 ", "-0", "+7", "-7", "1e3", "0x10", "1.5", "9e15", "9000000000000000", "8999999999999999",
    "4294967295", "4294967296", "-1", "true", "TRUE", "False", "yes", "null", "NaN", "Infinity", "-Infinity",
    "__proto__", "Token has expired.", " TOKEN HAS EXPIRED ", "\u212Aoken has expired", "\uFEFF12", "\u00a012\u00a0",
    HUGE, ` ${HUGE} `,
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
);

// An object with own keys exactly as JSON.parse makes them (`__proto__` included).
const object = (entries) => Object.fromEntries(entries);
const payload = fc.constantFrom(...PAYLOADS).map((text) => JSON.parse(text));

// Any JSON-like value, nested up to a bound.
const { anyValue } = fc.letrec((tie) => ({
  anyValue: fc.oneof({ depthSize: "small", maxDepth: 8 }, scalar, payload, tie("array"), tie("object")),
  array: fc.array(tie("anyValue"), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...STRANGE_KEYS), fc.string({ maxLength: 6 })), tie("anyValue")), { maxLength: 4 })
    .map(object),
}));

// A value for a field of `kind`: mostly well typed (as the server should send it, in its loose
// forms), else anything.
function forKind(kind, a, b, c) {
  const typed = (() => {
    switch (kind) {
      case TEXT: return fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constantFrom(" padded ", HUGE));
      case COUNT:
      case INT: return fc.oneof(fc.integer({ min: -5, max: 2 ** 32 + 5 }), fc.integer().map(String), fc.constantFrom(-0, "-0", " 7 ", 2 ** 53));
      case NUMBER: return fc.oneof(fc.double(), fc.integer().map(String), fc.constantFrom(-0, NaN, Infinity, "1.5"));
      case FLAG: return fc.constantFrom(true, false, 0, 1, "0", "1", "true", "FALSE", 2, "yes");
      case OBJECT: return forShape(a);
      case LIST: return fc.array(fc.oneof({ weight: 4, arbitrary: forShape(a) }, { weight: 1, arbitrary: anyValue }), { maxLength: 4 });
      case TEXTS: return fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 8 }), scalar), { maxLength: 4 }), fc.string({ maxLength: 8 }));
      case INTS: return fc.oneof(fc.array(fc.oneof(fc.integer(), fc.integer().map(String), scalar), { maxLength: 4 }), fc.integer(), fc.constantFrom("7", -0));
      case ENTRIES: return mapOf(fc.oneof({ weight: 4, arbitrary: forShape(b) }, { weight: 1, arbitrary: anyValue }));
      case PAIRS: return mapOf(fc.oneof({ weight: 4, arbitrary: forKind(c[0], c[1], c[2], c[3]) }, { weight: 1, arbitrary: anyValue }));
      default: return anyValue;
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: fc.constant(null) });
}

// An object map (ENTRIES, PAIRS) whose keys may be hostile.
const mapOf = (value) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...STRANGE_KEYS), fc.string({ maxLength: 6 })), value), { maxLength: 4 }).map(object);

// An answer for `shape`: each field absent, null, or a value for its kind (under its key or its
// alias), hostile keys beside them, and now and then the wrong type altogether.
const shapeArbitraries = new WeakMap();
function forShape(shape) {
  if (shapeArbitraries.has(shape)) return shapeArbitraries.get(shape);
  const fields = shape.map((f) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 5, arbitrary: forKind(f[2], f[4], f[5], f[6]).map((v) => [[f[0], v]]) },
      ...(f[1] === null ? [] : [{ weight: 1, arbitrary: forKind(f[2], f[4], f[5], f[6]).map((v) => [[f[1], v]]) }]),
    ),
  );
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...STRANGE_KEYS), fc.string({ maxLength: 6 })), anyValue), { maxLength: 2 });
  const answer = fc.tuple(fc.tuple(...fields), extra).map(([parts, more]) => object([...more, ...parts.flat()]));
  const arb = fc.oneof(
    { weight: 12, arbitrary: answer },
    { weight: 1, arbitrary: answer.map((v) => [v]) }, // an array where an object is expected
    { weight: 1, arbitrary: anyValue },
  );
  shapeArbitraries.set(shape, arb);
  return arb;
}

// ----- generated shapes (as src/shape.rs tables could be; `__proto__` is never a field key)

const FIELD_KEYS = ["id", "name", "count", "items", "user", "constructor", "prototype", "toString", "valueOf", "a", "b"];
const ENTRY_KEYS = ["entry_key", "pair_key", "pair_value"];
const { shapeArb } = fc.letrec((tie) => ({
  shapeArb: fc.uniqueArray(tie("field"), { minLength: 1, maxLength: 5, selector: (f) => f[0] }),
  field: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.tuple(fc.constantFrom(...FIELD_KEYS), alias(), fc.constantFrom(TEXT, COUNT, INT, NUMBER, FLAG), fc.constantFrom(OPTIONAL, REQUIRED)),
    fc.tuple(fc.constantFrom(...FIELD_KEYS), alias(), fc.constantFrom(TEXTS, INTS), presence()),
    fc.tuple(fc.constantFrom(...FIELD_KEYS), alias(), fc.constantFrom(OBJECT, LIST), presence(), tie("shapeArb")),
    fc.tuple(fc.constantFrom(...FIELD_KEYS), alias(), fc.constant(ENTRIES), presence(), fc.constant(ENTRY_KEYS[0]), tie("shapeArb")),
    fc.tuple(fc.constantFrom(...FIELD_KEYS), alias(), fc.constant(PAIRS), presence(), fc.constant(ENTRY_KEYS[1]), fc.constant(ENTRY_KEYS[2]), tie("inner")),
  ),
  // A PAIRS value's kind: [kind, a, b, c].
  inner: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    fc.constantFrom(TEXT, COUNT, INT, NUMBER, FLAG, TEXTS).map((k) => [k]),
    fc.tuple(fc.constantFrom(OBJECT, LIST), tie("shapeArb")),
  ),
}));
function alias() {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("alias", "old_name", "constructor") });
}
// `always` only on nested kinds, as every table has it (an `always` scalar would be `{}`, in
// both walkers).
function presence() {
  return fc.constantFrom(OPTIONAL, REQUIRED, ALWAYS);
}

const shapeAndAnswer = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), forShape(shape)));

// ----- checks

const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const PROTO_KEYS = protoKeys();

function assertNoPollution() {
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.deepEqual(protoKeys(), PROTO_KEYS);
  assert.equal(Array.prototype.polluted, undefined);
}

function decode(value, shape) {
  const result = decodeShape(value, shape);
  assert.ok(result !== null && typeof result === "object", "decodeShape returns an object");
  const keys = Object.keys(result);
  assert.ok(keys.length === 1 && (keys[0] === "ok" || keys[0] === "error"), `decodeShape returns { ok } or { error }, not ${keys}`);
  if ("error" in result) assert.equal(typeof result.error, "string");
  assertNoPollution();
  return result;
}

// A value in a message (a decoded object may have own keys named toString and valueOf).
function describe(v) {
  if (Object.is(v, -0)) return "-0";
  try {
    return (typeof v === "number" ? String(v) : JSON.stringify(v) ?? typeof v).slice(0, 80);
  } catch {
    return typeof v;
  }
}

const isPlain = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

// A decoded object by its shape; `allowEmpty`: an `always` object that was absent is `{}`.
function checkObject(out, shape, extraKeys = [], allowEmpty = false) {
  assert.ok(isPlain(out), "a decoded object is a plain object");
  const allowed = new Set([...shape.map((f) => f[0]), ...extraKeys]);
  for (const k of Reflect.ownKeys(out)) assert.ok(allowed.has(k), `own key ${String(k)} is not in the shape`);
  if (allowEmpty && Reflect.ownKeys(out).length === 0) return;
  for (const [key, , kind, presence, a, b, c] of shape) {
    if (presence !== OPTIONAL) assert.ok(Object.hasOwn(out, key), `${key} (${presence === REQUIRED ? "required" : "always"}) is present`);
    if (Object.hasOwn(out, key)) checkValue(out[key], kind, a, b, c, presence === ALWAYS, key);
  }
}

function checkValue(v, kind, a, b, c, always, where) {
  const is = (ok, what) => { if (!ok) assert.fail(`${where}: ${what}, not ${describe(v)}`); };
  switch (kind) {
    case TEXT: return is(typeof v === "string", "TEXT is a string");
    case COUNT: return is(Number.isInteger(v) && v >= 0 && v <= 4294967295 && !Object.is(v, -0), "COUNT is an integer 0..2^32-1");
    case INT: return is(Number.isInteger(v) && Math.abs(v) < 9e15 && !Object.is(v, -0), "INT is an integer");
    case NUMBER: return is(typeof v === "number" && Number.isFinite(v), "NUMBER is finite");
    case FLAG: return is(typeof v === "boolean", "FLAG is a boolean");
    case OBJECT: return checkObject(v, a, [], always);
    case LIST:
      is(Array.isArray(v), "LIST is an array");
      return v.forEach((item) => checkObject(item, a));
    case TEXTS:
      is(Array.isArray(v), "TEXTS is an array");
      return v.forEach((s) => assert.equal(typeof s, "string", `${where}: TEXTS holds strings`));
    case INTS:
      is(Array.isArray(v), "INTS is an array");
      return v.forEach((n) => assert.ok(Number.isInteger(n) && Math.abs(n) < 9e15 && !Object.is(n, -0), `${where}: INTS holds integers`));
    case ENTRIES:
      is(Array.isArray(v), "ENTRIES is an array");
      return v.forEach((item) => {
        checkObject(item, b, [a]);
        assert.equal(typeof item[a], "string", `${where}: an entry's key is a string`);
      });
    case PAIRS:
      is(Array.isArray(v), "PAIRS is an array");
      return v.forEach((item) => {
        assert.ok(isPlain(item));
        assert.deepEqual(Reflect.ownKeys(item), [a, b], `${where}: a pair has exactly its two names`);
        assert.equal(typeof item[a], "string");
        checkValue(item[b], c[0], c[1], c[2], c[3], false, `${where}.${b}`);
      });
  }
  assert.fail(`${where}: unknown kind ${kind}`);
}

// The output is an `ok` by this shape (property 3 and the own-key half of 2).
function checkDecoded(input, shape) {
  const result = decode(input, shape);
  if ("ok" in result) checkObject(result.ok, shape);
  return result;
}

// Decoding an `ok` again gives it back, unless the shape has ENTRIES / PAIRS (maps become
// arrays), an `always` object whose shape has required or `always` fields (its `{}`
// substitute, decoded anew, is an error or gains those fields), or an alias that is a sibling
// field's key.
function idempotent(shape) {
  const keys = new Set(shape.map((f) => f[0]));
  return shape.every(([, alias, kind, presence, a]) => {
    // An alias that is a sibling's key: a field unreadable under its own key is absent, and
    // decoded again it is read from the sibling's value.
    if (alias !== null && keys.has(alias)) return false;
    if (kind === ENTRIES || kind === PAIRS) return false;
    if (kind === OBJECT || kind === LIST) {
      if (kind === OBJECT && presence === ALWAYS && a.some((f) => f[3] !== OPTIONAL)) return false;
      return idempotent(a);
    }
    return true;
  });
}

// A generated shape made one that `idempotent` accepts: without the fields it excludes.
function withoutMaps(shape) {
  const keys = new Set(shape.map((f) => f[0]));
  const out = shape
    .filter(([, , kind, presence, a]) => kind !== ENTRIES && kind !== PAIRS && !(kind === OBJECT && presence === ALWAYS && a.some((f) => f[3] !== OPTIONAL)))
    .map(([key, alias, kind, presence, a]) => {
      const f = [key, alias !== null && keys.has(alias) ? null : alias, kind, presence];
      return kind === OBJECT || kind === LIST ? [...f, withoutMaps(a)] : f;
    });
  return out.length > 0 ? out : [["id", null, TEXT, OPTIONAL]];
}
const idempotentShapeAndAnswer = shapeArb.map(withoutMaps).chain((shape) => fc.tuple(fc.constant(shape), forShape(shape)));

const requiredKeys = (shape) => shape.filter((f) => f[3] === REQUIRED);

// ----- properties

test("the fixture holds the shape of every answer type, and no field key is __proto__", () => {
  assert.ok(SHAPES.length >= 30, `${SHAPES.length} shapes`);
  const keys = (shape) => shape.flatMap((f) => [f[0], ...(Array.isArray(f[4]) ? keys(f[4]) : []), ...(Array.isArray(f[5]) ? keys(f[5]) : [])]);
  for (const [name, shape] of SHAPES) assert.ok(!keys(shape).includes("__proto__"), name);
});

// Properties 1–3 on each real shape; its share of the runs, at least 50.
const share = Math.max(50, numRuns / 4);
test("real shapes: decodeShape never throws, pollutes nothing, and its output follows the shape", () => {
  for (const [name, shape] of SHAPES) {
    try {
      fc.assert(fc.property(forShape(shape), (input) => { checkDecoded(input, shape); }), params(share));
    } catch (e) {
      e.message = `${name}: ${e.message}`;
      throw e;
    }
  }
});

test("real shapes: an answer without a required field is an error", () => {
  for (const [name, shape] of SHAPES) {
    const required = requiredKeys(shape);
    if (required.length === 0) continue;
    fc.assert(
      fc.property(forShape(shape), fc.constantFrom(...required), (input, f) => {
        if (!isPlain(input)) return;
        const stripped = object(Object.entries(input).filter(([k]) => k !== f[0] && k !== f[1]));
        const result = decode(stripped, shape);
        assert.ok("error" in result, `${name}: without ${f[0]} the answer decodes`);
      }),
      params(share),
    );
  }
});

test("real shapes: decoding an ok again gives the same value", () => {
  const eligible = SHAPES.filter(([, shape]) => idempotent(shape));
  assert.ok(eligible.length >= 10, `${eligible.length} shapes without maps`);
  for (const [name, shape] of eligible) {
    fc.assert(
      fc.property(forShape(shape), (input) => {
        const first = decode(input, shape);
        if ("ok" in first) assert.deepStrictEqual(decode(first.ok, shape), first, name);
      }),
      params(share),
    );
  }
});

test("generated shapes: never throws, pollutes nothing, output follows the shape, required is required", () => {
  fc.assert(
    fc.property(shapeAndAnswer, ([shape, input]) => {
      checkDecoded(input, shape);
      if (!isPlain(input)) return;
      for (const f of requiredKeys(shape)) {
        const stripped = object(Object.entries(input).filter(([k]) => k !== f[0] && k !== f[1]));
        assert.ok("error" in decode(stripped, shape), `without ${f[0]} the answer decodes`);
      }
    }),
    params(),
  );
});

test("generated shapes: decoding an ok again gives the same value", () => {
  fc.assert(
    fc.property(idempotentShapeAndAnswer, ([shape, input]) => {
      assert.ok(idempotent(shape));
      const first = decode(input, shape);
      if ("ok" in first) assert.deepStrictEqual(decode(first.ok, shape), first);
    }),
    params(),
  );
});

test("any value and any shape: decodeShape never throws", () => {
  fc.assert(
    fc.property(anyValue, fc.oneof(shapeArb, fc.constantFrom(...SHAPES.map(([, s]) => s))), (input, shape) => { checkDecoded(input, shape); }),
    params(),
  );
});

// ----- agreement with the Rust walker

// The Rust reference as a filter over JSON lines (built by scripts/test.sh; by hand:
// `cargo build --example decode_lines`).
const RUST_DECODER = process.env.UCAAS_DECODE_LINES_BIN ?? new URL("../../target/debug/examples/decode_lines", import.meta.url).pathname;

// `[shape, answer]` pairs decoded by the Rust walker, one child process for all of them.
// In batches of up to 32 MB of JSON: a JS string has a length limit.
function rustDecode(pairs) {
  assert.ok(existsSync(RUST_DECODER), `no ${RUST_DECODER}: run cargo build --example decode_lines (or set UCAAS_DECODE_LINES_BIN)`);
  const out = [];
  let batch = [], size = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const run = spawnSync(RUST_DECODER, { input: batch.join("\n") + "\n", maxBuffer: 1 << 28, encoding: "utf8" });
    assert.equal(run.status, 0, `decode_lines failed: ${run.stderr}`);
    const lines = run.stdout.split("\n").filter((l) => l !== "");
    assert.equal(lines.length, batch.length, "one answer per line");
    out.push(...lines.map((l) => JSON.parse(l)));
    batch = [];
    size = 0;
  };
  for (const p of pairs) {
    const line = JSON.stringify(p);
    if (size + line.length > 32 << 20) flush();
    batch.push(line);
    size += line.length;
  }
  flush();
  return out;
}

const hasMaps = (shape) => shape.some(([, , kind, , a, b, c]) =>
  kind === ENTRIES || kind === PAIRS || ((kind === OBJECT || kind === LIST) && hasMaps(a)));

// A decoded value with the items of ENTRIES and PAIRS in the order of their keys: a JS object
// lists integer-like keys first, serde_json's map sorts them as text.
function canon(v, shape) {
  if (v === null || typeof v !== "object") return v;
  const out = { ...v };
  for (const [key, , kind, , a, b, c] of shape) {
    if (!Object.hasOwn(out, key)) continue;
    const x = out[key];
    if (kind === OBJECT && x !== null && typeof x === "object") out[key] = canon(x, a);
    else if (kind === LIST && Array.isArray(x)) out[key] = x.map((i) => canon(i, a));
    else if (kind === ENTRIES && Array.isArray(x)) out[key] = x.map((i) => canon(i, b)).sort(byKey(a));
    else if (kind === PAIRS && Array.isArray(x)) {
      const inner = c[0] === OBJECT || c[0] === LIST ? (i) => ({ ...i, [b]: c[0] === OBJECT ? canon(i[b], c[1]) : i[b].map((j) => canon(j, c[1])) }) : (i) => i;
      out[key] = x.map(inner).sort(byKey(a));
    }
  }
  return out;
}
// serde_json parses a float to within an ulp unless its `float_roundtrip` feature is on (the
// wasm build gets JS's exact numbers): numbers agree within a relative 1e-15. Returns where two
// decoded values first differ, or undefined.
function difference(p, q, at = "") {
  if (typeof p === "number" && typeof q === "number") {
    return p === q || Math.abs(p - q) <= Math.abs(p) * 1e-15 ? undefined : `${at}: ${p} vs ${q}`;
  }
  if (p === null || q === null || typeof p !== "object" || typeof q !== "object") return p === q ? undefined : `${at}: ${describe(p)} vs ${describe(q)}`;
  if (Array.isArray(p) !== Array.isArray(q)) return `${at}: array vs object`;
  const keys = Object.keys(p);
  if (keys.length !== Object.keys(q).length || !keys.every((k) => Object.hasOwn(q, k))) return `${at}: keys ${keys} vs ${Object.keys(q)}`;
  for (const k of keys) {
    const d = difference(p[k], q[k], `${at}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
const byKey = (name) => (p, q) => (p[name] < q[name] ? -1 : p[name] > q[name] ? 1 : 0);

// Both walkers on the same generated answers, as the wire brings them (JSON text).
// In chunks: the wire copies hold their own copy of every huge string, and all of them at once
// outgrow Node's heap (55 real shapes, some with twenty text fields).
function agreeWithRust(cases, label) {
  const CHUNK = 200;
  for (let start = 0; start < cases.length; start += CHUNK) agreeChunk(cases.slice(start, start + CHUNK), label, start);
}

// Huge strings are cut to 4 KB on the wire copy both walkers read: agreement is about the rules,
// and megabytes of JSON through the child's pipe made this test take minutes per Node version.
const cut = (key, v) => (typeof v === "string" && v.length > 4096 ? v.slice(0, 4096) : v);

function agreeChunk(cases, label, offset) {
  const wire = cases.map(([shape, input]) => [shape, JSON.parse(JSON.stringify(input, cut) ?? "null")]);
  const rust = rustDecode(wire);
  wire.forEach(([shape, input], j) => {
    const i = offset + j;
    const js = JSON.parse(JSON.stringify(decodeShape(input, shape)));
    const r = rust[j];
    const where = `${label}: case ${i} (UCAAS_DECODER_SEED=${seed}) on [shape, answer] ${JSON.stringify([shape, input]).slice(0, 3000)}`;
    if ("error" in js || "error" in r) {
      assert.ok("error" in js && "error" in r, `${where}: JS ${JSON.stringify(js).slice(0, 300)} but Rust ${JSON.stringify(r).slice(0, 300)}`);
      if (!hasMaps(shape)) assert.equal(js.error, r.error, where);
      return;
    }
    const d = difference(canon(js.ok, shape), canon(r.ok, shape));
    assert.ok(d === undefined, `${where}: JS and Rust differ at ${d}`);
  });
}

test("real shapes: decodeShape agrees with the Rust walker on the wire's JSON", () => {
  const cases = SHAPES.flatMap(([, shape]) => fc.sample(forShape(shape), { seed, numRuns: Math.max(20, Math.round(share / 4)) }).map((v) => [shape, v]));
  agreeWithRust(cases, "real shapes");
});

test("generated shapes: decodeShape agrees with the Rust walker on the wire's JSON", () => {
  agreeWithRust(fc.sample(shapeAndAnswer, { seed, numRuns }), "generated shapes");
});

test("regression: number and text values are trimmed as Rust's str::trim trims (U+0085 yes, U+FEFF no)", () => {
  const shape = [["n", null, COUNT, 0], ["t", null, TEXT, 0], ["i", null, INT, 0]];
  const cases = [
    [{ n: "\uFEFF12", t: "\uFEFFa\uFEFF", i: "\uFEFF-3" }, { t: "\uFEFFa\uFEFF" }],
    [{ n: "\u008512\u0085", t: "\u0085a\u0085", i: "\u0085-3" }, { n: 12, t: "a", i: -3 }],
    [{ n: "\u00a012\u3000", t: "\u2028a\u205f" }, { n: 12, t: "a" }],
  ];
  for (const [input, expected] of cases) assert.deepStrictEqual(decodeShape(input, shape), { ok: expected }, describe(input));
  agreeWithRust(cases.map(([input]) => [shape, input]), "trim");
});

test("regression: an inherited key (constructor, toString) is absent, so its alias is read", () => {
  const shape = [["constructor", "old_name", OBJECT, REQUIRED, [["id", null, TEXT, OPTIONAL]]], ["toString", "alias", TEXT, OPTIONAL]];
  const input = { old_name: { id: 7 }, alias: "x" };
  assert.deepStrictEqual(decodeShape(input, shape), { ok: { constructor: { id: "7" }, toString: "x" } });
  assert.deepStrictEqual(decodeShape({}, shape), { error: "constructor: missing" });
  agreeWithRust([[shape, input], [shape, {}]], "inherited keys");
});

// ----- the answer rules

const resultValue = fc.oneof(
  fc.constantFrom(1, "1", " 1 ", 1001, "1001", 403, "403", 0, -0, 1.5, -1, 4294967296, 9e15, NaN, Infinity, "abc", "", true, null, undefined),
  fc.integer(),
  scalar,
  anyValue,
);
const textValue = fc.oneof(
  fc.constantFrom("Token has expired.", "token has expired", " TOKEN HAS EXPIRED. ", "Token has expired..", "\u212Aoken has expired", "Subscription expired", ""),
  scalar,
  anyValue,
);
const answerHead = fc
  .record({ result: resultValue, msg: textValue, desc: textValue }, { requiredKeys: [] })
  .chain((head) => fc.tuple(fc.constant(head), mapOf(anyValue)))
  .map(([head, extra]) => object([...Object.entries(extra), ...Object.entries(head)]));

test("checkAnswer never throws, and returns nothing or a UcaasError of a documented kind", () => {
  fc.assert(
    fc.property(fc.integer({ min: 100, max: 599 }), fc.oneof({ weight: 4, arbitrary: answerHead }, { weight: 1, arbitrary: anyValue.filter((v) => v != null) }), (status, json) => {
      const error = checkAnswer(status, json);
      assertNoPollution();
      const ok = status >= 200 && status < 300;
      if (error === undefined) {
        assert.ok(ok, `HTTP ${status} is no success`);
        return;
      }
      assert.ok(error instanceof UcaasError, "a UcaasError");
      assert.ok(KINDS.includes(error.kind), `kind ${error.kind}`);
      assert.equal(typeof error.message, "string");
      assert.equal(error.status, status);
      assert.ok(error.code === undefined || (Number.isInteger(error.code) && error.code >= 0 && error.code <= 4294967295), `code ${error.code}`);
      assert.ok(error.desc === undefined || typeof error.desc === "string", "desc is text");
      if (status === 401 || error.code === 1001) assert.equal(error.kind, "unauthenticated");
      else if (status === 403) assert.ok(error.kind === "expired" || error.kind === "forbidden", error.kind);
      else if (status === 404) assert.equal(error.kind, "not_found");
      else if (status === 406) assert.equal(error.kind, "validation");
      if (error.kind === "decode") assert.ok(ok && error.code === undefined, "decode only for a success without a result");
      if (error.kind === "http") assert.ok(!ok && error.code === undefined, "http only for a failure without a result");
    }),
    params(),
  );
});

// ----- regressions (inputs the properties found)

test("regression: a -0 COUNT or INT decodes to 0, as src/loose.rs reads it", () => {
  const shape = [["n", null, COUNT, 0], ["i", null, INT, 0], ["x", null, NUMBER, 0]];
  const { ok } = decodeShape(JSON.parse('{"n":-0,"i":-0,"x":-0}'), shape);
  assert.ok(Object.is(ok.n, 0) && Object.is(ok.i, 0), `n ${Object.is(ok.n, -0) ? "-0" : ok.n}, i ${Object.is(ok.i, -0) ? "-0" : ok.i}`);
  assert.ok(Object.is(ok.x, -0), "NUMBER keeps -0, as Rust's as_number does");
  const error = checkAnswer(200, { result: -0 });
  assert.ok(Object.is(error.code, 0), "result -0 is code 0");
});
