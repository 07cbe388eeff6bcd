// The fault soak: thousands of calls of a realistic mix (sign-in, lists and iterators, schedule,
// update, cancel, join, logout and sign-in again) by the built `ucaas-client/full` in headless
// Chromium, against the emulator with faults at a set rate: latency spikes, timeouts, JSON 500s,
// panics, HTML 502/503/504 pages, truncated bodies, connections dropped before the handler and
// reset after it. Then it checks, from the page's records, the emulator's request log and its
// state (the meeting list read over HTTP, not through the client):
//   - every failed call rejected with a UcaasError with a kind, the kind the fault calls for;
//   - no unhandled rejection, no page error;
//   - no schedule call sent its POST twice (the page's fetch count per call; the request log's
//     total POST /meetings equals the page's, so the browser sent none on its own);
//   - zero duplicate meetings: each schedule call's marker is on at most one meeting;
//   - no session ended but by logout;
//   - once the faults stop, every call succeeds.
// Bounded by SOAK_CALLS and SOAK_SECONDS, whichever comes first. Prints the counts as a table and
// one JSON line; on failure prints the seed and exits 1. Run by tests/soak.sh (README "Robustness").
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startEmulator } from "../node/lib/emulator.mjs";
import { makePlan, expectedOutcomes, resentByBrowser } from "./plan.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const env = process.env;
const CALLS = intEnv("SOAK_CALLS", 1500);
const SECONDS = intEnv("SOAK_SECONDS", 90);
const RECOVERY = intEnv("SOAK_RECOVERY_CALLS", 60);
const SEED = env.SOAK_SEED ? Number(env.SOAK_SEED) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
const FAULT_RATE = env.SOAK_FAULT_RATE ? Number(env.SOAK_FAULT_RATE) : 0.25;
const PKG = resolve(env.UCAAS_PKG_DIR || join(repo, "pkg"));
const CHROMIUM = env.CHROMIUM_BIN || "/usr/bin/chromium";
// The client's timeout: far above a loaded machine's slowest answer, so only the timeout fault
// times out (its step passes a shorter timeoutMs, below that fault's latency).
const CLIENT_TIMEOUT_MS = 10_000;
const CHUNK = 50; // steps per page.evaluate; the request log (1,000 entries) is read after each
const HARD_LIMIT_MS = (SECONDS + 120) * 1000; // the whole run, start-up and checks included

