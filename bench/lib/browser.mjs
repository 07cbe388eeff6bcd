// Browser benchmarks in headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// cold start and per-call cost (bench/page/). Writes one JSON document to --out.
//   node bench/lib/browser.mjs --emulator BASE_URL --out FILE [--cold 25] [--calls 600] [--list 500] [--runs 3]
// BASE_URL is a running emulator seeded with bench/lib/seed.mjs (1,000+ meetings for Alice).
// The pages are served by a tiny static server here (pkg/ and bench/page/) with COOP/COEP so the
// page is cross-origin isolated and performance.now() has 5 µs, not 100 µs, resolution.
import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (v.startsWith("--") ? [...a, [v.slice(2), all[i + 1]]] : a), []));
const base = args.emulator;
const cold = Number(args.cold ?? 25), calls = Number(args.calls ?? 600), list = Number(args.list ?? 500), runs = Number(args.runs ?? 3);
const log = (...m) => console.error("browser.mjs:", ...m);
const deadline = Date.now() + Number(args["max-seconds"] ?? 600) * 1000; // hard bound on the whole run
setTimeout(() => { log("time bound reached, stopping"); process.exit(3); }, deadline - Date.now()).unref();

// --- the 1,000-meeting answer, assembled from 10 real pages of 100 ---
async function listFixture() {
  const login = await (await fetch(`${base}/login`, { method: "POST", headers: { "Content-Type": "application/json", "X-Api-Id": "demo-app" },
    body: JSON.stringify({ email: "alice@example.test", password: "Passw0rd!" }) })).json();
  const headers = { Authorization: `Token ${login.token}`, "X-App-Type": "vc", "X-Api-Id": "demo-app" };
  let first, meetings = [];
  for (let page = 1; meetings.length < 1000; page++) {
    const body = await (await fetch(`${base}/meetings?page=${page}&page_length=100`, { headers })).json();
    if (body.result !== 1 || !body.meetings.length) throw new Error(`emulator list page ${page}: ${JSON.stringify(body).slice(0, 200)}`);
    first ??= body;
    meetings.push(...body.meetings);
  }
  meetings = meetings.slice(0, 1000);
  return JSON.stringify({ ...first, search: { ...first.search, page: 1, page_length: 1000 }, meetings });
}

// --- static server ---
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = path.startsWith("/pkg/") ? join(root, path) : path.startsWith("/page/") ? join(root, "bench", path) : null;
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
    try {
      if (!file || file.includes("..")) throw new Error("no");
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, headers); res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run", "--disable-quic"];

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), "ucaas-bench-chromium-"));
const context0 = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
const browser = context0.browser() ?? null;
const out = { bench: "browser", chromium: null, origin, runs: [], cold: [] };
try {
  const text = await listFixture();
  out.list_fixture_bytes = Buffer.byteLength(text);
  await writeFile(join(root, "bench/out/list-1000.json"), text); // for bench/lib/profile-list.mjs

  // Cold start: a fresh incognito-like context per load (no HTTP cache, no compiled-code cache).
  // The persistent context cannot make new contexts; launch a plain browser for these.
  const b = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
  out.chromium = b.version();
  for (let i = 0; i < 2 * cold; i++) {
    const mode = i % 2 ? "streaming" : "steps";
    const ctx = await b.newContext();
    const page = await ctx.newPage();
    await page.goto(`${origin}/page/cold.html?mode=${mode}`);
    await page.waitForFunction(() => window.__result, null, { timeout: 20000 });
    out.cold.push(await page.evaluate(() => window.__result));
    await ctx.close();
  }
  log(`cold start: ${out.cold.length} loads`);

  // Per call: one page, repeated runs.
  const page = await context0.newPage();
  await page.goto(`${origin}/page/calls.html`);
  await page.waitForFunction(() => window.__ready, null, { timeout: 20000 });
  out.setup = await page.evaluate((u) => window.bench.setup(u), base);
  for (let r = 0; r < runs; r++) {
    const get = await page.evaluate(([n, w]) => window.bench.getMeeting("mtg-alice-current", n, w), [calls, 50]);
    const lst = await page.evaluate(([t, n, w]) => window.bench.listMeetings(t, n, w), [text, list, 20]);
    out.runs.push({ getMeeting: get, listMeetings: lst });
    log(`run ${r + 1}/${runs}: getMeeting p50 client ${get.client.p50.toFixed(3)} ms / fetch ${get.fetch.p50.toFixed(3)} ms; ` +
      `list p50 client ${lst.client.p50.toFixed(2)} / fetch ${lst.fetch.p50.toFixed(2)} / parse ${lst.parse.p50.toFixed(2)} ms`);
  }
  await b.close();
} finally {
  await context0.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
await writeFile(args.out, JSON.stringify(out) + "\n");
process.exit(0);
