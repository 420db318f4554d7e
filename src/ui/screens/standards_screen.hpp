// 判定标准: the library of determination standards by industry (title, issuer, number, year,
// superseded) with their clauses (article + summary), searchable; add and edit standards and
// their clauses.
#pragma once
#include "core/model.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class StandardsScreen final : public Screen {
public:
  const char* id() const override { return "standards"; }
  const char* title() const override { return "判定标准"; }
  void draw(AppContext& ctx) override;

private:
  void reload(AppContext& ctx);
  bool matches(const core::Standard& s) const;
  void drawList(AppContext& ctx);
  void drawDetail(AppContext& ctx);
  void drawForm(AppContext& ctx);
  void startForm(const core::Standard* existing);
  bool saveForm(AppContext& ctx);

  model::StampWatch m_watch; // reload when the data changed
  std::vector<core::Standard> m_all;
  std::string m_search, m_industryFilter;
  bool m_showRetired = true;
  std::string m_selectedId;

  bool m_editing = false;
  bool m_formIsNew = true;
  core::Standard m_form;
  forms::Feedback m_feedback; // of the form; its message stays above the list after a save
};

} // namespace hz::ui
