// The host of `IotumClient` (the server build): the browser host's transport (fetch, timeouts,
// aborts, backoff) with the Iotum enterprise API's own rules, which are unlike UCaaS's:
//
// - Auth: `POST /enterprise_api/authenticate { api_token }` answers an `auth_token` that every
//   other call carries in its JSON body. It is asked for lazily, on the first call, and once for
//   any number of calls waiting for it (single flight). It expires 60 minutes after its last
//   successful use: one unused that long is renewed before the call. A 401 means the server did
//   nothing, so on a 401 to a call the token is renewed once and the call repeated once.
// - Retries: only reads (`READ` flag: `#[endpoint(…, read)]`) are repeated after a timeout, a
//   network error or a 5xx; a create, update or delete is never sent twice.
// - Answers: the status says success (2xx) or the error kind; error bodies carry `message`. A
//   bare JSON array is read as `{ items }`, a bare string ("OK") as `{ message }`, an empty body
//   as `{}`.
//
// The API token and the auth token are kept in WeakMaps, never on the object: `util.inspect`,
// `JSON.stringify` and error messages cannot show them.
import { Host as BrowserHost, callOptions, decodeShape } from "./runtime.js";
import { UcaasError } from "./error.js";

export { wallTime } from "./zones.js";

// Bits of `send`'s `flags` (src/wasm/client/mod.rs READ_FLAG).
const READ = 8;
const MAX_ATTEMPTS = 3, BACKOFF_MS = 200;
// A token unused for the slide minus this is renewed before a call rather than refused by it.
const RENEW_MARGIN_MS = 60_000;

const apiTokens = new WeakMap();
const sessions = new WeakMap(); // host → { token, lastUse, pending }

const invalid = (field, message) => new UcaasError("validation", message, undefined, undefined, undefined, field);
const aborted = () => new UcaasError("aborted", "The call was aborted");
const decodeError = (status, message) => new UcaasError("decode", message, undefined, status);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// What an Iotum status means (docs/conventions.md, "Iotum error kinds").
function kindOf(status) {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 400 || status === 422) return "validation";
  if (status >= 500 || status === 429) return "http";
  return "api";
}

// The error of a non-2xx answer: the body's `message` (or the status) and its kind.
function answerError(status, json) {
  const message = isObject(json) && typeof json.message === "string" && json.message.trim() !== "" ? json.message.trim() : `HTTP ${status}`;
  return new UcaasError(kindOf(status), message, undefined, status);
}

// The answer's JSON as an object, or its error (`attempt`'s `read`). Exported for the agreement
// test with the Rust client's copy of these rules (tests/node/iotum-answer.test.mjs).
export function readAnswer(status, text) {
  let json;
  if (text.trim() === "") json = {};
  else {
    try {
      json = JSON.parse(text);
    } catch {
      if (status >= 200 && status < 300) throw decodeError(status, `The answer (HTTP ${status}) is not JSON`);
      json = undefined;
    }
  }
  if (!(status >= 200 && status < 300)) throw answerError(status, json);
  if (Array.isArray(json)) return { items: json };
  if (typeof json === "string") return { message: json };
  if (!isObject(json)) throw decodeError(status, `The answer (HTTP ${status}) is not a JSON object or array`);
  return json;
}

// A pre-signed upload URL's answer: any 2xx is done (its body is not the API's).
export const readUpload = (status, text) => (status >= 200 && status < 300 ? {} : readAnswer(status, text));

// After a timeout, a network error or a 5xx, a read may be repeated.
const retryable = (e) => e.kind === "network" || e.kind === "timeout" || e.status >= 500;

// A 401 to a call with a token: the token was refused ("Session expired", "Invalid token"), and
// the server did nothing.
const refused = (e) => e.kind === "unauthenticated" && e.status === 401;

// `body` (JSON text of an object, from Rust) with `auth_token` first, without parsing it.
function withToken(body, token) {
  const rest = body === undefined || body.trim() === "{}" ? "}" : "," + body.trim().slice(1);
  return `{"auth_token":${JSON.stringify(token)}${rest}`;
}

