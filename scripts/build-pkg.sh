#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web) twice — the core client
# into pkg/ ("ucaas-client") and the whole API (feature `full`) into pkg/full/
# ("ucaas-client/full") — then binaryen's wasm-opt and the entry files (scripts/finish-pkg.mjs).
# Expects scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack silently prefers any wasm-opt on PATH (Debian's v108 corrupts current output); it is
# disabled in Cargo.toml, and this makes sure no stray one is picked up either way.
# A failed build must stop here, not leave the previous pkg/ to be finished as if it were new.
rm -rf pkg
wasm-pack --quiet build --release --target web --out-dir pkg --out-name ucaas_client
full_out="target/pkg-full"
rm -rf "$full_out"
wasm-pack --quiet build --release --target web --out-dir "$full_out" --out-name ucaas_client -- --features full
mkdir -p pkg/full
cp -r "$full_out"/ucaas_client.js "$full_out"/ucaas_client.d.ts "$full_out"/ucaas_client_bg.wasm \
  "$full_out"/ucaas_client_bg.wasm.d.ts "$full_out"/snippets pkg/full/
cp README.md LICENSE-MIT LICENSE-APACHE pkg/
node scripts/finish-pkg.mjs pkg
