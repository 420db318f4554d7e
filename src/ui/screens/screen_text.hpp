// Messages that tests must be able to read: wrapped coloured text that is also published in test
// mode (items()) under its own text, like a labelled widget. Used by the screens of this folder.
#pragma once
#include "ui/test_probe.hpp"

#include <imgui.h>

#include <string>

namespace hz::ui {

inline void publishedText(const std::string& text, const ImVec4& colour) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  TestProbe::instance().record(0, text.c_str(), a.x, a.y, b.x - a.x, b.y - a.y);
}

} // namespace hz::ui
