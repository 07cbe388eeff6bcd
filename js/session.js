// The session rules of ucaas-client, in one place and nowhere else (no Rust copy: the reasons and
// the measurement are in docs/decisions.md, "Session rules"). What a stored envelope is; when a
// session is fresh, expiring or expired; which login may set the session; which answer, timer or
// other tab may end it; and which client may remove a stored envelope.
//
// Pure of the platform: storage, clock and timers are handed in (`Host` in js/runtime.js hands in
// the real ones), so tests/node/session-model.test.mjs drives these rules through generated
// interleavings of logins, logouts, server answers, clock jumps, storage events and quota errors.

/** Version of the stored envelope `{v, token, user, expires_at}`; any other counts as unreadable. */
export const ENVELOPE_VERSION = 1;
/** A token counts as expired this long before its expiry, so a call never races it. */
export const EXPIRY_SKEW_MS = 60_000;
/** `expiring` is emitted this long before the token counts as expired. */
export const EXPIRING_LEAD_MS = 120_000;
/** A token life must be longer than this, or a session would be expiring from its first tick. */
export const MIN_TTL_SECONDS = (EXPIRY_SKEW_MS + EXPIRING_LEAD_MS) / 1000;
export const MAX_TTL_SECONDS = 86_400;
export const DEFAULT_TTL_SECONDS = 900;

/** "fresh", "expiring" or "expired" at `now` (ms since the epoch). */
export function phase(env, now) {
  const expiredAt = env.expires_at - EXPIRY_SKEW_MS;
  return now >= expiredAt ? "expired" : now >= expiredAt - EXPIRING_LEAD_MS ? "expiring" : "fresh";
}

/** Milliseconds from `now` to the session's next phase change, or undefined when none is ahead. */
export function nextChange(env, now) {
  const expiredAt = env.expires_at - EXPIRY_SKEW_MS;
  const next = [expiredAt - EXPIRING_LEAD_MS, expiredAt].find((t) => t > now);
  return next === undefined ? undefined : next - now;
}

/**
 * Stored text as an envelope of this version, or undefined: not JSON, another shape or version,
 * an empty or non-string token, a non-finite expiry, or a user `decodeUser` refuses.
 */
export function readEnvelope(text, decodeUser) {
  if (typeof text !== "string") return undefined;
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  if (v.v !== ENVELOPE_VERSION || typeof v.token !== "string" || v.token === "") return undefined;
  if (typeof v.expires_at !== "number" || !Number.isFinite(v.expires_at)) return undefined;
  let user;
  if (v.user != null) {
    user = decodeUser(v.user);
    if (user === undefined) return undefined;
  }
  return { v: ENVELOPE_VERSION, token: v.token, user, expires_at: v.expires_at };
}

