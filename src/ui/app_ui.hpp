// The application window: menu bar, navigation, the current screen and the status bar.
#pragma once
#include "ui/app_context.hpp"
#include "ui/popups/about_popup.hpp"
#include "ui/screen.hpp"

#include <memory>
#include <vector>

namespace hz::ui {

class AppUi {
public:
  AppUi();
  void draw(AppContext& ctx); // one frame
  const Screen& currentScreen() const { return *m_screens[m_current]; }
  bool selectScreen(const char* id);

private:
  void drawMenuBar(AppContext& ctx);
  void drawNavigation(AppContext& ctx, float width);
  void drawStatusBar(AppContext& ctx);

  std::vector<std::unique_ptr<Screen>> m_screens;
  size_t m_current = 0;
  AboutPopup m_about;
};

// The one list of screens, in navigation order (ui/screens/screens.cpp).
std::vector<std::unique_ptr<Screen>> createScreens();

} // namespace hz::ui
