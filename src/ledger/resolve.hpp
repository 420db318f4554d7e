// A person's decision on a merge conflict: keep the version the merge chose (确认), or make the
// other version current again (改用另一版本) as a new local edit that travels in the next export.
#pragma once
#include "core/result.hpp"
#include "store/import_apply.hpp"
#include "store/store.hpp"

#include <string>

namespace hz::ledger {

enum class ConflictChoice { KeepCurrent, UseOther };

// The revision that lost the merge (the one of local/incoming that is not the winner).
std::string loserRev(const store::StoredConflict& c);

// Resolves one stored conflict in one transaction; the decision is appended to the record's
// history (action "conflict_resolve", with the changed fields when the other version is taken).
Status resolveConflict(store::Store& store, const std::string& conflictId, ConflictChoice choice,
                       const std::string& actor);

} // namespace hz::ledger
