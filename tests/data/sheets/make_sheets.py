#!/usr/bin/env python3
"""Writes the sample sheets of the sheet-import tests (committed; rerun only to change them).

The .xlsx and .xls files are saved by LibreOffice (headless) from a flat OpenDocument sheet this
script writes, so they carry what real office software writes: shared strings, styles, a merged
title row, date cells with a number format, a serial number in a General cell. The CSV files are
written here in the encodings offices send: GBK (Excel's "CSV (逗号分隔)" on a Chinese Windows) and
UTF-8 with a BOM. Usage: make_sheets.py [--out DIR] (needs soffice for the workbooks).
"""
import argparse
import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - total % 31) % 31]


FIRM_A = uscc("91320102MA1XYW12A")   # 南京华达机械制造有限公司, written two ways
FIRM_B = uscc("91320102MA20ABCD3")   # 城南食品有限公司
BAD_USCC = FIRM_B[:-1] + ("0" if FIRM_B[-1] != "0" else "1")

# Columns of a real city ledger (DOMAIN.md), in its order.
CITY_HEADER = ["序号", "审核状态", "上报单位", "行业领域", "企业类型", "企业名称", "统一社会信用代码", "隐患分类",
               "重大隐患描述", "检查方式", "检查人", "检查时间", "判定依据", "违反判定依据具体条款", "是否整改",
               "实际整改完成时间", "整改责任部门/责任人", "整改措施", "治理经费(万元)", "举报情况备注"]

# (kind, value): "s" text, "d" date cell, "n" number cell. Dates in five forms across rows.
CITY_ROWS = [
    [("n", 1), ("s", "审核通过"), ("s", "城南街道"), ("s", "工贸"), ("s", "劳动密集型企业"), ("s", "南京华达机械制造有限公司"),
     ("s", FIRM_A), ("s", "专项类"), ("s", "粉尘涉爆除尘系统采用正压吹送，未设置火花探测和消除装置"), ("s", "四不两直"),
     ("s", "张明、李强"), ("d", "2026-03-05"), ("s", "工贸企业重大事故隐患判定标准"), ("s", "第十一条(三)"),
     ("s", "已整改"), ("d", "2026-04-10"), ("s", "公司安环部/王伟"), ("s", "改为负压吸尘并加装火花探测熄灭装置"),
     ("n", 12.5), ("s", "")],
    [("n", 2), ("s", "审核通过"), ("s", "城南街道"), ("s", "工贸"), ("s", "劳动密集型企业"), ("s", "南京华达机械制造有限责任公司"),
     ("s", FIRM_A), ("s", "作业环境类"), ("s", "喷涂车间与员工宿舍设置在同一建筑内"), ("s", "明查暗访"),
     ("s", "张明"), ("n", 46090), ("s", ""), ("s", ""), ("s", "整改中"), ("s", ""), ("s", "公司安环部/王伟"),
     ("s", "宿舍搬出喷涂车间所在建筑"), ("s", "5万元"), ("s", "")],
    [("n", 3), ("s", "待审核"), ("s", "城南街道"), ("s", "工贸/轻工"), ("s", "九小场所"), ("s", "城南五金加工厂"),
     ("s", ""), ("s", "设备设施类"), ("s", "有限空间作业未设置监护人，未配备检测报警仪"), ("s", "日常检查"),
     ("s", "赵刚"), ("s", "2026-3-5"), ("s", ""), ("s", ""), ("s", "未整改"), ("s", ""), ("s", ""), ("s", ""),
     ("s", ""), ("s", "")],
    [("n", 4), ("s", "审核通过"), ("s", "城南街道"), ("s", "消防"), ("s", "商场市场"), ("s", "城南食品有限公司"),
     ("s", FIRM_B), ("s", "违章典型"), ("s", "封闭安全出口，堵塞疏散通道"), ("s", "联合执法"),
     ("s", "钱进、孙丽"), ("s", "2026/03/09"), ("s", ""), ("s", ""), ("s", "已销号"), ("s", "2026.3.12"),
     ("s", "公司行政部/周平"), ("s", "拆除安全出口处的锁闭装置，清理通道"), ("s", "0.3"), ("s", "12350 转办")],
    [("n", 5), ("s", "审核通过"), ("s", "城南街道"), ("s", "城镇燃气"), ("s", "餐饮场所"), ("s", "城南食品有限公司"),
     ("s", FIRM_B), ("s", "设备设施类"), ("s", "燃气管道穿越地下室未设置可燃气体报警装置"), ("s", "专项检查"),
     ("s", "钱进"), ("s", "2026年3月10日"), ("s", "城镇燃气经营安全重大隐患判定标准"), ("s", "第九条"),
     ("s", "已整改"), ("s", "2026年3月20日"), ("s", "公司行政部/周平"), ("s", "加装报警并与切断阀联锁"),
     ("s", "2"), ("s", "")],
    # Refused rows: a date that is no date, a status word nobody defined, an unknown township,
    # a USCC with a wrong check character.
    [("n", 6), ("s", "审核通过"), ("s", "城南街道"), ("s", "工贸"), ("s", ""), ("s", "城南包装材料厂"), ("s", ""),
     ("s", "管理类"), ("s", "未建立动火作业审批制度"), ("s", "日常检查"), ("s", "赵刚"), ("s", "2026-13-45"),
     ("s", ""), ("s", ""), ("s", "未整改"), ("s", ""), ("s", ""), ("s", ""), ("s", ""), ("s", "")],
    [("n", 7), ("s", "审核通过"), ("s", "城南街道"), ("s", "工贸"), ("s", ""), ("s", "城南包装材料厂"), ("s", ""),
     ("s", "人员行为类"), ("s", "特种作业人员无证上岗"), ("s", "日常检查"), ("s", "赵刚"), ("s", "2026-03-11"),
     ("s", ""), ("s", ""), ("s", "研究中"), ("s", ""), ("s", ""), ("s", ""), ("s", ""), ("s", "")],
    [("n", 8), ("s", "审核通过"), ("s", "河西镇"), ("s", "工贸"), ("s", ""), ("s", "河西纺织厂"), ("s", ""),
     ("s", "管理类"), ("s", "外包施工无安全管理协议"), ("s", "日常检查"), ("s", "赵刚"), ("s", "2026-03-11"),
     ("s", ""), ("s", ""), ("s", "未整改"), ("s", ""), ("s", ""), ("s", ""), ("s", ""), ("s", "")],
    [("n", 9), ("s", "审核通过"), ("s", "城南街道"), ("s", "工贸"), ("s", ""), ("s", "城南食品有限公司"),
     ("s", BAD_USCC), ("s", "管理类"), ("s", "液氨制冷车间未设置泄漏报警"), ("s", "日常检查"), ("s", "赵刚"),
     ("s", "2026-03-12"), ("s", ""), ("s", ""), ("s", "未整改"), ("s", ""), ("s", ""), ("s", ""), ("s", ""), ("s", "")],
]
CITY_TITLE = "城南区重大事故隐患排查整治台账（截至2026年3月31日）"
CITY_NOTE = "填报单位：城南区安委办            填报日期：2026年3月31日"

