// EnterprisesScreen, dossier part (一企一档): the enterprise's fields, its hazards (a click opens
// the hazard), its inspections and the history of the enterprise and everything recorded about it.
#include "ui/screens/enterprises_screen.hpp"

#include "core/record_fields.hpp"
#include "core/record_kinds.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/navigation.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

namespace hz::ui {

namespace {
const char* kindLabel(const std::string& recordKind) {
  const core::RecordKindInfo* k = core::kindByName(recordKind);
  return k ? k->shortLabel : recordKind.c_str();
}
} // namespace

void EnterprisesScreen::openDossier(AppContext& ctx, const std::string& id) {
  m_openId = id;
  m_mode = Mode::Dossier;
  m_dossierLoaded = false;
  (void)ctx;
}

void EnterprisesScreen::drawDossier(AppContext& ctx) {
  if (!m_dossierLoaded) {
    m_dossierLoaded = true;
    auto d = store::enterpriseDossier(ctx.store, m_openId, ctx.today);
    m_dossierError = d ? std::string() : d.error().describe();
    if (d) m_dossier = std::move(d.value());
  }
  if (ImGui::Button("返回企业列表")) {
    m_mode = Mode::List;
    return;
  }
  if (!m_dossierError.empty()) {
    fields::notice(m_dossierError, theme::danger());
    return;
  }
  const core::Enterprise& e = m_dossier.enterprise;
  ImGui::SameLine();
  const bool ro = ctx.model.readOnly();
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("编辑企业信息")) {
    startForm(ctx, &e);
    ImGui::EndDisabled();
    return;
  }
  ImGui::SameLine();
  if (ImGui::Button("新增隐患")) {
    core::Hazard h;
    h.enterpriseId = e.meta.id;
    h.divisionCode = e.divisionCode;
    h.industry = e.industry;
    ctx.nav.newHazard(std::move(h));
  }
  ImGui::SameLine();
  if (ImGui::Button("在台账中查看")) {
    store::HazardFilter f;
    f.enterpriseId = e.meta.id;
    ctx.nav.showLedger(std::move(f), "企业：" + e.name);
  }
  ImGui::EndDisabled();
  if (ro) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（只读模式，不能修改）");
  }

  theme::heading(e.name.c_str());
  ImGui::SameLine();
  badges::tag(core::toChinese(e.kind), theme::accent());
  if (e.retired) {
    ImGui::SameLine();
    badges::tag("已注销/停业", theme::mutedText());
  }
  drawDossierFields(ctx);
  ImGui::Text("隐患 %zu 条（未销号 %lld 条，", m_dossier.hazards.size(), static_cast<long long>(m_dossier.openHazards));
  ImGui::SameLine(0, 0);
  if (m_dossier.overdueHazards > 0)
    ImGui::TextColored(theme::danger(), "逾期 %lld 条", static_cast<long long>(m_dossier.overdueHazards));
  else
    ImGui::TextUnformatted("无逾期");
  ImGui::SameLine(0, 0);
  ImGui::Text("）· 检查 %zu 次", m_dossier.inspections.size());

  if (ImGui::BeginTabBar("##dossier_tabs")) {
    const std::string t1 = "隐患（" + std::to_string(m_dossier.hazards.size()) + "）###dz_h";
    const std::string t2 = "检查记录（" + std::to_string(m_dossier.inspections.size()) + "）###dz_i";
    const std::string t3 = "变更历史（" + std::to_string(m_dossier.history.size()) + "）###dz_e";
    if (ImGui::BeginTabItem(t1.c_str())) {
      drawDossierHazards(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(t2.c_str())) {
      drawDossierInspections(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(t3.c_str())) {
      drawDossierHistory(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void EnterprisesScreen::drawDossierFields(AppContext& ctx) {
  const core::Enterprise& e = m_dossier.enterprise;
  const float em = ctx.em();
  if (!ImGui::BeginTable("##dz_fields", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("k1", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
  ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("k2", ImGuiTableColumnFlags_WidthFixed, em * 5.5f);
  ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch);
  int col = 0;
  auto cell = [&](const char* k, const std::string& v) {
    if (col % 2 == 0) ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(theme::mutedText(), "%s", k);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", v.empty() ? "—" : v.c_str());
    ++col;
  };
  cell("统一社会信用代码", e.uscc);
  cell("乡镇街道", ctx.catalog.townshipLabel(e.divisionCode));
  cell("行业领域", e.industry);
  cell("场所类型", e.placeType);
  cell("单位负责人", e.principal);
  cell("联系电话", e.contact);
  if (e.kind == core::EnterpriseKind::FishingVessel) {
    cell("船籍港", e.vesselPort);
    cell("船舶登记号", e.vesselRegNo);
  }
  cell("单位地址", e.address);
  cell("备注", e.notes);
  ImGui::EndTable();
}

void EnterprisesScreen::drawDossierHazards(AppContext& ctx) {
  if (m_dossier.hazards.empty()) {
    fields::help("该企业还没有隐患记录。点上方“新增隐患”登记。");
    return;
  }
  if (const core::Hazard* h = lists::hazardTable("##dz_hazards", m_dossier.hazards, ctx.today, true))
    ctx.nav.openHazard(h->meta.id);
}

void EnterprisesScreen::drawDossierInspections(AppContext&) {
  if (m_dossier.inspections.empty()) {
    fields::help("该企业还没有检查记录。可在“检查记录”中登记。");
    return;
  }
  if (!lists::beginTable("##dz_insp",
                         {lists::fixed("检查时间", 6.2f), lists::fixed("检查方式", 6.0f),
                          lists::fixed("检查部门", 8.0f), lists::fixed("检查人", 9.0f), lists::stretch("备注")}))
    return;
  for (const core::Inspection& i : m_dossier.inspections) {
    ImGui::TableNextRow();
    lists::cell(i.date);
    lists::cell(i.method);
    lists::cell(i.department);
    lists::cell(i.inspectors);
    lists::wrappedCell(i.notes);
  }
  ImGui::EndTable();
}

void EnterprisesScreen::drawDossierHistory(AppContext&) {
  if (m_dossier.history.empty()) {
    fields::help("暂无历史记录。");
    return;
  }
  if (!lists::beginTable("##dz_hist",
                         {lists::fixed("时间", 8.0f), lists::fixed("对象", 3.0f), lists::fixed("操作", 5.0f),
                          lists::fixed("操作人", 5.0f), lists::stretch("变更内容")}))
    return;
  const auto& hist = m_dossier.history;
  for (auto it = hist.rbegin(); it != hist.rend(); ++it) { // newest first
    const core::HistoryEvent& ev = *it;
    ImGui::TableNextRow();
    lists::cell(localTime(ev.at));
    lists::cell(kindLabel(ev.recordKind));
    lists::cell(historyActionLabel(ev.action));
    lists::cell(ev.actor);
    std::string text;
    if (ev.action == "create") {
      text = "新建记录";
    } else {
      for (size_t i = 0; i < ev.changes.size() && i < 4; ++i) {
        const auto& c = ev.changes[i];
        if (!text.empty()) text += "；";
        text += std::string(core::fieldLabel(ev.recordKind, c.field)) + "：" +
                (c.oldValue.empty() ? "（空）" : c.oldValue) + " → " + (c.newValue.empty() ? "（空）" : c.newValue);
      }
      if (ev.changes.size() > 4) text += "；等 " + std::to_string(ev.changes.size()) + " 项";
    }
    if (!ev.note.empty()) text += (text.empty() ? "" : "。") + ev.note;
    lists::wrappedCell(text);
  }
  ImGui::EndTable();
}

} // namespace hz::ui