const sameEnvelope = (a, b) => a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Where the envelope is kept: one Web Storage key, or memory. A read that throws counts as empty;
 * a write that throws (a full quota, Safari's private mode) moves the store to memory for good,
 * so `storageMode` tells the truth and a reload cannot find a stale envelope of this client.
 */
export class Store {
  constructor(web, key, mode) {
    this.web = web;
    this.key = key;
    this.mode = web ? mode : "memory";
    this.memory = null;
  }

  read() {
    if (!this.web) return this.memory;
    try {
      return this.web.getItem(this.key);
    } catch {
      return null;
    }
  }

  /** Writes `text`; false if the storage refused it (the store is then memory, holding `text`). */
  write(text) {
    if (this.web) {
      try {
        this.web.setItem(this.key, text);
        return true;
      } catch {
        // Kept to remove this client's previous envelope from it (SessionKeeper.finishLogin).
        this.refused = this.web;
        this.web = undefined;
        this.mode = "memory";
        this.memory = text;
        return false;
      }
    }
    this.memory = text;
    return true;
  }

  remove() {
    if (!this.web) this.memory = null;
    else try { this.web.removeItem(this.key); } catch { /* nothing to keep */ }
  }
}

/**
 * One client's session. `platform` is `{ now(), setTimer(fn, ms), clearTimer(handle) }`;
 * `hooks` is `{ emit(event), ended(token, event) }`: an auth event for the listeners, and "calls
 * in flight with this token must stop" (the host halts their retries) — after a logout, an
 * expiry, a refused token, or a login (here or in another tab) that replaced the session.
 *
 * The rules, each one checked by the model test:
 * - the latest-started login wins: `beginLogin` hands out a ticket, and a login's answer sets
 *   the session only if no login or logout started after it (`finishLogin`);
 * - a client removes the stored envelope only if it holds the token being ended (`end`), and
 *   unreadable stored values only at start-up (another package version may have written them);
 * - a session ends once: by logout, by its expiry, by a server answer for its token, by
 *   another tab's removal, or replaced by a login with another token (here or in another tab);
 *   `expired` is emitted at most once per token.
 */
export class SessionKeeper {
  constructor(store, ttlSeconds, decodeUser, platform, hooks) {
    Object.assign(this, { store, ttlSeconds, decodeUser, platform, hooks });
    this.env = undefined;
    // The last session ended by expiry (not by logout): calls say "expired", not "signed out",
    // until the next login or logout.
    this.lapsed = false;
    this.expiringSent = false;
    // Counts logins and logouts started: a login's answer applies only with the latest ticket.
    this.epoch = 0;
    this.disposed = false;
    this.timer = undefined;
  }

  /** Reads the stored session at start-up (no event: nobody listens yet). */
  restore() {
    const text = this.store.read();
    if (text === null || text === undefined) return;
    const env = readEnvelope(text, this.decodeUser);
    // Unreadable (or already expired) at start-up: nobody can use it, so it goes.
    if (!env || phase(env, this.platform.now()) === "expired") this.store.remove();
    else this.env = env;
    this.arm();
  }

  /** `client.session()`: a copy of the user and the expiry, never the token. */
  session() {
    const env = this.env;
    if (!env) return undefined;
    const session = env.user === undefined ? { expires_at: env.expires_at } : { user: env.user, expires_at: env.expires_at };
    return JSON.parse(JSON.stringify(session));
  }

  /** The token for a call now, or undefined (then `lapsed` says expired or signed out). */
  token() {
    const env = this.env;
    if (!env) return undefined;
    if (phase(env, this.platform.now()) === "expired") {
      this.end("expired", env.token);
      return undefined;
    }
    return env.token;
  }

  /** A login is starting: its ticket, which any later login or logout makes stale. */
  beginLogin() {
    return ++this.epoch;
  }

  isCurrent(ticket) {
    return ticket === this.epoch;
  }

  /** A login answered: the new session, or undefined when a later login or logout started. */
  finishLogin(ticket, token, user) {
    if (!this.isCurrent(ticket)) return undefined;
    const env = { v: ENVELOPE_VERSION, token, user, expires_at: this.platform.now() + this.ttlSeconds * 1000 };
    const previous = this.env;
    if (!this.store.write(JSON.stringify(env)) && previous) {
      // The storage refused the new envelope and the store is memory now: the previous one of
      // this client must not be what a reload restores.
      this.removeIfHeld(previous.token, true);
    }
    this.env = env;
    this.expiringSent = false;
    this.lapsed = false;
    // The replaced session has ended: calls in flight with its token make no further attempt.
    if (previous && previous.token !== token) this.hooks.ended(previous.token, "signed_in");
    this.hooks.emit("signed_in");
    this.arm();
    return this.session();
  }

  /** `client.logout()`: stale every login in flight, and end the session if there is one. */
  logout() {
    this.epoch++;
    this.lapsed = false;
    if (this.env) this.end("signed_out", this.env.token);
  }

  /**
   * Ends the session with `event` if `token` is still its token (so a late answer to an old
   * token never ends a newer login), removing the stored envelope only if it holds that token.
   * True if the session ended.
   */
  end(event, token) {
    const env = this.env;
    if (!env || env.token !== token) return false;
    this.removeIfHeld(token);
    this.env = undefined;
    this.lapsed = event === "expired";
    this.disarm();
    this.hooks.ended(token, event);
    this.hooks.emit(event);
    return true;
  }

  // Removes the stored envelope if it carries `token`: another client on the same key (a widget
  // beside the app, React StrictMode's second mount) may have stored a newer one. `web` reaches
  // past a store that has just fallen back to memory.
  removeIfHeld(token, web = false) {
    const storage = web ? this.store.refused : undefined;
    if (storage) {
      try {
        if (readEnvelope(storage.getItem(this.store.key), this.decodeUser)?.token === token) storage.removeItem(this.store.key);
      } catch { /* a storage that refuses this too keeps nothing we can reach */ }
      return;
    }
    if (readEnvelope(this.store.read(), this.decodeUser)?.token === token) this.store.remove();
  }

  /** A `storage` event for this key (another tab wrote, removed or cleared it). */
  onStorage() {
    if (this.disposed || !this.store.web) return;
    const text = this.store.read();
    if (text === null) {
      // Another tab signed out (or cleared the storage): so does this one (nothing is stored to
      // remove).
      if (this.env) this.end("signed_out", this.env.token);
      return;
    }
    const stored = readEnvelope(text, this.decodeUser);
    // Unreadable (another package version's) or already expired: not ours to judge or remove.
    if (!stored || phase(stored, this.platform.now()) === "expired") return;
    if (sameEnvelope(stored, this.env)) return;
    const previous = this.env?.token;
    const changed = stored.token !== previous || JSON.stringify(stored.user) !== JSON.stringify(this.env?.user);
    if (stored.token !== previous) {
      this.expiringSent = false;
      // Another tab's login replaced this session: as in `finishLogin`.
      if (previous) this.hooks.ended(previous, "signed_in");
    }
    this.env = stored;
    this.lapsed = false;
    if (changed) this.hooks.emit("signed_in");
    this.arm();
  }

  // ----- the expiry timer

  /** Schedules a wake-up at the session's next phase change (at once if `expiring` is due). */
  arm() {
    this.disarm();
    const env = this.env;
    if (!env || this.disposed) return;
    const now = this.platform.now();
    const due = phase(env, now) === "expiring" && !this.expiringSent;
    const next = nextChange(env, now);
    this.timer = this.platform.setTimer(() => {
      this.timer = undefined;
      this.tick();
      this.arm();
    }, due || next === undefined ? 0 : next);
  }

  disarm() {
    if (this.timer !== undefined) this.platform.clearTimer(this.timer);
    this.timer = undefined;
  }

  tick() {
    const env = this.env;
    if (!env) return;
    const p = phase(env, this.platform.now());
    if (p === "expiring" && !this.expiringSent) {
      this.expiringSent = true;
      this.hooks.emit("expiring");
    } else if (p === "expired") {
      this.end("expired", env.token);
    }
  }

  /** `client.dispose()`: no timer from now on, not even after the next login. */
  dispose() {
    this.disposed = true;
    this.disarm();
  }
}
