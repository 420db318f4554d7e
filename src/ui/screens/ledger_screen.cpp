// LedgerScreen: filters + a table that fetches only the rows on screen (ImGuiListClipper over
// paged queries), so it stays smooth with 100k hazards. A query runs only when the filter, the
// sort or the data changed, or when rows scroll into view that no kept page holds; the search box
// waits for a pause in typing (bench/web_frames.mjs measures the frames).
#include "ui/screens/ledger_screen.hpp"

#include "core/workflow.hpp"
#include "report/report_tables.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/navigation.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace hz::ui {

namespace {
constexpr int64_t kPage = 200;             // rows per query
constexpr size_t kKeptPages = 4;           // pages kept for scrolling back and forth
constexpr double kSearchDelay = 0.25;      // seconds without typing before the search runs
constexpr double kRestDelay = 0.06;        // seconds after a jump of the view before rows are fetched
constexpr float kDescriptionMinEm = 16.0f; // the description column's least width

struct Column {
  const char* title;
  const char* sortKey; // store column
  float widthEm;       // 0 = stretch
};
// What a clerk reads first comes first, so that a 1366-pixel screen shows number, firm,
// description, level, status and both dates without scrolling; the rest is to the right.
const Column kColumns[] = {
    {"隐患编号", "number", 8.5f},
    {"企业名称", "enterprise_name", 10.0f},
    {"隐患描述", "description", 0.0f},
    {"等级", "level", 4.4f},
    {"状态", "status", 6.8f},
    {"发现日期", "found_date", 5.8f},
    {"整改期限", "deadline", 5.8f},
    {"乡镇街道", "division_code", 5.0f},
    {"行业领域", "industry", 6.2f},
    {"来源", "source", 6.5f},
    {"责任部门", "responsible_department", 6.5f},
};
constexpr int kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

// The Chinese names of every value of an enum, in order (for a filter's choices).
template <typename E, size_t N> std::vector<std::string> chineseNames(const E (&values)[N]) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(core::toChinese(v));
  return out;
}
} // namespace

void LedgerScreen::draw(AppContext& ctx) {
  if (auto req = ctx.nav.takeLedger()) {
    m_filter = req->filter;
    m_caption = req->caption;
    m_statusFilter = m_filter.statuses.size() == 1 ? core::toChinese(m_filter.statuses[0]) : "";
    m_levelFilter = m_filter.level ? core::toChinese(*m_filter.level) : "";
    m_townFilter = ctx.catalog.townshipLabel(m_filter.divisionPrefix);
    m_overdueOnly = m_filter.overdue.value_or(false);
    m_searchText = m_filter.text;
    m_selected.clear();
    requery();
  }
  if (m_watch.changed(ctx.model)) {
    m_dirty = true; // same filter: the rows stay where they are
  }
  applySearchText();
  if (m_dirty) refresh(ctx);
  drawFilters(ctx);
  if (m_dirty) refresh(ctx); // a filter changed in this frame
  drawBatchBar(ctx);
  drawTable(ctx);
}

void LedgerScreen::applySearchText() {
  if (m_searchText == m_filter.text) return;
  // Every keystroke would otherwise run a query (1-2 characters: a scan of every hazard's text);
  // clearing the box shows everything at once.
  if (!m_searchText.empty() && ImGui::GetTime() - m_searchEditedAt < kSearchDelay) return;
  m_filter.text = m_searchText;
  requery();
}

// One query gives the total and the first page (which the table needs anyway: ImGui measures the
// height of row 0 every frame).
void LedgerScreen::refresh(AppContext& ctx) {
  m_dirty = false;
  m_pages.clear();
  m_error.clear();
  m_total = 0;
  fetchPage(ctx, 0, kPage);
}

