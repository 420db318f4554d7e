#!/usr/bin/env bash
# The house format (.clang-format) is applied to every C++ file we write: checks it (the README's
# test command runs this first) or, with --fix, applies it. clang-format-14 comes from Debian
# (emsdk-setup.sh installs it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-14}
mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i "${files[@]}"
  exit 0
fi
if ! "$CLANG_FORMAT" --dry-run -Werror "${files[@]}" 2>/tmp/hz-format.$$; then
  grep -E "^[^ ].*: (error|warning):" /tmp/hz-format.$$ | sed -E 's/: (error|warning): .*//' | sort -u | head -40
  rm -f /tmp/hz-format.$$
  echo "These files are not in the house format (.clang-format): run scripts/check_format.sh --fix"
  exit 1
fi
rm -f /tmp/hz-format.$$
echo "format: ${#files[@]} files in the house format"
