#!/usr/bin/env python3
"""Builds the CJK font subset the app embeds (run by emsdk-setup.sh).

The browser app draws text with the browser's own fonts (src/platform/web/browser_font.cpp); this
subset is only its fallback for a browser without any Chinese font, and the font of the native
headless UI tests. So it stays small: printable ASCII and common punctuation, GB2312's symbols and
its level-1 characters (the 3,755 most common), the extra characters of names listed in
assets/fonts/extra-chars.txt, and every non-ASCII character found in src/, assets/ and web/ (so the
UI's own strings always have glyphs). Rebuilds only when that set or the source font changes.
"""
import argparse, hashlib, os, pathlib, subprocess, sys


def face_index(path, wanted):
    from fontTools.ttLib import TTCollection
    coll = TTCollection(path, lazy=True)
    for i, font in enumerate(coll.fonts):
        name = font["name"].getDebugName(1) or ""
        if name == wanted:
            return i
    sys.exit(f"build_font: face '{wanted}' not found in {path}")


def charset(root):
    chars = set(chr(c) for c in range(0x20, 0x7F))
    for lo, hi in [(0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203B), (0x2190, 0x2193),
                   (0x2460, 0x2473), (0x25A0, 0x25CF), (0x2605, 0x2606), (0x3000, 0x301F),
                   (0xFF01, 0xFF5E), (0x2103, 0x2103), (0x2116, 0x2116), (0x2160, 0x216B)]:
        chars.update(chr(c) for c in range(lo, hi + 1))
    for b1 in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xD8)):  # symbols, level-1 characters
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    scan = [root / "src", root / "assets", root / "web"]
    for base in scan:
        if not base.exists():
            continue
        for p in base.rglob("*"):
            if p.is_file() and p.suffix in {".cpp", ".hpp", ".h", ".json", ".txt", ".csv", ".js", ".html"}:
                try:
                    text = p.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue
                chars.update(ch for ch in text if ord(ch) > 0x7F and not ch.isspace())
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--face-name", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    root, out = pathlib.Path(args.root), pathlib.Path(args.out)
    if not os.path.exists(args.source):
        sys.exit(f"build_font: expected the font {args.source} (package fonts-noto-cjk)")
    text = charset(root)
    key = hashlib.sha256((text + str(os.path.getsize(args.source)) + "v3").encode()).hexdigest()
    out.mkdir(parents=True, exist_ok=True)
    font, chars, stamp = out / "ui-font.otf", out / "chars.txt", out / "stamp"
    if font.exists() and stamp.exists() and stamp.read_text() == key:
        return
    chars.write_text(text, encoding="utf-8")
    idx = face_index(args.source, args.face_name)
    print(f"[setup] font subset: {len(text)} characters from face {idx} of {args.source}")
    subprocess.check_call([sys.executable, "-m", "fontTools.subset", args.source,
                           f"--font-number={idx}", f"--text-file={chars}", "--no-hinting",
                           "--desubroutinize", "--layout-features=", "--name-IDs=1,2,3,4,6",
                           "--notdef-outline", f"--output-file={font}"])
    stamp.write_text(key)
    print(f"[setup] font subset: {font.stat().st_size} bytes")


if __name__ == "__main__":
    main()
