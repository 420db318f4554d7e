// List screens' filter row, table scaffold and hazard table.
#include "ui/widgets/lists.hpp"

#include "core/workflow.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"

#include <imgui_stdlib.h>

#include <cstdarg>

namespace hz::ui::lists {

// [SECTION] Filter row

void FilterRow::next() {
  if (!m_first) ImGui::SameLine();
  m_first = false;
}

bool FilterRow::search(const char* label, const char* hint, std::string& value, float widthEm) {
  next();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * widthEm);
  TestProbe::instance().setNextLabel(label);
  const std::string id = std::string("##") + label;
  const bool changed = ImGui::InputTextWithHint(id.c_str(), hint, &value);
  TestProbe::instance().clearNextLabel();
  m_changed |= changed;
  return changed;
}

bool FilterRow::choice(const char* name, std::string& value, const std::vector<std::string>& options, float widthEm,
                       const char* unit) {
  next();
  const std::string label = std::string(name) + "筛选";
  const std::string preview = value.empty() ? std::string(name) + "：全部" : value + unit;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * widthEm);
  TestProbe::instance().setNextLabel(label.c_str());
  const bool open = ImGui::BeginCombo(("##" + label).c_str(), preview.c_str(), ImGuiComboFlags_HeightLarge);
  TestProbe::instance().clearNextLabel();
  if (!open) return false;
  bool changed = false;
  if (ImGui::Selectable("全部", value.empty()) && !value.empty()) {
    value.clear();
    changed = true;
  }
  for (const auto& opt : options) {
    if (ImGui::Selectable((opt + unit).c_str(), opt == value) && opt != value) {
      value = opt;
      changed = true;
    }
  }
  ImGui::EndCombo();
  m_changed |= changed;
  return changed;
}

bool FilterRow::check(const char* label, bool& value) {
  next();
  const bool changed = ImGui::Checkbox(label, &value);
  m_changed |= changed;
  return changed;
}

void FilterRow::count(const char* fmt, ...) {
  next();
  va_list args;
  va_start(args, fmt);
  ImGui::TextColoredV(theme::accent(), fmt, args);
  va_end(args);
}

bool FilterRow::addButton(const char* label, bool readOnly, const char* readOnlyNote) {
  next();
  ImGui::BeginDisabled(readOnly);
  const bool clicked = ImGui::Button(label);
  ImGui::EndDisabled();
  if (readOnly && readOnlyNote) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "%s", readOnlyNote);
  }
  return clicked;
}

// [SECTION] Tables

bool beginTable(const char* id, std::initializer_list<Column> columns, bool resizable, float height) {
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingStretchProp;
  if (resizable) flags |= ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, ImVec2(0, height))) return false;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const Column& c : columns) {
    if (c.widthEm > 0)
      ImGui::TableSetupColumn(c.label, ImGuiTableColumnFlags_WidthFixed, em * c.widthEm);
    else
      ImGui::TableSetupColumn(c.label, ImGuiTableColumnFlags_WidthStretch, c.weight);
  }
  ImGui::TableHeadersRow();
  return true;
}

bool selectableRow(const std::string& id, const char* text, bool selected, const char* probeLabel) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(id.c_str());
  if (probeLabel) TestProbe::instance().setNextLabel(probeLabel);
  const bool clicked = ImGui::Selectable(text, selected, ImGuiSelectableFlags_SpanAllColumns);
  if (probeLabel) TestProbe::instance().clearNextLabel();
  ImGui::PopID();
  return clicked;
}

void cell(const char* text) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(text);
}

void wrappedCell(const char* text) {
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", text);
}

// [SECTION] Hazards of an enterprise or an inspection

const core::Hazard* hazardTable(const char* id, const std::vector<core::Hazard>& hazards, const core::Date& today,
                                bool withFoundDate) {
  const bool open = withFoundDate
                        ? beginTable(id, {fixed("隐患编号", 10.5f), fixed("状态", 7.5f), fixed("等级", 5.0f),
                                          stretch("隐患描述"), fixed("发现日期", 6.2f), fixed("整改期限", 6.2f)})
                        : beginTable(id, {fixed("隐患编号", 10.5f), fixed("状态", 7.5f), fixed("等级", 5.0f),
                                          stretch("隐患描述"), fixed("整改期限", 6.2f)});
  if (!open) return nullptr;
  const core::Hazard* clicked = nullptr;
  for (const core::Hazard& h : hazards) {
    if (selectableRow(h.meta.id, h.number.c_str())) clicked = &h;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("点击打开隐患详情");
    ImGui::TableNextColumn();
    badges::status(h.status);
    if (core::isOverdue(h, today)) {
      ImGui::SameLine();
      badges::overdue(true);
    }
    ImGui::TableNextColumn();
    badges::level(h.level);
    wrappedCell(h.description);
    if (withFoundDate) cell(h.foundDate);
    cell(h.deadline.empty() ? "—" : h.deadline.c_str());
  }
  ImGui::EndTable();
  return clicked;
}

} // namespace hz::ui::lists
