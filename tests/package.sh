#!/usr/bin/env bash
# Node, TypeScript and packaging checks of the npm package in pkg/ (docs/package-checks.md):
#   1. publint --strict                 5. a throwaway Vite app builds with the tarball
#   2. attw --pack (ESM-only profile)   6. node --test tests/node/*.test.mjs (the session model,
#                                          Host rules, a scripted server, the installed tarball)
#   3. npm pack into a temp folder      7. no `any` in the public .d.ts; tsc --strict --noEmit of
#   4. a throwaway Node 20 project         tests/consumer.ts (against pkg/, and in the Node project
#      installs the tarball and logs       against the installed tarball, with @types/node, no DOM)
#      in against the emulator
# Usage: bash tests/package.sh   (after bash scripts/build-pkg.sh and cargo build -p ucaas-emulator)
# Environment: UCAAS_PKG_DIR (default pkg), UCAAS_EMULATOR_BIN (default target/debug/ucaas-emulator).
# Exits non-zero on the first failure (set -e, subshells included). Throwaway projects live in a
# temp folder, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PKG_DIR="$(cd "${UCAAS_PKG_DIR:-pkg}" && pwd)"
EMULATOR_BIN="${UCAAS_EMULATOR_BIN:-$ROOT/target/debug/ucaas-emulator}"
NPM_INSTALL=(npm install --no-audit --no-fund --prefer-offline --loglevel=error)
BIN="$ROOT/node_modules/.bin"

