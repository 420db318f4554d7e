// From a grid of cells to ledger fields: where the header row is (below title and note rows),
// which column holds which field (known names and their variants), and what the values people
// type mean (status words, levels, dates in five forms and Excel serials, 万元 amounts, 是/否).
// Pure functions: no database. sheet/import.hpp puts them to work against a store.
#pragma once
#include "core/model.hpp"
#include "sheet/reader.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hz::sheet {

// [SECTION] Target fields
// A target is a hazard field by its JSON name (core/record_fields), one of the enterprise fields
// below, or "standard" (判定依据: the standard's title, matched against the library).
inline constexpr const char* kEnterpriseName = "enterprise_name";
inline constexpr const char* kEnterpriseUscc = "uscc";
inline constexpr const char* kEnterpriseAddress = "address";
inline constexpr const char* kEnterprisePlaceType = "place_type";
inline constexpr const char* kEnterprisePrincipal = "principal";
inline constexpr const char* kEnterpriseContact = "contact";
inline constexpr const char* kStandardTitle = "standard";
inline constexpr const char* kTownship = "division_code"; // 上报单位: a township name or a division code

struct TargetField {
  const char* key;                     // see above
  const char* label;                   // Chinese, as the mapping screen shows it
  std::vector<std::string_view> names; // header texts that mean this field, most specific first
  bool required = false;               // a row without it is refused (unless a default applies)
};
const std::vector<TargetField>& targetFields();
const TargetField* targetField(std::string_view key);

// [SECTION] Layout
// Header text as compared: no spaces, line breaks, "*"/"※" required-marks or a trailing "(必填)",
// full-width brackets as half-width.
std::string normaliseHeader(std::string_view text);
// The field a header names ("" when none): exact names first, then names the header contains.
std::string matchHeader(std::string_view header);
// Only a field one of whose names is the header exactly ("" when none).
std::string exactHeader(std::string_view header);

struct Layout {
  size_t headerRow = 0;             // 0-based row of the (last) header row
  size_t firstDataRow = 1;          // 0-based
  std::vector<std::string> headers; // one per column (a two-row header joined as "上/下")
  std::vector<std::string> columns; // target key per column, "" = not imported (kept in 备注)
  std::string title;                // the title row above the header, if any
  std::string signature;            // identifies the layout: the normalised headers joined
};
// The header is the row among the first 30 that names the most known fields (at least two); a
// second header row under merged parent cells is joined in.
Layout detectLayout(const Sheet& sheet);
// How many columns of a layout name a known field: choosing among a workbook's sheets.
int knownColumns(const Layout& layout);

// A saved or supplied mapping: header text -> target key (overrides detection), and defaults for
// fields no column gives (e.g. source = 部门检查, level = 重大隐患, industry).
struct Mapping {
  std::map<std::string, std::string> columns; // normalised header -> key ("" = ignore)
  std::map<std::string, std::string> defaults;
};
void applyMapping(Layout& layout, const Mapping& mapping);
// What a column that is not imported goes to.
inline constexpr const char* kNotImportedLabel = "（不导入，记入备注）";
// A column as people see it: its header, or "第N列" when it has none.
std::string columnLabel(const Layout& layout, size_t column);
// JSON form (--mapping FILE, the settings): {"columns":{"举报问题描述":"description"},"defaults":{…}}
std::string mappingToJson(const Mapping& m);
Result<Mapping> mappingFromJson(std::string_view json);
// The mapping a layout stands for (what to remember for the next import of this layout).
Mapping mappingOf(const Layout& layout, const std::map<std::string, std::string>& defaults);

// [SECTION] Values
// A cell as text for messages and the preview.
std::string cellText(const Cell& c);
// Without leading and trailing spaces, tabs, line breaks, U+3000 and no-break spaces.
std::string trimText(std::string_view s);
// YYYY-MM-DD from a date cell, an Excel serial number (1900 system) or the forms people type:
// 2026-3-5, 2026/03/05, 2026.3.5, 2026年3月5日, 20260305 (a time after the date is ignored).
std::optional<std::string> parseDate(const Cell& c);
// 整改状态 from the words people write: 已整改/完成/是 -> 待验收, 未整改/否 -> 待整改,
// 整改中 -> 整改中, 已销号/已验收 -> 已销号, and the four status names themselves.
std::optional<core::HazardStatus> parseStatus(std::string_view text);
std::optional<core::HazardLevel> parseLevel(std::string_view text);
std::optional<core::ReviewState> parseReview(std::string_view text);
std::optional<core::SupervisionLevel> parseSupervision(std::string_view text);
std::optional<bool> parseYesNo(std::string_view text); // 是/否, 有/无, √/×, Y/N, 1/0
// An amount in 万元: "5万元", "5万", "5.5", "50000元", "￥3,000元".
std::optional<double> parseWan(const Cell& c);

} // namespace hz::sheet
