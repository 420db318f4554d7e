// Hazard numbers across offices: numbers carry the office token, so offices of one district never
// collide; ledgers of earlier versions (numbers <division>-<year>-<NNNN>, colliding between offices)
// still validate, import in any order and merge. Properties over generated offices: every file that
// export or merge writes is accepted by validate, import and merge; import order never changes the
// records; merge is idempotent, commutative and associative.
#include "core/hazard_number.hpp"
#include "ledger/merge.hpp"
#include "ledger_test_support.hpp"
#include "store/queries.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

using namespace hz;
using namespace hz::test;

namespace {

// A district office (division 320102) of its own id that received `received`, recorded `legacy`
// hazards numbered the way earlier versions did (320102-2026-0001…, the same in every such office),
// one hazard numbered by today's rule, and edited some hazards it received.
ledger::Ledger districtOffice(uint64_t seed, const std::vector<const ledger::Ledger*>& received, int legacy,
                              const std::vector<size_t>& edits) {
  store::StoreOptions o = testOptions(seed);
  o.clock = steppingClock(1795914000000 + static_cast<int64_t>(seed) * 3000000);
  store::Store db = must(store::Store::open(":memory:", o));
  core::Office office = db.office();
  office.name = "区安委办" + std::to_string(seed) + "号";
  office.divisionCode = "320102";
  office.level = core::OfficeLevel::County;
  REQUIRE(db.setOffice(office, "管理员").ok());
  for (const ledger::Ledger* l : received) importAll(db, {*l});
  core::Enterprise e;
  e.name = "测试企业" + std::to_string(seed);
  e.kind = core::EnterpriseKind::Other;
  e.divisionCode = "320102001";
  e.industry = "工贸/机械";
  e = must(db.createEnterprise(e, "管理员"));
  for (int i = 0; i <= legacy; ++i) {
    core::Hazard h;
    h.enterpriseId = e.meta.id;
    h.divisionCode = "320102001";
    h.industry = "工贸/机械";
    h.source = "部门检查";
    h.foundDate = "2026-10-0" + std::to_string(1 + i % 9);
    h.description = "隐患 " + std::to_string(i) + "（" + office.name + "）";
    if (i < legacy) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "320102-2026-%04d", i + 1);
      h.number = buf;
    }
    must(db.createHazard(h, "检查员"));
  }
  auto hazards = must(db.listAllHazards());
  for (size_t i : edits) {
    if (hazards.empty()) break;
    core::Hazard h = hazards[i % hazards.size()];
    h.measures = "第" + std::to_string(seed) + "号单位的整改措施";
    h.meta.rev.clear();
    must(db.updateHazard(h, "复核员"));
  }
  return must(ledger::exportLedger(db));
}

std::string mergedText(const std::vector<const ledger::Ledger*>& in) {
  ledger::MergeResult m = ledger::mergeLedgers(in);
  CHECK(m.problems.empty());
  return canonicalText(m.ledger);
}

// validate, import (into an empty database) and merge all accept the bytes.
void acceptedEverywhere(const std::string& bytes, const char* what) {
  CAPTURE(what);
  ledger::ReadResult r = ledger::checkLedger(bytes);
  std::string why;
  for (const auto& p : r.problems) why += ledger::problemLine(what, p) + "\n";
  REQUIRE_MESSAGE(!r.fatal, why);
  CHECK_MESSAGE(r.problems.empty(), why);
  store::Store db = openMemory(99);
  std::vector<ledger::LedgerInput> in(1);
  in[0].name = what;
  in[0].read = ledger::readLedger(bytes);
  auto imported = ledger::importLedgers(db, in);
  CHECK_MESSAGE(imported.ok(), (imported.ok() ? std::string() : imported.error().describe()));
  ledger::ReadResult again = ledger::readLedger(bytes);
  CHECK(ledger::mergeLedgers({&again.ledger, &again.ledger}).problems.empty());
}

} // namespace

