// 导入表格: the mapping and preview window of a sheet import (model/sheet_import.hpp). Which
// sheet, which column is which field, defaults for fields the sheet lacks, firms with similar
// names to confirm, and every row with its fate — refused cells marked and explained — before
// anything is written.
#pragma once
#include "ui/app_context.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hz::model {
class SheetImportModel;
}

namespace hz::ui {

class SheetImportWindow {
public:
  void draw(AppContext& ctx);

private:
  void drawHeader(AppContext& ctx);
  void drawMapping(AppContext& ctx);
  void drawDefaults(AppContext& ctx);
  void drawFirms(AppContext& ctx);
  void drawRows(AppContext& ctx, float reserveBelow);
  void drawButtons(AppContext& ctx);
  void refreshCache(const model::SheetImportModel& si);

  bool m_open = false;
  std::string m_error;
  bool m_onlyProblems = false;  // preview: only refused rows and rows with notes
  uint64_t m_cachedVersion = 0; // SheetImportModel::version() the caches below were made for
  bool m_cachedFilter = false;
  std::vector<size_t> m_shown;        // indexes of the preview rows listed
  std::vector<std::string> m_samples; // an example value per column
};

} // namespace hz::ui
