// What the list screens share: the filter row above a list (search box, 「全部」 combos, check
// boxes, the count of shown rows, the add button), the scrolling table with a frozen header row
// and clickable rows, and the table of the hazards of one enterprise or inspection.
#pragma once
#include "core/date.hpp"
#include "core/model.hpp"

#include <imgui.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace hz::ui::lists {

// [SECTION] Filter row

// Widgets left to right on one line; each publishes itself in test mode under its label. Widths
// are in font sizes (em).
class FilterRow {
public:
  // A search box; true when its text changed.
  bool search(const char* label, const char* hint, std::string& value, float widthEm);
  // A combo published as "<name>筛选", showing 「<name>：全部」 or the chosen value; 「全部」 clears it.
  // `unit` follows each value on screen (e.g. " 年"); true when the choice changed.
  bool choice(const char* name, std::string& value, const std::vector<std::string>& options, float widthEm,
              const char* unit = "");
  bool check(const char* label, bool& value);
  // The number of rows shown, in the accent colour, e.g. count("共 %zu 家", n).
  void count(const char* fmt, ...) IM_FMTARGS(2);
  // The screen's add button, disabled in read-only mode, then `readOnlyNote` (if any) in that mode.
  bool addButton(const char* label, bool readOnly, const char* readOnlyNote = nullptr);
  // Whether a search box, combo or check box of this row changed this frame.
  bool changed() const { return m_changed; }

private:
  void next(); // SameLine() after the first widget
  bool m_first = true;
  bool m_changed = false;
};

// [SECTION] Tables

struct Column {
  const char* label;
  float widthEm = 0.0f; // > 0: a fixed width; otherwise the column stretches
  float weight = 0.0f;  // a stretching column's share (0: ImGui shares by content)
};
inline Column fixed(const char* label, float widthEm) { return {label, widthEm, 0.0f}; }
inline Column stretch(const char* label, float weight = 0.0f) { return {label, 0.0f, weight}; }

// A scrolling table with row stripes and a frozen header row: begins it, sets up the columns and
// draws the headers. Call ImGui::EndTable() when it returns true. Height 0 fills the window.
bool beginTable(const char* id, std::initializer_list<Column> columns, bool resizable = false, float height = 0.0f);

// Starts a row whose first cell is a selectable spanning the row, under the record's id (rows
// may share their text). `probeLabel` publishes it in test mode under another label. True when
// clicked.
bool selectableRow(const std::string& id, const char* text, bool selected = false, const char* probeLabel = nullptr);

// The next cell, with plain or wrapped text.
void cell(const char* text);
inline void cell(const std::string& text) { cell(text.c_str()); }
void wrappedCell(const char* text);
inline void wrappedCell(const std::string& text) { wrappedCell(text.c_str()); }

// Calls row(i) for the rows of [0, count) that are visible (ImGuiListClipper), for tables of
// thousands of rows of one line each.
template <typename DrawRow> void visibleRows(size_t count, DrawRow&& row) {
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count));
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) row(static_cast<size_t>(r));
}

// [SECTION] Hazards of an enterprise or an inspection

// 隐患编号 (a click opens the hazard), 状态 with 逾期, 等级, 隐患描述, 发现日期 when `withFoundDate`,
// 整改期限. Returns the hazard clicked this frame, or nullptr.
const core::Hazard* hazardTable(const char* id, const std::vector<core::Hazard>& hazards, const core::Date& today,
                                bool withFoundDate);

} // namespace hz::ui::lists
