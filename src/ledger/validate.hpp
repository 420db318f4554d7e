// Rules across records of a ledger that was read (reader.hpp): checksum, duplicate ids, record
// rules (core/validation.hpp: dates, USCC, division codes, …),
// references (in the file, in other files of the same import, or in the database), and the
// history: every event's hash and, per origin, the links of the chain.
#pragma once
#include "ledger/reader.hpp"

#include <functional>
#include <string>

namespace hz::ledger {

// What the validator may ask about records outside the file. Empty functions = no database.
struct Lookup {
  std::function<bool(Kind, const std::string& id)> exists;
  std::function<std::string(const std::string& eventId)> eventHash; // hash or ""
};

// Appends problems to r.problems (nothing when r.fatal). `others`: ledgers imported together.
void validateLedger(ReadResult& r, const Lookup& lookup = {}, const std::vector<const Ledger*>& others = {});

// Read + validate in one call.
ReadResult checkLedger(std::string_view bytes, const Lookup& lookup = {});

// "FILE: RECORD-ID: FIELD: message" (record and field "-" when empty).
std::string problemLine(const std::string& file, const Problem& p);

} // namespace hz::ledger
