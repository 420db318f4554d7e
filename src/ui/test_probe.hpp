// Test mode: records every labelled widget ImGui draws (through its test-engine hooks) so
// browser tests can find widgets by their visible text: window.hazardLedger.items().
#pragma once
#include <string>
#include <vector>

namespace hz::ui {

struct ProbeItem {
  unsigned id = 0;
  std::string label;                // visible text, without any "##..." suffix
  float x = 0, y = 0, w = 0, h = 0; // framebuffer pixels
};

class TestProbe {
public:
  static TestProbe& instance();
  void setEnabled(bool on); // turns ImGui's hooks on for the current context
  bool enabled() const { return m_enabled; }
  void beginFrame(); // call before ImGui::NewFrame()
  void endFrame();   // call after ImGui::Render(): the frame becomes "the last frame"
  void record(unsigned id, const char* label, float x, float y, float w, float h);
  // The next widget is published under this label (for fields whose label is drawn beside them
  // as text, with "##id" as the ImGui label). Cheap no-op when test mode is off.
  // The label applies only to a widget that starts where the cursor is now, so a widget clipped
  // away (never reported) cannot pass its label to the next one.
  void setNextLabel(const char* label);
  bool hasNextLabel() const { return !m_nextLabel.empty(); }
  // Call after the widget: a widget clipped away never reaches the hooks, and its label must not
  // land on the next widget.
  void clearNextLabel() { m_nextLabel.clear(); }
  // Publishes the last item ImGui drew (plain text has no id, so the hooks never see it) under
  // `label`: texts a test reads from the screen, e.g. a table cell or the bulletin preview's title.
  void recordLastItem(const std::string& label);
  unsigned lastRecordedId() const { return m_lastId; }
  const std::vector<ProbeItem>& lastFrame() const { return m_last; }
  // A message shown as text this frame (validation errors, refusals, notices).
  void message(const std::string& text) {
    if (m_enabled && !text.empty()) m_currentMessages.push_back(text);
  }
  // {"scale": pixelRatio, "items": [{id,label,x,y,w,h}...], "messages": [...]}
  std::string lastFrameJson(float pixelRatio) const;

private:
  bool m_enabled = false;
  std::string m_nextLabel;
  float m_nextX = 0, m_nextY = 0, m_tolerance = 0;
  unsigned m_lastId = 0;
  std::vector<ProbeItem> m_current, m_last;
  std::vector<std::string> m_currentMessages, m_lastMessages;
};

// The visible part of an ImGui label: "保存##form" -> "保存", "a###id" -> "a".
std::string visibleLabel(const char* label);

} // namespace hz::ui
