#!/usr/bin/env bash
# The fault soak (tests/soak/soak.mjs): the built `ucaas-client/full` in headless Chromium against
# an emulator it starts and stops itself, with faults at a set rate; checks typed failures, no
# unhandled rejection, no write sent twice, no duplicate meeting but Chromium's own resends (counted
# apart: README "Network behaviour"), no session lost to a fault,
# and recovery once the faults stop. Bounded in calls and in time, whichever comes first.
#   bash tests/soak.sh                                   the CI variant (1,500 calls, 90 s at most)
#   SOAK_CALLS=20000 SOAK_SECONDS=1800 SOAK_SEED=7 bash tests/soak.sh    a long run (README "Robustness")
# Env: SOAK_CALLS, SOAK_SECONDS, SOAK_SEED (default: from the clock, printed), SOAK_FAULT_RATE
# (0.25), SOAK_RECOVERY_CALLS (60); UCAAS_EMULATOR_BIN (default target/debug/ucaas-emulator),
# UCAAS_PKG_DIR (default pkg, built by scripts/build-pkg.sh), CHROMIUM_BIN (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${UCAAS_EMULATOR_BIN:-target/debug/ucaas-emulator}"
[ -x "$BIN" ] || { echo "soak.sh: no emulator at $BIN: run cargo build -p ucaas-emulator" >&2; exit 1; }
[ -s "${UCAAS_PKG_DIR:-pkg}/full/ucaas_client_bg.wasm" ] || { echo "soak.sh: no built package: run bash scripts/build-pkg.sh" >&2; exit 1; }
[ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ] || { echo "soak.sh: no Chromium (apt-get install -y chromium)" >&2; exit 1; }
UCAAS_EMULATOR_BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" exec node tests/soak/soak.mjs
