// Byte-level pre-check of ledger files (see json_guard.hpp): UTF-8 well-formedness (no overlongs,
// no surrogates, nothing above U+10FFFF), string length, nesting depth, total size.
#include "ledger/json_guard.hpp"

#include <string>

namespace hz::ledger {

std::string_view stripBom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string positionText(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  if (offset > text.size()) offset = text.size();
  for (size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return "第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列";
}

namespace {

// Length of a valid UTF-8 sequence at p (0 when invalid).
size_t utf8Sequence(const unsigned char* p, size_t left) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned min;
  unsigned cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    min = 0x80;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    min = 0x800;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    min = 0x10000;
    cp = c & 0x07;
  } else
    return 0;
  if (left < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

Problem fileProblem(std::string message) { return Problem{"", "", std::move(message)}; }

} // namespace

std::optional<Problem> guardJsonBytes(std::string_view text, const GuardLimits& limits) {
  if (text.size() > limits.maxFileBytes) {
    return fileProblem("文件过大（" + std::to_string(text.size() / (1024 * 1024)) + " MB），上限为 " +
                       std::to_string(limits.maxFileBytes / (1024 * 1024)) + " MB，请按时间范围分批导出");
  }
  if (text.empty()) return fileProblem("文件为空，不是台账文件");
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  int depth = 0;
  bool inString = false;
  size_t stringStart = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (inString && i - stringStart > limits.maxStringBytes) {
      return fileProblem("字符串过长（" + positionText(text, stringStart) + " 开始，超过 " +
                         std::to_string(limits.maxStringBytes / 1024) + " KB 上限）");
    }
    if (c >= 0x80) {
      const size_t len = utf8Sequence(p + i, n - i);
      if (len == 0) {
        return fileProblem("文件不是有效的 UTF-8 编码（" + positionText(text, i) + "，字节偏移 " + std::to_string(i) +
                           "），请以 UTF-8 保存（GBK 等编码不受支持）");
      }
      i += len;
      continue;
    }
    if (inString) {
      if (c == '\\') {
        i += 2; // the escaped character is ASCII in valid JSON; the parser checks the rest
        continue;
      }
      if (c == '"') inString = false;
      ++i;
      continue;
    }
    if (c == '"') {
      inString = true;
      stringStart = i;
    } else if (c == '{' || c == '[') {
      if (++depth > limits.maxDepth) {
        return fileProblem("嵌套层级过深（" + positionText(text, i) + " 超过 " + std::to_string(limits.maxDepth) +
                           " 层），不是有效的台账文件");
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
    ++i;
  }
  if (inString && n - stringStart > limits.maxStringBytes) {
    return fileProblem("字符串过长（" + positionText(text, stringStart) + " 开始，超过 " +
                       std::to_string(limits.maxStringBytes / 1024) + " KB 上限）");
  }
  return std::nullopt;
}

} // namespace hz::ledger
