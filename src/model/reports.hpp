// The 统计通报 part of the app model: the period and scope being looked at (kept while the user
// moves between screens), the figures for them — computed by src/report/ when first asked for and
// kept until the data, the selection or the day changes — the bulletin draft, issuing, and the
// downloads (tables as .xlsx/CSV, the bulletin as printable HTML or .docx).
#pragma once
#include "core/result.hpp"
#include "report/assessment.hpp"
#include "report/bulletin.hpp"
#include "report/injuries.hpp"
#include "report/lookback.hpp"
#include "report/report_config.hpp"
#include "report/stats.hpp"
#include "report/table.hpp"

#include <functional>
#include <optional>
#include <string>

namespace hz::store {
class Store;
}

namespace hz::model {

class AppModel;

class ReportsModel {
public:
  explicit ReportsModel(AppModel& app) : m_app(app) {}

  // [SECTION] Selection
  struct Selection {
    std::optional<report::PeriodPreset> preset = report::PeriodPreset::ThisMonth; // nullopt = custom dates
    report::Period period;                                                        // resolved
    report::Scope scope;
    std::string scopeLabel; // 全部 / the township, department or industry chosen
  };
  const Selection& selection();
  Status choosePreset(report::PeriodPreset p); // refused for 专项行动期间 when its dates are unset
  Status choosePeriod(const report::Period& p);
  void chooseScope(const report::Scope& scope, const std::string& label);

  // [SECTION] Figures (nullptr with error() set when they could not be computed)
  const report::PeriodComparison* stats();
  const report::Assessment* assessment(report::UnitKind kind); // Township or Department
  const report::Lookback* lookback();
  const report::InjuryComparison* injuries();
  const std::string& error() const { return m_error; }
  // The hazard-list filter behind a figure of the current selection (the ledger drill-down).
  store::HazardFilter filter() const;

  // [SECTION] Settings (设置 → 统计与考评)
  const report::ReportConfig& config();
  Status saveConfig(const report::ReportConfig& c);

  // [SECTION] Bulletin
  // The draft for the current period (a saved draft of another period keeps its 下步工作要求).
  const report::BulletinDraft& draft();
  Status saveDraft(const report::BulletinDraft& d);
  const report::Bulletin* bulletin(); // built from the draft; nullptr with error()
  Status downloadBulletin(bool docx);
  Status issueBulletin(); // records the bulletin as issued (period, number, figures)
  const std::vector<report::IssuedBulletin>& issued();

  // [SECTION] Downloads
  // <office>-<name>-<YYYYMMDD>.xlsx|.csv
  Status downloadTable(const report::Table& table, const std::string& name, bool xlsx);
  const std::string& lastDownload() const { return m_lastDownload; }

private:
  void refreshIfStale();
  void resolvePreset();
  std::string fileName(const std::string& name, const char* ext);
  Status download(const std::string& name, const std::string& bytes, const std::string& mime);

  AppModel& m_app;
  Selection m_sel;
  bool m_resolved = false;
  uint64_t m_stamp = 0;
  std::string m_day;
  std::string m_error, m_lastDownload;
  std::optional<report::ReportConfig> m_config;
  std::optional<report::PeriodComparison> m_stats;
  std::optional<report::Assessment> m_assess[2];
  std::optional<report::Lookback> m_lookback;
  std::optional<report::InjuryComparison> m_injuries;
  std::optional<report::BulletinDraft> m_draft;
  std::optional<report::Bulletin> m_bulletin;
  std::optional<std::vector<report::IssuedBulletin>> m_issued;
};

} // namespace hz::model
