// The statistics engine (see stats.hpp): one scan of the hazards matching a filter, counted in
// C++ with the grouping keys defined here, and three COUNT queries for the other record totals.
//
// Index: [SECTION] Grouping keys and periods · [SECTION] Hazards · [SECTION] Other records
#include "report/stats.hpp"

#include "core/overdue.hpp"
#include "report/report_internal.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace hz::report {

// [SECTION] Grouping keys and periods

std::string townshipKey(std::string_view divisionCode) { return std::string(divisionCode.substr(0, 9)); }

std::string industryTop(std::string_view industry) { return std::string(industry.substr(0, industry.find('/'))); }

std::optional<Period> previousPeriod(const Period& p) {
  const auto from = core::Date::parse(p.from), to = core::Date::parse(p.to);
  if (!from || !to || *to < *from) return std::nullopt;
  const int64_t days = to->toDays() - from->toDays() + 1;
  const core::Date end = from->addDays(-1);
  return Period{end.addDays(1 - days).toString(), end.toString()};
}

std::optional<Period> sameDaysLastYear(const Period& p) {
  auto back = [](const std::string& text) -> std::optional<std::string> {
    auto d = core::Date::parse(text);
    if (!d) return std::nullopt;
    core::Date r{d->year - 1, d->month, d->day};
    r.day = std::min(r.day, core::daysInMonth(r.year, r.month));
    return r.toString();
  };
  auto from = back(p.from), to = back(p.to);
  if (!from || !to) return std::nullopt;
  return Period{*from, *to};
}

const char* presetName(PeriodPreset p) {
  switch (p) {
  case PeriodPreset::ThisWeek:
    return "本周";
  case PeriodPreset::ThisMonth:
    return "本月";
  case PeriodPreset::ThisQuarter:
    return "本季度";
  case PeriodPreset::YearToDate:
    return "今年以来";
  case PeriodPreset::Campaign:
    return "专项行动期间";
  }
  return "";
}

std::optional<Period> presetPeriod(PeriodPreset p, const core::Date& today, const std::string& campaignFrom,
                                   const std::string& campaignTo) {
  const std::string end = today.toString();
  switch (p) {
  case PeriodPreset::ThisWeek:
    return Period{today.addDays(-today.weekday()).toString(), end};
  case PeriodPreset::ThisMonth:
    return Period{core::Date{today.year, today.month, 1}.toString(), end};
  case PeriodPreset::ThisQuarter:
    return Period{core::Date{today.year, (today.month - 1) / 3 * 3 + 1, 1}.toString(), end};
  case PeriodPreset::YearToDate:
    return Period{core::Date{today.year, 1, 1}.toString(), end};
  case PeriodPreset::Campaign: {
    const auto from = core::Date::parse(campaignFrom);
    if (!from) return std::nullopt;
    const auto to = core::Date::parse(campaignTo);
    return Period{from->toString(), to ? to->toString() : end};
  }
  }
  return std::nullopt;
}

std::string checkPeriod(const Period& p) {
  const auto from = core::Date::parse(p.from), to = core::Date::parse(p.to);
  if (!from) return "开始日期应为 YYYY-MM-DD 格式的有效日期";
  if (!to) return "结束日期应为 YYYY-MM-DD 格式的有效日期";
  if (*to < *from) return "结束日期早于开始日期";
  return {};
}

std::string periodText(const Period& p) {
  const auto from = core::Date::parse(p.from), to = core::Date::parse(p.to);
  if (!from || !to) return p.from + "至" + p.to;
  const auto y = [](const core::Date& d) { return std::to_string(d.year) + "年"; };
  const auto m = [](const core::Date& d) { return std::to_string(d.month) + "月"; };
  const auto d = [](const core::Date& x) { return std::to_string(x.day) + "日"; };
  if (from->year == to->year && from->day == 1 && to->day == core::daysInMonth(to->year, to->month)) {
    if (from->month == to->month) return y(*from) + m(*from);
    return y(*from) + std::to_string(from->month) + "—" + m(*to);
  }
  if (*from == *to) return y(*from) + m(*from) + d(*from);
  if (from->year != to->year) return y(*from) + m(*from) + d(*from) + "至" + y(*to) + m(*to) + d(*to);
  if (from->month != to->month) return y(*from) + m(*from) + d(*from) + "至" + m(*to) + d(*to);
  return y(*from) + m(*from) + d(*from) + "至" + d(*to);
}

