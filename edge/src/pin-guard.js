// PinGuard: the Durable Object that stops PIN brute force.
//
// One object per client IP (`idFromName(ip)`), so the limit holds across isolates and edge
// locations: every failure from that IP, wherever it lands, is recorded by the same
// single-threaded object. The design is written down in edge/README.md ("PIN brute-force
// protection"). An isolate asks this object before an attempt only when the IP is not clean
// (it failed, the FailureTally lists it, or the isolate knows nothing yet: guard-record.js);
// every failure is reported here, asked before or not.
//
// State of one object:
//   failures  sorted list of failure timestamps (ms) inside the window; persisted in storage
//   pending   attempts that were let through and have not reported back yet (in memory only),
//             ticket -> lease expiry (ms)
//
// acquire(released): a new attempt is let through only while failures + pending < limit.
// Counting the attempts in flight closes the race where an attacker fires many guesses at once
// before any failure is recorded. settle(ticket, true): a refused PIN, recorded (ticket null for
// an attempt the isolate let through on its own). Attempts that did not fail are handed back
// without counting, on the same isolate's next acquire() for that IP or by release(tickets)
// shortly after. An alarm deletes the stored state once the window has passed, so an IP that
// stops guessing leaves nothing behind.

import { DurableObject } from "cloudflare:workers";
import { guardSettings } from "./guard-record.js";

const STORAGE_KEY = "failures";

export class PinGuard extends DurableObject {
  /**
   * @param {DurableObjectState} ctx
   * @param {Record<string, unknown>} env
   */
  constructor(ctx, env) {
    super(ctx, env);
    this.settings = guardSettings(env);
    /** @type {number[]} */
    this.failures = [];
    /** @type {Map<string, number>} */
    this.pending = new Map();
    // Tickets stay unique when the object is restarted (a stale release must not free a new one).
    this.instance = crypto.randomUUID();
    this.nextTicket = 1;
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.get(STORAGE_KEY);
      if (Array.isArray(stored)) this.failures = stored.filter((t) => typeof t === "number");
    });
  }

  /** Drops failures older than the window and leases that ran out. */
  prune(now) {
    const cutoff = now - this.settings.windowMs;
    let i = 0;
    while (i < this.failures.length && this.failures[i] <= cutoff) i++;
    if (i > 0) this.failures.splice(0, i);
    for (const [ticket, expires] of this.pending) {
      if (expires <= now) this.pending.delete(ticket);
    }
  }

  /**
   * Asks to let one PIN attempt through. `released`: tickets of earlier attempts from the same
   * isolate that did not fail, handed back on this call instead of one of their own.
   * @param {string[]} [released]
   * @returns {{ ok: true, ticket: string } | { ok: false, retryAfter: number }}
   */
  acquire(released = []) {
    for (const ticket of released) this.pending.delete(ticket);
    const now = Date.now();
    this.prune(now);
    const { limit, windowMs, leaseMs } = this.settings;
    if (this.failures.length + this.pending.size >= limit) {
      // Blocked by recorded failures: free again when the oldest leaves the window. Blocked only
      // by attempts in flight: those settle within the upstream timeout, so ask for a short wait.
      const until =
        this.failures.length >= limit
          ? this.failures[this.failures.length - limit] + windowMs
          : now + 1000;
      return { ok: false, retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) };
    }
    const ticket = `${this.instance}:${this.nextTicket++}`;
    this.pending.set(ticket, now + leaseMs);
    return { ok: true, ticket };
  }

  /**
   * Hands back tickets of attempts that did not fail (when no acquire() came to carry them).
   * @param {string[]} tickets
   */
  release(tickets) {
    for (const ticket of tickets) this.pending.delete(ticket);
  }

  /**
   * Reports the outcome of an attempt: one let through by acquire() (its ticket), or one the
   * isolate let through on its own (ticket null: the IP was clean there).
   * @param {string | null} ticket
   * @param {boolean} failed  true when the PIN was refused (it counts), false otherwise
   */
  async settle(ticket, failed) {
    if (ticket !== null) this.pending.delete(ticket);
    if (!failed) return;
    const now = Date.now();
    this.prune(now);
    this.failures.push(now);
    await this.ctx.storage.put(STORAGE_KEY, this.failures);
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(this.failures[0] + this.settings.windowMs);
    }
  }

  /** Housekeeping: forget the IP once its failures have left the window. */
  async alarm() {
    const now = Date.now();
    this.prune(now);
    if (this.failures.length === 0) {
      await this.ctx.storage.deleteAll();
    } else {
      await this.ctx.storage.put(STORAGE_KEY, this.failures);
      await this.ctx.storage.setAlarm(this.failures[0] + this.settings.windowMs);
    }
  }
}
