// PageVfs (src/platform/page_vfs.*), the durability core of the browser app, tested natively and
// in wasm: a stand-in for web/hz_storage.js keeps the "IndexedDB" copy in memory and drives the
// same calls the browser does (beginSave / savingData / finishSave; resetTracked / restoreChunk).
// Checked: a save restores to the same database, a save that fails half-way keeps the last
// complete save and loses nothing once saving works again, changes made while a save is in
// flight, a shrinking file, and what a torn stored set (chunks of two generations, missing
// chunks) does on restore.
#include "platform/page_vfs.hpp"
#include "store/sample_data.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using hz::platform::PageVfs;
using Bytes = std::vector<uint8_t>;

constexpr const char* kDbName = "hz-page-vfs-test.db"; // the tracked file (the app's is hazard-ledger.db)
constexpr int64_t kChunk = PageVfs::kChunkSize;

PageVfs& vfs() {
  // One VFS per process (as in the browser), not the default one: other suites use real files.
  return PageVfs::install(kDbName, false);
}

// What hz_storage.js keeps in IndexedDB: store "chunks" (number -> bytes) and meta "main".
struct StoredCopy {
  bool hasMeta = false;
  int64_t size = 0;
  int chunkSize = 0;
  int generation = 0;
  std::map<uint32_t, Bytes> chunks;
};

// A save taken from the VFS (the chunks copied out, as flush() does with HEAPU8.slice) and not
// yet written: the browser's IndexedDB transaction is asynchronous, the app keeps running.
struct PendingSave {
  std::vector<std::pair<uint32_t, Bytes>> puts;
  int64_t size = 0;
};

// The host side of web/hz_storage.js, in C++. One save = one transaction: every put, the delete
// of chunks past the end and the new meta land together, or (abort) nothing does.
struct Host {
  StoredCopy stored;
  int commits = 0; // commit notifications from the VFS (the browser schedules a save on each)

  // flush(): -1 while a transaction is open, nullopt when there is nothing to save.
  std::optional<PendingSave> begin(PageVfs& v, bool* busy = nullptr) {
    const int n = v.beginSave();
    if (busy) *busy = n < 0;
    if (n < 0 || (n == 0 && !v.hasUnsaved())) return std::nullopt;
    PendingSave p;
    p.size = v.trackedSize();
    for (int i = 0; i < n; ++i) {
      const uint8_t* data = v.savingData(i);
      p.puts.emplace_back(v.savingIndex(i), data ? Bytes(data, data + kChunk) : Bytes(kChunk, 0));
    }
    return p;
  }
  // The transaction completes, or the storage refuses the put number `failAt` (quota): abort.
  bool complete(PageVfs& v, const PendingSave& p, int failAt = -1) {
    StoredCopy tx = stored;
    for (size_t i = 0; i < p.puts.size(); ++i) {
      if (static_cast<int>(i) == failAt) {
        v.finishSave(false); // tx.onabort -> fail(): nothing of tx reaches storage
        return false;
      }
      tx.chunks[p.puts[i].first] = p.puts[i].second;
    }
    const uint32_t end = static_cast<uint32_t>((p.size + kChunk - 1) / kChunk);
    tx.chunks.erase(tx.chunks.lower_bound(end), tx.chunks.end());
    tx.hasMeta = true;
    tx.size = p.size;
    tx.chunkSize = static_cast<int>(kChunk);
    tx.generation = stored.generation + 1;
    stored = std::move(tx);
    v.finishSave(true);
    return true;
  }
  bool save(PageVfs& v, int failAt = -1) {
    auto p = begin(v);
    return p ? complete(v, *p, failAt) : true;
  }
  // restoreInto(): a new page (the memory copy is gone), then every stored chunk.
  static void restore(PageVfs& v, const StoredCopy& s) {
    v.resetTracked(0);
    if (!s.hasMeta) return;
    REQUIRE(s.chunkSize == kChunk);
    v.resetTracked(s.size);
    for (const auto& [index, bytes] : s.chunks) {
      if (static_cast<int64_t>(index) * kChunk >= s.size) continue;
      uint8_t* dst = v.restoreChunk(index);
      REQUIRE(dst != nullptr);
      std::memcpy(dst, bytes.data(), bytes.size());
    }
  }
};

