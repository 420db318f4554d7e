// Helpers for the store test suites: a deterministic clock and in-memory stores (work natively
// and in wasm under Node; no threads, no files outside the working directory).
#pragma once
#include "core/date.hpp"
#include "store/store.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>

namespace hz::test {

// Starts at 2026-11-29T01:00:00Z and advances one second per reading.
inline core::IdGenerator::Clock steppingClock(int64_t start = 1795914000000) {
  auto t = std::make_shared<int64_t>(start);
  return [t] { return *t += 1000; };
}

inline store::StoreOptions testOptions(uint64_t seed = 42) {
  store::StoreOptions o;
  o.clock = steppingClock();
  o.randomSeed = seed;
  return o;
}

inline store::Store openMemory(uint64_t seed = 42) {
  auto s = store::Store::open(":memory:", testOptions(seed));
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().describe()));
  return std::move(s.value());
}

inline const core::Date kToday{2026, 11, 29};

// Sets a township office so hazards get numbers like 320102001-2026-0001.
inline void setTownOffice(store::Store& s) {
  core::Office o = s.office();
  o.name = "东湖街道安委办";
  o.divisionCode = "320102001";
  o.level = core::OfficeLevel::Township;
  o.operators = {"王伟"};
  auto r = s.setOffice(o, "王伟");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
}

inline core::Enterprise sampleEnterprise(const std::string& name = "东湖恒达机械制造有限公司") {
  core::Enterprise e;
  e.name = name;
  e.uscc = "91350100M000100Y43";
  e.divisionCode = "320102001";
  e.industry = "工贸/机械";
  e.address = "东湖路1号";
  return e;
}

inline core::Hazard sampleHazard(const std::string& enterpriseId) {
  core::Hazard h;
  h.enterpriseId = enterpriseId;
  h.divisionCode = "320102001";
  h.industry = "工贸/机械";
  h.description = "除尘系统未采取泄爆隔爆措施";
  h.location = "一号车间";
  h.source = "部门检查";
  h.foundDate = "2026-11-02";
  h.deadline = "2026-11-20";
  h.measures = "加装泄爆片";
  h.responsiblePerson = "李强";
  h.responsibleDepartment = "区应急管理局";
  return h;
}

// A file name under the working directory, removed (with -wal/-shm/-journal) on destruction.
struct TempDbFile {
  std::string path;
  explicit TempDbFile(const std::string& name) : path("hz_test_" + name + ".db") { remove(); }
  ~TempDbFile() { remove(); }
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  }
};

template <typename T> T must(Result<T> r) {
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
  return std::move(r.value());
}

} // namespace hz::test
