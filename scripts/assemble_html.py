#!/usr/bin/env python3
"""Writes the app's HTML pages from web/shell.html and one link of the app (NAME.js + NAME.wasm).

  --mode served:  dist/index.html: <script src="NAME.js">, the wasm beside it as NAME.wasm.gz
  --mode single:  dist/hazard-ledger.html: the whole app inline (opens from file://)

Both carry the wasm gzip-compressed (the same bytes: NAME.wasm.gz, written by --mode served); the
single file as pieces of base64 that the page's boot script inflates and compiles as the parser
reaches them (web/shell.html, hzPayload), the served one fetched by hzStartApp. The inflater for
browsers without DecompressionStream (fflate, from npm) is inlined in a non-executing script and
only run on those browsers. The inline app glue is kept in a non-executing <script type="text/plain">
too and started by the boot script only when its checks pass, so a browser without WebGL2 shows
its message instead of errors.
"""
import argparse, base64, gzip, pathlib, sys

ap = argparse.ArgumentParser()
ap.add_argument("--shell", required=True)
ap.add_argument("--mode", choices=["served", "single"], required=True)
ap.add_argument("--js", required=True, help="the app's glue (NAME.js); NAME.wasm is beside it")
ap.add_argument("--inflate", required=True, help="fflate's browser build (node_modules/fflate/umd/index.js)")
ap.add_argument("--early", action="append", default=[],
                help="a script run before the program is read (web/hz_storage.js: the saved database is "
                     "read while the program is inflated and compiled)")
ap.add_argument("--out", required=True)
args = ap.parse_args()


def inline_text(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    if "</script" in text.lower():
        sys.exit(f"{path}: contains '</script', cannot be inlined")
    return text


shell = pathlib.Path(args.shell).read_text(encoding="utf-8")
if shell.count("{{APP}}") != 1:
    sys.exit(f"{args.shell}: needs exactly one {{{{APP}}}} placeholder")
js_path = pathlib.Path(args.js)
wasm_path = js_path.with_suffix(".wasm")
out = pathlib.Path(args.out)
out.parent.mkdir(parents=True, exist_ok=True)
# mtime=0 and no name: the same wasm always gives the same bytes.
packed = gzip.compress(wasm_path.read_bytes(), compresslevel=9, mtime=0)
inflate = '<script type="text/plain" id="hz-inflate">' + inline_text(args.inflate) + '</script>\n'
# Inline in both pages: in the served one as well, the storage read starts before the glue is fetched.
inflate = "".join("<script>" + inline_text(e) + "</script>\n" for e in args.early) + inflate
if args.mode == "served":
    (out.parent / (wasm_path.name + ".gz")).write_bytes(packed)
    app = (inflate + '<script>if (window.hzStartApp) hzStartApp({ wasm: "' + wasm_path.name + '.gz", src: "' +
           js_path.name + '" });</script>')
else:
    # Pieces of base64 in scripts of their own: each is handed to the compiler as the parser reaches
    # it (hzPayload in web/shell.html), so compiling overlaps reading the rest of the page.
    text = base64.b64encode(packed).decode("ascii")
    piece = 256 * 1024  # a multiple of 4: each piece decodes on its own
    pieces = "".join('<script>window.hzPayload && hzPayload.push("' + text[i:i + piece] + '");</script>\n'
                     for i in range(0, len(text), piece))
    app = (inflate + pieces + '<script>window.hzPayload && hzPayload.end();</script>\n' +
           '<script type="text/plain" id="hz-app">' + inline_text(js_path) + '</script>\n'
           '<script>if (window.hzStartApp) hzStartApp({ inline: true });</script>')
out.write_text(shell.replace("{{APP}}", app), encoding="utf-8")
