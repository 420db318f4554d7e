// 考评 (see assessment.hpp): three grouped queries (hazards of the period, overdue major hazards,
// inspected enterprises), the indicator scores, the ranking and the zones.
//
// Index: [SECTION] Gathering · [SECTION] Scoring · [SECTION] Ranking and zones · [SECTION] JSON
#include "report/assessment.hpp"

#include "core/overdue.hpp"
#include "store/queries_internal.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace hz::report {

const char* unitKindName(UnitKind k) {
  switch (k) {
  case UnitKind::Township:
    return "乡镇（街道）";
  case UnitKind::Department:
    return "责任部门";
  case UnitKind::Industry:
    return "行业领域";
  case UnitKind::Source:
    return "隐患来源";
  }
  return "";
}

const char* unitKindKey(UnitKind k) {
  const char* const keys[] = {"township", "department", "industry", "source"};
  return keys[static_cast<int>(k)];
}

std::optional<UnitKind> unitKindFromKey(std::string_view key) {
  for (UnitKind k : {UnitKind::Township, UnitKind::Department, UnitKind::Industry, UnitKind::Source})
    if (key == unitKindKey(k)) return k;
  return std::nullopt;
}

namespace {

// [SECTION] Gathering

using Tally = UnitFigures;
using Tallies = std::map<std::string, Tally, std::less<>>;

Tally& unit(Tallies& t, const std::string& key) {
  auto [it, added] = t.try_emplace(key);
  if (added) it->second.key = it->second.name = key;
  return it->second;
}

// Entered in time: reported (or, without a report date, created) within `days` of being found.
bool timely(const std::string& found, const std::string& reported, const std::string& created, int days) {
  const auto f = core::Date::parse(found);
  const auto e =
      core::Date::parse(!reported.empty() ? std::string_view(reported) : std::string_view(created).substr(0, 10));
  return f && e && e->toDays() - f->toDays() <= days;
}

// The unit a hazard (or an inspected firm) belongs to, from the raw column the query reads.
std::string unitKey(UnitKind kind, const std::string& raw) {
  switch (kind) {
  case UnitKind::Township:
    return townshipKey(raw);
  case UnitKind::Industry:
    return industryTop(raw);
  case UnitKind::Department:
  case UnitKind::Source:
    return raw;
  }
  return raw;
}

Status gather(store::Store& store, UnitKind kind, const Period& period, const core::Date& today, int timelyDays,
              Tallies& out) {
  store::Database& db = store::QueryAccess::db(store);
  // Every township and department the office knows of takes part, even with nothing recorded.
  if (kind == UnitKind::Township || kind == UnitKind::Department) {
    const bool town = kind == UnitKind::Township;
    auto dict = store.dictionary(town ? store::kDictTownship : "department");
    if (!dict) return dict.error();
    for (const auto& e : dict.value()) {
      const std::string key = town ? e.code : e.value;
      if (!key.empty()) unit(out, key).name = e.value;
    }
  }
  const char* const hazardColumn[] = {"h.division_code", "h.responsible_department", "h.industry", "h.source"};
  const std::string column = hazardColumn[static_cast<int>(kind)];
  const std::string major = core::toChinese(core::HazardLevel::Major);
  {
    auto st = db.cached("SELECT " + column +
                        ", h.level, h.status, h.clause_ref <> '' OR h.standard_id <> '', h.found_date, "
                        "h.reported_date, h.created_at, " +
                        core::overdueSql("h", 3) + " FROM hazard h WHERE h.found_date >= ?1 AND h.found_date <= ?2");
    if (!st) return st.error();
    (*st)->bind(1, period.from).bind(2, period.to).bind(3, today.toString());
    const std::string verifying = core::toChinese(core::HazardStatus::AwaitingVerification);
    const std::string closed = core::toChinese(core::HazardStatus::Closed);
    auto s = store::forEachRow(**st, [&](const store::Statement& row) {
      const std::string key = unitKey(kind, row.getText(0));
      if (key.empty()) return;
      Tally& t = unit(out, key);
      ++t.hazards;
      t.major += row.getText(1) == major;
      const std::string status = row.getText(2);
      t.rectified += status == verifying || status == closed;
      t.closed += status == closed;
      t.withClause += row.getInt(3) != 0;
      t.timely += timely(row.getText(4), row.getText(5), row.getText(6), timelyDays);
      t.overdue += row.getInt(7) != 0;
    });
    if (!s) return s;
  }
  {
    auto st = db.cached("SELECT " + column + " FROM hazard h WHERE h.level = ?1 AND h.found_date <= ?2 AND " +
                        core::overdueSql("h", 3));
    if (!st) return st.error();
    (*st)->bind(1, major).bind(2, period.to).bind(3, today.toString());
    auto s = store::forEachRow(**st, [&](const store::Statement& row) {
      if (auto key = unitKey(kind, row.getText(0)); !key.empty()) ++unit(out, key).overdueMajor;
    });
    if (!s) return s;
  }
  if (kind != UnitKind::Source) { // inspections have no 隐患来源
    const char* const firmColumn[] = {"e.division_code", "i.department", "e.industry", ""};
    auto st = db.cached(std::string("SELECT ") + firmColumn[static_cast<int>(kind)] +
                        ", i.enterprise_id FROM inspection i LEFT JOIN enterprise e ON e.id = i.enterprise_id "
                        "WHERE i.date >= ?1 AND i.date <= ?2");
    if (!st) return st.error();
    (*st)->bind(1, period.from).bind(2, period.to);
    std::set<std::pair<std::string, std::string>> seen; // (unit, firm)
    auto s = store::forEachRow(**st, [&](const store::Statement& row) {
      auto key = unitKey(kind, row.getText(0));
      if (!key.empty() && seen.emplace(key, row.getText(1)).second) ++unit(out, key).enterprisesInspected;
    });
    if (!s) return s;
  }
  return ok();
}

// [SECTION] Scoring

double ratio(int64_t n, int64_t d) { return d > 0 ? static_cast<double>(n) / static_cast<double>(d) : 0; }
double round1(double v) { return std::round(v * 10) / 10; }

IndicatorScore score(IndicatorId id, const Tally& t, double bestMajorPer100, const ReportConfig& config) {
  IndicatorScore s;
  s.id = id;
  auto share = [&](int64_t n) {
    s.numerator = n;
    s.denominator = t.hazards;
    s.value = ratio(n, t.hazards);
    s.score = s.value * 100;
    if (t.hazards == 0) s.note = "本期无隐患，按0分计";
  };
  switch (id) {
  case IndicatorId::RectifiedRate:
    share(t.rectified);
    break;
  case IndicatorId::ClauseShare:
    share(t.withClause);
    break;
  case IndicatorId::TimelyReporting:
    share(t.timely);
    break;
  case IndicatorId::OverdueMajor:
    s.numerator = t.overdueMajor;
    s.value = static_cast<double>(t.overdueMajor);
    s.score = std::max(0.0, 100.0 - static_cast<double>(config.overduePenalty * t.overdueMajor));
    break;
  case IndicatorId::MajorPer100:
    s.numerator = t.major;
    s.denominator = t.enterprisesInspected;
    s.value = ratio(t.major * 100, t.enterprisesInspected);
    s.score = bestMajorPer100 > 0 ? s.value / bestMajorPer100 * 100 : 0;
    if (t.enterprisesInspected == 0)
      s.note = "本期无检查企业，按0分计";
    else if (bestMajorPer100 <= 0)
      s.note = "各单位均未发现重大隐患，均按0分计";
    break;
  }
  return s;
}

// [SECTION] Ranking and zones

void rankAndZone(std::vector<UnitAssessment>& units, const ZoneRule& rule) {
  std::stable_sort(units.begin(), units.end(),
                   [](const UnitAssessment& a, const UnitAssessment& b) { return a.total > b.total; });
  const int64_t n = static_cast<int64_t>(units.size());
  auto quota = [&](double share) { return static_cast<int64_t>(std::ceil(share * static_cast<double>(n) - 1e-9)); };
  const int64_t red = quota(rule.redShare), blue = std::min(quota(rule.blueShare), n - red);
  for (size_t i = 0; i < units.size(); ++i) {
    UnitAssessment& u = units[i];
    // Units with equal totals share a rank and a zone (a tie at a boundary goes into both).
    int64_t better = 0, worse = 0;
    for (const auto& o : units) {
      better += o.total > u.total;
      worse += o.total < u.total;
    }
    u.rank = static_cast<int>(better + 1);
    char buf[160];
    if (rule.mode == ZoneMode::ByRank) {
      if (worse < red) {
        u.zone = Zone::Red;
        std::snprintf(buf, sizeof buf, "排名第%d（共%lld个），位于后%lld名", u.rank, static_cast<long long>(n),
                      static_cast<long long>(red));
      } else if (better < blue) {
        u.zone = Zone::Blue;
        std::snprintf(buf, sizeof buf, "排名第%d（共%lld个），位于前%lld名", u.rank, static_cast<long long>(n),
                      static_cast<long long>(blue));
      } else {
        u.zone = Zone::Yellow;
        std::snprintf(buf, sizeof buf, "排名第%d（共%lld个）", u.rank, static_cast<long long>(n));
      }
    } else if (u.total < rule.redBelow) {
      u.zone = Zone::Red;
      std::snprintf(buf, sizeof buf, "总分%.1f，低于红区分数线%.1f", u.total, rule.redBelow);
    } else if (u.total >= rule.blueFrom) {
      u.zone = Zone::Blue;
      std::snprintf(buf, sizeof buf, "总分%.1f，达到蓝区分数线%.1f", u.total, rule.blueFrom);
    } else {
      u.zone = Zone::Yellow;
      std::snprintf(buf, sizeof buf, "总分%.1f，介于%.1f与%.1f之间", u.total, rule.redBelow, rule.blueFrom);
    }
    u.zoneReason = buf;
  }
}

} // namespace

