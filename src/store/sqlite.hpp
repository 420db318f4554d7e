// RAII wrappers over the SQLite C API: Database (connection + pragmas + statement cache),
// Statement (prepare, bind, step, read; finalized in the destructor) and Transaction
// (BEGIN IMMEDIATE / SAVEPOINT, rolled back on scope exit unless committed). No exceptions.
#pragma once
#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace hz::store {

class Database;

enum class ValueType { Integer, Real, Text, Blob, Null };

// A prepared statement. Binding records the first error; step()/exec() report it.
// Parameter indexes are 1-based (as in SQLite), column indexes 0-based.
class Statement {
public:
  Statement() = default;
  Statement(sqlite3* conn, sqlite3_stmt* stmt) : m_conn(conn), m_stmt(stmt) {}
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  bool valid() const { return m_stmt != nullptr; }

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<int64_t>(v ? 1 : 0)); }
  Statement& bind(int index, double v);
  Statement& bindNull(int index);
  Statement& bindBlob(int index, const void* data, int size);
  // Named parameters (":name", "@name", "$name" — include the prefix).
  template <typename T> Statement& bind(const char* name, T&& v) { return bind(paramIndex(name), std::forward<T>(v)); }
  int paramIndex(const char* name);

  // One step: true when a row is available, false when done.
  Result<bool> step();
  // Step to completion (for statements that return no rows, or whose rows are ignored).
  Status exec();
  // Reset to run again and clear bindings and the recorded bind error.
  void reset();

  int columnCount() const;
  bool isNull(int col) const;
  ValueType type(int col) const;
  int64_t getInt(int col) const;
  double getDouble(int col) const;
  std::string getText(int col) const; // "" for NULL
  std::string columnName(int col) const;
  std::string sql() const;

private:
  void noteBind(int rc, int index);

  sqlite3* m_conn = nullptr; // the connection (not the Database object, which may move)
  sqlite3_stmt* m_stmt = nullptr;
  int m_bindRc = 0;
  std::string m_bindError;
};

// A cached statement on loan: reset (and its bindings cleared) when the loan ends, so a read
// never keeps a transaction open. Never borrow the same SQL twice at once.
class CachedStatement {
public:
  explicit CachedStatement(Statement* s) : m_s(s) {}
  CachedStatement(CachedStatement&& o) noexcept : m_s(o.m_s) { o.m_s = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;
  ~CachedStatement() {
    if (m_s) m_s->reset();
  }
  Statement& operator*() { return *m_s; }
  Statement* operator->() { return m_s; }

private:
  Statement* m_s;
};

// Steps `st` through every row, calling fn(const Statement&) on each; the first error stops it.
template <class Fn> Status forEachRow(Statement& st, Fn&& fn) {
  for (;;) {
    auto r = st.step();
    if (!r) return r.error();
    if (!r.value()) return ok();
    fn(static_cast<const Statement&>(st));
  }
}

enum class JournalMode {
  Auto, // ":memory:" -> MEMORY; files -> WAL natively, DELETE in the browser (one file to persist)
  Wal,
  Delete,
  Memory,
};

struct OpenOptions {
  JournalMode journal = JournalMode::Auto;
  int busyTimeoutMs = 5000; // another process holding the lock: wait this long, then SQLITE_BUSY
  bool readOnly = false;
  bool create = true; // create the file when missing
};

class Database {
public:
  Database() = default;
  Database(Database&& o) noexcept;
  Database& operator=(Database&& o) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Opens (or creates) the database, sets foreign_keys, recursive_triggers, journal mode,
  // busy timeout, and registers sha3()/sha3_query() (ext/misc/shathree.c).
  static Result<Database> open(const std::string& path, const OpenOptions& options = {});

  bool isOpen() const { return m_db != nullptr; }
  bool isMemory() const { return m_path.empty() || m_path == ":memory:"; }
  const std::string& path() const { return m_path; }
  sqlite3* handle() const { return m_db; }

  Result<Statement> prepare(std::string_view sql);
  // Exactly one statement that does not write (test mode's query(), diagnostics); refused otherwise.
  Result<Statement> prepareReadOnlyQuery(std::string_view sql);
  // A statement prepared once per connection and reused (the hot paths of the store).
  Result<CachedStatement> cached(const std::string& sql);
  // Runs one or more statements without parameters (schema, pragmas). Never pass values here.
  Status execScript(const std::string& sql);
  // The same, but fails at once (SQLITE_BUSY) instead of waiting when another connection holds a
  // lock it needs: for optional work that must not hold up the caller.
  Status execScriptWithoutWaiting(const std::string& sql);

  int64_t changes() const;
  // Changes whenever the content may have changed since the last call that returned the same
  // value: rows written by this connection (triggers included) or a commit by another one.
  // Lets callers keep derived values (e.g. counts) until then.
  Result<int64_t> dataStamp();
  int64_t lastInsertRowid() const;
  Result<int> userVersion();
  Status setUserVersion(int v);
  bool inTransaction() const;

  // A Storage error with SQLite's message and the given context.
  Error error(std::string_view context) const;
  Error errorFromCode(int rc, std::string_view context) const { return errorFor(m_db, rc, context); }
  static Error errorFor(sqlite3* conn, int rc, std::string_view context);

private:
  friend class Transaction;
  sqlite3* m_db = nullptr;
  std::string m_path;
  int m_txDepth = 0; // open Transaction objects (0 = none, 1 = BEGIN, >1 = SAVEPOINTs)
  int m_busyTimeoutMs = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

// BEGIN IMMEDIATE (outermost) or SAVEPOINT (nested). Rolled back on scope exit unless commit()
// succeeded. Create with Transaction::begin(db).
class [[nodiscard]] Transaction {
public:
  static Result<Transaction> begin(Database& db);
  Transaction(Transaction&& o) noexcept : m_db(o.m_db), m_level(o.m_level) { o.m_db = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status commit();
  void rollback();
  int level() const { return m_level; }

private:
  Transaction(Database& db, int level) : m_db(&db), m_level(level) {}
  Database* m_db = nullptr; // null once finished
  int m_level = 0;          // 1 = outermost
};

// Escapes % _ and \ for LIKE ... ESCAPE '\'.
std::string escapeLike(std::string_view text);

} // namespace hz::store
