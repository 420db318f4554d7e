// 检查记录: the list of inspections (date, method, department, inspectors, enterprise), the form
// to record or edit one, and its detail with the hazards found during it ("登记发现的隐患" opens
// the hazard form prefilled from the inspection).
#pragma once
#include "core/model.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class InspectionsScreen final : public Screen {
public:
  const char* id() const override { return "inspections"; }
  const char* title() const override { return "检查记录"; }
  void draw(AppContext& ctx) override;

private:
  void reload(AppContext& ctx);
  void applyFilter(AppContext& ctx);
  void drawToolbar(AppContext& ctx);
  void drawList(AppContext& ctx, float height);
  void drawDetail(AppContext& ctx);
  void drawForm(AppContext& ctx);
  void select(AppContext& ctx, const std::string& id);
  void startForm(AppContext& ctx, const core::Inspection* existing);
  bool saveForm(AppContext& ctx);
  void addHazard(AppContext& ctx, const core::Inspection& in);

  model::StampWatch m_watch; // reload when the data changed
  std::vector<core::Inspection> m_all;
  std::vector<size_t> m_rows;
  std::string m_search, m_methodFilter;
  std::vector<std::string> m_methodTexts; // the filter's value and its former names
  bool m_filterDirty = true;

  std::string m_selectedId;
  std::vector<core::Hazard> m_found; // hazards of the selected inspection
  bool m_foundLoaded = false;

  bool m_editing = false;
  bool m_formIsNew = true;
  core::Inspection m_form;
  forms::Feedback m_feedback; // of the form; its message stays above the list after a save
};

} // namespace hz::ui
