#!/usr/bin/env bash
# `npm run build`: both bundles, at once (each ncc uses about one core). The action's bundle goes to
# dist/ (index.js, its chunks and source maps, licenses.txt); the command line's one file is built
# into a scratch folder meanwhile and copied to dist/cli.js only after the action's ncc has ended,
# because ncc removes the .js files it finds in its output folder.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ninedata-gate-build.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
scripts/build-cli.sh --out "$scratch/cli.js" &
cli=$!
status=0
npx ncc build src/index.ts -o dist --source-map --license licenses.txt || status=$?
wait "$cli" || status=$?
if [ "$status" -ne 0 ]; then
  echo "build: failed (exit $status)" >&2
  exit "$status"
fi
cp "$scratch/cli.js" dist/cli.js
chmod +x dist/cli.js
echo "build: dist/index.js and dist/cli.js"
