// The client's own CPU per getMeeting in Node, fetch answered from memory (no network):
//   node bench/lib/call-overhead.mjs BASE_URL     (a running emulator, for the login and the answer)
import init, { UcaasClient } from "../../pkg/node.js";
const base = process.argv[2];
const real = globalThis.fetch;
let text = null;
globalThis.fetch = (u, i) => text && String(u).includes("/meetings/") ? Promise.resolve(new Response(text, { headers: { "Content-Type": "application/json" } })) : real(u, i);
await init();
const c = new UcaasClient({ baseUrl: base, apiId: "demo-app", appType: "vc", storage: "memory" });
await c.login("alice@example.test", "Passw0rd!");
const l = await (await real(base + "/login", { method: "POST", headers: { "Content-Type": "application/json", "X-Api-Id": "demo-app" }, body: JSON.stringify({ email: "alice@example.test", password: "Passw0rd!" }) })).json();
text = await (await real(base + "/meetings/mtg-alice-current", { headers: { Authorization: "Token " + l.token, "X-App-Type": "vc" } })).text();
const N = 20000;
const hdr = { "X-Api-Id": "demo-app", Authorization: "Token " + l.token, "X-App-Type": "vc" };
const B = async () => { const r = await fetch(base + "/meetings/mtg-alice-current", { headers: hdr }); const b = await r.json(); if (b.result !== 1) throw 0; return b.meeting; };
const A = () => c.getMeeting("mtg-alice-current");
for (let i = 0; i < 2000; i++) { await A(); await B(); }
let ta = 0, tb = 0;
for (let i = 0; i < N; i++) { let t = performance.now(); await A(); ta += performance.now() - t; t = performance.now(); await B(); tb += performance.now() - t; }
console.log(JSON.stringify({ client_us: (1000 * ta) / N, fetch_us: (1000 * tb) / N }));
