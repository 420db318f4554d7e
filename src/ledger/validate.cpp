// Cross-record validation of ledgers (see validate.hpp).
#include "ledger/validate.hpp"

#include "core/validation.hpp"
#include "ledger/checksum.hpp"
#include "store/store.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hz::ledger {

namespace {

std::string chainBroken(const std::string& origin) {
  return "历史链断裂：与来源 " + origin + " 的上一条历史记录衔接不上（记录可能被删除、插入或调换顺序）";
}

// The first 64 bits of a hex hash (enough to tell whether a file holds an event).
uint64_t hashKey(const std::string& hex) {
  uint64_t v = hex.size();
  for (size_t i = 0; i < 16 && i < hex.size(); ++i) {
    const char c = hex[i];
    const unsigned digit = c >= '0' && c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10) & 0x0F;
    v = (v << 4) | digit;
  }
  return v;
}

template <typename T> void validateTyped(const T& typed, std::vector<Problem>& out) {
  for (auto& p : core::validate(typed)) out.push_back(std::move(p));
}

} // namespace

bool FileChecker::holds(Kind k, const std::string& id) const { return m_revs[static_cast<size_t>(k)].count(id) > 0; }

bool FileChecker::known(Kind k, const std::string& id) const {
  return holds(k, id) || (m_lookup.exists && m_lookup.exists(k, id));
}

void FileChecker::reference(Kind target, const Record& r, Kind from, const char* field) {
  std::string value = core::fieldValue(r.fields, field);
  if (value.empty() || known(target, value)) return; // required fields are reported by the record rules
  m_unresolved.push_back({r.meta.id, field, target, from, std::move(value)});
}

void FileChecker::record(Kind k, const Record& rec) {
  if (stop()) return;
  std::vector<Problem>& P = m_r.problems;
  if (!m_revs[static_cast<size_t>(k)].emplace(rec.meta.id, rec.meta.rev).second) {
    P.push_back({rec.meta.id, "id", std::string("记录ID重复：同一文件中有多条") + kindLabel(k) + "使用这个ID"});
  }
  core::withRecordType(k, [&](auto typed) {
    typed.meta = rec.meta;
    (void)core::fromFields(rec.fields, typed); // fields were checked when the record was read
    validateTyped(typed, P);
  });
  switch (k) {
  case Kind::Hazard:
    reference(Kind::Enterprise, rec, k, "enterprise_id");
    reference(Kind::Inspection, rec, k, "inspection_id");
    reference(Kind::Standard, rec, k, "standard_id");
    break;
  case Kind::Inspection:
    reference(Kind::Enterprise, rec, k, "enterprise_id");
    break;
  case Kind::WorkInjury:
    reference(Kind::Enterprise, rec, k, "enterprise_id");
    break;
  default:
    break;
  }
}

void FileChecker::conflict(const Conflict& c) {
  if (stop()) return;
  std::vector<Problem>& P = m_r.problems;
  if (!m_conflictIds.insert(c.id).second) P.push_back({c.id, "id", "冲突记录ID重复"});
  const auto& revs = m_revs[static_cast<size_t>(c.kind)];
  auto it = revs.find(c.recordId);
  if (it == revs.end() || it->second != c.winnerRev) {
    P.push_back({c.id, "winner_rev", "冲突记录的胜出版本与文件中该记录的当前版本不一致"});
  }
}

void FileChecker::event(const core::HistoryEvent& e, const std::string* known, bool hashComputed) {
  if (stop()) return;
  std::vector<Problem>& P = m_r.problems;
  if (!core::isHistoryKind(e.recordKind)) P.push_back({e.id, "record_kind", "记录类型“" + e.recordKind + "”无效"});
  if (!m_eventIds.insert(e.id).second) P.push_back({e.id, "id", "历史记录ID重复"});
  if (!hashComputed && sharedSha3().hex(store::canonicalEventText(e)) != e.hash) {
    P.push_back({e.id, "hash", "历史记录的内容与其校验值不符，可能被改动过"});
  } else if (known || m_lookup.eventHash) {
    const std::string stored = known ? *known : m_lookup.eventHash(e.id);
    if (!stored.empty() && stored != e.hash) {
      P.push_back({e.id, "hash", "数据库中已有同一ID但内容不同的历史记录"});
    }
  }
  m_hashes.insert(hashKey(e.hash));
  auto it = m_lastHash.find(e.origin);
  if (it == m_lastHash.end()) {
    if (!e.prevHash.empty()) m_starts.emplace_back(e.origin, e.prevHash);
  } else if (it->second != e.prevHash) {
    // The exporting office's own chain is always whole in its files; a chain it forwards may
    // have a gap (reported by the import), but never a link to another event of the file.
    if (e.origin == m_r.ledger.office.id || e.prevHash.empty())
      P.push_back({e.id, "prev_hash", chainBroken(e.origin)});
    else
      m_breaks.push_back({e.id, e.origin, e.prevHash});
  }
  m_lastHash[e.origin] = e.hash;
}