void LedgerScreen::drawFilters(AppContext& ctx) {
  const float em = ImGui::GetFontSize();
  if (ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_F, ImGuiInputFlags_RouteGlobal)) m_focusSearch = true;
  if (m_focusSearch) {
    ImGui::SetKeyboardFocusHere();
    m_focusSearch = false;
  }
  ImGui::SetNextItemWidth(em * 16);
  TestProbe::instance().setNextLabel("搜索");
  const bool enter = ImGui::InputTextWithHint(
      "##search", "搜索：隐患编号（可只输末尾几位）、描述、部位、措施、企业名称或信用代码（Ctrl+F）", &m_searchText,
      ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) m_searchEditedAt = ImGui::GetTime();
  if (enter) m_searchEditedAt = -kSearchDelay; // Enter searches now
  ImGui::SameLine();
  if (ImGui::Button("新增隐患")) ctx.nav.newHazard(core::Hazard{});
  ImGui::SameLine();
  if (ImGui::Button("清除筛选")) {
    m_filter = {};
    m_searchText.clear();
    m_statusFilter.clear();
    m_levelFilter.clear();
    m_townFilter.clear();
    m_overdueOnly = false;
    m_caption.clear();
    requery();
  }
  ImGui::SameLine();
  // The hazards shown (this filter) as the city's 明细表, with the real column names.
  if (ImGui::Button("导出明细表（Excel）")) {
    auto sheet = report::hazardSheet(ctx.store, m_filter, ctx.today);
    Status s = sheet ? ctx.model.reports().downloadTable(*sheet, "隐患明细表", true) : Status(sheet.error());
    m_exportError = s ? std::string() : s.error().describe();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("按当前筛选条件导出，列名与《重大事故隐患排查及整改情况明细表》一致");
  ImGui::SameLine();
  if (m_searchText != m_filter.text)
    ImGui::TextColored(theme::mutedText(), "正在搜索……");
  else
    ImGui::TextColored(theme::accent(), "共 %lld 条", static_cast<long long>(m_total));
  if (!m_caption.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "（%s）", m_caption.c_str());
  }

  // One compact row of filter combos.
  auto smallCombo = [&](const char* label, std::string& value, const std::vector<std::string>& options, float w) {
    ImGui::SetNextItemWidth(em * w);
    bool changed = false;
    TestProbe::instance().setNextLabel(label);
    const std::string preview = value.empty() ? std::string(label) + "：全部" : value;
    if (ImGui::BeginCombo((std::string("##f_") + label).c_str(), preview.c_str(), ImGuiComboFlags_HeightLarge)) {
      if (ImGui::Selectable("全部", value.empty())) {
        value.clear();
        changed = true;
      }
      for (const auto& o : options)
        if (ImGui::Selectable(o.c_str(), o == value)) {
          value = o;
          changed = true;
        }
      ImGui::EndCombo();
    }
    return changed;
  };
  if (smallCombo("乡镇街道", m_townFilter, ctx.catalog.townshipLabels(), 9)) {
    m_filter.divisionPrefix = m_townFilter.empty() ? "" : ctx.catalog.codeOfTownshipLabel(m_townFilter);
    requery();
  }
  ImGui::SameLine();
  if (smallCombo("行业领域", m_filter.industry, ctx.catalog.values("industry"), 8)) requery();
  ImGui::SameLine();
  if (smallCombo("等级", m_levelFilter, chineseNames(core::kHazardLevels), 6)) {
    core::HazardLevel l;
    m_filter.level.reset();
    if (core::fromChinese(m_levelFilter, l)) m_filter.level = l;
    requery();
  }
  ImGui::SameLine();
  if (smallCombo("状态", m_statusFilter, chineseNames(core::kHazardStatuses), 6)) {
    m_filter.statuses.clear();
    core::HazardStatus s;
    if (core::fromChinese(m_statusFilter, s)) m_filter.statuses.push_back(s);
    requery();
  }
  ImGui::SameLine();
  if (smallCombo("来源", m_filter.source, ctx.catalog.values("source"), 8)) requery();
  ImGui::SameLine();
  if (ImGui::Checkbox("仅看逾期", &m_overdueOnly)) {
    m_filter.overdue = m_overdueOnly ? std::optional<bool>(true) : std::nullopt;
    requery();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("发现日期");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6.5f);
  TestProbe::instance().setNextLabel("发现日期起");
  if (ImGui::InputTextWithHint("##from", "起 YYYY-MM-DD", &m_filter.foundFrom) &&
      (m_filter.foundFrom.empty() || core::isValidDateText(m_filter.foundFrom)))
    requery();
  ImGui::SameLine();
  ImGui::TextUnformatted("至");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6.5f);
  TestProbe::instance().setNextLabel("发现日期止");
  if (ImGui::InputTextWithHint("##to", "止 YYYY-MM-DD", &m_filter.foundTo) &&
      (m_filter.foundTo.empty() || core::isValidDateText(m_filter.foundTo)))
    requery();
  if (!m_filter.enterpriseId.empty()) {
    ImGui::TextColored(theme::mutedText(), "企业：%s", ctx.catalog.enterpriseName(m_filter.enterpriseId).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("不限企业")) {
      m_filter.enterpriseId.clear();
      requery();
    }
  }
  if (!m_error.empty()) fields::error(m_error);
  if (!m_exportError.empty()) fields::error(m_exportError);
}

