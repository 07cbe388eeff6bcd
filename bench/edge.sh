#!/usr/bin/env bash
# Edge proxy cost: POST /join through the proxy (workerd + the wasm package + the PIN guard)
# against a hand-written passthrough worker in the same workerd build (bench/passthrough-worker.js:
# fetch and return) and against the emulator directly, interleaved, several rounds, one run.
#
#   bash bench/edge.sh
#
# Expects pkg/ (bash scripts/build-pkg.sh) and the emulator binary (target/release/ucaas-emulator
# if present, else target/debug/ucaas-emulator; override with UCAAS_EMULATOR_BIN). Uses wrk
# (Debian package; installed if missing). Bounded: BENCH_ROUNDS (default 5) x 6 runs of
# BENCH_SECONDS (default 4) s, plus two flood runs of BENCH_FLOOD_SECONDS (default 3) s, plus
# start-up. Prints a table on stderr and one JSON line on stdout. BENCH_MACHINE_NOTE (optional)
# is copied into the JSON: what else the machine was doing, for BENCHMARKS.md.
#
# Each round (the order of passthrough and proxy alternates between rounds):
#   latency:    1 connection, closed loop  -> p50 / p99 (what one request pays)
#   throughput: BENCH_CONNECTIONS (default 8) connections -> requests per second, and the CPU
#               time of the answering process per request
# Then the failing-PIN flood against the proxy: one IP, then 64 rotating IPs (CF-Connecting-IP),
# each counting 404 (reached the API), 429 (refused at the edge) and the upstream requests the
# emulator logged. Guard settings: PIN_MAX_FAILURES (default 10, the proxy's default) per IP and
# PIN_GLOBAL_MAX_FAILURES (default here 50; the proxy's default is 100) per PIN class, both per
# the default 600 s window. (Locally each new IP's Durable Object is a new SQLite file, so the
# rotating flood runs at tens of requests per second; 50 keeps its phase short.)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDGE_DIR="$REPO_DIR/edge"
BENCH_DIR="$REPO_DIR/bench"
SECONDS_PER_RUN="${BENCH_SECONDS:-4}"
FLOOD_SECONDS="${BENCH_FLOOD_SECONDS:-3}"
ROUNDS="${BENCH_ROUNDS:-5}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
PIN="${BENCH_PIN:-444444}"   # Alice's current meeting, participant PIN (docs/conventions.md)
WRONG_PIN="999999"
export PIN_MAX_FAILURES="${PIN_MAX_FAILURES:-10}" PIN_GLOBAL_MAX_FAILURES="${PIN_GLOBAL_MAX_FAILURES:-50}"
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
bash "$REPO_DIR/scripts/npm-ci.sh" "$EDGE_DIR"
WORKERD="$EDGE_DIR/node_modules/.bin/workerd"

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
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
EMU_PID=$!; PIDS+=($EMU_PID)
wait_for "$WORK/emulator.out" "listening on http://" "$EMU_PID" "emulator"
BASE_URL="$(grep -o 'http://[^ ]*' "$WORK/emulator.out" | head -n1)"
EMU_ORIGIN="${BASE_URL%/ucaas/v1}"

start_workerd() { # name config extra-args... ; sets PORT_<name> and PID_<name>
  local name="$1" config="$2"; shift 2
  UCAAS_BASE_URL="$BASE_URL" UCAAS_API_ID="$API_ID" \
    "$WORKERD" serve "$config" --socket-addr "http=127.0.0.1:0" "$@" \
    --control-fd 3 3>"$WORK/$name.control" >/dev/null 2>"$WORK/$name.err" &
  local pid=$!; PIDS+=($pid)
  wait_for "$WORK/$name.control" '"socket":"http"' "$pid" "workerd ($name)"
  printf -v "PORT_$name" '%s' "$(grep -o '"port":[0-9]*' "$WORK/$name.control" | head -n1 | cut -d: -f2)"
  printf -v "PID_$name" '%s' "$pid"
}
mkdir -p "$WORK/pin-guard"
node "$EDGE_DIR/tools/modules.mjs" "$REPO_DIR/pkg" 2>/dev/null
start_workerd proxy "$EDGE_DIR/config.capnp" --directory-path "pin-guard-storage=$WORK/pin-guard"
start_workerd passthrough "$BENCH_DIR/passthrough.capnp"
DIRECT_URL="$BASE_URL/sessions/join"
PROXY_URL="http://127.0.0.1:$PORT_proxy/join"
PASSTHROUGH_URL="http://127.0.0.1:$PORT_passthrough/"

# A successful join; X-Api-Id only where the target needs it (the emulator directly).
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

