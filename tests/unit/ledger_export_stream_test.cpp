// The streaming exporter (ledger/export_stream.hpp) against the in-memory oracle
// writeLedger(exportLedger(db)): byte-identical files for full and "since" scopes on databases
// with several offices, conflicts and a history whose local order is not chain order; a sink
// that fails half-way; cancelling; and memory that does not grow with the history.
#include "ledger/export_stream.hpp"
#include "ledger/resolve.hpp"
#include "ledger_test_support.hpp"
#include "store/import_apply.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace hz;
using namespace hz::test;

namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kStart = 1795914000000; // 2026-11-29T01:00:00Z

// A store whose clock the test moves (1 s per reading, jumps by whole days on request).
struct Office {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kStart);
  store::Store db;
  explicit Office(uint64_t seed, int64_t start) : db(open(seed, start, now)) {}
  static store::Store open(uint64_t seed, int64_t start, const std::shared_ptr<int64_t>& now) {
    *now = start;
    store::StoreOptions o = testOptions(seed);
    o.clock = [now] { return *now += 1000; };
    return must(store::Store::open(":memory:", o));
  }
  void nextDay() { *now += kDay; }
};

void reword(store::Store& db, const std::string& hazardId, const std::string& text) {
  core::Hazard h = must(db.getHazard(hazardId));
  h.description = text;
  h.meta.rev.clear();
  must(db.updateHazard(h, "复核员"));
}

std::string oracle(store::Store& db, const ledger::ExportOptions& o = {}) {
  ledger::Ledger l = must(ledger::exportLedger(db, o));
  return ledger::writeLedger(l);
}

struct Streamed {
  std::string text;
  int fallbackOrigins = 0;
  size_t maxHeld = 0;
  int steps = 0;
};

Streamed streamed(store::Store& db, int64_t budget, const ledger::ExportOptions& o = {}) {
  ledger::StringSink sink;
  auto s = must(ledger::LedgerExportStream::open(db, sink, o));
  Streamed out;
  double last = 0;
  for (;;) {
    auto r = s->step(budget);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
    ++out.steps;
    CHECK(s->progress() >= last);
    last = s->progress();
    out.maxHeld = std::max(out.maxHeld, s->heldBytes());
    if (r.value()) break;
    REQUIRE(out.steps < 1000000);
  }
  CHECK(s->progress() == 1.0);
  CHECK(s->bytesWritten() == sink.text.size());
  out.text = std::move(sink.text);
  out.fallbackOrigins = s->fallbackOrigins();
  return out;
}

// A city that imported three townships (one base ledger, two offices that reworded the same
// hazard: a conflict), a later since-file of office A before A's full file (so A's events are not
// stored in chain order), then edited and resolved a conflict itself.
struct City {
  Office city{90, kStart + 30 * kDay};
  std::string since; // a date inside the history: some records and events before, some after
};

std::unique_ptr<City> makeCity() {
  const ledger::Ledger base = generated(300, 6, 24);
  const std::string h1 = base.of(ledger::Kind::Hazard)[1].meta.id;
  const std::string h2 = base.of(ledger::Kind::Hazard)[2].meta.id;
  const std::string h3 = base.of(ledger::Kind::Hazard)[3].meta.id;

  Office a(41, kStart + 2 * kDay), b(42, kStart + 3 * kDay);
  importAll(a.db, {base});
  importAll(b.db, {base});
  reword(a.db, h1, "甲单位的描述");
  reword(b.db, h1, "乙单位的描述");
  const ledger::Ledger aFull = must(ledger::exportLedger(a.db));
  a.nextDay();
  a.nextDay();
  const std::string aSince = core::Date::fromDays((*a.now + 8 * 3600000) / kDay).toString();
  reword(a.db, h2, "甲单位第二次修改");
  reword(a.db, h3, "甲单位第三次修改");
  ledger::ExportOptions so;
  so.since = aSince;
  const ledger::Ledger aLater = must(ledger::exportLedger(a.db, so));
  REQUIRE(aLater.events.size() == 2);
  const ledger::Ledger bFull = must(ledger::exportLedger(b.db));

  auto c = std::make_unique<City>();
  store::Store& db = c->city.db;
  importAll(db, {base});
  importAll(db, {aLater});       // A's later events first ...
  importAll(db, {aFull, bFull}); // ... then the ones before them: not chain order locally
  auto open = must(store::listConflicts(db, true));
  REQUIRE(open.size() == 1);
  c->city.nextDay();
  c->since = core::Date::fromDays((*c->city.now + 8 * 3600000) / kDay).toString();
  REQUIRE(ledger::resolveConflict(db, open[0].id, ledger::ConflictChoice::UseOther, "李娜").ok());
  reword(db, base.of(ledger::Kind::Hazard)[5].meta.id, "市里修改的描述");
  core::Enterprise e = sampleEnterprise("市级新增企业");
  e.uscc = "";
  e.kind = core::EnterpriseKind::IndividualBusiness;
  must(db.createEnterprise(e, "王伟"));
  return c;
}

} // namespace

