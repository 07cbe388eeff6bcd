// The parts of ucaas-client that are JavaScript by nature: the error class, and `Host`, which
// does a client's I/O — fetch with timeouts, aborts and retries; the session in web storage, its
// expiry timer, its listeners and the cross-tab `storage` event. wasm-bindgen copies this file
// into the package (pkg/snippets/...); the package's entry files re-export UcaasError from it.
//
// What to send and what is valid stays in Rust (src/api/, src/wasm/client.rs): every request
// reaches `Host.send` already validated and built, with the shape table its answer is decoded
// by. Rust hands over plain values and gets back a Promise, so the wasm carries no async
// runtime and no closures (the decision and its measurements: docs/decisions.md, "Transport").

/** The one error type every method of UcaasClient throws (or rejects with). */
export class UcaasError extends Error {
  constructor(kind, message, code, status, desc, field) {
    super(message);
    this.name = "UcaasError";
    this.kind = kind;
    this.code = code;
    this.status = status;
    this.desc = desc;
    this.field = field;
  }
}

export function makeError(kind, message, code, status, desc, field) {
  return new UcaasError(kind, message, code, status, desc, field);
}

// Bits of `send`'s `flags`; src/wasm/client.rs `Flags` writes them.
const TOKEN = 1, APP_TYPE = 2, LOGIN = 4;
// GETs are tried at most this many times in all (two retries); the first retry waits about
// BACKOFF_MS, doubled each time, with ±50 % jitter.
const MAX_ATTEMPTS = 3, BACKOFF_MS = 200;
const PROBE_KEY = "__ucaas_probe__";

const invalid = (field, message) => new UcaasError("validation", message, 1002, undefined, undefined, field);
const aborted = () => new UcaasError("aborted", "The call was aborted");
const signedOut = () => new UcaasError("unauthenticated", "Not signed in: call login() first");
const expired = () => new UcaasError("expired", "The session has expired: sign in again");
const decodeError = (status, message) => new UcaasError("decode", message, undefined, status);

// A timer that never keeps Node's event loop alive on its own (a signed-in client would
// otherwise hold a process open for the token's 15 minutes).
function setTimer(callback, ms) {
  const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2147483647));
  if (handle && typeof handle.unref === "function") handle.unref();
  return handle;
}

// A plain (ref'd) timeout: a retry in progress must keep Node alive until the call settles.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// Calls a listener without letting its exception break the client.
function callListener(listener, event, session) {
  try {
    listener(event, session);
  } catch (e) {
    queueMicrotask(() => { throw e; });
  }
}

// The global storage `name` if it exists and takes a test write; reading the property itself
// throws where storage is blocked (and there is none in Node, workers and workerd).
function usableStorage(name) {
  try {
    const storage = globalThis[name];
    if (storage === null || typeof storage !== "object") return undefined;
    storage.setItem(PROBE_KEY, "1");
    storage.removeItem(PROBE_KEY);
    return storage;
  } catch {
    return undefined;
  }
}

