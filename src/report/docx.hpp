// A minimal but proper WordprocessingML (.docx, ECMA-376 transitional) writer for bulletins
// (通报) in the layout of official documents (GB/T 9704): A4, official margins, 方正小标宋简体 title,
// 仿宋_GB2312 body with a two-character first-line indent, 黑体 / 楷体 headings, tables with a
// header row that repeats on every page. Opens in Word and WPS.
#pragma once
#include "core/result.hpp"
#include "report/table.hpp"

#include <string>
#include <vector>

namespace hz::report {

struct DocBlock {
  enum class Kind { Title, NumberLine, Heading1, Heading2, Paragraph, Table, PageBreak };
  Kind kind = Kind::Paragraph;
  std::string text; // "\n" breaks the line, "\t" is a tab; unused for Table and PageBreak
  Table table;      // Kind::Table: its title (if any) becomes a caption above it
};

struct Document {
  std::string title; // the file's title property (docProps/core.xml)
  std::vector<DocBlock> blocks;
};

// The bytes of a .docx. Fonts, sizes and page:
// - page A4 (11906 x 16838 twips), margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm,
//   page number "— n —" centred in the footer (宋体 四号);
// - Title: 方正小标宋简体 (fallback 宋体) 二号, centred; NumberLine (发文字号): 仿宋 三号, centred;
// - Heading1: 黑体 三号; Heading2: 楷体_GB2312 (fallback 楷体) 三号; Paragraph: 仿宋_GB2312
//   (fallback 仿宋) 三号; all three indented two characters, fixed 28 pt line spacing;
// - Table: full text width, single borders, 仿宋 小四, header row in 黑体 repeated on each page,
//   rows never split across pages, Integer/Number/Percent right-aligned, column widths in the
//   proportions of columnWidths().
// Text is XML-escaped; characters XML 1.0 forbids are dropped. The same document gives the
// same bytes (no timestamps are written).
Result<std::string> toDocx(const Document& d);

} // namespace hz::report
