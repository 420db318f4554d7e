// Reading a ledger file: the byte guard, then a streaming (SAX) parse that builds one record at a
// time, so memory stays proportional to the typed records, never to a JSON tree of the file.
// Structure and types are checked here; cross-record rules are in validate.hpp.
#pragma once
#include "ledger/ledger.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hz::ledger {

struct ReadResult {
  Ledger ledger;
  std::vector<Problem> problems; // record "" = the file itself
  bool fatal = false;            // nothing usable was read (not JSON, wrong format or version, …)
  std::string computedChecksum;  // over the canonical content as read
};

// `bytes`: the file as stored, plain or gzip-compressed (recognised by its magic bytes).
ReadResult readLedger(std::string_view bytes);

// Whole file into memory, refusing files above kMaxFileBytes before reading them.
Result<std::string> readFileBytes(const std::string& path, size_t maxBytes = kMaxFileBytes);

} // namespace hz::ledger
