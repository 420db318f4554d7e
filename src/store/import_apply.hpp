// Store primitives for the ledger importer/exporter: write records with their given meta
// (id, origin, rev kept), read revision edges, insert foreign history events with their own
// hashes, keep chain heads, and the merge-conflict table. All calls run inside the caller's
// transaction; none opens UI or parses files.
#pragma once
#include "core/model.hpp"
#include "core/record_fields.hpp"
#include "store/record_rows.hpp"
#include "store/store.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hz::store {

struct StoredConflict {
  std::string id, recordKind, recordId, localRev, incomingRev, winnerRev, loserJson, source, createdAt;
  std::string resolvedAt, resolvedBy, resolution;
  std::string sourceFile; // name of the ledger file that brought it ("" before schema v5)
};

class ImportApply {
public:
  static Result<ImportApply> open(Store& store);

  // kind: a record kind's name (core/record_kinds.hpp); a standard's clauses included.
  Status putRecord(const std::string& kind, const core::RecordMeta& meta, const core::FieldList& fields, bool exists);
  // (prev_rev, new_rev) of every stored event of the record.
  Result<std::vector<std::pair<std::string, std::string>>> revisionEdges(const std::string& kind,
                                                                         const std::string& id);
  Result<std::string> eventHash(const std::string& eventId); // "" when absent
  Status insertEvent(const core::HistoryEvent& e);           // hash/prevHash as given, next seq
  Status refreshHead(const std::string& origin);             // history_head:<origin> = latest by seq
  Result<std::vector<StoredConflict>> conflictsOf(const std::string& kind, const std::string& id);
  // Inserts, or updates winner_rev and (when given) the resolution of an existing conflict.
  // Returns true when a new row was inserted.
  Result<bool> putConflict(const StoredConflict& c);
  // Removes an open conflict that turned out not to be one (its losing version is now known to be
  // an earlier version of the winner: a file that came out of order). Resolved ones stay.
  Status dropOpenConflict(const std::string& id);
  // (record kind, record id) of every record with an open conflict.
  Result<std::vector<std::pair<std::string, std::string>>> openConflictRecords();
  Result<bool> exists(const std::string& kind, const std::string& id);
  // The stored record's current revision ("" when there is no such record).
  Result<std::string> revision(const std::string& kind, const std::string& id);
  // Remembers the sender of an imported ledger (known_office: name, division, first/last seen).
  Status noteOffice(const core::Office& office, const std::string& fileName, const std::string& now);

  // Bulk loading, inside the import's transaction: hazards added from here on reach the full-text
  // index in one statement at endBulkLoad() rather than row by row (every row's statement opened a
  // savepoint, at which FTS5 writes its pending terms to disk: a segment per hazard, 7 % of a large
  // import). A rollback undoes both, and the state goes with this object.
  Status beginBulkLoad();
  Status endBulkLoad();

private:
  Store* m_store = nullptr;
  std::optional<int64_t> m_bulkFrom;       // hazards with a larger rid are indexed at endBulkLoad()
  std::vector<std::string> m_bulkTriggers; // the full-text triggers as they were (sqlite_master.sql)
  Store::ChainHeads m_heads;               // the importer is the only writer of the history while it runs
};

// Every conflict (open first, then by record), for `conflicts --db` and exports.
Result<std::vector<StoredConflict>> listConflicts(Store& store, bool openOnly);

} // namespace hz::store
