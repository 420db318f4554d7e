// Reports as tables (see report_tables.hpp).
#include "report/report_tables.hpp"

#include "core/model.hpp"

#include <cmath>
#include <cstdint>
#include <map>

namespace hz::report {

namespace {

double share(int64_t n, int64_t d) { return d > 0 ? static_cast<double>(n) / static_cast<double>(d) : 0; }

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

} // namespace

Table unitFiguresTable(const std::string& title, UnitKind kind, const std::vector<UnitFigures>& units) {
  Table t{title,
          {{unitKindName(kind)},
           {"检查企业（家）"},
           {"排查隐患（处）"},
           {"重大隐患（处）"},
           {"已整改（处）"},
           {"整改率"},
           {"已销号（处）"},
           {"逾期（处）"}},
          {}};
  UnitFigures sum;
  for (const auto& u : units) {
    if (u.hazards == 0 && u.enterprisesInspected == 0 && u.overdue == 0) continue;
    t.rows.push_back({text(u.name), integer(u.enterprisesInspected), integer(u.hazards), integer(u.major),
                      integer(u.rectified), percent(share(u.rectified, u.hazards)), integer(u.closed),
                      integer(u.overdue)});
    sum.enterprisesInspected += u.enterprisesInspected;
    sum.hazards += u.hazards;
    sum.major += u.major;
    sum.rectified += u.rectified;
    sum.closed += u.closed;
    sum.overdue += u.overdue;
  }
  // Firms can be counted under several units (e.g. departments): the total is not their sum.
  t.rows.push_back({text("合计"), kind == UnitKind::Township ? integer(sum.enterprisesInspected) : text("—"),
                    integer(sum.hazards), integer(sum.major), integer(sum.rectified),
                    percent(share(sum.rectified, sum.hazards)), integer(sum.closed), integer(sum.overdue)});
  return t;
}

Table assessmentTable(const std::string& title, const Assessment& a) {
  Table t{title, {{"排名", 6}, {unitKindName(a.kind)}}, {}};
  if (!a.units.empty())
    for (const auto& s : a.units.front().indicators) t.columns.push_back({indicatorName(s.id)});
  t.columns.push_back({"总分"});
  t.columns.push_back({"区域"});
  t.columns.push_back({"说明", 28});
  for (const auto& u : a.units) {
    std::vector<Cell> row = {integer(u.rank), text(u.figures.name)};
    for (const auto& s : u.indicators) row.push_back(number(std::round(s.score * 10) / 10));
    row.push_back(number(u.total));
    row.push_back(text(zoneName(u.zone)));
    row.push_back(text(u.zoneReason));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table hazardListTable(const std::string& title, const std::vector<HazardRef>& list, size_t limit) {
  Table t{
      title,
      {{"序号", 6}, {"隐患编号"}, {"企业名称"}, {"隐患描述", 30}, {"责任部门"}, {"责任人"}, {"整改期限"}, {"挂牌督办"}},
      {}};
  for (size_t i = 0; i < list.size() && (limit == 0 || i < limit); ++i) {
    const HazardRef& r = list[i];
    t.rows.push_back({integer(static_cast<int64_t>(i + 1)), text(r.number), text(r.enterpriseName), text(r.description),
                      text(r.responsibleDepartment), text(r.responsiblePerson), date(r.deadline), text(r.supervision)});
  }
  return t;
}

Table missedTable(const std::string& title, const std::vector<MissedCase>& cases) {
  Table t{title,
          {{"隐患编号"},
           {"企业名称"},
           {"隐患分类"},
           {"隐患来源"},
           {"发现日期"},
           {"此前检查日期"},
           {"检查部门"},
           {"检查人"},
           {"检查单位"}},
          {}};
  for (const auto& c : cases)
    for (const auto& i : c.inspections)
      t.rows.push_back({text(c.hazard.number), text(c.hazard.enterpriseName), text(c.hazard.category),
                        text(c.hazard.source), date(c.hazard.foundDate), date(i.date), text(i.department),
                        text(i.inspectors), text(i.office)});
  return t;
}

Table unwatchedTable(const std::string& title, const std::vector<UnwatchedCase>& cases, size_t limit) {
  Table t{title,
          {{"隐患编号"}, {"企业名称"}, {"责任部门"}, {"责任人"}, {"整改期限"}, {"状态"}, {"挂牌督办"}, {"问题", 24}},
          {}};
  for (size_t i = 0; i < cases.size() && (limit == 0 || i < limit); ++i) {
    const auto& c = cases[i];
    t.rows.push_back({text(c.hazard.number), text(c.hazard.enterpriseName), text(c.hazard.responsibleDepartment),
                      text(c.hazard.responsiblePerson), date(c.hazard.deadline), text(c.hazard.status),
                      text(c.hazard.supervision), text(joined(c.reasons, "、"))});
  }
  return t;
}

Table precisionTable(const std::string& title, const std::vector<TownshipPrecision>& towns) {
  Table t{title,
          {{"乡镇（街道）"},
           {"排查隐患（处）"},
           {"重大隐患（处）"},
           {"无判定依据（处）"},
           {"描述过简（处）"},
           {"疑似重复（处）"},
           {"隐患多而无重大隐患"}},
          {}};
  for (const auto& x : towns)
    t.rows.push_back({text(x.name), integer(x.hazards), integer(x.major), integer(x.noClause),
                      integer(x.shortDescription), integer(x.duplicates), text(x.manyNoMajor ? "是" : "")});
  return t;
}

Table precisionRowsTable(const std::string& title, const std::vector<PrecisionRow>& rows) {
  Table t{title, {{"乡镇（街道）"}, {"问题"}, {"隐患编号"}, {"企业名称"}, {"隐患描述", 30}, {"说明"}}, {}};
  for (const auto& r : rows)
    t.rows.push_back({text(r.hazard.township), text(precisionIssueName(r.issue)), text(r.hazard.number),
                      text(r.hazard.enterpriseName), text(r.hazard.description), text(r.detail)});
  return t;
}

Table injuryTable(const std::string& title, const std::vector<InjuryRow>& rows, const char* unitColumn) {
  Table t{title,
          {{unitColumn},
           {"本期（件）"},
           {"去年同期（件）"},
           {"增减（件）"},
           {"增减幅度"},
           {"死亡（人）"},
           {"去年同期死亡（人）"},
           {"受伤（人）"},
           {"去年同期受伤（人）"}},
          {}};
  for (const auto& r : rows) {
    const int64_t d = r.now.events - r.lastYear.events;
    t.rows.push_back({text(r.name), integer(r.now.events), integer(r.lastYear.events), integer(d),
                      r.lastYear.events > 0 ? percent(share(d, r.lastYear.events)) : text("—"), integer(r.now.deaths),
                      integer(r.lastYear.deaths), integer(r.now.injuries), integer(r.lastYear.injuries)});
  }
  return t;
}

// [SECTION] 明细表

const std::vector<std::string>& hazardSheetColumns() {
  static const std::vector<std::string> columns = {"序号",
                                                   "隐患编号",
                                                   "审核状态",
                                                   "上报单位",
                                                   "行业领域",
                                                   "企业类型",
                                                   "企业名称",
                                                   "统一社会信用代码",
                                                   "单位地址",
                                                   "隐患分类",
                                                   "隐患等级",
                                                   "重大隐患描述(举报问题描述)",
                                                   "隐患部位",
                                                   "隐患来源",
                                                   "检查方式",
                                                   "检查人",
                                                   "检查时间",
                                                   "判定依据",
                                                   "违反判定依据具体条款",
                                                   "是否整改",
                                                   "整改状态",
                                                   "计划完成治理时间",
                                                   "实际整改完成时间",
                                                   "整改责任部门/责任人",
                                                   "整改措施",
                                                   "治理经费(万元)",
                                                   "是否需停产停业",
                                                   "挂牌督办",
                                                   "验收人",
                                                   "验收日期",
                                                   "销号日期",
                                                   "填报人",
                                                   "填报时间",
                                                   "是否逾期",
                                                   "举报情况备注"};
  return columns;
}

Result<Table> hazardSheet(store::Store& store, const store::HazardFilter& filter, const core::Date& today) {
  auto page = store::queryHazards(store, filter, {"number", false}, 0, INT64_MAX, today);
  if (!page) return page.error();
  auto firms = store.listEnterprises();
  if (!firms) return firms.error();
  std::map<std::string, const core::Enterprise*> firmById;
  for (const auto& e : firms.value()) firmById[e.meta.id] = &e;
  auto standards = store.listStandards();
  if (!standards) return standards.error();
  std::map<std::string, std::string> standardTitle;
  for (const auto& s : standards.value()) standardTitle[s.meta.id] = s.title;
  auto towns = store.dictionary(store::kDictTownship, true);
  if (!towns) return towns.error();
  std::map<std::string, std::string> townName;
  for (const auto& e : towns.value()) townName[e.code] = e.value;

  Table t{"重大事故隐患排查及整改情况明细表", {}, {}};
  for (const auto& c : hazardSheetColumns()) t.columns.push_back({c});
  int64_t n = 0;
  for (const auto& row : page->rows) {
    const core::Hazard& h = row.hazard;
    const auto firm = firmById.find(h.enterpriseId);
    const core::Enterprise* e = firm == firmById.end() ? nullptr : firm->second;
    const auto town = townName.find(townshipKey(h.divisionCode));
    const bool rectified =
        h.status == core::HazardStatus::AwaitingVerification || h.status == core::HazardStatus::Closed;
    const auto standard = standardTitle.find(h.standardId);
    std::string responsible = h.responsibleDepartment;
    if (!h.responsiblePerson.empty()) responsible += (responsible.empty() ? "" : "/") + h.responsiblePerson;
    t.rows.push_back({integer(++n),
                      text(h.number),
                      text(core::toChinese(h.review)),
                      text(town != townName.end() ? town->second : h.divisionCode),
                      text(h.industry),
                      text(e ? core::toChinese(e->kind) : ""),
                      text(row.enterpriseName),
                      text(e ? e->uscc : ""),
                      text(e ? e->address : ""),
                      text(h.category),
                      text(core::toChinese(h.level)),
                      text(h.description),
                      text(h.location),
                      text(h.source),
                      text(h.inspectionMethod),
                      text(h.inspectors),
                      date(h.foundDate),
                      text(standard != standardTitle.end() ? standard->second : ""),
                      text(h.clauseRef),
                      text(rectified                                    ? "已整改"
                           : h.status == core::HazardStatus::InProgress ? "整改中"
                                                                        : "未整改"),
                      text(core::toChinese(h.status)),
                      date(h.deadline),
                      date(h.completedDate),
                      text(responsible),
                      text(h.measures),
                      number(h.fundsWan),
                      text(h.stopProduction ? "是" : "否"),
                      text(core::toChinese(h.supervision)),
                      text(h.verifier),
                      date(h.verifiedDate),
                      date(h.closedDate),
                      text(h.reporter),
                      date(h.reportedDate),
                      text(row.overdue ? "是" : "否"),
                      text(h.remarks)});
  }
  return t;
}

} // namespace hz::report
