// SQLite RAII layer: statements, binding, errors, transactions (rollback on scope exit, nested
// savepoints), sha3() registration, file databases under the working directory.
#include "store/sqlite.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace hz;
using namespace hz::store;
using hz::test::must;

namespace {
int64_t count(Database& db, const char* table) {
  auto st = must(db.prepare(std::string("SELECT count(*) FROM ") + table));
  REQUIRE(must(st.step()));
  return st.getInt(0);
}
} // namespace

TEST_CASE("store/sqlite: prepare, bind by index and name, read columns") {
  auto db = must(Database::open(":memory:"));
  REQUIRE(db.execScript("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d BLOB)").ok());
  auto ins = must(db.prepare("INSERT INTO t VALUES (:a, :b, :c, ?4)"));
  ins.bind(":a", std::string("隐患'; DROP TABLE t; --")).bind(":b", int64_t{42}).bind(":c", 2.5).bindNull(4);
  REQUIRE(ins.exec().ok());
  ins.reset();
  ins.bind(":a", "second").bind(":b", 7).bind(":c", 0.125).bindBlob(4, "xy", 2);
  REQUIRE(ins.exec().ok());
  auto sel = must(db.prepare("SELECT a, b, c, d FROM t ORDER BY b DESC"));
  REQUIRE(must(sel.step()));
  CHECK(sel.getText(0) == "隐患'; DROP TABLE t; --");
  CHECK(sel.getInt(1) == 42);
  CHECK(sel.getDouble(2) == 2.5);
  CHECK(sel.isNull(3));
  CHECK(sel.type(1) == ValueType::Integer);
  CHECK(sel.columnName(0) == "a");
  REQUIRE(must(sel.step()));
  CHECK(sel.getText(0) == "second");
  CHECK(sel.type(3) == ValueType::Blob);
  CHECK_FALSE(must(sel.step()));
  CHECK(count(db, "t") == 2);
}

TEST_CASE("store/sqlite: errors come back as Result, never as exceptions") {
  auto db = must(Database::open(":memory:"));
  auto bad = db.prepare("SELEC nonsense");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::Storage);
  REQUIRE(db.execScript("CREATE TABLE u (k TEXT PRIMARY KEY)").ok());
  auto ins = must(db.prepare("INSERT INTO u VALUES (?1)"));
  ins.bind(1, "x");
  REQUIRE(ins.exec().ok());
  ins.reset();
  ins.bind(1, "x");
  auto dup = ins.exec();
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().code == ErrorCode::Conflict);
  auto named = must(db.prepare("SELECT ?1"));
  named.bind(":missing", 1);
  CHECK_FALSE(named.step().ok());
}

TEST_CASE("store/sqlite: transaction rolls back on scope exit, commits when asked") {
  auto db = must(Database::open(":memory:"));
  REQUIRE(db.execScript("CREATE TABLE t (v INTEGER)").ok());
  {
    auto tx = must(Transaction::begin(db));
    REQUIRE(db.execScript("INSERT INTO t VALUES (1)").ok());
    CHECK(db.inTransaction());
  } // no commit
  CHECK_FALSE(db.inTransaction());
  CHECK(count(db, "t") == 0);
  {
    auto tx = must(Transaction::begin(db));
    REQUIRE(db.execScript("INSERT INTO t VALUES (1)").ok());
    REQUIRE(tx.commit().ok());
  }
  CHECK(count(db, "t") == 1);
}

TEST_CASE("store/sqlite: nested transactions are savepoints") {
  auto db = must(Database::open(":memory:"));
  REQUIRE(db.execScript("CREATE TABLE t (v INTEGER)").ok());
  {
    auto outer = must(Transaction::begin(db));
    REQUIRE(db.execScript("INSERT INTO t VALUES (1)").ok());
    {
      auto inner = must(Transaction::begin(db));
      CHECK(inner.level() == 2);
      REQUIRE(db.execScript("INSERT INTO t VALUES (2)").ok());
    } // inner rolled back, outer keeps its row
    CHECK(count(db, "t") == 1);
    {
      auto inner = must(Transaction::begin(db));
      REQUIRE(db.execScript("INSERT INTO t VALUES (3)").ok());
      REQUIRE(inner.commit().ok());
    }
    CHECK(count(db, "t") == 2);
    REQUIRE(outer.commit().ok());
  }
  CHECK(count(db, "t") == 2);
  {
    auto outer = must(Transaction::begin(db));
    auto inner = must(Transaction::begin(db));
    REQUIRE(db.execScript("INSERT INTO t VALUES (4)").ok());
    REQUIRE(inner.commit().ok());
  } // outer rolled back: the committed inner savepoint goes with it
  CHECK(count(db, "t") == 2);
}

TEST_CASE("store/sqlite: sha3() from SQLite's shathree extension is registered") {
  auto db = must(Database::open(":memory:"));
  auto st = must(db.prepare("SELECT lower(hex(sha3(?1, 256)))"));
  st.bind(1, "abc");
  REQUIRE(must(st.step()));
  CHECK(st.getText(0) == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
}

TEST_CASE("store/sqlite: file database keeps data across reopen; a non-database is refused") {
  hz::test::TempDbFile f("sqlite_file");
  {
    auto db = must(Database::open(f.path));
    REQUIRE(db.execScript("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('持久')").ok());
  }
  {
    auto db = must(Database::open(f.path));
    auto st = must(db.prepare("SELECT v FROM t"));
    REQUIRE(must(st.step()));
    CHECK(st.getText(0) == "持久");
    CHECK(must(db.cached("PRAGMA foreign_keys"))->step().ok());
  }
  hz::test::TempDbFile junk("sqlite_junk");
  {
    std::ofstream out(junk.path, std::ios::binary);
    out << std::string(4096, 'x');
  }
  auto bad = Database::open(junk.path);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("损坏") != std::string::npos);
}

TEST_CASE("store/sqlite: escapeLike escapes wildcards") {
  CHECK(escapeLike("50%_a\\b") == "50\\%\\_a\\\\b");
  auto db = must(Database::open(":memory:"));
  auto st = must(db.prepare("SELECT 'x50%y' LIKE ?1 ESCAPE '\\', 'x50ay' LIKE ?1 ESCAPE '\\'"));
  st.bind(1, "%" + escapeLike("50%") + "%");
  REQUIRE(must(st.step()));
  CHECK(st.getInt(0) == 1);
  CHECK(st.getInt(1) == 0);
}
