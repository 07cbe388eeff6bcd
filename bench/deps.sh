#!/usr/bin/env bash
# Per-dependency cost of the .wasm, so that a size regression can be traced (issue 6, issue 2 "Size").
#   bash bench/deps.sh          -> bench/out/deps.md (markdown tables) and bench/out/deps.json
# 1. twiggy top/garbage on a names-kept build: wasm-bindgen --keep-debug of
#    target/wasm32-unknown-unknown/release/ucaas_client.wasm (built by scripts/build-pkg.sh), then
#    wasm-opt -Oz -g with the flags of scripts/finish-pkg.mjs; rows grouped by crate.
# 2. bench/probes/: minimal cdylibs (one fetch + decode, or one storage write + read) built with the
#    repository's release profile and the same wasm-opt: web-sys vs gloo-net, web-sys Storage vs
#    gloo-storage, shape tables vs serde_json vs serde-wasm-bindgen decoding.
# Needs: cargo (wasm32-unknown-unknown), wasm-bindgen 0.2.130, node_modules/.bin/wasm-opt (npm ci),
# twiggy (cargo install twiggy, done here if missing). About 2 minutes on 2 cores the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
command -v twiggy >/dev/null || cargo install twiggy >&2
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
[[ -x "$WASM_OPT" ]] || { echo "bench/deps.sh: $WASM_OPT missing (npm ci)" >&2; exit 1; }
FLAGS=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue)

SRC="$ROOT/target/wasm32-unknown-unknown/release/ucaas_client.wasm"
[[ -f "$SRC" ]] || { echo "bench/deps.sh: $SRC missing (bash scripts/build-pkg.sh)" >&2; exit 1; }
rm -rf "$OUT/keep" && mkdir -p "$OUT/keep"
wasm-bindgen --keep-debug --target web --out-dir "$OUT/keep" "$SRC"
"$WASM_OPT" "$OUT/keep/ucaas_client_bg.wasm" -Oz -g "${FLAGS[@]}" -o "$OUT/keep/names.wasm"

echo "bench/deps.sh: building probes" >&2
PROBE_TARGET="$OUT/probe-target"
(cd bench/probes && CARGO_TARGET_DIR="$PROBE_TARGET" cargo build --release --locked -q --target wasm32-unknown-unknown)
rm -rf "$OUT/probes" && mkdir -p "$OUT/probes"
for dir in bench/probes/*/; do
  name="$(basename "$dir")"; [[ "$name" == common ]] && continue
  crate="probe_${name//-/_}"
  wasm-bindgen --target web --out-dir "$OUT/probes/$name" "$PROBE_TARGET/wasm32-unknown-unknown/release/$crate.wasm"
  "$WASM_OPT" "$OUT/probes/$name/${crate}_bg.wasm" -Oz "${FLAGS[@]}" -o "$OUT/probes/$name/${crate}_bg.wasm"
done
node bench/lib/deps.mjs "$ROOT" "$OUT/keep/names.wasm" "$OUT/probes" | tee "$OUT/deps.md"
