// The all-or-nothing import (see exchange.hpp): validate every input first (read-only), then one
// transaction: records by the merge model, history events as a union, conflicts recorded.
#include "ledger/change_files.hpp"
#include "ledger/exchange.hpp"
#include "ledger/merge.hpp"
#include "ledger/record_json.hpp"
#include "store/import_apply.hpp"

#include <map>
#include <set>

namespace hz::ledger {

Result<Record> storedRecord(store::Store& db, Kind kind, const std::string& id) {
  auto wrap = [](auto r) -> Result<Record> {
    if (!r) return r.error();
    return toRecord(r.value());
  };
  switch (kind) {
  case Kind::Enterprise:
    return wrap(db.getEnterprise(id));
  case Kind::Inspection:
    return wrap(db.getInspection(id));
  case Kind::Hazard:
    return wrap(db.getHazard(id));
  case Kind::WorkInjury:
    return wrap(db.getWorkInjury(id));
  case Kind::Standard:
    return wrap(db.getStandard(id));
  }
  return Error::make(ErrorCode::Internal, "未知的记录类型");
}

Lookup storeLookup(store::Store& db) {
  auto apply = std::make_shared<store::ImportApply>();
  if (auto a = store::ImportApply::open(db)) *apply = std::move(a.value());
  Lookup l;
  l.exists = [apply](Kind k, const std::string& id) {
    auto r = apply->exists(kindName(k), id);
    return r && r.value();
  };
  l.eventHash = [apply](const std::string& id) {
    auto r = apply->eventHash(id);
    return r ? r.value() : std::string();
  };
  return l;
}

std::string ImportReport::describe() const {
  std::string s;
  for (Kind k : kKinds) {
    const KindCounts& c = kinds[static_cast<size_t>(k)];
    s += std::string(kindLabel(k)) + "：新增 " + std::to_string(c.added) + "，更新 " + std::to_string(c.updated) +
         "，未变 " + std::to_string(c.unchanged) + "，冲突 " + std::to_string(c.conflicts) + "\n";
  }
  s += "历史记录：新增 " + std::to_string(eventsAdded) + "，已有 " + std::to_string(eventsUnchanged) + "\n";
  for (const auto& g : gaps) s += "注意：" + g + "\n";
  return s;
}

namespace {

Result<std::optional<Record>> localRecord(store::Store& db, Kind k, const std::string& id) {
  auto r = storedRecord(db, k, id);
  if (r) return std::optional<Record>(std::move(r.value()));
  if (r.error().code == ErrorCode::NotFound) return std::optional<Record>();
  return r.error();
}

// Applies one ledger inside the open transaction.
Status applyOne(store::Store& db, store::ImportApply& apply, const Ledger& l, const std::string& fileName,
                ImportReport& report) {
  // Events first: their revision edges decide the merge of the records.
  std::set<std::string> origins;
  std::map<std::pair<std::string, std::string>, std::vector<RevEdge>> fileEdges;
  for (const auto& e : l.events) {
    if (!e.prevRev.empty()) fileEdges[{e.recordKind, e.recordId}].push_back({e.prevRev, e.newRev});
    auto h = apply.eventHash(e.id);
    if (!h) return h.error();
    if (!h->empty()) {
      ++report.eventsUnchanged;
      continue;
    }
    if (auto s = apply.insertEvent(e); !s) return s;
    origins.insert(e.origin);
    ++report.eventsAdded;
  }
  for (const auto& o : origins) {
    if (auto s = apply.refreshHead(o); !s) return s;
  }
  std::map<std::pair<Kind, std::string>, std::vector<const Conflict*>> fileConflicts;
  for (const auto& c : l.conflicts) fileConflicts[{c.kind, c.recordId}].push_back(&c);
  const std::string now = db.nowTimestamp();
  if (auto s = apply.noteOffice(l.office, fileName, now); !s) return s;
  // Enterprises before hazards: the search index copies the enterprise name on insert.
  for (Kind k : {Kind::Enterprise, Kind::Standard, Kind::Inspection, Kind::Hazard, Kind::WorkInjury}) {
    KindCounts& counts = report.kinds[static_cast<size_t>(k)];
    const std::string kind = kindName(k);
    for (const Record& in : l.of(k)) {
      db.observeRevision(in.meta.rev);
      auto local = localRecord(db, k, in.meta.id);
      if (!local) return local.error();
      auto fc = fileConflicts.find({k, in.meta.id});
      if (!local->has_value() && fc == fileConflicts.end()) {
        if (auto s = apply.putRecord(kind, in.meta, in.fields, false); !s) return s;
        ++counts.added;
        continue;
      }
      if (local->has_value() && (*local)->meta.rev == in.meta.rev && fc == fileConflicts.end()) {
        ++counts.unchanged;
        continue;
      }
      // General case: every known version, the union of revision edges.
      std::map<std::string, Record> versions;
      versions.emplace(in.meta.rev, in);
      if (local->has_value()) versions.emplace((*local)->meta.rev, **local);
      auto stored = apply.conflictsOf(kind, in.meta.id);
      if (!stored) return stored.error();
      std::vector<std::pair<std::string, std::string>> storedLosers; // (conflict id, losing rev)
      for (const auto& sc : *stored) {
        if (auto loser = conflictLoser(sc)) {
          storedLosers.emplace_back(sc.id, loser->meta.rev);
          versions.emplace(loser->meta.rev, std::move(loser.value()));
        }
      }
      if (fc != fileConflicts.end()) {
        for (const Conflict* c : fc->second) versions.emplace(c->loserRev, c->loser);
      }
      auto edges = apply.revisionEdges(kind, in.meta.id);
      if (!edges) return edges.error();
      std::vector<RevEdge> all;
      for (const auto& e : *edges) all.push_back({e.first, e.second});
      if (auto f = fileEdges.find({kind, in.meta.id}); f != fileEdges.end()) {
        all.insert(all.end(), f->second.begin(), f->second.end());
      }
      std::vector<std::string> revs;
      for (const auto& v : versions) revs.push_back(v.first);
      const Resolution res = resolveVersions(revs, all);
      const Record& winner = versions.at(res.winner);
      const bool changed = !local->has_value() || (*local)->meta.rev != res.winner;
      if (changed) {
        if (auto s = apply.putRecord(kind, winner.meta, winner.fields, local->has_value()); !s) return s;
      }
      int64_t fresh = 0;
      for (const auto& loserRev : res.losers) {
        store::StoredConflict sc;
        sc.id = conflictId(k, in.meta.id, loserRev);
        sc.recordKind = kind;
        sc.recordId = in.meta.id;
        sc.localRev = local->has_value() ? (*local)->meta.rev : std::string();
        sc.incomingRev = in.meta.rev;
        sc.winnerRev = res.winner;
        sc.loserJson = recordToJson(k, versions.at(loserRev)).dump();
        sc.source = l.office.id;
        sc.sourceFile = fileName;
        sc.createdAt = now;
        if (fc != fileConflicts.end()) {
          for (const Conflict* c : fc->second) {
            if (c->id == sc.id) {
              sc.resolvedAt = c->resolvedAt;
              sc.resolvedBy = c->resolvedBy;
              sc.resolution = c->resolution;
            }
          }
        }
        auto inserted = apply.putConflict(sc);
        if (!inserted) return inserted.error();
        if (inserted.value()) {
          ++fresh;
          report.newConflicts.push_back(sc.id);
        }
      }
      // A stored conflict whose losing version is now known to precede the winner (a file that
      // came out of order brought the missing link) was never one.
      const std::set<std::string> losers(res.losers.begin(), res.losers.end());
      for (const auto& [conflict, loserRev] : storedLosers) {
        if (!losers.count(loserRev)) {
          if (auto s = apply.dropOpenConflict(conflict); !s) return s;
        }
      }
      if (fresh > 0)
        ++counts.conflicts;
      else if (changed && !local->has_value())
        ++counts.added;
      else if (changed)
        ++counts.updated;
      else
        ++counts.unchanged;
    }
  }
  return ok();
}

} // namespace

Result<ImportReport> importLedgers(store::Store& db, std::vector<LedgerInput>& inputs) {
  const Lookup lookup = storeLookup(db);
  bool anyProblem = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::vector<const Ledger*> others;
    for (size_t j = 0; j < inputs.size(); ++j) {
      if (j != i && !inputs[j].read.fatal) others.push_back(&inputs[j].read.ledger);
    }
    validateLedger(inputs[i].read, lookup, others);
    anyProblem = anyProblem || inputs[i].read.fatal || !inputs[i].read.problems.empty();
  }
  if (anyProblem) return Error::invalid("台账文件有错误，未导入任何内容");
  auto apply = store::ImportApply::open(db);
  if (!apply) return apply.error();
  ImportReport report;
  auto gaps = historyGaps(db, inputs); // against the database before this import
  if (!gaps) return gaps.error();
  report.gaps = std::move(gaps.value());
  auto tx = store::Transaction::begin(db.db());
  if (!tx) return tx.error();
  for (auto& in : inputs) {
    if (auto s = applyOne(db, *apply, in.read.ledger, in.name, report); !s) {
      Error e = s.error();
      e.message = in.name + "：导入失败，数据库未作任何修改：" + e.message;
      return e;
    }
  }
  if (auto s = recordReceived(db, inputs); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  // Statistics are an optimisation: a failure here leaves the imported data valid.
  (void)db.refreshPlannerStats();
  return report;
}

} // namespace hz::ledger
