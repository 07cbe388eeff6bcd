// IsolateRecord: what one isolate knows about PIN guessing, so that a clean join needs no
// Durable Object call (edge/README.md, "PIN brute-force protection").
//
// The Durable Objects (PinGuard per IP, one FailureTally for all) are the authority;
// this record only decides, per request, whether it must ask them. It is plain data and
// arithmetic (no I/O, no clock of its own: every method takes `now`), so the model test
// (test/guard-model.test.mjs) drives it with generated sequences.
//
// Per IP:    failures seen by this isolate inside the window, attempts in flight, and a block
//            learnt from PinGuard (until when).
// Tally:     the last summary of the FailureTally (the PIN classes it has closed and until when,
//            the IPs that failed), and when it was fetched.
//
// A request is decided in this order:
//   1. refused here: the IP or its class is blocked (as last learnt), or the IP's attempts in
//      flight plus its failures reach the limit (what stops a burst of parallel guesses)
//   2. "durable": ask PinGuard first, when the IP failed here, when the tally lists it, when the
//      tally has too many IPs to name (overflow), or when this isolate never heard from the tally
//      (a new or restarted isolate knows nothing yet)
//   3. "local": let it through without any call.

/** Most IPs a record keeps; past it, the entries with nothing in flight are dropped oldest first. */
export const MAX_TRACKED_IPS = 10_000;

/**
 * @typedef {object} GuardSettings
 * @property {number} limit           failed PINs allowed per IP per window
 * @property {number} windowMs        the per-IP window
 * @property {number} globalLimit     failed PINs allowed per class per global window (0: off)
 * @property {number} globalWindowMs  the global window
 * @property {number} syncMs          how old a tally summary may get before it is refreshed
 * @property {number} leaseMs         how long PinGuard counts an attempt that never reports back
 */

/**
 * @typedef {object} TallySummary  what FailureTally answers (record() and summary())
 * @property {Record<string, number>} counts  failures per PIN class inside the global window
 * @property {Record<string, number>} closed  per closed PIN class, seconds until it opens again
 * @property {string[]} ips        IPs with a failure inside the per-IP window (when not overflow)
 * @property {boolean} overflow    more IPs failed than the summary names
 */

/**
 * @typedef {{ verdict: "refuse", retryAfter: number, tier: "ip" | "global" }
 *   | { verdict: "durable" | "local" }} Decision
 */

export class IsolateRecord {
  /** @param {GuardSettings} settings */
  constructor(settings) {
    this.settings = settings;
    /** @type {Map<string, { failures: number[], inflight: number, blockedUntil: number }>} */
    this.ips = new Map();
    /** @type {{ overflow: boolean, ips: Set<string>, at: number, closedUntil: Map<string, number> } | undefined} */
    this.tally = undefined;
  }

  /**
   * Decides one attempt from `ip` on a PIN of class `cls`. Anything but "refuse" is counted as
   * in flight until `finish()`.
   * @returns {Decision}
   */
  admit(ip, cls, now) {
    const { limit, windowMs } = this.settings;
    const entry = this.ips.get(ip);
    if (entry) pruneBefore(entry.failures, now - windowMs);
    if (entry && entry.blockedUntil > now) return refuse(entry.blockedUntil, now, "ip");
    const known = this.tally;
    const closedUntil = known?.closedUntil.get(cls) ?? 0;
    if (closedUntil > now) return refuse(closedUntil, now, "global");
    const failures = entry ? entry.failures.length : 0;
    const inflight = entry ? entry.inflight : 0;
    if (failures + inflight >= limit) {
      // Blocked by failures: open when the oldest counted one leaves the window. Blocked only by
      // attempts in flight: they end within the upstream timeout, so a short wait.
      const until = failures >= limit ? entry.failures[failures - limit] + windowMs : now + 1000;
      return refuse(until, now, "ip");
    }
    const durable = failures > 0 || !known || known.overflow || known.ips.has(ip);
    this.track(ip).inflight++;
    return { verdict: durable ? "durable" : "local" };
  }

