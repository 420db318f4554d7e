// InspectionsScreen: inspection list (clipped), record/edit form with inline validation, and the
// selected inspection's detail with the hazards found during it.
#include "ui/screens/inspections_screen.hpp"

#include "core/validation.hpp"
#include "core/workflow.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/screens/screen_text.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace hz::ui {

namespace {
// "名称（统一社会信用代码）": names repeat, so the picker shows the code too.
std::string enterpriseLabel(const EnterpriseInfo& e) {
  return e.name + "（" + (e.uscc.empty() ? e.divisionCode : e.uscc) + "）";
}
} // namespace

void InspectionsScreen::draw(AppContext& ctx) {
  if (!m_loaded || ctx.services.dataGeneration() != m_generation) reload(ctx);
  if (m_editing) {
    drawForm(ctx);
    return;
  }
  drawToolbar(ctx);
  const float listHeight = m_selectedId.empty() ? 0.0f : ImGui::GetContentRegionAvail().y * 0.45f;
  drawList(ctx, listHeight);
  if (!m_selectedId.empty()) drawDetail(ctx);
}

void InspectionsScreen::reload(AppContext& ctx) {
  m_loaded = true;
  m_generation = ctx.services.dataGeneration();
  if (auto list = ctx.store.listInspections()) m_all = std::move(list.value());
  m_filterDirty = true;
  m_foundLoaded = false;
}

void InspectionsScreen::applyFilter(AppContext& ctx) {
  m_filterDirty = false;
  m_rows.clear();
  // A renamed method still matches the records saved under its former name.
  m_methodTexts.clear();
  if (!m_methodFilter.empty()) {
    auto eq = ctx.store.dictionaryEquivalents("method", m_methodFilter);
    m_methodTexts = eq ? eq.value() : std::vector<std::string>{m_methodFilter};
  }
  for (size_t i = 0; i < m_all.size(); ++i) {
    const core::Inspection& in = m_all[i];
    if (!m_methodFilter.empty() && std::find(m_methodTexts.begin(), m_methodTexts.end(), in.method) == m_methodTexts.end())
      continue;
    if (!m_search.empty() && !fields::containsText(ctx.catalog.enterpriseName(in.enterpriseId), m_search) &&
        !fields::containsText(in.inspectors, m_search) && !fields::containsText(in.department, m_search) &&
        !fields::containsText(in.notes, m_search))
      continue;
    m_rows.push_back(i);
  }
}

void InspectionsScreen::drawToolbar(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading("检查记录");
  ImGui::SetNextItemWidth(em * 16);
  TestProbe::instance().setNextLabel("搜索检查");
  if (ImGui::InputTextWithHint("##insp_search", "搜索：企业、检查人、部门、备注", &m_search)) m_filterDirty = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 9);
  TestProbe::instance().setNextLabel("检查方式筛选");
  if (ImGui::BeginCombo("##insp_method", m_methodFilter.empty() ? "检查方式：全部" : m_methodFilter.c_str())) {
    if (ImGui::Selectable("全部", m_methodFilter.empty())) { m_methodFilter.clear(); m_filterDirty = true; }
    for (const auto& v : ctx.catalog.values("method"))
      if (ImGui::Selectable(v.c_str(), v == m_methodFilter)) { m_methodFilter = v; m_filterDirty = true; }
    ImGui::EndCombo();
  }
  if (m_filterDirty) applyFilter(ctx);
  ImGui::SameLine();
  ImGui::TextColored(theme::accent(), "共 %zu 次", m_rows.size());
  ImGui::SameLine();
  ImGui::BeginDisabled(ctx.services.readOnly());
  if (ImGui::Button("登记检查")) startForm(ctx, nullptr);
  ImGui::EndDisabled();
  if (ctx.services.readOnly()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（只读模式，不能登记）");
  }
  publishedText(m_message, m_messageIsError ? theme::danger() : theme::success());
}

