// Ledger files as an in-memory database (see memory_store.hpp).
#include "ledger/memory_store.hpp"

namespace hz::ledger {

Result<store::Store> openInMemory(std::vector<LedgerInput>& inputs) {
  auto db = store::Store::open(":memory:");
  if (!db) return db.error();
  // Nothing is kept, so there is nothing to trust: keys are taken as the files have them (a file
  // whose signatures do not verify is still refused by the reader's checks).
  TrustOptions trust;
  trust.trustNew = true;
  trust.acceptAllUnsigned = true;
  auto report = importLedgers(*db, inputs, trust);
  if (!report) return report.error();
  return std::move(db.value());
}

} // namespace hz::ledger
