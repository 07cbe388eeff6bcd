#!/usr/bin/env bash
# `npm ci` in each folder given (default: this one) when its package-lock.json is not the one
# its node_modules was installed from — compared by content (a SHA-256 kept in
# node_modules/.installed-lock), not by file times: a checkout, a merge or a copied node_modules
# leaves times that say nothing about what is installed.
#
#   bash scripts/npm-ci.sh [DIR ...]
set -euo pipefail
for dir in "${@:-.}"; do
  lock="$dir/package-lock.json"
  [[ -f "$lock" ]] || { echo "npm-ci.sh: no $lock" >&2; exit 1; }
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  have="$(cat "$dir/node_modules/.installed-lock" 2>/dev/null || true)"
  if [[ "$want" != "$have" ]]; then
    echo "npm ci in $dir (its package-lock.json changed)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$want" >"$dir/node_modules/.installed-lock"
  fi
done
