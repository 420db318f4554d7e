// AppModel: database lifetime, the change stamp, status figures, domain commands, file jobs and
// the test-mode state/query functions.
//
// [SECTION] Lifetime   [SECTION] Frame   [SECTION] Commands   [SECTION] Export   [SECTION] Import
// [SECTION] Test mode
#include "model/app_model.hpp"

#include "core/date.hpp"
#include "core/record_kinds.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "ledger/resolve.hpp"
#include "ledger/signing.hpp"
#include "model/ledger_exchange.hpp"
#include "sheet/clauses.hpp"
#include "sheet/reader.hpp"
#include "store/sample_data.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <new>

namespace hz::model {

namespace {
constexpr const char* kReadOnlyImport = "只读模式下不能导入：本台账正在另一个窗口中编辑。";
constexpr const char* kSettingSampleData = "sample_data"; // "1" once 示例数据 were loaded
} // namespace

const char* toChinese(SaveState s) {
  switch (s) {
  case SaveState::Saved:
    return "已保存";
  case SaveState::Saving:
    return "保存中";
  case SaveState::Failed:
    return "未能保存";
  case SaveState::Memory:
    return "仅在内存中（未持久保存）";
  }
  return "";
}

// [SECTION] Lifetime ----------------------------------------------------------------------------

AppModel::AppModel(platform::Platform& platform, platform::LaunchOptions launch)
    : m_platform(platform), m_launch(std::move(launch)) {}

AppModel::~AppModel() = default;

Result<std::unique_ptr<AppModel>> AppModel::open(platform::Platform& platform, const platform::LaunchOptions& launch) {
  std::unique_ptr<AppModel> m(new AppModel(platform, launch));
  if (auto r = m->openStore(); !r) return r.error();
  AppModel* self = m.get();
  platform.setTakeOverHandlers(
      [self] {
        // An export reads the database being closed: it stops, without a file.
        if (self->m_export) self->endExport("导出已中断：数据库正在重新打开，没有生成文件。");
        self->m_store.reset();
      },
      [self] {
        if (auto r = self->openStore(); !r) self->m_platform.showFatal(r.error().describe());
      });
  platform.setFileHandler([self](platform::IncomingFile f) { self->m_incoming.push_back(std::move(f)); });
  return m;
}

// Opens (or reopens) the database where the platform restored it; migrations run in Store::open.
Status AppModel::openStore() {
  if (m_dbPath.empty()) m_dbPath = m_platform.prepareDatabase(); // restores the durable state
  auto st = store::Store::open(m_dbPath);
  if (!st) return Error::make(ErrorCode::Storage, "无法打开数据库：" + st.error().describe());
  m_store = std::make_unique<store::Store>(std::move(st.value()));
  m_readOnly = m_platform.storageStatus().readOnly;
  // This office's signing key, made on the first run (ledger files go out signed).
  if (!m_readOnly) {
    if (auto k = ledger::ensureOfficeKey(*m_store); !k) return k.error();
  }
  if (!m_launch.office.empty() && !m_readOnly) {
    // Test mode: the office identity comes from the URL (the first-run wizard is skipped).
    core::Office office = m_store->office();
    if (office.name != m_launch.office || office.divisionCode != m_launch.division) {
      office.name = m_launch.office;
      office.divisionCode = m_launch.division;
      if (auto r = m_store->setOffice(office, "test"); !r) return r.error();
    }
  }
  m_dbStamp = -1; // a new connection: everything derived is stale
  refresh();
  return Ok{};
}

// [SECTION] Frame -------------------------------------------------------------------------------

void AppModel::refresh() {
  if (!m_store) return;
  auto stamp = m_store->db().dataStamp();
  const core::Date day = m_store->today();
  const bool moved = !stamp || stamp.value() != m_dbStamp;
  if (!moved && day == m_reminderDay) return;
  if (moved) {
    m_dbStamp = stamp ? stamp.value() : -1;
    ++m_stamp;
    m_changed = true;
    auto count = [&](core::RecordKind kind) -> long long {
      auto n = m_store->countRows(core::kindInfo(kind).table);
      return n ? n.value() : 0;
    };
    m_counts = {count(core::RecordKind::Hazard), count(core::RecordKind::Enterprise),
                count(core::RecordKind::Inspection)};
    auto last = m_store->setting(kSettingLastExport);
    m_lastExportAt = last ? last.value() : std::string();
  }
  m_reminderDay = day;
  m_reminder = model::backupReminder(*m_store, day);
}

bool AppModel::consumeChanged() {
  refresh();
  const bool c = m_changed;
  m_changed = false;
  return c;
}

SaveState AppModel::saveState() const {
  switch (m_platform.storageStatus().durability) {
  case platform::Durability::Saved:
    return SaveState::Saved;
  case platform::Durability::Saving:
    return SaveState::Saving;
  case platform::Durability::Failed:
    return SaveState::Failed;
  case platform::Durability::Memory:
    break;
  }
  return SaveState::Memory;
}

std::string AppModel::operatorName() const {
  const auto& ops = m_store->office().operators;
  return ops.empty() ? std::string("操作员") : ops.front();
}

std::string AppModel::sqliteVersion() const { return sqlite3_libversion(); }

void AppModel::tick() {
  const platform::StorageStatus st = m_platform.storageStatus();
  m_storageProblem = st.problem;
  if (m_readOnly && !st.readOnly && m_store) m_readOnly = false; // took over
  refresh();
  // Jobs: draw one frame with the progress bar first, then do the step.
  if (m_export) {
    continueExport();
    return;
  }
  if (m_ledgerImport) {
    if (!m_keyDecision) continueImport();
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
  // 导入表格's import: one frame with the progress shown, then the transaction.
  if (m_sheetImport->applyPending()) {
    if (!m_jobShown) {
      m_job = {"正在导入表格 " + m_sheetImport->preview()->fileName + " ……", -1};
      m_jobShown = true;
      return;
    }
    m_jobShown = false;
    m_sheetImport->runPendingApply();
    m_job = {};
    m_changed = true;
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
    if (!m_ledgerImport) m_job = {};
    return;
  }
  const float reading = m_platform.fileReadProgress();
  m_job = reading >= 0 ? Job{"正在读取文件……", reading} : Job{};
}

// [SECTION] Commands ----------------------------------------------------------------------------

Status AppModel::saveOffice(core::Office office, const std::string& currentOperator) {
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能修改本单位信息。");
  auto cur = std::find(office.operators.begin(), office.operators.end(), currentOperator);
  if (cur != office.operators.end()) std::rotate(office.operators.begin(), cur, cur + 1);
  if (auto problems = core::validateOwnOffice(office); !problems.empty()) {
    const std::string message =
        "本单位信息有" + std::to_string(problems.size()) + "处需要修改，见各字段下方的红字说明，未保存。";
    return Error::invalid(message, std::move(problems));
  }
  const std::string actor = office.operators.empty() ? operatorName() : office.operators.front();
  return m_store->setOffice(office, m_store->office().name.empty() ? actor : operatorName());
}

Result<int64_t> AppModel::updateHazards(const std::vector<std::string>& ids, const HazardBatch& batch) {
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能修改。");
  if (batch.deadline && !core::isValidDateText(*batch.deadline))
    return Error::invalid("整改期限“" + *batch.deadline + "”无效，应为 YYYY-MM-DD，如 2026-03-15");
  const char* note = batch.responsibleDepartment ? "批量指派责任部门" : "批量设定整改期限";
  return m_store->updateHazards(
      ids,
      [&](core::Hazard& h) {
        if (batch.responsibleDepartment) h.responsibleDepartment = *batch.responsibleDepartment;
        if (batch.deadline) h.deadline = *batch.deadline;
      },
      operatorName(), note);
}

Status AppModel::resolveConflict(const std::string& conflictId, bool useOther) {
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能处理冲突。");
  return ledger::resolveConflict(*m_store, conflictId,
                                 useOther ? ledger::ConflictChoice::UseOther : ledger::ConflictChoice::KeepCurrent,
                                 operatorName());
}

Status AppModel::setBackupReminderDays(int days) {
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能修改设置。");
  days = std::clamp(days, 0, kMaxBackupDays);
  return m_store->setSetting(kSettingBackupDays, std::to_string(days));
}

Status AppModel::loadSampleData() {
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能载入示例数据。");
  auto r = store::generateSample(*m_store, 20261129, 8, 60, 400, m_store->today());
  if (!r) return r.error();
  return m_store->setSetting(kSettingSampleData, "1");
}

// [SECTION] Export: a job across frames (export_job.hpp) ------------------------------------------

std::string AppModel::datedFileName(const std::string& what, const std::string& ext) {
  const std::string date = core::todayChina().toString(); // YYYY-MM-DD
  std::string name = officeName().empty() ? std::string("隐患台账") : officeName();
  if (!what.empty()) name += "-" + what;
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
      c = '_';
  return name + "-" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + ext;
}

// Compressed: a city's year is a sixth of its JSON size, small enough to e-mail.
std::string AppModel::exportFileName() { return datedFileName("", ".ledger.json.gz"); }

void AppModel::downloadFile(const std::string& name, const std::string& bytes, const std::string& mime) {
  m_platform.downloadFile(name, bytes, mime);
  m_lastExportFile = name;
}

void AppModel::requestExportKind(ExportKind kind) {
  if (m_export || !m_store) return; // one export at a time (Ctrl+S during an export does nothing)
  m_pendingExport = kind;
}

void AppModel::requestChangeExport(const std::string& recipient) {
  if (m_export || !m_store) return;
  const std::string name = core::trimmed(recipient);
  if (name.empty()) {
    m_notice = "请填写接收单位的名称";
    return;
  }
  m_changeRecipient = name;
  m_pendingExport = ExportKind::Changes;
}

std::vector<ledger::SentChanges> AppModel::recipients() {
  if (!m_store) return {};
  auto r = ledger::sentChanges(*m_store);
  return r ? std::move(r.value()) : std::vector<ledger::SentChanges>{};
}

std::vector<std::string> AppModel::recipientSuggestions() {
  std::vector<std::string> out;
  if (!m_store) return out;
  auto known = m_store->knownOffices();
  if (!known) return out;
  for (const auto& [id, o] : *known) {
    if (!o.name.empty() && id != m_store->office().id) out.push_back(o.name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void AppModel::resetRecipient(const std::string& recipient) {
  if (!m_store || m_readOnly) return;
  auto s = ledger::resetRecipient(*m_store, recipient);
  m_notice = s ? "给 " + recipient + " 的下一个变更文件将包含全部内容" : "未能重置：" + s.error().describe();
  m_changed = true;
}

void AppModel::startExport(ExportKind kind) {
  const bool toFile = kind == ExportKind::SaveToFile && m_platform.canSaveToFile();
  std::string fileName = exportFileName();
  ledger::ExportOptions options;
  m_changeFile.reset();
  if (kind == ExportKind::Changes) {
    auto next = ledger::nextChangeFile(*m_store, m_changeRecipient);
    if (!next) {
      endExport("导出失败：" + next.error().describe());
      return;
    }
    m_changeFile = std::move(next.value());
    options = m_changeFile->options;
    fileName = datedFileName("变更第" + std::to_string(options.changes.number) + "号-给" + m_changeRecipient,
                             ".ledger.json.gz");
  }
  auto job = ExportJob::start(*m_store, m_platform, fileName, toFile, options);
  if (!job) {
    endExport("导出失败：" + job.error().describe());
    return;
  }
  m_export = std::move(job.value());
  m_exportFinishing = false;
  m_job = {"正在导出台账……", 0, true};
}

// One frame's share: ~25 ms of work (or ?exportstep=N records in test mode), then the progress.
void AppModel::continueExport() {
  if (m_exportFinishing) return; // the platform answers through the callback of finish()
  auto r = m_export->step(25.0, m_launch.exportStep);
  if (!r) {
    endExport("导出失败：" + r.error().describe() + "。没有生成文件，可稍后重试。");
    return;
  }
  const double mb = static_cast<double>(m_export->fileBytes()) / 1048576.0;
  char title[96];
  std::snprintf(title, sizeof title, "正在导出台账（压缩）…… 已写出 %.1f MB", mb);
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
    if (m_changeFile) {
      // A change file counts as sent once it is with the browser; it is not a full backup.
      const auto next = std::move(*m_changeFile);
      m_changeFile.reset();
      if (!m_store || m_readOnly) {
        endExport("已导出 " + name + "（只读模式：未记为已发送）");
        return;
      }
      auto s = ledger::recordSent(*m_store, next, m_export->exportedAt(), name);
      endExport(s ? "已导出 " + name + "：给 " + next.options.changes.to + " 的第 " +
                        std::to_string(next.options.changes.number) + " 号变更文件"
                  : "变更文件已导出，但未能记为已发送：" + s.error().describe());
      return;
    }
    // Remembered in the database: the backup reminder counts days from it.
    if (m_store && !m_readOnly) (void)m_store->setSetting(kSettingLastExport, m_store->nowTimestamp());
    endExport(toFile ? "已保存到文件 " + msg : "已导出 " + name);
  });
}

void AppModel::cancelJob() {
  if (m_ledgerImport) {
    endImport("已取消导入 " + m_ledgerImport->fileName() + "，数据库未作任何修改。");
    return;
  }
  if (!m_export || m_exportFinishing) return;
  endExport("已取消导出，没有生成文件。");
}

// Ends the export job (dropping any parts not handed over) and shows the outcome.
void AppModel::endExport(const std::string& notice) {
  m_export.reset();
  m_changeFile.reset();
  m_exportFinishing = false;
  m_job = {};
  m_notice = notice;
  m_changed = true;
}

// [SECTION] Import ------------------------------------------------------------------------------

void AppModel::requestImport() {
  if (m_readOnly) {
    m_notice = kReadOnlyImport;
    return;
  }
  m_platform.pickFiles(".json,application/json,.gz,application/gzip,.xlsx,.xls,.ods,.csv,.txt");
}

void AppModel::requestClauseSheet() {
  m_nextFileIsClauseList = true;
  m_platform.pickFiles(".xlsx,.xls,.ods,.csv,.txt");
}

std::optional<Result<std::vector<core::Clause>>> AppModel::takeClauseSheet() {
  auto r = std::move(m_clauseSheet);
  m_clauseSheet.reset();
  return r;
}

void AppModel::requestSheetImport() {
  if (m_readOnly) {
    m_notice = kReadOnlyImport;
    return;
  }
  m_platform.pickFiles(".xlsx,.xls,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                       "application/vnd.ms-excel,text/csv");
}

void AppModel::runImport(platform::IncomingFile file) {
  if (m_readOnly) {
    m_notice = kReadOnlyImport;
    return;
  }
  if (!file.error.empty()) {
    m_notice = file.error;
    return;
  }
  // A key backup for 设置 → 本单位密钥: kept until the user gives its passphrase.
  if (m_nextFileIsKeyBackup) {
    m_nextFileIsKeyBackup = false;
    m_keyBackupName = file.name;
    m_keyBackupBytes = std::move(file.bytes);
    m_changed = true;
    return;
  }
  // A clause list for the standards form: read, handed over, nothing written.
  if (m_nextFileIsClauseList) {
    m_nextFileIsClauseList = false;
    auto book = sheet::readBook(file.bytes, file.name);
    if (!book) {
      m_clauseSheet = Result<std::vector<core::Clause>>(book.error());
    } else {
      m_clauseSheet = sheet::readClauseList(book.value(), file.name);
    }
    m_changed = true;
    return;
  }
  // Spreadsheets (recognised by content, or named so: then the sheet reader says what is wrong)
  // open the 导入表格 preview; nothing is written yet.
  if (sheet::looksLikeSheet(file.bytes) || sheet::hasSheetExtension(file.name)) {
    if (m_sheetImport->active()) {
      m_notice = "请先完成或取消正在导入的表格 " + m_sheetImport->preview()->fileName;
      return;
    }
    const std::string name = file.name;
    if (auto s = m_sheetImport->open(std::move(file.bytes), name); !s)
      m_notice = "未能导入表格：" + s.error().message; // the message names the file
    m_changed = true;
    return;
  }
  // A ledger file: checked and applied a part per frame, in one transaction (see continueImport).
  const std::string name = file.name;
  auto job = LedgerImportJob::start(*m_store, std::move(file.bytes), name);
  if (!job) {
    m_notice = "未能导入 " + name + "：" + job.error().describe();
    return;
  }
  m_ledgerImport = std::move(job.value());
  m_job = {"正在导入 " + name + " ……", 0, true};
}

// One frame's share: ~25 ms of work (or ?importstep=N bytes in test mode), then the progress.
void AppModel::continueImport() {
  const std::string name = m_ledgerImport->fileName();
  try {
    const bool done = m_ledgerImport->step(25.0, static_cast<size_t>(std::max(0, m_launch.importStep)));
    // In MB, or in KB for a file under 1 MB (a weekly change file).
    const bool small = m_ledgerImport->size() < 1048576;
    const double unit = small ? 1024.0 : 1048576.0;
    char read[96];
    std::snprintf(read, sizeof read, " …… 已读 %.1f / %.1f %s", double(m_ledgerImport->bytesRead()) / unit,
                  double(m_ledgerImport->size()) / unit, small ? "KB" : "MB");
    m_job = {"正在导入 " + name + read, static_cast<float>(m_ledgerImport->progress()), true};
    if (!done) return;
    auto r = m_ledgerImport->finish();
    if (!r && !m_ledgerImport->keyQuestions().empty()) {
      m_keyDecision = true; // the window of keyChangeQuestions() asks; the transaction stays open
      m_job = {};
      m_changed = true;
      return;
    }
    if (!r) {
      endImport(r.error().describe());
      return;
    }
    endImport(r.value().summary.empty() ? "已导入 " + name : r.value().summary);
  } catch (const std::bad_alloc&) {
    // The open transaction rolls back with the job: nothing was written.
    endImport("未能导入 " + name +
              "：本浏览器页面的内存不足，数据库未作任何修改。请关闭其他标签页后重试，"
              "或请发件单位按时间段分批导出。");
  }
}

void AppModel::endImport(const std::string& notice) {
  m_keyDecision = false;
  if (m_ledgerImport) m_ledgerImport->cancel(); // after finish(): nothing left to roll back
  m_ledgerImport.reset();
  m_job = {};
  m_notice = notice;
  // The figures must match the notice in the same frame; a rollback does not move the database's
  // change stamp, so the refresh is forced.
  m_dbStamp = std::numeric_limits<int64_t>::min();
  refresh();
}

// [SECTION] Test mode ---------------------------------------------------------------------------

std::string AppModel::stateJson(long long framesDrawn, int pendingInput) const {
  const RecordCounts& n = m_counts;
  nlohmann::json j = {
      {"screen", m_screenTitle},
      {"screenId", m_screenId},
      {"counts", {{"hazards", n.hazards}, {"enterprises", n.enterprises}, {"inspections", n.inspections}}},
      {"save", toChinese(saveState())},
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

std::string AppModel::readOnlyQueryJson(const std::string& sql) const {
  auto fail = [](const std::string& msg) { return nlohmann::json{{"error", msg}}.dump(); };
  if (!m_store) return fail("no database");
  auto st = m_store->db().prepareReadOnlyQuery(sql);
  if (!st) return fail(st.error().describe());
  nlohmann::json rows = nlohmann::json::array();
  for (;;) {
    auto r = st->step();
    if (!r) return fail(r.error().describe());
    if (!r.value()) break;
    nlohmann::json row = nlohmann::json::object();
    for (int i = 0; i < st->columnCount(); ++i) {
      const std::string name = st->columnName(i);
      switch (st->type(i)) {
      case store::ValueType::Integer:
        row[name] = st->getInt(i);
        break;
      case store::ValueType::Real:
        row[name] = st->getDouble(i);
        break;
      case store::ValueType::Null:
        row[name] = nullptr;
        break;
      default:
        row[name] = st->getText(i);
        break;
      }
    }
    rows.push_back(std::move(row));
  }
  return nlohmann::json{{"rows", rows}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace hz::model
