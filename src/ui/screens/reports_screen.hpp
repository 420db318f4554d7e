// 统计通报: a period (presets or dates) and a scope; the figures with 环比 and 同比, each opening
// the ledger filtered to the hazards behind it; the 考评 ranking with zones and each score's
// breakdown; the 倒查 and 排查精度 lists; 工伤 year over year; and the bulletin — its editable
// title, 文号 and 下步工作要求, a preview, downloads as printable HTML and .docx, and issuing.
// Every table downloads as .xlsx or CSV. Figures come from model::ReportsModel.
#pragma once
#include "report/docx.hpp"
#include "report/table.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hz::ui {

class ReportsScreen final : public Screen {
public:
  const char* id() const override { return "reports"; }
  const char* title() const override { return "统计通报"; }
  void draw(AppContext& ctx) override;

private:
  void drawSelection(AppContext& ctx);
  void drawFigures(AppContext& ctx);
  void drawAssessment(AppContext& ctx);
  void drawLookback(AppContext& ctx);
  void drawPrecision(AppContext& ctx);
  void drawInjuries(AppContext& ctx);
  void drawBulletin(AppContext& ctx);
  // A report table with its 导出 Excel / 导出 CSV buttons; onRow(i) when row i is clicked.
  void table(AppContext& ctx, const char* id, const report::Table& t, const std::string& fileName,
             const std::function<void(size_t)>& onRow = {}, float height = 0.0f);

  // The report tables shown, built once per data stamp, period and scope (some have thousands of
  // rows), with their column widths.
  const report::Table& cached(AppContext& ctx, const std::string& key, const std::function<report::Table()>& build);
  std::map<std::string, report::Table> m_tables;
  std::map<const report::Table*, std::vector<double>> m_widths;
  std::string m_tablesGeneration;
  std::optional<report::Document> m_preview; // the bulletin as laid out for the preview
  void dropStale(AppContext& ctx);           // forgets the above when the data or selection moved

  std::string m_from, m_to;                                        // the custom period being typed
  std::string m_scopeTownship, m_scopeDepartment, m_scopeIndustry; // the scope ("" = all)
  int m_assessKind = 0;                                            // 0 townships, 1 departments
  int m_selectedUnit = -1;                                         // row of the assessment whose breakdown is shown
  bool m_draftLoaded = false;
  bool m_draftDirty = false; // edited since the last save
  std::string m_draftPeriod; // the period the edited draft belongs to
  std::string m_title, m_number, m_date, m_nextSteps;
  forms::Feedback m_feedback;
};

} // namespace hz::ui