void InspectionsScreen::drawList(AppContext& ctx, float height) {
  if (m_all.empty()) {
    fields::help("还没有检查记录。点“登记检查”记录一次检查，再从检查记录中登记发现的隐患。");
    return;
  }
  const float em = ctx.em();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##inspections", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("检查时间", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
  ImGui::TableSetupColumn("企业名称", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("检查方式", ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
  ImGui::TableSetupColumn("检查部门", ImGuiTableColumnFlags_WidthFixed, em * 8.0f);
  ImGui::TableSetupColumn("检查人", ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
  ImGui::TableSetupColumn("备注", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const core::Inspection& in = m_all[m_rows[static_cast<size_t>(r)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(in.meta.id.c_str());
      // Published as "检查 <date> <enterprise>" so tests can pick a row.
      const std::string probe = "检查 " + in.date + " " + ctx.catalog.enterpriseName(in.enterpriseId);
      TestProbe::instance().setNextLabel(probe.c_str());
      if (ImGui::Selectable(in.date.c_str(), in.meta.id == m_selectedId, ImGuiSelectableFlags_SpanAllColumns))
        select(ctx, in.meta.id);
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ctx.catalog.enterpriseName(in.enterpriseId).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(in.method.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(in.department.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(in.inspectors.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(in.notes.c_str());
    }
  }
  ImGui::EndTable();
}

void InspectionsScreen::select(AppContext&, const std::string& id) {
  m_selectedId = id;
  m_foundLoaded = false;
  m_message.clear();
}

void InspectionsScreen::drawDetail(AppContext& ctx) {
  auto it = std::find_if(m_all.begin(), m_all.end(), [&](const auto& in) { return in.meta.id == m_selectedId; });
  if (it == m_all.end()) {
    m_selectedId.clear();
    return;
  }
  const core::Inspection& in = *it;
  if (!m_foundLoaded) {
    m_foundLoaded = true;
    m_found.clear();
    if (auto hz = ctx.store.listHazardsOfEnterprise(in.enterpriseId))
      for (auto& h : hz.value())
        if (h.inspectionId == in.meta.id) m_found.push_back(std::move(h));
  }
  ImGui::Spacing();
  const std::string title = in.date + " " + in.method + " · " + ctx.catalog.enterpriseName(in.enterpriseId);
  ImGui::SeparatorText(title.c_str());
  ImGui::TextWrapped("检查部门：%s　检查人：%s", in.department.empty() ? "—" : in.department.c_str(),
                     in.inspectors.empty() ? "—" : in.inspectors.c_str());
  if (!in.notes.empty()) ImGui::TextWrapped("备注：%s", in.notes.c_str());
  const bool ro = ctx.services.readOnly();
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("登记发现的隐患")) addHazard(ctx, in);
  ImGui::SameLine();
  if (ImGui::Button("编辑检查记录")) startForm(ctx, &in);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("查看企业档案")) ctx.nav.openEnterprise(in.enterpriseId);
  ImGui::SameLine();
  if (ImGui::Button("收起详情")) {
    m_selectedId.clear();
    return;
  }
  ImGui::Text("本次检查发现隐患 %zu 条", m_found.size());
  if (m_found.empty()) return;
  const float em = ctx.em();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##insp_found", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("隐患编号", ImGuiTableColumnFlags_WidthFixed, em * 10.5f);
  ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
  ImGui::TableSetupColumn("等级", ImGuiTableColumnFlags_WidthFixed, em * 5.0f);
  ImGui::TableSetupColumn("隐患描述", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("整改期限", ImGuiTableColumnFlags_WidthFixed, em * 6.2f);
  ImGui::TableHeadersRow();
  for (const core::Hazard& h : m_found) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(h.meta.id.c_str());
    if (ImGui::Selectable(h.number.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) ctx.nav.openHazard(h.meta.id);
    ImGui::PopID();
    ImGui::TableNextColumn();
    badges::status(h.status);
    if (core::isOverdue(h, ctx.today)) {
      ImGui::SameLine();
      badges::overdue(true);
    }
    ImGui::TableNextColumn();
    badges::level(h.level);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(h.description.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(h.deadline.empty() ? "—" : h.deadline.c_str());
  }
  ImGui::EndTable();
}

void InspectionsScreen::addHazard(AppContext& ctx, const core::Inspection& in) {
  core::Hazard h;
  h.inspectionId = in.meta.id;
  h.enterpriseId = in.enterpriseId;
  if (const EnterpriseInfo* e = ctx.catalog.enterprise(in.enterpriseId)) {
    h.divisionCode = e->divisionCode;
    h.industry = e->industry;
  }
  h.inspectionMethod = in.method;
  h.inspectors = in.inspectors;
  h.foundDate = in.date;
  h.source = "部门检查";
  ctx.nav.newHazard(std::move(h));
}

void InspectionsScreen::startForm(AppContext& ctx, const core::Inspection* existing) {
  m_formIsNew = existing == nullptr;
  m_form = existing ? *existing : core::Inspection{};
  if (m_formIsNew) {
    m_form.date = ctx.today.toString();
    m_form.inspectors = ctx.services.operatorName();
  }
  m_formErrors.clear();
  m_message.clear();
  m_editing = true;
}

void InspectionsScreen::drawForm(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading(m_formIsNew ? "登记检查" : "编辑检查记录");
  auto fieldError = [&](const char* field) {
    for (const auto& [f, msg] : m_formErrors)
      if (f == field) publishedText(msg, theme::danger());
  };
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.4f;
  ImGui::BeginChild("##insp_form", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 46), -footer));
  if (fields::beginForm("##insp_fields", em * 7.0f)) {
    fields::date("检查时间", m_form.date, true);
    fieldError("date");
    std::vector<std::string> labels;
    std::vector<const EnterpriseInfo*> infos;
    for (const auto& e : ctx.catalog.enterprises()) {
      if (e.retired && e.id != m_form.enterpriseId) continue;
      labels.push_back(enterpriseLabel(e));
      infos.push_back(&e);
    }
    const EnterpriseInfo* cur = ctx.catalog.enterprise(m_form.enterpriseId);
    std::string chosen = cur ? enterpriseLabel(*cur) : std::string();
    if (fields::combo("被检查企业", chosen, labels, true)) {
      m_form.enterpriseId.clear();
      for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == chosen) m_form.enterpriseId = infos[i]->id;
    }
    fieldError("enterprise_id");
    fields::combo("检查方式", m_form.method, ctx.catalog.values("method"), true);
    fieldError("method");
    fields::combo("检查部门", m_form.department, ctx.catalog.values("department"));
    fields::text("检查人", m_form.inspectors, "多人用顿号分隔，如：王明、李强");
    fields::multiline("检查情况", m_form.notes, 3.0f);
    fields::endForm();
  }
  ImGui::EndChild();
  ImGui::Separator();
  publishedText(m_message, m_messageIsError ? theme::danger() : theme::success());
  ImGui::BeginDisabled(ctx.services.readOnly());
  if (ImGui::Button(m_formIsNew ? "保存检查记录" : "保存修改")) saveForm(ctx);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("取消")) {
    m_editing = false;
    m_message.clear();
  }
}

bool InspectionsScreen::saveForm(AppContext& ctx) {
  m_formErrors.clear();
  auto problems = core::validate(m_form);
  if (m_form.method.empty()) problems.push_back({"", "method", "检查方式: 必填，请选择检查方式"});
  for (const auto& p : problems) m_formErrors.emplace_back(p.field, p.message);
  if (!problems.empty()) {
    m_message = "有 " + std::to_string(problems.size()) + " 处需要修改，见各字段下方的红字说明，未保存。";
    m_messageIsError = true;
    return false;
  }
  auto r = m_formIsNew ? ctx.store.createInspection(m_form, ctx.services.operatorName())
                       : ctx.store.updateInspection(m_form, ctx.services.operatorName());
  if (!r) {
    for (const auto& p : r.error().problems) m_formErrors.emplace_back(p.field, p.message);
    m_message = r.error().message;
    m_messageIsError = true;
    return false;
  }
  ctx.services.dataChanged();
  m_editing = false;
  m_message = m_formIsNew ? "检查记录已保存。可点“登记发现的隐患”录入本次检查发现的隐患。" : "检查记录已修改。";
  m_messageIsError = false;
  m_selectedId = r.value().meta.id;
  m_foundLoaded = false;
  return true;
}

} // namespace hz::ui
