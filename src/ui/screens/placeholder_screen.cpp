// PlaceholderScreen: title, purpose and the planned functions of a screen still to be built.
#include "ui/screens/placeholder_screen.hpp"

#include "ui/theme.hpp"

#include <imgui.h>

namespace hz::ui {

PlaceholderScreen::PlaceholderScreen(const char* id, const char* title, const char* purpose,
                                     std::vector<const char*> planned)
    : m_id(id), m_title(title), m_purpose(purpose), m_planned(std::move(planned)) {}

void PlaceholderScreen::draw(AppContext&) {
  theme::heading(m_title);
  ImGui::TextWrapped("%s", m_purpose);
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
  ImGui::TextUnformatted("本页面正在建设中，将提供：");
  ImGui::PopStyleColor();
  for (const char* item : m_planned) ImGui::BulletText("%s", item);
}

} // namespace hz::ui
