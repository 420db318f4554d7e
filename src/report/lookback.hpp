// 倒查 and 排查精度: the lists the city sends back to townships and departments.
//
// (a) 该发现而未发现 (missed): a major hazard found in the period whose 隐患来源 contains one of the
//     configured trigger words (上级, 督导, 举报, 事故 ...), and each earlier inspection of the same
//     enterprise within `lookbackDays` before it was found that recorded no hazard of that kind
//     (the same 隐患分类 when the major hazard has one, otherwise no major hazard at all). The
//     inspection during which the hazard itself was found is not an earlier one.
// (b) 该盯住整改而未盯住 (unwatched): major hazards found up to the period's end that are overdue,
//     were ever reopened (重新打开), were closed (已销号) without verifier, verification date or
//     opinion, or are past their deadline without 挂牌督办 — one row per hazard, every reason named.
// (c) 排查精度 by township (hazards found in the period): without a 判定依据 (no clause and no
//     standard), descriptions shorter than `minDescriptionChars`, a township with at least
//     `manyHazardsNoMajor` hazards and no major one, and likely duplicates (same enterprise, same
//     description once spaces and punctuation are ignored, found within `duplicateWindowDays` of
//     the earlier one).
#pragma once
#include "report/report_config.hpp"
#include "report/stats.hpp"

#include <string>
#include <vector>

namespace hz::report {

struct HazardRef {
  std::string id, number, enterpriseId, enterpriseName, township, foundDate, level, status, source, category,
      description, responsibleDepartment, responsiblePerson, deadline, supervision;
};

struct MissedInspection {
  std::string id, date, department, inspectors, office; // office: the recording office's name
};
struct MissedCase {
  HazardRef hazard;
  std::vector<MissedInspection> inspections; // oldest first
};

struct UnwatchedCase {
  HazardRef hazard;
  std::vector<std::string> reasons; // 逾期未整改, 曾重新打开, 销号无验收信息, 逾期未挂牌督办
};

enum class PrecisionIssue { NoClause, ShortDescription, LikelyDuplicate };
const char* precisionIssueName(PrecisionIssue i); // 无判定依据, 描述过于简单, 疑似重复

struct PrecisionRow {
  HazardRef hazard;
  PrecisionIssue issue;
  std::string detail; // e.g. "描述仅6字", "与 320102003-2026-0012 重复"
};

struct TownshipPrecision {
  std::string code, name;
  int64_t hazards = 0, major = 0, noClause = 0, shortDescription = 0, duplicates = 0;
  bool manyNoMajor = false; // at least manyHazardsNoMajor hazards, none major
};

struct Lookback {
  Period period;
  core::Date today;
  std::vector<MissedCase> missed;           // by found date, then number
  std::vector<UnwatchedCase> unwatched;     // by deadline, then number
  std::vector<TownshipPrecision> precision; // townships with hazards, by code
  std::vector<PrecisionRow> precisionRows;  // by township, issue, number
};

// `precisionRows` false: only the per-township counts of 排查精度 (the bulletin prints counts; the
// hazard-by-hazard rows of a city's year are tens of thousands).
Result<Lookback> lookback(store::Store& store, const Period& period, const core::Date& today,
                          const ReportConfig& config, bool precisionRows = true);

nlohmann::json lookbackJson(const Lookback& l);

} // namespace hz::report
