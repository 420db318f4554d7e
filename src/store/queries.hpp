// Read-side queries for the screens and reports: the filtered, sorted, paged hazard list
// (隐患台账) with full-text search, the enterprise dossier (一企一档) and dashboard aggregates (总览).
#pragma once
#include "core/text.hpp"
#include "core/date.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hz::store {

struct HazardFilter {
  std::string divisionPrefix; // township/division code prefix, e.g. "320102" or "320102003"
  std::string industry;       // matches the value, its sub-items ("工贸" ⊇ "工贸/冶金") and former names
  std::optional<core::HazardLevel> level;
  std::vector<core::HazardStatus> statuses; // any of these; empty = all
  std::optional<core::ReviewState> review;  // 审核状态
  bool foreignOnly = false;                 // only hazards recorded by other offices (审核 queue)
  std::string source;                       // 隐患来源, exact (with former names)
  std::optional<bool> overdue;              // true: only overdue; false: only not overdue (vs `today`)
  std::string foundFrom, foundTo;           // inclusive YYYY-MM-DD bounds on found_date ("" = open)
  std::string enterpriseId;
  std::string text; // ≥3 characters: FTS5 trigram; 1–2: LIKE; over description,
                    // location, measures and the enterprise name (substring match);
                    // a code also matches the hazard number's tail and the firm's USCC
};

// Sort by a JSON field name of Hazard (e.g. "found_date", "deadline", "status", "funds_wan") or
// "enterprise_name"; anything else is refused. Ties are broken by id (ascending).
struct HazardSort {
  std::string column = "found_date";
  bool descending = true;
};

struct HazardRow {
  core::Hazard hazard;
  std::string enterpriseName;
  bool overdue = false;
};

struct HazardPage {
  int64_t total = 0; // rows matching the filter (all pages)
  std::vector<HazardRow> rows;
};

Result<HazardPage> queryHazards(Store& store, const HazardFilter& filter, const HazardSort& sort, int64_t offset,
                                int64_t limit, const core::Date& today);
Result<int64_t> countHazards(Store& store, const HazardFilter& filter, const core::Date& today);
// The columns queryHazards() can sort by.
std::vector<std::string> sortableHazardColumns(Store& store);

struct EnterpriseDossier {
  core::Enterprise enterprise;
  std::vector<core::Hazard> hazards;         // newest found first
  std::vector<core::Inspection> inspections; // newest first
  std::vector<core::HistoryEvent> history;   // enterprise + its hazards and inspections
  int64_t openHazards = 0;                   // not 已销号
  int64_t overdueHazards = 0;
};
Result<EnterpriseDossier> enterpriseDossier(Store& store, const std::string& enterpriseId, const core::Date& today);

struct CountBy {
  std::string key;
  int64_t count = 0;
  bool operator==(const CountBy&) const = default;
};

struct WeekPoint {
  std::string weekStart; // Monday, YYYY-MM-DD
  int64_t found = 0;     // hazards with found_date in the week
  int64_t closed = 0;    // hazards now 已销号 with closed_date in the week
  bool operator==(const WeekPoint&) const = default;
};

struct Dashboard {
  int64_t total = 0;
  int64_t overdue = 0;
  int64_t major = 0;
  std::vector<CountBy> byStatus;   // all four statuses, workflow order
  std::vector<CountBy> byLevel;    // 一般隐患, 重大隐患
  std::vector<CountBy> bySource;   // count desc, then key
  std::vector<CountBy> byTownship; // first 9 digits of division_code; count desc, then key
  std::vector<CountBy> byIndustry; // top-level industry (before "/"); count desc, then key
  double rectifiedRate = 0;        // (待验收 + 已销号) / total
  double closedRate = 0;           // 已销号 / total
  std::vector<WeekPoint> weekly;   // `weeks` weeks, oldest first, the last containing today
};
Result<Dashboard> dashboard(Store& store, const HazardFilter& filter, const core::Date& today, int weeks = 12);

// Number of Unicode code points in UTF-8 text (decides FTS vs LIKE).
using core::utf8Length; // code points (core/text.hpp)

} // namespace hz::store
