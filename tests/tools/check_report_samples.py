#!/usr/bin/env python3
"""CTest report-files: runs write_report_samples, then reads sample.xlsx, sample.docx and sample.csv
with read_ooxml.py / the csv module and checks them against the values written out here again.

    check_report_samples.py --writer PATH --work DIR
"""
import argparse
import csv
import io
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import read_ooxml  # noqa: E402

FAILURES = []


def expect(cond, what):
    if not cond:
        FAILURES.append(what)


def check_xlsx(path):
    values = read_ooxml.read_xlsx(path)
    cells = read_ooxml.read_xlsx_cells(path)
    info = read_ooxml.xlsx_sheet_info(path)
    expect(list(values) == ["隐患统计", "Sheet_2_x_"], "sheet names: %r" % list(values))
    rows = values.get("隐患统计", [])
    expected = [
        ["乡镇（街道）", "隐患数", "整改率", "发现日期", "备注", "金额"],
        ["城南街道", 12, 0.853, "2026-03-05", "'=SUM(A1)", 1234.5],
        ["河西镇", -3, 0.5, "2026-11-30", "'-1+2", -0.25],
        ["'@cmd", 0, 1, "2026-02-30", "含,逗号\"引号\"\n换行", 0],
    ]
    expect(rows == expected, "sheet 隐患统计 rows:\n  got      %r\n  expected %r" % (rows, expected))
    c = cells.get("隐患统计", [])
    if len(c) == 4:
        expect(all(x["bold"] for x in c[0]), "header row not bold")
        expect(c[1][1]["type"] == "number" and c[2][1]["value"] == -3, "a negative Integer must stay a number")
        expect(c[1][2]["type"] == "number" and c[1][2]["format"] == "0.0%", "percent format: %r" % c[1][2])
        expect(c[1][3]["type"] == "date" and "yy" in c[1][3]["format"].lower(), "date cell: %r" % c[1][3])
        expect(c[3][3]["type"] == "text", "an invalid date must stay text: %r" % c[3][3])
        expect(c[1][4]["type"] == "text" and c[1][4]["formula"] is None, "injection cell: %r" % c[1][4])
        expect(c[1][5]["type"] == "number" and not c[1][5]["bold"], "number cell: %r" % c[1][5])
    second = values.get("Sheet_2_x_", [])
    expected2 = [["名称", "数量"], ["'+86 电话", 1234567890123], ["'\t制表符开头", 7]]
    expect(second == expected2, "sheet 2 rows:\n  got      %r\n  expected %r" % (second, expected2))
    for name, i in info.items():
        expect(i["formulas"] == 0, "%s: a formula (<f>) in the sheet" % name)
        expect(i["frozen"] is not None and i["frozen"]["ySplit"] == 1 and i["frozen"]["topLeftCell"] == "A2",
               "%s: header row not frozen: %r" % (name, i["frozen"]))
        expect(i["autofilter"] is not None and i["autofilter"].startswith("A1:"), "%s: autofilter %r" % (name, i["autofilter"]))
    w = info.get("隐患统计", {}).get("widths", {})
    # 乡镇（街道） is 6 CJK characters = 12 cells, plus the filter button and a margin.
    expect(len(w) == 6 and all(6 <= x <= 60 + 1 for x in w.values()), "column widths: %r" % w)
    expect(w.get(0, 0) >= 14 and w.get(0, 0) > w.get(1, 99), "CJK titles must count double: %r" % w)
    expect(abs(info.get("Sheet_2_x_", {}).get("widths", {}).get(0, 0) - 20) < 1, "an explicit width must be kept")
    all_xml = read_ooxml.xml_parts(path)  # every part well-formed
    expect(not any(el.tag.endswith("}f") for root in all_xml.values() for el in root.iter()), "a <f> element in the package")