# The e2e sheet: the description column has a name no one else uses (fixed in the mapping screen),
# and one row with a date that is no date.
DROP_HEADER = ["序号", "上报单位", "行业领域", "企业名称", "统一社会信用代码", "发现的问题", "检查时间", "是否整改",
               "整改措施"]
DROP_ROWS = [
    [("n", 1), ("s", "城南街道"), ("s", "工贸"), ("s", "南京华达机械制造有限公司"), ("s", FIRM_A),
     ("s", "抛光车间除尘器未设置泄爆装置"), ("d", "2026-05-06"), ("s", "未整改"), ("s", "加装泄爆片")],
    [("n", 2), ("s", "城南街道"), ("s", "消防"), ("s", "城南食品有限公司"), ("s", FIRM_B),
     ("s", "仓库违规使用易燃保温材料"), ("s", "2026/5/7"), ("s", "整改中"), ("s", "更换为A级不燃材料")],
    [("n", 3), ("s", "城南街道"), ("s", "工贸"), ("s", "城南五金加工厂"), ("s", ""),
     ("s", "砂轮机防护罩缺失"), ("s", "5月8日下午"), ("s", "未整改"), ("s", "")],
    [("n", 4), ("s", "城南街道"), ("s", "工贸"), ("s", "城南五金加工厂"), ("s", ""),
     ("s", "配电箱无漏电保护"), ("s", "2026年5月9日"), ("s", "已整改"), ("s", "更换漏电保护器")],
]
DROP_TITLE = "城南街道隐患排查台账（2026年5月）"


def cell_xml(kind, value, span=1):
    attrs = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if kind == "d":
        return (f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{value}"{attrs}>'
                f'<text:p>{value}</text:p></table:table-cell>')
    if kind == "n":
        return (f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
                f'<text:p>{value}</text:p></table:table-cell>')
    if value == "":
        return f'<table:table-cell{attrs}/>'
    return (f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(value)}</text:p>'
            f'</table:table-cell>')


