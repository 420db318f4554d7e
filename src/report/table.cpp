// The report table model, CSV and .xlsx (see table.hpp).
//
// Index:
// [SECTION] Cells and text
// [SECTION] Column widths
// [SECTION] CSV
// [SECTION] XLSX: sheet names, the temporary file, the workbook
#include "report/table.hpp"

#include "core/date.hpp"
#include "report/xml_text.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <sstream>

namespace hz::report {

// [SECTION] Cells and text

Cell text(std::string s) { return Cell{Cell::Kind::Text, std::move(s), 0}; }
Cell integer(int64_t n) { return Cell{Cell::Kind::Integer, std::to_string(n), static_cast<double>(n)}; }
Cell number(double v) { return Cell{Cell::Kind::Number, {}, v}; }
Cell percent(double ratio) { return Cell{Cell::Kind::Percent, {}, ratio}; }
Cell date(std::string ymd) { return Cell{Cell::Kind::Date, std::move(ymd), 0}; }

std::string neutraliseText(std::string_view s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return "'" + std::string(s);
  return std::string(s);
}

namespace {

std::string formatNumber(double v) {
  if (!std::isfinite(v)) return {};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v == 0 ? 0.0 : v); // no "-0"
  return buf;
}

bool isValidDate(const Cell& c) { return c.kind == Cell::Kind::Date && core::Date::parse(c.text).has_value(); }

// What a spreadsheet receives as text: Text cells and dates that are not dates.
bool writtenAsText(const Cell& c) {
  return c.kind == Cell::Kind::Text || (c.kind == Cell::Kind::Date && !isValidDate(c));
}

} // namespace

std::string displayText(const Cell& c) {
  switch (c.kind) {
  case Cell::Kind::Text:
    return c.text;
  case Cell::Kind::Date:
    return c.text;
  case Cell::Kind::Integer:
    if (!c.text.empty()) return c.text;
    return std::isfinite(c.value) ? formatNumber(std::round(c.value)) : std::string();
  case Cell::Kind::Number:
    return formatNumber(c.value);
  case Cell::Kind::Percent: {
    if (!std::isfinite(c.value)) return {};
    char buf[48];
    const double pct = std::round(c.value * 1000.0) / 10.0;
    std::snprintf(buf, sizeof buf, "%.1f%%", pct == 0 ? 0.0 : pct);
    return buf;
  }
  }
  return {};
}

// [SECTION] Column widths

namespace {

bool isWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

constexpr double kMinWidth = 6, kMaxWidth = 60;
constexpr double kFilterButton = 2; // the autofilter arrow covers the end of a header

size_t columnCount(const Table& t) {
  size_t n = t.columns.size();
  for (const auto& row : t.rows) n = std::max(n, row.size());
  return n;
}

} // namespace

double displayWidth(std::string_view utf8) {
  double w = 0;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = nextCodePoint(utf8, i);
    if (c == '\n') continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

std::vector<double> columnWidths(const Table& t) {
  const size_t n = columnCount(t);
  std::vector<double> widths(n, 0);
  for (size_t c = 0; c < n; ++c) {
    if (c < t.columns.size() && t.columns[c].width > 0) {
      widths[c] = t.columns[c].width;
      continue;
    }
    double w = c < t.columns.size() ? displayWidth(t.columns[c].title) + kFilterButton : 0;
    for (const auto& row : t.rows) {
      if (c >= row.size()) continue;
      const Cell& cell = row[c];
      w = std::max(w, displayWidth(writtenAsText(cell) ? neutraliseText(cell.text) : displayText(cell)));
    }
    widths[c] = std::clamp(w + 1, kMinWidth, kMaxWidth);
  }
  return widths;
}

// [SECTION] CSV

namespace {

void appendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string csvField(const Cell& c) { return writtenAsText(c) ? neutraliseText(c.text) : displayText(c); }

} // namespace

std::string toCsv(const Table& t) {
  const size_t n = columnCount(t);
  std::string out = "\xEF\xBB\xBF";
  const auto endRecord = [&] { out += "\r\n"; };
  for (size_t c = 0; c < n; ++c) {
    if (c > 0) out += ',';
    if (c < t.columns.size()) appendCsvField(out, neutraliseText(t.columns[c].title));
  }
  endRecord();
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < n; ++c) {
      if (c > 0) out += ',';
      if (c < row.size()) appendCsvField(out, csvField(row[c]));
    }
    endRecord();
  }
  return out;
}

