#!/usr/bin/env bash
# Builds everything and runs every test (the README's test command; CI runs exactly this):
#   native Debug with ASan+UBSan: doctest unit suites, CLI checks, font glyph check;
#   WebAssembly: the same unit suites under Node.js, then the web app in real headless Chromium.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
"$ROOT/emsdk-setup.sh"
export NODE_PATH=/usr/share/nodejs
JOBS=${HZ_JOBS:-2}
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "native (Debug, ASan + UBSan): build"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j "$JOBS"
step "native: tests"
ctest --preset native-debug -j "$JOBS"

step "wasm (Emscripten): build app and tests"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$JOBS"
step "wasm: unit tests under Node.js, browser tests in Chromium"
ctest --preset wasm

step "all tests passed"
