// Export of a database to a ledger (see exchange.hpp).
#include "core/date.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "store/import_apply.hpp"

#include <map>

namespace hz::ledger {

namespace {

template <typename T>
Status collect(Result<std::vector<T>> list, const std::string& since, std::vector<Record>& out) {
  if (!list) return list.error();
  for (const auto& r : *list) {
    if (!since.empty() && r.meta.updatedAt < since) continue;
    out.push_back(toRecord(r));
  }
  return ok();
}

} // namespace

Result<Ledger> exportLedger(store::Store& db, const ExportOptions& options) {
  Ledger l;
  l.exportedAt = options.exportedAt;
  l.office = db.office();
  std::string since; // UTC timestamp of 00:00 China time on the given date
  if (!options.since.empty()) {
    auto d = core::Date::parse(options.since);
    if (!d) return Error::invalid("起始日期无效，应为 YYYY-MM-DD");
    l.scope = "since";
    l.since = options.since;
    since = core::formatTimestamp(d->toDays() * 86400000LL - 8 * 3600000LL);
  }
  if (auto s = collect(db.listEnterprises(true), since, l.of(Kind::Enterprise)); !s) return s.error();
  if (auto s = collect(db.listInspections(), since, l.of(Kind::Inspection)); !s) return s.error();
  if (auto s = collect(db.listAllHazards(), since, l.of(Kind::Hazard)); !s) return s.error();
  if (auto s = collect(db.listWorkInjuries(), since, l.of(Kind::WorkInjury)); !s) return s.error();
  if (auto s = collect(db.listStandards(true), since, l.of(Kind::Standard)); !s) return s.error();
  auto events = db.allHistory();
  if (!events) return events.error();
  // Without an explicit time, exported_at is the time of the newest change in the database, so
  // that the same database always exports the same bytes.
  for (const auto& e : *events) {
    if (options.exportedAt.empty() && e.at > l.exportedAt) l.exportedAt = e.at;
  }
  if (l.exportedAt.empty()) l.exportedAt = core::formatTimestamp(0);
  for (auto& e : *events) {
    if (since.empty() || e.at >= since) l.events.push_back(std::move(e));
  }
  auto conflicts = store::listConflicts(db, false);
  if (!conflicts) return conflicts.error();
  std::map<std::pair<std::string, std::string>, std::string> exported; // (kind, id) -> current rev
  for (Kind k : kKinds) {
    for (const auto& r : l.of(k)) exported.emplace(std::make_pair(std::string(kindName(k)), r.meta.id), r.meta.rev);
  }
  for (const auto& sc : *conflicts) {
    auto current = exported.find({sc.recordKind, sc.recordId});
    if (current == exported.end()) continue;
    Conflict c;
    if (!kindFromName(sc.recordKind, c.kind)) continue;
    c.id = sc.id;
    c.recordId = sc.recordId;
    c.winnerRev = current->second; // local edits after the merge descend from the winner
    c.loserRev = sc.id.substr(sc.recordKind.size() + sc.recordId.size() + 2);
    c.resolvedAt = sc.resolvedAt;
    c.resolvedBy = sc.resolvedBy;
    c.resolution = sc.resolution;
    std::vector<Problem> ignored;
    const Json j = Json::parse(sc.loserJson, nullptr, false);
    if (j.is_discarded() || !recordFromJson(c.kind, j, sc.id, c.loser, ignored)) {
      return Error::make(ErrorCode::Format, "数据库中的冲突记录 " + sc.id + " 已损坏");
    }
    l.conflicts.push_back(std::move(c));
  }
  return l;
}

} // namespace hz::ledger
