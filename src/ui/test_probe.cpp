// TestProbe and the ImGui test-engine hook functions (IMGUI_ENABLE_TEST_ENGINE is defined for
// hz_imgui). ImGui calls ItemInfo with the label of each widget it adds and does not clip.
#include "ui/test_probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <cstring>

namespace hz::ui {

TestProbe& TestProbe::instance() {
  static TestProbe probe;
  return probe;
}

void TestProbe::setEnabled(bool on) {
  m_enabled = on;
  if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = on;
}

void TestProbe::beginFrame() {
  m_current.clear();
  m_nextLabel.clear();
  if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = m_enabled;
}

void TestProbe::endFrame() {
  if (m_enabled) m_last.swap(m_current);
}

void TestProbe::record(unsigned id, const char* label, float x, float y, float w, float h) {
  if (!m_enabled || !label) return;
  std::string text = m_nextLabel.empty() ? visibleLabel(label) : std::move(m_nextLabel);
  m_nextLabel.clear();
  if (text.empty()) return;
  m_current.push_back(ProbeItem{id, std::move(text), x, y, w, h});
}

std::string TestProbe::lastFrameJson(float pixelRatio) const {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : m_last)
    items.push_back({{"id", it.id}, {"label", it.label}, {"x", it.x}, {"y", it.y}, {"w", it.w}, {"h", it.h}});
  nlohmann::json out = {{"scale", pixelRatio}, {"items", std::move(items)}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string visibleLabel(const char* label) {
  const char* end = std::strstr(label, "##");
  return end ? std::string(label, end) : std::string(label);
}

} // namespace hz::ui

// ---- ImGui test-engine hooks ------------------------------------------------------------------
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  // The item just added: NavRect is the interactive part (for an input field, its frame, not the
  // label beside it). Items clipped away are never reported (ImGui returns before this hook).
  ImRect r = ctx->LastItemData.NavRect;
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect); // only the visible part
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  hz::ui::TestProbe::instance().record(id, label, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight());
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
