// The browser's ledger import as a job across frames (model/ledger_exchange.hpp): a compressed
// city file applied a part per step with the progress rising; cancel in the middle leaves the
// database file byte-identical; a damaged file is refused at the end with nothing changed; a
// complete run holds what the one-go import holds.
#include "ledger/compress.hpp"
#include "ledger_test_support.hpp"
#include "model/ledger_exchange.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::test;

namespace {

std::string cityFile() {
  ledger::Ledger l = generated(77, 60, 400);
  return ledger::gzip(ledger::writeLedger(l));
}

std::string baseDatabase(TempDbFile& file) {
  {
    store::Store db = must(store::Store::open(file.path, testOptions(5)));
    importAll(db, {generated(78, 5, 10)});
  }
  return must(ledger::readFileBytes(file.path));
}

} // namespace

TEST_CASE("import job: cancel half way leaves the database file byte-identical") {
  TempDbFile file("import_job_cancel");
  const std::string before = baseDatabase(file);
  const std::string bytes = cityFile();
  {
    store::Store db = must(store::Store::open(file.path, testOptions(5)));
    const int64_t hazardsBefore = must(db.countHazards());
    auto job = must(model::LedgerImportJob::start(db, bytes, "city.ledger.json.gz"));
    int steps = 0;
    double last = 0;
    while (job->progress() < 0.5) {
      REQUIRE_FALSE(job->step(0, 2000));
      CHECK(job->progress() > last);
      last = job->progress();
      ++steps;
    }
    CHECK(steps > 3);
    // Records read so far are in the open transaction…
    CHECK(must(db.countHazards()) > hazardsBefore);
    job->cancel();
    // …and gone with it.
    CHECK(must(db.countHazards()) == hazardsBefore);
  }
  CHECK(must(ledger::readFileBytes(file.path)) == before);
}

TEST_CASE("import job: a damaged file is refused at the end, a whole one matches the one-go import") {
  TempDbFile file("import_job_damaged");
  const std::string before = baseDatabase(file);
  const std::string bytes = cityFile();
  {
    std::string damaged = bytes;
    damaged.resize(damaged.size() - 100); // cut: the last part never arrived
    store::Store db = must(store::Store::open(file.path, testOptions(5)));
    auto job = must(model::LedgerImportJob::start(db, damaged, "cut.ledger.json.gz"));
    while (!job->step(0, 50000)) {
    }
    auto r = job->finish();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("不完整") != std::string::npos);
    CHECK(r.error().message.find("数据库未作任何修改") != std::string::npos);
  }
  CHECK(must(ledger::readFileBytes(file.path)) == before);
  // Whole: the same database as an import in one go.
  store::Store a = must(store::Store::open(file.path, testOptions(5)));
  auto job = must(model::LedgerImportJob::start(a, bytes, "city.ledger.json.gz"));
  while (!job->step(0, 30000)) {
  }
  auto done = job->finish();
  REQUIRE_MESSAGE(done.ok(), done.error().describe());
  CHECK(done.value().records > 400);
  store::Store b = openMemory(5);
  importAll(b, {generated(78, 5, 10)});
  REQUIRE(model::importLedgerBytes(b, bytes, "city.ledger.json.gz").ok());
  CHECK(exportText(a) == exportText(b));
}

TEST_CASE("import job: the same file again is known by its digest; the same content in other bytes is read") {
  store::Store db = openMemory(6);
  const std::string bytes = cityFile();
  auto first = model::importLedgerBytes(db, bytes, "week1.ledger.json.gz");
  REQUIRE(first.ok());
  const std::string before = exportText(db);
  auto job = must(model::LedgerImportJob::start(db, bytes, "again.ledger.json.gz"));
  CHECK(job->step(0, 1)); // nothing to read
  auto again = job->finish();
  REQUIRE(again.ok());
  CHECK(again.value().records == 0);
  CHECK(again.value().summary.find("内容未变") != std::string::npos);
  CHECK(again.value().summary.find("week1.ledger.json.gz") != std::string::npos);
  // The plain text of the same ledger: other bytes, so read and checked; nothing changes.
  const std::string plain = must(ledger::gunzip(bytes, ledger::kMaxFileBytes));
  auto content = model::importLedgerBytes(db, plain, "week1.ledger.json");
  REQUIRE(content.ok());
  CHECK(content.value().records == 0);
  CHECK(content.value().summary.find("内容未变") == std::string::npos);
  CHECK(exportText(db) == before);
}
