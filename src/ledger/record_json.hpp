// JSON <-> ledger records, events, conflicts and the office header: one place that knows each
// field's JSON type as the registry gives it (strings, booleans, integers, numbers, uscc-or-null,
// a standard's clauses).
#pragma once
#include "ledger/ledger.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hz::ledger {

using Json = nlohmann::json;

// A field of a record kind with its JSON type (the registry, core/record_kinds.hpp); nullptr when
// the kind has no such field.
const core::FieldSpec* fieldSpec(Kind kind, std::string_view name);

Json recordToJson(Kind kind, const Record& r);
Json eventToJson(const core::HistoryEvent& e);
Json conflictToJson(const Conflict& c);
Json officeToJson(const core::Office& o);

// Reading: false when the value cannot be used; every reason is appended to `problems`
// (record = the record's id when known, else `where`, e.g. "hazards[3]").
bool recordFromJson(Kind kind, const Json& j, const std::string& where, Record& out, std::vector<Problem>& problems);
bool eventFromJson(const Json& j, const std::string& where, core::HistoryEvent& out, std::vector<Problem>& problems);
bool conflictFromJson(const Json& j, const std::string& where, Conflict& out, std::vector<Problem>& problems);
bool officeFromJson(const Json& j, core::Office& out, std::vector<Problem>& problems);
// The header's scope: {"type":"full"}, {"type":"since","since":DATE} or
// {"type":"changes","to":…,"number":N,"after":A} (to/number/after only when set).
Json scopeToJson(const std::string& scope, const std::string& since, const ChangeScope& changes);
bool scopeFromJson(const Json& j, Ledger& out, std::vector<Problem>& problems);

// Record ids, office ids and event ids: 1..100 characters of 0-9 A-Z a-z _ . : -
bool isValidId(std::string_view id);
// "字符串", "整数", … : the Chinese name of a JSON value's type, for messages.
const char* jsonTypeName(const Json& j);

} // namespace hz::ledger