// [SECTION] XLSX: sheet names, the temporary file, the workbook

namespace {

constexpr size_t kSheetNameMax = 31;    // characters
constexpr size_t kExcelTextMax = 32767; // characters in one cell
constexpr const char* kXlsxFailed = "无法生成 Excel 文件：";

// The first `n` code points of valid UTF-8 text.
std::string firstCodePoints(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) nextCodePoint(s, i);
  return std::string(s.substr(0, i));
}

std::string asciiLower(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// Excel's rules for a sheet name; `taken` holds the lower-cased names already used.
std::string sheetName(std::string_view title, size_t index, std::set<std::string>& taken) {
  std::string name;
  for (char ch : xmlSafeText(title)) {
    if (ch == '\r' || ch == '\n' || ch == '\t') ch = ' ';
    name += std::string_view("[]:*?/\\").find(ch) == std::string_view::npos ? ch : '_';
  }
  const auto trim = [](std::string s) {
    const size_t a = s.find_first_not_of(" '");
    if (a == std::string::npos) return std::string();
    return s.substr(a, s.find_last_not_of(" '") - a + 1);
  };
  name = trim(firstCodePoints(name, kSheetNameMax));
  if (name.empty() || asciiLower(name) == "history") name = "表" + std::to_string(index + 1);
  std::string candidate = name;
  for (int k = 2; taken.count(asciiLower(candidate)) > 0; ++k) {
    const std::string suffix = "(" + std::to_string(k) + ")";
    candidate = trim(firstCodePoints(name, kSheetNameMax - suffix.size())) + suffix;
  }
  taken.insert(asciiLower(candidate));
  return candidate;
}

// A new, empty file with a name nobody else uses, in $TMPDIR or /tmp (in the browser: MEMFS).
Result<std::string> reserveTempFile() {
  const char* dir = std::getenv("TMPDIR");
  const std::string base = dir != nullptr && *dir != '\0' ? dir : "/tmp";
  std::random_device rd;
  for (int attempt = 0; attempt < 8; ++attempt) {
    char name[64];
    std::snprintf(name, sizeof name, "/hz-report-%08x%08x.xlsx", static_cast<unsigned>(rd()),
                  static_cast<unsigned>(rd()));
    const std::string path = base + name;
    if (std::FILE* f = std::fopen(path.c_str(), "wbx")) { // "x": fails if the file exists
      std::fclose(f);
      return path;
    }
  }
  return Error::make(ErrorCode::Storage, std::string(kXlsxFailed) + "无法在临时文件夹 " + base + " 中创建文件");
}

Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) return Error::make(ErrorCode::Storage, std::string(kXlsxFailed) + "无法读回临时文件");
  return bytes.str();
}

// Removes the temporary file however toXlsx returns.
struct TempFileGuard {
  std::string path;
  ~TempFileGuard() { std::remove(path.c_str()); }
};

Error libraryError(lxw_error e) {
  const bool io = e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ||
                  e == LXW_ERROR_READING_TMPFILE || e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_FILE_ADD ||
                  e == LXW_ERROR_ZIP_CLOSE;
  return Error::make(io ? ErrorCode::Storage : ErrorCode::Internal,
                     std::string(kXlsxFailed) + (io ? "写入临时文件失败" : "内部错误") + "（代码 " +
                         std::to_string(static_cast<int>(e)) + "）");
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* date = nullptr;
};