// Opens the store through the page VFS (the browser's way: journal_mode DELETE). The VFS is made
// the default only while the connection opens; the connection keeps it.
hz::store::Store openOnVfs() {
  vfs();
  sqlite3_vfs* previous = sqlite3_vfs_find(nullptr);
  sqlite3_vfs_register(sqlite3_vfs_find(PageVfs::kName), 1);
  hz::store::StoreOptions o = hz::test::testOptions();
  o.open.journal = hz::store::JournalMode::Delete;
  auto s = hz::store::Store::open(kDbName, std::move(o));
  sqlite3_vfs_register(previous, 1);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().describe()));
  return std::move(s.value());
}

// Runs one SQL statement that returns one text value ("" for NULL, "error: ..." on failure).
std::string scalar(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    return std::string("error: ") + sqlite3_errmsg(db);
  std::string out;
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  } else if (rc != SQLITE_DONE) {
    out = std::string("error: ") + sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  return out;
}

// A digest of every row of every table (scan order: same bytes, same order): two databases with
// the same digest hold the same data.
std::string contentDigest(hz::store::Store& s) {
  sqlite3* db = s.db().handle();
  std::string tables = scalar(db, "SELECT group_concat('SELECT * FROM \"' || name || '\"', '; ') "
                                  "FROM (SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                                  "name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name)");
  REQUIRE_MESSAGE(tables.rfind("error", 0) != 0, tables);
  char* q = sqlite3_mprintf("SELECT hex(sha3_query(%Q))", tables.c_str());
  std::string digest = scalar(db, q);
  sqlite3_free(q);
  REQUIRE_MESSAGE(digest.rfind("error", 0) != 0, digest);
  return digest;
}

int64_t hazards(hz::store::Store& s) { return hz::test::must(s.countHazards()); }

void addHazards(hz::store::Store& s, int n, const std::string& what) {
  auto e = hz::test::must(s.createEnterprise(hz::test::sampleEnterprise(what + "企业"), "王伟"));
  for (int i = 0; i < n; ++i) {
    auto h = hz::test::sampleHazard(e.meta.id);
    h.description = what + "隐患" + std::to_string(i) + std::string(200, 'x');
    hz::test::must(s.createHazard(h, "王伟"));
  }
}

// A database worth a few dozen chunks: the office, seed data, sample enterprises and hazards.
void fill(hz::store::Store& s) {
  hz::test::setTownOffice(s);
  hz::test::must(hz::store::generateSample(s, 7, 2, 6, 40, hz::test::kToday));
}

struct Fresh { // every case starts as a new page with an empty database
  Fresh() { vfs().resetTracked(0); }
  ~Fresh() {
    vfs().setCommitListener(nullptr);
    vfs().resetTracked(0);
  }
};

} // namespace

