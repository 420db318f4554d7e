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
  // A few work injuries (工伤/事故事件), about one per 200 enterprises.
  const char* const kWhat[] = {"高处坠落致一人受伤", "机械伤害致手部受伤", "有限空间作业中毒窒息", "车辆伤害致一人受伤",
                               "触电事故致一人受伤"};
  for (size_t i = 0; i < sample->enterpriseIds.size(); i += 200) {
    auto e = db->getEnterprise(sample->enterpriseIds[i]);
    if (!e) return e.error();
    core::WorkInjury w;
    w.date = today.addDays(-static_cast<int64_t>((i * 7 + o.seed) % 300)).toString();
    w.enterpriseId = e->meta.id;
    w.enterpriseName = e->name;
    w.divisionCode = e->divisionCode;
    w.industry = e->industry;
    w.injuries = 1 + static_cast<int>(i % 3);
    w.deaths = (i / 200) % 7 == 3 ? 1 : 0;
    w.description = kWhat[(i / 200 + o.seed) % 5];
    if (auto c = db->createWorkInjury(w, "系统管理员"); !c) return c.error();
  }
  return exportLedger(*db);
}

} // namespace hz::ledger
