// End-to-end tests of the edge join proxy: the real emulator, the real package, the real worker
// in workerd. Run with `bash edge/test.sh` (or `node --test edge/test/` once edge/node_modules,
// pkg/ and the emulator binary exist).

import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { closedPort, startEdge, startEmulator, stopAll } from "./harness.mjs";

const API_ID = "demo-app";
const ALLOWED = "https://app.example.test";
const REFUSED = "https://evil.example.test";
const PARTICIPANT_PIN = "444444"; // Alice's current meeting (conventions.md)
const MODERATOR_PIN = "333333";
const WRONG_PIN = "999999";
const LIMIT = 3;
const WINDOW_SECONDS = 4; // long enough for a loaded machine to make the sequence inside one window
const TIMEOUT_MS = 1500;

// Hard bound on the whole file: whatever hangs, the processes are stopped.
const watchdog = setTimeout(async () => {
  console.error("edge tests: watchdog fired after 180 s; stopping everything");
  await stopAll();
  process.exit(1);
}, 180_000);
watchdog.unref();

/** @type {{ baseUrl: string, origin: string }} */
let emu;
/** @type {{ url: string, output: string[] }} */
let edge;
/** @type {{ url: string, output: string[] }} */
let edgeDown;

let ipCounter = 10;
/** A fresh client IP per test, so the PIN guard's buckets don't mix between tests. */
const freshIp = () => `198.51.100.${ipCounter++}`;

before(async () => {
  emu = await startEmulator();
  const common = {
    UCAAS_API_ID: API_ID,
    ALLOWED_ORIGINS: ALLOWED,
    CORS_ALLOW_CREDENTIALS: "true",
    UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    BRANDING_TTL_SECONDS: "60",
    PIN_MAX_FAILURES: String(LIMIT),
    PIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
  };
  const downPort = await closedPort();
  [edge, edgeDown] = await Promise.all([
    startEdge({ ...common, UCAAS_BASE_URL: emu.baseUrl }),
    startEdge({ ...common, UCAAS_BASE_URL: `http://127.0.0.1:${downPort}/ucaas/v1` }),
  ]);
});

after(async () => {
  await stopAll();
  clearTimeout(watchdog);
});

// ---------------------------------------------------------------------------------------------
// helpers

async function call(method, path, { body, json, headers = {}, ip = freshIp(), base } = {}) {
  const init = { method, headers: { "CF-Connecting-IP": ip, ...headers } };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers["Content-Type"] ??= "application/json";
  } else if (body !== undefined) {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = "half";
  }
  const res = await fetch(`${base ?? edge.url}${path}`, { ...init, signal: AbortSignal.timeout(15000) });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { status: res.status, headers: res.headers, data };
}

/** POST with Transfer-Encoding: chunked over a raw socket; resolves { status, headers, data }. */
function rawChunkedPost(path, text) {
  const { hostname, port } = new URL(edge.url);
  const body = Buffer.from(text);
  let chunked = "";
  for (let i = 0; i < body.length; i += 1000) {
    const part = body.subarray(i, i + 1000);
    chunked += `${part.length.toString(16)}\r\n${part.toString()}\r\n`;
  }
  chunked += "0\r\n\r\n";
  const request =
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
    `CF-Connecting-IP: ${freshIp()}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked}`;
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let raw = "";
    socket.setTimeout(10000, () => socket.destroy(new Error("raw request timed out")));
    socket.on("data", (d) => {
      raw += d.toString();
      const end = raw.indexOf("\r\n\r\n");
      const len = end >= 0 ? Number(/content-length:\s*(\d+)/i.exec(raw.slice(0, end))?.[1]) : NaN;
      if (end >= 0 && raw.length >= end + 4 + len) {
        socket.destroy();
        const [statusLine, ...lines] = raw.slice(0, end).split("\r\n");
        const headers = new Headers(lines.map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
        ok({ status: Number(statusLine.split(" ")[1]), headers, data: JSON.parse(raw.slice(end + 4, end + 4 + len)) });
      }
    });
    socket.on("error", fail);
  });
}

