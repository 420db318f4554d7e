// The look of the app: a light office theme, sizes scaled for the device pixel ratio, and a few
// helpers for consistent headings and colours (status colours always come with text).
#pragma once
#include <imgui.h>

namespace hz::ui::theme {

constexpr float kBaseFontSize = 16.0f; // CSS pixels; CJK needs more than ImGui's 13

void apply(float pixelRatio);   // (re)builds the style for a pixel ratio
void heading(const char* text); // a screen title in a larger size
ImVec4 mutedText();
ImVec4 accent();
ImVec4 danger();
ImVec4 warning();
ImVec4 success();

} // namespace hz::ui::theme
