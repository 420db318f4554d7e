// The browser app's services: owns the database and implements what the UI reads
// (ui::AppServices) and what test mode publishes (state, read-only queries). The database is
// opened where the platform says (restored from durable storage) and reopened on take-over.
#pragma once
#include "app/export_job.hpp"
#include "core/result.hpp"
#include "platform/platform.hpp"
#include "store/store.hpp"
#include "ui/app_context.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace hz::app {

// A long job shown with a progress bar (import, export).
struct Job {
  std::string title;        // e.g. 正在导入 xxx.json
  float progress = -1;      // 0..1, < 0 unknown
  bool cancellable = false; // shows 取消 (cancelJob())
};

class WebServices final : public ui::AppServices {
public:
  static Result<std::unique_ptr<WebServices>> open(platform::Platform& platform, const platform::LaunchOptions& launch);
  ~WebServices() override;

  std::string officeName() const override { return m_store ? m_store->office().name : std::string(); }
  ui::RecordCounts counts() const override { return m_counts; }
  ui::SaveState saveState() const override;
  std::string lastExport() const override { return m_lastExport; }
  std::string sqliteVersion() const override;
  std::string storageDescription() const override { return m_platform.storageStatus().description; }
  bool readOnly() const override { return m_readOnly; }
  std::string operatorName() const override;
  void dataChanged() override {
    refreshCounts();
    m_dataChanged = true;
    ++m_generation;
  }
  uint64_t dataGeneration() const override { return m_generation; }
  void requestImport() override;
  void requestExport() override { requestExportKind(ExportKind::Download); }
  bool canSaveToFile() const override { return m_platform.canSaveToFile(); }
  void requestSaveToFile() override { requestExportKind(ExportKind::SaveToFile); }

  // Called by the frame loop: runs at most one pending step of a long job (a frame with the
  // progress bar is drawn before each step) and checks for storage changes.
  void tick();
  const Job* currentJob() const { return m_job.title.empty() ? nullptr : &m_job; }
  void cancelJob(); // the running export (the only cancellable job)
  std::string storageProblem() const { return m_storageProblem; }
  const std::string& notice() const { return m_notice; } // result of the last import/export
  void dismissNotice() { m_notice.clear(); }
  std::string exportFileName();

  // Test mode.
  void setCurrentScreen(const char* title, const char* id) {
    m_screenTitle = title;
    m_screenId = id;
  }
  std::string stateJson(long long framesDrawn, int pendingInput) const;
  std::string readOnlyQueryJson(const std::string& sql) const; // {"rows":[...]} or {"error":"..."}
  bool consumeDataChanged() {
    bool c = m_dataChanged;
    m_dataChanged = false;
    return c;
  }
  store::Store& store() { return *m_store; }
  bool hasStore() const { return m_store != nullptr; }

private:
  enum class ExportKind { None, Download, SaveToFile };
  WebServices(platform::Platform& platform, platform::LaunchOptions launch);
  Status openStore();
  void refreshCounts();
  void requestExportKind(ExportKind kind);
  void startExport(ExportKind kind);
  void continueExport();
  void endExport(const std::string& notice);
  void noteExported();
  void loadLastExport();
  void runImport(platform::IncomingFile file);

  platform::Platform& m_platform;
  platform::LaunchOptions m_launch;
  std::string m_dbPath;
  std::unique_ptr<store::Store> m_store;
  ui::RecordCounts m_counts;
  std::string m_office;
  std::string m_screenTitle, m_screenId;
  std::string m_lastExport;     // local time of the last export (kept in the database)
  std::string m_lastExportFile; // file name of this session's last export (test mode)
  std::string m_storageProblem;
  std::string m_notice;
  bool m_dataChanged = false;
  bool m_readOnly = false;
  uint64_t m_generation = 1;
  ExportKind m_pendingExport = ExportKind::None;
  bool m_jobShown = false; // the progress frame for the pending step was drawn
  std::deque<platform::IncomingFile> m_incoming;
  Job m_job;
  std::unique_ptr<ExportJob> m_export; // running across frames
  bool m_exportFinishing = false;      // every byte handed over; waiting for the download/save
};

} // namespace hz::app
