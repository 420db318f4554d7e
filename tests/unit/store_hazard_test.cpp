// Hazards through the store: human numbers, field edits vs workflow fields, the workflow persisted
// with its history, atomic failure, standards with clauses, dictionaries (rename, retire).
#include "core/hazard_number.hpp"
#include "store/queries.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::store;
using hz::test::must;

TEST_CASE("store/hazards: numbers are <office division>-<year>-<office token>-<NNNN>, per (division, year)") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  const std::string t = core::officeToken(s.office().id);
  REQUIRE(t.size() == 4);
  auto num = [&](int year, int n) { return core::formatHazardNumber("320102001", year, t, n); };
  CHECK(num(2026, 42) == "320102001-2026-" + t + "-0042");
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  auto h = hz::test::sampleHazard(e.meta.id);
  CHECK(must(s.createHazard(h, "王伟")).number == num(2026, 1));
  CHECK(must(s.createHazard(h, "王伟")).number == num(2026, 2));
  h.foundDate = "2025-12-30";
  h.deadline = "2026-01-15";
  CHECK(must(s.createHazard(h, "王伟")).number == num(2025, 1));
  h.foundDate = "2026-11-28";
  h.deadline = "";
  auto third = must(s.createHazard(h, "王伟"));
  CHECK(third.number == num(2026, 3));
  CHECK(must(s.getHazardByNumber(num(2026, 3))).meta.id == third.meta.id);
  // A number taken by an imported record is skipped, never duplicated.
  h.number = num(2026, 4);
  must(s.createHazard(h, "王伟"));
  h.number.clear();
  CHECK(must(s.createHazard(h, "王伟")).number == num(2026, 5));
  // A number given here must be free (only ledgers of other offices may bring a taken one).
  h.number = num(2026, 5);
  auto dup = s.createHazard(h, "王伟");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().code == ErrorCode::Conflict);
  CHECK(must(s.countHazards()) == 6);
  CHECK(must(s.verifyHistory()).ok);
}

TEST_CASE("store/hazards: a failed write leaves nothing behind") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  const auto before = must(s.allHistory()).size();
  auto h = hz::test::sampleHazard(e.meta.id);
  auto st = must(s.db().prepare("CREATE TRIGGER fail_history BEFORE INSERT ON history "
                                "WHEN new.record_kind = 'hazard' BEGIN SELECT RAISE(ABORT, 'boom'); END"));
  REQUIRE(st.exec().ok());
  auto r = s.createHazard(h, "王伟");
  REQUIRE_FALSE(r.ok());
  CHECK(must(s.countHazards()) == 0);
  CHECK(must(s.allHistory()).size() == before);
  auto seq = must(s.db().prepare("SELECT count(*) FROM hazard_sequence"));
  REQUIRE(must(seq.step()));
  CHECK(seq.getInt(0) == 0); // the number was not consumed either
  REQUIRE(s.db().execScript("DROP TRIGGER fail_history").ok());
  CHECK(must(s.createHazard(h, "王伟")).number ==
        core::formatHazardNumber("320102001", 2026, core::officeToken(s.office().id), 1));
}

TEST_CASE("store/hazards: field edits are recorded; workflow fields are refused") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  auto h = must(s.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  auto edit = h;
  edit.measures = "加装泄爆片并设置隔爆阀";
  edit.fundsWan = 3.5;
  auto u = must(s.updateHazard(edit, "李娜", "补充措施"));
  auto events = must(s.history("hazard", h.meta.id));
  REQUIRE(events.size() == 2);
  CHECK(events[1].changes == std::vector<core::FieldChange>{{"measures", "加装泄爆片", "加装泄爆片并设置隔爆阀"},
                                                            {"funds_wan", "0", "3.5"}});
  CHECK(events[1].note == "补充措施");
  auto sneaky = u;
  sneaky.status = core::HazardStatus::Closed;
  sneaky.verifier = "赵敏";
  auto r = s.updateHazard(sneaky, "李娜");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Forbidden);
  CHECK(r.error().problems.size() == 2);
  CHECK(must(s.getHazard(h.meta.id)).status == core::HazardStatus::Pending);
  auto closedAtBirth = hz::test::sampleHazard(e.meta.id);
  closedAtBirth.status = core::HazardStatus::Closed;
  CHECK(s.createHazard(closedAtBirth, "王伟").error().code == ErrorCode::Forbidden);
}

