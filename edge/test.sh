#!/usr/bin/env bash
# Runs the edge proxy's tests: bash edge/test.sh
# Expects pkg/ and the emulator binary to be built already (the top-level test script builds
# them first); installs edge's npm dependencies (workerd) idempotently.
set -euo pipefail
EDGE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$EDGE_DIR"
bash ../scripts/npm-ci.sh .
exec node --test test/edge.test.mjs test/guard-model.test.mjs test/guard.test.mjs test/server.test.mjs
