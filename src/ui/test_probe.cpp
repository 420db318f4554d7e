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
  m_currentMessages.clear();
  m_lastId = 0;
  m_nextLabel.clear();
  if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = m_enabled;
}

void TestProbe::endFrame() {
  if (!m_enabled) return;
  m_last.swap(m_current);
  m_lastMessages.swap(m_currentMessages);
}

void TestProbe::record(unsigned id, const char* label, float x, float y, float w, float h) {
  if (!m_enabled || !label) return;
  std::string text = m_nextLabel.empty() ? visibleLabel(label) : std::move(m_nextLabel);
  m_nextLabel.clear();
  m_lastId = id;
  if (text.empty()) return;
  m_current.push_back(ProbeItem{id, std::move(text), x, y, w, h});
}

std::string TestProbe::lastFrameJson(float pixelRatio) const {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : m_last)
    items.push_back({{"id", it.id}, {"label", it.label}, {"x", it.x}, {"y", it.y}, {"w", it.w}, {"h", it.h}});
  nlohmann::json out = {{"scale", pixelRatio}, {"items", std::move(items)}, {"messages", m_lastMessages}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string visibleLabel(const char* label) {
  const char* end = std::strstr(label, "##");
  return end ? std::string(label, end) : std::string(label);
}

} // namespace hz::ui

// ---- ImGui test-engine hooks ------------------------------------------------------------------
// ImGui reports an item's rectangle (ItemAdd) and its label (ItemInfo) separately, usually
// ItemAdd first; tab items report the label first. A label whose item has not been added yet is
// kept until its ItemAdd arrives; window registrations (whose ItemInfo carries the window name)
// never match an item and are dropped.
namespace {
ImGuiID g_pendingId = 0;
std::string g_pendingLabel;

void publish(ImGuiContext* ctx, ImGuiID id, const char* label, ImRect r) {
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect); // only the visible part
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  hz::ui::TestProbe::instance().record(id, label, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight());
}
} // namespace

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  hz::ui::TestProbe& probe = hz::ui::TestProbe::instance();
  if (!probe.enabled()) return;
  if (g_pendingId != 0 && g_pendingId == id) {
    g_pendingId = 0;
    publish(ctx, id, g_pendingLabel.c_str(), bb);
    return;
  }
  // Widgets without a label hook of their own (table headers, invisible buttons) are published
  // when the screen named them with setNextLabel().
  if (probe.hasNextLabel()) publish(ctx, id, "", bb);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  hz::ui::TestProbe& probe = hz::ui::TestProbe::instance();
  if (!probe.enabled() || probe.lastRecordedId() == id) return; // published by ItemAdd already
  if (ctx->LastItemData.ID != id) { // the item is not added yet (tab items)
    g_pendingId = id;
    g_pendingLabel = label ? label : "";
    return;
  }
  // NavRect is the interactive part (for an input field, its frame, not the label beside it).
  // Items clipped away are never reported (ImGui returns before this hook).
  publish(ctx, id, label, ctx->LastItemData.NavRect);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
