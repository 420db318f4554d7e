// Badges drawn with ImDrawList: a rounded rectangle sized to the text, on the current line.
#include "ui/widgets/badges.hpp"

#include "ui/theme.hpp"

namespace hz::ui::badges {

void tag(const char* text, ImVec4 colour) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pad(ImGui::GetFontSize() * 0.35f, ImGui::GetFontSize() * 0.08f);
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ImGui::GetColorU32(colour), size.y * 0.3f);
  const float lum = colour.x * 0.299f + colour.y * 0.587f + colour.z * 0.114f;
  const ImU32 fg = lum > 0.6f ? IM_COL32(30, 35, 45, 255) : IM_COL32(255, 255, 255, 255);
  dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), fg, text);
  ImGui::Dummy(size);
}

ImVec4 statusColour(core::HazardStatus s) {
  switch (s) {
  case core::HazardStatus::Pending:
    return ImVec4(0.85f, 0.45f, 0.10f, 1.0f);
  case core::HazardStatus::InProgress:
    return ImVec4(0.15f, 0.45f, 0.85f, 1.0f);
  case core::HazardStatus::AwaitingVerification:
    return ImVec4(0.50f, 0.35f, 0.80f, 1.0f);
  case core::HazardStatus::Closed:
    return ImVec4(0.20f, 0.60f, 0.30f, 1.0f);
  }
  return ImVec4(0.5f, 0.5f, 0.5f, 1.0f);
}

void status(core::HazardStatus s) { tag(core::toChinese(s), statusColour(s)); }

void level(core::HazardLevel l) {
  if (l == core::HazardLevel::Major)
    tag("重大隐患", theme::danger());
  else
    ImGui::TextUnformatted("一般隐患");
}

void overdue(bool isOverdue) {
  if (isOverdue) tag("逾期", ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
}

void review(core::ReviewState r) {
  switch (r) {
  case core::ReviewState::NotSubmitted:
    break;
  case core::ReviewState::Pending:
    tag("待审核", ImVec4(0.95f, 0.75f, 0.20f, 1.0f));
    break;
  case core::ReviewState::Approved:
    tag("审核通过", ImVec4(0.70f, 0.85f, 0.70f, 1.0f));
    break;
  case core::ReviewState::Returned:
    tag("退回", ImVec4(0.85f, 0.25f, 0.25f, 1.0f));
    break;
  }
}

} // namespace hz::ui::badges
