// report_bench: the 统计通报 figures over a generated city database (default 100000 hazards, 12
// townships): a year's statistics with 环比 and 同比, 考评, 倒查 and 排查精度, 工伤 year over year,
// the whole bulletin (figures, document, HTML and .docx), the report tables and the 明细表 as .xlsx.
// Natively and, in the wasm build, under Node.js (the browser's engine) to compare.
// Usage: report_bench [hazards] [db path | :memory:] [runs]
#include "bench_support.hpp"
#include "report/assessment.hpp"
#include "report/bulletin.hpp"
#include "report/injuries.hpp"
#include "report/lookback.hpp"
#include "report/report_tables.hpp"
#include "store/sample_data.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace hz;

namespace {

using bench::Clock;
using bench::msSince;
using bench::must;

// Runs `f` `runs` times; prints the median and the slowest.
void time(const char* what, int runs, const std::function<void()>& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t = Clock::now();
    f();
    ms.push_back(msSince(t));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-52s runs %2d  median %9.1f ms  max %9.1f ms\n", what, runs, ms[ms.size() / 2], ms.back());
  std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
  const int hazards = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string path = argc > 2 ? argv[2] : ":memory:";
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  auto store = must(store::Store::open(path), "open");
  const core::Date today{2026, 11, 29};
  if (must(store.countHazards(), "count") < hazards) {
    const auto t = Clock::now();
    must(store::generateSample(store, 42, 12, std::max(10, hazards / 20), hazards, today), "generate");
    std::printf("generated %d hazards in %.1f s\n", hazards, std::chrono::duration<double>(Clock::now() - t).count());
  }
  const report::Period year{"2026-01-01", "2026-11-29"};
  const auto config = report::ReportConfig::defaults();
  time("statistics for a year (current period)", runs,
       [&] { must(report::computeStats(store, {}, year, today), "stats"); });
  time("statistics for a year with 环比 and 同比", runs,
       [&] { must(report::compareStats(store, {}, year, today), "compare"); });
  time("考评 (townships)", runs,
       [&] { must(report::assess(store, report::UnitKind::Township, year, today, config), "assess"); });
  time("倒查 and 排查精度", runs, [&] { must(report::lookback(store, year, today, config), "lookback"); });
  time("工伤 year over year", runs, [&] { must(report::injuryComparison(store, {}, year), "injuries"); });
  report::BulletinDraft draft;
  draft.period = year;
  std::string html, docx;
  time("bulletin: figures, document, HTML and .docx", runs, [&] {
    const auto b = must(report::buildBulletin(store, draft, today, config), "bulletin");
    const auto doc = report::bulletinDocument(b);
    html = report::documentHtml(doc);
    docx = must(report::toDocx(doc), "docx");
  });
  std::printf("  bulletin HTML %zu KB, .docx %zu KB\n", html.size() / 1024, docx.size() / 1024);
  std::string xlsx;
  time("明细表 (every hazard) as .xlsx", 1, [&] {
    const auto sheet = must(report::hazardSheet(store, {}, today), "sheet");
    xlsx = must(report::toXlsx({sheet}), "xlsx");
  });
  std::printf("  明细表 .xlsx %zu KB\n", xlsx.size() / 1024);
  return 0;
}
