// 总览: counts by status, level and source, overdue, rectified and closed rates, bars by township
// and industry and the weekly trend of found vs closed, all drawn with ImDrawList. Clicking a
// bar or a count opens the ledger filtered to it.
#pragma once
#include "report/stats.hpp"
#include "ui/screen.hpp"

namespace hz::ui {

class DashboardScreen final : public Screen {
public:
  const char* id() const override { return "dashboard"; }
  const char* title() const override { return "总览"; }
  void draw(AppContext& ctx) override;

private:
  void drawCards(AppContext& ctx);
  void drawBars(AppContext& ctx, const char* title, const std::vector<report::CountBy>& data, bool township);
  void drawTrend(AppContext& ctx);

  model::StampWatch m_watch; // reload when the data changed
  report::HazardStats m_data;
  std::string m_error;
  std::string m_today;
};

} // namespace hz::ui