void FileChecker::finishFile() {
  if (m_r.fatal) return;
  for (const auto& b : m_breaks) {
    if (m_hashes.count(hashKey(b.prevHash)))
      m_r.problems.push_back({b.eventId, "prev_hash", chainBroken(b.origin)});
    else
      m_starts.emplace_back(b.origin, b.prevHash);
  }
  m_breaks.clear();
  const Ledger& l = m_r.ledger;
  if (!l.checksum.empty() && l.checksum != m_r.computedChecksum) {
    m_r.problems.push_back({"", "checksum",
                            "校验值不符：文件内容在导出后被修改或已损坏（文件中为 " + l.checksum.substr(0, 12) +
                                "…，按内容计算为 " + m_r.computedChecksum.substr(0, 12) + "…）"});
  }
}

void FileChecker::resolveReferences(const std::vector<const FileChecker*>& others) {
  // A "since" file checked without a database may point to records it omits.
  if (m_r.fatal || (m_r.ledger.scope != "full" && !m_lookup.exists)) return;
  for (const auto& ref : m_unresolved) {
    if (m_r.problems.size() > kMaxProblems) return;
    bool found = known(ref.target, ref.value);
    for (const FileChecker* o : others) found = found || o->holds(ref.target, ref.value);
    if (found) continue;
    m_r.problems.push_back({ref.recordId, ref.field,
                            std::string("引用的") + kindLabel(ref.target) + "“" + ref.value +
                                "”在文件和数据库中都不存在（" + kindLabel(ref.from) + "记录引用了不存在的" +
                                kindLabel(ref.target) + "）"});
  }
  m_unresolved.clear();
}

void validateLedger(ReadResult& r, const Lookup& lookup, const std::vector<const Ledger*>& others) {
  if (r.fatal) return;
  const Ledger& l = r.ledger;
  FileChecker check(r, lookup);
  for (Kind k : kKinds) {
    for (const auto& rec : l.of(k)) check.record(k, rec);
  }
  for (const auto& c : l.conflicts) check.conflict(c);
  for (const auto& e : l.events) check.event(e);
  check.finishFile();
  std::vector<FileChecker> otherChecks;
  std::vector<ReadResult> otherReads(others.size());
  otherChecks.reserve(others.size());
  std::vector<const FileChecker*> otherPtrs;
  for (size_t i = 0; i < others.size(); ++i) {
    // Only the ids of the other files are needed: a checker over their records, problems unused.
    otherChecks.emplace_back(otherReads[i], Lookup{});
    for (Kind k : kKinds) {
      for (const auto& rec : others[i]->of(k)) otherChecks.back().hold(k, rec);
    }
    otherPtrs.push_back(&otherChecks.back());
  }
  check.resolveReferences(otherPtrs);
}

namespace {

// Checks each element as the parser hands it on, keeping only the checker's ids.
class CheckSink final : public ReadSink {
public:
  CheckSink(FileChecker& check, FileSummary& sum) : m_check(check), m_sum(sum) {}
  void record(Kind kind, Record&& r) override {
    ++m_sum.records[static_cast<size_t>(kind)];
    m_check.record(kind, r);
  }
  void event(core::HistoryEvent&& e, bool hashComputed) override {
    ++m_sum.events;
    m_check.event(e, nullptr, hashComputed);
  }
  void conflict(Conflict&& c) override {
    ++m_sum.conflicts;
    m_check.conflict(c);
  }

private:
  FileChecker& m_check;
  FileSummary& m_sum;
};

} // namespace

FileSummary checkLedgerFile(const std::string& path, ReadResult& out) {
  FileSummary sum;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    out.fatal = true;
    out.problems.push_back({"", "", "无法打开文件"});
    return sum;
  }
  const Lookup none;
  FileChecker check(out, none);
  CheckSink sink(check, sum);
  LedgerParser parser(out, sink);
  std::vector<char> buf(size_t{1} << 20);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    if (!parser.feed(std::string_view(buf.data(), n))) break;
  }
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) {
    out.fatal = true;
    out.problems.push_back({"", "", "读取文件失败"});
    return sum;
  }
  parser.finish();
  check.finishFile();
  check.resolveReferences({});
  return sum;
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
