// FailureTally: the Durable Object of the global tier of the PIN guard. One object
// (`idFromName("all")`) counts the failed PINs of every IP per PIN class (pinClass in
// guard-record.js: the PIN's length), so that rotating IPs cannot multiply the per-IP allowance:
// once a class has had PIN_GLOBAL_MAX_FAILURES failures inside PIN_GLOBAL_WINDOW_SECONDS, the
// worker refuses every attempt of that class until the oldest counted failure leaves the window.
//
// It also tells isolates which IPs failed recently (the IPs a clean isolate must not let
// through on its own: edge/README.md, "PIN brute-force protection"). Every failure is reported
// here after the answer (record); isolates refresh their copy with summary() at most once per
// PIN_GUARD_SYNC_MS, off the request's path.
//
// State: `entries`, failures as [time ms, ip, class] in time order, inside the longer of the two
// windows (the per-IP window decides which IPs are listed), at most MAX_ENTRIES; persisted.

import { DurableObject } from "cloudflare:workers";
import { guardSettings } from "./guard-record.js";

const STORAGE_KEY = "entries";
/** Most failures kept; older ones are dropped first (the per-IP counts stay in PinGuard). */
const MAX_ENTRIES = 5000;
/** Most IPs a summary names; past it the summary says `overflow` and isolates ask PinGuard always. */
const MAX_LISTED_IPS = 1000;

export class FailureTally extends DurableObject {
  /**
   * @param {DurableObjectState} ctx
   * @param {Record<string, unknown>} env
   */
  constructor(ctx, env) {
    super(ctx, env);
    this.settings = guardSettings(env);
    /** @type {[number, string, string][]} */
    this.entries = [];
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.get(STORAGE_KEY);
      if (Array.isArray(stored)) {
        this.entries = stored.filter((e) => Array.isArray(e) && typeof e[0] === "number" && typeof e[1] === "string" && typeof e[2] === "string");
      }
    });
  }

  keepMs() {
    return Math.max(this.settings.windowMs, this.settings.globalWindowMs);
  }

  prune(now) {
    const cutoff = now - this.keepMs();
    let i = 0;
    while (i < this.entries.length && this.entries[i][0] <= cutoff) i++;
    if (this.entries.length - i > MAX_ENTRIES) i = this.entries.length - MAX_ENTRIES;
    if (i > 0) this.entries.splice(0, i);
  }

  /**
   * The state now: failures per class, the closed classes, the IPs that failed.
   * @returns {import("./guard-record.js").TallySummary}
   */
  summary(now = Date.now()) {
    this.prune(now);
    const { windowMs, globalLimit, globalWindowMs } = this.settings;
    /** @type {Map<string, number[]>} failure times per class inside the global window */
    const perClass = new Map();
    const ips = new Set();
    for (const [t, ip, cls] of this.entries) {
      if (t > now - globalWindowMs) {
        const list = perClass.get(cls);
        if (list) list.push(t);
        else perClass.set(cls, [t]);
      }
      if (t > now - windowMs) ips.add(ip);
    }
    const counts = {};
    const closed = {};
    for (const [cls, times] of perClass) {
      counts[cls] = times.length;
      if (globalLimit > 0 && times.length >= globalLimit) {
        // Open again when the oldest failure that keeps the count at the limit leaves the window.
        const until = times[times.length - globalLimit] + globalWindowMs;
        closed[cls] = Math.max(1, Math.ceil((until - now) / 1000));
      }
    }
    const overflow = ips.size > MAX_LISTED_IPS;
    return { counts, closed, ips: overflow ? [] : [...ips], overflow };
  }

  /**
   * A failed PIN of class `cls` from `ip`, reported after the worker answered.
   * @param {string} ip
   * @param {string} cls
   */
  async record(ip, cls) {
    const now = Date.now();
    this.prune(now);
    this.entries.push([now, String(ip), String(cls)]);
    await this.ctx.storage.put(STORAGE_KEY, this.entries);
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(this.entries[0][0] + this.keepMs());
    }
    return this.summary(now);
  }

  /** Housekeeping: forget the class once its failures have left both windows. */
  async alarm() {
    this.prune(Date.now());
    if (this.entries.length === 0) {
      await this.ctx.storage.deleteAll();
    } else {
      await this.ctx.storage.put(STORAGE_KEY, this.entries);
      await this.ctx.storage.setAlarm(this.entries[0][0] + this.keepMs());
    }
  }
}
