// The merge model (DESIGN.md "Merge model"): for one record, the versions known anywhere plus the
// revision edges of its history decide the winner — a version that descends from another wins
// without conflict; versions that do not descend from each other are concurrent: the later
// stamp wins (ties by office id) and every other concurrent version is kept as a conflict.
// Because the outcome depends only on the union of versions and events, merging is idempotent,
// commutative and associative. Used by mergeLedgers() (files) and the database import.
#pragma once
#include "ledger/ledger.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hz::ledger {

struct RevEdge {
  std::string prevRev; // the revision an edit replaced
  std::string newRev;  // the revision it produced
};

struct Resolution {
  std::string winner;              // rev of the version to keep
  std::vector<std::string> losers; // concurrent versions (sorted), each a conflict
};

// `revs`: every known version of one record (duplicates allowed); `edges`: its history.
Resolution resolveVersions(std::vector<std::string> revs, const std::vector<RevEdge>& edges);
// Stamp order of two revision texts (unparseable ones sort first, then by text).
bool revLess(const std::string& a, const std::string& b);

struct MergeResult {
  Ledger ledger;
  std::vector<Problem> problems; // e.g. one event id with two different contents
  int64_t conflicts = 0;         // open conflicts in the result
};

// Pure merge of ledgers (no database): office = the highest level (ties: smallest id),
// exported_at = the latest, scope = full if any input is full, else the earliest "since".
MergeResult mergeLedgers(const std::vector<const Ledger*>& inputs);

} // namespace hz::ledger
