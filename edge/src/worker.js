// The edge join proxy: an ES-module Cloudflare Worker built on the ucaas-client wasm package.
//
// Routes (see edge/README.md for the full contract):
//   POST /join      {pin, name, user_ref}          -> upstream POST /sessions/join
//   POST /invite    {pin?|room_id?|meeting_id?, invitees} -> upstream POST /sessions/invite
//   GET  /branding  ?domain=&customer_id=&meeting_id= -> upstream GET /branding, cached at the edge
//
// Requests, validation and error mapping come from the package (`UcaasClient`, `isUcaasError`);
// this file adds only what belongs to the edge: routing, CORS, body limits, the PIN guard, the
// cache and the mapping of the package's error kinds to HTTP statuses.
//
// `import "ucaas-client"` resolves through the package's `workerd` export condition, which
// imports the .wasm statically and initialises it synchronously (workerd refuses to compile wasm
// from bytes at run time).

import { UcaasClient, isUcaasError } from "ucaas-client";
import { FailureTally } from "./failure-tally.js";
import { IsolateRecord, guardSettings, pinClass } from "./guard-record.js";
import { PinGuard } from "./pin-guard.js";

export { FailureTally, PinGuard };

const MAX_BODY_BYTES = 8 * 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * @typedef {object} Env
 * @property {string} UCAAS_BASE_URL        upstream base, e.g. https://api.enablex.io/ucaas/v1
 * @property {string} UCAAS_API_ID          secret binding: the X-Api-Id sent upstream
 * @property {string} [ALLOWED_ORIGINS]     comma-separated origins, or "*"
 * @property {string} [CORS_ALLOW_CREDENTIALS] "true" to send Access-Control-Allow-Credentials
 * @property {string} [UPSTREAM_TIMEOUT_MS] per upstream request, default 10000
 * @property {string} [BRANDING_TTL_SECONDS] edge cache TTL for /branding, default 300
 * @property {string} [PIN_MAX_FAILURES]    failed joins per window per IP, default 10
 * @property {string} [PIN_WINDOW_SECONDS]  window length, default 600
 * @property {string} [LOCAL_PEER_IP]       the peer to use when there is no CF-Connecting-IP
 * @property {string} [PIN_GLOBAL_MAX_FAILURES] failed joins per window per PIN class, all IPs; default 100, 0 off
 * @property {string} [PIN_GLOBAL_WINDOW_SECONDS] the global window, default PIN_WINDOW_SECONDS
 * @property {string} [PIN_GUARD_SYNC_MS]   how often an isolate refreshes the tally's summary, default 1000
 * @property {DurableObjectNamespace} PIN_GUARD
 * @property {DurableObjectNamespace} FAILURE_TALLY
 */

const ROUTES = {
  "/join": { methods: ["POST"], handler: handleJoin },
  "/invite": { methods: ["POST"], handler: handleInvite },
  "/branding": { methods: ["GET"], handler: handleBranding },
};

export default {
  /**
   * @param {Request} request
   * @param {Env} env
   * @param {ExecutionContext} ctx
   */
  async fetch(request, env, ctx) {
    const started = Date.now();
    const url = new URL(request.url);
    /** @type {Record<string, unknown>} */
    const log = { method: request.method, path: url.pathname };
    let response;
    try {
      response = await route(request, url, env, ctx, log);
    } catch (err) {
      // Nothing the package throws ends up here (handlers map those); this is a bug guard.
      log.internal = err instanceof Error ? err.name : typeof err;
      response = errorResponse(500, "internal", 500, "Internal error in the edge proxy");
    }
    response = withCors(response, request, env);
    log.status = response.status;
    log.ms = Date.now() - started;
    // One line per request. Never the body, the query values, headers, the PIN, the token or
    // the API id.
    console.log(JSON.stringify(log));
    return response;
  },
};

/** @returns {Promise<Response>} */
async function route(request, url, env, ctx, log) {
  const entry = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
  if (!entry) return errorResponse(404, "not_found", 404, "Not Found");

  const origin = request.headers.get("Origin");
  const cors = corsPolicy(env);
  if (origin !== null && !cors.allows(origin)) {
    log.kind = "origin_refused";
    return errorResponse(403, "origin_refused", 403, "Origin not allowed");
  }
  if (request.method === "OPTIONS") return preflight(request, entry.methods);
  if (!entry.methods.includes(request.method)) {
    const res = errorResponse(405, "method_not_allowed", 405, "Method Not Allowed");
    res.headers.set("Allow", [...entry.methods, "OPTIONS"].join(", "));
    return res;
  }
  return entry.handler(request, url, env, ctx, log);
}

