// The first line of defence against hostile input: one linear pass over the raw bytes, before
// any JSON parsing, that rejects oversize files, invalid UTF-8, overlong strings and deep
// nesting, so the parser never sees input that could exhaust memory or the stack.
#pragma once
#include "ledger/ledger.hpp"

#include <optional>
#include <string_view>

namespace hz::ledger {

struct GuardLimits {
  size_t maxFileBytes = kMaxFileBytes;
  size_t maxStringBytes = kMaxStringBytes;
  int maxDepth = kMaxDepth;
};

// The first problem found (field "" and record ""), or nothing when the bytes may be parsed.
// `text` must not include a leading BOM (see stripBom()).
std::optional<Problem> guardJsonBytes(std::string_view text, const GuardLimits& limits = {});
// Removes a UTF-8 byte order mark, if present.
std::string_view stripBom(std::string_view text);
// "第 12 行第 5 列" for a byte offset (1-based line and column, columns in characters).
std::string positionText(std::string_view text, size_t offset);

} // namespace hz::ledger
