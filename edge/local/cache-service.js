// A local backend for the Cache API (`caches.default`) when the proxy runs in plain workerd.
//
// On Cloudflare the Cache API is the edge cache and this file is not deployed. workerd has no
// cache of its own: it sends cache operations to the service named by the worker's
// `cacheApiOutbound`, speaking HTTP:
//   match  -> GET   <key url>   the answer must carry `CF-Cache-Status: HIT` (then it is the
//                               cached response) or `CF-Cache-Status: MISS`
//   put    -> PUT   <key url>   body = the response serialised as HTTP/1.1; answer 204
//   delete -> PURGE <key url>   answer 200 when something was deleted, else 404
// Entries live in this isolate's memory (workerd runs one isolate per service) and expire by the
// stored response's `s-maxage` / `max-age`; `no-store`, `private` or no max-age is not stored.

/** @type {Map<string, { status: number, headers: [string, string][], body: Uint8Array, expires: number }>} */
const entries = new Map();
const MAX_ENTRIES = 1000;

export default {
  /** @param {Request} request */
  async fetch(request) {
    const key = `${request.headers.get("Cf-Cache-Namespaces") ?? ""} ${request.url}`;
    switch (request.method) {
      case "GET": {
        const entry = entries.get(key);
        if (!entry || entry.expires <= Date.now()) {
          if (entry) entries.delete(key);
          return new Response(null, { status: 504, headers: { "CF-Cache-Status": "MISS" } });
        }
        const headers = new Headers(entry.headers);
        headers.set("CF-Cache-Status", "HIT");
        return new Response(entry.body, { status: entry.status, headers });
      }
      case "PUT": {
        const parsed = parseHttpResponse(new Uint8Array(await request.arrayBuffer()));
        const ttl = parsed ? freshFor(parsed.headers) : 0;
        if (!parsed || ttl <= 0) return new Response(null, { status: 204 });
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value);
        entries.set(key, { ...parsed, expires: Date.now() + ttl * 1000 });
        return new Response(null, { status: 204 });
      }
      case "PURGE":
        return new Response(null, { status: entries.delete(key) ? 200 : 404 });
      default:
        return new Response(null, { status: 405 });
    }
  },
};

/** Seconds a response may be served from the cache. */
function freshFor(headers) {
  const cc = (headers.find(([n]) => n.toLowerCase() === "cache-control")?.[1] ?? "").toLowerCase();
  if (/(^|[\s,])(no-store|private|no-cache)([\s,=]|$)/.test(cc)) return 0;
  const m = cc.match(/(?:^|[\s,])s-maxage=(\d+)/) ?? cc.match(/(?:^|[\s,])max-age=(\d+)/);
  return m ? Number(m[1]) : 0;
}

/** Parses `HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\nbody` (plain or chunked body). */
function parseHttpResponse(bytes) {
  const end = indexOf(bytes, [13, 10, 13, 10]);
  if (end < 0) return null;
  const head = new TextDecoder().decode(bytes.subarray(0, end)).split("\r\n");
  const status = Number(head[0].split(" ")[1]);
  if (!Number.isInteger(status)) return null;
  /** @type {[string, string][]} */
  const headers = [];
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  let body = bytes.subarray(end + 4);
  const te = headers.find(([n]) => n.toLowerCase() === "transfer-encoding");
  if (te && /chunked/i.test(te[1])) {
    body = dechunk(body);
    const kept = headers.filter(([n]) => n.toLowerCase() !== "transfer-encoding");
    headers.length = 0;
    headers.push(...kept);
  }
  return { status, headers, body: body.slice() };
}

function dechunk(bytes) {
  const parts = [];
  let pos = 0;
  for (;;) {
    const lineEnd = indexOf(bytes, [13, 10], pos);
    if (lineEnd < 0) break;
    const size = parseInt(new TextDecoder().decode(bytes.subarray(pos, lineEnd)), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function indexOf(bytes, pattern, from = 0) {
  outer: for (let i = from; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}
