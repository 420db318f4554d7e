// Batches of domain commands (ledger/batch.hpp, `hazard-ledger apply`): created records named by
// @ref, field updates, the workflow through to 已销号 with history events in the operator's name;
// any bad line leaves the database exactly as it was and names the line and the field.
#include "ledger/batch.hpp"
#include "ledger/record_json.hpp"
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::test;

namespace {

// The record's fields as a create command's "record" (no meta).
template <typename T> std::string fieldsJson(const T& typed, ledger::Kind kind) {
  ledger::Json j = ledger::recordToJson(kind, ledger::toRecord(typed));
  for (const char* meta : {"id", "origin", "rev", "created_at", "updated_at"}) j.erase(meta);
  return j.dump();
}

std::string goodBatch() {
  core::Hazard h = sampleHazard("@firm");
  h.level = core::HazardLevel::General;
  return "# a firm, its hazard, and the hazard through to sign-off\n"
         "{\"op\":\"create\",\"kind\":\"enterprise\",\"ref\":\"firm\",\"record\":" +
         fieldsJson(sampleEnterprise(), ledger::Kind::Enterprise) +
         "}\n"
         "{\"op\":\"create\",\"kind\":\"hazard\",\"ref\":\"h\",\"record\":" +
         fieldsJson(h, ledger::Kind::Hazard) +
         "}\n"
         "\n"
         "{\"op\":\"update\",\"kind\":\"hazard\",\"id\":\"@h\",\"set\":{\"measures\":\"加装泄爆片并设置隔爆阀\"}}\n"
         "{\"op\":\"update\",\"kind\":\"hazard\",\"id\":\"@h\",\"set\":{\"measures\":\"加装泄爆片并设置隔爆阀\"}}\n"
         "{\"op\":\"action\",\"id\":\"@h\",\"action\":\"start\"}\n"
         "{\"op\":\"action\",\"id\":\"@h\",\"action\":\"submit\",\"date\":\"2026-11-18\",\"note\":\"已加装\","
         "\"person\":\"张敏\"}\n"
         "{\"op\":\"action\",\"id\":\"@h\",\"action\":\"verify\",\"date\":\"2026-11-20\",\"note\":\"合格\","
         "\"person\":\"刘洋\"}\n";
}

int64_t historyCount(store::Store& db) {
  auto events = db.allHistory();
  REQUIRE(events.ok());
  return static_cast<int64_t>(events->size());
}

} // namespace

TEST_CASE("apply: create with refs, update, workflow to 已销号, all in the operator's name") {
  store::Store db = openMemory(21);
  setTownOffice(db);
  const int64_t before = historyCount(db);
  ledger::BatchOptions o;
  o.actor = "脚本操作员";
  o.today = core::Date{2026, 11, 29};
  auto r = ledger::applyBatch(db, goodBatch(), o);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
  CHECK(r->commands == 7);
  CHECK(r->created == 2);
  CHECK(r->updated == 1);
  CHECK(r->unchanged == 1);
  CHECK(r->actions == 3);
  REQUIRE(r->refs.count("h") == 1);
  core::Hazard h = must(db.getHazard(r->refs.at("h")));
  CHECK(h.enterpriseId == r->refs.at("firm"));
  CHECK(h.status == core::HazardStatus::Closed);
  CHECK(h.measures == "加装泄爆片并设置隔爆阀");
  CHECK(h.verifier == "刘洋");
  CHECK_FALSE(h.number.empty());
  auto events = must(db.allHistory());
  CHECK(static_cast<int64_t>(events.size()) == before + 6); // 2 creates, 1 update, 3 actions
  for (size_t i = static_cast<size_t>(before); i < events.size(); ++i) CHECK(events[i].actor == "脚本操作员");
  CHECK(must(db.verifyHistory()).ok);
}

TEST_CASE("apply: a bad line names itself and leaves the database as it was") {
  struct Case {
    std::string extra, line, field, words;
  };
  const Case cases[] = {
      {"{\"op\":\"action\",\"id\":\"@h\",\"action\":\"finish\"}", "第 10 行", "action", "无效"},
      {"{\"op\":\"update\",\"kind\":\"hazard\",\"id\":\"@h\",\"set\":{\"colour\":\"红\"}}", "第 10 行", "colour",
       "未知字段"},
      {"{\"op\":\"update\",\"kind\":\"hazard\",\"id\":\"@nobody\",\"set\":{\"measures\":\"x\"}}", "第 10 行", "id",
       "未在前面"},
      {"{\"op\":\"update\",\"kind\":\"hazard\",\"id\":\"@h\",\"set\":{\"deadline\":\"2026-02-30\"}}", "第 10 行",
       "deadline", ""},
      {"{\"op\":\"action\",\"id\":\"@h\",\"action\":\"reopen\"}", "第 10 行", "", ""}, // needs a reason
      {"{not json", "第 10 行", "", "不是有效的 JSON"},
      {"{\"op\":\"create\",\"kind\":\"office\",\"record\":{}}", "第 10 行", "kind", "无效"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.extra);
    store::Store db = openMemory(22);
    setTownOffice(db);
    const std::string exported = exportText(db);
    const int64_t events = historyCount(db);
    ledger::BatchOptions o;
    o.actor = "脚本操作员";
    o.today = core::Date{2026, 11, 29};
    auto r = ledger::applyBatch(db, goodBatch() + c.extra + "\n", o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(c.line) == 0);
    CHECK(r.error().message.find("全部命令均未执行") != std::string::npos);
    REQUIRE(r.error().problems.size() == 1);
    if (!c.field.empty()) CHECK(r.error().problems[0].field == c.field);
    if (!c.words.empty()) CHECK(r.error().message.find(c.words) != std::string::npos);
    CHECK(exportText(db) == exported);
    CHECK(historyCount(db) == events);
    CHECK(must(db.countHazards()) == 0);
  }
}

TEST_CASE("apply: a dry run checks everything and writes nothing; an operator is required") {
  store::Store db = openMemory(23);
  setTownOffice(db);
  const std::string exported = exportText(db);
  ledger::BatchOptions o;
  o.actor = "脚本操作员";
  o.today = core::Date{2026, 11, 29};
  o.dryRun = true;
  auto r = ledger::applyBatch(db, goodBatch(), o);
  REQUIRE(r.ok());
  CHECK(r->created == 2);
  CHECK(exportText(db) == exported);
  o.actor.clear();
  CHECK_FALSE(ledger::applyBatch(db, goodBatch(), o).ok());
}
