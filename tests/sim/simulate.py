#!/usr/bin/env python3
"""The multi-office simulation (issue 14, item 5): townships, counties and a city exchange ledgers
for a number of simulated weeks through the `hazard-ledger` command line, then every office must
hold the same records, no edit may be lost, every conflict must be listed wherever both versions
are held, and every history must verify.

  simulate.py --cli build/native-release/src/hazard-ledger --work /tmp/sim \\
              [--townships 30] [--counties 3] [--weeks 52] [--seed 1] [--full-every 4]

Standard library only. Deterministic by seed: the same seed makes the same commands in the same
order (revision stamps come from the clock, so which of two concurrent versions wins may differ
between runs; the assertions hold for either).

Every simulated week:
  - each township: imports what has arrived for it (full files from its county), then one of its
    three operators (in turn; now and then a second one too) applies a batch (`apply`): new
    enterprises, inspections and hazards, field edits and workflow steps; then it exports its
    weekly change file to its county (`export --to`);
  - each county: its operators edit some of its townships' hazards that the township edits the same
    week (concurrent edits -> conflicts) and review reported hazards (approve / return), then it
    imports the township files that have arrived and sends its own change file to the city;
  - the city edits a few hazards (supervision, remarks), imports the county files; every
    --full-every weeks the city sends its full file down to the counties and they send theirs down
    to their townships.
Files are delivered late (one to three weeks) or twice at random, and several that arrive the same
week are imported in a random order, sometimes in one `import` call. A final round then delivers
everything, up and down, and the checks run.

Reading state: to choose legal workflow steps the simulation reads an office's database read-only
with Python's sqlite3 (hazard id, status, review, ...). Every assertion uses the command line and
the ledger files only: full exports (`export -o FILE.json`), `conflicts`, `verify`, `stats --json`.

Assertions (each failure names the office, the record and the field):
  1. convergence: every office's full export has the same records (all five kinds), the same open
     conflicts and the same set of history events;
  2. no edit lost: every text value the simulation wrote is in the history (an event that set it),
     and it is the current value, or in an open conflict's losing version, or was changed by a
     later event that descends from it and is itself on the way to the current version or a loser;
  3. conflicts listed: per record, the heads of the revision graph (versions no event replaced)
     other than the current version are exactly the open conflicts' losing versions, in every
     office; `conflicts --db` lists as many as the export holds;
  4. `verify --db` passes for every office.
"""

import argparse
import collections
import datetime
import gzip
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

START = datetime.date(2026, 1, 5)  # a Monday
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英"]
TOWN_WORDS = "东湖西山南塘北关凤鸣青龙白马金桥长乐安平永兴新河柳庄石门桃园梅岭松林竹溪"
COUNTY_NAMES = ["玄武区", "秦淮区", "建邺区", "鼓楼区", "浦口区", "栖霞区", "雨花台区", "江宁区", "六合区", "溧水区"]
INDUSTRIES = ["商贸", "危险化学品", "工贸/机械", "工贸/冶金", "建筑施工", "消防"]
SOURCES = ["部门检查", "督导检查", "企业自查", "群众举报"]
METHODS = ["四不两直", "交叉互检", "明查暗访", "专家会诊"]
LOCATIONS = ["仓库", "配电室", "楼梯间", "车间", "罐区", "厨房", "安全出口"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TEXT_KINDS = ("enterprise", "inspection", "hazard", "work_injury", "standard")
ARRAYS = {"enterprise": "enterprises", "inspection": "inspections", "hazard": "hazards",
          "work_injury": "work_injuries", "standard": "standards"}


# A database that imported change file N+1 before N exports full files (and change files that span
# the gap) whose events of that origin skip N's; every reader refuses them ("历史链断裂"), so no
# office can import them until N arrives and the file is exported again. Reproduction:
GAP_BUG = ("T: init, then three times apply + `export --to 区安委办 -o cK.json`; county: init, "
           "`import --db county.db c1.json c3.json` (names the missing 第 2 号), `export --db county.db -o full.json`; "
           "`validate full.json` (or import it anywhere) -> 历史链断裂. --no-delays avoids it.")


class SimFailure(Exception):
    pass


def uscc_with_check(first17):
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, weights))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


