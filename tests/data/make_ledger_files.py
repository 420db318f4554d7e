#!/usr/bin/env python3
# Makes the committed ledger test files from a generated ledger: tests/data/golden/small.json and
# small.v2.json (the golden round-trip files, versions 1 and 2) and tests/data/bad/*.json with
# tests/data/bad/expected.tsv (file, record id, field, expected message fragment). Usage:
#   hazard-ledger generate --seed 1 --towns 2 --enterprises 2 --hazards 3 -o /tmp/base.json
#   python3 tests/data/make_ledger_files.py /tmp/base.json
# (with tests/data/golden/small.json as the base, the committed files come out again; the base may
# be of version 1 or 2).
# The checksum is recomputed as docs/ledger-format.md defines it (except where a bad checksum is
# the point). Big hostile inputs (100 MB string, 10,000-deep nesting) are made by the tests.
import copy, hashlib, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARRAYS = ["enterprises", "inspections", "hazards", "work_injuries", "standards", "events", "conflicts"]

def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

def sha3(b):
    return hashlib.sha3_256(b).hexdigest()

def checksum(doc):
    text = ""
    for name in sorted(k for k in doc if k != "checksum"):
        text += name + "\n"
        if name in ARRAYS and isinstance(doc[name], list):
            for e in doc[name]:
                text += sha3(canon(e).encode()) + "\n"
        else:
            text += canon(doc[name]) + "\n"
    return sha3(text.encode())

def write(doc, fix=True):
    if fix:
        doc["checksum"] = checksum(doc)
    head = ["format", "version", "exported_at", "office", "scope"]
    parts = [json.dumps(k, ensure_ascii=False) + ":" + canon(doc[k]) for k in head if k in doc]
    for k in ARRAYS:
        if k in doc:
            v = doc[k]
            if isinstance(v, list):
                body = ",\n".join(canon(e) for e in v)
                parts.append(json.dumps(k) + ":[" + ("\n" + body + "\n" if v else "") + "]")
            else:
                parts.append(json.dumps(k) + ":" + canon(v))
    for k in doc:
        if k not in head and k not in ARRAYS and k != "checksum":
            parts.append(json.dumps(k, ensure_ascii=False) + ":" + canon(doc[k]))
    if "checksum" in doc:
        parts.append('"checksum":' + canon(doc["checksum"]))
    return ("{" + ",\n".join(parts) + "}\n").encode()

def event_hash(e):
    changes = json.dumps([list(c) for c in e["changes"]], separators=(",", ":"), ensure_ascii=False)
    s = "hz-event-1\n"
    for v in [e["id"], e["record_kind"], e["record_id"], e["action"], e["actor"], e["at"], e["origin"],
              e["prev_rev"], e["new_rev"], changes, e["note"], e["prev_hash"]]:
        s += str(len(v.encode())) + ":" + v + "\n"
    return sha3(s.encode())

# Version 2 leaves out each event's hash and the prev_hash that names the previous event of the
# same origin in the file ("" for the origin's first); a reader fills both back in, in file order.
def from_v2(doc):
    last = {}
    for e in doc["events"]:
        if "prev_hash" not in e:
            e["prev_hash"] = last.get(e["origin"], "")
        if "hash" not in e:
            e["hash"] = event_hash(e)
        last[e["origin"]] = e["hash"]
    doc["version"] = 1

def to_v2(doc):
    last = {}
    for e in doc["events"]:
        h = e.pop("hash")
        if e["prev_hash"] == last.get(e["origin"], ""):
            del e["prev_hash"]
        last[e["origin"]] = h
    doc["version"] = 2

