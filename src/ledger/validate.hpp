// Rules across records of a ledger that was read (reader.hpp): checksum, duplicate ids, record
// rules (core/validation.hpp: dates, USCC, division codes, …),
// references (in the file, in other files of the same import, or in the database), and the
// history: every event's hash and, per origin, the links of the chain.
#pragma once
#include "ledger/reader.hpp"

#include <array>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace hz::ledger {

// What the validator may ask about records outside the file. Empty functions = no database.
struct Lookup {
  std::function<bool(Kind, const std::string& id)> exists;
  std::function<std::string(const std::string& eventId)> eventHash; // hash or ""
};

// The rules of validateLedger() applied one element at a time as a file is read (the streaming
// importer, exchange.hpp) or over a ledger in memory. Problems go to r.problems. A reference that
// is neither in the file so far nor in the database waits for resolveReferences(), when the
// whole file and the files imported with it are known.
class FileChecker {
public:
  FileChecker(ReadResult& r, const Lookup& lookup) : m_r(r), m_lookup(lookup) {}
  void record(Kind k, const Record& rec); // duplicate id, record rules, references
  // Kind, duplicate id, hash, stored hash, chain. `stored`: the database's hash for this event id
  // when the caller has already looked it up ("" = none), else the Lookup is asked. hashComputed:
  // the reader computed e.hash from the content (ReadSink::event), so it is not computed again.
  void event(const core::HistoryEvent& e, const std::string* stored = nullptr, bool hashComputed = false);
  void conflict(const Conflict& c); // duplicate id, about the file's version of a record
  void finishFile();                // the checksum and chain gaps (after LedgerParser::finish)
  // References still unresolved, looked up in this file, in `others` and in the database.
  void resolveReferences(const std::vector<const FileChecker*>& others);
  bool holds(Kind k, const std::string& id) const;
  // Only remembers the record's id (a file imported alongside, whose own checks ran elsewhere).
  void hold(Kind k, const Record& rec) { m_revs[static_cast<size_t>(k)].emplace(rec.meta.id, rec.meta.rev); }
  bool stop() const { return m_r.fatal || m_r.problems.size() > kMaxProblems; }
  // Where the file's chains start from an event it does not hold, as (origin, prev_hash): the
  // first event of each origin, and in a chain forwarded from another office, each event after
  // a gap (the sender lacked the events between: it received a later change file first).
  const std::vector<std::pair<std::string, std::string>>& chainStarts() const { return m_starts; }

private:
  struct Reference {
    std::string recordId;
    const char* field;
    Kind target, from;
    std::string value;
  };
  bool known(Kind k, const std::string& id) const;
  void reference(Kind target, const Record& r, Kind from, const char* field);
  ReadResult& m_r;
  Lookup m_lookup;
  std::array<std::unordered_map<std::string, std::string>, kKindCount> m_revs; // id -> rev
  std::vector<Reference> m_unresolved;
  std::unordered_set<std::string> m_eventIds, m_conflictIds;
  std::unordered_map<std::string, std::string> m_lastHash; // origin -> hash of its previous event
  std::vector<std::pair<std::string, std::string>> m_starts;
  struct Break {
    std::string eventId, origin, prevHash;
  };
  std::vector<Break> m_breaks;           // in forwarded chains: a gap, unless the file holds the link
  std::unordered_set<uint64_t> m_hashes; // of every event (first 64 bits), to tell gaps from misorder
};

// Appends problems to r.problems (nothing when r.fatal). `others`: ledgers imported together.
void validateLedger(ReadResult& r, const Lookup& lookup = {}, const std::vector<const Ledger*>& others = {});

// A file read and checked as a stream, without holding it (the validate command): the problems
// and header in `out`, the counts of what the file holds returned. An unreadable file is a
// file-level problem.
struct FileSummary {
  std::array<size_t, kKindCount> records{};
  size_t events = 0, conflicts = 0;
};
FileSummary checkLedgerFile(const std::string& path, ReadResult& out);

// Read + validate in one call.
ReadResult checkLedger(std::string_view bytes, const Lookup& lookup = {});

// "FILE: RECORD-ID: FIELD: message" (record and field "-" when empty).
std::string problemLine(const std::string& file, const Problem& p);

} // namespace hz::ledger
