// Merge of record versions and whole ledgers (see merge.hpp).
#include "ledger/merge.hpp"

#include "core/ids.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace hz::ledger {

bool revLess(const std::string& a, const std::string& b) {
  auto ra = core::Revision::parse(a), rb = core::Revision::parse(b);
  if (ra && rb) {
    if (*ra < *rb) return true;
    if (*rb < *ra) return false;
    return a < b;
  }
  if (ra.has_value() != rb.has_value()) return !ra.has_value();
  return a < b;
}

Resolution resolveVersions(std::vector<std::string> revs, const std::vector<RevEdge>& edges) {
  std::sort(revs.begin(), revs.end());
  revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
  Resolution out;
  if (revs.empty()) return out;
  if (revs.size() == 1) {
    out.winner = revs[0];
    return out;
  }
  std::unordered_map<std::string, std::vector<std::string>> parents; // newRev -> prevRevs
  for (const auto& e : edges) {
    if (!e.prevRev.empty() && e.prevRev != e.newRev) parents[e.newRev].push_back(e.prevRev);
  }
  // Every strict ancestor of any candidate.
  std::set<std::string> ancestors;
  for (const auto& r : revs) {
    std::vector<std::string> stack{r};
    std::set<std::string> seen{r};
    while (!stack.empty()) {
      const std::string cur = std::move(stack.back());
      stack.pop_back();
      auto it = parents.find(cur);
      if (it == parents.end()) continue;
      for (const auto& p : it->second) {
        if (seen.insert(p).second) {
          ancestors.insert(p);
          stack.push_back(p);
        }
      }
    }
  }
  std::vector<std::string> maximal;
  for (const auto& r : revs) {
    if (!ancestors.count(r)) maximal.push_back(r);
  }
  if (maximal.empty()) maximal = revs; // a cycle: cannot come from real stamps; stay deterministic
  out.winner = *std::max_element(maximal.begin(), maximal.end(), revLess);
  for (const auto& r : maximal) {
    if (r != out.winner) out.losers.push_back(r);
  }
  return out;
}

namespace {

int levelRank(core::OfficeLevel l) { return l == core::OfficeLevel::City ? 2 : l == core::OfficeLevel::County ? 1 : 0; }

// Office order for the merged header: higher level first, then smaller id, then the rest.
bool officeBefore(const core::Office& a, const core::Office& b) {
  if (levelRank(a.level) != levelRank(b.level)) return levelRank(a.level) > levelRank(b.level);
  return std::tie(a.id, a.name, a.divisionCode) < std::tie(b.id, b.name, b.divisionCode);
}

// Resolution state of a conflict: a resolved one beats an open one; later resolution wins.
bool resolutionLess(const Conflict& a, const Conflict& b) {
  return std::tie(a.resolvedAt, a.resolvedBy, a.resolution) < std::tie(b.resolvedAt, b.resolvedBy, b.resolution);
}

} // namespace

MergeResult mergeLedgers(const std::vector<const Ledger*>& inputs) {
  MergeResult out;
  Ledger& m = out.ledger;
  if (inputs.empty()) return out;
  // Header.
  m.office = inputs[0]->office;
  m.exportedAt = inputs[0]->exportedAt;
  // Scope: full if any input is; else "since" the earliest date if every input is a since file;
  // else an unnumbered change file (the union of partial files of several senders).
  bool full = false, changes = false;
  std::string since;
  for (const Ledger* l : inputs) {
    if (officeBefore(l->office, m.office)) m.office = l->office;
    m.exportedAt = std::max(m.exportedAt, l->exportedAt);
    if (l->scope == "full")
      full = true;
    else if (l->scope == "changes")
      changes = true;
    else if (since.empty() || l->since < since)
      since = l->since;
  }
  m.scope = full ? "full" : changes ? "changes" : "since";
  m.since = m.scope == "since" ? since : std::string();

  // Events: union by id (the same id with different content keeps the smaller hash, reported).
  std::map<std::string, core::HistoryEvent> events;
  for (const Ledger* l : inputs) {
    for (const auto& e : l->events) {
      auto it = events.find(e.id);
      if (it == events.end()) {
        events.emplace(e.id, e);
      } else if (it->second.hash != e.hash) {
        out.problems.push_back({e.id, "hash", "同一历史记录ID在不同文件中内容不同（校验值不一致）"});
        if (e.hash < it->second.hash) it->second = e;
      }
    }
  }
  // Revision edges per (kind, record id).
  std::map<std::pair<std::string, std::string>, std::vector<RevEdge>> edges;
  for (const auto& entry : events) {
    const auto& e = entry.second;
    if (!e.prevRev.empty()) edges[{e.recordKind, e.recordId}].push_back({e.prevRev, e.newRev});
  }
  for (auto& entry : events) m.events.push_back(std::move(entry.second));

  // Previous conflict states by id (for their resolution fields).
  std::map<std::string, Conflict> previous;
  for (const Ledger* l : inputs) {
    for (const auto& c : l->conflicts) {
      auto it = previous.find(c.id);
      if (it == previous.end())
        previous.emplace(c.id, c);
      else if (resolutionLess(it->second, c))
        it->second = c;
    }
  }

  for (Kind k : kKinds) {
    // id -> rev -> version (records and the losers of earlier conflicts alike)
    std::map<std::string, std::map<std::string, const Record*>> versions;
    for (const Ledger* l : inputs) {
      for (const auto& r : l->of(k)) versions[r.meta.id].emplace(r.meta.rev, &r);
      for (const auto& c : l->conflicts) {
        if (c.kind == k) versions[c.recordId].emplace(c.loserRev, &c.loser);
      }
    }
    for (const auto& entry : versions) {
      std::vector<std::string> revs;
      for (const auto& v : entry.second) revs.push_back(v.first);
      static const std::vector<RevEdge> kNone;
      auto e = edges.find({kindName(k), entry.first});
      const Resolution res = resolveVersions(revs, e == edges.end() ? kNone : e->second);
      m.of(k).push_back(*entry.second.at(res.winner));
      for (const auto& loser : res.losers) {
        Conflict c;
        c.id = conflictId(k, entry.first, loser);
        c.kind = k;
        c.recordId = entry.first;
        c.winnerRev = res.winner;
        c.loserRev = loser;
        c.loser = *entry.second.at(loser);
        if (auto p = previous.find(c.id); p != previous.end()) {
          c.resolvedAt = p->second.resolvedAt;
          c.resolvedBy = p->second.resolvedBy;
          c.resolution = p->second.resolution;
        }
        if (c.resolvedAt.empty()) ++out.conflicts;
        m.conflicts.push_back(std::move(c));
      }
    }
  }
  return out;
}

} // namespace hz::ledger