store::HazardFilter hazardFilter(const Scope& scope, const Period& period) {
  store::HazardFilter f;
  f.divisionPrefix = scope.division;
  f.department = scope.department;
  f.industry = scope.industry;
  f.foundFrom = period.from;
  f.foundTo = period.to;
  return f;
}

// [SECTION] Hazards

namespace {

using Counts = std::map<std::string, int64_t, std::less<>>;

void bump(Counts& counts, std::string_view key) {
  if (auto it = counts.find(key); it != counts.end())
    ++it->second;
  else
    counts.emplace(std::string(key), 1);
}

// Count desc, then key.
std::vector<CountBy> ranked(const Counts& counts) {
  std::vector<CountBy> out;
  out.reserve(counts.size());
  for (const auto& kv : counts) out.push_back({kv.first, kv.second});
  std::stable_sort(out.begin(), out.end(), [](const CountBy& a, const CountBy& b) { return a.count > b.count; });
  return out;
}

double rate(int64_t n, int64_t total) { return total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0; }

} // namespace

Result<HazardStats> hazardStats(store::Store& store, const store::HazardFilter& filter, const core::Date& today,
                                int weeks) {
  using store::QueryAccess;
  store::Database& db = QueryAccess::db(store);
  auto wr = store::buildWhere(store, filter, today);
  if (!wr) return wr.error();
  store::Where w = std::move(wr.value());
  const int todayParam = w.arg(today.toString());
  const std::string sql = "SELECT h.status, h.level, h.source, h.division_code, h.industry, h.responsible_department, "
                          "h.found_date, h.closed_date, " +
                          core::overdueSql("h", todayParam) + " FROM hazard h" +
                          store::listIndexHint(filter, w, store::Scan::Everyone) + w.clause();
  auto st = db.cached(sql);
  if (!st) return st.error();
  w.bindAll(**st);

  HazardStats d;
  const core::HazardStatus statuses[] = {core::HazardStatus::Pending, core::HazardStatus::InProgress,
                                         core::HazardStatus::AwaitingVerification, core::HazardStatus::Closed};
  const std::string closedName = core::toChinese(core::HazardStatus::Closed);
  const std::string majorName = core::toChinese(core::HazardLevel::Major);
  int64_t byStatus[4] = {0, 0, 0, 0};
  Counts source, town, industry, industryDetail, department;
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
  std::string status, text;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const store::Statement& row = **st;
    ++d.total;
    status = row.getText(0);
    for (int i = 0; i < 4; ++i) byStatus[i] += status == core::toChinese(statuses[i]);
    const bool major = row.getText(1) == majorName;
    d.major += major;
    bump(source, row.getText(2));
    text = row.getText(3);
    bump(town, townshipKey(text));
    text = row.getText(4);
    bump(industry, industryTop(text));
    bump(industryDetail, text);
    bump(department, row.getText(5));
    const bool overdue = row.getInt(8) != 0;
    d.overdue += overdue;
    d.overdueMajor += overdue && major;
    if (auto wk = week(row.getText(6)); wk >= 0 && wk < weeks) ++d.weekly[static_cast<size_t>(wk)].found;
    if (status == closedName) {
      if (auto wk = week(row.getText(7)); wk >= 0 && wk < weeks) ++d.weekly[static_cast<size_t>(wk)].closed;
    }
  }
  for (int i = 0; i < 4; ++i) d.byStatus.push_back({core::toChinese(statuses[i]), byStatus[i]});
  d.general = d.total - d.major;
  d.byLevel = {{core::toChinese(core::HazardLevel::General), d.general}, {majorName, d.major}};
  d.rectified = byStatus[2] + byStatus[3];
  d.closed = byStatus[3];
  d.rectifiedRate = rate(d.rectified, d.total);
  d.closedRate = rate(d.closed, d.total);
  d.bySource = ranked(source);
  d.byTownship = ranked(town);
  d.byIndustry = ranked(industry);
  d.byIndustryDetail = ranked(industryDetail);
  d.byDepartment = ranked(department);
  return d;
}

// [SECTION] Other records

