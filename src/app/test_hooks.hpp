// Test-mode helpers shared by the C exports (test_hooks.cpp) and the test panel (app_overlay.cpp).
#pragma once
#include "app/web_services.hpp"

#include <string>

namespace hz::app {
extern WebServices* g_testServices; // set by main_web.cpp in test mode only
// An enterprise named `name` (valid USCC derived from the name), through the domain command.
Result<core::Enterprise> createTestEnterprise(WebServices& services, const std::string& name);
}
