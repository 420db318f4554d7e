// WebServices: database lifetime, status-bar data and the test-mode state/query functions.
#include "app/web_services.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace hz::app {

WebServices::WebServices(store::Store s) : m_store(std::make_unique<store::Store>(std::move(s))) {}

Result<std::unique_ptr<WebServices>> WebServices::open(const platform::LaunchOptions& launch) {
  auto st = store::Store::open(":memory:");
  if (!st) return Error::make(ErrorCode::Storage, "无法打开数据库：" + st.error().describe());
  std::unique_ptr<WebServices> s(new WebServices(std::move(st.value())));
  if (!launch.office.empty()) {
    // Test mode: the office identity comes from the URL (the first-run wizard is skipped).
    core::Office office = s->m_store->office();
    office.name = launch.office;
    office.divisionCode = launch.division;
    if (auto r = s->m_store->setOffice(office, "test"); !r) return r.error();
  }
  s->m_office = s->m_store->office().name;
  s->refreshCounts();
  return s;
}

WebServices::~WebServices() = default;

std::string WebServices::operatorName() const {
  const auto& ops = m_store->office().operators;
  return ops.empty() ? std::string("操作员") : ops.front();
}

std::string WebServices::sqliteVersion() const { return sqlite3_libversion(); }

static long long countRows(store::Database& db, const char* sql) {
  auto st = db.prepare(sql);
  if (!st) return 0;
  auto row = st->step();
  return row && row.value() ? st->getInt(0) : 0;
}

void WebServices::refreshCounts() {
  store::Database& db = m_store->db();
  m_counts = {countRows(db, "SELECT count(*) FROM hazard"), countRows(db, "SELECT count(*) FROM enterprise"),
              countRows(db, "SELECT count(*) FROM inspection")};
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
  sqlite3* db = m_store->db().handle();
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, &tail) != SQLITE_OK)
    return fail(sqlite3_errmsg(db));
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
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db));
  return nlohmann::json{{"rows", rows}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace hz::app
