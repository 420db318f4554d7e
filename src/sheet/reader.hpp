// Reading the spreadsheets offices keep today into a plain grid of cells: .xlsx, .xls (Excel
// 97-2003) and .ods through FreeXL (Debian source package, on expat + minizip + zlib), CSV/TXT
// through our own small RFC 4180 reader after the encoding is detected (UTF-8, UTF-8 with BOM,
// UTF-16 "Unicode text", GBK/GB18030). The format is recognised by content, not by the name.
#pragma once
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hz::sheet {

struct Cell {
  enum class Kind { Empty, Text, Number, Date };
  Kind kind = Kind::Empty;
  std::string text;  // Text: as written; Number: as the sheet would show it ("12", "0.5"); Date: YYYY-MM-DD[ hh:mm:ss]
  double number = 0; // Number: the value (an undetected Excel date stays a serial number here)
  bool empty() const { return kind == Kind::Empty; }
};

struct Sheet {
  std::string name;                    // worksheet name; the file name for CSV
  std::vector<std::vector<Cell>> rows; // row-major, trailing empty cells trimmed
};

enum class Format { Xlsx, Xls, Ods, Csv };
const char* formatName(Format f); // "Excel 工作簿 (.xlsx)", …

struct Book {
  Format format = Format::Csv;
  std::string encoding; // CSV: "UTF-8", "UTF-8 (BOM)", "UTF-16", "GB18030"; empty otherwise
  std::vector<Sheet> sheets;
};

// What the bytes look like, without reading them all: a zip with xl/ (xlsx), an OLE2 compound
// file (xls), a zip with an OpenDocument mimetype (ods), or text that splits into columns.
// Returns false for anything else (a ledger JSON file, say).
bool looksLikeSheet(std::string_view bytes);
// .xlsx .xls .ods .csv .txt (any case): a file chosen as a sheet gets the sheet reader's own
// message when its content is none of these, not the ledger reader's.
bool hasSheetExtension(std::string_view fileName);

// Reads every worksheet. fileName names the CSV sheet and appears in errors. Refuses files
// that are encrypted, too large (more than kMaxCells cells) or not a sheet, saying so in Chinese.
// 8 M cells is a 100,000-row ledger with 80 columns; each read cell costs ~50 bytes of a page's
// 2 GB heap.
inline constexpr size_t kMaxCells = 8'000'000;
Result<Book> readBook(std::string_view bytes, const std::string& fileName);

// [SECTION] Text sheets (exposed for tests and the fuzzer)
struct DecodedText {
  std::string utf8;
  std::string encoding;
};
// BOM first (UTF-8, UTF-16LE/BE), then valid UTF-8, else GB18030 (a superset of GBK and GB2312).
// Fails with the byte offset of the first sequence that is none of these.
Result<DecodedText> decodeText(std::string_view bytes);
// RFC 4180 with the delimiter given (',' '\t' ';'); quoted fields may hold delimiters, quotes
// ("") and line breaks; CRLF, LF and CR end records. A quote left open fails with its line.
Result<std::vector<std::vector<std::string>>> parseDelimited(std::string_view utf8, char delimiter);
// The delimiter that splits the first lines most consistently: tab, comma, semicolon.
char detectDelimiter(std::string_view utf8);

} // namespace hz::sheet
