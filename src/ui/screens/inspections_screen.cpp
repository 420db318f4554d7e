// InspectionsScreen: inspection list (clipped), record/edit form with inline validation, and the
// selected inspection's detail with the hazards found during it.
#include "ui/screens/inspections_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

#include <algorithm>

namespace hz::ui {

void InspectionsScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model)) reload(ctx);
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
    if (!m_methodFilter.empty() &&
        std::find(m_methodTexts.begin(), m_methodTexts.end(), in.method) == m_methodTexts.end())
      continue;
    if (!m_search.empty() && !fields::containsText(ctx.catalog.enterpriseName(in.enterpriseId), m_search) &&
        !fields::containsText(in.inspectors, m_search) && !fields::containsText(in.department, m_search) &&
        !fields::containsText(in.notes, m_search))
      continue;
    m_rows.push_back(i);
  }
}

void InspectionsScreen::drawToolbar(AppContext& ctx) {
  theme::heading("检查记录");
  lists::FilterRow filters;
  filters.search("搜索检查", "搜索：企业、检查人、部门、备注", m_search, 16);
  filters.choice("检查方式", m_methodFilter, ctx.catalog.values("method"), 9);
  if (filters.changed()) m_filterDirty = true;
  if (m_filterDirty) applyFilter(ctx);
  filters.count("共 %zu 次", m_rows.size());
  if (filters.addButton("登记检查", ctx.model.readOnly(), "（只读模式，不能登记）")) startForm(ctx, nullptr);
  m_feedback.message();
}

void InspectionsScreen::drawList(AppContext& ctx, float height) {
  if (m_all.empty()) {
    fields::help("还没有检查记录。点“登记检查”记录一次检查，再从检查记录中登记发现的隐患。");
    return;
  }
  if (!lists::beginTable("##inspections",
                         {lists::fixed("检查时间", 6.5f), lists::stretch("企业名称", 2.0f),
                          lists::fixed("检查方式", 6.0f), lists::fixed("检查部门", 8.0f), lists::fixed("检查人", 9.0f),
                          lists::stretch("备注", 1.5f)},
                         true, height))
    return;
  lists::visibleRows(m_rows.size(), [&](size_t r) {
    const core::Inspection& in = m_all[m_rows[r]];
    const std::string enterprise = ctx.catalog.enterpriseName(in.enterpriseId);
    // Published as "检查 <date> <enterprise>" so tests can pick a row.
    const std::string probe = "检查 " + in.date + " " + enterprise;
    if (lists::selectableRow(in.meta.id, in.date.c_str(), in.meta.id == m_selectedId, probe.c_str()))
      select(ctx, in.meta.id);
    lists::cell(enterprise);
    lists::cell(in.method);
    lists::cell(in.department);
    lists::cell(in.inspectors);
    lists::cell(in.notes);
  });
  ImGui::EndTable();
}

void InspectionsScreen::select(AppContext&, const std::string& id) {
  m_selectedId = id;
  m_foundLoaded = false;
  m_feedback.clearMessage();
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
  const bool ro = ctx.model.readOnly();
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
  if (const core::Hazard* h = lists::hazardTable("##insp_found", m_found, ctx.today, false))
    ctx.nav.openHazard(h->meta.id);
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
    m_form.inspectors = ctx.model.operatorName();
  }
  m_feedback.clear();
  m_editing = true;
}

void InspectionsScreen::drawForm(AppContext& ctx) {
  theme::heading(m_formIsNew ? "登记检查" : "编辑检查记录");
  forms::beginBody("##insp_form", 46);
  if (fields::beginForm("##insp_fields", ctx.em() * 7.0f)) {
    fields::date("检查时间", m_form.date, true);
    m_feedback.fieldError("date");
    forms::enterprise("被检查企业", m_form.enterpriseId, ctx.catalog, true);
    m_feedback.fieldError("enterprise_id");
    fields::combo("检查方式", m_form.method, ctx.catalog.values("method"), true);
    m_feedback.fieldError("method");
    fields::combo("检查部门", m_form.department, ctx.catalog.values("department"));
    fields::text("检查人", m_form.inspectors, "多人用顿号分隔，如：王明、李强");
    fields::multiline("检查情况", m_form.notes, 3.0f);
    fields::endForm();
  }
  const forms::Action action =
      forms::endBody(m_feedback, m_formIsNew ? "保存检查记录" : "保存修改", !ctx.model.readOnly());
  if (action == forms::Action::Save) saveForm(ctx);
  if (action == forms::Action::Cancel) m_editing = false;
}

bool InspectionsScreen::saveForm(AppContext& ctx) {
  if (!m_feedback.accept(core::validateEntry(m_form))) return false;
  auto r = m_formIsNew ? ctx.store.createInspection(m_form, ctx.model.operatorName())
                       : ctx.store.updateInspection(m_form, ctx.model.operatorName());
  if (!r) return m_feedback.refuse(r.error());
  m_editing = false;
  m_feedback.succeed(m_formIsNew ? "检查记录已保存。可点“登记发现的隐患”录入本次检查发现的隐患。" : "检查记录已修改。");
  m_selectedId = r.value().meta.id;
  m_foundLoaded = false;
  return true;
}

} // namespace hz::ui
