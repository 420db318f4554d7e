// The one statistics engine (src/report/): 总览 and `hazard-ledger stats --json` agree on every
// figure for the same database; a ledger file gives the figures of the database it came from;
// overdue in SQL and in C++ agree; grouping by the 9-digit township and the top-level industry;
// scopes and periods against an independent count.
#include "core/overdue.hpp"
#include "ledger/memory_store.hpp"
#include "ledger_test_support.hpp"
#include "report/stats.hpp"
#include "report/stats_output.hpp"
#include "store/sample_data.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>

using namespace hz;
using hz::test::must;

namespace {

using Counts = std::map<std::string, int64_t>;

// Sample data plus hazards that make the groupings matter: a village (12-digit) code, a county
// (6-digit) code, industries with and without a sub-item, no department.
struct Fixture {
  store::Store store = hz::test::openMemory(11);
  store::SampleSummary sample;
  std::vector<core::Hazard> all;
  Fixture() {
    sample = must(store::generateSample(store, 2027, 4, 30, 240, hz::test::kToday));
    const std::string firm = sample.enterpriseIds.at(0);
    struct Extra {
      std::string division, industry, department;
    };
    const Extra extras[] = {{sample.townCodes.at(0) + "203", "工贸/冶金", ""},
                            {sample.townCodes.at(0) + "204", "工贸/机械", "区应急管理局"},
                            {sample.townCodes.at(1) + "001", "消防", ""},
                            {"320102", "工贸", "区住建局"}};
    for (const auto& x : extras) {
      core::Hazard h = hz::test::sampleHazard(firm);
      h.divisionCode = x.division;
      h.industry = x.industry;
      h.responsibleDepartment = x.department;
      must(store.createHazard(h, "王伟"));
    }
    all = must(store.listAllHazards());
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

Counts asMap(const std::vector<report::CountBy>& counts) {
  Counts m;
  for (const auto& c : counts) m[c.key] += c.count;
  return m;
}

// A by_* object of the JSON as a map, "(未填)" turned back into "".
Counts asMap(const nlohmann::json& object) {
  Counts m;
  for (auto it = object.begin(); it != object.end(); ++it)
    m[it.key() == report::kUnsetKey ? std::string() : it.key()] = it.value().get<int64_t>();
  return m;
}

} // namespace

TEST_CASE("report/grouping: township = first 9 digits of the division code, industry = top level") {
  CHECK(report::townshipKey("320102001203") == "320102001");
  CHECK(report::townshipKey("320102001") == "320102001");
  CHECK(report::townshipKey("320102") == "320102");
  CHECK(report::townshipKey("") == "");
  CHECK(report::industryTop("工贸/机械") == "工贸");
  CHECK(report::industryTop("消防") == "消防");
  CHECK(report::industryTop("") == "");

  auto& fx = fixture();
  const auto s = must(report::hazardStats(fx.store, {}, hz::test::kToday, 0));
  const Counts town = asMap(s.byTownship), industry = asMap(s.byIndustry), detail = asMap(s.byIndustryDetail);
  // No key longer than 9 digits; the village hazards count in their township.
  for (const auto& [key, n] : town) CHECK(key.size() <= 9);
  CHECK(town.count(fx.sample.townCodes[0] + "203") == 0);
  CHECK(town.count("320102") == 1);
  // No industry key with a sub-item; the sub-items are the second grouping.
  for (const auto& [key, n] : industry) CHECK(key.find('/') == std::string::npos);
  CHECK(detail.count("工贸/冶金") == 1);
  CHECK(detail.count("工贸") == 1);
  // Against an independent count.
  Counts wantTown, wantIndustry, wantDetail, wantDepartment;
  for (const auto& h : fx.all) {
    ++wantTown[h.divisionCode.size() > 9 ? h.divisionCode.substr(0, 9) : h.divisionCode];
    const auto slash = h.industry.find('/');
    ++wantIndustry[slash == std::string::npos ? h.industry : h.industry.substr(0, slash)];
    ++wantDetail[h.industry];
    ++wantDepartment[h.responsibleDepartment];
  }
  CHECK(town == wantTown);
  CHECK(industry == wantIndustry);
  CHECK(detail == wantDetail);
  CHECK(asMap(s.byDepartment) == wantDepartment);
  CHECK(wantDepartment.count("") == 1);
}

TEST_CASE("report/overdue: the SQL predicate and core::isOverdue agree on every row") {
  // Every combination of odd and ordinary deadlines, statuses and days, compared by SQLite.
  auto db = must(store::Database::open(":memory:"));
  must(db.execScript("CREATE TABLE hazard (deadline TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '')"));
  const char* deadlines[] = {"",           "2026-11-28",    "2026-11-29",  "2026-11-30",
                             "2025-12-31", "2026-1-5",      "2026-11-28 ", "2027",
                             "2026",       "2026-11-29T00", "未定",        "9999-99-99"};
  const core::HazardStatus statuses[] = {core::HazardStatus::Pending, core::HazardStatus::InProgress,
                                         core::HazardStatus::AwaitingVerification, core::HazardStatus::Closed};
  for (const char* d : deadlines) {
    for (auto s : statuses) {
      auto ins = must(db.prepare("INSERT INTO hazard (deadline, status) VALUES (?1, ?2)"));
      ins.bind(1, d).bind(2, core::toChinese(s));
      CHECK(must(ins.step()) == false);
    }
  }
  int overdueRows = 0;
  for (const core::Date today : {core::Date{2026, 11, 29}, core::Date{2026, 1, 1}, core::Date{2030, 6, 15}}) {
    auto st = must(db.prepare("SELECT deadline, status, " + core::overdueSql("h", 1) + " FROM hazard h"));
    st.bind(1, today.toString());
    int rows = 0;
    while (must(st.step())) {
      ++rows;
      core::HazardStatus status{};
      REQUIRE(core::fromChinese(st.getText(1), status));
      const bool sql = st.getInt(2) != 0;
      CAPTURE(today.toString());
      CAPTURE(st.getText(0));
      CAPTURE(st.getText(1));
      CHECK(sql == core::isOverdue(status, st.getText(0), today));
      overdueRows += sql;
    }
    CHECK(rows == 48);
  }
  CHECK(overdueRows > 0); // the comparison saw both answers
  // The deadline day itself is not overdue; the day after is.
  CHECK_FALSE(core::isOverdue(core::HazardStatus::Pending, "2026-11-29", core::Date{2026, 11, 29}));
  CHECK(core::isOverdue(core::HazardStatus::Pending, "2026-11-28", core::Date{2026, 11, 29}));
  CHECK_FALSE(core::isOverdue(core::HazardStatus::Closed, "2026-11-28", core::Date{2026, 11, 29}));

  // And on the real hazard table: the engine's count is the C++ count.
  auto& fx = fixture();
  for (const core::Date today : {hz::test::kToday, core::Date{2026, 6, 1}, core::Date{2027, 3, 1}}) {
    int64_t want = 0, wantMajor = 0;
    for (const auto& h : fx.all) {
      want += core::isOverdue(h, today);
      wantMajor += core::isOverdue(h, today) && h.level == core::HazardLevel::Major;
    }
    const auto s = must(report::hazardStats(fx.store, {}, today, 0));
    CAPTURE(today.toString());
    CHECK(s.overdue == want);
    CHECK(s.overdueMajor == wantMajor);
    store::HazardFilter f;
    f.overdue = true;
    CHECK(must(store::countHazards(fx.store, f, today)) == want);
  }
}

TEST_CASE("report: 总览 and stats --json agree on every figure for the same database") {
  auto& fx = fixture();
  const core::Date today = hz::test::kToday;
  // What the 总览 screen draws (DashboardScreen::draw) and what `stats --db DB --json` prints.
  const report::HazardStats dash = must(report::hazardStats(fx.store, {}, today, 12));
  const nlohmann::json cli = report::statsJson(must(report::computeStats(fx.store, {}, {}, today)));
  const nlohmann::json& h = cli["hazards"];
  REQUIRE(dash.total == static_cast<int64_t>(fx.all.size()));
  CHECK(h["total"] == dash.total);
  CHECK(h["major"] == dash.major);
  CHECK(h["general"] == dash.total - dash.major);
  CHECK(h["overdue"] == dash.overdue);
  CHECK(h["overdue_major"] == dash.overdueMajor);
  CHECK(h["rectified"] == dash.rectified);
  CHECK(h["closed"] == dash.closed);
  CHECK(asMap(h["by_status"]) == asMap(dash.byStatus));
  CHECK(asMap(h["by_level"]) == asMap(dash.byLevel));
  CHECK(asMap(h["by_source"]) == asMap(dash.bySource));
  CHECK(asMap(h["by_township"]) == asMap(dash.byTownship));
  CHECK(asMap(h["by_industry"]) == asMap(dash.byIndustry));
  CHECK(asMap(h["by_industry_detail"]) == asMap(dash.byIndustryDetail));
  CHECK(asMap(h["by_department"]) == asMap(dash.byDepartment));
  CHECK(h["rectified_rate"].get<double>() == doctest::Approx(dash.rectifiedRate).epsilon(0.0001));
  CHECK(h["closed_rate"].get<double>() == doctest::Approx(dash.closedRate).epsilon(0.0001));
  REQUIRE(h["weekly"].size() == dash.weekly.size());
  for (size_t i = 0; i < dash.weekly.size(); ++i) {
    CHECK(h["weekly"][i]["week_start"] == dash.weekly[i].weekStart);
    CHECK(h["weekly"][i]["found"] == dash.weekly[i].found);
    CHECK(h["weekly"][i]["closed"] == dash.weekly[i].closed);
  }

  // Both against an independent count over the records.
  Counts status, level, source;
  int64_t overdue = 0, rectified = 0, closed = 0;
  for (const auto& x : fx.all) {
    ++status[core::toChinese(x.status)];
    ++level[core::toChinese(x.level)];
    ++source[x.source];
    overdue += core::isOverdue(x, today);
    rectified += x.status == core::HazardStatus::AwaitingVerification || x.status == core::HazardStatus::Closed;
    closed += x.status == core::HazardStatus::Closed;
  }
  for (const char* s : {"待整改", "整改中", "待验收", "已销号"}) status.emplace(s, 0);
  level.emplace("一般隐患", 0);
  level.emplace("重大隐患", 0);
  CHECK(asMap(h["by_status"]) == status);
  CHECK(asMap(h["by_level"]) == level);
  CHECK(asMap(h["by_source"]) == source);
  CHECK(h["overdue"] == overdue);
  CHECK(h["rectified_rate"].get<double>() == doctest::Approx(double(rectified) / double(fx.all.size())).epsilon(0.001));
  CHECK(h["closed_rate"].get<double>() == doctest::Approx(double(closed) / double(fx.all.size())).epsilon(0.001));
  // The keys CONTRACTS.md promises.
  for (const char* key : {"total", "major", "general", "overdue", "by_status", "by_source", "by_township",
                          "by_industry", "rectified_rate", "closed_rate"})
    CHECK_MESSAGE(h.contains(key), key);
  CHECK(cli["enterprises"]["total"] == static_cast<int64_t>(must(fx.store.listEnterprises()).size()));
  CHECK(cli["inspections"]["total"] == fx.sample.inspections);
  CHECK(cli["inspections"].contains("enterprises_inspected"));
  CHECK(cli["work_injuries"].contains("total"));
  // The text output names the same figures.
  const std::string text = report::statsText(must(report::computeStats(fx.store, {}, {}, today)));
  CHECK(text.find("隐患总数：" + std::to_string(dash.total)) != std::string::npos);
  CHECK(text.find("按乡镇街道") != std::string::npos);
}

TEST_CASE("report: stats of a ledger file equal the stats of the database it was exported from") {
  auto& fx = fixture();
  const core::Date today = hz::test::kToday;
  ledger::Ledger exported = must(ledger::exportLedger(fx.store));
  const std::string bytes = ledger::writeLedger(exported);
  std::vector<ledger::LedgerInput> inputs{{"city.json", ledger::readLedger(bytes)}};
  auto fileDb = ledger::openInMemory(inputs);
  std::string why = fileDb ? std::string() : fileDb.error().describe();
  for (const auto& p : inputs[0].read.problems) why += "\n" + ledger::problemLine("city.json", p);
  REQUIRE_MESSAGE(fileDb.ok(), why);
  const auto fromDb = report::statsJson(must(report::computeStats(fx.store, {}, {}, today)));
  const auto fromFile = report::statsJson(must(report::computeStats(*fileDb, {}, {}, today)));
  CHECK(fromFile == fromDb);
  CHECK(fromFile["hazards"]["total"] == static_cast<int64_t>(fx.all.size()));

  // A file with problems gives no database and lists them.
  std::vector<ledger::LedgerInput> bad{{"bad.json", ledger::readLedger("{\"format\": \"hazard-ledger\"")}};
  CHECK_FALSE(ledger::openInMemory(bad).ok());
  CHECK_FALSE(bad[0].read.problems.empty());
}

TEST_CASE("report: a scope and a period count what an independent filter counts") {
  auto& fx = fixture();
  const core::Date today = hz::test::kToday;
  std::map<std::string, std::string> firmDivision, firmIndustry;
  for (const auto& e : must(fx.store.listEnterprises())) {
    firmDivision[e.meta.id] = e.divisionCode;
    firmIndustry[e.meta.id] = e.industry;
  }
  const auto inspections = must(fx.store.listInspections());
  const std::string department = fx.all.at(0).responsibleDepartment;
  report::Scope scopes[4];
  scopes[1].division = fx.sample.townCodes.at(0);
  scopes[2].department = department;
  scopes[3].industry = "工贸";
  const report::Period periods[] = {{}, {"2026-09-01", "2026-10-31"}, {"2026-11-01", ""}};
  auto inIndustry = [](const std::string& value, const std::string& want) {
    return want.empty() || value == want || value.rfind(want + "/", 0) == 0;
  };
  auto inPeriod = [](const std::string& date, const report::Period& p) {
    return (p.from.empty() || date >= p.from) && (p.to.empty() || date <= p.to);
  };
  int nonEmpty = 0;
  for (const auto& scope : scopes) {
    for (const auto& period : periods) {
      CAPTURE(scope.division);
      CAPTURE(scope.department);
      CAPTURE(scope.industry);
      CAPTURE(period.from);
      CAPTURE(period.to);
      const auto s = must(report::computeStats(fx.store, scope, period, today, 0));
      int64_t total = 0, major = 0, overdue = 0, closed = 0;
      Counts town;
      for (const auto& h : fx.all) {
        if (h.divisionCode.rfind(scope.division, 0) != 0) continue;
        if (!scope.department.empty() && h.responsibleDepartment != scope.department) continue;
        if (!inIndustry(h.industry, scope.industry) || !inPeriod(h.foundDate, period)) continue;
        ++total;
        major += h.level == core::HazardLevel::Major;
        overdue += core::isOverdue(h, today);
        closed += h.status == core::HazardStatus::Closed;
        ++town[h.divisionCode.substr(0, 9)];
      }
      nonEmpty += total > 0;
      CHECK(s.hazards.total == total);
      CHECK(s.hazards.major == major);
      CHECK(s.hazards.overdue == overdue);
      CHECK(s.hazards.closed == closed);
      CHECK(asMap(s.hazards.byTownship) == town);
      int64_t firms = 0, visits = 0;
      std::set<std::string> visited;
      for (const auto& [id, division] : firmDivision)
        firms += division.rfind(scope.division, 0) == 0 && inIndustry(firmIndustry[id], scope.industry);
      for (const auto& i : inspections) {
        if (firmDivision[i.enterpriseId].rfind(scope.division, 0) != 0) continue;
        if (!inIndustry(firmIndustry[i.enterpriseId], scope.industry) || !inPeriod(i.date, period)) continue;
        if (!scope.department.empty() && i.department != scope.department) continue;
        ++visits;
        visited.insert(i.enterpriseId);
      }
      CHECK(s.records.enterprises == firms);
      CHECK(s.records.inspections == visits);
      CHECK(s.records.enterprisesInspected == static_cast<int64_t>(visited.size()));
    }
  }
  CHECK(nonEmpty >= 8);
}

TEST_CASE("report: the previous period and the same days last year") {
  CHECK(report::previousPeriod({"2026-11-01", "2026-11-30"}) == report::Period{"2026-10-02", "2026-10-31"});
  CHECK(report::previousPeriod({"2026-11-23", "2026-11-29"}) == report::Period{"2026-11-16", "2026-11-22"});
  CHECK(report::previousPeriod({"2026-03-01", "2026-03-01"}) == report::Period{"2026-02-28", "2026-02-28"});
  CHECK_FALSE(report::previousPeriod({"", "2026-11-30"}).has_value());
  CHECK_FALSE(report::previousPeriod({"2026-11-30", "2026-11-01"}).has_value());
  CHECK(report::sameDaysLastYear({"2028-02-01", "2028-02-29"}) == report::Period{"2027-02-01", "2027-02-28"});
  CHECK_FALSE(report::sameDaysLastYear({"2026-02-30", "2026-03-01"}).has_value());
  // A period's figures: hazards found in it.
  const report::Period p{"2026-11-01", "2026-11-30"};
  const auto f = report::hazardFilter({"320102001", "区应急管理局", "工贸"}, p);
  CHECK(f.divisionPrefix == "320102001");
  CHECK(f.department == "区应急管理局");
  CHECK(f.industry == "工贸");
  CHECK(f.foundFrom == "2026-11-01");
  CHECK(f.foundTo == "2026-11-30");
}
