// Internals shared by the report modules: SQL conditions of a scope and a period over a table
// with division_code and industry columns (enterprise, work_injury, hazard), as bound parameters.
#pragma once
#include "report/lookback.hpp"
#include "report/stats.hpp"
#include "store/queries_internal.hpp"

#include <string>

namespace hz::report {

// The scope's division prefix and industry (with sub-items and former names) over table alias `a`.
Status scopeConditions(store::Store& store, const Scope& scope, const std::string& a, store::Where& w);
// `column` within the period's inclusive bounds (an empty bound is open).
void periodConditions(const Period& period, const std::string& column, store::Where& w);

// The columns of a HazardRef (lookback.hpp), first in a query over hazard h joined with
// kHazardRefFrom, and how to read them back.
extern const char* const kHazardRefColumns;
extern const char* const kHazardRefFrom; // " FROM hazard h LEFT JOIN enterprise e ON ..."
inline constexpr int kHazardRefCount = 15;
HazardRef readHazardRef(const store::Statement& row);

} // namespace hz::report
