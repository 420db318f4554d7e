#!/usr/bin/env python3
"""End-to-end checks of the report commands against an independent computation.

A generated city ledger is imported; `stats --from/--to`, `assess`, `report`, `export` to .xlsx and
.csv and `bulletin` to .html and .docx are run, and their figures are recomputed here with straight
SQL over the same database file (run by tests/tools/sql_rows: the system's SQLite may be too old
for the schema) and Python code written from the definitions in src/report/*.hpp — not with the
report engine. The .xlsx and .docx are read with
tests/tools/read_ooxml.py (zipfile + XML). Run by CTest:
    cli_reports.py --cli PATH --sql PATH --reader tests/tools/read_ooxml.py --work DIR
"""
import argparse
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys

TODAY = "2026-11-29"
PERIOD = ("2026-06-01", "2026-09-30")
MAJOR = "重大隐患"


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Runner:
    def __init__(self, cli, work):
        self.cli, self.work = cli, work

    def __call__(self, *args, rc=0):
        p = subprocess.run([self.cli, *args], cwd=self.work, capture_output=True)
        if p.returncode != rc:
            fail(f"hazard-ledger {' '.join(args)}: exit {p.returncode}, expected {rc}\n"
                 f"{p.stdout.decode(errors='replace')}\n{p.stderr.decode(errors='replace')}")
        return p.stdout


def shift_year(d):
    y, m, day = int(d[:4]), int(d[5:7]), int(d[8:10])
    if m == 2 and day == 29:
        day = 28
    return f"{y - 1:04d}-{m:02d}-{day:02d}"


