// Host (js/runtime.js) and its session rules (js/session.js) on a scripted platform: one example
// per rule that timing makes hard to reach from a page. Virtual time: timers fire only when a
// test advances the clock, so "the abort ends the backoff at once" is a fact, not a race.
//
//   node --test tests/node/host.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { Host } from "../../js/runtime.js";
import { ENVELOPE_VERSION } from "../../js/session.js";

const TOKEN = 1, LOGIN = 4;
const USER_SHAPE = [["user_id", null, 0, 0], ["email", null, 0, 0]];
const LOGIN_SHAPE = [["token", null, 0, 1], ["user", null, 5, 0, USER_SHAPE]];
const MEETING_SHAPE = [["meeting", null, 5, 0, [["meeting_id", null, 0, 0]]]];
const KEY = "ucaas.session:app";

// A platform whose fetch answers from `answer(request)` (or never, for `hold`), whose timers run
// only on `advance`, and whose localStorage is a Map.
function platform({ answer, storage = new Map(), events } = {}) {
  const p = {
    time: 1_800_000_000_000,
    timers: new Map(),
    next: 1,
    requests: [],
    data: storage,
    quota: false,
    fetch(url, init) {
      const request = { url, init, headers: init.headers };
      p.requests.push(request);
      return new Promise((resolve, reject) => {
        init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        const a = answer(request);
        if (a === "hold") return;
        if (a instanceof Error) return reject(a);
        resolve({ status: a.status, text: async () => (typeof a.body === "string" ? a.body : JSON.stringify(a.body)) });
      });
    },
    now: () => p.time,
    setTimer(cb, ms) {
      const id = p.next++;
      p.timers.set(id, { due: p.time + ms, cb });
      return id;
    },
    clearTimer: (id) => p.timers.delete(id),
    random: () => 0.5,
    storage: (name) => (name === "localStorage" ? webStorage(p) : undefined),
    events,
    async advance(ms) {
      const target = p.time + ms;
      for (;;) {
        const due = [...p.timers].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
        if (!due) break;
        p.timers.delete(due[0]);
        p.time = due[1].due;
        due[1].cb();
        await settle();
      }
      p.time = target;
    },
  };
  p.setTimeout = p.setTimer;
  p.clearTimeout = p.clearTimer;
  return p;
}

function webStorage(p) {
  return {
    getItem: (k) => (p.data.has(k) ? p.data.get(k) : null),
    setItem(k, v) {
      if (p.quota && k !== "__ucaas_probe__") throw new DOMException("full", "QuotaExceededError");
      p.data.set(k, String(v));
    },
    removeItem: (k) => p.data.delete(k),
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function host(p, options = {}) {
  return new Host({ baseUrl: "https://api.test/v1", apiId: "app", appType: "vc", timeoutMs: 60_000, storage: "local",
    userShape: USER_SHAPE, ...options }, p);
}

const ok = (token = "t1", user = "ann") => ({ status: 200, body: { result: 1, token, user: { user_id: user } } });
const login = (h, options) => h.send("POST", "/login", LOGIN, undefined, "{}", undefined, LOGIN_SHAPE, undefined, options, undefined);
const getMeeting = (h, options) =>
  h.send("GET", "/meetings/m", TOKEN, undefined, undefined, undefined, MEETING_SHAPE, "meeting", options, undefined);
const outcome = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));

test("an abort during the GET retry backoff rejects at once, and no retry is sent", async () => {
  const p = platform({ answer: (r) => (r.url.endsWith("/login") ? ok() : { status: 503, body: { result: 0 } }) });
  const h = host(p);
  await login(h);
  const controller = new AbortController();
  const result = outcome(getMeeting(h, { signal: controller.signal }));
  await settle();
  assert.equal(p.requests.length, 2, "the first attempt was answered 503; the retry waits on the (virtual) clock");
  controller.abort();
  await settle();
  const { error } = await result; // would hang here if the backoff were not abortable
  assert.equal(error.kind, "aborted");
  await p.advance(10_000);
  assert.equal(p.requests.length, 2, "no retry after the abort");
});

test("logout stops GET retries in flight: no request carries the old token afterwards", async () => {
  const p = platform({ answer: (r) => (r.url.endsWith("/login") ? ok("old") : new TypeError("fetch failed")) });
  const h = host(p);
  await login(h);
  const result = outcome(getMeeting(h));
  await settle();
  h.logout();
  await p.advance(10_000);
  const { error } = await result;
  assert.equal(error.kind, "aborted");
  assert.equal(p.requests.filter((r) => r.headers.Authorization === "Token old").length, 1, "only the first attempt");
});

