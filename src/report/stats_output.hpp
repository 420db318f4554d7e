// Statistics (stats.hpp) as the JSON of `hazard-ledger stats --json` (keys fixed by CONTRACTS.md,
// extended only) and as readable Chinese text.
#pragma once
#include "report/injuries.hpp"
#include "report/stats.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace hz::report {

// The key shown for records that leave a grouped field empty.
inline constexpr const char* kUnsetKey = "(未填)";

// {today, scope, period, hazards: {total, major, general, overdue, overdue_major, rectified, closed,
//  by_status, by_level, by_source, by_township, by_industry, by_industry_detail, by_department,
//  rectified_rate, closed_rate (4 decimals), weekly: [{week_start, found, closed}]},
//  enterprises: {total}, inspections: {total, enterprises_inspected}, work_injuries: {total}}.
// by_* are objects key -> count; an empty key is kUnsetKey.
nlohmann::json statsJson(const Stats& s);
// Rates rounded as in the JSON.
double roundedRate(double rate);
// The same as text, one line per figure or table (tables in count order).
std::string statsText(const Stats& s);

// A period's statistics (statsJson of the current period, all keys) plus "previous_period" and
// "same_period_last_year" ({period:{from,to}, hazards:{total, major, overdue, rectified, closed},
// inspections:{total, enterprises_inspected}} or null), "change" ({vs_previous, vs_last_year}:
// total and major as signed counts) and "work_injuries_yoy" (injuryJson).
nlohmann::json comparisonJson(const PeriodComparison& c, const InjuryComparison& injuries);
// 环比, 同比 and the 工伤 sentence as text lines.
std::string comparisonText(const PeriodComparison& c, const InjuryComparison& injuries);

} // namespace hz::report
