// The app model, natively: the change stamp that replaced dataChanged(), the status figures, the
// domain commands (one office rule, the batch edit in one transaction, read-only tabs refused),
// import and export jobs across frames, and test mode's read-only query — against a fake platform.
#include "model/app_model.hpp"

#include "../support/fake_platform.hpp"

#include "ledger/generate.hpp"
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"
#include "store/sample_data.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>

using namespace hz;

namespace {

using test::FakePlatform;

std::unique_ptr<model::AppModel> openModel(FakePlatform& p) {
  auto m = model::AppModel::open(p, {});
  REQUIRE_MESSAGE(m.ok(), (m.ok() ? std::string() : m.error().describe()));
  CHECK(p.fatal.empty());
  return std::move(m.value());
}

core::Office townOffice() {
  core::Office o;
  o.name = "东湖街道安委办";
  o.divisionCode = "320102001";
  o.level = core::OfficeLevel::Township;
  o.operators = {"王伟", "李娜"};
  return o;
}

// Ticks until no job is shown (at most `frames`).
void runJobs(model::AppModel& m, int frames = 10000) {
  m.tick();
  for (int i = 0; i < frames && m.currentJob(); ++i) m.tick();
}

std::string ledgerFile(uint64_t seed, int enterprises, int hazards) {
  ledger::GenerateOptions o;
  o.seed = seed;
  o.towns = 2;
  o.enterprises = enterprises;
  o.hazards = hazards;
  auto l = ledger::generateLedger(o);
  REQUIRE(l.ok());
  return ledger::writeLedger(l.value());
}

} // namespace

TEST_CASE("app model: the stamp moves when the data changes, whoever changed it, and only then") {
  FakePlatform p;
  auto m = openModel(p);
  m->tick();
  const uint64_t s0 = m->stamp();
  CHECK(m->consumeChanged()); // the first frame draws
  m->tick();
  CHECK(m->stamp() == s0); // nothing happened
  CHECK_FALSE(m->consumeChanged());
  CHECK(m->counts().enterprises == 0);

  // A write straight through the store (as screens do with the store's domain commands).
  REQUIRE(m->store().createEnterprise(store::sampleEnterprise("东湖恒达机械制造有限公司"), "王伟").ok());
  CHECK(m->consumeChanged()); // the frame loop draws a frame for it
  CHECK(m->stamp() > s0);
  CHECK(m->counts().enterprises == 1);

  model::StampWatch watch;
  CHECK(watch.changed(*m)); // the first look
  CHECK_FALSE(watch.changed(*m));
  REQUIRE(m->store().setSetting("anything", "1").ok());
  m->tick();
  CHECK(watch.changed(*m));
  watch.reset();
  CHECK(watch.changed(*m));
}

TEST_CASE("app model: one office rule for the wizard and 设置; the current operator goes first") {
  FakePlatform p;
  auto m = openModel(p);
  core::Office o = townOffice();
  o.operators.clear();
  auto r = m->saveOffice(o);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().problems.size() == 1);
  CHECK(r.error().problems[0].field == "operators");
  CHECK_MESSAGE(r.error().message.find("本单位信息有1处需要修改") != std::string::npos, r.error().message);
  CHECK(m->store().office().name.empty()); // nothing saved

  o = townOffice();
  o.divisionCode = "320102"; // a township office with a county code
  CHECK_FALSE(m->saveOffice(o).ok());

  REQUIRE(m->saveOffice(townOffice(), "李娜").ok());
  m->tick();
  CHECK(m->officeName() == "东湖街道安委办");
  CHECK(m->store().office().operators == std::vector<std::string>{"李娜", "王伟"});
  CHECK(m->operatorName() == "李娜");
}

TEST_CASE("app model: the ledger's batch edit changes every selected hazard or none") {
  FakePlatform p;
  auto m = openModel(p);
  REQUIRE(m->saveOffice(townOffice()).ok());
  auto sample = store::generateSample(m->store(), 7, 2, 6, 12, m->today());
  REQUIRE(sample.ok());
  std::vector<std::string> ids(sample->hazardIds.begin(), sample->hazardIds.begin() + 5);
  auto before = m->store().getHazard(ids[0]);
  REQUIRE(before.ok());

  // One id that does not exist: the whole batch is refused, the others unchanged.
  std::vector<std::string> withMissing = ids;
  withMissing.insert(withMissing.begin() + 2, "01JNOTAHAZARD0000000000000");
  model::HazardBatch dept;
  dept.responsibleDepartment = "应急管理局（测试）";
  CHECK_FALSE(m->updateHazards(withMissing, dept).ok());
  for (const auto& id : ids) CHECK(m->store().getHazard(id)->responsibleDepartment != "应急管理局（测试）");

  model::HazardBatch badDate;
  badDate.deadline = "2026-02-30";
  CHECK_FALSE(m->updateHazards(ids, badDate).ok());

  auto r = m->updateHazards(ids, dept);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
  CHECK(r.value() == 5);
  for (const auto& id : ids) CHECK(m->store().getHazard(id)->responsibleDepartment == "应急管理局（测试）");
  CHECK(m->updateHazards(ids, dept).value() == 0); // already so: nothing changes
}

