// The neutral table model of every report export (统计表, 台账导出, 通报附表) and its writers:
// CSV (UTF-8 with BOM, for any spreadsheet) and .xlsx (libxlsxwriter). The .docx writer (docx.hpp)
// takes the same tables. Text a spreadsheet could run as a formula is neutralised in both formats.
#pragma once
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hz::report {

// [SECTION] The model
struct Cell {
  enum class Kind { Text, Integer, Number, Percent, Date };
  Kind kind = Kind::Text;
  std::string text; // Text: the text; Integer: its digits; Date: YYYY-MM-DD (else unused)
  double value = 0; // Integer, Number; Percent as a ratio (0.853 = 85.3%)
};

Cell text(std::string s);
Cell integer(int64_t n);
Cell number(double v);
Cell percent(double ratio); // 0..1 (other values are written as they are: 1.2 = 120.0%)
Cell date(std::string ymd); // YYYY-MM-DD; anything else is written as text

struct Column {
  std::string title;
  double width = 0; // in characters (a CJK character counts 2); 0 = from the content
};

struct Table {
  std::string title; // the sheet name (.xlsx) or the caption (.docx); not written to CSV
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows; // a short row is padded with empty cells
};

// [SECTION] Text helpers shared by the writers
// A text that starts with = + - @ TAB or CR gets a leading apostrophe, so that a spreadsheet
// never runs it as a formula ("=SUM(A1)" -> "'=SUM(A1)"; "-1+2" -> "'-1+2").
std::string neutraliseText(std::string_view s);
// How a cell reads in CSV and .docx: Integer "-12"; Number with up to 15 significant digits
// ("0.1", "1234.5"); Percent one decimal ("85.3%"); Date and Text as they are (not neutralised).
// A non-finite number reads as "".
std::string displayText(const Cell& c);
// Display width in character cells: CJK and other wide characters count 2, the rest 1.
double displayWidth(std::string_view utf8);
// The widths the writers use: a given width as it is, otherwise from the title (plus room for
// the filter button) and the cells' display text, clamped to 6..60.
std::vector<double> columnWidths(const Table& t);

// [SECTION] Writers
// UTF-8 with BOM, CRLF line ends, RFC 4180 quoting; the header row is the column titles. Text
// cells (and titles, and dates that are not valid) are neutralised; percent as "85.3%", dates
// as YYYY-MM-DD.
std::string toCsv(const Table& t);

// The bytes of an .xlsx workbook: one worksheet per table. Sheet names are made valid and unique
// (at most 31 characters, none of []:*?/\, no apostrophe at either end, "表1".. for an empty
// title). Each sheet: a bold header row, frozen, with an autofilter; column widths as
// columnWidths(); Integer and Number cells are numbers, Percent a number shown as 0.0%, Date a
// real Excel date shown as yyyy-mm-dd (an invalid date stays text); Text is neutralised and
// always a string cell, never a formula. A text longer than Excel's 32,767 characters is cut.
// Fails (Chinese message) on more rows or columns than Excel holds or when the temporary file
// cannot be written.
Result<std::string> toXlsx(const std::vector<Table>& sheets);

} // namespace hz::report
