// Writing a ledger file: canonical order (records and conflicts by id, events by origin then
// hash-chain order), one record per line, checksum last. The same Ledger always gives the same
// bytes, so the same database exports byte-identical files.
#pragma once
#include "ledger/ledger.hpp"

#include <string>
#include <vector>

namespace hz::ledger {

// Events of one origin in chain order: from each start (an event whose prev_hash is not the
// hash of another event of the group), follow the links; ties and leftovers by id.
std::vector<core::HistoryEvent> chainOrder(std::vector<core::HistoryEvent> group);
// Sorts records, events and conflicts into canonical order (in place).
void canonicalize(Ledger& l);
struct SigningKeys;
// Canonicalizes, computes the checksum (stored into l.checksum) and returns the file text. With
// `keys` holding this office's key, the file is signed (version 3, signing.hpp: `signers` and
// `signature` filled into l); otherwise a version 3 ledger is written as version 2, unsigned.
std::string writeLedger(Ledger& l, const SigningKeys* keys = nullptr);
// Writes bytes to a file (replacing it); Storage error with the path on failure.
Status writeFileBytes(const std::string& path, const std::string& bytes);

} // namespace hz::ledger
