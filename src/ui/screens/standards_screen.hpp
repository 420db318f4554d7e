// 判定标准: the library of determination standards by industry (title, issuer, number, year,
// superseded) with their clauses (article + summary), searchable; add, edit and retire standards
// and clauses (a retired clause stays readable on the hazards citing it), how many hazards cite
// each, and a standard's clause list imported from a sheet. The library travels in ledger files.
#pragma once
#include "core/model.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <map>
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

  int64_t citations(const std::string& standardId, const std::string& article = {}, bool anyClause = true) const;

  model::StampWatch m_watch; // reload when the data changed
  std::vector<core::Standard> m_all;
  // Hazards citing each standard (key: id) and each of its clauses (key: id + '\x1f' + clause_ref).
  std::map<std::string, int64_t> m_citations;
  std::string m_search, m_industryFilter;
  bool m_showRetired = true;
  std::string m_selectedId;

  bool m_editing = false;
  bool m_formIsNew = true;
  core::Standard m_form;
  forms::Feedback m_feedback;       // of the form; its message stays above the list after a save
  std::string m_clauseSheetMessage; // outcome of 从表格导入条款
};

} // namespace hz::ui
