// The per-isolate record of the PIN guard (src/guard-record.js) against a model, on generated
// sequences where order matters: attempts start and end in any order, failures and blocks land
// between them, the tally's summaries arrive late or never, and the clock moves. Seeded; the seed
// is printed on failure (rerun one with GUARD_MODEL_SEED=N).
//
// The model keeps the whole history and recomputes every answer from it; the record prunes as it
// goes. Both must decide every attempt alike, and whatever the sequence, an IP never has more
// attempts in flight plus failures inside the window than the limit.

import assert from "node:assert/strict";
import { test } from "node:test";
import { IsolateRecord, MAX_TRACKED_IPS, guardSettings, pinClass } from "../src/guard-record.js";

const SEQUENCES = 300;
const STEPS = 120;
const baseSeed = Number(process.env.GUARD_MODEL_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded generator. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The rules of guard-record.js, restated over the full history. */
class Model {
  constructor(settings) {
    this.s = settings;
    this.failures = new Map(); // ip -> all failure times
    this.inflight = new Map(); // ip -> count
    this.ipBlocks = new Map(); // ip -> latest until
    this.tally = undefined; // { summary, at }: the last summary heard
  }
  inWindow(ip, now) {
    return (this.failures.get(ip) ?? []).filter((t) => t > now - this.s.windowMs);
  }
  admit(ip, cls, now) {
    const until = this.ipBlocks.get(ip) ?? 0;
    if (until > now) return { verdict: "refuse", retryAfter: secs(until, now), tier: "ip" };
    const known = this.tally;
    const closed = known?.summary.closed[cls];
    const globalUntil = closed ? known.at + closed * 1000 : 0;
    if (globalUntil > now) return { verdict: "refuse", retryAfter: secs(globalUntil, now), tier: "global" };
    const f = this.inWindow(ip, now);
    const n = this.inflight.get(ip) ?? 0;
    if (f.length + n >= this.s.limit) {
      const open = f.length >= this.s.limit ? f[f.length - this.s.limit] + this.s.windowMs : now + 1000;
      return { verdict: "refuse", retryAfter: secs(open, now), tier: "ip" };
    }
    this.inflight.set(ip, n + 1);
    const durable = f.length > 0 || !known || known.summary.overflow || known.summary.ips.includes(ip);
    return { verdict: durable ? "durable" : "local" };
  }
  finish(ip, failed, now) {
    this.inflight.set(ip, Math.max(0, (this.inflight.get(ip) ?? 0) - 1));
    if (failed) this.failures.set(ip, [...(this.failures.get(ip) ?? []), now]);
  }
  blockIp(ip, retryAfter, now) {
    this.ipBlocks.set(ip, Math.max(this.ipBlocks.get(ip) ?? 0, now + retryAfter * 1000));
  }
  learn(summary, now) {
    this.tally = { summary, at: now };
  }
  needsSync(now) {
    return !this.tally || now - this.tally.at >= this.s.syncMs;
  }
}

const secs = (until, now) => Math.max(1, Math.ceil((until - now) / 1000));

function runSequence(seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const settings = guardSettings({
    PIN_MAX_FAILURES: String(1 + Math.floor(random() * 4)),
    PIN_WINDOW_SECONDS: String(1 + Math.floor(random() * 5)),
    PIN_GUARD_SYNC_MS: String(Math.floor(random() * 3) * 500),
  });
  const record = new IsolateRecord(settings);
  const model = new Model(settings);
  const ips = ["198.51.100.1", "198.51.100.2", "203.0.113.9"];
  const classes = [pinClass("123456"), pinClass("1234567890"), pinClass(undefined)];
  /** attempts admitted and not finished yet, in any order: { ip } */
  const open = [];
  let now = 1_700_000_000_000;
  const trace = [];
  for (let step = 0; step < STEPS; step++) {
    const r = random();
    let op;
    if (r < 0.4) {
      const ip = pick(ips);
      const cls = pick(classes);
      const got = record.admit(ip, cls, now);
      const want = model.admit(ip, cls, now);
      op = `admit ${ip} ${cls} -> ${JSON.stringify(got)}`;
      trace.push(op);
      assert.deepEqual(got, want, `step ${step}: ${op}\n${trace.slice(-12).join("\n")}`);
      if (got.verdict !== "refuse") open.push({ ip });
    } else if (r < 0.7 && open.length) {
      // Attempts end in any order: pick any open one.
      const [{ ip }] = open.splice(Math.floor(random() * open.length), 1);
      const failed = random() < 0.6;
      record.finish(ip, failed, now);
      model.finish(ip, failed, now);
      trace.push(`finish ${ip} failed=${failed}`);
    } else if (r < 0.78) {
      const ip = pick(ips);
      const retryAfter = 1 + Math.floor(random() * 3);
      record.blockIp(ip, retryAfter, now);
      model.blockIp(ip, retryAfter, now);
      trace.push(`blockIp ${ip} ${retryAfter}`);
    } else if (r < 0.88) {
      const overflow = random() < 0.1;
      const closed = {};
      for (const cls of classes) if (random() < 0.15) closed[cls] = 1 + Math.floor(random() * 3);
      const summary = { counts: {}, closed, ips: overflow ? [] : ips.filter(() => random() < 0.3), overflow };
      record.learn(summary, now);
      model.learn(summary, now);
      trace.push(`learn ${JSON.stringify(summary)}`);
    } else {
      now += Math.floor(random() * 1500);
      trace.push(`now +> ${now}`);
    }
    assert.equal(record.needsSync(now), model.needsSync(now), `needsSync at step ${step}`);
    // Safety: whatever happened, no IP has more attempts in flight plus failures in the window
    // than the limit (a failure only turns an attempt in flight into a failure).
    for (const ip of ips) {
      const load = model.inWindow(ip, now).length + (model.inflight.get(ip) ?? 0);
      assert.ok(load <= settings.limit, `step ${step}: ${ip} has ${load} attempts and failures against a limit of ${settings.limit}`);
    }
  }
  // Every attempt ends: the record forgets the IPs that are clean.
  for (const { ip } of open) record.finish(ip, false, now);
  now += settings.windowMs + 1;
  for (const ip of ips) {
    if (record.admit(ip, classes[0], now).verdict !== "refuse") record.finish(ip, false, now);
  }
  assert.ok(record.ips.size <= ips.length);
}

test(`the isolate record decides like the model on ${SEQUENCES} generated sequences (seed ${baseSeed})`, () => {
  for (let i = 0; i < SEQUENCES; i++) {
    const seed = baseSeed + i;
    try {
      runSequence(seed);
    } catch (err) {
      err.message = `GUARD_MODEL_SEED=${seed}: ${err.message}`;
      throw err;
    }
  }
});

test("admitted attempts from one IP never exceed the limit, however they interleave", () => {
  // The burst case directly: many attempts start before any ends.
  const settings = guardSettings({ PIN_MAX_FAILURES: "3", PIN_WINDOW_SECONDS: "60" });
  const record = new IsolateRecord(settings);
  const now = 1_000_000;
  const verdicts = Array.from({ length: 10 }, () => record.admit("192.0.2.1", "pin-6", now).verdict);
  assert.deepEqual(verdicts.filter((v) => v !== "refuse").length, 3);
  // One ends as a failure, one as a success: one more may start, not two.
  record.finish("192.0.2.1", true, now);
  record.finish("192.0.2.1", false, now);
  assert.notEqual(record.admit("192.0.2.1", "pin-6", now).verdict, "refuse");
  assert.equal(record.admit("192.0.2.1", "pin-6", now).verdict, "refuse");
});

test("a new record asks the Durable Object until it has heard from the tally", () => {
  const record = new IsolateRecord(guardSettings({}));
  assert.equal(record.admit("192.0.2.7", "pin-6", 0).verdict, "durable");
  record.finish("192.0.2.7", false, 0);
  record.learn({ counts: { "pin-8": 1 }, closed: {}, ips: ["192.0.2.8"], overflow: false }, 0);
  assert.equal(record.admit("192.0.2.7", "pin-6", 1).verdict, "local");
  assert.equal(record.admit("192.0.2.8", "pin-6", 1).verdict, "durable", "an IP the tally lists, whatever the class it failed in");
  record.learn({ counts: { "pin-6": 5000 }, closed: {}, ips: [], overflow: true }, 2);
  assert.equal(record.admit("192.0.2.9", "pin-6", 2).verdict, "durable", "overflow: every IP asks");
  record.learn({ counts: { "pin-6": 100 }, closed: { "pin-6": 30 }, ips: [], overflow: false }, 3);
  assert.deepEqual(record.admit("192.0.2.9", "pin-6", 4), { verdict: "refuse", retryAfter: 30, tier: "global" });
  assert.equal(record.admit("192.0.2.9", "pin-8", 4).verdict, "local", "another class stays open");
});

test("pinClass and guardSettings", () => {
  assert.equal(pinClass("123456"), "pin-6");
  assert.equal(pinClass("1234567890"), "pin-10");
  assert.equal(pinClass("12345"), "pin-other");
  assert.equal(pinClass(undefined), "id");
  const d = guardSettings({});
  assert.deepEqual(d, { limit: 10, windowMs: 600_000, globalLimit: 100, globalWindowMs: 600_000, syncMs: 1000, leaseMs: 15_000 });
  const s = guardSettings({ PIN_MAX_FAILURES: "x", PIN_WINDOW_SECONDS: "4", PIN_GLOBAL_MAX_FAILURES: "0", PIN_GUARD_SYNC_MS: "-1" });
  assert.deepEqual([s.limit, s.windowMs, s.globalLimit, s.globalWindowMs, s.syncMs], [10, 4000, 0, 4000, 1000]);
});

test(`the record keeps at most ${MAX_TRACKED_IPS} IPs and never drops one with attempts in flight`, () => {
  const record = new IsolateRecord(guardSettings({ PIN_MAX_FAILURES: "2" }));
  record.learn({ counts: {}, closed: {}, ips: [], overflow: false }, 0);
  assert.notEqual(record.admit("198.51.100.200", "pin-6", 0).verdict, "refuse");
  assert.notEqual(record.admit("198.51.100.200", "pin-6", 0).verdict, "refuse");
  for (let i = 0; i < MAX_TRACKED_IPS + 50; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    assert.notEqual(record.admit(ip, "pin-6", 1).verdict, "refuse");
    record.finish(ip, true, 1);
  }
  assert.ok(record.ips.size <= MAX_TRACKED_IPS);
  // The IP with two attempts in flight is still counted: a third is refused.
  assert.equal(record.admit("198.51.100.200", "pin-6", 2).verdict, "refuse");
});
