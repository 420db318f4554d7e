// Statistics as JSON and as Chinese text (see stats_output.hpp).
#include "report/stats_output.hpp"

#include <cmath>
#include <cstdio>

namespace hz::report {

namespace {

std::string keyOf(const std::string& key) { return key.empty() ? kUnsetKey : key; }

nlohmann::json table(const std::vector<CountBy>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& c : counts) out[keyOf(c.key)] = c.count;
  return out;
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}

} // namespace

double roundedRate(double rate) { return std::round(10000.0 * rate) / 10000.0; }

nlohmann::json statsJson(const Stats& s) {
  using nlohmann::json;
  const HazardStats& h = s.hazards;
  json weekly = json::array();
  for (const auto& w : h.weekly)
    weekly.push_back({{"week_start", w.weekStart}, {"found", w.found}, {"closed", w.closed}});
  json out;
  out["today"] = s.today.toString();
  out["scope"] = {{"division", s.scope.division}, {"department", s.scope.department}, {"industry", s.scope.industry}};
  out["period"] = {{"from", s.period.from}, {"to", s.period.to}};
  out["hazards"] = {{"total", h.total},
                    {"major", h.major},
                    {"general", h.general},
                    {"overdue", h.overdue},
                    {"overdue_major", h.overdueMajor},
                    {"rectified", h.rectified},
                    {"closed", h.closed},
                    {"by_status", table(h.byStatus)},
                    {"by_level", table(h.byLevel)},
                    {"by_source", table(h.bySource)},
                    {"by_township", table(h.byTownship)},
                    {"by_industry", table(h.byIndustry)},
                    {"by_industry_detail", table(h.byIndustryDetail)},
                    {"by_department", table(h.byDepartment)},
                    {"rectified_rate", roundedRate(h.rectifiedRate)},
                    {"closed_rate", roundedRate(h.closedRate)},
                    {"weekly", weekly}};
  out["enterprises"] = {{"total", s.records.enterprises}};
  out["inspections"] = {{"total", s.records.inspections}, {"enterprises_inspected", s.records.enterprisesInspected}};
  out["work_injuries"] = {{"total", s.records.workInjuries}};
  return out;
}

std::string statsText(const Stats& s) {
  const HazardStats& h = s.hazards;
  auto n = [](int64_t v) { return std::to_string(v); };
  std::string out = "统计日期：" + s.today.toString() + "\n";
  if (!s.period.from.empty() || !s.period.to.empty())
    out += "统计期间：" + (s.period.from.empty() ? "…" : s.period.from) + " 至 " +
           (s.period.to.empty() ? "…" : s.period.to) + "\n";
  out += "隐患总数：" + n(h.total) + "（重大隐患 " + n(h.major) + "，一般隐患 " + n(h.general) + "），逾期 " +
         n(h.overdue) + "（其中重大隐患 " + n(h.overdueMajor) + "）\n";
  out += "整改率：" + percent(roundedRate(h.rectifiedRate)) + "（已整改 " + n(h.rectified) + "），销号率：" +
         percent(roundedRate(h.closedRate)) + "（已销号 " + n(h.closed) + "）\n";
  auto section = [&](const char* title, const std::vector<CountBy>& counts) {
    out += std::string(title) + "：";
    bool first = true;
    for (const auto& c : counts) {
      out += (first ? "" : "，") + keyOf(c.key) + " " + n(c.count);
      first = false;
    }
    out += counts.empty() ? "无\n" : "\n";
  };
  section("按状态", h.byStatus);
  section("按来源", h.bySource);
  section("按乡镇街道(区划代码前9位)", h.byTownship);
  section("按行业", h.byIndustry);
  section("按行业(细分)", h.byIndustryDetail);
  section("按整改责任部门", h.byDepartment);
  out += "企业总数：" + n(s.records.enterprises) + "\n";
  out += "检查记录：" + n(s.records.inspections) + "（检查企业 " + n(s.records.enterprisesInspected) + " 家）\n";
  out += "工伤事件：" + n(s.records.workInjuries) + "\n";
  return out;
}

nlohmann::json comparisonJson(const PeriodComparison& c, const InjuryComparison& injuries) {
  using nlohmann::json;
  auto brief = [](const std::optional<Stats>& s) -> json {
    if (!s) return nullptr;
    const HazardStats& h = s->hazards;
    return {{"period", {{"from", s->period.from}, {"to", s->period.to}}},
            {"hazards",
             {{"total", h.total},
              {"major", h.major},
              {"overdue", h.overdue},
              {"rectified", h.rectified},
              {"closed", h.closed}}},
            {"inspections",
             {{"total", s->records.inspections}, {"enterprises_inspected", s->records.enterprisesInspected}}}};
  };
  auto change = [&](const std::optional<Stats>& s) -> json {
    if (!s) return nullptr;
    return {{"total", c.current.hazards.total - s->hazards.total},
            {"major", c.current.hazards.major - s->hazards.major}};
  };
  json out = statsJson(c.current);
  out["previous_period"] = brief(c.previous);
  out["same_period_last_year"] = brief(c.lastYear);
  out["change"] = {{"vs_previous", change(c.previous)}, {"vs_last_year", change(c.lastYear)}};
  out["work_injuries_yoy"] = injuryJson(injuries);
  return out;
}

std::string comparisonText(const PeriodComparison& c, const InjuryComparison& injuries) {
  std::string out;
  const HazardStats& h = c.current.hazards;
  if (c.previous)
    out += "环比（" + c.previous->period.from + " 至 " + c.previous->period.to + "）：隐患 " +
           changeText(h.total, c.previous->hazards.total) + "，重大隐患 " +
           changeText(h.major, c.previous->hazards.major) + "\n";
  if (c.lastYear)
    out += "同比（" + c.lastYear->period.from + " 至 " + c.lastYear->period.to + "）：隐患 " +
           changeText(h.total, c.lastYear->hazards.total) + "，重大隐患 " +
           changeText(h.major, c.lastYear->hazards.major) + "\n";
  out += injurySentence(injuries, "本辖区") + "\n";
  return out;
}

} // namespace hz::report
