// Text made safe for the XML inside .xlsx and .docx files: invalid UTF-8 repaired, characters
// that XML 1.0 forbids dropped, markup characters escaped. Used by table.cpp and docx.cpp.
#pragma once
#include <string>
#include <string_view>

namespace hz::report {

// Valid UTF-8 with only the characters XML 1.0 allows (TAB, LF, CR, U+0020..U+D7FF,
// U+E000..U+FFFD, U+10000..U+10FFFF): other characters are dropped, a byte that is not part of
// a valid UTF-8 sequence becomes U+FFFD.
std::string xmlSafeText(std::string_view s);
// xmlSafeText() with & < > " ' escaped, fit for element content and attribute values.
std::string xmlEscape(std::string_view s);
// Decodes one UTF-8 code point at `i` and advances `i`; returns U+FFFD (advancing one byte) for a
// byte that does not start a valid, shortest-form sequence (surrogates included).
char32_t nextCodePoint(std::string_view s, size_t& i);

} // namespace hz::report
