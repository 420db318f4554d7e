#!/usr/bin/env bash
# One benchmark run (issue 14; on demand, not part of the test command). Builds what it measures
# (native release, the wasm app and wasm benchmarks), then bench/run.mjs generates 10k and 100k
# ledgers and measures import native / wasm under Node / the sql.js peer, re-import, export, merge,
# page queries, the browser (ready, restore, frames, a city's export and import through the UI),
# sizes and memory, each as the median of its runs. Writes bench/results/latest.json and the table
# in docs/performance.md. Run after the README setup (./emsdk-setup.sh), on a quiet machine.
#   bench/run.sh [--sizes 10000,100000] [--runs 3] [--no-browser]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
JOBS=${HZ_JOBS:-2}
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$JOBS" --target hazard-ledger ledger_bench store_bench
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$JOBS" --target dist ledger_bench
exec node bench/run.mjs "$@"
