#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web) three times — the core
# client into pkg/ ("ucaas-client"), the whole API (feature `full`) into pkg/full/
# ("ucaas-client/full"), and the server build (feature `server`) into pkg/server/
# ("ucaas-client/server") — then binaryen's wasm-opt and the entry files (scripts/finish-pkg.mjs).
# Expects scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack silently prefers any wasm-opt on PATH (Debian's v108 corrupts current output); it is
# disabled in Cargo.toml, and this makes sure no stray one is picked up either way.
# A failed build must stop here, not leave the previous pkg/ to be finished as if it were new.
rm -rf pkg
wasm-pack --quiet build --release --target web --out-dir pkg --out-name ucaas_client
# The other builds go to pkg/<name>/: the whole API (`full`), and the server build (`server`:
# HTTP Basic, Node and workerd only).
for build in full server; do
  out="target/pkg-$build"
  rm -rf "$out"
  wasm-pack --quiet build --release --target web --out-dir "$out" --out-name ucaas_client -- --features "$build"
  mkdir -p "pkg/$build"
  cp -r "$out"/ucaas_client.js "$out"/ucaas_client.d.ts "$out"/ucaas_client_bg.wasm \
    "$out"/ucaas_client_bg.wasm.d.ts "$out"/snippets "pkg/$build/"
done
cp README.md LICENSE-MIT LICENSE-APACHE pkg/
node scripts/finish-pkg.mjs pkg
