// Per-dependency cost of the package's .wasm (used by bench/deps.sh).
//  1. twiggy over a names-kept build of the same code (wasm-bindgen --keep-debug, then wasm-opt
//     with the package's flags plus -g so names survive), rows grouped by crate;
//  2. the probes under bench/probes (built by deps.sh): with/without comparisons.
// Writes bench/out/deps.json and prints a markdown summary.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sizes } from "../../scripts/size.mjs";

const [root, keepWasm, probeDir] = process.argv.slice(2);

const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", keepWasm], { encoding: "utf8", maxBuffer: 64 << 20 });
function parseCsv(text) {
  const rows = [];
  for (const line of text.trim().split("\n").slice(1)) {
    // Name may be quoted with "" escapes; the size is the first field after it.
    const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!m) continue;
    const name = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
    rows.push({ name, bytes: Number(m[2]) });
  }
  return rows;
}
const CRATES = ["ucaas_client", "ucaas_codes", "serde_json", "serde_wasm_bindgen", "serde_core", "serde", "js_sys",
  "web_sys", "wasm_bindgen_futures", "wasm_bindgen", "lol_alloc", "tsify", "itoa", "ryu", "zmij", "core", "alloc", "std"];
function group(name) {
  if (/subsection|custom section/.test(name)) return "names/custom sections (not shipped)";
  if (name.startsWith("data segment")) return "data segments (strings, tables)";
  if (/externref shim|multivalue shim|^__wbg|^__wbindgen|^import |^export |^ucaasclient_|^ucaaserror_|^__externref/.test(name)) return "wasm-bindgen glue (imports, exports, shims)";
  if (/^(type|table|global|code|elem)\[|wasm magic|^memory/.test(name)) return "module structure (types, tables, unnamed code)";
  const tokens = [...name.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]);
  for (const t of tokens) {
    if (t === "ucaas_client") {
      const i = name.indexOf("ucaas_client::");
      const mod = name.slice(i).split("::").slice(1, 3);
      return `ucaas_client::${mod[0] === "wasm" || mod[0] === "api" ? mod.join("::") : mod[0]}`.replace(/::[A-Z<].*$/, "");
    }
    if (CRATES.includes(t)) {
      if (["core", "alloc", "std"].includes(t)) continue; // a std impl for a crate's type counts for the crate
      return t === "serde_core" ? "serde" : t;
    }
  }
  for (const t of tokens) if (["core", "alloc", "std"].includes(t)) return "core/alloc/std";
  if (/^__rust|^rust_|^__rdl|^__rg|memcpy|memset|memmove|memcmp|^dlmalloc/.test(name)) return "core/alloc/std";
  return "other";
}
const rows = parseCsv(csv);
const total = rows.reduce((a, r) => a + r.bytes, 0);
const byGroup = new Map();
for (const r of rows) {
  const g = group(r.name);
  const e = byGroup.get(g) ?? { group: g, bytes: 0, items: 0, top: [] };
  e.bytes += r.bytes; e.items++; if (e.top.length < 3) e.top.push(`${r.name.replace(/::h[0-9a-f]{16}$/, "")} (${r.bytes})`);
  byGroup.set(g, e);
}
const groups = [...byGroup.values()].sort((a, b) => b.bytes - a.bytes);
const shipped = total - (byGroup.get("names/custom sections (not shipped)")?.bytes ?? 0);

// twiggy 0.8 has no CSV for garbage: read its table.
const garbage = execFileSync("twiggy", ["garbage", "-n", "100000", keepWasm], { encoding: "utf8", maxBuffer: 64 << 20 });
const garbageRows = [...garbage.matchAll(/^\s*(\d+) ┊\s*[\d.]+% ┊ (.*)$/gm)].map((m) => ({ name: m[2], bytes: Number(m[1]) }))
  .filter((r) => !/^Σ|^\.\.\. and/.test(r.name));

// Probes: name -> what it stands for.
const PROBES = [
  ["websys-fetch", "web-sys fetch + JSON.parse (what the client uses)"],
  ["gloo-fetch", "gloo-net 0.7 request + text + JSON.parse"],
  ["gloo-fetch-json", "gloo-net 0.7 request + .json::<Meeting>() (serde_json) + serde-wasm-bindgen to JS"],
  ["decode-shape", "web-sys fetch + JSON.parse + shape table walk (src/shape.rs, src/loose.rs)"],
  ["decode-serde-json", "web-sys fetch + serde_json::from_str::<Meeting> + serde-wasm-bindgen to JS"],
  ["decode-swb", "web-sys fetch + JSON.parse + serde-wasm-bindgen from_value/to_value"],
  ["websys-storage", "web-sys localStorage set + get (what the client uses)"],
  ["gloo-storage", "gloo-storage 0.4 LocalStorage set + get (serde_json)"],
];
const probes = [];
for (const [name, what] of PROBES) {
  const dir = join(probeDir, name);
  const wasm = join(dir, `probe_${name.replace(/-/g, "_")}_bg.wasm`);
  const js = join(dir, `probe_${name.replace(/-/g, "_")}.js`);
  if (!existsSync(wasm)) throw new Error(`missing ${wasm}`);
  probes.push({ name, what, wasm: sizes(readFileSync(wasm)), glue: sizes(readFileSync(js)) });
}
const date = new Date().toISOString().slice(0, 10);
const out = { bench: "deps", date, names_kept_total: total, shipped_estimate: shipped, groups, garbage: garbageRows.slice(0, 10), probes };
writeFileSync(join(root, "bench/out/deps.json"), JSON.stringify(out, null, 1) + "\n");

const pct = (n) => ((100 * n) / shipped).toFixed(1);
console.log(`### Where the .wasm bytes go (twiggy top, names-kept build after wasm-opt -Oz -g; ${shipped} bytes of code and data)\n`);
console.log("| group | bytes | % | items | largest |\n|---|---:|---:|---:|---|");
for (const g of groups) {
  if (g.group.startsWith("names/")) continue;
  console.log(`| ${g.group} | ${g.bytes} | ${pct(g.bytes)} | ${g.items} | ${g.top.map((t) => "`" + t.replace(/\|/g, "\\|") + "`").join(", ")} |`);
}
console.log(`\ntwiggy garbage (unreachable items): ${garbageRows.reduce((a, r) => a + r.bytes, 0)} bytes in ${garbageRows.length} items (custom sections and unused types; nothing of size).\n`);
console.log("### Build-with / build-without probes (release profile of the repository, wasm-opt -Oz)\n");
console.log("| probe | what | .wasm raw | .wasm gzip | glue gzip | Δ wasm gzip vs baseline |\n|---|---|---:|---:|---:|---:|");
const base = { fetch: probes.find((p) => p.name === "websys-fetch"), storage: probes.find((p) => p.name === "websys-storage") };
for (const p of probes) {
  const b = p.name.includes("storage") ? base.storage : base.fetch;
  const d = p.wasm.gzip - b.wasm.gzip;
  console.log(`| ${p.name} | ${p.what} | ${p.wasm.raw} | ${p.wasm.gzip} | ${p.glue.gzip} | ${p === b ? "baseline" : (d >= 0 ? "+" : "") + d} |`);
}
