#!/usr/bin/env bash
# Edge proxy overhead: POST /join through the proxy (workerd + the wasm package + the PIN guard)
# vs. POST /ucaas/v1/sessions/join on the emulator directly, same run, same machine, loopback.
#
#   bash bench/edge.sh
#
# Expects pkg/ (bash scripts/build-pkg.sh) and the emulator binary (target/release/ucaas-emulator
# if present, else target/debug/ucaas-emulator; override with UCAAS_EMULATOR_BIN). Uses wrk
# (Debian package; installed if missing). Bounded: about 4 x BENCH_SECONDS (default 5) seconds of
# load plus start-up. Prints one JSON line on stdout; progress goes to stderr.
#
# Phases, each run for direct then proxy:
#   latency:    1 connection, closed loop  -> p50 / p99 (what one request pays)
#   throughput: BENCH_CONNECTIONS (default 8) connections -> requests per second
# The proxy runs with PIN_MAX_FAILURES=1000: the guard does the same work per request, but the
# many concurrent joins from one IP are not refused as in-flight attempts.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDGE_DIR="$REPO_DIR/edge"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
PIN="${BENCH_PIN:-444444}"   # Alice's current meeting, participant PIN (docs/conventions.md)
API_ID="${UCAAS_API_ID:-demo-app}"

if [[ -n "${UCAAS_EMULATOR_BIN:-}" ]]; then
  EMULATOR_BIN="$UCAAS_EMULATOR_BIN"
elif [[ -x "$REPO_DIR/target/release/ucaas-emulator" ]]; then
  EMULATOR_BIN="$REPO_DIR/target/release/ucaas-emulator"
else
  EMULATOR_BIN="$REPO_DIR/target/debug/ucaas-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || { echo "bench/edge.sh: $EMULATOR_BIN missing (cargo build -p ucaas-emulator)" >&2; exit 1; }
[[ -f "$REPO_DIR/pkg/workerd.js" ]] || { echo "bench/edge.sh: pkg/ missing (bash scripts/build-pkg.sh)" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }; }
[[ -x "$EDGE_DIR/node_modules/.bin/workerd" ]] || (cd "$EDGE_DIR" && npm ci --no-audit --no-fund >&2)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-edge-bench.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # file pattern pid what
  for _ in $(seq 300); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "bench/edge.sh: $4 exited" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench/edge.sh: $4 not ready" >&2; exit 1
}

# Emulator request logs go to stderr; keep them out of the way.
"$EMULATOR_BIN" --port 0 >"$WORK/emulator.out" 2>/dev/null &
PIDS+=($!)
wait_for "$WORK/emulator.out" "listening on http://" "${PIDS[0]}" "emulator"
BASE_URL="$(grep -o 'http://[^ ]*' "$WORK/emulator.out" | head -n1)"

mkdir -p "$WORK/pin-guard"
node "$EDGE_DIR/tools/modules.mjs" "$REPO_DIR/pkg" 2>/dev/null
UCAAS_BASE_URL="$BASE_URL" UCAAS_API_ID="$API_ID" PIN_MAX_FAILURES=1000 \
  "$EDGE_DIR/node_modules/.bin/workerd" serve "$EDGE_DIR/config.capnp" \
  --socket-addr "http=127.0.0.1:0" --directory-path "pin-guard-storage=$WORK/pin-guard" \
  --control-fd 3 3>"$WORK/control" >/dev/null 2>"$WORK/workerd.err" &
PIDS+=($!)
wait_for "$WORK/control" '"socket":"http"' "${PIDS[1]}" "workerd"
EDGE_PORT="$(grep -o '"port":[0-9]*' "$WORK/control" | head -n1 | cut -d: -f2)"
EDGE_URL="http://127.0.0.1:$EDGE_PORT"

cat >"$WORK/join.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"pin":"$PIN","name":"Bench","user_ref":"bench-1"}'
wrk.headers["Content-Type"] = "application/json"
local api_id = os.getenv("BENCH_API_ID")
if api_id and api_id ~= "" then wrk.headers["X-Api-Id"] = api_id end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

