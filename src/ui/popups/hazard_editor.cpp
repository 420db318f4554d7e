// HazardEditor: the hazard form, its workflow actions and its history, in one modal window.
#include "ui/popups/hazard_editor.hpp"

#include "core/record_fields.hpp"
#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

namespace hz::ui {

namespace {
constexpr const char* kWindow = "隐患详情###hazard_editor";

// Chinese prompts for the inputs each action needs.
struct ActionInputs {
  const char* dateLabel = nullptr;
  const char* noteLabel = nullptr;
  const char* personLabel = nullptr;
};

ActionInputs inputsFor(core::WorkflowAction a) {
  switch (a) {
  case core::WorkflowAction::Start:
    return {};
  case core::WorkflowAction::Submit:
    return {"整改完成日期", "整改情况", "整改上报人"};
  case core::WorkflowAction::Verify:
    return {"验收日期", "验收意见", "验收人"};
  case core::WorkflowAction::Reject:
    return {nullptr, "驳回原因", nullptr};
  case core::WorkflowAction::Reopen:
    return {nullptr, "重新打开原因", nullptr};
  case core::WorkflowAction::SubmitForReview:
    return {};
  case core::WorkflowAction::Approve:
    return {nullptr, "审核意见", nullptr};
  case core::WorkflowAction::ReturnForCorrection:
    return {nullptr, "退回原因", nullptr};
  }
  return {};
}
} // namespace

void HazardEditor::open(const std::string& id) {
  m_pendingId = id;
  m_isNew = false;
  m_openRequested = true;
}

void HazardEditor::create(const core::Hazard& prefill) {
  m_pendingId.clear();
  m_isNew = true;
  m_h = prefill;
  m_saved = prefill;
  m_openRequested = true;
}

void HazardEditor::load(AppContext& ctx) {
  m_errors.clear();
  m_message.clear();
  m_action.reset();
  m_actionProblems.clear();
  m_history.clear();
  m_confirmDiscard = false;
  if (m_isNew) {
    if (m_h.foundDate.empty()) m_h.foundDate = ctx.today.toString();
    if (m_h.reportedDate.empty()) m_h.reportedDate = ctx.today.toString();
    if (m_h.reporter.empty()) m_h.reporter = ctx.model.operatorName();
    m_saved = m_h;
    return;
  }
  auto h = ctx.store.getHazard(m_pendingId);
  if (!h) {
    m_message = h.error().describe();
    m_messageIsError = true;
    return;
  }
  m_h = m_saved = h.value();
  if (auto hist = ctx.store.history(core::kKindHazard, m_h.meta.id)) m_history = std::move(hist.value());
}

std::string HazardEditor::fieldError(const char* field) const {
  auto it = m_errors.find(field);
  return it == m_errors.end() ? std::string() : it->second;
}

bool HazardEditor::dirty() const { return core::toFields(m_h) != core::toFields(m_saved); }

bool HazardEditor::save(AppContext& ctx) {
  m_errors.clear();
  m_message.clear();
  if (m_h.divisionCode.empty() && !m_h.enterpriseId.empty())
    if (const EnterpriseInfo* e = ctx.catalog.enterprise(m_h.enterpriseId)) m_h.divisionCode = e->divisionCode;
  const auto problems = core::validate(m_h);
  for (const auto& p : problems) m_errors.emplace(p.field, p.message);
  if (!problems.empty()) {
    m_message = "有 " + std::to_string(problems.size()) + " 处需要修改，见各字段下方的红字说明。";
    m_messageIsError = true;
    return false;
  }
  auto r = m_isNew ? ctx.store.createHazard(m_h, ctx.model.operatorName())
                   : ctx.store.updateHazard(m_h, ctx.model.operatorName());
  if (!r) {
    for (const auto& p : r.error().problems) m_errors.emplace(p.field, p.message);
    m_message = r.error().describe();
    m_messageIsError = true;
    return false;
  }
  m_h = m_saved = r.value();
  m_isNew = false;
  m_pendingId = m_h.meta.id;
  if (auto hist = ctx.store.history(core::kKindHazard, m_h.meta.id)) m_history = std::move(hist.value());
  m_message = "已保存（隐患编号 " + m_h.number + "）";
  m_messageIsError = false;
  return true;
}

void HazardEditor::runAction(AppContext& ctx, core::WorkflowAction action) {
  m_actionProblems.clear();
  if (dirty() && !save(ctx)) return; // field edits (e.g. 五落实) are saved first
  auto r =
      ctx.store.applyHazardAction(m_h.meta.id, action, m_input, ctx.model.operatorName(), ctx.today, m_saved.meta.rev);
  if (!r) {
    m_actionProblems = r.error().problems;
    m_message = r.error().message;
    m_messageIsError = true;
    return;
  }
  m_h = m_saved = r.value();
  if (auto hist = ctx.store.history(core::kKindHazard, m_h.meta.id)) m_history = std::move(hist.value());
  m_message = std::string(core::toChinese(action)) + "：已完成，当前状态为" + core::toChinese(m_h.status);
  m_messageIsError = false;
  m_action.reset();
  m_input = {};
}

void HazardEditor::draw(AppContext& ctx) {
  if (m_openRequested) {
    m_openRequested = false;
    load(ctx);
    m_visible = true;
    ImGui::OpenPopup(kWindow);
  }
  if (!m_visible) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.86f, vp->WorkSize.y * 0.9f), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kWindow, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    m_visible = false;
    return;
  }
  // Header: number, status, level, overdue.
  if (m_isNew) {
    theme::heading("新增隐患");
  } else {
    ImGui::PushFont(nullptr, theme::kBaseFontSize * 1.25f);
    ImGui::Text("隐患 %s", m_h.number.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "登记单位：%s", ctx.catalog.officeName(m_h.meta.origin).c_str());
    ImGui::SameLine();
    badges::status(m_h.status);
    ImGui::SameLine();
    badges::level(m_h.level);
    if (core::isOverdue(m_h, ctx.today)) {
      ImGui::SameLine();
      badges::overdue(true);
    }
    if (m_h.review != core::ReviewState::NotSubmitted) {
      ImGui::SameLine();
      badges::review(m_h.review);
      if (m_h.review == core::ReviewState::Returned && !m_h.reviewNote.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(theme::danger(), "退回原因：%s", m_h.reviewNote.c_str());
      }
    }
    ImGui::Separator();
  }
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.2f;
  ImGui::BeginChild("##body", ImVec2(0, -footer));
  if (ImGui::BeginTabBar("##tabs")) {
    if (ImGui::BeginTabItem("基本信息")) {
      drawBasics(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("整改计划")) {
      drawPlan(ctx);
      ImGui::EndTabItem();
    }
    if (!m_isNew && ImGui::BeginTabItem("整改与验收")) {
      drawProgress(ctx);
      ImGui::EndTabItem();
    }
    if (!m_isNew && ImGui::BeginTabItem("历史记录")) {
      drawHistory(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();

  // Footer: message, workflow, save/close.
  ImGui::Separator();
  if (!m_message.empty()) {
    TestProbe::instance().message(m_message);
    ImGui::PushStyleColor(ImGuiCol_Text, m_messageIsError ? theme::danger() : theme::success());
    ImGui::TextUnformatted(m_message.c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::NewLine();
  }
  const bool readOnly = ctx.model.readOnly();
  ImGui::BeginDisabled(readOnly);
  if (ImGui::Button(m_isNew ? "保存新隐患" : "保存修改")) save(ctx);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (m_confirmDiscard) {
    ImGui::TextColored(theme::warning(), "有未保存的修改：");
    ImGui::SameLine();
    if (ImGui::Button("放弃修改并关闭")) {
      m_confirmDiscard = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("继续编辑")) m_confirmDiscard = false;
  } else if (ImGui::Button("关闭") || (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::IsAnyItemActive())) {
    if (dirty() && !readOnly)
      m_confirmDiscard = true;
    else
      ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void HazardEditor::drawBasics(AppContext& ctx) {
  if (!fields::beginForm("##basics")) return;
  // Enterprise: choose by name; the township and industry follow it when empty.
  std::vector<std::string> names;
  names.reserve(ctx.catalog.enterprises().size());
  for (const auto& e : ctx.catalog.enterprises())
    if (!e.retired || e.id == m_h.enterpriseId) names.push_back(e.name);
  std::string name = ctx.catalog.enterpriseName(m_h.enterpriseId);
  if (fields::combo("企业名称", name, names, true, false)) {
    for (const auto& e : ctx.catalog.enterprises()) {
      if (e.name != name) continue;
      m_h.enterpriseId = e.id;
      if (m_h.divisionCode.empty()) m_h.divisionCode = e.divisionCode;
      if (m_h.industry.empty()) m_h.industry = e.industry;
      break;
    }
  }
  fields::error(fieldError("enterprise_id"));
  std::string town = ctx.catalog.townshipLabel(m_h.divisionCode);
  if (fields::combo("乡镇街道", town, ctx.catalog.townshipLabels(), true))
    m_h.divisionCode = ctx.catalog.codeOfTownshipLabel(town);
  fields::error(fieldError("division_code"));
  fields::combo("行业领域", m_h.industry, ctx.catalog.values("industry"), true);
  fields::error(fieldError("industry"));
  fields::combo("隐患分类", m_h.category, ctx.catalog.values("hazard_category"));
  fields::text("隐患部位", m_h.location, "如：二车间东侧配电房");
  fields::multiline("隐患描述", m_h.description, 3.0f, true);
  fields::error(fieldError("description"));
  fields::row("隐患等级", true);
  int level = m_h.level == core::HazardLevel::Major ? 1 : 0;
  if (ImGui::RadioButton("一般隐患", &level, 0)) m_h.level = core::HazardLevel::General;
  ImGui::SameLine();
  if (ImGui::RadioButton("重大隐患", &level, 1)) m_h.level = core::HazardLevel::Major;
  fields::combo("隐患来源", m_h.source, ctx.catalog.values("source"), true);
  fields::error(fieldError("source"));
  // 判定依据: a standard from the library, then its clause.
  std::vector<std::string> stdLabels;
  for (const auto& s : ctx.catalog.standards())
    if (!s.retired || s.meta.id == m_h.standardId) stdLabels.push_back(ctx.catalog.standardLabel(s.meta.id));
  std::string stdLabel = ctx.catalog.standardLabel(m_h.standardId);
  if (fields::combo("判定依据", stdLabel, stdLabels)) {
    m_h.standardId.clear();
    for (const auto& s : ctx.catalog.standards())
      if (ctx.catalog.standardLabel(s.meta.id) == stdLabel) m_h.standardId = s.meta.id;
    m_h.clauseRef.clear();
  }
  if (const core::Standard* s = ctx.catalog.standard(m_h.standardId); s && !s->clauses.empty()) {
    // Retired clauses are not offered; one the hazard already cites stays shown (marked).
    std::vector<std::string> clauses;
    for (const auto& c : s->clauses)
      if (!c.retired) clauses.push_back(c.article + " " + c.summary);
    std::string current = m_h.clauseRef;
    for (const auto& c : s->clauses)
      if (c.article == m_h.clauseRef) current = c.article + " " + c.summary + (c.retired ? "（已废止）" : "");
    if (fields::combo("具体条款", current, clauses)) m_h.clauseRef = current.substr(0, current.find(' '));
  } else {
    fields::text("具体条款", m_h.clauseRef, "如：第十一条(三)");
  }
  fields::combo("检查方式", m_h.inspectionMethod, ctx.catalog.values("method"));
  fields::text("检查人", m_h.inspectors, "多人用顿号分隔，如：王明、李强");
  fields::date("发现日期", m_h.foundDate, true);
  fields::error(fieldError("found_date"));
  fields::text("填报人", m_h.reporter);
  fields::date("填报日期", m_h.reportedDate);
  fields::error(fieldError("reported_date"));
  fields::row("挂牌督办");
  int sup = static_cast<int>(m_h.supervision);
  const char* supNames[] = {"无", "县级", "市级", "省级"};
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(supNames[i], &sup, i)) m_h.supervision = static_cast<core::SupervisionLevel>(i);
  }
  fields::check("需停产停业整改", m_h.stopProduction);
  fields::multiline("备注", m_h.remarks, 2.0f);
  fields::endForm();
}

void HazardEditor::drawPlan(AppContext& ctx) {
  if (m_h.level == core::HazardLevel::Major)
    fields::help("重大隐患在开始整改前，须明确整改责任、时限、措施，并落实“五落实”。");
  if (!fields::beginForm("##plan")) return;
  const bool major = m_h.level == core::HazardLevel::Major;
  fields::multiline("整改措施", m_h.measures, 3.0f, major);
  fields::error(fieldError("measures"));
  fields::combo("责任部门", m_h.responsibleDepartment, ctx.catalog.values("department"), major);
  fields::error(fieldError("responsible_department"));
  fields::text("责任单位", m_h.responsibleUnit);
  fields::text("责任人", m_h.responsiblePerson, nullptr, major);
  fields::error(fieldError("responsible_person"));
  fields::date("整改期限", m_h.deadline, major);
  fields::error(fieldError("deadline"));
  fields::number("治理经费（万元）", m_h.fundsWan);
  fields::error(fieldError("funds_wan"));
  fields::row("五落实", major);
  ImGui::Checkbox("治理目标", &m_h.five.target);
  ImGui::SameLine();
  ImGui::Checkbox("机构人员", &m_h.five.organization);
  ImGui::SameLine();
  ImGui::Checkbox("安全措施及应急预案", &m_h.five.safetyMeasures);
  ImGui::Checkbox("经费物资", &m_h.five.funds);
  ImGui::SameLine();
  ImGui::Checkbox("时限", &m_h.five.timeLimit);
  fields::endForm();
}

void HazardEditor::drawProgress(AppContext& ctx) {
  drawWorkflow(ctx);
  ImGui::Spacing();
  ImGui::SeparatorText("整改与验收记录");
  if (!ImGui::BeginTable("##progress", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.5f);
  auto row = [](const char* k, const std::string& v) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(k);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", v.empty() ? "—" : v.c_str());
  };
  row("实际完成时间", m_h.completedDate);
  row("整改情况", m_h.completionNote);
  row("整改上报人", m_h.rectifiedBy);
  row("验收人", m_h.verifier);
  row("验收日期", m_h.verifiedDate);
  row("验收意见", m_h.verifyOpinion);
  row("销号日期", m_h.closedDate);
  row("审核人", m_h.reviewer);
  row("审核日期", m_h.reviewDate);
  row("审核意见/退回原因", m_h.reviewNote);
  ImGui::EndTable();
}

void HazardEditor::drawWorkflow(AppContext& ctx) {
  ImGui::SeparatorText("整改流程");
  ImGui::Text("当前状态：");
  ImGui::SameLine();
  badges::status(m_h.status);
  if (core::isOverdue(m_h, ctx.today)) {
    ImGui::SameLine();
    ImGui::TextColored(theme::danger(), "已超过整改期限 %s", m_h.deadline.c_str());
  }
  if (ctx.model.readOnly()) {
    fields::help("只读模式：另一个窗口正在编辑本数据库，本窗口不能办理流程。");
    return;
  }
  const auto legal = core::legalActions(m_h);
  for (size_t i = 0; i < legal.size(); ++i) {
    if (i) ImGui::SameLine();
    const core::WorkflowAction a = legal[i];
    const ActionInputs in = inputsFor(a);
    if (ImGui::Button(core::toChinese(a))) {
      m_actionProblems.clear();
      if (!in.dateLabel && !in.noteLabel && !in.personLabel) {
        m_input = {};
        runAction(ctx, a);
      } else {
        m_action = a;
        m_input = {};
        if (in.dateLabel) m_input.date = ctx.today.toString();
        if (in.personLabel) m_input.person = ctx.model.operatorName();
      }
    }
  }
  if (m_action) {
    const ActionInputs in = inputsFor(*m_action);
    ImGui::Spacing();
    if (fields::beginForm("##action")) {
      if (in.dateLabel) fields::date(in.dateLabel, m_input.date, true);
      if (in.personLabel) fields::text(in.personLabel, m_input.person, nullptr, true);
      if (in.noteLabel) fields::multiline(in.noteLabel, m_input.note, 2.0f, true);
      fields::endForm();
    }
    const std::string confirm = std::string("确认") + core::toChinese(*m_action);
    if (ImGui::Button(confirm.c_str())) runAction(ctx, *m_action);
    ImGui::SameLine();
    if (ImGui::Button("取消办理")) {
      m_action.reset();
      m_actionProblems.clear();
    }
  }
  for (const auto& p : m_actionProblems) {
    TestProbe::instance().message(p.message);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::danger());
    ImGui::BulletText("%s", p.message.c_str());
    ImGui::PopStyleColor();
  }
}

void HazardEditor::drawHistory(AppContext&) {
  if (m_history.empty()) {
    fields::help("暂无历史记录。");
    return;
  }
  for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
    const core::HistoryEvent& e = *it;
    ImGui::PushID(e.id.c_str());
    ImGui::TextColored(theme::accent(), "%s", localTime(e.at).c_str());
    ImGui::SameLine();
    ImGui::Text("%s  %s", e.actor.c_str(), historyActionLabel(e.action));
    ImGui::Indent();
    for (const auto& c : e.changes) {
      ImGui::TextWrapped("%s：%s → %s", core::fieldLabel(core::kKindHazard, c.field),
                         c.oldValue.empty() ? "（空）" : c.oldValue.c_str(),
                         c.newValue.empty() ? "（空）" : c.newValue.c_str());
    }
    if (!e.note.empty()) ImGui::TextWrapped("说明：%s", e.note.c_str());
    ImGui::Unindent();
    ImGui::Separator();
    ImGui::PopID();
  }
}

} // namespace hz::ui
