// 工伤事件 year over year (see injuries.hpp): one grouped query per period.
#include "report/injuries.hpp"

#include "report/report_internal.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace hz::report {

namespace {

struct Groups {
  InjuryFigures total;
  std::map<std::string, InjuryFigures> township, industry;
};

void add(InjuryFigures& f, int64_t deaths, int64_t injuries) {
  ++f.events;
  f.deaths += deaths;
  f.injuries += injuries;
}

Result<Groups> figures(store::Store& store, const Scope& scope, const Period& period) {
  store::Where w;
  if (auto s = scopeConditions(store, scope, "w", w); !s) return s.error();
  periodConditions(period, "w.date", w);
  auto st = store::QueryAccess::db(store).cached(
      "SELECT substr(w.division_code, 1, 9), w.industry, w.deaths, w.injuries FROM work_injury w" + w.clause());
  if (!st) return st.error();
  w.bindAll(**st);
  Groups g;
  auto s = store::forEachRow(**st, [&](const store::Statement& row) {
    const int64_t deaths = row.getInt(2), injuries = row.getInt(3);
    add(g.total, deaths, injuries);
    add(g.township[row.getText(0)], deaths, injuries);
    add(g.industry[industryTop(row.getText(1))], deaths, injuries);
  });
  if (!s) return s.error();
  return g;
}

std::vector<InjuryRow> rows(const std::map<std::string, InjuryFigures>& now,
                            const std::map<std::string, InjuryFigures>& before) {
  std::map<std::string, InjuryRow> all;
  for (const auto& [k, f] : now) all[k].now = f;
  for (const auto& [k, f] : before) all[k].lastYear = f;
  std::vector<InjuryRow> out;
  for (auto& [k, r] : all) {
    r.key = r.name = k;
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const InjuryRow& a, const InjuryRow& b) { return a.now.events > b.now.events; });
  return out;
}

nlohmann::json figuresJson(const InjuryFigures& f) {
  return {{"events", f.events}, {"deaths", f.deaths}, {"injuries", f.injuries}};
}

} // namespace

Result<InjuryComparison> injuryComparison(store::Store& store, const Scope& scope, const Period& period) {
  if (auto p = checkPeriod(period); !p.empty()) return Error::invalid(p);
  InjuryComparison c;
  c.period = period;
  c.lastYearPeriod = *sameDaysLastYear(period);
  auto now = figures(store, scope, period);
  if (!now) return now.error();
  auto before = figures(store, scope, c.lastYearPeriod);
  if (!before) return before.error();
  c.total = now->total;
  c.totalLastYear = before->total;
  c.byTownship = rows(now->township, before->township);
  c.byIndustry = rows(now->industry, before->industry);
  auto towns = store.dictionary(store::kDictTownship);
  if (!towns) return towns.error();
  for (auto& r : c.byTownship)
    for (const auto& e : towns.value())
      if (e.code == r.key) r.name = e.value;
  return c;
}

std::string injurySentence(const InjuryComparison& c, const std::string& area) {
  const InjuryFigures& n = c.total;
  const InjuryFigures& b = c.totalLastYear;
  std::string s = periodText(c.period) + "，" + area + "发生涉安全生产工伤事件" + std::to_string(n.events) + "件";
  if (n.deaths > 0) s += "、死亡" + std::to_string(n.deaths) + "人";
  if (n.injuries > 0) s += "、受伤" + std::to_string(n.injuries) + "人";
  const int64_t d = n.events - b.events;
  if (d == 0) return s + "，与去年同期持平。";
  s += d > 0 ? "，同比增加" : "，同比减少";
  s += std::to_string(d > 0 ? d : -d) + "件";
  if (b.events > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "（%.1f%%）",
                  100.0 * static_cast<double>(d > 0 ? d : -d) / static_cast<double>(b.events));
    s += pct;
  } else {
    s += "（去年同期为0）";
  }
  return s + "。";
}

nlohmann::json injuryJson(const InjuryComparison& c) {
  auto list = [](const std::vector<InjuryRow>& rs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rs)
      out.push_back(
          {{"key", r.key}, {"name", r.name}, {"now", figuresJson(r.now)}, {"last_year", figuresJson(r.lastYear)}});
    return out;
  };
  return {{"period", {{"from", c.period.from}, {"to", c.period.to}}},
          {"last_year_period", {{"from", c.lastYearPeriod.from}, {"to", c.lastYearPeriod.to}}},
          {"total", figuresJson(c.total)},
          {"total_last_year", figuresJson(c.totalLastYear)},
          {"by_township", list(c.byTownship)},
          {"by_industry", list(c.byIndustry)}};
}

} // namespace hz::report