test("a new login stops GET retries of the session it replaced: neither token is sent again", async () => {
  let next = 0;
  const p = platform({ answer: (r) => (r.url.endsWith("/login") ? ok(`t${++next}`) : new TypeError("fetch failed")) });
  const h = host(p);
  await login(h);
  const result = outcome(getMeeting(h));
  await settle();
  await login(h);
  await p.advance(10_000);
  const { error } = await result;
  assert.equal(error.kind, "aborted");
  const gets = p.requests.filter((r) => r.url.endsWith("/meetings/m")).map((r) => r.headers.Authorization);
  assert.deepEqual(gets, ["Token t1"], "only the first attempt");
});

test("another tab's login stops GET retries of the session it replaced", async () => {
  const events = new EventTarget();
  const p = platform({ answer: (r) => (r.url.endsWith("/login") ? ok("mine") : new TypeError("fetch failed")), events });
  const h = host(p);
  await login(h);
  const result = outcome(getMeeting(h));
  await settle();
  p.data.set(KEY, JSON.stringify({ v: ENVELOPE_VERSION, token: "theirs", user: { user_id: "bo" }, expires_at: p.time + 900_000 }));
  events.dispatchEvent(Object.assign(new Event("storage"), { key: KEY }));
  await p.advance(10_000);
  const { error } = await result;
  assert.equal(error.kind, "aborted");
  assert.equal(p.requests.filter((r) => r.url.endsWith("/meetings/m")).length, 1, "only the first attempt");
  assert.equal(h.session().user.user_id, "bo");
});

test("a login answered after logout() is dropped: rejects aborted, nothing stored, no signed_in", async () => {
  let release;
  const p = platform({ answer: () => "hold" });
  const h = host(p);
  const events = [];
  h.subscribe((e) => events.push(e));
  const result = outcome(login(h));
  await settle();
  h.logout();
  release = await result;
  assert.equal(release.error.kind, "aborted");
  assert.equal(h.session(), undefined);
  assert.equal(p.data.get(KEY), undefined);
  assert.deepEqual(events, ["initial"]);
});

test("the latest-started login wins when an older one answers last", async () => {
  const answers = [];
  const p = platform({ answer: () => "hold" });
  p.fetch = (url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    answers.push((a) => resolve({ status: 200, text: async () => JSON.stringify(a.body) }));
  });
  const h = host(p);
  const first = outcome(login(h));
  const second = outcome(login(h));
  await settle();
  answers[1](ok("b-token", "bob"));
  answers[0](ok("a-token", "ann"));
  assert.equal((await second).value.user.user_id, "bob");
  assert.equal((await first).error.kind, "aborted");
  assert.equal(h.session().user.user_id, "bob");
  assert.equal(JSON.parse(p.data.get(KEY)).token, "b-token");
});

test("dispose() is not undone by the next login: no session timer is armed", async () => {
  const p = platform({ answer: () => ok() });
  const h = host(p);
  h.detach();
  await login(h);
  assert.equal(p.timers.size, 0, "no expiry timer after dispose");
});

test("an AbortSignal passed as the options argument is honoured", async () => {
  const p = platform({ answer: () => "hold" });
  const h = host(p);
  const controller = new AbortController();
  const result = outcome(login(h, controller.signal));
  await settle();
  controller.abort();
  assert.equal((await result).error.kind, "aborted");
});

test("tokenTtlSeconds at or below the expiry margin plus the expiring lead (180 s) is refused", () => {
  for (const bad of [60, 180, 0, -5, Infinity, "900"]) {
    assert.throws(() => host(platform(), { tokenTtlSeconds: bad }), (e) => e.kind === "validation" && e.field === "tokenTtlSeconds", String(bad));
  }
  assert.doesNotThrow(() => host(platform(), { tokenTtlSeconds: 181 }));
});

