// store_bench: generates a ledger of N hazards (default 100000) into a file database and times
// the list page query (varied filters/sorts), full-text and short-text search, counts, the
// dashboard and history verification; prints p50/p95 and the database size on disk.
// Usage: store_bench [hazards] [db path | :memory:]
// ":memory:" is closest to the browser, whose database lives in memory pages (src/platform).
#include "bench_support.hpp"
#include "report/stats.hpp"
#include "store/queries.hpp"
#include "store/sample_data.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace hz;
using namespace hz::store;

namespace {

using bench::Clock;
using bench::msSince;
using bench::must;

struct Stats {
  double p50 = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  if (v.empty()) return s;
  s.p50 = v[v.size() / 2];
  s.p95 = v[std::min(v.size() - 1, v.size() * 95 / 100)];
  s.max = v.back();
  return s;
}

void printRuns(const char* what, int runs, const Stats& s) {
  std::printf("%-44s runs %4d  p50 %8.2f ms  p95 %8.2f ms  max %8.2f ms\n", what, runs, s.p50, s.p95, s.max);
}

std::string describe(const HazardFilter& f, const HazardSort& s, int64_t offset) {
  std::string d = "sort " + s.column + (s.descending ? " desc" : "");
  if (offset) d += " offset " + std::to_string(offset);
  if (!f.divisionPrefix.empty()) d += " town " + f.divisionPrefix;
  if (!f.industry.empty()) d += " industry " + f.industry;
  if (f.level) d += " major";
  for (auto st : f.statuses) d += std::string(" status ") + core::toChinese(st);
  if (f.overdue) d += " overdue";
  if (!f.foundFrom.empty()) d += " from " + f.foundFrom;
  if (!f.text.empty()) d += " text " + f.text;
  return d;
}

} // namespace

