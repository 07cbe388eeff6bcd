// The parts of ucaas-client that are JavaScript by nature: `Host`, which
// does a client's I/O — fetch with timeouts, aborts and retries; the session in web storage, its
// expiry timer, its listeners and the cross-tab `storage` event. wasm-bindgen copies this file
// into the package (pkg/snippets/...). The error class is js/error.js's, shared by every build.
//
// What to send and what is valid stays in Rust (src/api/, src/wasm/client.rs): every request
// reaches `Host.send` already validated and built, with the shape table its answer is decoded
// by. Rust hands over plain values and gets back a Promise, so the wasm carries no async
// runtime and no closures (the decision and its measurements: docs/decisions.md, "Transport").
// The session rules are js/session.js's, and only there.

import { UcaasError } from "./error.js";
import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, MIN_TTL_SECONDS, SessionKeeper, Store } from "./session.js";

// Bits of `send`'s `flags`; src/wasm/client.rs writes them (TOKEN_FLAG, APP_TYPE_FLAG, LOGIN_FLAG).
const TOKEN = 1, APP_TYPE = 2, LOGIN = 4;
// GETs are tried at most this many times in all (two retries); the first retry waits about
// BACKOFF_MS, doubled each time, with ±50 % jitter.
const MAX_ATTEMPTS = 3, BACKOFF_MS = 200;
const PROBE_KEY = "__ucaas_probe__";

const invalid = (field, message) => new UcaasError("validation", message, 1002, undefined, undefined, field);
const aborted = (message = "The call was aborted") => new UcaasError("aborted", message);
const signedOut = () => new UcaasError("unauthenticated", "Not signed in: call login() first");
const expired = () => new UcaasError("expired", "The session has expired: sign in again");
const decodeError = (status, message) => new UcaasError("decode", message, undefined, status);
// Why a call in flight stopped although its caller did not abort it.
const superseded = () => aborted("A later login or logout replaced this login");
const endedBy = (event) => (event === "expired" ? expired : () => aborted("Signed out while the call was in flight"));

// The platform a Host runs on: the global scope (a page, a Web Worker, Node, workerd), never
// `window`. Tests hand in their own (tests/node/session-model.test.mjs).
export const globalPlatform = {
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  // The session timer never keeps Node's event loop alive on its own (a signed-in client would
  // otherwise hold a process open for the token's 15 minutes).
  setTimer(callback, ms) {
    const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2147483647));
    if (handle && typeof handle.unref === "function") handle.unref();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle),
  // A plain (ref'd) timeout: a retry in progress must keep Node alive until the call settles.
  setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle),
  random: () => Math.random(),
  // The global storage `name` if it exists and takes a test write; reading the property itself
  // throws where storage is blocked (and there is none in Node, workers and workerd).
  storage(name) {
    try {
      const storage = globalThis[name];
      if (storage === null || typeof storage !== "object") return undefined;
      storage.setItem(PROBE_KEY, "1");
      storage.removeItem(PROBE_KEY);
      return storage;
    } catch {
      return undefined;
    }
  },
  events: typeof globalThis.addEventListener === "function" ? globalThis : undefined,
};

// Calls a listener without letting its exception break the client.
function callListener(listener, event, session) {
  try {
    listener(event, session);
  } catch (e) {
    queueMicrotask(() => { throw e; });
  }
}

// `{ signal?, timeoutMs? }`, the optional last argument of every call; an AbortSignal alone is
// taken as `{ signal }`.
// A positive number of milliseconds, or the error naming `field`.
function positiveMs(v, field) {
  if (typeof v === "number" && v > 0 && Number.isFinite(v)) return v;
  throw invalid(field, `${field} must be a positive number of milliseconds.`);
}

export function callOptions(o) {
  if (o == null) return {};
  if (typeof AbortSignal !== "undefined" && o instanceof AbortSignal) return { signal: o };
  if (typeof o !== "object") throw invalid("options", "The options argument must be an object.");
  const { signal, timeoutMs } = o;
  if (signal != null && !(typeof AbortSignal !== "undefined" && signal instanceof AbortSignal)) {
    throw invalid("signal", "signal must be an AbortSignal.");
  }
  return { signal: signal ?? undefined, timeoutMs: timeoutMs == null ? undefined : positiveMs(timeoutMs, "timeoutMs") };
}

