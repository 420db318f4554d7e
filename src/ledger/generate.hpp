// Deterministic generated ledgers (for `hazard-ledger generate`, tests and benchmarks): built
// through the real store (store/sample_data, work injuries included) in memory, then exported.
#pragma once
#include "ledger/ledger.hpp"
#include "ledger/signing.hpp"

#include <cstdint>

namespace hz::ledger {

struct GenerateOptions {
  uint64_t seed = 1;
  int towns = 8;
  int enterprises = 200;
  int hazards = 1000;
  int64_t startMillis = 1795914000000; // 2026-11-29T01:00:00Z; the clock advances 1 s per reading
};

// Same options => the same ledger (and byte-identical file), natively and in wasm.
Result<Ledger> generateLedger(const GenerateOptions& options);

// The generated office's key, for writing the ledger signed (writeLedger(l, &keys)): derived from
// the seed, so a signed generated file is byte-identical for a seed too. Demonstration data only:
// anyone who knows the seed has the private key.
SigningKeys generatedKeys(const GenerateOptions& options, const Ledger& generated);

} // namespace hz::ledger
