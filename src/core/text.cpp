// UTF-8 text helpers (see text.hpp).
#include "core/text.hpp"

namespace hz::core {

std::string shortText(std::string_view text, size_t maxChars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue; // continuation byte
    if (chars++ == maxChars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

} // namespace hz::core
