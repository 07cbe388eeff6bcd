// "ucaas-client/server" in a web page: a throwaway Vite build (in a temp folder, not the demo) of a
// page that imports it resolves the package's `browser` condition, whose module only throws the
// server-only error; headless Chromium loads it and the page reports that message. None of the
// server build (CpaasClient, HTTP Basic) is in the bundle. Run by www/test.sh (node --test).
// Needs: /usr/bin/chromium, www/node_modules (vite, playwright-core), and the built package:
// env UCAAS_PKG_DIR, else PKG_DIR (as www/build.sh), else <repo>/pkg. The package is consumed as
// `npm pack` ships it, unpacked into the temp folder's node_modules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname, extname, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const www = resolve(here, "..");
const repo = resolve(www, "..");
const pkgDir = resolve(www, process.env.UCAAS_PKG_DIR || process.env.PKG_DIR || join(repo, "pkg"));
const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const SERVER_ONLY = "for Node and Cloudflare Workers only";

let tmp;
let dist;
let server;
let origin;
let browser;
let hardStop;

/** The page: one module importing the server entry, reporting the outcome in the DOM. */
function writeApp(root) {
  writeFileSync(join(root, "index.html"), `<!doctype html>
<html><head><meta charset="utf-8"><title>server entry</title>
<script type="module" src="./main.js"></script></head>
<body><output id="result"></output></body></html>
`);
  writeFileSync(join(root, "main.js"), `const report = (kind, text) => {
  const out = document.getElementById("result");
  out.dataset.kind = kind;
  out.textContent = text;
};
import("ucaas-client/server").then(
  (m) => report("loaded", "no error; exports: " + Object.keys(m).join(", ")),
  (e) => report("error", String(e && e.message)),
);
`);
}

/** The package as a registry install unpacks it: `npm pack`, then the tarball into node_modules. */
function installPackage(root) {
  const packs = join(root, ".pkg");
  mkdirSync(packs);
  const name = execFileSync("npm", ["pack", pkgDir, "--pack-destination", packs, "--silent"], {
    encoding: "utf8", timeout: 60_000,
  }).trim().split("\n").pop();
  const dest = join(root, "node_modules", "ucaas-client");
  mkdirSync(dest, { recursive: true });
  execFileSync("tar", ["-xzf", join(packs, name), "-C", dest, "--strip-components=1"], { timeout: 30_000 });
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

function serve(root) {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const file = normalize(join(root, path === "/" ? "index.html" : path));
      if (!file.startsWith(root + sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => resolvePromise(srv));
  });
}

function jsFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => join(dir, f));
}

async function cleanup() {
  await browser?.close().catch(() => {});
  if (server) {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(() => r()));
    server = undefined;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

before(async () => {
  assert.ok(existsSync(join(pkgDir, "package.json")), `no package at ${pkgDir} (set UCAAS_PKG_DIR, or build it: bash scripts/build-pkg.sh)`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install -y chromium)`);
  // Bounded: whatever hangs, everything this file started is stopped after 2 minutes.
  hardStop = setTimeout(() => {
    console.error("server-entry: hard time limit reached, stopping");
    cleanup().finally(() => process.exit(1));
  }, 2 * 60_000);
  hardStop.unref();
  tmp = mkdtempSync(join(tmpdir(), "www-server-entry-"));
  const app = join(tmp, "app");
  mkdirSync(app);
  writeApp(app);
  installPackage(app);
  dist = join(app, "dist");
  await build({
    root: app,
    configFile: false,
    logLevel: "warn",
    build: { outDir: dist, emptyOutDir: true, target: "es2022", minify: false, modulePreload: { polyfill: false } },
  });
  server = await serve(dist);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
});

after(async () => {
  clearTimeout(hardStop);
  await cleanup();
});

test("in Chromium, importing ucaas-client/server (bundled by Vite) throws the server-only error", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${origin}/`);
  const out = page.locator("#result[data-kind]");
  await out.waitFor();
  const text = await out.textContent();
  assert.equal(await out.getAttribute("data-kind"), "error", text);
  assert.ok(text.includes(SERVER_ONLY), `reported: ${text}`);
  await page.close();
});

test("the bundle holds the browser stub only: nothing of the server build", () => {
  const files = jsFiles(dist);
  assert.ok(files.length > 0, "no JS in the bundle");
  const js = files.map((f) => readFileSync(f, "utf8")).join("\n");
  assert.ok(js.includes(SERVER_ONLY), "the stub's error is in the bundle");
  assert.ok(!js.includes("CpaasClient"), "CpaasClient is in the bundle");
  assert.ok(!js.includes("Basic "), "HTTP Basic is in the bundle");
  assert.deepEqual(readdirSync(dist, { recursive: true }).filter((f) => f.endsWith(".wasm")), [], "no .wasm emitted");
});
