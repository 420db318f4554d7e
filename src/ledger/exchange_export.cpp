// Export of a database to a ledger (see exchange.hpp).
#include "core/date.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "store/import_apply.hpp"

#include <algorithm>
#include <map>

namespace hz::ledger {

namespace {

template <typename T> Status collect(Result<std::vector<T>> list, const std::string& since, std::vector<Record>& out) {
  if (!list) return list.error();
  for (const auto& r : *list) {
    if (!since.empty() && r.meta.updatedAt < since) continue;
    out.push_back(toRecord(r));
  }
  return ok();
}

} // namespace

Result<Record> conflictLoser(const store::StoredConflict& sc) {
  Record loser;
  Kind kind;
  std::vector<Problem> problems;
  const Json j = Json::parse(sc.loserJson, nullptr, false);
  if (!kindFromName(sc.recordKind, kind) || j.is_discarded() || !recordFromJson(kind, j, sc.id, loser, problems)) {
    return Error{ErrorCode::Format, "数据库中的冲突记录 " + sc.id + " 已损坏", std::move(problems)};
  }
  return loser;
}

Result<Conflict> fileConflict(const store::StoredConflict& sc, const std::string& currentRev) {
  Conflict c;
  if (!kindFromName(sc.recordKind, c.kind))
    return Error::make(ErrorCode::Format, "冲突的记录类型无效：" + sc.recordKind);
  auto loser = conflictLoser(sc);
  if (!loser) return loser.error();
  c.id = sc.id;
  c.recordId = sc.recordId;
  c.winnerRev = currentRev;
  c.loserRev = sc.id.substr(std::min(sc.id.size(), sc.recordKind.size() + sc.recordId.size() + 2));
  c.loser = std::move(loser.value());
  c.resolvedAt = sc.resolvedAt;
  c.resolvedBy = sc.resolvedBy;
  c.resolution = sc.resolution;
  return c;
}

Result<Ledger> exportLedger(store::Store& db, const ExportOptions& options) {
  if (options.changeFile) return Error::invalid("变更文件只能以流式导出（LedgerExportStream）写出");
  Ledger l;
  l.version = options.formatVersion;
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
    auto c = fileConflict(sc, current->second);
    if (!c) return c.error();
    l.conflicts.push_back(std::move(c.value()));
  }
  return l;
}

} // namespace hz::ledger
