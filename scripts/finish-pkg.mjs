// Turns wasm-pack's pkg/ into the npm package users install: optimises the .wasm with binaryen's
// wasm-opt (npm, v132+), minifies the JavaScript (esbuild, npm), adds the entry files for browsers, Node and workerd, and writes the
// package.json "exports" map that picks between them. pkg/ holds the core build ("ucaas-client");
// pkg/full/, if present, the build with the whole API ("ucaas-client/full"); pkg/server/, if
// present, the server build ("ucaas-client/server": Node and workerd; in a browser its import
// throws).
//
// Usage: node scripts/finish-pkg.mjs [pkg-dir]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync, transformSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = process.argv[2] ?? join(root, "pkg");
// Every build there is: its folder, its export path, and whether it is for servers only.
const builds = [
  // `meetings`: the classes the build's entries give `asMeetingProvider` (js/meetings.js; not
  // the core, whose size budget has no room for it).
  { dir: pkg, prefix: ".", serverOnly: false, meetings: [] },
  { dir: join(pkg, "full"), prefix: "./full", serverOnly: false, meetings: ["UcaasClient"] },
  { dir: join(pkg, "server"), prefix: "./server", serverOnly: true, meetings: ["UcaasServer", "IotumClient"] },
].filter((b) => existsSync(join(b.dir, "ucaas_client_bg.wasm")));

function optimise(dir) {
  const wasm = join(dir, "ucaas_client_bg.wasm");
  const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) throw new Error("wasm-opt from npm binaryen is missing: run npm ci in the repository root");
  // The features current rustc emits by default; wasm-opt must be told to keep them.
  execFileSync(wasmOpt, [wasm, "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
    "-o", wasm], { stdio: "inherit" });
}

