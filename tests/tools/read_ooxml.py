#!/usr/bin/env python3
"""An independent reader of the .xlsx and .docx files Hazard Ledger writes, for tests.

Python 3 standard library only (zipfile + xml.etree), written from ECMA-376, not from our writer.

    read_ooxml.py xlsx FILE   prints JSON {sheet name: [[value, ...], ...]}
    read_ooxml.py docx FILE   prints JSON {"paragraphs": [...], "tables": [[[cell, ...], ...], ...]}

xlsx values: text as str, numbers as int (when integral) or float, dates (a number in a cell whose
number format is a date format) as "YYYY-MM-DD". Missing cells in a row are None.
Library use: read_xlsx(), read_xlsx_cells() (type, value and number format of every cell),
xlsx_sheet_info() (frozen pane, autofilter, column widths, formulas), read_docx(),
docx_tables_detail() (header-row and cantSplit flags, alignment), xml_parts() (every XML part
parsed, so a malformed part raises).
"""
import datetime
import json
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
W = "{%s}" % NS["w"]
# Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30).
BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(45, 48))
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%", 14: "mm-dd-yy", 49: "@"}


def xml_parts(path):
    """Every .xml/.rels part of the package, parsed: {name: Element}."""
    with zipfile.ZipFile(path) as z:
        return {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def _rels(z, part):
    d, f = posixpath.split(part)
    name = posixpath.join(d, "_rels", f + ".rels")
    if name not in z.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(z.read(name)).findall("pr:Relationship", NS):
        target = rel.get("Target")
        out[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(d, target))
    return out


def _text(el):
    """Text of an <si> or <is>: every <t> that is not inside phonetic runs (<rPh>)."""
    out = []
    for child in el:
        tag = child.tag.split("}")[1]
        if tag == "t":
            out.append(child.text or "")
        elif tag == "r":
            out.extend(t.text or "" for t in child.findall("s:t", NS))
    return _unescape_x(''.join(out))


def _unescape_x(s):
    # Control characters are stored as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19).
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def _is_date_format(code):
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)  # drop literals, colours, escapes
    return bool(re.search(r"[dmyDMY]", code))


def _col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _serial_to_date(v):
    return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(v))).isoformat()