// The same with `page` set (a cursor of the answer's `next_page`).
function withPage(body, page) {
  const json = body === undefined ? {} : JSON.parse(body);
  json.page = page;
  return JSON.stringify(json);
}

// A shape of one list field, `items` (`DomainList`, `CompanyList`, …): a lone object is read as
// a list of one (the document shows `domain/descendants` as one object).
const isItemsShape = (shape) => Array.isArray(shape) && shape.length === 1 && shape[0][0] === "items";
export const asItems = (json, shape) => (isItemsShape(shape) && !Array.isArray(json.items) ? { items: [json] } : json);

// The API token as kept (trimmed), or the validation error naming `apiToken`, whose message never
// repeats the value. Exported for the agreement test (tests/node/iotum-answer.test.mjs).
export function apiTokenOf(token) {
  if (typeof token !== "string" || token.trim() === "" || /[\0-\x1f\x7f]/.test(token)) {
    throw invalid("apiToken", "apiToken is required: the API token from the Admin UI's Developers section.");
  }
  return token.trim();
}

export class IotumHost extends BrowserHost {
  constructor(o, platform) {
    const token = apiTokenOf(o.apiToken);
    // The browser host checks baseUrl and timeoutMs; its API id is never sent (no header here).
    super({ baseUrl: o.baseUrl, apiId: "enterprise_api", timeoutMs: o.timeoutMs, storage: "memory" }, platform);
    apiTokens.set(this, token);
    sessions.set(this, { token: undefined, lastUse: 0, pending: undefined });
    this.authPath = o.authPath;
    this.authShape = o.authShape;
    this.slideMs = o.tokenSlideMs;
  }

  token() {
    return undefined;
  }

  headers(flags, extra, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return headers;
  }

  // Sends one request Rust built (its body JSON text without `auth_token`) and decodes the
  // answer by `shape`, returning the part `pick` names.
  async send(method, path, flags, headers, body, form, shape, pick, options) {
    const o = callOptions(options);
    if (o.signal?.aborted) throw aborted();
    const call = { signal: o.signal, error: aborted, halted: undefined, wake: undefined };
    const attempts = flags & READ ? MAX_ATTEMPTS : 1;
    const url = this.baseUrl + path, timeoutMs = o.timeoutMs ?? this.timeoutMs;
    for (let renewed = false; ; renewed = true) {
      const token = await this.authToken(call);
      const init = { method, headers: this.headers(flags, headers, body), body: withToken(body, token) };
      let answer;
      try {
        answer = await this.attempts(url, init, call, timeoutMs, attempts);
      } catch (e) {
        if (refused(e) && !renewed) {
          this.forget(token);
          continue;
        }
        throw e;
      }
      this.touch(token);
      const decoded = decodeShape(asItems(answer.json, shape), shape);
      if ("error" in decoded) throw decodeError(answer.status, `The answer is not the documented shape: ${decoded.error}`);
      return pick === undefined ? decoded.ok : decoded.ok[pick];
    }
  }