// ---------------------------------------------------------------------------------------------
// Routes

async function handleJoin(request, url, env, ctx, log) {
  return guardedCall(request, env, ctx, log, (body, client) =>
    client.joinSession({ pin: body.pin, name: body.name, user_ref: body.user_ref }),
  );
}

async function handleInvite(request, url, env, ctx, log) {
  // An invite by PIN answers "not found" for a wrong PIN, so it is guarded like a join.
  return guardedCall(request, env, ctx, log, (body, client) => {
    /** @type {Record<string, unknown>} */
    const input = { invitees: body.invitees };
    for (const key of ["pin", "room_id", "meeting_id"]) {
      if (body[key] !== undefined && body[key] !== null) input[key] = body[key];
    }
    return client.inviteToSession(input);
  });
}

async function handleBranding(request, url, env, ctx, log) {
  const query = {};
  for (const key of ["domain", "customer_id", "meeting_id"]) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== "") query[key] = value;
  }
  const ttl = brandingTtl(env);
  const cacheKey = new Request(`${url.origin}/branding?${new URLSearchParams(query).toString()}`);
  const cache = edgeCache();
  if (cache && ttl > 0) {
    // A cache that fails (workerd without a cache service, say) is a miss, not an error.
    const hit = await cache.match(cacheKey).catch(() => undefined);
    if (hit) {
      log.cache = "HIT";
      const res = new Response(hit.body, { status: 200, headers: hit.headers });
      res.headers.set("X-Edge-Cache", "HIT");
      return res;
    }
  }
  let result;
  try {
    result = await upstreamClient(env).getBranding(query);
  } catch (err) {
    return packageErrorResponse(err, log);
  }
  log.cache = "MISS";
  const cacheControl = ttl > 0 ? `public, max-age=${ttl}` : "no-store";
  const res = jsonResponse(200, result, { "Cache-Control": cacheControl });
  if (cache && ttl > 0) ctx.waitUntil(cache.put(cacheKey, res.clone()).catch(() => {}));
  res.headers.set("X-Edge-Cache", "MISS");
  return res;
}

/**
 * Body checks, then the PIN guard, then the package call; reports a failure to the guard after
 * the answer. The order of the guard's steps is in guard-record.js; why, in edge/README.md.
 * @param {(body: Record<string, any>, client: UcaasClient) => Promise<unknown>} call
 */
async function guardedCall(request, env, ctx, log, call) {
  const body = await readJsonBody(request);
  if (body instanceof Response) {
    log.kind = "bad_body";
    return body;
  }

  const ip = clientIp(request, env);
  const cls = pinClass(body.pin);
  const record = isolateRecord(env);
  const decision = record.admit(ip, cls, Date.now());
  if (decision.verdict === "refuse") return rateLimited(log, decision.retryAfter, decision.tier);
  log.guard = decision.verdict;

  /** @type {string | null} */
  let ticket = null;
  if (decision.verdict === "durable") {
    let permit;
    let summary;
    try {
      // A record that never heard from the class's tally learns it on this same trip.
      const sync = record.needsSync(Date.now()) ? failureTally(env).summary() : undefined;
      [permit, summary] = await Promise.all([pinGuard(env, ip).acquire(takeReleases(ip)), sync]);
    } catch (err) {
      // The guard cannot be reached: fail closed (500), never an unguarded guess.
      record.finish(ip, false, Date.now());
      throw err;
    }
    const now = Date.now();
    if (summary) record.learn(summary, now);
    const closedFor = summary?.closed[cls];
    if (!permit.ok || closedFor) {
      record.finish(ip, false, now);
      if (permit.ok) {
        queueRelease(ip, permit.ticket, env, ctx);
        return rateLimited(log, closedFor, "global");
      }
      record.blockIp(ip, permit.retryAfter, now);
      return rateLimited(log, permit.retryAfter, "ip");
    }
    ticket = permit.ticket;
  } else if (record.needsSync(Date.now())) {
    ctx.waitUntil(syncTally(record, env));
  }

  let failed = false;
  try {
    const result = await call(body, upstreamClient(env));
    return jsonResponse(200, result);
  } catch (err) {
    // A refused PIN is what brute force looks like. Local validation (a malformed PIN never
    // reaches the API), timeouts and network errors reveal nothing and do not count.
    failed = isUcaasError(err) && err.kind === "not_found";
    return packageErrorResponse(err, log);
  } finally {
    record.finish(ip, failed, Date.now());
    if (failed) ctx.waitUntil(reportFailure(record, env, ip, cls, ticket));
    else if (ticket !== null) queueRelease(ip, ticket, env, ctx);
  }
}

