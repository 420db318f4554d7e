// Ledger files for the browser app: the database as ledger JSON bytes and back, over the ledger
// module (src/ledger). Kept behind two functions so the app's file plumbing (picker, drop,
// download, save to file, progress) does not depend on how the ledger module is organised.
#pragma once
#include "core/result.hpp"
#include "store/store.hpp"

#include <string>
#include <string_view>

namespace hz::app {

struct ImportOutcome {
  long long records = 0; // records added or changed
  std::string summary;   // Chinese, for the notice
};

// The whole database as a ledger file (format hazard-ledger v1).
Result<std::string> exportLedgerBytes(store::Store& store);
// Validates and imports a ledger file; nothing is changed when it is invalid.
Result<ImportOutcome> importLedgerBytes(store::Store& store, std::string_view bytes, const std::string& fileName);

} // namespace hz::app
