// ConflictCompare: the modal that shows both versions of a conflicting record side by side.
#include "ui/popups/conflict_compare.hpp"

#include "core/record_fields.hpp"
#include "ui/catalog.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <set>
#include <vector>

namespace hz::ui {

namespace {

// A read-only value: wrapped text that copies itself to the clipboard when clicked.
void valueCell(const std::string& value, const char* id) {
  ImGui::PushID(id);
  const std::string shown = ledger::displayValue(value);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(shown.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("点击复制");
  if (ImGui::IsItemClicked()) ImGui::SetClipboardText(value.c_str());
  ImGui::PopID();
}

std::string madeBy(const ledger::ConflictVersion& v) {
  std::string s = v.at + "\n" + v.officeName;
  if (!v.actor.empty()) s += "  " + v.actor;
  return s;
}

} // namespace

ConflictCompare::Choice ConflictCompare::draw(AppContext& ctx) {
  const char* kTitle = "对比两个版本";
  if (m_openRequested) {
    ImGui::OpenPopup(kTitle);
    m_openRequested = false;
  }
  if (!m_view) return Choice::None;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x * 0.8f, vp->Size.y * 0.85f), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoSavedSettings)) return Choice::None;
  const ledger::ConflictView& v = *m_view;
  Choice choice = Choice::None;
  ImGui::TextWrapped("%s  %s", ledger::kindLabel(v.kind), v.title.c_str());
  ImGui::TextColored(theme::mutedText(), "来源：%s%s%s", v.sourceOffice.c_str(), v.sourceFile.empty() ? "" : "，文件 ",
                     v.sourceFile.c_str());
  ImGui::TextColored(theme::mutedText(), "不同的字段标为橙色（共 %zu 项）；点击内容可复制。", v.fields.size());

  const float footer = ImGui::GetFrameHeightWithSpacing() * 1.5f;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##versions", 3, flags, ImVec2(0, -footer))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("字段", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    ImGui::TableSetupColumn("当前版本（保留）", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("另一版本", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("修改时间与单位");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(madeBy(v.current).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(madeBy(v.other).c_str());
    std::set<std::string> differing;
    for (const auto& f : v.fields) differing.insert(f.field);
    const std::string kind = ledger::kindName(v.kind);
    const auto& otherFields = v.other.record.fields;
    // References read as names, not ids.
    auto shown = [&](const std::string& name, const std::string& value) {
      if (value.empty()) return value;
      if (name == "enterprise_id") return ctx.catalog.enterpriseName(value);
      if (name == "standard_id") return ctx.catalog.standardLabel(value);
      return value;
    };
    // The differing fields first, then the rest in the record's order.
    std::vector<size_t> order;
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < v.current.record.fields.size(); ++i) {
        if ((differing.count(v.current.record.fields[i].first) != 0) == (pass == 0)) order.push_back(i);
      }
    }
    for (size_t i : order) {
      const std::string& name = v.current.record.fields[i].first;
      const std::string value = shown(name, v.current.record.fields[i].second);
      const bool differs = differing.count(name) != 0;
      ImGui::TableNextRow();
      if (differs) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImVec4(1.0f, 0.65f, 0.0f, 0.22f)));
      }
      ImGui::TableNextColumn();
      if (differs)
        ImGui::TextColored(theme::warning(), "%s", core::fieldLabel(kind, name));
      else
        ImGui::TextUnformatted(core::fieldLabel(kind, name));
      ImGui::TableNextColumn();
      valueCell(value, ("c" + std::to_string(i)).c_str());
      ImGui::TableNextColumn();
      valueCell(shown(name, core::fieldValue(otherFields, name)), ("o" + std::to_string(i)).c_str());
    }
    ImGui::EndTable();
  }
  const bool resolved = !v.stored.resolvedAt.empty();
  ImGui::BeginDisabled(resolved || ctx.model.readOnly());
  if (ImGui::Button("保留当前版本##compare")) choice = Choice::KeepCurrent;
  ImGui::SameLine();
  if (ImGui::Button("改用另一版本##compare")) choice = Choice::UseOther;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("关闭##compare") || ImGui::IsKeyPressed(ImGuiKey_Escape) || choice != Choice::None) {
    ImGui::CloseCurrentPopup();
    if (choice == Choice::None) m_view.reset();
  }
  ImGui::EndPopup();
  if (choice != Choice::None) {
    m_decidedId = m_view->stored.id;
    m_view.reset();
  }
  return choice;
}

} // namespace hz::ui
