// EnterprisesScreen: the list with its filters (name/USCC search, township, industry) and the
// dispatch between list, dossier and form. The list is clipped, so thousands of rows stay smooth.
#include "ui/screens/enterprises_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

namespace hz::ui {

void EnterprisesScreen::draw(AppContext& ctx) {
  if (auto id = ctx.nav.takeEnterprise()) openDossier(ctx, *id);
  if (m_watch.changed(ctx.model)) reload(ctx);
  switch (m_mode) {
  case Mode::List:
    drawList(ctx);
    break;
  case Mode::Dossier:
    drawDossier(ctx);
    break;
  case Mode::Form:
    drawForm(ctx);
    break;
  }
}

void EnterprisesScreen::reload(AppContext& ctx) {
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
  theme::heading("企业库（一企一档）");
  lists::FilterRow filters;
  filters.search("搜索企业", "搜索：企业名称、统一社会信用代码、地址", m_search, 16);
  filters.choice("乡镇街道", m_townFilter, ctx.catalog.townshipLabels(), 11);
  filters.choice("行业领域", m_industryFilter, ctx.catalog.values("industry"), 9);
  filters.check("含已注销", m_showRetired);
  if (filters.changed()) m_filterDirty = true;
  if (m_filterDirty) applyFilter(ctx);
  filters.count("共 %zu 家", m_rows.size());
  if (filters.addButton("新增企业", ctx.model.readOnly(), "（只读模式，不能新增或修改）")) startForm(ctx, nullptr);

  if (m_all.empty()) {
    fields::help("企业库还是空的。点“新增企业”登记第一家企业，或在“数据交换”中导入台账文件。");
    return;
  }
  if (!lists::beginTable("##enterprises",
                         {lists::stretch("企业名称", 3.0f), lists::fixed("统一社会信用代码", 11.5f),
                          lists::fixed("类型", 6.0f), lists::fixed("乡镇街道", 7.0f), lists::fixed("行业领域", 7.0f),
                          lists::stretch("地址", 2.0f)},
                         true))
    return;
  lists::visibleRows(m_rows.size(), [&](size_t r) {
    const core::Enterprise& e = m_all[m_rows[r]];
    if (e.retired) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
    if (lists::selectableRow(e.meta.id, e.name.c_str())) openDossier(ctx, e.meta.id);
    if (e.retired) ImGui::PopStyleColor();
    lists::cell(e.uscc.empty() ? "—" : e.uscc.c_str());
    lists::cell(e.retired ? "已注销" : core::toChinese(e.kind));
    lists::cell(ctx.catalog.townshipName(e.divisionCode));
    lists::cell(e.industry);
    lists::cell(e.address);
  });
  ImGui::EndTable();
}

} // namespace hz::ui
