#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web), then binaryen's wasm-opt
# and the entry files (scripts/finish-pkg.mjs). Expects scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack silently prefers any wasm-opt on PATH (Debian's v108 corrupts current output); it is
# disabled in Cargo.toml, and this makes sure no stray one is picked up either way.
# A failed build must stop here, not leave the previous pkg/ to be finished as if it were new.
rm -rf pkg
wasm-pack --quiet build --release --target web --out-dir pkg --out-name ucaas_client
cp README.md pkg/README.md 2>/dev/null || true
node scripts/finish-pkg.mjs pkg