  // Up to `n` attempts of one request, with backoff between them.
  async attempts(url, init, call, timeoutMs, n, read = readAnswer) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(url, init, call, timeoutMs, read);
      } catch (e) {
        if (attempt >= n || !retryable(e)) throw e;
        await this.backoff(BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + this.platform.random()), call);
      }
    }
  }

  // The auth token for a call: the current one while it lives, else one `authenticate` shared
  // by every call waiting. The caller's abort stops its own wait, not the authentication.
  authToken(call) {
    const session = sessions.get(this);
    const fresh = session.token !== undefined && this.platform.now() - session.lastUse < this.slideMs - RENEW_MARGIN_MS;
    if (fresh) return Promise.resolve(session.token);
    if (session.pending === undefined) {
      session.token = undefined;
      session.pending = this.authenticate().finally(() => { session.pending = undefined; });
    }
    const signal = call.signal;
    if (!signal) return session.pending;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(call.error());
      signal.addEventListener("abort", onAbort, { once: true });
      session.pending.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  async authenticate() {
    const init = {
      method: "POST",
      headers: this.headers(0, undefined, ""),
      body: JSON.stringify({ api_token: apiTokens.get(this) }),
    };
    // Asking for a token again changes nothing on the server: repeated like a read.
    const call = { signal: undefined, error: aborted, halted: undefined, wake: undefined };
    let answer;
    try {
      answer = await this.attempts(this.baseUrl + this.authPath, init, call, this.timeoutMs, MAX_ATTEMPTS);
    } catch (e) {
      if (e.status === 401) throw new UcaasError("unauthenticated", `The API token was refused: ${e.message}`, undefined, 401);
      throw e;
    }
    const decoded = decodeShape(answer.json, this.authShape);
    if ("error" in decoded) throw decodeError(answer.status, `The authenticate answer has no auth_token: ${decoded.error}`);
    const session = sessions.get(this);
    session.token = decoded.ok.auth_token;
    session.lastUse = this.platform.now();
    return session.token;
  }

  // A successful answer touched the token on the server: its 60 minutes start again.
  touch(token) {
    const session = sessions.get(this);
    if (session.token === token) session.lastUse = this.platform.now();
  }

  // The server refused `token`: the next call authenticates (unless another already did).
  forget(token) {
    const session = sessions.get(this);
    if (session.token === token) session.token = undefined;
  }

  // Every item (page[key]) of a cursor-paged route: the first page's request as Rust built it,
  // then the same with `page` = the answer's `next_page`, while there is one. A cursor the server
  // gave before means it ignores `page`: an error rather than a loop.
  async *cursorPages(error, path, body, shape, key, options) {
    if (error) throw error;
    const seen = new Set();
    for (let page = body; ;) {
      const answer = await this.send("POST", path, READ, undefined, page, undefined, shape, undefined, options);
      yield* answer[key];
      const next = answer.next_page;
      if (next === undefined || next === null || next === "") return;
      if (seen.has(next)) throw decodeError(200, `The server gave the page cursor "${String(next).slice(0, 40)}" twice`);
      seen.add(next);
      page = withPage(body, next);
    }
  }

  // A drive file's three steps (src/wasm/client/iotum.rs `driveUpload`).
  async upload(createPath, createBody, finishPath, data, uploadShape, fileShape, options) {
    const bytes = uploadBody(data);
    const created = await this.send("POST", createPath, 0, undefined, createBody, undefined, uploadShape, undefined, options);
    const hostId = JSON.parse(createBody).host_id;
    const unfinished = (e) => new UcaasError(e.kind, `${e.message} (drive file ${created.id} was created but not finished)`, e.code, e.status, e.desc, e.field);
    try {
      await this.put(created.upload_url, bytes, options);
    } catch (e) {
      throw unfinished(e);
    }
    // The body of `finish_upload` is the file Rust's `create` named and the id the server gave.
    const finish = JSON.stringify({ host_id: hostId, id: created.id });
    return this.send("POST", finishPath, 0, undefined, finish, undefined, fileShape, undefined, options);
  }

  // The PUT of a file's bytes to its pre-signed URL (no auth_token: the URL is the credential).
  // Repeated after a network error or a 5xx: a PUT of the same bytes is idempotent.
  async put(uploadUrl, bytes, options) {
    let url;
    try {
      url = new URL(uploadUrl);
    } catch {
      throw decodeError(200, "drive/create answered no usable upload_url");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw decodeError(200, "drive/create answered no usable upload_url");
    const o = callOptions(options);
    const call = { signal: o.signal, error: aborted, halted: undefined, wake: undefined };
    const init = { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: bytes };
    await this.attempts(url.href, init, call, o.timeoutMs ?? this.timeoutMs, MAX_ATTEMPTS, readUpload);
  }
}

// The body of a drive upload: a Blob, an ArrayBuffer or a typed array / DataView.
function uploadBody(data) {
  if (typeof Blob !== "undefined" && data instanceof Blob) return data;
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return data;
  throw invalid("data", "data must be a Blob, an ArrayBuffer or a typed array.");
}
