#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: bash scripts/test.sh
# Installs what is missing (scripts/setup.sh), builds the package and the emulator, then runs each
# stage below; every stage runs even if an earlier one failed, and the exit code is non-zero if
# any failed. Tests that need servers start and stop their own, on 127.0.0.1 with free ports.
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_OUTPUT="${TEST_OUTPUT:-$PWD/test-output}"
# Cargo builds into CARGO_TARGET_DIR when it is set (a worktree sharing a build folder), else ./target.
export UCAAS_EMULATOR_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/ucaas-emulator"
export CHROMEDRIVER=/usr/bin/chromedriver
mkdir -p "$TEST_OUTPUT"

# wasm + JS glue, gzip, bytes. The core's is issue 2's budget, 45 KB; the full build has no
# goal of its own, so its limit is a regression limit just above today's size. README "Size" and
# docs/performance.md say where the bytes go.
SIZE_BUDGET_BYTES="${SIZE_BUDGET_BYTES:-46080}"          # pkg/      "ucaas-client"      (45 KiB)
SIZE_BUDGET_FULL_BYTES="${SIZE_BUDGET_FULL_BYTES:-92160}" # pkg/full/ "ucaas-client/full" (90 KiB)
SIZE_BUDGET_SERVER_BYTES="${SIZE_BUDGET_SERVER_BYTES:-122880}" # pkg/server/ "ucaas-client/server" (120 KiB: a regression limit; a Worker's compressed limit is 3 MB)

passed=0 failed=0 failures=()
stage() {
  local name="$1"; shift
  printf '\n=== %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); printf '=== %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1)); failures+=("$name"); printf '=== %s: FAILED (%ss)\n' "$name" $((SECONDS - start))
  fi
}

schemathesis_stage() {
  local out pid base
  out="$(mktemp)"
  "$UCAAS_EMULATOR_BIN" --port 0 >"$out" 2>/dev/null & pid=$!
  for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.1; done
  base="$(sed -n 's/^ucaas-emulator listening on //p' "$out")"
  MAX_EXAMPLES="${MAX_EXAMPLES:-50}" bash emulator/schemathesis.sh "$base"; local rc=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out"
  return $rc
}

lint_stage() {
  cargo fmt --all -- --check &&
    cargo clippy -q --workspace --all-targets -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --features full --all-targets -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --features server --lib -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --features client,web --lib -- -D warnings &&
    cargo clippy -q --target wasm32-unknown-unknown --features client,web,full --lib --test rust_web --test rust_web_worker -- -D warnings &&
    # What docs.rs builds (package.metadata.docs.rs), and a Rust web app's docs, with no broken
    # or private link.
    RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --features client,reqwest &&
    RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --target wasm32-unknown-unknown --features client,web
}

size_stage() {
  node scripts/size.mjs --budget "$SIZE_BUDGET_BYTES" --json "$TEST_OUTPUT/size.json" &&
    node scripts/size.mjs --pkg pkg/full --budget "$SIZE_BUDGET_FULL_BYTES" --json "$TEST_OUTPUT/size-full.json" &&
    node scripts/size.mjs --pkg pkg/server --budget "$SIZE_BUDGET_SERVER_BYTES" --json "$TEST_OUTPUT/size-server.json"
}

bash scripts/setup.sh || exit 1
# Everything after this needs the package and the emulator binary: stop here if they don't build.
cargo build -q -p ucaas-emulator || exit 1
# The Rust walker as a filter, for the Node agreement property (tests/node/decoder.property.test.mjs),
# and the Rust Iotum answer rules, for tests/node/iotum-answer.test.mjs.
cargo build -q --example decode_lines --example iotum_answer_lines || exit 1
bash scripts/build-pkg.sh || exit 1

stage "format and lints (rustfmt, clippy native and wasm)" lint_stage
stage "native tests (client, codes, emulator)" cargo test --workspace
# The native tests read fixtures cut from ../shared/api-docs; this re-cuts and compares them (and
# codes/src/table.rs) with the documents. Without the documents it prints "not run" and passes.
stage "vendor documents (fixtures up to date)" python3 scripts/extract-fixtures.py --check
stage "size budget" size_stage
stage "browser tests (Chromium page + Web Worker)" bash tests/browser.sh
# 1,500 calls or 90 s, whichever comes first (SOAK_CALLS, SOAK_SECONDS); the long command: README "Robustness".
stage "fault soak (Chromium against the emulator's faults, bounded)" bash tests/soak.sh
stage "Node (session model, host rules, package), TypeScript and package checks" bash tests/package.sh
stage "emulator OpenAPI (schemathesis)" schemathesis_stage
# Each target FUZZ_SECONDS (30) from the checked-in seeds; the long command: README "Robustness".
stage "fuzz targets (cargo-fuzz, bounded)" bash fuzz/run.sh
stage "edge proxy (workerd)" bash edge/test.sh
stage "demo end-to-end (Playwright)" bash www/test.sh

printf '\n'
((failed)) && printf 'failed stages: %s\n' "${failures[*]}"
printf 'stages: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
