// The merge model as properties over many generated ledgers: offices start from one shared
// ledger, edit concurrently, and exchange files. merge is idempotent, commutative and
// associative; importing A then B equals B then A; re-importing changes nothing; concurrent
// edits become conflicts that are recorded, counted, listed, and whose losing version is kept.
#include "ledger/merge.hpp"
#include "ledger_test_support.hpp"
#include "store/import_apply.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace hz;
using namespace hz::test;

namespace {

// An office that received `base` and then edited some of its hazards (and added one).
ledger::Ledger officeEdits(const ledger::Ledger& base, uint64_t seed, const std::vector<size_t>& edit) {
  store::StoreOptions o = testOptions(seed);
  o.clock = steppingClock(1795914000000 + static_cast<int64_t>(seed) * 7000000);
  store::Store db = must(store::Store::open(":memory:", o));
  importAll(db, {base});
  const auto& hazards = base.of(ledger::Kind::Hazard);
  for (size_t i : edit) {
    core::Hazard h = must(db.getHazard(hazards[i % hazards.size()].meta.id));
    h.description += "（" + std::to_string(seed) + "号单位复核）";
    h.meta.rev.clear();
    must(db.updateHazard(h, "复核员"));
  }
  core::Hazard added = toHazard(hazards[0]);
  added = core::Hazard{};
  added.enterpriseId = base.of(ledger::Kind::Enterprise)[0].meta.id;
  added.divisionCode = "320102001";
  added.industry = "消防";
  added.description = "新增隐患 " + std::to_string(seed);
  added.source = "部门检查";
  added.foundDate = "2026-11-20";
  added.number = "320102001-2026-9" + std::to_string(seed % 1000);
  must(db.createHazard(added, "检查员"));
  return must(ledger::exportLedger(db));
}

std::string mergedText(const std::vector<const ledger::Ledger*>& in) {
  ledger::MergeResult m = ledger::mergeLedgers(in);
  CHECK(m.problems.empty());
  return canonicalText(m.ledger);
}

ledger::Ledger merged(const std::vector<const ledger::Ledger*>& in) { return ledger::mergeLedgers(in).ledger; }

} // namespace

