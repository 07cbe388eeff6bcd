// Per-call cost of the package against what a user would write instead, in one page, interleaved
// A/B (the order alternates every pair so neither side always goes first). Driven by
// bench/lib/browser.mjs through window.bench.
import init, { UcaasClient } from "/pkg/index.js";

const realFetch = globalThis.fetch.bind(globalThis);
let fixture = null; // { text } of the 1,000-meeting answer while the list bench runs

// The list bench answers GET .../meetings?... from memory, so that it measures decoding, not the
// network: both sides get a fresh Response over the same text.
globalThis.fetch = (input, initArg) => {
  const url = typeof input === "string" ? input : input.url;
  if (fixture && /\/meetings\?/.test(url)) {
    return Promise.resolve(new Response(fixture.text, { status: 200, headers: { "Content-Type": "application/json" } }));
  }
  return realFetch(input, initArg);
};

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), min: s[0], max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function interleave(sides, n, warm) {
  const names = Object.keys(sides);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < warm + n; i++) {
    const order = i % 2 ? [...names].reverse() : names;
    for (const k of order) {
      const t = performance.now();
      await sides[k]();
      const dt = performance.now() - t;
      if (i >= warm) samples[k].push(dt);
    }
  }
  return Object.fromEntries(names.map((k) => [k, stats(samples[k])]));
}

let client, token, base;

window.bench = {
  async setup(baseUrl) {
    base = baseUrl;
    await init();
    client = new UcaasClient({ baseUrl, apiId: "demo-app", appType: "vc", storage: "memory" });
    await client.login("alice@example.test", "Passw0rd!");
    const res = await realFetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Api-Id": "demo-app" },
      body: JSON.stringify({ email: "alice@example.test", password: "Passw0rd!" }),
    });
    token = (await res.json()).token;
    return { isolated: self.crossOriginIsolated, ua: navigator.userAgent };
  },

  // client.getMeeting(id) vs fetch + the same headers + res.json() (+ the result check a user
  // needs), same emulator route.
  async getMeeting(id, n, warm) {
    const headers = { "X-Api-Id": "demo-app", Authorization: `Token ${token}`, "X-App-Type": "vc" };
    const url = `${base}/meetings/${encodeURIComponent(id)}`;
    const check = await client.getMeeting(id);
    if (check.meeting_id !== id) throw new Error("getMeeting answered another meeting");
    return interleave({
      client: () => client.getMeeting(id),
      fetch: async () => {
        const res = await fetch(url, { headers });
        const body = await res.json();
        if (body.result !== 1) throw new Error(`result ${body.result}`);
        return body.meeting;
      },
      // The same with what the client adds per call: an AbortController wired to a timeout, and
      // the body read as text then JSON.parse (not part of the goal; it splits the difference).
      fetchTimeout: async () => {
        const ctl = new AbortController();
        const timer = setTimeout(() => ctl.abort(), 15000);
        try {
          const res = await fetch(url, { headers, signal: ctl.signal });
          const body = JSON.parse(await res.text());
          if (body.result !== 1) throw new Error(`result ${body.result}`);
          return body.meeting;
        } finally {
          clearTimeout(timer);
        }
      },
    }, n, warm);
  },

  // client.listMeetings({page_length: 1000}) vs fetch + res.json() over the same in-memory
  // 1,000-meeting answer, and JSON.parse of its text alone.
  async listMeetings(text, n, warm) {
    fixture = { text };
    try {
      const check = await client.listMeetings({ page_length: 1000 });
      if (check.meetings.length !== 1000) throw new Error(`decoded ${check.meetings.length} meetings`);
      const headers = { "X-Api-Id": "demo-app", Authorization: `Token ${token}`, "X-App-Type": "vc" };
      return await interleave({
        client: () => client.listMeetings({ page_length: 1000 }),
        fetch: async () => (await fetch(`${base}/meetings?page_length=1000`, { headers })).json(),
        parse: async () => JSON.parse(text),
      }, n, warm);
    } finally {
      fixture = null;
    }
  },
};
window.__ready = true;