int main(int argc, char** argv) {
  const int hazards = argc > 1 ? std::atoi(argv[1]) : 100000;
  if (hazards < 1) {
    std::fprintf(stderr, "usage: store_bench [hazards >= 1, default 100000] [database path | :memory:]\n");
    return 2;
  }
  const std::string path = argc > 2 ? argv[2] : "store_bench.db";
  if (path != ":memory:") {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  }
  const core::Date today{2026, 11, 29};
  StoreOptions options;
  auto ms = std::make_shared<int64_t>(1795914000000);
  options.clock = [ms] { return *ms += 7; };
  options.randomSeed = 2026;

  auto t0 = Clock::now();
  Store store = must(Store::open(path, options), "open");
  const int enterprises = std::max(10, hazards / 20);
  SampleSummary sample = must(generateSample(store, 1, 40, enterprises, hazards, today), "generate");
  const double genMs = msSince(t0);
  const int64_t events = must(store.allHistory(), "history").size();
  std::printf(
      "generated %d hazards, %d enterprises, %lld inspections, %lld history events in %.1f s (%.0f hazards/s)\n",
      hazards, enterprises, static_cast<long long>(sample.inspections), static_cast<long long>(events), genMs / 1000,
      hazards / (genMs / 1000));
  (void)store.db().execScript("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)");
  double bytes = 0;
  {
    auto st =
        must(store.db().prepare("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"), "size");
    must(st.step(), "size");
    bytes = static_cast<double>(st.getInt(0));
  }
  std::printf("database %s: %.1f MB (%.0f bytes per hazard incl. history and FTS)\n", path.c_str(), bytes / 1048576.0,
              bytes / hazards);

  std::mt19937_64 rng(17);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  // The ledger table's sortable columns (src/ui/screens/ledger_screen.cpp).
  const std::vector<std::string> columns = {
      "number", "enterprise_name", "division_code", "industry", "level",
      "status", "source",          "found_date",    "deadline", "responsible_department"};
  const std::vector<std::string> industries = {"工贸", "工贸/机械", "危险化学品", "消防", "城镇燃气", "建筑施工"};
  auto randomFilter = [&](bool allowText) {
    HazardFilter f;
    if (pick(3) == 0) f.divisionPrefix = sample.townCodes[pick(static_cast<int>(sample.townCodes.size()))];
    if (pick(3) == 0) f.industry = industries[pick(static_cast<int>(industries.size()))];
    if (pick(4) == 0) f.level = core::HazardLevel::Major;
    if (pick(3) == 0) f.statuses = {static_cast<core::HazardStatus>(pick(4))};
    if (pick(4) == 0) f.overdue = true;
    if (pick(4) == 0) f.foundFrom = today.addDays(-pick(300)).toString();
    if (allowText && pick(5) == 0) f.text = pick(2) ? "除尘系统" : "车间";
    return f;
  };
  // The store remembers recent list counts until the data changes; a one-row write before each
  // run makes every timed query a first query (scrolling is timed separately).
  auto forgetCounts = [&] { (void)store.db().execScript("UPDATE settings SET value = value WHERE key = 'office_id'"); };
  auto timeRuns = [&](const char* what, int runs, const std::function<void()>& fn) {
    std::vector<double> v;
    for (int i = 0; i < runs; ++i) {
      forgetCounts();
      auto t = Clock::now();
      fn();
      v.push_back(msSince(t));
    }
    printRuns(what, runs, stats(v));
  };

  int64_t rowsSeen = 0;
  std::vector<std::pair<double, std::string>> slowest; // the page queries that set p95, described
  timeRuns("page query (filters + sort, 50 rows)", 200, [&] {
    HazardSort s{columns[pick(static_cast<int>(columns.size()))], pick(2) == 0};
    const HazardFilter f = randomFilter(true);
    const int64_t offset = pick(4) == 0 ? pick(2000) : 0;
    auto t = Clock::now();
    auto p = must(queryHazards(store, f, s, offset, 50, today), "page");
    slowest.emplace_back(msSince(t), describe(f, s, offset) + " -> " + std::to_string(p.total));
    rowsSeen += static_cast<int64_t>(p.rows.size());
  });
  std::sort(slowest.rbegin(), slowest.rend());
  for (size_t i = 0; i < std::min<size_t>(slowest.size(), 8); ++i) {
    std::printf("    slow: %7.1f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
  }
  {
    // Scrolling a filtered, sorted list: the same query at growing offsets (count remembered).
    std::vector<double> v;
    for (int round = 0; round < 20; ++round) {
      forgetCounts();
      const HazardFilter f = randomFilter(true);
      HazardSort s{columns[pick(static_cast<int>(columns.size()))], pick(2) == 0};
      for (int pageNo = 0; pageNo < 10; ++pageNo) {
        auto t = Clock::now();
        must(queryHazards(store, f, s, pageNo * 50, 50, today), "scroll");
        if (pageNo > 0) v.push_back(msSince(t));
      }
    }
    printRuns("scroll: next page of the same filter + sort", static_cast<int>(v.size()), stats(v));
  }
  timeRuns("page query, no filter, sort found_date", 50,
           [&] { must(queryHazards(store, {}, HazardSort{}, pick(1000), 50, today), "page"); });
  const std::vector<std::string> longTexts = {"除尘系统", "粉尘爆炸", "液化石油气", "有限公司",     "一号车间",
                                              "泄爆",     "安全出口", "东湖恒达",   "特种作业人员", "不存在的文本"};
  std::map<std::string, double> worstByText;
  timeRuns("full-text search (FTS5 trigram, >=3 chars)", 100, [&] {
    HazardFilter f;
    f.text = longTexts[pick(static_cast<int>(longTexts.size()))];
    if (f.text == "泄爆") f.text = "泄爆、";
    auto t = Clock::now();
    auto p = must(queryHazards(store, f, HazardSort{}, 0, 50, today), "fts");
    double& w = worstByText[f.text + " -> " + std::to_string(p.total)];
    w = std::max(w, msSince(t));
  });
  for (const auto& [text, worst] : worstByText) std::printf("    worst: %7.1f ms  %s\n", worst, text.c_str());
  timeRuns("short search (LIKE, 1-2 chars)", 50, [&] {
    HazardFilter f;
    f.text = pick(2) ? "车间" : "尘";
    must(queryHazards(store, f, HazardSort{}, 0, 50, today), "like");
  });
  timeRuns("count (varied filters)", 200, [&] { must(countHazards(store, randomFilter(true), today), "count"); });
  timeRuns("dashboard (all hazards)", 20, [&] { must(report::hazardStats(store, {}, today, 12), "dashboard"); });
  timeRuns("dashboard (varied filters)", 50,
           [&] { must(report::hazardStats(store, randomFilter(false), today, 12), "dashboard"); });
  timeRuns("enterprise dossier", 50, [&] {
    must(enterpriseDossier(store, sample.enterpriseIds[pick(static_cast<int>(sample.enterpriseIds.size()))], today),
         "dossier");
  });
  timeRuns("verifyHistory (whole chain)", 3, [&] {
    auto c = must(store.verifyHistory(), "verify");
    if (!c.ok) std::printf("history check failed: %s\n", c.problem.c_str());
  });
  timeRuns("createHazard + start (single transactions)", 200, [&] {
    core::Hazard h;
    h.enterpriseId = sample.enterpriseIds[0];
    h.divisionCode = sample.townCodes[0];
    h.industry = "消防";
    h.description = "基准测试新增隐患";
    h.source = "部门检查";
    h.foundDate = today.toString();
    auto c = must(store.createHazard(h, "基准"), "create");
    must(store.applyHazardAction(c.meta.id, core::WorkflowAction::Start, {}, "基准", today), "start");
  });
  std::printf("(rows returned by page queries: %lld)\n", static_cast<long long>(rowsSeen));
  return 0;
}
