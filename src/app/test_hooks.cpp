// Test-mode-only C exports (window.hazardLedger.testCreateEnterprise / testGenerate in
// web/shell.html): create records through the store's domain commands without the screens,
// and fill the database with generated sample data for benchmarks. Refused outside test mode
// and in a read-only tab.
#include "app/test_hooks.hpp"

#include "core/validation.hpp"
#include "store/sample_data.hpp"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

namespace hz::app {
WebServices* g_testServices = nullptr;

Result<core::Enterprise> createTestEnterprise(WebServices& services, const std::string& name) {
  uint64_t h = 1469598103934665603ull; // FNV-1a of the name: a stable, valid USCC per name
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  std::string first17 = "91320102";
  for (int i = 0; i < 9; ++i, h /= 10) first17 += static_cast<char>('0' + h % 10);
  core::Enterprise e;
  e.name = name;
  e.uscc = first17 + core::usccCheckChar(first17);
  e.divisionCode = "320102003";
  e.industry = "工贸";
  auto r = services.store().createEnterprise(e, services.operatorName());
  if (r) services.dataChanged();
  return r;
}
}

namespace {
std::string refuse(const char* why) { return nlohmann::json{{"error", why}}.dump(); }
}

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* hz_test_create_enterprise(const char* name) {
  static std::string out;
  auto* s = hz::app::g_testServices;
  if (!s) return (out = refuse("not in test mode")).c_str();
  if (s->readOnly()) return (out = refuse("read-only")).c_str();
  auto r = hz::app::createTestEnterprise(*s, name ? name : "");
  if (!r) return (out = refuse(r.error().describe().c_str())).c_str();
  out = nlohmann::json{{"id", r.value().meta.id}}.dump();
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* hz_test_generate(int hazards, int enterprises) {
  static std::string out;
  auto* s = hz::app::g_testServices;
  if (!s) return (out = refuse("not in test mode")).c_str();
  if (s->readOnly()) return (out = refuse("read-only")).c_str();
  const int towns = 12;
  auto r = hz::store::generateSample(s->store(), 42, towns, enterprises, hazards, s->store().today());
  if (!r) return (out = refuse(r.error().describe().c_str())).c_str();
  s->dataChanged();
  out = nlohmann::json{{"hazards", r.value().hazardIds.size()}, {"enterprises", r.value().enterpriseIds.size()}}.dump();
  return out.c_str();
}
}
