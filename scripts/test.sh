#!/usr/bin/env bash
# Builds everything and runs every test (the README's test command; CI runs exactly this):
#   the house format (.clang-format) checked on every C++ file;
#   native Debug with ASan+UBSan: doctest unit suites, CLI checks, font glyph check;
#   libFuzzer (clang-14): the ledger and sheet fuzz targets, 60 s each, at once (HZ_SKIP_FUZZ=1 skips them);
#   WebAssembly: the same unit suites under Node.js, then the web app in real headless Chromium.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
"$ROOT/emsdk-setup.sh"
export NODE_PATH=/usr/share/nodejs
JOBS=${HZ_JOBS:-2}
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "format: .clang-format applied to every C++ file (clang-format-14)"
"$ROOT/scripts/check_format.sh"

step "native (Debug, ASan + UBSan): build"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j "$JOBS"
step "native: tests"
ctest --preset native-debug -j "$JOBS"

if [ "${HZ_SKIP_FUZZ:-0}" != 1 ]; then
  step "fuzz (clang-14 libFuzzer, ASan + UBSan): ledger validate and import, sheet reader, 60 s each, side by side"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$JOBS"
  # Each target with its seeds; the three run at once (their time is wall-clock time).
  declare -A seeds=([fuzz_validate]="$ROOT/tests/fuzz/corpus" [fuzz_import]="$ROOT/tests/fuzz/corpus"
                    [fuzz_sheet]="$ROOT/tests/data/sheets")
  # FreeXL's .xls reader leaks a few KB on some damaged files (freed with the page); its memory
  # errors are what fuzz_sheet hunts, so its leak check is off. Our own code's leaks are caught
  # by the ASan unit suites, the sheet import included.
  declare -A extra=([fuzz_validate]="" [fuzz_import]="" [fuzz_sheet]="ASAN_OPTIONS=detect_leaks=0")
  pids=()
  for target in fuzz_validate fuzz_import fuzz_sheet; do
    [ -x "$ROOT/build/fuzz/tests/$target" ] || { echo "$target was not built"; exit 1; }
    work="$ROOT/build/fuzz/corpus-$target"
    rm -f "$ROOT/build/fuzz/$target-"*
    mkdir -p "$work"
    ( env ${extra[$target]} "$ROOT/build/fuzz/tests/$target" -max_total_time="${HZ_FUZZ_SECONDS:-60}" -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$ROOT/build/fuzz/$target-" \
        "$work" "${seeds[$target]}" > "$ROOT/build/fuzz/$target.log" 2>&1 || true ) &
    pids+=($!)
  done
  wait "${pids[@]}"
  for target in fuzz_validate fuzz_import fuzz_sheet; do
    echo "-- $target"
    grep -E "^(#[0-9]+ +DONE|Done|==[0-9]+==ERROR|SUMMARY)" "$ROOT/build/fuzz/$target.log" || true
    # A crash leaves an artifact: fail the run (the log shows it).
    if ls "$ROOT/build/fuzz/$target-"* >/dev/null 2>&1; then
      tail -n 60 "$ROOT/build/fuzz/$target.log"
      echo "$target found a crash"
      exit 1
    fi
    # A run that did not finish (no "Done" line) failed to start or was killed: fail the run.
    if ! grep -q "^Done " "$ROOT/build/fuzz/$target.log"; then
      tail -n 60 "$ROOT/build/fuzz/$target.log"
      echo "$target did not finish its run"
      exit 1
    fi
  done
fi

step "wasm (Emscripten): build app and tests"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$JOBS"
step "wasm: unit tests under Node.js, browser tests in Chromium"
ctest --preset wasm

step "all tests passed"
