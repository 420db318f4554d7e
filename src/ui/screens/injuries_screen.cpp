// InjuriesScreen: work-injury list with year/township/text filters and totals (events, deaths,
// injuries), and the record/edit form (an enterprise from the list, or a free name).
#include "ui/screens/injuries_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

#include <functional>
#include <set>

namespace hz::ui {

void InjuriesScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model)) reload(ctx);
  if (m_editing)
    drawForm(ctx);
  else
    drawList(ctx);
}

void InjuriesScreen::reload(AppContext& ctx) {
  if (auto list = ctx.store.listWorkInjuries()) m_all = std::move(list.value());
  m_filterDirty = true;
}

std::string InjuriesScreen::partyName(AppContext& ctx, const core::WorkInjury& w) const {
  if (!w.enterpriseId.empty()) {
    const std::string n = ctx.catalog.enterpriseName(w.enterpriseId);
    if (!n.empty()) return n;
  }
  return w.enterpriseName;
}

void InjuriesScreen::applyFilter(AppContext& ctx) {
  m_filterDirty = false;
  m_rows.clear();
  m_deaths = m_injuries = 0;
  const std::string town = m_townFilter.empty() ? "" : ctx.catalog.codeOfTownshipLabel(m_townFilter);
  for (size_t i = 0; i < m_all.size(); ++i) {
    const core::WorkInjury& w = m_all[i];
    if (!m_yearFilter.empty() && w.date.rfind(m_yearFilter, 0) != 0) continue;
    if (!town.empty() && w.divisionCode.rfind(town, 0) != 0) continue;
    if (!m_search.empty() && !fields::containsText(partyName(ctx, w), m_search) &&
        !fields::containsText(w.description, m_search) && !fields::containsText(w.industry, m_search))
      continue;
    m_rows.push_back(i);
    m_deaths += w.deaths;
    m_injuries += w.injuries;
  }
}

void InjuriesScreen::drawList(AppContext& ctx) {
  theme::heading("工伤事件");
  std::set<std::string, std::greater<>> yearSet;
  for (const auto& w : m_all)
    if (w.date.size() >= 4) yearSet.insert(w.date.substr(0, 4));
  const std::vector<std::string> years(yearSet.begin(), yearSet.end());
  lists::FilterRow filters;
  filters.search("搜索事件", "搜索：单位、描述、行业", m_search, 14);
  filters.choice("年份", m_yearFilter, years, 7, " 年");
  filters.choice("乡镇街道", m_townFilter, ctx.catalog.townshipLabels(), 11);
  if (filters.addButton("登记事件", ctx.model.readOnly())) startForm(ctx, nullptr);
  if (filters.changed()) m_filterDirty = true;
  if (m_filterDirty) applyFilter(ctx);

  ImGui::TextColored(theme::accent(), "合计：事件 %zu 起", m_rows.size());
  ImGui::SameLine();
  ImGui::TextColored(m_deaths > 0 ? theme::danger() : theme::mutedText(), "死亡 %lld 人", m_deaths);
  ImGui::SameLine();
  ImGui::TextColored(m_injuries > 0 ? theme::warning() : theme::mutedText(), "受伤 %lld 人", m_injuries);
  m_feedback.message();
  if (m_all.empty()) {
    fields::help("还没有工伤事件记录。点“登记事件”录入。");
    return;
  }
  if (!lists::beginTable("##injuries",
                         {lists::fixed("日期", 6.2f), lists::stretch("单位名称", 1.6f), lists::fixed("乡镇街道", 7.0f),
                          lists::fixed("行业领域", 7.0f), lists::fixed("死亡", 3.0f), lists::fixed("受伤", 3.0f),
                          lists::stretch("事件经过", 2.4f)},
                         true))
    return;
  for (size_t r : m_rows) { // not clipped: rows wrap to different heights
    const core::WorkInjury& w = m_all[r];
    if (lists::selectableRow(w.meta.id, w.date.c_str())) startForm(ctx, &w);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("点击修改");
    lists::cell(partyName(ctx, w));
    lists::cell(ctx.catalog.townshipName(w.divisionCode));
    lists::cell(w.industry);
    ImGui::TableNextColumn();
    if (w.deaths > 0)
      ImGui::TextColored(theme::danger(), "%d", w.deaths);
    else
      ImGui::TextUnformatted("0");
    ImGui::TableNextColumn();
    ImGui::Text("%d", w.injuries);
    lists::wrappedCell(w.description);
  }
  ImGui::EndTable();
}

void InjuriesScreen::startForm(AppContext& ctx, const core::WorkInjury* existing) {
  m_formIsNew = existing == nullptr;
  m_form = existing ? *existing : core::WorkInjury{};
  if (m_formIsNew) m_form.date = ctx.today.toString();
  m_feedback.clear();
  m_editing = true;
}

void InjuriesScreen::drawForm(AppContext& ctx) {
  theme::heading(m_formIsNew ? "登记工伤事件" : "修改工伤事件");
  forms::beginBody("##inj_form", 46);
  if (fields::beginForm("##inj_fields", ctx.em() * 7.0f)) {
    fields::date("事件日期", m_form.date, true);
    m_feedback.fieldError("date");
    if (forms::enterprise("企业库中的单位", m_form.enterpriseId, ctx.catalog)) {
      if (const EnterpriseInfo* e = ctx.catalog.enterprise(m_form.enterpriseId)) {
        m_form.enterpriseName = e->name;
        if (m_form.divisionCode.empty()) m_form.divisionCode = e->divisionCode;
        if (m_form.industry.empty()) m_form.industry = e->industry;
      }
    }
    ImGui::BeginDisabled(!m_form.enterpriseId.empty());
    fields::text("单位名称", m_form.enterpriseName, "不在企业库中时直接填写");
    ImGui::EndDisabled();
    m_feedback.fieldError("enterprise_name");
    std::string town = ctx.catalog.townshipLabel(m_form.divisionCode);
    if (fields::combo("乡镇街道", town, ctx.catalog.townshipLabels()))
      m_form.divisionCode = ctx.catalog.codeOfTownshipLabel(town);
    m_feedback.fieldError("division_code");
    fields::combo("行业领域", m_form.industry, ctx.catalog.values("industry"));
    fields::integer("死亡人数", m_form.deaths);
    fields::integer("受伤人数", m_form.injuries);
    fields::multiline("事件经过", m_form.description, 4.0f);
    fields::endForm();
  }
  const forms::Action action = forms::endBody(m_feedback, m_formIsNew ? "保存事件" : "保存修改", !ctx.model.readOnly());
  if (action == forms::Action::Save) saveForm(ctx);
  if (action == forms::Action::Cancel) m_editing = false;
}

bool InjuriesScreen::saveForm(AppContext& ctx) {
  if (!m_feedback.accept(core::validate(m_form))) return false;
  auto r = m_formIsNew ? ctx.store.createWorkInjury(m_form, ctx.model.operatorName())
                       : ctx.store.updateWorkInjury(m_form, ctx.model.operatorName());
  if (!r) return m_feedback.refuse(r.error());
  m_editing = false;
  m_feedback.succeed(m_formIsNew ? "工伤事件已登记。" : "工伤事件已修改。");
  return true;
}

} // namespace hz::ui
