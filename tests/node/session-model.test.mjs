// The session rules (js/session.js, driven through Host in js/runtime.js) against a model, on
// generated interleavings: logins that answer at once, late or not at all; logouts; calls that
// the server answers 401, 403 "Token has expired", 503 or not at all (network error), fast or
// late; clock jumps past `expiring` and expiry; another tab writing a valid envelope, garbage,
// another version's envelope, or clearing the key; a full storage quota; reloads. Three clients
// share one localStorage key: two in one tab (a widget beside the app), one in a second tab, and
// a third tab writes behind their backs. After every step:
//   1. after a logout a client has no session, and storage holds none of its ended tokens, until
//      a login started after the logout succeeds;
//   2. each client's session (and the stored envelope) is the model's: the latest-started
//      successful login, in memory and in storage;
//   3. no client removes an envelope whose token it does not hold (unreadable ones only at
//      start-up);
//   4. `expired` at most once per session, `signed_in` exactly once per session set;
//   5. no request carries a token after the client's session with it ended.
//
//   node --test tests/node/session-model.test.mjs
//   UCAAS_MODEL_SEED=123 UCAAS_MODEL_RUNS=20000 node --test tests/node/session-model.test.mjs
//
// The platform (fetch, storage, clock, timers, storage events) is simulated: virtual time, no
// real waits, so a run is deterministic for its seed. The seed is printed, always.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Host } from "../../js/runtime.js";
import { ENVELOPE_VERSION, EXPIRY_SKEW_MS } from "../../js/session.js";

const TOKEN = 1, APP_TYPE = 2, LOGIN = 4;
const TTL_SECONDS = 900;
// Shapes as src/wasm/shapes.rs writes them: [key, alias, kind, presence, a, b, c].
const USER_SHAPE = [["user_id", null, 0, 0], ["email", null, 0, 0]];
const LOGIN_SHAPE = [["token", null, 0, 1], ["user", null, 5, 0, USER_SHAPE]];
const MEETING_SHAPE = [["meeting", null, 5, 0, [["meeting_id", null, 0, 0]]]];
const KEY = "ucaas.session:demo-app";

// ----- the simulated platform

class World {
  constructor() {
    this.now = 1_800_000_000_000;
    this.timers = new Map(); // id → { due, callback }
    this.nextTimer = 1;
    this.data = new Map(); // the origin's localStorage
    this.quota = false;
    this.events = []; // storage events not yet delivered: { from, key }
    this.docs = new Map(); // doc name → EventTarget
    this.parked = []; // requests answered only by a `resolve` step
    this.nextToken = 1;
    this.violations = [];
  }

  setTimer(callback, ms) {
    const id = this.nextTimer++;
    this.timers.set(id, { due: this.now + Math.max(0, ms), callback });
    return id;
  }

  // Runs every timer due by `now + ms`, in order, letting promises settle between them.
  async advance(ms) {
    const target = this.now + ms;
    for (;;) {
      let next;
      for (const [id, t] of this.timers) if (t.due <= target && (!next || t.due < next[1].due)) next = [id, t];
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = Math.max(this.now, next[1].due);
      next[1].callback();
      await this.settle();
    }
    this.now = target;
  }

  // Lets promises settle and delivers storage events (a task each, as browsers do).
  async settle() {
    for (let round = 0; round < 20; round++) {
      await new Promise((r) => setImmediate(r));
      const events = this.events.splice(0);
      for (const e of events) {
        for (const [name, target] of this.docs) {
          if (name !== e.from) target.dispatchEvent(Object.assign(new Event("storage"), { key: e.key }));
        }
      }
      if (events.length === 0 && round > 2) return;
    }
  }

