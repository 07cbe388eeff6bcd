// The fault soak's seeded plan (which call, which fault) and its model (what each call must end
// with). Pure: tests/node/soak-plan.test.mjs checks it without a browser.

// Calls of the mix, by weight: reads most, then schedules, edits and joins; a logout and sign-in
// now and then (`login`: the page turns it into logout + login while signed in).
export const OPS = [["list", 22], ["iterate", 8], ["schedule", 22], ["update", 14], ["cancel", 8], ["join", 16], ["login", 4]];
// Faults, by weight. `latency` stays below the client's timeout; `timeout` is a latency above the
// shorter timeoutMs its call passes.
export const FAULTS = [["latency", 12], ["timeout", 6], ["error", 12], ["panic", 4], ["html", 18], ["truncate", 12], ["drop", 14], ["reset_after", 16]];
export const LATENCY_MS = 150, TIMEOUT_MS = 300, TIMEOUT_LATENCY_MS = 900;
const READS = new Set(["list", "iterate"]);

// mulberry32: small, seeded, good enough to pick from weights.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand, table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [name, w] of table) if ((x -= w) < 0) return name;
  return table[table.length - 1][0];
}

// `calls` steps from `seed`; a fraction `faultRate` of them carries a fault. Steps are numbered
// from `first` (the recovery plan continues the soak's numbers: markers stay unique).
export function makePlan(seed, calls, faultRate, first = 0) {
  const rand = random(seed);
  const prefix = `soak-${seed.toString(36)}`;
  const steps = [];
  for (let i = 0; i < calls; i++) {
    const op = weighted(rand, OPS);
    const step = { n: first + i, op, pick: rand(), prefix, fault: null };
    if (rand() < faultRate) {
      const kind = weighted(rand, FAULTS);
      // A read's fault outlasts its retries one time in four (three attempts, three faults).
      const count = READS.has(op) && rand() < 0.25 ? 3 : 1;
      step.fault = { kind, count };
      if (kind === "latency") step.fault.latencyMs = LATENCY_MS;
      if (kind === "timeout") Object.assign(step.fault, { latencyMs: TIMEOUT_LATENCY_MS, timeoutMs: TIMEOUT_MS });
      if (kind === "html") step.fault.status = [502, 503, 504][Math.floor(rand() * 3)];
    }
    steps.push(step);
  }
  return steps;
}

// The outcomes a step may end with ("ok" or a UcaasError kind), from its call and fault. A GET
// is retried after a network error or 502/503/504 (two retries), a write never is; every other
// fault reaches the caller as its kind. A connection closed without any answer (`drop`,
// `reset_after`) on a reused keep-alive connection is sent once more by Chromium itself, before
// the client sees anything (HTTP/1.1 only; README "Robustness"): the call may then succeed — a
// write with `reset_after` ran twice on the server, so a cancel finds its meeting gone — and a
// read's three faults may be used up by fewer client attempts.
export function expectedOutcomes({ op, fault, count }) {
  if (!fault || fault === "latency") return ["ok"];
  const read = READS.has(op);
  switch (fault) {
    case "timeout": return ["timeout"];
    case "error": case "panic": return ["api"];
    case "truncate": return ["decode"];
    case "html": return read && count < 3 ? ["ok"] : ["decode"];
    case "drop": return read && count < 3 ? ["ok"] : ["network", "ok"];
    case "reset_after":
      if (read) return count < 3 ? ["ok"] : ["network", "ok"];
      return op === "cancel" ? ["network", "not_found"] : ["network", "ok"];
  }
  return [`(unknown fault ${fault})`];
}

// Whether a step's outcome says the browser sent its request again (see `expectedOutcomes`).
export function resentByBrowser({ op, fault, outcome }) {
  if (READS.has(op) || (fault !== "drop" && fault !== "reset_after")) return false;
  return op === "cancel" && fault === "reset_after" ? outcome === "not_found" : outcome === "ok";
}
