#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/fuzz_targets/) for a bounded time each, from the checked-in seeds.
#   bash fuzz/run.sh                       # every target, FUZZ_SECONDS (30) each: the CI stage
#   FUZZ_SECONDS=0 FUZZ_RUNS=10000000 FUZZ_CORPUS=/var/tmp/ucaas-corpus bash fuzz/run.sh shape_decode
#                                          # a long session (README "Robustness")
# FUZZ_CORPUS keeps the grown corpus between runs (default: a temporary copy of the seeds, so
# the checkout never changes). A failing target leaves its crashing input in
# $TEST_OUTPUT/fuzz/ (or fuzz/artifacts/) and makes the script fail; replay it with
# `cargo +nightly fuzz run -O <target> <file>`. Needs the nightly toolchain and cargo-fuzz
# (scripts/setup.sh installs both).
set -uo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-30}"
runs="${FUZZ_RUNS:--1}"
out="${TEST_OUTPUT:-$PWD}/fuzz"
targets=("$@")
((${#targets[@]})) || targets=(shape_decode values requests emulator_router)
mkdir -p "$out"

build_log="$out/build.log"
cargo +nightly fuzz build -O >"$build_log" 2>&1 || { tail -30 "$build_log"; exit 1; }
# cargo-fuzz has no --locked: a build that had to rewrite the lock file says so, instead of
# leaving a checkout changed by its own test run (the emulator's dependencies grew once unseen).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- Cargo.lock; then
  echo "fuzz/Cargo.lock is out of date: the build rewrote it; commit the new one" >&2
  git --no-pager diff --stat -- Cargo.lock >&2
  exit 1
fi
failed=0
for t in "${targets[@]}"; do
  corpus="${FUZZ_CORPUS:+$FUZZ_CORPUS/$t}"
  [ -z "$corpus" ] && corpus="$(mktemp -d)"
  mkdir -p "$corpus"
  cp -n seeds/"$t"/* "$corpus"/ 2>/dev/null
  limit=()
  ((seconds > 0)) && limit=(-max_total_time="$seconds")
  log="$out/$t.log"
  if cargo +nightly fuzz run -O "$t" "$corpus" -- -dict=json.dict "${limit[@]}" -runs="$runs" \
      -print_final_stats=1 -artifact_prefix="$out/$t-" >"$log" 2>&1; then
    printf 'fuzz %s: %s executions, corpus %s inputs, no crash\n' "$t" \
      "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")" "$(ls "$corpus" | wc -l)"
  else
    failed=1
    printf 'fuzz %s: FAILED (log %s)\n' "$t" "$log"
    grep -m1 -A2 'panicked' "$log" | cut -c1-400
  fi
  [ -z "${FUZZ_CORPUS:-}" ] && rm -rf "$corpus"
done
exit "$failed"
