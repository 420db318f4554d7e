// Ledger files for the browser app: importing ledger JSON bytes over the ledger module
// (src/ledger), kept behind one function so the app's file plumbing does not depend on how the
// ledger module is organised. Export streams from the database instead: export_job.hpp.
#pragma once
#include "core/result.hpp"
#include "store/store.hpp"

#include <string>
#include <string_view>

namespace hz::model {

struct ImportOutcome {
  long long records = 0; // records added or changed
  std::string summary;   // Chinese, for the notice
};

// Validates and imports a ledger file; nothing is changed when it is invalid. The bytes are
// released as soon as they are parsed (a city's file is hundreds of MB of a 2 GB heap).
Result<ImportOutcome> importLedgerBytes(store::Store& store, std::string bytes, const std::string& fileName);

} // namespace hz::model
