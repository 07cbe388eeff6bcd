#!/usr/bin/env bash
# Throughput of the emulator's hot path: GET /meetings/{id} with a login token, 10 s of wrk on
# loopback (goal: >= 20,000 req/s on a 2-core machine).
#   bench/emulator.sh            builds the release binary, runs wrk, prints the Requests/sec line
# Env: DURATION (default 10s), CONNECTIONS (default 64), THREADS (default 1: wrk shares the 2 cores),
# UCAAS_EMULATOR_BIN (a built binary: no cargo build; bench/run.sh passes the one it built).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [[ -n "${UCAAS_EMULATOR_BIN:-}" ]]; then
  BIN="$UCAAS_EMULATOR_BIN"
else
  cargo build --release -q -p ucaas-emulator
  BIN="${CARGO_TARGET_DIR:-target}/release/ucaas-emulator"
fi

OUT="$(mktemp)"
"$BIN" --port 0 >"$OUT" 2>/dev/null &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -f "$OUT"' EXIT
for _ in $(seq 50); do [ -s "$OUT" ] && break; sleep 0.1; done
BASE="$(sed 's/^ucaas-emulator listening on //' "$OUT")"

TOKEN="$(curl -fsS -X POST "$BASE/login" -H 'X-Api-Id: demo-app' -H 'Content-Type: application/json' \
  -d '{"email":"alice@example.test","password":"Passw0rd!"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
# The token must outlive the run (default TTL 900 s), and the request must succeed.
curl -fsS -o /dev/null "$BASE/meetings/mtg-alice-current" -H "Authorization: Token $TOKEN" -H 'X-App-Type: vc'

wrk -t "${THREADS:-1}" -c "${CONNECTIONS:-64}" -d "${DURATION:-10s}" --latency \
  -H "Authorization: Token $TOKEN" -H 'X-App-Type: vc' \
  "$BASE/meetings/mtg-alice-current"
