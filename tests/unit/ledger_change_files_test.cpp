// Weekly change files (ledger/change_files.hpp, scope "changes"): numbered per recipient, each
// holding what changed since the previous one; imported in every order they give the database a
// full file gives; a missing one is named; a reset starts from everything again.
#include "ledger/change_files.hpp"
#include "ledger/export_stream.hpp"
#include "ledger_test_support.hpp"
#include "store/import_apply.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace hz;
using namespace hz::test;

namespace {

struct Sent {
  std::string text;
  ledger::ChangeScope scope;
  int64_t hazards = 0, events = 0;
};

Sent sendChanges(store::Store& db, const std::string& to) {
  auto next = must(ledger::nextChangeFile(db, to));
  ledger::StringSink sink;
  auto r = must(ledger::exportLedgerTo(db, sink, next.options));
  REQUIRE(ledger::recordSent(db, next, r.exportedAt, "week.ledger.json").ok());
  return {sink.text, next.options.changes, r.records[static_cast<size_t>(ledger::Kind::Hazard)], r.events};
}

std::string fullText(store::Store& db) {
  ledger::StringSink sink;
  must(ledger::exportLedgerTo(db, sink));
  return sink.text;
}

core::Hazard reworded(store::Store& db, const std::string& id, const std::string& text) {
  core::Hazard h = must(db.getHazard(id));
  h.description = text;
  return must(db.updateHazard(h, "王伟"));
}

// A township's three weeks: week 1 a firm and three hazards; week 2 one reworded, one started, a
// new firm with a hazard; week 3 the started one submitted and another reworded.
struct Township {
  store::Store db = openMemory(31);
  std::vector<Sent> files;
  Township() {
    setTownOffice(db);
    core::Enterprise e = must(db.createEnterprise(sampleEnterprise(), "王伟"));
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
      core::Hazard h = sampleHazard(e.meta.id);
      h.level = core::HazardLevel::General;
      h.description = "隐患 " + std::to_string(i);
      ids.push_back(must(db.createHazard(h, "王伟")).meta.id);
    }
    files.push_back(sendChanges(db, "市安委办"));
    reworded(db, ids[0], "隐患 0（复查后改写）");
    must(db.applyHazardAction(ids[1], core::WorkflowAction::Start, {}, "王伟", kToday));
    core::Enterprise e2 = sampleEnterprise("西山兴旺五金加工厂");
    e2.uscc = "";
    e2.kind = core::EnterpriseKind::IndividualBusiness;
    e2 = must(db.createEnterprise(e2, "王伟"));
    core::Hazard h = sampleHazard(e2.meta.id);
    h.level = core::HazardLevel::General;
    must(db.createHazard(h, "王伟"));
    files.push_back(sendChanges(db, "市安委办"));
    core::WorkflowInput in;
    in.date = "2026-11-28";
    in.note = "已整改";
    in.person = "李强";
    must(db.applyHazardAction(ids[1], core::WorkflowAction::Submit, in, "王伟", kToday));
    reworded(db, ids[2], "隐患 2（复查后改写）");
    files.push_back(sendChanges(db, "市安委办"));
  }
};

store::Store cityDb() {
  store::Store db = openMemory(77);
  core::Office o = db.office();
  o.name = "市安委办";
  o.divisionCode = "320100";
  o.level = core::OfficeLevel::City;
  REQUIRE(db.setOffice(o, "赵敏").ok());
  return db;
}

} // namespace

TEST_CASE("change files: numbered, each holding only what changed since the previous one") {
  Township t;
  REQUIRE(t.files.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(t.files[i].scope.number == static_cast<int64_t>(i + 1));
    CHECK(t.files[i].scope.after == static_cast<int64_t>(i));
    CHECK(t.files[i].scope.to == "市安委办");
  }
  CHECK(t.files[0].hazards == 3);
  CHECK(t.files[1].hazards == 3); // reworded, started, new
  CHECK(t.files[2].hazards == 2);
  CHECK(t.files[2].events == 2);
  ledger::ReadResult r = ledger::readLedger(t.files[1].text);
  REQUIRE(r.problems.empty());
  CHECK(r.ledger.scope == "changes");
  CHECK(r.ledger.changes.number == 2);
  CHECK(r.ledger.of(ledger::Kind::Enterprise).size() == 2); // the new firm, and the one its hazards refer to
  CHECK(t.files[2].text.size() * 3 < fullText(t.db).size());
  auto sent = must(ledger::sentChanges(t.db));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].recipient == "市安委办");
  CHECK(sent[0].number == 3);
  // Nothing changed since: the next file is empty but numbered.
  Sent empty = sendChanges(t.db, "市安委办");
  CHECK(empty.scope.number == 4);
  CHECK(empty.hazards == 0);
  CHECK(empty.events == 0);
}