def _workbook(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = _rels(z, "xl/workbook.xml")
    sheets = [(s.get("name"), rels[s.get("{%s}id" % NS["r"])]) for s in wb.find("s:sheets", NS)]
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [_text(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("s:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("s:numFmts/s:numFmt", NS)}
    fonts = styles.findall("s:fonts/s:font", NS)
    xfs = []
    for xf in styles.findall("s:cellXfs/s:xf", NS):
        fid = int(xf.get("numFmtId", "0"))
        code = custom.get(fid, BUILTIN_FORMATS.get(fid, "builtin:%d" % fid))
        is_date = fid in BUILTIN_DATE_FORMATS or (fid in custom and _is_date_format(custom[fid]))
        font = fonts[int(xf.get("fontId", "0"))] if fonts else None
        bold = font is not None and font.find("s:b", NS) is not None and font.find("s:b", NS).get("val", "1") not in ("0", "false")
        xfs.append({"format": code, "date": is_date, "bold": bold})
    return sheets, shared, xfs


def read_xlsx_cells(path):
    """{sheet: [[cell or None, ...], ...]} where cell = {"type": "text"|"number"|"date"|"bool"|"error",
    "value": ..., "format": number format code, "bold": bool, "formula": str or None}."""
    out = {}
    with zipfile.ZipFile(path) as z:
        sheets, shared, xfs = _workbook(z)
        for name, part in sheets:
            root = ET.fromstring(z.read(part))
            rows = []
            for row in root.findall("s:sheetData/s:row", NS):
                r = int(row.get("r")) - 1
                while len(rows) <= r:
                    rows.append([])
                cells = rows[r]
                for c in row.findall("s:c", NS):
                    col = _col_index(c.get("r"))
                    t = c.get("t", "n")
                    v = c.find("s:v", NS)
                    f = c.find("s:f", NS)
                    style = xfs[int(c.get("s", "0"))] if xfs else {"format": "General", "date": False, "bold": False}
                    if t == "s":
                        cell = {"type": "text", "value": shared[int(v.text)]}
                    elif t == "inlineStr":
                        cell = {"type": "text", "value": _text(c.find("s:is", NS))}
                    elif t == "str":
                        cell = {"type": "text", "value": _unescape_x(v.text or "") if v is not None else ""}
                    elif t == "b":
                        cell = {"type": "bool", "value": v is not None and v.text == "1"}
                    elif t == "e":
                        cell = {"type": "error", "value": v.text if v is not None else ""}
                    elif v is None:
                        cell = None  # a blank cell carrying only a format
                    else:
                        num = float(v.text)
                        if style["date"]:
                            cell = {"type": "date", "value": _serial_to_date(num)}
                        else:
                            cell = {"type": "number", "value": int(num) if num.is_integer() else num}
                    if cell is not None:
                        cell.update(format=style["format"], bold=style["bold"], formula=f.text if f is not None else None)
                    while len(cells) <= col:
                        cells.append(None)
                    cells[col] = cell
            out[name] = rows
    return out


def read_xlsx(path):
    """{sheet: [[value, ...], ...]}: see the module's docstring."""
    return {name: [[c["value"] if c else None for c in row] for row in rows]
            for name, rows in read_xlsx_cells(path).items()}


def xlsx_sheet_info(path):
    """{sheet: {"frozen": {"xSplit", "ySplit", "topLeftCell"} or None, "autofilter": ref or None,
    "widths": {column index: width}, "formulas": number of <f> elements}}."""
    out = {}
    with zipfile.ZipFile(path) as z:
        sheets, _, _ = _workbook(z)
        for name, part in sheets:
            root = ET.fromstring(z.read(part))
            pane = root.find("s:sheetViews/s:sheetView/s:pane", NS)
            frozen = None
            if pane is not None and pane.get("state") in ("frozen", "frozenSplit"):
                frozen = {"xSplit": float(pane.get("xSplit", "0")), "ySplit": float(pane.get("ySplit", "0")),
                          "topLeftCell": pane.get("topLeftCell")}
            af = root.find("s:autoFilter", NS)
            widths = {}
            for col in root.findall("s:cols/s:col", NS):
                for i in range(int(col.get("min")), int(col.get("max")) + 1):
                    widths[i - 1] = float(col.get("width", "0"))
            out[name] = {"frozen": frozen, "autofilter": af.get("ref") if af is not None else None,
                         "widths": widths, "formulas": len(list(root.iter("{%s}f" % NS["s"])))}
    return out


def _paragraph_text(p):
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            if el.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
    return "".join(out)


def _document(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("_rels/.rels"))
        main = next(r.get("Target") for r in root.findall("pr:Relationship", NS)
                    if r.get("Type").endswith("/officeDocument"))
        return ET.fromstring(z.read(main.lstrip("/")))


def read_docx(path):
    """{"paragraphs": texts of the body's non-empty paragraphs outside tables, in order,
    "tables": [[[cell text, ...] per row] per table]} (a cell's paragraphs joined with "\\n")."""
    body = _document(path).find("w:body", NS)
    paragraphs, tables = [], []
    for el in body:
        if el.tag == W + "p":
            t = _paragraph_text(el)
            if t.strip():
                paragraphs.append(t)
        elif el.tag == W + "tbl":
            tables.append([["\n".join(_paragraph_text(p) for p in tc.findall("w:p", NS)) for tc in tr.findall("w:tc", NS)]
                           for tr in el.findall("w:tr", NS)])
    return {"paragraphs": paragraphs, "tables": tables}


def docx_tables_detail(path):
    """Per table: [{"header": w:tblHeader on the row, "cant_split": w:cantSplit on the row,
    "align": [w:jc of each cell's first paragraph or None]}] per row."""
    body = _document(path).find("w:body", NS)
    out = []
    for tbl in body.findall("w:tbl", NS):
        rows = []
        for tr in tbl.findall("w:tr", NS):
            trpr = tr.find("w:trPr", NS)
            flag = lambda name: trpr is not None and trpr.find("w:" + name, NS) is not None
            align = []
            for tc in tr.findall("w:tc", NS):
                jc = tc.find("w:p/w:pPr/w:jc", NS)
                align.append(jc.get(W + "val") if jc is not None else None)
            rows.append({"header": flag("tblHeader"), "cant_split": flag("cantSplit"), "align": align})
        out.append(rows)
    return out


def main(argv):
    if len(argv) != 3 or argv[1] not in ("xlsx", "docx"):
        sys.stderr.write("usage: read_ooxml.py xlsx|docx FILE\n")
        return 2
    data = read_xlsx(argv[2]) if argv[1] == "xlsx" else read_docx(argv[2])
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
