// Migrations: a database from every earlier schema version opens and upgrades; a v1 database
// with data (written with the frozen v1 SQL) keeps its records, history and numbering.
#include "core/hazard_number.hpp"
#include "store/migrations.hpp"
#include "store/queries.hpp"
#include "store/sample_data.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>

using namespace hz;
using namespace hz::store;
using hz::test::must;

namespace {

void exec(Database& db, const std::string& sql, std::initializer_list<std::string> args) {
  auto st = must(db.prepare(sql));
  int i = 1;
  for (const auto& a : args) st.bind(i++, a);
  REQUIRE(st.exec().ok());
}

// What version 1 of the program wrote: office identity, an enterprise, a hazard with its number
// sequence, and the hazard's creation event with a valid hash.
void writeV1Database(const std::string& path) {
  auto db = must(Database::open(path));
  REQUIRE(migrate(db, 1).ok());
  CHECK(must(db.userVersion()) == 1);
  const std::string office = "01KB0000000000000000000001", at = "2026-03-01T08:00:00.000Z";
  const std::string rev = "1772352000000-0000-" + office;
  exec(db, "INSERT INTO settings (key, value) VALUES ('office_id', ?1)", {office});
  exec(db,
       "INSERT INTO office (id, origin, name, division_code, level) VALUES (?1, ?1, '东湖街道安委办', '320102001', "
       "'乡镇')",
       {office});
  exec(db,
       "INSERT INTO enterprise (id, origin, rev, created_at, updated_at, uscc, name, division_code, industry) "
       "VALUES ('01KB00000000000000000000E1', ?1, ?2, ?3, ?3, '91350100M000100Y43', '老版本精密铸造有限公司', "
       "'320102001', '工贸/机械')",
       {office, rev, at});
  exec(db,
       "INSERT INTO hazard (id, origin, rev, created_at, updated_at, number, enterprise_id, division_code, industry, "
       "description, level, source, found_date, deadline, funds_wan, five_target, status) VALUES "
       "('01KB00000000000000000000H1', ?1, ?2, ?3, ?3, '320102001-2026-0007', '01KB00000000000000000000E1', "
       "'320102001', '工贸/机械', '铸造车间熔炼炉冷却水监测失效', '重大隐患', '部门检查', '2026-03-01', '2026-03-20', "
       "12.5, 1, '整改中')",
       {office, rev, at});
  exec(db, "INSERT INTO hazard_sequence (division_code, year, last) VALUES ('320102001', 2026, 7)", {});
  core::HistoryEvent e;
  e.id = "01KB00000000000000000000V1";
  e.recordKind = "hazard";
  e.recordId = "01KB00000000000000000000H1";
  e.action = "create";
  e.actor = "王伟";
  e.at = at;
  e.origin = office;
  e.newRev = rev;
  e.changes = {{"description", "", "铸造车间熔炼炉冷却水监测失效"}};
  auto h = must(db.prepare("SELECT lower(hex(sha3(?1, 256)))"));
  h.bind(1, canonicalEventText(e));
  REQUIRE(must(h.step()));
  e.hash = h.getText(0);
  exec(db,
       "INSERT INTO history_event (id, seq, record_kind, record_id, action, actor, at, origin, new_rev, changes, "
       "hash) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
       {e.id, e.recordKind, e.recordId, e.action, e.actor, e.at, e.origin, e.newRev, changesToJson(e.changes), e.hash});
  exec(db, "INSERT INTO settings (key, value) VALUES (?1, ?2)", {"history_head:" + office, e.hash});
}

} // namespace

TEST_CASE("store/migrations: a new database is created at the latest version") {
  auto db = must(Database::open(":memory:"));
  REQUIRE(migrate(db).ok());
  CHECK(must(db.userVersion()) == latestSchemaVersion());
  CHECK(latestSchemaVersion() >= 2);
  CHECK(migrationSql(1) != nullptr);
  CHECK(migrationSql(latestSchemaVersion() + 1) == nullptr);
  REQUIRE(migrate(db).ok()); // idempotent
}

TEST_CASE("store/migrations: every earlier version (empty) opens and upgrades") {
  for (int v = 0; v < latestSchemaVersion(); ++v) {
    CAPTURE(v);
    hz::test::TempDbFile f("migrate_v" + std::to_string(v));
    {
      auto db = must(Database::open(f.path));
      REQUIRE(migrate(db, v).ok());
      CHECK(must(db.userVersion()) == v);
    }
    auto s = must(Store::open(f.path, hz::test::testOptions()));
    CHECK(must(s.db().userVersion()) == latestSchemaVersion());
    CHECK(!must(s.listStandards()).empty());
  }
}

