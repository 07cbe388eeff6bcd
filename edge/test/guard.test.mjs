// The PIN guard's tiers in workerd (edge/README.md, "PIN brute-force protection"): a clean join
// passes without a Durable Object call, a failure reaches the Durable Objects and holds across a
// restart of the edge, and a flood of guesses from rotating IPs is stopped by the global tier.
// The rules themselves are tested against a model in guard-model.test.mjs.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startEdge, startEmulator, stopAll, stopProcess } from "./harness.mjs";

const PARTICIPANT_PIN = "444444"; // Alice's current meeting (conventions.md)
const LIMIT = 3;
const GLOBAL_LIMIT = 5;

const watchdog = setTimeout(async () => {
  console.error("guard tests: watchdog fired after 120 s; stopping everything");
  await stopAll();
  process.exit(1);
}, 120_000);
watchdog.unref();

let emu;
let ipCounter = 10;
const freshIp = () => `192.0.2.${ipCounter++}`;

before(async () => {
  emu = await startEmulator();
});

after(async () => {
  await stopAll();
  clearTimeout(watchdog);
});

const settings = (extra) => ({
  UCAAS_BASE_URL: emu.baseUrl,
  UCAAS_API_ID: "demo-app",
  PIN_MAX_FAILURES: String(LIMIT),
  // Long enough that nothing leaves the window during a test on a loaded machine.
  PIN_WINDOW_SECONDS: "120",
  PIN_GUARD_SYNC_MS: "200",
  ...extra,
});

async function join(edge, pin, ip) {
  const res = await fetch(`${edge.url}/join`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ pin, name: "Guard Tester", user_ref: "guard-1" }),
    signal: AbortSignal.timeout(15000),
  });
  await res.text();
  return res;
}

async function upstreamJoins() {
  const res = await fetch(`${emu.origin}/__emulator/requests`);
  const { requests } = await res.json();
  return requests.filter((r) => String(r.path).endsWith("/sessions/join")).length;
}

/** The worker's request log lines for /join, in order. */
const joinLog = (edge) =>
  edge.output
    .filter((l) => l.startsWith("{") && l.includes('"path":"/join"'))
    .map((l) => JSON.parse(l));

/** The log lines written since `mark` (a count of earlier lines), once `n` are there. */
async function logSince(edge, mark, n) {
  for (let i = 0; i < 50 && joinLog(edge).length < mark + n; i++) await new Promise((r) => setTimeout(r, 20));
  return joinLog(edge).slice(mark);
}

/**
 * Lets the failure reports (ctx.waitUntil after the answer: two Durable Object calls, each a
 * SQLite write on local disk) land; generous, for a loaded machine.
 */
const settle = (ms = 1000) => new Promise((r) => setTimeout(r, ms));