const join = (pin, opts = {}) =>
  call("POST", "/join", { json: { pin, name: "Edge Tester", user_ref: "edge-1" }, ...opts });

/** The emulator's request log: [{ method, path, ... }]. */
async function upstreamRequests() {
  const res = await fetch(`${emu.origin}/__emulator/requests`);
  assert.equal(res.status, 200, "emulator request log");
  const body = await res.json();
  const list = Array.isArray(body) ? body : body.requests;
  assert.ok(Array.isArray(list), `request log shape: ${JSON.stringify(body).slice(0, 200)}`);
  return list;
}

/** How many upstream requests hit a path (query ignored) so far. */
async function upstreamCount(path) {
  const list = await upstreamRequests();
  return list.filter((r) => String(r.path ?? r.url ?? "").split("?")[0].endsWith(path)).length;
}

async function addFault(fault) {
  const res = await fetch(`${emu.origin}/__emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(fault),
  });
  assert.ok(res.ok, `fault injection: ${res.status} ${await res.text()}`);
}

function assertTypedError(res, status, kind) {
  assert.equal(res.status, status, JSON.stringify(res.data));
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  assert.equal(typeof res.data, "object");
  if (kind) assert.equal(res.data.kind, kind);
  assert.equal(typeof res.data.code, "number");
  assert.equal(typeof res.data.message, "string");
}

// ---------------------------------------------------------------------------------------------
// routes

describe("POST /join", () => {
  test("a participant PIN joins with the configured API id", async () => {
    const before = await upstreamCount("/sessions/join");
    // A client-supplied X-Api-Id is ignored: the worker's secret binding is what goes upstream.
    const res = await join(PARTICIPANT_PIN, { headers: { "X-Api-Id": "not-the-app" } });
    assert.equal(res.status, 200, JSON.stringify(res.data));
    assert.equal(typeof res.data.token, "string");
    assert.ok(res.data.token.length > 0);
    assert.equal(res.data.user.role, "participant");
    assert.equal(await upstreamCount("/sessions/join"), before + 1);
  });

  test("a moderator PIN joins as moderator", async () => {
    const res = await join(MODERATOR_PIN);
    assert.equal(res.status, 200, JSON.stringify(res.data));
    assert.equal(res.data.user.role, "moderator");
  });

  test("a 5-character PIN is refused by the package before any upstream request", async () => {
    const before = await upstreamCount("/sessions/join");
    const res = await join("12345");
    assertTypedError(res, 400, "validation");
    assert.equal(res.data.code, 2107);
    assert.equal(await upstreamCount("/sessions/join"), before);
  });

  test("an unknown PIN is a typed 404", async () => {
    const res = await join(WRONG_PIN);
    assertTypedError(res, 404, "not_found");
  });
});

describe("POST /invite", () => {
  test("invites by PIN", async () => {
    const before = await upstreamCount("/sessions/invite");
    const res = await call("POST", "/invite", {
      json: { pin: MODERATOR_PIN, invitees: ["guest@example.test"] },
    });
    assert.equal(res.status, 200, JSON.stringify(res.data));
    assert.equal(await upstreamCount("/sessions/invite"), before + 1);
  });

  test("needs one of pin / room_id / meeting_id (2101), validated locally", async () => {
    const before = await upstreamCount("/sessions/invite");
    const res = await call("POST", "/invite", { json: { invitees: ["guest@example.test"] } });
    assertTypedError(res, 400, "validation");
    assert.equal(res.data.code, 2101);
    assert.equal(await upstreamCount("/sessions/invite"), before);
  });

  test("refuses a bad email locally", async () => {
    const res = await call("POST", "/invite", { json: { pin: MODERATOR_PIN, invitees: ["nope"] } });
    assertTypedError(res, 400, "validation");
    assert.ok([2207, 2208, 2209].includes(res.data.code), `code ${res.data.code}`);
  });
});

describe("GET /branding", () => {
  test("is cached at the edge: upstream hit once for two requests", async () => {
    const query = "/branding?domain=meet.example.test";
    const before = await upstreamCount("/branding");
    const first = await call("GET", query);
    assert.equal(first.status, 200, JSON.stringify(first.data));
    assert.equal(first.headers.get("cache-control"), "public, max-age=60");
    assert.equal(first.headers.get("x-edge-cache"), "MISS");
    assert.ok(first.data.vc || first.data.wb, "branding has vc or wb");
    // cache.put runs after the answer (waitUntil); give it a moment.
    let second;
    for (let i = 0; i < 20; i++) {
      second = await call("GET", query);
      if (second.headers.get("x-edge-cache") === "HIT") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(second.status, 200);
    assert.equal(second.headers.get("x-edge-cache"), "HIT");
    assert.equal(second.headers.get("cache-control"), "public, max-age=60");
    assert.deepEqual(second.data, first.data);
    assert.equal(await upstreamCount("/branding"), before + 1);
  });

  test("needs at least one of domain / customer_id / meeting_id", async () => {
    const before = await upstreamCount("/branding");
    const res = await call("GET", "/branding");
    assertTypedError(res, 400, "validation");
    assert.equal(await upstreamCount("/branding"), before);
  });
});

describe("routing and bodies", () => {
  test("unknown path is a JSON 404", async () => {
    const res = await call("GET", "/nope");
    assertTypedError(res, 404, "not_found");
  });

  test("other methods are a JSON 405 with Allow", async () => {
    const a = await call("GET", "/join");
    assertTypedError(a, 405, "method_not_allowed");
    assert.equal(a.headers.get("allow"), "POST, OPTIONS");
    const b = await call("DELETE", "/branding");
    assertTypedError(b, 405, "method_not_allowed");
    assert.equal(b.headers.get("allow"), "GET, OPTIONS");
  });

  test("a body over 8 KiB is 413 (with and without Content-Length)", async () => {
    const big = { pin: PARTICIPANT_PIN, name: "x".repeat(9000), user_ref: "u" };
    const a = await join(undefined, { json: big });
    assertTypedError(a, 413, "payload_too_large");
    // Chunked, no Content-Length: the limit is enforced while reading. Sent over a raw socket in
    // one write, since the worker answers (and closes) before the body ends.
    const b = await rawChunkedPost("/join", JSON.stringify(big));
    assertTypedError(b, 413, "payload_too_large");
  });

  test("a body just under 8 KiB is accepted", async () => {
    const res = await call("POST", "/join", {
      json: { pin: PARTICIPANT_PIN, name: "Edge", user_ref: "u", pad: "x".repeat(8000) },
    });
    assert.equal(res.status, 200, `a body under the limit is joined: ${res.status}`);
  });

  test("not JSON: 415 for another media type, 400 for a broken or non-object body", async () => {
    const a = await call("POST", "/join", { body: "pin=444444", headers: { "Content-Type": "text/plain" } });
    assertTypedError(a, 415, "unsupported_media_type");
    const b = await call("POST", "/join", { body: "pin=444444" });
    assert.equal(b.status, 415);
    const c = await call("POST", "/join", { body: "{ not json", headers: { "Content-Type": "application/json" } });
    assertTypedError(c, 400, "bad_request");
    const d = await call("POST", "/join", { body: "[1,2]", headers: { "Content-Type": "application/json" } });
    assertTypedError(d, 400, "bad_request");
  });
});

describe("CORS", () => {
  test("preflight from an allowed origin", async () => {
    const res = await call("OPTIONS", "/join", {
      headers: {
        Origin: ALLOWED,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), ALLOWED);
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(res.headers.get("access-control-allow-headers") ?? "", /content-type/i);
    assert.match(res.headers.get("vary") ?? "", /Origin/);
  });

  test("a simple request from an allowed origin carries the CORS headers", async () => {
    const res = await join(PARTICIPANT_PIN, { headers: { Origin: ALLOWED } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), ALLOWED);
    assert.notEqual(res.headers.get("access-control-allow-origin"), "*");
  });

  test("a refused origin gets no CORS headers and never reaches upstream", async () => {
    const pre = await call("OPTIONS", "/join", {
      headers: { Origin: REFUSED, "Access-Control-Request-Method": "POST" },
    });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get("access-control-allow-origin"), null);
    const before = await upstreamCount("/sessions/join");
    const res = await join(PARTICIPANT_PIN, { headers: { Origin: REFUSED } });
    assertTypedError(res, 403, "origin_refused");
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.equal(await upstreamCount("/sessions/join"), before);
  });
});

describe("PIN brute-force protection", () => {
  test(`${LIMIT} failures then 429; a success does not count; the window expires`, async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMIT - 1; i++) assert.equal((await join(WRONG_PIN, { ip })).status, 404);
    // A success in between is not a failure...
    assert.equal((await join(PARTICIPANT_PIN, { ip })).status, 200);
    // ...so the LIMIT-th failure still reaches upstream.
    assert.equal((await join(WRONG_PIN, { ip })).status, 404);

    const before = await upstreamCount("/sessions/join");
    const blocked = await join(PARTICIPANT_PIN, { ip });
    assertTypedError(blocked, 429, "rate_limited");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, `Retry-After ${retryAfter}`);
    // Invite by PIN is an oracle too: blocked as well. Nothing reached upstream.
    const invite = await call("POST", "/invite", { ip, json: { pin: MODERATOR_PIN, invitees: ["a@example.test"] } });
    assert.equal(invite.status, 429);
    assert.equal(await upstreamCount("/sessions/join"), before);

    // Another client is not affected.
    assert.equal((await join(PARTICIPANT_PIN)).status, 200);

    // After the window the IP may try again.
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 300));
    assert.equal((await join(PARTICIPANT_PIN, { ip })).status, 200);
  });

  test("successful joins are handed back: many in a row from one IP all pass", async () => {
    const ip = freshIp();
    for (let round = 0; round < 3; round++) {
      // LIMIT at once (the most in flight allowed), then again, and again.
      const results = await Promise.all(Array.from({ length: LIMIT }, () => join(PARTICIPANT_PIN, { ip })));
      assert.deepEqual(results.map((r) => r.status), Array(LIMIT).fill(200));
    }
    for (let i = 0; i < LIMIT * 2; i++) assert.equal((await join(PARTICIPANT_PIN, { ip })).status, 200);
  });

  test("without CF-Connecting-IP the peer address is the key", async () => {
    const res = await fetch(`${edge.url}/join`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pin: PARTICIPANT_PIN, name: "n", user_ref: "u" }),
    });
    assert.equal(res.status, 200);
  });

  test("parallel guesses cannot overshoot the limit", async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: LIMIT * 3 }, () => join(WRONG_PIN, { ip })));
    const reached = results.filter((r) => r.status === 404).length;
    assert.ok(reached <= LIMIT, `${reached} guesses reached upstream`);
    assert.ok(results.every((r) => r.status === 404 || r.status === 429));
  });
});

describe("upstream failures", () => {
  test("upstream unreachable is a typed 502", async () => {
    const res = await join(PARTICIPANT_PIN, { base: edgeDown.url });
    assertTypedError(res, 502, "network");
    const b = await call("GET", "/branding?domain=meet.example.test", { base: edgeDown.url });
    assertTypedError(b, 502, "network");
  });

  test("upstream slower than the timeout is a typed 504", async () => {
    // One delayed answer (the fault is used up by this request).
    await addFault({ route: "/sessions/join", method: "POST", latency_ms: TIMEOUT_MS + 1500, count: 1 });
    const started = Date.now();
    const res = await join(PARTICIPANT_PIN);
    assertTypedError(res, 504, "timeout");
    assert.ok(Date.now() - started < TIMEOUT_MS + 1000, "answered at the timeout");
  });
});

describe("logs", () => {
  test("carry no PIN, token or API id", async () => {
    const ok = await join(PARTICIPANT_PIN);
    assert.equal(ok.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    const text = edge.output.join("\n");
    assert.ok(text.includes('"path":"/join"'), "the worker logs requests");
    for (const secret of [PARTICIPANT_PIN, MODERATOR_PIN, WRONG_PIN, API_ID, ok.data.token]) {
      assert.ok(!text.includes(secret), `log contains ${secret === API_ID ? "the API id" : "a PIN or token"}`);
    }
  });
});
