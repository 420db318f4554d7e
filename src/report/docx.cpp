// The .docx writer (see docx.hpp): WordprocessingML parts written as text, packed by ZipWriter.
// Element order inside pPr, rPr, tblPr, tcPr and sectPr follows the ECMA-376 schema sequences:
// Word refuses a file whose elements are out of order.
//
// Index:
// [SECTION] Page and fonts
// [SECTION] Body: paragraphs, runs, tables
// [SECTION] Fixed parts: styles, settings, fonts, footer, relationships, properties
// [SECTION] The package
#include "report/docx.hpp"

#include "report/xml_text.hpp"
#include "report/zip_writer.hpp"

#include <cmath>
#include <numeric>

namespace hz::report {

namespace {

// [SECTION] Page and fonts

constexpr const char* kXmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Twips (1/20 pt; 1 mm = 56.7 twips).
constexpr int kPageWidth = 11906, kPageHeight = 16838;
constexpr int kMarginTop = 2098, kMarginBottom = 1984, kMarginLeft = 1587, kMarginRight = 1474;
constexpr int kHeaderDistance = 851, kFooterDistance = 1531;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
constexpr int kSizeTitle = 44, kSizeBody = 32, kSizeFour = 28, kSizeSmallFour = 24;

constexpr const char* kFontTitle = "方正小标宋简体";
constexpr const char* kFontBody = "仿宋_GB2312";
constexpr const char* kFontHeading1 = "黑体";
constexpr const char* kFontHeading2 = "楷体_GB2312";
constexpr const char* kFontSong = "宋体";

std::string rFonts(const char* font) {
  const std::string f = xmlEscape(font);
  return "<w:rFonts w:ascii=\"" + f + "\" w:eastAsia=\"" + f + "\" w:hAnsi=\"" + f + "\" w:cs=\"" + f + "\"/>";
}

std::string size(int halfPoints) {
  const std::string v = std::to_string(halfPoints);
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}

// [SECTION] Body: paragraphs, runs, tables

// Runs for text: "\n" becomes a line break, "\t" a tab; spaces are preserved.
std::string runs(std::string_view text) {
  const std::string safe = xmlSafeText(text);
  std::string out;
  std::string pending;
  const auto flushText = [&] {
    if (pending.empty()) return;
    out += "<w:t xml:space=\"preserve\">" + xmlEscape(pending) + "</w:t>";
    pending.clear();
  };
  out += "<w:r>";
  for (size_t i = 0; i < safe.size(); ++i) {
    const char ch = safe[i];
    if (ch == '\r' && i + 1 < safe.size() && safe[i + 1] == '\n') continue; // CRLF is one break
    if (ch == '\n' || ch == '\r') {
      flushText();
      out += "<w:br/>";
    } else if (ch == '\t') {
      flushText();
      out += "<w:tab/>";
    } else {
      pending += ch;
    }
  }
  flushText();
  out += "</w:r>";
  return out;
}

std::string paragraph(const char* style, std::string_view text, const std::string& extraPPr = {}) {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + extraPPr + "</w:pPr>" + runs(text) + "</w:p>";
}

bool rightAligned(const Cell& c) {
  return c.kind == Cell::Kind::Integer || c.kind == Cell::Kind::Number || c.kind == Cell::Kind::Percent;
}

std::string cell(int width, const char* style, const std::string& text, const char* jc) {
  std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
                    "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
  std::string pPr;
  if (jc != nullptr) pPr = std::string("<w:jc w:val=\"") + jc + "\"/>";
  out += paragraph(style, text, pPr);
  out += "</w:tc>";
  return out;
}

// Grid widths in twips: the text width shared in the proportions of columnWidths().
std::vector<int> gridWidths(const Table& t) {
  const std::vector<double> chars = columnWidths(t);
  const double total = std::accumulate(chars.begin(), chars.end(), 0.0);
  std::vector<int> out;
  int used = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    const int w =
        i + 1 == chars.size() ? kTextWidth - used : static_cast<int>(std::lround(kTextWidth * chars[i] / total));
    out.push_back(w);
    used += w;
  }
  return out;
}

std::string table(const Table& t) {
  std::string out;
  if (!t.title.empty()) out += paragraph("HzTableCaption", t.title);
  const std::vector<int> widths = gridWidths(t);
  if (widths.empty()) return out;
  const std::string border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  out += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
         "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += std::string("<w:") + side + " " + border;
  out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
         "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : widths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";
  // The header row: repeated at the top of every page.
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (size_t c = 0; c < widths.size(); ++c)
    out += cell(widths[c], "HzTableHeader", c < t.columns.size() ? t.columns[c].title : std::string(), nullptr);
  out += "</w:tr>";
  for (const auto& row : t.rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < widths.size(); ++c) {
      if (c < row.size())
        out += cell(widths[c], "HzTableText", displayText(row[c]), rightAligned(row[c]) ? "right" : nullptr);
      else
        out += cell(widths[c], "HzTableText", {}, nullptr);
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
  out += "<w:p><w:pPr><w:pStyle w:val=\"HzAfterTable\"/></w:pPr></w:p>"; // keeps tables apart
  return out;
}

std::string body(const Document& d) {
  std::string out;
  for (const auto& b : d.blocks) {
    switch (b.kind) {
    case DocBlock::Kind::Title:
      out += paragraph("Title", b.text);
      break;
    case DocBlock::Kind::NumberLine:
      out += paragraph("HzNumberLine", b.text);
      break;
    case DocBlock::Kind::Heading1:
      out += paragraph("Heading1", b.text);
      break;
    case DocBlock::Kind::Heading2:
      out += paragraph("Heading2", b.text);
      break;
    case DocBlock::Kind::Paragraph:
      out += paragraph("Normal", b.text);
      break;
    case DocBlock::Kind::Table:
      out += table(b.table);
      break;
    case DocBlock::Kind::PageBreak:
      out += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
      break;
    }
  }
  return out;
}

std::string documentXml(const Document& d) {
  std::string out = kXmlHeader;
  out += std::string("<w:document xmlns:w=\"") + kW + "\" xmlns:r=\"" + kR + "\"><w:body>";
  out += body(d);
  out += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>";
  out += "<w:pgSz w:w=\"" + std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) + "\"/>";
  out += "<w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" + std::to_string(kMarginRight) +
         "\" w:bottom=\"" + std::to_string(kMarginBottom) + "\" w:left=\"" + std::to_string(kMarginLeft) +
         "\" w:header=\"" + std::to_string(kHeaderDistance) + "\" w:footer=\"" + std::to_string(kFooterDistance) +
         "\" w:gutter=\"0\"/>";
  out += "<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>";
  return out;
}

// [SECTION] Fixed parts: styles, settings, fonts, footer, relationships, properties

// A paragraph style. pPr and rPr hold their children in schema order.
std::string style(const char* id, const char* name, const char* basedOn, const std::string& pPr, const std::string& rPr,
                  bool isDefault = false, const char* next = nullptr) {
  std::string out = std::string("<w:style w:type=\"paragraph\"") + (isDefault ? " w:default=\"1\"" : "") +
                    " w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/>";
  if (basedOn != nullptr) out += std::string("<w:basedOn w:val=\"") + basedOn + "\"/>";
  if (next != nullptr) out += std::string("<w:next w:val=\"") + next + "\"/>";
  out += "<w:qFormat/>";
  if (!pPr.empty()) out += "<w:pPr>" + pPr + "</w:pPr>";
  if (!rPr.empty()) out += "<w:rPr>" + rPr + "</w:rPr>";
  out += "</w:style>";
  return out;
}

std::string stylesXml() {
  const std::string noIndent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
  const std::string single = "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>";
  std::string out = kXmlHeader;
  out += std::string("<w:styles xmlns:w=\"") + kW + "\">";
  out += "<w:docDefaults><w:rPrDefault><w:rPr>" + rFonts(kFontBody) + "<w:kern w:val=\"2\"/>" + size(kSizeBody) +
         "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr>"
         "</w:pPrDefault></w:docDefaults>";
  out += style("Normal", "Normal", nullptr, "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>", {}, true);
  out += style("Title", "Title", "Normal",
               "<w:spacing w:line=\"720\" w:lineRule=\"exact\"/>" + noIndent + "<w:jc w:val=\"center\"/>",
               rFonts(kFontTitle) + size(kSizeTitle), false, "HzNumberLine");
  out += style("HzNumberLine", "发文字号", "Normal", noIndent + "<w:jc w:val=\"center\"/>", {}, false, "Normal");
  out += style("Heading1", "heading 1", "Normal", "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", rFonts(kFontHeading1),
               false, "Normal");
  out += style("Heading2", "heading 2", "Normal", "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", rFonts(kFontHeading2),
               false, "Normal");
  out += style("HzTableCaption", "表格标题", "Normal", "<w:keepNext/>" + noIndent + "<w:jc w:val=\"center\"/>",
               rFonts(kFontHeading1) + size(kSizeFour), false, "Normal");
  out += style("HzTableText", "表格文字", "Normal", single + noIndent + "<w:jc w:val=\"left\"/>", size(kSizeSmallFour));
  out += style("HzTableHeader", "表格表头", "HzTableText", "<w:jc w:val=\"center\"/>", rFonts(kFontHeading1));
  out += style("HzAfterTable", "表后空行", "Normal", single + noIndent, size(kSizeSmallFour));
  out += style("Footer", "footer", "Normal", single + noIndent + "<w:jc w:val=\"center\"/>",
               rFonts(kFontSong) + size(kSizeFour));
  out += "</w:styles>";
  return out;
}

std::string settingsXml() {
  return std::string(kXmlHeader) + "<w:settings xmlns:w=\"" + kW +
         "\"><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat></w:settings>";
}

std::string fontTableXml() {
  struct Font {
    const char* name;
    const char* altName; // what Word and WPS use where `name` is not installed
    const char* panose;
    const char* family;
    const char* pitch;
  };
  const Font fonts[] = {
      {kFontTitle, "宋体", "02000000000000000000", "auto", "variable"},
      {kFontBody, "仿宋", "02010609030101010101", "modern", "fixed"},
      {"仿宋", nullptr, "02010609060101010101", "modern", "fixed"},
      {kFontHeading1, nullptr, "02010609060101010101", "modern", "fixed"},
      {kFontHeading2, "楷体", "02010609030101010101", "modern", "fixed"},
      {"楷体", nullptr, "02010609060101010101", "modern", "fixed"},
      {kFontSong, nullptr, "02010600030101010101", "auto", "variable"},
  };
  std::string out = std::string(kXmlHeader) + "<w:fonts xmlns:w=\"" + kW + "\">";
  for (const Font& f : fonts) {
    out += "<w:font w:name=\"" + xmlEscape(f.name) + "\">";
    if (f.altName != nullptr) out += "<w:altName w:val=\"" + xmlEscape(f.altName) + "\"/>";
    out += std::string("<w:panose1 w:val=\"") + f.panose + "\"/><w:charset w:val=\"86\"/><w:family w:val=\"" +
           f.family + "\"/><w:pitch w:val=\"" + f.pitch + "\"/></w:font>";
  }
  out += "</w:fonts>";
  return out;
}

// "— n —": the page number field between two dashes (GB/T 9704).
std::string footerXml() {
  return std::string(kXmlHeader) + "<w:ftr xmlns:w=\"" + kW + "\" xmlns:r=\"" + kR +
         "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
         "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
         "<w:r><w:t>1</w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
         "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";
}

constexpr const char* kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
    "Target=\"docProps/app.xml\"/>"
    "</Relationships>";

// rId4 (the footer) is named by documentXml()'s sectPr.
constexpr const char* kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" "
    "Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer1.xml\"/>"
    "</Relationships>";

std::string coreXml(const Document& d) {
  return std::string(kXmlHeader) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" +
         xmlEscape(d.title) + "</dc:title><dc:creator>隐患台账</dc:creator></cp:coreProperties>";
}

std::string appXml() {
  return std::string(kXmlHeader) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
         "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
         "<Application>隐患台账</Application></Properties>";
}

} // namespace

// [SECTION] The package

Result<std::string> toDocx(const Document& d) {
  ZipWriter zip;
  const std::pair<const char*, std::string> parts[] = {
      {"[Content_Types].xml", std::string(kXmlHeader) + kContentTypes},
      {"_rels/.rels", std::string(kXmlHeader) + kPackageRels},
      {"word/document.xml", documentXml(d)},
      {"word/_rels/document.xml.rels", std::string(kXmlHeader) + kDocumentRels},
      {"word/styles.xml", stylesXml()},
      {"word/settings.xml", settingsXml()},
      {"word/fontTable.xml", fontTableXml()},
      {"word/footer1.xml", footerXml()},
      {"docProps/core.xml", coreXml(d)},
      {"docProps/app.xml", appXml()},
  };
  for (const auto& [name, bytes] : parts)
    if (auto added = zip.add(name, bytes); !added) return added.error();
  return zip.finish();
}

} // namespace hz::report
