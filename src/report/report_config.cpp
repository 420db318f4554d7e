// Report settings (see report_config.hpp): defaults, JSON form, checks, load and save.
#include "report/report_config.hpp"

#include "core/date.hpp"

#include <cmath>

namespace hz::report {

namespace {

struct IndicatorInfo {
  IndicatorId id;
  const char* key;
  const char* name;
  const char* rule;
  double defaultWeight;
};
const IndicatorInfo kIndicators[] = {
    {IndicatorId::RectifiedRate, "rectified_rate", "整改率", "整改率×100", 30},
    {IndicatorId::OverdueMajor, "overdue_major", "逾期重大隐患", "100−扣分×逾期重大隐患数（最低0）", 25},
    {IndicatorId::MajorPer100, "major_per_100", "每百家检查企业重大隐患数", "与最高单位之比×100", 20},
    {IndicatorId::ClauseShare, "clause_share", "引用判定依据比例", "比例×100", 15},
    {IndicatorId::TimelyReporting, "timely_reporting", "上报及时率", "比例×100", 10},
};

const IndicatorInfo& info(IndicatorId id) {
  for (const auto& i : kIndicators)
    if (i.id == id) return i;
  return kIndicators[0];
}

Error badValue(const std::string& key, const std::string& what) {
  return Error::invalid("统计与考评设置“" + key + "”" + what);
}

} // namespace

const char* indicatorKey(IndicatorId id) { return info(id).key; }
const char* indicatorName(IndicatorId id) { return info(id).name; }
const char* indicatorRule(IndicatorId id) { return info(id).rule; }

const char* zoneName(Zone z) {
  switch (z) {
  case Zone::Red:
    return "红区";
  case Zone::Yellow:
    return "黄区";
  case Zone::Blue:
    return "蓝区";
  }
  return "";
}

ReportConfig ReportConfig::defaults() {
  ReportConfig c;
  for (const auto& i : kIndicators) c.indicators.push_back({i.id, i.defaultWeight});
  c.triggerWords = {"上级", "督导", "交办", "举报", "事故"};
  return c;
}

double ReportConfig::totalWeight() const {
  double sum = 0;
  for (const auto& w : indicators) sum += w.weight;
  return sum;
}

nlohmann::json toJson(const ReportConfig& c) {
  nlohmann::json weights = nlohmann::json::object();
  for (const auto& w : c.indicators) weights[indicatorKey(w.id)] = w.weight;
  return {{"campaign_from", c.campaignFrom},
          {"campaign_to", c.campaignTo},
          {"weights", weights},
          {"zones",
           {{"mode", c.zones.mode == ZoneMode::ByRank ? "rank" : "score"},
            {"red_share", c.zones.redShare},
            {"blue_share", c.zones.blueShare},
            {"red_below", c.zones.redBelow},
            {"blue_from", c.zones.blueFrom}}},
          {"overdue_penalty", c.overduePenalty},
          {"timely_days", c.timelyDays},
          {"trigger_words", c.triggerWords},
          {"lookback_days", c.lookbackDays},
          {"min_description_chars", c.minDescriptionChars},
          {"many_hazards_no_major", c.manyHazardsNoMajor},
          {"duplicate_window_days", c.duplicateWindowDays}};
}

Result<ReportConfig> reportConfigFromJson(const nlohmann::json& j) {
  ReportConfig c = ReportConfig::defaults();
  if (!j.is_object()) return badValue("(全部)", "应为对象");
  auto text = [&](const char* key, std::string& out) -> Status {
    if (!j.contains(key)) return ok();
    if (!j[key].is_string()) return badValue(key, "应为文字");
    out = j[key].get<std::string>();
    return ok();
  };
  auto number = [&](const nlohmann::json& o, const char* key, auto& out) -> Status {
    if (!o.contains(key)) return ok();
    if (!o[key].is_number()) return badValue(key, "应为数字");
    out = o[key].get<std::remove_reference_t<decltype(out)>>();
    return ok();
  };
  for (auto s : {text("campaign_from", c.campaignFrom), text("campaign_to", c.campaignTo)})
    if (!s) return s.error();
  if (j.contains("weights")) {
    const auto& w = j["weights"];
    if (!w.is_object()) return badValue("weights", "应为对象");
    for (auto& iw : c.indicators)
      if (auto s = number(w, indicatorKey(iw.id), iw.weight); !s) return s.error();
  }
  if (j.contains("zones")) {
    const auto& z = j["zones"];
    if (!z.is_object()) return badValue("zones", "应为对象");
    if (z.contains("mode")) {
      const std::string mode = z["mode"].is_string() ? z["mode"].get<std::string>() : "";
      if (mode != "rank" && mode != "score") return badValue("zones.mode", "应为 rank 或 score");
      c.zones.mode = mode == "rank" ? ZoneMode::ByRank : ZoneMode::ByScore;
    }
    for (auto s : {number(z, "red_share", c.zones.redShare), number(z, "blue_share", c.zones.blueShare),
                   number(z, "red_below", c.zones.redBelow), number(z, "blue_from", c.zones.blueFrom)})
      if (!s) return s.error();
  }
  for (auto s : {number(j, "overdue_penalty", c.overduePenalty), number(j, "timely_days", c.timelyDays),
                 number(j, "lookback_days", c.lookbackDays), number(j, "min_description_chars", c.minDescriptionChars),
                 number(j, "many_hazards_no_major", c.manyHazardsNoMajor),
                 number(j, "duplicate_window_days", c.duplicateWindowDays)})
    if (!s) return s.error();
  if (j.contains("trigger_words")) {
    const auto& t = j["trigger_words"];
    if (!t.is_array()) return badValue("trigger_words", "应为文字列表");
    c.triggerWords.clear();
    for (const auto& w : t) {
      if (!w.is_string()) return badValue("trigger_words", "应为文字列表");
      if (!w.get<std::string>().empty()) c.triggerWords.push_back(w.get<std::string>());
    }
  }
  if (auto problem = checkReportConfig(c); !problem.empty()) return Error::invalid(problem);
  return c;
}

std::string checkReportConfig(const ReportConfig& c) {
  for (const auto& w : c.indicators)
    if (!(w.weight >= 0) || !std::isfinite(w.weight)) return std::string("权重不能为负数：") + indicatorName(w.id);
  if (!(c.totalWeight() > 0)) return "考评指标的权重之和应大于0";
  const ZoneRule& z = c.zones;
  if (z.mode == ZoneMode::ByRank) {
    if (!(z.redShare >= 0 && z.redShare <= 1 && z.blueShare >= 0 && z.blueShare <= 1))
      return "红区、蓝区比例应在0到100%之间";
    if (z.redShare + z.blueShare > 1) return "红区与蓝区比例之和不能超过100%";
  } else if (!(z.redBelow <= z.blueFrom)) {
    return "红区分数线应不高于蓝区分数线";
  }
  if (c.overduePenalty < 0 || c.overduePenalty > 100) return "逾期扣分应在0到100之间";
  if (c.timelyDays < 0) return "上报时限不能为负数";
  if (c.lookbackDays < 1) return "倒查时间窗至少1天";
  if (c.minDescriptionChars < 0) return "描述字数下限不能为负数";
  if (c.manyHazardsNoMajor < 1) return "“隐患多而无重大隐患”的数量至少为1";
  if (c.duplicateWindowDays < 0) return "疑似重复的时间窗不能为负数";
  const auto from = core::Date::parse(c.campaignFrom), to = core::Date::parse(c.campaignTo);
  if (!c.campaignFrom.empty() && !from) return "专项行动开始日期应为 YYYY-MM-DD";
  if (!c.campaignTo.empty() && !to) return "专项行动结束日期应为 YYYY-MM-DD";
  if (from && to && *to < *from) return "专项行动结束日期早于开始日期";
  return {};
}

Result<ReportConfig> loadReportConfig(store::Store& store) {
  auto text = store.setting(kReportConfigKey);
  if (!text) return text.error();
  if (text->empty()) return ReportConfig::defaults();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Error::make(ErrorCode::Format, "统计与考评设置已损坏（不是有效的 JSON）");
  return reportConfigFromJson(j);
}

Status saveReportConfig(store::Store& store, const ReportConfig& c) {
  if (auto problem = checkReportConfig(c); !problem.empty()) return Error::invalid(problem);
  return store.setSetting(kReportConfigKey, toJson(c).dump());
}

} // namespace hz::report
