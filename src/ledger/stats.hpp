// Ledger statistics for `hazard-ledger stats` (keys fixed by CONTRACTS.md): hazard totals by
// level, status, source, township and industry, overdue count, rectification and closure rates.
#pragma once
#include "core/date.hpp"
#include "ledger/ledger.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace hz::ledger {

// Overdue = deadline before `today` and not 已销号; rectified_rate = (待验收 + 已销号) / total;
// closed_rate = 已销号 / total (0 when there are no hazards); rates rounded to 4 decimals.
nlohmann::json computeStats(const Ledger& l, const core::Date& today);
// The same as readable Chinese text.
std::string statsText(const nlohmann::json& stats);

} // namespace hz::ledger
