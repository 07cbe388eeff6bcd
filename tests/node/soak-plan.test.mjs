// The fault soak's plan and model (tests/soak/plan.mjs), without a browser: a seed gives one
// plan (so the seed a failed soak prints replays it), the fault rate holds, markers stay unique
// across the soak and its recovery, and the model's outcomes follow the retry rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makePlan, expectedOutcomes, resentByBrowser, FAULTS, OPS } from "../soak/plan.mjs";

test("a seed gives one plan, another seed another", () => {
  assert.deepEqual(makePlan(7, 500, 0.25), makePlan(7, 500, 0.25));
  assert.notDeepEqual(makePlan(7, 500, 0.25), makePlan(8, 500, 0.25));
});

test("the fault rate holds, every op and fault kind occurs, and a rate of 0 plans none", () => {
  for (const seed of [1, 2, 3, 0xdeadbeef]) {
    const plan = makePlan(seed, 4000, 0.25);
    const faulted = plan.filter((s) => s.fault).length;
    assert.ok(faulted > 800 && faulted < 1200, `seed ${seed}: ${faulted} of 4000 faulted`);
    assert.deepEqual(new Set(plan.map((s) => s.op)), new Set(OPS.map(([op]) => op)), `seed ${seed}`);
    assert.deepEqual(new Set(plan.filter((s) => s.fault).map((s) => s.fault.kind)), new Set(FAULTS.map(([k]) => k)), `seed ${seed}`);
    for (const s of plan.filter((s) => s.fault)) {
      assert.ok(s.fault.count === 1 || (s.fault.count === 3 && (s.op === "list" || s.op === "iterate")), `seed ${seed} step ${s.n}`);
      if (s.fault.kind === "timeout") assert.ok(s.fault.latencyMs > s.fault.timeoutMs, `seed ${seed} step ${s.n}`);
    }
    assert.equal(makePlan(seed, 500, 0).filter((s) => s.fault).length, 0);
  }
});

test("the recovery plan numbers on from the soak's, so schedule markers stay unique", () => {
  const soak = makePlan(5, 300, 0.25);
  const recovery = makePlan(5 ^ 0x5eed, 60, 0, soak.length);
  const numbers = [...soak, ...recovery].map((s) => s.n);
  assert.equal(new Set(numbers).size, numbers.length);
});

test("the model: reads are retried past one fault, writes never; the browser's own resend is allowed", () => {
  assert.deepEqual(expectedOutcomes({ op: "list", fault: null }), ["ok"]);
  assert.deepEqual(expectedOutcomes({ op: "schedule", fault: "latency", count: 1 }), ["ok"]);
  assert.deepEqual(expectedOutcomes({ op: "list", fault: "html", count: 1 }), ["ok"]);
  assert.deepEqual(expectedOutcomes({ op: "list", fault: "html", count: 3 }), ["decode"]);
  assert.deepEqual(expectedOutcomes({ op: "schedule", fault: "html", count: 1 }), ["decode"]);
  assert.deepEqual(expectedOutcomes({ op: "update", fault: "timeout", count: 1 }), ["timeout"]);
  assert.deepEqual(expectedOutcomes({ op: "join", fault: "panic", count: 1 }), ["api"]);
  assert.deepEqual(expectedOutcomes({ op: "iterate", fault: "truncate", count: 1 }), ["decode"]);
  assert.deepEqual(expectedOutcomes({ op: "schedule", fault: "reset_after", count: 1 }), ["network", "ok"]);
  assert.deepEqual(expectedOutcomes({ op: "cancel", fault: "reset_after", count: 1 }), ["network", "not_found"]);
  assert.equal(resentByBrowser({ op: "schedule", fault: "reset_after", outcome: "ok" }), true);
  assert.equal(resentByBrowser({ op: "schedule", fault: "reset_after", outcome: "network" }), false);
  assert.equal(resentByBrowser({ op: "cancel", fault: "reset_after", outcome: "not_found" }), true);
  assert.equal(resentByBrowser({ op: "list", fault: "drop", outcome: "ok" }), false);
});
