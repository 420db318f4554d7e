// Light theme close to the government office software users know, with a blue accent.
#include "ui/theme.hpp"

namespace hz::ui::theme {

ImVec4 mutedText() { return ImVec4(0.42f, 0.46f, 0.52f, 1.0f); }
ImVec4 accent() { return ImVec4(0.10f, 0.40f, 0.80f, 1.0f); }
ImVec4 danger() { return ImVec4(0.75f, 0.15f, 0.12f, 1.0f); }
ImVec4 warning() { return ImVec4(0.80f, 0.45f, 0.05f, 1.0f); }
ImVec4 success() { return ImVec4(0.12f, 0.55f, 0.25f, 1.0f); }

void apply(float pixelRatio) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.PopupRounding = 4.0f;
  style.GrabRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 1.0f;
  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.CellPadding = ImVec2(8, 5);
  style.ScrollbarSize = 14.0f;

  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.972f, 0.984f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.93f, 0.945f, 0.965f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.83f, 0.87f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.10f, 0.40f, 0.80f, 0.16f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.10f, 0.40f, 0.80f, 0.24f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.10f, 0.40f, 0.80f, 0.32f);
  c[ImGuiCol_Button] = ImVec4(0.10f, 0.40f, 0.80f, 0.12f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.10f, 0.40f, 0.80f, 0.26f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.10f, 0.40f, 0.80f, 0.40f);
  c[ImGuiCol_Text] = ImVec4(0.12f, 0.16f, 0.22f, 1.0f);

  style.FontSizeBase = kBaseFontSize;
  style.ScaleAllSizes(pixelRatio);
  style.FontScaleDpi = pixelRatio;
  ImGui::GetStyle() = style;
}

void heading(const char* text) {
  ImGui::PushFont(nullptr, kBaseFontSize * 1.35f);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::Spacing();
}

} // namespace hz::ui::theme