lxw_error writeCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell, const Formats& f) {
  if (writtenAsText(cell)) {
    const std::string s = firstCodePoints(xmlSafeText(neutraliseText(cell.text)), kExcelTextMax);
    return worksheet_write_string(ws, r, c, s.c_str(), nullptr);
  }
  if (cell.kind == Cell::Kind::Date) {
    const core::Date d = *core::Date::parse(cell.text);
    lxw_datetime dt{d.year, d.month, d.day, 0, 0, 0};
    return worksheet_write_datetime(ws, r, c, &dt, f.date);
  }
  if (!std::isfinite(cell.value)) return LXW_NO_ERROR; // left empty: Excel has no NaN
  switch (cell.kind) {
  case Cell::Kind::Integer:
    return worksheet_write_number(ws, r, c, cell.value, f.integer);
  case Cell::Kind::Percent:
    return worksheet_write_number(ws, r, c, cell.value, f.percent);
  default:
    return worksheet_write_number(ws, r, c, cell.value, nullptr);
  }
}

lxw_error writeSheet(lxw_workbook* wb, const Table& t, const std::string& name, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) return LXW_ERROR_SHEETNAME_ALREADY_USED;
  const std::vector<double> widths = columnWidths(t);
  const auto lastCol = static_cast<lxw_col_t>(widths.empty() ? 0 : widths.size() - 1);
  for (size_t c = 0; c < widths.size(); ++c)
    if (lxw_error e =
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr))
      return e;
  worksheet_freeze_panes(ws, 1, 0);
  if (!widths.empty())
    if (lxw_error e = worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), lastCol)) return e;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const std::string title = firstCodePoints(xmlSafeText(neutraliseText(t.columns[c].title)), kExcelTextMax);
    if (lxw_error e = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), title.c_str(), f.header)) return e;
  }
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].size(); ++c)
      if (lxw_error e = writeCell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), t.rows[r][c], f))
        return e;
  return LXW_NO_ERROR;
}

} // namespace

Result<std::string> toXlsx(const std::vector<Table>& sheets) {
  for (const auto& t : sheets) {
    if (t.rows.size() + 1 > LXW_ROW_MAX)
      return Error::make(ErrorCode::Invalid, std::string(kXlsxFailed) + "表格「" + t.title + "」有 " +
                                                 std::to_string(t.rows.size()) + " 行，超过 Excel 每表 " +
                                                 std::to_string(LXW_ROW_MAX - 1) + " 行的上限");
    if (columnCount(t) > LXW_COL_MAX)
      return Error::make(ErrorCode::Invalid, std::string(kXlsxFailed) + "表格「" + t.title +
                                                 "」的列数超过 Excel 的上限 " + std::to_string(LXW_COL_MAX) + " 列");
  }
  auto path = reserveTempFile();
  if (!path) return path.error();
  TempFileGuard guard{*path};

  // constant_memory: rows go to the temporary file as they are written (a city ledger has
  // hundreds of thousands of cells); text is then stored inline rather than as shared strings.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path->c_str(), &options);
  if (wb == nullptr) return libraryError(LXW_ERROR_MEMORY_MALLOC_FAILED);

  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.integer = workbook_add_format(wb);
  format_set_num_format(f.integer, "0");
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");

  std::set<std::string> taken;
  lxw_error failed = LXW_NO_ERROR;
  if (sheets.empty()) {
    failed = writeSheet(wb, Table{}, sheetName("", 0, taken), f); // a workbook needs a sheet
  }
  for (size_t i = 0; i < sheets.size() && failed == LXW_NO_ERROR; ++i)
    failed = writeSheet(wb, sheets[i], sheetName(sheets[i].title, i, taken), f);
  const lxw_error closed = workbook_close(wb); // also frees the workbook
  if (failed != LXW_NO_ERROR) return libraryError(failed);
  if (closed != LXW_NO_ERROR) return libraryError(closed);
  return readFile(*path);
}

} // namespace hz::report
