// FirstRunWizard: shown while the office has no name; two steps, then the normal app.
#include "ui/popups/first_run_wizard.hpp"

#include "core/text.hpp"
#include "store/store.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

namespace hz::ui {

namespace {
constexpr const char* kWindow = "欢迎使用隐患台账###first_run";
} // namespace

bool FirstRunWizard::saveIdentity(AppContext& ctx) {
  core::Office o = ctx.store.office();
  o.name = m_name;
  o.divisionCode = m_division;
  o.level = m_level == 0   ? core::OfficeLevel::Township
            : m_level == 1 ? core::OfficeLevel::County
                           : core::OfficeLevel::City;
  o.operators = core::splitNames(m_operators);
  if (auto r = ctx.model.saveOffice(o); !r) return m_feedback.refuse(r.error());
  return true;
}

void FirstRunWizard::loadSample(AppContext& ctx) {
  if (auto r = ctx.model.loadSampleData(); !r) {
    m_feedback.refuse(Error::make(r.error().code, "示例数据载入失败：" + r.error().describe()));
    return;
  }
  m_active = false;
  ImGui::CloseCurrentPopup();
}

void FirstRunWizard::draw(AppContext& ctx) {
  if (!m_checked) {
    m_checked = true;
    m_active = ctx.store.office().name.empty() && !ctx.model.readOnly();
    if (m_active) ImGui::OpenPopup(kWindow);
  }
  if (!m_active) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ctx.em() * 36, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kWindow, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    m_active = false;
    return;
  }
  if (m_step == 0) {
    theme::heading("第一步：本单位信息");
    fields::help(
        "这些信息写入每一条记录的来源，并用于生成隐患编号（区划代码-年份-本单位代码-序号）。以后可以在“设置”中修改。");
    if (fields::beginForm("##office", ctx.em() * 6)) {
      fields::text("单位名称", m_name, "如：玄武区孝陵卫街道安委办", true);
      m_feedback.fieldError("name");
      fields::text("区划代码", m_division, "乡镇街道 9 位，县区 6 位，如 320102003", true);
      m_feedback.fieldError("division_code");
      fields::row("单位级别", true);
      ImGui::RadioButton("乡镇街道", &m_level, 0);
      ImGui::SameLine();
      ImGui::RadioButton("县区", &m_level, 1);
      ImGui::SameLine();
      ImGui::RadioButton("市", &m_level, 2);
      fields::text("操作人员", m_operators, "多人用顿号分隔，如：张伟、李娜", true);
      m_feedback.fieldError("operators");
      fields::endForm();
    }
    m_feedback.message();
    if (ImGui::Button("下一步") && saveIdentity(ctx)) {
      m_feedback.clear();
      m_step = 1;
    }
  } else {
    theme::heading("第二步：是否载入示例数据");
    ImGui::PushTextWrapPos(ctx.em() * 34);
    ImGui::TextUnformatted("可以载入一套示例数据（8 个乡镇街道、60 家企业、400 条隐患）来熟悉各项功能。"
                           "示例数据会被明确标记为“示例数据”，请勿用于正式上报。");
    ImGui::PopTextWrapPos();
    m_feedback.message();
    ImGui::Spacing();
    if (ImGui::Button("载入示例数据")) loadSample(ctx);
    ImGui::SameLine();
    if (ImGui::Button("从空白台账开始")) {
      m_active = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndPopup();
}

} // namespace hz::ui
