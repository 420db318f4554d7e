// 导入表格: the mapping and preview window of a sheet import (model/sheet_import.hpp). Which
// sheet, which column is which field, defaults for fields the sheet lacks, firms with similar
// names to confirm, and every row with its fate — refused cells marked and explained — before
// anything is written.
#pragma once
#include "ui/app_context.hpp"

#include <string>

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

  bool m_open = false;
  std::string m_error;
  bool m_onlyProblems = false; // preview: only refused rows and rows with notes
};

} // namespace hz::ui
