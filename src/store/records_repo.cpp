// Repositories of the simple record kinds: enterprises, inspections, work injuries.
// Each change writes the row and its history event in one transaction (store_internal.hpp).
#include "store/store_internal.hpp"

namespace hz::store {

// [SECTION] Enterprises --------------------------------------------------------------------------

Result<core::Enterprise> Store::createEnterprise(core::Enterprise e, const std::string& actor,
                                                 const std::string& note) {
  return createRecord(std::move(e), actor, note);
}

Result<core::Enterprise> Store::updateEnterprise(core::Enterprise e, const std::string& actor,
                                                 const std::string& note) {
  return updateRecord(std::move(e), actor, note);
}

Result<core::Enterprise> Store::getEnterprise(const std::string& id) { return getRecord<core::Enterprise>(id); }

Result<std::vector<core::Enterprise>> Store::listEnterprises(bool includeRetired) {
  return listRecords<core::Enterprise>(includeRetired ? "" : "retired = 0", "name, id", {});
}

Result<std::vector<core::Enterprise>> Store::findEnterprisesByUscc(const std::string& uscc) {
  // Deduplication is by USCC, never by name (DOMAIN.md).
  return listRecords<core::Enterprise>("uscc = ?1 AND uscc <> ''", "id", uscc);
}

// [SECTION] Inspections --------------------------------------------------------------------------

// What this office records itself also passes the entry rules (检查方式 chosen); received
// inspections are applied by the importer, which only asks what every ledger file must pass.
Result<core::Inspection> Store::createInspection(core::Inspection r, const std::string& actor,
                                                 const std::string& note) {
  if (auto problems = core::validateEntry(r); !problems.empty()) return invalidRecord(std::move(problems));
  return createRecord(std::move(r), actor, note);
}

Result<core::Inspection> Store::updateInspection(core::Inspection r, const std::string& actor,
                                                 const std::string& note) {
  if (auto problems = core::validateEntry(r); !problems.empty()) return invalidRecord(std::move(problems));
  return updateRecord(std::move(r), actor, note);
}

Result<core::Inspection> Store::getInspection(const std::string& id) { return getRecord<core::Inspection>(id); }

Result<std::vector<core::Inspection>> Store::listInspections(const std::string& enterpriseId) {
  if (enterpriseId.empty()) return listRecords<core::Inspection>("", "date DESC, id", {});
  return listRecords<core::Inspection>("enterprise_id = ?1", "date DESC, id", enterpriseId);
}

// [SECTION] Work injuries ------------------------------------------------------------------------

Result<core::WorkInjury> Store::createWorkInjury(core::WorkInjury r, const std::string& actor,
                                                 const std::string& note) {
  return createRecord(std::move(r), actor, note);
}

Result<core::WorkInjury> Store::updateWorkInjury(core::WorkInjury r, const std::string& actor,
                                                 const std::string& note) {
  return updateRecord(std::move(r), actor, note);
}

Result<core::WorkInjury> Store::getWorkInjury(const std::string& id) { return getRecord<core::WorkInjury>(id); }

Result<std::vector<core::WorkInjury>> Store::listWorkInjuries() {
  return listRecords<core::WorkInjury>("", "date DESC, id", {});
}

} // namespace hz::store
