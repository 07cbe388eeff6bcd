// The npm package as a Node user imports it: by name, from a consumer folder, so Node resolves
// "ucaas-client" through the package's "exports" map with the "node" condition.
//   UCAAS_CONSUMER_DIR  a folder where the packed tarball is installed (tests/package.sh), or else
//   UCAAS_PKG_DIR       the built package (default pkg/), linked into a temporary consumer folder
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** Imports "ucaas-client" (or `subpath` of it); `cleanup()` removes the temporary files. */
export async function importPackage(subpath = "") {
  const scratch = mkdtempSync(join(tmpdir(), "ucaas-node-"));
  let consumer = process.env.UCAAS_CONSUMER_DIR && resolve(process.env.UCAAS_CONSUMER_DIR);
  if (!consumer) {
    const pkg = resolve(process.env.UCAAS_PKG_DIR || join(repo, "pkg"));
    if (!existsSync(join(pkg, "package.json"))) throw new Error(`no built package at ${pkg}: run bash scripts/build-pkg.sh`);
    consumer = join(scratch, "consumer");
    mkdirSync(join(consumer, "node_modules"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    symlinkSync(pkg, join(consumer, "node_modules", "ucaas-client"), "dir");
  }
  const shim = join(consumer, `ucaas-shim-${process.pid}-${Date.now()}.mjs`);
  const name = `ucaas-client${subpath}`;
  writeFileSync(shim, `export * from "${name}";\nexport { default } from "${name}";\n`);
  const module = await import(pathToFileURL(shim).href);
  return { module, cleanup: () => { rmSync(shim, { force: true }); rmSync(scratch, { recursive: true, force: true }); } };
}
