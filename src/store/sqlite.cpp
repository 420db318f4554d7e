// RAII wrappers over the SQLite C API (see sqlite.hpp).
#include "store/sqlite.hpp"

#include "store/history_codec.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

extern "C" int sqlite3_shathree_init(sqlite3* db, char** errMsg, const sqlite3_api_routines* api);

namespace hz::store {

namespace {
#if defined(__EMSCRIPTEN__)
constexpr bool kBrowser = true;
#else
constexpr bool kBrowser = false;
#endif
} // namespace

// [SECTION] Statement ----------------------------------------------------------------------------

Statement::Statement(Statement&& o) noexcept
    : m_conn(o.m_conn), m_stmt(o.m_stmt), m_bindRc(o.m_bindRc), m_bindError(std::move(o.m_bindError)) {
  o.m_stmt = nullptr;
  o.m_conn = nullptr;
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (m_stmt) sqlite3_finalize(m_stmt);
    m_conn = o.m_conn;
    m_stmt = o.m_stmt;
    m_bindRc = o.m_bindRc;
    m_bindError = std::move(o.m_bindError);
    o.m_stmt = nullptr;
    o.m_conn = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  if (m_stmt) sqlite3_finalize(m_stmt);
}

void Statement::noteBind(int rc, int index) {
  if (rc != SQLITE_OK && m_bindRc == SQLITE_OK) {
    m_bindRc = rc;
    m_bindError = "参数 " + std::to_string(index) + " 绑定失败: " + sqlite3_errstr(rc);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the text, so temporaries are safe.
  noteBind(sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT), index);
  return *this;
}

Statement& Statement::bind(int index, int64_t v) {
  noteBind(sqlite3_bind_int64(m_stmt, index, v), index);
  return *this;
}

Statement& Statement::bind(int index, double v) {
  noteBind(sqlite3_bind_double(m_stmt, index, v), index);
  return *this;
}

Statement& Statement::bindNull(int index) {
  noteBind(sqlite3_bind_null(m_stmt, index), index);
  return *this;
}

Statement& Statement::bindBlob(int index, const void* data, int size) {
  noteBind(sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT), index);
  return *this;
}

int Statement::paramIndex(const char* name) {
  const int i = sqlite3_bind_parameter_index(m_stmt, name);
  if (i == 0 && m_bindRc == SQLITE_OK) {
    m_bindRc = SQLITE_RANGE;
    m_bindError = std::string("没有名为 ") + name + " 的参数";
  }
  return i;
}

Result<bool> Statement::step() {
  if (!m_stmt) return Error::make(ErrorCode::Internal, "语句未准备好");
  if (m_bindRc != SQLITE_OK) return Error::make(ErrorCode::Internal, m_bindError + " (" + sql() + ")");
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = Database::errorFor(m_conn, rc, sql());
  sqlite3_reset(m_stmt); // leave the statement reusable
  return e;
}

Status Statement::exec() {
  for (;;) {
    auto r = step();
    if (!r) return r.error();
    if (!r.value()) return ok();
  }
}

void Statement::reset() {
  if (!m_stmt) return;
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
  m_bindRc = SQLITE_OK;
  m_bindError.clear();
}

int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }
bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
ValueType Statement::type(int col) const {
  switch (sqlite3_column_type(m_stmt, col)) {
  case SQLITE_INTEGER:
    return ValueType::Integer;
  case SQLITE_FLOAT:
    return ValueType::Real;
  case SQLITE_TEXT:
    return ValueType::Text;
  case SQLITE_BLOB:
    return ValueType::Blob;
  default:
    return ValueType::Null;
  }
}

int64_t Statement::getInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::getDouble(int col) const { return sqlite3_column_double(m_stmt, col); }

std::string Statement::getText(int col) const {
  const auto* p = sqlite3_column_text(m_stmt, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)));
}

std::string Statement::columnName(int col) const {
  const char* n = sqlite3_column_name(m_stmt, col);
  return n ? n : "";
}

