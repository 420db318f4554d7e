// Internals shared by queries.cpp and the statistics in src/report/: the WHERE clause built from a HazardFilter
// (conditions are fixed SQL text; every value is a bound parameter) and access to Store parts.
#pragma once
#include "store/queries.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace hz::store {

class QueryAccess {
public:
  static Database& db(Store& s) { return s.m_db; }
  static const RecordTable& hazards(Store& s) { return s.table(core::RecordKind::Hazard); }
  // A count remembered under `key` while the data stamp is `stamp`, if any.
  static std::optional<int64_t> recalledCount(Store& s, const std::string& key, int64_t stamp);
  static void rememberCount(Store& s, const std::string& key, int64_t stamp, int64_t count);
};

struct Where {
  std::vector<std::string> conds; // SQL conditions over alias h (hazard)
  std::vector<std::string> args;  // bound as ?1..?n, all text

  int arg(std::string value);       // adds a value, returns its parameter number
  std::string p(std::string value); // adds a value, returns "?n"
  std::string clause() const;       // " WHERE a AND b" or ""
  void bindAll(Statement& st) const;
};

Result<Where> buildWhere(Store& store, const HazardFilter& f, const core::Date& today);
// "(column = ? OR column LIKE '?/%' ...)": the industry, its sub-items ("工贸" ⊇ "工贸/冶金") and
// former names, over `column` (a fixed column name of ours, e.g. "h.industry").
Result<std::string> industryCondition(Store& store, const std::string& column, const std::string& industry, Where& w);
// FTS5 query of trigrams covering `text` (>= 3 code points), each a quoted string.
std::string trigramQuery(std::string_view text);

// Which rows a query over hazard h reads, for listIndexHint().
enum class Scan {
  Page,     // one sorted page: without a filter, walking the sort column's own index is best
  Everyone, // every matching row (counts over all, aggregates)
};
// " INDEXED BY hazard_list" when that covering index (migration v4) alone answers the filter
// and the sort column ("" = none), else "".
std::string listIndexHint(const HazardFilter& f, const Where& w, Scan scan, const std::string& sortColumn = {});

} // namespace hz::store