// `{ signal?, timeoutMs? }`, the optional last argument of every call.
function callOptions(o) {
  if (o == null) return {};
  if (typeof o !== "object") throw invalid("options", "The options argument must be an object.");
  const { signal, timeoutMs } = o;
  if (signal != null && !(typeof AbortSignal !== "undefined" && signal instanceof AbortSignal)) {
    throw invalid("signal", "signal must be an AbortSignal.");
  }
  if (timeoutMs != null && !(typeof timeoutMs === "number" && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw invalid("timeoutMs", "timeoutMs must be a positive number of milliseconds.");
  }
  return { signal: signal ?? undefined, timeoutMs: timeoutMs ?? undefined };
}

const retryable = (e) => e.kind === "network" || (e.status >= 502 && e.status <= 504);

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
  const expiredText = [msg, desc].some((t) => t !== undefined && t.toLowerCase().includes("expired"));
  let kind;
  if (code === 1001 || status === 401) kind = "unauthenticated";
  else if (status === 403 && (code === 403 || expiredText)) kind = "expired";
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

// A client's I/O and session. Made by `new UcaasClient(…)` (src/wasm/client.rs) with options
// Rust has already checked, and `rules`: the stored envelope's version, shape table and clock
// (src/session.rs owns them).
export class Host {
  constructor(baseUrl, apiId, appType, timeoutMs, mode, key, ttlSeconds, rules) {
    Object.assign(this, { baseUrl, apiId, appType, timeoutMs, key, ttlSeconds, rules });
    this.web = mode === "memory" ? undefined : usableStorage(mode === "local" ? "localStorage" : "sessionStorage");
    this.mode = this.web ? mode : "memory";
    this.memory = null;
    this.listeners = new Map();
    this.nextListener = 0;
    this.expiringSent = false;
    // The last session ended by expiry (not by logout): calls say "expired", not "signed out",
    // until the next login or logout.
    this.lapsed = false;
    this.timer = undefined;
    this.env = this.readStored();
    // An expired stored session is removed at once, without an event: nobody listens yet, and
    // the `initial` event reports it as signed out.
    if (this.env && this.phase() === "expired") {
      this.remove();
      this.env = undefined;
    }
    this.arm();
    if (this.mode === "local" && typeof globalThis.addEventListener === "function") {
      // A null key means the other tab cleared the whole storage.
      this.onStorage = (e) => { if (e.key === null || e.key === this.key) this.syncFromOtherTab(); };
      globalThis.addEventListener("storage", this.onStorage);
    }
  }

  // ----- storage: a storage that throws counts as empty; a refused write keeps the session in memory

  read() {
    try {
      return this.web ? this.web.getItem(this.key) : this.memory;
    } catch {
      return null;
    }
  }

  write(text) {
    if (!this.web) this.memory = text;
    else try { this.web.setItem(this.key, text); } catch { /* quota: memory only for this page */ }
  }

  remove() {
    if (!this.web) this.memory = null;
    else try { this.web.removeItem(this.key); } catch { /* nothing to keep */ }
  }

  // The stored envelope if it is one this version reads; anything else is removed.
  readStored() {
    const text = this.read();
    if (text === null || text === undefined) return undefined;
    let env;
    try {
      env = decodeShape(JSON.parse(text), this.rules.shape).ok;
    } catch { /* not JSON */ }
    if (env && env.v === this.rules.version && env.token !== "" && Number.isFinite(env.expires_at)) return env;
    this.remove();
    return undefined;
  }

  // ----- session

  // "fresh", "expiring" or "expired" now (src/session.rs `Envelope::phase`).
  phase(env = this.env) {
    const expiredAt = env.expires_at - this.rules.skewMs;
    const now = Date.now();
    return now >= expiredAt ? "expired" : now >= expiredAt - this.rules.leadMs ? "expiring" : "fresh";
  }

  // `client.session()`: the user and the expiry, never the token.
  session() {
    const env = this.env;
    if (!env) return undefined;
    return env.user === undefined ? { expires_at: env.expires_at } : { user: env.user, expires_at: env.expires_at };
  }

  // The token for a call now, or why there is none. Expiry is checked here, before any request.
  token() {
    const env = this.env;
    if (!env) throw this.lapsed ? expired() : signedOut();
    if (this.phase(env) === "expired") {
      this.end("expired", env.token);
      throw expired();
    }
    return env.token;
  }

  signIn(token, user) {
    const env = { v: this.rules.version, token, user, expires_at: Date.now() + this.ttlSeconds * 1000 };
    this.write(JSON.stringify(env));
    this.env = env;
    this.expiringSent = false;
    this.lapsed = false;
    this.emit("signed_in");
    this.arm();
    return this.session();
  }

  // Ends the session with `event`, once: only if `token` (the one a failed call used) is still
  // the current one, so a late answer to an old token cannot sign out a newer login.
  end(event, token) {
    if (event === "signed_out") this.lapsed = false;
    if (!this.env || (token !== undefined && token !== this.env.token)) return;
    this.remove();
    this.env = undefined;
    this.lapsed = event === "expired";
    this.disarm();
    this.emit(event);
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

  // Schedules a wake-up at the session's next phase change (at once if `expiring` is due).
  arm() {
    this.disarm();
    const env = this.env;
    if (!env) return;
    const expiredAt = env.expires_at - this.rules.skewMs;
    const next = [expiredAt - this.rules.leadMs, expiredAt].find((t) => t > Date.now());
    const due = this.phase() === "expiring" && !this.expiringSent;
    this.timer = setTimer(() => {
      this.timer = undefined;
      this.tick();
      this.arm();
    }, due || next === undefined ? 0 : next - Date.now());
  }

  disarm() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  tick() {
    if (!this.env) return;
    const phase = this.phase();
    if (phase === "expiring" && !this.expiringSent) {
      this.expiringSent = true;
      this.emit("expiring");
    } else if (phase === "expired") {
      this.end("expired");
    }
  }

  // With localStorage, a login or logout in another tab fires `storage` here.
  syncFromOtherTab() {
    let stored = this.readStored();
    if (stored && this.phase(stored) === "expired") stored = undefined;
    if (stored && stored.token !== this.env?.token) {
      this.env = stored;
      this.expiringSent = false;
      this.lapsed = false;
      this.emit("signed_in");
      this.arm();
    } else if (!stored && this.env) {
      this.env = undefined;
      this.disarm();
      this.emit("signed_out");
    }
  }

  // Stops the timer and the cross-tab listener (`client.dispose()`, `client.free()`).
  detach() {
    this.disarm();
    if (this.onStorage) globalThis.removeEventListener("storage", this.onStorage);
    this.onStorage = undefined;
  }

  // ----- calls

  // Sends one request Rust built and decodes its answer by `shape`, returning the part `pick`
  // names (or the whole answer). `headers` is the JSON of extra [name, value] pairs; `body` is
  // JSON text; `form` is the JSON of a multipart body whose files come from `files`. GETs are
  // tried up to MAX_ATTEMPTS times. (One async function on purpose: each layer of them costs
  // every call its own promise hops.)
  async send(method, path, flags, headers, body, form, shape, pick, options, files) {
    const o = callOptions(options);
    const token = flags & TOKEN ? this.token() : undefined;
    const init = { method, headers: this.headers(flags, headers, body, token) };
    if (body !== undefined) init.body = body;
    else if (form !== undefined) init.body = formData(JSON.parse(form), files);
    const url = this.baseUrl + path, timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const attempts = method === "GET" ? MAX_ATTEMPTS : 1;
    let answer;
    for (let attempt = 1; !answer; attempt++) {
      try {
        answer = await attempt_(url, init, o.signal, timeoutMs);
      } catch (e) {
        if (attempt < attempts && retryable(e)) {
          await sleep(BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random()));
          if (o.signal?.aborted) throw aborted();
          continue;
        }
        const endsSession = (e.kind === "unauthenticated" || e.kind === "expired") && e.status !== undefined;
        if (token !== undefined && endsSession) this.end("expired", token);
        throw e;
      }
    }
    const decoded = decodeShape(answer.json, shape);
    if ("error" in decoded) {
      throw decodeError(answer.status, `The answer is not the documented shape: ${decoded.error}`);
    }
    if (flags & LOGIN) return this.signIn(decoded.ok.token, decoded.ok.user);
    return pick === undefined ? decoded.ok : decoded.ok[pick];
  }

  // Every item (page[key]) of every page of a list route, fetching a page only when the
  // consumer asks for more. `query` is the encoded query after page and page_length; `error`
  // is the query's validation error, thrown on the first step.
  async *pages(error, path, query, first, length, key, flags, shape, options) {
    if (error) throw error;
    for (let page = first; ; page++) {
      const url = `${path}?page=${page}&page_length=${length}${query ? "&" + query : ""}`;
      const list = await this.send("GET", url, flags, undefined, undefined, undefined, shape, undefined, options);
      yield* list[key];
      if (list[key].length < length) return;
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

// One fetch with its own timeout; the caller's signal aborts it too. Resolves to
// { status, json } of a successful answer; rejects with the UcaasError otherwise.
async function attempt_(url, init, signal, timeoutMs) {
  if (signal?.aborted) throw aborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimer(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort);
  init.signal = controller.signal;
  try {
    let response, text;
    try {
      response = await fetch(url, init);
      text = await response.text();
    } catch (e) {
      if (timedOut) throw new UcaasError("timeout", `No answer within ${Math.trunc(timeoutMs)} ms`);
      if (signal?.aborted) throw aborted();
      throw new UcaasError("network", `The request failed: ${e instanceof Error ? e.message : ""}`);
    }
    return { status: response.status, json: readAnswer(response.status, text) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
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
const TEXT = 0, COUNT = 1, INT = 2, NUMBER = 3, FLAG = 4, OBJECT = 5, LIST = 6, TEXTS = 7, ENTRIES = 8, PAIRS = 9;
const REQUIRED = 1, ALWAYS = 2; // Presence codes; 0 is optional.
const MAX_EXACT = 9e15; // whole numbers beyond this are not read (as in src/loose.rs)

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function asInt(v) {
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < MAX_EXACT ? v : undefined;
  if (typeof v !== "string") return undefined;
  const t = v.trim();
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
  if (typeof v === "string") return v.trim();
  if (typeof v === "boolean") return String(v);
  const n = typeof v === "number" ? asInt(v) : undefined;
  return n === undefined ? undefined : String(n);
}

function empty(kind) {
  return kind === LIST || kind === TEXTS || kind === ENTRIES || kind === PAIRS ? [] : {};
}

function decodeObject(v, shape, keyName, key) {
  if (!isObject(v)) throw "expected an object";
  const out = {};
  if (keyName !== undefined) out[keyName] = key;
  for (const f of shape) {
    let raw = v[f[0]];
    if (raw == null && f[1] !== null) raw = v[f[1]];
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
    case OBJECT: return decodeObject(raw, a);
    case LIST:
      if (!Array.isArray(raw)) throw "expected an array";
      return raw.map((item) => decodeObject(item, a));
    case TEXTS:
      if (Array.isArray(raw)) return raw.filter((s) => typeof s === "string");
      return typeof raw === "string" ? [raw] : undefined;
    case ENTRIES:
      if (!isObject(raw)) throw "expected an object";
      return Object.keys(raw).filter((k) => raw[k] != null).map((k) => {
        try {
          return decodeObject(raw[k], b, a, k);
        } catch (e) {
          throw `${k}: ${e}`;
        }
      });
    case PAIRS: {
      if (!isObject(raw)) throw "expected an object";
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