def overdue_sql(alias="h"):
    return f"({alias}.deadline <> '' AND {alias}.deadline < '{TODAY}' AND {alias}.status <> '已销号')"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--sql", required=True)
    ap.add_argument("--reader", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    run = Runner(a.cli, a.work)
    run("generate", "--seed", "7", "--towns", "6", "--enterprises", "100", "--hazards", "1500", "-o", "g.json")
    run("init", "--db", "city.db", "--office", "市安委办", "--division", "320100", "--level", "市")
    run("import", "--db", "city.db", "--trust-new", "g.json")
    dbfile = os.path.join(a.work, "city.db")

    def q(sql, *args):
        out = subprocess.run([a.sql, dbfile, sql, *map(str, args)], capture_output=True)
        if out.returncode != 0:
            fail(f"SQL {sql}: {out.stderr.decode(errors='replace')}")
        return [tuple(r) for r in json.loads(out.stdout)]

    # A hazard whose description would be a formula in a spreadsheet.
    injected = '=HYPERLINK("http://example.invalid","点击")'
    q("UPDATE hazard SET description = ?1 WHERE rid = (SELECT min(rid) FROM hazard)", injected)

    # [stats] the period, the previous period and last year's same days.
    lo, hi = PERIOD
    s = json.loads(run("stats", "--db", "city.db", "--from", lo, "--to", hi, "--today", TODAY, "--json"))

    def figures(f, t):
        total, major, overdue, rect, closed = q(
            f"SELECT count(*), sum(level = '{MAJOR}'), sum({overdue_sql()}), "
            "sum(status IN ('待验收', '已销号')), sum(status = '已销号') FROM hazard h "
            "WHERE found_date >= ?1 AND found_date <= ?2", f, t)[0]
        return {"total": total, "major": major or 0, "overdue": overdue or 0, "rectified": rect or 0,
                "closed": closed or 0}

    want = figures(lo, hi)
    for k, v in want.items():
        check(s["hazards"][k] == v, f"stats hazards.{k}: {s['hazards'][k]} != {v}")
    check(want["total"] > 100, "the period holds hazards")
    days = 122  # 2026-06-01 .. 2026-09-30
    prev = s["previous_period"]
    check(prev["period"] == {"from": "2026-01-30", "to": "2026-05-31"}, f"previous period {prev['period']}")
    pw = figures("2026-01-30", "2026-05-31")
    for k in ("total", "major", "overdue", "rectified", "closed"):
        check(prev["hazards"][k] == pw[k], f"previous period {k}")
    ly = s["same_period_last_year"]
    check(ly["period"] == {"from": shift_year(lo), "to": shift_year(hi)}, "last year's same days")
    check(ly["hazards"]["total"] == figures(shift_year(lo), shift_year(hi))["total"], "last year's total")
    insp, firms = q("SELECT count(*), count(DISTINCT enterprise_id) FROM inspection WHERE date >= ?1 AND date <= ?2", lo, hi)[0]
    check(s["inspections"] == {"total": insp, "enterprises_inspected": firms}, "inspections in the period")
    inj_now = q("SELECT count(*), coalesce(sum(deaths),0), coalesce(sum(injuries),0) FROM work_injury WHERE date >= ?1 AND date <= ?2", lo, hi)[0]
    inj_ly = q("SELECT count(*) FROM work_injury WHERE date >= ?1 AND date <= ?2", shift_year(lo), shift_year(hi))[0]
    yoy = s["work_injuries_yoy"]
    check([yoy["total"]["events"], yoy["total"]["deaths"], yoy["total"]["injuries"]] == list(inj_now), "injuries now")
    check(yoy["total_last_year"]["events"] == inj_ly[0], "injuries last year")
    check(inj_now[0] + inj_ly[0] > 0, "the generated ledger has work injuries in one of the periods")
    del days

    # [assess] townships: counts, indicator scores, ranks and zones, recomputed.
    aj = json.loads(run("assess", "--db", "city.db", "--from", lo, "--to", hi, "--today", TODAY, "--json"))
    towns = {code: {"name": name} for name, code in q("SELECT value, code FROM dictionary WHERE kind = 'township' AND code <> ''")}
    for code, in q("SELECT DISTINCT substr(division_code, 1, 9) FROM hazard WHERE division_code <> ''"):
        towns.setdefault(code, {"name": code})
    for t in towns.values():
        t.update(hazards=0, major=0, rect=0, clause=0, timely=0, overdue_major=0, firms=set())
    for div, level, status, clause, found, reported, created in q(
            "SELECT division_code, level, status, clause_ref <> '' OR standard_id <> '', found_date, reported_date, "
            "created_at FROM hazard WHERE found_date >= ?1 AND found_date <= ?2", lo, hi):
        t = towns[div[:9]]
        t["hazards"] += 1
        t["major"] += level == MAJOR
        t["rect"] += status in ("待验收", "已销号")
        t["clause"] += bool(clause)
        entered = reported or created[:10]
        from datetime import date
        d = lambda x: date(int(x[:4]), int(x[5:7]), int(x[8:10]))
        t["timely"] += (d(entered) - d(found)).days <= 7
    for div, in q(f"SELECT division_code FROM hazard h WHERE level = '{MAJOR}' AND found_date <= ?1 AND {overdue_sql()}", hi):
        towns[div[:9]]["overdue_major"] += 1
    for div, firm in q("SELECT e.division_code, i.enterprise_id FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id "
                       "WHERE i.date >= ?1 AND i.date <= ?2", lo, hi):
        towns[div[:9]]["firms"].add(firm)
    per100 = {c: (100.0 * t["major"] / len(t["firms"]) if t["firms"] else 0.0) for c, t in towns.items()}
    best = max(per100.values())
    weights = {"rectified_rate": 30, "overdue_major": 25, "major_per_100": 20, "clause_share": 15, "timely_reporting": 10}
    got = {u["key"]: u for u in aj["units"]}
    check(set(got) == set(towns), f"assessed townships {sorted(got)} != {sorted(towns)}")
    totals = {}
    for c, t in towns.items():
        n = t["hazards"]
        score = {"rectified_rate": 100.0 * t["rect"] / n if n else 0.0,
                 "clause_share": 100.0 * t["clause"] / n if n else 0.0,
                 "timely_reporting": 100.0 * t["timely"] / n if n else 0.0,
                 "overdue_major": max(0.0, 100.0 - 20 * t["overdue_major"]),
                 "major_per_100": per100[c] / best * 100 if best > 0 else 0.0}
        total = round(sum(score[k] * w for k, w in weights.items()) / 100.0, 1)
        totals[c] = total
        u = got[c]
        check(u["hazards"] == n and u["major"] == t["major"] and u["enterprises_inspected"] == len(t["firms"]),
              f"township {c} counts")
        for ind in u["indicators"]:
            check(abs(ind["score"] - round(score[ind["id"]], 1)) < 0.051, f"{c} {ind['id']} score {ind['score']} vs {score[ind['id']]}")
        check(abs(u["total"] - total) < 0.051, f"{c} total {u['total']} vs {total}")
    units = len(towns)
    quota = math.ceil(units * 0.2 - 1e-9)
    for c, u in got.items():
        better = sum(1 for x in totals.values() if x > totals[c])
        worse = sum(1 for x in totals.values() if x < totals[c])
        check(u["rank"] == better + 1, f"{c} rank")
        zone = "红区" if worse < quota else "蓝区" if better < quota else "黄区"
        check(u["zone"] == zone, f"{c} zone {u['zone']} != {zone}")

    # [report] by township as CSV, by industry as .xlsx.
    out = run("report", "--db", "city.db", "--from", lo, "--to", hi, "--today", TODAY, "--by", "township", "--csv")
    check(out.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    check(rows[0][:3] == ["乡镇（街道）", "检查企业（家）", "排查隐患（处）"], f"CSV header {rows[0]}")
    by_name = {r[0]: r for r in rows[1:]}
    for c, t in towns.items():
        if t["hazards"]:
            check(int(by_name[t["name"]][2]) == t["hazards"], f"CSV hazards of {t['name']}")
    check(int(by_name["合计"][2]) == want["total"], "CSV total")
    run("report", "--db", "city.db", "--from", lo, "--to", hi, "--by", "industry", "-o", "industry.xlsx")
    book = json.loads(subprocess.check_output([sys.executable, a.reader, "xlsx", os.path.join(a.work, "industry.xlsx")]))
    sheet = next(iter(book.values()))
    check(sheet[0][0] == "行业领域", f"xlsx header {sheet[0]}")
    want_ind = {}
    for ind, in q("SELECT industry FROM hazard WHERE found_date >= ?1 AND found_date <= ?2", lo, hi):
        top = ind.split("/")[0]
        want_ind[top] = want_ind.get(top, 0) + 1
    got_ind = {r[0]: r[2] for r in sheet[1:] if r[0] != "合计"}
    check({k: int(v) for k, v in got_ind.items()} == {k: v for k, v in want_ind.items() if k}, "xlsx by industry")
    run("report", "--db", "city.db", "--from", lo, "--to", hi, "--by", "nowhere", "--csv", rc=2)
    run("report", "--db", "city.db", "--from", "2026-09-30", "--to", "2026-06-01", "--by", "township", "--csv", rc=2)

    # [export] the 明细表: every hazard, Chinese intact, the formula neutralised.
    total_all = q("SELECT count(*) FROM hazard")[0][0]
    run("export", "--db", "city.db", "-o", "detail.csv")
    with open(os.path.join(a.work, "detail.csv"), "rb") as f:
        raw = f.read()
    check(raw.startswith(b"\xef\xbb\xbf"), "明细表 CSV has a BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    check(len(rows) == total_all + 1, f"明细表 CSV rows {len(rows) - 1} != {total_all}")
    header = rows[0]
    check("重大隐患描述(举报问题描述)" in header and "违反判定依据具体条款" in header, f"明细表 columns {header}")
    desc = header.index("重大隐患描述(举报问题描述)")
    cells = [r[desc] for r in rows[1:]]
    check("'" + injected in cells, "the formula is neutralised in CSV")
    check(not any(c.startswith(("=", "+", "-", "@")) for c in cells), "no CSV cell starts a formula")
    run("export", "--db", "city.db", "-o", "detail.xlsx")
    book = json.loads(subprocess.check_output([sys.executable, a.reader, "xlsx", os.path.join(a.work, "detail.xlsx")]))
    sheet = next(iter(book.values()))
    check(len(sheet) == total_all + 1, "明细表 xlsx rows")
    xcol = sheet[0].index("重大隐患描述(举报问题描述)")
    check(any(r[xcol] == "'" + injected for r in sheet[1:]), "the formula is neutralised in xlsx")
    with open(os.path.join(a.work, "detail.xlsx"), "rb") as f:
        import zipfile
        z = zipfile.ZipFile(f)
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                check(b"<f>" not in z.read(name) and b"<f " not in z.read(name), "no formula element in the sheet")
    numbers = [r[1] for r in sheet[1:]]
    check(sorted(numbers) == sorted(n for n, in q("SELECT number FROM hazard")), "明细表 numbers")

    # [bulletin] HTML and .docx with the figures filled in.
    run("bulletin", "--db", "city.db", "--from", lo, "--to", hi, "--today", TODAY, "--number", "宁安委办〔2026〕9号",
        "-o", "b.html")
    with open(os.path.join(a.work, "b.html"), encoding="utf-8") as f:
        html = f.read()
    for part in ("一、总体情况", "二、各乡镇（街道）和部门情况", "三、存在问题", "四、考评结果", "五、工伤事件情况", "六、下步工作要求",
                 "宁安委办〔2026〕9号", f"排查整治问题隐患{want['total']}处，其中重大事故隐患{want['major']}处",
                 f"共检查企业{firms}家（{insp}家次）", "<thead>", "@page"):
        check(part in html, f"bulletin HTML lacks {part!r}")
    check("http://" not in html.replace("http://example.invalid", "") and "<link" not in html, "no outside resources")
    run("bulletin", "--db", "city.db", "--from", lo, "--to", hi, "--today", TODAY, "-o", "b.docx")
    doc = json.loads(subprocess.check_output([sys.executable, a.reader, "docx", os.path.join(a.work, "b.docx")]))
    text = "\n".join(doc["paragraphs"])
    check(f"其中重大事故隐患{want['major']}处" in text, "bulletin .docx overview figures")
    check("六、下步工作要求" in text, "bulletin .docx sections")
    ranking = [t for t in doc["tables"] if t and t[0][:2] == ["排名", "乡镇（街道）"]]
    check(len(ranking) == 1 and len(ranking[0]) == units + 1, "bulletin .docx ranking table")
    run("bulletin", "--db", "city.db", "--from", lo, "--to", hi, "-o", "b.pdf", rc=2)
    print("cli-reports: ok")


if __name__ == "__main__":
    main()
