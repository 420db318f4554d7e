// 考评: scores per township or per responsible department over a period, from the indicators and
// weights of the office's ReportConfig, a ranking, and 红区/黄区/蓝区 zones — with each score's
// breakdown, so an officer can explain to a township why it is in 红区.
//
// What each unit counts (hazards by found_date in the period unless said otherwise):
// - townships: every township in the township dictionary, plus any township code seen on a hazard;
//   a hazard belongs to the township of its division code (townshipKey), an inspection to the
//   township of its enterprise;
// - departments: every value of the department dictionary, plus any 整改责任部门 seen on a hazard;
//   a hazard belongs to its 整改责任部门, an inspection to its 检查部门;
// - industries (top level) and sources: the values seen on hazards (inspections: the firm's
//   industry; sources have none);
// - 逾期重大隐患 counts major hazards found up to the period's end that are overdue as of `today`
//   (an old overdue hazard still weighs on the unit).
#pragma once
#include "report/report_config.hpp"
#include "report/stats.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hz::report {

// Township and Department are assessed; all four group the tables of `hazard-ledger report`.
enum class UnitKind { Township, Department, Industry, Source };
const char* unitKindName(UnitKind k); // 乡镇（街道） 责任部门 行业领域 隐患来源
const char* unitKindKey(UnitKind k);  // township department industry source
std::optional<UnitKind> unitKindFromKey(std::string_view key);

// The figures of one township or department over a period (also the bulletin's tables).
struct UnitFigures {
  std::string key, name;
  int64_t hazards = 0, major = 0, rectified = 0, closed = 0, overdue = 0, withClause = 0, timely = 0;
  int64_t overdueMajor = 0;         // found up to the period's end, overdue as of today
  int64_t enterprisesInspected = 0; // distinct firms inspected in the period
};
// Every unit of the kind (see above), by key.
Result<std::vector<UnitFigures>> unitFigures(store::Store& store, UnitKind kind, const Period& period,
                                             const core::Date& today, int timelyDays);

struct IndicatorScore {
  IndicatorId id;
  double weight = 0;                      // as configured
  double value = 0;                       // the raw figure (a ratio 0..1 for rates, a count, or per-100)
  int64_t numerator = 0, denominator = 0; // what the value came from (denominator 0 = a count)
  double score = 0;                       // 0..100
  double weighted = 0;                    // score × weight / total weight: the points it adds to the total
  std::string note;                       // e.g. "本期无隐患，按0分计"
};

struct UnitAssessment {
  UnitFigures figures;                    // key: township code or department name; name: township name (the code
                                          // when unknown) or department name
  std::vector<IndicatorScore> indicators; // in the configured order, weight > 0 only
  double total = 0;                       // 0..100, rounded to 0.1
  int rank = 0;                           // 1 = best; equal totals share a rank
  Zone zone = Zone::Yellow;
  std::string zoneReason; // why this zone, in words
};

struct Assessment {
  UnitKind kind = UnitKind::Township;
  Period period;
  core::Date today;
  std::vector<UnitAssessment> units; // ranked: best first, then by key
};

Result<Assessment> assess(store::Store& store, UnitKind kind, const Period& period, const core::Date& today,
                          const ReportConfig& config);
// The same from figures already gathered with unitFigures() (the bulletin has them); `config` must
// pass checkReportConfig().
Assessment assessFigures(UnitKind kind, const Period& period, const core::Date& today, const ReportConfig& config,
                         const std::vector<UnitFigures>& units);

// The JSON of `hazard-ledger assess --json`:
// {kind, period:{from,to}, today, units:[{key, name, hazards, major, enterprises_inspected, total,
//  rank, zone, zone_reason, indicators:[{id, name, weight, value, numerator, denominator, score,
//  weighted, note}]}]}
nlohmann::json assessmentJson(const Assessment& a);

} // namespace hz::report
