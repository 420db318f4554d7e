// A person's decision on a merge conflict (ledger/resolve.hpp): keeping the merged version only
// closes the conflict; taking the other version makes it current as a new local revision, with
// the changed fields in the history; a conflict cannot be resolved twice.
#include "ledger/conflict_view.hpp"
#include "ledger/resolve.hpp"
#include "ledger_test_support.hpp"
#include "store/import_apply.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::test;

namespace {

// An office that received `base` and reworded one hazard.
ledger::Ledger reworded(const ledger::Ledger& base, uint64_t seed, size_t index, const std::string& text) {
  store::StoreOptions o = testOptions(seed);
  o.clock = steppingClock(1795914000000 + static_cast<int64_t>(seed) * 7000000);
  store::Store db = must(store::Store::open(":memory:", o));
  importAll(db, {base});
  core::Hazard h = must(db.getHazard(base.of(ledger::Kind::Hazard)[index].meta.id));
  h.description = text;
  h.meta.rev.clear();
  must(db.updateHazard(h, "复核员"));
  return must(ledger::exportLedger(db));
}

// A named office (its identity travels in its history) that received `base` and changed one
// hazard's measures.
ledger::Ledger officeChanged(const ledger::Ledger& base, uint64_t seed, const std::string& office, size_t index,
                             const std::string& measures, const std::string& actor) {
  store::StoreOptions o = testOptions(seed);
  o.clock = steppingClock(1795914000000 + static_cast<int64_t>(seed) * 7000000);
  store::Store db = must(store::Store::open(":memory:", o));
  core::Office me = db.office();
  me.name = office;
  me.divisionCode = "320102001";
  REQUIRE(db.setOffice(me, actor).ok());
  importAll(db, {base});
  core::Hazard h = must(db.getHazard(base.of(ledger::Kind::Hazard)[index].meta.id));
  h.measures = measures;
  h.meta.rev.clear();
  must(db.updateHazard(h, actor));
  return must(ledger::exportLedger(db));
}

} // namespace

TEST_SUITE("ledger conflict resolution") {

  TEST_CASE("a conflict as people read it: number, firm, both values, who, when, which office, which file") {
    const ledger::Ledger base = generated(310, 3, 5);
    const core::Hazard target = toHazard(base.of(ledger::Kind::Hazard)[2]);
    const ledger::Ledger A = officeChanged(base, 61, "东湖街道安委办", 2, "更换失效的监测报警装置", "王明");
    const ledger::Ledger B = officeChanged(base, 62, "城南街道安委办", 2, "停用该设备并设置警示标志", "李强");
    store::Store db = openMemory(63);
    importAll(db, {base, A, B}); // importAll names every input "mem"
    auto views = must(ledger::describeConflicts(db, true));
    REQUIRE(views.size() == 1);
    const ledger::ConflictView& v = views[0];
    CHECK(v.kind == ledger::Kind::Hazard);
    CHECK(v.title.find(target.number) == 0);
    const std::string firm = must(db.getEnterprise(target.enterpriseId)).name;
    CHECK(v.title.find(firm) != std::string::npos);
    REQUIRE(v.fields.size() == 1);
    CHECK(v.fields[0].field == "measures");
    CHECK(v.fields[0].label == "整改措施");
    // The later edit (office B's clock runs later) is the current version; A's is the other.
    CHECK(v.fields[0].current == "停用该设备并设置警示标志");
    CHECK(v.fields[0].other == "更换失效的监测报警装置");
    CHECK(v.current.officeName == "城南街道安委办");
    CHECK(v.current.actor == "李强");
    CHECK(v.other.officeName == "东湖街道安委办");
    CHECK(v.other.actor == "王明");
    CHECK(v.current.at.size() == 19); // 2026-12-01 14:58:07, to the second
    CHECK(v.current.at != v.other.at);
    CHECK(v.sourceFile == "mem");
    CHECK(v.sourceOffice == "城南街道安委办");
    const std::string text = ledger::conflictText(v);
    for (const char* part :
         {"整改措施", "停用该设备并设置警示标志", "更换失效的监测报警装置", "东湖街道安委办", "王明"}) {
      CHECK_MESSAGE(text.find(part) != std::string::npos, part);
    }
    // Resolved conflicts are described too (for the list of handled ones), not only open ones.
    REQUIRE(ledger::resolveConflict(db, v.stored.id, ledger::ConflictChoice::UseOther, "张科长").ok());
    CHECK(must(ledger::describeConflicts(db, true)).empty());
    auto all = must(ledger::describeConflicts(db, false));
    REQUIRE(all.size() == 1);
    CHECK(all[0].stored.resolution == "reversed");
    CHECK(all[0].fields.empty()); // the other version is current now: both hold the same values
  }

  TEST_CASE("keep current or take the other version") {
    const ledger::Ledger base = generated(300, 3, 5);
    const std::string hazardId = base.of(ledger::Kind::Hazard)[1].meta.id;
    const ledger::Ledger A = reworded(base, 41, 1, "甲单位的描述");
    const ledger::Ledger B = reworded(base, 42, 1, "乙单位的描述");

    for (const bool useOther : {false, true}) {
      CAPTURE(useOther);
      store::Store db = openMemory(useOther ? 51 : 52);
      importAll(db, {base, A, B});
      auto open = must(store::listConflicts(db, true));
      REQUIRE(open.size() == 1);
      const store::StoredConflict c = open[0];
      const std::string before = must(db.getHazard(hazardId)).description;
      const std::string other = before == "甲单位的描述" ? "乙单位的描述" : "甲单位的描述";
      CHECK(ledger::loserRev(c) != c.winnerRev);

      const auto choice = useOther ? ledger::ConflictChoice::UseOther : ledger::ConflictChoice::KeepCurrent;
      REQUIRE(ledger::resolveConflict(db, c.id, choice, "李娜").ok());
      const core::Hazard after = must(db.getHazard(hazardId));
      CHECK(after.description == (useOther ? other : before));
      CHECK(must(store::listConflicts(db, true)).empty());
      const auto all = must(store::listConflicts(db, false));
      REQUIRE(all.size() == 1);
      CHECK(all[0].resolution == (useOther ? "reversed" : "confirmed"));
      CHECK(all[0].resolvedBy == "李娜");

      const auto history = must(db.history("hazard", hazardId));
      REQUIRE_FALSE(history.empty());
      const core::HistoryEvent& last = history.back();
      CHECK(last.action == "conflict_resolve");
      CHECK(last.actor == "李娜");
      if (useOther) {
        REQUIRE(last.changes.size() == 1);
        CHECK(last.changes[0].field == "description");
        CHECK(last.changes[0].oldValue == before);
        CHECK(last.changes[0].newValue == other);
        CHECK(after.meta.rev != c.winnerRev); // a new local revision that travels in the next export
      } else {
        CHECK(last.changes.empty());
        CHECK(after.meta.rev == c.winnerRev);
      }
      CHECK(must(db.verifyHistory()).ok);
      // A second decision on the same conflict is refused.
      const auto again = ledger::resolveConflict(db, c.id, choice, "李娜");
      CHECK_FALSE(again.ok());
      CHECK(ledger::resolveConflict(db, "no-such-conflict", choice, "李娜").error().code == ErrorCode::NotFound);
    }
  }
}
