// 统计通报 figures against an independent computation over a generated database: period presets
// and boundaries, 环比/同比, 考评 scores, ranks and zones, the 倒查 lists (该发现而未发现,
// 该盯住整改而未盯住), 排查精度 and 工伤 year over year. The expected values are computed here in
// C++ from the records the store lists (listAllHazards, listInspections, ...), not with the
// report's SQL.
#include "core/overdue.hpp"
#include "core/text.hpp"
#include "report/assessment.hpp"
#include "report/injuries.hpp"
#include "report/lookback.hpp"
#include "report/report_config.hpp"
#include "store/sample_data.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

using namespace hz;

namespace {

template <class T> T must(Result<T> r) {
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
  return std::move(r.value());
}

const core::Date kToday = hz::test::kToday; // 2026-11-29
const report::Period kYear{"2026-01-01", "2026-11-29"};

// Sample data, plus cases the lists must find: a 督导检查 major hazard at a firm inspected 20 days
// earlier with nothing recorded, one inspected earlier that did record the same category, and a
// short, clause-less duplicate description.
struct Fixture {
  store::Store store = hz::test::openMemory(5);
  store::SampleSummary sample;
  std::string missedFirm, coveredFirm, missedInspection, coveredInspection, missedNumber;
  Fixture() {
    sample = must(store::generateSample(store, 99, 5, 60, 900, kToday));
    auto firm = [&](const std::string& name) {
      core::Enterprise e = store::sampleEnterprise(name);
      e.divisionCode = sample.townCodes.at(1);
      return must(store.createEnterprise(e, "王伟")).meta.id;
    };
    missedFirm = firm("倒查测试甲化工有限公司");
    coveredFirm = firm("倒查测试乙化工有限公司");
    auto inspect = [&](const std::string& firmId, const std::string& date) {
      core::Inspection in;
      in.enterpriseId = firmId;
      in.date = date;
      in.department = "区应急管理局";
      in.inspectors = "赵六、钱七";
      in.method = "日常检查";
      return must(store.createInspection(in, "王伟")).meta.id;
    };
    missedInspection = inspect(missedFirm, "2026-10-10");
    inspect(missedFirm, "2026-05-01"); // outside the 90-day window
    coveredInspection = inspect(coveredFirm, "2026-10-12");
    auto hazard = [&](const std::string& firmId, const std::string& date, core::HazardLevel level,
                      const std::string& source, const std::string& inspection, const std::string& description) {
      core::Hazard h = hz::test::sampleHazard(firmId);
      h.divisionCode = sample.townCodes.at(1);
      h.foundDate = date;
      h.deadline = "2026-12-31";
      h.level = level;
      h.source = source;
      h.category = "设备设施";
      h.inspectionId = inspection;
      h.description = description;
      h.five = {true, true, true, true, true};
      return must(store.createHazard(h, "王伟"));
    };
    // The covered firm's earlier inspection recorded a hazard of the same category.
    hazard(coveredFirm, "2026-10-12", core::HazardLevel::General, "部门检查", coveredInspection,
           "设备接地线松脱需要紧固");
    missedNumber =
        hazard(missedFirm, "2026-10-30", core::HazardLevel::Major, "市级督导检查", "", "反应釜未设置紧急切断装置")
            .number;
    hazard(coveredFirm, "2026-10-31", core::HazardLevel::Major, "群众举报(12350)", "", "储罐区未设置可燃气体报警");
    hazard(coveredFirm, "2026-11-02", core::HazardLevel::General, "部门检查", "", "现场杂乱");
    hazard(coveredFirm, "2026-11-05", core::HazardLevel::General, "部门检查", "", "现场 杂乱。");
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

bool inPeriod(const std::string& date, const report::Period& p) { return date >= p.from && date <= p.to; }

} // namespace

TEST_CASE("report/periods: presets end today; the previous period and last year's same days") {
  const core::Date today{2026, 11, 29}; // a Sunday
  using P = report::PeriodPreset;
  CHECK(*report::presetPeriod(P::ThisWeek, today) == report::Period{"2026-11-23", "2026-11-29"});
  CHECK(*report::presetPeriod(P::ThisMonth, today) == report::Period{"2026-11-01", "2026-11-29"});
  CHECK(*report::presetPeriod(P::ThisQuarter, today) == report::Period{"2026-10-01", "2026-11-29"});
  CHECK(*report::presetPeriod(P::YearToDate, today) == report::Period{"2026-01-01", "2026-11-29"});
  CHECK(*report::presetPeriod(P::Campaign, today, "2026-04-01", "") == report::Period{"2026-04-01", "2026-11-29"});
  CHECK(*report::presetPeriod(P::Campaign, today, "2026-04-01", "2026-12-31") ==
        report::Period{"2026-04-01", "2026-12-31"});
  CHECK_FALSE(report::presetPeriod(P::Campaign, today, "", "").has_value());
  CHECK(*report::presetPeriod(P::ThisQuarter, core::Date{2026, 3, 31}) == report::Period{"2026-01-01", "2026-03-31"});
  CHECK(*report::previousPeriod({"2026-03-01", "2026-03-31"}) == report::Period{"2026-01-29", "2026-02-28"});
  CHECK(*report::sameDaysLastYear({"2024-02-29", "2024-02-29"}) == report::Period{"2023-02-28", "2023-02-28"});
  CHECK(report::checkPeriod({"2026-05-01", "2026-04-30"}) == "结束日期早于开始日期");
  CHECK(report::checkPeriod({"2026-02-30", "2026-04-30"}).find("开始日期") != std::string::npos);
  CHECK(report::periodText({"2026-01-01", "2026-04-30"}) == "2026年1—4月");
  CHECK(report::periodText({"2026-04-01", "2026-04-30"}) == "2026年4月");
  CHECK(report::periodText({"2026-03-02", "2026-03-08"}) == "2026年3月2日至8日");
  CHECK(report::periodText({"2026-12-28", "2027-01-03"}) == "2026年12月28日至2027年1月3日");
  CHECK(report::changeText(12, 10) == "+2（+20.0%）");
  CHECK(report::changeText(3, 4) == "−1（−25.0%）");
  CHECK(report::changeText(5, 5) == "持平");
  CHECK(report::changeText(2, 0) == "+2（基数为0）");
}

TEST_CASE("report/compare: period boundaries, 环比 and 同比 against an independent count") {
  auto& fx = fixture();
  const auto hazards = must(fx.store.listAllHazards());
  const report::Period p{"2026-06-01", "2026-06-30"};
  const auto c = must(report::compareStats(fx.store, {}, p, kToday));
  REQUIRE(c.previous.has_value());
  REQUIRE(c.lastYear.has_value());
  CHECK(c.previous->period == report::Period{"2026-05-02", "2026-05-31"});
  CHECK(c.lastYear->period == report::Period{"2025-06-01", "2025-06-30"});
  for (const auto* s : {&c.current, &*c.previous, &*c.lastYear}) {
    int64_t total = 0, major = 0, overdue = 0, rectified = 0;
    for (const auto& h : hazards) {
      if (!inPeriod(h.foundDate, s->period)) continue;
      ++total;
      major += h.level == core::HazardLevel::Major;
      overdue += core::isOverdue(h, kToday);
      rectified += h.status == core::HazardStatus::AwaitingVerification || h.status == core::HazardStatus::Closed;
    }
    CAPTURE(s->period.from);
    CHECK(s->hazards.total == total);
    CHECK(s->hazards.major == major);
    CHECK(s->hazards.overdue == overdue);
    CHECK(s->hazards.rectified == rectified);
  }
  CHECK(c.current.hazards.total > 0);
  // A hazard found on the last day counts; the day after does not.
  core::Hazard edge = hz::test::sampleHazard(fx.sample.enterpriseIds.at(0));
  edge.foundDate = "2026-06-30";
  const auto before = c.current.hazards.total;
  auto created = must(fx.store.createHazard(edge, "王伟"));
  CHECK(must(report::computeStats(fx.store, {}, p, kToday)).hazards.total == before + 1);
  created.foundDate = "2026-07-01";
  created = must(fx.store.updateHazard(created, "王伟"));
  CHECK(must(report::computeStats(fx.store, {}, p, kToday)).hazards.total == before);
  created.foundDate = "2026-11-03"; // back where the other tests do not look
  must(fx.store.updateHazard(created, "王伟"));
}

TEST_CASE("report/assess: indicator values, scores, ranks and zones per township") {
  auto& fx = fixture();
  const auto config = report::ReportConfig::defaults();
  const auto a = must(report::assess(fx.store, report::UnitKind::Township, kYear, kToday, config));
  // Independent tallies.
  struct T {
    int64_t hazards = 0, major = 0, rectified = 0, clause = 0, timely = 0, overdueMajor = 0;
    std::set<std::string> inspected;
  };
  std::map<std::string, T> want;
  for (const auto& code : fx.sample.townCodes) want[code];
  for (const auto& h : must(fx.store.listAllHazards())) {
    const std::string town = h.divisionCode.substr(0, 9);
    if (h.level == core::HazardLevel::Major && h.foundDate <= kYear.to && core::isOverdue(h, kToday))
      ++want[town].overdueMajor;
    if (!inPeriod(h.foundDate, kYear)) continue;
    T& t = want[town];
    ++t.hazards;
    t.major += h.level == core::HazardLevel::Major;
    t.rectified += h.status == core::HazardStatus::AwaitingVerification || h.status == core::HazardStatus::Closed;
    t.clause += !h.clauseRef.empty() || !h.standardId.empty();
    const std::string entered = h.reportedDate.empty() ? h.meta.createdAt.substr(0, 10) : h.reportedDate;
    t.timely += core::Date::parse(entered)->toDays() - core::Date::parse(h.foundDate)->toDays() <= config.timelyDays;
  }
  std::map<std::string, std::string> firmTown;
  for (const auto& e : must(fx.store.listEnterprises())) firmTown[e.meta.id] = e.divisionCode.substr(0, 9);
  for (const auto& in : must(fx.store.listInspections()))
    if (inPeriod(in.date, kYear)) want[firmTown[in.enterpriseId]].inspected.insert(in.enterpriseId);
  double best = 0;
  for (const auto& [k, t] : want)
    if (!t.inspected.empty()) best = std::max(best, 100.0 * t.major / t.inspected.size());

  REQUIRE(a.units.size() == want.size());
  double previous = 1e9;
  for (const auto& u : a.units) {
    CAPTURE(u.figures.key);
    REQUIRE(want.count(u.figures.key) == 1);
    const T& t = want[u.figures.key];
    CHECK(u.figures.hazards == t.hazards);
    CHECK(u.figures.major == t.major);
    CHECK(u.figures.enterprisesInspected == static_cast<int64_t>(t.inspected.size()));
    REQUIRE(u.indicators.size() == 5);
    double total = 0;
    for (const auto& s : u.indicators) {
      double expect = 0;
      switch (s.id) {
      case report::IndicatorId::RectifiedRate:
        expect = t.hazards ? 100.0 * t.rectified / t.hazards : 0;
        break;
      case report::IndicatorId::ClauseShare:
        expect = t.hazards ? 100.0 * t.clause / t.hazards : 0;
        break;
      case report::IndicatorId::TimelyReporting:
        expect = t.hazards ? 100.0 * t.timely / t.hazards : 0;
        break;
      case report::IndicatorId::OverdueMajor:
        expect = std::max(0.0, 100.0 - 20.0 * t.overdueMajor);
        break;
      case report::IndicatorId::MajorPer100:
        expect = t.inspected.empty() || best <= 0 ? 0 : 100.0 * t.major / t.inspected.size() / best * 100;
        break;
      }
      CAPTURE(report::indicatorName(s.id));
      CHECK(s.score == doctest::Approx(expect));
      total += expect * s.weight / config.totalWeight();
    }
    CHECK(u.total == doctest::Approx(std::round(total * 10) / 10));
    CHECK(u.total <= previous); // ranked best first
    previous = u.total;
  }
  // Ranks: 1 + units strictly better; zones by rank: the last 20% red, the first 20% blue.
  const int64_t n = static_cast<int64_t>(a.units.size());
  const int64_t quota = (n + 4) / 5;
  for (const auto& u : a.units) {
    int64_t better = 0, worse = 0;
    for (const auto& o : a.units) {
      better += o.total > u.total;
      worse += o.total < u.total;
    }
    CHECK(u.rank == better + 1);
    const report::Zone zone = worse < quota    ? report::Zone::Red
                              : better < quota ? report::Zone::Blue
                                               : report::Zone::Yellow;
    CHECK(u.zone == zone);
    CHECK_FALSE(u.zoneReason.empty());
  }
  CHECK(a.units.front().zone == report::Zone::Blue);
  CHECK(a.units.back().zone == report::Zone::Red);

  // By score: thresholds decide.
  auto byScore = config;
  byScore.zones.mode = report::ZoneMode::ByScore;
  byScore.zones.redBelow = a.units.back().total + 0.05;
  byScore.zones.blueFrom = a.units.front().total;
  const auto b = must(report::assess(fx.store, report::UnitKind::Township, kYear, kToday, byScore));
  for (const auto& u : b.units)
    CHECK(u.zone == (u.total < byScore.zones.redBelow    ? report::Zone::Red
                     : u.total >= byScore.zones.blueFrom ? report::Zone::Blue
                                                         : report::Zone::Yellow));
  // A weight of 0 drops the indicator.
  auto two = config;
  for (auto& w : two.indicators)
    if (w.id != report::IndicatorId::RectifiedRate && w.id != report::IndicatorId::OverdueMajor) w.weight = 0;
  const auto c = must(report::assess(fx.store, report::UnitKind::Township, kYear, kToday, two));
  for (const auto& u : c.units) CHECK(u.indicators.size() == 2);
}

TEST_CASE("report/units: per-township figures of the bulletin's table") {
  auto& fx = fixture();
  const auto units = must(report::unitFigures(fx.store, report::UnitKind::Township, kYear, kToday, 7));
  std::map<std::string, std::array<int64_t, 3>> want; // closed, overdue, rectified
  for (const auto& h : must(fx.store.listAllHazards())) {
    if (!inPeriod(h.foundDate, kYear)) continue;
    auto& w = want[h.divisionCode.substr(0, 9)];
    w[0] += h.status == core::HazardStatus::Closed;
    w[1] += core::isOverdue(h, kToday);
    w[2] += h.status == core::HazardStatus::Closed || h.status == core::HazardStatus::AwaitingVerification;
  }
  int64_t seen = 0;
  for (const auto& u : units) {
    CAPTURE(u.key);
    const auto w = want[u.key];
    CHECK(u.closed == w[0]);
    CHECK(u.overdue == w[1]);
    CHECK(u.rectified == w[2]);
    seen += u.hazards;
  }
  int64_t total = 0;
  for (const auto& h : must(fx.store.listAllHazards())) total += inPeriod(h.foundDate, kYear);
  CHECK(seen == total);
}

TEST_CASE("report/assess: departments, and refusals of bad settings") {
  auto& fx = fixture();
  const auto a =
      must(report::assess(fx.store, report::UnitKind::Department, kYear, kToday, report::ReportConfig::defaults()));
  std::map<std::string, int64_t> want;
  for (const auto& h : must(fx.store.listAllHazards()))
    if (inPeriod(h.foundDate, kYear) && !h.responsibleDepartment.empty()) ++want[h.responsibleDepartment];
  for (const auto& [department, n] : want) {
    const std::string key = department; // (clang 14 cannot capture a structured binding)
    auto it = std::find_if(a.units.begin(), a.units.end(), [&](const auto& u) { return u.figures.key == key; });
    REQUIRE(it != a.units.end());
    CHECK(it->figures.hazards == n);
  }
  auto bad = report::ReportConfig::defaults();
  for (auto& w : bad.indicators) w.weight = 0;
  CHECK(report::checkReportConfig(bad) == "考评指标的权重之和应大于0");
  bad = report::ReportConfig::defaults();
  bad.zones.redShare = 0.7;
  bad.zones.blueShare = 0.5;
  CHECK(report::checkReportConfig(bad) == "红区与蓝区比例之和不能超过100%");
  auto r = report::assess(fx.store, report::UnitKind::Township, {"2026-05-01", "2026-04-01"}, kToday,
                          report::ReportConfig::defaults());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "结束日期早于开始日期");
}

TEST_CASE("report/config: saved in the settings, read back, unknown keys ignored, bad values named") {
  auto store = hz::test::openMemory(3);
  CHECK(must(report::loadReportConfig(store)) == report::ReportConfig::defaults());
  auto c = report::ReportConfig::defaults();
  c.campaignFrom = "2026-04-01";
  c.indicators[0].weight = 50;
  c.zones.mode = report::ZoneMode::ByScore;
  c.triggerWords = {"督导", "暗访"};
  c.lookbackDays = 60;
  must(report::saveReportConfig(store, c));
  CHECK(must(report::loadReportConfig(store)) == c);
  auto j = report::toJson(c);
  j["added_by_a_newer_version"] = 1;
  CHECK(must(report::reportConfigFromJson(j)) == c);
  j["lookback_days"] = "九十";
  auto r = report::reportConfigFromJson(j);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("lookback_days") != std::string::npos);
  c.campaignTo = "2026-03-01";
  CHECK_FALSE(report::saveReportConfig(store, c).ok());
}

