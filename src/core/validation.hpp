// Validators for identifiers and records. Every problem names the field (JSON name) and says in
// Chinese what is wrong and what is expected.
#pragma once
#include "core/model.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hz::core {

// 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 A-H J-N P-R T U W-Y, check char 18.
struct UsccCheck {
  bool valid = false;         // structure and check character are right
  std::string error;          // Chinese, when !valid
  std::string orgCodeWarning; // Chinese, when pos 9-17 fails the GB 11714 check (warn only)
};
UsccCheck checkUscc(std::string_view code);
char usccCheckChar(std::string_view first17); // '\0' when first17 has a bad character
// What users paste: trims and removes spaces (also full-width U+3000), turns full-width letters and
// digits into ASCII and lowercase into uppercase. checkUscc() itself does not normalise.
std::string normalizeUscc(std::string_view text);
// The GB 11714 check character of an organisation code body (8 chars); '\0' for a bad character.
char orgCodeCheckChar(std::string_view first8);

// Administrative division codes: 6 (county), 9 (township), 12 (village) digits.
enum class DivisionLevel { Invalid, County, Township, Village };
struct DivisionCheck {
  DivisionLevel level = DivisionLevel::Invalid;
  std::string error; // Chinese, when Invalid
};
DivisionCheck checkDivisionCode(std::string_view code);

// Record validation: all problems at once (empty = valid). Warnings are separate.
std::vector<Problem> validate(const Office& r);
std::vector<Problem> validate(const Enterprise& r);
std::vector<Problem> validate(const Inspection& r);
std::vector<Problem> validate(const Hazard& r);
std::vector<Problem> validate(const Standard& r);
std::vector<Problem> validate(const WorkInjury& r);
std::vector<Problem> warnings(const Enterprise& r); // e.g. organisation-code check failed

// Rules for what this office records itself, on top of validate() (which is also what any ledger
// file must pass, so it cannot grow without breaking older files):
// - its own identity (first-run wizard and 设置): at least one operator (history names who did
//   what), and a township office gives a township code (9 or 12 digits), not a county's;
// - an inspection it records: 检查方式 is chosen.
std::vector<Problem> validateOwnOffice(const Office& r);
std::vector<Problem> validateEntry(const Inspection& r);

// Dictionary entries (设置 → 字典维护 and 乡镇街道): an entry's own name — the part after "上级/" —
// is not blank and has no "/" (it separates parent and child); a township's code is a valid
// township code (9 digits). "" when fine, else the problem in Chinese.
std::string checkDictionaryName(std::string_view ownName);
std::string checkTownshipCode(std::string_view code);
// Missing things that do not make the record unreadable: a major hazard past 待整改 without its
// plan or 五落实, a 待验收/已销号 hazard without the rectification/verification evidence, …
std::vector<Problem> warnings(const Hazard& r);

} // namespace hz::core