  // A Storage view for one client (or the writing tab): writes reach the other documents.
  storage(doc, client) {
    const world = this;
    const changed = (key) => world.events.push({ from: doc, key });
    return {
      getItem: (k) => (world.data.has(k) ? world.data.get(k) : null),
      setItem(k, v) {
        if (world.quota) throw Object.assign(new Error("QuotaExceededError"), { name: "QuotaExceededError" });
        world.data.set(k, String(v));
        if (k === KEY) changed(k);
      },
      removeItem(k) {
        if (!world.data.has(k)) return;
        if (k === KEY && client) client.onRemove(world.data.get(k));
        world.data.delete(k);
        if (k === KEY) changed(k);
      },
      clear() {
        world.data.clear();
        changed(null);
      },
    };
  }
}

// The fake API. A login answers `{ token, user }` with a fresh token; a call answers as its
// step scripted (`how`), for every attempt.
function fetchFor(world, client, page) {
  return (url, init) => {
    const auth = init.headers.Authorization;
    if (auth !== undefined) client.onRequest(auth.replace(/^Token /, ""));
    // Every attempt of one call (GET retries) gets the same script: the call's `n`.
    const script = client.scripts.get(Number(new URL(url).searchParams.get("n")));
    return new Promise((resolve, reject) => {
      const answer = () => {
        if (client.page !== page) return; // that page was unloaded: nobody is there to answer
        if (init.signal.aborted) return reject(new DOMException("aborted", "AbortError"));
        if (script.how === "network") return reject(new TypeError("fetch failed"));
        resolve(response(script.answer(world)));
      };
      init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
      if (script.slow) world.parked.push({ answer, signal: init.signal });
      else queueMicrotask(answer);
    });
  };
}

const response = ({ status, body }) => ({ status, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) });

const loginAnswer = (user, script) => (world) => {
  script.issued = `tok-${world.nextToken++}`;
  return { status: 200, body: { result: 1, token: script.issued, user: { user_id: user, email: `${user}@example.test` } } };
};

const CALL_ANSWERS = {
  ok: () => ({ status: 200, body: { result: 1, meeting: { meeting_id: "m-1" } } }),
  unauthorized: () => ({ status: 401, body: { result: 1001, msg: "Token is not valid." } }),
  gateway401: () => ({ status: 401, body: "<html><body>401 Authorization Required</body></html>" }),
  tokenExpired: () => ({ status: 403, body: { result: 0, msg: "Token has expired." } }),
  subscriptionExpired: () => ({ status: 403, body: { result: 0, msg: "Subscription expired" } }),
  unavailable: () => ({ status: 503, body: { result: 0, msg: "Service Unavailable" } }),
  network: () => ({ status: 0, body: "" }),
};
const ENDS_SESSION = new Set(["unauthorized", "gateway401", "tokenExpired"]);

// ----- the clients and the model

const envelope = (token, user, expiresAt) =>
  JSON.stringify({ v: ENVELOPE_VERSION, token, user: { user_id: user, email: `${user}@example.test` }, expires_at: expiresAt });
const storedToken = (text) => {
  try {
    const v = JSON.parse(text);
    return v && v.v === ENVELOPE_VERSION && typeof v.token === "string" ? v.token : undefined;
  } catch {
    return undefined;
  }
};

class Client {
  constructor(world, name, doc) {
    Object.assign(this, { world, name, doc, scripts: new Map(), nextScript: 1, calls: [] });
    this.open();
  }

