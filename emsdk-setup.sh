#!/usr/bin/env bash
# One-command setup for Hazard Ledger on Debian 12 (bookworm), run as root (or with sudo).
# Installs the toolchain from Debian's archive and npm, fetches Dear ImGui, SQLite, zlib,
# libxlsxwriter, expat, FreeXL and libsodium as Debian source packages (SHA-256 checked against
# their .dsc), builds the SQLite amalgamation and the CJK font subset. Idempotent: a second run
# only checks and finishes in seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TP="$ROOT/third_party"
DL="$TP/downloads"
IMGUI_MIN=1.92
SQLITE_MIN=3.45
# Pinned exactly (the package index lists versions the archive no longer holds: newer ones were
# tried newest to oldest, these are the newest whose files were there). The SHA-256 of the
# upstream tarball is pinned too, so a changed archive fails here rather than in the build.
ZLIB_PIN="1:1.3.dfsg+really1.3.2-3"
ZLIB_ORIG_SHA256=7b6903eb019983987b7112eccf90f1703f1c6c0e0cede36564bf611d19ca579d
XLSXWRITER_PIN="1.1.4-2"
XLSXWRITER_ORIG_SHA256=b379eb35fdd9c653ebe72485b9c992f612c7ea66f732784457997d6e782f619b
# expat and FreeXL 2.x (sheet import: .xls, .xlsx, .ods). expat 2.9.0-1 and 2.9.0-1~deb13u1 are in
# the index but their .debian.tar.xz were 404 (2026-12): 2.8.3-1~deb13u1 is the newest served.
EXPAT_PIN="2.8.3-1~deb13u1"
EXPAT_ORIG_SHA256=533659a16e0184035a99fd8e783f1ad61a887a7bf8586a8681740b9d7ed42389
FREEXL_PIN="2.0.0-1"
FREEXL_ORIG_SHA256=176705f1de58ab7c1eebbf5c6de46ab76fcd8b856508dbd28f5648f7c6e1a7f0
# libsodium (office keys: Ed25519 signatures, Argon2id + XChaCha20-Poly1305 key backups), trixie's
# security update (Debian's patches are applied below). sid also has 1.0.22-2.
SODIUM_PIN="1.0.18-1+deb13u1"
SODIUM_ORIG_SHA256=d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4

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
  ca-certificates nodejs npm firefox-esr xvfb xauth libgl1-mesa-dri patch)
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

