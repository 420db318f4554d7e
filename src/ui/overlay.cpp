// App overlay: storage banner, job progress (a modal with 取消 for exports), notices, shortcuts,
// test panel (see overlay.hpp).
#include "ui/overlay.hpp"

#include "store/sample_data.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <string>

namespace hz::ui {

void drawTopBanner(model::AppModel& app, float k) {
  const std::string problem = app.storageProblem();
  if (problem.empty()) return;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.99f, 0.91f, 0.90f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.08f, 0.06f, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * k, 6 * k));
  const float width = vp->WorkSize.x - 24 * k - 110 * k;
  const ImVec2 textSize = ImGui::CalcTextSize(problem.c_str(), nullptr, false, width);
  const float height = textSize.y + ImGui::GetStyle().FramePadding.y * 2 + 12 * k;
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoDecoration;
  if (ImGui::BeginViewportSideBar("##storage-banner", vp, ImGuiDir_Up, height, flags)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(problem.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(vp->WorkSize.x - 110 * k);
    ImGui::PopStyleColor(); // normal text on the button
    if (ImGui::Button("导出台账")) app.requestExport();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.08f, 0.06f, 1.0f));
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

// A modal window while a job runs: the rest of the UI takes no input (no edits during an export).
static void drawJob(model::AppModel& app, float k) {
  const model::Job* job = app.currentJob();
  const bool open = ImGui::IsPopupOpen("##job");
  if (!job && !open) return;
  // The 导入表格 window shows its own progress (a second modal would close it).
  if (job && !open && app.sheetImport().active()) return;
  if (job && !open) ImGui::OpenPopup("##job");
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(420 * k, 0));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove;
  if (!ImGui::BeginPopupModal("##job", nullptr, flags)) return;
  if (!job) {
    ImGui::CloseCurrentPopup();
  } else {
    ImGui::TextUnformatted(job->title.c_str());
    // Unknown progress: an animated bar (the frame loop keeps drawing while a job runs).
    const float p = job->progress >= 0 ? job->progress : -1.0f * static_cast<float>(ImGui::GetTime());
    ImGui::ProgressBar(p, ImVec2(-1, 0), job->progress >= 0 ? nullptr : "请稍候");
    if (job->cancellable) {
      ImGui::SetCursorPosX(ImGui::GetWindowWidth() - ImGui::CalcTextSize("取消").x -
                           ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().WindowPadding.x);
      if (ImGui::Button("取消")) app.cancelJob();
    }
  }
  ImGui::EndPopup();
}

static void drawNotice(model::AppModel& app, float k) {
  const std::string& notice = app.notice();
  if (notice.empty()) return;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16 * k, vp->WorkPos.y + vp->WorkSize.y - 16 * k),
                          ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(520 * k, 400 * k));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoFocusOnAppearing;
  if (ImGui::Begin("##notice", nullptr, flags)) {
    ImGui::PushTextWrapPos(480 * k);
    ImGui::TextUnformatted(notice.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("知道了")) app.dismissNotice();
  }
  ImGui::End();
}

// Test mode only (?test=1&testpanel=1): a text field for IME/clipboard tests and buttons that
// reach the file plumbing, until the screens that own these actions exist.
static void drawTestPanel(model::AppModel& app, float k) {
  static std::string text;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16 * k, vp->WorkPos.y + 60 * k), ImGuiCond_Always,
                          ImVec2(1, 0));
  ImGui::SetNextWindowSize(ImVec2(380 * k, 0));
  if (ImGui::Begin("测试面板", nullptr,
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) {
    ImGui::InputText("测试文本", &text);
    if (ImGui::Button("创建企业") && !app.readOnly() && !text.empty())
      (void)app.store().createEnterprise(store::sampleEnterprise(text), app.operatorName());
    ImGui::SameLine();
    if (ImGui::Button("导入文件")) app.requestImport();
    ImGui::SameLine();
    if (ImGui::Button("导出文件")) app.requestExport();
  }
  ImGui::End();
}

void drawOverlay(model::AppModel& app, float k, bool testPanel) {
  if (ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_S, ImGuiInputFlags_RouteGlobal)) app.requestExport();
  if (ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_O, ImGuiInputFlags_RouteGlobal)) app.requestImport();
  if (testPanel) drawTestPanel(app, k);
  drawJob(app, k);
  drawNotice(app, k);
}

} // namespace hz::ui
