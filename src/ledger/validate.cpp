// Cross-record validation of ledgers (see validate.hpp).
#include "ledger/validate.hpp"

#include "core/validation.hpp"
#include "ledger/checksum.hpp"
#include "store/store.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hz::ledger {

namespace {

template <typename T> void validateTyped(const T& typed, std::vector<Problem>& out) {
  for (auto& p : core::validate(typed)) out.push_back(std::move(p));
}

class Ids {
public:
  Ids(const Ledger& l, const std::vector<const Ledger*>& others, const Lookup& lookup) : m_lookup(lookup) {
    for (Kind k : kKinds) {
      auto& set = m_ids[static_cast<size_t>(k)];
      for (const auto& r : l.of(k)) set.insert(r.meta.id);
      for (const Ledger* o : others) {
        for (const auto& r : o->of(k)) set.insert(r.meta.id);
      }
    }
  }
  bool has(Kind k, const std::string& id) const {
    if (m_ids[static_cast<size_t>(k)].count(id)) return true;
    return m_lookup.exists && m_lookup.exists(k, id);
  }

private:
  std::unordered_set<std::string> m_ids[kKindCount];
  const Lookup& m_lookup;
};

void checkReference(const Ids& ids, Kind target, const Record& r, Kind from, const char* field, bool optional,
                    std::vector<Problem>& out) {
  const std::string value = core::fieldValue(r.fields, field);
  if (value.empty()) return; // required fields are reported by the record rules
  (void)optional;
  if (!ids.has(target, value)) {
    out.push_back({r.meta.id, field,
                   std::string("引用的") + kindLabel(target) + "“" + value + "”在文件和数据库中都不存在（" +
                       kindLabel(from) + "记录引用了不存在的" + kindLabel(target) + "）"});
  }
}

} // namespace

void validateLedger(ReadResult& r, const Lookup& lookup, const std::vector<const Ledger*>& others) {
  if (r.fatal) return;
  std::vector<Problem>& P = r.problems;
  const Ledger& l = r.ledger;
  // Checksum.
  if (!l.checksum.empty() && l.checksum != r.computedChecksum) {
    P.push_back({"", "checksum",
                 "校验值不符：文件内容在导出后被修改或已损坏（文件中为 " + l.checksum.substr(0, 12) +
                     "…，按内容计算为 " + r.computedChecksum.substr(0, 12) + "…）"});
  }
  // Duplicate ids per kind, and record rules.
  for (Kind k : kKinds) {
    std::unordered_map<std::string, int> seen;
    for (const auto& rec : l.of(k)) {
      if (++seen[rec.meta.id] == 2) {
        P.push_back({rec.meta.id, "id", std::string("记录ID重复：同一文件中有多条") + kindLabel(k) + "使用这个ID"});
      }
      core::withRecordType(k, [&](auto typed) {
        typed.meta = rec.meta;
        (void)core::fromFields(rec.fields, typed); // fields were checked when the record was read
        validateTyped(typed, P);
      });
      if (P.size() > kMaxProblems) return;
    }
  }
  // References (a "since" file checked without a database may point to records it omits).
  if (l.scope == "full" || lookup.exists) {
    const Ids ids(l, others, lookup);
    for (const auto& h : l.of(Kind::Hazard)) {
      checkReference(ids, Kind::Enterprise, h, Kind::Hazard, "enterprise_id", false, P);
      checkReference(ids, Kind::Inspection, h, Kind::Hazard, "inspection_id", true, P);
      checkReference(ids, Kind::Standard, h, Kind::Hazard, "standard_id", true, P);
    }
    for (const auto& i : l.of(Kind::Inspection))
      checkReference(ids, Kind::Enterprise, i, Kind::Inspection, "enterprise_id", false, P);
    for (const auto& w : l.of(Kind::WorkInjury))
      checkReference(ids, Kind::Enterprise, w, Kind::WorkInjury, "enterprise_id", true, P);
  }
  // Conflicts: unique, and about a record of the file whose current version is the winner.
  {
    std::set<std::string> seen;
    std::map<std::pair<Kind, std::string>, std::string> revOf;
    for (Kind k : kKinds) {
      for (const auto& rec : l.of(k)) revOf[{k, rec.meta.id}] = rec.meta.rev;
    }
    for (const auto& c : l.conflicts) {
      if (!seen.insert(c.id).second) P.push_back({c.id, "id", "冲突记录ID重复"});
      auto it = revOf.find({c.kind, c.recordId});
      if (it == revOf.end() || it->second != c.winnerRev) {
        P.push_back({c.id, "winner_rev", "冲突记录的胜出版本与文件中该记录的当前版本不一致"});
      }
    }
  }
  // History: known kinds, unique ids, hashes, and per origin the chain links in file order.
  Sha3& sha = sharedSha3();
  std::unordered_set<std::string> eventIds;
  std::unordered_map<std::string, std::string> lastHash; // origin -> hash of its previous event
  for (const auto& e : l.events) {
    if (P.size() > kMaxProblems) return;
    if (!core::isHistoryKind(e.recordKind)) P.push_back({e.id, "record_kind", "记录类型“" + e.recordKind + "”无效"});
    if (!eventIds.insert(e.id).second) P.push_back({e.id, "id", "历史记录ID重复"});
    const std::string expected = sha.hex(store::canonicalEventText(e));
    if (expected != e.hash) {
      P.push_back({e.id, "hash", "历史记录的内容与其校验值不符，可能被改动过"});
    } else if (lookup.eventHash) {
      const std::string stored = lookup.eventHash(e.id);
      if (!stored.empty() && stored != e.hash) {
        P.push_back({e.id, "hash", "数据库中已有同一ID但内容不同的历史记录"});
      }
    }
    auto it = lastHash.find(e.origin);
    if (it != lastHash.end() && it->second != e.prevHash) {
      P.push_back({e.id, "prev_hash",
                   "历史链断裂：与来源 " + e.origin + " 的上一条历史记录衔接不上（记录可能被删除、插入或调换顺序）"});
    }
    lastHash[e.origin] = e.hash;
  }
}

ReadResult checkLedger(std::string_view bytes, const Lookup& lookup) {
  ReadResult r = readLedger(bytes);
  validateLedger(r, lookup);
  return r;
}

std::string problemLine(const std::string& file, const Problem& p) {
  return file + ": " + (p.record.empty() ? "-" : p.record) + ": " + (p.field.empty() ? "-" : p.field) + ": " +
         p.message;
}

} // namespace hz::ledger