std::string Statement::sql() const {
  const char* s = m_stmt ? sqlite3_sql(m_stmt) : nullptr;
  return s ? s : "";
}

// [SECTION] Database -----------------------------------------------------------------------------

Database::Database(Database&& o) noexcept
    : m_db(o.m_db), m_path(std::move(o.m_path)), m_txDepth(o.m_txDepth), m_cache(std::move(o.m_cache)) {
  o.m_db = nullptr;
  o.m_txDepth = 0;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    m_cache.clear();
    if (m_db) sqlite3_close_v2(m_db);
    m_db = o.m_db;
    m_path = std::move(o.m_path);
    m_txDepth = o.m_txDepth;
    m_cache = std::move(o.m_cache);
    o.m_db = nullptr;
    o.m_txDepth = 0;
  }
  return *this;
}

Database::~Database() {
  m_cache.clear(); // finalize statements before closing
  if (m_db) sqlite3_close_v2(m_db);
}

Error Database::errorFor(sqlite3* conn, int rc, std::string_view context) {
  std::string msg = "数据库操作失败: ";
  msg += conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) msg = "数据库正被其他程序或窗口使用，请稍后再试";
  if (rc == SQLITE_FULL) msg = "磁盘或浏览器存储空间已满，无法保存";
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) msg = "数据库文件已损坏或不是台账数据库";
  const int primary = rc & 0xFF;
  const ErrorCode code = primary == SQLITE_CONSTRAINT ? ErrorCode::Conflict : ErrorCode::Storage;
  Error e = Error::make(code, msg);
  if (!context.empty()) e.problems.push_back(Problem{"", "", std::string(context)});
  return e;
}

Error Database::error(std::string_view context) const {
  return errorFromCode(m_db ? sqlite3_extended_errcode(m_db) : SQLITE_ERROR, context);
}

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
  Database db;
  db.m_path = path;
  int flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.readOnly) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = db.errorFromCode(rc, path);
    e.message = "无法打开数据库 " + path + ": " + (db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc));
    return e;
  }
  sqlite3_extended_result_codes(db.m_db, 1);
  db.m_busyTimeoutMs = options.busyTimeoutMs;
  sqlite3_busy_timeout(db.m_db, options.busyTimeoutMs);
  char* err = nullptr;
  if (sqlite3_shathree_init(db.m_db, &err, nullptr) != SQLITE_OK) {
    std::string m = err ? err : "sha3";
    sqlite3_free(err);
    return Error::make(ErrorCode::Internal, "无法注册 sha3 函数: " + m);
  }
  if (registerHistoryFunctions(db.m_db) != SQLITE_OK) {
    return Error::make(ErrorCode::Internal, "无法注册历史记录编码函数");
  }
  JournalMode mode = options.journal;
  if (mode == JournalMode::Auto) {
    mode = db.isMemory() ? JournalMode::Memory : (kBrowser ? JournalMode::Delete : JournalMode::Wal);
  }
  // Page cache: SQLite's default 2 MB thrashes on a 100k-hazard ledger (~450 MB).
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA recursive_triggers = ON; PRAGMA temp_store = MEMORY;";
  pragmas += kBrowser ? "PRAGMA cache_size = -16384;" : "PRAGMA cache_size = -65536;";
  if (!options.readOnly) {
    switch (mode) {
    case JournalMode::Wal:
      pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
      break;
    case JournalMode::Delete:
      pragmas += "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;";
      break;
    case JournalMode::Memory:
      pragmas += "PRAGMA journal_mode = MEMORY;";
      break;
    case JournalMode::Auto:
      break;
    }
  }
  if (auto s = db.execScript(pragmas); !s) return s.error();
  // A file that is not a database fails on first read: check now rather than on the first query.
  if (auto v = db.userVersion(); !v) return v.error();
  return db;
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return errorFromCode(rc, sql);
  if (!stmt) return Error::make(ErrorCode::Internal, "空的 SQL 语句");
  return Statement(m_db, stmt);
}

