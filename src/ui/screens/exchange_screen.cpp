// ExchangeScreen: export/import buttons (the platform does the file work and shows progress and
// the per-kind report), and the open merge conflicts with a choice per conflict.
#include "ui/screens/exchange_screen.hpp"

#include "core/text.hpp"
#include "ledger/resolve.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/navigation.hpp"
#include "ui/popups/conflict_compare.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>

#include <algorithm>

namespace hz::ui {

namespace {

// One field of a conflict in the list: label, then both values, each cut to one short line.
std::string oneLine(const std::string& value, size_t maxChars) {
  std::string shown = ledger::displayValue(value);
  for (char& c : shown) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return core::shortText(shown, maxChars);
}

std::string madeBy(const ledger::ConflictVersion& v) {
  return v.at + "  " + v.officeName + (v.actor.empty() ? std::string() : "  " + v.actor);
}

constexpr size_t kFieldsShown = 4; // differing fields listed per conflict; 对比 shows them all

} // namespace

void ExchangeScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model)) {
    auto c = ledger::describeConflicts(ctx.store, false);
    m_error = c ? std::string() : c.error().describe();
    m_conflicts = c ? std::move(c.value()) : std::vector<ledger::ConflictView>{};
    m_recipients = ctx.model.recipients();
    m_suggestions = ctx.model.recipientSuggestions();
  }
  theme::heading("数据交换");
  const bool ro = ctx.model.readOnly();

  ImGui::SeparatorText("导出");
  fields::help("把本单位的全部台账导出为一个文件（hazard-ledger JSON 格式，gzip 压缩，约为原大小的六分之一），"
               "通过电子邮件或 U 盘报送上级，也作为备份。文件名为“单位名称-日期.ledger.json.gz”，"
               "导入时压缩和未压缩的文件都可以。快捷键 Ctrl+S。");
  if (ImGui::Button("导出台账文件")) ctx.model.requestExport();
  if (ctx.model.canSaveToFile()) {
    ImGui::SameLine();
    if (ImGui::Button("保存到文件")) ctx.model.requestSaveToFile();
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（选择一次文件后，每次保存都写回同一个文件）");
  }
  const std::string& last = ctx.model.lastExportAt();
  ImGui::Text("上次导出：%s", last.empty() ? "从未导出" : localTime(last).c_str());

  ImGui::SeparatorText("导入与合并");
  fields::help("导入下级或上级单位发来的台账文件。导入前会先完整检查文件：发现任何问题都不会修改数据库，"
               "并逐条列出问题所在（文件、记录、字段）。同一文件重复导入不会产生重复记录；"
               "两个单位都修改过的同一条记录会列为“冲突”，由您确认。也可以把文件直接拖到窗口中。");
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("导入台账文件…")) ctx.model.requestImport();
  ImGui::EndDisabled();

  ImGui::SeparatorText("导入 Excel/WPS 表格");
  fields::help("把现有的隐患台账表格（.xlsx、.xls、.csv，含 GBK 编码的 CSV）导入本台账。程序会自动找到表头"
               "（标题行、说明行之下），按列名对应到各项；导入前逐行预览，不能导入的单元格会标出原因，"
               "确认后才一次性写入。同一表格重复导入不会产生重复隐患。也可以把表格直接拖到窗口中。");
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("导入表格…")) ctx.model.requestSheetImport();
  ImGui::EndDisabled();

  ImGui::SeparatorText("合并冲突");
  drawConflicts(ctx);

  ImGui::SeparatorText("变更文件（每周报送）");
  drawChangeFiles(ctx);
}

