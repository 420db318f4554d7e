#include "sheet/reader.hpp"

#include "core/record_fields.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <freexl.h>
#include <iconv.h>
#include <optional>
#include <unistd.h>

namespace hz::sheet {

namespace {

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

constexpr std::string_view kZipMagic{"PK\x03\x04", 4};
constexpr std::string_view kOleMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

// A zip's local file names appear in clear in its first entries; good enough to tell an .xlsx
// (xl/...) from an .ods (mimetype ...opendocument.spreadsheet) without unzipping.
std::optional<Format> zipKind(std::string_view bytes) {
  if (!startsWith(bytes, kZipMagic)) return std::nullopt;
  if (bytes.find("opendocument.spreadsheet") != std::string_view::npos) return Format::Ods;
  if (bytes.find("xl/") != std::string_view::npos || bytes.find("[Content_Types].xml") != std::string_view::npos)
    return Format::Xlsx;
  return std::nullopt;
}

// [SECTION] Text decoding
bool validUtf8(std::string_view s, size_t* badAt) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      if (badAt) *badAt = i;
      return false;
    }
    if (i + len > n) {
      if (badAt) *badAt = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        if (badAt) *badAt = i;
        return false;
      }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (badAt) *badAt = i;
      return false;
    }
    i += len;
  }
  return true;
}

// iconv (glibc natively, musl in Emscripten: both know GB18030 and UTF-16). Fails with the byte
// offset of the first sequence the source encoding does not allow.
Result<std::string> convert(std::string_view bytes, const char* from, const char* described) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Error::make(ErrorCode::Internal, std::string("本机不支持 ") + from + " 编码转换");
  }
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t inLeft = bytes.size();
  size_t outUsed = 0;
  while (inLeft > 0) {
    char* o = out.data() + outUsed;
    size_t outLeft = out.size() - outUsed;
    const size_t r = iconv(cd, &in, &inLeft, &o, &outLeft);
    outUsed = out.size() - outLeft;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    const size_t at = bytes.size() - inLeft;
    iconv_close(cd);
    return Error::make(ErrorCode::Format, "文本编码无法识别：第 " + std::to_string(at + 1) + " 字节起" + described +
                                              "。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入");
  }
  iconv_close(cd);
  out.resize(outUsed);
  // Whatever the converter let through must be text the rest of the program can trust.
  if (!validUtf8(out, nullptr))
    return Error::make(ErrorCode::Format, std::string("文本编码转换后仍含无效字符（") + described + "）");
  return out;
}

// [SECTION] FreeXL
// FreeXL opens paths, not memory: the bytes go to a private temporary file (MEMFS in the browser).
class TempFile {
public:
  explicit TempFile(std::string_view bytes) {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/hz-sheet-XXXXXX";
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) return;
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    ::close(fd);
    m_path = tmpl;
    m_ok = done == bytes.size();
  }
  ~TempFile() {
    if (!m_path.empty()) std::remove(m_path.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return m_ok; }
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
  bool m_ok = false;
};

const char* textOf(const char* s) { return s ? s : ""; }

Cell cellOf(const FreeXL_CellValue& v) {
  Cell c;
  switch (v.type) {
  case FREEXL_CELL_INT:
    c.kind = Cell::Kind::Number;
    c.number = v.value.int_value;
    c.text = core::formatNumber(c.number);
    break;
  case FREEXL_CELL_DOUBLE:
    c.kind = Cell::Kind::Number;
    c.number = v.value.double_value;
    c.text = core::formatNumber(c.number);
    break;
  case FREEXL_CELL_TEXT:
  case FREEXL_CELL_SST_TEXT:
    c.text = textOf(v.value.text_value);
    c.kind = c.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
    break;
  case FREEXL_CELL_DATE:
  case FREEXL_CELL_DATETIME:
    c.kind = Cell::Kind::Date;
    c.text = textOf(v.value.text_value);
    break;
  case FREEXL_CELL_TIME:
    c.kind = Cell::Kind::Text;
    c.text = textOf(v.value.text_value);
    break;
  default:
    break;
  }
  return c;
}

const char* freexlProblem(int code) {
  switch (code) {
  case FREEXL_FILE_NOT_FOUND:
    return "临时文件无法打开";
  case FREEXL_INSUFFICIENT_MEMORY:
    return "内存不足";
  case FREEXL_UNSUPPORTED_CHARSET:
    return "工作簿使用了不支持的字符集";
  case FREEXL_CFBF_EMPTY_FAT_CHAIN:
  case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
  case FREEXL_CFBF_INVALID_SIGNATURE:
  case FREEXL_CFBF_INVALID_SECTOR_SIZE:
  case FREEXL_CFBF_SEEK_ERROR:
  case FREEXL_CFBF_READ_ERROR:
  case FREEXL_CRAFTED_FILE:
    return "文件结构已损坏或不是 Excel 97-2003 工作簿";
  case FREEXL_BIFF_INVALID_BOF:
  case FREEXL_BIFF_INVALID_SST:
  case FREEXL_BIFF_ILLEGAL_SST_INDEX:
  case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    return "工作簿格式不受支持（仅支持 Excel 97 及以后的 .xls）";
  case FREEXL_XLSX_ILLEGAL_SHEET_INDEX:
  case FREEXL_BIFF_ILLEGAL_SHEET_INDEX:
    return "工作表序号无效";
  default:
    return "文件已损坏或格式不受支持";
  }
}

