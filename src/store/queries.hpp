// Read-side queries for the screens and reports: the filtered, sorted, paged hazard list
// (隐患台账) with full-text search and the enterprise dossier (一企一档). Statistics over the same
// filter (总览, stats, bulletins) are in src/report/.
#pragma once
#include "core/date.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hz::store {

struct HazardFilter {
  std::string divisionPrefix; // township/division code prefix, e.g. "320102" or "320102003"
  std::string industry;       // matches the value, its sub-items ("工贸" ⊇ "工贸/冶金") and former names
  std::string department;     // 整改责任部门 (responsible_department), exact
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

// Number of Unicode code points in UTF-8 text (decides FTS vs LIKE).
using core::utf8Length; // code points (core/text.hpp)

} // namespace hz::store