# verify_dsc PKG DSC: the SHA-256 of every file the .dsc lists, as the .dsc says
verify_dsc() {
  local pkg=$1 dsc=$2 checked=0 sum size name got
  while read -r sum size name; do
    [ -n "$name" ] || continue
    [ -f "$DL/$pkg/$name" ] || die "$pkg: $name listed in $(basename "$dsc") is missing"
    got=$(sha256sum "$DL/$pkg/$name" | cut -d' ' -f1)
    [ "$got" = "$sum" ] || die "$pkg: SHA-256 of $name: expected $sum (from .dsc), found $got"
    checked=$((checked+1))
  done < <(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f{print $1, $2, $3}' "$dsc")
  [ "$checked" -gt 0 ] || die "$pkg: no Checksums-Sha256 in $dsc"
}

# fetch_source PKG MINVER -> sets PKG_VERSION and ORIG; checks the .dsc checksums of every downloaded file
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
  verify_dsc "$pkg" "$dsc"
  PKG_VERSION=$ver
  ORIG=$(ls "$DL/$pkg"/*.orig.tar.* | grep -v -- '-[a-z]*\.tar' | head -n1)
}

# fetch_pinned PKG VERSION ORIG_SHA256 -> sets PKG_VERSION and ORIG. Downloads exactly that
# version (into its own folder), checks every file against the .dsc and the upstream tarball
# against the pinned SHA-256.
fetch_pinned() {
  local pkg=$1 ver=$2 want=$3 dir dsc got
  dir="$DL/$pkg"
  dsc="$dir/${pkg}_${ver#*:}.dsc"
  if [ ! -f "$dsc" ]; then
    say "downloading source package $pkg=$ver"
    rm -rf "$dir"; mkdir -p "$dir"
    (cd "$dir" && apt-get source --download-only -qq "$pkg=$ver" >/dev/null 2>&1) || {
      [ "$need_update" = 0 ] && { $SUDO apt-get update -qq; need_update=1; }
      rm -rf "$dir"; mkdir -p "$dir"
      (cd "$dir" && apt-get source --download-only -qq "$pkg=$ver") || { rm -rf "$dir";
        die "apt-get source $pkg=$ver failed: the pinned version is gone from Debian's archive? (apt-cache showsrc $pkg lists what the index knows; try those newest to oldest and update the pin and its SHA-256 in emsdk-setup.sh)"; }
    }
    [ -f "$dsc" ] || die "$pkg: expected $(basename "$dsc") after apt-get source"
  fi
  verify_dsc "$pkg" "$dsc"
  ORIG=$(ls "$dir"/*.orig.tar.* | grep -v -- '-[a-z]*\.tar' | head -n1)
  got=$(sha256sum "$ORIG" | cut -d' ' -f1)
  [ "$got" = "$want" ] || die "$pkg: SHA-256 of $(basename "$ORIG"): expected $want (pinned in emsdk-setup.sh), found $got"
  PKG_VERSION=$ver
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

# --- 2b. zlib and libxlsxwriter (spreadsheet and .docx writers; built by cmake/ThirdParty.cmake) --
fetch_pinned zlib "$ZLIB_PIN" "$ZLIB_ORIG_SHA256"
ZLIB_VERSION=$PKG_VERSION
unpack zlib "$ORIG" "$TP/zlib"
[ -f "$TP/zlib/zlib.h" ] && [ -f "$TP/zlib/deflate.c" ] || die "zlib: expected zlib.h and deflate.c in $TP/zlib"

fetch_pinned libxlsxwriter "$XLSXWRITER_PIN" "$XLSXWRITER_ORIG_SHA256"
XLSXWRITER_VERSION=$PKG_VERSION
unpack libxlsxwriter "$ORIG" "$TP/libxlsxwriter"
[ -f "$TP/libxlsxwriter/include/xlsxwriter.h" ] && [ -f "$TP/libxlsxwriter/third_party/minizip/zip.c" ] \
  || die "libxlsxwriter: expected include/xlsxwriter.h and third_party/minizip/zip.c in $TP/libxlsxwriter"

# --- 2c. expat and FreeXL (sheet import; built by cmake/ThirdParty.cmake with libxlsxwriter's minizip) --
fetch_pinned expat "$EXPAT_PIN" "$EXPAT_ORIG_SHA256"
EXPAT_VERSION=$PKG_VERSION
unpack expat "$ORIG" "$TP/expat"
[ -f "$TP/expat/expat/lib/expat.h" ] && [ -f "$TP/expat/expat/lib/xmlparse.c" ] \
  || die "expat: expected expat/lib/expat.h and expat/lib/xmlparse.c in $TP/expat"

fetch_pinned freexl "$FREEXL_PIN" "$FREEXL_ORIG_SHA256"
FREEXL_VERSION=$PKG_VERSION
unpack freexl "$ORIG" "$TP/freexl"
# Our fixes to FreeXL (patches/freexl, each says what and why), applied to a fresh unpack whenever
# the set of patches changes.
PATCH_SUM=$(cat "$ROOT"/patches/freexl/*.patch | sha256sum | cut -c1-16)
if [ ! -f "$TP/freexl/.patched-$PATCH_SUM" ]; then
  rm -f "$TP/freexl/.unpacked-$(basename "$ORIG")"
  unpack freexl "$ORIG" "$TP/freexl"
  for p in "$ROOT"/patches/freexl/*.patch; do
    say "patching freexl: $(basename "$p")"
    patch -p1 -s -d "$TP/freexl" < "$p" || die "freexl: $(basename "$p") does not apply"
  done
  touch "$TP/freexl/.patched-$PATCH_SUM"
fi
[ -f "$TP/freexl/headers/freexl.h" ] && [ -f "$TP/freexl/src/freexl_xlsx.c" ] \
  || die "freexl: expected headers/freexl.h and src/freexl_xlsx.c in $TP/freexl"

# --- 2d. libsodium (office keys; built by cmake/ThirdParty.cmake, portable C only) ---------------
fetch_pinned libsodium "$SODIUM_PIN" "$SODIUM_ORIG_SHA256"
SODIUM_VERSION=$PKG_VERSION
unpack libsodium "$ORIG" "$TP/libsodium"
# The orig tarball is upstream 1.0.18: Debian's fixes for this version (debian/patches/series of its
# .debian.tar.xz, checked against the .dsc above; +deb13u1 is CVE-2025-69277) are applied to a fresh
# unpack whenever that tarball changes, so that the pinned version is what we compile.
SODIUM_DEBIAN=$(ls "$DL/libsodium"/*.debian.tar.* | head -n1)
SODIUM_PATCH_SUM=$(sha256sum "$SODIUM_DEBIAN" | cut -c1-16)
if [ ! -f "$TP/libsodium/.patched-$SODIUM_PATCH_SUM" ]; then
  rm -f "$TP/libsodium/.unpacked-$(basename "$ORIG")"
  unpack libsodium "$ORIG" "$TP/libsodium"
  rm -rf "$TP/libsodium-debian"; mkdir -p "$TP/libsodium-debian"
  tar -xf "$SODIUM_DEBIAN" -C "$TP/libsodium-debian"
  series="$TP/libsodium-debian/debian/patches/series"
  if [ -f "$series" ]; then
    while read -r p _; do
      case "$p" in ''|'#'*) continue ;; esac
      say "patching libsodium: $p (Debian's patch for $SODIUM_PIN)"
      patch -p1 -s -d "$TP/libsodium" < "$TP/libsodium-debian/debian/patches/$p" \
        || die "libsodium: Debian's $p does not apply to $(basename "$ORIG")"
    done < "$series"
  fi
  rm -rf "$TP/libsodium-debian"
  touch "$TP/libsodium/.patched-$SODIUM_PATCH_SUM"
fi
[ -f "$TP/libsodium/src/libsodium/include/sodium.h" ] && [ -f "$TP/libsodium/src/libsodium/include/sodium/version.h.in" ] \
  && [ -f "$TP/libsodium/src/libsodium/randombytes/sysrandom/randombytes_sysrandom.c" ] \
  || die "libsodium: expected src/libsodium/include/sodium.h, include/sodium/version.h.in and randombytes/sysrandom/randombytes_sysrandom.c in $TP/libsodium"

cat > "$TP/versions.txt" <<V
imgui $IMGUI_VERSION
sqlite3 $SQLITE_VERSION
zlib $ZLIB_VERSION
libxlsxwriter $XLSXWRITER_VERSION
expat $EXPAT_VERSION
freexl $FREEXL_VERSION
libsodium $SODIUM_VERSION
V

# --- 3. npm packages (browser test drivers; no browser download) ------------------------------
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/puppeteer-core" ] || [ ! -d "$ROOT/node_modules/fflate" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "npm ci (playwright-core, puppeteer-core; fflate, bundled into the app)"
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed: is the npm registry reachable?"
fi

# --- 4. The CJK font subset ------------------------------------------------------------------
/usr/bin/python3 "$ROOT/scripts/build_font.py" \
  --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --face-name "Noto Sans CJK SC" \
  --root "$ROOT" --out "$TP/font" || die "building the font subset failed"

say "ready: imgui $IMGUI_VERSION, sqlite $SQLITE_VERSION, zlib $ZLIB_VERSION, libxlsxwriter $XLSXWRITER_VERSION, expat $EXPAT_VERSION, freexl $FREEXL_VERSION, libsodium $SODIUM_VERSION, $(em++ --version | head -n1)"
