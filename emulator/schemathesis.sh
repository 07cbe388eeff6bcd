#!/usr/bin/env bash
# Property-based check of the emulator against its own OpenAPI document, with schemathesis (PyPI).
#   emulator/schemathesis.sh http://127.0.0.1:8787/ucaas/v1     (a running emulator, built-in seed)
# Installs schemathesis once into a venv (SCHEMATHESIS_VENV, default ~/.cache/ucaas-emulator),
# logs in as alice, and runs a bounded number of examples per operation (MAX_EXAMPLES, default 100).
# Three runs over the one document: the UCaaS operations below /ucaas/v1 (alice's token), then the
# CPaaS project API's (tag cpaas, path items with their own server /cpaas) with HTTP Basic as the
# administrator (demo-app), then the Iotum enterprise API's (tag iotum, server /enterprise_api):
# its auth_token travels in the JSON body, so the schemas give the seed's never-expiring test
# token `iotum-schemathesis-auth-token` (a ResellerAdmin) as the example of auth_token, and
# IOTUM_MAX_EXAMPLES (default MAX_EXAMPLES / 2) bounds its examples. Exits non-zero if any fails.
# The stateful phase is off by default (PHASES=examples,coverage,fuzzing,stateful turns it on):
# schemathesis 4.32.5 crashes inside its own link inference ("ValueError: Invalid IPv6 URL" in
# observations._same_origin_path) when a success answer echoes a generated string such as
# "http://[" — which the emulator rightly does for free-text fields — so whether a run crashes
# depends on the generated data, not on the emulator.
# Two checks are off, on purpose:
#  - ignored_auth wants 401/403 without credentials; docs/conventions.md fixes 400 "Header is missing".
#  - positive_data_acceptance wants every schema-valid input accepted; the documented rules include
#    some JSON Schema cannot state (start_time in the future on the emulator clock, one of
#    pin/meeting_id/room_id, existing PINs), answered with their documented codes.
set -euo pipefail

BASE="${1:?usage: schemathesis.sh EMULATOR_BASE_URL (e.g. http://127.0.0.1:8787/ucaas/v1)}"
BASE="${BASE%/}"
ORIGIN="${BASE%/ucaas/v1}"
VERSION="4.32.5"
VENV="${SCHEMATHESIS_VENV:-$HOME/.cache/ucaas-emulator/schemathesis-venv}"
MAX_EXAMPLES="${MAX_EXAMPLES:-100}"
IOTUM_MAX_EXAMPLES="${IOTUM_MAX_EXAMPLES:-$((MAX_EXAMPLES / 2))}"

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "schemathesis==$VERSION"
fi

# A fresh token for alice (the demo account of the built-in seed).
TOKEN="$(curl -fsS -X POST "$BASE/login" -H 'X-Api-Id: demo-app' -H 'Content-Type: application/json' \
  -d '{"email":"alice@example.test","password":"Passw0rd!"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# Hypothesis and schemathesis keep caches in the working folder: keep them out of the tree.
mkdir -p "$VENV/../work" && cd "$VENV/../work"
common=(
  --max-examples "$MAX_EXAMPLES"
  --workers 1
  --exclude-checks ignored_auth,positive_data_acceptance
  --seed 1
  # No example database: one kept in the shared work folder made each run replay what earlier or
  # concurrent runs (other checkouts) had found, so a run depended on the machine's history.
  --generation-database none
  --phases "${PHASES:-examples,coverage,fuzzing}"
  --no-color
)
rc=0
"$VENV/bin/schemathesis" run "$BASE/openapi.json" \
  --url "$BASE" \
  --exclude-tag cpaas \
  --exclude-tag iotum \
  -H "X-Api-Id: demo-app" \
  -H "X-App-Type: vc" \
  -H "Authorization: Token $TOKEN" \
  "${common[@]}" \
  "${@:2}" || rc=1
"$VENV/bin/schemathesis" run "$BASE/openapi.json" \
  --url "$ORIGIN/cpaas" \
  --include-tag cpaas \
  -H "Authorization: Basic $(printf 'demo-app:demo-key' | base64)" \
  "${common[@]}" \
  "${@:2}" || rc=1
"$VENV/bin/schemathesis" run "$BASE/openapi.json" \
  --url "$ORIGIN/enterprise_api" \
  --include-tag iotum \
  "${common[@]}" \
  --max-examples "$IOTUM_MAX_EXAMPLES" \
  "${@:2}" || rc=1
exit $rc