const retryable = (e) => e.kind === "network" || (e.status >= 502 && e.status <= 504);

// The documented token-expiry text ("403 Token has expired." in the overview's status table).
// ASCII-only lower-casing, as src/api/mod.rs `is_token_expired_text` does (the agreement test holds
// the two together; Unicode lower-casing would turn the Kelvin sign into "k").
const isTokenExpiredText = (t) => t !== undefined && t.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\.$/, "") === "token has expired";

// What an answer's status and head mean: nothing (success) or the error. The rules are in
// docs/conventions.md ("Client error kinds"); `check_answer` in src/api/mod.rs is the same
// rule for native callers, and the in-browser test `answer_rules_agree` holds the two together.
export function checkAnswer(status, json) {
  const ok = status >= 200 && status < 300;
  const result = asInt(json.result);
  if (ok && result === 1) return undefined;
  if (ok && result === undefined) return decodeError(status, "The answer has no result code");
  const code = result !== undefined && result >= 0 && result <= 4294967295 ? result : undefined;
  const msg = json.msg == null ? undefined : asText(json.msg);
  const desc = json.desc == null ? undefined : asText(json.desc);
  let kind;
  if (code === 1001 || status === 401) kind = "unauthenticated";
  else if (status === 403 && (code === 403 || isTokenExpiredText(msg) || isTokenExpiredText(desc))) kind = "expired";
  else if (status === 403) kind = "forbidden";
  else if (status === 404) kind = "not_found";
  else if (status === 406) kind = "validation";
  else if (code === undefined && !ok) kind = "http";
  else kind = "api";
  const fallback = code === undefined ? `HTTP ${status}` : `The API answered result ${code} (HTTP ${status})`;
  return new UcaasError(kind, msg ?? desc ?? fallback, code, status, desc);
}

// Parses and checks an answer body; returns the JSON object or throws the UcaasError.
function readAnswer(status, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    // A gateway's own 401 page (not the API's JSON) still says the token was refused.
    if (status === 401) throw new UcaasError("unauthenticated", "HTTP 401 (the answer is not the API's JSON)", undefined, 401);
    // Retried first if the status is 502/503/504 (see `retryable`), whatever the body.
    throw decodeError(status, `The answer (HTTP ${status}) is not JSON`);
  }
  if (!isObject(json)) throw decodeError(status, `The answer (HTTP ${status}) is not a JSON object`);
  const error = checkAnswer(status, json);
  if (error) throw error;
  return json;
}

// One multipart body from Rust's `Form` ({ fields: [[k, v]], files: [[name, list, index, key]] }),
// each file part's Blob taken from the caller's input.
function formData(form, input) {
  const data = new FormData();
  for (const [k, v] of form.fields) data.append(k, v);
  for (const [name, list, index, key] of form.files) {
    const blob = input?.[list]?.[index]?.[key];
    if (!(typeof Blob !== "undefined" && blob instanceof Blob)) throw invalid(list, `${name} must be a Blob or File.`);
    data.append(name, blob);
  }
  return data;
}

// A fetch error's text without any URL userinfo (`//user:key@`), which must never be echoed.
const scrub = (message) => String(message).replace(/\/\/[^/\s@]*@/g, "//");

