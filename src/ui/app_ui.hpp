// The application window: menu bar, navigation, the current screen, the status bar, and the
// windows any screen may ask for (hazard editor, first-run wizard, 关于).
#pragma once
#include "ui/app_context.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/popups/about_popup.hpp"
#include "ui/popups/first_run_wizard.hpp"
#include "ui/popups/hazard_editor.hpp"
#include "ui/popups/sheet_import_window.hpp"
#include "ui/screen.hpp"

#include <memory>
#include <vector>

namespace hz::ui {

class AppUi {
public:
  AppUi();
  // One frame. The context is built here from the app model.
  void draw(model::AppModel& model, float pixelRatio);
  const Screen& currentScreen() const { return *m_screens[m_current]; }
  bool selectScreen(const char* id);

private:
  void drawMenuBar(AppContext& ctx);
  void drawNavigation(AppContext& ctx, float width);
  void drawStatusBar(AppContext& ctx);
  void drawBanners(AppContext& ctx);

  std::vector<std::unique_ptr<Screen>> m_screens;
  size_t m_current = 0;
  Navigator m_nav;
  Catalog m_catalog;
  HazardEditor m_hazardEditor;
  FirstRunWizard m_wizard;
  AboutPopup m_about;
  SheetImportWindow m_sheetImport;
};

// The one list of screens, in navigation order (ui/screens/screens.cpp).
std::vector<std::unique_ptr<Screen>> createScreens();

} // namespace hz::ui