void LedgerScreen::drawBatchBar(AppContext& ctx) {
  if (m_selected.empty()) {
    if (!m_batchMessage.empty()) ImGui::TextColored(theme::success(), "%s", m_batchMessage.c_str());
    return;
  }
  const float em = ImGui::GetFontSize();
  ImGui::TextColored(theme::accent(), "已选 %zu 条：", m_selected.size());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 9);
  TestProbe::instance().setNextLabel("批量责任部门");
  if (ImGui::BeginCombo("##batch_dept", m_batchDepartment.empty() ? "选择责任部门" : m_batchDepartment.c_str())) {
    for (const auto& d : ctx.catalog.values("department"))
      if (ImGui::Selectable(d.c_str(), d == m_batchDepartment)) m_batchDepartment = d;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(m_batchDepartment.empty() || ctx.model.readOnly());
  if (ImGui::Button("指派责任部门")) applyBatch(ctx, true);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6.5f);
  TestProbe::instance().setNextLabel("批量整改期限");
  ImGui::InputTextWithHint("##batch_deadline", "YYYY-MM-DD", &m_batchDeadline);
  ImGui::SameLine();
  ImGui::BeginDisabled(!core::isValidDateText(m_batchDeadline) || ctx.model.readOnly());
  if (ImGui::Button("设定整改期限")) applyBatch(ctx, false);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("取消选择")) m_selected.clear();
}

void LedgerScreen::applyBatch(AppContext& ctx, bool department) {
  model::HazardBatch batch;
  if (department)
    batch.responsibleDepartment = m_batchDepartment;
  else
    batch.deadline = m_batchDeadline;
  const std::vector<std::string> ids(m_selected.begin(), m_selected.end());
  auto r = ctx.model.updateHazards(ids, batch);
  if (!r) {
    m_batchMessage = "未能更新：" + r.error().describe();
    return; // the selection stays, to fix and retry
  }
  m_batchMessage = "已更新 " + std::to_string(ids.size()) + " 条";
  m_selected.clear();
}

bool LedgerScreen::fetchPage(AppContext& ctx, int64_t offset, int64_t limit) {
  auto page = store::queryHazards(ctx.store, m_filter, m_sort, offset, limit, ctx.today);
  if (!page) {
    m_error = page.error().describe();
    return false;
  }
  m_total = page->total;
  if (m_pages.size() >= kKeptPages) {
    auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                   [](const Page& a, const Page& b) { return a.lastUsed < b.lastUsed; });
    m_pages.erase(oldest);
  }
  m_pages.push_back(Page{offset, std::move(page->rows), ++m_useClock});
  return true;
}

const store::HazardRow* LedgerScreen::rowAt(int64_t index) {
  for (auto& p : m_pages) {
    if (index >= p.offset && index < p.offset + static_cast<int64_t>(p.rows.size())) {
      p.lastUsed = m_useClock;
      return &p.rows[static_cast<size_t>(index - p.offset)];
    }
  }
  return nullptr;
}

// Makes rows [first, last) available unless `mayFetch` is false; false: draw placeholders.
bool LedgerScreen::ensureRows(AppContext& ctx, int64_t first, int64_t last, bool mayFetch) {
  last = std::min(last, m_total);
  bool held = true;
  for (int64_t i = first; i < last && held; ++i) held = rowAt(i) != nullptr;
  if (held) return true;
  // Not in the frame the sort changed (the next one starts again from the top), nor after an error.
  if (!mayFetch || m_dirty || !m_error.empty()) return false;
  const int64_t offset = std::max<int64_t>(0, first - kPage / 4);
  return fetchPage(ctx, offset, std::max(kPage, last - offset)); // a very tall window needs more
}