TEST_CASE("report/lookback: 该发现而未发现 lists the earlier inspections that recorded nothing of the kind") {
  auto& fx = fixture();
  const auto config = report::ReportConfig::defaults();
  const auto l = must(report::lookback(fx.store, kYear, kToday, config));
  auto it =
      std::find_if(l.missed.begin(), l.missed.end(), [&](const auto& c) { return c.hazard.number == fx.missedNumber; });
  REQUIRE(it != l.missed.end());
  REQUIRE(it->inspections.size() == 1); // the May inspection is outside the 90-day window
  CHECK(it->inspections[0].id == fx.missedInspection);
  CHECK(it->inspections[0].date == "2026-10-10");
  CHECK(it->inspections[0].department == "区应急管理局");
  CHECK_FALSE(it->inspections[0].office.empty());
  for (const auto& c : l.missed) {
    CHECK(c.hazard.enterpriseId != fx.coveredFirm); // its inspection recorded the same category
    CHECK(c.hazard.level == "重大隐患");
  }
  // Independently: every listed case has a trigger source and each inspection is a real earlier,
  // in-window inspection of the firm without a hazard of the same category.
  const auto hazards = must(fx.store.listAllHazards());
  int64_t checked = 0;
  for (const auto& c : l.missed) {
    CHECK(std::any_of(config.triggerWords.begin(), config.triggerWords.end(),
                      [&](const auto& w) { return c.hazard.source.find(w) != std::string::npos; }));
    for (const auto& in : c.inspections) {
      const auto i = must(fx.store.getInspection(in.id));
      CHECK(i.enterpriseId == c.hazard.enterpriseId);
      CHECK(i.date < c.hazard.foundDate);
      CHECK(core::Date::parse(c.hazard.foundDate)->toDays() - core::Date::parse(i.date)->toDays() <=
            config.lookbackDays);
      for (const auto& h : hazards)
        if (h.inspectionId == in.id) CHECK(h.category != c.hazard.category);
      ++checked;
    }
  }
  CHECK(checked >= 1);
  // A narrower window drops the case.
  auto narrow = config;
  narrow.lookbackDays = 10;
  const auto n = must(report::lookback(fx.store, kYear, kToday, narrow));
  CHECK(std::none_of(n.missed.begin(), n.missed.end(),
                     [&](const auto& c) { return c.hazard.number == fx.missedNumber; }));
}

