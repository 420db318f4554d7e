// Deterministic ledger generation (see generate.hpp).
#include "ledger/generate.hpp"

#include "core/date.hpp"
#include "ledger/exchange.hpp"
#include "store/sample_data.hpp"

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

} // namespace hz::ledger
