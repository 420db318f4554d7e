// The app model: the one thing the screens receive. It owns the database (opened where the
// platform restored it, reopened on take-over), knows when the data changed (the database's change
// stamp, so no screen has to announce a change), keeps the status-bar figures, runs the file jobs
// (import, export) across frames and offers the domain commands whose rules live in core.
//
// UI-free and platform-neutral (it talks to platform::Platform, an interface): built natively and
// in wasm, used by the browser app and tested natively with a fake platform.
#pragma once
#include "core/model.hpp"
#include "core/result.hpp"
#include "ledger/change_files.hpp"
#include "model/backup_reminder.hpp"
#include "model/export_job.hpp"
#include "model/ledger_exchange.hpp"
#include "model/reports.hpp"
#include "model/sheet_import.hpp"
#include "platform/platform.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hz::model {

struct RecordCounts {
  long long hazards = 0, enterprises = 0, inspections = 0;
};

enum class SaveState { Saved, Saving, Failed, Memory }; // 已保存 保存中 未能保存 仅内存
const char* toChinese(SaveState s);

// A long job shown with a progress bar (import, export).
struct Job {
  std::string title;        // e.g. 正在导入 xxx.json
  float progress = -1;      // 0..1, < 0 unknown
  bool cancellable = false; // shows 取消 (cancelJob())
};

// The batch edit of the ledger: what to set on every selected hazard.
struct HazardBatch {
  std::optional<std::string> responsibleDepartment;
  std::optional<std::string> deadline; // YYYY-MM-DD
};

class AppModel {
public:
  static Result<std::unique_ptr<AppModel>> open(platform::Platform& platform, const platform::LaunchOptions& launch);
  ~AppModel();
  AppModel(const AppModel&) = delete;
  AppModel& operator=(const AppModel&) = delete;

  // [SECTION] Frame
  // Once per frame, before the screens draw: notices changes (the stamp), runs at most one step
  // of a long job (a frame with the progress bar is drawn before each step), reads storage state.
  void tick();
  // Moves whenever the database changed, whoever changed it (a screen, an import, another tab):
  // screens keep derived views until it moves (see Stamped below).
  uint64_t stamp() const { return m_stamp; }
  // True once after the data changed: the frame loop draws a frame for it.
  bool consumeChanged();

  // [SECTION] Data
  store::Store& store() { return *m_store; }
  core::Date today() { return m_store->today(); }

  // [SECTION] Status
  std::string officeName() const { return m_store ? m_store->office().name : std::string(); }
  const RecordCounts& counts() const { return m_counts; }
  SaveState saveState() const;
  const std::string& lastExportAt() const { return m_lastExportAt; } // UTC timestamp, "" never
  const BackupReminder& backupReminder() const { return m_reminder; }
  std::string sqliteVersion() const;
  std::string storageDescription() const { return m_platform.storageStatus().description; }
  const std::string& storageProblem() const { return m_storageProblem; }
  bool readOnly() const { return m_readOnly; } // another tab holds the database: no edits here
  std::string operatorName() const;            // who is working (history actor)

  // [SECTION] Domain commands (rules in core; each one transaction)
  // This office's identity, from the first-run wizard or 设置: core::validateOwnOffice; the
  // current operator (when named) goes first, as history is recorded under the first name.
  Status saveOffice(core::Office office, const std::string& currentOperator = {});
  // The ledger's batch edit: every selected hazard or none.
  Result<int64_t> updateHazards(const std::vector<std::string>& ids, const HazardBatch& batch);
  // 保留当前版本 / 改用另一版本 for a received conflicting edit.
  Status resolveConflict(const std::string& conflictId, bool useOther);
  Status setBackupReminderDays(int days); // 0 = no reminder, at most 3650
  // The first-run wizard's 示例数据 (marked as such in the settings).
  Status loadSampleData();

  // [SECTION] Files
  // Import: the platform's file picker (dropping files on the window imports them too). Export:
  // downloads <office>-<YYYYMMDD>.ledger.json.gz, gzip-compressed (also Ctrl+S); save to file: File System Access,
  // only where canSaveToFile().
  void requestImport();
  void requestExport() { requestExportKind(ExportKind::Download); }
  bool canSaveToFile() const { return m_platform.canSaveToFile(); }
  void requestSaveToFile() { requestExportKind(ExportKind::SaveToFile); }
  // Weekly change files (ledger/change_files.hpp): the next numbered file for a recipient, downloaded
  // as <office>-<YYYYMMDD>-变更第N号-给<recipient>.ledger.json.gz; remembered only once complete.
  void requestChangeExport(const std::string& recipient);
  std::vector<ledger::SentChanges> recipients();     // every recipient a change file went to
  std::vector<std::string> recipientSuggestions();   // offices whose files were imported
  void resetRecipient(const std::string& recipient); // its next file holds everything again
  const Job* currentJob() const { return m_job.title.empty() ? nullptr : &m_job; }
  void cancelJob(); // the running export or ledger import (an import rolls back: nothing changes)
  const std::string& notice() const { return m_notice; } // result of the last import/export
  void dismissNotice() { m_notice.clear(); }
  void setNotice(std::string text) {
    m_notice = std::move(text);
    m_changed = true;
  }
  std::string exportFileName();
  // <office>[-what]-<YYYYMMDD><ext>, with characters file systems refuse replaced.
  std::string datedFileName(const std::string& what, const std::string& ext);
  // Hands a finished file to the browser as a download (reports, bulletins); remembered as the
  // last export of the session (state().lastExport).
  void downloadFile(const std::string& name, const std::string& bytes, const std::string& mime);

