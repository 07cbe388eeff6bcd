#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web), then binaryen's wasm-opt
# and the entry files (scripts/finish-pkg.mjs). Expects scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack silently prefers any wasm-opt on PATH (Debian's v108 corrupts current output); it is
# disabled in Cargo.toml, and this makes sure no stray one is picked up either way.
wasm-pack build --release --target web --out-dir pkg --out-name ucaas_client 2>&1 | grep -v '^\[INFO\]' || true
test -f pkg/ucaas_client_bg.wasm
cp README.md pkg/README.md 2>/dev/null || true
node scripts/finish-pkg.mjs pkg
