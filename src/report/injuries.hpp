// 工伤事件 year over year: a period against the same days of last year (sameDaysLastYear), in
// total and by township and by top-level industry — events, deaths, injuries, change and percent
// — and the sentence bulletins use (“1—4月，全市发生涉安全生产工伤事件 N 件，同比增加 N 件（N%）”).
#pragma once
#include "report/stats.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hz::report {

struct InjuryFigures {
  int64_t events = 0, deaths = 0, injuries = 0;
  bool operator==(const InjuryFigures&) const = default;
};

struct InjuryRow {
  std::string key, name; // township code / industry top level; name for display
  InjuryFigures now, lastYear;
};

struct InjuryComparison {
  Period period, lastYearPeriod;
  InjuryFigures total, totalLastYear;
  std::vector<InjuryRow> byTownship, byIndustry; // by this period's events desc, then key
};

// Work injuries in the scope's division and industry, by their date.
Result<InjuryComparison> injuryComparison(store::Store& store, const Scope& scope, const Period& period);

// “2026年1—4月，全市发生涉安全生产工伤事件12件、死亡1人、受伤14人，同比增加2件（20.0%）。”
// `area` names the scope (全市, 东湖街道 ...).
std::string injurySentence(const InjuryComparison& c, const std::string& area);

nlohmann::json injuryJson(const InjuryComparison& c);

} // namespace hz::report
