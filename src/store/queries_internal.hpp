// Internals shared by queries.cpp and dashboard.cpp: the WHERE clause built from a HazardFilter
// (conditions are fixed SQL text; every value is a bound parameter) and access to Store parts.
#pragma once
#include "store/queries.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace hz::store {

class QueryAccess {
public:
  static Database& db(Store& s) { return s.m_db; }
  static const RecordTable& hazards(Store& s) { return s.m_hazards; }
};

struct Where {
  std::vector<std::string> conds;  // SQL conditions over alias h (hazard)
  std::vector<std::string> args;   // bound as ?1..?n, all text

  int arg(std::string value);        // adds a value, returns its parameter number
  std::string p(std::string value);  // adds a value, returns "?n"
  std::string clause() const;        // " WHERE a AND b" or ""
  void bindAll(Statement& st) const;
};

Result<Where> buildWhere(Store& store, const HazardFilter& f, const core::Date& today);
// FTS5 query of trigrams covering `text` (>= 3 code points), each a quoted string.
std::string trigramQuery(std::string_view text);
// "(deadline set, before ?param, not closed)" — the SQL twin of core::isOverdue().
std::string overdueExpr(int param);

} // namespace hz::store