// `baseUrl`: an http(s) URL (the platform's WHATWG parser judges the rest) without userinfo, a
// query or a fragment: a key in it would travel in every request and be echoed by error texts.
// Trailing slashes go. No message repeats the URL.
function baseUrlOption(raw) {
  const fail = () => invalid("baseUrl",
    "baseUrl must be an http(s) URL with a host, e.g. https://api.enablex.io/ucaas/v1, and without a user name, password, query, fragment, whitespace or backslash.");
  const text = typeof raw === "string" ? raw.trim() : "";
  // The WHATWG parser reads "https:///x" as host "x" and drops tabs: the text is checked first.
  if (!/^https?:\/\/[^/:@]/i.test(text) || /[\s\0-\x1f\x7f-\x9f?#\\]|^[a-z]+:\/\/[^/]*@/i.test(text)) throw fail();
  try {
    if (new URL(text).hostname === "") throw fail();
  } catch {
    throw fail();
  }
  return text.replace(/^https?:/i, (scheme) => scheme.toLowerCase()).replace(/\/+$/, "");
}

// The session options `new UcaasClient` passes on unchecked (the rules that judge them are here
// and in js/session.js): where the session is kept, and the token's life.
function sessionOptions(o, apiId) {
  const mode = o.storage ?? "session";
  if (!["session", "local", "memory"].includes(mode)) {
    throw invalid("storage", 'storage must be "session", "local" or "memory".');
  }
  const prefix = o.storageKey ?? "ucaas.session";
  if (typeof prefix !== "string") throw invalid("storageKey", "storageKey must be a string.");
  const ttl = o.tokenTtlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!(typeof ttl === "number" && Number.isFinite(ttl) && ttl > MIN_TTL_SECONDS)) {
    // Above the expiry margin plus the expiring lead (js/session.js), or no session is ever fresh.
    throw invalid("tokenTtlSeconds", `tokenTtlSeconds must be a number above ${MIN_TTL_SECONDS}.`);
  }
  return { mode, key: `${prefix}:${apiId}`, ttl: Math.min(ttl, MAX_TTL_SECONDS) };
}

// A client's I/O and session. Made by `new UcaasClient(…)` (src/wasm/client/mod.rs) with the
// caller's options (checked here: baseUrl, apiId, timeoutMs, storage, storageKey,
// tokenTtlSeconds), `appType` as Rust checked it, and `userShape`, the table a stored user is
// read by.
export class Host {
  constructor(o, platform = globalPlatform) {
    const apiId = typeof o.apiId === "string" ? o.apiId.trim() : "";
    if (apiId === "") throw invalid("apiId", "apiId (your application's X-Api-Id) is required.");
    const { mode, key, ttl } = sessionOptions(o, apiId);
    const timeoutMs = o.timeoutMs == null ? 15_000 : positiveMs(o.timeoutMs, "timeoutMs");
    Object.assign(this, { baseUrl: baseUrlOption(o.baseUrl), apiId, appType: o.appType, timeoutMs, platform });
    const web = mode === "memory" ? undefined : platform.storage(mode === "local" ? "localStorage" : "sessionStorage");
    const decodeUser = (user) => decodeShape(user, o.userShape).ok;
    this.keeper = new SessionKeeper(new Store(web, key, mode), ttl, decodeUser, platform, {
      emit: (event) => this.emit(event),
      ended: (token, event) => this.haltRetries((call) => call.token === token, endedBy(event)),
    });
    this.listeners = new Map();
    this.nextListener = 0;
    // Calls in flight: { signal, controller, token, login, error, halted, wake }. `signal` aborts
    // the call: the caller's, or for a login its own `controller`'s, which a newer login or a
    // logout aborts too (`error` then makes the rejection). `halted` makes the error of a call
    // that may not try again because its session ended, and `wake` ends its backoff.
    this.calls = new Set();
    this.keeper.restore();
    if (this.keeper.store.mode === "local" && platform.events) {
      // A null key means the other tab cleared the whole storage.
      this.onStorage = (e) => { if (e.key === null || e.key === key) this.keeper.onStorage(); };
      platform.events.addEventListener("storage", this.onStorage);
    }
  }

  /** The storage in use: the one asked for, or "memory" when it was unusable or refused a write. */
  get mode() {
    return this.keeper.store.mode;
  }

  session() {
    return this.keeper.session();
  }

  logout() {
    // Logins in flight are stale now (aborted); calls with the session's token make no further
    // attempt (the keeper's `ended`).
    this.stopCalls((call) => call.login, superseded);
    this.keeper.logout();
  }

  // Adds a listener and sends it `initial` on the next microtask (after the caller's current
  // code, before timers), unless it unsubscribed in between. Returns the unsubscribe function.
  subscribe(listener) {
    const id = this.nextListener++;
    this.listeners.set(id, listener);
    queueMicrotask(() => { if (this.listeners.has(id)) callListener(listener, "initial", this.session()); });
    return () => { this.listeners.delete(id); };
  }

  emit(event) {
    const session = this.session();
    // Listeners may unsubscribe while being called: iterate over a copy.
    for (const listener of [...this.listeners.values()]) callListener(listener, event, session);
  }

  // Stops the session timer and the cross-tab listener for good (`client.dispose()`, `free()`).
  detach() {
    this.keeper.dispose();
    if (this.onStorage) this.platform.events.removeEventListener("storage", this.onStorage);
    this.onStorage = undefined;
  }

  // Aborts the calls in flight that `which` picks; each rejects with a new `error()`.
  stopCalls(which, error) {
    for (const call of [...this.calls]) {
      if (!which(call) || !call.controller || call.controller.signal.aborted) continue;
      call.error = error;
      call.controller.abort();
    }
  }

  // No further attempt for the calls `which` picks (their session ended): one waiting to retry
  // rejects at once with `error()`; an attempt already sent is answered as the server answers it,
  // since aborting it would not undo a change the server may have made.
  haltRetries(which, error) {
    for (const call of this.calls) {
      if (!which(call) || call.halted) continue;
      call.halted = error;
      call.wake?.();
    }
  }

  // The token for a call now, or the error why there is none. Expiry is checked here, before
  // any request.
  token() {
    const token = this.keeper.token();
    if (token === undefined) throw this.keeper.lapsed ? expired() : signedOut();
    return token;
  }

  // ----- calls

  // Sends one request Rust built and decodes its answer by `shape`, returning the part `pick`
  // names (or the whole answer). `headers` is the JSON of extra [name, value] pairs; `body` is
  // JSON text; `form` is the JSON of a multipart body whose files come from `files`. GETs are
  // tried up to MAX_ATTEMPTS times, after a network error or 502/503/504, with backoff.
  async send(method, path, flags, headers, body, form, shape, pick, options, files) {
    const o = callOptions(options);
    const token = flags & TOKEN ? this.token() : undefined;
    const init = { method, headers: this.headers(flags, headers, body, token) };
    if (body !== undefined) init.body = body;
    else if (form !== undefined) init.body = formData(JSON.parse(form), files);
    if (o.signal?.aborted) throw aborted();
    const login = (flags & LOGIN) !== 0;
    if (login) this.stopCalls((call) => call.login, superseded);
    const ticket = login ? this.keeper.beginLogin() : undefined;
    // Only a login has a controller of its own (others are never aborted by the client): no
    // extra AbortController and listener on every call.
    const controller = login ? new AbortController() : undefined;
    const onAbort = () => controller.abort();
    const call = { signal: controller?.signal ?? o.signal, controller, token, login, error: aborted, halted: undefined, wake: undefined };
    if (controller) o.signal?.addEventListener("abort", onAbort);
    this.calls.add(call);
    try {
      // The attempts, inline: every async layer costs every call its own promise hops.
      const url = this.baseUrl + path, timeoutMs = o.timeoutMs ?? this.timeoutMs;
      const attempts = method === "GET" ? MAX_ATTEMPTS : 1;
      let answer;
      for (let attempt = 1; !answer; attempt++) {
        try {
          answer = await this.attempt(url, init, call, timeoutMs);
        } catch (e) {
          if (attempt < attempts && retryable(e)) {
            await this.backoff(BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + this.platform.random()), call);
            continue;
          }
          const endsSession = (e.kind === "unauthenticated" || e.kind === "expired") && e.status !== undefined;
          if (token !== undefined && endsSession) this.keeper.end("expired", token);
          throw e;
        }
      }
      const decoded = decodeShape(answer.json, shape);
      if ("error" in decoded) {
        throw decodeError(answer.status, `The answer is not the documented shape: ${decoded.error}`);
      }
      if (!login) return pick === undefined ? decoded.ok : decoded.ok[pick];
      const session = this.keeper.finishLogin(ticket, decoded.ok.token, decoded.ok.user);
      if (session === undefined) throw superseded();
      return session;
    } finally {
      this.calls.delete(call);
      if (controller) o.signal?.removeEventListener("abort", onAbort);
    }
  }

  // Waits `ms` before a retry; an abort, or the end of the call's session, ends the wait at once.
  backoff(ms, call) {
    const signal = call.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(call.error());
      if (call.halted) return reject(call.halted());
      const done = () => {
        this.platform.clearTimeout(handle);
        signal?.removeEventListener("abort", onAbort);
        call.wake = undefined;
      };
      const onAbort = () => { done(); reject(call.error()); };
      const handle = this.platform.setTimeout(() => { done(); resolve(); }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      call.wake = () => { done(); reject(call.halted()); };
    });
  }

  // One fetch with its own timeout; the call's signal aborts it too. Resolves to
  // { status, json } of a successful answer; rejects with the UcaasError otherwise. `read` turns
  // the status and body into the JSON or the error (another API's host has its own).
  async attempt(url, init, call, timeoutMs, read = readAnswer) {
    const signal = call.signal;
    if (signal?.aborted) throw call.error();
    if (call.halted) throw call.halted();
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.platform.setTimer(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener("abort", onAbort);
    try {
      let response, text;
      try {
        init.signal = controller.signal;
        response = await this.platform.fetch(url, init);
        text = await response.text();
      } catch (e) {
        if (signal?.aborted) throw call.error();
        if (timedOut) throw new UcaasError("timeout", `No answer within ${Math.trunc(timeoutMs)} ms`);
        throw new UcaasError("network", `The request failed: ${scrub(e instanceof Error ? e.message : "")}`);
      }
      return { status: response.status, json: read(response.status, text) };
    } finally {
      this.platform.clearTimer(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  // Every item (page[key]) of every page of a list route, fetching a page only when the
  // consumer asks for more. `query` is the encoded query after page and page_length; `error`
  // is the query's validation error, thrown on the first step. A page shorter than the page
  // length the server says it applied (`search.page_length`, else the one asked for) is the
  // last; a page equal to the one before means the server ignores `page`, which is an error
  // rather than a loop.
  async *pages(error, path, query, first, length, key, flags, shape, options) {
    if (error) throw error;
    let previous;
    for (let page = first; ; page++) {
      const url = `${path}?page=${page}&page_length=${length}${query ? "&" + query : ""}`;
      const list = await this.send("GET", url, flags, undefined, undefined, undefined, shape, undefined, options);
      const items = Array.isArray(list[key]) ? list[key] : [];
      if (items.length === 0) return;
      const text = JSON.stringify(items);
      if (text === previous) {
        throw decodeError(200, `Page ${page} repeats page ${page - 1}: the server ignores the page parameter`);
      }
      previous = text;
      yield* items;
      const applied = list.search?.page_length;
      if (items.length < (Number.isInteger(applied) && applied > 0 ? applied : length)) return;
    }
  }

  // The headers of a request, as a plain object (cheaper for fetch than a Headers). A value a
  // header cannot carry (a line break, a character above U+00FF) is a validation error here, not
  // a network error from fetch.
  headers(flags, extra, body, token) {
    const headers = { "X-Api-Id": this.apiId };
    if (token !== undefined) headers.Authorization = `Token ${token}`;
    if (flags & APP_TYPE) headers["X-App-Type"] = this.appType;
    for (const [k, v] of extra === undefined ? [] : JSON.parse(extra)) headers[k] = v;
    // No Content-Type for a form: the browser writes it with the multipart boundary.
    if (body !== undefined) headers["Content-Type"] = "application/json";
    for (const k in headers) {
      if (/[\0\r\n\u0100-\uffff]/.test(headers[k])) throw invalid("headers", `${k} has a value a header cannot carry.`);
    }
    return headers;
  }
}

// ---------------------------------------------------------------------------------------------
// Answer decoding by shape tables (see src/shape.rs, which owns the tables and the rules).
//
// The Rust walker in src/shape.rs is the reference (native tests prove it agrees with the serde
// types on every documented example). This is the same walk in JavaScript, because walking a
// 1,000-meeting answer through wasm costs one boundary crossing per field; the in-browser test
// `shape_walkers_agree` runs both over generated answers of every shape and compares them.
// A shape is an array of fields [key, alias, kind, presence, a, b, c] made by src/wasm/shapes.rs.

// Kind codes, in the order of `enum Kind` in src/shape.rs.
const TEXT = 0, COUNT = 1, INT = 2, NUMBER = 3, FLAG = 4, OBJECT = 5, LIST = 6, TEXTS = 7, ENTRIES = 8, PAIRS = 9, INTS = 10;
const REQUIRED = 1, ALWAYS = 2; // Presence codes; 0 is optional.
const MAX_EXACT = 9e15; // whole numbers beyond this are not read (as in src/loose.rs)

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// Rust's `str::trim` (Unicode White_Space), which src/loose.rs applies: not
// String.prototype.trim, which also strips U+FEFF and keeps U+0085. A loop, not a regex, so
// that a long run of inner spaces costs no backtracking.
const SPACE = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
function trim(s) {
  let a = 0, b = s.length;
  while (a < b && SPACE.test(s[a])) a++;
  while (b > a && SPACE.test(s[b - 1])) b--;
  return s.slice(a, b);
}

function asInt(v) {
  // + 0 turns -0 into 0, as Rust reads it (src/loose.rs `as_int` makes an i64).
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < MAX_EXACT ? v + 0 : undefined;
  if (typeof v !== "string") return undefined;
  const t = trim(v);
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Math.abs(n) < MAX_EXACT ? n + 0 : undefined; // + 0 turns -0 into 0
}

function asBool(v) {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== "string") return undefined;
  if (v === "1" || /^true$/i.test(v)) return true;
  if (v === "0" || /^false$/i.test(v)) return false;
  return undefined;
}

function asText(v) {
  if (typeof v === "string") return trim(v);
  if (typeof v === "boolean") return String(v);
  const n = typeof v === "number" ? asInt(v) : undefined;
  return n === undefined ? undefined : String(n);
}

function empty(kind) {
  return kind === LIST || kind === TEXTS || kind === ENTRIES || kind === PAIRS || kind === INTS ? [] : {};
}

function decodeObject(v, shape, keyName, key) {
  if (!isObject(v)) throw "expected an object";
  const out = {};
  if (keyName !== undefined) out[keyName] = key;
  for (const f of shape) {
    // Own keys only, as JSON has them: an inherited `constructor` or `toString` is absent (and
    // its alias then read), as in the Rust walker.
    let raw = Object.hasOwn(v, f[0]) ? v[f[0]] : undefined;
    if (raw == null && f[1] !== null && Object.hasOwn(v, f[1])) raw = v[f[1]];
    let value;
    if (raw != null) {
      try {
        value = decodeField(raw, f[2], f[4], f[5], f[6]);
      } catch (e) {
        throw `${f[0]}: ${e}`;
      }
    }
    if (value === undefined) {
      if (f[3] === REQUIRED) throw `${f[0]}: missing`;
      if (f[3] !== ALWAYS) continue;
      value = empty(f[2]);
    }
    out[f[0]] = value;
  }
  return out;
}

function decodeField(raw, kind, a, b, c) {
  switch (kind) {
    case TEXT: return asText(raw);
    case COUNT: { const n = asInt(raw); return n !== undefined && n >= 0 && n <= 4294967295 ? n : undefined; }
    case INT: return asInt(raw);
    case NUMBER: return typeof raw === "number" ? (Number.isFinite(raw) ? raw : undefined) : asInt(raw);
    case FLAG: return asBool(raw);
    // A nested value of the wrong type is absent, as a scalar is (src/shape.rs `field`): a PHP
    // server's `[]` for an empty map, `""` for a missing object. Items that are not objects are
    // skipped; what an object holds is decoded strictly by its shape.
    case OBJECT: return isObject(raw) ? decodeObject(raw, a) : undefined;
    case LIST:
      if (!Array.isArray(raw)) return undefined;
      return raw.filter(isObject).map((item) => decodeObject(item, a));
    case TEXTS:
      if (Array.isArray(raw)) return raw.filter((s) => typeof s === "string");
      return typeof raw === "string" ? [raw] : undefined;
    case INTS: {
      if (!Array.isArray(raw)) return asInt(raw) === undefined ? undefined : [asInt(raw)];
      return raw.map(asInt).filter((n) => n !== undefined);
    }
    case ENTRIES:
      if (!isObject(raw)) return undefined;
      return Object.keys(raw).filter((k) => isObject(raw[k])).map((k) => {
        try {
          return decodeObject(raw[k], b, a, k);
        } catch (e) {
          throw `${k}: ${e}`;
        }
      });
    case PAIRS: {
      if (!isObject(raw)) return undefined;
      const out = [];
      for (const k of Object.keys(raw)) {
        // c is the value's kind as [kind, a, b, c].
        const value = raw[k] == null ? undefined : decodeField(raw[k], c[0], c[1], c[2], c[3]);
        if (value !== undefined) out.push({ [a]: k, [b]: value });
      }
      return out;
    }
  }
  throw `unknown shape kind ${kind}`;
}

// Decodes an answer by a shape; a string error names the path of the field that failed.
export function decodeShape(value, shape) {
  try {
    return { ok: decodeObject(value, shape) };
  } catch (e) {
    return { error: typeof e === "string" ? e : String(e) };
  }
}
