#!/usr/bin/env node
// Package size: the .wasm and the JS glue a browser loads (ucaas_client.js + the js/runtime.js
// snippet + index.js + error.js, and meetings.js for the builds that import it), raw / gzip (zlib level 9) / brotli (zlib, quality 11). Shared by
// bench/run.sh (BENCHMARKS.md) and the CI size-budget test. Dependency-free Node (>= 20).
//
//   node scripts/size.mjs [--pkg DIR] [--budget BYTES] [--json FILE]
//
// Prints a table on stdout, then one JSON line. With --budget, exits 1 when wasm + glue gzip
// is over BYTES (and says by how much); exits 2 when a file is missing. --json also writes the
// JSON to FILE.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const out = { pkg: join(root, "pkg"), budget: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === "--pkg") out.pkg = value();
    else if (a === "--budget") {
      const v = value();
      if (!/^\d+$/.test(v)) usage(`--budget takes a whole number of bytes, not ${JSON.stringify(v)}`);
      out.budget = Number(v);
    } else if (a === "--json") out.json = value();
    else if (a === "-h" || a === "--help") usage(null);
    else usage(`unknown argument ${a}`);
  }
  return out;
}

function usage(error) {
  const text = "usage: node scripts/size.mjs [--pkg DIR] [--budget BYTES] [--json FILE]";
  if (error) {
    console.error(`size.mjs: ${error}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

function runtimeSnippet(pkg) {
  const snippets = join(pkg, "snippets");
  if (!existsSync(snippets)) return null;
  // The server build's host module is js/server.js (bundled with js/runtime.js).
  for (const name of ["runtime.js", "server.js"]) {
    for (const dir of readdirSync(snippets)) {
      const candidate = join(snippets, dir, "js", name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        ...(isText(bytes) ? { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } : {}),
      },
    }).length,
  };
}

function isText(bytes) {
  return !(bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d);
}

export function measure(pkg) {
  const runtime = runtimeSnippet(pkg);
  const files = {
    wasm: [join(pkg, "ucaas_client_bg.wasm")],
    // error.js is shared by the builds: at the package's root, beside the full build's folder.
    glue: [join(pkg, "ucaas_client.js"), runtime ?? join(pkg, "snippets/*/js/runtime.js"), join(pkg, "index.js"),
      [join(pkg, "error.js"), join(pkg, "..", "error.js")].find((f) => existsSync(f)) ?? join(pkg, "error.js")],
  };
  // The meeting interface, shared at the root too, is loaded by the builds whose entries import it.
  const entries = ["index.js", "node.js"].map((f) => join(pkg, f)).filter((f) => existsSync(f));
  if (entries.some((f) => readFileSync(f, "utf8").includes("meetings.js"))) {
    files.glue.push([join(pkg, "meetings.js"), join(pkg, "..", "meetings.js")].find((f) => existsSync(f)) ?? join(pkg, "meetings.js"));
  }
  const missing = [...files.wasm, ...files.glue].filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`size.mjs: missing ${missing.map((f) => relative(process.cwd(), f)).join(", ")} (bash scripts/build-pkg.sh)`);
    process.exit(2);
  }
  const rows = [];
  for (const [group, list] of Object.entries(files)) {
    for (const file of list) rows.push({ group, file: relative(pkg, file), ...sizes(readFileSync(file)) });
  }
  const sum = (group, k) => rows.filter((r) => group === "total" || r.group === group).reduce((a, r) => a + r[k], 0);
  const totals = {};
  for (const group of ["wasm", "glue", "total"]) {
    totals[group] = { raw: sum(group, "raw"), gzip: sum(group, "gzip"), brotli: sum(group, "brotli") };
  }
  return { files: rows, ...totals };
}

function table(result) {
  const kb = (n) => `${n} (${(n / 1024).toFixed(1)} KiB)`;
  const lines = [["file", "raw", "gzip -9", "brotli -q11"]];
  for (const r of result.files) lines.push([r.file, kb(r.raw), kb(r.gzip), kb(r.brotli)]);
  for (const g of ["wasm", "glue", "total"]) lines.push([`= ${g}`, kb(result[g].raw), kb(result[g].gzip), kb(result[g].brotli)]);
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")).join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  const result = measure(args.pkg);
  const out = { bench: "size", unit: "bytes", ...result };
  if (args.budget !== null) {
    out.budget = { bytes: args.budget, measured: "total.gzip", over: result.total.gzip - args.budget };
    out.budget.ok = out.budget.over <= 0;
  }
  console.log(table(result));
  const line = JSON.stringify(out);
  console.log(line);
  if (args.json) writeFileSync(args.json, line + "\n");
  if (args.budget !== null) {
    const { over } = out.budget;
    if (over > 0) {
      console.error(`size.mjs: wasm + glue gzip is ${result.total.gzip} bytes, ${over} over the budget of ${args.budget}`);
      process.exit(1);
    }
    console.error(`size.mjs: wasm + glue gzip is ${result.total.gzip} bytes, within the budget of ${args.budget} (${-over} to spare)`);
  }
}
