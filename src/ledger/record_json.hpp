// JSON <-> ledger records, events, conflicts and the office header: one place that knows each
// field's JSON type as the registry gives it (strings, booleans, integers, numbers, uscc-or-null,
// a standard's clauses).
#pragma once
#include "ledger/ledger.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace hz::ledger {

using Json = nlohmann::json;

// A field of a record kind with its JSON type (the registry, core/record_kinds.hpp); nullptr when
// the kind has no such field.
const core::FieldSpec* fieldSpec(Kind kind, std::string_view name);

Json recordToJson(Kind kind, const Record& r);
Json eventToJson(const core::HistoryEvent& e); // every member (version 1, and the CLI's views)
Json conflictToJson(const Conflict& c);
Json officeToJson(const core::Office& o);

// The events of a file in the order written, as its version writes them: version 2 leaves out
// `hash` (readers recompute it) and `prev_hash` when it names the previous event of the same origin
// in the file ("" for the origin's first there), which is what EventLinks fills back in.
class EventWriter {
public:
  explicit EventWriter(int version) : m_version(version) {}
  Json toJson(const core::HistoryEvent& e);

private:
  int m_version;
  std::unordered_map<std::string, std::string> m_last; // origin -> hash of its last event written
};

// Reading version 2: completes an event read without `hash` or `prev_hash` (in file order).
class EventLinks {
public:
  void complete(core::HistoryEvent& e, bool hasPrevHash, bool hasHash);

private:
  std::unordered_map<std::string, std::string> m_last; // origin -> hash of its last event read
};
// Reading: false when the value cannot be used; every reason is appended to `problems`
// (record = the record's id when known, else `where`, e.g. "hazards[3]").
bool recordFromJson(Kind kind, const Json& j, const std::string& where, Record& out, std::vector<Problem>& problems);
// `hash` is required in version 1 only.
bool eventFromJson(const Json& j, const std::string& where, core::HistoryEvent& out, std::vector<Problem>& problems,
                   bool hashRequired = true);
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
