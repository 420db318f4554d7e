// 工伤事件: the list of work injuries and accidents (date, enterprise or a free name, township,
// industry, deaths, injuries, description) with totals for the shown rows, and the record form.
#pragma once
#include "core/model.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class InjuriesScreen final : public Screen {
public:
  const char* id() const override { return "injuries"; }
  const char* title() const override { return "工伤事件"; }
  void draw(AppContext& ctx) override;

private:
  void reload(AppContext& ctx);
  void applyFilter(AppContext& ctx);
  void drawList(AppContext& ctx);
  void drawForm(AppContext& ctx);
  void startForm(AppContext& ctx, const core::WorkInjury* existing);
  bool saveForm(AppContext& ctx);
  std::string partyName(AppContext& ctx, const core::WorkInjury& w) const;

  model::StampWatch m_watch; // reload when the data changed
  std::vector<core::WorkInjury> m_all;
  std::vector<size_t> m_rows;
  std::string m_search, m_yearFilter, m_townFilter;
  bool m_filterDirty = true;
  long long m_deaths = 0, m_injuries = 0;

  bool m_editing = false;
  bool m_formIsNew = true;
  core::WorkInjury m_form;
  forms::Feedback m_feedback; // of the form; its message stays above the list after a save
};

} // namespace hz::ui