function rateLimited(log, retryAfter, tier) {
  log.kind = "rate_limited";
  log.guard = tier;
  const res = errorResponse(429, "rate_limited", 429, "Too many failed PIN attempts; retry later");
  res.headers.set("Retry-After", String(retryAfter));
  return res;
}

const pinGuard = (env, ip) => env.PIN_GUARD.get(env.PIN_GUARD.idFromName(ip));
// One tally for the whole deployment: it sees every failure, and isolates ask it once per PIN_GUARD_SYNC_MS.
const failureTally = (env) => env.FAILURE_TALLY.get(env.FAILURE_TALLY.idFromName("all"));

/** @type {{ env: object, key: string, record: IsolateRecord } | undefined} */
let cachedRecord;

/** One record per isolate (per guard configuration). */
function isolateRecord(env) {
  if (cachedRecord?.env === env) return cachedRecord.record;
  const settings = guardSettings(env);
  const key = JSON.stringify(settings);
  // A new env object with the same settings keeps the record (and what it knows).
  if (!cachedRecord || cachedRecord.key !== key) cachedRecord = { env, key, record: new IsolateRecord(settings) };
  cachedRecord.env = env;
  return cachedRecord.record;
}

/** A failed PIN, to both Durable Objects, after the answer; the tally's summary comes back. */
async function reportFailure(record, env, ip, cls, ticket) {
  try {
    const [, summary] = await Promise.all([pinGuard(env, ip).settle(ticket, true), failureTally(env).record(ip, cls)]);
    record.learn(summary, Date.now());
  } catch (err) {
    // The answer is gone already; the next attempt from this IP asks PinGuard (it failed here).
    console.log(JSON.stringify({ guard_report: "failed", error: err instanceof Error ? err.name : typeof err }));
  }
}

/** Whether a refresh of the tally's summary is under way (one at a time per isolate). */
let syncing = false;

async function syncTally(record, env) {
  if (syncing) return;
  syncing = true;
  try {
    record.learn(await failureTally(env).summary(), Date.now());
  } catch {
    // Kept as it was; the next request past syncMs tries again.
  } finally {
    syncing = false;
  }
}

/**
 * A ticket that did not fail is handed back on this IP's next acquire() from this isolate (no
 * extra call), or after RELEASE_DELAY_MS by a call of its own.
 */
function queueRelease(ip, ticket, env, ctx) {
  const list = pendingReleases.get(ip);
  if (list) list.push(ticket);
  else pendingReleases.set(ip, [ticket]);
  ctx.waitUntil(flushReleases(ip, env));
}

/** Finished, not failed tickets per client IP, not yet handed back to the guard. */
const pendingReleases = new Map();
const RELEASE_DELAY_MS = 50;

function takeReleases(ip) {
  const list = pendingReleases.get(ip);
  if (!list) return [];
  pendingReleases.delete(ip);
  return list;
}

async function flushReleases(ip, env) {
  await new Promise((resolve) => setTimeout(resolve, RELEASE_DELAY_MS));
  const tickets = takeReleases(ip);
  if (tickets.length > 0) await pinGuard(env, ip).release(tickets);
}

// ---------------------------------------------------------------------------------------------
// The package

/** @type {{ env: object, key: string, client: UcaasClient } | undefined} */
let cachedClient;

/** One client per isolate (per configuration); the three routes need no login. */
function upstreamClient(env) {
  if (cachedClient?.env === env) return cachedClient.client;
  const baseUrl = String(env.UCAAS_BASE_URL ?? "");
  const apiId = String(env.UCAAS_API_ID ?? "");
  const timeoutMs = upstreamTimeout(env);
  const key = `${baseUrl}\n${apiId}\n${timeoutMs}`;
  if (!cachedClient || cachedClient.key !== key) {
    cachedClient = {
      env,
      key,
      client: new UcaasClient({ baseUrl, apiId, storage: "memory", timeoutMs }),
    };
  }
  cachedClient.env = env;
  return cachedClient.client;
}


/** Maps a UcaasError kind to the status the edge answers with. */
function statusForKind(kind, upstreamStatus) {
  switch (kind) {
    case "validation":
      return 400; // refused input: by the package before any request, or by the API (406)
    case "not_found":
      return 404;
    case "timeout":
    case "aborted":
      return 504;
    case "network":
    case "decode":
    case "http":
      return 502;
    case "unauthenticated":
    case "expired":
    case "forbidden":
      // The API refused the edge's own API id: a gateway problem, not the caller's.
      return 502;
    case "api":
      return upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : 502;
    default:
      return 500;
  }
}