def main():
    base = json.load(open(sys.argv[1], encoding="utf-8"))
    if base["version"] == 2:
        from_v2(base)
    # Small base: no standards (and no seed history), so each bad file stays a few KB.
    base["standards"] = []
    base["events"] = [e for e in base["events"] if e["origin"] != "seed"]
    for e in base["events"]:
        assert event_hash(e) == e["hash"], "event hash definition mismatch"
    os.makedirs(os.path.join(HERE, "golden"), exist_ok=True)
    golden = write(copy.deepcopy(base))
    open(os.path.join(HERE, "golden", "small.json"), "wb").write(golden)
    v2 = copy.deepcopy(base)
    to_v2(v2)
    open(os.path.join(HERE, "golden", "small.v2.json"), "wb").write(write(copy.deepcopy(v2)))
    cases = []  # (name, bytes, record, field, fragment)

    def doc_case(name, mutate, record, field, fragment, fix=True):
        d = copy.deepcopy(base)
        mutate(d)
        cases.append((name, write(d, fix), record, field, fragment))

    def raw_case(name, data, record, field, fragment):
        cases.append((name, data, record, field, fragment))

    h0, h1 = base["hazards"][0], base["hazards"][1]
    e0 = base["enterprises"][0]
    i0 = base["inspections"][0]
    ev = base["events"]
    def setf(arr, idx, key, val):
        return lambda d: d[arr][idx].__setitem__(key, val)
    def delf(arr, idx, key):
        return lambda d: d[arr][idx].pop(key)

    raw_case("truncated", golden[: len(golden) // 2], "-", "-", "文件不完整")
    raw_case("not_json", b"hello, ledger", "-", "-", "JSON 语法错误")
    raw_case("empty", b"", "-", "-", "文件为空")
    raw_case("top_level_array", b"[1, 2, 3]\n", "-", "-", "顶层应为 JSON 对象")
    raw_case("trailing_garbage", golden + b"xyz", "-", "-", "JSON 语法错误")
    raw_case("invalid_utf8", golden.replace("整改".encode(), b"\xff\xfe", 1), "-", "-", "UTF-8")
    raw_case("gbk_encoded", golden.replace("整改".encode(), "整改".encode("gbk"), 1), "-", "-", "UTF-8")
    raw_case("deep_nesting", b'{"format":' + b"[" * 60 + b"]" * 60 + b"}", "-", "-", "嵌套层级过深")
    first_level = '"level":"一般隐患"'.encode()
    assert h0["level"] == "一般隐患"
    dup = golden.replace(first_level, '"level":"重大隐患",'.encode() + first_level, 1)
    raw_case("duplicate_key", dup, h0["id"], "level", "字段重复")
    doc_case("wrong_format", lambda d: d.__setitem__("format", "excel-sheet"), "-", "format", "不是隐患台账文件")
    doc_case("wrong_version", lambda d: d.__setitem__("version", 4), "-", "version", "不支持的台账文件版本")
    doc_case("version_string", lambda d: d.__setitem__("version", "1"), "-", "version", "不是整数")
    doc_case("missing_hazards", lambda d: d.pop("hazards"), "-", "hazards", "缺少必填字段")
    doc_case("hazards_not_array", lambda d: d.__setitem__("hazards", {}), "-", "hazards", "应为数组")
    doc_case("bad_exported_at", lambda d: d.__setitem__("exported_at", "yesterday"), "-", "exported_at", "导出时间")
    doc_case("bad_scope", lambda d: d.__setitem__("scope", {"type": "partial"}), "-", "scope", "范围应为")
    doc_case("unknown_top_level", lambda d: d.__setitem__("sheets", []), "-", "sheets", "未知的顶层字段")
    doc_case("bad_level", setf("hazards", 0, "level", "特大隐患"), h0["id"], "level", "一般隐患、重大隐患")
    doc_case("bad_status", setf("hazards", 0, "status", "已完成"), h0["id"], "status", "待整改、整改中、待验收、已销号")
    doc_case("date_feb30", setf("hazards", 0, "found_date", "2026-02-30"), h0["id"], "found_date", "日期无效")
    doc_case("date_slashes", setf("hazards", 0, "deadline", "2026/12/01"), h0["id"], "deadline", "日期无效")
    doc_case("deadline_before_found", setf("hazards", 0, "deadline", "2000-01-01"), h0["id"], "deadline", "不能早于")
    doc_case("inspection_bad_date", setf("inspections", 0, "date", "2026-13-01"), i0["id"], "date", "日期无效")
    bad_uscc = e0["uscc"][:17] + ("0" if e0["uscc"][17] != "0" else "1")
    doc_case("bad_uscc", setf("enterprises", 0, "uscc", bad_uscc), e0["id"], "uscc", "校验位错误")
    doc_case("uscc_number", setf("enterprises", 0, "uscc", 913201020000000782), e0["id"], "uscc", "类型错误")
    doc_case("bad_division", setf("hazards", 0, "division_code", "999999001"), h0["id"], "division_code", "省级代码")
    doc_case("funds_string", setf("hazards", 0, "funds_wan", "12"), h0["id"], "funds_wan", "应为数字")
    doc_case("bool_string", setf("hazards", 0, "five_target", "yes"), h0["id"], "five_target", "布尔值")
    doc_case("unknown_field", setf("hazards", 0, "colour", "red"), h0["id"], "colour", "未知字段")
    doc_case("missing_rev", delf("enterprises", 0, "rev"), e0["id"], "rev", "缺少必填字段")
    doc_case("bad_rev", setf("enterprises", 0, "rev", "v2"), e0["id"], "rev", "版本号")
    doc_case("missing_description", delf("hazards", 0, "description"), h0["id"], "description", "缺少必填字段")
    doc_case("record_not_object", lambda d: d["hazards"].append("hazard"), "hazards[3]", "-", "记录应为 JSON 对象")
    doc_case("dangling_enterprise", setf("hazards", 0, "enterprise_id", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"), h0["id"],
             "enterprise_id", "都不存在")
    doc_case("dangling_inspection", setf("hazards", 0, "inspection_id", "01YYYYYYYYYYYYYYYYYYYYYYYY"), h0["id"],
             "inspection_id", "都不存在")
    doc_case("duplicate_id", lambda d: d["hazards"].append(copy.deepcopy(d["hazards"][0])), h0["id"], "id", "记录ID重复")
    doc_case("bad_checksum", lambda d: None, "-", "checksum", "校验值不符", fix=False)
    def tamper(d):
        d["hazards"][0]["description"] = "（已被改写）"
    cases.append(("tampered_content", write(copy.deepcopy(base), True).replace(
        canon(h0["description"]).encode(), canon("（已被改写）").encode(), 1), "-", "checksum", "校验值不符"))
    doc_case("event_tampered", lambda d: d["events"][2].__setitem__("note", "改写"), ev[2]["id"], "hash", "内容与其校验值不符")
    doc_case("chain_gap", lambda d: d["events"].pop(3), ev[4]["id"], "prev_hash", "历史链断裂")
    def swap(d):
        d["events"][3], d["events"][4] = d["events"][4], d["events"][3]
    doc_case("chain_swapped", swap, ev[4]["id"], "prev_hash", "历史链断裂")
    doc_case("event_missing_hash", lambda d: d["events"][1].pop("hash"), ev[1]["id"], "hash", "缺少必填字段")
    # Version 2: what is written is checked as in version 1.
    def v2_case(name, mutate, record, field, fragment):
        d = copy.deepcopy(v2)
        mutate(d)
        cases.append((name, write(d), record, field, fragment))
    v2_case("v2_event_bad_hash", lambda d: d["events"][2].__setitem__("hash", "0" * 64), ev[2]["id"], "hash",
            "内容与其校验值不符")
    v2_case("v2_chain_gap", lambda d: d["events"][4].__setitem__("prev_hash", ev[2]["hash"]), ev[4]["id"],
            "prev_hash", "历史链断裂")

    out = os.path.join(HERE, "bad")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\trecord\tfield\tmessage fragment ('-' = empty)\n")
        for name, data, record, field, fragment in cases:
            open(os.path.join(out, name + ".json"), "wb").write(data)
            f.write(f"{name}.json\t{record}\t{field}\t{fragment}\n")
    print(len(cases), "bad files")

main()
