// The report table model and its writers (src/report/table, zip_writer, docx): CSV bytes exactly;
// formula injection neutralised in text but numbers left numbers; XML-safe text; .xlsx and .docx
// parts read back through an independent unzip (zip_test_support.hpp), natively and in wasm.
#include "report/docx.hpp"
#include "report/table.hpp"
#include "report/xml_text.hpp"
#include "report/zip_writer.hpp"
#include "zip_test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace hz;
using namespace hz::report;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

Table oneColumn(std::vector<Cell> cells) {
  Table t;
  t.columns = {{"列"}};
  for (auto& c : cells) t.rows.push_back({std::move(c)});
  return t;
}

// The CSV body after the BOM and the header line "列\r\n".
std::string csvBody(std::vector<Cell> cells) {
  const std::string csv = toCsv(oneColumn(std::move(cells)));
  const std::string head = kBom + "列\r\n";
  REQUIRE(csv.rfind(head, 0) == 0);
  return csv.substr(head.size());
}

size_t count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

} // namespace

TEST_CASE("csv: BOM, CRLF, RFC 4180 quoting, Chinese intact") {
  Table t;
  t.title = "不写入 CSV";
  t.columns = {{"名称"}, {"说明"}, {"数量"}};
  t.rows = {{text("城南化工有限公司"), text("含,逗号"), integer(3)},
            {text("他说\"好\""), text("第一行\n第二行"), integer(40)},
            {text("回车\r在中间"), text("")}};
  CHECK(toCsv(t) == kBom + "名称,说明,数量\r\n"
                           "城南化工有限公司,\"含,逗号\",3\r\n"
                           "\"他说\"\"好\"\"\",\"第一行\n第二行\",40\r\n"
                           "\"回车\r在中间\",,\r\n");
  CHECK(toCsv(Table{}) == kBom + "\r\n");
}

TEST_CASE("csv: text that starts like a formula is neutralised, numbers are not") {
  CHECK(csvBody({text("=SUM(A1)")}) == "'=SUM(A1)\r\n");
  CHECK(csvBody({text("+86 139")}) == "'+86 139\r\n");
  CHECK(csvBody({text("-1+2")}) == "'-1+2\r\n");
  CHECK(csvBody({text("@cmd")}) == "'@cmd\r\n");
  CHECK(csvBody({text("\tTAB")}) == "'\tTAB\r\n");
  CHECK(csvBody({text("\rCR")}) == "\"'\rCR\"\r\n");
  CHECK(csvBody({text("a=b")}) == "a=b\r\n"); // only the first character counts
  CHECK(csvBody({text("'已有撇号")}) == "'已有撇号\r\n");
  // Cells that are numbers stay numbers, negative or not.
  CHECK(csvBody({integer(-5)}) == "-5\r\n");
  CHECK(csvBody({number(-1.5)}) == "-1.5\r\n");
  CHECK(csvBody({percent(-0.05)}) == "-5.0%\r\n");
  // Column titles are text too; a date that is not a date is text.
  Table t;
  t.columns = {{"=危险"}};
  CHECK(toCsv(t) == kBom + "'=危险\r\n");
  CHECK(csvBody({date("-")}) == "'-\r\n");
}

TEST_CASE("csv: numbers, percentages and dates") {
  CHECK(csvBody({integer(0)}) == "0\r\n");
  CHECK(csvBody({integer(1234567890123)}) == "1234567890123\r\n");
  CHECK(csvBody({number(1234.5)}) == "1234.5\r\n");
  CHECK(csvBody({number(0.1 + 0.2)}) == "0.3\r\n");
  CHECK(csvBody({number(-0.0)}) == "0\r\n");
  CHECK(csvBody({number(std::numeric_limits<double>::quiet_NaN())}) == "\r\n");
  CHECK(csvBody({percent(0.853)}) == "85.3%\r\n");
  CHECK(csvBody({percent(0.8536)}) == "85.4%\r\n");
  CHECK(csvBody({percent(1)}) == "100.0%\r\n");
  CHECK(csvBody({percent(0)}) == "0.0%\r\n");
  CHECK(csvBody({date("2026-03-05")}) == "2026-03-05\r\n");
  CHECK(csvBody({date("2026-02-30")}) == "2026-02-30\r\n"); // not a date: written as the text it is
  // A short row is padded; a long row widens the table.
  Table t;
  t.columns = {{"甲"}, {"乙"}};
  t.rows = {{text("1")}, {text("a"), text("b"), text("c")}};
  CHECK(toCsv(t) == kBom + "甲,乙,\r\n1,,\r\na,b,c\r\n");
}