function packageErrorResponse(err, log) {
  if (!isUcaasError(err)) {
    log.internal = err instanceof Error ? err.name : typeof err;
    return errorResponse(500, "internal", 500, "Internal error in the edge proxy");
  }
  const status = statusForKind(err.kind, err.status);
  log.kind = err.kind;
  log.code = err.code;
  if (err.status !== undefined) log.upstream = err.status;
  const code = typeof err.code === "number" ? err.code : status;
  return errorResponse(status, err.kind, code, String(err.message ?? ""));
}

// ---------------------------------------------------------------------------------------------
// Request bodies

/** @returns {Promise<Record<string, unknown> | Response>} */
async function readJsonBody(request) {
  const length = request.headers.get("Content-Length");
  if (length !== null && Number(length) > MAX_BODY_BYTES) return tooLarge();

  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
    return errorResponse(415, "unsupported_media_type", 415, "Content-Type must be application/json");
  }

  // With a Content-Length (already checked against the limit; workerd holds the body to it) the
  // body is read in one piece; without one, it is counted chunk by chunk.
  const bytes =
    length !== null && request.body ? new Uint8Array(await request.arrayBuffer()) : await readLimited(request.body, MAX_BODY_BYTES);
  if (bytes === null) return tooLarge();
  let value;
  try {
    value = JSON.parse(UTF8.decode(bytes));
  } catch {
    return errorResponse(400, "bad_request", 400, "Request body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return errorResponse(400, "bad_request", 400, "Request body must be a JSON object");
  }
  return value;
}

/** Reads a body stream; null when it is longer than `limit` bytes. */
async function readLimited(stream, limit) {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge() {
  return errorResponse(413, "payload_too_large", 413, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
}

// ---------------------------------------------------------------------------------------------
// CORS

/** @type {WeakMap<object, { any: boolean, credentials: boolean, allows: (origin: string) => boolean }>} */
const corsPolicies = new WeakMap();

/** The CORS settings, read once per env object (the same object serves every request of an isolate). */
function corsPolicy(env) {
  let policy = corsPolicies.get(env);
  if (!policy) corsPolicies.set(env, (policy = readCorsPolicy(env)));
  return policy;
}

function readCorsPolicy(env) {
  const list = String(env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  const any = list.includes("*");
  // Credentials are never combined with a wildcard.
  const credentials = !any && String(env.CORS_ALLOW_CREDENTIALS ?? "") === "true";
  return { any, credentials, allows: (origin) => any || list.includes(origin) };
}

function preflight(request, methods) {
  const res = new Response(null, { status: 204 });
  res.headers.set("Allow", [...methods, "OPTIONS"].join(", "));
  if (request.headers.get("Origin") !== null) {
    res.headers.set("Access-Control-Allow-Methods", [...methods, "OPTIONS"].join(", "));
    res.headers.set("Access-Control-Allow-Headers", "Content-Type");
    res.headers.set("Access-Control-Max-Age", "600");
  }
  return res;
}

function withCors(response, request, env) {
  const origin = request.headers.get("Origin");
  if (origin === null) return response;
  const cors = corsPolicy(env);
  if (!cors.allows(origin)) return response;
  // Responses from the cache or fetch can have immutable headers.
  const res = new Response(response.body, response);
  if (cors.any) {
    res.headers.set("Access-Control-Allow-Origin", "*");
  } else {
    res.headers.set("Access-Control-Allow-Origin", origin);
    res.headers.append("Vary", "Origin");
    if (cors.credentials) res.headers.set("Access-Control-Allow-Credentials", "true");
  }
  res.headers.set("Access-Control-Expose-Headers", "Retry-After, X-Edge-Cache");
  return res;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The client's IP: CF-Connecting-IP (set by Cloudflare's edge), else the peer. */
function clientIp(request, env) {
  // workerd does not hand the TCP peer address to a worker; the local config binds to loopback,
  // so its peer is LOCAL_PEER_IP (127.0.0.1). On Cloudflare, CF-Connecting-IP is always present.
  return request.headers.get("CF-Connecting-IP") ?? String(env.LOCAL_PEER_IP ?? "unknown");
}

function upstreamTimeout(env) {
  const n = Number(env.UPSTREAM_TIMEOUT_MS ?? 10000);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 10000;
}

function brandingTtl(env) {
  const n = Number(env.BRANDING_TTL_SECONDS ?? 300);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 300;
}

function edgeCache() {
  return typeof caches !== "undefined" && caches.default ? caches.default : undefined;
}

function jsonResponse(status, value, headers = {}) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

function errorResponse(status, kind, code, message) {
  return jsonResponse(status, { kind, code, message }, { "Cache-Control": "no-store" });
}

