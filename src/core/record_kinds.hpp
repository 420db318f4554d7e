// The registry of record kinds exchanged in ledger files: per kind its history name, SQL table, ledger
// array, Chinese labels, typed fields (record_fields.cpp) and required fields. Every layer that needs
// a list of kinds or a kind -> name/table/array/label mapping reads it here, nowhere else.
#pragma once
#include "core/model.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace hz::core {

// Record kinds, in the order of ledger files (docs/ledger-format.md: canonical files).
enum class RecordKind { Enterprise, Inspection, Hazard, WorkInjury, Standard };
inline constexpr size_t kRecordKindCount = 5;
inline constexpr RecordKind kRecordKinds[kRecordKindCount] = {
    RecordKind::Enterprise, RecordKind::Inspection, RecordKind::Hazard, RecordKind::WorkInjury, RecordKind::Standard};

// The JSON type of a field in ledger files.
enum class JsonType {
  String,       // text, dates, enums (their Chinese names)
  StringOrNull, // a string, or null for "not set" (uscc)
  Boolean,
  Integer,
  Number,
  ClauseArray // a standard's clauses: [{"id","article","summary"}, ...]
};

// One field of a record kind: its JSON name (also the store's column name) and JSON type.
struct FieldSpec {
  const char* name;
  JsonType type;
};

struct RecordKindInfo {
  RecordKind kind;
  const char* name;       // in history events, conflicts and field labels: "work_injury"
  const char* table;      // the store's SQL table
  const char* array;      // the member of ledger files: "work_injuries"
  const char* label;      // for people: 工伤事件
  const char* shortLabel; // for narrow columns: 工伤
  // Fields a ledger file must have, beyond the meta fields id / origin / rev (CONTRACTS.md).
  std::span<const char* const> required;
  // Fields kept outside `table` (a standard's clauses live in table clause).
  std::span<const char* const> storedApart;

  // Every field except meta (id/origin/rev/created_at/updated_at), in toFields() order, typed.
  std::span<const FieldSpec> fields() const;
};

// clang-format off
namespace kinds_detail {
inline constexpr const char* kEnterpriseRequired[] = {"name", "division_code", "industry"};
inline constexpr const char* kInspectionRequired[] = {"date", "enterprise_id"};
inline constexpr const char* kHazardRequired[] = {"enterprise_id", "division_code", "industry", "level", "status",
                                                  "source", "found_date", "deadline", "description"};
inline constexpr const char* kWorkInjuryRequired[] = {"date"};
inline constexpr const char* kStandardRequired[] = {"title"};
inline constexpr const char* kStandardApart[] = {"clauses"};
} // namespace kinds_detail

// [SECTION] The registry (indexed by RecordKind) --------------------------------------------------
inline constexpr RecordKindInfo kRecordKindInfo[kRecordKindCount] = {
//   kind                    name           table          array            label       short   required / stored apart
    {RecordKind::Enterprise, "enterprise",  "enterprise",  "enterprises",   "企业",     "企业", kinds_detail::kEnterpriseRequired, {}},
    {RecordKind::Inspection, "inspection",  "inspection",  "inspections",   "检查记录", "检查", kinds_detail::kInspectionRequired, {}},
    {RecordKind::Hazard,     "hazard",      "hazard",      "hazards",       "隐患",     "隐患", kinds_detail::kHazardRequired, {}},
    {RecordKind::WorkInjury, "work_injury", "work_injury", "work_injuries", "工伤事件", "工伤", kinds_detail::kWorkInjuryRequired, {}},
    {RecordKind::Standard,   "standard",    "standard",    "standards",     "判定标准", "标准", kinds_detail::kStandardRequired,
                                                                                                kinds_detail::kStandardApart},
};
// clang-format on

constexpr const RecordKindInfo& kindInfo(RecordKind k) { return kRecordKindInfo[static_cast<size_t>(k)]; }

// Kind names for code that writes history events of one kind (e.g. e.recordKind = kKindHazard).
inline constexpr const char* kKindEnterprise = kindInfo(RecordKind::Enterprise).name;
inline constexpr const char* kKindInspection = kindInfo(RecordKind::Inspection).name;
inline constexpr const char* kKindHazard = kindInfo(RecordKind::Hazard).name;
inline constexpr const char* kKindWorkInjury = kindInfo(RecordKind::WorkInjury).name;
inline constexpr const char* kKindStandard = kindInfo(RecordKind::Standard).name;
// History events also record changes of things that are not exchanged as records.
inline constexpr const char* kKindOffice = "office";         // the office identity
inline constexpr const char* kKindDictionary = "dictionary"; // dictionary entries

// Lookups by name; nullptr when unknown.
const RecordKindInfo* kindByName(std::string_view name);   // "hazard"
const RecordKindInfo* kindByArray(std::string_view array); // "hazards"
// A record_kind a history event may have: a record kind, office or dictionary.
bool isHistoryKind(std::string_view name);

// The C++ type of each kind, both ways: RecordType<RecordKind::Hazard> is Hazard, and
// kindOf<Hazard>() is RecordKind::Hazard.
template <RecordKind K> struct RecordTypeOf;
template <> struct RecordTypeOf<RecordKind::Enterprise> { using type = Enterprise; };
template <> struct RecordTypeOf<RecordKind::Inspection> { using type = Inspection; };
template <> struct RecordTypeOf<RecordKind::Hazard> { using type = Hazard; };
template <> struct RecordTypeOf<RecordKind::WorkInjury> { using type = WorkInjury; };
template <> struct RecordTypeOf<RecordKind::Standard> { using type = Standard; };
template <RecordKind K> using RecordType = typename RecordTypeOf<K>::type;

template <typename T> constexpr RecordKind kindOf();
template <> constexpr RecordKind kindOf<Enterprise>() { return RecordKind::Enterprise; }
template <> constexpr RecordKind kindOf<Inspection>() { return RecordKind::Inspection; }
template <> constexpr RecordKind kindOf<Hazard>() { return RecordKind::Hazard; }
template <> constexpr RecordKind kindOf<WorkInjury>() { return RecordKind::WorkInjury; }
template <> constexpr RecordKind kindOf<Standard>() { return RecordKind::Standard; }

// Calls f with a default-constructed record of kind k's type (e.g. f(Hazard{})) and returns its
// result: the one switch over kinds for code that needs the typed record.
template <typename F> decltype(auto) withRecordType(RecordKind k, F&& f) {
  switch (k) {
  case RecordKind::Enterprise:
    return f(RecordType<RecordKind::Enterprise>{});
  case RecordKind::Inspection:
    return f(RecordType<RecordKind::Inspection>{});
  case RecordKind::Hazard:
    return f(RecordType<RecordKind::Hazard>{});
  case RecordKind::WorkInjury:
    return f(RecordType<RecordKind::WorkInjury>{});
  case RecordKind::Standard:
    break;
  }
  return f(RecordType<RecordKind::Standard>{});
}

} // namespace hz::core