  // A new Host on this client's document: the page loaded (again).
  open() {
    const world = this.world;
    this.starting = true;
    this.ended = new Set(); // tokens whose session this host ended
    this.expiredSince = 0; // `expired` events since the last `signed_in`
    this.signedIn = 0;
    // The page unloads: its timers and calls are gone with it (nothing of the old page runs
    // again, and its requests are never answered).
    this.host?.detach();
    const page = (this.page = (this.page ?? 0) + 1);
    const live = (cb) => () => { if (this.page === page) cb(); };
    const platform = {
      fetch: fetchFor(world, this, page),
      now: () => world.now,
      setTimer: (cb, ms) => world.setTimer(live(cb), ms),
      clearTimer: (id) => world.timers.delete(id),
      setTimeout: (cb, ms) => world.setTimer(live(cb), ms),
      clearTimeout: (id) => world.timers.delete(id),
      random: () => 0.5,
      storage: (name) => {
        if (name !== "localStorage") return undefined;
        const s = world.storage(this.doc, this);
        try {
          s.setItem("__ucaas_probe__", "1");
          s.removeItem("__ucaas_probe__");
          return s;
        } catch {
          return undefined;
        }
      },
      events: world.docs.get(this.doc),
    };
    this.host = new Host(
      { baseUrl: "https://api.test/ucaas/v1", apiId: "demo-app", appType: "vc", timeoutMs: 60_000,
        storage: "local", tokenTtlSeconds: TTL_SECONDS, userShape: USER_SHAPE },
      platform,
    );
    const hooks = this.host.keeper.hooks;
    const ended = hooks.ended;
    hooks.ended = (token, event) => {
      this.ended.add(token);
      ended(token, event);
    };
    this.host.subscribe((event) => {
      if (event === "signed_in") {
        this.signedIn++;
        this.expiredSince = 0;
      } else if (event === "expired" && ++this.expiredSince > 1) {
        world.violations.push(`${this.name}: expired emitted twice for one session`);
      }
    });
    this.starting = false;
  }

  token() {
    return this.host.keeper.env?.token;
  }

  // Property 3, checked at the moment of the removal.
  onRemove(value) {
    if (this.starting) return; // start-up removes unreadable and expired envelopes
    const held = this.token();
    if (storedToken(value) === undefined || storedToken(value) !== held) {
      this.world.violations.push(`${this.name} removed ${value} holding ${held}`);
    }
  }

  // Property 5.
  onRequest(token) {
    if (this.ended.has(token)) this.world.violations.push(`${this.name} sent ${token} after its session ended`);
  }

  // A script for the next call: how the fake server answers each of its attempts.
  script(how, slow, answer) {
    const n = this.nextScript++;
    const script = { how, slow, answer };
    this.scripts.set(n, script);
    return [n, script];
  }

  login(user, how) {
    const [n, script] = this.script(how, how === "slow");
    script.answer = how === "fail" ? () => ({ status: 401, body: { result: 1001, msg: "Invalid credentials" } }) : loginAnswer(user, script);
    const body = JSON.stringify({ email: `${user}@example.test`, password: "x" });
    const promise = this.host.send("POST", `/login?n=${n}`, LOGIN, undefined, body, undefined, LOGIN_SHAPE, undefined, undefined, undefined);
    return this.settleLater(promise, script);
  }

  call(how, slow) {
    const [n, script] = this.script(how, slow, CALL_ANSWERS[how]);
    const flags = TOKEN | APP_TYPE;
    const promise = this.host.send("GET", `/meetings/m-1?n=${n}`, flags, undefined, undefined, undefined, MEETING_SHAPE, "meeting", undefined, undefined);
    return this.settleLater(promise, script);
  }

  settleLater(promise, script) {
    const record = { done: false, script, host: this.host };
    promise.then((v) => Object.assign(record, { done: true, value: v }), (e) => Object.assign(record, { done: true, error: e }));
    return record;
  }
}

// The model of one client: the token it should hold, and the latest login it started.
class Model {
  constructor(world, clients) {
    this.world = world;
    this.clients = clients;
    this.of = new Map(clients.map((c) => [c, { token: undefined, expiresAt: 0, latest: 0, web: true, signedIn: 0 }]));
    this.nextLogin = 1;
    // What the storage key should hold: a token, UNREADABLE, or undefined.
    this.stored = undefined;
  }

  // Whoever listens for storage events (a local client, in another document than `doc`).
  listeners(doc) {
    return this.clients.filter((c) => c.doc !== doc && this.of.get(c).web);
  }

  setSession(c, token, expiresAt) {
    const m = this.of.get(c);
    if (m.token !== token) m.signedIn++;
    Object.assign(m, { token, expiresAt });
  }

