// UTF-8 text helpers (see text.hpp).
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace hz::core {

namespace {

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Separators between names: ASCII , ; and line breaks, and the Chinese 、，； (3 bytes each).
size_t separatorAt(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ',' || c == ';' || c == '\n' || c == '\r') return 1;
  for (std::string_view sep : {"、", "，", "；"})
    if (s.substr(i, sep.size()) == sep) return sep.size();
  return 0;
}

// A space: ASCII space or tab, or the ideographic space U+3000.
size_t spaceAt(std::string_view s, size_t i) {
  if (s[i] == ' ' || s[i] == '\t') return 1;
  return s.substr(i, 3) == "\xE3\x80\x80" ? 3 : 0;
}

// One name: spaces trimmed, dropped between two non-ASCII characters, otherwise one space.
std::string tidyName(std::string_view raw) {
  std::string out;
  bool pendingSpace = false;
  for (size_t i = 0; i < raw.size();) {
    if (size_t n = spaceAt(raw, i)) {
      pendingSpace = !out.empty();
      i += n;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (pendingSpace && !(c >= 0x80 && static_cast<unsigned char>(out.back()) >= 0x80)) out += ' ';
    pendingSpace = false;
    out += raw[i++];
  }
  return out;
}

} // namespace

std::string shortText(std::string_view text, size_t maxChars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (isContinuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars++ == maxChars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

size_t utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += !isContinuation(c);
  return n;
}

bool isValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t n = 0;
    uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) <= n) return false;
    for (size_t i = 1; i <= n; ++i) {
      if (!isContinuation(p[i])) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

namespace {
// Bytes a JSON string escapes: control characters, '"' and '\\'.
constexpr auto kJsonEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
} // namespace

bool appendJsonString(std::string& out, std::string_view s, bool validUtf8) {
  if (!validUtf8 && !isValidUtf8(s)) return false;
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  size_t run = 0; // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kJsonEscaped[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
  return true;
}

std::vector<std::string> splitNames(std::string_view text) {
  std::vector<std::string> out;
  auto add = [&](std::string_view raw) {
    std::string name = tidyName(raw);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    if (size_t n = separatorAt(text, i)) {
      add(text.substr(start, i - start));
      i += n;
      start = i;
    } else {
      ++i;
    }
  }
  add(text.substr(start));
  return out;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += "、";
    out += n;
  }
  return out;
}

std::string normalizeEnterpriseName(std::string_view name) {
  std::string s(name);
  static const char* const kRemove[] = {" ",
                                        "\t",
                                        "\xE3\x80\x80" /* U+3000 */,
                                        "(",
                                        ")",
                                        "（",
                                        "）",
                                        "[",
                                        "]",
                                        "【",
                                        "】",
                                        "〔",
                                        "〕",
                                        "股份有限公司",
                                        "有限责任公司",
                                        "有限公司",
                                        "分公司",
                                        "公司",
                                        "·",
                                        ".",
                                        "-",
                                        "—"};
  for (const char* r : kRemove) {
    const std::string_view needle(r);
    for (size_t pos; (pos = s.find(needle)) != std::string::npos;) s.erase(pos, needle.size());
  }
  return s;
}

bool similarEnterpriseNames(std::string_view a, std::string_view b) {
  const std::string na = normalizeEnterpriseName(a), nb = normalizeEnterpriseName(b);
  if (na.empty() || nb.empty()) return false;
  if (na == nb) return true;
  const std::string& shorter = na.size() < nb.size() ? na : nb;
  const std::string& longer = na.size() < nb.size() ? nb : na;
  return utf8Length(shorter) >= 3 && longer.find(shorter) != std::string::npos;
}

std::string descriptionKey(std::string_view description) {
  std::string out;
  out.reserve(description.size());
  for (size_t i = 0; i < description.size();) {
    const unsigned char c = static_cast<unsigned char>(description[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string_view ch = description.substr(i, len);
    i += len;
    if (len == 1) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      continue;
    }
    uint32_t cp = 0;
    if (len == 2 && ch.size() == 2) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(ch[1]) & 0x3Fu);
    if (len == 3 && ch.size() == 3)
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(ch[1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(ch[2]) & 0x3Fu);
    const bool punctuation = (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                             (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
                             (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x00B7;
    if (!punctuation) out += ch;
  }
  return out;
}

// Built anew rather than with std::string::replace (GCC 12 warns falsely about that in place).
void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (s.find(from) == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  size_t start = 0;
  for (size_t pos; (pos = s.find(from, start)) != std::string::npos; start = pos + from.size()) {
    out.append(s, start, pos - start);
    out.append(to);
  }
  out.append(s, start, std::string::npos);
  s = std::move(out);
}

std::string trimmed(std::string_view s) {
  auto isSpace = [](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    if (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n') return 1;
    if (t.substr(0, 3) == "\xE3\x80\x80") return 3; // U+3000
    if (t.substr(0, 2) == "\xC2\xA0") return 2;     // no-break space
    return 0;
  };
  while (size_t n = isSpace(s)) s.remove_prefix(n);
  for (bool again = true; again && !s.empty();) {
    again = false;
    for (size_t n : {size_t(1), size_t(2), size_t(3)}) {
      if (s.size() >= n && isSpace(s.substr(s.size() - n)) == n) {
        s.remove_suffix(n);
        again = true;
        break;
      }
    }
  }
  return std::string(s);
}

} // namespace hz::core