TEST_SUITE("ledger merge") {

  TEST_CASE("resolveVersions: descendant wins without conflict; concurrent versions conflict") {
    const std::string a = "1795914000000-0000-A", b = "1795914001000-0000-B", c = "1795914002000-0000-C";
    auto r = ledger::resolveVersions({a, b}, {{a, b}});
    CHECK(r.winner == b);
    CHECK(r.losers.empty());
    r = ledger::resolveVersions({b, a}, {});
    CHECK(r.winner == b);
    CHECK(r.losers == std::vector<std::string>{a});
    r = ledger::resolveVersions({c, a, b}, {{a, b}});
    CHECK(r.winner == c);
    CHECK(r.losers == std::vector<std::string>{b});
    // Same millisecond and counter: the office id decides, the same way everywhere.
    r = ledger::resolveVersions({"1795914000000-0000-B", "1795914000000-0000-A"}, {});
    CHECK(r.winner == "1795914000000-0000-B");
  }

  TEST_CASE("merge is idempotent, commutative and associative over generated ledgers") {
    for (uint64_t seed = 1; seed <= 6; ++seed) {
      CAPTURE(seed);
      const ledger::Ledger base = generated(100 + seed, 4, 10);
      std::mt19937_64 rng(seed);
      auto pick = [&](int n) {
        std::vector<size_t> v;
        for (int i = 0; i < n; ++i) v.push_back(static_cast<size_t>(rng() % 10));
        return v;
      };
      const ledger::Ledger A = officeEdits(base, seed * 10 + 1, pick(3));
      const ledger::Ledger B = officeEdits(base, seed * 10 + 2, pick(3));
      const ledger::Ledger C = officeEdits(base, seed * 10 + 3, pick(2));
      // Idempotent.
      CHECK(mergedText({&A, &A}) == mergedText({&A}));
      const ledger::Ledger AB = merged({&A, &B});
      CHECK(mergedText({&AB, &B}) == canonicalText(AB));
      // Commutative.
      CHECK(mergedText({&A, &B}) == mergedText({&B, &A}));
      CHECK(mergedText({&A, &B, &C}) == mergedText({&C, &B, &A}));
      // Associative.
      const ledger::Ledger BC = merged({&B, &C});
      CHECK(mergedText({&AB, &C}) == mergedText({&A, &BC}));
      CHECK(mergedText({&AB, &C}) == mergedText({&A, &B, &C}));
      // The merged file is itself valid.
      ledger::Ledger all = merged({&A, &B, &C});
      ledger::ReadResult r = ledger::checkLedger(ledger::writeLedger(all));
      std::string why;
      for (const auto& p : r.problems) why += ledger::problemLine("merged", p) + "\n";
      CHECK_MESSAGE(r.problems.empty(), why);
      // Base then an office's edits: a fast-forward, no conflict.
      CHECK(ledger::mergeLedgers({&base, &A}).conflicts == 0);
    }
  }

  TEST_CASE("concurrent edits: conflict recorded, counted, listed; losing version kept") {
    const ledger::Ledger base = generated(200, 3, 6);
    const ledger::Ledger A = officeEdits(base, 21, {2});
    const ledger::Ledger B = officeEdits(base, 22, {2});
    ledger::MergeResult m = ledger::mergeLedgers({&A, &B});
    REQUIRE(m.conflicts == 1);
    const ledger::Conflict& c = m.ledger.conflicts.at(0);
    const std::string hazardId = base.of(ledger::Kind::Hazard)[2].meta.id;
    CHECK(c.recordId == hazardId);
    CHECK(core::fieldValue(c.loser.fields, "description").find("号单位复核") != std::string::npos);

    // The same in a database, in both orders.
    store::Store x = openMemory(31), y = openMemory(32);
    importAll(x, {base});
    importAll(y, {base});
    importAll(x, {A});
    ledger::ImportReport rx = importAll(x, {B});
    importAll(y, {B});
    ledger::ImportReport ry = importAll(y, {A});
    CHECK(rx.kinds[static_cast<size_t>(ledger::Kind::Hazard)].conflicts == 1);
    CHECK(ry.kinds[static_cast<size_t>(ledger::Kind::Hazard)].conflicts == 1);
    CHECK(exportText(x) == exportText(y));
    auto listed = must(store::listConflicts(x, true));
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].recordId == hazardId);
    CHECK(listed[0].loserJson.find("号单位复核") != std::string::npos);
    // Both versions' edits are in the history.
    int updates = 0;
    for (const auto& e : must(x.history("hazard", hazardId))) updates += e.action == "update";
    CHECK(updates == 2);
    // Re-importing changes nothing.
    const std::string before = exportText(x);
    ledger::ImportReport again = importAll(x, {A, B});
    for (const auto& k : again.kinds) {
      CHECK(k.added == 0);
      CHECK(k.updated == 0);
      CHECK(k.conflicts == 0);
    }
    CHECK(exportText(x) == before);
    // The database's export equals the pure merge.
    CHECK(exportText(x) == mergedText({&base, &A, &B}));
  }

  TEST_CASE("importing A then B equals B then A over generated ledgers") {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      CAPTURE(seed);
      const ledger::Ledger base = generated(300 + seed, 3, 8);
      const ledger::Ledger A = officeEdits(base, seed * 10 + 4, {1, 3});
      const ledger::Ledger B = officeEdits(base, seed * 10 + 5, {3, 5});
      store::Store x = openMemory(40 + seed), y = openMemory(50 + seed);
      importAll(x, {A, B});
      importAll(y, {B, A});
      CHECK(exportText(x) == exportText(y));
      auto hx = must(x.verifyHistory());
      CHECK_MESSAGE(hx.ok, hx.problem);
    }
  }

} // TEST_SUITE