TEST_CASE("store/migrations: a v1 database with data upgrades and keeps everything") {
  hz::test::TempDbFile f("migrate_v1_data");
  writeV1Database(f.path);
  auto s = must(Store::open(f.path, hz::test::testOptions()));
  CHECK(must(s.db().userVersion()) == latestSchemaVersion());
  CHECK(s.office().id == "01KB0000000000000000000001");
  CHECK(s.office().name == "东湖街道安委办");

  auto h = must(s.getHazardByNumber("320102001-2026-0007"));
  CHECK(h.description == "铸造车间熔炼炉冷却水监测失效");
  CHECK(h.level == core::HazardLevel::Major);
  CHECK(h.status == core::HazardStatus::InProgress);
  CHECK(h.fundsWan == 12.5);
  CHECK(h.five.target);
  auto e = must(s.getEnterprise("01KB00000000000000000000E1"));
  CHECK_FALSE(e.retired); // column added by v2 with its default

  // v2's full-text index covers rows written by v1, including the enterprise name.
  HazardFilter byText;
  byText.text = "冷却水监测";
  CHECK(must(countHazards(s, byText, hz::test::kToday)) == 1);
  byText.text = "精密铸造";
  CHECK(must(countHazards(s, byText, hz::test::kToday)) == 1);

  // The v1 history still verifies and the chain continues from it.
  CHECK(must(s.verifyHistory()).ok);
  auto next = must(s.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  // The office's sequence goes on; new numbers carry its token, the old ones stay as they were.
  CHECK(next.number == "320102001-2026-" + core::officeToken(s.office().id) + "-0008");
  CHECK(must(s.getHazardByNumber("320102001-2026-0007")).meta.id == h.meta.id);
  auto events = must(s.history("hazard", next.meta.id));
  REQUIRE(events.size() == 1);
  auto check = must(s.verifyHistory());
  CHECK_MESSAGE(check.ok, check.problem);
  auto all = must(s.allHistory());
  REQUIRE(all.size() >= 2);
  CHECK(all.front().id == "01KB00000000000000000000V1");
  // v3 stores the event compactly; it reads back exactly as v1 wrote it (view and C++ decoder).
  CHECK(all.front().at == "2026-03-01T08:00:00.000Z");
  CHECK(all.front().newRev == "1772352000000-0000-01KB0000000000000000000001");
  CHECK(all.front().changes == std::vector<core::FieldChange>{{"description", "", "铸造车间熔炼炉冷却水监测失效"}});
  CHECK(canonicalEventText(all.front()).find("hz-event-1") == 0);
  auto view = must(s.db().prepare("SELECT at, new_rev, changes, prev_hash, hash FROM history_event WHERE id = ?1"));
  view.bind(1, all.front().id);
  REQUIRE(must(view.step()));
  CHECK(view.getText(0) == all.front().at);
  CHECK(view.getText(1) == all.front().newRev);
  CHECK(view.getText(2) == changesToJson(all.front().changes));
  CHECK(view.getText(3) == "");
  CHECK(view.getText(4) == all.front().hash);
  auto nextOwn =
      std::find_if(all.begin() + 1, all.end(), [&](const auto& ev) { return ev.origin == all.front().origin; });
  REQUIRE(nextOwn != all.end());
  CHECK(nextOwn->prevHash == all.front().hash); // the chain continued from the migrated event

  // Reopening the upgraded file is a no-op.
  auto again = must(Store::open(f.path, hz::test::testOptions(7)));
  CHECK(must(again.countHazards()) == 2);
}

TEST_CASE("store/migrations: a database from a newer program is refused, not damaged") {
  hz::test::TempDbFile f("migrate_newer");
  {
    auto db = must(Database::open(f.path));
    REQUIRE(db.setUserVersion(latestSchemaVersion() + 1).ok());
  }
  auto s = Store::open(f.path, hz::test::testOptions());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::Format);
  auto db = must(Database::open(f.path));
  CHECK(must(db.userVersion()) == latestSchemaVersion() + 1);
}

TEST_CASE("store/migrations: every record field has a column") {
  auto s = hz::test::openMemory();
  auto cols = [&](const char* table) {
    std::set<std::string> out;
    auto st = must(s.db().prepare("SELECT name FROM pragma_table_info(?1)"));
    st.bind(1, table);
    while (must(st.step())) out.insert(st.getText(0));
    return out;
  };
  auto expectAll = [&](const char* table, const std::vector<std::string>& fields) {
    const auto c = cols(table);
    for (const auto& f : fields) {
      CAPTURE(table);
      CAPTURE(f);
      CHECK((c.count(f) == 1 || f == "clauses"));
    }
    for (const char* m : {"id", "origin", "rev", "created_at", "updated_at"}) CHECK(c.count(m) == 1);
  };
  expectAll("enterprise", fieldNames<core::Enterprise>());
  expectAll("inspection", fieldNames<core::Inspection>());
  expectAll("hazard", fieldNames<core::Hazard>());
  expectAll("standard", fieldNames<core::Standard>());
  expectAll("work_injury", fieldNames<core::WorkInjury>());
}

TEST_CASE("store/migrations: opening beside a reader (rollback journal) neither fails nor waits") {
  // In the browser the database uses a rollback journal, where a reader blocks writers; the
  // statistics refresh on open is optional and must not turn that into a failed or slow open.
  hz::test::TempDbFile f("open_beside_reader");
  StoreOptions options = hz::test::testOptions();
  options.open.journal = JournalMode::Delete;
  {
    // Big enough for the refresh on open (>= 1000 hazards), and without statistics, so it wants to write.
    auto first = must(Store::open(f.path, options));
    must(generateSample(first, 3, 4, 40, 1000, hz::test::kToday));
    REQUIRE(first.db().execScript("DELETE FROM sqlite_stat1; DELETE FROM sqlite_stat4;").ok());
  }
  auto reader = must(Store::open(f.path, options));
  auto st = must(reader.db().prepare("SELECT id FROM hazard"));
  REQUIRE(must(st.step())); // a read in progress holds its lock
  const auto t0 = std::chrono::steady_clock::now();
  auto second = Store::open(f.path, options);
  const auto waited = std::chrono::steady_clock::now() - t0;
  REQUIRE_MESSAGE(second.ok(), second.error().describe());
  CHECK(must(second.value().countHazards()) == 1000);
  CHECK(waited < std::chrono::milliseconds(options.open.busyTimeoutMs)); // it did not sit out the busy timeout
}
