// The one list of screens, in the navigation order of DESIGN.md. Screens never include each other.
#include "ui/app_ui.hpp"
#include "ui/screens/dashboard_screen.hpp"
#include "ui/screens/enterprises_screen.hpp"
#include "ui/screens/exchange_screen.hpp"
#include "ui/screens/injuries_screen.hpp"
#include "ui/screens/inspections_screen.hpp"
#include "ui/screens/ledger_screen.hpp"
#include "ui/screens/reports_screen.hpp"
#include "ui/screens/review_screen.hpp"
#include "ui/screens/settings_screen.hpp"
#include "ui/screens/standards_screen.hpp"

namespace hz::ui {

std::vector<std::unique_ptr<Screen>> createScreens() {
  std::vector<std::unique_ptr<Screen>> s;
  s.push_back(std::make_unique<DashboardScreen>());
  s.push_back(std::make_unique<LedgerScreen>());
  s.push_back(std::make_unique<EnterprisesScreen>());
  s.push_back(std::make_unique<InspectionsScreen>());
  s.push_back(std::make_unique<ReportsScreen>());
  s.push_back(std::make_unique<StandardsScreen>());
  s.push_back(std::make_unique<InjuriesScreen>());
  s.push_back(std::make_unique<ExchangeScreen>());
  s.push_back(std::make_unique<ReviewScreen>());
  s.push_back(std::make_unique<SettingsScreen>());
  return s;
}

} // namespace hz::ui
