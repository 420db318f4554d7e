#!/usr/bin/env bash
# Builds the web app and serves dist/ on http://127.0.0.1:8080 (the README's first command).
# dist/hazard-ledger.html is the single-file app that also opens straight from disk.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
"$ROOT/emsdk-setup.sh"
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "${HZ_JOBS:-2}" --target dist
PORT=${PORT:-8080}
echo
echo "隐患台账 Hazard Ledger is built."
echo "  Open in a browser:   http://127.0.0.1:${PORT}/"
echo "  Single-file app:     $ROOT/dist/hazard-ledger.html  (copy it anywhere; opens from disk)"
echo
exec node "$ROOT/scripts/serve.mjs" --dir "$ROOT/dist" --port "$PORT"
