// The npm package in Node 20, imported the way Node users import it: by its name, so that Node
// resolves "ucaas-client" through the package's "exports" map with the "node" condition.
//
//   node --test tests/node/client.test.mjs
//
// Environment:
//   UCAAS_EMULATOR_BIN   emulator binary (default: target/debug/ucaas-emulator of this repo)
//   UCAAS_PKG_DIR        the built package (default: pkg/ of this repo), linked as
//                        node_modules/ucaas-client of a temporary consumer folder
//   UCAAS_CONSUMER_DIR   instead: a folder where the packed tarball is installed
//                        (node_modules/ucaas-client), as tests/package.sh does
//
// The suite starts its own emulator on a free port and stops it at the end.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const emulatorBin = process.env.UCAAS_EMULATOR_BIN || join(repo, "target", "debug", "ucaas-emulator");
const pkgDir = resolve(process.env.UCAAS_PKG_DIR || join(repo, "pkg"));

const ALICE = "alice@example.test";
const BOB = "bob@example.test";
const PASSWORD = "Passw0rd!";
const API_ID = "demo-app";

// --- the package, resolved by name -------------------------------------------------------------

let scratch; // temporary folder of this run (consumer folder when none is given)
let consumerDir;
let shimFile; // re-exports "ucaas-client" from inside the consumer folder

function prepareConsumer() {
  scratch = mkdtempSync(join(tmpdir(), "ucaas-node-test-"));
  if (process.env.UCAAS_CONSUMER_DIR) {
    consumerDir = resolve(process.env.UCAAS_CONSUMER_DIR);
  } else {
    if (!existsSync(join(pkgDir, "package.json"))) {
      throw new Error(`no built package at ${pkgDir}: run bash scripts/build-pkg.sh first`);
    }
    consumerDir = join(scratch, "consumer");
    mkdirSync(join(consumerDir, "node_modules"), { recursive: true });
    writeFileSync(join(consumerDir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    symlinkSync(pkgDir, join(consumerDir, "node_modules", "ucaas-client"), "dir");
  }
  assert.ok(existsSync(join(consumerDir, "node_modules", "ucaas-client", "package.json")),
    `ucaas-client is not installed in ${consumerDir}`);
  // The shim lives in the consumer folder, so "ucaas-client" resolves from there, like a user's code.
  shimFile = join(consumerDir, `ucaas-shim-${process.pid}.mjs`);
  writeFileSync(shimFile,
    `export * from "ucaas-client";\nexport { default } from "ucaas-client";\n` +
    `export const resolved = import.meta.resolve("ucaas-client");\n`);
}

// --- the emulator ------------------------------------------------------------------------------

let emulator; // child process
let baseUrl; // http://127.0.0.1:PORT/ucaas/v1
let controlUrl; // http://127.0.0.1:PORT/__emulator

function startEmulator() {
  return new Promise((resolveStart, rejectStart) => {
    if (!existsSync(emulatorBin)) {
      rejectStart(new Error(`emulator binary not found: ${emulatorBin} (cargo build -p ucaas-emulator, or set UCAAS_EMULATOR_BIN)`));
      return;
    }
    const child = spawn(emulatorBin, ["--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rejectStart(new Error(`emulator did not announce itself within 10 s; stdout: ${out}`));
    }, 10_000);
    child.once("error", (e) => { clearTimeout(timer); rejectStart(e); });
    child.once("exit", (code) => { clearTimeout(timer); rejectStart(new Error(`emulator exited early (${code}); stdout: ${out}`)); });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /^ucaas-emulator listening on (\S+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolveStart({ child, url: m[1] });
      }
    });
  });
}

function stopEmulator(child) {
  return new Promise((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => { clearTimeout(kill); done(); });
    child.kill("SIGTERM");
  });
}

