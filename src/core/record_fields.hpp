// Field-level view of records: every field as (JSON name, text value), in a fixed order.
// Used for history diffs (old -> new), the store's column mapping checks and ledger files.
#pragma once
#include "core/model.hpp"
#include "core/record_kinds.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hz::core {

using FieldList = std::vector<std::pair<std::string, std::string>>; // (json name, value as text)

// Every field except meta (id/origin/rev/createdAt/updatedAt). Enums as their Chinese names,
// bools as "true"/"false", numbers in shortest round-trip form, FiveImplementations as five
// fields five_target, five_organization, five_safety_measures, five_funds, five_time_limit.
FieldList toFields(const Enterprise& r);
FieldList toFields(const Inspection& r);
FieldList toFields(const Hazard& r);
FieldList toFields(const WorkInjury& r);
FieldList toFields(const Standard& r); // clauses as one field "clauses" with a compact text form
FieldList toFields(const Office& r);   // name, division_code, level, operators (joined by "、")

// The reverse: set the named fields of `out` from text (fields not in the list keep their value).
// Returns one Problem per unknown field name or value that is not allowed (empty = all applied).
// Empty text means the default for numbers (0) and bools (false); enums need one of their names.
// Clauses: one line per clause "id<TAB>article<TAB>summary" with \\, \t, \n escaped.
std::vector<Problem> fromFields(const FieldList& fields, Enterprise& out);
std::vector<Problem> fromFields(const FieldList& fields, Inspection& out);
std::vector<Problem> fromFields(const FieldList& fields, Hazard& out);
std::vector<Problem> fromFields(const FieldList& fields, WorkInjury& out);
std::vector<Problem> fromFields(const FieldList& fields, Standard& out);
std::vector<Problem> fromFields(const FieldList& fields, Office& out);

// Value of one field in a list ("" when absent).
std::string fieldValue(const FieldList& fields, std::string_view jsonName);

// Numbers as text: shortest form that reads back to the same double ("12.5", "0", "1e+20"),
// identical on every platform; parseNumber accepts what formatNumber writes (and plain decimals).
std::string formatNumber(double v);
bool parseNumber(std::string_view text, double& out);

// Changes from a to b (same kind), in field order; unchanged fields omitted.
std::vector<FieldChange> diffFields(const FieldList& a, const FieldList& b);

// The Chinese label of a JSON field name for messages and the history timeline
// (e.g. "responsible_person" -> "责任人"); the name itself when unknown.
const char* fieldLabel(std::string_view jsonName);
// Same, with the record kind (a kind name of core/record_kinds.hpp, or kKindOffice) for names
// whose label depends on it (e.g. "date" of an inspection is 检查时间).
const char* fieldLabel(std::string_view recordKind, std::string_view jsonName);

} // namespace hz::core
