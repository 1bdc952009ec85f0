#!/usr/bin/env bash
# Runs every test file in a Jest run of its own, two at a time, and lists the files that fail
# alone: a file that passes only after another has run (a shared cache, a port, a file in /tmp)
# depends on the order of files. The bundle's tests run on Node 24, as in .ci/run.
#
# Usage: scripts/each-test-alone.sh [FILE ...]   (default: every __tests__/**/*.test.ts)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ACTION_NODE="$(scripts/node24.sh)"
export ACTION_NODE
if [ "$#" -eq 0 ]; then set -- $(git ls-files '__tests__/*.test.ts'); fi
logs="$(mktemp -d "${TMPDIR:-/tmp}/ninedata-gate-alone.XXXXXX")"
trap 'rm -rf "$logs"' EXIT
printf '%s\n' "$@" | xargs -P 2 -I{} bash -c '
  log="$0/$(echo "{}" | tr / _).log"
  if npx jest --ci "{}" >"$log" 2>&1; then echo "ok      {}"; else echo "FAILED  {}"; fi
' "$logs" | tee "$logs/verdicts"
failed="$(grep -c '^FAILED' "$logs/verdicts" || true)"
echo "$(($# - failed)) of $# files pass alone"
[ "$failed" -eq 0 ]