// Conditions of the scope's division and industry over a table aliased `a`.
Status scopeConditions(store::Store& store, const Scope& scope, const std::string& a, store::Where& w) {
  if (!scope.division.empty()) {
    const std::string lo = w.p(scope.division);
    w.conds.push_back(a + ".division_code >= " + lo + " AND " + a + ".division_code < " + w.p(scope.division + "\xFF"));
  }
  if (!scope.industry.empty()) {
    auto c = store::industryCondition(store, a + ".industry", scope.industry, w);
    if (!c) return c.error();
    w.conds.push_back(std::move(c.value()));
  }
  return ok();
}

void periodConditions(const Period& period, const std::string& column, store::Where& w) {
  if (!period.from.empty()) w.conds.push_back(column + " >= " + w.p(period.from));
  if (!period.to.empty()) w.conds.push_back(column + " <= " + w.p(period.to));
}

namespace {

Result<std::pair<int64_t, int64_t>> countPair(store::Store& store, const std::string& sql, const store::Where& w) {
  auto st = store::QueryAccess::db(store).cached(sql + w.clause());
  if (!st) return st.error();
  w.bindAll(**st);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return std::pair<int64_t, int64_t>{0, 0};
  return std::pair<int64_t, int64_t>{(*st)->getInt(0), (*st)->getInt(1)};
}

} // namespace

Result<RecordTotals> recordTotals(store::Store& store, const Scope& scope, const Period& period) {
  RecordTotals t;
  const bool firmScope = !scope.division.empty() || !scope.industry.empty();
  {
    store::Where w;
    if (auto s = scopeConditions(store, scope, "e", w); !s) return s.error();
    auto n = countPair(store, "SELECT count(*), 0 FROM enterprise e", w);
    if (!n) return n.error();
    t.enterprises = n->first;
  }
  {
    store::Where w;
    if (auto s = scopeConditions(store, scope, "e", w); !s) return s.error();
    periodConditions(period, "i.date", w);
    if (!scope.department.empty()) w.conds.push_back("i.department = " + w.p(scope.department));
    const std::string from =
        firmScope ? " FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id" : " FROM inspection i";
    auto n = countPair(store, "SELECT count(*), count(DISTINCT i.enterprise_id)" + from, w);
    if (!n) return n.error();
    t.inspections = n->first;
    t.enterprisesInspected = n->second;
  }
  {
    store::Where w;
    if (auto s = scopeConditions(store, scope, "w", w); !s) return s.error();
    periodConditions(period, "w.date", w);
    auto n = countPair(store, "SELECT count(*), 0 FROM work_injury w", w);
    if (!n) return n.error();
    t.workInjuries = n->first;
  }
  return t;
}

Result<Stats> computeStats(store::Store& store, const Scope& scope, const Period& period, const core::Date& today,
                           int weeks) {
  Stats s;
  s.today = today;
  s.scope = scope;
  s.period = period;
  auto h = hazardStats(store, hazardFilter(scope, period), today, weeks);
  if (!h) return h.error();
  s.hazards = std::move(h.value());
  auto r = recordTotals(store, scope, period);
  if (!r) return r.error();
  s.records = r.value();
  return s;
}

Result<PeriodComparison> compareStats(store::Store& store, const Scope& scope, const Period& period,
                                      const core::Date& today) {
  PeriodComparison c;
  auto cur = computeStats(store, scope, period, today);
  if (!cur) return cur.error();
  c.current = std::move(cur.value());
  for (auto [other, out] :
       {std::pair{previousPeriod(period), &c.previous}, std::pair{sameDaysLastYear(period), &c.lastYear}}) {
    if (!other) continue;
    auto s = computeStats(store, scope, *other, today);
    if (!s) return s.error();
    *out = std::move(s.value());
  }
  return c;
}

std::string changeText(int64_t now, int64_t before) {
  const int64_t d = now - before;
  if (d == 0) return "持平";
  std::string out = (d > 0 ? "+" : "−") + std::to_string(d > 0 ? d : -d);
  if (before == 0) return out + "（基数为0）";
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * static_cast<double>(d > 0 ? d : -d) / static_cast<double>(before));
  return out + "（" + (d > 0 ? "+" : "−") + pct + "）";
}

} // namespace hz::report
