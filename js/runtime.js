// The few pieces of ucaas-client that are JavaScript by nature. wasm-bindgen copies this file
// into the package (pkg/snippets/...); the package's entry files re-export UcaasError from it.

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

// A timer that never keeps Node's event loop alive on its own (a signed-in client would
// otherwise hold a process open for the token's 15 minutes).
export function setTimer(callback, ms) {
  const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2147483647));
  if (handle && typeof handle.unref === "function") handle.unref();
  return handle;
}

export function clearTimer(handle) {
  clearTimeout(handle);
}

// A plain (ref'd) timeout: a retry in progress must keep Node alive until the call settles.
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

// Every item (list[key]) of every page, fetching a page only when the consumer asks for more.
export async function* pages(fetchPage, firstPage, pageLength, key) {
  for (let page = firstPage; ; page++) {
    const list = await fetchPage(page);
    yield* list[key];
    if (list[key].length < pageLength) return;
  }
}

// Calls a listener without letting its exception break the client.
export function callListener(listener, event, session) {
  try {
    listener(event, session);
  } catch (e) {
    queueMicrotask(() => { throw e; });
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
