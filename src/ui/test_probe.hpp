// Test mode: records every labelled widget ImGui draws (through its test-engine hooks) so
// browser tests can find widgets by their visible text: window.hazardLedger.items().
#pragma once
#include <string>
#include <vector>

namespace hz::ui {

struct ProbeItem {
  unsigned id = 0;
  std::string label; // visible text, without any "##..." suffix
  float x = 0, y = 0, w = 0, h = 0; // framebuffer pixels
};

class TestProbe {
public:
  static TestProbe& instance();
  void setEnabled(bool on); // turns ImGui's hooks on for the current context
  bool enabled() const { return m_enabled; }
  void beginFrame();        // call before ImGui::NewFrame()
  void endFrame();          // call after ImGui::Render(): the frame becomes "the last frame"
  void record(unsigned id, const char* label, float x, float y, float w, float h);
  // The next widget is published under this label (for fields whose label is drawn beside them
  // as text, with "##id" as the ImGui label). Cheap no-op when test mode is off.
  void setNextLabel(const char* label) { if (m_enabled) m_nextLabel = label ? label : ""; }
  bool hasNextLabel() const { return !m_nextLabel.empty(); }
  unsigned lastRecordedId() const { return m_lastId; }
  const std::vector<ProbeItem>& lastFrame() const { return m_last; }
  // A message shown as text this frame (validation errors, refusals, notices).
  void message(const std::string& text) { if (m_enabled && !text.empty()) m_currentMessages.push_back(text); }
  // {"scale": pixelRatio, "items": [{id,label,x,y,w,h}...], "messages": [...]}
  std::string lastFrameJson(float pixelRatio) const;

private:
  bool m_enabled = false;
  std::string m_nextLabel;
  unsigned m_lastId = 0;
  std::vector<ProbeItem> m_current, m_last;
  std::vector<std::string> m_currentMessages, m_lastMessages;
};

// The visible part of an ImGui label: "保存##form" -> "保存", "a###id" -> "a".
std::string visibleLabel(const char* label);

} // namespace hz::ui
