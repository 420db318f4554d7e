// FirstRunWizard: shown while the office has no name; two steps, then the normal app.
#include "ui/popups/first_run_wizard.hpp"

#include "core/validation.hpp"
#include "store/sample_data.hpp"
#include "store/store.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

namespace hz::ui {

namespace {
constexpr const char* kWindow = "欢迎使用隐患台账###first_run";

std::vector<std::string> splitNames(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    // Separators: ASCII comma/semicolon/space runs, and the Chinese 、，； (3-byte UTF-8).
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',' || text[i] == ';' || text[i] == '\n') {
      flush();
      ++i;
    } else {
      cur += text[i++];
    }
  }
  flush();
  return out;
}
} // namespace

bool FirstRunWizard::saveIdentity(AppContext& ctx) {
  m_nameError.clear();
  m_divisionError.clear();
  m_operatorError.clear();
  core::Office o = ctx.store.office();
  o.name = m_name;
  o.divisionCode = m_division;
  o.level = m_level == 0 ? core::OfficeLevel::Township : m_level == 1 ? core::OfficeLevel::County : core::OfficeLevel::City;
  o.operators = splitNames(m_operators);
  if (m_name.find_first_not_of(' ') == std::string::npos) m_nameError = "单位名称: 必填，如“玄武区孝陵卫街道安委办”";
  const core::DivisionCheck dc = core::checkDivisionCode(m_division);
  if (dc.level == core::DivisionLevel::Invalid) m_divisionError = dc.error;
  else if (o.level == core::OfficeLevel::Township && dc.level == core::DivisionLevel::County)
    m_divisionError = "区划代码: 乡镇街道应填写 9 位代码（县区 6 位 + 乡镇 3 位），如 320102003";
  if (o.operators.empty()) m_operatorError = "操作人员: 至少填写一人（用于记录谁做了哪些修改）";
  if (!m_nameError.empty() || !m_divisionError.empty() || !m_operatorError.empty()) return false;
  for (const auto& p : core::validate(o)) {
    m_message = p.message;
    return false;
  }
  if (auto r = ctx.store.setOffice(o, o.operators.front()); !r) {
    m_message = r.error().describe();
    return false;
  }
  ctx.services.dataChanged();
  return true;
}

void FirstRunWizard::loadSample(AppContext& ctx) {
  auto r = store::generateSample(ctx.store, 20261129, 8, 60, 400, ctx.today);
  if (!r) {
    m_message = "示例数据载入失败：" + r.error().describe();
    return;
  }
  (void)ctx.store.setSetting("sample_data", "1");
  ctx.services.dataChanged();
  m_active = false;
  ImGui::CloseCurrentPopup();
}

void FirstRunWizard::draw(AppContext& ctx) {
  if (!m_checked) {
    m_checked = true;
    m_active = ctx.store.office().name.empty() && !ctx.services.readOnly();
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
    fields::help("这些信息写入每一条记录的来源，并用于生成隐患编号（区划代码-年份-序号）。以后可以在“设置”中修改。");
    if (fields::beginForm("##office", ctx.em() * 6)) {
      fields::text("单位名称", m_name, "如：玄武区孝陵卫街道安委办", true);
      fields::error(m_nameError);
      fields::text("区划代码", m_division, "乡镇街道 9 位，县区 6 位，如 320102003", true);
      fields::error(m_divisionError);
      fields::row("单位级别", true);
      ImGui::RadioButton("乡镇街道", &m_level, 0);
      ImGui::SameLine();
      ImGui::RadioButton("县区", &m_level, 1);
      ImGui::SameLine();
      ImGui::RadioButton("市", &m_level, 2);
      fields::text("操作人员", m_operators, "多人用顿号分隔，如：张伟、李娜", true);
      fields::error(m_operatorError);
      fields::endForm();
    }
    fields::error(m_message);
    if (ImGui::Button("下一步")) {
      m_message.clear();
      if (saveIdentity(ctx)) m_step = 1;
    }
  } else {
    theme::heading("第二步：是否载入示例数据");
    ImGui::PushTextWrapPos(ctx.em() * 34);
    ImGui::TextUnformatted("可以载入一套示例数据（8 个乡镇街道、60 家企业、400 条隐患）来熟悉各项功能。"
                           "示例数据会被明确标记为“示例数据”，请勿用于正式上报。");
    ImGui::PopTextWrapPos();
    fields::error(m_message);
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
