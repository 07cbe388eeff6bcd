// Where the time of listMeetings(1,000) goes, in Node with a V8 CPU profile (no browser needed):
//   node --cpu-prof --cpu-prof-dir=DIR bench/lib/profile-list.mjs LIST.json BASE_URL
// LIST.json: a 1,000-meeting answer (bench/lib/browser.mjs writes bench/out/list-1000.json);
// BASE_URL: a running emulator (for the login). fetch of /meetings? is answered from memory.
import init, { UcaasClient } from "../../pkg/node.js";
import { readFileSync } from "node:fs";
const text = readFileSync(process.argv[2], "utf8");
const real = globalThis.fetch;
globalThis.fetch = (u, i) => String(u).includes("/meetings?") ? Promise.resolve(new Response(text, { headers: { "Content-Type": "application/json" } })) : real(u, i);
await init();
const base = process.argv[3];
const c = new UcaasClient({ baseUrl: base, apiId: "demo-app", appType: "vc", storage: "memory" });
await c.login("alice@example.test", "Passw0rd!");
for (let i = 0; i < 20; i++) await c.listMeetings({ page_length: 1000 });
const t = performance.now(); for (let i = 0; i < 100; i++) await c.listMeetings({ page_length: 1000 }); console.log("client ms/call", (performance.now() - t) / 100);
const t2 = performance.now(); for (let i = 0; i < 100; i++) await (await fetch(base + "/meetings?x")).json(); console.log("fetch+json ms/call", (performance.now() - t2) / 100);
