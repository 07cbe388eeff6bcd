// The fault soak's page: the built `ucaas-client/full` in Chromium, driven step by step by
// tests/soak/soak.mjs. Each step is one client call of the mix; a step with a fault first arms
// it on the emulator (`POST /__emulator/faults`, count-bounded, on the route the call's first
// request takes), then makes the call, then reads whether the fault fired and clears it. The page
// reports what each call did; the driver judges it against the emulator's state and request log.
import init, { UcaasClient, UcaasError } from "./pkg/full/index.js";

const API = `${location.origin}/ucaas/v1`;
const CONTROL = `${location.origin}/__emulator`;
const EMAIL = "alice@example.test";
const PASSWORD = "Passw0rd!";
// Alice's permanent room: a PIN that joins whatever the soak's own meetings are doing.
const PERMANENT_PPIN = "900402";

// Every `POST /meetings` fetch() this page makes, by the soak marker in its room name, and every
// API fetch() by method and path: the client's own sends. The emulator's request log also has
// what the browser's network stack sends again on its own.
const schedulePosts = new Map();
const sends = new Map();
const unhandled = [];
const authEvents = [];
let loggingOut = false;
let client;
// Meetings the soak scheduled and knows the state of: { id, marker, ppin }. A meeting whose
// update or cancel ended without an answer leaves this list (its state is unknown).
const meetings = [];
// Markers whose meeting a cancel confirmed gone (the driver adds them to the server's count),
// and those a failed cancel may have removed.
const cancelled = [];
const maybeCancelled = [];

window.addEventListener("unhandledrejection", (e) => {
  unhandled.push(String(e.reason?.stack ?? e.reason));
});

const realFetch = window.fetch.bind(window);
window.fetch = (url, init) => {
  const u = new URL(String(url), location.href);
  if (u.pathname.startsWith("/ucaas/v1/")) {
    const key = `${init?.method ?? "GET"} ${u.pathname}`;
    sends.set(key, (sends.get(key) ?? 0) + 1);
  }
  if (init?.method === "POST" && u.pathname === "/ucaas/v1/meetings" && typeof init.body === "string") {
    const marker = JSON.parse(init.body).room_name;
    schedulePosts.set(marker, (schedulePosts.get(marker) ?? 0) + 1);
  }
  return realFetch(url, init);
};