// The JavaScript ships minified (esbuild; exports keep their names): the generated glue and
// js/runtime.js are mostly comments and whitespace, which count against the size budget
// (issue 2) and help nobody at run time. js/runtime.js is bundled with what it imports
// (js/session.js, which wasm-bindgen copies beside it), so a browser loads one runtime file; the
// copies it was bundled from are removed. js/error.js is the exception: every build imports the
// one copy at the package's root (`sharedError`), so there is one UcaasError class. A source map
// beside each file (with the original text) gives debuggers the readable form; the documentation
// users read is in the .d.ts files.
function minify(dir) {
  const runtime = join(dir, hostPath(dir));
  const errorFrom = (file) => "./" + relative(dirname(file), sharedError).split("\\").join("/");
  const glue = join(dir, "ucaas_client.js");
  // wasm-bindgen's glue imports makeError from its own snippet copy of js/error.js.
  const glueSource = readFileSync(glue, "utf8").replace(
    /(["'])\.\/snippets\/[^"']*\/js\/error\.js\1/g, (_, q) => q + errorFrom(glue).replace(/^\.\/\.\.\//, "../") + q);
  const { code, map } = transformSync(glueSource, {
    minify: true, format: "esm", charset: "utf8", sourcemap: "external", sourcefile: basename(glue),
  });
  writeMinified(glue, code, map);
  // From the repository's js/ (the snippet folder holds only what wasm-bindgen copied: the
  // server build's js/server.js without the js/runtime.js it imports).
  const bundled = buildSync({
    entryPoints: [join(root, "js", basename(runtime))], bundle: true, minify: true, format: "esm", charset: "utf8", sourcemap: "external",
    write: false, outfile: runtime, sourcesContent: true, external: ["./error.js"],
  });
  const out = (suffix) => bundled.outputFiles.find((f) => f.path.endsWith(suffix)).text;
  const runtimeCode = out(".js").replace(/(["'])\.\/error\.js\1/g, (_, q) => q + errorFrom(runtime).replace(/^\.\/\.\.\//, "../") + q);
  for (const file of readdirSync(dirname(runtime))) {
    if (file !== basename(runtime)) rmSync(join(dirname(runtime), file));
  }
  writeMinified(runtime, runtimeCode.replace(/\/\/# sourceMappingURL=.*\n?$/, ""), out(".js.map"));
}

// The one UcaasError module of every build (the core's copy of js/error.js, minified).
const sharedError = join(pkg, "error.js");
function writeSharedError() {
  const source = readFileSync(join(root, "js", "error.js"), "utf8");
  const { code, map } = transformSync(source, {
    minify: true, format: "esm", charset: "utf8", sourcemap: "external", sourcefile: "error.js",
  });
  writeMinified(sharedError, code, map);
}

// The meeting interface (js/meetings.js with js/zones.js), once at the package's root beside
// error.js, for the builds that have it.
const sharedMeetings = join(pkg, "meetings.js");
function writeSharedMeetings() {
  const bundled = buildSync({
    entryPoints: [join(root, "js", "meetings.js")], bundle: true, minify: true, format: "esm", charset: "utf8", sourcemap: "external",
    write: false, outfile: sharedMeetings, sourcesContent: true, external: ["./error.js"],
  });
  const out = (suffix) => bundled.outputFiles.find((f) => f.path.endsWith(suffix)).text;
  writeMinified(sharedMeetings, out(".js").replace(/\/\/# sourceMappingURL=.*\n?$/, ""), out(".js.map"));
}

function writeMinified(file, code, map) {
  const name = basename(file);
  writeFileSync(file, `${code.trimEnd()}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(`${file}.map`, map);
}

// The module the glue imports the host from: js/server.js in the server build (it imports
// js/runtime.js), js/runtime.js in the others. wasm-bindgen copies it to
// snippets/<crate>-<hash>/js/; the hash varies.
function hostPath(dir) {
  const snippets = join(dir, "snippets");
  for (const name of ["server.js", "runtime.js"]) {
    for (const sub of readdirSync(snippets)) {
      const candidate = join(snippets, sub, "js", name);
      if (existsSync(candidate)) return "./" + relative(dir, candidate);
    }
  }
  throw new Error(`js/runtime.js not found under ${snippets}`);
}

// In a browser the server build's import throws: an API key never belongs in a page.
const SERVER_ONLY = "ucaas-client/server is for Node and Cloudflare Workers only: it authenticates with " +
  "your API key, which must never reach a web page. In a browser, use \"ucaas-client\" (or " +
  "\"ucaas-client/full\") and sign the user in.";

function writeEntries(dir, serverOnly, meetings) {
  const error = "./" + relative(dir, sharedError).split("\\").join("/");
  const fromRoot = (file) => ("./" + relative(dir, file).split("\\").join("/")).replace(/^\.\/\.\.\//, "../");
  // The builds with a meeting interface give their classes `asMeetingProvider` on import.
  const install = meetings.length === 0 ? "" :
    `import { ${meetings.join(", ")} } from "./ucaas_client.js";\nimport { installMeetingProviders } from "${fromRoot(sharedMeetings)}";\n` +
    `installMeetingProviders({ ${meetings.join(", ")} });\n`;
  const reexports = `export * from "./ucaas_client.js";\nexport { UcaasError, isUcaasError } from "${error.replace(/^\.\/\.\.\//, "../")}";\n` + install;
  writeFileSync(join(dir, "index.js"), serverOnly
    ? `// Browsers and bundlers: this build is not for them.\nthrow new Error(${JSON.stringify(SERVER_ONLY)});\n`
    : `// Browsers and bundlers: call the default export (init) once before using the client.\n` +
      `export { default } from "./ucaas_client.js";\n` + reexports);
  writeFileSync(join(dir, "node.js"),
    `// Node: the module is compiled and instantiated on import; init() is there for symmetry.\n` +
    `import { readFileSync } from "node:fs";\nimport { initSync } from "./ucaas_client.js";\n` +
    `initSync({ module: readFileSync(new URL("./ucaas_client_bg.wasm", import.meta.url)) });\n` +
    `export default async function init() {}\n` + reexports);
  writeFileSync(join(dir, "workerd.js"),
    `// Cloudflare Workers / workerd: the .wasm is a static import (workerd compiles no wasm from\n` +
    `// bytes at run time) and is instantiated on import; init() is there for symmetry.\n` +
    `import wasm from "./ucaas_client_bg.wasm";\nimport { initSync } from "./ucaas_client.js";\n` +
    `initSync({ module: wasm });\nexport default async function init() {}\n` + reexports);
  // wasm-bindgen declares `[Symbol.dispose]` on every class; the reference spares consumers a
  // `lib: ["esnext.disposable"]` of their own (TypeScript >= 5.2).
  writeFileSync(join(dir, "index.d.ts"),
    `/// <reference lib="esnext.disposable" />\n` +
    `export * from "./ucaas_client.js";\nexport { default } from "./ucaas_client.js";\n`);
}

// The exports of one build: `prefix` is "." for the core, "./full" for the whole API, "./server"
// for the server build (whose browser entry throws).
function entryExports(prefix, serverOnly) {
  // `browser` before `node` for the server build: a bundler for pages (and `node --conditions=
  // browser`, which the package checks use) gets the entry that throws; workerd (wrangler also
  // sets `browser`) matches `workerd` first.
  return {
    types: `${prefix}/index.d.ts`,
    workerd: `${prefix}/workerd.js`,
    ...(serverOnly ? { browser: `${prefix}/index.js` } : {}),
    node: `${prefix}/node.js`,
    default: `${prefix}/index.js`,
  };
}

function writePackageJson() {
  const file = join(pkg, "package.json");
  const meta = JSON.parse(readFileSync(file, "utf8"));
  const exports = {};
  for (const { prefix, serverOnly } of builds) {
    exports[prefix] = entryExports(prefix, serverOnly);
    exports[`${prefix}/ucaas_client_bg.wasm`] = `${prefix}/ucaas_client_bg.wasm`;
  }
  exports["./package.json"] = "./package.json";
  const out = {
    name: meta.name,
    version: meta.version,
    description: meta.description,
    license: meta.license,
    // npm's canonical form of a git URL (publint suggests it).
    repository: meta.repository && { type: "git", url: `git+${meta.repository.url.replace(/\.git$/, "")}.git` },
    keywords: meta.keywords,
    type: "module",
    main: "./index.js",
    types: "./index.d.ts",
    exports,
    files: ["index.js", "index.d.ts", "node.js", "workerd.js", "ucaas_client.js", "ucaas_client.js.map", "ucaas_client.d.ts",
      "ucaas_client_bg.wasm", "ucaas_client_bg.wasm.d.ts", "error.js", "error.js.map", "meetings.js", "meetings.js.map", "snippets/",
      ...builds.filter((b) => b.prefix !== ".").map((b) => `${b.prefix.slice(2)}/`),
      "README.md", "LICENSE*"],
    // The server build's browser entry throws at import: a side effect to keep.
    sideEffects: builds.flatMap(({ dir, prefix, serverOnly }) => [
      `${prefix}/node.js`, `${prefix}/workerd.js`, prefix + hostPath(dir).slice(1), ...(serverOnly ? [`${prefix}/index.js`] : []),
    ]),
    engines: { node: ">=20" },
  };
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
}

writeSharedError();
writeSharedMeetings();
for (const { dir, serverOnly, meetings } of builds) {
  optimise(dir);
  minify(dir);
  writeEntries(dir, serverOnly, meetings);
}
writePackageJson();
console.log(`pkg ready: ${pkg} (${builds.map((b) => (b.prefix === "." ? "core" : b.prefix.slice(2))).join(", ")})`);
