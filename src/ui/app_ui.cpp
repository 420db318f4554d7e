// AppUi: lays out the main viewport (menu bar, left navigation, content, status bar).
#include "ui/app_ui.hpp"

#include "ui/format.hpp"
#include "ui/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

namespace hz::ui {

AppUi::AppUi() : m_screens(createScreens()) {}

bool AppUi::selectScreen(const char* id) {
  for (size_t i = 0; i < m_screens.size(); ++i) {
    if (std::strcmp(m_screens[i]->id(), id) == 0) {
      m_current = i;
      return true;
    }
  }
  return false;
}

float AppContext::em() const { return ImGui::GetFontSize(); }

void AppUi::draw(model::AppModel& model, float pixelRatio) {
  store::Store& store = model.store();
  m_catalog.refresh(store, model.stamp());
  AppContext ctx{model, store, m_nav, m_catalog, model.today(), pixelRatio};
  if (auto id = m_nav.takeScreen()) selectScreen(id->c_str());
  if (auto id = m_nav.takeOpenHazard()) m_hazardEditor.open(*id);
  if (auto h = m_nav.takeNewHazard()) m_hazardEditor.create(*h);

  drawMenuBar(ctx);
  drawStatusBar(ctx);

  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##main", nullptr, flags);
  ImGui::PopStyleVar();

  const float navWidth = 150.0f * ctx.pixelRatio;
  drawNavigation(ctx, navWidth);
  ImGui::SameLine(0, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18 * ctx.pixelRatio, 14 * ctx.pixelRatio));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
  ImGui::BeginChild("##content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
  drawBanners(ctx);
  m_screens[m_current]->draw(ctx);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  ImGui::End();

  m_hazardEditor.draw(ctx);
  m_wizard.draw(ctx);
  m_about.draw(ctx);
  m_sheetImport.draw(ctx);
  drawKeyChangePopup(ctx);
}

void AppUi::drawBanners(AppContext& ctx) {
  if (ctx.model.readOnly()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.80f, 1.0f));
    ImGui::BeginChild("##readonly", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 1.4f),
                      ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::TextColored(theme::warning(),
                       "只读模式：本数据库正在另一个浏览器窗口中编辑。关闭那个窗口后，本窗口可以接管编辑。");
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
}

void AppUi::drawMenuBar(AppContext& ctx) {
  if (!ImGui::BeginMainMenuBar()) return;
  ImGui::TextColored(theme::accent(), "隐患台账");
  ImGui::Separator();
  if (ImGui::BeginMenu("视图")) {
    for (size_t i = 0; i < m_screens.size(); ++i)
      if (m_screens[i]->visible(ctx) && ImGui::MenuItem(m_screens[i]->title(), nullptr, i == m_current)) m_current = i;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("帮助")) {
    if (ImGui::MenuItem("关于")) m_about.open();
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void AppUi::drawNavigation(AppContext& ctx, float width) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * ctx.pixelRatio, 10 * ctx.pixelRatio));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.91f, 0.93f, 0.955f, 1.0f));
  ImGui::BeginChild("##nav", ImVec2(width, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
  const float rowHeight = ImGui::GetFontSize() + 16.0f * ctx.pixelRatio;
  for (size_t i = 0; i < m_screens.size(); ++i) {
    if (!m_screens[i]->visible(ctx)) continue;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(m_screens[i]->title(), i == m_current, 0, ImVec2(0, rowHeight))) m_current = i;
    ImGui::PopID();
  }
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void AppUi::drawStatusBar(AppContext& ctx) {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = ImGui::GetFrameHeight() + 4.0f * ctx.pixelRatio;
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar;
  if (ImGui::BeginViewportSideBar("##status", vp, ImGuiDir_Down, height, flags)) {
    if (ImGui::BeginMenuBar()) {
      const model::RecordCounts& n = ctx.model.counts();
      const std::string office = ctx.model.officeName();
      ImGui::Text("单位：%s", office.empty() ? "（未设置）" : office.c_str());
      ImGui::Separator();
      ImGui::Text("隐患 %lld 条 · 企业 %lld 家 · 检查 %lld 次", n.hazards, n.enterprises, n.inspections);
      ImGui::Separator();
      const model::SaveState s = ctx.model.saveState();
      const ImVec4 colour = s == model::SaveState::Failed  ? theme::danger()
                            : s == model::SaveState::Saved ? theme::success()
                                                           : theme::warning();
      ImGui::TextColored(colour, "%s", model::toChinese(s));
      ImGui::Separator();
      const std::string& last = ctx.model.lastExportAt();
      ImGui::Text("上次导出：%s", last.empty() ? "从未导出" : localTime(last).c_str());
      const model::BackupReminder& reminder = ctx.model.backupReminder();
      if (reminder.enabled && reminder.due) {
        ImGui::Separator();
        ImGui::TextColored(theme::warning(), "%s", reminder.text.c_str());
      }
      ImGui::EndMenuBar();
    }
  }
  ImGui::End();
}

} // namespace hz::ui