async function control(method, path, body) {
  const r = await realFetch(`${CONTROL}/${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`control ${method} ${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

// The fault a step arms, as the emulator takes it.
function faultSpec(fault, route, method) {
  const spec = { route, method, count: fault.count };
  switch (fault.kind) {
    case "latency": spec.latency_ms = fault.latencyMs; break;
    case "timeout": spec.latency_ms = fault.latencyMs; break;
    case "error": spec.error_rate = 1; break;
    case "html": spec.html = true; spec.html_status = fault.status; break;
    case "truncate": spec.truncate = true; break;
    case "drop": spec.drop = true; break;
    case "reset_after": spec.reset_after = true; break;
    case "panic": spec.panic = true; break;
    default: throw new Error(`unknown fault kind ${fault.kind}`);
  }
  return spec;
}

const pickMeeting = (r) => (meetings.length ? meetings[Math.floor(r * meetings.length)] : undefined);

function startTime(n) {
  // Distinct future starts, one hour apart by step number.
  const t = new Date(Date.UTC(2099, 0, 1, 0, 0, 0) + n * 3_600_000);
  return t.toISOString().slice(0, 19).replace("T", " ");
}

// The call a step makes: [route, method, () => Promise]. `options` carries a timeout step's
// shorter timeoutMs.
function call(step, options) {
  const m = pickMeeting(step.pick);
  switch (step.op) {
    case "login":
      return ["/login", "POST", () => client.login(EMAIL, PASSWORD, options)];
    case "relogin":
      return ["/login", "POST", () => {
        loggingOut = true;
        client.logout();
        loggingOut = false;
        return client.login(EMAIL, PASSWORD, options);
      }];
    case "list":
      return ["/meetings", "GET", () => client.listMeetings({ page_length: 20 }, options)];
    case "iterate":
      return ["/meetings", "GET", async () => {
        let n = 0;
        for await (const _ of client.meetings({ page_length: 10 }, options)) if (++n === 15) break;
        return n;
      }];
    case "schedule": {
      const marker = `${step.prefix}-${step.n}`;
      const input = { room_name: marker, start_time: startTime(step.n), duration: 30, moderators: 1, participants: 2 };
      return ["/meetings", "POST", async () => {
        const meeting = await client.scheduleMeeting(input, options);
        meetings.push({ id: meeting.meeting_id, marker, ppin: meeting.ppin });
        return meeting;
      }, marker];
    }
    case "update":
      if (!m) return undefined;
      return [`/meetings/${m.id}`, "PATCH", () => client.updateMeeting(m.id, { desc: `update ${step.n}` }, options), m];
    case "cancel":
      if (!m) return undefined;
      return [`/meetings/${m.id}`, "DELETE", async () => {
        const r = await client.cancelMeeting(m.id, options);
        meetings.splice(meetings.indexOf(m), 1);
        cancelled.push(m.marker);
        return r;
      }, m];
    case "join": {
      const pin = m?.ppin ?? PERMANENT_PPIN;
      return ["/sessions/join", "POST", () => client.joinSession({ pin, name: `Soak ${step.n}`, user_ref: `soak-${step.n}` }, options)];
    }
  }
  throw new Error(`unknown op ${step.op}`);
}

async function runStep(step) {
  const record = { n: step.n, op: step.op, fault: step.fault?.kind ?? null, count: step.fault?.count, fired: false, outcome: "ok" };
  // A step that needs a session and has none signs in first (unfaulted: the driver's model
  // counts these as sign-ins, not as the step).
  if (!["login", "join"].includes(step.op) && client.session() === undefined) {
    record.signedInFirst = true;
    try {
      await client.login(EMAIL, PASSWORD);
    } catch (e) {
      // Nothing is faulted here: the model expects no such outcome, so the driver reports it.
      record.outcome = `sign-in before the call: ${e instanceof UcaasError ? e.kind : "untyped"}`;
      return record;
    }
  }
  if (step.op === "login" && client.session() !== undefined) step = { ...step, op: "relogin" }, record.op = "relogin";
  const options = step.fault?.kind === "timeout" ? { timeoutMs: step.fault.timeoutMs } : undefined;
  const planned = call(step, options);
  if (!planned) {
    // Nothing to update or cancel yet: schedule instead, so every step is a call.
    return runStep({ ...step, op: "schedule" });
  }
  const [route, method, run, target] = planned;
  if (typeof target === "string") record.marker = target;
  if (step.fault) await control("POST", "faults", faultSpec(step.fault, route, method));
  const started = performance.now();
  try {
    await run();
  } catch (e) {
    record.outcome = e instanceof UcaasError && typeof e.kind === "string" && e.kind !== "" ? e.kind : "untyped";
    if (record.outcome === "untyped") record.untyped = String(e?.stack ?? e);
    record.status = e?.status;
    // An update or cancel that may or may not have happened: its meeting's state is unknown now.
    if (target && typeof target === "object" && meetings.includes(target)) {
      meetings.splice(meetings.indexOf(target), 1);
      if (step.op === "cancel") maybeCancelled.push(target.marker);
    }
  }
  record.ms = performance.now() - started;
  if (step.fault) {
    const left = (await control("GET", "faults")).faults;
    record.fired = left.length === 0 || (left[0].remaining ?? 0) < step.fault.count;
    await control("DELETE", "faults");
  }
  return record;
}

window.soak = {
  async start(timeoutMs) {
    await init();
    // Memory storage: the soak's session is this page's alone.
    client = new UcaasClient({ baseUrl: API, apiId: "demo-app", appType: "vc", storage: "memory", timeoutMs });
    client.onAuthChange((event) => {
      if (event !== "initial") authEvents.push({ event, byLogout: loggingOut });
    });
  },
  async run(steps) {
    const records = [];
    for (const step of steps) records.push(await runStep(step));
    return records;
  },
  // What the driver checks at the end.
  report() {
    return {
      schedulePosts: Object.fromEntries(schedulePosts),
      sends: Object.fromEntries(sends),
      maybeCancelled,
      unhandled,
      authEvents,
      cancelled,
      signedIn: client.session() !== undefined,
    };
  },
};
window.soakReady = true;
