// 隐患台账: the hazard table (virtualized, sortable, filtered, full-text search), overdue and
// major hazards marked with colour and text, multi-select with batch actions.
#pragma once
#include "store/queries.hpp"
#include "ui/screen.hpp"

#include <set>
#include <string>
#include <vector>

namespace hz::ui {

class LedgerScreen final : public Screen {
public:
  const char* id() const override { return "ledger"; }
  const char* title() const override { return "隐患台账"; }
  void draw(AppContext& ctx) override;

private:
  // A page of rows fetched at `offset` of the current filter and sort.
  struct Page {
    int64_t offset = 0;
    std::vector<store::HazardRow> rows;
    uint64_t lastUsed = 0; // m_useClock when a row of it was last drawn
  };

  void drawFilters(AppContext& ctx);
  void drawBatchBar(AppContext& ctx);
  void drawTable(AppContext& ctx);
  void applySearchText(); // the debounced search box text becomes part of the filter
  void refresh(AppContext& ctx);
  bool ensureRows(AppContext& ctx, int64_t first, int64_t last, bool mayFetch);
  bool fetchPage(AppContext& ctx, int64_t offset, int64_t limit);
  const store::HazardRow* rowAt(int64_t index);
  // The filter or sort changed: query again and show the list from its top.
  void requery() {
    m_dirty = true;
    m_scrollToTop = true;
  }
  void applyBatch(AppContext& ctx, bool department);

  store::HazardFilter m_filter;
  store::HazardSort m_sort;
  std::string m_caption;       // from a dashboard drill-down
  std::string m_searchText;    // the search box; copied to m_filter.text after a pause in typing
  double m_searchEditedAt = 0; // ImGui::GetTime() of the last edit of the search box
  std::string m_statusFilter;  // combo text ("" = all)
  std::string m_levelFilter;
  std::string m_townFilter; // township label
  bool m_overdueOnly = false;
  model::StampWatch m_watch; // reload when the data changed
  bool m_dirty = true;       // filter, sort or data changed: query again before the table is drawn
  bool m_scrollToTop = false;
  int64_t m_total = 0;
  std::vector<Page> m_pages; // a few recently drawn pages (always the first: ImGui measures row 0)
  uint64_t m_useClock = 0;
  float m_lastScrollY = -1.0f; // the table's scroll position in the previous frame (jump detection)
  double m_jumpedAt = -1e9;    // ImGui::GetTime() of the last jump of the view
  float m_rowHeight = 0;       // measured by the clipper; placeholder rows use it
  std::string m_error;
  std::string m_exportError; // why the last 导出明细表 failed
  std::set<std::string> m_selected;
  std::string m_batchDepartment, m_batchDeadline, m_batchMessage;
  bool m_focusSearch = false;
};

} // namespace hz::ui