TEST_CASE("report/lookback: 该盯住整改而未盯住 names every reason; 排查精度 by township") {
  auto& fx = fixture();
  const auto config = report::ReportConfig::defaults();
  const auto l = must(report::lookback(fx.store, kYear, kToday, config));
  std::map<std::string, std::set<std::string>> want;
  for (const auto& h : must(fx.store.listAllHazards())) {
    if (h.level != core::HazardLevel::Major || h.foundDate > kYear.to) continue;
    std::set<std::string> reasons;
    if (core::isOverdue(h, kToday)) reasons.insert("逾期未整改");
    for (const auto& e : must(fx.store.history("hazard", h.meta.id)))
      if (e.action == "reopen") reasons.insert("曾重新打开");
    if (h.status == core::HazardStatus::Closed &&
        (h.verifier.empty() || h.verifiedDate.empty() || h.verifyOpinion.empty()))
      reasons.insert("销号无验收信息");
    if (core::isOverdue(h, kToday) && h.supervision == core::SupervisionLevel::None) reasons.insert("逾期未挂牌督办");
    if (!reasons.empty()) want[h.number] = reasons;
  }
  std::map<std::string, std::set<std::string>> got;
  for (const auto& c : l.unwatched) got[c.hazard.number] = {c.reasons.begin(), c.reasons.end()};
  CHECK(got == want);
  CHECK_FALSE(want.empty());

  // 排查精度
  std::map<std::string, int64_t> noClause, shortText;
  for (const auto& h : must(fx.store.listAllHazards())) {
    if (!inPeriod(h.foundDate, kYear)) continue;
    const std::string town = h.divisionCode.substr(0, 9);
    noClause[town] += h.clauseRef.empty() && h.standardId.empty();
    shortText[town] += core::utf8Length(h.description) < static_cast<size_t>(config.minDescriptionChars);
  }
  for (const auto& t : l.precision) {
    CAPTURE(t.code);
    CHECK(t.noClause == noClause[t.code]);
    CHECK(t.shortDescription == shortText[t.code]);
    CHECK(t.manyNoMajor == (t.hazards >= config.manyHazardsNoMajor && t.major == 0));
  }
  // "现场 杂乱。" three days after "现场杂乱" at the same firm is a likely duplicate.
  CHECK(std::any_of(l.precisionRows.begin(), l.precisionRows.end(), [&](const report::PrecisionRow& r) {
    return r.issue == report::PrecisionIssue::LikelyDuplicate && r.hazard.description == "现场 杂乱。";
  }));
  CHECK(core::descriptionKey("现场 杂乱。") == core::descriptionKey("现场杂乱"));
  CHECK(core::descriptionKey("Valve-3 漏气！") == "valve3漏气");
}