TEST_SUITE("hazard numbers") {

  TEST_CASE("office tokens: four letters, stable, spread over the space") {
    const std::string t = core::officeToken("01M8JD1TK8DXM25TWJA0HHHYJE");
    CHECK(t == core::officeToken("01M8JD1TK8DXM25TWJA0HHHYJE"));
    REQUIRE(t.size() == 4);
    for (char c : t) {
      CHECK(c >= 'A');
      CHECK(c <= 'Z');
      CHECK(std::string("ILOU").find(c) == std::string::npos);
    }
    // ULIDs of one millisecond differ only at the end: their tokens still spread.
    std::set<std::string> tokens;
    std::string id = "01M8JD1TK8DXM25TWJA0HHH000";
    const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (char a : alphabet) {
      for (char b : alphabet) {
        id[24] = a;
        id[25] = b;
        tokens.insert(core::officeToken(id));
      }
    }
    CHECK(tokens.size() > 1000); // 1,024 ids; collisions in 234,256 tokens are rare
  }

  TEST_CASE("numbers: format and parse, today's form and the v1 form") {
    CHECK(core::formatHazardNumber("320102001", 2026, "KQTM", 42) == "320102001-2026-KQTM-0042");
    CHECK(core::formatHazardNumber("320102", 2026, "KQTM", 12345) == "320102-2026-KQTM-12345");
    core::HazardNumberParts p;
    REQUIRE(core::parseHazardNumber("320102001-2026-KQTM-0042", p));
    CHECK(p.division == "320102001");
    CHECK(p.year == 2026);
    CHECK(p.token == "KQTM");
    CHECK(p.sequence == 42);
    REQUIRE(core::parseHazardNumber("320102-2025-0007", p));
    CHECK(p.token.empty());
    CHECK(p.sequence == 7);
    CHECK_FALSE(core::parseHazardNumber("320102-2026-KQTI-0042", p)); // I is not a token letter
    CHECK_FALSE(core::parseHazardNumber("32010-2026-0042", p));
    CHECK_FALSE(core::parseHazardNumber("320102-26-0042", p));
    CHECK_FALSE(core::parseHazardNumber("320102-2026-KQTM-0042-1", p));
    CHECK_FALSE(core::parseHazardNumber("第3号", p));
    CHECK(core::looksLikeNumberQuery("0023"));
    CHECK(core::looksLikeNumberQuery("kqtm-0023"));
    CHECK_FALSE(core::looksLikeNumberQuery("KQTM"));
    CHECK_FALSE(core::looksLikeNumberQuery("除尘"));
    CHECK_FALSE(core::looksLikeNumberQuery(""));
  }

  TEST_CASE("two offices of one district number their hazards apart") {
    const ledger::Ledger a = districtOffice(1, {}, 0, {});
    const ledger::Ledger b = districtOffice(2, {}, 0, {});
    const std::string na = core::fieldValue(a.of(ledger::Kind::Hazard)[0].fields, "number");
    const std::string nb = core::fieldValue(b.of(ledger::Kind::Hazard)[0].fields, "number");
    CHECK(na.rfind("320102-2026-", 0) == 0);
    CHECK(nb.rfind("320102-2026-", 0) == 0);
    CHECK(na != nb);
    CHECK(na.substr(na.size() - 4) == "0001");
  }

  TEST_CASE("v1 files of two offices with the same numbers: validate, import in either order, merge") {
    const std::string fa = readData("v1_two_offices/a.json"), fb = readData("v1_two_offices/b.json");
    acceptedEverywhere(fa, "a.json");
    acceptedEverywhere(fb, "b.json");
    const ledger::Ledger a = ledger::readLedger(fa).ledger, b = ledger::readLedger(fb).ledger;
    store::Store x = openMemory(61), y = openMemory(61);
    importAll(x, {a, b});
    importAll(y, {b, a});
    CHECK(exportText(x) == exportText(y));
    CHECK(exportText(x) == mergedText({&a, &b}));
    // The number is kept as given, once per office; the record id stays the identity.
    auto both = must(x.hazardsByNumber("320102-2026-0001"));
    REQUIRE(both.size() == 2);
    CHECK(both[0].meta.origin != both[1].meta.origin);
    auto one = x.getHazardByNumber("320102-2026-0001");
    REQUIRE_FALSE(one.ok());
    CHECK(one.error().code == ErrorCode::Conflict);
    // Searching the number (or its tail) finds both hazards.
    store::HazardFilter f;
    f.text = "320102-2026-0001";
    CHECK(must(store::countHazards(x, f, kToday)) == 2);
    // merge(merge(a, b), b) is accepted and equals merge(a, b).
    ledger::Ledger m1 = ledger::mergeLedgers({&a, &b}).ledger;
    const std::string m1Bytes = ledger::writeLedger(m1);
    acceptedEverywhere(m1Bytes, "m1.json");
    const ledger::Ledger m1Read = ledger::readLedger(m1Bytes).ledger;
    CHECK(mergedText({&m1Read, &b}) == mergedText({&a, &b}));
    // A new hazard recorded after the import takes this office's token, never a taken number.
    core::Hazard h = both[0];
    h.meta = {};
    h.number.clear();
    h.status = core::HazardStatus::Pending;
    h.completedDate.clear();
    h.closedDate.clear();
    h.verifier.clear();
    auto fresh = x.createHazard(h, "检查员");
    REQUIRE_MESSAGE(fresh.ok(), (fresh.ok() ? std::string() : fresh.error().describe()));
    CHECK(fresh->number.find(core::officeToken(x.office().id)) != std::string::npos);
  }

  TEST_CASE(
      "property: offices with overlapping numbers — exports and merges are accepted everywhere, order never matters") {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      CAPTURE(seed);
      std::mt19937_64 rng(seed);
      auto pick = [&](int n) {
        std::vector<size_t> v;
        for (int i = 0; i < n; ++i) v.push_back(static_cast<size_t>(rng() % 12));
        return v;
      };
      const ledger::Ledger base = generated(200 + seed, 3, 6);
      // Round 1: three offices of one district (legacy numbers collide), each from the base.
      const ledger::Ledger A = districtOffice(seed * 10 + 1, {&base}, 3, pick(2));
      const ledger::Ledger B = districtOffice(seed * 10 + 2, {&base}, 4, pick(2));
      const ledger::Ledger C = districtOffice(seed * 10 + 3, {&base}, 2, pick(1));
      // Round 2: an office on today's version that received A and B (their colliding numbers), then
      // recorded and edited hazards.
      const ledger::Ledger D = districtOffice(seed * 10 + 4, {&A, &B}, 0, pick(3));
      const std::vector<const ledger::Ledger*> files = {&A, &B, &C, &D};
      for (const auto* l : files) {
        ledger::Ledger copy = *l;
        acceptedEverywhere(ledger::writeLedger(copy), "export");
      }
      // merge: idempotent, commutative, associative; its output accepted everywhere.
      CHECK(mergedText({&A, &A}) == mergedText({&A}));
      const ledger::Ledger AB = ledger::mergeLedgers({&A, &B}).ledger;
      CHECK(mergedText({&AB, &B}) == canonicalText(AB));
      CHECK(mergedText({&A, &B}) == mergedText({&B, &A}));
      CHECK(mergedText({&A, &B, &C, &D}) == mergedText({&D, &C, &B, &A}));
      const ledger::Ledger CD = ledger::mergeLedgers({&C, &D}).ledger;
      CHECK(mergedText({&AB, &CD}) == mergedText({&A, &B, &C, &D}));
      const ledger::Ledger BC = ledger::mergeLedgers({&B, &C}).ledger;
      CHECK(mergedText({&AB, &C}) == mergedText({&A, &BC}));
      ledger::Ledger all = ledger::mergeLedgers({&A, &B, &C, &D}).ledger;
      const std::string allBytes = ledger::writeLedger(all);
      acceptedEverywhere(allBytes, "merged");
      // Import order never changes the records: three orders, and the pure merge.
      std::vector<size_t> order = {0, 1, 2, 3};
      std::string first;
      for (int round = 0; round < 3; ++round) {
        std::shuffle(order.begin(), order.end(), rng);
        store::Store db = openMemory(70);
        for (size_t i : order) importAll(db, {*files[i]});
        const std::string text = exportText(db);
        if (round == 0) first = text;
        CHECK(text == first);
        auto check = must(db.verifyHistory());
        CHECK_MESSAGE(check.ok, check.problem);
      }
      CHECK(first == mergedText({&A, &B, &C, &D}));
      // The numbers of the legacy offices really collide (the property is not vacuous).
      store::Store db = openMemory(71);
      importAll(db, {all});
      CHECK(must(db.hazardsByNumber("320102-2026-0001")).size() >= 3);
    }
  }

} // TEST_SUITE