async function control(path, method = "GET", body) {
  const res = await fetch(controlUrl + path, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  assert.equal(json.result, 1, `control ${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** API requests the emulator saw since `seq` (control requests are not logged). */
async function requestsSince(seq) {
  return (await control(`/requests?since=${seq}`)).requests;
}
async function lastSeq() {
  const all = (await control("/requests?since=0")).requests;
  return all.length ? all[all.length - 1].seq : 0;
}

/** A loopback port nothing listens on (bound, then closed). */
function closedPort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

// --- helpers -----------------------------------------------------------------------------------

let pkg; // the imported module

function client(options = {}) {
  return new pkg.UcaasClient({ baseUrl, apiId: API_ID, ...options });
}

/** Runs `fn`, which must reject with a UcaasError; checks the common shape and returns it. */
async function rejection(fn, expected) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, "expected the call to reject");
  assert.ok(error instanceof pkg.UcaasError, `expected a UcaasError, got ${error?.constructor?.name}: ${error}`);
  assert.ok(error instanceof Error, "UcaasError must be an Error");
  assert.equal(error.name, "UcaasError");
  assert.equal(typeof error.message, "string");
  assert.ok(error.message.length > 0, "message must not be empty");
  assert.equal(typeof error.stack, "string");
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(error[key], value, `error.${key} (error: ${error.kind} ${error.code} ${error.status} ${error.message})`);
  }
  return error;
}

/** Collects onAuthChange events as [event, email | undefined, session-was-undefined]. */
function recordEvents(c) {
  const events = [];
  const unsubscribe = c.onAuthChange((event, session) => {
    events.push({ event, email: session?.user?.email, session });
  });
  return { events, unsubscribe };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

function inOneHour() {
  return new Date(Date.now() + 3600_000);
}

// --- the suite ---------------------------------------------------------------------------------

before(async () => {
  prepareConsumer();
  pkg = await import(pathToFileURL(shimFile).href);
  const started = await startEmulator();
  emulator = started.child;
  baseUrl = started.url;
  controlUrl = baseUrl.replace(/\/ucaas\/v1\/?$/, "/__emulator");
});

after(async () => {
  await stopEmulator(emulator);
  if (shimFile) rmSync(shimFile, { force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

beforeEach(async () => {
  await control("/reset", "POST");
});

describe("package entry in Node", () => {
  test("runs on Node 20 or later", () => {
    const major = Number(process.versions.node.split(".")[0]);
    assert.ok(major >= 20, `Node ${process.versions.node}`);
  });

  test('"ucaas-client" resolves to node.js through the exports map', () => {
    assert.match(pkg.resolved, /\/node\.js$/);
  });

  test("exports init, UcaasClient and UcaasError; init() resolves", async () => {
    assert.equal(typeof pkg.default, "function");
    assert.equal(typeof pkg.UcaasClient, "function");
    assert.equal(typeof pkg.UcaasError, "function");
    await pkg.default(); // a no-op in Node (the module is instantiated on import), but callable
  });

  test('storageMode is "memory" whatever storage is asked for (Node has no Web Storage)', async () => {
    for (const storage of [undefined, "session", "local", "memory"]) {
      const c = client(storage ? { storage } : {});
      await c.ready();
      assert.equal(c.storageMode, "memory", `storage: ${storage}`);
      assert.equal(c.session(), undefined);
      c.dispose();
    }
  });

  test("bad options throw a validation UcaasError from the constructor", () => {
    assert.throws(() => new pkg.UcaasClient({ baseUrl: "", apiId: API_ID }), (e) => {
      assert.ok(e instanceof pkg.UcaasError);
      assert.ok(e instanceof Error);
      assert.equal(e.kind, "validation");
      return true;
    });
  });
});

describe("auth", () => {
  test("login, session, logout and onAuthChange events", async () => {
    const c = client();
    const { events, unsubscribe } = recordEvents(c);
    await c.ready();
    await tick();
    assert.deepEqual(events.map((e) => e.event), ["initial"]);
    assert.equal(events[0].session, undefined, "initial event of a signed-out client carries no session");

    const before = Date.now();
    const session = await c.login(ALICE, PASSWORD);
    assert.equal(session.user.email, ALICE);
    assert.equal(session.user.user_id, "u-alice");
    assert.equal(session.user.company?.company_name, "Acme");
    assert.equal(typeof session.expires_at, "number");
    // tokenTtlSeconds defaults to 900
    assert.ok(session.expires_at > before + 800_000 && session.expires_at <= Date.now() + 900_000 + 1000,
      `expires_at ${new Date(session.expires_at).toISOString()}`);
    assert.ok(!("token" in session), "the token must stay inside the client");
    assert.deepEqual(c.session(), session);

    await tick();
    assert.deepEqual(events.map((e) => e.event), ["initial", "signed_in"]);
    assert.equal(events[1].email, ALICE);

    // The login request: POST /login, and the password is nowhere in what the client exposes.
    assert.ok(!JSON.stringify(c.session()).includes(PASSWORD));

    c.logout();
    assert.equal(c.session(), undefined);
    await tick();
    assert.deepEqual(events.map((e) => e.event), ["initial", "signed_in", "signed_out"]);
    assert.equal(events[2].session, undefined);

    // After logout the token routes refuse without a request.
    const seq = await lastSeq();
    await rejection(() => c.getMeeting("mtg-alice-upcoming"), { kind: "unauthenticated", status: undefined });
    assert.deepEqual(await requestsSince(seq), []);

    unsubscribe();
    // A listener still subscribed hears the next login: by then the unsubscribed one would have.
    const still = recordEvents(c);
    await c.login(ALICE, PASSWORD);
    await tick();
    assert.deepEqual(still.events.map((e) => e.event), ["initial", "signed_in"]);
    assert.equal(events.length, 3, "no event after unsubscribe");
    c.logout();
    c.dispose();
  });

  test("a subscriber added while signed in gets initial with the session", async () => {
    const c = client();
    await c.login(ALICE, PASSWORD);
    const { events } = recordEvents(c);
    await tick();
    assert.equal(events[0].event, "initial");
    assert.equal(events[0].email, ALICE);
    c.logout();
    c.dispose();
  });

  test("wrong password: unauthenticated, 401, no session", async () => {
    const c = client();
    await rejection(() => c.login(ALICE, "wrong-password"), { kind: "unauthenticated", status: 401, code: 0 });
    assert.equal(c.session(), undefined);
    c.dispose();
  });

  test("a token the server no longer knows ends the session (unauthenticated, 1001, expired event)", async () => {
    const c = client();
    const { events } = recordEvents(c);
    await c.login(ALICE, PASSWORD);
    await control("/reset", "POST"); // the emulator forgets every token
    await rejection(() => c.getMeeting("mtg-alice-upcoming"), { kind: "unauthenticated", status: 401, code: 1001 });
    assert.equal(c.session(), undefined);
    // The next login's event, the one after `expired`, shows `expired` came once.
    await c.login(ALICE, PASSWORD);
    await tick();
    assert.deepEqual(events.map((e) => e.event), ["initial", "signed_in", "expired", "signed_in"]);
    c.logout();
    c.dispose();
  });

  test("a token past its life on the server: expired, 403, session ended once", async () => {
    const c = client();
    const { events } = recordEvents(c);
    await c.login(ALICE, PASSWORD);
    await control("/clock", "POST", { advance_seconds: 901 });
    const results = await Promise.allSettled([c.getMeeting("mtg-alice-upcoming"), c.listMeetings()]);
    for (const r of results) {
      assert.equal(r.status, "rejected");
      assert.ok(r.reason instanceof pkg.UcaasError);
      assert.equal(r.reason.kind, "expired");
    }
    assert.equal(c.session(), undefined);
    // The next login's event, the one after `expired`, shows `expired` came once.
    await c.login(ALICE, PASSWORD);
    await tick();
    assert.deepEqual(events.map((e) => e.event), ["initial", "signed_in", "expired", "signed_in"], "expired is emitted once");
    c.logout();
    c.dispose();
  });

  test("password reset: requestPasswordReset, validateResetKey, resetPassword", async () => {
    const c = client();
    const asked = await c.requestPasswordReset(BOB);
    assert.equal(asked.email, BOB);
    assert.equal(typeof asked.msg, "string");

    const { mails } = await control(`/outbox?to=${encodeURIComponent(BOB)}`);
    assert.equal(mails.length, 1);
    const key = mails[0].data.reset_key;
    assert.equal(typeof key, "string");

    const owner = await c.validateResetKey(key);
    assert.equal(owner.email, BOB);
    assert.equal(owner.user_id, "u-bob");
    assert.equal(owner.first_name, "Bob");

    const fresh = "N3w-Passw0rd!";
    const done = await c.resetPassword(key, { email: BOB, password: fresh, password_retyped: fresh });
    assert.equal(done.email, BOB);
    assert.equal(typeof done.msg, "string");

    await rejection(() => c.login(BOB, PASSWORD), { kind: "unauthenticated", status: 401 });
    const session = await c.login(BOB, fresh);
    assert.equal(session.user.email, BOB);
    c.logout();
    c.dispose();
  });

  test("resetPassword validates before any request", async () => {
    const c = client();
    const seq = await lastSeq();
    const e = await rejection(() => c.resetPassword("some-key", { email: BOB, password: "abcdefgh1", password_retyped: "different1" }),
      { kind: "validation", status: undefined });
    assert.equal(typeof e.code, "number");
    assert.deepEqual(await requestsSince(seq), []);
    c.dispose();
  });
});

describe("sessions and branding (no login needed)", () => {
  test("joinSession as participant and as moderator", async () => {
    const c = client();
    const joined = await c.joinSession({ pin: "222222", name: "Ann", user_ref: "ann-1" });
    assert.equal(typeof joined.token, "string");
    assert.ok(joined.token.length > 0);
    assert.equal(joined.user?.role, "participant");
    assert.equal(joined.user?.meeting_id, "mtg-alice-upcoming");
    assert.equal(typeof joined.user?.room_id, "string");

    const host = await c.joinSession({ pin: "111111", name: "Alice", user_ref: "alice" });
    assert.equal(host.user?.role, "moderator");
    assert.equal(c.session(), undefined, "joining does not sign in");
    c.dispose();
  });

  test("inviteToSession by pin, meeting_id and room_id mails the invitees", async () => {
    const c = client();
    const byPin = await c.inviteToSession({ pin: "222222", invitees: ["x@example.test", "y@example.test"] });
    assert.equal(typeof byPin.desc, "string");
    await c.inviteToSession({ meeting_id: "mtg-alice-upcoming", invitees: ["z@example.test"] });
    const { mails } = await control("/outbox");
    const to = mails.map((m) => m.to).sort();
    assert.deepEqual(to, ["x@example.test", "y@example.test", "z@example.test"]);
    for (const m of mails) assert.match(m.body, /222222/, "the mail carries the participant PIN");

    const room = (await c.joinSession({ pin: "222222", name: "Ann", user_ref: "a" })).user?.room_id;
    assert.ok(room);
    await c.inviteToSession({ room_id: room, invitees: ["w@example.test"] });
    assert.equal((await control("/outbox?to=w@example.test")).mails.length, 1);
    c.dispose();
  });

  test("getBranding by domain, customer and meeting", async () => {
    const c = client();
    const byDomain = await c.getBranding({ domain: "meet.example.test" });
    assert.ok(byDomain.vc || byDomain.wb, "some application branding");
    assert.equal(typeof (byDomain.vc ?? byDomain.wb).name, "string");
    const byCustomer = await c.getBranding({ customer_id: "c-acme" });
    assert.ok(byCustomer.vc || byCustomer.wb);
    const byMeeting = await c.getBranding({ meeting_id: "mtg-alice-upcoming" });
    assert.ok(byMeeting.vc || byMeeting.wb);
    c.dispose();
  });
});

describe("meetings", () => {
  test("schedule, get, update, list, iterate and cancel", async () => {
    const c = client({ appType: "vc" });
    await c.login(ALICE, PASSWORD);

    const start = inOneHour();
    const m = await c.scheduleMeeting({
      room_name: "Node suite meeting",
      desc: "made by tests/node",
      start_time: start,
      duration: 30,
      moderators: 1,
      participants: 3,
      wait_for_moderator: false,
      knock: false,
      auto_recording: false,
      timezone_id: "UTC",
    });
    assert.equal(typeof m.meeting_id, "string");
    assert.equal(m.room_name, "Node suite meeting");
    assert.equal(m.duration, 30);
    assert.equal(m.moderators, 1);
    assert.equal(m.participants, 3);
    assert.match(m.start_time ?? "", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const wire = start.toISOString().slice(0, 19).replace("T", " ");
    assert.equal(m.start_time, wire, "a Date goes out as YYYY-MM-DD HH:ii:ss in UTC");
    assert.match(m.mpin ?? "", /^\d{6,10}$/);
    assert.match(m.ppin ?? "", /^\d{6,10}$/);

    // start_time as the wire string works too
    const later = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    const m2 = await c.scheduleMeeting({ room_name: "String start", start_time: later, duration: 15, moderators: 1, participants: 0 });
    assert.equal(m2.start_time, later);

    const got = await c.getMeeting(m.meeting_id);
    assert.equal(got.meeting_id, m.meeting_id);
    assert.equal(got.room_name, "Node suite meeting");

    const updated = await c.updateMeeting(m.meeting_id, { room_name: "Renamed by Node", duration: 45 });
    assert.equal(updated.room_name, "Renamed by Node");
    assert.equal(updated.duration, 45);

    const page = await c.listMeetings({ stage: "upcoming", order_by: "start_time", order_qualify: "asc", page: 1, page_length: 50 });
    assert.equal(page.search?.stage, "upcoming");
    assert.ok(Array.isArray(page.meetings));
    const ids = page.meetings.map((x) => x.meeting_id);
    assert.ok(ids.includes(m.meeting_id) && ids.includes("mtg-alice-upcoming"), `ids: ${ids}`);
    assert.ok(!ids.includes("mtg-alice-past"));

    const one = await c.listMeetings({ search_by: "mpin", search_string: "111111" });
    assert.deepEqual(one.meetings?.map((x) => x.meeting_id), ["mtg-alice-upcoming"]);

    const all = (await c.listMeetings({ page_length: 100 })).meetings ?? [];
    assert.ok(all.length >= 5, `alice has ${all.length} meetings`);
    const seq = await lastSeq();
    const iterated = [];
    for await (const meeting of c.meetings({ page_length: 2 })) iterated.push(meeting.meeting_id);
    assert.deepEqual(iterated, all.map((x) => x.meeting_id), "meetings() walks every page in order");
    const pages = (await requestsSince(seq)).filter((r) => r.method === "GET" && r.path.endsWith("/meetings"));
    assert.equal(pages.length, Math.floor(all.length / 2) + 1, "one request per page, fetched lazily");

    // Breaking out early stops fetching.
    const seq2 = await lastSeq();
    for await (const meeting of c.meetings({ page_length: 2 })) { assert.ok(meeting.meeting_id); break; }
    assert.equal((await requestsSince(seq2)).length, 1);

    const cancelled = await c.cancelMeeting(m.meeting_id);
    assert.equal(typeof cancelled.msg, "string");
    assert.equal(cancelled.event?.meeting_id, m.meeting_id);
    await rejection(() => c.getMeeting(m.meeting_id), { kind: "not_found", status: 404 });
    await c.cancelMeeting(m2.meeting_id);

    c.logout();
    c.dispose();
  });

  test("another tenant's meeting: forbidden, 403", async () => {
    const c = client();
    await c.login(ALICE, PASSWORD);
    await rejection(() => c.getMeeting("mtg-carol-upcoming"), { kind: "forbidden", status: 403 });
    assert.ok(c.session(), "forbidden does not end the session");
    c.logout();
    c.dispose();
  });
});

describe("typed errors", () => {
  test("validation: documented code and field, no request sent", async () => {
    const c = client();
    await c.login(ALICE, PASSWORD);
    const seq = await lastSeq();
    const cases = [
      [() => c.joinSession({ pin: "12345", name: "a", user_ref: "b" }), 2107, "pin"],
      [() => c.inviteToSession({ invitees: ["x@example.test"] }), 2101, undefined],
      [() => c.inviteToSession({ pin: "222222", invitees: [] }), 2209, "invitees"],
      [() => c.scheduleMeeting({ room_name: "ab", start_time: inOneHour(), duration: 30, moderators: 1, participants: 0 }), 1612, "room_name"],
      [() => c.scheduleMeeting({ room_name: "Past", start_time: new Date(Date.now() - 3600_000), duration: 30, moderators: 1, participants: 0 }), 1601, "start_time"],
      [() => c.listMeetings({ page: 0 }), 2608, "page"],
      [() => c.getBranding({}), 1002, undefined],
    ];
    for (const [call, code, field] of cases) {
      const e = await rejection(call, { kind: "validation", code, status: undefined });
      if (field !== undefined) assert.equal(e.field, field, `field of ${code}`);
    }
    assert.deepEqual(await requestsSince(seq), [], "validation fails before any request");
    c.logout();
    c.dispose();
  });

  test("not_found: 404 from the server", async () => {
    const c = client();
    await c.login(ALICE, PASSWORD);
    await rejection(() => c.getMeeting("no-such-meeting"), { kind: "not_found", status: 404, code: 404 });
    await rejection(() => c.joinSession({ pin: "999999", name: "a", user_ref: "b" }), { kind: "not_found", status: 404 });
    c.logout();
    c.dispose();
  });

  test("unauthenticated: token routes without a login fail without a request", async () => {
    const c = client();
    const seq = await lastSeq();
    await rejection(() => c.getMeeting("mtg-alice-upcoming"), { kind: "unauthenticated", status: undefined });
    await rejection(() => c.listMeetings(), { kind: "unauthenticated", status: undefined });
    await rejection(() => c.scheduleMeeting({ room_name: "Nope", start_time: inOneHour(), duration: 30, moderators: 1, participants: 0 }), { kind: "unauthenticated" });
    assert.deepEqual(await requestsSince(seq), []);
    c.dispose();
  });

  test("network: a closed port rejects with kind network (GET retried, POST not)", async () => {
    const port = await closedPort();
    const c = new pkg.UcaasClient({ baseUrl: `http://127.0.0.1:${port}/ucaas/v1`, apiId: API_ID });
    await rejection(() => c.joinSession({ pin: "222222", name: "a", user_ref: "b" }), { kind: "network", status: undefined, code: undefined });
    await rejection(() => c.getBranding({ domain: "meet.example.test" }), { kind: "network", status: undefined });
    c.dispose();
  });

  test("timeout: a slow answer past timeoutMs rejects with kind timeout", async () => {
    await control("/faults", "POST", { route: "/sessions/join", latency_ms: 3000, count: 1 });
    const c = client();
    const t0 = Date.now();
    await rejection(() => c.joinSession({ pin: "222222", name: "a", user_ref: "b" }, { timeoutMs: 200 }), { kind: "timeout", status: undefined });
    // At least the timeout (1 ms for timer rounding), and well before the slow answer.
    const took = Date.now() - t0;
    assert.ok(took >= 199 && took < 2500, `gave up after ${took} ms`);
    // The client-wide timeoutMs applies as well.
    await control("/faults", "POST", { route: "/sessions/join", latency_ms: 3000, count: 1 });
    const quick = client({ timeoutMs: 200 });
    await rejection(() => quick.joinSession({ pin: "222222", name: "a", user_ref: "b" }), { kind: "timeout" });
    await control("/faults", "DELETE");
    c.dispose();
    quick.dispose();
  });

  test("aborted: a caller's AbortSignal, before and during the call", async () => {
    const c = client();
    const seq = await lastSeq();
    await rejection(() => c.getBranding({ domain: "meet.example.test" }, { signal: AbortSignal.abort() }), { kind: "aborted", status: undefined });
    assert.deepEqual(await requestsSince(seq), [], "an already aborted signal sends nothing");

    await control("/faults", "POST", { route: "/sessions/join", latency_ms: 3000, count: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    await rejection(() => c.joinSession({ pin: "222222", name: "a", user_ref: "b" }, { signal: ac.signal }), { kind: "aborted" });
    assert.ok(Date.now() - t0 < 2500, `aborted after ${Date.now() - t0} ms`);
    await control("/faults", "DELETE");
    c.dispose();
  });

  test("server fault: 5xx is an error and never ends the session", async () => {
    const c = client();
    await c.login(ALICE, PASSWORD);
    await control("/faults", "POST", { route: "/meetings/*", method: "GET", error_rate: 1, count: 3 });
    const e = await rejection(() => c.getMeeting("mtg-alice-upcoming"), { status: 500 });
    assert.ok(["api", "http"].includes(e.kind), e.kind);
    assert.ok(c.session(), "a 5xx keeps the session");
    await control("/faults", "DELETE");
    c.logout();
    c.dispose();
  });

  test("GET retries: 502, 504 and a dropped connection are retried after a doubling, jittered wait (from the emulator's log)", async () => {
    // js/runtime.js: about 200 ms before the second attempt and 400 ms before the third, ±50 %.
    // The log's arrival times give each wait plus the failed attempt's own time, so the waits'
    // floors (100 ms, 200 ms) are hard lower bounds; the ceiling is only the test's own patience.
    const c = client();
    const waits = [];
    for (let round = 0; round < 8; round++) {
      const viaStatus = round % 2 === 0;
      if (viaStatus) {
        await control("/faults", "POST", { route: "/branding", method: "GET", html: true, html_status: 502, count: 1 });
        await control("/faults", "POST", { route: "/branding", method: "GET", html: true, html_status: 504, count: 1 });
      } else {
        await control("/faults", "POST", { route: "/branding", method: "GET", drop: true, count: 2 });
      }
      const seq = await lastSeq();
      const b = await c.getBranding({ domain: "meet.example.test" });
      assert.ok(b && typeof b === "object", "the third attempt's answer");
      const attempts = (await requestsSince(seq)).filter((r) => r.path === "/ucaas/v1/branding");
      assert.deepEqual(attempts.map((r) => r.status), viaStatus ? [502, 504, 200] : [0, 0, 200], `round ${round}`);
      waits.push([attempts[1].at_ms - attempts[0].at_ms, attempts[2].at_ms - attempts[1].at_ms]);
    }
    await control("/faults", "DELETE");
    const show = JSON.stringify(waits.map((w) => w.map(Math.round)));
    for (const [first, second] of waits) {
      assert.ok(first >= 99 && first < 5_000, `first wait within 200 ms ±50 %: ${show}`);
      assert.ok(second >= 199 && second < 5_000, `second wait doubled, within 400 ms ±50 %: ${show}`);
    }
    // Jitter: eight first waits spread over 100–300 ms; without it they would lie within a few ms.
    const firsts = waits.map((w) => w[0]);
    assert.ok(Math.max(...firsts) - Math.min(...firsts) > 20, `the waits vary: ${show}`);
    c.dispose();
  });

  test("decode: a truncated JSON body and an HTML error page are kind decode with the status", async () => {
    const c = client();
    await control("/faults", "POST", { route: "/branding", truncate: true, count: 1 });
    await rejection(() => c.getBranding({ domain: "meet.example.test" }), { kind: "decode", status: 200 });
    // docs/conventions.md: a body that is not JSON is "decode" (GETs retry 502 first: every attempt gets the page).
    await control("/faults", "POST", { route: "/branding", html: true, html_status: 502, count: 3 });
    await rejection(() => c.getBranding({ domain: "meet.example.test" }), { kind: "decode", status: 502 });
    await control("/faults", "DELETE");
    c.dispose();
  });
});

describe("process lifetime", () => {
  // A child Node process: imports the package by name from the consumer folder, runs `body`.
  function runChild(body, timeoutMs) {
    const file = join(consumerDir, `ucaas-child-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(file, `import init, { UcaasClient, UcaasError } from "ucaas-client";\nawait init();\n${body}\n`);
    return new Promise((done) => {
      const t0 = Date.now();
      const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BASE_URL: baseUrl } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => { stdout += d; });
      child.stderr.on("data", (d) => { stderr += d; });
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        rmSync(file, { force: true });
        done({ code, signal, stdout, stderr, ms: Date.now() - t0 });
      });
    });
  }

  test("a script that signs in and ends exits promptly (timers do not hold Node)", async () => {
    const r = await runChild(`
const c = new UcaasClient({ baseUrl: process.env.BASE_URL, apiId: "demo-app" });
c.onAuthChange(() => {});
const s = await c.login("alice@example.test", "Passw0rd!");
console.log("signed in", s.user.email);
// no logout, no dispose: the client's expiry timers must not keep the process alive
`, 10_000);
    assert.equal(r.signal, null, `killed after ${r.ms} ms (still running): stderr ${r.stderr}`);
    assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
    assert.match(r.stdout, /signed in alice@example\.test/);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  });

  test("a failing GET settles before Node exits (retry backoff keeps the call alive)", async () => {
    const port = await closedPort();
    const r = await runChild(`
const c = new UcaasClient({ baseUrl: "http://127.0.0.1:${port}/ucaas/v1", apiId: "demo-app" });
try {
  await c.getBranding({ domain: "meet.example.test" });
  console.log("unexpected success");
} catch (e) {
  console.log("rejected", e instanceof UcaasError, e.kind);
}
`, 15_000);
    assert.equal(r.signal, null, `killed after ${r.ms} ms`);
    // Exit code 13 = "unsettled top-level await": the process ended with the call still pending.
    assert.equal(r.code, 0, `exit ${r.code} after ${r.ms} ms, stdout ${JSON.stringify(r.stdout)}, stderr ${r.stderr}`);
    assert.match(r.stdout, /rejected true network/);
  });
});
