#!/usr/bin/env node
// Writes edge/.gen/modules.capnp: the module list config.capnp runs (the worker's own modules
// plus the npm package's files), for plain workerd.
//
//   node edge/tools/modules.mjs [PKG_DIR]        (default: ../pkg beside edge/)
//
// Optionally, for another worker on another build of the package (the test suite of the server
// entry does this; run.sh, the tests and the benchmark use the defaults):
//
//   node edge/tools/modules.mjs [PKG_DIR] --subpath ./server --main test/server-worker.js \
//     --out .gen/server-modules.capnp
//
//   --subpath P   the export subpath whose `workerd` condition is the entry (default "."); the
//                 entry is named "ucaas-client" + P without its "." ("ucaas-client/server")
//   --main F      a worker module (repeatable; the first is the main module), named by its file
//                 name; replaces the proxy's own modules
//   --out F       the file written (default .gen/modules.capnp)
//   Relative --main and --out paths are taken from edge/.
//
// Why generated: wasm-bindgen copies the crate's JavaScript snippets into
// pkg/snippets/<crate>-<hash>/..., and the hash is not stable across checkouts, while workerd
// needs every module named in its config. So the list is read off the package itself: starting
// at its `workerd` export-condition entry, every static relative import is followed. The entry is
// named `ucaas-client` (what `import "ucaas-client"` asks for) and the rest keep their path
// inside the package, which is where their relative imports resolve from there. A `.wasm` file is
// a compiled wasm module (workerd does not compile wasm from bytes at run time).
// Run by run.sh, the tests and bench/edge.sh before workerd starts; nothing is built.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, posix, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const EDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The worker's own modules: [name, path relative to edge/]. The first is the main module. */
const EDGE_MODULES = [
  ["worker.js", "src/worker.js"],
  ["pin-guard.js", "src/pin-guard.js"],
  ["failure-tally.js", "src/failure-tally.js"],
  ["guard-record.js", "src/guard-record.js"],
];

/**
 * The package's entry for workerd, from its package.json `exports` (condition `workerd`) under
 * `subpath` ("." is the root build).
 */
function workerdEntry(pkgDir, subpath = ".") {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const find = (node) => {
    if (typeof node === "string") return undefined;
    if (!node || typeof node !== "object") return undefined;
    if (typeof node.workerd === "string") return node.workerd;
    if (node.workerd) return find(node.workerd) ?? pick(node.workerd);
    for (const value of Object.values(node)) {
      const hit = find(value);
      if (hit) return hit;
    }
    return undefined;
  };
  const pick = (node) =>
    typeof node === "string" ? node : node && (node.import ?? node.default ?? undefined);
  const exp = manifest.exports;
  if (subpath !== ".") {
    const node = exp && typeof exp === "object" ? exp[subpath] : undefined;
    const entry = node && typeof node === "object" ? find(node) : undefined;
    if (!entry) throw new Error(`${pkgDir}/package.json has no "workerd" export condition for ${subpath}`);
    return posix.normalize(entry.replace(/^\.\//, ""));
  }
  const root = exp && typeof exp === "object" && "." in exp ? exp["."] : exp;
  const entry = find(root) ?? (existsSync(join(pkgDir, "workerd.js")) ? "./workerd.js" : undefined);
  if (!entry) throw new Error(`${pkgDir}/package.json has no "workerd" export condition`);
  return posix.normalize(entry.replace(/^\.\//, ""));
}

/** Static relative imports / re-exports of an ES module's source. */
function relativeImports(source) {
  const found = new Set();
  const patterns = [
    // Minified code writes `import{a as b}from"./x.js"`: no white space is required anywhere.
    /\bimport\s*(?:[\w*\s{},$]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
    /\bexport\s*(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["'](\.{1,2}\/[^"']+)["']/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.add(m[1]);
  return [...found];
}

/** The module name of a package entry: "ucaas-client" for ".", "ucaas-client/server" for "./server". */
export function entryName(subpath = ".") {
  const rest = posix.normalize(subpath).replace(/^\.\/?/, "").replace(/\/$/, "");
  if (rest.startsWith("..") || rest.startsWith("/")) throw new Error(`bad subpath: ${subpath}`);
  return rest ? `ucaas-client/${rest}` : "ucaas-client";
}

export function packageModules(pkgDir, subpath = ".") {
  const entry = workerdEntry(pkgDir, subpath);
  const name = entryName(subpath);
  /** @type {Map<string, string>} path inside pkg -> module name */
  const modules = new Map([[entry, name]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    if (!file.endsWith(".js") && !file.endsWith(".mjs")) continue;
    const source = readFileSync(join(pkgDir, file), "utf8");
    for (const spec of relativeImports(source)) {
      // The file is found relative to the importer's path; workerd resolves the import relative
      // to the importer's *name*, so that is the name the target gets. The root entry is named
      // "ucaas-client" at the root, so there every name is the file's path; the entry
      // "ucaas-client/server" (server/workerd.js) names server/x.js "ucaas-client/x.js", while
      // ../error.js stays "error.js".
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      const targetName = posix.normalize(posix.join(posix.dirname(modules.get(file)), spec));
      if (target.startsWith("..")) throw new Error(`${file} imports outside the package: ${spec}`);
      if (targetName.startsWith("..")) throw new Error(`${file} imports above the module root: ${spec}`);
      if (!existsSync(join(pkgDir, target))) throw new Error(`${file} imports missing ${spec}`);
      if (!modules.has(target)) {
        modules.set(target, targetName);
        queue.push(target);
      } else if (modules.get(target) !== targetName) {
        throw new Error(`${target} is imported as both ${modules.get(target)} and ${targetName}`);
      }
    }
  }
  return modules;
}

/**
 * @param {string} [pkgDir]
 * @param {{ subpath?: string, main?: string[], out?: string }} [options]  see the header; paths
 *   relative to edge/
 */
export function writeModulesCapnp(pkgDir = resolve(EDGE_DIR, "..", "pkg"), options = {}) {
  const { subpath = ".", main, out: outFile } = options;
  const out = outFile ? resolve(EDGE_DIR, outFile) : join(EDGE_DIR, ".gen", "modules.capnp");
  const outDir = dirname(out);
  mkdirSync(outDir, { recursive: true });
  const rel = (p) => relative(outDir, p).split("\\").join("/");
  const workerModules = main?.length ? main.map((p) => [basename(p), p]) : EDGE_MODULES;
  const lines = [];
  for (const [name, path] of workerModules) {
    lines.push(`  (name = "${name}", esModule = embed "${rel(resolve(EDGE_DIR, path))}"),`);
  }
  for (const [file, name] of packageModules(pkgDir, subpath)) {
    const kind = file.endsWith(".wasm") ? "wasm" : file.endsWith(".json") ? "json" : "esModule";
    lines.push(`  (name = "${name}", ${kind} = embed "${rel(join(pkgDir, file))}"),`);
  }
  const text = `# Generated by edge/tools/modules.mjs from ${rel(pkgDir)}; do not edit (not committed).
using Workerd = import "/workerd/workerd.capnp";

const modules :List(Workerd.Worker.Module) = [
${lines.join("\n")}
];
`;
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        subpath: { type: "string" },
        main: { type: "string", multiple: true },
        out: { type: "string" },
      },
    });
    const out = writeModulesCapnp(positionals[0] ? resolve(positionals[0]) : undefined, values);
    console.error(`wrote ${relative(process.cwd(), out)}`);
  } catch (err) {
    console.error(`edge/tools/modules.mjs: ${err.message}`);
    process.exit(1);
  }
}
