// Fails if a public declaration of the package's .d.ts files uses the type `any` (`unknown` is
// fine). Parses every .d.ts under pkg/ (the core's, and those of full/ and server/) with the
// TypeScript compiler (devDependency of the repository) and reports each `any` keyword with file,
// line and the declaration it sits in.
//
// Usage: node tests/dts-no-any.mjs [pkg-dir]
//
// Excluded, narrowly (wasm-bindgen's own declarations, not the client's API):
//  - ucaas_client.d.ts, interface InitOutput: the raw exports of the wasm instance that init() /
//    initSync() resolve to (`(a: number, b: any, ...) => any` per ABI slot). No user code is meant
//    to call them; wasm-bindgen has no option to type them otherwise.
//  - ucaas_client_bg.wasm.d.ts, as a whole: the same raw exports, declared for bundlers that import
//    the .wasm as a module. No entry point of the package's "exports" map resolves to it.
// Any other `any` fails, InitInput / SyncInitInput included.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = resolve(process.argv[2] ?? join(repo, "pkg"));
const ts = createRequire(join(repo, "package.json"))("typescript");

const EXCLUDED_FILES = new Set(["ucaas_client_bg.wasm.d.ts"]);
const EXCLUDED_DECLARATIONS = new Map([["ucaas_client.d.ts", new Set(["InitOutput"])]]);

/** The name of the top-level declaration that contains `node`. */
function topLevelName(node) {
  let n = node;
  while (n.parent && n.parent.kind !== ts.SyntaxKind.SourceFile) n = n.parent;
  if (n.name && ts.isIdentifier(n.name)) return n.name.text;
  if (ts.isVariableStatement(n)) return n.declarationList.declarations.map((d) => d.name.getText()).join(",");
  return ts.SyntaxKind[n.kind];
}

/** Member path inside the top-level declaration, e.g. UcaasClient.login. */
function memberPath(node) {
  const parts = [];
  for (let n = node; n && n.kind !== ts.SyntaxKind.SourceFile; n = n.parent) {
    if (n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name) || ts.isComputedPropertyName(n.name))) {
      parts.unshift(n.name.getText());
    }
  }
  return parts.join(".");
}

// Every .d.ts below pkgDir, as paths relative to it (`full/index.d.ts`).
const files = readdirSync(pkgDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".d.ts") && !f.split(/[\\/]/).includes("node_modules"))
  .sort();
// Each build's entry and wasm-bindgen declarations: a build that went missing fails here, rather
// than passing with nothing read.
for (const build of ["", "full/", "server/"]) {
  for (const f of ["index.d.ts", "ucaas_client.d.ts"]) {
    if (!files.includes(build + f)) {
      console.error(`dts-no-any: ${pkgDir} has no ${build}${f} (build the package first)`);
      process.exit(1);
    }
  }
}

const offences = [];
const excluded = [];
for (const file of files) {
  const text = readFileSync(join(pkgDir, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const name = basename(file);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const where = `${file}:${line + 1} ${memberPath(node)}`;
      const top = topLevelName(node);
      if (EXCLUDED_FILES.has(name) || EXCLUDED_DECLARATIONS.get(name)?.has(top)) excluded.push(where);
      else offences.push(`${where}: ${text.split("\n")[line].trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

console.log(`dts-no-any: ${files.length} files in ${pkgDir}; ${excluded.length} \`any\` in wasm-bindgen's raw ABI declarations (excluded)`);
if (offences.length) {
  console.error(`dts-no-any: ${offences.length} public declaration(s) use \`any\`:`);
  for (const o of offences) console.error("  " + o);
  process.exit(1);
}
console.log("dts-no-any: no `any` in the public declarations");
