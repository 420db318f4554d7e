// The one statistics engine (统计): hazard counts by status, level, source, township, industry and
// responsible department, overdue, rectification and closure rates and the weekly found-vs-closed
// series, plus enterprise/inspection/work-injury totals — computed by SQL over the Store for a
// scope and a period. 总览, `hazard-ledger stats` (database or ledger file) and the bulletins use it.
//
// Definitions (the only ones in the project):
// - overdue: core::isOverdue() / core::overdueSql() (core/overdue.hpp);
// - township: the first 9 digits of the division code (townshipKey());
// - industry: the top level before "/" (industryTop()); the full value is the second grouping;
// - rectified = 待验收 + 已销号; closed = 已销号; rates are over all counted hazards (0 when none).
#pragma once
#include "core/date.hpp"
#include "core/result.hpp"
#include "store/queries.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hz::report {

// [SECTION] Grouping keys
// The township of a division code: its first 9 digits (GB/T 10114); a shorter code is its own key.
std::string townshipKey(std::string_view divisionCode);
// The top level of an industry: "工贸/机械" -> "工贸"; "消防" -> "消防".
std::string industryTop(std::string_view industry);

// [SECTION] What is counted
// Whose hazards: all fields empty = everything in the database.
struct Scope {
  std::string division;   // division code prefix: a 9-digit township, a 6-digit county, ...
  std::string department; // 整改责任部门, exact
  std::string industry;   // a top level ("工贸") with its sub-items, or one sub-item; former names too
};

// Which days: inclusive YYYY-MM-DD bounds ("" = open). Hazards count by found_date, inspections
// and work injuries by their date.
struct Period {
  std::string from, to;
  bool operator==(const Period&) const = default;
};
// The period of the same length just before `p` (环比); nullopt unless both ends are valid dates.
std::optional<Period> previousPeriod(const Period& p);
// The same days one year earlier (同比; 02-29 becomes 02-28); nullopt unless both ends are valid.
std::optional<Period> sameDaysLastYear(const Period& p);

// The period choices of 统计通报, each ending today (the campaign: its set dates, "to" defaulting
// to today). nullopt for the campaign when its start is unset or invalid.
enum class PeriodPreset { ThisWeek, ThisMonth, ThisQuarter, YearToDate, Campaign };
inline constexpr PeriodPreset kAllPresets[] = {PeriodPreset::ThisWeek, PeriodPreset::ThisMonth,
                                               PeriodPreset::ThisQuarter, PeriodPreset::YearToDate,
                                               PeriodPreset::Campaign};
const char* presetName(PeriodPreset p); // 本周 本月 本季度 今年以来 专项行动期间
std::optional<Period> presetPeriod(PeriodPreset p, const core::Date& today, const std::string& campaignFrom = {},
                                   const std::string& campaignTo = {});
// "" when the period is usable: both ends valid YYYY-MM-DD dates, from <= to.
std::string checkPeriod(const Period& p);

// The period as bulletins write it: "2026年1—4月" (whole months of one year), "2026年4月",
// "2026年3月2日至8日", "2026年12月28日至2027年1月3日"; the text as given when not valid.
std::string periodText(const Period& p);

// The hazard-list filter of a scope and period (the ledger drill-down shows the same hazards).
store::HazardFilter hazardFilter(const Scope& scope, const Period& period);

// [SECTION] Results
struct CountBy {
  std::string key; // "" when the records leave the field empty
  int64_t count = 0;
  bool operator==(const CountBy&) const = default;
};

struct WeekPoint {
  std::string weekStart; // Monday, YYYY-MM-DD
  int64_t found = 0;     // hazards with found_date in the week
  int64_t closed = 0;    // hazards now 已销号 with closed_date in the week
  bool operator==(const WeekPoint&) const = default;
};

struct HazardStats {
  int64_t total = 0;
  int64_t major = 0;
  int64_t general = 0;                   // total - major
  int64_t overdue = 0;                   // core::isOverdue() as of `today`
  int64_t overdueMajor = 0;              // overdue 重大隐患
  int64_t rectified = 0;                 // 待验收 + 已销号
  int64_t closed = 0;                    // 已销号
  std::vector<CountBy> byStatus;         // all four statuses, workflow order
  std::vector<CountBy> byLevel;          // 一般隐患, 重大隐患
  std::vector<CountBy> bySource;         // count desc, then key (also the lists below)
  std::vector<CountBy> byTownship;       // townshipKey(division_code)
  std::vector<CountBy> byIndustry;       // industryTop(industry)
  std::vector<CountBy> byIndustryDetail; // the full industry value ("工贸/机械")
  std::vector<CountBy> byDepartment;     // 整改责任部门
  double rectifiedRate = 0;              // rectified / total
  double closedRate = 0;                 // closed / total
  std::vector<WeekPoint> weekly;         // `weeks` weeks, oldest first, the last containing today
};

// The hazards matching `filter` (the hazard list's filter: any scope, period, level, ...) in one
// scan of the covering index. Overdue is judged against `today`.
Result<HazardStats> hazardStats(store::Store& store, const store::HazardFilter& filter, const core::Date& today,
                                int weeks = 12);

struct RecordTotals {
  int64_t enterprises = 0;          // in the scope's division and industry (all of them: no period)
  int64_t inspections = 0;          // of those enterprises, dated in the period, by the scope's department
  int64_t enterprisesInspected = 0; // distinct enterprises of those inspections
  int64_t workInjuries = 0;         // in the scope's division and industry, dated in the period
};
Result<RecordTotals> recordTotals(store::Store& store, const Scope& scope, const Period& period);

struct Stats {
  core::Date today;
  Scope scope;
  Period period;
  HazardStats hazards;
  RecordTotals records;
};
Result<Stats> computeStats(store::Store& store, const Scope& scope, const Period& period, const core::Date& today,
                           int weeks = 12);

// A period's statistics with the previous period of the same length (环比) and the same days of
// last year (同比), all for the same scope and `today`.
struct PeriodComparison {
  Stats current;
  std::optional<Stats> previous, lastYear;
};
Result<PeriodComparison> compareStats(store::Store& store, const Scope& scope, const Period& period,
                                      const core::Date& today);
// The change from `before` to `now` as "+3（+12.5%）", "−2（−40.0%）", "持平" or "+3（基数为0）".
std::string changeText(int64_t now, int64_t before);

} // namespace hz::report
