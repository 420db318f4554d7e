// Deterministic ledger generation (see generate.hpp).
#include "ledger/generate.hpp"

#include "core/date.hpp"
#include "ledger/exchange.hpp"
#include "store/sample_data.hpp"

#include <array>
#include <memory>

namespace hz::ledger {

Result<Ledger> generateLedger(const GenerateOptions& o) {
  if (o.enterprises < 1 && o.hazards > 0) return Error::invalid("有隐患时企业数量至少为 1");
  if (o.towns < 1 || o.towns > 99 || o.enterprises < 0 || o.hazards < 0 || o.enterprises > 10000000 ||
      o.hazards > 10000000) {
    return Error::invalid("数量超出范围（乡镇 1–99，企业和隐患 0–1000万）");
  }
  store::StoreOptions so;
  auto t = std::make_shared<int64_t>(o.startMillis);
  so.clock = [t] { return *t += 1000; };
  so.randomSeed = o.seed;
  auto db = store::Store::open(":memory:", so);
  if (!db) return db.error();
  const core::Date today = core::dateOfMillisChina(o.startMillis);
  auto sample = store::generateSample(*db, o.seed, o.towns, o.enterprises, o.hazards, today);
  if (!sample) return sample.error();
  return exportLedger(*db);
}

SigningKeys generatedKeys(const GenerateOptions& o, const Ledger& generated) {
  // splitmix64 over the seed: 32 bytes that differ for every seed (not secret; see the header).
  std::array<uint8_t, 32> seed{};
  uint64_t x = o.seed ^ 0x4c65646765724b79ULL; // "LedgerKy"
  for (size_t i = 0; i < seed.size(); i += 8) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (size_t b = 0; b < 8; ++b) seed[i + b] = static_cast<uint8_t>(z >> (8 * b));
  }
  SigningKeys keys;
  keys.own = officeKeyFromSeed(seed);
  keys.ownOffice = generated.office.id;
  return keys;
}

} // namespace hz::ledger