TEST_SUITE("platform.page_vfs") {

  TEST_CASE("the clock works on the page VFS: date('now') (SQLITE_OMIT_DEPRECATED has no version-1 clock)") {
    Fresh fresh;
    auto s = openOnVfs();
    auto st = hz::test::must(s.db().prepare("SELECT julianday('now'), date('now')"));
    REQUIRE(hz::test::must(st.step()));
    const double now = static_cast<double>(std::time(nullptr)) / 86400.0 + 2440587.5;
    CHECK(std::fabs(st.getDouble(0) - now) < 0.01);
    CHECK(st.getText(1).size() == 10);
  }

  TEST_CASE("a saved database restores to the same content and every commit is announced") {
    Fresh fresh;
    Host host;
    vfs().setCommitListener([&] { ++host.commits; });
    std::string digest;
    int64_t count = 0;
    {
      auto s = openOnVfs();
      fill(s);
      CHECK(host.commits > 0);
      CHECK(vfs().hasUnsaved());
      CHECK(host.save(vfs()));
      CHECK_FALSE(vfs().hasUnsaved());
      CHECK(host.stored.generation == 1);
      CHECK(host.stored.size == vfs().trackedSize());
      CHECK(host.stored.chunks.size() == static_cast<size_t>((host.stored.size + kChunk - 1) / kChunk));
      digest = contentDigest(s);
      count = hazards(s);
      CHECK(count == 40);

      // A later commit changes only some chunks: only those are saved again.
      const int before = host.commits;
      addHazards(s, 1, "第二次");
      CHECK(host.commits > before);
      auto p = host.begin(vfs());
      REQUIRE(p.has_value());
      CHECK(p->puts.size() < host.stored.chunks.size());
      CHECK(host.complete(vfs(), *p));
      digest = contentDigest(s);
      count = hazards(s);
      // Nothing changed: nothing to save.
      CHECK_FALSE(host.begin(vfs()).has_value());
    }
    vfs().setCommitListener(nullptr);
    Host::restore(vfs(), host.stored); // the page is reloaded
    CHECK(vfs().restoreProblem().empty());
    CHECK_FALSE(vfs().hasUnsaved());
    auto s = openOnVfs();
    CHECK(hazards(s) == count);
    CHECK(contentDigest(s) == digest);
    CHECK(scalar(s.db().handle(), "PRAGMA quick_check") == "ok");
    CHECK(s.office().name == "东湖街道安委办");
  }

  TEST_CASE("no save while a write transaction is open: the stored copy stays at a commit boundary") {
    Fresh fresh;
    Host host;
    auto s = openOnVfs();
    fill(s);
    REQUIRE(host.save(vfs()));
    REQUIRE(
        s.db().execScript("CREATE TABLE scratch(b); BEGIN IMMEDIATE; INSERT INTO scratch VALUES (randomblob(50000));"));
    bool busy = false;
    CHECK_FALSE(host.begin(vfs(), &busy).has_value());
    CHECK(busy);
    REQUIRE(s.db().execScript("COMMIT;"));
    CHECK(host.save(vfs()));
    CHECK(host.stored.generation == 2);
  }

  TEST_CASE("a save that fails half-way keeps the last complete save and loses nothing") {
    Fresh fresh;
    Host host;
    auto s = openOnVfs();
    fill(s);
    REQUIRE(host.save(vfs()));
    const StoredCopy first = host.stored;
    const std::string digestFirst = contentDigest(s);

    addHazards(s, 30, "未能保存"); // touches many chunks, grows the file
    auto p = host.begin(vfs());
    REQUIRE(p.has_value());
    REQUIRE(p->puts.size() >= 4);
    CHECK_FALSE(host.complete(vfs(), *p, static_cast<int>(p->puts.size() / 2))); // quota, mid-set
    CHECK(vfs().hasUnsaved()); // reported as not saved (未能保存), not as 已保存
    CHECK_FALSE(vfs().saveInFlight());
    CHECK(host.stored.generation == first.generation); // nothing of the failed set was stored
    CHECK(host.stored.chunks == first.chunks);
    const std::string digestSecond = contentDigest(s);

    SUBCASE("the page closes before a retry: the last complete save opens") {
      { auto closing = std::move(s); }
      Host::restore(vfs(), host.stored);
      CHECK(vfs().restoreProblem().empty());
      auto r = openOnVfs();
      CHECK(scalar(r.db().handle(), "PRAGMA quick_check") == "ok");
      CHECK(contentDigest(r) == digestFirst);
      CHECK(hazards(r) == 40);
    }
    SUBCASE("saving works again: the retry stores the failed changes and everything after them") {
      addHazards(s, 2, "之后");
      const std::string digestThird = contentDigest(s);
      CHECK(digestThird != digestSecond);
      CHECK(host.save(vfs()));
      CHECK_FALSE(vfs().hasUnsaved());
      { auto closing = std::move(s); }
      Host::restore(vfs(), host.stored);
      CHECK(vfs().restoreProblem().empty());
      auto r = openOnVfs();
      CHECK(scalar(r.db().handle(), "PRAGMA quick_check") == "ok");
      CHECK(contentDigest(r) == digestThird);
      CHECK(hazards(r) == 40 + 30 + 2);
    }
  }

  TEST_CASE("commits made while a save is in flight are saved by the next one, whether it fails or not") {
    Fresh fresh;
    Host host;
    auto s = openOnVfs();
    fill(s);
    REQUIRE(host.save(vfs()));
    addHazards(s, 10, "第一批");
    auto p = host.begin(vfs());
    REQUIRE(p.has_value());
    CHECK(vfs().saveInFlight());
    CHECK_FALSE(host.begin(vfs()).has_value()); // one save at a time
    addHazards(s, 10, "第二批");                // same chunks as the save in flight, and new ones
    const std::string digest = contentDigest(s);
    bool ok = true;
    SUBCASE("the save in flight succeeds") { ok = true; }
    SUBCASE("the save in flight fails") { ok = false; }
    CHECK(host.complete(vfs(), *p, ok ? -1 : 1) == ok);
    CHECK(vfs().hasUnsaved());
    CHECK(host.save(vfs()));
    CHECK_FALSE(vfs().hasUnsaved());
    { auto closing = std::move(s); }
    Host::restore(vfs(), host.stored);
    CHECK(vfs().restoreProblem().empty());
    auto r = openOnVfs();
    CHECK(scalar(r.db().handle(), "PRAGMA quick_check") == "ok");
    CHECK(contentDigest(r) == digest);
    CHECK(hazards(r) == 40 + 20);
  }

  TEST_CASE("a file that shrinks (VACUUM) after a failed save restores at its new size") {
    Fresh fresh;
    Host host;
    auto s = openOnVfs();
    fill(s);
    sqlite3* db = s.db().handle();
    REQUIRE(sqlite3_exec(db,
                         "CREATE TABLE scratch(b); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 200) INSERT INTO scratch SELECT randomblob(3000) FROM n;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(host.save(vfs()));
    const int64_t bigSize = host.stored.size;
    REQUIRE(sqlite3_exec(db, "DROP TABLE scratch; VACUUM;", nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(vfs().trackedSize() < bigSize - 8 * kChunk);
    const std::string digest = contentDigest(s);
    auto p = host.begin(vfs());
    REQUIRE(p.has_value());
    CHECK_FALSE(host.complete(vfs(), *p, 0)); // fails before the first put
    CHECK(host.stored.size == bigSize);
    CHECK(host.save(vfs()));
    CHECK(host.stored.size == vfs().trackedSize());
    CHECK(host.stored.chunks.size() == static_cast<size_t>((host.stored.size + kChunk - 1) / kChunk));
    { auto closing = std::move(s); }
    Host::restore(vfs(), host.stored);
    CHECK(vfs().restoreProblem().empty());
    auto r = openOnVfs();
    CHECK(scalar(r.db().handle(), "PRAGMA quick_check") == "ok");
    CHECK(contentDigest(r) == digest);
  }

  TEST_CASE("a torn stored set (chunks of two generations, a missing chunk)") {
    Fresh fresh;
    Host host;
    std::string digest1;
    StoredCopy gen1, gen2;
    {
      auto s = openOnVfs();
      fill(s);
      REQUIRE(host.save(vfs()));
      gen1 = host.stored;
      digest1 = contentDigest(s);
      addHazards(s, 40, "第二代");
      REQUIRE(host.save(vfs()));
      gen2 = host.stored;
    }
    std::vector<uint32_t> changed;
    for (const auto& [i, bytes] : gen2.chunks) {
      auto it = gen1.chunks.find(i);
      if (it == gen1.chunks.end() || it->second != bytes) changed.push_back(i);
    }
    REQUIRE(changed.size() >= 4);

    // What the user gets after restoring a set: the VFS's own check, or SQLite refusing to open.
    struct Outcome {
      std::string vfsProblem, openError, quickCheck;
      bool reported() const { return !vfsProblem.empty() || !openError.empty(); }
    };
    auto restoreAndOpen = [&](const StoredCopy& set) {
      Outcome out;
      Host::restore(vfs(), set);
      out.vfsProblem = vfs().restoreProblem();
      vfs();
      sqlite3_vfs* previous = sqlite3_vfs_find(nullptr);
      sqlite3_vfs_register(sqlite3_vfs_find(PageVfs::kName), 1);
      hz::store::StoreOptions o = hz::test::testOptions();
      o.open.journal = hz::store::JournalMode::Delete;
      auto r = hz::store::Store::open(kDbName, std::move(o));
      sqlite3_vfs_register(previous, 1);
      if (!r.ok())
        out.openError = r.error().describe();
      else
        out.quickCheck = scalar(r.value().db().handle(), "PRAGMA quick_check");
      return out;
    };

    SUBCASE("the whole set of either generation restores cleanly") {
      for (const StoredCopy* set : {&gen1, &gen2}) {
        Outcome o = restoreAndOpen(*set);
        CHECK(o.vfsProblem.empty());
        CHECK(o.openError.empty());
        CHECK(o.quickCheck == "ok");
      }
    }
    SUBCASE("new chunks and old ones under the new size: SQLite refuses to open it (corrupt)") {
      StoredCopy torn = gen2; // the first half of the changed chunks new, the rest old
      for (size_t k = changed.size() / 2; k < changed.size(); ++k) {
        auto it = gen1.chunks.find(changed[k]);
        if (it != gen1.chunks.end())
          torn.chunks[changed[k]] = it->second;
        else
          torn.chunks.erase(changed[k]);
      }
      Outcome o = restoreAndOpen(torn);
      CHECK(o.reported());
      CHECK(o.quickCheck != "ok");
    }
    SUBCASE("a chunk missing in the middle: SQLite would open it, the VFS reports it") {
      StoredCopy torn = gen2;
      torn.chunks.erase(changed[changed.size() / 2]);
      Outcome o = restoreAndOpen(torn);
      CHECK(o.vfsProblem.find("缺少 1 块") != std::string::npos);
      CHECK(o.reported());
    }
    SUBCASE("the first chunk missing: no database header") {
      StoredCopy torn = gen2;
      torn.chunks.erase(0);
      Outcome o = restoreAndOpen(torn);
      CHECK_FALSE(o.vfsProblem.empty());
      CHECK_FALSE(o.openError.empty());
    }
    SUBCASE("the new size over the old chunks: the grown part is missing") {
      StoredCopy torn = gen1;
      torn.size = gen2.size;
      torn.generation = gen2.generation;
      REQUIRE(gen2.size > gen1.size);
      Outcome o = restoreAndOpen(torn);
      CHECK(o.vfsProblem.find("不完整") != std::string::npos);
    }
    SUBCASE("the old size over the new chunks: the header disagrees with the size") {
      StoredCopy torn = gen2;
      torn.size = gen1.size;
      const uint32_t end = static_cast<uint32_t>((gen1.size + kChunk - 1) / kChunk);
      torn.chunks.erase(torn.chunks.lower_bound(end), torn.chunks.end());
      Outcome o = restoreAndOpen(torn);
      CHECK(o.vfsProblem.find("不一致") != std::string::npos);
    }
    (void)digest1;
  }

} // TEST_SUITE
