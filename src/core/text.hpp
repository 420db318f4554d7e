// Small UTF-8 text helpers shared by the layers above (lists, messages, conflict titles).
#pragma once
#include <string>
#include <string_view>

namespace hz::core {

// The first `maxChars` characters (code points) of UTF-8 text, with "…" appended when cut.
std::string shortText(std::string_view text, size_t maxChars);

} // namespace hz::core
