// InjuriesScreen: work-injury list with year/township/text filters and totals (events, deaths,
// injuries), and the record/edit form (an enterprise from the list, or a free name).
#include "ui/screens/injuries_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/screens/screen_text.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

namespace hz::ui {

void InjuriesScreen::draw(AppContext& ctx) {
  if (!m_loaded || ctx.services.dataGeneration() != m_generation) reload(ctx);
  if (m_editing) drawForm(ctx);
  else drawList(ctx);
}

void InjuriesScreen::reload(AppContext& ctx) {
  m_loaded = true;
  m_generation = ctx.services.dataGeneration();
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
  const float em = ctx.em();
  theme::heading("工伤事件");
  ImGui::SetNextItemWidth(em * 14);
  TestProbe::instance().setNextLabel("搜索事件");
  if (ImGui::InputTextWithHint("##inj_search", "搜索：单位、描述、行业", &m_search)) m_filterDirty = true;
  ImGui::SameLine();
  std::set<std::string, std::greater<>> years;
  for (const auto& w : m_all)
    if (w.date.size() >= 4) years.insert(w.date.substr(0, 4));
  ImGui::SetNextItemWidth(em * 7);
  TestProbe::instance().setNextLabel("年份筛选");
  const std::string yearPreview = m_yearFilter.empty() ? "年份：全部" : m_yearFilter + " 年";
  if (ImGui::BeginCombo("##inj_year", yearPreview.c_str())) {
    if (ImGui::Selectable("全部", m_yearFilter.empty())) { m_yearFilter.clear(); m_filterDirty = true; }
    for (const auto& y : years)
      if (ImGui::Selectable((y + " 年").c_str(), y == m_yearFilter)) { m_yearFilter = y; m_filterDirty = true; }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 11);
  TestProbe::instance().setNextLabel("乡镇街道筛选");
  if (ImGui::BeginCombo("##inj_town", m_townFilter.empty() ? "乡镇街道：全部" : m_townFilter.c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("全部", m_townFilter.empty())) { m_townFilter.clear(); m_filterDirty = true; }
    for (const auto& t : ctx.catalog.townshipLabels())
      if (ImGui::Selectable(t.c_str(), t == m_townFilter)) { m_townFilter = t; m_filterDirty = true; }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(ctx.services.readOnly());
  if (ImGui::Button("登记事件")) startForm(ctx, nullptr);
  ImGui::EndDisabled();
  if (m_filterDirty) applyFilter(ctx);

  ImGui::TextColored(theme::accent(), "合计：事件 %zu 起", m_rows.size());
  ImGui::SameLine();
  ImGui::TextColored(m_deaths > 0 ? theme::danger() : theme::mutedText(), "死亡 %lld 人", m_deaths);
  ImGui::SameLine();
  ImGui::TextColored(m_injuries > 0 ? theme::warning() : theme::mutedText(), "受伤 %lld 人", m_injuries);
  publishedText(m_message, m_messageIsError ? theme::danger() : theme::success());
  if (m_all.empty()) {
    fields::help("还没有工伤事件记录。点“登记事件”录入。");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##injuries", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("日期", ImGuiTableColumnFlags_WidthFixed, em * 6.2f);
  ImGui::TableSetupColumn("单位名称", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("乡镇街道", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn("行业领域", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn("死亡", ImGuiTableColumnFlags_WidthFixed, em * 3.0f);
  ImGui::TableSetupColumn("受伤", ImGuiTableColumnFlags_WidthFixed, em * 3.0f);
  ImGui::TableSetupColumn("事件经过", ImGuiTableColumnFlags_WidthStretch, 2.4f);
  ImGui::TableHeadersRow();
  for (size_t r : m_rows) {
    const core::WorkInjury& w = m_all[r];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(w.meta.id.c_str());
    if (ImGui::Selectable(w.date.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) startForm(ctx, &w);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("点击修改");
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(partyName(ctx, w).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ctx.catalog.townshipName(w.divisionCode).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(w.industry.c_str());
    ImGui::TableNextColumn();
    if (w.deaths > 0) ImGui::TextColored(theme::danger(), "%d", w.deaths);
    else ImGui::TextUnformatted("0");
    ImGui::TableNextColumn();
    ImGui::Text("%d", w.injuries);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", w.description.c_str());
  }
  ImGui::EndTable();
}

void InjuriesScreen::startForm(AppContext& ctx, const core::WorkInjury* existing) {
  m_formIsNew = existing == nullptr;
  m_form = existing ? *existing : core::WorkInjury{};
  if (m_formIsNew) m_form.date = ctx.today.toString();
  m_formErrors.clear();
  m_message.clear();
  m_editing = true;
}

void InjuriesScreen::drawForm(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading(m_formIsNew ? "登记工伤事件" : "修改工伤事件");
  auto fieldError = [&](const char* field) {
    for (const auto& [f, msg] : m_formErrors)
      if (f == field) publishedText(msg, theme::danger());
  };
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.4f;
  ImGui::BeginChild("##inj_form", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 46), -footer));
  if (fields::beginForm("##inj_fields", em * 7.0f)) {
    fields::date("事件日期", m_form.date, true);
    fieldError("date");
    std::vector<std::string> labels;
    std::vector<const EnterpriseInfo*> infos;
    for (const auto& e : ctx.catalog.enterprises()) {
      if (e.retired && e.id != m_form.enterpriseId) continue;
      labels.push_back(e.name + "（" + (e.uscc.empty() ? e.divisionCode : e.uscc) + "）");
      infos.push_back(&e);
    }
    std::string chosen;
    for (size_t i = 0; i < infos.size(); ++i)
      if (infos[i]->id == m_form.enterpriseId) chosen = labels[i];
    if (fields::combo("企业库中的单位", chosen, labels)) {
      m_form.enterpriseId.clear();
      for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != chosen) continue;
        m_form.enterpriseId = infos[i]->id;
        m_form.enterpriseName = infos[i]->name;
        if (m_form.divisionCode.empty()) m_form.divisionCode = infos[i]->divisionCode;
        if (m_form.industry.empty()) m_form.industry = infos[i]->industry;
      }
    }
    ImGui::BeginDisabled(!m_form.enterpriseId.empty());
    fields::text("单位名称", m_form.enterpriseName, "不在企业库中时直接填写");
    ImGui::EndDisabled();
    fieldError("enterprise_name");
    std::string town = ctx.catalog.townshipLabel(m_form.divisionCode);
    if (fields::combo("乡镇街道", town, ctx.catalog.townshipLabels()))
      m_form.divisionCode = ctx.catalog.codeOfTownshipLabel(town);
    fieldError("division_code");
    fields::combo("行业领域", m_form.industry, ctx.catalog.values("industry"));
    fields::integer("死亡人数", m_form.deaths);
    fields::integer("受伤人数", m_form.injuries);
    fields::multiline("事件经过", m_form.description, 4.0f);
    fields::endForm();
  }
  ImGui::EndChild();
  ImGui::Separator();
  publishedText(m_message, m_messageIsError ? theme::danger() : theme::success());
  ImGui::BeginDisabled(ctx.services.readOnly());
  if (ImGui::Button(m_formIsNew ? "保存事件" : "保存修改")) saveForm(ctx);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("取消")) {
    m_editing = false;
    m_message.clear();
  }
}

bool InjuriesScreen::saveForm(AppContext& ctx) {
  m_formErrors.clear();
  auto problems = core::validate(m_form);
  for (const auto& p : problems) m_formErrors.emplace_back(p.field, p.message);
  if (!problems.empty()) {
    m_message = "有 " + std::to_string(problems.size()) + " 处需要修改，未保存。";
    m_messageIsError = true;
    return false;
  }
  auto r = m_formIsNew ? ctx.store.createWorkInjury(m_form, ctx.services.operatorName())
                       : ctx.store.updateWorkInjury(m_form, ctx.services.operatorName());
  if (!r) {
    for (const auto& p : r.error().problems) m_formErrors.emplace_back(p.field, p.message);
    m_message = r.error().message;
    m_messageIsError = true;
    return false;
  }
  ctx.services.dataChanged();
  m_editing = false;
  m_message = m_formIsNew ? "工伤事件已登记。" : "工伤事件已修改。";
  m_messageIsError = false;
  return true;
}

} // namespace hz::ui