TEST_SUITE("ledger export stream") {

  TEST_CASE("SHA3 stream: the digests of SQLite's sha3() at every length around the block size") {
    // FIPS 202 examples, then SQL's sha3() on the same connection code the app uses.
    CHECK(ledger::Sha3Stream::hex(ledger::Sha3Stream::of("")) ==
          "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    CHECK(ledger::Sha3Stream::hex(ledger::Sha3Stream::of("abc")) ==
          "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    auto db = must(store::Database::open(":memory:"));
    auto st = must(db.prepare("SELECT lower(hex(sha3(CAST(?1 AS BLOB), 256)))"));
    auto sql = [&](const std::string& text) {
      st.reset();
      st.bind(1, text);
      REQUIRE(must(st.step()));
      return st.getText(0);
    };
    std::string text;
    for (size_t n = 0; n < 420; ++n) {
      CAPTURE(n);
      CHECK(ledger::Sha3Stream::hex(ledger::Sha3Stream::of(text)) == sql(text));
      CHECK(ledger::sharedSha3().hex(text) == sql(text));
      // The same text fed in uneven pieces (most of them not 8-byte aligned).
      ledger::Sha3Stream s;
      for (size_t i = 0; i < text.size(); i += 1 + i % 7) s.update(std::string_view(text).substr(i, 1 + i % 7));
      CHECK(s.finishHex() == sql(text));
      text += static_cast<char>('a' + n % 26);
      if (n % 5 == 0) text += "隐患";
    }
  }

  TEST_CASE("a generated ledger: the same bytes as writeLedger at any step size") {
    store::Store db = openMemory(7);
    importAll(db, {generated(11, 5, 30)});
    reword(db, must(db.listAllHazards()).back().meta.id, "本地修改"); // a second origin
    const std::string expected = oracle(db);
    for (int64_t budget : {1, 7, 100, 1 << 20}) {
      CAPTURE(budget);
      const Streamed s = streamed(db, budget);
      CHECK(s.text == expected);
      CHECK(s.fallbackOrigins == 0);
    }
    CHECK(ledger::checkLedger(expected).problems.empty());
  }

  TEST_CASE("a city: several offices, conflicts, history out of chain order; full and since") {
    auto c = makeCity();
    store::Store& db = c->city.db;
    REQUIRE_FALSE(must(store::listConflicts(db, false)).empty());

    const std::string full = oracle(db);
    CHECK(full.find("\"conflicts\":[\n") != std::string::npos);
    for (int64_t budget : {3, 64, 1 << 20}) {
      CAPTURE(budget);
      const Streamed s = streamed(db, budget);
      CHECK(s.text == full);
      CHECK(s.fallbackOrigins == 1); // office A's events were ordered in memory
    }
    ledger::ExportOptions since;
    since.since = c->since;
    const std::string part = oracle(db, since);
    CHECK(part.size() < full.size());
    CHECK(part.find("\"type\":\"since\"") != std::string::npos);
    CHECK(streamed(db, 5, since).text == part);
    since.since = "2026-11-30"; // inside the townships' history
    CHECK(streamed(db, 5, since).text == oracle(db, since));
    since.since = "2100-01-01"; // nothing in scope
    CHECK(streamed(db, 5, since).text == oracle(db, since));

    ledger::StringSink sink;
    since.since = "2026-02-30";
    CHECK(ledger::LedgerExportStream::open(db, sink, since).error().code == ErrorCode::Invalid);
  }

  TEST_CASE("an empty database") {
    store::Store db = openMemory(3);
    CHECK(streamed(db, 10).text == oracle(db));
  }

  TEST_CASE("a sink that fails half-way ends the export with its error") {
    store::Store db = openMemory(8);
    importAll(db, {generated(13, 4, 40)});
    const size_t total = oracle(db).size();
    struct Failing final : ledger::LedgerSink {
      size_t room = 0, got = 0;
      Status write(const char*, size_t size) override {
        if (got + size > room) return Error::make(ErrorCode::Storage, "磁盘已满");
        got += size;
        return Ok{};
      }
    } sink;
    sink.room = total / 2;
    auto s = must(ledger::LedgerExportStream::open(db, sink));
    Result<bool> r = false;
    int steps = 0;
    while ((r = s->step(10)) && !r.value()) ++steps;
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "磁盘已满");
    CHECK(steps > 1);
    CHECK_FALSE(s->done());
    CHECK(s->progress() < 1.0);
    CHECK(sink.got <= total / 2);
    CHECK_FALSE(s->step(10).ok()); // stays failed
  }

  TEST_CASE("a full disk through the file sink and the temporary file") {
    store::Store db = openMemory(9);
    importAll(db, {generated(14, 3, 10)});
    if (std::FILE* f = std::fopen("/dev/full", "wb")) { // Linux: every write fails with ENOSPC
      std::fclose(f);
      auto sink = must(ledger::FileSink::create("/dev/full"));
      Status s = Ok{};
      if (auto r = ledger::exportLedgerTo(db, *sink, {}); !r)
        s = r.error();
      else
        s = sink->close();
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().message.find("磁盘已满") != std::string::npos);
    }
    // A path whose folder does not exist: an error, and nothing left behind.
    const auto missing = ledger::exportLedgerToFile(db, "no-such-folder/x.json");
    CHECK_FALSE(missing.ok());
    // A good path: the file is complete and the temporary file is gone.
    const std::string path = "export_stream_test.json";
    REQUIRE(ledger::exportLedgerToFile(db, path).ok());
    CHECK(must(ledger::readFileBytes(path)) == oracle(db));
    CHECK(std::fopen((path + ".part").c_str(), "rb") == nullptr);
    std::remove(path.c_str());
  }

  TEST_CASE("cancel: dropping the stream half-way leaves the database usable") {
    store::Store db = openMemory(10);
    importAll(db, {generated(15, 4, 40)});
    {
      ledger::StringSink sink;
      auto s = must(ledger::LedgerExportStream::open(db, sink));
      for (int i = 0; i < 5; ++i) REQUIRE_FALSE(must(s->step(10)));
      CHECK(s->progress() > 0);
      CHECK(s->progress() < 1);
    } // cancelled
    core::Enterprise e = sampleEnterprise("取消导出后新增的企业");
    e.uscc = "";
    e.kind = core::EnterpriseKind::IndividualBusiness;
    must(db.createEnterprise(e, "王伟"));
    CHECK(streamed(db, 50).text == oracle(db));
  }

  TEST_CASE("memory does not grow with the history or the file") {
    // The stream holds one page of records or events, the per-origin state and 32 bytes per
    // inspection/hazard/standard/work injury (their checksum lines follow the events'). Ten times
    // the events must not raise what it holds by more than a page.
    store::Store db = openMemory(11);
    importAll(db, {generated(16, 3, 12)});
    const Streamed before = streamed(db, 20);
    const std::string hazardId = must(db.listAllHazards()).front().meta.id;
    const size_t eventsBefore = must(db.allHistory()).size();
    for (size_t i = 0; i < eventsBefore * 10; ++i) reword(db, hazardId, "第" + std::to_string(i) + "次修改的描述");
    const Streamed after = streamed(db, 20);
    CHECK(after.text == oracle(db));
    CHECK(after.text.size() > before.text.size() * 4); // the history grew, not what is held
    CHECK(after.maxHeld < before.maxHeld + 64 * 1024);
    CHECK(after.maxHeld < after.text.size() / 4);
  }

} // TEST_SUITE
