// Ledger files opened as a temporary in-memory database (":memory:"), so that statistics and
// reports over a file run the same engine (src/report/) as over a database.
#pragma once
#include "ledger/exchange.hpp"
#include "store/store.hpp"

#include <vector>

namespace hz::ledger {

// A new in-memory store (seeded like `init`) with `inputs` imported as importLedgers() would.
// When a file has problems nothing is returned and they are in inputs[i].read.problems.
Result<store::Store> openInMemory(std::vector<LedgerInput>& inputs);

} // namespace hz::ledger
