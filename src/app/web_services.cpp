// WebServices: database lifetime, status-bar data and the test-mode state/query functions.
#include "app/web_services.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace hz::app {

Result<std::unique_ptr<WebServices>> WebServices::open(const platform::LaunchOptions& launch) {
  std::unique_ptr<WebServices> s(new WebServices());
  if (sqlite3_open(":memory:", &s->m_db) != SQLITE_OK)
    return Error::make(ErrorCode::Storage, "无法打开数据库：" + std::string(sqlite3_errmsg(s->m_db)));
  s->m_office = launch.office;
  return s;
}

WebServices::~WebServices() { sqlite3_close(m_db); }

std::string WebServices::sqliteVersion() const { return sqlite3_libversion(); }

static long long countRows(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  long long n = 0;
  // Table names are fixed literals, never user input.
  std::string sql = std::string("SELECT count(*) FROM ") + table;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

ui::RecordCounts WebServices::counts() const {
  return {countRows(m_db, "hazard"), countRows(m_db, "enterprise"), countRows(m_db, "inspection")};
}

std::string WebServices::stateJson(long long framesDrawn) const {
  const ui::RecordCounts n = counts();
  nlohmann::json j = {
      {"screen", m_screenTitle},
      {"screenId", m_screenId},
      {"counts", {{"hazards", n.hazards}, {"enterprises", n.enterprises}, {"inspections", n.inspections}}},
      {"save", ui::toChinese(saveState())},
      {"readOnly", false},
      {"office", m_office},
      {"frames", framesDrawn},
  };
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string WebServices::readOnlyQueryJson(const std::string& sql) const {
  auto fail = [](const std::string& msg) { return nlohmann::json{{"error", msg}}.dump(); };
  sqlite3_stmt* st = nullptr;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, &tail) != SQLITE_OK)
    return fail(sqlite3_errmsg(m_db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
  if (!st) return fail("empty statement");
  for (; tail && *tail; ++tail)
    if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != ';' && *tail != '\r')
      return fail("only one statement is allowed");
  if (!sqlite3_stmt_readonly(st)) return fail("only read-only SELECT statements are allowed");
  nlohmann::json rows = nlohmann::json::array();
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    nlohmann::json row = nlohmann::json::object();
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const char* name = sqlite3_column_name(st, i);
      switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER: row[name] = sqlite3_column_int64(st, i); break;
        case SQLITE_FLOAT: row[name] = sqlite3_column_double(st, i); break;
        case SQLITE_NULL: row[name] = nullptr; break;
        default: row[name] = reinterpret_cast<const char*>(sqlite3_column_text(st, i)); break;
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(m_db));
  return nlohmann::json{{"rows", rows}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace hz::app
