// Writes sample.xlsx, sample.docx and sample.csv from fixed tables into the folder given as the
// only argument; tests/tools/check_report_samples.py then reads them with an independent reader
// (read_ooxml.py). The expected values are written out again, independently, in that script.
#include "report/docx.hpp"
#include "report/table.hpp"

#include <cstdio>
#include <fstream>
#include <string>

using namespace hz::report;

namespace {

Table sampleTable() {
  Table t;
  t.title = "隐患统计";
  t.columns = {{"乡镇（街道）"}, {"隐患数"}, {"整改率"}, {"发现日期"}, {"备注"}, {"金额"}};
  t.rows = {
      {text("城南街道"), integer(12), percent(0.853), date("2026-03-05"), text("=SUM(A1)"), number(1234.5)},
      {text("河西镇"), integer(-3), percent(0.5), date("2026-11-30"), text("-1+2"), number(-0.25)},
      {text("@cmd"), integer(0), percent(1.0), date("2026-02-30"), text("含,逗号\"引号\"\n换行"), number(0)},
  };
  return t;
}

Table secondTable() {
  Table t;
  t.title = "Sheet/2[x]";
  t.columns = {{"名称", 20}, {"数量"}};
  t.rows = {{text("+86 电话"), integer(1234567890123)}, {text("\t制表符开头"), integer(7)}};
  return t;
}

bool writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_report_samples DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  auto xlsx = toXlsx({sampleTable(), secondTable()});
  if (!xlsx) {
    std::fprintf(stderr, "toXlsx: %s\n", xlsx.error().describe().c_str());
    return 1;
  }
  Document doc;
  doc.title = "隐患排查治理情况通报";
  doc.blocks = {
      {DocBlock::Kind::Title, "关于2026年第一季度安全生产隐患排查治理情况的通报"},
      {DocBlock::Kind::NumberLine, "安委办〔2026〕3号"},
      {DocBlock::Kind::Heading1, "一、总体情况"},
      {DocBlock::Kind::Paragraph, "全市共排查隐患 12 处，整改率 85.3%。A&B <公司> \"引号\"\x01"},
      {DocBlock::Kind::Heading2, "（一）分乡镇情况"},
      {DocBlock::Kind::Table, {}, sampleTable()},
      {DocBlock::Kind::PageBreak},
      {DocBlock::Kind::Paragraph, "第一行\n第二行\t制表"},
  };
  auto docx = toDocx(doc);
  if (!docx) {
    std::fprintf(stderr, "toDocx: %s\n", docx.error().describe().c_str());
    return 1;
  }
  if (!writeFile(dir + "/sample.xlsx", *xlsx) || !writeFile(dir + "/sample.docx", *docx) ||
      !writeFile(dir + "/sample.csv", toCsv(sampleTable()))) {
    std::fprintf(stderr, "cannot write into %s\n", dir.c_str());
    return 1;
  }
  return 0;
}
