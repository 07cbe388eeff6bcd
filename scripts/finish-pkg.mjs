// Turns wasm-pack's pkg/ into the npm package users install: optimises the .wasm with binaryen's
// wasm-opt (npm, v132+), adds the entry files for browsers, Node and workerd, and writes the
// package.json "exports" map that picks between them.
//
// Usage: node scripts/finish-pkg.mjs [pkg-dir]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = process.argv[2] ?? join(root, "pkg");
const wasm = join(pkg, "ucaas_client_bg.wasm");

function optimise() {
  const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) throw new Error("wasm-opt from npm binaryen is missing: run npm ci in the repository root");
  // The features current rustc emits by default; wasm-opt must be told to keep them.
  execFileSync(wasmOpt, [wasm, "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
    "-o", wasm], { stdio: "inherit" });
}

// wasm-bindgen copies js/runtime.js to snippets/<crate>-<hash>/js/runtime.js; the hash varies.
function runtimePath() {
  const snippets = join(pkg, "snippets");
  for (const dir of readdirSync(snippets)) {
    const candidate = join(snippets, dir, "js", "runtime.js");
    if (existsSync(candidate)) return "./" + relative(pkg, candidate);
  }
  throw new Error("js/runtime.js not found under pkg/snippets");
}

function writeEntries(runtime) {
  const reexports = `export * from "./ucaas_client.js";\nexport { UcaasError } from "${runtime}";\n`;
  writeFileSync(join(pkg, "index.js"),
    `// Browsers and bundlers: call the default export (init) once before using the client.\n` +
    `export { default } from "./ucaas_client.js";\n` + reexports);
  writeFileSync(join(pkg, "node.js"),
    `// Node: the module is compiled and instantiated on import; init() is there for symmetry.\n` +
    `import { readFileSync } from "node:fs";\nimport { initSync } from "./ucaas_client.js";\n` +
    `initSync({ module: readFileSync(new URL("./ucaas_client_bg.wasm", import.meta.url)) });\n` +
    `export default async function init() {}\n` + reexports);
  writeFileSync(join(pkg, "workerd.js"),
    `// Cloudflare Workers / workerd: the .wasm is a static import (workerd compiles no wasm from\n` +
    `// bytes at run time) and is instantiated on import; init() is there for symmetry.\n` +
    `import wasm from "./ucaas_client_bg.wasm";\nimport { initSync } from "./ucaas_client.js";\n` +
    `initSync({ module: wasm });\nexport default async function init() {}\n` + reexports);
  // wasm-bindgen declares `[Symbol.dispose]` on every class; the reference spares consumers a
  // `lib: ["esnext.disposable"]` of their own (TypeScript >= 5.2).
  writeFileSync(join(pkg, "index.d.ts"),
    `/// <reference lib="esnext.disposable" />\n` +
    `export * from "./ucaas_client.js";\nexport { default } from "./ucaas_client.js";\n`);
}

function writePackageJson(runtime) {
  const file = join(pkg, "package.json");
  const meta = JSON.parse(readFileSync(file, "utf8"));
  const out = {
    name: meta.name,
    version: meta.version,
    description: meta.description,
    license: meta.license,
    repository: meta.repository,
    keywords: meta.keywords,
    type: "module",
    main: "./index.js",
    types: "./index.d.ts",
    exports: {
      ".": {
        types: "./index.d.ts",
        workerd: "./workerd.js",
        node: "./node.js",
        default: "./index.js",
      },
      "./ucaas_client_bg.wasm": "./ucaas_client_bg.wasm",
      "./package.json": "./package.json",
    },
    files: ["index.js", "index.d.ts", "node.js", "workerd.js", "ucaas_client.js", "ucaas_client.d.ts",
      "ucaas_client_bg.wasm", "ucaas_client_bg.wasm.d.ts", "snippets/", "README.md", "LICENSE*"],
    sideEffects: ["./node.js", "./workerd.js", runtime],
    engines: { node: ">=20" },
  };
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
}

optimise();
const runtime = runtimePath();
writeEntries(runtime);
writePackageJson(runtime);
console.log(`pkg ready: ${pkg}`);
