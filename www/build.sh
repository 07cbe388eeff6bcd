#!/usr/bin/env bash
# Builds the demo into www/dist, consuming the ucaas-client package the way a user would: the
# tarball `npm pack` makes from ../pkg (built by scripts/build-pkg.sh) is installed into
# www/node_modules, then Vite bundles index.html and join.html. Idempotent; safe to re-run.
# Env: UCAAS_API_BASE, UCAAS_API_ID, UCAAS_BRANDING_DOMAIN (see vite.config.js); PKG_DIR (default ../pkg).
set -euo pipefail
cd "$(dirname "$0")"
PKG_DIR="${PKG_DIR:-../pkg}"

if [ ! -f "$PKG_DIR/package.json" ]; then
  echo "www/build.sh: no package at $PKG_DIR; build it first (bash scripts/build-pkg.sh)" >&2
  exit 1
fi

# Dev tools (vite, playwright-core) from the lock file; `npm ci` only when the lock changed.
bash ../scripts/npm-ci.sh .

# The package, as a tarball, exactly as `npm install` from a registry would unpack it.
rm -rf .pkg && mkdir -p .pkg
npm pack "$PKG_DIR" --pack-destination .pkg --silent >/dev/null
tarball="$(ls .pkg/*.tgz | head -n1)"
npm install --no-save --no-audit --no-fund --loglevel=error "./$tarball"

npx vite build --logLevel warn
echo "www/build.sh: built $(pwd)/dist (package $(node -p 'require("./node_modules/ucaas-client/package.json").version'))"
