// EnterprisesScreen: the list with its filters (name/USCC search, township, industry) and the
// dispatch between list, dossier and form. The list is clipped, so thousands of rows stay smooth.
#include "ui/screens/enterprises_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/screens/screen_text.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace hz::ui {

void EnterprisesScreen::draw(AppContext& ctx) {
  if (auto id = ctx.nav.takeEnterprise()) openDossier(ctx, *id);
  if (!m_loaded || ctx.services.dataGeneration() != m_generation) reload(ctx);
  switch (m_mode) {
    case Mode::List: drawList(ctx); break;
    case Mode::Dossier: drawDossier(ctx); break;
    case Mode::Form: drawForm(ctx); break;
  }
}

void EnterprisesScreen::reload(AppContext& ctx) {
  m_generation = ctx.services.dataGeneration();
  m_loaded = true;
  if (auto list = ctx.store.listEnterprises(true)) m_all = std::move(list.value());
  m_filterDirty = true;
  m_dossierLoaded = false; // re-read the open dossier too
}

void EnterprisesScreen::applyFilter(AppContext& ctx) {
  m_filterDirty = false;
  m_rows.clear();
  const std::string usccQuery = core::normalizeUscc(m_search);
  const std::string town = m_townFilter.empty() ? "" : ctx.catalog.codeOfTownshipLabel(m_townFilter);
  for (size_t i = 0; i < m_all.size(); ++i) {
    const core::Enterprise& e = m_all[i];
    if (e.retired && !m_showRetired) continue;
    if (!town.empty() && e.divisionCode.rfind(town, 0) != 0) continue;
    if (!m_industryFilter.empty() && e.industry.rfind(m_industryFilter, 0) != 0) continue;
    if (!m_search.empty() && !fields::containsText(e.name, m_search) &&
        !(usccQuery.size() >= 2 && fields::containsText(e.uscc, usccQuery)) &&
        !fields::containsText(e.address, m_search))
      continue;
    m_rows.push_back(i);
  }
}

void EnterprisesScreen::drawList(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading("企业库（一企一档）");
  ImGui::SetNextItemWidth(em * 16);
  TestProbe::instance().setNextLabel("搜索企业");
  if (ImGui::InputTextWithHint("##ent_search", "搜索：企业名称、统一社会信用代码、地址", &m_search)) m_filterDirty = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 11);
  TestProbe::instance().setNextLabel("乡镇街道筛选");
  if (ImGui::BeginCombo("##ent_town", m_townFilter.empty() ? "乡镇街道：全部" : m_townFilter.c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("全部", m_townFilter.empty())) { m_townFilter.clear(); m_filterDirty = true; }
    for (const auto& t : ctx.catalog.townshipLabels())
      if (ImGui::Selectable(t.c_str(), t == m_townFilter)) { m_townFilter = t; m_filterDirty = true; }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 9);
  TestProbe::instance().setNextLabel("行业领域筛选");
  if (ImGui::BeginCombo("##ent_ind", m_industryFilter.empty() ? "行业领域：全部" : m_industryFilter.c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("全部", m_industryFilter.empty())) { m_industryFilter.clear(); m_filterDirty = true; }
    for (const auto& v : ctx.catalog.values("industry"))
      if (ImGui::Selectable(v.c_str(), v == m_industryFilter)) { m_industryFilter = v; m_filterDirty = true; }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("含已注销", &m_showRetired)) m_filterDirty = true;
  if (m_filterDirty) applyFilter(ctx);
  ImGui::SameLine();
  ImGui::TextColored(theme::accent(), "共 %zu 家", m_rows.size());
  ImGui::SameLine();
  ImGui::BeginDisabled(ctx.services.readOnly());
  if (ImGui::Button("新增企业")) startForm(ctx, nullptr);
  ImGui::EndDisabled();
  if (ctx.services.readOnly()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（只读模式，不能新增或修改）");
  }

  if (m_all.empty()) {
    fields::help("企业库还是空的。点“新增企业”登记第一家企业，或在“数据交换”中导入台账文件。");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##enterprises", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("企业名称", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("统一社会信用代码", ImGuiTableColumnFlags_WidthFixed, em * 11.5f);
  ImGui::TableSetupColumn("类型", ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
  ImGui::TableSetupColumn("乡镇街道", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn("行业领域", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn("地址", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const core::Enterprise& e = m_all[m_rows[static_cast<size_t>(r)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(e.meta.id.c_str());
      if (e.retired) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
      if (ImGui::Selectable(e.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) openDossier(ctx, e.meta.id);
      if (e.retired) ImGui::PopStyleColor();
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.uscc.empty() ? "—" : e.uscc.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.retired ? "已注销" : core::toChinese(e.kind));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ctx.catalog.townshipName(e.divisionCode).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.industry.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.address.c_str());
    }
  }
  ImGui::EndTable();
}

} // namespace hz::ui
