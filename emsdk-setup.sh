#!/usr/bin/env bash
# One-command setup for Hazard Ledger on Debian 12 (bookworm), run as root (or with sudo).
# Installs the toolchain from Debian's archive and npm, fetches Dear ImGui and SQLite as Debian
# source packages (SHA-256 checked against their .dsc), builds the SQLite amalgamation and the
# CJK font subset. Idempotent: a second run only checks and finishes in seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TP="$ROOT/third_party"
DL="$TP/downloads"
IMGUI_MIN=1.92
SQLITE_MIN=3.45

say()  { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die()  { printf '\033[1;31m[setup] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "run as root or install sudo (needs apt-get)"
  SUDO=sudo
fi

# --- 1. Debian packages ----------------------------------------------------------------------
APT_PACKAGES=(emscripten cmake ninja-build tcl nlohmann-json3-dev doctest-dev clang-14 clang-format-14
  libclang-rt-14-dev chromium fonts-noto-cjk fonttools python3 xz-utils dpkg-dev
  ca-certificates nodejs npm firefox-esr xvfb xauth libgl1-mesa-dri)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  # nodejs may come from another repository (e.g. NodeSource, which bundles npm): accept it.
  if [[ "$p" == nodejs || "$p" == npm ]] && command -v "${p/nodejs/node}" >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SRC_LIST=/etc/apt/sources.list.d/hazard-ledger-src.sources
need_update=0
if [ ! -f "$SRC_LIST" ]; then
  say "adding deb-src entries for bookworm, trixie and sid (source packages only)"
  $SUDO tee "$SRC_LIST" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
if [ ${#missing[@]} -gt 0 ] || [ "$need_update" = 1 ]; then
  say "apt-get update"
  $SUDO apt-get update -qq || die "apt-get update failed: is Debian's archive reachable?"
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]} (log: third_party/apt-install.log)"
  mkdir -p "$TP"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"$TP/apt-install.log" 2>&1 || die "apt-get install failed for: ${missing[*]}"
fi
command -v em++ >/dev/null || die "em++ not found after installing emscripten"
command -v chromium >/dev/null || die "chromium not found after installing it"

# --- 2. Source packages: Dear ImGui and SQLite ------------------------------------------------
ver_ge() { dpkg --compare-versions "$1" ge "$2"; }

# fetch_source PKG MINVER -> sets SRC_DIR; checks the .dsc checksums of every downloaded file
fetch_source() {
  local pkg=$1 min=$2 dsc ver
  mkdir -p "$DL/$pkg"
  dsc=$(ls "$DL/$pkg"/*.dsc 2>/dev/null | head -n1 || true)
  if [ -z "$dsc" ]; then
    say "downloading source package $pkg (need >= $min)"
    (cd "$DL/$pkg" && apt-get source --download-only -qq "$pkg" >/dev/null 2>&1) || {
      [ "$need_update" = 0 ] && { $SUDO apt-get update -qq; need_update=1; }
      (cd "$DL/$pkg" && apt-get source --download-only -qq "$pkg") \
        || die "apt-get source $pkg failed (expected a deb-src entry in $SRC_LIST)"
    }
    dsc=$(ls "$DL/$pkg"/*.dsc | head -n1)
  fi
  ver=$(sed -n 's/^Version: //p' "$dsc")
  ver_ge "$ver" "$min" || die "$pkg: expected version >= $min, found $ver ($dsc). Remove $DL/$pkg and check that sid is in $SRC_LIST."
  # Verify SHA-256 of each file listed in the .dsc
  local checked=0
  while read -r sum size name; do
    [ -n "$name" ] || continue
    [ -f "$DL/$pkg/$name" ] || die "$pkg: $name listed in $(basename "$dsc") is missing"
    got=$(sha256sum "$DL/$pkg/$name" | cut -d' ' -f1)
    [ "$got" = "$sum" ] || die "$pkg: SHA-256 of $name: expected $sum (from .dsc), found $got"
    checked=$((checked+1))
  done < <(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f{print $1, $2, $3}' "$dsc")
  [ "$checked" -gt 0 ] || die "$pkg: no Checksums-Sha256 in $dsc"
  PKG_VERSION=$ver
  ORIG=$(ls "$DL/$pkg"/*.orig.tar.* | grep -v -- '-[a-z]*\.tar' | head -n1)
}

unpack() { # unpack PKG TARBALL DEST
  local dest=$3
  if [ ! -f "$dest/.unpacked-$(basename "$2")" ]; then
    say "unpacking $(basename "$2") -> ${dest#$ROOT/}"
    rm -rf "$dest"; mkdir -p "$dest"
    tar -xf "$2" -C "$dest" --strip-components=1
    touch "$dest/.unpacked-$(basename "$2")"
  fi
}

fetch_source imgui "$IMGUI_MIN"
IMGUI_VERSION=$PKG_VERSION
unpack imgui "$ORIG" "$TP/imgui"
[ -f "$TP/imgui/imgui.h" ] && [ -f "$TP/imgui/backends/imgui_impl_glfw.cpp" ] \
  || die "imgui: expected imgui.h and backends/imgui_impl_glfw.cpp in $TP/imgui"

fetch_source sqlite3 "$SQLITE_MIN"
SQLITE_VERSION=$PKG_VERSION
unpack sqlite3 "$ORIG" "$TP/sqlite-src"
if [ ! -f "$TP/sqlite/sqlite3.c" ] || [ ! -f "$TP/sqlite/.from-$SQLITE_VERSION" ]; then
  say "building the SQLite amalgamation (configure && make sqlite3.c)"
  rm -rf "$TP/sqlite-build"; mkdir -p "$TP/sqlite-build" "$TP/sqlite"
  (cd "$TP/sqlite-build" && "$TP/sqlite-src/configure" >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) \
    || die "building sqlite3.c failed: see $TP/sqlite-build/*.log"
  cp "$TP/sqlite-build/sqlite3.c" "$TP/sqlite-build/sqlite3.h" "$TP/sqlite/"
  cp "$TP/sqlite-src/ext/misc/shathree.c" "$TP/sqlite/"
  [ -f "$TP/sqlite-build/sqlite3ext.h" ] && cp "$TP/sqlite-build/sqlite3ext.h" "$TP/sqlite/" \
    || cp "$TP/sqlite-src/src/sqlite3ext.h" "$TP/sqlite/"
  rm -f "$TP/sqlite"/.from-*; touch "$TP/sqlite/.from-$SQLITE_VERSION"
fi

cat > "$TP/versions.txt" <<V
imgui $IMGUI_VERSION
sqlite3 $SQLITE_VERSION
V

# --- 3. npm packages (browser test drivers; no browser download) ------------------------------
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/puppeteer-core" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "npm ci (playwright-core, puppeteer-core)"
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed: is the npm registry reachable?"
fi

# --- 4. The CJK font subset ------------------------------------------------------------------
/usr/bin/python3 "$ROOT/scripts/build_font.py" \
  --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --face-name "Noto Sans CJK SC" \
  --root "$ROOT" --out "$TP/font" || die "building the font subset failed"

say "ready: imgui $IMGUI_VERSION, sqlite $SQLITE_VERSION, $(em++ --version | head -n1)"
