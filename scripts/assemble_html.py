#!/usr/bin/env python3
"""Writes the app's HTML pages from web/shell.html.

  --mode served:  <script src="NAME.js"> (dist/index.html, needs NAME.wasm beside it)
  --mode single:  the whole app inline, wasm included (dist/hazard-ledger.html, opens from file://)

The inline app is kept in a non-executing <script type="text/plain"> and started by a loader only
when the boot checks pass, so a browser without WebGL2 shows its message instead of errors.
"""
import argparse, pathlib, sys

ap = argparse.ArgumentParser()
ap.add_argument("--shell", required=True)
ap.add_argument("--mode", choices=["served", "single"], required=True)
ap.add_argument("--js", required=True)
ap.add_argument("--out", required=True)
args = ap.parse_args()

shell = pathlib.Path(args.shell).read_text(encoding="utf-8")
if shell.count("{{APP}}") != 1:
    sys.exit(f"{args.shell}: needs exactly one {{{{APP}}}} placeholder")
js_path = pathlib.Path(args.js)
if args.mode == "served":
    app = ('<script>if (window.Module) { var s = document.createElement("script"); '
           f's.src = "{js_path.name}"; document.body.appendChild(s); }}</script>')
else:
    code = js_path.read_text(encoding="utf-8")
    if "</script" in code.lower():
        sys.exit(f"{args.js}: contains '</script', cannot be inlined")
    app = ('<script type="text/plain" id="hz-app">' + code + '</script>\n'
           '<script>if (window.Module) { var s = document.createElement("script"); '
           's.text = document.getElementById("hz-app").textContent; document.body.appendChild(s); }</script>')
out = pathlib.Path(args.out)
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(shell.replace("{{APP}}", app), encoding="utf-8")
