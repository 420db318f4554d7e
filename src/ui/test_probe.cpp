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

void flushProbePending();

void TestProbe::endFrame() {
  if (!m_enabled) return;
  flushProbePending();
  m_last.swap(m_current);
  m_lastMessages.swap(m_currentMessages);
}

void TestProbe::setNextLabel(const char* label) {
  if (!m_enabled) return;
  m_nextLabel = label ? label : "";
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  m_nextX = pos.x;
  m_nextY = pos.y;
  m_tolerance = ImGui::GetStyle().ItemSpacing.x + ImGui::GetStyle().FramePadding.x + 1.0f;
}

void TestProbe::record(unsigned id, const char* label, float x, float y, float w, float h) {
  if (!m_enabled || !label) return;
  if (!m_nextLabel.empty() && (m_nextX < x - m_tolerance || m_nextX > x + w + m_tolerance ||
                               m_nextY < y - m_tolerance || m_nextY > y + h + m_tolerance))
    m_nextLabel.clear(); // meant for a widget that was clipped away
  std::string text = m_nextLabel.empty() ? visibleLabel(label) : std::move(m_nextLabel);
  m_nextLabel.clear();
  if (text.empty()) return; // e.g. a menu's inner Selectable(""): its menu reports the label next
  m_lastId = id;
  m_current.push_back(ProbeItem{id, std::move(text), x, y, w, h});
}

void TestProbe::recordLastItem(const std::string& label) {
  if (!m_enabled) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  record(0, label.c_str(), a.x, a.y, b.x - a.x, b.y - a.y);
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
// ImGui reports an item's rectangle (ItemAdd) and its label (ItemInfo) separately. Usually the
// label comes right after its item. Tab items report the label before their ItemAdd; menus report
// it under the menu's id after adding a Selectable with another id. So a label whose id is not
// the last added item is held: its own ItemAdd publishes it with the right rectangle; if another
// item comes first, it is published with the rectangle of the item added just before it.
// Window registrations (ItemInfo with the window's name) are dropped.
namespace {
struct Pending {
  ImGuiID id = 0;
  std::string label;
  ImRect fallback;     // clipped rectangle of the last added item
  bool hidden = false; // its window is not drawn this frame
  bool valid = false;
};
Pending g_pending;

ImRect clipped(ImGuiContext* ctx, ImRect r) {
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect); // only the visible part
  return r;
}

// A window that just appeared (a popup, a modal, a new auto-sized window) is laid out but not
// drawn for its first frame, and its widgets cannot be hovered until it has been drawn: ImGui
// takes the hovered window from the previous frame. Its tables have not sized their columns yet
// either (a stretching field is a few pixels wide there). Such widgets are not published.
bool hiddenWindow(ImGuiContext* ctx) { return ctx->CurrentWindow && ctx->CurrentWindow->Hidden; }

void publish(ImGuiID id, const char* label, const ImRect& r, bool hidden) {
  if (hidden || r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  hz::ui::TestProbe::instance().record(id, label, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight());
}

void flushPending() {
  if (!g_pending.valid) return;
  g_pending.valid = false;
  publish(g_pending.id, g_pending.label.c_str(), g_pending.fallback, g_pending.hidden);
}
} // namespace

namespace hz::ui {
void flushProbePending() { flushPending(); }
} // namespace hz::ui

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  hz::ui::TestProbe& probe = hz::ui::TestProbe::instance();
  if (!probe.enabled()) return;
  if (g_pending.valid && g_pending.id == id) {
    g_pending.valid = false;
    publish(id, g_pending.label.c_str(), clipped(ctx, bb), hiddenWindow(ctx));
    return;
  }
  flushPending();
  // Widgets without a label hook of their own (table headers, invisible buttons) are published
  // when the screen named them with setNextLabel().
  if (probe.hasNextLabel()) publish(id, "", clipped(ctx, bb), hiddenWindow(ctx));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  hz::ui::TestProbe& probe = hz::ui::TestProbe::instance();
  if (!probe.enabled() || probe.lastRecordedId() == id) return; // published by ItemAdd already
  flushPending();
  // A window's own registration (its name, not a widget).
  if (ctx->CurrentWindow &&
      (ctx->CurrentWindow->ID == id || (label && std::strcmp(label, ctx->CurrentWindow->Name) == 0)))
    return;
  // NavRect is the interactive part (for an input field, its frame, not the label beside it).
  // Items clipped away are never reported (ImGui returns before this hook).
  const ImRect r = clipped(ctx, ctx->LastItemData.NavRect);
  if (ctx->LastItemData.ID != id) {
    g_pending = Pending{id, label ? label : "", r, hiddenWindow(ctx), true};
    return;
  }
  publish(id, label, r, hiddenWindow(ctx));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
