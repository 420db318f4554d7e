// The office's report settings (设置 → 统计与考评): the campaign period, the 考评 indicators with
// their weights and the zone rule, the 倒查 window and trigger sources, the 排查精度 thresholds.
// Stored as one JSON value in the settings table; unknown keys are ignored and missing ones take
// the defaults, so a file written by a newer version still loads.
#pragma once
#include "core/result.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hz::report {

// [SECTION] 考评 indicators
enum class IndicatorId {
  RectifiedRate,  // 整改率: (待验收 + 已销号) / hazards found in the period
  OverdueMajor,   // 逾期重大隐患: overdue major hazards as of today (fewer is better)
  MajorPer100,    // 每百家检查企业发现重大隐患数 (relative to the best unit)
  ClauseShare,    // 引用判定依据比例: hazards citing a 判定依据 clause or standard
  TimelyReporting // 上报及时率: hazards entered within `timelyDays` of being found
};
inline constexpr IndicatorId kAllIndicators[] = {IndicatorId::RectifiedRate, IndicatorId::OverdueMajor,
                                                 IndicatorId::MajorPer100, IndicatorId::ClauseShare,
                                                 IndicatorId::TimelyReporting};
const char* indicatorKey(IndicatorId id);  // "rectified_rate", ... (JSON and CLI)
const char* indicatorName(IndicatorId id); // 整改率, ...
// How the indicator's value becomes a 0–100 score, in words for the breakdown (e.g. "整改率×100").
const char* indicatorRule(IndicatorId id);

struct IndicatorWeight {
  IndicatorId id;
  double weight = 0; // 0 = not used
  bool operator==(const IndicatorWeight&) const = default;
};

// [SECTION] Zones
enum class ZoneMode {
  ByRank,  // the last `redShare` of the ranking is 红区, the first `blueShare` 蓝区
  ByScore, // total < redBelow is 红区, total >= blueFrom is 蓝区
};
enum class Zone { Red, Yellow, Blue };
const char* zoneName(Zone z); // 红区 黄区 蓝区

struct ZoneRule {
  ZoneMode mode = ZoneMode::ByRank;
  double redShare = 0.2, blueShare = 0.2; // ByRank: shares of the ranked units, rounded up
  double redBelow = 60, blueFrom = 85;    // ByScore
  bool operator==(const ZoneRule&) const = default;
};

// [SECTION] The whole configuration
struct ReportConfig {
  std::string campaignFrom, campaignTo; // 专项行动期间 (YYYY-MM-DD, "" = unset)
  std::vector<IndicatorWeight> indicators;
  ZoneRule zones;
  int overduePenalty = 20; // OverdueMajor score = max(0, 100 − penalty × count)
  int timelyDays = 7;      // TimelyReporting: entered (reported or created) ≤ found + N days
  // 倒查 该发现而未发现: major hazards whose 隐患来源 contains one of these words, and earlier
  // inspections of the same firm within `lookbackDays` before it was found.
  std::vector<std::string> triggerWords;
  int lookbackDays = 90;
  // 排查精度
  int minDescriptionChars = 10; // a shorter description is too short to act on
  int manyHazardsNoMajor = 50;  // a township with at least this many hazards and no major one
  int duplicateWindowDays = 30; // same firm, same description within N days: likely duplicate

  static ReportConfig defaults();
  double totalWeight() const;
  bool operator==(const ReportConfig&) const = default;
};

// The settings key that holds the configuration.
inline constexpr const char* kReportConfigKey = "report.config";

nlohmann::json toJson(const ReportConfig& c);
// Missing keys keep the defaults; wrong types or values out of range are an error naming the key.
Result<ReportConfig> reportConfigFromJson(const nlohmann::json& j);
// A problem with the values a user entered ("" when fine): weights ≥ 0 with a positive sum,
// shares in 0..1 with red + blue ≤ 1, redBelow ≤ blueFrom, windows ≥ 1 day, dates valid and ordered.
std::string checkReportConfig(const ReportConfig& c);

Result<ReportConfig> loadReportConfig(store::Store& store);
Status saveReportConfig(store::Store& store, const ReportConfig& c);

} // namespace hz::report
