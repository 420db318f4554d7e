// ExchangeScreen: export/import buttons (the platform does the file work and shows progress and
// the per-kind report), and the open merge conflicts with a choice per conflict.
#include "ui/screens/exchange_screen.hpp"

#include "ledger/resolve.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/navigation.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

namespace hz::ui {

namespace {
const char* kindLabel(const std::string& kind) {
  if (kind == "hazard") return "隐患";
  if (kind == "enterprise") return "企业";
  if (kind == "inspection") return "检查记录";
  if (kind == "work_injury") return "工伤事件";
  if (kind == "standard") return "判定标准";
  return kind.c_str();
}
// "1764400000000-0003-<office>" -> local time of the stamp.
std::string revTime(const std::string& rev) {
  auto r = core::Revision::parse(rev);
  return r ? localTime(core::formatTimestamp(r->millis)) : rev;
}
} // namespace

void ExchangeScreen::draw(AppContext& ctx) {
  if (ctx.services.dataGeneration() != m_generation) {
    m_generation = ctx.services.dataGeneration();
    auto c = store::listConflicts(ctx.store, false);
    m_error = c ? std::string() : c.error().describe();
    m_conflicts = c ? std::move(c.value()) : std::vector<store::StoredConflict>{};
  }
  theme::heading("数据交换");
  const bool ro = ctx.services.readOnly();

  ImGui::SeparatorText("导出");
  fields::help("把本单位的全部台账导出为一个文件（hazard-ledger JSON 格式），通过电子邮件或 U 盘报送上级，"
               "也作为备份。文件名为“单位名称-日期.ledger.json”。快捷键 Ctrl+S。");
  if (ImGui::Button("导出台账文件")) ctx.services.requestExport();
  if (ctx.services.canSaveToFile()) {
    ImGui::SameLine();
    if (ImGui::Button("保存到文件")) ctx.services.requestSaveToFile();
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（选择一次文件后，每次保存都写回同一个文件）");
  }
  const std::string last = ctx.services.lastExport();
  ImGui::Text("上次导出：%s", last.empty() ? "从未导出" : last.c_str());

  ImGui::SeparatorText("导入与合并");
  fields::help("导入下级或上级单位发来的台账文件。导入前会先完整检查文件：发现任何问题都不会修改数据库，"
               "并逐条列出问题所在（文件、记录、字段）。同一文件重复导入不会产生重复记录；"
               "两个单位都修改过的同一条记录会列为“冲突”，由您确认。也可以把文件直接拖到窗口中。");
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("导入台账文件…")) ctx.services.requestImport();
  ImGui::EndDisabled();

  ImGui::SeparatorText("合并冲突");
  drawConflicts(ctx);
}

void ExchangeScreen::drawConflicts(AppContext& ctx) {
  if (!m_error.empty()) fields::error(m_error);
  if (!m_message.empty()) ImGui::TextColored(theme::success(), "%s", m_message.c_str());
  size_t open = 0;
  for (const auto& c : m_conflicts) open += c.resolvedAt.empty();
  ImGui::Text("待处理冲突 %zu 条", open);
  ImGui::SameLine();
  ImGui::Checkbox("显示已处理的冲突", &m_showResolved);
  if (m_conflicts.empty()) {
    fields::help("没有冲突。");
    return;
  }
  if (!lists::beginTable("##conflicts", {lists::fixed("类型", 4), lists::stretch("记录"), lists::stretch("当前版本（保留）"),
                                        lists::stretch("另一版本"), lists::fixed("来源文件", 8), lists::fixed("处理", 14)}))
    return;
  for (const auto& c : m_conflicts) {
    if (!c.resolvedAt.empty() && !m_showResolved) continue;
    ImGui::PushID(c.id.c_str());
    ImGui::TableNextRow();
    lists::cell(kindLabel(c.recordKind));
    ImGui::TableNextColumn();
    if (c.recordKind == "hazard") {
      if (ImGui::SmallButton("打开")) ctx.nav.openHazard(c.recordId);
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(c.recordKind == "enterprise" ? ctx.catalog.enterpriseName(c.recordId).c_str() : c.recordId.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s 修改", revTime(c.winnerRev).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s 修改", revTime(ledger::loserRev(c)).c_str());
    lists::cell(c.source);
    ImGui::TableNextColumn();
    if (!c.resolvedAt.empty()) {
      ImGui::TextColored(theme::mutedText(), "%s（%s）", c.resolution == "reversed" ? "已改用另一版本" : "已确认",
                         c.resolvedBy.c_str());
    } else {
      ImGui::BeginDisabled(ctx.services.readOnly());
      if (ImGui::SmallButton("保留当前版本")) resolve(ctx, c, false);
      ImGui::SameLine();
      if (ImGui::SmallButton("改用另一版本")) resolve(ctx, c, true);
      ImGui::EndDisabled();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void ExchangeScreen::resolve(AppContext& ctx, const store::StoredConflict& c, bool useOther) {
  const auto r = ledger::resolveConflict(ctx.store, c.id, useOther ? ledger::ConflictChoice::UseOther
                                                                   : ledger::ConflictChoice::KeepCurrent,
                                         ctx.services.operatorName());
  if (!r) {
    m_error = r.error().describe();
    return;
  }
  m_message = useOther ? "已改用另一版本，并记入历史。" : "已确认保留当前版本。";
  ctx.services.dataChanged();
}

} // namespace hz::ui
