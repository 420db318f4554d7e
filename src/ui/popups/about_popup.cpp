// AboutPopup: a modal with the versions of the app and its components.
#include "ui/popups/about_popup.hpp"

#include "core/version.hpp"
#include "ledger/ledger.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>

namespace hz::ui {

void AboutPopup::draw(AppContext& ctx) {
  const char* kTitle = "关于隐患台账";
  if (m_openRequested) {
    ImGui::OpenPopup(kTitle);
    m_openRequested = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  theme::heading("隐患台账 Hazard Ledger");
  ImGui::Text("重大事故隐患排查整治台账  版本 %s", versionString());
  ImGui::Spacing();
  if (ImGui::BeginTable("##versions", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
    auto row = [](const char* k, const std::string& v) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(v.c_str());
    };
    row("数据库引擎", "SQLite " + ctx.model.sqliteVersion());
    row("界面库", std::string("Dear ImGui ") + ImGui::GetVersion());
    row("数据存放", ctx.model.storageDescription());
    row("台账文件格式", "hazard-ledger 第 " + std::to_string(ledger::kSignedFormatVersion) + " 版，带签名（可读取第 " +
                            std::to_string(ledger::kOldestFormatVersion) + " 版起的文件）");
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
  ImGui::TextUnformatted("本程序完全在浏览器中离线运行，不连接任何服务器。");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  if (ImGui::Button("关闭", ImVec2(120 * ctx.pixelRatio, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// A signed file whose key is not the one pinned for its office, or that forwards another office's
// history without that office's signature: the import waits for this answer.
void drawKeyChangePopup(AppContext& ctx) {
  const auto* questions = ctx.model.keyChangeQuestions();
  if (!questions) return;
  const bool keyChanged =
      std::any_of(questions->begin(), questions->end(), [](const ledger::KeyQuestion& q) { return q.change(); });
  const bool fileUnsigned =
      std::any_of(questions->begin(), questions->end(), [](const ledger::KeyQuestion& q) { return q.fileUnsigned; });
  const char* kTitle = keyChanged     ? "发送单位的密钥已更换"
                       : fileUnsigned ? "文件没有签名"
                                      : "文件中有其他单位未签名的记录";
  if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ctx.em() * 36, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ctx.em() * 35);
  ImGui::TextColored(theme::danger(), "%s",
                     keyChanged ? "警告：文件的签名密钥与此前记录的不同，可能是伪造的文件。"
                     : fileUnsigned ? "警告：此文件没有签名，却有已启用签名的单位的记录，无法证明是该单位所做。"
                                    : "警告：文件转交了其他单位的记录，但没有那个单位的签名，无法证明是该单位所做。");
  for (const auto& q : *questions) {
    ImGui::Spacing();
    ImGui::TextUnformatted(q.describe().c_str());
    TestProbe::instance().recordLastItem(q.describe());
    if (q.unsignedHistory()) continue;
    ImGui::Text("此前记录的指纹：%s", q.pinnedFingerprint.c_str());
    TestProbe::instance().recordLastItem("此前记录的指纹：" + q.pinnedFingerprint);
    ImGui::Text("本文件的指纹：");
    ImGui::SameLine();
    ImGui::TextColored(theme::danger(), "%s", q.fingerprint.c_str());
    TestProbe::instance().recordLastItem(q.fingerprint);
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("拒绝导入（推荐）")) {
    ctx.model.refuseKeyChange();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button(keyChanged ? "已电话核对，接受新密钥并导入" : "已向该单位核实，作为未签名记录导入")) {
    ctx.model.acceptKeyChange();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

} // namespace hz::ui