class Office:
    def __init__(self, key, name, division, level, operators, parent=None):
        self.key, self.name, self.division, self.level = key, name, division, level
        self.operators, self.parent = operators, parent
        self.db = None
        self.id = None
        self.children = []


class Sim:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = os.path.abspath(args.work)
        self.cli = os.path.abspath(args.cli)
        self.calls = collections.Counter()
        self.cli_seconds = 0.0
        self.writes = []  # {office, actor, kind, field, value, week, id?}
        self.counter = 0
        self.inbox = collections.defaultdict(list)  # office key -> [(arrival week, path, label)]
        self.sizes = {"township_change": [], "township_change_after_full": [], "county_change": [], "city_full": [],
                      "county_full": []}
        self.full_names = set()  # files that are full ledgers
        self.got_full = set()  # offices that imported a full file since their last change file
        self.missing_named = 0
        self.import_conflicts = 0
        self.delayed = 0
        self.resent = 0
        self.offices = []
        self.build_topology()

    # ---------------------------------------------------------------- command line
    def run(self, *argv, expect=0):
        t = time.monotonic()
        p = subprocess.run([self.cli, *argv], cwd=self.work, capture_output=True, text=True)
        self.cli_seconds += time.monotonic() - t
        self.calls[argv[0]] += 1
        if p.returncode != expect and argv[0] == "import" and "历史链断裂" in p.stderr:
            raise SimFailure(f"BUG (history gap in files): hazard-ledger {' '.join(argv)} refused a file written by an "
                             f"office whose history has a gap left by a late change file (exported while the gap "
                             f"was open): {GAP_BUG}\n{p.stderr}")
        if p.returncode != expect:
            raise SimFailure(f"hazard-ledger {' '.join(argv)}: exit {p.returncode} (expected {expect})\n"
                             f"{p.stdout}\n{p.stderr}")
        return p.stdout

    def unique(self, office, what):
        self.counter += 1
        return f"{what}〔{office.key}-{self.counter}〕"

    # ---------------------------------------------------------------- topology
    def build_topology(self):
        a = self.args
        names = iter(f"{w1}{w2}" for w1 in TOWN_WORDS for w2 in TOWN_WORDS if w1 != w2)
        people = iter(f"{s}{g}" for g in GIVEN for s in SURNAMES)
        self.city = Office("C", "市安委办", "320100", "市", [next(people), next(people)])
        self.counties = []
        for c in range(a.counties):
            county = Office(f"X{c + 1}", f"{COUNTY_NAMES[c % len(COUNTY_NAMES)]}安委办{'' if c < len(COUNTY_NAMES) else c}",
                            f"3201{c + 2:02d}", "县区", [next(people), next(people)], self.city)
            self.counties.append(county)
        self.townships = []
        for t in range(a.townships):
            county = self.counties[t % a.counties]
            n = len(county.children) + 1
            town = Office(f"T{t + 1}", f"{next(names)}街道安委办", f"{county.division}{n:03d}", "乡镇",
                          [next(people) for _ in range(3)], county)
            county.children.append(town)
            self.townships.append(town)
        self.offices = [self.city, *self.counties, *self.townships]

    def init_offices(self):
        for o in self.offices:
            o.db = f"{o.key}.db"
            out = self.run("init", "--db", o.db, "--office", o.name, "--division", o.division, "--level", o.level,
                           "--operator", o.operators[0])
            o.id = out.strip().rsplit(" ", 1)[-1]

    # ---------------------------------------------------------------- reading an office's state
    def state(self, office):
        path = os.path.join(self.work, office.db)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error:
            con = sqlite3.connect(path)
        try:
            con.row_factory = sqlite3.Row
            hazards = [dict(r) for r in con.execute(
                "SELECT id, division_code, status, review, level, rectified_by, enterprise_id, found_date "
                "FROM hazard ORDER BY id")]
            enterprises = [dict(r) for r in con.execute("SELECT id, division_code, industry FROM enterprise ORDER BY id")]
            inspections = [dict(r) for r in con.execute(
                "SELECT i.id, e.division_code FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id "
                "ORDER BY i.id")]
        finally:
            con.close()
        return hazards, enterprises, inspections

    # ---------------------------------------------------------------- batches
    def apply(self, office, actor, lines, week):
        if not lines:
            return
        path = os.path.join(self.work, "batch.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.run("apply", "--db", office.db, "--as", actor, "batch.jsonl", "--today", self.today(week).isoformat())

    def today(self, week):
        return START + datetime.timedelta(days=7 * week + 4)

    def log(self, office, actor, kind, field, value, week, rid=None):
        self.writes.append({"office": office.key, "actor": actor, "kind": kind, "field": field, "value": value,
                            "week": week, "id": rid})

    def township_batch(self, town, actor, week, contested, touched):
        rng = self.rng
        today = self.today(week)
        hazards, enterprises, _ = self.state(town)
        own = [h for h in hazards if h["division_code"] == town.division]
        firms = [e for e in enterprises if e["division_code"] == town.division]
        lines = []
        # New enterprises (always a few in the first weeks).
        for _ in range(rng.randint(1, 2) if week < 2 or not firms else (1 if rng.random() < 0.3 else 0)):
            ref = f"e{len(lines)}"
            industry = rng.choice(INDUSTRIES)
            name = self.unique(town, f"{town.name[:2]}{rng.choice(['恒达', '顺发', '永安', '宏远'])}有限公司")
            body = "".join(rng.choice(USCC_CHARS[:10]) for _ in range(8))
            record = {"name": name, "kind": "企业", "uscc": uscc_with_check("91" + town.division[:6] + body + "1"),
                      "division_code": town.division, "industry": industry, "address": self.unique(town, "路")}
            lines.append({"op": "create", "kind": "enterprise", "ref": ref, "record": record})
            self.log(town, actor, "enterprise", "name", name, week)
            self.log(town, actor, "enterprise", "address", record["address"], week)
            firms.append({"id": "@" + ref, "division_code": town.division, "industry": industry})
        # An inspection with a few hazards.
        if firms and rng.random() < 0.8:
            firm = rng.choice(firms)
            found = today - datetime.timedelta(days=rng.randint(0, 4))
            notes = self.unique(town, "检查")
            lines.append({"op": "create", "kind": "inspection", "ref": "i", "record": {
                "date": found.isoformat(), "enterprise_id": firm["id"], "method": rng.choice(METHODS),
                "department": "安委办", "inspectors": "、".join(rng.sample(town.operators, 2)), "notes": notes}})
            self.log(town, actor, "inspection", "notes", notes, week)
            for k in range(rng.randint(1, 3)):
                major = rng.random() < 0.15
                desc = self.unique(town, rng.choice(["安全出口堵塞", "消防设施失效", "电气线路私拉乱接", "未落实动火审批"]))
                rec = {"enterprise_id": firm["id"], "inspection_id": "@i", "division_code": town.division,
                       "industry": firm["industry"], "level": "重大隐患" if major else "一般隐患", "status": "待整改",
                       "source": rng.choice(SOURCES), "found_date": found.isoformat(),
                       "deadline": (found + datetime.timedelta(days=rng.randint(14, 60))).isoformat(),
                       "description": desc, "location": rng.choice(LOCATIONS), "responsible_person": rng.choice(town.operators)}
                lines.append({"op": "create", "kind": "hazard", "record": rec})
                self.log(town, actor, "hazard", "description", desc, week)
        # Edits and workflow steps on own hazards; the contested ones first (the county edits them too).
        pool = [h for h in own if h["id"] not in touched]
        rng.shuffle(pool)
        picks = [h for h in own if h["id"] in contested and h["id"] not in touched] + pool[:rng.randint(1, 4)]
        for h in picks:
            if h["id"] in touched:
                continue
            touched.add(h["id"])
            lines += self.hazard_step(town, actor, h, week, edit=h["id"] in contested)
        # Now and then an enterprise edit.
        if firms and rng.random() < 0.3:
            f = rng.choice([f for f in firms if not f["id"].startswith("@")] or [None])
            if f:
                v = self.unique(town, "联系人")
                lines.append({"op": "update", "kind": "enterprise", "id": f["id"], "set": {"contact": v}})
                self.log(town, actor, "enterprise", "contact", v, week, f["id"])
        return lines

    def hazard_step(self, office, actor, h, week, edit):
        """A field edit and/or the next workflow step of hazard h, as `office`'s operator `actor`."""
        rng = self.rng
        today = self.today(week).isoformat()
        out = []
        if edit or rng.random() < 0.4:
            field = rng.choice(["measures", "remarks", "location"])
            v = self.unique(office, {"measures": "整改措施", "remarks": "备注", "location": "部位"}[field])
            out.append({"op": "update", "kind": "hazard", "id": h["id"], "set": {field: v}})
            self.log(office, actor, "hazard", field, v, week, h["id"])
        r = rng.random()
        st = h["status"]
        if st == "待整改" and r < 0.7:
            if h["level"] == "重大隐患":
                m = self.unique(office, "重大隐患整改方案")
                out.append({"op": "update", "kind": "hazard", "id": h["id"], "set": {
                    "measures": m, "responsible_department": "安委办", "responsible_person": actor,
                    "five_target": True, "five_organization": True, "five_safety_measures": True,
                    "five_funds": True, "five_time_limit": True}})
                self.log(office, actor, "hazard", "measures", m, week, h["id"])
            out.append({"op": "action", "id": h["id"], "action": "start"})
        elif st == "整改中" and r < 0.6:
            note = self.unique(office, "已整改")
            out.append({"op": "action", "id": h["id"], "action": "submit", "date": today, "note": note,
                        "person": rng.choice(office.operators)})
            self.log(office, actor, "hazard", "completion_note", note, week, h["id"])
        elif st == "待验收" and r < 0.7:
            if rng.random() < 0.2:
                out.append({"op": "action", "id": h["id"], "action": "reject", "note": "整改不到位"})
            else:
                verifier = rng.choice([p for p in office.operators if p != h["rectified_by"]])
                note = self.unique(office, "验收合格")
                out.append({"op": "action", "id": h["id"], "action": "verify", "date": today, "note": note,
                            "person": verifier})
                self.log(office, actor, "hazard", "verify_opinion", note, week, h["id"])
        elif st == "已销号" and r < 0.05:
            out.append({"op": "action", "id": h["id"], "action": "reopen", "note": "复查发现反弹"})
        if h["review"] in ("未上报", "退回") and rng.random() < 0.25:
            out.append({"op": "action", "id": h["id"], "action": "submit_review"})
        return out

    def supervisor_batch(self, office, actor, week, contested):
        """A county or the city: edit the contested hazards, review reported ones."""
        rng = self.rng
        hazards, _, _ = self.state(office)
        by_id = {h["id"]: h for h in hazards}
        lines = []
        for hid in sorted(contested):
            if hid not in by_id:
                continue
            field = rng.choice(["remarks", "measures"])
            v = self.unique(office, "上级意见" if field == "remarks" else "督办措施")
            s = {field: v}
            if rng.random() < 0.3:
                s["supervision"] = "市" if office.level == "市" else "县"
            lines.append({"op": "update", "kind": "hazard", "id": hid, "set": s})
            self.log(office, actor, "hazard", field, v, week, hid)
        if office.level == "县区":
            pending = [h for h in hazards if h["review"] == "待审核" and h["id"] not in contested
                       and h["division_code"].startswith(office.division)]
            for h in pending[: rng.randint(1, 4)]:
                if rng.random() < 0.75:
                    lines.append({"op": "action", "id": h["id"], "action": "approve"})
                else:
                    note = self.unique(office, "请补充整改责任人")
                    lines.append({"op": "action", "id": h["id"], "action": "return", "note": note})
                    self.log(office, actor, "hazard", "review_note", note, week, h["id"])
        return lines

    # ---------------------------------------------------------------- exchange
    def send(self, sender, recipient, week, full, kind):
        self.counter += 1
        name = f"{sender.key}-to-{recipient.key}-w{week:02d}-{self.counter}.ledger.json.gz"
        if full:
            self.run("export", "--db", sender.db, "-o", name)
        else:
            self.run("export", "--db", sender.db, "--to", recipient.name, "-o", name)
        size = os.path.getsize(os.path.join(self.work, name))
        if full:
            self.full_names.add(name)
        if kind == "township_change" and sender.key in self.got_full:
            kind = "township_change_after_full"  # it forwards what the full file brought
        self.got_full.discard(sender.key)
        self.sizes[kind].append(size)
        delay = 0
        if week >= 0:  # the final round (week -1) delivers at once
            r = self.rng.random()
            delay = 0 if r < 0.82 else (1 if r < 0.94 else self.rng.randint(2, 3))
            # Coverage at any size: the second township file is late, the third one comes twice.
            if kind == "township_change" and sender is self.townships[0] and week == 1:
                delay = 2
            if self.args.no_delays:
                delay = 0
            if delay:
                self.delayed += 1
        arrival = week + delay if week >= 0 else -1
        self.inbox[recipient.key].append((arrival, name))
        resend = week >= 0 and (self.rng.random() < 0.06 or (kind == "township_change" and
                                                              sender is self.townships[-1] and week == 2))
        if resend:
            self.resent += 1
            self.inbox[recipient.key].append((arrival + self.rng.randint(0, 2), name))

    def receive(self, office, week):
        """Imports what has arrived (all of it when week is None), in a random order."""
        box = self.inbox[office.key]
        due = [m for m in box if week is None or m[0] <= week]
        self.inbox[office.key] = [m for m in box if not (week is None or m[0] <= week)]
        if not due:
            return
        names = [m[1] for m in due]
        if any(n in self.full_names for n in names):
            self.got_full.add(office.key)
        self.rng.shuffle(names)
        while names:
            k = self.rng.randint(1, len(names))
            batch, names = names[:k], names[k:]
            # Offices exchange files from the first week: each pins the others' keys on first sight
            # (a script, so --trust-new; a changed key would still be refused).
            out = self.run("import", "--db", office.db, "--trust-new", *batch)
            if "缺少" in out:
                self.missing_named += 1
            for line in out.splitlines():
                if line.startswith("新增冲突"):
                    self.import_conflicts += int(line.split()[1])

    def week(self, w):
        rng = self.rng
        contested = {}  # supervisor key -> set of hazard ids both edit this week
        for county in [*self.counties, self.city]:
            hazards, _, _ = self.state(county)
            mine = [h for h in hazards if h["division_code"].startswith(county.division[:6] if county.level == "县区" else "")
                    and h["status"] != "已销号"]
            k = min(len(mine), rng.randint(1, 3) if county.level == "县区" else rng.randint(0, 1))
            contested[county.key] = {h["id"] for h in rng.sample(mine, k)}
        all_contested = set().union(*contested.values())
        for town in self.townships:
            self.receive(town, w)
            touched = set()
            first = (w + int(town.key[1:])) % len(town.operators)
            actors = [town.operators[first]] + ([town.operators[(first + 1) % 3]] if rng.random() < 0.3 else [])
            for actor in actors:
                self.apply(town, actor, self.township_batch(town, actor, w, all_contested, touched), w)
            self.send(town, town.parent, w, False, "township_change")
        for county in self.counties:
            self.apply(county, county.operators[w % 2], self.supervisor_batch(county, county.operators[w % 2], w,
                                                                             contested[county.key]), w)
            self.receive(county, w)
            if w > 0 and w % self.args.full_every == 0:
                for town in county.children:
                    self.send(county, town, w, True, "county_full")
            self.send(county, self.city, w, False, "county_change")
        self.apply(self.city, self.city.operators[w % 2], self.supervisor_batch(self.city, self.city.operators[w % 2], w,
                                                                               contested[self.city.key]), w)
        self.receive(self.city, w)
        if w % self.args.full_every == self.args.full_every - 1:
            for county in self.counties:
                self.send(self.city, county, w, True, "city_full")

    def final_round(self):
        for town in self.townships:
            self.receive(town, None)
            self.send(town, town.parent, -1, False, "township_change")
        for county in self.counties:
            self.receive(county, None)
            self.send(county, self.city, -1, False, "county_change")
        self.receive(self.city, None)
        for county in self.counties:
            self.send(self.city, county, -1, True, "city_full")
            self.receive(county, None)
            for town in county.children:
                self.send(county, town, -1, True, "county_full")
                self.receive(town, None)

    # ---------------------------------------------------------------- checks
    def dump(self, office):
        name = f"final-{office.key}.json"
        self.run("export", "--db", office.db, "-o", name)
        with open(os.path.join(self.work, name), encoding="utf-8") as f:
            return json.load(f)

    def check(self):
        failures = []
        dumps = {o.key: self.dump(o) for o in self.offices}
        ref_office = self.city
        ref = dumps[ref_office.key]

        def index(d, array):
            return {r["id"]: r for r in d[array]}

        # 1. Convergence.
        for o in self.offices:
            d = dumps[o.key]
            for array in [*ARRAYS.values(), "conflicts"]:
                a, b = index(ref, array), index(d, array)
                for rid in sorted(set(a) | set(b)):
                    if rid not in b:
                        failures.append(f"convergence: {o.key} {o.name} lacks {array} {rid} that {ref_office.key} holds")
                    elif rid not in a:
                        failures.append(f"convergence: {o.key} {o.name} holds {array} {rid} that {ref_office.key} lacks")
                    elif a[rid] != b[rid]:
                        fields = sorted(k for k in set(a[rid]) | set(b[rid]) if a[rid].get(k) != b[rid].get(k))
                        failures.append(f"convergence: {o.key} {o.name}: {array} {rid}: fields {fields} differ: "
                                        f"{ref_office.key} {[a[rid].get(k) for k in fields]} vs "
                                        f"{o.key} {[b[rid].get(k) for k in fields]}")
            ea, eb = {e["id"] for e in ref["events"]}, {e["id"] for e in d["events"]}
            if ea != eb:
                failures.append(f"convergence: {o.key} {o.name}: history differs from {ref_office.key}: "
                                f"{len(eb - ea)} events only here, {len(ea - eb)} missing (e.g. {sorted(ea ^ eb)[:3]})")

        # 3. Conflicts listed wherever both versions are held (each office's own export).
        for o in self.offices:
            d = dumps[o.key]
            heads_by_record = self.heads(d["events"])
            current = {(k, r["id"]): r["rev"] for k, arr in ARRAYS.items() for r in d[arr]}
            losers = collections.defaultdict(set)
            for c in d["conflicts"]:
                if not c.get("resolved_at"):
                    losers[(c["record_kind"], c["record_id"])].add(c["loser_rev"])
            for key in sorted(set(heads_by_record) | set(losers)):
                if key[0] not in ARRAYS:
                    continue
                cur = current.get(key)
                expect = heads_by_record.get(key, set()) - {cur}
                if expect - losers[key]:
                    failures.append(f"conflicts: {o.key} {o.name}: {key[0]} {key[1]}: versions "
                                    f"{sorted(expect - losers[key])} are concurrent with the current {cur} "
                                    f"but not listed as conflicts")
                if losers[key] - expect:
                    failures.append(f"conflicts: {o.key} {o.name}: {key[0]} {key[1]}: listed losing versions "
                                    f"{sorted(losers[key] - expect)} are not concurrent versions (current {cur})")
            out = self.run("conflicts", "--db", o.db)
            listed = out.strip().splitlines()[-1] if out.strip() else ""
            if f"冲突共 {len(d['conflicts'])} 条" not in listed:
                failures.append(f"conflicts: {o.key} {o.name}: `conflicts` says “{listed}” but the export holds "
                                f"{len(d['conflicts'])}")
            for c in d["conflicts"]:
                if c["record_kind"] == "hazard":
                    number = c["loser"].get("number", "")
                    if number and number not in out:
                        failures.append(f"conflicts: {o.key} {o.name}: conflict {c['id']} (hazard {number}) is not "
                                        f"in the `conflicts` listing")

        # 2. No edit lost (on the reference office; after 1. every office holds the same).
        failures += self.check_writes(ref, ref_office)

        # 4. History verifies everywhere.
        for o in self.offices:
            try:
                self.run("verify", "--db", o.db)
            except SimFailure as e:
                failures.append(f"verify: {o.key} {o.name}: {e}")

        # Counts agree with stats --json (the city and one township: each call costs time under ASan).
        for o in (self.city, self.townships[0]):
            stats = json.loads(self.run("stats", "--db", o.db, "--json", "--today", self.today(self.args.weeks).isoformat()))
            if stats["hazards"]["total"] != len(dumps[o.key]["hazards"]):
                failures.append(f"stats: {o.key} {o.name}: hazards.total {stats['hazards']['total']} but the export "
                                f"holds {len(dumps[o.key]['hazards'])}")
        return failures, ref

    @staticmethod
    def heads(events):
        """(kind, record id) -> revisions that no event replaced."""
        made, replaced = collections.defaultdict(set), collections.defaultdict(set)
        for e in events:
            key = (e["record_kind"], e["record_id"])
            if e["new_rev"]:
                made[key].add(e["new_rev"])
            if e["prev_rev"]:
                replaced[key].add(e["prev_rev"])
        return {k: made[k] - replaced[k] for k in made}

    def check_writes(self, d, office):
        failures = []
        parent = {}  # (kind, id, rev) -> previous rev
        setters = {}  # (kind, field, value) -> event
        clearers = collections.defaultdict(list)  # (kind, id, field, value) -> events that changed it
        for e in d["events"]:
            parent[(e["record_kind"], e["record_id"], e["new_rev"])] = e["prev_rev"]
            for field, old, new in e["changes"]:
                if isinstance(new, str) and new:
                    setters.setdefault((e["record_kind"], field, new), e)
                if isinstance(old, str) and old:
                    clearers[(e["record_kind"], e["record_id"], field, old)].append(e)
        records = {(k, r["id"]): r for k, arr in ARRAYS.items() for r in d[arr]}
        losers = collections.defaultdict(list)
        for c in d["conflicts"]:
            if not c.get("resolved_at"):
                losers[(c["record_kind"], c["record_id"])].append(c["loser"])

        def lineage(kind, rid, rev):
            seen = set()
            while rev and rev not in seen:
                seen.add(rev)
                rev = parent.get((kind, rid, rev), "")
            return seen

        for w in self.writes:
            e = setters.get((w["kind"], w["field"], w["value"]))
            where = f"{w['office']} {w['actor']} (week {w['week']}) wrote {w['kind']} {w['id'] or '(new)'} " \
                    f"{w['field']}=“{w['value']}”"
            if e is None:
                failures.append(f"edit lost: {where}: no history event in {office.key} set it")
                continue
            key = (w["kind"], e["record_id"])
            rec = records.get(key)
            if rec is None:
                failures.append(f"edit lost: {where}: record {e['record_id']} is not in {office.key}")
                continue
            versions = [rec] + losers[key]
            if any(v.get(w["field"]) == w["value"] for v in versions):
                continue
            reachable = set()
            for v in versions:
                reachable |= lineage(w["kind"], e["record_id"], v["rev"])
            later = [x for x in clearers[(w["kind"], e["record_id"], w["field"], w["value"])]
                     if x["new_rev"] in reachable and e["new_rev"] in lineage(w["kind"], e["record_id"], x["prev_rev"])]
            if not later:
                failures.append(f"edit lost: {where}: record {e['record_id']} now has "
                                f"“{rec.get(w['field'])}” (rev {rec['rev']}), no open conflict holds the value and no "
                                f"later edit that saw it replaced it")
        return failures

    # ---------------------------------------------------------------- main
    def main(self):
        t0 = time.monotonic()
        if os.path.isdir(self.work):
            shutil.rmtree(self.work)
        os.makedirs(self.work)
        self.init_offices()
        for w in range(self.args.weeks):
            self.week(w)
            if self.args.verbose:
                print(f"week {w + 1}: {sum(self.calls.values())} commands, {time.monotonic() - t0:.1f} s", flush=True)
        self.final_round()
        t_sim = time.monotonic() - t0
        failures, ref = self.check()
        t_all = time.monotonic() - t0
        self.report(ref, t_sim, t_all)
        if failures:
            print(f"\nFAILED: {len(failures)} problem(s)", file=sys.stderr)
            for f in failures[:60]:
                print("  " + f, file=sys.stderr)
            if len(failures) > 60:
                print(f"  … and {len(failures) - 60} more", file=sys.stderr)
            return 1
        print("OK: all offices converge, no edit lost, every conflict listed, every history verifies")
        return 0

    def report(self, ref, t_sim, t_all):
        a = self.args

        def kb(xs):
            if not xs:
                return "-"
            return f"median {int(statistics.median(xs)):,} bytes, max {max(xs):,} bytes (n={len(xs)})"

        full = os.path.getsize(os.path.join(self.work, f"final-{self.city.key}.json"))
        gz = len(gzip.compress(open(os.path.join(self.work, f"final-{self.city.key}.json"), "rb").read(), 6))
        print(f"simulation: {a.townships} townships, {a.counties} counties, 1 city, {a.weeks} weeks, seed {a.seed}")
        print(f"time: {t_all:.1f} s in all ({t_sim:.1f} s simulating, {self.cli_seconds:.1f} s in hazard-ledger; "
              f"{sum(self.calls.values())} commands: {dict(sorted(self.calls.items()))})")
        print(f"records: {len(ref['enterprises'])} enterprises, {len(ref['inspections'])} inspections, "
              f"{len(ref['hazards'])} hazards, {len(ref['events'])} history events; {len(self.writes)} values written")
        print(f"township change files (per township per week): {kb(self.sizes['township_change'])}; the first "
              f"after a full file came down: {kb(self.sizes['township_change_after_full'])}")
        print(f"county change files: {kb(self.sizes['county_change'])}")
        print(f"full files: city→county {kb(self.sizes['city_full'])}; county→township {kb(self.sizes['county_full'])}; "
              f"final city ledger {full / 1e6:.2f} MB JSON, {gz / 1e6:.2f} MB gzip")
        print(f"exchange: {self.delayed} files delayed, {self.resent} sent twice, {self.missing_named} imports named a "
              f"missing change file")
        print(f"conflicts: {len(ref['conflicts'])} open in every office ({self.import_conflicts} reported new by imports)")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", required=True, help="path of the hazard-ledger executable")
    p.add_argument("--work", required=True, help="work directory (emptied first)")
    p.add_argument("--townships", type=int, default=30)
    p.add_argument("--counties", type=int, default=3)
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--full-every", type=int, default=4, help="full files go down every N weeks")
    p.add_argument("--no-delays", action="store_true", help="deliver every file in the week it is sent "
                   "(files are still sent twice and imported in a random order)")
    p.add_argument("--verbose", action="store_true", help="print progress every week")
    args = p.parse_args()
    if args.counties < 1 or args.townships < args.counties or args.weeks < 1 or args.full_every < 1:
        p.error("need 1 ≤ counties ≤ townships, weeks ≥ 1, full-every ≥ 1")
    try:
        return Sim(args).main()
    except SimFailure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
