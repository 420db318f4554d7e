// 隐患台账: the hazard table (virtualized, sortable, filtered, full-text search), overdue and
// major hazards marked with colour and text, multi-select with batch actions.
#pragma once
#include "store/queries.hpp"
#include "ui/screen.hpp"

#include <set>
#include <string>

namespace hz::ui {

class LedgerScreen final : public Screen {
public:
  const char* id() const override { return "ledger"; }
  const char* title() const override { return "隐患台账"; }
  void draw(AppContext& ctx) override;

private:
  void drawFilters(AppContext& ctx);
  void drawBatchBar(AppContext& ctx);
  void drawTable(AppContext& ctx);
  void ensureRows(AppContext& ctx, int64_t first, int64_t last);
  void requery() { m_dirty = true; }
  void applyBatch(AppContext& ctx, bool department);

  store::HazardFilter m_filter;
  store::HazardSort m_sort;
  std::string m_caption;        // from a dashboard drill-down
  std::string m_statusFilter;   // combo text ("" = all)
  std::string m_levelFilter;
  std::string m_townFilter;     // township label
  bool m_overdueOnly = false;
  uint64_t m_generation = 0;
  bool m_dirty = true;
  int64_t m_total = 0;
  int64_t m_cacheOffset = 0;
  std::vector<store::HazardRow> m_cache;
  std::string m_error;
  std::set<std::string> m_selected;
  std::string m_batchDepartment, m_batchDeadline, m_batchMessage;
  bool m_focusSearch = false;
};

} // namespace hz::ui