  // A write of `text` by `doc` reaches the other documents' clients.
  written(doc, text) {
    const token = storedToken(text);
    this.stored = token ?? UNREADABLE;
    if (token === undefined) return; // unreadable: ignored by every listener
    const expiresAt = JSON.parse(text).expires_at;
    if (this.world.now >= expiresAt - EXPIRY_SKEW_MS) return;
    for (const c of this.listeners(doc)) this.setSession(c, token, expiresAt);
  }

  removed(doc) {
    this.stored = undefined;
    for (const c of this.listeners(doc)) this.of.get(c).token = undefined;
  }

  // `c`'s session with `token` ends (logout, expiry, a server answer).
  end(c, token) {
    const m = this.of.get(c);
    if (m.token !== token || token === undefined) return;
    m.token = undefined;
    if (m.web && this.stored === token) this.removed(c.doc);
  }
}

// ----- the steps

const UNREADABLE = Symbol("unreadable");
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("login"), client: fc.nat(2), user: fc.constantFrom("ann", "bob"),
    how: fc.constantFrom("fast", "fast", "slow", "fail") }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("resolve"), index: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("logout"), client: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("call"), client: fc.nat(2), how: fc.constantFrom(...Object.keys(CALL_ANSWERS)),
    slow: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("clock"),
    ms: fc.constantFrom(1_000, 250_000, (TTL_SECONDS - 150) * 1000, (TTL_SECONDS - 60) * 1000, TTL_SECONDS * 1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("otherTab"), what: fc.constantFrom("envelope", "garbage", "version", "clear") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("quota"), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reload"), client: fc.nat(2) }) },
);

async function run(steps) {
  const world = new World();
  for (const doc of ["tab-a", "tab-b", "tab-c"]) world.docs.set(doc, new EventTarget());
  const clients = [new Client(world, "A1", "tab-a"), new Client(world, "A2", "tab-a"), new Client(world, "B1", "tab-b")];
  const model = new Model(world, clients);
  const logins = new Map(); // login record → { client, id, when }
  const writer = world.storage("tab-c");
  const log = [];
  for (const s of steps) {
    log.push(JSON.stringify(s));
    const c = clients[s.client ?? 0];
    const m = model.of.get(c);
    switch (s.kind) {
      case "login": {
        const id = model.nextLogin++;
        m.latest = id;
        logins.set(c.login(s.user, s.how), { c, id });
        break;
      }
      case "resolve": {
        if (world.parked.length === 0) break;
        const [p] = world.parked.splice(s.index % world.parked.length, 1);
        p.answer();
        break;
      }
      case "logout":
        m.latest = model.nextLogin++;
        model.end(c, m.token);
        c.host.logout();
        break;
      case "call": {
        // The client checks expiry before sending (the model's clock rule).
        if (m.token !== undefined && world.now >= m.expiresAt - EXPIRY_SKEW_MS) model.end(c, m.token);
        const token = m.token;
        const record = c.call(s.how, s.slow);
        if (token !== undefined) c.calls.push({ record, token, how: s.how });
        break;
      }
      case "clock":
        await world.advance(s.ms);
        break;
      case "otherTab": {
        const now = world.now;
        if (s.what === "clear") {
          writer.clear();
          model.removed("tab-c");
        } else if (!world.quota) {
          const text = s.what === "envelope" ? envelope(`ext-${world.nextToken++}`, "cat", now + TTL_SECONDS * 1000)
            : s.what === "version" ? JSON.stringify({ v: 2, token: "v2", expires_at: now + 1e6 }) : "{not json";
          writer.setItem(KEY, text);
          model.written("tab-c", text);
        }
        break;
      }
      case "quota":
        world.quota = s.on;
        break;
      case "reload": {
        const text = world.data.get(KEY);
        c.open();
        // A host restores without an event: the counts start again.
        Object.assign(m, { web: !world.quota, token: undefined, signedIn: 0, latest: model.nextLogin++ });
        if (m.web && text !== undefined) {
          const token = storedToken(text);
          const expiresAt = token === undefined ? 0 : JSON.parse(text).expires_at;
          if (token !== undefined && world.now < expiresAt - EXPIRY_SKEW_MS) Object.assign(m, { token, expiresAt });
          else model.removed(c.doc); // unreadable or expired: removed at start-up
        }
        break;
      }
    }
    await world.settle();
    // Apply what the world did during the step to the model, in the order it happened.
    applyAnswers(world, model, logins, clients);
    applyExpiry(world, model, clients);
    check(world, model, clients, log);
  }
}

