#!/usr/bin/env bash
# The main job: bash scripts/dev.sh
# Installs what is missing, builds the npm package and the demo, and serves the demo from the
# emulator (same origin) with the built-in demo account. Ctrl-C stops it. PORT (default 8787).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8787}"
bash scripts/setup.sh
bash scripts/build-pkg.sh
cargo build -q --release -p ucaas-emulator
bash www/build.sh
cat <<MSG

  Demo:      http://127.0.0.1:$PORT/
  Join page: http://127.0.0.1:$PORT/join.html?pin=222222   (participant PIN; 111111 = moderator)
  Sign in:   alice@example.test / Passw0rd!
  API:       http://127.0.0.1:$PORT/ucaas/v1   (X-Api-Id: demo-app)

MSG
exec "${CARGO_TARGET_DIR:-target}/release/ucaas-emulator" --port "$PORT" --static www/dist
