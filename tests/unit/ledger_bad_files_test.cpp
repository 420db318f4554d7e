// The corpus of bad ledger files (tests/data/bad/, listed in expected.tsv) and hostile inputs made
// at test time (100 MB string, 10,000-deep nesting, …): each must be refused with its specific
// message, and importing it must leave the database file byte-for-byte unchanged.
#include "ledger/json_guard.hpp"
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace hz;
using namespace hz::test;

namespace {

struct Expected {
  std::string file, record, field, fragment;
};

std::vector<Expected> manifest() {
  std::vector<Expected> out;
  std::istringstream in(readData("bad/expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Expected e;
    std::istringstream parts(line);
    std::getline(parts, e.file, '\t');
    std::getline(parts, e.record, '\t');
    std::getline(parts, e.field, '\t');
    std::getline(parts, e.fragment, '\t');
    if (e.record == "-") e.record.clear();
    if (e.field == "-") e.field.clear();
    out.push_back(e);
  }
  return out;
}

std::string describe(const std::string& file, const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += ledger::problemLine(file, p) + "\n";
  return s;
}

bool hasProblem(const std::vector<Problem>& problems, const Expected& e) {
  for (const auto& p : problems) {
    if (p.record == e.record && p.field == e.field && p.message.find(e.fragment) != std::string::npos) return true;
  }
  return false;
}

// A database file holding the golden ledger; the import of `bytes` must fail and leave it as is.
void expectRefusedAndUnchanged(const std::string& name, const std::string& bytes, const Expected* e) {
  TempDbFile file("bad_" + std::to_string(std::hash<std::string>{}(name) % 100000));
  {
    store::Store db = must(store::Store::open(file.path, testOptions(9)));
    ledger::ReadResult golden = ledger::readLedger(readData("golden/small.json"));
    importAll(db, {golden.ledger});
  }
  const std::string before = must(ledger::readFileBytes(file.path));
  {
    store::Store db = must(store::Store::open(file.path, testOptions(9)));
    std::vector<ledger::LedgerInput> in(1);
    in[0].name = name;
    in[0].read = ledger::readLedger(bytes);
    auto r = ledger::importLedgers(db, in);
    CHECK_MESSAGE(!r.ok(), name);
    if (e)
      CHECK_MESSAGE(hasProblem(in[0].read.problems, *e), (name + " expected " + e->field + ": " + e->fragment +
                                                          "\n got:\n" + describe(name, in[0].read.problems)));
  }
  CHECK_MESSAGE(must(ledger::readFileBytes(file.path)) == before, (name + ": the database file changed"));
  // The same file streamed in pieces, checked and applied as read, then rolled back.
  {
    store::Store db = must(store::Store::open(file.path, testOptions(9)));
    auto imp = must(ledger::LedgerImport::begin(db));
    imp->startFile(name);
    for (size_t at = 0; at < bytes.size(); at += 4096) {
      if (!imp->feed(std::string_view(bytes).substr(at, 4096))) break;
    }
    imp->endFile();
    CHECK_MESSAGE(!imp->commit().ok(), name);
    auto files = imp->takeFiles();
    REQUIRE(files.size() == 1);
    if (e)
      CHECK_MESSAGE(hasProblem(files[0].read.problems, *e),
                    (name + " streamed, expected " + e->field + ": " + e->fragment + "\n got:\n" +
                     describe(name, files[0].read.problems)));
  }
  const std::string after = must(ledger::readFileBytes(file.path));
  CHECK_MESSAGE(before == after, (name + ": the database file changed"));
}

} // namespace

TEST_SUITE("ledger bad files") {

  TEST_CASE("every bad file in tests/data/bad is refused with its message and changes nothing") {
    const auto cases = manifest();
    REQUIRE(cases.size() >= 30);
    for (const auto& e : cases) {
      CAPTURE(e.file);
      const std::string bytes = readData("bad/" + e.file);
      ledger::ReadResult r = ledger::checkLedger(bytes); // without a database, as `validate` does
      CHECK_MESSAGE((r.fatal || !r.problems.empty()), e.file);
      CHECK_MESSAGE(hasProblem(r.problems, e),
                    (e.file + " expected " + e.field + ": " + e.fragment + "\n got:\n" + describe(e.file, r.problems)));
      expectRefusedAndUnchanged(e.file, bytes, &e);
    }
  }

  TEST_CASE("a 100 MB string is refused before parsing") {
    std::string bytes = "{\"format\":\"hazard-ledger\",\"version\":1,\"x\":\"";
    bytes.append(100u * 1024 * 1024, 'a');
    bytes += "\"}";
    ledger::ReadResult r = ledger::readLedger(bytes);
    REQUIRE(r.fatal);
    CHECK(r.problems.at(0).message.find("字符串过长") != std::string::npos);
    // Multi-byte text counts too.
    std::string zh = "{\"a\":\"";
    for (int i = 0; i < 400000; ++i) zh += "隐";
    zh += "\"}";
    CHECK(ledger::readLedger(zh).problems.at(0).message.find("字符串过长") != std::string::npos);
  }

  TEST_CASE("10,000-deep nesting is refused; so are deep values inside records") {
    std::string deep(10000, '[');
    deep += std::string(10000, ']');
    ledger::ReadResult r = ledger::readLedger(deep);
    REQUIRE(r.fatal);
    CHECK(r.problems.at(0).message.find("嵌套层级过深") != std::string::npos);
    std::string obj;
    for (int i = 0; i < 10000; ++i) obj += "{\"a\":";
    obj += "1" + std::string(10000, '}');
    CHECK(ledger::readLedger(obj).problems.at(0).message.find("嵌套层级过深") != std::string::npos);
    Expected e{"", "", "", "嵌套层级过深"};
    expectRefusedAndUnchanged("deep", deep, &e);
  }

  TEST_CASE("size limit, huge header values, odd numbers and many problems") {
    ledger::GuardLimits small;
    small.maxFileBytes = 10;
    auto p = ledger::guardJsonBytes("{\"format\": 1234567}", small);
    REQUIRE(p.has_value());
    CHECK(p->message.find("文件过大") != std::string::npos);
    // A header value with a million elements.
    std::string big = "{\"office\":[";
    for (int i = 0; i < 200000; ++i) big += "0,";
    big += "0]}";
    ledger::ReadResult r = ledger::readLedger(big);
    CHECK(r.fatal);
    CHECK(r.problems.at(0).message.find("过大") != std::string::npos);
    // 1e400 overflows a double: refused as a value, never crashes.
    std::string golden = readData("golden/small.json");
    const auto at = golden.find("\"funds_wan\":");
    REQUIRE(at != std::string::npos);
    std::string huge = golden;
    huge.replace(at, std::string("\"funds_wan\":").size(), "\"funds_wan\":1e400,\"x_\":");
    r = ledger::checkLedger(huge);
    CHECK((r.fatal || !r.problems.empty()));
    // Thousands of bad records: the report stops at the limit instead of growing without bound.
    std::string many = "{\"format\":\"hazard-ledger\",\"version\":1,\"hazards\":[";
    for (int i = 0; i < 5000; ++i) many += "1,";
    many += "1]}";
    r = ledger::readLedger(many);
    CHECK(r.problems.size() <= ledger::kMaxProblems + 2);
  }

  TEST_CASE("a reference may point to the database: valid there, refused without it") {
    store::Store db = openMemory(12);
    ledger::Ledger base = generated(51, 3, 5);
    importAll(db, {base});
    // A file with only the hazards: its enterprises are in the database.
    ledger::Ledger part = base;
    part.of(ledger::Kind::Enterprise).clear();
    part.of(ledger::Kind::Inspection).clear();
    for (auto& h : part.of(ledger::Kind::Hazard)) {
      for (auto& f : h.fields) {
        if (f.first == "inspection_id") f.second.clear();
      }
    }
    part.events.clear();
    const std::string text = ledger::writeLedger(part);
    ledger::ReadResult alone = ledger::checkLedger(text);
    CHECK_FALSE(alone.problems.empty());
    ledger::ReadResult withDb = ledger::checkLedger(text, ledger::storeLookup(db));
    CHECK_MESSAGE(withDb.problems.empty(), describe("part", withDb.problems));
  }

} // TEST_SUITE
