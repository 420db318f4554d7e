// Small UTF-8 text helpers shared by the layers above (lists, messages, conflict titles), and the
// text rules of the domain that more than one screen or command needs: lists of people's names
// and the comparison of enterprise names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hz::core {

// The first `maxChars` characters (code points) of UTF-8 text, with "…" appended when cut.
std::string shortText(std::string_view text, size_t maxChars);
// Without leading and trailing spaces, tabs, line breaks, full-width (U+3000) and no-break spaces.
std::string trimmed(std::string_view s);
// Code points in UTF-8 text.
size_t utf8Length(std::string_view text);
// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view text);
// Appends s as a JSON string exactly as nlohmann::json::dump() writes it (UTF-8 kept; only '"',
// '\\' and control characters escaped, \u00xx in lower case): the canonical form that checksums
// and event hashes cover. Returns false, appending nothing, when s is not valid UTF-8 (validUtf8:
// the caller knows it is, e.g. a string nlohmann's parser produced, and it is not checked again).
bool appendJsonString(std::string& out, std::string_view s, bool validUtf8 = false);

// A list of people as typed (operators, inspectors): "张伟、李娜", "张伟，李娜", "张伟,李娜;王明" or
// one per line. Names are trimmed; spaces between two Chinese characters are dropped (people align
// two-character names as "张 伟" or "张　伟": it is still one person); other space runs become
// one space ("John Smith"). Empty names and repeats are dropped, the order is kept.
std::vector<std::string> splitNames(std::string_view text);
// The stored and displayed form: names joined with 、 (splitNames(joinNames(v)) == v for a list
// splitNames produced).
std::string joinNames(const std::vector<std::string>& names);

// Enterprise names as people write one firm two ways: without spaces, brackets (half- and
// full-width), dots and dashes and without the company-form suffix (有限公司, 有限责任公司, …).
std::string normalizeEnterpriseName(std::string_view name);
// Two names that are probably the same firm: equal once normalised, or one normalised name of at
// least 3 characters contained in the other ("城南化工" / "南京城南化工有限公司").
bool similarEnterpriseNames(std::string_view a, std::string_view b);

// What is compared when two hazard descriptions may say the same thing (排查精度: likely
// duplicates): letters and digits only (ASCII lower-cased), without spaces and punctuation of
// either width.
std::string descriptionKey(std::string_view description);

// Every occurrence of `from` in s replaced by `to` (left to right, not rescanned).
void replaceAll(std::string& s, std::string_view from, std::string_view to);

} // namespace hz::core
