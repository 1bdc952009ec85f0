#!/usr/bin/env bash
# Builds the command line (src/cli.ts) into ONE file, dist/cli.js, that runs with nothing but Node 24:
# `node dist/cli.js`, or the file copied anywhere on its own. ncc always names its output index.js
# and puts code loaded by dynamic import() in chunk files beside it, so the build goes to a scratch
# folder and fails if ncc made anything but index.js (a chunk would be a file the runner lacks).
#
# Usage: scripts/build-cli.sh [--out FILE]   (default dist/cli.js)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="$(mktemp -d "${TMPDIR:-/tmp}/ninedata-gate-cli.XXXXXX")"
trap 'rm -rf "$out"' EXIT
npx ncc build src/cli.ts -o "$out" --quiet
extra="$(cd "$out" && ls -A | grep -vx -e index.js -e package.json || true)"
if [ -n "$extra" ]; then
  echo "build-cli: ncc split the command line into more than one file: $extra" >&2
  echo "build-cli: keep dynamic import() out of what src/cli.ts imports." >&2
  exit 1
fi
target=dist/cli.js
if [ "${1:-}" = --out ]; then target="$2"; fi
mkdir -p "$(dirname "$target")"
{
  echo '#!/usr/bin/env node'
  cat "$out/index.js"
} >"$target"
chmod +x "$target"
echo "build-cli: $target ($(wc -c <"$target") bytes)"