# A failing PIN from BENCH_FLOOD_IPS client IPs (one IP when 1), counting answers by status.
cat >"$WORK/flood.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"pin":"$WRONG_PIN","name":"Flood","user_ref":"flood-1"}'
wrk.headers["Content-Type"] = "application/json"
local ips = tonumber(os.getenv("BENCH_FLOOD_IPS") or "1")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; s404 = 0; s429 = 0; other = 0 end
function request()
  n = n + 1
  wrk.headers["CF-Connecting-IP"] = string.format("203.0.113.%d", n % ips + 1)
  return wrk.format()
end
function response(status, headers, body)
  if status == 404 then s404 = s404 + 1 elseif status == 429 then s429 = s429 + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("s404"); b = b + t:get("s429"); c = c + t:get("other") end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"s404":%d,"s429":%d,"other":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), a, b, c, e.connect + e.read + e.write + e.timeout))
end
LUA

# All three answer 200 before measuring.
check() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1" -H 'Content-Type: application/json' \
    ${2:+-H "X-Api-Id: $2"} -d "{\"pin\":\"$PIN\",\"name\":\"Bench\",\"user_ref\":\"bench-1\"}")"
  [[ "$code" == 200 ]] || { echo "bench/edge.sh: $1 answered $code" >&2; exit 1; }
}
check "$DIRECT_URL" "$API_ID"
check "$PROXY_URL" ""
check "$PASSTHROUGH_URL" ""

url_of() { case "$1" in direct) echo "$DIRECT_URL" ;; proxy) echo "$PROXY_URL" ;; passthrough) echo "$PASSTHROUGH_URL" ;; esac; }
pid_of() { case "$1" in direct) echo "$EMU_PID" ;; proxy) echo "$PID_proxy" ;; passthrough) echo "$PID_passthrough" ;; esac; }
api_of() { [[ "$1" == direct ]] && echo "$API_ID" || echo ""; }
# CPU time of a process (utime + stime, clock ticks): with other work on the machine, CPU per
# request is steadier than requests per second.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Warm-up (JIT, connection pools), not recorded.
for side in direct passthrough proxy; do
  BENCH_API_ID="$(api_of $side)" wrk -t1 -c2 -d1s -s "$WORK/join.lua" "$(url_of $side)" >/dev/null
done

: >"$WORK/runs.jsonl"
for round in $(seq "$ROUNDS"); do
  if (( round % 2 )); then order="direct passthrough proxy"; else order="direct proxy passthrough"; fi
  echo "bench/edge.sh: round $round/$ROUNDS ($order)" >&2
  for side in $order; do
    lat="$(BENCH_API_ID="$(api_of $side)" wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$WORK/join.lua" "$(url_of $side)" | tail -n1)"
    pid="$(pid_of $side)"; t0="$(ticks "$pid")"
    tput="$(BENCH_API_ID="$(api_of $side)" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$WORK/join.lua" "$(url_of $side)" | tail -n1)"
    t1="$(ticks "$pid")"
    echo "{\"round\":$round,\"side\":\"$side\",\"latency\":$lat,\"throughput\":$tput,\"cpu_ticks\":$((t1 - t0))}" >>"$WORK/runs.jsonl"
  done
done