# Both answer 200 before measuring.
check() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1" -H 'Content-Type: application/json' \
    ${2:+-H "X-Api-Id: $2"} -d "{\"pin\":\"$PIN\",\"name\":\"Bench\",\"user_ref\":\"bench-1\"}")"
  [[ "$code" == 200 ]] || { echo "bench/edge.sh: $1 answered $code" >&2; exit 1; }
}
check "$BASE_URL/sessions/join" "$API_ID"
check "$EDGE_URL/join" ""

run() { # name connections url api-id
  echo "bench/edge.sh: $1 ($2 connection(s), ${SECONDS_PER_RUN}s) $3" >&2
  BENCH_API_ID="$4" wrk -t1 -c"$2" -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$WORK/join.lua" "$3" | tail -n1
}
# Warm-up (JIT, connection pools), not recorded.
BENCH_API_ID="" wrk -t1 -c2 -d1s -s "$WORK/join.lua" "$EDGE_URL/join" >/dev/null
BENCH_API_ID="$API_ID" wrk -t1 -c2 -d1s -s "$WORK/join.lua" "$BASE_URL/sessions/join" >/dev/null

DIRECT_LAT="$(run direct-latency 1 "$BASE_URL/sessions/join" "$API_ID")"
PROXY_LAT="$(run proxy-latency 1 "$EDGE_URL/join" "")"
# CPU time of a process (utime + stime, clock ticks): with other work on the machine, CPU per
# request is steadier than requests per second.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
EMU_T0="$(ticks "${PIDS[0]}")"
DIRECT_TPUT="$(run direct-throughput "$CONNECTIONS" "$BASE_URL/sessions/join" "$API_ID")"
EMU_T1="$(ticks "${PIDS[0]}")"
WD_T0="$(ticks "${PIDS[1]}")"
PROXY_TPUT="$(run proxy-throughput "$CONNECTIONS" "$EDGE_URL/join" "")"
WD_T1="$(ticks "${PIDS[1]}")"
CPU="$(( EMU_T1 - EMU_T0 )) $(( WD_T1 - WD_T0 )) $(getconf CLK_TCK)"

EMULATOR_KIND="$(basename "$(dirname "$EMULATOR_BIN")")"
python3 - "$DIRECT_LAT" "$PROXY_LAT" "$DIRECT_TPUT" "$PROXY_TPUT" "$EMULATOR_KIND" "$CONNECTIONS" "$CPU" <<'PY'
import json, sys
dl, pl, dt, pt = (json.loads(a) for a in sys.argv[1:5])
emu_ticks, wd_ticks, hz = (int(x) for x in sys.argv[7].split())
ms = lambda us: round(us / 1000, 3)
rps = lambda r: round(r["requests"] / (r["duration_us"] / 1e6), 1)
out = {
    "bench": "edge-join",
    "emulator_build": sys.argv[5],
    "direct": {"p50_ms": ms(dl["p50_us"]), "p99_ms": ms(dl["p99_us"]), "rps": rps(dt)},
    "proxy": {"p50_ms": ms(pl["p50_us"]), "p99_ms": ms(pl["p99_us"]), "rps": rps(pt)},
    "added_p50_ms": ms(pl["p50_us"] - dl["p50_us"]),
    "added_p99_ms": ms(pl["p99_us"] - dl["p99_us"]),
    "throughput_ratio": round(rps(pt) / rps(dt), 3),
    "connections": int(sys.argv[6]),
    # CPU microseconds per request during the throughput runs: the emulator answering a direct
    # join, and workerd proxying one (the emulator's share of a proxied join is not included).
    "emulator_cpu_us_per_req": round(emu_ticks / hz * 1e6 / max(dt["requests"], 1)),
    "proxy_cpu_us_per_req": round(wd_ticks / hz * 1e6 / max(pt["requests"], 1)),
    "errors": sum(r["errors"] + r["non2xx"] for r in (dl, pl, dt, pt)),
}
out["goal_met"] = out["added_p50_ms"] <= 1.0 and out["throughput_ratio"] >= 0.8
print(json.dumps(out))
PY