TEST_CASE("change files imported in every order give the database a full file gives") {
  Township t;
  store::Store viaFull = cityDb();
  importBytes(viaFull, fullText(t.db), "full.ledger.json");
  const std::string expected = exportText(viaFull);
  std::vector<int> order{0, 1, 2};
  int orders = 0;
  do {
    CAPTURE(order[0]);
    CAPTURE(order[1]);
    CAPTURE(order[2]);
    store::Store city = cityDb();
    for (int i : order) importBytes(city, t.files[static_cast<size_t>(i)].text, "week" + std::to_string(i + 1));
    CHECK(exportText(city) == expected);
    CHECK(must(store::listConflicts(city, true)).empty());
    const auto check = must(city.verifyHistory());
    CHECK_MESSAGE(check.ok, check.problem);
    CHECK(must(ledger::receivedChanges(city, t.db.office().id)) == std::vector<int64_t>{1, 2, 3});
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(orders == 6);
}

TEST_CASE("a file that brings a missing link removes the conflict it shows was none, also when it holds the record as "
          "stored") {
  // Change files 1 and 3 of a township: the city sees version 3 of a hazard without the edit
  // from version 1 to 2, so versions 1 and 3 look concurrent (an open conflict). A full file then
  // holds the hazard in version 3, exactly as stored, and the missing link: no conflict remains.
  store::Store town = openMemory(32);
  setTownOffice(town);
  core::Enterprise e = must(town.createEnterprise(sampleEnterprise(), "王伟"));
  core::Hazard h = sampleHazard(e.meta.id);
  h.level = core::HazardLevel::General;
  const std::string id = must(town.createHazard(h, "王伟")).meta.id;
  std::vector<Sent> files;
  files.push_back(sendChanges(town, "市安委办"));
  reworded(town, id, "第二版描述");
  files.push_back(sendChanges(town, "市安委办"));
  reworded(town, id, "第三版描述");
  files.push_back(sendChanges(town, "市安委办"));

  store::Store viaFull = cityDb();
  importBytes(viaFull, fullText(town), "full.ledger.json");
  store::Store city = cityDb();
  importBytes(city, files[0].text, "week1");
  importBytes(city, files[2].text, "week3");
  REQUIRE(must(store::listConflicts(city, true)).size() == 1); // not yet known to be no conflict
  const auto report = importBytes(city, fullText(town), "full.ledger.json");
  CHECK(must(store::listConflicts(city, true)).empty());
  CHECK(exportText(city) == exportText(viaFull));
  CHECK(report.kinds[static_cast<size_t>(ledger::Kind::Hazard)].unchanged == 1);
  CHECK(must(city.verifyHistory()).ok);
}

TEST_CASE("a missing change file is named, and the history is whole once it arrives") {
  Township t;
  store::Store city = cityDb();
  CHECK(importBytes(city, t.files[0].text, "week1").gaps.empty());
  const auto skipped = importBytes(city, t.files[2].text, "week3");
  REQUIRE(skipped.gaps.size() == 1);
  CHECK(skipped.gaps[0].find("第 2 号变更文件") != std::string::npos);
  CHECK(skipped.describe().find("第 2 号变更文件") != std::string::npos);
  const auto incomplete = must(city.verifyHistory());
  CHECK_FALSE(incomplete.ok);
  CHECK(incomplete.problem.find("缺少一段") != std::string::npos);
  CHECK(importBytes(city, t.files[1].text, "week2").gaps.empty());
  CHECK(must(city.verifyHistory()).ok);
  // Without numbering to go by (a since file's start is not held): ask for a full file.
  store::Store other = cityDb();
  ledger::StringSink since;
  ledger::ExportOptions o;
  o.changeFile = true;
  o.afterSeq = 0;
  must(ledger::exportLedgerTo(t.db, since, o));    // everything: no gap
  CHECK_FALSE(ledger::exportLedger(t.db, o).ok()); // the in-memory exporter writes no change files
  CHECK(importBytes(other, since.text, "all").gaps.empty());
}

TEST_CASE("a reset makes the next change file hold everything again") {
  Township t;
  REQUIRE(ledger::resetRecipient(t.db, "市安委办").ok());
  Sent again = sendChanges(t.db, "市安委办");
  CHECK(again.scope.number == 4);
  CHECK(again.scope.after == 0);
  CHECK(again.hazards == 4);
  store::Store city = cityDb();
  const auto r = importBytes(city, again.text, "reset");
  CHECK(r.gaps.empty());
  CHECK(must(city.verifyHistory()).ok);
  Sent next = sendChanges(t.db, "市安委办");
  CHECK(next.scope.after == 4);
  CHECK(next.events == 0);
}
