#!/usr/bin/env bash
# Builds the demo (www/build.sh) and runs its end-to-end tests in headless Chromium against the
# emulator. Assumes ../pkg and the emulator binary are built (the top-level test command does it).
# Env: UCAAS_EMULATOR_BIN (default ../target/debug/ucaas-emulator), TEST_OUTPUT (screenshots go
# to $TEST_OUTPUT/www; default ../test-output/www).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ]; then
  echo "www/test.sh: /usr/bin/chromium is missing (apt-get install -y chromium)" >&2
  exit 1
fi
bash ./build.sh
# Every file (test/e2e.test.mjs's ordered tests, test/unit.test.mjs, test/server-entry.test.mjs), one at
# a time; bounded by each file's own hard limit and by this timeout. A file glob, not the folder: Node >= 21 reads `node --test test/`
# as a file. On the machine's Node (the Node suite in tests/package.sh runs on 20, 22 and 24).
timeout 600 node --test --test-concurrency=1 --test-timeout=480000 test/*.test.mjs
