// CPU profile of the edge proxy under load: where workerd's JavaScript time goes on POST /join
// (docs: BENCHMARKS.md, edge section). Not a test and not part of bench/run.sh:
//
//   node --experimental-websocket bench/lib/profile-edge.mjs [SECONDS] [CONNECTIONS]
//   (PROFILE_OUT=FILE also writes the raw .cpuprofile)
//
// Starts the emulator and the proxy (edge/config.capnp, workerd's inspector on a free loopback
// port), warms up, records a V8 CPU profile while wrk sends successful joins, and prints self time
// by function and by file (top entries), as JSON on stdout. Every process started here is stopped.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { closedPort, EDGE_DIR, startEmulator, stopAll } from "../../edge/test/harness.mjs";
import { writeModulesCapnp } from "../../edge/tools/modules.mjs";

const seconds = Number(process.argv[2] ?? 4);
const connections = Number(process.argv[3] ?? 8);
const work = mkdtempSync(join(tmpdir(), "ucaas-edge-profile-"));
const emu = await startEmulator();
writeModulesCapnp();
const inspectorPort = await closedPort();
const workerd = spawn(
  join(EDGE_DIR, "node_modules/.bin/workerd"),
  ["serve", join(EDGE_DIR, "config.capnp"), "--socket-addr", "http=127.0.0.1:0", "--directory-path", `pin-guard-storage=${work}`,
    "--inspector-addr", `127.0.0.1:${inspectorPort}`, "--control-fd", "3"],
  { stdio: ["ignore", "ignore", "pipe", "pipe"], env: { ...process.env, UCAAS_BASE_URL: emu.baseUrl, UCAAS_API_ID: "demo-app" } },
);
const stop = async () => { workerd.kill("SIGTERM"); await stopAll(); };
try {
  const port = await new Promise((ok) => createInterface({ input: workerd.stdio[3] }).on("line", (l) => {
    const m = JSON.parse(l);
    if (m.event === "listen" && m.socket === "http") ok(m.port);
  }));
  const url = `http://127.0.0.1:${port}/join`;
  const lua = join(work, "join.lua");
  writeFileSync(lua, `wrk.method = "POST"\nwrk.body = '{"pin":"444444","name":"Bench","user_ref":"bench-1"}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  const wrk = (s) => execFileSync("wrk", ["-t1", `-c${connections}`, `-d${s}s`, "-s", lua, url], { encoding: "utf8" });
  wrk(2);

  const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/edge`);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (e) => { const m = JSON.parse(e.data); if (waiting.has(m.id)) { waiting.get(m.id)(m.result); waiting.delete(m.id); } };
  const send = (method, params = {}) => new Promise((ok) => { waiting.set(++id, ok); ws.send(JSON.stringify({ id, method, params })); });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 100 });
  await send("Profiler.start");
  const wrkOut = await new Promise((ok) => { const c = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "-s", lua, url]); let o = ""; c.stdout.on("data", (d) => (o += d)); c.on("exit", () => ok(o)); });
  const { profile } = await send("Profiler.stop");
  ws.close();
  // PROFILE_OUT=file.cpuprofile keeps the raw profile (Chrome DevTools opens it).
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

  const requests = Number(/(\d+) requests in/.exec(wrkOut)?.[1] ?? 0);
  const dt = profile.timeDeltas;
  const selfUs = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  const fn = new Map(), file = new Map();
  let total = 0, idle = 0;
  for (const [nid, us] of selfUs) {
    const cf = byId.get(nid).callFrame;
    const name = cf.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)") { idle += name === "(idle)" ? us : 0; if (name === "(idle)") continue; }
    total += us;
    const where = cf.url ? cf.url.split("/").pop() : "(native)";
    const k = `${name} ${where}:${cf.lineNumber + 1}`;
    fn.set(k, (fn.get(k) ?? 0) + us);
    file.set(where, (file.get(where) ?? 0) + us);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ what: k, us_per_req: +(us / Math.max(requests, 1)).toFixed(1), pct: +((100 * us) / total).toFixed(1) }));
  console.log(JSON.stringify({ requests, js_us_per_req: +(total / Math.max(requests, 1)).toFixed(1), by_file: top(file, 12), by_function: top(fn, 30) }, null, 1));
} finally {
  await stop();
}
