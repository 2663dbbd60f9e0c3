#!/usr/bin/env bash
# Idle connections need one file descriptor each, in the gateway and in the
# client workers: raise the open-file limit as far as this machine allows,
# then run the orchestrator (which reports the limit it got).
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$(dirname "$0")/.." && exec node --import tsx bench/run.ts "$@"