Result<std::vector<UnitFigures>> unitFigures(store::Store& store, UnitKind kind, const Period& period,
                                             const core::Date& today, int timelyDays) {
  if (auto p = checkPeriod(period); !p.empty()) return Error::invalid(p);
  Tallies tallies;
  if (auto s = gather(store, kind, period, today, timelyDays, tallies); !s) return s.error();
  std::vector<UnitFigures> out;
  out.reserve(tallies.size());
  for (auto& [key, t] : tallies) out.push_back(std::move(t));
  return out;
}

Result<Assessment> assess(store::Store& store, UnitKind kind, const Period& period, const core::Date& today,
                          const ReportConfig& config) {
  if (auto p = checkPeriod(period); !p.empty()) return Error::invalid(p);
  if (auto p = checkReportConfig(config); !p.empty()) return Error::invalid(p);
  auto units = unitFigures(store, kind, period, today, config.timelyDays);
  if (!units) return units.error();
  return assessFigures(kind, period, today, config, units.value());
}

Assessment assessFigures(UnitKind kind, const Period& period, const core::Date& today, const ReportConfig& config,
                         const std::vector<UnitFigures>& units) {
  double best = 0;
  for (const auto& t : units) best = std::max(best, ratio(t.major * 100, t.enterprisesInspected));
  const double totalWeight = config.totalWeight();
  Assessment a;
  a.kind = kind;
  a.period = period;
  a.today = today;
  for (const auto& t : units) {
    UnitAssessment u;
    u.figures = t;
    double total = 0;
    for (const auto& w : config.indicators) {
      if (w.weight <= 0) continue;
      IndicatorScore s = score(w.id, t, best, config);
      s.weight = w.weight;
      s.weighted = totalWeight > 0 ? s.score * w.weight / totalWeight : 0;
      total += s.weighted;
      u.indicators.push_back(std::move(s));
    }
    u.total = round1(total);
    a.units.push_back(std::move(u));
  }
  rankAndZone(a.units, config.zones);
  return a;
}

// [SECTION] JSON

nlohmann::json assessmentJson(const Assessment& a) {
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : a.units) {
    nlohmann::json ind = nlohmann::json::array();
    for (const auto& s : u.indicators)
      ind.push_back({{"id", indicatorKey(s.id)},
                     {"name", indicatorName(s.id)},
                     {"weight", s.weight},
                     {"value", std::round(s.value * 10000) / 10000},
                     {"numerator", s.numerator},
                     {"denominator", s.denominator},
                     {"score", round1(s.score)},
                     {"weighted", std::round(s.weighted * 100) / 100},
                     {"note", s.note}});
    units.push_back({{"key", u.figures.key},
                     {"name", u.figures.name},
                     {"hazards", u.figures.hazards},
                     {"major", u.figures.major},
                     {"enterprises_inspected", u.figures.enterprisesInspected},
                     {"total", u.total},
                     {"rank", u.rank},
                     {"zone", zoneName(u.zone)},
                     {"zone_reason", u.zoneReason},
                     {"indicators", ind}});
  }
  return {{"kind", unitKindKey(a.kind)},
          {"period", {{"from", a.period.from}, {"to", a.period.to}}},
          {"today", a.today.toString()},
          {"units", units}};
}

} // namespace hz::report