  // [SECTION] Reports (统计通报): selection, figures, bulletin, downloads
  ReportsModel& reports() { return *m_reports; }

  // [SECTION] Sheet import (导入表格): a dropped or chosen .xlsx/.xls/.csv opens a session here
  // instead of the ledger import; requestSheetImport() offers the picker for sheets only.
  SheetImportModel& sheetImport() { return *m_sheetImport; }
  void requestSheetImport();
  // 判定标准 → 从表格导入条款: the next chosen file is read as a clause list, handed to the
  // standards form (takeClauseSheet, once) rather than imported.
  void requestClauseSheet();
  void cancelClauseSheet() { m_nextFileIsClauseList = false; } // the form closed (or was left)
  std::optional<Result<std::vector<core::Clause>>> takeClauseSheet();

  // [SECTION] Office keys (office_keys.cpp; ledger/signing.hpp): this office's key, its backup, the
  // keys of the offices whose signed files came in, and the decision on a changed key.
  std::string keyFingerprint();                            // this office's, "" when it has none yet
  Status downloadKeyBackup(const std::string& passphrase); // <office>-密钥备份-<date>.hzkey
  void requestKeyBackupFile();                             // the next chosen file is a key backup
  const std::string& keyBackupFileName() const { return m_keyBackupName; }
  Status restoreKey(const std::string& passphrase); // from the chosen backup file; logged as a key change
  struct TrustedOffice {
    std::string officeId, officeName, fingerprint, firstSeen, lastSeen, firstFile;
    int64_t keyChanges = 0;
  };
  std::vector<TrustedOffice> trustedOffices();
  struct KeyChangeRow {
    std::string officeId, oldFingerprint, newFingerprint, at, actor, note;
  };
  std::vector<KeyChangeRow> keyChanges();
  // A file came with another key than the one pinned for its office: the import waits for a decision.
  const std::vector<ledger::KeyQuestion>* keyChangeQuestions() const;
  void acceptKeyChange(); // logged; the import goes on
  void refuseKeyChange(); // nothing is imported

  // [SECTION] Test mode
  void setCurrentScreen(const char* title, const char* id) {
    // A clause list asked for by the 判定标准 form is not read into it once the user went elsewhere.
    if (std::string_view(id) != "standards") m_nextFileIsClauseList = false;
    m_screenTitle = title;
    m_screenId = id;
  }
  std::string stateJson(long long framesDrawn, int pendingInput) const;
  std::string readOnlyQueryJson(const std::string& sql) const; // {"rows":[...]} or {"error":"..."}

private:
  enum class ExportKind { None, Download, SaveToFile, Changes };
  AppModel(platform::Platform& platform, platform::LaunchOptions launch);
  Status openStore();
  void refresh(); // counts, office, last export, reminder: after the stamp moved
  void requestExportKind(ExportKind kind);
  void startExport(ExportKind kind);
  void continueExport();
  void endExport(const std::string& notice);
  void runImport(platform::IncomingFile file);
  void continueImport();
  void endImport(const std::string& notice);

  platform::Platform& m_platform;
  platform::LaunchOptions m_launch;
  std::string m_dbPath;
  std::unique_ptr<store::Store> m_store;
  uint64_t m_stamp = 1;     // ours: increases by one whenever the database's stamp moves
  int64_t m_dbStamp = -1;   // Database::dataStamp() when last looked at
  core::Date m_reminderDay; // the day m_reminder was computed for
  bool m_changed = true;
  RecordCounts m_counts;
  BackupReminder m_reminder;
  std::string m_screenTitle, m_screenId;
  std::string m_lastExportAt;   // kept in the database
  std::string m_lastExportFile; // file name of this session's last export (test mode)
  std::string m_storageProblem;
  std::string m_notice;
  bool m_readOnly = false;
  ExportKind m_pendingExport = ExportKind::None;
  std::string m_changeRecipient;                      // of a pending or running change-file export
  std::optional<ledger::NextChangeFile> m_changeFile; // the running change-file export
  bool m_jobShown = false;                            // the progress frame for the pending step was drawn
  std::deque<platform::IncomingFile> m_incoming;
  Job m_job;
  std::unique_ptr<ExportJob> m_export;             // running across frames
  std::unique_ptr<LedgerImportJob> m_ledgerImport; // running across frames
  bool m_keyDecision = false;                      // m_ledgerImport waits for accept/refuseKeyChange
  bool m_nextFileIsKeyBackup = false;
  std::string m_keyBackupName, m_keyBackupBytes;
  std::unique_ptr<ReportsModel> m_reports = std::make_unique<ReportsModel>(*this);
  std::unique_ptr<SheetImportModel> m_sheetImport = std::make_unique<SheetImportModel>(*this);
  bool m_nextFileIsClauseList = false;
  std::optional<Result<std::vector<core::Clause>>> m_clauseSheet;
  bool m_exportFinishing = false; // every byte handed over; waiting for the download/save
};

// What a screen keeps derived from the database (a list, a page, figures) is valid until the
// app model's stamp moves: a screen holds a StampWatch and reloads when changed() says so, instead
// of being told about every change.
class StampWatch {
public:
  // True the first time and whenever the data changed since the last call.
  bool changed(const AppModel& model) {
    if (m_seen == model.stamp()) return false;
    m_seen = model.stamp();
    return true;
  }
  void reset() { m_seen = 0; } // the next changed() is true (e.g. a filter changed)

private:
  uint64_t m_seen = 0;
};

} // namespace hz::model
