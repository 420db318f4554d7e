// 导入表格 for the app: one import session at a time. A dropped or chosen spreadsheet is read and
// previewed (sheet/import.hpp); the user picks the sheet, fixes the column mapping and defaults,
// answers for firms with similar names, sees every row's fate, and then imports in one transaction
// — all rows, or only the good ones — or downloads the refused rows with their reasons. Nothing
// is written before that.
#pragma once
#include "core/result.hpp"
#include "sheet/import.hpp"
#include "sheet/reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hz::model {

class AppModel;

class SheetImportModel {
public:
  explicit SheetImportModel(AppModel& app) : m_app(app) {}

  // [SECTION] Session
  // Reads the bytes and builds the preview; false with the reason when the file is no sheet or
  // cannot be read (the caller shows it).
  Status open(std::string bytes, const std::string& fileName);
  bool active() const { return m_preview.has_value(); }
  void close();
  const sheet::Preview* preview() const { return m_preview ? &*m_preview : nullptr; }
  const sheet::Book* book() const { return m_book ? &*m_book : nullptr; }
  // Moves whenever the preview was rebuilt (views derived from it reload).
  uint64_t version() const { return m_version; }

  // [SECTION] Choices (each rebuilds the preview)
  Status chooseSheet(size_t index);
  Status setColumn(size_t column, const std::string& key); // "" = not imported (kept in 备注)
  Status setDefault(const std::string& key, const std::string& value);
  void answerFirm(size_t firmIndex, bool sameFirm);
  void answerAllSimilar(bool sameFirm);
  // Values offered for a default (dictionary entries: sources, industries, townships as names).
  std::vector<std::string> defaultChoices(const std::string& key) const;
  // The label of a default as shown (townships by name rather than code).
  std::string defaultLabel(const std::string& key) const;

  // [SECTION] Outcome
  // Imports (skipBad: only the rows that can be imported); closes the session and leaves a notice.
  Status apply(bool skipBad);
  // The same as a job of the app model: the window shows its progress in the next frame, then
  // AppModel::tick runs it (a 20,000-row sheet takes seconds); a failure is lastError().
  void requestApply(bool skipBad) {
    m_pendingApply = skipBad;
    m_lastError.clear();
  }
  bool applyPending() const { return m_pendingApply.has_value(); }
  void runPendingApply();
  const std::string& lastError() const { return m_lastError; }
  // The refused rows with a 不能导入的原因 column, as an .xlsx download.
  Status downloadRefused();

private:
  Status rebuild();

  AppModel& m_app;
  std::optional<sheet::Book> m_book;
  std::optional<sheet::Preview> m_preview;
  uint64_t m_version = 0;
  std::optional<bool> m_pendingApply; // skipBad of a requested import
  std::string m_lastError;
};

} // namespace hz::model
