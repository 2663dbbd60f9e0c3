#!/usr/bin/env bash
# Regenerates proto/gen from proto/*.proto. The output is checked in and never
# edited by hand; `npm run proto:check` fails when it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-proto/gen}
mkdir -p "$out"
npx pbjs -t static-module -w es6 --es6 -d --no-delimited --no-verify --no-typeurl --no-convert --no-service \
  -o "$out/muxgate.js" proto/muxgate.proto proto/client.proto