def table_xml(name, title, note, header, rows):
    width = len(header)
    out = [f'<table:table table:name="{escape(name)}">', f'<table:table-column table:number-columns-repeated="{width}"/>']
    if title:
        out.append("<table:table-row>" + cell_xml("s", title, width) +
                   "<table:covered-table-cell/>" * (width - 1) + "</table:table-row>")
    if note:
        out.append("<table:table-row>" + cell_xml("s", note, width) +
                   "<table:covered-table-cell/>" * (width - 1) + "</table:table-row>")
    out.append("<table:table-row>" + "".join(cell_xml("s", h) for h in header) + "</table:table-row>")
    for r in rows:
        out.append("<table:table-row>" + "".join(cell_xml(k, v) for k, v in r) + "</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def fods(tables):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
            'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
            'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            '<office:automatic-styles>'
            '<number:date-style style:name="ymd"><number:year number:style="long"/><number:text>-</number:text>'
            '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
            '</number:date-style>'
            '<style:style style:name="date" style:family="table-cell" style:data-style-name="ymd"/>'
            '</office:automatic-styles>'
            '<office:body><office:spreadsheet>' + "".join(tables) + '</office:spreadsheet></office:body></office:document>')


def convert(soffice, fods_path, fmt, out_dir, name):
    work = tempfile.mkdtemp()
    try:
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
                        "--convert-to", fmt, "--outdir", work, fods_path], check=True, capture_output=True)
        produced = [f for f in os.listdir(work) if not f.startswith("profile") and f != os.path.basename(fods_path)]
        shutil.move(os.path.join(work, produced[0]), os.path.join(out_dir, name))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def csv_text(rows):
    def q(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
    return "\r\n".join(",".join(q(v) for v in r) for r in rows) + "\r\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    work = tempfile.mkdtemp()
    try:
        src = os.path.join(work, "ledger.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fods([table_xml("重大隐患明细", CITY_TITLE, CITY_NOTE, CITY_HEADER, CITY_ROWS),
                          table_xml("填表说明", None, None, ["说明"], [[("s", "本表由各街道每周五前报送")]])]))
        convert(soffice, src, "xlsx:Calc MS Excel 2007 XML", args.out, "city_ledger.xlsx")
        convert(soffice, src, "xls:MS Excel 97", args.out, "city_ledger.xls")
        drop = os.path.join(work, "drop.fods")
        with open(drop, "w", encoding="utf-8") as f:
            f.write(fods([table_xml("隐患台账", DROP_TITLE, None, DROP_HEADER, DROP_ROWS)]))
        convert(soffice, drop, "xlsx:Calc MS Excel 2007 XML", args.out, "township_drop.xlsx")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # GBK CSV as Excel saves it on a Chinese Windows: the merged title is a first cell followed by
    # empty ones; dates as the cells showed them.
    gbk_rows = [["孝陵卫街道重大事故隐患排查台账"] + [""] * 8,
                ["序号", "上报单位", "行业领域", "企业名称", "统一社会信用代码", "隐患描述", "检查时间", "是否整改",
                 "计划完成治理时间"],
                [1, "孝陵卫街道", "危化", "孝陵卫化工储运有限公司", "", "储罐区可燃气体报警仪失效", "2026/4/1", "整改中",
                 "2026/4/30"],
                [2, "孝陵卫街道", "工贸", "孝陵卫（南京）纸业有限公司", "", "纸品仓库内设置员工宿舍", "2026.4.2", "已整改",
                 "2026.4.15"],
                [3, "孝陵卫街道", "工贸", "孝陵卫(南京)纸业有限责任公司", "", "叉车司机无证驾驶", "2026年4月3日", "未整改", ""],
                [4, "孝陵卫街道", "工贸", "孝陵卫化工储运有限公司", "", "装卸区静电接地装置损坏", "昨天", "未整改", ""]]
    with open(os.path.join(args.out, "township_gbk.csv"), "wb") as f:
        f.write(csv_text(gbk_rows).encode("gb18030"))
    # UTF-8 with BOM, variant headers (举报问题描述, 所属街道, 发现日期, 整改状态, 隐患来源).
    bom_rows = [["序号", "所属街道", "行业类别", "单位名称", "举报问题描述", "发现日期", "整改状态", "隐患来源", "备注"],
                [1, "城南街道", "消防", "城南食品有限公司", "夜间锁闭安全出口", "45727", "整改中", "群众举报",
                 "举报人要求回复"],
                [2, "城南街道", "城镇燃气", "城南小吃店", "液化气钢瓶放置在地下室", "2026-3-8", "已销号", "12350",
                 ""],
                [3, "城南街道", "工贸", "城南五金加工厂", "", "2026-3-9", "未整改", "群众举报", "描述为空"]]
    with open(os.path.join(args.out, "variant_bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + csv_text(bom_rows).encode("utf-8"))


if __name__ == "__main__":
    main()
