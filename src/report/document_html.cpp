// A Document (docx.hpp) as one self-contained, printable HTML page (see bulletin.hpp): the same
// blocks as the .docx, in the official-document layout, with CSS for A4 printing.
#include "report/bulletin.hpp"
#include "report/xml_text.hpp"

namespace hz::report {

namespace {

const char* const kStyle = R"CSS(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #e8e8e8; }
body { margin: 0; font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 28pt; color: #000; }
.page { background: #fff; width: 210mm; box-sizing: border-box; margin: 12px auto; padding: 37mm 26mm 35mm 28mm;
        box-shadow: 0 1px 4px rgba(0,0,0,.3); }
h1 { font-family: "方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif;
     font-size: 22pt; line-height: 1.5; font-weight: normal; text-align: center; margin: 0 0 14pt; }
.number { text-align: center; margin: 0 0 14pt; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
     margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; font-size: 16pt; font-weight: normal; margin: 0;
     text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0 12pt; font-size: 12pt; line-height: 1.4; }
caption { font-family: "黑体", SimHei, sans-serif; font-size: 12pt; padding-bottom: 4pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { font-family: "黑体", SimHei, sans-serif; font-weight: normal; background: #f2f2f2; }
td.num { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.toolbar { position: sticky; top: 0; text-align: center; padding: 8px; background: #444; }
.toolbar button { font-size: 14px; padding: 4px 16px; }
@media print {
  html { background: #fff; }
  .toolbar { display: none; }
  .page { width: auto; margin: 0; padding: 0; box-shadow: none; }
}
)CSS";

std::string lines(const std::string& text) {
  std::string out, esc = xmlEscape(text);
  for (char c : esc) {
    if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

void table(std::string& out, const Table& t) {
  out += "<table>";
  if (!t.title.empty()) out += "<caption>" + xmlEscape(t.title) + "</caption>";
  out += "<thead><tr>";
  for (const auto& c : t.columns) out += "<th>" + xmlEscape(c.title) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const Cell empty;
      const Cell& c = i < row.size() ? row[i] : empty;
      const bool numeric =
          c.kind == Cell::Kind::Integer || c.kind == Cell::Kind::Number || c.kind == Cell::Kind::Percent;
      out += numeric ? "<td class=\"num\">" : "<td>";
      out += xmlEscape(displayText(c)) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
}

} // namespace

std::string documentHtml(const Document& d) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + xmlEscape(d.title) +
      "</title><style>" + kStyle +
      "</style></head><body>\n<div class=\"toolbar\"><button onclick=\"window.print()\">打印</button></div>\n"
      "<div class=\"page\">\n";
  for (const auto& b : d.blocks) {
    switch (b.kind) {
    case DocBlock::Kind::Title:
      out += "<h1>" + lines(b.text) + "</h1>\n";
      break;
    case DocBlock::Kind::NumberLine:
      out += "<div class=\"number\">" + lines(b.text) + "</div>\n";
      break;
    case DocBlock::Kind::Heading1:
      out += "<h2>" + lines(b.text) + "</h2>\n";
      break;
    case DocBlock::Kind::Heading2:
      out += "<h3>" + lines(b.text) + "</h3>\n";
      break;
    case DocBlock::Kind::Paragraph:
      out += "<p>" + lines(b.text) + "</p>\n";
      break;
    case DocBlock::Kind::Table:
      table(out, b.table);
      out += "\n";
      break;
    case DocBlock::Kind::PageBreak:
      out += "<div style=\"break-after: page\"></div>\n";
      break;
    }
  }
  out += "</div>\n</body></html>\n";
  return out;
}

} // namespace hz::report