// Logins and calls that settled during the step, and what they mean for the model.
function applyAnswers(world, model, logins, clients) {
  for (const [record, l] of logins) {
    if (!record.done) continue;
    logins.delete(record);
    if (record.host !== l.c.host) continue; // answered to a page that was reloaded since
    const m = model.of.get(l.c);
    if (record.error) {
      assert.ok(["unauthenticated", "aborted", "timeout"].includes(record.error.kind), `login failed with ${record.error.kind}`);
      continue;
    }
    assert.equal(l.id, m.latest, `${l.c.name}: a login that was not the latest set the session`);
    const token = record.script.issued;
    const expiresAt = world.now + TTL_SECONDS * 1000;
    if (m.web && world.quota) {
      // The write was refused: memory from now on, and this client's previous envelope goes.
      m.web = false;
      if (m.token !== undefined && model.stored === m.token) model.removed(l.c.doc);
      model.setSession(l.c, token, expiresAt);
    } else {
      model.setSession(l.c, token, expiresAt);
      if (m.web) model.written(l.c.doc, envelope(token, "x", expiresAt));
    }
  }
  for (const c of clients) {
    for (const call of c.calls.splice(0)) {
      if (!call.record.done) {
        c.calls.push(call);
        continue;
      }
      const e = call.record.error;
      if (call.record.host !== c.host) continue;
      // Only an answer ends a session (a timeout or an abort never does).
      if (e && ENDS_SESSION.has(call.how) && e.status !== undefined) model.end(c, call.token);
      // (That a 403 "Subscription expired" keeps the session is the model's: it does not end it.)
      if (e && call.how === "gateway401") assert.notEqual(e.kind, "decode", "a gateway's 401 page is unauthenticated");
    }
  }
}

function applyExpiry(world, model, clients) {
  for (const c of clients) {
    const m = model.of.get(c);
    if (m.token !== undefined && world.now >= m.expiresAt - EXPIRY_SKEW_MS) model.end(c, m.token);
  }
}

function check(world, model, clients, log) {
  const where = () => `after:\n  ${log.join("\n  ")}`;
  assert.deepEqual(world.violations, [], where());
  for (const c of clients) {
    const m = model.of.get(c);
    assert.equal(c.token(), m.token, `${c.name}'s session (properties 1, 2) ${where()}`);
    assert.equal(c.host.session() === undefined, m.token === undefined, `${c.name}: session() ${where()}`);
    assert.equal(c.host.mode, m.web ? "local" : "memory", `${c.name}: storageMode ${where()}`);
    assert.equal(c.signedIn, m.signedIn, `${c.name}: signed_in events (property 4) ${where()}`);
  }
  const text = world.data.get(KEY);
  const stored = text === undefined ? undefined : storedToken(text) ?? UNREADABLE;
  assert.equal(stored, model.stored, `the stored envelope (property 2) ${where()}`);
}

test("session rules hold on generated interleavings (model-based)", async () => {
  const seed = Number(process.env.UCAAS_MODEL_SEED ?? Date.now() % 2 ** 31);
  const numRuns = Number(process.env.UCAAS_MODEL_RUNS ?? 2000);
  console.log(`session model: seed ${seed}, ${numRuns} runs (UCAAS_MODEL_SEED=${seed} repeats this run)`);
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), run), { seed, numRuns, includeErrorInReport: true });
});
