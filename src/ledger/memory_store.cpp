// Ledger files as an in-memory database (see memory_store.hpp).
#include "ledger/memory_store.hpp"

namespace hz::ledger {

Result<store::Store> openInMemory(std::vector<LedgerInput>& inputs) {
  auto db = store::Store::open(":memory:");
  if (!db) return db.error();
  auto report = importLedgers(*db, inputs);
  if (!report) return report.error();
  return std::move(db.value());
}

} // namespace hz::ledger