TEST_CASE("report/injuries: a period against last year's same days, by township and industry") {
  auto& fx = fixture();
  const report::Period p{"2026-01-01", "2026-10-31"};
  const auto c = must(report::injuryComparison(fx.store, {}, p));
  CHECK(c.lastYearPeriod == report::Period{"2025-01-01", "2025-10-31"});
  report::InjuryFigures now, before;
  std::map<std::string, int64_t> town;
  for (const auto& w : must(fx.store.listWorkInjuries())) {
    if (!inPeriod(w.date, p) && !inPeriod(w.date, c.lastYearPeriod)) continue;
    auto& f = inPeriod(w.date, p) ? now : before;
    ++f.events;
    f.deaths += w.deaths;
    f.injuries += w.injuries;
    if (inPeriod(w.date, p)) ++town[w.divisionCode.substr(0, 9)];
  }
  CHECK(c.total == now);
  CHECK(c.totalLastYear == before);
  CHECK(now.events > 0);
  CHECK(before.events > 0);
  for (const auto& r : c.byTownship) CHECK(r.now.events == town[r.key]);
  const std::string s = report::injurySentence(c, "全区");
  CHECK(s.rfind("2026年1—10月，全区发生涉安全生产工伤事件" + std::to_string(now.events) + "件", 0) == 0);
  CHECK(s.find(now.events >= before.events ? (now.events == before.events ? "持平" : "同比增加") : "同比减少") !=
        std::string::npos);
}