TEST_CASE("app model: a read-only tab refuses commands and imports, and says so") {
  FakePlatform p;
  p.status.readOnly = true;
  auto m = openModel(p);
  CHECK(m->readOnly());
  CHECK_FALSE(m->saveOffice(townOffice()).ok());
  CHECK_FALSE(m->setBackupReminderDays(3).ok());
  m->requestImport();
  CHECK(p.picked.empty()); // no file picker
  CHECK(m->notice().find("只读") != std::string::npos);
}

TEST_CASE("app model: an import runs as a job; a bad file leaves the database as it was") {
  FakePlatform p;
  auto m = openModel(p);
  REQUIRE(m->saveOffice(townOffice()).ok());
  m->requestImport();
  CHECK(p.picked.find(".json") != std::string::npos);
  CHECK(p.picked.find(".xlsx") != std::string::npos); // sheets open the 导入表格 preview
  CHECK(p.picked.find(".csv") != std::string::npos);

  REQUIRE(p.fileHandler);
  p.fileHandler({"坏文件.ledger.json", "{\"format\": \"hazard-ledger\", \"version\": 1, \"records\": ", ""});
  m->tick();
  REQUIRE(m->currentJob()); // the progress frame comes first
  CHECK(m->currentJob()->title.find("坏文件") != std::string::npos);
  runJobs(*m);
  CHECK_FALSE(m->notice().empty());
  CHECK(m->counts().hazards == 0);

  const std::string file = ledgerFile(3, 5, 9);
  p.fileHandler({"城南.ledger.json", file, ""});
  runJobs(*m);
  m->tick();
  CHECK(m->counts().hazards == 9);
  CHECK(m->notice().find("城南.ledger.json") != std::string::npos);
}

TEST_CASE("app model: an export streams across frames, is a valid ledger, and the reminder notes it") {
  FakePlatform p;
  auto m = openModel(p);
  REQUIRE(m->saveOffice(townOffice()).ok());
  REQUIRE(store::generateSample(m->store(), 11, 2, 8, 30, m->today()).ok());
  m->tick();
  CHECK(m->lastExportAt().empty());
  CHECK(m->backupReminder().neverExported);

  m->requestExport();
  runJobs(*m);
  // The job waits for the host: the file is handed over, the answer has not come yet.
  REQUIRE(p.pendingDone);
  CHECK(m->currentJob() != nullptr);
  CHECK(p.finishedName == m->exportFileName());
  auto checked = ledger::checkLedger(p.finishedBytes);
  CHECK(checked.problems.empty());
  CHECK(checked.ledger.records[static_cast<size_t>(ledger::Kind::Hazard)].size() == 30);

  p.pendingDone(true, p.finishedName);
  CHECK(m->currentJob() == nullptr);
  CHECK(m->notice().find("已导出") != std::string::npos);
  m->tick();
  CHECK_FALSE(m->lastExportAt().empty());
  CHECK(m->backupReminder().daysSinceExport == 0);
  CHECK_FALSE(m->backupReminder().due);
}

TEST_CASE("app model: cancelling an export leaves no file and says so") {
  FakePlatform p;
  auto m = openModel(p);
  REQUIRE(m->saveOffice(townOffice()).ok());
  m->requestExport();
  m->tick(); // the progress frame
  m->tick(); // the export starts
  REQUIRE(m->currentJob());
  CHECK(m->currentJob()->cancellable);
  m->cancelJob();
  CHECK(m->currentJob() == nullptr);
  CHECK(m->notice().find("已取消") != std::string::npos);
  CHECK(m->lastExportAt().empty());
}

TEST_CASE("test mode query: one read-only statement, rows as JSON") {
  FakePlatform p;
  auto m = openModel(p);
  REQUIRE(m->saveOffice(townOffice()).ok());
  CHECK(m->readOnlyQueryJson("SELECT 1 AS one, 'a' AS t, NULL AS n") == R"({"rows":[{"n":null,"one":1,"t":"a"}]})");
  CHECK(m->readOnlyQueryJson("SELECT name FROM office;") == R"({"rows":[{"name":"东湖街道安委办"}]})");
  CHECK(m->readOnlyQueryJson("DELETE FROM office").find("read-only") != std::string::npos);
  CHECK(m->readOnlyQueryJson("SELECT 1; SELECT 2").find("one statement") != std::string::npos);
  CHECK(m->readOnlyQueryJson("SELEC 1").find("error") != std::string::npos);
  CHECK(m->store().office().name == "东湖街道安委办");
}
