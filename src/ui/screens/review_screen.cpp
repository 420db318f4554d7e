// ReviewScreen: the queue of foreign hazards in 待审核, with approve / return-with-reason.
#include "ui/screens/review_screen.hpp"

#include "core/workflow.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace hz::ui {

bool ReviewScreen::visible(const AppContext& ctx) const {
  return ctx.store.office().level != core::OfficeLevel::Township;
}

void ReviewScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model)) {
    store::HazardFilter f;
    f.review = core::ReviewState::Pending;
    f.foreignOnly = true;
    store::HazardSort sort{"found_date", false};
    auto page = store::queryHazards(ctx.store, f, sort, 0, 500, ctx.today);
    m_error = page ? std::string() : page.error().describe();
    m_page = page ? std::move(page.value()) : store::HazardPage{};
  }
  theme::heading("审核");
  fields::help("下级单位上报的隐患在这里审核。描述含糊、判定依据不符的可以退回并写明原因；"
               "下一次交换台账文件后，对方会看到被退回的隐患和原因。");
  if (!m_error.empty()) fields::error(m_error);
  if (!m_message.empty()) ImGui::TextColored(theme::success(), "%s", m_message.c_str());
  ImGui::Text("待审核 %lld 条%s", static_cast<long long>(m_page.total),
              m_page.total > 500 ? "（显示最早的 500 条）" : "");
  if (m_page.rows.empty()) {
    fields::help("没有待审核的隐患。");
    return;
  }
  if (!lists::beginTable("##review",
                         {lists::fixed("隐患编号", 10.5f), lists::fixed("上报单位 / 企业", 12), lists::fixed("等级", 5),
                          lists::stretch("隐患描述与判定依据"), lists::fixed("退回原因", 12), lists::fixed("审核", 8)},
                         true))
    return;
  for (const auto& row : m_page.rows) {
    const core::Hazard& h = row.hazard;
    ImGui::PushID(h.meta.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(h.number.c_str())) ctx.nav.openHazard(h.meta.id);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ctx.catalog.townshipName(h.divisionCode).c_str());
    ImGui::TextColored(theme::mutedText(), "%s", row.enterpriseName.c_str());
    ImGui::TableNextColumn();
    badges::level(h.level);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", h.description.c_str());
    const std::string basis = ctx.catalog.standardLabel(h.standardId);
    ImGui::TextColored(theme::mutedText(), "判定依据：%s %s", basis.empty() ? "（未填写）" : basis.c_str(),
                       h.clauseRef.c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    TestProbe::instance().setNextLabel(("退回原因 " + h.number).c_str());
    ImGui::InputTextWithHint("##reason", "退回时必填", &m_reasons[h.meta.id]);
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(ctx.model.readOnly());
    if (ImGui::SmallButton("通过")) decide(ctx, h, true);
    ImGui::SameLine();
    if (ImGui::SmallButton("退回")) decide(ctx, h, false);
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void ReviewScreen::decide(AppContext& ctx, const core::Hazard& h, bool approve) {
  core::WorkflowInput in;
  in.date = ctx.today.toString();
  in.person = ctx.model.operatorName();
  in.note = m_reasons[h.meta.id];
  auto r = ctx.store.applyHazardAction(
      h.meta.id, approve ? core::WorkflowAction::Approve : core::WorkflowAction::ReturnForCorrection, in,
      ctx.model.operatorName(), ctx.today, h.meta.rev);
  if (!r) {
    m_error = h.number + "：" + r.error().describe();
    return;
  }
  m_error.clear();
  m_reasons.erase(h.meta.id);
  m_message = h.number + (approve ? " 已审核通过。" : " 已退回，原因已记入历史。");
}

} // namespace hz::ui
