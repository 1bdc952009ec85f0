#!/usr/bin/env bash
# Is dist/ (the action's bundle and the command line's one-file dist/cli.js) what `npm run build`
# makes of the sources? Rebuilds it and fails when the fresh build differs from the dist/ in git or
# adds files git does not track, or when dist/cli.js does not run on its own on Node 24. Used by
# .ci/run, scripts/release and .github/workflows/check-dist.yml, so all three judge freshness the
# same way.
#
# Usage: scripts/check-dist.sh [--no-build]
#   --no-build   compare the dist/ already in the working tree (when the caller just built it)
# The rebuilt dist/ is left in the working tree, ready to commit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${1:-}" != --no-build ]; then
  echo "\$ npm run build"
  npm run build
fi

# Compared as text (dist/ is marked -diff in .gitattributes, under which the whitespace options
# see no change at all); .gitattributes keeps dist/ at LF, so a Windows checkout compares too.
if ! git diff --text --exit-code --stat -- dist/; then
  echo "check-dist: dist/ is stale: the fresh build differs from dist/ in git (see above)." >&2
  echo "check-dist: commit the rebuilt dist/ (it is left in the working tree)." >&2
  exit 1
fi
untracked="$(git status --porcelain --untracked-files=all -- dist/ | grep '^??' || true)"
if [ -n "$untracked" ]; then
  echo "$untracked" >&2
  echo "check-dist: the build made files in dist/ that git does not track: add and commit them." >&2
  exit 1
fi
# The command line must stay ONE file: copied into an empty folder, it has nothing else to load.
node24="$(scripts/node24.sh)"
alone="$(mktemp -d "${TMPDIR:-/tmp}/ninedata-gate-alone.XXXXXX")"
cp dist/cli.js "$alone/ninedata-gate.js"
if ! (cd "$alone" && "$node24" ninedata-gate.js --version >/dev/null); then
  rm -rf "$alone"
  echo "check-dist: dist/cli.js does not run on its own (copied into an empty folder)." >&2
  exit 1
fi
rm -rf "$alone"
echo "check-dist: dist/ matches a fresh build."
