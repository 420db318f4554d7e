// Ledger statistics (see stats.hpp).
#include "ledger/stats.hpp"

#include <cmath>
#include <set>

namespace hz::ledger {

nlohmann::json computeStats(const Ledger& l, const core::Date& today) {
  using nlohmann::json;
  const std::string todayText = today.toString();
  json byStatus = json::object();
  for (const char* s : {"待整改", "整改中", "待验收", "已销号"}) byStatus[s] = 0;
  json bySource = json::object(), byTownship = json::object(), byIndustry = json::object();
  int64_t total = 0, major = 0, general = 0, overdue = 0;
  for (const auto& r : l.of(Kind::Hazard)) {
    const core::Hazard h = toHazard(r);
    ++total;
    (h.level == core::HazardLevel::Major ? major : general)++;
    const std::string status = core::toChinese(h.status);
    byStatus[status] = byStatus[status].get<int64_t>() + 1;
    auto bump = [](json& map, const std::string& key) {
      const std::string k = key.empty() ? "(未填)" : key;
      map[k] = map.contains(k) ? map[k].get<int64_t>() + 1 : 1;
    };
    bump(bySource, h.source);
    bump(byTownship, h.divisionCode);
    bump(byIndustry, h.industry);
    if (h.status != core::HazardStatus::Closed && !h.deadline.empty() && h.deadline < todayText) ++overdue;
  }
  auto rate = [&](int64_t n) { return total == 0 ? 0.0 : std::round(10000.0 * n / total) / 10000.0; };
  const int64_t rectified = byStatus["待验收"].get<int64_t>() + byStatus["已销号"].get<int64_t>();
  std::set<std::string> inspected;
  for (const auto& r : l.of(Kind::Inspection)) inspected.insert(core::fieldValue(r.fields, "enterprise_id"));
  json out;
  out["today"] = todayText;
  out["hazards"] = {{"total", total},
                    {"major", major},
                    {"general", general},
                    {"overdue", overdue},
                    {"by_status", byStatus},
                    {"by_source", bySource},
                    {"by_township", byTownship},
                    {"by_industry", byIndustry},
                    {"rectified_rate", rate(rectified)},
                    {"closed_rate", rate(byStatus["已销号"].get<int64_t>())}};
  out["enterprises"] = {{"total", static_cast<int64_t>(l.of(Kind::Enterprise).size())}};
  out["inspections"] = {{"total", static_cast<int64_t>(l.of(Kind::Inspection).size())},
                        {"enterprises_inspected", static_cast<int64_t>(inspected.size())}};
  out["work_injuries"] = {{"total", static_cast<int64_t>(l.of(Kind::WorkInjury).size())}};
  return out;
}

std::string statsText(const nlohmann::json& s) {
  const auto& h = s["hazards"];
  auto pct = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    return std::string(buf);
  };
  std::string out = "统计日期：" + s["today"].get<std::string>() + "\n";
  out += "隐患总数：" + h["total"].dump() + "（重大隐患 " + h["major"].dump() + "，一般隐患 " + h["general"].dump() +
         "），逾期 " + h["overdue"].dump() + "\n";
  out += "整改率：" + pct(h["rectified_rate"].get<double>()) + "，销号率：" + pct(h["closed_rate"].get<double>()) + "\n";
  auto section = [&](const char* title, const nlohmann::json& map) {
    out += std::string(title) + "：";
    bool first = true;
    for (auto it = map.begin(); it != map.end(); ++it) {
      out += (first ? "" : "，") + it.key() + " " + it.value().dump();
      first = false;
    }
    out += "\n";
  };
  section("按状态", h["by_status"]);
  section("按来源", h["by_source"]);
  section("按乡镇(区划代码)", h["by_township"]);
  section("按行业", h["by_industry"]);
  out += "企业总数：" + s["enterprises"]["total"].dump() + "\n";
  out += "检查记录：" + s["inspections"]["total"].dump() + "（检查企业 " + s["inspections"]["enterprises_inspected"].dump() +
         " 家）\n";
  return out;
}

} // namespace hz::ledger
