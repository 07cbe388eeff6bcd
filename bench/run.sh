#!/usr/bin/env bash
# All benchmarks of issue 6 in one command; writes BENCHMARKS.md at the repository root.
#
#   bash bench/run.sh                 # build, measure everything, write BENCHMARKS.md (~6-8 min on 2 cores)
#   BENCH_SKIP_BUILD=1 bash bench/run.sh      # reuse pkg/ and target/release/ucaas-emulator
#   BENCH_ONLY=timing bash bench/run.sh       # rerun only the timing parts (browser, edge, emulator),
#                                             # keeping bench/out/size.json and deps.* from the last run
#
# Steps (raw results land in bench/out/, git-ignored):
#   1. build: bash scripts/build-pkg.sh (release package) and cargo build --release -p ucaas-emulator
#   2. size:  node scripts/size.mjs (raw / gzip -9 / brotli -q11 of the .wasm and the JS glue)
#   3. deps:  bash bench/deps.sh (twiggy by crate; bench/probes with/without builds)
#   4. browser: an emulator seeded with 1,000 extra meetings (bench/lib/seed.mjs), then
#      bench/lib/browser.mjs in headless Chromium: cold start x BENCH_COLD loads per mode,
#      getMeeting vs fetch (BENCH_CALLS calls each) and listMeetings(1,000) vs fetch + res.json()
#      vs JSON.parse (BENCH_LIST calls each), interleaved A/B, BENCH_RUNS runs
#   5. edge:  bash bench/edge.sh once: BENCH_EDGE_ROUNDS (5) interleaved rounds of direct, the
#      passthrough worker and the proxy, BENCH_EDGE_SECONDS (4) of wrk per phase, then the flood
#   6. emulator: bash bench/emulator.sh BENCH_RUNS times (DURATION=BENCH_SECONDS)
#   7. node bench/lib/report.mjs -> BENCHMARKS.md
# Everything targets 127.0.0.1 only; every load is bounded in count and time; every process this
# script starts is stopped by its PID on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
RUNS="${BENCH_RUNS:-3}"
SECS="${BENCH_SECONDS:-5}"
ONLY="${BENCH_ONLY:-all}"
log() { echo "bench/run.sh: $*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-bench.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

machine() { # $1 = phase name
  printf '{"phase":"%s","date":"%s","loadavg":"%s"}\n' "$1" "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.jsonl"
}
: >"$OUT/load.jsonl"
machine start

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building the release package and the release emulator"
  bash scripts/build-pkg.sh >&2
  cargo build --release -q -p ucaas-emulator
fi
# What is measured: the commit, whether the shared work tree had uncommitted changes, the .wasm's hash.
printf '{"commit":"%s","dirty_files":%s,"built_here":%s,"wasm_sha256":"%s","date":"%s"}\n' \
  "$(git rev-parse --short HEAD)" "$(git status --porcelain -- src codes emulator js Cargo.toml Cargo.lock | wc -l)" \
  "$([[ "${BENCH_SKIP_BUILD:-0}" != 1 ]] && echo true || echo false)" \
  "$(sha256sum pkg/ucaas_client_bg.wasm | cut -c1-16)" "$(date -u +%FT%TZ)" >"$OUT/build.json"
bash scripts/npm-ci.sh bench

if [[ "$ONLY" == all ]]; then
  log "size"
  node scripts/size.mjs --json "$OUT/size.json" >&2
  node scripts/size.mjs --pkg pkg/full --json "$OUT/size-full.json" >&2
  node scripts/size.mjs --pkg pkg/server --json "$OUT/size-server.json" >&2
  log "per-dependency cost"
  bash bench/deps.sh >/dev/null
  machine after-size
fi

log "browser (cold start, per call)"
node bench/lib/seed.mjs "$WORK/seed.json" 1000
target/release/ucaas-emulator --port 0 --seed "$WORK/seed.json" --token-ttl 86400 >"$WORK/emulator.out" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 100); do grep -q 'listening on' "$WORK/emulator.out" 2>/dev/null && break; sleep 0.1; done
BASE="$(sed -n 's/^ucaas-emulator listening on //p' "$WORK/emulator.out")"
[[ -n "$BASE" ]] || { log "emulator did not start"; exit 1; }
node bench/lib/browser.mjs --emulator "$BASE" --out "$OUT/browser.json" --cold "${BENCH_COLD:-25}" \
  --calls "${BENCH_CALLS:-600}" --list "${BENCH_LIST:-500}" --runs "$RUNS" --max-seconds 900
machine after-browser

log "edge proxy (one run, BENCH_EDGE_ROUNDS interleaved rounds)"
: >"$OUT/edge.jsonl"
BENCH_ROUNDS="${BENCH_EDGE_ROUNDS:-5}" BENCH_SECONDS="${BENCH_EDGE_SECONDS:-4}" UCAAS_EMULATOR_BIN="$ROOT/target/release/ucaas-emulator" \
  timeout 600 bash bench/edge.sh | tail -n1 >>"$OUT/edge.jsonl"
machine after-edge

log "emulator throughput ($RUNS runs)"
: >"$OUT/emulator.txt"
for i in $(seq "$RUNS"); do
  UCAAS_EMULATOR_BIN="$ROOT/target/release/ucaas-emulator" DURATION="${SECS}s" timeout 300 bash bench/emulator.sh | grep -E 'Requests/sec|Latency  |50%|99%' >>"$OUT/emulator.txt"
done
machine end

node bench/lib/report.mjs "$ROOT" >"$ROOT/BENCHMARKS.md"
log "wrote BENCHMARKS.md"
