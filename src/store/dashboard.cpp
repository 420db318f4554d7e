// Dashboard aggregates (总览): counts by status, level, source, township and industry, overdue,
// rectification and closure rates, and the weekly found-vs-closed trend — all in SQL over the
// same filter as the hazard list.
#include "store/queries_internal.hpp"

namespace hz::store {

namespace {

Result<std::vector<CountBy>> groupCounts(Database& db, const Where& w, const std::string& keyExpr) {
  std::string sql = "SELECT " + keyExpr + " AS k, count(*) AS n FROM hazard h";
  if (w.needsEnterprise) sql += " LEFT JOIN enterprise e ON e.id = h.enterprise_id";
  sql += w.clause() + " GROUP BY k ORDER BY n DESC, k";
  auto st = db.cached(sql);
  if (!st) return st.error();
  w.bindAll(**st);
  std::vector<CountBy> out;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back({(*st)->getText(0), (*st)->getInt(1)});
  }
  return out;
}

// Per-week counts of `dateColumn` within [start, end]: week index 0 = the week starting `start`.
Status weekCounts(Database& db, Where w, const std::string& dateColumn, const std::string& extra,
                  const core::Date& start, const core::Date& end, std::vector<WeekPoint>& weeks, bool closed) {
  const std::string s = w.p(start.toString());
  w.conds.push_back(dateColumn + " >= " + s + " AND " + dateColumn + " <= " + w.p(end.toString()));
  if (!extra.empty()) w.conds.push_back(extra);
  std::string sql = "SELECT CAST((julianday(" + dateColumn + ") - julianday(" + s +
                    ")) / 7 AS INTEGER) AS wk, count(*) FROM hazard h";
  if (w.needsEnterprise) sql += " LEFT JOIN enterprise e ON e.id = h.enterprise_id";
  sql += w.clause() + " GROUP BY wk";
  auto st = db.cached(sql);
  if (!st) return st.error();
  w.bindAll(**st);
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const int64_t wk = (*st)->getInt(0);
    if (wk < 0 || wk >= static_cast<int64_t>(weeks.size())) continue;
    (closed ? weeks[wk].closed : weeks[wk].found) += (*st)->getInt(1);
  }
  return ok();
}

} // namespace

Result<Dashboard> dashboard(Store& store, const HazardFilter& filter, const core::Date& today, int weeks) {
  Database& db = QueryAccess::db(store);
  auto wr = buildWhere(store, filter, today);
  if (!wr) return wr.error();
  Where w = std::move(wr.value());
  Dashboard d;
  {
    Where t = w;
    const int todayParam = t.arg(today.toString());
    std::string sql = "SELECT count(*), coalesce(sum(" + overdueExpr(todayParam) +
                      "), 0), coalesce(sum(h.level = '重大隐患'), 0), coalesce(sum(h.status = '待整改'), 0), "
                      "coalesce(sum(h.status = '整改中'), 0), coalesce(sum(h.status = '待验收'), 0), "
                      "coalesce(sum(h.status = '已销号'), 0) FROM hazard h";
    if (t.needsEnterprise) sql += " LEFT JOIN enterprise e ON e.id = h.enterprise_id";
    sql += t.clause();
    auto st = db.cached(sql);
    if (!st) return st.error();
    t.bindAll(**st);
    auto r = (*st)->step();
    if (!r) return r.error();
    d.total = (*st)->getInt(0);
    d.overdue = (*st)->getInt(1);
    d.major = (*st)->getInt(2);
    const char* names[] = {"待整改", "整改中", "待验收", "已销号"};
    for (int i = 0; i < 4; ++i) d.byStatus.push_back({names[i], (*st)->getInt(3 + i)});
    d.byLevel = {{"一般隐患", d.total - d.major}, {"重大隐患", d.major}};
    if (d.total > 0) {
      d.rectifiedRate = static_cast<double>(d.byStatus[2].count + d.byStatus[3].count) / static_cast<double>(d.total);
      d.closedRate = static_cast<double>(d.byStatus[3].count) / static_cast<double>(d.total);
    }
  }
  auto src = groupCounts(db, w, "h.source");
  if (!src) return src.error();
  d.bySource = std::move(src.value());
  auto town = groupCounts(db, w, "substr(h.division_code, 1, 9)");
  if (!town) return town.error();
  d.byTownship = std::move(town.value());
  auto ind = groupCounts(db, w, "CASE WHEN instr(h.industry, '/') > 0 THEN substr(h.industry, 1, instr(h.industry, '/') - 1) "
                                "ELSE h.industry END");
  if (!ind) return ind.error();
  d.byIndustry = std::move(ind.value());

  if (weeks > 0) {
    const core::Date lastMonday = today.addDays(-today.weekday());
    const core::Date start = lastMonday.addDays(-7 * static_cast<int64_t>(weeks - 1));
    for (int i = 0; i < weeks; ++i) d.weekly.push_back({start.addDays(7 * i).toString(), 0, 0});
    const core::Date end = lastMonday.addDays(6);
    if (auto s = weekCounts(db, w, "h.found_date", "", start, end, d.weekly, false); !s) return s.error();
    if (auto s = weekCounts(db, w, "h.closed_date", "h.status = '已销号'", start, end, d.weekly, true); !s) {
      return s.error();
    }
  }
  return d;
}

} // namespace hz::store