void LedgerScreen::drawTable(AppContext& ctx) {
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Hideable | ImGuiTableFlags_Reorderable;
  if (m_total == 0 && m_error.empty()) fields::help("没有符合条件的隐患。可以调整筛选条件，或点击“新增隐患”登记。");
  if (m_scrollToTop && !m_dirty) { // the rows of a new filter or sort start at the top
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
    m_scrollToTop = false;
    m_lastScrollY = -1.0f;
  }
  // With horizontal scrolling a stretching column gets only what is left of the inner width: give
  // the table room for the description (at least 18 characters), more on a wider window.
  float fixedWidth = em * 1.6f;
  for (const auto& c : kColumns) fixedWidth += c.widthEm * em;
  fixedWidth += static_cast<float>(kColumnCount + 1) * (ImGui::GetStyle().CellPadding.x * 2.0f + 1.0f);
  const float innerWidth = std::max(ImGui::GetContentRegionAvail().x, fixedWidth + kDescriptionMinEm * em);
  if (!ImGui::BeginTable("##hazards", kColumnCount + 1, flags, ImVec2(0.0f, 0.0f), innerWidth)) return;
  // While the view jumps by more than half a page per frame (the scrollbar is dragged, a fling),
  // rows not yet fetched stay empty: the query runs once the view has rested a moment, not in
  // every frame of the drag.
  const float scrollY = ImGui::GetScrollY();
  if (m_lastScrollY >= 0.0f && m_rowHeight > 0.0f &&
      std::abs(scrollY - m_lastScrollY) > m_rowHeight * static_cast<float>(kPage / 2))
    m_jumpedAt = ImGui::GetTime();
  m_lastScrollY = scrollY;
  const bool jumping = ImGui::GetTime() - m_jumpedAt < kRestDelay;
  ImGui::TableSetupScrollFreeze(2, 1);
  ImGui::TableSetupColumn("##sel",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                              ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoResize,
                          em * 1.6f);
  for (int i = 0; i < kColumnCount; ++i) {
    ImGuiTableColumnFlags f =
        kColumns[i].widthEm > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
    if (std::string(kColumns[i].sortKey) == "found_date")
      f |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn(kColumns[i].title, f, kColumns[i].widthEm > 0 ? kColumns[i].widthEm * em : 20 * em, i + 1);
  }
  // Header row drawn by hand so test mode can publish each header under its title.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c <= kColumnCount; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::PushID(c);
    if (c > 0) TestProbe::instance().setNextLabel(kColumns[c - 1].title);
    ImGui::TableHeader(name);
    TestProbe::instance().clearNextLabel();
    ImGui::PopID();
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      const int col = specs->Specs[0].ColumnUserID - 1;
      const bool descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      if (col >= 0 && col < kColumnCount &&
          (m_sort.column != kColumns[col].sortKey || m_sort.descending != descending)) {
        m_sort.column = kColumns[col].sortKey;
        m_sort.descending = descending;
        if (scrollY <= 0.0f) {
          refresh(ctx); // at the top already: the new order shows in this frame
        } else {
          m_pages.clear(); // this frame shows empty rows; the next one starts again from the top
          requery();
        }
      }
    }
    specs->SpecsDirty = false;
  }

  ++m_useClock;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_total));
  while (clipper.Step()) {
    const bool measuring = clipper.ItemsHeight <= 0.0f; // ImGui's first step: row 0, to measure it
    ensureRows(ctx, clipper.DisplayStart, clipper.DisplayEnd, measuring || !jumping);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const store::HazardRow* rowPtr = rowAt(i);
      if (!rowPtr) { // not fetched yet: an empty row of the usual height
        ImGui::TableNextRow(ImGuiTableRowFlags_None, m_rowHeight);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("……");
        continue;
      }
      const store::HazardRow& row = *rowPtr;
      const core::Hazard& h = row.hazard;
      ImGui::TableNextRow();
      if (row.overdue) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(230, 60, 50, 40));
      ImGui::PushID(h.meta.id.c_str());
      ImGui::TableNextColumn();
      bool sel = m_selected.count(h.meta.id) > 0;
      TestProbe::instance().setNextLabel(("选择 " + h.number).c_str());
      const bool toggled = ImGui::Checkbox("##sel", &sel);
      TestProbe::instance().clearNextLabel();
      if (toggled) {
        if (sel)
          m_selected.insert(h.meta.id);
        else
          m_selected.erase(h.meta.id);
      }
      ImGui::TableNextColumn();
      if (ImGui::Selectable(h.number.c_str(), false,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap))
        ctx.nav.openHazard(h.meta.id);
      // Numbers from offices on earlier versions may repeat across offices: the office tells them apart.
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal) &&
          ImGui::GetMousePos().x < ImGui::GetItemRectMin().x + ImGui::CalcTextSize(h.number.c_str()).x) {
        ImGui::SetTooltip("登记单位：%s", ctx.catalog.officeName(h.meta.origin).c_str());
      }
      ImGui::TableNextColumn(); // cells in the order of kColumns
      ImGui::TextUnformatted(row.enterpriseName.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.description.c_str());
      TestProbe::instance().recordLastItem(h.description);
      if (ImGui::IsItemHovered() && h.description.size() > 30) ImGui::SetTooltip("%s", h.description.c_str());
      ImGui::TableNextColumn();
      badges::level(h.level);
      ImGui::TableNextColumn();
      badges::status(h.status);
      if (row.overdue) {
        ImGui::SameLine();
        badges::overdue(true);
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.foundDate.c_str());
      ImGui::TableNextColumn();
      if (row.overdue)
        ImGui::TextColored(theme::danger(), "%s", h.deadline.c_str());
      else
        ImGui::TextUnformatted(h.deadline.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ctx.catalog.townshipName(h.divisionCode).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.industry.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.source.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.responsibleDepartment.c_str());
      ImGui::PopID();
    }
  }
  if (clipper.ItemsHeight > 0.0f) m_rowHeight = clipper.ItemsHeight;
  ImGui::EndTable();
}

} // namespace hz::ui