function intEnv(name, fallback) {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${v}`);
  return n;
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => {});
}
const hardStop = setTimeout(() => {
  console.error(`soak: over its hard limit of ${HARD_LIMIT_MS / 1000} s (seed ${SEED})`);
  cleanup().finally(() => process.exit(1));
}, HARD_LIMIT_MS);

async function main() {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "ucaas-soak-"));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  // The page and the package, served same-origin by the emulator (`--static`).
  cpSync(PKG, join(dir, "pkg"), { recursive: true });
  cpSync(join(here, "page.html"), join(dir, "index.html"));
  cpSync(join(here, "page.js"), join(dir, "page.js"));
  const emu = await startEmulator(["--static", dir]);
  cleanups.push(() => emu.stop());
  const api = (path, init) => fetch(`${emu.origin}${path}`, init);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  // Chromium logs every answer of status 400 or more as a console error: those are the faults.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
  });
  await page.goto(`${emu.origin}/index.html`);
  await page.waitForFunction(() => window.soakReady === true, null, { timeout: 20_000 });
  await page.evaluate((t) => window.soak.start(t), CLIENT_TIMEOUT_MS);

  // The request log keeps 1,000 entries: read after every chunk of steps.
  const log = [];
  let seq = 0;
  async function readLog() {
    const r = await (await api(`/__emulator/requests?since=${seq}`)).json();
    for (const e of r.requests) { log.push(e); seq = Math.max(seq, e.seq); }
    return r.requests.length;
  }

  const plan = makePlan(SEED, CALLS, FAULT_RATE);
  const records = [];
  let stoppedByTime = false;
  const soakStart = Date.now();
  for (let i = 0; i < plan.length; i += CHUNK) {
    if (Date.now() - soakStart > SECONDS * 1000) { stoppedByTime = true; break; }
    records.push(...(await page.evaluate((s) => window.soak.run(s), plan.slice(i, i + CHUNK))));
    await readLog();
  }
  const soakMs = Date.now() - soakStart;

  // Recovery: no faults, the same mix; every call must succeed.
  await api("/__emulator/faults", { method: "DELETE" });
  const recovery = await page.evaluate((s) => window.soak.run(s), makePlan(SEED ^ 0x5eed, RECOVERY, 0, plan.length));
  // Requests still in flight on the emulator (a timed-out call's latency) land in the log.
  for (let quiet = 0; quiet < 3;) {
    await new Promise((r) => setTimeout(r, 500));
    quiet = (await readLog()) === 0 ? quiet + 1 : 0;
  }
  const pageReport = await page.evaluate(() => window.soak.report());

  // The emulator's state, over its HTTP API (not through the client): every meeting of alice's.
  const login = await (await api("/ucaas/v1/login", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Api-Id": "demo-app" },
    body: JSON.stringify({ email: "alice@example.test", password: "Passw0rd!" }),
  })).json();
  const onServer = new Map();
  for (let p = 1; ; p++) {
    const list = await (await api(`/ucaas/v1/meetings?page=${p}&page_length=100`, {
      headers: { Authorization: `Token ${login.token}`, "X-Api-Id": "demo-app", "X-App-Type": "vc" },
    })).json();
    for (const m of list.meetings ?? []) onServer.set(m.room_name, (onServer.get(m.room_name) ?? 0) + 1);
    if ((list.meetings ?? []).length < 100) break;
  }
  const result = judge({ records, recovery, pageReport, pageErrors, log, onServer, stoppedByTime });
  result.seed = SEED;
  result.wallSeconds = Math.round((Date.now() - started) / 100) / 10;
  result.soakSeconds = Math.round(soakMs / 100) / 10;
  print(result);
  return result.failures.length === 0;
}

// The checks; `failures` lists what broke (empty: the soak passed).
function judge({ records, recovery, pageReport, pageErrors, log, onServer, stoppedByTime }) {
  const failures = [];
  const count = (list, key) => list.reduce((m, r) => ((m[key(r)] = (m[key(r)] ?? 0) + 1), m), {});
  const faulted = records.filter((r) => r.fault);
  const fired = faulted.filter((r) => r.fired);
  const mismatches = records.filter((r) => !expectedOutcomes(r).includes(r.outcome));
  for (const r of mismatches.slice(0, 10)) {
    failures.push(`step ${r.n} ${r.op} fault ${r.fault ?? "none"}: ${r.outcome}${r.status ? ` (HTTP ${r.status})` : ""}, expected ${expectedOutcomes(r).join(" or ")}${r.untyped ? `: ${r.untyped}` : ""}`);
  }
  if (mismatches.length > 10) failures.push(`… ${mismatches.length - 10} more steps not as the model says`);
  const untyped = records.concat(recovery).filter((r) => r.outcome === "untyped").length;
  if (untyped) failures.push(`${untyped} calls rejected with something other than a UcaasError`);
  const notFired = faulted.length - fired.length;
  if (notFired) failures.push(`${notFired} armed faults never met their request`);
  const recoveryFailed = recovery.filter((r) => r.outcome !== "ok");
  for (const r of recoveryFailed.slice(0, 5)) failures.push(`recovery step ${r.n} ${r.op}: ${r.outcome}`);
  if (pageReport.unhandled.length) failures.push(`unhandled rejections: ${pageReport.unhandled.slice(0, 3).join(" | ")}`);
  if (pageErrors.length) failures.push(`page errors: ${pageErrors.slice(0, 3).join(" | ")}`);
  const lost = pageReport.authEvents.filter((e) => !(e.event === "signed_in" || (e.event === "signed_out" && e.byLogout)));
  if (lost.length) failures.push(`sessions ended but by logout: ${JSON.stringify(lost.slice(0, 5))}`);
  if (!pageReport.signedIn) failures.push("signed out at the end");

  // Writes are never repeated by the client: per schedule call (the page's fetch), and the
  // server's log has every request the page sent. What the log has beyond that, Chromium sent on
  // its own, each time after a connection closed without an answer.
  const all = records.concat(recovery);
  const scheduleCalls = all.filter((r) => r.marker);
  const resent = scheduleCalls.filter((r) => (pageReport.schedulePosts[r.marker] ?? 0) > 1);
  if (resent.length) failures.push(`${resent.length} schedule calls sent their POST more than once: ${resent.slice(0, 3).map((r) => r.marker)}`);
  const logged = count(log.filter((e) => e.path.startsWith("/ucaas/v1/")), (e) => `${e.method} ${e.path}`);
  let browserResends = 0;
  for (const key of new Set([...Object.keys(logged), ...Object.keys(pageReport.sends)])) {
    const extra = (logged[key] ?? 0) - (pageReport.sends[key] ?? 0);
    if (extra < 0) failures.push(`the page sent ${pageReport.sends[key]} ${key}, the emulator logged ${logged[key] ?? 0}`);
    else browserResends += extra;
    if (extra > 0 && env.SOAK_DEBUG) console.error(`resent ${key}: +${extra}`, JSON.stringify(count(log.filter((e) => `${e.method} ${e.path}` === key), (e) => e.status)));
  }
  // Each resend follows a connection the emulator closed without an answer (logged status 0).
  const closures = log.filter((e) => e.status === 0).length;
  if (browserResends > closures) failures.push(`${browserResends} requests the page did not send, ${closures} connections closed without an answer`);
  const pagePosts = Object.values(pageReport.schedulePosts).reduce((a, b) => a + b, 0);
  const logPosts = logged["POST /ucaas/v1/meetings"] ?? 0;
  // Zero duplicates: each marker on at most one meeting, counting those a cancel confirmed gone;
  // a schedule call whose reset_after POST the browser sent again made two (reported apart).
  const cancelled = count(pageReport.cancelled, (m) => m);
  const maybeCancelled = new Set(pageReport.maybeCancelled);
  let duplicates = 0, browserDuplicates = 0, created = 0, createdUnanswered = 0;
  for (const r of scheduleCalls) {
    const n = (onServer.get(r.marker) ?? 0) + (cancelled[r.marker] ?? 0);
    const browserResent = r.fault === "reset_after" && resentByBrowser(r);
    created += Math.min(n, 1);
    if (n > 1 && browserResent && n === 2) browserDuplicates++;
    else if (n > 1) duplicates += n - 1;
    if (n > 0 && r.outcome !== "ok") createdUnanswered++;
    if (n === 0 && r.outcome === "ok" && !maybeCancelled.has(r.marker)) failures.push(`schedule ${r.marker} answered but no meeting has it`);
  }
  if (duplicates) failures.push(`${duplicates} duplicate meetings not explained by a browser resend`);

  return {
    failures,
    calls: records.length,
    stoppedByTime,
    faults: count(faulted, (r) => r.fault),
    faultsFired: fired.length,
    outcomes: count(records, (r) => r.outcome),
    typedFailures: records.filter((r) => r.outcome !== "ok").length,
    absorbedByRetry: fired.filter((r) => r.outcome === "ok" && !["latency"].includes(r.fault)).length,
    scheduleCalls: scheduleCalls.length,
    meetingsCreated: created,
    createdWithoutAnswer: createdUnanswered,
    postsSent: pagePosts,
    postsLogged: logPosts,
    browserResends,
    closures,
    duplicates,
    browserDuplicates,
    lostSessions: lost.length,
    logouts: pageReport.authEvents.filter((e) => e.byLogout).length,
    recoveryCalls: recovery.length,
    recoveryFailed: recoveryFailed.length,
    requestsLogged: log.length,
    ops: count(records, (r) => r.op),
  };
}

function print(r) {
  const row = (k, v) => console.log(`  ${k.padEnd(26)} ${typeof v === "object" ? JSON.stringify(v) : v}`);
  console.log(`soak: seed ${r.seed}, ${r.calls} calls in ${r.soakSeconds} s${r.stoppedByTime ? " (stopped by SOAK_SECONDS)" : ""}, ${r.wallSeconds} s in all`);
  for (const k of ["ops", "faults", "faultsFired", "outcomes", "typedFailures", "absorbedByRetry", "scheduleCalls",
    "meetingsCreated", "createdWithoutAnswer", "postsSent", "postsLogged", "browserResends", "closures",
    "duplicates", "browserDuplicates", "lostSessions", "logouts",
    "recoveryCalls", "recoveryFailed", "requestsLogged"]) row(k, r[k]);
  console.log(`SOAK_RESULT ${JSON.stringify(r)}`);
  if (r.failures.length) {
    console.error(`soak FAILED (seed ${r.seed}; rerun with SOAK_SEED=${r.seed}):`);
    for (const f of r.failures) console.error(`  - ${f}`);
  } else {
    console.log("soak: ok");
  }
}

main()
  .then(async (ok) => { await cleanup(); clearTimeout(hardStop); process.exit(ok ? 0 : 1); })
  .catch(async (e) => {
    console.error(`soak: ${e?.stack ?? e}\nsoak: seed ${SEED}; rerun with SOAK_SEED=${SEED}`);
    await cleanup();
    process.exit(1);
  });

