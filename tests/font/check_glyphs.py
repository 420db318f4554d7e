#!/usr/bin/env python3
"""Checks that the embedded UI font has a glyph for every character of the UI's own strings
(every non-ASCII character in src/ and web/) and for rare characters common in names."""
import argparse, pathlib, sys
from fontTools.ttLib import TTFont

NAME_CHARS = "堃喆昇淼鑫垚珺琪镕赟"

ap = argparse.ArgumentParser()
ap.add_argument("--font", required=True)
ap.add_argument("--root", required=True)
args = ap.parse_args()
cmap = TTFont(args.font).getBestCmap()
need = {c: "name characters" for c in NAME_CHARS}
root = pathlib.Path(args.root)
files = 0
for base in ("src", "web"):
    for p in (root / base).rglob("*"):
        if p.suffix in {".cpp", ".hpp", ".js", ".html"} and p.is_file():
            files += 1
            for ch in p.read_text(encoding="utf-8"):
                if ord(ch) > 0x7F and not ch.isspace():
                    need.setdefault(ch, str(p.relative_to(root)))
missing = [(c, where) for c, where in need.items() if ord(c) not in cmap]
print(f"checked {len(need)} characters from {files} files against {len(cmap)} glyphs")
for c, where in missing:
    print(f"missing glyph U+{ord(c):04X} '{c}' (used in {where})")
if files == 0 or len(need) < 50:
    sys.exit("too few characters found: is --root right?")
sys.exit(1 if missing else 0)
