#!/usr/bin/env bash
# The in-browser suites: tests/web.rs (a page) and tests/worker.rs (a dedicated Web Worker) in
# headless Chromium, then the Rust client's browser door (tests/rust_web.rs, a page, and
# tests/rust_web_worker.rs, a worker; `--features client,web`), against emulators started here
# and stopped on exit:
#   UCAAS_EMULATOR_URL   the shared one (default token life)
#   UCAAS_SHORT_TTL_URL  --token-ttl 70; the expiry tests move its clock
#   UCAAS_CLOSED_URL     a port nothing listens on (network errors)
# Exits non-zero on any failure. Needs: the emulator binary ($UCAAS_EMULATOR_BIN, default
# target/debug/ucaas-emulator, built if missing), chromium + chromium-driver, wasm-bindgen-cli
# (wasm-bindgen-test-runner, the runner .cargo/config.toml sets for wasm32).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${UCAAS_EMULATOR_BIN:-target/debug/ucaas-emulator}"
if [ ! -x "$BIN" ]; then
  if [ -z "${UCAAS_EMULATOR_BIN:-}" ]; then
    cargo build -p ucaas-emulator
  else
    echo "browser.sh: $BIN is not an executable" >&2
    exit 1
  fi
fi

TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME ARGS...: starts an emulator, waits for its one stdout line, prints its base URL.
start() {
  local name="$1"; shift
  "$BIN" --port 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
  PIDS+=("$!")
  local pid="$!" i url
  for i in $(seq 1 100); do
    url="$(sed -n 's/^ucaas-emulator listening on \(http:\/\/[^ ]*\)$/\1/p' "$TMP/$name.out" 2>/dev/null || true)"
    if [ -n "$url" ]; then
      printf '%s\n' "$url"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "browser.sh: emulator $name exited:" >&2
      cat "$TMP/$name.err" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "browser.sh: emulator $name did not start within 10 s" >&2
  return 1
}

# Not in a subshell ($(...)) so PIDS keeps the process ids: read the URL from a file instead.
start main >"$TMP/main.url"
start short --token-ttl 70 >"$TMP/short.url"
UCAAS_EMULATOR_URL="$(cat "$TMP/main.url")"
UCAAS_SHORT_TTL_URL="$(cat "$TMP/short.url")"
CLOSED_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
UCAAS_CLOSED_URL="http://127.0.0.1:$CLOSED_PORT/ucaas/v1"
export UCAAS_EMULATOR_URL UCAAS_SHORT_TTL_URL UCAAS_CLOSED_URL
echo "browser.sh: emulator $UCAAS_EMULATOR_URL, short TTL $UCAAS_SHORT_TTL_URL, closed $UCAAS_CLOSED_URL"

# The URLs are compiled into the tests (option_env!): cargo rebuilds when they change.
# WASM_BINDGEN_TEST_TIMEOUT is the runner's limit for a whole suite (default 20 s).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The core build ("ucaas-client"), then the whole API (feature `full`: "ucaas-client/full"; the
# walker comparison runs there, where every UCaaS area's answer types are compiled. The other
# APIs' tables, in the server build only, are compared by tests/node/decoder.property.test.mjs
# against the native walker: the server build's host module imports files wasm-bindgen does not
# copy for a test, so it does not load in wasm-bindgen-test).
status=0
cargo test --no-fail-fast --target wasm32-unknown-unknown --test web --test web_session --test worker "$@" || status=$?
# Its own emulator: the core suites change seed accounts (a password reset of customer@).
start more >"$TMP/more.url"
UCAAS_EMULATOR_URL="$(cat "$TMP/more.url")" \
  cargo test --no-fail-fast --target wasm32-unknown-unknown --features full --test web_full --test shape_walkers "$@" || status=$?
# The Rust client's `web` door, on an emulator of its own (its sign-ins and meetings change
# no state the other suites read); with `full` for the lobby's file upload (a full-build area).
start rust >"$TMP/rust.url"
UCAAS_EMULATOR_URL="$(cat "$TMP/rust.url")" \
  cargo test --no-fail-fast --target wasm32-unknown-unknown --features client,web,full --test rust_web --test rust_web_worker "$@" || status=$?
# Its doc examples and the README's web app example, compiled for wasm32 (no_run).
cargo test --target wasm32-unknown-unknown --features client,web --doc -- client:: || status=$?
exit "$status"
