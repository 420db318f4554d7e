// Ledger format v1 and v2: golden-file round trips, deterministic export and generation, import(export)
// equals the database, BOM and "since" exports (statistics of a file: report_stats_test.cpp).
#include "core/text.hpp"
#include "ledger_test_support.hpp"
#include "store/queries.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

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

  TEST_CASE("version 2: the golden file reads as version 1's, and each version writes its own bytes") {
    const std::string v1 = readData("golden/small.json");
    const std::string v2 = readData("golden/small.v2.json");
    CHECK(v2.size() < v1.size());
    CHECK(v2.find("\"hash\"") == std::string::npos); // recomputed by readers
    ledger::ReadResult a = ledger::checkLedger(v1);
    ledger::ReadResult b = ledger::checkLedger(v2);
    std::string why;
    for (const auto& p : b.problems) why += ledger::problemLine("small.v2.json", p) + "\n";
    REQUIRE_MESSAGE(b.problems.empty(), why);
    CHECK(a.ledger.version == 1);
    CHECK(b.ledger.version == 2);
    CHECK(b.ledger.checksum == b.computedChecksum);
    // The same events, hashes and links filled back in.
    REQUIRE(a.ledger.events.size() == b.ledger.events.size());
    for (size_t i = 0; i < a.ledger.events.size(); ++i) {
      CAPTURE(i);
      CHECK(a.ledger.events[i].hash == b.ledger.events[i].hash);
      CHECK(a.ledger.events[i].prevHash == b.ledger.events[i].prevHash);
      CHECK(a.ledger.events[i].changes == b.ledger.events[i].changes);
    }
    CHECK(ledger::writeLedger(b.ledger) == v2);
    a.ledger.version = 2;
    CHECK(ledger::writeLedger(a.ledger) == v2);
    b.ledger.version = 1;
    CHECK(ledger::writeLedger(b.ledger) == v1);
  }

  TEST_CASE("a file whose members were re-sorted (version after the events) reads the same") {
    // The checksum does not depend on the order of the top-level members, so `jq -S` keeps it valid.
    auto versionLast = [](std::string text) {
      const size_t at = text.find("\"version\":");
      const size_t end = text.find(",\n", at) + 2;
      const std::string member = text.substr(at, end - at);
      text.erase(at, end - at);
      const size_t checksum = text.find("\"checksum\":");
      text.insert(checksum, member);
      return text;
    };
    const std::string v2 = versionLast(readData("golden/small.v2.json"));
    REQUIRE(v2.find("\"version\":2,\n\"checksum\"") != std::string::npos);
    ledger::ReadResult r = ledger::checkLedger(v2);
    std::string why;
    for (const auto& p : r.problems) why += ledger::problemLine("re-sorted.json", p) + "\n";
    CHECK_MESSAGE(r.problems.empty(), why);
    ledger::ReadResult golden = ledger::checkLedger(readData("golden/small.json"));
    REQUIRE(r.ledger.events.size() == golden.ledger.events.size());
    for (size_t i = 0; i < r.ledger.events.size(); ++i) CHECK(r.ledger.events[i].hash == golden.ledger.events[i].hash);
    // Version 1 re-sorted reads as before; one without an event's hash is refused, naming why.
    CHECK(ledger::checkLedger(versionLast(readData("golden/small.json"))).problems.empty());
    std::string v1 = readData("golden/small.json");
    const size_t hash = v1.find(",\"hash\":\"", v1.find("\"events\":["));
    v1.erase(hash, std::string(",\"hash\":\"\"").size() + 64);
    ledger::ReadResult bad = ledger::checkLedger(versionLast(v1));
    bool named = false;
    for (const auto& p : bad.problems)
      named = named || (p.field == "events" && p.message.find("hash") != std::string::npos);
    CHECK(named);
  }

  TEST_CASE("the checksum covers the canonical form however a file spells its JSON") {
    // Keys in any order, \\u escapes, spaces and another spelling of a number change the bytes,
    // not the values: the file still checks. (Readers write the canonical text while parsing
    // when keys come sorted, and fall back to dumping the value when they do not.)
    using Ordered = nlohmann::ordered_json;
    std::function<Ordered(const nlohmann::json&, bool)> respell = [&](const nlohmann::json& v, bool reverse) {
      if (v.is_object()) {
        Ordered o = Ordered::object();
        std::vector<std::string> keys;
        for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
        if (reverse) std::reverse(keys.begin(), keys.end());
        for (const auto& k : keys) o[k] = respell(v.at(k), reverse);
        return o;
      }
      if (v.is_array()) {
        Ordered a = Ordered::array();
        for (const auto& x : v) a.push_back(respell(x, reverse));
        return a;
      }
      return Ordered(v);
    };
    const std::string golden = readData("golden/small.v2.json");
    const std::string checksum = ledger::checkLedger(golden).computedChecksum;
    REQUIRE(checksum.size() == 64);
    const auto doc = nlohmann::json::parse(golden);
    for (bool reverse : {false, true}) {
      CAPTURE(reverse);
      std::string text = respell(doc, reverse).dump(1, ' ', true); // ensure_ascii: \\u escapes
      REQUIRE(text.find("\\u") != std::string::npos);
      REQUIRE(text.find("\"funds_wan\": 45.7") != std::string::npos);
      core::replaceAll(text, "\"funds_wan\": 45.7", "\"funds_wan\": 45.70");
      ledger::ReadResult r = ledger::checkLedger(text);
      std::string why;
      for (const auto& p : r.problems) why += ledger::problemLine("respelled.json", p) + "\n";
      CHECK_MESSAGE(r.problems.empty(), why);
      CHECK(r.computedChecksum == checksum);
    }
  }

  TEST_CASE("version 2 keeps a link that is not to the previous event in the file") {
    // As in a "since" export: an origin's first event in the file links to one the file does not hold.
    store::Store db = openMemory(7);
    importAll(db, {generated(41, 3, 12)});
    setTownOffice(db);
    auto e = must(db.createEnterprise(sampleEnterprise(), "王伟"));
    must(db.createHazard(sampleHazard(e.meta.id), "王伟"));
    ledger::Ledger l = must(ledger::exportLedger(db));
    const std::string origin = db.office().id;
    auto own = std::find_if(l.events.begin(), l.events.end(), [&](const auto& ev) { return ev.origin == origin; });
    REQUIRE(own != l.events.end());
    l.events.erase(own); // the office's first event
    const std::string text = ledger::writeLedger(l);
    REQUIRE(text.find("\"prev_hash\":\"") != std::string::npos); // written where it cannot be inferred
    ledger::ReadResult r = ledger::checkLedger(text);
    CHECK(r.problems.empty());
    REQUIRE(r.ledger.events.size() == l.events.size());
    for (size_t i = 0; i < l.events.size(); ++i) {
      CAPTURE(i);
      CHECK(r.ledger.events[i].hash == l.events[i].hash);
      CHECK(r.ledger.events[i].prevHash == l.events[i].prevHash);
    }
    ledger::ExportOptions o;
    // Version 1 on request, for tools that read only that version.
    o.formatVersion = 1;
    ledger::Ledger old = must(ledger::exportLedger(db, o));
    const std::string oldText = ledger::writeLedger(old);
    CHECK(oldText.find("\"version\":1,") != std::string::npos);
    CHECK(oldText.find("\"hash\":") != std::string::npos);
    CHECK(oldText.size() > text.size());
    CHECK(ledger::checkLedger(oldText).problems.empty());
  }

  TEST_CASE("versions 1 and 2 of a file import to the same database") {
    store::Store source = openMemory(8);
    importAll(source, {generated(51, 4, 16)});
    ledger::Ledger l = must(ledger::exportLedger(source));
    l.version = 1;
    const std::string v1 = ledger::writeLedger(l);
    l.version = 2;
    const std::string v2 = ledger::writeLedger(l);
    store::Store a = openMemory(9), b = openMemory(9);
    ledger::ReadResult ra = ledger::checkLedger(v1), rb = ledger::checkLedger(v2);
    REQUIRE(ra.problems.empty());
    REQUIRE(rb.problems.empty());
    importAll(a, {ra.ledger});
    importAll(b, {rb.ledger});
    CHECK(exportText(a) == exportText(b));
    CHECK(must(b.verifyHistory()).ok);
  }

  TEST_CASE("imported hazards are found by text search: new ones, changed ones, and both in one import") {
    // The importer indexes hazards it adds in one statement at the end (ImportApply::beginBulkLoad).
    auto found = [](store::Store& db, const std::string& text) {
      store::HazardFilter f;
      f.text = text;
      return must(store::countHazards(db, f, kToday));
    };
    store::Store a = openMemory(11);
    setTownOffice(a);
    auto firm = must(a.createEnterprise(sampleEnterprise(), "王伟"));
    core::Hazard h = sampleHazard(firm.meta.id);
    h.description = "东侧消防通道堵塞";
    h = must(a.createHazard(h, "王伟"));
    const ledger::Ledger before = must(ledger::exportLedger(a));
    h.description = "二号库房灭火器过期";
    h = must(a.updateHazard(h, "王伟"));
    const ledger::Ledger after = must(ledger::exportLedger(a));

    store::Store b = openMemory(12); // holds a hazard of its own before the imports
    setTownOffice(b);
    auto own = must(b.createEnterprise(sampleEnterprise("本地机械有限公司"), "李娜"));
    core::Hazard mine = sampleHazard(own.meta.id);
    mine.description = "本地配电箱未接地";
    must(b.createHazard(mine, "李娜"));
    importAll(b, {before});
    CHECK(found(b, "消防通道") == 1);
    CHECK(found(b, "配电箱未接地") == 1);
    importAll(b, {after}); // a hazard that was there before this import changes
    CHECK(found(b, "消防通道") == 0);
    CHECK(found(b, "灭火器过期") == 1);
    CHECK(found(b, "配电箱未接地") == 1);

    store::Store c = openMemory(13); // added and changed within one import
    setTownOffice(c);
    std::vector<ledger::LedgerInput> in(2);
    in[0].read.ledger = before;
    in[1].read.ledger = after;
    for (auto& i : in) {
      i.name = "mem";
      i.read.ledger.checksum.clear();
    }
    REQUIRE(ledger::importLedgers(c, in).ok());
    CHECK(found(c, "消防通道") == 0);
    CHECK(found(c, "灭火器过期") == 1);
    // The full-text triggers are back: a hazard created afterwards is found at once.
    core::Hazard later = sampleHazard(must(c.createEnterprise(sampleEnterprise("后来化工有限公司"), "王伟")).meta.id);
    later.description = "储罐区可燃气体报警器失效";
    must(c.createHazard(later, "王伟"));
    CHECK(found(c, "报警器失效") == 1);
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
