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
if [ "$#" -eq 0 ]; then
  mapfile -t files < <(git ls-files '__tests__/*.test.ts')
  set -- "${files[@]}"
fi
logs="$(mktemp -d "${TMPDIR:-/tmp}/ninedata-gate-alone.XXXXXX")"
trap 'rm -rf "$logs"' EXIT
# Each file is an argument of its own ($1), never part of the script's text.
printf '%s\0' "$@" | xargs -0 -P 2 -n 1 bash -c '
  log="$0/$(printf "%s" "$1" | tr / _).log"
  if npx jest --ci "$1" >"$log" 2>&1; then echo "ok      $1"; else echo "FAILED  $1"; fi
' "$logs" | tee "$logs/verdicts"
failed="$(grep -c '^FAILED' "$logs/verdicts" || true)"
echo "$(($# - failed)) of $# files pass alone"
[ "$failed" -eq 0 ]