test("a storage event with an unreadable value is ignored, not removed; removal happens only at start-up", async () => {
  const events = new EventTarget();
  const p = platform({ answer: () => ok(), events });
  const h = host(p);
  await login(h);
  const seen = [];
  h.subscribe((e) => seen.push(e));
  for (const other of ["{not json", JSON.stringify({ v: ENVELOPE_VERSION + 1, token: "x", expires_at: 1 })]) {
    p.data.set(KEY, other);
    events.dispatchEvent(Object.assign(new Event("storage"), { key: KEY }));
    await settle();
    assert.equal(p.data.get(KEY), other, "another version's value stays");
    assert.equal(h.session().user.user_id, "ann", "and the session too");
  }
  assert.deepEqual(seen, ["initial"]);
  host(p); // a new page: now it goes
  assert.equal(p.data.get(KEY), undefined);
});

test("a quota error on the login's write: memory from then on, the previous envelope removed", async () => {
  let n = 0;
  const p = platform({ answer: () => ok(`t${++n}`, n === 1 ? "ann" : "bob") });
  const h = host(p);
  await login(h);
  assert.equal(JSON.parse(p.data.get(KEY)).token, "t1");
  p.quota = true;
  const session = await login(h);
  assert.equal(session.user.user_id, "bob");
  assert.equal(h.mode, "memory");
  assert.equal(p.data.get(KEY), undefined, "ann's envelope must not be what a reload restores");
  p.quota = false;
  assert.equal(host(p).session(), undefined, "a reload restores nobody");
});

test("session() hands out a copy", async () => {
  const h = host(platform({ answer: () => ok() }));
  await login(h);
  h.session().user.user_id = "mallory";
  assert.equal(h.session().user.user_id, "ann");
});

test("a network error's message never echoes URL userinfo", async () => {
  const p = platform({ answer: () => new TypeError("fetch failed for https://id:secret@api.test/v1/login") });
  const { error } = await outcome(login(host(p)));
  assert.equal(error.kind, "network");
  assert.ok(!error.message.includes("secret"), error.message);
});

test("a 403 that is not the token-expiry answer keeps the session", async () => {
  const p = platform({
    answer: (r) => (r.url.endsWith("/login") ? ok() : { status: 403, body: { result: 0, msg: "Subscription expired" } }),
  });
  const h = host(p);
  await login(h);
  const { error } = await outcome(getMeeting(h));
  assert.equal(error.kind, "forbidden");
  assert.ok(h.session(), "the session stays");
});

test("baseUrl: an http(s) URL, normalised; userinfo, query, fragment and the rest refused without echoing it", () => {
  for (const [raw, want] of [
    ["https://api.enablex.io/ucaas/v1", "https://api.enablex.io/ucaas/v1"],
    ["  https://api.enablex.io/ucaas/v1/  ", "https://api.enablex.io/ucaas/v1"],
    ["http://127.0.0.1:8787/ucaas/v1///", "http://127.0.0.1:8787/ucaas/v1"],
    ["HTTPS://Api.Test", "https://Api.Test"],
    ["http://[::1]:9000/ucaas/v1", "http://[::1]:9000/ucaas/v1"],
    ["https://a.test/path@v1", "https://a.test/path@v1"],
  ]) {
    assert.equal(host(platform(), { baseUrl: raw }).baseUrl, want, raw);
  }
  for (const bad of [
    undefined, 42, "", "   ", "api.enablex.io/ucaas/v1", "ftp://a.test", "https:/a.test", "//a.test", "https://",
    "https:///ucaas/v1", "https://:8080/x", "https://a.test:80a/x", "https://[::1/x",
    "https://user:SECRETKEY@a.test/ucaas/v1", "https://SECRETKEY@a.test", "https://a.test/ucaas/v1?key=SECRETKEY",
    "https://a.test/ucaas/v1#SECRETKEY", "https://a.test/ucaas v1/SECRETKEY", "https://a.test/\tSECRETKEY",
    "https://a.test/\u0000SECRETKEY", "https://a.test\\@SECRETKEY", "https://a.test/\u0085SECRETKEY",
  ]) {
    assert.throws(() => host(platform(), { baseUrl: bad }), (e) => {
      assert.equal(e.kind, "validation", String(bad));
      assert.equal(e.field, "baseUrl");
      assert.ok(!e.message.includes("SECRETKEY") && !e.message.includes("a.test"), e.message);
      return true;
    }, String(bad));
  }
});

test("the storage key is the prefix and the trimmed API id", async () => {
  const p = platform({ answer: () => ok() });
  const h = host(p, { apiId: "  app  " });
  assert.equal(h.apiId, "app");
  await login(h);
  assert.ok(p.data.has(KEY), [...p.data.keys()].join());
});
