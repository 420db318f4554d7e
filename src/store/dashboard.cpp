// Dashboard aggregates (总览): counts by status, level, source, township and industry, overdue,
// rectification and closure rates, and the weekly found-vs-closed trend — one pass over the
// hazards matching the same filter as the hazard list (one table scan, not one per chart).
#include "core/overdue.hpp"
#include "store/queries_internal.hpp"

#include <algorithm>
#include <map>

namespace hz::store {

namespace {

// Count desc, then key.
std::vector<CountBy> ranked(const std::map<std::string, int64_t>& counts) {
  std::vector<CountBy> out;
  out.reserve(counts.size());
  for (const auto& kv : counts) out.push_back({kv.first, kv.second});
  std::stable_sort(out.begin(), out.end(), [](const CountBy& a, const CountBy& b) { return a.count > b.count; });
  return out;
}

} // namespace

Result<Dashboard> dashboard(Store& store, const HazardFilter& filter, const core::Date& today, int weeks) {
  Database& db = QueryAccess::db(store);
  auto wr = buildWhere(store, filter, today);
  if (!wr) return wr.error();
  Where w = std::move(wr.value());
  const int todayParam = w.arg(today.toString());
  const std::string sql = "SELECT h.status, h.level, h.source, substr(h.division_code, 1, 9), h.industry, h.found_date, "
                          "h.closed_date, " + core::overdueSql("h", todayParam) + " FROM hazard h" +
                          listIndexHint(filter, w, Scan::Everyone) + w.clause();
  auto st = db.cached(sql);
  if (!st) return st.error();
  w.bindAll(**st);

  Dashboard d;
  const char* statusNames[] = {"待整改", "整改中", "待验收", "已销号"};
  int64_t byStatus[4] = {0, 0, 0, 0};
  std::map<std::string, int64_t> source, town, industry;
  core::Date start = today, end = today;
  if (weeks > 0) {
    const core::Date lastMonday = today.addDays(-today.weekday());
    start = lastMonday.addDays(-7 * static_cast<int64_t>(weeks - 1));
    end = lastMonday.addDays(6);
    for (int i = 0; i < weeks; ++i) d.weekly.push_back({start.addDays(7 * i).toString(), 0, 0});
  }
  const std::string startText = start.toString(), endText = end.toString();
  auto week = [&](const std::string& date) -> int64_t {
    if (weeks <= 0 || date < startText || date > endText) return -1;
    auto day = core::Date::parse(date);
    return day ? (day->toDays() - start.toDays()) / 7 : -1;
  };
  std::string status, key;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const Statement& row = **st;
    ++d.total;
    status = row.getText(0);
    for (int i = 0; i < 4; ++i) byStatus[i] += status == statusNames[i];
    d.major += row.getText(1) == "重大隐患";
    ++source[row.getText(2)];
    ++town[row.getText(3)];
    key = row.getText(4);
    ++industry[key.substr(0, key.find('/'))];
    d.overdue += row.getInt(7) != 0;
    if (auto wk = week(row.getText(5)); wk >= 0 && wk < weeks) ++d.weekly[static_cast<size_t>(wk)].found;
    if (status == "已销号") {
      if (auto wk = week(row.getText(6)); wk >= 0 && wk < weeks) ++d.weekly[static_cast<size_t>(wk)].closed;
    }
  }
  for (int i = 0; i < 4; ++i) d.byStatus.push_back({statusNames[i], byStatus[i]});
  d.byLevel = {{"一般隐患", d.total - d.major}, {"重大隐患", d.major}};
  if (d.total > 0) {
    d.rectifiedRate = static_cast<double>(byStatus[2] + byStatus[3]) / static_cast<double>(d.total);
    d.closedRate = static_cast<double>(byStatus[3]) / static_cast<double>(d.total);
  }
  d.bySource = ranked(source);
  d.byTownship = ranked(town);
  d.byIndustry = ranked(industry);
  return d;
}

} // namespace hz::store