def check_docx(path):
    parts = read_ooxml.xml_parts(path)  # raises when a part is not well-formed
    for name in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                 "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"]:
        expect(name in parts, "docx part missing: " + name)
    overrides = {o.get("PartName") for o in parts["[Content_Types].xml"]}
    for name in parts:
        if not name.endswith(".rels") and name != "[Content_Types].xml":
            expect("/" + name in overrides, "no content type for " + name)
    d = read_ooxml.read_docx(path)
    p = d["paragraphs"]
    expect(p[:5] == ["关于2026年第一季度安全生产隐患排查治理情况的通报", "安委办〔2026〕3号", "一、总体情况",
                     "全市共排查隐患 12 处，整改率 85.3%。A&B <公司> \"引号\"", "（一）分乡镇情况"],
           "docx paragraphs: %r" % p[:5])
    expect("隐患统计" in p, "the table caption is missing: %r" % p)
    expect(p[-1] == "第一行\n第二行\t制表", "line break and tab: %r" % p[-1:])
    expect(len(d["tables"]) == 1, "docx tables: %d" % len(d["tables"]))
    if d["tables"]:
        t = d["tables"][0]
        expect(t[0] == ["乡镇（街道）", "隐患数", "整改率", "发现日期", "备注", "金额"], "table header: %r" % t[0])
        expect(t[1] == ["城南街道", "12", "85.3%", "2026-03-05", "=SUM(A1)", "1234.5"], "table row 1: %r" % t[1])
        expect(t[3][4] == "含,逗号\"引号\"\n换行", "a cell with a line break: %r" % t[3][4])
        detail = read_ooxml.docx_tables_detail(path)[0]
        expect(detail[0]["header"] and not any(r["header"] for r in detail[1:]), "w:tblHeader only on the first row")
        expect(all(r["cant_split"] for r in detail), "every row must be cantSplit")
        expect(detail[1]["align"][1] == "right" and detail[1]["align"][2] == "right", "numbers right-aligned: %r" % detail[1])
        expect(detail[1]["align"][0] != "right", "text not right-aligned")
    W = read_ooxml.W
    sect = parts["word/document.xml"].find(W + "body").find(W + "sectPr")
    pg = sect.find(W + "pgSz") if sect is not None else None
    expect(pg is not None and pg.get(W + "w") == "11906" and pg.get(W + "h") == "16838", "A4 page size")
    title = parts["docProps/core.xml"].find("{http://purl.org/dc/elements/1.1/}title")
    expect(title is not None and title.text == "隐患排查治理情况通报", "core.xml title")


def check_csv(path):
    raw = pathlib.Path(path).read_bytes()
    expect(raw.startswith(b"\xef\xbb\xbf"), "CSV without BOM")
    text = raw[3:].decode("utf-8")
    # Every line feed ends a record with CR, except the one inside the quoted field.
    outside = text.replace('"含,逗号""引号""\n换行"', "")
    expect(text.endswith("\r\n") and outside.count("\n") == outside.count("\r\n") == 4,
           "CSV records must end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expected = [
        ["乡镇（街道）", "隐患数", "整改率", "发现日期", "备注", "金额"],
        ["城南街道", "12", "85.3%", "2026-03-05", "'=SUM(A1)", "1234.5"],
        ["河西镇", "-3", "50.0%", "2026-11-30", "'-1+2", "-0.25"],
        ["'@cmd", "0", "100.0%", "2026-02-30", "含,逗号\"引号\"\n换行", "0"],
    ]
    expect(rows == expected, "CSV rows:\n  got      %r\n  expected %r" % (rows, expected))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--writer", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    subprocess.run([args.writer, args.work], check=True)
    for name, check in [("sample.xlsx", check_xlsx), ("sample.docx", check_docx), ("sample.csv", check_csv)]:
        try:
            check(os.path.join(args.work, name))
        except Exception as e:  # a reader failure is a failed check, reported with the file
            FAILURES.append("%s: %s: %s" % (name, type(e).__name__, e))
    for f in FAILURES:
        print("FAIL:", f)
    print("report files: %s" % ("ok" if not FAILURES else "%d problem(s)" % len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