TEST_CASE("text helpers: neutraliseText, displayWidth, columnWidths") {
  CHECK(neutraliseText("") == "");
  CHECK(neutraliseText("=1") == "'=1");
  CHECK(neutraliseText("安全") == "安全");
  CHECK(displayWidth("安全") == 4);
  CHECK(displayWidth("ab") == 2);
  CHECK(displayWidth("（一）") == 6); // full-width brackets are wide
  Table t;
  t.columns = {{"序号"}, {"很长的说明"}, {"固定", 33}};
  t.rows = {{integer(1), text(std::string(200, 'x')), text("")}};
  const auto w = columnWidths(t);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == 7);  // 序号: 4 + filter button 2 + 1
  CHECK(w[1] == 60); // clamped
  CHECK(w[2] == 33); // given
  t.columns = {{"a"}};
  t.rows = {{integer(1)}};
  CHECK(columnWidths(t)[0] == 6); // at least 6
}

TEST_CASE("xml text: invalid UTF-8 repaired, characters XML forbids dropped, markup escaped") {
  CHECK(xmlSafeText("安全\t\n\r") == "安全\t\n\r");
  CHECK(xmlSafeText(std::string("a\x01"
                                "b\x1F"
                                "c",
                                5)) == "abc");
  CHECK(xmlSafeText(std::string("a\0b", 3)) == "ab");
  CHECK(xmlSafeText("\xEF\xBF\xBE") == ""); // U+FFFE
  CHECK(xmlSafeText("a\xFF"
                    "b") == "a\xEF\xBF\xBD"
                            "b");                                               // a stray byte -> U+FFFD
  CHECK(xmlSafeText("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // an encoded surrogate
  CHECK(xmlSafeText("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                 // overlong '/'
  CHECK(xmlSafeText("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");                 // U+1F600 kept
  CHECK(xmlEscape("A&B <c> \"d\" 'e'") == "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
}

TEST_CASE("zip writer: entries come back as written; names are checked") {
  ZipWriter zip;
  std::string big;
  for (int i = 0; i < 200000; ++i) big += static_cast<char>('a' + (i * 7919) % 26);
  REQUIRE(zip.add("a.txt", "安全生产"));
  REQUIRE(zip.add("dir/big.bin", big));
  REQUIRE(zip.add("empty", ""));
  CHECK_FALSE(zip.add("a.txt", "again"));
  CHECK_FALSE(zip.add("", "x"));
  auto bytes = zip.finish();
  REQUIRE(bytes);
  CHECK(bytes->size() < big.size()); // deflated
  const auto entries = test::unzip(*bytes);
  CHECK(entries.size() == 3);
  CHECK(entries.at("a.txt") == "安全生产");
  CHECK(entries.at("dir/big.bin") == big);
  CHECK(entries.at("empty").empty());
  CHECK_FALSE(zip.add("late", "x"));
  CHECK_FALSE(zip.finish());
}

TEST_CASE("xlsx: cells, formats, frozen header, autofilter, no formulas") {
  Table t;
  t.title = "隐患统计";
  t.columns = {{"乡镇"}, {"隐患数"}, {"整改率"}, {"发现日期"}, {"备注"}, {"金额"}};
  t.rows = {{text("城南街道"), integer(-3), percent(0.853), date("2026-03-05"), text("=SUM(A1)"), number(1234.5)},
            {text("A&B<c>"), integer(7), percent(std::nan("")), date("2026-02-30"), text("@cmd"), number(0.25)}};
  auto xlsx = toXlsx({t});
  REQUIRE(xlsx);
  CHECK(xlsx->rfind("PK", 0) == 0);
  const auto parts = test::unzip(*xlsx);
  REQUIRE(parts.count("xl/worksheets/sheet1.xml") == 1);
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<f>") == std::string::npos);
  CHECK(sheet.find("<f ") == std::string::npos);
  CHECK(sheet.find("'=SUM(A1)") != std::string::npos);
  CHECK(sheet.find("'@cmd") != std::string::npos);
  CHECK(sheet.find("城南街道") != std::string::npos);
  CHECK(sheet.find("A&amp;B&lt;c&gt;") != std::string::npos);
  CHECK(sheet.find("<v>-3</v>") != std::string::npos);
  CHECK(sheet.find("<v>0.853</v>") != std::string::npos);
  CHECK(sheet.find("<v>46086</v>") != std::string::npos); // 2026-03-05 as an Excel date
  CHECK(sheet.find("2026-02-30") != std::string::npos);   // an invalid date stays text
  CHECK(sheet.find("<v>1234.5</v>") != std::string::npos);
  CHECK(sheet.find("nan") == std::string::npos); // NaN left empty
  CHECK(sheet.find("ySplit=\"1\"") != std::string::npos);
  CHECK(sheet.find("state=\"frozen\"") != std::string::npos);
  CHECK(sheet.find("<autoFilter ref=\"A1:F3\"") != std::string::npos);
  const std::string& styles = parts.at("xl/styles.xml");
  CHECK(styles.find("formatCode=\"0.0%\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"yyyy-mm-dd\"") != std::string::npos);
  CHECK(parts.at("xl/workbook.xml").find("name=\"隐患统计\"") != std::string::npos);
}

TEST_CASE("xlsx: sheet names are made valid and unique") {
  std::vector<Table> sheets(6);
  sheets[0].title = "a/b:c*d?e[f]g\\h";
  sheets[1].title = std::string(40, 'x');
  sheets[2].title = std::string(40, 'X'); // the same as the one before, ignoring case
  sheets[3].title = "";
  sheets[4].title = "'引号'";
  sheets[5].title = "History";
  auto xlsx = toXlsx(sheets);
  REQUIRE(xlsx);
  const std::string wb = test::unzip(*xlsx).at("xl/workbook.xml");
  CHECK(wb.find("name=\"a_b_c_d_e_f_g_h\"") != std::string::npos);
  CHECK(wb.find("name=\"" + std::string(31, 'x') + "\"") != std::string::npos);
  CHECK(wb.find("name=\"" + std::string(28, 'X') + "(2)\"") != std::string::npos);
  CHECK(wb.find("name=\"表4\"") != std::string::npos);
  CHECK(wb.find("name=\"引号\"") != std::string::npos);
  CHECK(wb.find("name=\"表6\"") != std::string::npos);
  // No sheets at all still gives a workbook (Excel needs one sheet).
  auto empty = toXlsx({});
  REQUIRE(empty);
  CHECK(test::unzip(*empty).count("xl/worksheets/sheet1.xml") == 1);
}

TEST_CASE("docx: parts, title, escaped text, repeated header row, right-aligned numbers") {
  Table t;
  t.title = "附表";
  t.columns = {{"乡镇"}, {"隐患数"}, {"整改率"}};
  t.rows = {{text("城南街道"), integer(12), percent(0.853)}, {text("=SUM(A1)"), integer(-3), percent(1)}};
  Document d;
  d.title = "通报";
  d.blocks = {{DocBlock::Kind::Title, "关于隐患排查情况的通报"},
              {DocBlock::Kind::Paragraph, std::string("A&B <c>\x01 结束")},
              {DocBlock::Kind::Table, {}, t},
              {DocBlock::Kind::PageBreak}};
  auto docx = toDocx(d);
  REQUIRE(docx);
  const auto parts = test::unzip(*docx);
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels",
        "word/fontTable.xml", "word/settings.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"})
    CHECK_MESSAGE(parts.count(name) == 1, name);
  const std::string& doc = parts.at("word/document.xml");
  CHECK(doc.find("关于隐患排查情况的通报") != std::string::npos);
  CHECK(doc.find("A&amp;B &lt;c&gt; 结束") != std::string::npos); // \x01 dropped
  CHECK(count(doc, "<w:tblHeader/>") == 1);
  CHECK(count(doc, "<w:cantSplit/>") == 3);
  CHECK(doc.find("<w:tblHeader/>") < doc.find("城南街道"));
  CHECK(count(doc, "<w:jc w:val=\"right\"/>") == 4); // 2 rows x (integer, percent)
  CHECK(doc.find(">85.3%<") != std::string::npos);
  CHECK(doc.find(">=SUM(A1)<") != std::string::npos); // Word runs no formulas: text as it is
  CHECK(doc.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") != std::string::npos);
  CHECK(doc.find("<w:br w:type=\"page\"/>") != std::string::npos);
  CHECK(parts.at("word/styles.xml").find("仿宋_GB2312") != std::string::npos);
  CHECK(parts.at("word/fontTable.xml").find("<w:altName w:val=\"仿宋\"/>") != std::string::npos);
  CHECK(parts.at("docProps/core.xml").find("<dc:title>通报</dc:title>") != std::string::npos);
  // The same document, the same bytes.
  auto again = toDocx(d);
  REQUIRE(again);
  CHECK(*again == *docx);
}