  /** The attempt admitted for `ip` has ended; `failed` when the API refused the PIN. */
  finish(ip, failed, now) {
    const entry = this.track(ip);
    entry.inflight = Math.max(0, entry.inflight - 1);
    if (failed) entry.failures.push(now);
    this.forgetIfClean(ip, entry, now);
  }

  /** PinGuard refused `ip` for `retryAfter` seconds. */
  blockIp(ip, retryAfter, now) {
    const entry = this.track(ip);
    entry.blockedUntil = Math.max(entry.blockedUntil, now + retryAfter * 1000);
  }

  /** A summary from the FailureTally (its answer to record() or summary()). */
  learn(summary, now) {
    const closedUntil = new Map();
    for (const [cls, retryAfter] of Object.entries(summary.closed)) closedUntil.set(cls, now + retryAfter * 1000);
    this.tally = { overflow: summary.overflow, ips: new Set(summary.overflow ? [] : summary.ips), at: now, closedUntil };
  }

  /** Whether the tally's summary is missing or older than `syncMs`. */
  needsSync(now) {
    return !this.tally || now - this.tally.at >= this.settings.syncMs;
  }

  track(ip) {
    let entry = this.ips.get(ip);
    if (!entry) {
      // Room first, so the entry being made is never the one dropped.
      if (this.ips.size >= MAX_TRACKED_IPS) this.evict();
      entry = { failures: [], inflight: 0, blockedUntil: 0 };
      this.ips.set(ip, entry);
    }
    return entry;
  }

  forgetIfClean(ip, entry, now) {
    pruneBefore(entry.failures, now - this.settings.windowMs);
    if (entry.inflight === 0 && entry.failures.length === 0 && entry.blockedUntil <= now) this.ips.delete(ip);
  }

  /**
   * Drops the oldest entries with nothing in flight, down to below MAX_TRACKED_IPS (their
   * failures are still in PinGuard, and the tally still lists them).
   */
  evict() {
    for (const [ip, entry] of this.ips) {
      if (this.ips.size < MAX_TRACKED_IPS) break;
      if (entry.inflight === 0) this.ips.delete(ip);
    }
  }
}

function refuse(until, now, tier) {
  return { verdict: "refuse", retryAfter: Math.max(1, Math.ceil((until - now) / 1000)), tier };
}

/** Removes the leading timestamps ≤ cutoff of a sorted list. */
function pruneBefore(list, cutoff) {
  let i = 0;
  while (i < list.length && list[i] <= cutoff) i++;
  if (i > 0) list.splice(0, i);
}

/**
 * The class of a PIN for the global tier: its length ("pin-6" … "pin-10"), so a flood of
 * 6-digit guesses does not close the meetings with longer PINs; "id" for an invite by room or
 * meeting id.
 */
export function pinClass(pin) {
  if (typeof pin !== "string") return "id";
  const n = pin.length;
  return n >= 6 && n <= 10 ? `pin-${n}` : "pin-other";
}

/** @param {Record<string, unknown>} env @returns {GuardSettings} */
export function guardSettings(env) {
  const num = (v, fallback, ok) => {
    const n = Number(v ?? fallback);
    return Number.isFinite(n) && ok(n) ? n : fallback;
  };
  const windowMs = num(env.PIN_WINDOW_SECONDS, 600, (n) => n > 0) * 1000;
  return {
    limit: Math.floor(num(env.PIN_MAX_FAILURES, 10, (n) => n >= 1)),
    windowMs,
    globalLimit: Math.floor(num(env.PIN_GLOBAL_MAX_FAILURES, 100, (n) => n >= 0)),
    globalWindowMs: env.PIN_GLOBAL_WINDOW_SECONDS === undefined ? windowMs : num(env.PIN_GLOBAL_WINDOW_SECONDS, windowMs / 1000, (n) => n > 0) * 1000,
    syncMs: num(env.PIN_GUARD_SYNC_MS, 1000, (n) => n >= 0),
    // A ticket that never comes back (the isolate died mid-request) stops counting after this.
    leaseMs: num(env.UPSTREAM_TIMEOUT_MS, 10000, (n) => n > 0) + 5000,
  };
}
