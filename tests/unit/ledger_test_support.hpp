// Helpers for the ledger suites: generated stores, file reading, and canonical text of a store's
// export with the per-office header parts (office, exported_at) normalized for comparisons.
#pragma once
#include "ledger/exchange.hpp"
#include "ledger/generate.hpp"
#include "ledger/reader.hpp"
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"
#include "store_test_support.hpp"

#include <string>

namespace hz::test {

inline std::string dataPath(const std::string& rel) { return std::string(HZ_TEST_DATA_DIR) + "/" + rel; }

inline std::string readData(const std::string& rel) {
  auto b = ledger::readFileBytes(dataPath(rel));
  REQUIRE_MESSAGE(b.ok(), rel);
  return b.value();
}

inline ledger::Ledger generated(uint64_t seed, int enterprises, int hazards) {
  ledger::GenerateOptions o;
  o.seed = seed;
  o.towns = 3;
  o.enterprises = enterprises;
  o.hazards = hazards;
  return must(ledger::generateLedger(o));
}

// Imports ledgers (each its own import); returns the last report.
inline ledger::ImportReport importAll(store::Store& db, std::vector<ledger::Ledger> ls) {
  ledger::ImportReport last;
  for (auto& l : ls) {
    std::vector<ledger::LedgerInput> in(1);
    in[0].name = "mem";
    l.checksum.clear(); // built in memory: there is no file content to check
    in[0].read.ledger = std::move(l);
    auto r = ledger::importLedgers(db, in);
    std::string why;
    if (!r.ok()) {
      why = r.error().describe();
      for (const auto& p : in[0].read.problems) why += "\n" + ledger::problemLine("mem", p);
    }
    REQUIRE_MESSAGE(r.ok(), why);
    last = r.value();
  }
  return last;
}

// Canonical text of a ledger with the header parts that name the exporting office fixed.
inline std::string canonicalText(ledger::Ledger l) {
  l.office = core::Office{};
  l.office.id = "office";
  l.exportedAt = "2026-01-01T00:00:00.000Z";
  return ledger::writeLedger(l);
}

inline std::string exportText(store::Store& db) { return canonicalText(must(ledger::exportLedger(db))); }

// Reads file bytes (plain or compressed) and imports them; fails the test with the problems.
inline ledger::ImportReport importBytes(store::Store& db, const std::string& bytes, const std::string& name) {
  std::vector<ledger::LedgerInput> in(1);
  in[0].name = name;
  in[0].read = ledger::readLedger(bytes);
  auto r = ledger::importLedgers(db, in);
  std::string why = r.ok() ? "" : r.error().describe();
  for (const auto& p : in[0].read.problems) why += "\n" + ledger::problemLine(name, p);
  REQUIRE_MESSAGE(r.ok(), why);
  return r.value();
}

} // namespace hz::test