Result<Book> readWithFreexl(std::string_view bytes, Format format, const std::string& fileName) {
  TempFile tmp(bytes);
  if (!tmp.ok()) return Error::make(ErrorCode::Storage, fileName + "：无法写入临时文件");
  const void* h = nullptr;
  int rc = FREEXL_OK;
  switch (format) {
  case Format::Xlsx:
    rc = freexl_open_xlsx(tmp.path().c_str(), &h);
    break;
  case Format::Ods:
    rc = freexl_open_ods(tmp.path().c_str(), &h);
    break;
  default:
    rc = freexl_open(tmp.path().c_str(), &h);
    break;
  }
  struct Closer {
    const void*& h;
    ~Closer() {
      if (h) freexl_close(h);
    }
  } closer{h};
  if (rc != FREEXL_OK) {
    return Error::make(ErrorCode::Format, fileName + "：无法读取" + formatName(format) + "：" + freexlProblem(rc));
  }
  if (format == Format::Xls) {
    unsigned int password = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
      return Error::make(ErrorCode::Format, fileName + "：工作簿设有打开密码，请在 Excel/WPS 中取消密码后再导入");
    }
  }
  unsigned int count = 0;
  if (freexl_get_worksheets_count(h, &count) != FREEXL_OK) {
    return Error::make(ErrorCode::Format, fileName + "：读不出工作表列表");
  }
  Book book;
  book.format = format;
  size_t totalCells = 0;
  for (unsigned int s = 0; s < count && s < 256; ++s) {
    Sheet sheet;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(h, static_cast<unsigned short>(s), &name) == FREEXL_OK && name) sheet.name = name;
    if (sheet.name.empty()) sheet.name = "Sheet" + std::to_string(s + 1);
    if (freexl_select_active_worksheet(h, static_cast<unsigned short>(s)) != FREEXL_OK) continue;
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) continue;
    // A damaged file may declare billions of rows of no column: count each row as at least a cell.
    totalCells += static_cast<size_t>(rows) * std::max<size_t>(cols, 1);
    if (totalCells > kMaxCells) {
      return Error::make(ErrorCode::Format, fileName + "：工作表“" + sheet.name + "”过大（" + std::to_string(rows) +
                                                " 行 × " + std::to_string(cols) + " 列），请删去多余的行列后再导入");
    }
    sheet.rows.reserve(rows);
    for (unsigned int r = 0; r < rows; ++r) {
      std::vector<Cell> row;
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v{};
        if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) v.type = FREEXL_CELL_NULL;
        Cell cell = cellOf(v);
        if (!cell.empty()) {
          row.resize(static_cast<size_t>(c) + 1);
          row[c] = std::move(cell);
        }
      }
      sheet.rows.push_back(std::move(row));
    }
    while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
    book.sheets.push_back(std::move(sheet));
  }
  if (book.sheets.empty()) return Error::make(ErrorCode::Format, fileName + "：工作簿中没有可读的工作表");
  return book;
}

std::string_view trimCr(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

} // namespace

const char* formatName(Format f) {
  switch (f) {
  case Format::Xlsx:
    return "Excel 工作簿(.xlsx)";
  case Format::Xls:
    return "Excel 97-2003 工作簿(.xls)";
  case Format::Ods:
    return "OpenDocument 表格(.ods)";
  case Format::Csv:
    return "CSV/文本表格";
  }
  return "";
}

Result<DecodedText> decodeText(std::string_view bytes) {
  if (startsWith(bytes, "\xEF\xBB\xBF")) {
    std::string_view body = bytes.substr(3);
    size_t bad = 0;
    if (!validUtf8(body, &bad)) {
      return Error::make(ErrorCode::Format,
                         "文件标明为 UTF-8，但第 " + std::to_string(bad + 4) + " 字节起不是有效的 UTF-8");
    }
    return DecodedText{std::string(body), "UTF-8 (BOM)"};
  }
  if (startsWith(bytes, "\xFF\xFE") || startsWith(bytes, "\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    auto text =
        convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", "不是有效的 UTF-16（文件开头标明为 Unicode 文本）");
    if (!text) return text.error();
    return DecodedText{std::move(text.value()), "UTF-16"};
  }
  if (validUtf8(bytes, nullptr)) return DecodedText{std::string(bytes), "UTF-8"};
  auto text = convert(bytes, "GB18030", "既不是 UTF-8，也不是 GBK/GB18030");
  if (!text) return text.error();
  return DecodedText{std::move(text.value()), "GB18030"};
}

Result<std::vector<std::vector<std::string>>> parseDelimited(std::string_view s, char delimiter) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, fieldStarted = false, any = false;
  size_t line = 1, quoteLine = 0; // 1-based line of the text, and where an open quote began
  auto endField = [&] {
    row.push_back(std::move(field));
    field.clear();
    fieldStarted = false;
  };
  auto endRow = [&] {
    endField();
    rows.push_back(std::move(row));
    row.clear();
    any = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n' || (c == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++line;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
      any = true;
    } else if (c == delimiter) {
      endField();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
        ++line;
      }
      endRow();
    } else {
      field += c;
      fieldStarted = true;
      any = true;
    }
  }
  if (quoted) {
    // The rest of the file would silently become one cell: say where the quote was opened.
    return Error::make(ErrorCode::Format,
                       "第 " + std::to_string(quoteLine) +
                           " 行有一个双引号没有配对的结束引号，之后的内容无法分列；请检查该行后再导入");
  }
  if (any || fieldStarted || !row.empty()) endRow();
  return rows;
}

