// 逾期 (overdue), defined once: the C++ predicate and its SQL twin side by side, so the hazard list,
// the dossier, statistics and bulletins all count the same hazards (tests/unit/report_stats_test.cpp
// checks that the two agree on every row).
#pragma once
#include "core/date.hpp"
#include "core/model.hpp"

#include <string>
#include <string_view>

namespace hz::core {

// Overdue = a deadline is set, it is before `today` (the deadline day itself is not overdue) and
// the hazard is not 已销号. Dates are compared as "YYYY-MM-DD" text, byte by byte, exactly as
// SQLite compares TEXT, so a malformed deadline gives the same answer in C++ and in SQL.
bool isOverdue(HazardStatus status, std::string_view deadline, const Date& today);
bool isOverdue(const Hazard& h, const Date& today);

// The same predicate over the hazard table aliased `alias` (e.g. "h"), with `today` bound as
// text to parameter ?todayParam: "(h.deadline <> '' AND h.deadline < ?N AND h.status <> '已销号')".
std::string overdueSql(std::string_view alias, int todayParam);

} // namespace hz::core
