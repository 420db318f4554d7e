// The browser app's services: owns the database and implements what the UI reads
// (ui::AppServices) and what test mode publishes (state, read-only queries).
#pragma once
#include "core/result.hpp"
#include "platform/platform.hpp"
#include "store/store.hpp"
#include "ui/app_context.hpp"

#include <memory>
#include <string>

namespace hz::app {

class WebServices final : public ui::AppServices {
public:
  static Result<std::unique_ptr<WebServices>> open(const platform::LaunchOptions& launch);
  ~WebServices() override;

  std::string officeName() const override { return m_office; }
  ui::RecordCounts counts() const override { return m_counts; }
  ui::SaveState saveState() const override { return ui::SaveState::Memory; }
  std::string lastExport() const override { return {}; }
  std::string sqliteVersion() const override;
  std::string storageDescription() const override { return "浏览器内存（本版本尚未持久保存）"; }
  bool readOnly() const override { return false; }
  std::string operatorName() const override;
  void dataChanged() override { refreshCounts(); m_dataChanged = true; }

  // Test mode.
  void setCurrentScreen(const char* title, const char* id) { m_screenTitle = title; m_screenId = id; }
  std::string stateJson(long long framesDrawn) const;
  std::string readOnlyQueryJson(const std::string& sql) const; // {"rows":[...]} or {"error":"..."}
  bool consumeDataChanged() { bool c = m_dataChanged; m_dataChanged = false; return c; }
  store::Store& store() { return *m_store; }

private:
  explicit WebServices(store::Store s);
  void refreshCounts();
  std::unique_ptr<store::Store> m_store;
  ui::RecordCounts m_counts;
  std::string m_office;
  std::string m_screenTitle, m_screenId;
  bool m_dataChanged = false;
};

} // namespace hz::app