step() { printf '\n--- %s\n' "$*"; }
fail() { printf 'package.sh: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-package-checks.XXXXXX")"
EMU_PID=""
cleanup() {
  if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$PKG_DIR/package.json" ] && [ -s "$PKG_DIR/ucaas_client_bg.wasm" ] \
  || fail "no built package in $PKG_DIR: run bash scripts/build-pkg.sh"
[ -x "$EMULATOR_BIN" ] || fail "no emulator at $EMULATOR_BIN: run cargo build -p ucaas-emulator"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || fail "Node 20 or later is needed (found $(node --version))"

# The repository's npm tools (typescript, publint, attw), from the lock file, only when missing.
if [ ! -x "$BIN/publint" ] || [ ! -x "$BIN/attw" ] || [ ! -x "$BIN/tsc" ]; then
  step "npm ci (repository tools)"
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error
fi

step "publint --strict $PKG_DIR"
"$BIN/publint" "$PKG_DIR" --strict

# ESM-only profile: the package is "type": "module" and has no CommonJS build, so node10 and
# node16-from-CJS resolution are out of scope (docs/package-checks.md). ./ucaas_client_bg.wasm is an
# asset subpath (for bundlers and workerd to locate the binary), not a module with types.
step "attw --pack $PKG_DIR --profile esm-only"
"$BIN/attw" --pack "$PKG_DIR" --profile esm-only \
  --exclude-entrypoints ./ucaas_client_bg.wasm ./full/ucaas_client_bg.wasm ./server/ucaas_client_bg.wasm --no-color

step "npm pack"
TARBALL="$WORK/$(cd "$PKG_DIR" && npm pack --pack-destination "$WORK" --json --loglevel=error \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
[ -f "$TARBALL" ] || fail "npm pack wrote no tarball"
tar -tzf "$TARBALL" | sort > "$WORK/contents.txt"
# The core build at the root, the whole API (feature `full`) under full/, the server build under
# server/: the same files in each, the host module being js/server.js (with js/runtime.js
# bundled in) in the server build.
for dir in "" "full/" "server/"; do
  for f in index.js index.d.ts node.js workerd.js ucaas_client.js ucaas_client.js.map ucaas_client.d.ts ucaas_client_bg.wasm; do
    grep -qx "package/$dir$f" "$WORK/contents.txt" || fail "tarball lacks $dir$f"
  done
  host=runtime.js; [ "$dir" = "server/" ] && host=server.js
  grep -q "^package/${dir}snippets/.*/js/$host$" "$WORK/contents.txt" || fail "tarball lacks ${dir}snippets/*/js/$host"
  grep -q "^package/${dir}snippets/.*/js/$host.map$" "$WORK/contents.txt" || fail "tarball lacks ${dir}snippets/*/js/$host.map"
done
grep -qx "package/package.json" "$WORK/contents.txt" || fail "tarball lacks package.json"
# One UcaasError module for every build, at the root; and the meeting interface the full and server
# builds' entries import.
grep -qx "package/error.js" "$WORK/contents.txt" || fail "tarball lacks error.js"
grep -qx "package/meetings.js" "$WORK/contents.txt" || fail "tarball lacks meetings.js"
# "MIT OR Apache-2.0": both texts ship (and the crate has them at its root).
for f in LICENSE-MIT LICENSE-APACHE; do
  grep -qx "package/$f" "$WORK/contents.txt" || fail "tarball lacks $f"
  cmp -s "$f" "$PKG_DIR/$f" || fail "$PKG_DIR/$f differs from the repository's $f"
done
# js/runtime.js ships bundled with js/session.js: one runtime file per build, nothing else in snippets/.
if grep -E '^package/(full/|server/)?snippets/' "$WORK/contents.txt" | grep -vE '/js/(runtime|server)\.js(\.map)?$'; then
  fail "unexpected snippet files in the tarball (above)"
fi
if grep -vE '^package/(package\.json|README\.md|LICENSE[^/]*|(error|meetings)\.js(\.map)?|(full/|server/)?(index\.(js|d\.ts)|node\.js|workerd\.js|ucaas_client(\.js|\.js\.map|\.d\.ts|_bg\.wasm|_bg\.wasm\.d\.ts)|snippets/.*))$' "$WORK/contents.txt"; then
  fail "unexpected files in the tarball (above)"
fi
echo "$(basename "$TARBALL"): $(wc -l < "$WORK/contents.txt") files, $(du -k "$TARBALL" | cut -f1) KB"

# The emulator, on a free port, for the Node project's login.
step "emulator"
"$EMULATOR_BIN" --port 0 > "$WORK/emulator.out" 2> /dev/null &
EMU_PID=$!
for _ in $(seq 100); do grep -q '^ucaas-emulator listening on ' "$WORK/emulator.out" && break; sleep 0.1; done
BASE_URL="$(sed -n 's/^ucaas-emulator listening on //p' "$WORK/emulator.out")"
[ -n "$BASE_URL" ] || fail "the emulator did not start"
echo "emulator at $BASE_URL"

step "Node 20 project: npm install the tarball, log in"
NODE_APP="$WORK/node-app"
mkdir -p "$NODE_APP"
(
  cd "$NODE_APP"
  npm init -y --loglevel=error > /dev/null
  npm pkg set type=module
  "${NPM_INSTALL[@]}" "$TARBALL" "@types/node@20"
  cat > login.mjs <<'EOF'
import assert from "node:assert/strict";
import init, { UcaasClient, UcaasError } from "ucaas-client";
const resolved = import.meta.resolve("ucaas-client");
assert.match(resolved, /\/node_modules\/ucaas-client\/node\.js$/, resolved);
await init();
const client = new UcaasClient({ baseUrl: process.env.BASE_URL, apiId: "demo-app" });
assert.equal(client.storageMode, "memory");
try {
  await client.login("alice@example.test", "wrong");
  assert.fail("a wrong password must be refused");
} catch (e) {
  assert.ok(e instanceof UcaasError && e instanceof Error && e.kind === "unauthenticated", String(e));
}
const session = await client.login("alice@example.test", "Passw0rd!");
assert.equal(session.user?.email, "alice@example.test");
const upcoming = await client.listMeetings({ stage: "upcoming" });
assert.ok((upcoming.meetings ?? []).length > 0);
console.log(`logged in as ${session.user.email} via ${resolved.replace(/^.*\/node_modules\//, "")}`);
// no logout: the process must still end by itself
EOF
  BASE_URL="$BASE_URL" timeout 20 node login.mjs
)

step "Vite app: npm install vite + the tarball, vite build"
VITE_APP="$WORK/vite-app"
mkdir -p "$VITE_APP"
(
  cd "$VITE_APP"
  npm init -y --loglevel=error > /dev/null
  npm pkg set type=module
  "${NPM_INSTALL[@]}" "vite@8" "$TARBALL"
  cat > index.html <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>ucaas-client in Vite</title></head>
<body><pre id="out"></pre><script type="module" src="/main.js"></script></body></html>
EOF
  cat > main.js <<'EOF'
import init, { UcaasClient, UcaasError } from "ucaas-client";
await init();
const client = new UcaasClient({ baseUrl: "http://127.0.0.1:8787/ucaas/v1", apiId: "demo-app", storage: "local" });
document.getElementById("out").textContent = `storage: ${client.storageMode}; ${typeof UcaasError}`;
EOF
  timeout 120 npx --no-install vite build --logLevel warn
  ls dist/assets
  ls dist/assets/*.wasm > /dev/null 2>&1 || { echo "no .wasm asset in dist/assets" >&2; exit 1; }
  wasm="$(ls dist/assets/*.wasm | head -1)"
  cmp -s "$wasm" node_modules/ucaas-client/ucaas_client_bg.wasm || { echo "$wasm differs from the package's .wasm" >&2; exit 1; }
  grep -q "$(basename "$wasm")" dist/assets/*.js || { echo "the bundle does not reference $(basename "$wasm")" >&2; exit 1; }
  # The browser entry (index.js), not the Node one, went into the bundle.
  if grep -q 'node:fs' dist/assets/*.js; then echo "the bundle contains the Node entry (node:fs)" >&2; exit 1; fi
  echo "vite build: $(basename "$wasm") emitted and referenced"
)

kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; EMU_PID=""

# On every supported Node, one after another: the machine's (20), then 22 and 24 from .tools/
# (scripts/setup.sh installs them, scripts/node-versions.sh lists them). A file glob, not a folder:
# Node >= 21 reads `node --test dir/` as a file. Every version runs; the step fails if any failed.
step "node --test tests/node/*.test.mjs on Node 20, 22, 24 (session model and Host rules; the installed tarball)"
NODES="$(bash scripts/node-versions.sh)" || fail "a Node version is missing: run bash scripts/setup.sh"
mapfile -t NODE_BINS <<<"$NODES"
NODE_FAILED=()
for NODE_BIN in "${NODE_BINS[@]}"; do
  NODE_VERSION="$("$NODE_BIN" --version)"
  printf '\n-- node --test on Node %s (%s)\n' "$NODE_VERSION" "$NODE_BIN"
  UCAAS_CONSUMER_DIR="$NODE_APP" UCAAS_EMULATOR_BIN="$EMULATOR_BIN" "$NODE_BIN" --test tests/node/*.test.mjs \
    < /dev/null || NODE_FAILED+=("$NODE_VERSION")
done
((${#NODE_FAILED[@]} == 0)) || fail "node --test failed on Node ${NODE_FAILED[*]}"

step "no any in the public .d.ts"
node tests/dts-no-any.mjs "$PKG_DIR"

# The browser builds carry no HTTP Basic path (the server build's js/server.js is the only one), and
# the server build's browser entry throws at import with the server-only message.
step "server build: no Basic auth in the browser builds; its browser entry throws"
for f in "$PKG_DIR"/ucaas_client.js "$PKG_DIR"/snippets/*/js/*.js "$PKG_DIR"/full/ucaas_client.js "$PKG_DIR"/full/snippets/*/js/*.js; do
  if grep -q 'Basic' "$f"; then fail "$f mentions Basic: a browser build must not carry server credentials"; fi
done
grep -q 'Basic' "$PKG_DIR"/server/snippets/*/js/server.js || fail "the server build lacks its Basic auth"
(
  cd "$NODE_APP"
  out="$(node --conditions=browser --input-type=module -e 'await import("ucaas-client/server")' 2>&1)" \
    && fail "importing ucaas-client/server with the browser condition did not throw"
  grep -q "for Node and Cloudflare Workers only" <<<"$out" || fail "unexpected error: $out"
  resolved="$(node --input-type=module -e 'console.log(import.meta.resolve("ucaas-client/server"))')"
  [[ "$resolved" == */ucaas-client/server/node.js ]] || fail "Node resolves ucaas-client/server to $resolved"
  echo "browser condition: throws; Node: $resolved"
)

step "tsc --strict --noEmit tests/consumer.ts tests/consumer_full.ts tests/consumer_server.ts"
if [ "$PKG_DIR" = "$ROOT/pkg" ]; then
  "$BIN/tsc" -p tests/tsconfig.json   # against pkg/ (paths)
else
  echo "(tests/tsconfig.json maps ucaas-client to pkg/; skipped for UCAAS_PKG_DIR=$PKG_DIR)"
fi
# In the Node project: "ucaas-client" resolved from node_modules through the exports map, Node's
# own types (@types/node 20) and no DOM lib, as a Node-only TypeScript project has. skipLibCheck as
# `tsc --init` sets it: wasm-bindgen's init declarations (InitInput, InitOutput) name DOM types
# (RequestInfo, BufferSource, WebAssembly.*) that a project without the DOM lib lacks.
cp tests/consumer.ts tests/consumer_full.ts tests/consumer_server.ts "$NODE_APP/"
cat > "$NODE_APP/tsconfig.json" <<EOF
{
  "extends": "$ROOT/tests/tsconfig.json",
  "compilerOptions": { "paths": {}, "lib": ["ES2022"], "types": ["node"], "skipLibCheck": true },
  "files": ["consumer.ts", "consumer_full.ts", "consumer_server.ts"]
}
EOF
"$BIN/tsc" -p "$NODE_APP/tsconfig.json"

printf '\npackage checks: all passed\n'
