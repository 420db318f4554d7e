// The 统计通报 part of the app model (see reports.hpp).
#include "model/reports.hpp"

#include "model/app_model.hpp"

namespace hz::model {

// [SECTION] Selection

void ReportsModel::refreshIfStale() {
  const std::string day = m_app.today().toString();
  if (m_stamp == m_app.stamp() && m_day == day) return;
  m_stamp = m_app.stamp();
  m_day = day;
  m_config.reset();
  m_stats.reset();
  m_assess[0].reset();
  m_assess[1].reset();
  m_lookback.reset();
  m_injuries.reset();
  m_bulletin.reset();
  m_issued.reset();
  m_draft.reset();
  if (m_sel.preset) m_resolved = false; // "本月" moves with the day
}

void ReportsModel::resolvePreset() {
  if (m_resolved) return;
  m_resolved = true;
  if (!m_sel.preset) return;
  const auto& c = config();
  auto p = report::presetPeriod(*m_sel.preset, m_app.today(), c.campaignFrom, c.campaignTo);
  if (!p) { // the campaign's dates were removed: fall back to this month
    m_sel.preset = report::PeriodPreset::ThisMonth;
    p = report::presetPeriod(*m_sel.preset, m_app.today());
  }
  m_sel.period = *p;
}

const ReportsModel::Selection& ReportsModel::selection() {
  refreshIfStale();
  resolvePreset();
  return m_sel;
}

namespace {
template <class... T> void resetAll(T&... v) { (v.reset(), ...); }
} // namespace

Status ReportsModel::choosePreset(report::PeriodPreset p) {
  refreshIfStale();
  const auto& c = config();
  if (!report::presetPeriod(p, m_app.today(), c.campaignFrom, c.campaignTo))
    return Error::invalid("尚未设置专项行动期间：请在“设置 → 统计与考评”中填写开始日期");
  m_sel.preset = p;
  m_resolved = false;
  resetAll(m_stats, m_assess[0], m_assess[1], m_lookback, m_injuries, m_bulletin, m_draft);
  return ok();
}

Status ReportsModel::choosePeriod(const report::Period& p) {
  if (auto problem = report::checkPeriod(p); !problem.empty()) return Error::invalid(problem);
  refreshIfStale();
  m_sel.preset.reset();
  m_sel.period = p;
  m_resolved = true;
  resetAll(m_stats, m_assess[0], m_assess[1], m_lookback, m_injuries, m_bulletin, m_draft);
  return ok();
}

void ReportsModel::chooseScope(const report::Scope& scope, const std::string& label) {
  m_sel.scope = scope;
  m_sel.scopeLabel = label;
  resetAll(m_stats, m_injuries);
}

store::HazardFilter ReportsModel::filter() const { return report::hazardFilter(m_sel.scope, m_sel.period); }

// [SECTION] Figures

namespace {

// Fills `slot` from `compute` unless it holds a value; on failure keeps the error.
template <class T, class F> const T* lazy(std::optional<T>& slot, std::string& error, F&& compute) {
  if (!slot) {
    auto r = compute();
    if (!r) {
      error = r.error().describe();
      return nullptr;
    }
    slot = std::move(r.value());
  }
  return &*slot;
}

} // namespace

const report::PeriodComparison* ReportsModel::stats() {
  const auto& sel = selection();
  return lazy(m_stats, m_error,
              [&] { return report::compareStats(m_app.store(), sel.scope, sel.period, m_app.today()); });
}

const report::Assessment* ReportsModel::assessment(report::UnitKind kind) {
  const auto& sel = selection();
  auto& slot = m_assess[kind == report::UnitKind::Township ? 0 : 1];
  return lazy(slot, m_error, [&] { return report::assess(m_app.store(), kind, sel.period, m_app.today(), config()); });
}

const report::Lookback* ReportsModel::lookback() {
  const auto& sel = selection();
  return lazy(m_lookback, m_error,
              [&] { return report::lookback(m_app.store(), sel.period, m_app.today(), config()); });
}

const report::InjuryComparison* ReportsModel::injuries() {
  const auto& sel = selection();
  return lazy(m_injuries, m_error, [&] { return report::injuryComparison(m_app.store(), sel.scope, sel.period); });
}

// [SECTION] Settings

const report::ReportConfig& ReportsModel::config() {
  refreshIfStale();
  if (!m_config) {
    auto c = report::loadReportConfig(m_app.store());
    if (!c) m_error = c.error().describe();
    m_config = c ? c.value() : report::ReportConfig::defaults();
  }
  return *m_config;
}

Status ReportsModel::saveConfig(const report::ReportConfig& c) {
  if (m_app.readOnly()) return Error::make(ErrorCode::Conflict, "本页面为只读（数据库正在其他标签页中使用）");
  if (auto s = report::saveReportConfig(m_app.store(), c); !s) return s;
  m_stamp = 0; // everything derived from the settings is recomputed
  return ok();
}

// [SECTION] Bulletin

const report::BulletinDraft& ReportsModel::draft() {
  const auto& sel = selection();
  if (!m_draft) {
    auto saved = report::loadBulletinDraft(m_app.store());
    report::BulletinDraft d = saved ? saved.value() : report::BulletinDraft{};
    if (!(d.period == sel.period)) { // a new period: a fresh title, the same requirements
      d.period = sel.period;
      d.title.clear();
      d.date.clear();
    }
    if (d.title.empty()) d.title = report::defaultBulletinTitle(d.period);
    if (d.nextSteps.empty()) d.nextSteps = report::defaultNextSteps();
    m_draft = d;
  }
  return *m_draft;
}

Status ReportsModel::saveDraft(const report::BulletinDraft& d) {
  if (m_app.readOnly()) return Error::make(ErrorCode::Conflict, "本页面为只读（数据库正在其他标签页中使用）");
  if (!d.date.empty() && !core::Date::parse(d.date)) return Error::invalid("成文日期应为 YYYY-MM-DD 格式的有效日期");
  if (auto s = report::saveBulletinDraft(m_app.store(), d); !s) return s;
  m_draft = d;
  m_bulletin.reset();
  return ok();
}

const report::Bulletin* ReportsModel::bulletin() {
  const auto& d = draft();
  return lazy(m_bulletin, m_error, [&] { return report::buildBulletin(m_app.store(), d, m_app.today(), config()); });
}

Status ReportsModel::downloadBulletin(bool docx) {
  const report::Bulletin* b = bulletin();
  if (!b) return Error::make(ErrorCode::Internal, m_error);
  const report::Document doc = report::bulletinDocument(*b);
  const std::string name = "通报-" + report::periodText(b->draft.period);
  if (!docx) return download(fileName(name, ".html"), report::documentHtml(doc), "text/html;charset=utf-8");
  auto bytes = report::toDocx(doc);
  if (!bytes) return bytes.error();
  return download(fileName(name, ".docx"), *bytes,
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

Status ReportsModel::issueBulletin() {
  if (m_app.readOnly()) return Error::make(ErrorCode::Conflict, "本页面为只读（数据库正在其他标签页中使用）");
  const report::Bulletin* b = bulletin();
  if (!b) return Error::make(ErrorCode::Internal, m_error);
  auto issued = report::issueBulletin(m_app.store(), *b, m_app.today().toString());
  if (!issued) return issued.error();
  m_issued.reset();
  return ok();
}

const std::vector<report::IssuedBulletin>& ReportsModel::issued() {
  refreshIfStale();
  if (!m_issued) {
    auto list = report::listBulletins(m_app.store());
    if (!list) m_error = list.error().describe();
    m_issued = list ? std::move(list.value()) : std::vector<report::IssuedBulletin>{};
  }
  return *m_issued;
}

// [SECTION] Downloads

std::string ReportsModel::fileName(const std::string& name, const char* ext) { return m_app.datedFileName(name, ext); }

Status ReportsModel::download(const std::string& name, const std::string& bytes, const std::string& mime) {
  m_app.downloadFile(name, bytes, mime);
  m_lastDownload = name;
  return ok();
}

Status ReportsModel::downloadTable(const report::Table& table, const std::string& name, bool xlsx) {
  if (!xlsx) return download(fileName(name, ".csv"), report::toCsv(table), "text/csv;charset=utf-8");
  auto bytes = report::toXlsx({table});
  if (!bytes) return bytes.error();
  return download(fileName(name, ".xlsx"), *bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

} // namespace hz::model
