// Field-level view of records: every field as (JSON name, text value), in a fixed order.
// Used for history diffs (old -> new), the store's column mapping checks and ledger files.
#pragma once
#include "core/model.hpp"

#include <string>
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

// Changes from a to b (same kind), in field order; unchanged fields omitted.
std::vector<FieldChange> diffFields(const FieldList& a, const FieldList& b);

// The Chinese label of a JSON field name for messages and the history timeline
// (e.g. "responsible_person" -> "责任人"); the name itself when unknown.
const char* fieldLabel(std::string_view jsonName);

} // namespace hz::core
