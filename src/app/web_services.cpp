// WebServices: database lifetime (restored from the platform's durable storage, reopened on
// take-over), status-bar data, file import/export jobs and the test-mode state/query functions.
#include "app/web_services.hpp"

#include "ui/backup_reminder.hpp"
#include "ui/format.hpp"

#include "app/ledger_exchange.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <ctime>
#include <new>

namespace hz::app {

WebServices::WebServices(platform::Platform& platform, platform::LaunchOptions launch)
    : m_platform(platform), m_launch(std::move(launch)) {}

Result<std::unique_ptr<WebServices>> WebServices::open(platform::Platform& platform,
                                                       const platform::LaunchOptions& launch) {
  std::unique_ptr<WebServices> s(new WebServices(platform, launch));
  if (auto r = s->openStore(); !r) return r.error();
  WebServices* self = s.get();
  platform.setTakeOverHandlers(
      [self] {
        // An export reads the database being closed: it stops, without a file.
        if (self->m_export) self->endExport("导出已中断：数据库正在重新打开，没有生成文件。");
        self->m_store.reset();
      },
      [self] {
        if (auto r = self->openStore(); !r) {
          self->m_platform.showFatal(r.error().describe());
          return;
        }
        self->dataChanged();
      });
  platform.setFileHandler([self](platform::IncomingFile f) { self->m_incoming.push_back(std::move(f)); });
  return s;
}

// Opens (or reopens) the database where the platform restored it; migrations run in Store::open.
Status WebServices::openStore() {
  if (m_dbPath.empty()) m_dbPath = m_platform.prepareDatabase(); // restores the durable state
  auto st = store::Store::open(m_dbPath);
  if (!st) return Error::make(ErrorCode::Storage, "无法打开数据库：" + st.error().describe());
  m_store = std::make_unique<store::Store>(std::move(st.value()));
  m_readOnly = m_platform.storageStatus().readOnly;
  if (!m_launch.office.empty() && !m_readOnly) {
    // Test mode: the office identity comes from the URL (the first-run wizard is skipped).
    core::Office office = m_store->office();
    if (office.name != m_launch.office || office.divisionCode != m_launch.division) {
      office.name = m_launch.office;
      office.divisionCode = m_launch.division;
      if (auto r = m_store->setOffice(office, "test"); !r) return r.error();
    }
  }
  m_office = m_store->office().name;
  loadLastExport();
  refreshCounts();
  return Ok{};
}

WebServices::~WebServices() = default;

ui::SaveState WebServices::saveState() const {
  switch (m_platform.storageStatus().durability) {
  case platform::Durability::Saved:
    return ui::SaveState::Saved;
  case platform::Durability::Saving:
    return ui::SaveState::Saving;
  case platform::Durability::Failed:
    return ui::SaveState::Failed;
  case platform::Durability::Memory:
    break;
  }
  return ui::SaveState::Memory;
}

void WebServices::requestImport() {
  if (m_readOnly) {
    m_notice = "只读模式下不能导入：本台账正在另一个窗口中编辑。";
    return;
  }
  m_platform.pickFiles(".json,.csv,application/json,text/csv");
}

std::string WebServices::exportFileName() {
  const std::time_t now = std::time(nullptr) + 8 * 3600; // China Standard Time
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  std::string office = m_office.empty() ? std::string("隐患台账") : m_office;
  for (char& c : office)
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
      c = '_';
  return office + "-" + date + ".ledger.json";
}

void WebServices::tick() {
  const platform::StorageStatus st = m_platform.storageStatus();
  m_storageProblem = st.problem;
  if (m_readOnly && !st.readOnly && m_store) m_readOnly = false; // took over
  // Jobs: draw one frame with the progress bar first, then do the step.
  if (m_export) {
    continueExport();
    return;
  }
  if (m_pendingExport != ExportKind::None) {
    if (!m_jobShown) {
      m_job = {"正在导出台账……", 0, true};
      m_jobShown = true;
      return;
    }
    const ExportKind kind = m_pendingExport;
    m_pendingExport = ExportKind::None;
    m_jobShown = false;
    startExport(kind);
    return;
  }
  if (!m_incoming.empty()) {
    if (!m_jobShown) {
      m_job = {"正在导入 " + m_incoming.front().name + " ……", -1};
      m_jobShown = true;
      return;
    }
    platform::IncomingFile f = std::move(m_incoming.front());
    m_incoming.pop_front();
    m_jobShown = false;
    runImport(std::move(f));
    m_job = {};
    return;
  }
  const float reading = m_platform.fileReadProgress();
  m_job = reading >= 0 ? Job{"正在读取文件……", reading} : Job{};
}

// Remembers the export in the database (the backup reminder counts days from it).
void WebServices::noteExported() {
  if (!m_readOnly) (void)m_store->setSetting(ui::kSettingLastExport, m_store->nowTimestamp());
  loadLastExport();
  dataChanged();
}

void WebServices::loadLastExport() {
  auto v = m_store->setting(ui::kSettingLastExport);
  m_lastExport = v && !v.value().empty() ? ui::localTime(v.value()) : std::string();
}

// [SECTION] Export: a job across frames (export_job.hpp) ------------------------------------------

void WebServices::requestExportKind(ExportKind kind) {
  if (m_export || !m_store) return; // one export at a time (Ctrl+S during an export does nothing)
  m_pendingExport = kind;
}

void WebServices::startExport(ExportKind kind) {
  const bool toFile = kind == ExportKind::SaveToFile && m_platform.canSaveToFile();
  auto job = ExportJob::start(*m_store, m_platform, exportFileName(), toFile);
  if (!job) {
    endExport("导出失败：" + job.error().describe());
    return;
  }
  m_export = std::move(job.value());
  m_exportFinishing = false;
  m_job = {"正在导出台账……", 0, true};
}

// One frame's share: ~25 ms of work (or ?exportstep=N records in test mode), then the progress.
void WebServices::continueExport() {
  if (m_exportFinishing) return; // the platform answers through the callback of finish()
  auto r = m_export->step(25.0, m_launch.exportStep);
  if (!r) {
    endExport("导出失败：" + r.error().describe() + "。没有生成文件，可稍后重试。");
    return;
  }
  const double mb = static_cast<double>(m_export->bytes()) / 1048576.0;
  char title[96];
  std::snprintf(title, sizeof title, "正在导出台账…… 已写出 %.1f MB", mb);
  m_job = {title, static_cast<float>(m_export->progress()), true};
  if (!r.value()) return;
  m_exportFinishing = true;
  const bool toFile = m_export->toFile();
  m_job = {toFile ? "正在写入文件……" : "正在准备下载……", 1.0f, false};
  m_export->finish([this, toFile](bool ok, const std::string& msg) {
    if (!m_export) return; // cancelled or reopened meanwhile
    const std::string name = m_export->fileName();
    if (!ok) {
      endExport((toFile ? "保存到文件失败：" : "导出失败：") + msg);
      return;
    }
    m_lastExportFile = toFile ? msg : name;
    if (m_store) noteExported();
    endExport(toFile ? "已保存到文件 " + msg : "已导出 " + name);
  });
}

void WebServices::cancelJob() {
  if (!m_export || m_exportFinishing) return;
  endExport("已取消导出，没有生成文件。");
}

// Ends the export job (dropping any parts not handed over) and shows the outcome.
void WebServices::endExport(const std::string& notice) {
  m_export.reset();
  m_exportFinishing = false;
  m_job = {};
  m_notice = notice;
}

void WebServices::runImport(platform::IncomingFile file) {
  if (m_readOnly) {
    m_notice = "只读模式下不能导入：本台账正在另一个窗口中编辑。";
    return;
  }
  if (!file.error.empty()) {
    m_notice = file.error;
    return;
  }
  Result<ImportOutcome> r = Error::make(ErrorCode::Internal, "");
  try {
    r = importLedgerBytes(*m_store, std::move(file.bytes), file.name);
  } catch (const std::bad_alloc&) {
    // The transaction rolled back while unwinding: nothing was written.
    m_notice = "未能导入 " + file.name +
               "：本浏览器页面的内存不足，数据库未作任何修改。请关闭其他标签页后重试，"
               "或请发件单位按时间段分批导出。";
    return;
  }
  if (!r) {
    m_notice = r.error().describe();
    return;
  }
  m_notice = r.value().summary.empty() ? "已导入 " + file.name : r.value().summary;
  dataChanged();
}

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

std::string WebServices::stateJson(long long framesDrawn, int pendingInput) const {
  const ui::RecordCounts n = counts();
  nlohmann::json j = {
      {"screen", m_screenTitle},
      {"screenId", m_screenId},
      {"counts", {{"hazards", n.hazards}, {"enterprises", n.enterprises}, {"inspections", n.inspections}}},
      {"save", ui::toChinese(saveState())},
      {"readOnly", m_readOnly},
      {"storageProblem", m_storageProblem},
      {"notice", m_notice},
      {"lastExport", m_lastExportFile}, // file name of this session's last export
      {"job", m_job.title},
      {"jobProgress", m_job.title.empty() ? -1.0 : static_cast<double>(m_job.progress)},
      {"jobCancellable", m_job.cancellable},
      {"office", officeName()},
      {"frames", framesDrawn},
      {"pendingInput", pendingInput},
  };
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string WebServices::readOnlyQueryJson(const std::string& sql) const {
  auto fail = [](const std::string& msg) { return nlohmann::json{{"error", msg}}.dump(); };
  sqlite3_stmt* st = nullptr;
  const char* tail = nullptr;
  sqlite3* db = m_store->db().handle();
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, &tail) != SQLITE_OK) return fail(sqlite3_errmsg(db));
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
      case SQLITE_INTEGER:
        row[name] = sqlite3_column_int64(st, i);
        break;
      case SQLITE_FLOAT:
        row[name] = sqlite3_column_double(st, i);
        break;
      case SQLITE_NULL:
        row[name] = nullptr;
        break;
      default:
        row[name] = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        break;
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db));
  return nlohmann::json{{"rows", rows}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace hz::app
