// libFuzzer target: import arbitrary bytes into an in-memory database that already holds a small
// generated ledger. A rejected input must leave the database unchanged (every row as it was).
#include "fuzz_support.hpp"
#include "ledger/exchange.hpp"
#include "ledger/generate.hpp"
#include "ledger/writer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>

namespace {

hz::store::Store& base() {
  static std::unique_ptr<hz::store::Store> db = [] {
    auto s = hz::fuzz::openStore(5);
    hz::ledger::GenerateOptions g;
    g.seed = 3;
    g.enterprises = 5;
    g.hazards = 10;
    auto l = hz::ledger::generateLedger(g);
    if (!l) __builtin_trap();
    std::vector<hz::ledger::LedgerInput> in(1);
    in[0].name = "seed";
    in[0].read.ledger = std::move(l.value());
    if (!hz::ledger::importLedgers(*s, in)) __builtin_trap();
    return s;
  }();
  return *db;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hz::store::Store& db = base();
  std::vector<hz::ledger::LedgerInput> in(1);
  in[0].name = "fuzz";
  in[0].read = hz::ledger::readLedger(std::string_view(reinterpret_cast<const char*>(data), size));
  // Run the import inside an outer transaction that is always rolled back, so every input
  // starts from the same database.
  auto tx = hz::store::Transaction::begin(db.db());
  if (!tx) __builtin_trap();
  const uint64_t before = hz::fuzz::contentDigest(db);
  auto r = hz::ledger::importLedgers(db, in);
  if (!r && hz::fuzz::contentDigest(db) != before) __builtin_trap(); // a refused import changed the database
  tx->rollback();
  return 0;
}