Result<Statement> Database::prepareReadOnlyQuery(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), 0, &stmt, &tail);
  if (rc != SQLITE_OK) return errorFromCode(rc, sql);
  Statement st(m_db, stmt); // finalized on every return below
  if (!stmt) return Error::invalid("empty statement");
  for (const char* end = sql.data() + sql.size(); tail && tail < end; ++tail)
    if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != ';' && *tail != '\r')
      return Error::invalid("only one statement is allowed");
  if (!sqlite3_stmt_readonly(stmt)) return Error::invalid("only read-only SELECT statements are allowed");
  return st;
}

Result<CachedStatement> Database::cached(const std::string& sql) {
  auto it = m_cache.find(sql);
  if (it == m_cache.end()) {
    auto st = prepare(sql);
    if (!st) return st.error();
    it = m_cache.emplace(sql, std::make_unique<Statement>(std::move(st.value()))).first;
  }
  it->second->reset();
  return CachedStatement(it->second.get());
}

Status Database::execScript(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = errorFromCode(rc, sql.size() > 200 ? sql.substr(0, 200) + "…" : sql);
    sqlite3_free(err); // the same text as sqlite3_errmsg(), already in the message
    return e;
  }
  return ok();
}

Status Database::execScriptWithoutWaiting(const std::string& sql) {
  sqlite3_busy_timeout(m_db, 0);
  Status s = execScript(sql);
  sqlite3_busy_timeout(m_db, m_busyTimeoutMs);
  return s;
}

int64_t Database::changes() const { return sqlite3_changes64(m_db); }
Result<int64_t> Database::dataStamp() {
  // data_version moves on other connections' commits; total_changes on ours (a rolled-back
  // change still moves it: at worst a cache is dropped once too often).
  auto st = cached("PRAGMA data_version");
  if (!st) return st.error();
  auto r = (*st)->step();
  if (!r) return r.error();
  const int64_t version = (*st)->getInt(0);
  return (version << 40) ^ sqlite3_total_changes64(m_db);
}

int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
bool Database::inTransaction() const { return m_db && sqlite3_get_autocommit(m_db) == 0; }

Result<int> Database::userVersion() {
  auto st = prepare("PRAGMA user_version");
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  return r.value() ? static_cast<int>(st->getInt(0)) : 0;
}

Status Database::setUserVersion(int v) {
  // PRAGMA takes no parameters; v is an integer from our own migration table, not user text.
  return execScript("PRAGMA user_version = " + std::to_string(v));
}

// [SECTION] Transaction --------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& db) {
  const int level = db.m_txDepth + 1;
  const std::string sql = level == 1 ? "BEGIN IMMEDIATE" : "SAVEPOINT hz_sp_" + std::to_string(level);
  if (auto s = db.execScript(sql); !s) return s.error();
  db.m_txDepth = level;
  return Transaction(db, level);
}

Status Transaction::commit() {
  if (!m_db) return Error::make(ErrorCode::Internal, "事务已结束");
  if (m_db->m_txDepth != m_level) return Error::make(ErrorCode::Internal, "嵌套事务未按顺序结束");
  const std::string sql = m_level == 1 ? "COMMIT" : "RELEASE hz_sp_" + std::to_string(m_level);
  if (auto s = m_db->execScript(sql); !s) return s; // still open: the destructor rolls back
  m_db->m_txDepth = m_level - 1;
  m_db = nullptr;
  return ok();
}

void Transaction::rollback() {
  if (!m_db) return;
  if (m_level == 1) {
    if (m_db->inTransaction()) (void)m_db->execScript("ROLLBACK");
  } else {
    const std::string name = "hz_sp_" + std::to_string(m_level);
    (void)m_db->execScript("ROLLBACK TO " + name + "; RELEASE " + name);
  }
  m_db->m_txDepth = m_level - 1;
  m_db = nullptr;
}

Transaction::~Transaction() { rollback(); }

// [SECTION] Helpers ------------------------------------------------------------------------------

std::string escapeLike(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

} // namespace hz::store