TEST_CASE("store/hazards: the workflow persists through the store with its history") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  auto hz0 = hz::test::sampleHazard(e.meta.id);
  hz0.level = core::HazardLevel::Major;
  auto h = must(s.createHazard(hz0, "王伟"));
  using A = core::WorkflowAction;
  // A major hazard without 五落实 cannot start.
  auto refused = s.applyHazardAction(h.meta.id, A::Start, {}, "李强", hz::test::kToday);
  REQUIRE_FALSE(refused.ok());
  CHECK(must(s.history("hazard", h.meta.id)).size() == 1);
  auto plan = must(s.getHazard(h.meta.id));
  plan.five = {true, true, true, true, true};
  plan = must(s.updateHazard(plan, "王伟"));
  must(s.applyHazardAction(h.meta.id, A::Start, {}, "李强", hz::test::kToday, plan.meta.rev));
  must(s.applyHazardAction(h.meta.id, A::Submit, {"2026-11-25", "已加装泄爆片", "李强"}, "李强", hz::test::kToday));
  // The rectifier cannot sign off his own work; nothing changes.
  auto self = s.applyHazardAction(h.meta.id, A::Verify, {"2026-11-26", "同意", "李强"}, "李强", hz::test::kToday);
  REQUIRE_FALSE(self.ok());
  CHECK(must(s.getHazard(h.meta.id)).status == core::HazardStatus::AwaitingVerification);
  auto closed = must(s.applyHazardAction(h.meta.id, A::Verify, {"2026-11-26", "整改到位，同意销号", "赵敏"}, "赵敏",
                                         hz::test::kToday));
  auto stored = must(s.getHazard(h.meta.id));
  CHECK(stored.status == core::HazardStatus::Closed);
  CHECK(stored.verifier == "赵敏");
  CHECK(stored.closedDate == "2026-11-26");
  CHECK(stored.meta.rev == closed.meta.rev);
  auto events = must(s.history("hazard", h.meta.id));
  std::vector<std::string> actions;
  for (const auto& ev : events) actions.push_back(ev.action);
  CHECK(actions == std::vector<std::string>{"create", "update", "start", "submit", "verify"});
  CHECK(std::find(events.back().changes.begin(), events.back().changes.end(),
                  core::FieldChange{"status", "待验收", "已销号"}) != events.back().changes.end());
  for (size_t i = 1; i < events.size(); ++i) CHECK(events[i].prevRev == events[i - 1].newRev);
  // A stale page cannot act.
  auto stale =
      s.applyHazardAction(h.meta.id, A::Reopen, {"", "复查反弹", "王伟"}, "王伟", hz::test::kToday, plan.meta.rev);
  CHECK(stale.error().code == ErrorCode::Conflict);
  must(s.applyHazardAction(h.meta.id, A::Reopen, {"", "复查反弹", "王伟"}, "王伟", hz::test::kToday));
  CHECK(must(s.getHazard(h.meta.id)).status == core::HazardStatus::InProgress);
  CHECK(must(s.verifyHistory()).ok);
}

TEST_CASE("store/standards: seeded clause library, editable with history") {
  auto s = hz::test::openMemory();
  auto all = must(s.listStandards());
  const core::Standard* gongmao = nullptr;
  int retired = 0;
  for (const auto& st : all) {
    if (st.docNumber == "应急管理部令第10号") gongmao = &st;
    retired += st.retired;
  }
  REQUIRE(gongmao != nullptr);
  CHECK(gongmao->clauses.size() >= 15);
  CHECK(retired >= 1); // GB 35181-2017
  CHECK(must(s.listStandards(false)).size() == all.size() - retired);
  auto edited = *gongmao;
  edited.clauses.push_back({"", "补充", "本地补充条款：示例"});
  auto u = must(s.updateStandard(edited, "王伟"));
  CHECK(core::isValidUlid(u.clauses.back().id));
  auto back = must(s.getStandard(gongmao->meta.id));
  CHECK(back.clauses.size() == gongmao->clauses.size() + 1);
  CHECK(back.clauses.back().summary == "本地补充条款：示例");
  auto events = must(s.history("standard", gongmao->meta.id));
  REQUIRE(events.size() == 2);
  CHECK(events[1].changes.size() == 1);
  CHECK(events[1].changes[0].field == "clauses");
  core::Standard mine;
  mine.title = "某市燃气安全检查要点";
  mine.year = 2026;
  mine.clauses = {{"", "一", "示例"}};
  CHECK(must(s.createStandard(mine, "王伟")).meta.origin == s.office().id);
}

TEST_CASE("store/dictionaries: seeded, add, rename keeps old records matching, retire hides") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto industries = must(s.dictionary("industry"));
  REQUIRE(!industries.empty());
  CHECK(must(s.dictionaryKinds()).size() >= 4);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  auto h = hz::test::sampleHazard(e.meta.id);
  h.source = "交叉互检";
  must(s.createHazard(h, "王伟"));
  auto sources = must(s.dictionary("source"));
  auto it = std::find_if(sources.begin(), sources.end(), [](const auto& d) { return d.value == "交叉互检"; });
  REQUIRE(it != sources.end());
  auto renamed = must(s.renameDictionaryEntry(it->id, "交叉检查", "王伟"));
  CHECK(renamed.aliases == std::vector<std::string>{"交叉互检"});
  HazardFilter f;
  f.source = "交叉检查";
  CHECK(must(countHazards(s, f, hz::test::kToday)) == 1); // the record still says 交叉互检
  CHECK(s.addDictionaryEntry("source", "交叉互检").error().code == ErrorCode::Conflict);
  must(s.retireDictionaryEntry(it->id, true, "王伟"));
  auto active = must(s.dictionary("source"));
  CHECK(std::none_of(active.begin(), active.end(), [&](const auto& d) { return d.id == it->id; }));
  CHECK(must(s.dictionary("source", true)).size() == active.size() + 1);
  CHECK(must(s.getHazardByNumber(core::formatHazardNumber("320102001", 2026, core::officeToken(s.office().id), 1)))
            .source == "交叉互检");
  auto added = must(s.addDictionaryEntry("township", "东湖街道", "320102", "320102001", "王伟"));
  CHECK(added.code == "320102001");
  CHECK(must(s.verifyHistory()).ok);
}