# The flood. The emulator's request log numbers every API request (seq), so the upstream
# requests during a phase are the difference of the highest seq before and after.
last_seq() { curl -s "$EMU_ORIGIN/__emulator/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(max([x["seq"] for x in r] or [0]))'; }
: >"$WORK/flood.jsonl"
for ips in 1 64; do
  echo "bench/edge.sh: failing-PIN flood from $ips IP(s) (${FLOOD_SECONDS}s)" >&2
  # Joins still in flight from the run before reach the emulator after wrk stops; let them land.
  sleep 1
  s0="$(last_seq)"
  res="$(BENCH_FLOOD_IPS=$ips wrk -t1 -c"$CONNECTIONS" -d"${FLOOD_SECONDS}s" --timeout 5s -s "$WORK/flood.lua" "$PROXY_URL" | tail -n1)"
  sleep 0.5
  s1="$(last_seq)"
  echo "{\"ips\":$ips,\"result\":$res,\"upstream\":$((s1 - s0))}" >>"$WORK/flood.jsonl"
done

EMULATOR_KIND="$(basename "$(dirname "$EMULATOR_BIN")")"
python3 - "$WORK/runs.jsonl" "$WORK/flood.jsonl" "$EMULATOR_KIND" "$CONNECTIONS" "$(getconf CLK_TCK)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$PIN_MAX_FAILURES $PIN_GLOBAL_MAX_FAILURES" "$LOAD_START" "$SECONDS_PER_RUN" "${BENCH_MACHINE_NOTE:-}" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
floods = [json.loads(l) for l in open(sys.argv[2])]
kind, conns, hz, load = sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
limit, global_limit = (int(x) for x in sys.argv[7].split())
load_start, seconds_per_run, note = sys.argv[8], int(sys.argv[9]), sys.argv[10]
ms = lambda us: round(us / 1000, 3)
rps = lambda r: round(r["requests"] / (r["duration_us"] / 1e6), 1)
med = lambda xs: round(statistics.median(xs), 3)
sides = {}
for side in ("direct", "passthrough", "proxy"):
    rs = [r for r in runs if r["side"] == side]
    per = {
        "p50_ms": [ms(r["latency"]["p50_us"]) for r in rs],
        "p99_ms": [ms(r["latency"]["p99_us"]) for r in rs],
        "rps": [rps(r["throughput"]) for r in rs],
        # CPU microseconds per request of the process that answered (the emulator for direct,
        # workerd for the two workers; the emulator's share of a proxied join is not included).
        "cpu_us_per_req": [round(r["cpu_ticks"] / hz * 1e6 / max(r["throughput"]["requests"], 1)) for r in rs],
    }
    sides[side] = {**{k: med(v) for k, v in per.items()}, "rounds": per}
by_round = lambda side, f: {r["round"]: f(r) for r in runs if r["side"] == side}
pt, px = by_round("passthrough", lambda r: r), by_round("proxy", lambda r: r)
ratio = [round(rps(px[k]["throughput"]) / rps(pt[k]["throughput"]), 3) for k in sorted(px)]
added = [ms(px[k]["latency"]["p50_us"] - pt[k]["latency"]["p50_us"]) for k in sorted(px)]
ratio_direct = [round(rps(px[k]["throughput"]) / rps(r["throughput"]), 3) for k, r in sorted(by_round("direct", lambda r: r).items())]
flood = []
for f in floods:
    r = f["result"]
    flood.append({"ips": f["ips"], "requests": r["requests"], "rps": rps(r), "p50_ms": ms(r["p50_us"]),
                  "reached_api": r["s404"], "refused_429": r["s429"], "other": r["other"], "upstream_requests": f["upstream"]})
out = {
    "bench": "edge-join",
    "date": __import__("datetime").datetime.now(__import__("datetime").timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "emulator_build": kind,
    "connections": conns,
    "rounds": len(ratio),
    "seconds_per_run": seconds_per_run,
    "loadavg_start": load_start,
    "loadavg_end": load,
    **({"machine_note": note} if note else {}),
    **sides,
    "ratio_proxy_passthrough": med(ratio), "ratio_proxy_passthrough_rounds": ratio,
    "added_p50_ms_over_passthrough": med(added), "added_p50_ms_over_passthrough_rounds": added,
    "ratio_proxy_direct": med(ratio_direct),
    "flood": flood,
    "flood_settings": {"pin_max_failures": limit, "pin_global_max_failures": global_limit},
    "errors": sum(r[p]["errors"] + r[p]["non2xx"] for r in runs for p in ("latency", "throughput")),
}
out["goal_met"] = out["ratio_proxy_passthrough"] >= 0.9 and out["added_p50_ms_over_passthrough"] <= 0.2
w = sys.stderr.write
w(f"\n{'side':<12} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9} {'CPU us/req':>11}   (median of {len(ratio)} rounds; req/s per round)\n")
for side in ("direct", "passthrough", "proxy"):
    s = sides[side]
    w(f"{side:<12} {s['p50_ms']:>8.3f} {s['p99_ms']:>8.3f} {s['rps']:>9.0f} {s['cpu_us_per_req']:>11.0f}   {s['rounds']['rps']}\n")
w(f"proxy / passthrough throughput: {out['ratio_proxy_passthrough']} (rounds {ratio}; goal >= 0.9)\n")
w(f"p50 added over passthrough: {out['added_p50_ms_over_passthrough']} ms (rounds {added}; goal <= 0.2)\n")
w(f"proxy / direct throughput: {out['ratio_proxy_direct']}\n")
w(f"flood settings: {limit} failures per IP, {global_limit} per PIN class (all IPs), per 600 s\n")
for f in flood:
    w(f"flood from {f['ips']} IP(s): {f['requests']} requests, {f['rps']:.0f} req/s, {f['reached_api']} reached the API (404), "
      f"{f['refused_429']} refused (429), {f['other']} other; upstream requests logged: {f['upstream_requests']}\n")
w(f"errors: {out['errors']}; load average at the start: {load_start}, at the end: {load}\n")
print(json.dumps(out))
PY
