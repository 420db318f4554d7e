// Export pages: records of one kind in id order, a page at a time, for the streaming ledger
// exporter (src/ledger/export_stream.cpp); memory stays bounded by the page size.
#include "store/store_internal.hpp"

#include <string>
#include <string_view>

namespace hz::store {

namespace {

// "id > ?1 ... ORDER BY id LIMIT n": the primary key / unique index on id gives the order.
std::string pageOrder(int limit) { return "id LIMIT " + std::to_string(limit > 0 ? limit : 1); }

} // namespace

Result<std::vector<core::Enterprise>> Store::enterprisesAfter(const std::string& afterId, int limit) {
  return listRecords<core::Enterprise>("id > ?1", pageOrder(limit), afterId);
}

Result<std::vector<core::Inspection>> Store::inspectionsAfter(const std::string& afterId, int limit) {
  return listRecords<core::Inspection>("id > ?1", pageOrder(limit), afterId);
}

Result<std::vector<core::Hazard>> Store::hazardsAfter(const std::string& afterId, int limit) {
  return listRecords<core::Hazard>("id > ?1", pageOrder(limit), afterId);
}

Result<std::vector<core::WorkInjury>> Store::workInjuriesAfter(const std::string& afterId, int limit) {
  return listRecords<core::WorkInjury>("id > ?1", pageOrder(limit), afterId);
}

Result<std::vector<core::Standard>> Store::standardsAfter(const std::string& afterId, int limit) {
  return withClauses(listRecords<core::Standard>("id > ?1", pageOrder(limit), afterId));
}

Result<int64_t> Store::countRows(const char* table) {
  bool known = std::string_view(table) == "history";
  for (const auto& k : core::kRecordKindInfo) known = known || std::string_view(k.table) == table;
  if (!known) return Error::make(ErrorCode::Invalid, std::string("unknown table ") + table);
  auto st = m_db.prepare(std::string("SELECT count(*) FROM ") + table);
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  return st->getInt(0);
}

} // namespace hz::store