void ExchangeScreen::drawChangeFiles(AppContext& ctx) {
  fields::help(
      "只导出上次发给该单位以来新增和修改的内容（包括收到的下级文件），文件很小，适合每周用电子邮件报送。"
      "给每个单位的变更文件依次编号；对方可以不按顺序导入，缺少哪一号会提示。第一次给某单位导出时包含全部内容。");
  if (!m_recipients.empty() &&
      ImGui::BeginTable("##recipients", 4,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("接收单位", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
    ImGui::TableSetupColumn("已发送", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
    ImGui::TableSetupColumn("上次导出", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    ImGui::TableSetupColumn("操作", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& r : m_recipients) {
      ImGui::PushID(r.recipient.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.recipient.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("第 1–%lld 号%s", static_cast<long long>(r.number), r.seq == 0 ? "（下次从头）" : "");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.exportedAt.empty() ? "" : localTime(r.exportedAt).c_str());
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(ctx.model.readOnly());
      TestProbe::instance().setNextLabel(("导出变更 " + r.recipient).c_str());
      if (ImGui::SmallButton("导出变更")) ctx.model.requestChangeExport(r.recipient);
      TestProbe::instance().clearNextLabel();
      ImGui::SameLine();
      TestProbe::instance().setNextLabel(("下次从头 " + r.recipient).c_str());
      if (ImGui::SmallButton("下次从头")) ctx.model.resetRecipient(r.recipient);
      TestProbe::instance().clearNextLabel();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("对方数据丢失或重装时使用：下一个变更文件包含全部内容（编号接续）");
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (fields::beginForm("##newRecipient", ImGui::GetFontSize() * 7)) {
    fields::text("接收单位", m_recipient, "如 区安委办");
    if (!m_suggestions.empty()) {
      std::string picked;
      if (fields::combo("已交换过的单位", picked, m_suggestions, false, true) && !picked.empty()) m_recipient = picked;
    }
    fields::endForm();
  }
  ImGui::BeginDisabled(ctx.model.readOnly() || core::trimmed(m_recipient).empty());
  if (ImGui::Button("导出变更文件")) {
    ctx.model.requestChangeExport(m_recipient);
    m_recipient.clear();
  }
  ImGui::EndDisabled();
}

void ExchangeScreen::drawConflicts(AppContext& ctx) {
  if (!m_error.empty()) fields::error(m_error);
  if (!m_message.empty()) ImGui::TextColored(theme::success(), "%s", m_message.c_str());
  size_t open = 0;
  for (const auto& c : m_conflicts) open += c.stored.resolvedAt.empty();
  ImGui::Text("待处理冲突 %zu 条", open);
  ImGui::SameLine();
  ImGui::Checkbox("显示已处理的冲突", &m_showResolved);
  if (m_conflicts.empty()) {
    fields::help("没有冲突。");
    return;
  }
  fields::help("同一条记录在两个单位都被修改过。系统已按修改时间先后选定“当前版本”，另一版本完整保存，"
               "下面列出两者不同的内容。核对后选择保留哪一个；选择会记入历史，并随下次导出发给其他单位。");
  if (!ImGui::BeginChild("##conflicts", ImVec2(0, 0), ImGuiChildFlags_None)) {
    ImGui::EndChild();
    return;
  }
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const auto& c : m_conflicts) {
    const bool resolved = !c.stored.resolvedAt.empty();
    if (resolved && !m_showResolved) continue;
    const size_t rows =
        2 + std::min(c.fields.size(), kFieldsShown) + (c.fields.size() > kFieldsShown || c.fields.empty());
    const float height =
        line * static_cast<float>(rows + 2) + ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y * 4;
    // Blocks far outside the visible part are only reserved (cities may hold many conflicts).
    if (!ImGui::IsRectVisible(ImVec2(ImGui::GetContentRegionAvail().x, height))) {
      ImGui::Dummy(ImVec2(1, height));
      continue;
    }
    const float top = ImGui::GetCursorPosY();
    ImGui::PushID(c.stored.id.c_str());
    ImGui::Separator();
    ImGui::TextColored(theme::accent(), "%s", ledger::kindLabel(c.kind));
    ImGui::SameLine();
    // The record as people know it; a click compares the two versions.
    if (ImGui::Selectable((c.title + "##title").c_str(), false, ImGuiSelectableFlags_None,
                          ImVec2(ImGui::CalcTextSize(c.title.c_str()).x, 0))) {
      m_compare.open(c);
    }
    ImGui::TextColored(theme::mutedText(), "来源：%s%s%s", c.sourceOffice.c_str(),
                       c.sourceFile.empty() ? "" : "，文件 ", c.sourceFile.c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##diff", 3, flags)) {
      ImGui::TableSetupColumn("内容", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
      ImGui::TableSetupColumn("当前版本（保留）", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("另一版本", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableHeadersRow();
      ImGui::TableNextRow();
      lists::cell("修改");
      lists::cell(madeBy(c.current));
      lists::cell(madeBy(c.other));
      for (size_t i = 0; i < c.fields.size() && i < kFieldsShown; ++i) {
        const auto& f = c.fields[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(theme::warning(), "%s", f.label.c_str());
        // Values are selectable text (published in test mode) so they can be found and copied.
        ImGui::TableNextColumn();
        ImGui::Selectable((oneLine(f.current, 40) + "##cur" + std::to_string(i)).c_str());
        ImGui::TableNextColumn();
        ImGui::Selectable((oneLine(f.other, 40) + "##oth" + std::to_string(i)).c_str());
      }
      if (c.fields.size() > kFieldsShown) {
        ImGui::TableNextRow();
        lists::cell("");
        lists::cell("……另有 " + std::to_string(c.fields.size() - kFieldsShown) + " 项不同，点“对比”查看");
      } else if (c.fields.empty()) {
        ImGui::TableNextRow();
        lists::cell("");
        lists::cell("两个版本内容相同，只有修改时间不同");
      }
      ImGui::EndTable();
    }
    if (ImGui::SmallButton("对比两个版本")) m_compare.open(c);
    if (c.kind == ledger::Kind::Hazard) {
      ImGui::SameLine();
      if (ImGui::SmallButton("打开隐患")) ctx.nav.openHazard(c.stored.recordId);
    }
    ImGui::SameLine();
    if (resolved) {
      ImGui::TextColored(theme::mutedText(), "%s（%s）",
                         c.stored.resolution == "reversed" ? "已改用另一版本" : "已确认保留当前版本",
                         c.stored.resolvedBy.c_str());
    } else {
      ImGui::BeginDisabled(ctx.model.readOnly());
      if (ImGui::SmallButton("保留当前版本")) resolve(ctx, c.stored.id, false);
      ImGui::SameLine();
      if (ImGui::SmallButton("改用另一版本")) resolve(ctx, c.stored.id, true);
      ImGui::EndDisabled();
    }
    ImGui::PopID();
    // Keep the reserved height and the drawn one equal, so scrolling does not jump.
    const float drawn = ImGui::GetCursorPosY() - top;
    if (drawn < height) ImGui::Dummy(ImVec2(1, height - drawn - style.ItemSpacing.y));
  }
  ImGui::EndChild();
  const auto choice = m_compare.draw(ctx);
  if (choice != ConflictCompare::Choice::None) {
    resolve(ctx, m_compare.decidedId(), choice == ConflictCompare::Choice::UseOther);
  }
}

void ExchangeScreen::resolve(AppContext& ctx, const std::string& conflictId, bool useOther) {
  const auto r = ctx.model.resolveConflict(conflictId, useOther);
  if (!r) {
    m_error = r.error().describe();
    return;
  }
  m_message = useOther ? "已改用另一版本，并记入历史。" : "已确认保留当前版本。";
}

} // namespace hz::ui