describe("PIN guard tiers", () => {
  test("a clean join takes no Durable Object call; a failed IP asks it from then on", async () => {
    const edge = await startEdge(settings({ PIN_GLOBAL_MAX_FAILURES: "100" }));
    // The first attempt of a new isolate asks (it has heard nothing from the tally yet).
    assert.equal((await join(edge, PARTICIPANT_PIN, freshIp())).status, 200);
    let mark = joinLog(edge).length;
    for (let i = 0; i < 5; i++) assert.equal((await join(edge, PARTICIPANT_PIN, freshIp())).status, 200);
    const lines = await logSince(edge, mark, 5);
    assert.deepEqual(lines.map((l) => l.guard), Array(5).fill("local"), JSON.stringify(lines));

    const ip = freshIp();
    mark = joinLog(edge).length;
    assert.equal((await join(edge, "999999", ip)).status, 404);
    assert.equal((await join(edge, PARTICIPANT_PIN, ip)).status, 200);
    const after = await logSince(edge, mark, 2);
    assert.deepEqual(after.map((l) => l.guard), ["local", "durable"], JSON.stringify(after));
    await stopProcess(edge.process);
  });

  test("a failure let through without a call reaches the Durable Objects; the limit holds across a restart", async () => {
    const env = settings({ PIN_GLOBAL_MAX_FAILURES: "0" });
    const first = await startEdge(env);
    assert.equal((await join(first, PARTICIPANT_PIN, freshIp())).status, 200); // hears from the tally
    const once = freshIp(); // fails once, on the path without a call
    const blocked = freshIp(); // fails up to the limit
    const mark = joinLog(first).length;
    assert.equal((await join(first, "9999999", once)).status, 404);
    assert.equal((await logSince(first, mark, 1))[0].guard, "local");
    for (let i = 0; i < LIMIT; i++) assert.equal((await join(first, "9999999", blocked)).status, 404);
    assert.equal((await join(first, "9999999", blocked)).status, 429);
    await settle(2000);
    await stopProcess(first.process);

    // A new isolate on the same Durable Object state knows nothing by itself.
    const second = await startEdge(env, { stateDir: first.stateDir });
    const upstreamBefore = await upstreamJoins();
    // Its first attempt asks the Durable Object (and hears from the tally): refused.
    const res = await join(second, PARTICIPANT_PIN, blocked);
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get("retry-after")) > 1, "blocked by failures, not by attempts in flight");
    assert.equal(await upstreamJoins(), upstreamBefore);
    // The IP that failed once has LIMIT - 1 attempts left, not LIMIT: its failure was recorded.
    for (let i = 0; i < LIMIT - 1; i++) assert.equal((await join(second, "9999999", once)).status, 404);
    assert.equal((await join(second, PARTICIPANT_PIN, once)).status, 429);
    await stopProcess(second.process);
  });

  test("the tally tells a new isolate which IPs failed, so it asks for them", async () => {
    const env = settings({ PIN_GLOBAL_MAX_FAILURES: "0" });
    const first = await startEdge(env);
    assert.equal((await join(first, PARTICIPANT_PIN, freshIp())).status, 200);
    const ip = freshIp();
    for (let i = 0; i < LIMIT; i++) assert.equal((await join(first, "99999999", ip)).status, 404);
    await settle(2000);
    await stopProcess(first.process);

    const second = await startEdge(env, { stateDir: first.stateDir });
    // A clean IP first, so the isolate learns the tally's list on that trip...
    assert.equal((await join(second, PARTICIPANT_PIN, freshIp())).status, 200);
    const mark = joinLog(second).length;
    // ...and the IP it has never seen is asked about, and refused.
    assert.equal((await join(second, PARTICIPANT_PIN, ip)).status, 429);
    assert.equal((await logSince(second, mark, 1))[0].guard, "ip");
    await stopProcess(second.process);
  });

  test(`a flood from rotating IPs is refused after ${GLOBAL_LIMIT} failures of its PIN class`, async () => {
    const edge = await startEdge(settings({ PIN_GLOBAL_MAX_FAILURES: String(GLOBAL_LIMIT) }));
    assert.equal((await join(edge, PARTICIPANT_PIN, freshIp())).status, 200);
    const statuses = [];
    let upstreamAtBlock;
    for (let i = 0; i < 4 * GLOBAL_LIMIT; i++) {
      const res = await join(edge, "12345678", freshIp());
      statuses.push(res.status);
      if (res.status === 429) {
        upstreamAtBlock ??= await upstreamJoins();
        assert.ok(Number(res.headers.get("retry-after")) >= 1);
      }
      // Sequential guesses: each report has landed before the next guess (what a flood of
      // parallel guesses adds is the attempts in flight when the limit is reached).
      if (res.status === 404) await settle();
    }
    assert.deepEqual(statuses, [...Array(GLOBAL_LIMIT).fill(404), ...Array(3 * GLOBAL_LIMIT).fill(429)]);
    assert.equal(await upstreamJoins(), upstreamAtBlock, "nothing reached the API after the block");
    const mark = joinLog(edge).length;
    // Same class, any IP, even a right PIN: refused. Another class: open.
    assert.equal((await join(edge, "87654321", freshIp())).status, 429);
    assert.equal((await logSince(edge, mark, 1))[0].guard, "global");
    assert.equal((await join(edge, "999999", freshIp())).status, 404);
    assert.equal((await join(edge, PARTICIPANT_PIN, freshIp())).status, 200);

    // In parallel, from rotating IPs, on another class: the guesses already in flight when the
    // count reaches the limit still reach the API (no call is made before a clean IP's attempt:
    // edge/README.md), and the class is closed once their failures are reported.
    const before = await upstreamJoins();
    const burst = await Promise.all(Array.from({ length: 30 }, () => join(edge, "1234567890", freshIp())));
    const reached = burst.filter((r) => r.status === 404).length;
    assert.ok(burst.every((r) => r.status === 404 || r.status === 429));
    assert.equal((await upstreamJoins()) - before, reached, "every 404 came from the API, every 429 from the edge");
    await settle();
    assert.equal((await join(edge, "1234567891", freshIp())).status, 429, "the class is closed after the burst");
    await stopProcess(edge.process);
  });
});
