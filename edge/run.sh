#!/usr/bin/env bash
# Starts the emulator and the edge join proxy together on loopback, for local use:
#
#   bash edge/run.sh
#
# Builds nothing: it expects pkg/ (bash scripts/build-pkg.sh) and the emulator binary
# (cargo build -p ucaas-emulator). It installs edge's npm dependencies (workerd) if they are
# missing. Ctrl-C stops both processes.
#
# Environment (all optional):
#   EDGE_PORT            proxy port on 127.0.0.1 (default 8788)
#   EMULATOR_PORT        emulator port on 127.0.0.1 (default 0: a free port)
#   UCAAS_EMULATOR_BIN   emulator binary (default target/debug/ucaas-emulator)
#   UCAAS_API_ID         X-Api-Id the proxy sends upstream (default demo-app, the emulator's seed)
#   ALLOWED_ORIGINS, CORS_ALLOW_CREDENTIALS, UPSTREAM_TIMEOUT_MS, BRANDING_TTL_SECONDS,
#   PIN_MAX_FAILURES, PIN_WINDOW_SECONDS, PIN_GLOBAL_MAX_FAILURES, PIN_GLOBAL_WINDOW_SECONDS,
#   PIN_GUARD_SYNC_MS   passed to the worker (edge/README.md, "Configuration")
#   UCAAS_BASE_URL       if set, no emulator is started and the proxy points there instead
set -euo pipefail

EDGE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$EDGE_DIR/.." && pwd)"
EMULATOR_BIN="${UCAAS_EMULATOR_BIN:-$REPO_DIR/target/debug/ucaas-emulator}"
EDGE_PORT="${EDGE_PORT:-8788}"

for f in workerd.js ucaas_client.js ucaas_client_bg.wasm; do
  [[ -f "$REPO_DIR/pkg/$f" ]] || { echo "run.sh: pkg/$f missing; run: bash scripts/build-pkg.sh" >&2; exit 1; }
done
bash "$REPO_DIR/scripts/npm-ci.sh" "$EDGE_DIR"

STATE="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-edge-run.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$STATE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${UCAAS_BASE_URL:-}" ]]; then
  [[ -x "$EMULATOR_BIN" ]] || { echo "run.sh: $EMULATOR_BIN missing; run: cargo build -p ucaas-emulator" >&2; exit 1; }
  "$EMULATOR_BIN" --port "${EMULATOR_PORT:-0}" >"$STATE/emulator.out" &
  PIDS+=($!)
  for _ in $(seq 100); do
    grep -q "listening on http://" "$STATE/emulator.out" 2>/dev/null && break
    kill -0 "${PIDS[0]}" 2>/dev/null || { echo "run.sh: the emulator exited" >&2; exit 1; }
    sleep 0.1
  done
  UCAAS_BASE_URL="$(grep -o 'http://[^ ]*' "$STATE/emulator.out" | head -n1)"
  [[ -n "$UCAAS_BASE_URL" ]] || { echo "run.sh: the emulator did not start" >&2; exit 1; }
  echo "emulator: $UCAAS_BASE_URL"
fi

node "$EDGE_DIR/tools/modules.mjs" "$REPO_DIR/pkg"
export UCAAS_BASE_URL
export UCAAS_API_ID="${UCAAS_API_ID:-demo-app}"
mkdir -p "$STATE/pin-guard"
"$EDGE_DIR/node_modules/.bin/workerd" serve "$EDGE_DIR/config.capnp" \
  --socket-addr "http=127.0.0.1:$EDGE_PORT" \
  --directory-path "pin-guard-storage=$STATE/pin-guard" &
PIDS+=($!)
echo "edge proxy: http://127.0.0.1:$EDGE_PORT  (POST /join, POST /invite, GET /branding; Ctrl-C stops)"
wait -n "${PIDS[@]}"
