// The 统计通报 part of the app model, natively against a fake platform: presets follow the day and
// the campaign setting, figures follow the data (the stamp), the bulletin draft is saved and kept
// per period, downloads carry the right bytes and names, issuing records the bulletin.
#include "model/app_model.hpp"

#include "../support/fake_platform.hpp"

#include "store/sample_data.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using namespace hz;

namespace {

std::unique_ptr<model::AppModel> openWithSample(test::FakePlatform& p) {
  auto m = model::AppModel::open(p, {});
  REQUIRE_MESSAGE(m.ok(), (m.ok() ? std::string() : m.error().describe()));
  auto& model = *m.value();
  auto s = store::generateSample(model.store(), 11, 4, 40, 300, model.today());
  REQUIRE(s.ok());
  model.tick();
  return std::move(m.value());
}

} // namespace

TEST_CASE("model/reports: presets, the campaign setting and figures that follow the data") {
  test::FakePlatform p;
  auto m = openWithSample(p);
  model::ReportsModel& r = m->reports();
  const core::Date today = m->today();
  CHECK(r.selection().preset == report::PeriodPreset::ThisMonth);
  CHECK(r.selection().period.to == today.toString());
  // 专项行动期间 needs its dates.
  auto refused = r.choosePreset(report::PeriodPreset::Campaign);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("专项行动") != std::string::npos);
  auto c = r.config();
  c.campaignFrom = core::Date{today.year, 1, 1}.toString();
  REQUIRE(r.saveConfig(c).ok());
  REQUIRE(r.choosePreset(report::PeriodPreset::Campaign).ok());
  CHECK(r.selection().period.from == c.campaignFrom);
  // Bad dates are refused and change nothing.
  CHECK_FALSE(r.choosePeriod({"2026-05-01", "2026-04-01"}).ok());
  CHECK(r.selection().period.from == c.campaignFrom);

  const report::PeriodComparison* before = r.stats();
  REQUIRE(before);
  const int64_t total = before->current.hazards.total;
  core::Hazard h = hz::test::sampleHazard(m->store().listEnterprises().value().front().meta.id);
  h.foundDate = today.toString();
  h.deadline = today.addDays(30).toString();
  auto created = m->store().createHazard(h, "王伟");
  REQUIRE_MESSAGE(created.ok(), (created.ok() ? std::string() : created.error().describe()));
  m->tick();
  const report::PeriodComparison* after = r.stats();
  REQUIRE(after);
  CHECK(after->current.hazards.total == total + 1);
  CHECK(r.filter().foundFrom == c.campaignFrom);
}

TEST_CASE("model/reports: the draft is saved, downloads carry the files, issuing is recorded") {
  test::FakePlatform p;
  auto m = openWithSample(p);
  model::ReportsModel& r = m->reports();
  REQUIRE(r.choosePreset(report::PeriodPreset::YearToDate).ok());
  report::BulletinDraft d = r.draft();
  CHECK(d.title == report::defaultBulletinTitle(r.selection().period));
  CHECK_FALSE(d.nextSteps.empty());
  d.nextSteps += "\n（四）按时报送。";
  d.number = "玄安委办〔2026〕3号";
  REQUIRE(r.saveDraft(d).ok());
  CHECK_FALSE(r.saveDraft({d.period, d.title, d.number, "2026-02-30", d.nextSteps}).ok());
  // Another period starts a new title but keeps the requirements typed.
  REQUIRE(r.choosePreset(report::PeriodPreset::ThisMonth).ok());
  CHECK(r.draft().nextSteps == d.nextSteps);
  CHECK(r.draft().title == report::defaultBulletinTitle(r.selection().period));
  REQUIRE(r.choosePreset(report::PeriodPreset::YearToDate).ok());
  CHECK(r.draft().number == d.number);

  REQUIRE(r.downloadBulletin(false).ok());
  REQUIRE(p.downloads.size() == 1);
  CHECK(p.downloads[0].name.find(".html") != std::string::npos);
  CHECK(p.downloads[0].bytes.find("（四）按时报送。") != std::string::npos);
  CHECK(p.downloads[0].bytes.find("玄安委办〔2026〕3号") != std::string::npos);
  REQUIRE(r.downloadBulletin(true).ok());
  CHECK(p.downloads[1].bytes.substr(0, 2) == "PK");
  CHECK(p.downloads[1].name.size() > 5);
  CHECK(p.downloads[1].name.substr(p.downloads[1].name.size() - 5) == ".docx");
  report::Table t{"表", {{"名称"}, {"数量"}}, {{report::text("=1+1"), report::integer(3)}}};
  REQUIRE(r.downloadTable(t, "测试表", false).ok());
  CHECK(p.downloads[2].bytes.find("'=1+1") != std::string::npos);
  CHECK(r.lastDownload() == p.downloads[2].name);

  CHECK(r.issued().empty());
  REQUIRE(r.issueBulletin().ok());
  m->tick();
  REQUIRE(r.issued().size() == 1);
  CHECK(r.issued()[0].number == "玄安委办〔2026〕3号");
  CHECK(r.issued()[0].figures.contains("rectified_rate"));
}