char detectDelimiter(std::string_view s) {
  // Count each candidate per line (outside quotes) over the first 20 lines; pick the one whose
  // count is non-zero on most lines, then the larger total.
  const char candidates[] = {'\t', ',', ';'};
  int best = 0, bestLines = -1;
  size_t bestTotal = 0;
  for (int k = 0; k < 3; ++k) {
    int lines = 0;
    size_t total = 0, perLine = 0;
    bool quoted = false;
    int seen = 0;
    for (size_t i = 0; i < s.size() && seen < 20; ++i) {
      const char c = s[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == candidates[k]) ++perLine;
      if (c == '\n' || i + 1 == s.size()) {
        if (perLine > 0) ++lines;
        total += perLine;
        perLine = 0;
        ++seen;
      }
    }
    if (lines > bestLines || (lines == bestLines && total > bestTotal)) {
      best = k, bestLines = lines, bestTotal = total;
    }
  }
  return bestLines > 0 ? candidates[best] : ',';
}

bool looksLikeSheet(std::string_view bytes) {
  if (startsWith(bytes, kOleMagic)) return true;
  if (startsWith(bytes, kZipMagic)) return zipKind(bytes).has_value();
  if (startsWith(bytes, "\xFF\xFE") || startsWith(bytes, "\xFE\xFF")) return true; // Excel's "Unicode 文本"
  if (startsWith(bytes, "\x1F\x8B")) return false;                                 // gzip: a compressed ledger file
  // Text: not JSON, no NUL bytes, and the first line that is not blank splits into columns.
  std::string_view head = bytes.substr(0, 64 * 1024);
  if (startsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  if (head.find('\0') != std::string_view::npos) return false;
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head[start] == '{' || head[start] == '[') return false;
  const std::string_view line = head.substr(start, head.find_first_of("\r\n", start) - start);
  return line.find_first_of(",\t;") != std::string_view::npos;
}

bool hasSheetExtension(std::string_view fileName) {
  const size_t dot = fileName.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(fileName.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == "xlsx" || ext == "xls" || ext == "ods" || ext == "csv" || ext == "txt";
}

Result<Book> readBook(std::string_view bytes, const std::string& fileName) {
  if (bytes.empty()) return Error::make(ErrorCode::Format, fileName + "：文件是空的");
  if (startsWith(bytes, kOleMagic)) return readWithFreexl(bytes, Format::Xls, fileName);
  if (startsWith(bytes, kZipMagic)) {
    auto kind = zipKind(bytes);
    if (!kind) return Error::make(ErrorCode::Format, fileName + "：这是一个压缩包，但不是 Excel 或 WPS 表格");
    return readWithFreexl(bytes, *kind, fileName);
  }
  auto text = decodeText(bytes);
  if (!text) return Error::make(ErrorCode::Format, fileName + "：" + text.error().message);
  Book book;
  book.format = Format::Csv;
  book.encoding = text->encoding;
  Sheet sheet;
  sheet.name = fileName;
  const char delimiter = detectDelimiter(text->utf8);
  auto parsed = parseDelimited(text->utf8, delimiter);
  if (!parsed) return Error::make(ErrorCode::Format, fileName + "：" + parsed.error().message);
  size_t cells = 0;
  for (auto& fields : parsed.value()) {
    std::vector<Cell> row;
    for (size_t c = 0; c < fields.size(); ++c) {
      std::string_view v = trimCr(fields[c]);
      if (v.empty()) continue;
      row.resize(c + 1);
      row[c].kind = Cell::Kind::Text;
      row[c].text = std::string(v);
    }
    cells += fields.size();
    if (cells > kMaxCells) return Error::make(ErrorCode::Format, fileName + "：表格过大，请拆分后再导入");
    sheet.rows.push_back(std::move(row));
  }
  while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
  book.sheets.push_back(std::move(sheet));
  return book;
}

} // namespace hz::sheet
