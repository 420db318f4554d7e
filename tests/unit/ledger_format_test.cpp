// Ledger format v1: golden-file round trip, deterministic export and generation, import(export)
// equals the database, BOM and "since" exports (statistics of a file: report_stats_test.cpp).
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::test;

TEST_SUITE("ledger format") {

  TEST_CASE("golden file: valid, and writing what was read gives the same bytes") {
    const std::string bytes = readData("golden/small.json");
    ledger::ReadResult r = ledger::checkLedger(bytes);
    std::string why;
    for (const auto& p : r.problems) why += ledger::problemLine("small.json", p) + "\n";
    REQUIRE_MESSAGE(r.problems.empty(), why);
    CHECK(r.ledger.of(ledger::Kind::Hazard).size() == 3);
    CHECK(r.ledger.of(ledger::Kind::Enterprise).size() == 2);
    CHECK(r.ledger.checksum == r.computedChecksum);
    CHECK(ledger::writeLedger(r.ledger) == bytes);
  }

  TEST_CASE("golden file with a UTF-8 BOM is accepted") {
    ledger::ReadResult r = ledger::checkLedger("\xEF\xBB\xBF" + readData("golden/small.json"));
    CHECK(r.problems.empty());
    CHECK_FALSE(r.fatal);
  }

  TEST_CASE("the same database exports byte-identical files; generation is deterministic") {
    ledger::Ledger first = generated(11, 6, 20);
    const std::string a = ledger::writeLedger(first);
    ledger::Ledger again = generated(11, 6, 20);
    CHECK(ledger::writeLedger(again) == a);
    ledger::Ledger other = generated(12, 6, 20);
    CHECK(ledger::writeLedger(other) != a);

    store::Store db = openMemory(3);
    importAll(db, {generated(11, 6, 20)});
    auto e1 = must(ledger::exportLedger(db));
    auto e2 = must(ledger::exportLedger(db));
    CHECK(ledger::writeLedger(e1) == ledger::writeLedger(e2));
  }

  TEST_CASE("import(export(db)) equals db") {
    store::Store db1 = openMemory(4);
    setTownOffice(db1);
    auto e = must(db1.createEnterprise(sampleEnterprise(), "王伟"));
    auto h = must(db1.createHazard(sampleHazard(e.meta.id), "王伟"));
    must(db1.applyHazardAction(h.meta.id, core::WorkflowAction::Start, {}, "李强", kToday));
    importAll(db1, {generated(21, 5, 15)});
    const std::string before = exportText(db1);

    store::Store db2 = openMemory(5);
    ledger::Ledger exported = must(ledger::exportLedger(db1));
    importAll(db2, {exported});
    CHECK(exportText(db2) == before);
    auto check = must(db2.verifyHistory());
    CHECK_MESSAGE(check.ok, check.problem);
    // Every record reads back through the store API.
    CHECK(must(db2.getHazard(h.meta.id)).status == core::HazardStatus::InProgress);
  }

  TEST_CASE("export since a date holds only later changes and validates without a database") {
    store::Store db = openMemory(6);
    importAll(db, {generated(31, 4, 10)});
    ledger::ExportOptions o;
    o.since = "2099-01-01";
    ledger::Ledger l = must(ledger::exportLedger(db, o));
    CHECK(l.scope == "since");
    CHECK(l.of(ledger::Kind::Hazard).empty());
    CHECK(l.events.empty());
    ledger::ReadResult r = ledger::checkLedger(ledger::writeLedger(l));
    CHECK(r.problems.empty());
    CHECK(r.ledger.since == "2099-01-01");
    o.since = "2026-02-30";
    CHECK_FALSE(ledger::exportLedger(db, o).ok());
  }

} // TEST_SUITE
